"""Filling the gaps: a line of body text no rule placed becomes a clause under the path of the clause
after it, unless a skipped span covers it or it is a heading already in a path; ids follow reading
order again.

Through split_clauses(keep_edges=True) the same is checked by the pipeline's tests."""

from __future__ import annotations

from ingest.clausebuilder import ClauseBuilder
from ingest.clausegaps import fill_gaps

TEXT = "一、总体要求\n  短行  \n坚持党建引领，服务发展大局。"
BODY = TEXT.index("坚持")


def placed(text: str = TEXT) -> ClauseBuilder:
    """A builder that placed only the sentence, under its heading."""
    b = ClauseBuilder("d", text, "simplified")
    b.emit(BODY, len(text), path=["一、总体要求"])
    return b


def test_an_unplaced_line_takes_the_path_of_the_clause_after_it_and_ids_are_renumbered() -> None:
    gap, body = fill_gaps(placed(), [])
    assert gap.text == "短行" and TEXT[gap.start : gap.end] == "短行"  # stripped offsets
    assert gap.path == ["一、总体要求"] and gap.kind == "paragraph"
    assert [(c.id, c.ordinal) for c in (gap, body)] == [("d:0001", 1), ("d:0002", 2)]
    assert body.text == "坚持党建引领，服务发展大局。"


def test_skipped_lines_and_heading_lines_are_not_gaps() -> None:
    b = placed()
    skip = [(TEXT.index("短行"), TEXT.index("短行") + 2)]
    assert fill_gaps(b, skip) is b.clauses  # nothing to place: the clauses as they were
    assert [c.id for c in b.clauses] == ["d:0001"]


def test_a_last_line_takes_the_path_of_the_last_clause() -> None:
    text = "坚持党建引领，服务发展大局。\n附件：名单"
    b = ClauseBuilder("d", text, "simplified")
    b.emit(0, text.index("\n"), path=["二、主要任务"])
    body, tail = fill_gaps(b, [])
    assert tail.text == "附件：名单" and tail.path == ["二、主要任务"]
    assert (body.id, tail.id) == ("d:0001", "d:0002")


def test_a_text_without_clauses_becomes_one_clause_per_line() -> None:
    text = "甲乙丙\n\n丁戊"
    clauses = fill_gaps(ClauseBuilder("d", text, "simplified"), [])
    assert [(c.text, c.path, c.id) for c in clauses] == [("甲乙丙", [], "d:0001"), ("丁戊", [], "d:0002")]
