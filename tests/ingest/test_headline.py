"""What a headline line is (ingest.headline), with lines written for the test."""

from __future__ import annotations

from ingest.headline import continues, disclosure_fields, headline_like, lead_then_headline, site_units


def test_headline_like() -> None:
    assert headline_like("青松县老干部局召开离退休干部座谈会")
    assert not headline_like("近日，青松县老干部局召开座谈会。")  # a sentence
    assert not headline_like("2024-12-24 09:03:47 | 青松新闻网")  # a page's date line
    assert not headline_like("青政办发〔2021〕7号")  # a document number
    assert not headline_like("Document")  # no Han


def test_a_headline_broken_over_two_lines_continues() -> None:
    assert continues("我县集中培训80余名", "离退休干部党支部书记")
    assert continues("银发映初心", "——青松县离退休干部党支部建设纪事")
    assert continues("中办印发《意见》", "加强新时代离退休干部党的建设工作")
    assert not continues("青松县老干部局召开离退休干部座谈会", "近日，青松县老干部局召开座谈会。")
    # a verb and a quoted slogan above the main title (引题) belong to it
    assert continues("唱响“夕阳红”", "青松白水两地老干部同上一堂党课")
    assert not continues("唱响“夕阳红”", "近日，两地老干部同上一堂党课。")
    assert not headline_like("㈡ 某某条例是如何规定的")  # a list item


def test_a_headline_broken_after_its_leads_colon() -> None:
    assert lead_then_headline("退休干部张三：", "“坚持为群众多做点儿事”")
    assert lead_then_headline("青松县老年大学：", "课程新颖 学员争当“弄潮儿”")
    assert lead_then_headline("白水市：", "千名银龄志愿者走进社区")
    assert not lead_then_headline("主要做法如下：", "一是加强组织领导")  # a sentence's colon
    assert not lead_then_headline("青松县老年大学：", "近日，学员们走进社区开展志愿服务。")


def test_a_pages_imprint_account_lines_and_font_buttons_are_no_headline() -> None:
    from ingest.pipeline import read_bytes

    page = (
        "青松日报社 出版 国内统一刊号:CN99-0001 代号99-1\n\n微博:青松之声\n订阅号:青松广播电视台\n"
        "- 放大\n- 缩小\n- 默认\n青松县老年大学:\n课程新颖 学员争当“弄潮儿”\n"
        "本报讯 (青松县融媒体中心 张三 李四)5月17日，青松县老年大学开设泥塑课。\n学员们兴致很高。\n"
    )
    doc = read_bytes("p.txt", page.encode())[0]
    assert doc.title.replace(" ", "") == "青松县老年大学:课程新颖学员争当“弄潮儿”"
    assert not any("刊号" in c.text or "订阅号" in c.text or c.text.strip() == "默认" for c in doc.clauses)


def test_a_headline_runs_on_to_its_object_or_venue() -> None:
    assert continues("青松老年大学与白水社区共同举办", "“爱心传递·童心永驻”六一主题活动")
    assert continues("第五届青松市老干部“晚晴杯”", "象棋邀请赛在青松隆重举行")
    assert not continues("青松市老干部象棋赛举行", "象棋邀请赛在青松隆重举行")  # the first line is whole


def test_a_disclosure_tables_rows_are_meta_and_its_title_row_the_headline() -> None:
    from ingest.pipeline import read_bytes

    page = (
        "索引号: | QS001-066/2030-00001 | 公开方式: | 主动公开 |\n"
        "文号: | 青街办〔2030〕4号 | 成文日期: | 2030-08-12 |\n发布单位: | 青松街道 |\n"
        "青松县青松街道办事处关于举办第六届老年人健身运动会的通知 | |||||||||||||||||||||||||||||||||\n|\n"
        "各社区、行政村：为庆祝老人节，街道决定举办老年人运动会。现将有关事项通知如下。\n一、时间地点\n10月10日在街道广场。\n"
    )
    doc = read_bytes("p.txt", page.encode())[0]
    assert doc.title == "青松县青松街道办事处关于举办第六届老年人健身运动会的通知"
    assert doc.date == "2030-08-12"


def test_a_reposts_original_headline_label_is_dropped() -> None:
    from ingest.pipeline import read_bytes

    text = "原标题：我市首次为退休干部举行荣誉仪式\n9月11日，青松市第一次为退休干部举行荣誉仪式。\n仪式庄重简朴。\n"
    assert read_bytes("p.txt", text.encode("utf-8"))[0].title == "我市首次为退休干部举行荣誉仪式"


def test_a_line_of_the_sites_owners() -> None:
    assert site_units("离退休干部党工委、离退休办公室")
    assert not site_units("离退休干部党工委召开会议")


def test_a_letter_whose_headline_is_its_kind() -> None:
    from ingest.pipeline import read_bytes

    assert headline_like("倡议书") and headline_like("慰问信")
    assert not headline_like("通知")  # a bare 通知 is more often a column's label
    text = (
        "2030年06月14日\n\n倡议书\n\n全市广大五老志愿者：\n\n"
        "在市关工委成立25周年之际，我们向全市五老志愿者发出如下倡议。\n\n"
        "五老志愿者要主动增强关心下一代的使命感。\n\n青山市关心下一代工作委员会\n"
    )
    doc = read_bytes("l.txt", text.encode("utf-8"))[0]
    assert doc.title == "倡议书"
    assert doc.date == "2030-06-14"


def test_a_headline_wrapped_after_a_quoted_theme_with_commas_goes_on() -> None:
    assert continues("退休党委组织“传承优良作风，永葆党员本色”", "主题参观学习活动")
    assert not continues("退休党委组织“传承优良作风，永葆党员本色”", "青松县老干部局")


def test_where_an_event_took_place_ends_a_headline_on_its_own_line() -> None:
    assert continues("青松县市场监管系统老年门球赛", "在白河举行")
    assert not continues("青松县市场监管系统老年门球赛", "在白河")


def test_a_flattened_disclosure_row_gives_the_fields_of_its_filled_cells() -> None:
    assert disclosure_fields("发文机关: | 市民政局 | 发文日期: | |") == [("source", "市民政局")]
    assert disclosure_fields("文号: | 青政发〔2030〕5号 | 成文日期: | 2030-03-02 |") == [
        ("doc_no", "青政发〔2030〕5号"),
        ("date", "2030-03-02"),
    ]
    assert disclosure_fields("名称: | |||") == []
