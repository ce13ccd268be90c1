"""policykg.regionrecords: the region records and the code and level facts the gazetteer's modules share."""

from __future__ import annotations

import dataclasses

import pytest

from policykg import gazetteer
from policykg.regionrecords import LEVELS, RANK, Region, RegionMention, norm_code


@pytest.mark.parametrize(
    ("given", "normal"),
    [
        ("21", "210000"),
        ("2101", "210100"),
        ("region:210000", "210000"),
        ("region:2101", "210100"),
        ("210603", "210603"),
        ("211221102", "211221102"),  # towns keep their 9 digits
        ("000000", "000000"),
    ],
)
def test_norm_code(given: str, normal: str) -> None:
    assert norm_code(given) == normal


def test_levels_rank_from_the_nation_down() -> None:
    assert LEVELS == ("province", "city", "county", "town")
    assert sorted(RANK, key=RANK.__getitem__) == ["country", *LEVELS]


def test_records_are_frozen_with_defaults() -> None:
    region = Region("210100", "沈阳市", "city", "210000")
    assert region.short_names == ()
    mention = RegionMention(0, 3, "沈阳市", (region,))
    assert mention.region is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        region.name = "大连市"  # type: ignore[misc]


def test_the_gazetteer_hands_out_these_records() -> None:
    assert gazetteer.Region is Region and gazetteer.RegionMention is RegionMention
