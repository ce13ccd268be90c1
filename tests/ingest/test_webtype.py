"""The 新闻报道 / 经验交流 decision (ingest.webtype): its table and what it decides on pages of each kind."""

from __future__ import annotations

from ingest import webtype
from ingest.pipeline import read_bytes


def _cues(title: str, body: list[str], **kw: object) -> webtype.PageCues:
    return webtype.PageCues(
        title=title,
        body=tuple(body),
        source=str(kw.get("source", "")),
        byline=bool(kw.get("byline", False)),
        text="\n".join([title, *body]),
    )


def test_every_feature_has_a_fitted_weight_and_every_weight_a_feature() -> None:
    names = set(webtype.features(_cues("标题", ["正文。"])))
    assert names == set(webtype.weights())


def test_a_dated_report_with_a_reporter_is_news() -> None:
    cues = _cues(
        "青松县老干部局举办书画展",
        ["10月8日上午，青松县老干部局在县文化馆举办离退休干部书画展。", "据了解，此次展览共展出作品120幅。"],
        source="青松日报",
        byline=True,
    )
    assert webtype.decide(cues) == webtype.NEWS


def test_a_unit_presenting_its_numbered_practices_is_an_experience_write_up() -> None:
    body = [
        "近年来，青松县委老干部局坚持以党建为引领，着力健全离退休干部党组织体系，不断完善服务机制。",
        "一是坚持健全组织体系。持续推进离退休干部党支部标准化建设。",
        "二是注重强化阵地建设。积极搭建学习活动平台，切实提升服务质量。",
        "三是着力完善服务机制。深化“银发先锋”品牌建设，建立常态化走访制度。",
    ]
    assert webtype.decide(_cues("青松县：念好“三字诀” 激活银发力量", body)) == webtype.EXPERIENCE


def test_the_pipeline_types_an_untyped_page_with_the_model() -> None:
    text = (
        "青松县：念好“三字诀” 激活银发力量\n"
        "近年来，青松县委老干部局坚持以党建为引领，着力健全离退休干部党组织体系，不断完善服务机制。\n"
        "一是坚持健全组织体系。持续推进离退休干部党支部标准化建设。\n"
        "二是注重强化阵地建设。积极搭建学习活动平台，切实提升服务质量。\n"
        "三是着力完善服务机制。深化品牌建设，建立常态化走访制度。\n"
    )
    assert read_bytes("e.txt", text.encode("utf-8"))[0].doc_type == webtype.EXPERIENCE
