"""bench.lecard's "ours" row is the plain service path: no patched module constants, and a fact
description full of quotes and brackets ranks its pool through the long-text mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bench import lecard

FACTS = (
    "经审理查明：2019年5月，被告人王某某在“双环公司”仓库内（位于某市某区），趁无人之机盗窃电缆线三捆，"
    "价值人民币5000元。案发后，被告人王某某将所盗电缆线销赃，赃款用于挥霍。被告人王某某到案后如实供述了"
    "自己的罪行，退赔了被害单位的全部损失，取得了谅解。"
)
POOL = [
    lecard.Candidate(
        "1",
        {
            "ajName": "王某盗窃一审刑事判决书",
            "ajjbqk": "被告人王某在仓库内盗窃电缆线，价值人民币四千元，后将电缆线销赃，赃款挥霍。到案后如实供述，退赔损失。",
            "cpfxgc": "本院认为，被告人以非法占有为目的，秘密窃取他人财物，数额较大，构成盗窃罪。",
        },
    ),
    lecard.Candidate(
        "2",
        {
            "ajName": "李某故意伤害一审刑事判决书",
            "ajjbqk": "被告人李某因琐事与被害人发生争执，持刀将被害人刺伤，经鉴定为轻伤二级。",
            "cpfxgc": "本院认为，被告人故意伤害他人身体，致人轻伤，构成故意伤害罪。",
        },
    ),
    lecard.Candidate(
        "3",
        {
            "ajName": "张某诈骗一审刑事判决书",
            "ajjbqk": "被告人张某虚构事实，骗取被害人钱款人民币五万元，用于挥霍。",
            "cpfxgc": "本院认为，被告人以非法占有为目的，骗取他人财物，数额较大，构成诈骗罪。",
        },
    ),
]


def test_variants_are_public_options_only() -> None:
    assert {f.name for f in dataclasses.fields(lecard.Variant)} == {"search_options", "weights"}
    assert lecard.Variant() == lecard.DEFAULT_VARIANT
    assert not hasattr(lecard, "_patched")


def test_ours_ranks_a_fact_description_with_quotes_and_brackets(tmp_path: Path) -> None:
    rankers = lecard.project_rankers(
        tmp_path, {"ours": lecard.DEFAULT_VARIANT, "question": lecard.QUESTION_READING}
    )
    query = lecard.Query("q1", FACTS)
    ours = rankers["ours"](query, POOL)
    assert ours and ours[0] == "1"
    # read as a typed question, the quoted "双环公司" is a required phrase no candidate has
    assert rankers["question"](query, POOL) == []
