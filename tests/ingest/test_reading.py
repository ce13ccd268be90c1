"""The state the profile steps share (ingest.reading), on lines written for the test."""

from __future__ import annotations

from ingest import metadata as m
from ingest import profiles
from ingest.reading import Reading


def _reading(text: str) -> Reading:
    return Reading(text=text, lines=m.split_lines(text), doc_id="d", script="simplified", gaz=None)


def test_a_new_reading_starts_at_the_first_line_with_nothing_found() -> None:
    r = _reading("关于做好离退休干部工作的通知\n正文。\n")
    assert (r.pos, r.title, r.issuers, r.md.skip_spans) == (0, None, [], [])
    assert r.md.profile == "document"


def test_at_reads_a_line_and_gives_empty_text_past_either_end() -> None:
    r = _reading("标题\n\n  正文。  \n")
    assert [r.at(i) for i in (-1, 0, 1, 2)] == ["", "标题", "正文。", ""]


def test_skip_marks_the_span_from_the_first_lines_start_to_the_last_lines_end() -> None:
    text = "标题\n  发布时间：2023-03-22\n来源：青山市民政局\n正文。\n"
    r = _reading(text)
    r.skip(1, 2)
    [(a, b)] = r.md.skip_spans
    assert text[a:b] == "发布时间：2023-03-22\n来源：青山市民政局"


def test_the_profiles_module_still_exposes_the_same_reading() -> None:
    assert profiles.Reading is Reading
