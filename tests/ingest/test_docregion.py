"""Document region from ranked evidence (ingest.docregion), with fixtures written for the test."""

from __future__ import annotations

import pytest

from ingest.docregion import detect_masked_region, detect_region, opening_subject, region_of_org
from ingest.pipeline import read_bytes
from policykg.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    return default_gazetteer()


def region(gaz, **kw) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    kw.setdefault("issuers", [])
    kw.setdefault("doc_no", None)
    kw.setdefault("title", None)
    kw.setdefault("text", "")
    ref, how = detect_region("d", gazetteer=gaz, **kw)
    return (ref.name if ref else None), how


def test_opening_subject_is_the_actor_not_the_venue(gaz) -> None:  # type: ignore[no-untyped-def]
    assert [r.name for r in opening_subject(gaz, "近年来，灵武市委老干部局坚持党建引领，成效明显。")] == [
        "灵武市"
    ]
    assert opening_subject(gaz, "6月8日，座谈会在西宁召开，各地代表参加。") == []
    # the subject may open a later clause of the first sentence, after a purpose clause
    text = "为把老干部工作抓得更实，让全市离退休干部党建更上台阶，宁夏灵武市进一步规范党组织设置。"
    assert [r.name for r in opening_subject(gaz, text)][-1] == "灵武市"


def test_a_source_unit_is_refined_by_a_county_in_the_title(gaz) -> None:  # type: ignore[no-untyped-def]
    name, how = region(gaz, units=["楚雄日报"], title="牟定县政协加强离退休干部党支部建设")
    assert (name, how) == ("牟定县", "unit")


def test_central_issuers_give_the_national_scope(gaz) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, issuers=["中共中央组织部", "人力资源社会保障部"]) == ("全国", "central")
    assert region(gaz, issuers=["中央組織部"], script="traditional") == ("全国", "central")
    text = "近日，中共中央办公厅印发了《关于加强新时代离退休干部党的建设工作的意见》。"
    assert region(gaz, text=text, opening=text)[0] == "全国"


def test_cities_of_one_province_named_in_a_province_wide_text_give_the_province(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "全省各地积极行动。武汉市开展宣讲，宜昌市组织义诊，襄阳市走访慰问。全省老干部工作再上新台阶。"
    assert region(gaz, text=text)[0] == "湖北省"


def test_a_place_named_once_is_the_region_when_it_is_the_only_one(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "日前，记者了解到，补贴标准本月起施行，促进揭阳市离退休干部党建工作。"
    assert region(gaz, text=text) == ("揭阳市", "only_place")
    # two cities of one province speak for the province; of two provinces, for neither
    assert region(gaz, text="日前，揭阳市和汕头市分别召开会议。")[0] == "广东省"
    assert region(gaz, text="日前，揭阳市和桂林市分别召开会议。")[0] is None


def test_an_idiom_is_no_place(gaz) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, text="各级财政真金白银投入，真金白银保障老干部活动经费。")[0] is None


def test_a_national_title_is_national_wherever_the_event_was_held(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "本报北京6月27日讯 全国老干部先进表彰会今天上午在北京开幕，北京各界代表出席，北京市领导致辞。"
    assert region(gaz, title="全国老干部先进表彰会开幕", text=text, opening=text)[0] == "全国"
    # a title that names a province under a national heading is that province's piece
    assert region(gaz, title="全国老干部工作先进名单公布 浙江2个集体获表彰")[0] == "浙江省"


def test_a_province_wide_title_lifts_the_hosts_city_to_its_province(gaz) -> None:  # type: ignore[no-untyped-def]
    name, _ = region(gaz, title="全省老干部志愿服务月活动启动", units=["西宁市委老干部局"])
    assert name == "青海省"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "全省老干部工作推进会在延吉市召开",
            "吉林省",
        ),  # a province-wide meeting: the province, not its venue
        ("2月3日，全区离退休干部党建工作会议在银川召开", "宁夏回族自治区"),  # 全区 of an autonomous region
        ("全市老干部党支部书记培训班在宁乡市举办", "长沙市"),  # a city-wide class held in a county
        ("全区老干部工作会议在广州市黄埔区召开", "黄埔区"),  # 全区 of a district stays the district
    ],
)
def test_event_scope_lifts_the_venue_to_the_scope(gaz, text: str, want: str) -> None:  # type: ignore[no-untyped-def]
    from ingest.opening import event_scope

    ref = event_scope(gaz, text)
    assert ref is not None and ref.name == want


def test_event_scope_needs_a_scope_word_and_a_venue(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.opening import event_scope

    assert event_scope(gaz, "老干部座谈会在延吉召开") is None  # no 全省/全市: the venue may be the subject
    assert event_scope(gaz, "全省老干部工作会议召开") is None  # no venue named


def test_event_scope_is_the_region_of_a_web_page(gaz) -> None:  # type: ignore[no-untyped-def]
    got = region(gaz, title="全省老干部局长会议在延吉市召开", text="会议总结了去年工作，部署今年任务。")
    assert got == ("吉林省", "event")


def test_a_venue_or_destination_is_not_the_subject(gaz) -> None:  # type: ignore[no-untyped-def]
    # the province held it in its capital: the province is the subject of the clause
    assert [r.name for r in opening_subject(gaz, "3月5日，山东省老干部工作会议在济南召开。")] == ["山东省"]
    from ingest.opening import places_not_venues

    assert [r.name for r in places_not_venues(gaz, "山东省老干部考察团赴烟台考察")] == ["山东省"]
    # when every place is a venue, the venues are all there is
    assert [r.name for r in places_not_venues(gaz, "座谈会在烟台召开")] == ["烟台市"]


@pytest.mark.parametrize(
    ("unit", "want"),
    [
        ("如皋职业学院离退休处", "如皋市"),  # a local school named after its county-level city
        ("桐庐融媒", "桐庐县"),  # a county media centre
        ("光明日报", None),  # a paper's name is not a place (光明区 exists)
        ("新华老干部局", None),  # 新华区 is in several cities: not guessed
        ("歙县政协", "歙县"),  # a county whose whole name is two characters, starting a unit's name
        ("陇县委老干部局", "陇县"),
        ("滑县人民政府", "滑县"),
        ("召开县委常委会", None),  # a verb before 县委 is no county
    ],
)
def test_local_unit_named_after_its_county(gaz, unit: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    from ingest.docregion import region_of_org

    ref = region_of_org(gaz, unit)
    assert (ref.name if ref else None) == want


def test_an_honour_won_province_wide_does_not_make_the_piece_provincial(gaz) -> None:  # type: ignore[no-untyped-def]
    got = region(gaz, title="桐庐县人社局退休党支部获全省“示范党支部”称号", text="近日，喜讯传来。")
    assert got[0] == "桐庐县"
    got = region(gaz, title="桐庐县入选全省示范离退休干部党支部名单", text="近日，喜讯传来。")
    assert got[0] == "桐庐县"
    # the piece itself speaks for the province: lifted as before
    got = region(gaz, title="桐庐县承办全省老干部工作推进会", text="会议总结了经验。")
    assert got[0] == "浙江省"


def test_a_title_opening_with_a_central_organ_is_national(gaz) -> None:  # type: ignore[no-untyped-def]
    got = region(gaz, title="民政部部署老年志愿服务五项重点", text="近日，民政部召开新闻发布会。")
    assert got == ("全国", "central")
    # a provincial department of the same name is not central
    got = region(gaz, title="浙江省民政厅部署老年志愿服务", text="近日，省民政厅召开会议。")
    assert got[0] == "浙江省"


def test_a_quotation_opening_the_piece_is_passed_over_for_the_subject(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "“青山不老，松柏常青”。近年来，四川甘孜州泸定县坚持把老干部工作抓在手上。"
    assert [r.name for r in opening_subject(gaz, text)][-1] == "泸定县"
    # an ordinary first sentence without a subject is not passed over
    assert opening_subject(gaz, "会议强调了三点要求。近年来，泸定县坚持把老干部工作抓在手上。") == []


@pytest.mark.parametrize(
    ("units", "text", "want"),
    [
        # a unit named by its level alone, and the places the text names: the region of that level
        (
            ["自治区人大常委会"],
            "考察团先后到伊犁哈萨克自治州、克拉玛依市调研，在昌吉回族自治州座谈。",
            "新疆维吾尔自治区",
        ),
        (["省委组织部"], "组织老同志参观西宁市新建的文化馆和湟中区的农业园。", "青海省"),
        (["市委老干部局"], "市委老干部局在嵊州召开现场会，新昌县代表交流了经验。", "绍兴市"),
        # a county-level city written in full has a 市委 of its own
        (["市老年大学"], "市老年大学举行开学典礼。建校以来，宜兴市老年大学培养学员两万余人。", "宜兴市"),
        (["市委老干部局"], "市委老干部局组织老同志座谈，溧阳和金坛区的代表交流了经验。", "常州市"),
    ],
)
def test_a_unit_named_by_its_level_takes_the_place_the_text_names(gaz, units, text, want) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, units=units, text=text) == (want, "own_level")


def test_a_level_unit_with_places_of_several_regions_decides_nothing(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "省委组织部负责同志先后到西宁市、银川市和兰州市学习。"
    assert region(gaz, units=["省委组织部"], text=text)[1] != "own_level"


@pytest.mark.parametrize(
    ("opening", "want"),
    [
        ("10月9日，临沂市委老干部局副局长一行到沂南县依汶镇检查离退休干部党支部建设情况。", "沂南县"),
        ("近日，南京市委老干部局负责同志一行来江宁区秣陵街道调研老干部工作。", "江宁区"),
    ],
)
def test_an_inspection_visit_is_about_the_place_inspected(gaz, opening: str, want: str) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, text=opening, opening=opening) == (want, "inspected")


def test_sightseeing_is_the_visitors_own_activity(gaz) -> None:  # type: ignore[no-untyped-def]
    opening = "近日，临沂市委老干部局组织离退休干部到沂南县参观红色教育基地。"
    assert region(gaz, text=opening, opening=opening) == ("临沂市", "opening")


def test_the_pages_own_voice_sets_the_level_of_a_level_only_unit(gaz) -> None:  # type: ignore[no-untyped-def]
    opening = (
        "日前，经省委老干部局、省委组织部联合表彰，我市南陵县老年大学党支部、镜湖区一个社区党支部榜上有名。"
    )
    text = opening + "\n近年来，市委老干部局坚持抓基层党建，我市各级离退休干部党组织不断加强。"
    assert region(gaz, units=["省委组织部"], text=text, opening=opening) == ("芜湖市", "own_level")


def test_a_short_place_leading_the_headline_refines_the_papers_city(gaz) -> None:  # type: ignore[no-untyped-def]
    name, how = region(gaz, units=["唐山晚报"], title="路南：银龄志愿服务队走进社区")
    assert (name, how) == ("路南区", "unit")
    # a short name that is no county of the paper's city changes nothing
    assert region(gaz, units=["唐山晚报"], title="青松：银龄志愿服务队走进社区")[0] == "唐山市"


def test_a_headline_led_by_the_region_itself_names_no_county_ending_like_it(gaz) -> None:  # type: ignore[no-untyped-def]
    # 黑龙江 ends with 龙江 (龙江县 lies in 黑龙江省): the lead is the province, not that county
    title = "黑龙江：千名“银龄调解员”助力基层矛盾化解"
    opening = "记者从黑龙江省司法厅了解到，全省招募退休干部担任调解员。"
    assert region(gaz, title=title, text=opening, opening=opening)[0] == "黑龙江省"


def test_a_destination_in_the_title_does_not_refine_the_units_region(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "宁夏回族自治区人民医院退休职工二十人赴石嘴山市大武口区一日游"
    assert region(gaz, units=["宁夏回族自治区人民医院"], title=title)[0] == "宁夏回族自治区"


def test_an_honour_won_province_wide_keeps_the_winners_county(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "省级先进集体——平遥县县直老干部党总支事迹简介"
    assert region(gaz, title=title)[0] == "平遥县"


@pytest.mark.parametrize(
    ("unit", "want"),
    [("浏阳日报", "浏阳市"), ("光明日报", None), ("解放日报", None)],
)
def test_a_county_level_paper_is_its_citys(gaz, unit: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, unit)
    assert (ref.name if ref else None) == want


def test_a_level_only_unit_is_not_placed_where_it_went_to_learn(gaz) -> None:  # type: ignore[no-untyped-def]
    opening = "8月25日，市委老干部局调研员等人赴池州市，学习当地的老干部工作经验。"
    text = opening + "考察组参观了老党员驿站。回到芜湖市后，局里召开会议研究借鉴。芜湖市各区县参加。"
    assert region(gaz, units=["市委老干部局"], text=text, opening=opening)[0] == "芜湖市"


def test_a_county_level_citys_tax_bureau_is_that_citys(gaz) -> None:  # type: ignore[no-untyped-def]
    ref = region_of_org(gaz, "常熟地税局")
    assert ref is not None and ref.name == "常熟市"


def test_a_county_short_name_opening_the_title_refines_the_body_region(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "北京市关工委组织老同志宣讲。北京市各区积极参与。"
    assert region(gaz, title="怀柔好乡亲丨“五老”宣讲团九载耕耘", text=text) == ("怀柔区", "title_lead")


def test_a_provinces_meeting_held_in_a_city_is_the_provinces(gaz) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, title="省老干部阵地建设现场交流会在保定顺利召开")[0] == "河北省"


def test_a_three_character_district_leading_the_headline(gaz) -> None:  # type: ignore[no-untyped-def]
    name, _how = region(gaz, title="重庆沙坪坝：“四个突出”贯彻落实全市老干部局长会议精神")
    assert name == "沙坪坝区"


def test_a_text_that_names_its_city_hides_none(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "某某同志说，全市老同志积极参加。济南市老干部活动中心组织了比赛。济南市各区县参与。"
    assert region(gaz, text=text)[0] == "济南市"


def test_an_inspection_whose_verb_comes_after_a_comma(gaz) -> None:  # type: ignore[no-untyped-def]
    opening = "12月29日下午，由邢台市委老干部局局长带队赴临西县，走访慰问老干部代表。"
    assert region(gaz, text=opening, opening=opening) == ("临西县", "inspected")


def test_a_medium_reporting_on_a_place_inside_its_own_gives_that_place(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "4月23日，读书节启动仪式在杭州市图书馆举行。杭州市老干部积极参与，录制了朗读视频。"
    assert region(gaz, units=["浙江老年报"], title="书香满城 银发助读", text=body)[0] == "杭州市"
    # nothing inside it: the medium's own region
    assert (
        region(gaz, units=["浙江老年报"], title="书香满城 银发助读", text="老干部积极参与读书活动。")[0]
        == "浙江省"
    )
    # a place outside the medium's region does not take the page away from it
    assert region(gaz, units=["浙江老年报"], title="书香满城", text="老干部赴合肥市参观学习。")[0] == "浙江省"
    # but a headline that names a place elsewhere as its subject is about that place (某市某区：…)
    title = "合肥市瑶海区：“银发宣讲队”走进社区讲党课"
    assert region(gaz, units=["浙江老年报"], title=title, text="老干部走进社区宣讲。")[0] == "瑶海区"
    assert region(gaz, units=["温州信息港"], title=title, text="老干部走进社区宣讲。")[0] == "瑶海区"


def test_a_short_name_before_jiedao_is_a_street_office_not_the_province(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "长宁：离退休干部党建试点 江苏街道拔头筹"
    text = "12月28日，上海市长宁区委老干部局召开社区离退休干部党建工作现场会，江苏街道作交流发言。"
    assert region(gaz, title=title, text=text, opening=text)[0] == "长宁区"


def test_state_council_bodies_named_alone_are_central(gaz) -> None:  # type: ignore[no-untyped-def]
    from ingest.docregion import is_central

    assert is_central("国资委") and is_central("国管局") and is_central("国家卫生健康委员会")
    assert not is_central("省国资委") and not is_central("国家级示范基地")
    ref, how = region(
        gaz,
        units=["國資委"],
        title="某某在國資委紀念大會上的講話",
        text="同志們：今天我們隆重集會。",
        script="traditional",
    )
    assert (ref, how) == ("全国", "central")


def test_a_province_with_one_city_named_inside_it_is_that_citys(gaz) -> None:  # type: ignore[no-untyped-def]
    body = "湖南省老干部工作会议精神传达到位。湖南省各级组织积极响应。我校在长沙市岳麓山下开展活动，湖南省表彰先进。"
    assert region(gaz, text=body)[0] == "长沙市"
    # a district named once inside a city stays the city's; two cities leave the province
    assert (
        region(gaz, text="常州市老干部局部署工作。常州市各单位响应。常州市表彰先进，武进区参加。")[0]
        == "常州市"
    )
    two = "湖南省老干部工作会议召开。湖南省各级组织响应。长沙市、株洲市代表发言，湖南省表彰先进。"
    assert region(gaz, text=two)[0] == "湖南省"


def test_a_municipalitys_level_only_unit_is_the_municipality(gaz) -> None:  # type: ignore[no-untyped-def]
    # 北京市 has no city level under it: 市委组织部 at an event held in 怀柔区 is 北京市's
    body = "9月26日，离退休干部徒步大会在怀柔区水长城举办。市委组织部副部长出席并致辞，怀柔区委组织部负责人参加。"
    assert region(gaz, units=["市委组织部"], title="离退休干部徒步大会成功举办", text=body)[0] == "北京市"
    # a 市委 unit elsewhere still lifts a county to its city
    body2 = "市委组织部在新昌县召开老干部工作座谈会，新昌县各单位参加。"
    assert region(gaz, units=["市委组织部"], title="老干部工作座谈会召开", text=body2)[0] == "绍兴市"


def test_a_page_speaking_as_a_county_named_by_its_short_name_is_that_countys(gaz) -> None:  # type: ignore[no-untyped-def]
    body = (
        "1月18日，我县举行老干部新春座谈会。县委书记说，今年是法库加快发展的要紧一年，"
        "老干部们谈起法库这些年的产业变化很是感慨。"
    )
    assert region(gaz, title="我县召开老干部新春座谈会", text=body) == ("法库县", "short_name")
    # named once only, or with no voice of its own: no region from a short name
    assert region(gaz, title="我县召开茶话会", text="老干部畅谈了法库的发展。")[0] is None
    assert region(gaz, title="茶话会召开", text="老干部畅谈了法库的发展，法库变化很大。")[0] is None


def test_a_county_renamed_a_city_is_found_by_its_former_name(gaz) -> None:  # type: ignore[no-untyped-def]
    assert (
        region(gaz, title="沙湾县：组织离退休老干部观摩座谈", text="7月2号，沙湾县组织老干部观摩。")[0]
        == "沙湾市"
    )


def test_a_central_unit_writing_about_no_place_is_national(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "总局离退休干部局组织老同志开展春节走访慰问活动，为老同志送去节日祝福。"
    assert region(gaz, title="老干部工作信息", text=text, units=["国家林草总局离退休干部局"]) == (
        "全国",
        "central",
    )
    # the same unit writing about a province it visits: that province
    got = region(gaz, title="银龄行动江西行示范活动启动", text=text, units=["民政部"])
    assert got[0] == "江西省"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("民政部、全国老龄办近日共同印发通知，部署开展老年志愿服务。", "全国"),
        ("民政部离退休干部局的老同志近日座谈。", None),  # no act of a central organ
    ],
)
def test_a_story_opening_with_central_organs_acting_is_national(gaz, text: str, want: str | None) -> None:  # type: ignore[no-untyped-def]
    assert region(gaz, title="", text=text)[0] == want


def test_a_wire_story_of_central_organs_is_national_not_its_datelines_city() -> None:
    text = (
        "新华社北京3月2日电（记者张三）全国老龄办、民政部、中国老龄协会2日联合启动“银龄行动”。"
        "启动仪式上发布了行动标识。\n据了解，“银龄行动”以老年人为主体，开展智力援助。\n"
    )
    [doc, *_] = read_bytes("wire.txt", text.encode("utf-8"))
    assert doc.region is not None and doc.region.name == "全国"


@pytest.mark.parametrize(
    "opening",
    ["（张三 李四）青山县白鹭乡老党员组织宣讲", "(记者张三 通讯员李四)青山县白鹭乡老党员组织宣讲"],
)
def test_reporters_names_opening_a_story_are_passed_over_for_the_subject(gaz, opening: str) -> None:  # type: ignore[no-untyped-def]
    from ingest.opening import strip_opening_lead

    assert strip_opening_lead(opening).startswith("青山县")
    assert strip_opening_lead("（中共青山县委）近日召开会议").startswith("（中共青山县委）")  # a unit stays
    assert strip_opening_lead("6月17-19日青山海关退休党支部开展活动").startswith("青山海关")  # a span of days


def test_a_two_character_county_opening_a_county_wide_text(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "4月12日，沛县召开全县老干部工作会议。会议总结了去年工作，全县上下不断探索新思路。"
    assert region(gaz, title="", text=text, opening=text)[0] == "沛县"
    # without speaking for the whole county the short name is not trusted
    assert region(gaz, title="", text="沛县召开会议。", opening="沛县召开会议。")[0] is None


def test_of_two_unnested_places_run_together_the_last_acts(gaz) -> None:  # type: ignore[no-untyped-def]
    # a development zone named before the county-level city it administers (沧州渤海新区黄骅市召开全市…)
    assert [r.name for r in opening_subject(gaz, "3月14日，沧州渤海新区黄骅市召开全市老干部工作会议。")] == [
        "黄骅市"
    ]
    # a nested run keeps the nesting (the caller takes the most specific)
    assert "拱墅区" in [r.name for r in opening_subject(gaz, "近日，杭州市拱墅区召开老干部工作会议。")]


def test_there_is_in_a_place_names_the_subject(gaz) -> None:  # type: ignore[no-untyped-def]
    # 在X，有一个…: the place is what the sentence is about, not a venue
    assert "德阳市" in [
        r.name for r in opening_subject(gaz, "在四川省德阳市，有一个“银发党支部”，成员平均年龄超过70岁。")
    ]
    assert opening_subject(gaz, "在德阳市召开全省老干部工作会议。") == []  # a venue stays one


@pytest.mark.parametrize("title", [None, "全市老干部工作会议召开"])
def test_the_scope_the_piece_states_outweighs_the_scopes_it_relays(gaz, title) -> None:  # type: ignore[no-untyped-def]
    # a city's meeting relays the province's meetings (全省… twice): the piece is still the city's
    text = (
        "本报讯（记者王五）5月6日，全市老干部工作会议在市委礼堂召开。\n会议传达了全省老干部工作会议和全省老干部局长会议精神。\n"
        "会议要求，动员老同志为绵阳发展贡献力量，为绵阳建设献计出力。\n"
    )
    assert region(gaz, title=title, text=text)[0] == "绵阳市"
    # without a scope of its own the province's scope words bound it
    relayed = text.replace("全市老干部工作会议在", "老干部工作会议在")
    assert region(gaz, title=None, text=relayed)[0] == "四川省"


def test_a_county_written_as_the_full_address_is_the_stories(gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "5月8日，72岁的绵阳市安州区花荄镇某社区退休党员李四来到活动室。\n"
        "他和老伙伴们一起学习党章，交流心得。\n李四说：“退休了也要发挥作用。”\n"
    )
    assert region(gaz, text=text)[0] == "安州区"
    # the city named on its own besides (its units): a visit to one district stays the city's
    city_units = text + "绵阳市委老干部局负责人表示，将在绵阳市推广这一做法。\n"
    assert region(gaz, text=city_units)[0] == "绵阳市"


def test_a_medium_that_reported_the_story_does_not_place_it(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "安州发挥银龄力量，四川卫视关注！"
    text = (
        "12月1日，四川卫视《新闻》栏目播出报道，点赞老干部宣讲团。\n"
        "在绵阳市安州区，老干部宣讲团走进社区。\n目前，安州区还有多支银龄队伍。\n"
    )
    assert region(gaz, title=title, text=text, opening=text.split("\n")[0])[0] == "安州区"
    # a province named as the actor is still the province's
    own = "12月1日，四川省委老干部局召开会议，部署宣讲工作。"
    assert region(gaz, title="宣讲工作部署会召开", text=own, opening=own)[0] == "四川省"


def test_a_traditional_unit_name_resolves_like_its_simplified_form(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "離退休辦走訪慰問老同志。"
    units = ["大連大學附屬中山醫院離退休辦"]  # 中山 is also 中山市 in 廣東; 大連大學 places it
    assert region(gaz, units=units, text=text, script="traditional")[0] == "大连市"


def test_a_city_news_site_reposting_a_national_piece_keeps_it_national(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "全國離退休幹部先進集體和先進個人受到表彰"
    text = "全國離退休幹部先進集體和先進個人表彰大會在京舉行。"
    got = region(gaz, title=title, text=text, units=["衡陽新聞網"], script="traditional")
    assert got[0] == "全国"


def test_a_level_named_unit_is_refined_by_a_district_its_headline_is_about(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "银发展风采——涪城区离退休干部开展庆三八活动"
    text = "近日，市委老干部局组织涪城区离退休女干部开展活动。绵阳市各界老同志参加。"
    assert region(gaz, title=title, text=text, units=["市委老干部局"])[0] == "涪城区"
    # a place only the first sentence names (a beneficiary) does not refine it
    text2 = "近期，市委老干部局组织老干部开展助学活动，为涪城区某村学生捐款。绵阳市老同志积极参与。"
    assert region(gaz, title=None, text=text2, units=["市委老干部局"], opening=text2)[0] == "绵阳市"


def test_a_papers_channel_is_a_medium_refined_by_the_district_its_story_is_about(gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "九九重阳，岁岁安康。在重阳佳节来临之际，涪城区举办了一场重阳节庆祝活动。"
        "涪城区委老干部局相关领导向老同志致以问候。老同志表示将继续支持涪城区发展。"
    )
    got = region(
        gaz,
        title="300余名老同志欢聚庆重阳",
        text=text,
        units=["绵阳日报锦观"],
        opening="九九重阳，岁岁安康。",
    )
    assert got[0] == "涪城区"


def test_a_page_speaking_as_a_province_about_a_national_act_is_that_provinces(gaz) -> None:  # type: ignore[no-untyped-def]
    text = (
        "8月25日，中国关工委在京召开表彰大会。我省15个单位被授予先进集体称号，51名同志受到表彰。"
        "会后，江西省关工委召开会议传达大会精神，要求南昌、九江等地认真学习先进经验。"
    )
    assert region(gaz, units=["中国关工委"], text=text) == ("江西省", "voice")
    # without the voice the national organ's act is national
    national = "8月25日，中国关工委在京召开表彰大会，全国各地的先进集体和个人受到表彰。"
    assert region(gaz, units=["中国关工委"], text=national) == ("全国", "central")


def test_a_headline_naming_the_state_council_and_no_place_is_national(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "重磅！国务院办公厅：企业退休人员统一移交街道社区服务"
    assert region(gaz, title=title, text="近日，有关文件印发。") == ("全国", "central")
    # a place the headline names still comes first
    assert region(gaz, title="长丰县落实国务院部署做好退休人员社区管理", text="")[0] == "长丰县"


def test_a_relay_dateline_is_no_subject() -> None:
    from ingest.opening import strip_opening_lead

    assert strip_opening_lead("据青松日报报道，今年以来，白水区紧紧围绕中心工作。").startswith("白水区")
    assert strip_opening_lead("据青松网消息：白水区召开座谈会。").startswith("白水区")


def test_a_bare_level_headline_on_a_page_naming_its_city_is_not_masked() -> None:
    text = (
        "市委老干部局开展重阳敬老活动\n10月29日，绵阳市老干部活动中心里欢声笑语，近百名老干部欢聚在一起。\n"
    )
    ref = detect_masked_region("p", "市委老干部局开展重阳敬老活动", text, default_gazetteer())
    assert ref is None
    # nothing named: the name was cut
    ref = detect_masked_region(
        "p", "市委老干部局开展重阳敬老活动", "近百名老干部齐聚一堂。", default_gazetteer()
    )
    assert ref is not None and ref.name == "（名称隐去的市）"


def test_a_headline_led_by_the_units_own_city_is_that_city_not_its_namesake_county(gaz) -> None:  # type: ignore[no-untyped-def]
    # 吉安 is the short name of 吉安市 and the stem of 吉安县 inside it: the paper speaks of its city
    name, _how = region(
        gaz, title="吉安：这样的老年大学你喜欢吗", units=["吉安日报"], text="老年大学开学了。"
    )
    assert name == "吉安市"


def test_a_page_of_the_xinjiang_corps_is_the_corps_within_xinjiang() -> None:
    # 新疆生产建设兵团 is a division of extra_divisions.tsv, below 新疆; its pages name it 兵团
    page = (
        "兵團老幹部工作綜述\n"
        "今年以來，兵團黨委老幹部局組織各師離退休幹部開展“銀齡助力”活動，"
        "新疆各地老同志踴躍參加。\n"
    ).encode()
    (doc,) = read_bytes("corps.txt", page)
    assert doc.region is not None
    assert doc.region.name == "新疆生产建设兵团"
    assert doc.region.path == ("新疆维吾尔自治区", "新疆生产建设兵团")


def test_a_headline_opened_by_the_provinces_epithet_is_the_province(gaz) -> None:  # type: ignore[no-untyped-def]
    # 中原 is 河南's epithet (a lookup name) and the stem of 中原区 inside it: the province speaks of itself
    title = "中原银龄谱新篇——我省推进离退休干部党支部建设"
    text = "河南省各地老同志积极参与，河南省委老干部局加强指导。"
    assert region(gaz, title=title, text=text)[0] == "河南省"
    assert [r.name for r in gaz.lookup("齐鲁")] == ["山东省"]


def test_a_central_agencys_beijing_dateline_is_no_place_of_the_story() -> None:
    # the dateline on a line of its own stays in the text; the leader writing is the story's subject
    page = (
        "总书记回信勉励银龄志愿者\n"
        "新华社北京10月10日电\n"
        "习近平给银龄志愿者代表的回信\n"
        "银龄志愿者代表：\n"
        "你们好！来信收悉。希望广大老年朋友发挥余热。\n"
    ).encode()
    (doc,) = read_bytes("wire.txt", page)
    assert doc.region is not None and doc.region.name == "全国"


def test_a_headline_led_by_a_full_place_name_outweighs_a_units_namesake(gaz) -> None:  # type: ignore[no-untyped-def]
    # 凤凰老年大学 would be 湖南凤凰县 by its name; the headline says the story is 张家港市's
    name, how = region(
        gaz,
        title="江苏张家港市：以赛促学——凤凰老年大学开展智能手机比赛",
        units=["凤凰老年大学"],
        text="6月18日下午，凤凰老年大学举办比赛。",
    )
    assert (name, how) == ("张家港市", "title_lead")
    # a lead inside the unit's place refines it as before
    assert region(gaz, title="青羊区：老干部走进社区", units=["成都市委老干部局"], text="")[0] == "青羊区"


def test_a_headline_led_by_a_short_county_name_and_a_colon_is_that_county(gaz) -> None:  # type: ignore[no-untyped-def]
    # 乾县 is a name the scan trusts only after its parent; leading the headline before a colon it is whole
    name, how = region(gaz, title="乾县：退休老干部慷慨解囊支援武汉抗疫", text="老同志们踊跃捐款，支援武汉。")
    assert (name, how) == ("乾县", "title_lead")


def test_a_provincial_mediums_story_is_placed_where_its_dateline_filed_it(gaz) -> None:  # type: ignore[no-untyped-def]
    story = "在车站，时常能看见两位穿红褂子的老人帮旅客提行李。他们是春运志愿者。"
    # the dateline already taken out as a credit (the residue's byline), or still opening the body
    name, how = region(gaz, units=["四川新闻网"], text=story, datelines=["四川新闻网内江2月3日讯"])
    assert (name, how) == ("内江市", "unit")
    assert region(gaz, units=["四川新闻网"], text="四川新闻网内江2月3日讯 " + story)[0] == "内江市"
    assert region(gaz, units=["某某网"], text="某某网4月28日娄底消息 日前，志愿者走访老兵。")[0] == "娄底市"
    # a provincial office's story filed from the capital stays the province's
    office = "台湾网2月15日海口消息 春节将至，海南省台办走访看望退休老干部。"
    assert region(gaz, title="海南省台办走访慰问退休老干部", text=office)[0] == "海南省"
    # a dateline elsewhere than inside the unit's region does not move it
    assert region(gaz, units=["四川新闻网"], text="四川新闻网娄底2月3日讯 " + story)[0] == "四川省"


@pytest.mark.parametrize("medium", ["浙江广播电视集团", "浙江日报报业集团"])
def test_a_broadcasting_or_press_group_is_a_medium_placed_by_its_story(gaz, medium) -> None:  # type: ignore[no-untyped-def]
    story = "杭州市军休中心启动老兵故事节目录制。在杭州市退役军人事务局的指导下，老兵们讲述峥嵘岁月。"
    assert region(gaz, units=[medium], text=story)[0] == "杭州市"


def test_a_story_headlined_with_its_province_is_placed_where_its_lead_puts_it(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "湖南好人林青：老党员守护革命旧址30年"
    lead = "本报12月19日讯 位于益阳市资阳区的一处革命旧址，三年来接待参观者2万多人次。"
    assert region(gaz, title=title, text=title + "\n" + lead + "\n老人倾尽所有守护旧址。")[0] == "资阳区"
    # a 全省 event held in one city, a lead naming several cities, or the capital: the province's
    event = "日前，2030年湖南老年人门球赛在益阳市举办，来自全省各地的24支队伍参赛。"
    assert region(gaz, title="湖南老年人门球赛落幕", text=event)[0] == "湖南省"
    cities = "日前，益阳市、常德市、岳阳市的老党员代表交流守护红色旧址的经验做法。"
    assert region(gaz, title="湖南老党员守护红色旧址", text=cities)[0] == "湖南省"
    capital = "日前，长沙市举行仪式，为30名守护红色旧址的老党员颁发荣誉证书。"
    assert region(gaz, title="湖南表彰守护红色旧址老党员", text=capital)[0] == "湖南省"


def test_a_story_headlined_with_its_city_is_placed_in_the_county_its_lead_names(gaz) -> None:  # type: ignore[no-untyped-def]
    title = "抚顺八旬老党员义务守护烈士墓"
    lead = "本报讯 新宾满族自治县某村八旬老党员林青为烈士守墓已有四十年，从未间断。"
    assert (
        region(gaz, title=title, text=title + "\n" + lead + "\n老人说，这是他的本分。")[0] == "新宾满族自治县"
    )


def test_a_county_short_name_opening_the_headline_refines_a_city_mediums_region(gaz) -> None:  # type: ignore[no-untyped-def]
    text = "近日，一位退休老人走进学校讲党课。"
    assert region(gaz, title="垦利八旬退休老人义务讲党课", text=text, units=["大众网东营频道"]) == (
        "垦利区",
        "unit",
    )
    # a headline opening with the prefecture's own name is the prefecture's (九江 is not 九江县, now 柴桑区)
    name, _how = region(gaz, title="九江市第三届老年体育节开幕", text="体育节开幕。", units=["江西老年大学"])
    assert name == "九江市"
