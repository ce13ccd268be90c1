"""The tail steps (ingest.tailsteps), each run on its own over a Reading of lines written for the test."""

from __future__ import annotations

from ingest import metadata as m
from ingest import profiles, tailsteps
from ingest.reading import Reading


def _reading(text: str, pos: int) -> Reading:
    r = Reading(text=text, lines=m.split_lines(text), doc_id="d", script="simplified", gaz=None)
    r.pos = pos
    return r


def _skipped(r: Reading) -> list[str]:
    return [r.text[a:b] for a, b in r.md.skip_spans]


NOTICE = (
    "青民发〔2020〕5号\n各县（区）民政局：\n现将修订后的《青山市养老服务补贴办法》印发给你们，请遵照执行。\n"
    "青山市民政局\n2020年3月1日\n青山市养老服务补贴办法\n第一条 为规范补贴，制定本办法。\n"
)


def test_read_signatures_takes_the_signing_unit_and_dates_the_document() -> None:
    r = _reading(NOTICE, 2)
    tailsteps.read_signatures(r)
    assert (r.issuers, r.md.date) == (["青山市民政局"], "2020-03-01")
    assert _skipped(r) == ["青山市民政局\n2020年3月1日"]


def test_a_bare_closing_date_leaves_a_web_pages_own_date_standing() -> None:
    text = "青山市开展敬老活动\n近日，青山市开展活动。\n撰稿：张三\n2023年9月21日\n"
    document, page = _reading(text, 1), _reading(text, 1)
    page.page_date = "2023-09-22"
    tailsteps.read_signatures(document)
    tailsteps.read_signatures(page)
    assert (document.md.date, page.md.date) == ("2023-09-21", None)
    assert _skipped(page) == ["2023年9月21日"]  # still not body


def test_title_after_signature_takes_the_transmitted_documents_title() -> None:
    r = _reading(NOTICE, 2)
    tailsteps.read_signatures(r)
    tailsteps.title_after_signature(r)
    assert r.title == "青山市养老服务补贴办法"
    assert _skipped(r)[-1] == "青山市养老服务补贴办法"


def test_title_after_signature_keeps_a_title_already_found() -> None:
    r = _reading(NOTICE, 2)
    r.title = "关于印发养老服务补贴办法的通知"
    tailsteps.read_signatures(r)
    tailsteps.title_after_signature(r)
    assert r.title == "关于印发养老服务补贴办法的通知"


def test_read_printed_takes_the_printing_office_and_date_from_the_line_above() -> None:
    r = _reading("关于做好离退休干部工作的通知\n正文。\n青山市民政局办公室\n2020年3月2日印发\n", 1)
    tailsteps.read_printed(r)
    assert (r.md.printed_by, r.md.printed_date) == ("青山市民政局办公室", "2020-03-02")
    assert _skipped(r) == ["青山市民政局办公室\n2020年3月2日印发"]


def test_the_profiles_module_still_exposes_the_tail_steps_it_runs() -> None:
    assert profiles.read_signatures is tailsteps.read_signatures
    assert tailsteps.read_printed in profiles.PROFILES["document"]


def test_page_fields_printed_under_the_story_are_metadata_not_a_clause() -> None:
    from ingest.pipeline import read_bytes

    page = (
        "青山农场老党员捐出千枚红色邮票\n"
        "您当前的位置 : 青山新闻>\n"
        "11月28日，青山农场老党员张某把珍藏多年的邮票捐给了市博物馆。\n"
        "这些邮票记录了新中国的发展历程，将在博物馆分批展出。\n"
        "[来源:青山日报] [作者:王晓东、李红] [编辑:赵明]\n"
    )
    [doc] = read_bytes("p.txt", page.encode("utf-8"))
    assert doc.source_unit == "青山日报"
    assert doc.authors == ["王晓东", "李红"]  # (written with 、: normalising joins Han names across a space)
    assert not any("来源" in c.text for c in doc.clauses)
