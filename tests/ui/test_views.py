"""The web UI in a real Chromium over the seed corpus: search, reader, precedents, comparison,
entity graph, copy citation, and the empty / error / slow states. Each view is photographed at
1280×800 into tests/screenshots/."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

FUZHOU_DOC = "004_0247a5a9630a91d5"  # 榕离退工委〔2018〕4号
BULLETIN = "001_a6bb10912aa23e10"  # 老干部工作动态 第7期, ten articles
RELATION_LABELS = {
    "隶属",
    "组成部分",
    "发文机关",
    "引用",
    "落实",
    "发起",
    "位于",
    "适用地区",
    "作者",
    "任职于",
    "提及",
}


def expect(obj: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(obj)


def hash_params(url: str) -> tuple[str, dict[str, str]]:
    frag = urlsplit(url).fragment
    path, _, query = frag.partition("?")
    return unquote(path), {k: v[0] for k, v in parse_qs(query).items()}


def summary_total(page: Any) -> int:
    text = page.locator(".results__summary").inner_text()
    m = re.search(r"共\s*(\d+)\s*条", text)
    assert m, text
    return int(m.group(1))


# ---------------------------------------------------------------------------------------------
# Search


def test_home_then_search_with_keyboard(page: Any, shot: Any) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_text("检索政策条款")
    expect(page.locator("#footer-stats")).to_contain_text("份文件")
    shot("01-home")
    page.locator("body").click(position={"x": 5, "y": 300})  # focus away from the box
    page.keyboard.press("/")
    box = page.locator("[data-primary-input]")
    expect(box).to_be_focused()
    box.fill("三会一课")
    page.keyboard.press("Enter")
    expect(page.locator(".result").first).to_be_visible()
    path, params = hash_params(page.url)
    assert path == "/search" and params["q"] == "三会一课"
    expect(page.locator("[data-primary-input]")).to_be_focused()  # keyboard users keep their place
    # On a fresh load the first Tab stop is the skip link, visibly outlined; it jumps to the content.
    page.reload()  # a real load, not a hash change
    expect(page.locator(".result").first).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert hash_params(page.url)[1]["q"] == "三会一课", "the skip link does not change the route"


def test_search_with_region_facet_is_in_the_url(page: Any, shot: Any) -> None:
    page.goto("/#/search?q=党支部")
    expect(page.locator(".result").first).to_be_visible()
    total_all = summary_total(page)
    assert total_all > 10
    first = page.locator(".result").first
    assert first.locator("mark").count() >= 1, "highlights come from the API's <mark>"
    expect(first.locator(".doc-line__title")).to_contain_text("《")
    # Region facet as a tree: a city nested under its province.
    province = page.locator('.facet-link[data-facet="region"][data-value="辽宁省"]')
    expect(province).to_be_visible()
    nested = page.locator('[data-facet-group="region"] .facet-tree .facet-tree .facet-link').count()
    assert nested >= 1, "cities are listed under their province"
    province.click()
    expect(page.locator(".chip--active")).to_contain_text("地区：辽宁省")
    _, params = hash_params(page.url)
    assert params["region"] == "辽宁省" and params["q"] == "党支部"
    total_region = summary_total(page)
    assert 0 < total_region < total_all
    shot("02-search-facet")
    # Reload: the same search comes back from the URL alone.
    page.reload()
    expect(page.locator(".chip--active")).to_contain_text("地区：辽宁省")
    assert summary_total(page) == total_region
    # Pagination moves through the results and keeps the filter.
    page.locator('.pagination a[rel="next"]').click()
    expect(page.locator(".pagination .is-current")).to_have_text("2")
    _, params = hash_params(page.url)
    assert params["page"] == "2" and params["region"] == "辽宁省"
    # Removing the filter from its chip.
    page.locator(".chip--active").click()
    expect(page.locator(".chip--active")).to_have_count(0)
    assert summary_total(page) == total_all
    # The year facet filters on one year (year_from = year_to).
    page.locator('.facet-link[data-facet="year"][data-value="2018"]').click()
    expect(page.locator(".chip--active")).to_contain_text("年份：2018")
    assert 0 < summary_total(page) < total_all
    assert (
        page.locator(".result .doc-line__meta", has_text="2018-").count() == page.locator(".result").count()
    )


def test_empty_state_suggests_what_to_do(page: Any, shot: Any) -> None:
    page.goto("/#/search?q=zzqxjw")
    empty = page.locator('[data-state="empty"]')
    expect(empty).to_be_visible()
    expect(empty.locator("h2")).to_have_text("无结果")
    expect(empty).to_contain_text("换用更短")
    shot("08-empty")


# ---------------------------------------------------------------------------------------------
# Reader


def test_reader_opens_at_the_clicked_clause(page: Any, shot: Any) -> None:
    page.goto("/#/search?q=支部换届改选")
    result = page.locator(".result").first
    expect(result).to_be_visible()
    clause_id = result.get_attribute("data-clause-id")
    result.get_by_role("link", name="阅读原文").click()
    path, params = hash_params(page.url)
    assert path.startswith("/doc/") and params["clause"] == clause_id
    target = page.locator(f'.clause[data-clause-id="{clause_id}"]')
    expect(target).to_have_class(re.compile(r"\bis-target\b"))
    expect(target).to_be_in_viewport()
    expect(target).to_be_focused()
    expect(page.locator(".outline a[aria-current]")).to_have_count(1)
    assert page.locator(".outline a").count() >= 3
    shot("03-reader")
    # Entities of the document as chips linking to entity pages (collapsed when there are many).
    summary = page.locator(".entity-chips summary")
    if page.locator(".entity-chips[open]").count() == 0:
        summary.click()
    chips = page.locator(".entity-chips a.chip")
    assert chips.count() >= 3
    chip = page.locator(".entity-chips a.chip--organization").first
    name = chip.inner_text()
    chip.click()
    expect(page.locator(".entity h1")).to_have_text(name)


def test_reader_bulletin_parts_and_parent(page: Any, shot: Any) -> None:
    page.goto(f"/#/doc/{BULLETIN}")
    parts = page.locator(".parts li a")
    expect(parts.first).to_be_visible()
    assert parts.count() >= 8
    title = parts.nth(2).inner_text()
    parts.nth(2).click()
    expect(page.locator(".reader__title")).to_have_text(title)
    expect(page.locator(".related")).to_contain_text("收录于")
    page.locator(".related a").click()
    expect(page.locator(".parts")).to_be_visible()
    assert hash_params(page.url)[0] == f"/doc/{BULLETIN}"


# ---------------------------------------------------------------------------------------------
# Copy citation


def test_copy_citation_from_the_reader(page: Any) -> None:
    page.goto(f"/#/doc/{FUZHOU_DOC}")
    clause = page.locator(".clause", has_text="坚持以日常管理强化制度落实").first
    expect(clause).to_be_visible()
    clause.hover()
    clause.get_by_role("button", name="复制引用").click()
    expect(page.locator("#toast")).to_contain_text("已复制引用")
    copied = page.evaluate("navigator.clipboard.readText()")
    kept = page.locator("#last-citation").text_content()
    assert copied == kept
    first_line, _, body = copied.partition("\n")
    # The server's citation (unit + title + 文号 + locator) when it sends one, else the client's.
    api = page.request.get(f"/api/documents/{FUZHOU_DOC}").json()
    cid = clause.get_attribute("data-clause-id")
    server = next(c for c in api["clauses"] if c["clause_id"] == cid).get("citation")
    expected = "《关于推进“1335”离退休干部党建工作机制的通知》（榕离退工委〔2018〕4号）第四部分第（三）项"
    assert first_line == (server["text"] if server else expected)
    assert first_line.endswith("第四部分第（三）项")
    assert body.startswith("（三）坚持以日常管理强化制度落实")


def test_copy_citation_from_a_search_result(page: Any) -> None:
    page.goto("/#/search?q=三会一课")
    result = page.locator(".result").first
    expect(result).to_be_visible()
    api = page.request.get("/api/search", params={"q": "三会一课", "limit": 10}).json()
    first = api["results"][0]
    assert result.get_attribute("data-clause-id") == first["clause_id"]
    result.get_by_role("button", name="复制引用").click()
    expect(page.locator("#toast")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    line, _, body = copied.partition("\n")
    if first.get("citation"):
        assert line == first["citation"]["text"]
    else:
        assert line.startswith(f"《{first['document']['title']}》")
    assert body == first["text"].strip()


CITATION_CASES = [
    # (doc, path, own, expected reference line)
    (
        {"title": "关于推进工作机制的通知", "doc_no": "榕离退工委〔2018〕4号"},
        ["二、主要内容"],
        "（三）创建品牌",
        "《关于推进工作机制的通知》（榕离退工委〔2018〕4号）第二部分第（三）项",
    ),
    (
        {"title": "工作要点"},
        ["一、总体要求", "（二）加强组织建设"],
        "1.规范设置",
        "《工作要点》第一部分第（二）项第1条",
    ),
    (
        {"title": "实施意见", "doc_no": "某老通字〔2020〕4号"},
        ["三、保障措施"],
        "各地要加强领导。",
        "《实施意见》（某老通字〔2020〕4号）第三部分",
    ),
    ({"title": "《条例》"}, [], "第十二条 党支部……", "《条例》第十二条"),
    ({"title": "讲话"}, ["二、建好三支队伍"], "一是建设好队伍", "《讲话》第二部分一是"),
    ({"title": "要点"}, ["总体要求"], "1.加强领导", "《要点》「总体要求」第1条"),
    ({"title": "方案"}, ["十一、其他"], "2020年主题：规范化建设", "《方案》第十一部分"),
    ({"title": "方案"}, ["（十二）细则"], "(3)具体做法", "《方案》第（十二）项第（3）目"),
]


def test_citation_locator_rules(page: Any) -> None:
    """The pure citation function (static/citation.js), run in the browser that uses it."""
    page.goto("/")
    got = page.evaluate(
        """async (cases) => {
            const m = await import('/static/citation.js');
            return cases.map(([doc, path, own]) => m.citationLine(doc, path, own));
        }""",
        [[d, p, o] for d, p, o, _ in CITATION_CASES],
    )
    assert got == [expected for *_, expected in CITATION_CASES]
    full = page.evaluate(
        "async () => (await import('/static/citation.js')).formatCitation({title: 'T', doc_no: 'N'}, ['一、A'], '（二）B', '（二）B。正文')"
    )
    assert full == "《T》（N）第一部分第（二）项\n（二）B。正文"


# ---------------------------------------------------------------------------------------------
# Precedents and comparison


def test_precedents_grouped_by_region(page: Any, shot: Any) -> None:
    page.goto("/#/precedents?q=离退休干部到社区报到")
    group = page.locator(".prec-group").first
    expect(group).to_be_visible()
    assert page.locator(".prec-group").count() >= 2
    card = group.locator(".card").first
    expect(card.locator(".card__meta")).to_contain_text("单位")
    expect(card.locator(".card__meta")).to_contain_text("年份")
    expect(card.locator(".card__source a")).to_contain_text("《")
    shot("04-precedents")
    card.get_by_role("link", name="阅读原文").click()
    expect(page.locator(".clause.is-target")).to_be_visible()


def test_compare_regions_as_columns_and_export(page: Any, shot: Any, tmp_path: Path) -> None:
    page.goto("/#/compare?topic=党支部设置&regions=福州市,枣庄市")
    headers = page.locator(".cmp-table thead th")
    expect(headers).to_have_count(2)
    assert [h.get_attribute("data-region") for h in headers.all()] == ["福州市", "枣庄市"]
    assert page.locator(".cmp-table strong.fact").count() >= 1, "facts are bold"
    cells = page.locator(".cmp-cell")
    assert cells.count() >= 2
    for cell in cells.all():
        assert cell.locator('a.cmp-cell__link[href^="#/doc/"]').count() == 1, "every cell links to its clause"
    shot("05-compare")

    with page.expect_download() as info:
        page.locator('[data-export="csv"]').click()
    csv_path = tmp_path / info.value.suggested_filename
    info.value.save_as(csv_path)
    assert csv_path.name.endswith(".csv")
    raw = csv_path.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff"), "BOM so spreadsheet programs read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    assert rows[0][:4] == ["地区", "序号", "数量规定", "条款"]
    regions = {r[0] for r in rows[1:]}
    assert regions == {"福州市", "枣庄市"}
    fuzhou = [r for r in rows[1:] if r[0] == "福州市"]
    assert any("5人以上" in r[2] for r in fuzhou), fuzhou[:3]
    assert all("#/doc/" in r[9] for r in rows[1:] if r[8])

    with page.expect_download() as info:
        page.locator('[data-export="md"]').click()
    md_path = tmp_path / info.value.suggested_filename
    info.value.save_as(md_path)
    md = md_path.read_text(encoding="utf-8")
    assert "| 福州市 | 枣庄市 |" in md
    assert "**" in md and "](http" in md

    # A cell opens its clause in the reader.
    first = page.locator(".cmp-cell").first
    cid = first.get_attribute("data-clause-id")
    first.locator("a.cmp-cell__link").click()
    expect(page.locator(f'.clause[data-clause-id="{cid}"]')).to_have_class(re.compile("is-target"))


def test_compare_form_all_regions(page: Any) -> None:
    page.goto("/#/compare")
    page.locator("#cmp-topic").fill("党建品牌")
    page.locator("#cmp-topic").press("Enter")
    expect(page.locator(".cmp-table thead th").first).to_be_visible()
    assert page.locator(".cmp-table thead th").count() >= 2
    _, params = hash_params(page.url)
    assert params == {"topic": "党建品牌"}


# ---------------------------------------------------------------------------------------------
# Entities and graph


def graph_state(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const g = document.querySelector('#graph');
            const cy = g.cy;
            return {nodes: +g.dataset.nodeCount, edges: +g.dataset.edgeCount,
                    canvases: g.querySelectorAll('canvas').length,
                    labels: cy.edges().map((e) => e.data('label')),
                    root: cy.nodes('[?root]').id()};
        }"""
    )


def test_entity_graph_draws_and_expands(page: Any, shot: Any) -> None:
    page.goto("/#/entity?q=辽宁省&type=region")
    page.locator(".entity-list a", has_text="辽宁省").first.click()
    graph = page.locator('#graph[data-ready="true"]')
    expect(graph).to_be_visible()
    state = graph_state(page)
    assert state["canvases"] >= 1
    assert state["nodes"] > 1 and state["edges"] >= 1
    assert set(state["labels"]) <= RELATION_LABELS, state["labels"]
    shot("06-entity-graph")

    # Click a neighbour that is a city: the graph grows with its own neighbours.
    point = page.evaluate(
        """() => {
            const g = document.querySelector('#graph');
            const node = g.cy.nodes('[type = "region"][!root]').filter((n) => n.data('name') === '丹东市')[0]
                || g.cy.nodes('[!root]')[0];
            const p = node.renderedPosition();
            return {x: p.x, y: p.y, name: node.data('name')};
        }"""
    )
    before = state["nodes"]
    graph.click(position={"x": point["x"], "y": point["y"]})
    expect(page.locator(".graph-panel__name")).to_have_text(point["name"])
    # polled from Python: wait_for_function evaluates a string, which the page's CSP (no unsafe-eval) forbids
    for _ in range(150):
        if int(page.locator("#graph").get_attribute("data-node-count") or 0) > before:
            break
        page.wait_for_timeout(100)
    assert int(page.locator("#graph").get_attribute("data-node-count") or 0) > before
    open_link = page.locator(".graph-panel a", has_text="打开")
    open_link.click()
    expect(page.locator(".entity h1")).to_have_text(point["name"])
    expect(page.locator('#graph[data-ready="true"]')).to_be_visible()


def test_entity_page_relations_and_path(page: Any) -> None:
    page.goto("/#/entity?q=1335")
    page.locator(".entity-list a.chip--program").first.click()
    expect(page.locator(".relations__group").first).to_be_visible()
    expect(page.locator(".relations")).to_contain_text("由以下文件发起")
    page.locator("#path-target").fill("福建省")
    page.locator("#path-target").press("Enter")
    steps = page.locator(".path-steps li")
    expect(steps.first).to_be_visible()
    assert steps.count() >= 1
    expect(page.locator(".path-steps")).to_contain_text("福建省")


# ---------------------------------------------------------------------------------------------
# Error and slow states


def test_error_from_the_service_is_shown_in_chinese(page: Any, shot: Any) -> None:
    # A region that does not exist is a 400 from the real API with a Chinese message.
    page.goto("/#/search?q=党支部&region=火星市")
    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("查询有误")
    expect(alert).to_contain_text("火星市")
    assert alert.get_attribute("data-error-code") == "bad_query"
    # The filter chip stays, so the user can remove the cause.
    expect(page.locator(".chip--active")).to_contain_text("火星市")
    shot("07-error")
    page.locator(".chip--active").click()
    expect(page.locator(".result").first).to_be_visible()


def test_server_failure_and_network_failure(page: Any) -> None:
    body = json.dumps({"error": {"code": "internal_error", "message": "服务器内部错误，请稍后重试"}})
    search = re.compile(r"/api/search\?")
    page.route(search, lambda route: route.fulfill(status=500, body=body, content_type="application/json"))
    page.goto("/#/search?q=党支部")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("服务出错")
    expect(alert).to_contain_text("服务器内部错误，请稍后重试")
    page.unroute(search)
    page.reload()  # the service is back: the same URL shows the results
    expect(page.locator(".result").first).to_be_visible()
    page.route(re.compile(r"/api/precedents\?"), lambda route: route.abort())
    page.goto("/#/precedents?q=党建品牌")
    expect(page.get_by_role("alert")).to_contain_text("无法连接到服务")


def test_slow_query_shows_a_spinner(page: Any) -> None:
    held: list[Any] = []
    page.route(re.compile(r"/api/search\?"), lambda route: held.append(route))
    page.goto("/#/search?q=党支部")
    spinner = page.locator('[data-testid="spinner"]')
    expect(spinner).to_be_visible()  # the answer is held back, so after 300 ms the spinner shows
    expect(spinner).to_contain_text("正在查询")
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator(".result").first).to_be_visible()
    expect(spinner).to_have_count(0)


def test_read_token_is_asked_for_once(page: Any) -> None:
    """A deployment that protects reads answers 401; the UI asks for the token and sends it from then on."""
    body = json.dumps({"error": {"code": "unauthorized", "message": "需要身份验证"}})

    def guard(route: Any) -> None:
        if route.request.headers.get("authorization") == "Bearer s3cret":
            route.continue_()
        else:
            route.fulfill(status=401, body=body, content_type="application/json")

    page.route(re.compile(r"/api/search\?"), guard)
    page.goto("/#/search?q=党支部")
    expect(page.get_by_role("alert")).to_contain_text("需要身份验证")
    page.locator("#read-token").fill("s3cret")
    page.get_by_role("button", name="保存并重试").click()
    expect(page.locator(".result").first).to_be_visible()
