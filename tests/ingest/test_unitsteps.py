"""The units behind a page found by ingest.unitsteps, with fixtures written for the test."""

from __future__ import annotations

from ingest.pipeline import read_bytes


def test_a_speech_at_a_units_meeting_is_that_units() -> None:
    text = (
        "李大明在青山市委纪念老干部工作30周年大会上的讲话\n"
        "尊敬的各位老领导、老同志，同志们：\n"
        "今天，我们在这里隆重召开纪念大会，回顾发展历程，总结基本经验，努力开创我委老干部工作新局面。\n"
    )
    d = read_bytes("s.txt", text.encode("utf-8"))[0]
    assert d.doc_type == "讲话"
    assert "青山市委" in [d.source_unit, d.author_unit, *d.issuers]
    assert "努力开创我委" not in [d.source_unit, d.author_unit]
