"""Personal names (policykg.personnames): the surname list and the shape of a name."""

from __future__ import annotations

import pytest

from policykg.personnames import name_shaped, names_line, surname_length


def test_two_character_surnames_are_read_before_single_ones() -> None:
    assert surname_length("欧阳青松") == 2
    assert surname_length("林青松") == 1
    assert surname_length("们青松") == 0


@pytest.mark.parametrize(
    ("name", "shaped"),
    [
        ("林奥", True),
        ("栗开明", True),
        ("欧阳小青", True),
        ("林", False),
        ("王局长级", False),
        ("李部", False),
    ],
)
def test_a_name_is_a_surname_and_one_or_two_given_characters(name: str, shaped: bool) -> None:
    assert name_shaped(name) is shaped


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("林青 焦 贺", True),  # a two-character name spaced out to three characters' width
        ("林青焦贺", True),  # the same once spaces are gone
        ("张三 李四 王五", True),
        ("退休感怀", False),
        ("青松博物馆", False),
        ("林青", False),  # one name alone is not a credit line
        ("重阳敬老", False),
    ],
)
def test_a_line_of_nothing_but_names(line: str, names: bool) -> None:
    assert names_line(line) is names
