// The library: every document, filtered by type, region, year and issuer, sorted by date or title,
// each with its source (original file, source address), print view, copy link and related documents.
// Against an older API without filters the same page filters the full list in the browser.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { clauseHref, h } from "../dom.js";
import { buildHash } from "../route.js";
import { pagination } from "./common.js";
import { docActions } from "./docpanel.js";
import { FACETS, FACET_TITLES, facetsPanel, filterToggle } from "./facets.js";

const PAGE_SIZE = 20;
const FILTERS = ["doc_type", "region", "year", "issuer"];
const SORTS = [["-date", "日期（新→旧）"], ["date", "日期（旧→新）"], ["title", "标题"]];

function stateFrom(params) {
  const state = {
    q: (params.get("q") || "").trim(), sort: params.get("sort") || "-date",
    page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
  };
  for (const f of FACETS) state[f] = FILTERS.includes(f) ? params.getAll(f).filter(Boolean) : [];
  return state;
}

function hashFor(state, changes = {}) {
  const next = { ...state, ...changes };
  if (next.page === 1) next.page = "";
  if (next.sort === "-date") next.sort = "";
  for (const f of FACETS) if (!FILTERS.includes(f)) delete next[f];
  return buildHash("/library", next);
}

function apiParams(state) {
  const p = { q: state.q, sort: state.sort, limit: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE };
  for (const f of FILTERS.filter((x) => x !== "year")) p[f] = state[f];
  if (state.year.length) {
    p.year_from = Math.min(...state.year.map(Number));
    p.year_to = Math.max(...state.year.map(Number));
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Older API: the whole list, filtered, counted and sorted here.

async function allDocuments(signal) {
  const out = [];
  for (let offset = 0; ; offset += 100) {
    const page = await getJSON("/api/documents", { offset, limit: 100 }, { signal });
    const items = page.items || page.documents || [];
    out.push(...items);
    if (!items.length || out.length >= page.total) return out;
  }
}

const valuesOf = {
  doc_type: (d) => [d.doc_type], region: (d) => [d.region?.name], year: (d) => [d.year ?? (d.date || "").slice(0, 4)],
  issuer: (d) => d.issuer_units || d.issuers || [d.issuer, d.author_unit],
};

export function filterLocally(docs, state) {
  const keep = (d, skip = null) => FILTERS.every((f) => f === skip || !state[f].length
    || valuesOf[f](d).some((v) => v != null && state[f].includes(String(v))))
    && (!state.q || state.q.split(/\s+/).every((w) => `${d.title} ${d.doc_no || ""}`.includes(w)));
  const facets = {};
  for (const f of FILTERS) {
    const counts = new Map();
    for (const d of docs.filter((x) => keep(x, f))) {
      for (const v of new Set(valuesOf[f](d).filter(Boolean).map(String))) counts.set(v, (counts.get(v) || 0) + 1);
    }
    facets[f] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
  }
  const items = docs.filter((d) => keep(d));
  const cmp = state.sort === "title" ? (a, b) => a.title.localeCompare(b.title, "zh")
    : (a, b) => String(a.date || "").localeCompare(String(b.date || "")) * (state.sort === "date" ? 1 : -1);
  items.sort(cmp);
  const offset = (state.page - 1) * PAGE_SIZE;
  return { total: items.length, items: items.slice(offset, offset + PAGE_SIZE), facets };
}

// ---------------------------------------------------------------------------------------------

/** The selected filters as removable chips, above the list (visible when the panel is folded). */
function activeFilters(state) {
  const chips = FILTERS.flatMap((f) => state[f].map((v) => h("a", {
    class: "chip chip--active", href: hashFor(state, { [f]: state[f].filter((x) => x !== v), page: 1 }), title: "取消此筛选",
  }, `${FACET_TITLES[f]}：${v}`, h("span", { "aria-hidden": "true" }, " ×"))));
  return chips.length ? h("div", { class: "active-filters", "aria-label": "当前筛选" }, chips) : null;
}

function docItem(ctx, d) {
  const meta = [d.doc_no, d.issuer, d.date, d.doc_type, d.region?.name].filter(Boolean);
  return h("article", { class: "lib-item", "data-doc-id": d.doc_id },
    h("h2", { class: "lib-item__title" }, h("a", { href: clauseHref(d.doc_id) }, d.title)),
    h("p", { class: "lib-item__meta" }, meta.map((m) => h("span", {}, m)),
      d.clause_count != null ? h("span", {}, `${d.clause_count} 个条款`) : null,
      d.children?.length ? h("span", {}, `${d.children.length} 篇文章`) : null),
    d.parent_id ? h("p", { class: "muted lib-item__parent" }, "简报中的文章：", h("a", { href: clauseHref(d.parent_id) }, "打开所在简报")) : null,
    docActions(ctx, d));
}

export async function renderLibrary(el, ctx) {
  const state = stateFrom(ctx.params);
  const input = h("input", { id: "lib-q", type: "search", value: state.q, "data-primary-input": true, autocomplete: "off", placeholder: "标题中的词或文号" });
  const form = h("form", { class: "query-form", role: "search" },
    h("label", { for: "lib-q", class: "sr-only" }, "在文件库中查找"), input,
    h("button", { type: "submit", class: "btn btn--primary" }, "查找"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    ctx.navigate(hashFor(state, { q: input.value.trim(), page: 1 }));
  });
  el.append(h("section", { class: "view-head" }, h("h1", {}, "文件库"),
    h("p", { class: "lead" }, "库中的全部文件：按文种、地区、年份、发文机关筛选，下载原文、打印或复制链接。"), form));
  const body = h("div", { class: "library" });
  el.append(body);
  let data;
  try {
    data = await withSpinner(body, async () => {
      const answer = await getJSON("/api/documents", apiParams(state), { signal: ctx.signal });
      if (answer.facets) return { ...answer, items: answer.items || answer.documents };
      return filterLocally(await allDocuments(ctx.signal), state); // an API without library filters
    }, { label: "正在载入文件列表…" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    body.append(errorBox(err));
    return;
  }
  const panel = facetsPanel(state, data, (c) => hashFor(state, c));
  const sort = h("select", { id: "lib-sort", "aria-label": "排序" },
    SORTS.map(([v, label]) => h("option", { value: v, selected: state.sort === v }, label)));
  sort.addEventListener("change", () => ctx.navigate(hashFor(state, { sort: sort.value, page: 1 })));
  const offset = (state.page - 1) * PAGE_SIZE;
  const selected = FILTERS.reduce((n, f) => n + state[f].length, 0);
  const list = h("section", { class: "results", "aria-label": "文件列表" },
    h("div", { class: "results__bar" },
      h("p", { class: "results__summary", role: "status" }, `共 ${data.total} 份文件`),
      filterToggle(panel, selected), h("label", { class: "sort" }, h("span", { class: "sr-only" }, "排序"), sort)),
    data.items.length
      ? h("div", { class: "results__list" }, data.items.map((d) => docItem(ctx, d)))
      : h("div", { class: "empty", "data-state": "empty" }, h("h2", {}, "没有符合条件的文件"),
        h("p", {}, h("a", { href: "#/library" }, "查看全部文件"))),
    pagination(data.total, offset, PAGE_SIZE, (p) => hashFor(state, { page: p })));
  body.append(h("div", {}, activeFilters(state)), h("div", { class: "search-layout" }, list, panel));
}
