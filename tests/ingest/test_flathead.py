"""A page's head flattened onto one line (ingest.flathead), split before the layout repair.

Fixtures are written for the test: the shapes of document-sharing and speech-template pages met in
the real development set, with invented words.
"""

from __future__ import annotations

from ingest.coverage import check
from ingest.flathead import split_flat_head, unflatten_first_line
from ingest.pipeline import read_bytes


def test_spaced_title_before_text_is_split() -> None:
    line = "青山社区老年协会活动管理制度 为了丰富社区老同志的精神生活，规范协会活动，特制定本制度。一、协会每月活动一次。"
    assert split_flat_head(line) == [
        "青山社区老年协会活动管理制度",
        "为了丰富社区老同志的精神生活，规范协会活动，特制定本制度。一、协会每月活动一次。",
    ]


def test_speech_title_date_speaker_salutation_are_split() -> None:
    line = "在全县老干部工作座谈会上的讲话（2019年3月8日）县委副书记李明远同志们：今天，我们召开全县老干部工作座谈会，主要任务是总结工作。"
    assert split_flat_head(line) == [
        "在全县老干部工作座谈会上的讲话",
        "（2019年3月8日）",
        "县委副书记李明远",
        "同志们：",
        "今天，我们召开全县老干部工作座谈会，主要任务是总结工作。",
    ]


def test_lines_that_are_not_flattened_heads_stay() -> None:
    for line in (
        "老干部工作管理制度",  # a headline alone
        "近日，青山县委老干部局召开会议，部署离退休干部党支部建设工作，要求各单位抓好落实。",  # text
        "离退休干部管理办法 修订说明 第二稿",  # a title with words after a space: no sentence
        "关于加强离退休干部党建工作的通知",
    ):
        assert split_flat_head(line) == [line]


def test_only_the_first_line_is_looked_at() -> None:
    lines = [
        "",
        "某某制度 为了规范管理，做好离退休干部服务工作，结合实际制定本制度。",
        "某某办法 为了规范管理，特制定本办法，请各单位遵照执行。",
    ]
    out = unflatten_first_line(lines)
    assert out[1] == "某某制度" and out[-1] == lines[2]


def test_flattened_rules_page_gets_title_type_and_full_coverage() -> None:
    text = "青山社区老年协会活动管理制度 为了丰富社区老同志的精神生活，规范协会活动，特制定本制度。一、协会每月活动一次，由会长召集。 二、会员应遵守协会章程，按时参加活动。"
    doc = read_bytes("z.txt", text.encode("utf-8"))[0]
    assert doc.title == "青山社区老年协会活动管理制度"
    assert doc.doc_type == "制度"
    assert check(doc).ok


def test_flattened_speech_gets_title_date_and_type() -> None:
    text = "在全县老干部工作座谈会上的讲话（2019年3月8日）县委副书记李明远同志们：今天，我们召开全县老干部工作座谈会，主要是回顾上年工作、安排本年任务。下面，我讲三点意见：一、提高认识，把老干部工作摆上重要位置。"
    doc = read_bytes("z.txt", text.encode("utf-8"))[0]
    assert doc.title == "在全县老干部工作座谈会上的讲话"
    assert doc.date == "2019-03-08"
    assert doc.doc_type == "讲话"
    assert check(doc).ok


def test_a_news_headline_run_into_its_dated_lead_is_split() -> None:
    line = (
        "市委老干部局到青松区调研“开放式”老干部活动中心建设情况 11月10日下午，市委老干部局调研组一行三人来到青松区，"
        "对今年申报的活动室进行检查验收。"
    )
    assert split_flat_head(line) == [
        "市委老干部局到青松区调研“开放式”老干部活动中心建设情况",
        "11月10日下午，市委老干部局调研组一行三人来到青松区，对今年申报的活动室进行检查验收。",
    ]
    # a news agency's dateline is no headline
    line = "新华网青松1月7日电 1月6日，青松省召开老干部工作会议，部署全年工作，凝聚力量开创新局面。"
    assert split_flat_head(line) == [line]


def test_a_flattened_head_under_page_furniture_is_split() -> None:
    # a saved page keeps its breadcrumb (or a banner, a date line) above the head the site flattened
    lines = [
        "首页 > 规章制度 > 管理制度",
        "",
        "某某制度 为了规范管理，做好离退休干部服务工作，结合实际制定本制度。",
    ]
    out = unflatten_first_line(lines, furniture=lambda line: line.startswith("首页"))
    assert out[2:] == ["某某制度", "为了规范管理，做好离退休干部服务工作，结合实际制定本制度。"]
    assert unflatten_first_line(lines) == lines  # without furniture the breadcrumb is the first line


def test_a_flattened_rules_page_under_a_breadcrumb_gets_its_title() -> None:
    text = (
        "首页 > 规章制度 > 管理制度\n"
        "青山社区老年协会活动管理制度 为了丰富社区老同志的精神生活，规范协会活动，特制定本制度。"
        "一、协会每月活动一次，由会长召集。 二、会员应遵守协会章程，按时参加活动。"
    )
    doc = read_bytes("z.txt", text.encode("utf-8"))[0]
    assert doc.title == "青山社区老年协会活动管理制度"
    assert doc.doc_type == "制度"
    assert check(doc).ok


def test_a_trade_portals_dateline_is_no_headline_and_names_the_source() -> None:
    for text, lead in (
        (
            "青松在线青山消息 10月12日，青山市某区局组织全体退休人员在市郊开展了一次重阳登高活动。\n\n大家纷纷表示感谢。\n",
            "10月12日",
        ),
        (
            "青松在线据行业网站报道 4月18日，某某行业离退休干部工作会议在青山举行。会议回顾总结了上年工作。\n\n会议要求做好工作。\n",
            "4月18日",
        ),
    ):
        assert split_flat_head(text.split("\n")[0]) == [text.split("\n")[0]]
        doc = read_bytes("d.txt", text.encode("utf-8"))[0]
        assert doc.source_unit == "青松在线"
        assert doc.clauses[0].text.startswith(lead)
        assert check(doc).ok


def test_a_headline_run_into_a_medium_s_dateline_is_split() -> None:
    line = "青松县法院老干部座谈会青松網訊(記者 張三 通訊員 李四)10月15日,重陽節來臨之際,青山縣人民法院召開離退休老干部座談會。"
    assert split_flat_head(line)[0] == "青松县法院老干部座谈会"
    doc = read_bytes("d.txt", (line + "\n\n大家暢所欲言。\n").encode("utf-8"))[0]
    assert doc.title == "青松县法院老干部座谈会"
    assert doc.source_unit == "青松网"
    assert check(doc).ok


def test_a_headline_spaced_before_a_lead_that_gives_its_purpose_is_split() -> None:
    line = "青松区组织离退休干部开展社会考察活动 为全面贯彻落实会议精神，青松区日前组织80余名离退休干部参观重点项目。"
    assert split_flat_head(line) == [
        "青松区组织离退休干部开展社会考察活动",
        "为全面贯彻落实会议精神，青松区日前组织80余名离退休干部参观重点项目。",
    ]
    # a dateline before the purpose is no headline
    assert split_flat_head("本网讯(张三) 为纪念改革开放40周年，青松县举办离退休干部书画展，展出作品百余幅。")[
        0
    ].startswith("本网讯")


def test_a_sites_name_dashed_before_a_papers_dateline_is_no_headline() -> None:
    line = "青松零距離網-青松日報訊(記者 張三 通訊員 李四)“能不出門就不出門，也是為抗疫做貢獻……”老黨員王芳反復叮囑鄉親。"
    assert split_flat_head(line) == [line]
    doc = read_bytes("d.txt", (line + "\n\n社區黨員紛紛響應。\n").encode("utf-8"))[0]
    assert doc.source_unit == "青松零距离网"  # the site's name, never the paper's cut-off tail (松日报)
    assert check(doc).ok


def test_a_documents_name_run_into_its_first_heading_is_split() -> None:
    line = "某某局三基建设方案参考模板一、背景分析与问题定义1.1老干部工作发展背景"
    assert split_flat_head(line) == [
        "某某局三基建设方案参考模板",
        "一、背景分析与问题定义1.1老干部工作发展背景",
    ]


def test_a_trade_portals_dateline_in_traditional_script_is_no_headline() -> None:
    line = "青松在線青山消息 10月21日,青山某某卷煙廠開展“九九重陽節 濃濃敬老情”聯誼活動。工廠領導班子成員共200余人參加。"
    assert split_flat_head(line) == [line]
    doc = read_bytes("d.txt", (line + "\n\n廠工會主席致辭。\n").encode("utf-8"))[0]
    assert doc.source_unit == "青松在线"
