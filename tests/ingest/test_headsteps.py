"""The head steps (ingest.headsteps), each run on its own over a Reading of lines written for the test."""

from __future__ import annotations

from ingest import headsteps, profiles
from ingest import metadata as m
from ingest.reading import Reading


def _reading(text: str) -> Reading:
    return Reading(text=text, lines=m.split_lines(text), doc_id="d", script="simplified", gaz=None)


def _skipped(r: Reading) -> list[str]:
    return [r.text[a:b] for a, b in r.md.skip_spans]


def test_read_header_takes_the_number_issuer_and_title_of_a_red_head_document() -> None:
    r = _reading(
        "青山市民政局文件\n青民发〔2020〕5号\n关于印发《青山市养老服务补贴办法》的通知\n"
        "各县（区）民政局：\n现将《青山市养老服务补贴办法》印发给你们。\n"
    )
    headsteps.read_header(r)
    assert r.md.doc_no == "青民发〔2020〕5号"
    assert r.issuers == ["青山市民政局"]
    assert r.title == "关于印发《青山市养老服务补贴办法》的通知"
    assert r.pos == 3  # the addressee line is next


def test_read_web_head_takes_headline_date_source_and_author_and_skips_the_meta_line() -> None:
    r = _reading(
        "青山市开展敬老活动\n发布时间：2023-03-22 10:00 来源：青山日报 作者：李四\n近日，青山市开展活动。\n"
    )
    headsteps.read_web_head(r)
    assert (r.title, r.page_date, r.md.source_unit, r.md.authors) == (
        "青山市开展敬老活动",
        "2023-03-22",
        "青山日报",
        ["李四"],
    )
    assert r.pos == 2
    assert _skipped(r)[-1].startswith("发布时间")


def test_an_account_stamp_under_the_headline_names_the_source_when_nothing_else_does() -> None:
    page = "打开\n青山退休干部回乡当起村支书\nsubtitle\n{line}\n近日，记者走访了青山县某村。\n"
    r = _reading(page.format(line="乡村振兴观察2021-04-16 18:29"))
    headsteps.read_web_head(r)
    assert r.md.source_unit == "乡村振兴观察"
    r = _reading(page.format(line="乡村振兴观察2021/04/16 18:29"))  # the day written another way
    headsteps.read_web_head(r)
    assert r.md.source_unit == "乡村振兴观察"
    # a label word before the stamp: no source
    r = _reading(page.format(line="发布时间2021-04-16 18:29"))
    headsteps.read_web_head(r)
    assert r.md.source_unit is None


def test_a_dated_note_under_the_title_dates_the_text() -> None:
    r = _reading("某某同志在会议上的讲话\n（2015年7月7日，根据录音整理）\n正文。\n")
    r.pos = 1
    headsteps.read_date_under_title(r)
    assert (r.md.date, r.pos, _skipped(r)) == ("2015-07-07", 2, ["（2015年7月7日，根据录音整理）"])


def test_a_body_line_under_the_title_is_no_date_note() -> None:
    r = _reading("某某同志在会议上的讲话\n今天（2015年7月7日）我们开会。\n")
    r.pos = 1
    headsteps.read_date_under_title(r)
    assert (r.md.date, r.pos, r.md.skip_spans) == (None, 1, [])


def test_read_speech_head_takes_title_date_speaker_and_office() -> None:
    r = _reading(
        "在全市老干部工作会议上的讲话\n（2022年1月10日）\n市委老干部局局长 赵 刚\n同志们：\n今天开会。\n"
    )
    headsteps.read_header(r)
    headsteps.read_speech_head(r)
    assert r.speech is not None
    assert (r.title, r.md.date, r.md.authors) == ("在全市老干部工作会议上的讲话", "2022-01-10", ["赵刚"])
    assert r.md.author_offices == {"赵刚": "市委老干部局局长"}
    assert r.at(r.pos) == "今天开会。"  # the salutation is part of the head


def test_read_adopted_dates_a_regulation_by_its_adoption_note() -> None:
    r = _reading(
        "青山市养老服务条例\n（2023年6月8日青山市第十届人民代表大会常务委员会第三次会议审议通过）\n第一条 为了规范。\n"
    )
    headsteps.read_header(r)
    headsteps.read_adopted(r)
    assert (r.md.date, r.pos) == ("2023-06-08", 2)


def test_read_unit_under_title_takes_the_unit_and_date_in_brackets() -> None:
    r = _reading("关于做好离退休干部工作的通知\n（青山市民政局 2020年3月1日）\n正文。\n")
    headsteps.read_header(r)
    headsteps.read_unit_under_title(r)
    assert (r.issuers, r.md.date, r.pos) == (["青山市民政局"], "2020-03-01", 2)


def test_read_unit_under_title_leaves_a_body_sentence_alone() -> None:
    r = _reading("关于做好离退休干部工作的通知\n今年以来，全市老干部工作稳步推进。\n")
    headsteps.read_header(r)
    headsteps.read_unit_under_title(r)
    assert (r.issuers, r.pos) == ([], 1)


def test_read_meta_lines_skips_web_meta_and_keeps_the_publication_date() -> None:
    r = _reading("关于做好离退休干部工作的通知\n发布时间：2023-03-22 来源：青山市民政局\n正文。\n")
    headsteps.read_header(r)
    headsteps.read_meta_lines(r)
    assert (r.page_date, r.pos) == ("2023-03-22", 2)
    assert r.md.date is None  # only a fallback: the date steps decide


def test_read_addressee_takes_the_line_whom_the_document_is_sent_to() -> None:
    r = _reading("关于做好离退休干部工作的通知\n各县（区）民政局：\n现将有关事项通知如下。\n")
    r.pos = 1
    headsteps.read_addressee(r)
    assert (r.md.addressee, r.pos) == ("各县（区）民政局：", 2)


def test_a_sentence_introducing_a_list_is_no_addressee() -> None:
    r = _reading("表彰决定\n近日，市委决定表彰一批先进集体。具体名单如下：\n张三\n")
    r.pos = 1
    headsteps.read_addressee(r)
    assert (r.md.addressee, r.pos) == (None, 1)


def test_unwrap_transmittal_gives_the_transmitted_title_and_skips_its_own_line() -> None:
    r = _reading(
        "关于印发《青山市养老服务补贴办法》的通知\n现将《青山市养老服务补贴办法》印发给你们。\n"
        "青山市养老服务补贴办法\n第一条 为规范补贴，制定本办法。\n"
    )
    r.title, r.pos = r.at(0), 1
    headsteps.unwrap_transmittal(r)
    assert r.md.wrapper_title == "关于印发《青山市养老服务补贴办法》的通知"
    assert r.title == "青山市养老服务补贴办法"
    assert _skipped(r) == ["青山市养老服务补贴办法"]


def test_the_profiles_module_still_exposes_the_head_steps_it_runs() -> None:
    assert profiles.read_header is headsteps.read_header
    assert headsteps.read_web_head in profiles.PROFILES["web"]
    assert headsteps.read_meta_lines in profiles.PROFILES["document"]


def test_a_source_line_below_a_blurb_is_read_but_a_posters_place_is_not() -> None:
    from ingest.headsteps import _source_line_below

    blurb = "欢迎来到青松资讯站，这里每天为您汇集海量热点与精彩内容！"
    assert _source_line_below([blurb, "来自:浙江", "本文转自:青松日报", "本报讯 正文。"]) == "青松日报"
    assert _source_line_below([blurb, "来自:浙江"]) is None


def test_a_source_on_a_meta_line_the_residue_pass_took_names_a_documents_source() -> None:
    r = _reading("关于做好老干部走访慰问工作的通知\n各单位：\n现将有关事项通知如下。\n")
    r.residue = {"navigation": ["平安松江发布2031-01-04T16:26:13.341+00:00"]}
    headsteps.source_in_residue(r)
    assert r.md.source_unit == "平安松江"
    # a source already named stays
    r.residue = {"web": ["来源：青松日报"]}
    headsteps.source_in_residue(r)
    assert r.md.source_unit == "平安松江"
