"""The title a document falls back on (ingest.fallbacktitle), with pages written for the test."""

from __future__ import annotations

from ingest.fallbacktitle import headline_before_lead, readable_stem


def test_a_headline_run_on_after_one_space_into_the_first_sentence_is_the_title() -> None:
    from ingest.pipeline import read_bytes

    page = (
        "“银发护河队”活跃在青石湾 在青石湾镇有一支护河队。十多年来，队员们每天沿河巡查，清理垃圾。\n"
        "队员们说，守护家乡的河是老党员的本分。\n"
    )
    [doc] = read_bytes("p001.txt", page.encode("utf-8"))
    assert doc.title == "“银发护河队”活跃在青石湾"


def test_the_headline_before_one_space_and_a_sentence_is_read_from_the_raw_text() -> None:
    raw = "某某护河队活跃在青石湾 在青石湾镇有一支护河队。队员们每天巡河。\n"
    display = "某某护河队活跃在青石湾在青石湾镇有一支护河队。队员们每天巡河。\n"  # spaces joined
    assert headline_before_lead(raw, display) == "某某护河队活跃在青石湾"
    # two parallel phrases of one headline, no sentence after: no split
    assert headline_before_lead("银发生辉 初心不改\n正文。", "银发生辉初心不改\n正文。") is None


def test_a_file_named_by_letters_is_shown_by_its_opening_words() -> None:
    assert (
        readable_stem("p001.txt", "近日，某某社区举办了一场老年书画展。展出作品百余幅。")
        == "近日，某某社区举办了一场老年书画展"
    )
    assert readable_stem("老干部工作要点.txt", "正文") == "老干部工作要点"


def test_a_line_without_han_characters_never_names_a_chinese_page() -> None:
    display = (
        "[an error occurred while processing this directive]\n青山市银龄书画展开展\n10月8日，书画展开展。"
    )
    assert readable_stem("p002.txt", display) == "青山市银龄书画展开展"


def test_a_long_first_line_that_is_no_sentence_is_shown_whole() -> None:
    line = "青山县有帮“不服老”的老人，在公园、学校门口、路口都能看到他们……"
    assert readable_stem("p003.txt", line + "\n近日，记者走访了这支队伍。") == line
    # a sentence is cut to its opening words
    long = "近日，青山县退休老人组建了一支服务队，在公园和学校门口义务维持秩序。他们说，这是本分。"
    assert readable_stem("p004.txt", long).endswith("…")


def test_a_breadcrumb_above_a_run_on_headline_changes_nothing() -> None:
    raw = "首页 > 新闻中心 > 正文\n某某护河队活跃在青石湾 在青石湾镇有一支护河队。队员们每天巡河。\n"
    display = "首页 > 新闻中心 > 正文\n某某护河队活跃在青石湾在青石湾镇有一支护河队。队员们每天巡河。\n"
    assert headline_before_lead(raw, display) == "某某护河队活跃在青石湾"


def test_a_space_inside_a_quotation_is_no_end_of_a_headline() -> None:
    raw = "青山街道携手夕阳艺术团开展“迎春纳福 欢度元宵”文艺慰问演出，为老人送去祝福。\n元宵节当天，演出走进养老院。\n"
    display = raw.replace("纳福 欢度", "纳福欢度")
    assert headline_before_lead(raw, display) is None


def test_a_one_sentence_line_the_lead_tells_again_is_a_headline_with_a_full_stop() -> None:
    line = "青山街道关工委携手夕阳红艺术团开展“迎春纳福欢度元宵”主题慰问演出活动。"
    lead = "2月24日元宵节当天，街道关工委携手夕阳红艺术团开展“迎春纳福欢度元宵”主题慰问演出。"
    assert readable_stem("p005.txt", line + "\n" + lead) == line.rstrip("。")
    # a lead sentence on its own line, not told again: its opening words only
    other = "青山街道工作人员为辖区内八十岁以上的独居老人逐户送去节日慰问品和慰问金。"
    assert readable_stem("p006.txt", other + "\n演出持续两个小时，老人们看得津津有味。").endswith("…")
    # a dated first sentence is the lead, however it is followed
    dated = "2021年7月8日青山街道携手夕阳艺术团走进敬老院开展迎春主题慰问演出活动。"
    assert readable_stem("p007.txt", dated + "\n" + dated).endswith("…")


def test_a_writers_name_alone_above_the_text_is_not_the_title() -> None:
    text = "王 某 某\n近日，我读到一本记录三线建设的史料选编，书中收录了当年民兵师的报纸。\n"
    assert readable_stem("p008.txt", text).startswith("近日，我读到")
    # a short headline that is no name stays the title
    assert readable_stem("p009.txt", "秋日登高\n重阳节当天，老同志们结伴登山。") == "秋日登高"
