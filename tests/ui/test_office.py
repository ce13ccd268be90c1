"""Issue 16 in a real Chromium, at 1280×800 and 390×844: results first on a phone and at 200 % zoom,
no sideways scrolling, exact and unique citations, nothing cut off (counts = what is listed and
exported), search options with one request per search, the library, curating from the browser,
the reader and graph, favourites and history, and an axe-core check of every view."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "screenshots"
FUZHOU_DOC = "004_0247a5a9630a91d5"
TRAD_DOC = "002_147be02ba23ae852"  # 枣庄市, traditional script
BULLETIN = "001_a6bb10912aa23e10"
ARTICLE = f"{BULLETIN}~05"
LIAONING_DOC = "000_07bae7d3feccb87b"  # 辽老通字〔2020〕4号
WRITE_TOKEN = "ui-test-token"  # conftest.WRITE_TOKEN: the session's app is started with it


def expect(obj: Any) -> Any:
    from playwright.sync_api import expect as _expect

    return _expect(obj)


def hash_params(url: str) -> tuple[str, dict[str, list[str]]]:
    frag = urlsplit(url).fragment
    path, _, query = frag.partition("?")
    return unquote(path), parse_qs(query)


def total_of(page: Any) -> int:
    settled(page)
    m = re.search(r"共\s*(\d+)\s*(条|份|项)", page.locator(".results__summary").first.inner_text())
    assert m, page.locator(".results__summary").first.inner_text()
    return int(m.group(1))


def no_sideways_scroll(page: Any) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"


def poll(page: Any, fn: Any, what: str) -> None:
    # polled from Python: wait_for_function evaluates a string, which the page's CSP forbids
    for _ in range(150):
        if fn():
            return
        page.wait_for_timeout(100)
    raise AssertionError(what)


def settled(page: Any) -> None:
    """Wait until the drawn page answers the current address: a refined search keeps the old
    results on screen (dimmed) until the new ones arrive, so reading them earlier races."""
    poll(
        page,
        lambda: page.evaluate(
            "() => { const m = document.getElementById('main');"
            " return m.dataset.rendered === location.hash && !m.hasAttribute('aria-busy'); }"
        ),
        "the page for the current address is drawn",
    )


def download(page: Any, selector: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.locator(selector).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    return list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))


# ---------------------------------------------------------------------------------------------
# 1. Responsive layout


def test_results_first_and_filters_behind_a_button(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=党支部")
    first = page.locator(".result").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    height = page.viewport_size["height"]
    print(f"[{page.size}] first result at y={box['y']:.0f} px (viewport {height})")
    assert box["y"] + 40 < height, "the first result starts on the first screen, without scrolling"
    facets = page.locator("#facets")
    toggle = page.locator(".filter-toggle")
    if page.size == "phone":
        expect(facets).to_be_hidden()
        expect(toggle).to_be_visible()
        toggle.click()
        expect(facets).to_be_visible()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert facets.bounding_box()["y"] < first.bounding_box()["y"], "opened filters come above the results"
    else:
        expect(facets).to_be_visible()
        expect(toggle).to_be_hidden()
    # A long facet shows its first values and 更多.
    region = page.locator('[data-facet-group="region"]')
    more = region.locator(".facet__more")
    expect(more).to_be_visible()
    hidden_before = region.locator(".facet-link:visible").count()
    assert region.locator(".is-extra").count() >= 1
    more.click()
    assert region.locator(".facet-link:visible").count() > hidden_before
    no_sideways_scroll(page)


def test_200_percent_zoom_is_the_narrow_layout(browser: Any, base_url: str) -> None:
    """1280×800 at 200 % zoom is a 640×400 CSS viewport: the phone layout, results first."""
    context = browser.new_context(
        viewport={"width": 640, "height": 400}, device_scale_factor=2, base_url=base_url
    )
    page = context.new_page()
    try:
        page.goto("/#/search?q=党支部")
        first = page.locator(".result").first
        expect(first).to_be_visible()
        expect(page.locator(".filter-toggle")).to_be_visible()
        assert first.bounding_box()["y"] < 400, first.bounding_box()
        print(f"[zoom 200 %] first result at y={first.bounding_box()['y']:.0f} px (viewport 400)")
        page.screenshot(path=str(SCREENSHOTS / "search-zoom200.png"))
        no_sideways_scroll(page)
    finally:
        context.close()


VIEWS = [
    "/#/",
    "/#/search?q=党支部",
    f"/#/doc/{FUZHOU_DOC}",
    f"/#/doc/{ARTICLE}",
    f"/#/doc/{TRAD_DOC}",
    "/#/library",
    "/#/precedents?q=离退休干部到社区报到",
    "/#/compare?topic=党支部设置&regions=福州市,枣庄市",
    "/#/entity/region:210000",
    "/#/saved",
    "/#/curate",
    f"/#/curate/{FUZHOU_DOC}",
]


def test_no_sideways_scrolling_at_360_px(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=base_url)
    page = context.new_page()
    try:
        for url in VIEWS:
            page.goto(url)
            expect(page.locator("main h1, main .result, main .reader__title").first).to_be_visible()
            widths = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert widths[0] <= widths[1], f"{url} scrolls sideways at 360 px: {widths}"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# 2. Citations


def corpus_doc_ids(page: Any) -> list[str]:
    data = page.request.get("/api/documents", params={"limit": 100}).json()
    return [d["doc_id"] for d in data.get("items") or data["documents"]]


def test_every_clause_of_the_corpus_has_a_unique_citation(page: Any) -> None:
    ids = corpus_doc_ids(page)
    assert len(ids) >= 15
    checked = 0
    for doc_id in ids:
        api = page.request.get(f"/api/documents/{doc_id}").json()
        page.goto(f"/#/doc/{doc_id}")
        expect(page.locator(".reader__title")).to_be_visible()
        buttons = page.locator(".clause .cite-btn")
        assert buttons.count() == len(api["clauses"]), doc_id
        lines = [
            c.split("\n", 1)[0] for c in buttons.evaluate_all("(bs) => bs.map((b) => b.dataset.citation)")
        ]
        dupes = {line for line in lines if lines.count(line) > 1}
        assert not dupes, f"{doc_id}: two clauses cite as {sorted(dupes)[:3]}"
        # The copy text is the server's citation when it sends one.
        for clause, line in zip(api["clauses"], lines, strict=True):
            if clause.get("citation"):
                assert line == clause["citation"]["text"]
        checked += len(lines)
    print(f"unique citations for {checked} clauses in {len(ids)} documents")


def test_bulletin_article_citation_names_the_bulletin(sized: Any) -> None:
    page = sized
    page.goto(f"/#/doc/{ARTICLE}")
    btn = page.locator(".clause .cite-btn").first
    expect(btn).to_be_attached()
    line = btn.get_attribute("data-citation").split("\n")[0]
    assert "载《老干部工作动态" in line and "第7期" in line, line
    assert line.startswith("中共盘锦市委老干部局《"), line


def test_traditional_document_copies_simplified_with_the_original_a_click_away(sized: Any) -> None:
    page = sized
    page.goto(f"/#/doc/{TRAD_DOC}")
    toggle = page.locator('[data-action="script"]')
    expect(toggle).to_be_visible()
    text = page.locator(".reader__text")
    assert text.get_attribute("data-script") == "simplified"
    clause = page.locator(".clause", has_text="规范化").first
    expect(clause).to_contain_text("党支部")  # simplified on screen by default
    clause.locator(".cite-btn").click()
    copied = page.locator("#last-citation").text_content()
    assert "枣庄市" in copied and "棗莊" not in copied, copied
    toggle.click()
    assert text.get_attribute("data-script") == "original"
    expect(page.locator(".clause", has_text="黨支部").first).to_be_visible()
    page.locator(".clause", has_text="黨支部").first.locator(".cite-btn").click()
    copied = page.locator("#last-citation").text_content()
    assert "黨" in copied, copied


# ---------------------------------------------------------------------------------------------
# 3. Nothing cut off


def test_precedents_list_and_export_every_counted_item(sized: Any, tmp_path: Path) -> None:
    page = sized
    page.goto("/#/precedents?q=党支部")
    summary = page.locator(".results__summary")
    expect(summary).to_be_visible()
    total = int(summary.get_attribute("data-total"))
    assert total > 0
    if page.locator("[data-more]").count():
        expect(page.locator("[data-more]")).to_contain_text(f"/ {total}")
        page.locator('[data-load="all"]').click()
        expect(page.locator("[data-more]")).to_have_count(0)
    expect(page.locator(".card")).to_have_count(total)
    group_sum = sum(
        int(re.sub(r"\D", "", c)) for c in page.locator(".prec-group__title .count").all_inner_texts()
    )
    assert group_sum == total
    rows = csv_rows(download(page, '[data-export="csv"]', tmp_path))
    assert len(rows) - 1 == total, "the CSV holds every counted practice"
    md = download(page, '[data-export="md"]', tmp_path).read_text(encoding="utf-8")
    assert md.count("\n- ") == total


def test_compare_columns_list_and_export_every_counted_clause(sized: Any, tmp_path: Path) -> None:
    page = sized
    page.goto("/#/compare?topic=党支部&regions=辽宁省,福州市,枣庄市")
    heads = page.locator(".cmp-table thead th")
    expect(heads).to_have_count(3)
    counts = {
        h.get_attribute("data-region"): int(h.locator(".count").get_attribute("data-total"))
        for h in heads.all()
    }
    assert max(counts.values()) > 10, counts  # a column with more than one page
    shown = page.locator(".cmp-table tbody tr:not(.cmp-more) td:first-child .cmp-cell").count()
    assert shown < counts["辽宁省"]
    more = page.locator(".cmp-more td").first.locator('[data-load="more"]')
    more.click()
    poll(
        page,
        lambda: page.locator("tbody tr:not(.cmp-more) td:first-child .cmp-cell").count() > shown,
        "加载更多 adds rows",
    )
    # The export fetches the rest first: the file holds every counted clause of every column.
    rows = csv_rows(download(page, '[data-export="csv"]', tmp_path))
    per_region: dict[str, int] = {}
    for r in rows[1:]:
        if r[8]:
            per_region[r[0]] = per_region.get(r[0], 0) + 1
    assert per_region == {k: v for k, v in counts.items() if v}, (per_region, counts)
    # …and the page now shows all of them, under counts that did not change.
    for i, (region, n) in enumerate(counts.items()):
        col = page.locator(f"tbody tr:not(.cmp-more) td:nth-child({i + 1}) .cmp-cell")
        assert col.count() == n, region
    # The 出处 column is the same citation the copy button gives.
    api = page.request.get("/api/compare", params={"topic": "党支部", "regions": "福州市", "limit": 1}).json()
    item = api["columns"][0]["items"][0]
    if item.get("citation"):
        assert any(r[4] == item["citation"]["text"] for r in rows[1:])


# ---------------------------------------------------------------------------------------------
# 4. Search


def test_one_request_per_search_and_old_results_kept_dimmed(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=党支部")
    expect(page.locator(".result").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "/api/" in r.url else None)
    held: list[Any] = []
    page.route(re.compile(r"/api/search\?"), lambda route: held.append(route))
    box = page.locator("[data-primary-input]")
    box.fill("组织生活")
    box.press("Enter")
    poll(page, lambda: len(held) == 1, "the search request is sent")
    # While the answer is on its way the old results stay, dimmed.
    expect(page.locator(".view.is-stale .result").first).to_be_visible()
    # the dimming is a 0.15 s transition: read at its start, the computed opacity is still 1
    poll(
        page,
        lambda: float(page.locator(".view.is-stale").evaluate("(e) => getComputedStyle(e).opacity")) < 1,
        "the old results are dimmed",
    )
    held[0].continue_()
    expect(page.locator(".view.is-stale")).to_have_count(0)
    expect(page.locator(".result").first).to_contain_text("组织生活")
    page.wait_for_load_state("networkidle")
    print(f"[{page.size}] API requests for one search: {seen}")
    assert len(seen) == 1 and "/api/search?" in seen[0], seen


def test_sort_date_range_title_and_syntax_help(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=党支部")
    expect(page.locator(".result").first).to_be_visible()
    expect(page.locator(".syntax-help summary")).to_have_text("检索语法")
    page.locator(".syntax-help summary").click()
    expect(page.locator(".syntax-help")).to_contain_text("引号")
    page.locator("#sort").select_option("date")
    poll(page, lambda: "sort=date" in page.url, "sort in the URL")
    settled(page)
    expect(page.locator(".result").first).to_be_visible()
    api = page.request.get("/api/search", params={"q": "党支部", "sort": "date"}).json()
    assert page.locator(".result").first.get_attribute("data-clause-id") == api["results"][0]["clause_id"]
    page.locator(".advanced summary").click()
    page.locator("#date-from").fill("2020-01-01")
    page.locator("#date-to").fill("2020-12-31")
    page.locator(".advanced__body button[type=submit]").click()
    poll(page, lambda: "date_from=2020-01-01" in page.url, "date range in the URL")
    expect(page.locator(".chip--active", has_text="日期")).to_be_visible()
    settled(page)
    expect(page.locator(".result").first).to_be_visible()
    dates = page.locator(".result .doc-line__meta").all_inner_texts()
    assert all(not re.match(r"\d{4}-", d) or d.startswith("2020") for d in dates), dates
    # Title only: every hit comes from a document whose title holds the word.
    page.goto("/#/search?q=实施意见")
    expect(page.locator(".result").first).to_be_visible()
    page.locator(".advanced summary").click()
    page.locator("#field-title").check()
    page.locator(".advanced__body button[type=submit]").click()
    expect(page.locator(".chip--active", has_text="只检索标题")).to_be_visible()
    settled(page)
    assert hash_params(page.url)[1]["field"] == ["title"]
    titles = page.locator(".result .doc-line__title").all_inner_texts()
    assert titles and all("实施意见" in t for t in titles), titles


def pick_facet(page: Any, group: str, value: str) -> None:
    """Click a facet value as a user would: open 筛选 on a phone, 更多 when it is folded away."""
    if (
        page.locator(".filter-toggle").is_visible()
        and page.locator(".filter-toggle").get_attribute("aria-expanded") != "true"
    ):
        page.locator(".filter-toggle").click()
    link = page.locator(f'.facet-link[data-facet="{group}"][data-value="{value}"]')
    if not link.is_visible():
        page.locator(f'[data-facet-group="{group}"] .facet__more').click()
    link.click()


def test_multi_select_facets(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=党支部")
    expect(page.locator(".result").first).to_be_visible()
    total_all = total_of(page)
    pick_facet(page, "region", "福州市")
    expect(page.locator(".chip--active")).to_have_count(1)
    one = total_of(page)
    pick_facet(page, "region", "枣庄市")
    expect(page.locator(".chip--active")).to_have_count(2)
    _, params = hash_params(page.url)
    assert sorted(params["region"]) == ["枣庄市", "福州市"]
    both = total_of(page)
    assert one < both < total_all or (one <= both <= total_all), (one, both, total_all)
    # Every issuer shown on a card is a value of the issuer facet (and filtering by it finds the card).
    issuers = {
        t
        for t in page.locator(".result .doc-line__meta").all_inner_texts()
        if not re.match(r"[\d〔（(]|.*号$", t)
    }
    facet_values = set(
        page.locator('.facet-link[data-facet="issuer"]').evaluate_all(
            "(ls) => ls.map((l) => l.dataset.value)"
        )
    )
    assert issuers and issuers <= facet_values, issuers - facet_values
    # Removing one value keeps the other.
    page.locator(".chip--active", has_text="福州市").click()
    expect(page.locator(".chip--active")).to_have_count(1)
    assert hash_params(page.url)[1]["region"] == ["枣庄市"]


def test_docno_query_shows_the_document_first(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=辽老通字2020年4号")
    card = page.locator(".doc-card")
    expect(card).to_be_visible()
    assert card.get_attribute("data-document-match") == LIAONING_DOC
    assert card.bounding_box()["y"] < page.locator(".result").first.bounding_box()["y"]


def test_strong_matches_line(sized: Any) -> None:
    page = sized
    q = "离退休干部党支部书记培训"
    api = page.request.get("/api/search", params={"q": q, "strong_first": "true"}).json()
    st = api["strong_total"]
    assert 0 < st < min(10, api["total"]), (st, api["total"])  # the line falls on the first page
    page.goto(f"/#/search?q={q}")
    expect(page.locator(".result").first).to_be_visible()
    line = page.locator(".strong-line")
    expect(line).to_be_visible()
    assert line.evaluate("(l) => [...l.parentElement.children].indexOf(l)") == st
    expect(line).to_contain_text(f"以上 {st} 条")
    ids = page.locator(".result").evaluate_all("(rs) => rs.map((r) => r.dataset.clauseId)")
    strong = {r["clause_id"] for r in api["results"] if r["strong"]}
    assert set(ids[:st]) == strong and not set(ids[st:]) & strong


# ---------------------------------------------------------------------------------------------
# 5. Library


def test_library_lists_filters_and_sorts_every_document(sized: Any, tmp_path: Path) -> None:
    page = sized
    api_total = page.request.get("/api/documents", params={"limit": 1}).json()["total"]
    page.goto("/#/library")
    expect(page.locator(".lib-item").first).to_be_visible()
    assert total_of(page) == api_total
    assert page.title().startswith("文件库")
    for group in ("doc_type", "region", "year", "issuer"):
        expect(page.locator(f'[data-facet-group="{group}"]')).to_be_attached()
    pick_facet(page, "doc_type", "通知")
    expect(page.locator(".chip--active")).to_contain_text("文种：通知")
    poll(page, lambda: total_of(page) < api_total, "the type filter narrows the list")
    assert all("通知" in m for m in page.locator(".lib-item__meta").all_inner_texts())
    page.goto("/#/library?sort=date")
    expect(page.locator(".lib-item").first).to_be_visible()
    dates = [
        m.group(0)
        for t in page.locator(".lib-item__meta").all_inner_texts()
        if (m := re.search(r"\d{4}-\d{2}-\d{2}", t))
    ]
    assert dates == sorted(dates) and dates, dates
    # Per document: original file, print view, copy link.
    item = page.locator(f'.lib-item[data-doc-id="{FUZHOU_DOC}"]')
    page.goto("/#/library?q=1335")
    expect(item).to_be_visible()
    path = download(page, f'.lib-item[data-doc-id="{FUZHOU_DOC}"] [data-action="original"]', tmp_path)
    assert "榕离退工委" in path.read_text(encoding="utf-8")
    item.locator('[data-action="copy-link"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"#/doc/{FUZHOU_DOC}")
    item.locator('[data-action="print"]').click()
    expect(page.locator(".reader--print")).to_be_visible()
    expect(page.locator(".outline")).to_be_hidden()


def test_reader_source_link_and_related_documents(sized: Any) -> None:
    page = sized

    def with_source(route: Any) -> None:
        body = route.fetch().json()
        body["source_url"] = "https://www.gov.cn/zhengce/example.html"
        route.fulfill(json=body)

    page.route(re.compile(rf"/api/documents/{LIAONING_DOC}$"), with_source)
    page.goto(f"/#/doc/{LIAONING_DOC}")
    link = page.locator('[data-action="source"]')
    expect(link).to_have_attribute("href", "https://www.gov.cn/zhengce/example.html")
    assert link.get_attribute("rel") == "noopener noreferrer"
    related = page.locator(".related-docs")
    expect(related).to_be_visible()
    api = page.request.get(f"/api/documents/{LIAONING_DOC}").json()
    for key, label in (("cites", "本文引用"), ("cited_by", "引用本文的文件")):
        group = related.locator(".related-docs__group", has_text=label)
        assert group.locator("li").count() == len(api["related"][key])


# ---------------------------------------------------------------------------------------------
# 7. Reader and graph


def test_reader_highlights_outline_title_and_print(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=支部换届改选")
    result = page.locator(".result").first
    expect(result).to_be_visible()
    result.get_by_role("link", name="阅读原文").click()
    expect(page.locator(".clause.is-target")).to_be_visible()
    assert page.locator(".reader__text mark.hl").count() >= 1, "search words highlighted in the reader"
    title = page.locator(".reader__title").inner_text()
    assert page.title().startswith(title)
    # Every outline entry is a link; following one scrolls without loading the document again.
    if page.size == "phone":  # folded on a phone, so the text comes first
        assert page.locator(".outline details[open]").count() == 0
        page.locator(".outline summary").click()
    links = page.locator(".outline a")
    assert links.count() >= 3 and page.locator(".outline span").count() == 0
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "/api/" in r.url else None)
    last = links.last
    if page.size == "phone":
        last.scroll_into_view_if_needed()
    last.click()
    target = last.get_attribute("data-target")
    expect(page.locator(f'.clause[data-clause-id="{target}"]')).to_be_in_viewport()
    assert last.get_attribute("aria-current") == "location"
    assert not seen, seen
    # Print: no sticky bar, header, outline or tools on paper.
    page.emulate_media(media="print")
    for sel in (".reader__sticky", ".site-header", ".outline", ".clause__tools", ".doc-actions"):
        assert page.locator(sel).first.evaluate("(e) => getComputedStyle(e).display") == "none", sel
    page.emulate_media(media="screen")


def test_scroll_restored_on_back(sized: Any) -> None:
    page = sized
    page.goto("/#/library")
    expect(page.locator(".lib-item").nth(5)).to_be_visible()
    page.locator(".lib-item").nth(5).scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(200)
    y = page.evaluate("window.scrollY")
    assert y > 200
    page.locator(".lib-item").nth(5).locator(".lib-item__title a").click()
    expect(page.locator(".reader__title")).to_be_visible()
    page.go_back()
    expect(page.locator(".lib-item").first).to_be_visible()
    poll(page, lambda: abs(page.evaluate("window.scrollY") - y) < 5, f"scroll back at {y}")


def test_bulletin_article_gets_a_readable_width(sized: Any) -> None:
    page = sized
    page.goto(f"/#/doc/{ARTICLE}")
    text = page.locator(".clause__text").first
    expect(text).to_be_visible()
    width = text.bounding_box()["width"]
    font = float(text.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)"))
    per_line = width / font
    print(f"[{page.size}] bulletin article: {width:.0f} px ≈ {per_line:.0f} characters a line")
    assert per_line >= (20 if page.size == "phone" else 35), per_line
    chips = page.locator(".entity-chips")
    if chips.count():
        assert chips.get_attribute("open") is None or page.locator(".entity-chips a").count() <= 12


def graph_positions(page: Any) -> dict[str, tuple[float, float]]:
    return page.evaluate(
        "() => Object.fromEntries(document.querySelector('#graph').cy.nodes().map((n) => [n.id(), [n.position('x'), n.position('y')]]))"
    )


def test_graph_expansion_keeps_nodes_in_place(sized: Any) -> None:
    page = sized
    page.goto("/#/entity/region:210000")
    expect(page.locator('#graph[data-ready="true"]')).to_be_visible()
    assert page.title().startswith("辽宁省")
    before = graph_positions(page)
    page.evaluate(
        "() => { const cy = document.querySelector('#graph').cy; cy.nodes('[!root]').filter((n) => n.data('name') === '丹东市')[0].emit('tap'); }"
    )
    poll(
        page,
        lambda: int(page.locator("#graph").get_attribute("data-node-count")) > len(before),
        "expansion adds nodes",
    )
    after = graph_positions(page)
    moved = [k for k, (x, y) in before.items() if abs(after[k][0] - x) > 0.5 or abs(after[k][1] - y) > 0.5]
    assert not moved, f"expansion moved {moved[:5]}"
    zoom = page.evaluate("document.querySelector('#graph').cy.zoom()")
    assert zoom >= 0.74, "labels stay readable (12 px at ≥ 0.75 zoom)"


def test_path_through_a_concept_is_set_aside_unless_asked(sized: Any) -> None:
    page = sized
    fake = {
        "source": {"id": "region:210000", "name": "辽宁省", "type": "region"},
        "target": {"id": "region:350000", "name": "福建省", "type": "region"},
        "found": True,
        "length": 2,
        "nodes": [
            {"id": "region:210000", "name": "辽宁省", "type": "region"},
            {"id": "concept:四个意识", "name": "四个意识", "type": "concept"},
            {"id": "region:350000", "name": "福建省", "type": "region"},
        ],
        "steps": [
            {
                "source": "region:210000",
                "target": "concept:四个意识",
                "relation": "mentions",
                "evidence_clauses": [],
            },
            {
                "source": "region:350000",
                "target": "concept:四个意识",
                "relation": "mentions",
                "evidence_clauses": [],
            },
        ],
    }
    asked: list[str] = []

    def answer(route: Any) -> None:
        asked.append(route.request.url)
        route.fulfill(json=fake)

    # An older server that returns the concept path anyway: the page sets it aside itself.
    page.route(re.compile(r"/api/graph/path\?"), answer)
    page.goto("/#/entity/region:210000")
    expect(page.locator('#graph[data-ready="true"]')).to_be_visible()
    page.locator("#path-target").fill("福建省")
    page.locator("#path-target").press("Enter")
    expect(page.locator("[data-path-concepts]")).to_contain_text("四个意识")
    expect(page.locator(".path-steps")).to_have_count(0)
    assert "via_concepts" not in asked[-1]
    page.locator("#path-concepts").check()
    page.locator("#path-target").press("Enter")
    expect(page.locator(".path-steps li")).to_have_count(2)
    assert "via_concepts=true" in asked[-1]


def test_path_only_through_concepts_is_said_so(sized: Any) -> None:
    """The real server: 红枫行动 (辽宁) and 本色家园 (枣庄) share only generic concepts; no path is
    drawn through them unless asked, and then one is."""
    page = sized
    page.goto("/#/entity/program:支部力量·红枫行动")
    expect(page.locator('#graph[data-ready="true"]')).to_be_visible()
    page.locator("#path-target").fill("本色家园")
    page.locator("#path-target").press("Enter")
    expect(page.locator("[data-path-concepts]")).to_contain_text("泛化概念")
    expect(page.locator(".path-steps")).to_have_count(0)
    page.locator("#path-concepts").check()
    page.locator("#path-target").press("Enter")
    expect(page.locator(".path-steps li").first).to_be_visible()
    types = page.evaluate(
        "() => document.querySelector('#graph').cy.nodes('.on-path').map((n) => n.data('type'))"
    )
    assert "concept" in types, types


# ---------------------------------------------------------------------------------------------
# 8. Favourites and history


def test_favourites_and_history_are_kept_and_clearable(sized: Any) -> None:
    page = sized
    page.goto("/#/search?q=三会一课")
    result = page.locator(".result").first
    expect(result).to_be_visible()
    fav = result.locator(".fav-btn")
    fav.click()
    expect(fav).to_have_attribute("aria-pressed", "true")
    page.goto(f"/#/doc/{FUZHOU_DOC}")
    page.locator(".doc-actions .fav-btn").click()
    page.goto("/#/saved")
    favs = page.locator('[data-section="favorites"] .saved-list li')
    expect(favs).to_have_count(2)
    expect(page.locator('[data-section="history"] .saved-list li').first).to_contain_text("三会一课")
    page.reload()  # kept in localStorage
    expect(favs).to_have_count(2)
    page.locator('[data-clear="favorites"]').click()
    page.locator('[data-clear="history"]').click()
    expect(page.locator(".saved-list")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('policykg.favorites')") is None


# ---------------------------------------------------------------------------------------------
# 9 + 10. Accessibility and screenshots of every view

SHOTS = [
    ("home", "/#/", "main h1"),
    ("search", "/#/search?q=党支部", ".result"),
    ("search-docno", "/#/search?q=辽老通字2020年4号", ".result"),
    ("reader", f"/#/doc/{FUZHOU_DOC}?clause={FUZHOU_DOC}:0010", ".clause.is-target"),
    ("reader-bulletin", f"/#/doc/{ARTICLE}", ".clause"),
    ("reader-print-view", f"/#/doc/{FUZHOU_DOC}?print=1", ".reader--print"),
    ("reader-traditional", f"/#/doc/{TRAD_DOC}", '[data-action="script"]'),
    ("library", "/#/library", ".lib-item"),
    ("precedents", "/#/precedents?q=离退休干部到社区报到", ".card"),
    ("compare", "/#/compare?topic=党支部&regions=辽宁省,福州市,枣庄市", ".cmp-cell"),
    ("entity", "/#/entity/region:210000", '#graph[data-ready="true"]'),
    ("saved", "/#/saved", "main h1"),
    ("curate", "/#/curate", ".upload-form"),
    ("curate-edit", f"/#/curate/{FUZHOU_DOC}", ".edit-form"),
]

AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
}"""


def test_every_view_accessible_and_photographed(sized: Any, axe_source: str, screenshots: Path) -> None:
    page = sized
    problems = {}
    for name, url, ready in SHOTS:
        page.goto(url)
        expect(page.locator(ready).first).to_be_visible()
        page.screenshot(path=str(screenshots / f"{name}-{page.size}.png"))
        page.evaluate(axe_source)  # test-only: evaluated by the driver, never served by the app
        found = page.evaluate(AXE_RUN)
        if found:
            problems[name] = found
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------------------------
# 6. Curate (last: it changes the shared data dir, and puts it back)

UPLOAD = """关于做好离退休干部党员教育管理工作的通知

各县（区）委老干部局：

一、加强学习教育。定期组织离退休干部党员参加集中学习。

二、规范组织生活。认真落实“三会一课”制度，每季度至少开展一次主题党日活动。
"""


def test_upload_correct_rebuild_delete(
    page: Any, ui_data_dir: Path, tmp_path: Path, screenshots: Path
) -> None:
    page.goto("/#/curate")
    page.locator("#write-token").fill(WRITE_TOKEN)  # the token the session's app was started with
    page.locator("#write-token").press("Enter")
    expect(page.locator(".token-box")).to_contain_text("已输入写入令牌")
    assert page.evaluate("sessionStorage.getItem('policykg.writeToken')") == WRITE_TOKEN
    assert page.evaluate("localStorage.getItem('policykg.writeToken')") is None
    src = tmp_path / "ui_upload_notice.txt"
    src.write_text(UPLOAD, encoding="utf-8")
    before = page.request.get("/api/health").json()["documents"]
    page.locator("#upload-files").set_input_files(str(src))
    expect(page.locator("[data-chosen]")).to_have_text("ui_upload_notice.txt")
    page.locator(".upload-form button[type=submit]").click()
    result = page.locator('.upload-result[data-file="ui_upload_notice.txt"]')
    expect(result).to_be_visible(timeout=60_000)
    assert result.get_attribute("data-status") == "added"
    assert page.locator(".upload-form progress").get_attribute("value") == "100"
    expect(result.locator(".upload-missing")).to_contain_text("未识别")  # no issuer, no date in this file
    doc_id = result.locator(".upload-doc").get_attribute("data-doc-id")
    expect(page.locator("#footer-stats")).to_contain_text(f"已收录 {before + 1} 份文件")
    page.screenshot(path=str(screenshots / "curate-upload-desktop.png"))

    # Correct the title in the browser (PATCH).
    result.get_by_role("link", name="修改信息").click()
    title = "更正后的离退休干部党员教育管理通知"
    page.locator("#edit-title").fill(title)
    page.locator("#edit-date").fill("2021-05-01")
    page.locator(".edit-form button[type=submit]").click()
    expect(page.locator("[data-saved]")).to_be_visible()

    def check_everywhere() -> None:
        page.goto("/#/search?q=离退休干部党员教育管理 主题党日")
        hit = page.locator(f'.result[data-clause-id^="{doc_id}:"]').first
        expect(hit).to_be_visible()
        expect(hit.locator(".doc-line__title")).to_contain_text(title)
        assert title in hit.locator(".cite-btn").get_attribute("data-citation")
        page.goto(f"/#/doc/{doc_id}")
        expect(page.locator(".reader__title")).to_have_text(title)
        assert title in page.locator(".clause .cite-btn").first.get_attribute("data-citation")

    check_everywhere()

    # A rebuild of the data dir (the corpus plus the uploaded file) keeps the correction.
    from policykg.settings import Settings
    from service.engine import Engine

    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus)
    shutil.copy(src, corpus / src.name)
    engine = Engine(Settings(data_dir=ui_data_dir, corpus_dir=corpus))
    try:
        engine.build(corpus)
    finally:
        engine.close()
    check_everywhere()

    # Delete, with a confirmation first.
    page.goto(f"/#/curate/{doc_id}")
    page.locator('[data-action="delete"]').click()
    confirm = page.locator(".confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text(title)
    page.locator('[data-action="confirm-delete"]').click()
    expect(page.locator(f'[data-deleted="{doc_id}"]')).to_be_visible()
    assert page.request.get(f"/api/documents/{doc_id}").status == 404
