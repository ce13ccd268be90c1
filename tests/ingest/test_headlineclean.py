"""Headline cleaning (ingest.headlineclean), on shapes met on real pages (invented words)."""

from __future__ import annotations

import pytest

from ingest.headlineclean import clean_headline
from ingest.names import clean_source, org_prefix, split_glued


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("[图文]离退办组织老干部参观古巷", "离退办组织老干部参观古巷"),
        ("学院新闻[图文]离退办组织老干部参观古巷", "离退办组织老干部参观古巷"),
        ("【最美夕阳红】银发耀山城——记青禾县志愿服务队", "银发耀山城——记青禾县志愿服务队"),
        ("范文宝典:www.example.com在全市老干部局长会议上的讲话", "在全市老干部局长会议上的讲话"),
        ("第一篇:老干部局加强自身建设调研", "老干部局加强自身建设调研"),
        ("4老干部学习阅文制度", "老干部学习阅文制度"),
        ("86岁老党员的入党申请书", "86岁老党员的入党申请书"),  # an age, not a list number
        ("30位老同志受聘为网吧监督员-【新闻】", "30位老同志受聘为网吧监督员"),  # a column tag after a dash
        ("老年门球赛开幕式在我校举行-青松大学新闻网", "老年门球赛开幕式在我校举行"),  # the site's name
        ("十一位老同志荣获纪念章—分享—", "十一位老同志荣获纪念章"),  # the share button
        ("「老干部之家」青松县离退休干部党支部开展创建工作", "青松县离退休干部党支部开展创建工作"),
        ("原標題:在老年大學圓少年的夢", "在老年大學圓少年的夢"),
        (
            "【学习宣传全会精神青松行动】之——学报告 话感悟",
            "学报告 话感悟",
        ),  # a long column tag and its link  # a repost's label for the first headline
        (
            "青松好乡亲丨“五老”宣讲团回馈家乡",
            "青松好乡亲丨“五老”宣讲团回馈家乡",
        ),  # a kicker set off by 丨 stays
        ("离退休干部党支部运行情况调研报告(3)", "离退休干部党支部运行情况调研报告"),
        ("庆元宵节领导讲话稿( 二 )", "庆元宵节领导讲话稿"),  # a sharing site's variant number
        # a news series' part belongs to its headline
        ("银发同心 共话新篇(七)", "银发同心 共话新篇(七)"),
        ("退休党员志愿者们在行动（4）", "退休党员志愿者们在行动（4）"),
        ("争一流 当冠军 | 退休第三党支部获评示范党支部", "退休第三党支部获评示范党支部"),
        ("关于做好春节走访慰问工作的通知关于做好春节走访慰问工作的通知", "关于做好春节走访慰问工作的通知"),
        ("2024年全市老干部工作要点", "2024年全市老干部工作要点"),
        ("关于印发实施方案的通知（试行）", "关于印发实施方案的通知（试行）"),
        ("老干部合唱团参加汇演2021-12-10 15.30", "老干部合唱团参加汇演"),  # an hour printed with a dot
        ("老干部工作调研报告3篇_第1页", "老干部工作调研报告3篇"),  # a sharing site's page suffix
        # a long column tag in front (a series of a reading festival)
        (
            "【聚焦第五届全民阅读大会——培育读书风尚建设书香社会】银龄读书论坛:乐享银发岁月",
            "银龄读书论坛:乐享银发岁月",
        ),
    ],
)
def test_clean_headline(raw: str, clean: str) -> None:
    assert clean_headline(raw) == clean


def test_sources_units_and_glued_issuers() -> None:
    assert clean_source("北原在线收集") == "北原在线"
    assert clean_source("sp20241119") is None
    assert split_glued("中共某某省委组织部中共某某省委老干部局") == [
        "中共某某省委组织部",
        "中共某某省委老干部局",
    ]
    assert split_glued("中共西坪市委西坪市人民政府") == ["中共西坪市委", "西坪市人民政府"]
    assert split_glued("中共西坪市委老干部局") == ["中共西坪市委老干部局"]
    assert org_prefix("西坪市委老干部局集中学习") == "西坪市委老干部局"
    assert org_prefix("南湖市委老干部局主办的健步走活动") == "南湖市委老干部局"
    assert org_prefix("全省老干部局长会议召开") is None
    assert org_prefix("参加居住地党组织活动不够方便") is None
    assert (
        clean_headline("青松县领导看望慰问离休老干部致以新春问候要闻")
        == "青松县领导看望慰问离休老干部致以新春问候"
    )
    assert (
        clean_headline("202311-调研报告：关于加强离退休干部党支部建设的思考")
        == "调研报告：关于加强离退休干部党支部建设的思考"
    )
    assert (
        clean_headline("2023年离退休干部工作要闻") == "2023年离退休干部工作要闻"
    )  # too short a headline left: kept
    assert org_prefix("青松县处级老干部新春情况通报会举行") is None  # 处级: a rank
    assert org_prefix("活动现场处处洋溢着欢声笑语") is None
    assert clean_source("《青松日报》报纸") == "青松日报"  # an archive record: the work, then its kind
    assert clean_source("青松 + 客户端") == "青松+客户端"  # an app named with a plus, spaced around it
    assert clean_source("《青松县志》图书") == "青松县志"
    assert org_prefix("编诗集办诗刊 青松诗社让老人乐开怀") is None  # 办 runs the journal: no office
    assert org_prefix("县委老干办办好民生实事") == "县委老干办"
    assert org_prefix("离退休工作处（离退休党工委）召开会议") == "离退休工作处"
    # a passive clause ends the unit before 被 (a 被服厂 keeps its name)
    assert (
        org_prefix("分局老干部党总支第三党支部被中共某某省委组织部授予称号") == "分局老干部党总支第三党支部"
    )
    assert org_prefix("青松被服厂离退休党支部开展活动") == "青松被服厂离退休党支部"
    assert org_prefix("每到一处，领导们都和老人唠家常") is None  # a phrase ending in 处 is no unit
    # a headline announcing the text it carries keeps that note
    assert clean_headline("国务院办公厅：企业退休人员转入社区管理 (附全文)").endswith("(附全文)")


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("青松区：擦亮“老字号” 绘就新画卷(青松区地标)", "青松区：擦亮“老字号” 绘就新画卷"),
        ("离退休干部党支部学习制度汇编(离退休干部主题党日)", "离退休干部党支部学习制度汇编"),
        ("对离退休干部党支部活动的思考(通用6篇)", "对离退休干部党支部活动的思考(通用6篇)"),  # a count stays
        ("离退休干部党支部工作规定（试行）", "离退休干部党支部工作规定（试行）"),
        ("老干部工作资料汇编（2023年版）", "老干部工作资料汇编（2023年版）"),
        ("老干部工作动态（第3期）", "老干部工作动态（第3期）"),
        ("2030年老年门球巡回赛（青山·松岭站）", "2030年老年门球巡回赛（青山·松岭站）"),  # a leg stays
        ("老年门球巡回赛开幕（青山门球网站）", "老年门球巡回赛开幕"),  # a site's name does not
    ],
)
def test_a_sites_closing_tag_is_cut_from_the_headline(title: str, want: str) -> None:
    assert clean_headline(title) == want


def test_a_mirror_sites_keywords_glued_before_the_headline_are_cut() -> None:
    assert clean_headline("abc2048星辰战神x和y:12年迎新春茶话会") == "12年迎新春茶话会"
    assert clean_headline("APP上线：老干部服务更便捷") == "APP上线：老干部服务更便捷"  # a kicker stays
    assert clean_headline("青山：银发志愿者助力乡村振兴") == "青山：银发志愿者助力乡村振兴"


def test_a_paper_sites_writer_and_a_shared_files_extension_are_no_part_of_the_headline() -> None:
    assert (
        clean_headline("试论如何做好电力企业离退休管理工作论文_王五") == "试论如何做好电力企业离退休管理工作"
    )
    assert (
        clean_headline("探索离退休人员“三级”管理网络的新模式.docVIP")
        == "探索离退休人员“三级”管理网络的新模式"
    )
    assert clean_headline("桑榆警心——某县公安局组织老干部开展观摩活动2030-10-29 22:20湖南") == (
        "桑榆警心——某县公安局组织老干部开展观摩活动"
    )


def test_a_headline_printed_twice_around_a_spammers_words_is_kept_once() -> None:
    from ingest.headlineclean import clean_headline

    assert clean_headline(
        "在青松县老年体协换届大会上的讲话-某某娱乐备用网址在青松县老年体协换届大会上的讲话"
    ) == ("在青松县老年体协换届大会上的讲话")
    assert clean_headline("老干部工作会议召开老干部工作会议") == "老干部工作会议召开老干部工作会议"


def test_a_content_feeds_daily_column_before_the_headline_is_cut() -> None:
    assert clean_headline("今日聚焦!青松县出台干部荣誉退休制度") == "青松县出台干部荣誉退休制度"
    assert clean_headline("天天资讯:青松白桦:释放银发力量助力乡村振兴") == "青松白桦:释放银发力量助力乡村振兴"
    assert (
        clean_headline("今日头条新闻发布会召开") == "今日头条新闻发布会召开"
    )  # no mark: the headline's own words


def test_spam_logins_wire_datelines_writers_and_traditional_counts_around_a_headline() -> None:
    assert (
        clean_headline("某某娱乐官网会员登录:青松老年大学两分钟报满三百个班")
        == "青松老年大学两分钟报满三百个班"
    )
    assert (
        clean_headline("青松市政务服务平台:银龄活动圆满举办") == "青松市政务服务平台:银龄活动圆满举办"
    )  # no login
    assert clean_headline("白桦2月7日电题:十年吹响“乡村军号”") == "十年吹响“乡村军号”"
    assert clean_headline("全球报道:老党员自办讲习所") == "老党员自办讲习所"
    assert clean_headline("我想……(林小青)") == "我想……"  # the writer's name in brackets
    assert clean_headline("纪念援藏四十周年(上)") == "纪念援藏四十周年(上)"
    assert (
        clean_headline("83歲農民老黨員堅持記學習筆記") == "83歲農民老黨員堅持記學習筆記"
    )  # 歲 counts, not a list number


def test_pointer_square_tags_template_numbers_and_a_gambling_lead_are_cut() -> None:
    assert clean_headline(">>文章显示青松区城管局:发挥余热做贡献") == "青松区城管局:发挥余热做贡献"
    assert clean_headline("开班■老知青义务开班育幼苗") == "老知青义务开班育幼苗"
    assert clean_headline("老年大学结业仪式上的讲话稿精选篇1") == "老年大学结业仪式上的讲话稿"
    assert clean_headline("青松社区老年人协会章程1") == "青松社区老年人协会章程"
    assert clean_headline("九九重阳节联谊会演讲稿篇1") == "九九重阳节联谊会演讲稿"
    assert clean_headline("信息详情青松三地退休戏迷共襄戏曲盛宴") == "青松三地退休戏迷共襄戏曲盛宴"
    assert clean_headline("青松心水论坛开奖现场青松老干部的文化情缘") == "青松老干部的文化情缘"
    assert clean_headline("青松登录退休老水利再战防汛一线") == "退休老水利再战防汛一线"
    assert clean_headline("注册会计师协会慰问退休老会员") == "注册会计师协会慰问退休老会员"
    assert clean_headline("分类>>老当益壮话当年") == "老当益壮话当年"
    assert clean_headline("某某娱乐世界杯:多地法院请退休法官参与调解") == "多地法院请退休法官参与调解"
    assert (
        clean_headline("群众体育:老年人健身活动丰富多彩") == "群众体育:老年人健身活动丰富多彩"
    )  # a column, no brand
    assert clean_headline("(原標題:青松90對老人慶祝金婚)") == "青松90對老人慶祝金婚"
    assert (
        clean_headline("系列报道之一花甲之年再出发——写在青松老科协四十华诞之际")
        == "花甲之年再出发——写在青松老科协四十华诞之际"
    )
    assert clean_headline("青松县“十四五”规划2") == "青松县“十四五”规划2"  # no template genre before it
    assert clean_headline("不申请送彩金[最美林业故事]荒漠新绿") == "荒漠新绿"
    assert clean_headline("青松日报[最美林业故事]荒漠新绿") == "青松日报[最美林业故事]荒漠新绿"  # no spam


def test_title_and_genre_labels_login_widgets_and_a_template_pages_name_are_cut() -> None:
    assert (
        clean_headline("主题:青松有帮“不服老”的老人,在网吧门口都能看到他们")
        == "青松有帮“不服老”的老人,在网吧门口都能看到他们"
    )
    assert clean_headline("口述丨续写援藏故事") == "续写援藏故事"
    assert clean_headline("股票杠杆手续费快评丨老人会撤了,乡村治理怎样接续") == "老人会撤了,乡村治理怎样接续"
    assert (
        clean_headline("userphoto未登录——青松县白桦村举行重阳节慰问老人活动")
        == "青松县白桦村举行重阳节慰问老人活动"
    )
    assert clean_headline("某某文库范文计划内容页2031年度村老年协会工作计划") == "2031年度村老年协会工作计划"
    assert (
        clean_headline("延庆好乡亲丨老人办书屋") == "延庆好乡亲丨老人办书屋"
    )  # a kicker, not a genre's column


def test_a_portals_regional_channel_before_a_dash_is_no_part_of_the_headline() -> None:
    assert clean_headline("青山网江南新闻——重阳节里老人展风采") == "重阳节里老人展风采"
    # a subtitle after the dash stays
    assert (
        clean_headline("二十年守护一条河——记青山村退休干部张三") == "二十年守护一条河——记青山村退休干部张三"
    )


def test_a_title_printed_twice_around_the_files_genre_is_the_title_once() -> None:
    title = "低龄老人再就业的路径与对策探析"
    assert clean_headline(f"{title}论文{title}") == title


def test_a_subtitle_the_page_cut_short_is_dropped() -> None:
    assert clean_headline("我眼中的青山岛老人协会——“田野调查”暑期学校田野...") == "我眼中的青山岛老人协会"
    assert (
        clean_headline("我眼中的青山岛老人协会——记一次田野调查") == "我眼中的青山岛老人协会——记一次田野调查"
    )


def test_a_template_sites_sales_word_before_the_title_is_cut() -> None:
    assert clean_headline("(必備)退休教師座談會方案") == "退休教師座談會方案"
    assert clean_headline("（精选）重阳节慰问信") == "重阳节慰问信"
    assert clean_headline("(一)退休教师座谈会方案") == "(一)退休教师座谈会方案"  # a number is no sales word
    assert clean_headline("退休干部座谈会方案(最新12篇)") == "退休干部座谈会方案(最新12篇)"  # the count stays
