// Search view: one box, facets that filter, results with highlights, pagination; all state in the URL.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { append, clauseHref, docLine, h, html } from "../dom.js";
import { buildHash } from "../route.js";
import { chip, citeButton, pagination, pathCrumb, queryForm } from "./common.js";

const PAGE_SIZE = 10;
const FILTERS = ["region", "year", "doc_type", "program", "issuer"];
const FACET_TITLES = { region: "地区", year: "年份", doc_type: "文种", program: "品牌/项目", issuer: "发文机关" };
const FILTER_LABELS = { region: "地区", year: "年份", doc_type: "文种", program: "项目", issuer: "发文机关" };
const EXAMPLES = ["离退休干部党支部如何设置", "社区报到", "“党建品牌”", "组织生活"];

/** The search state as it lives in the URL. */
function stateFrom(params) {
  const state = { q: (params.get("q") || "").trim(), page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1) };
  for (const f of FILTERS) state[f] = params.get(f) || "";
  return state;
}

function hashFor(state, changes = {}) {
  const next = { ...state, ...changes };
  if (next.page === 1) next.page = "";
  return buildHash("/search", next);
}

function apiParams(state) {
  const p = { q: state.q, limit: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE };
  for (const f of ["region", "doc_type", "program", "issuer"]) p[f] = state[f];
  if (state.year) {
    p.year_from = state.year;
    p.year_to = state.year;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Region tree. Facet rows name regions; the hierarchy comes from a row's `path` (names, province
// first) when the API gives one, otherwise from NBS codes (210603 → 210600 → 210000) looked up
// once per session through /api/entities.

const regionCodes = new Map(); // session cache: region name → NBS code ("" when unknown)

function codeOf(id) {
  const code = String(id || "").replace(/^region:/, "");
  return /^\d{6}(\d{3})?$/.test(code) ? code : "";
}

/** Ancestor codes of an NBS code, nearest first: 210603 → [210600, 210000]. */
export function ancestorCodes(code) {
  if (!code) return [];
  const out = [];
  if (code.length > 6) out.push(code.slice(0, 6));
  const six = code.slice(0, 6);
  out.push(`${six.slice(0, 4)}00`, `${six.slice(0, 2)}0000`);
  return [...new Set(out)].filter((c) => c !== code);
}

async function loadRegionCodes(names, signal) {
  let missing = names.filter((n) => !regionCodes.has(n));
  if (!missing.length) return;
  try {
    if (!regionCodes.size) {
      const all = await getJSON("/api/entities", { type: "region", limit: 100 }, { signal });
      for (const e of all.results) if (!regionCodes.has(e.name)) regionCodes.set(e.name, codeOf(e.id));
      missing = missing.filter((n) => !regionCodes.has(n));
    }
    const found = await Promise.all(missing.slice(0, 30).map((n) =>
      getJSON("/api/entities", { q: n, type: "region", limit: 1 }, { signal }).catch(() => ({ results: [] }))));
    missing.slice(0, 30).forEach((n, i) => {
      const e = found[i].results[0];
      regionCodes.set(n, e && e.name === n ? codeOf(e.id) : "");
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
  }
}

/** Nest facet rows into a tree; `codes` maps a region name to its NBS code. Order of rows is kept. */
export function regionTree(rows, codes = new Map()) {
  const byName = new Map(rows.map((r) => [r.value, { ...r, children: [] }]));
  const nameByCode = new Map();
  for (const r of rows) {
    const code = codes.get(r.value) || codeOf(r.id);
    if (code) nameByCode.set(code, r.value);
  }
  const parentOf = (row) => {
    if (Array.isArray(row.path)) {
      for (let i = row.path.length - 2; i >= 0; i--) if (byName.has(row.path[i]) && row.path[i] !== row.value) return row.path[i];
    }
    for (const c of ancestorCodes(codes.get(row.value) || codeOf(row.id))) if (nameByCode.has(c)) return nameByCode.get(c);
    return null;
  };
  const roots = [];
  for (const row of rows) {
    const parent = parentOf(row);
    if (parent) byName.get(parent).children.push(byName.get(row.value));
    else roots.push(byName.get(row.value));
  }
  return roots;
}

function facetLink(state, name, row, label = row.value) {
  const selected = state[name] === row.value;
  const href = hashFor(state, { [name]: selected ? "" : row.value, page: 1 });
  return h("a", {
    class: `facet-link${selected ? " is-selected" : ""}`, href, "aria-pressed": selected ? "true" : "false",
    "data-facet": name, "data-value": row.value,
    title: selected ? `取消筛选：${row.value}` : `只看：${row.value}`,
  }, h("span", { class: "facet-link__label" }, label), h("span", { class: "facet-link__count" }, String(row.count)));
}

function regionList(state, nodes) {
  return h("ul", { class: "facet-tree" }, nodes.map((n) => h("li", {},
    facetLink(state, "region", n),
    n.children.length ? regionList(state, n.children) : null)));
}

function facetGroup(state, name, rows) {
  if (!rows || !rows.length) return null;
  let body;
  if (name === "region") body = regionList(state, regionTree(rows, regionCodes));
  else {
    const sorted = name === "year" ? [...rows].sort((a, b) => String(b.value).localeCompare(String(a.value))) : rows;
    body = h("ul", { class: "facet-list" }, sorted.map((r) => h("li", {}, facetLink(state, name, r))));
  }
  return h("section", { class: "facet", "data-facet-group": name },
    h("h2", { class: "facet__title" }, FACET_TITLES[name] || name), body);
}

function facetsPanel(state, data) {
  const facets = { ...(data.facets || {}) };
  // Keep a selected value visible even when the answer has no row for it, so it can be removed.
  for (const f of FILTERS) {
    if (state[f] && !(facets[f] || []).some((r) => r.value === state[f])) {
      facets[f] = [{ value: state[f], count: data.total }, ...(facets[f] || [])];
    }
  }
  const groups = FILTERS.map((f) => facetGroup(state, f, facets[f])).filter(Boolean);
  return h("aside", { class: "facets", "aria-label": "筛选条件" },
    groups.length ? groups : h("p", { class: "muted" }, "没有可用的筛选项"));
}

function activeFilters(state) {
  const active = FILTERS.filter((f) => state[f]);
  if (!active.length) return null;
  return h("div", { class: "active-filters", "aria-label": "当前筛选" },
    active.map((f) => h("a", { class: "chip chip--active", href: hashFor(state, { [f]: "", page: 1 }), title: "取消此筛选" },
      `${FILTER_LABELS[f]}：${state[f]}`, h("span", { "aria-hidden": "true" }, " ×"))),
    active.length > 1
      ? h("a", { class: "chip chip--plain", href: hashFor(state, Object.fromEntries(FILTERS.map((f) => [f, ""]))) }, "清除全部")
      : null);
}

function resultItem(ctx, r) {
  const doc = r.document || {};
  return h("article", { class: "result", "data-clause-id": r.clause_id },
    pathCrumb(r.path, r.heading),
    // The only HTML we insert: the API's highlight (escaped server-side, <mark> around the hits).
    h("p", { class: "result__text" }, html(r.highlight || "")),
    docLine(doc, { clauseId: r.clause_id }),
    h("div", { class: "result__actions" },
      h("a", { class: "btn btn--small", href: clauseHref(r.doc_id, r.clause_id) }, "阅读原文"),
      citeButton(ctx, doc, r.path, r.heading || r.text, r.text)));
}

async function suggestions(ctx) {
  try {
    const data = await getJSON("/api/entities", { type: "program", limit: 6 }, { signal: ctx.signal });
    return data.results.map((e) => e.name);
  } catch {
    return [];
  }
}

function exampleChips(words) {
  return h("div", { class: "chips" }, words.map((w) => chip(w, buildHash("/search", { q: w }))));
}

function emptyState(ctx, state, extra) {
  const hasFilters = FILTERS.some((f) => state[f]);
  const tips = [
    hasFilters ? h("li", {}, "去掉部分筛选条件：", h("a", { href: hashFor(state, Object.fromEntries(FILTERS.map((f) => [f, ""]))) }, "在全部文件中检索")) : null,
    h("li", {}, "换用更短或更常用的说法，例如把“离退休干部党员到社区报到的做法”改为“社区报到”"),
    h("li", {}, "检查错别字和文号写法，例如：某老通字〔2020〕4号"),
    h("li", {}, "加引号只找完整短语，去掉引号可放宽匹配"),
  ];
  const box = h("div", { class: "empty", "data-state": "empty" },
    h("h2", {}, "无结果"),
    h("p", {}, `没有找到与“${state.q}”相关的条款。可以试试：`),
    h("ul", { class: "tips" }, tips));
  if (extra.length) box.append(h("p", {}, "或看看这些品牌/项目："), exampleChips(extra));
  return box;
}

async function homeState(ctx) {
  const programs = await suggestions(ctx);
  return h("div", { class: "intro" },
    h("h1", {}, "检索政策条款"),
    h("p", { class: "lead" }, "在政策文件中按条款检索：可以输入问题、加引号的短语（如 “党建品牌”）或文号。结果精确到条、项，附出处，可一键复制引用。"),
    h("h2", { class: "intro__sub" }, "试试这些检索"),
    exampleChips(EXAMPLES),
    programs.length ? [h("h2", { class: "intro__sub" }, "文件中的品牌与项目"), exampleChips(programs)] : null,
    h("div", { class: "intro__cards" },
      h("a", { class: "intro-card", href: "#/precedents" }, h("strong", {}, "先例做法"), h("span", {}, "各地、各单位做过什么，按地区分组")),
      h("a", { class: "intro-card", href: "#/compare" }, h("strong", {}, "地区对比"), h("span", {}, "同一主题各地规定并排对照，可导出表格")),
      h("a", { class: "intro-card", href: "#/entity" }, h("strong", {}, "知识图谱"), h("span", {}, "文件、机构、地区、品牌之间的关系"))));
}

export async function renderSearch(el, ctx) {
  const state = stateFrom(ctx.params);
  const form = queryForm({
    label: "检索条款", value: state.q, button: "检索",
    placeholder: "输入问题、“短语”或文号，例如：离退休干部党支部如何设置",
    onSubmit: (q) => ctx.navigate(hashFor(state, { q, page: 1 })),
  });
  el.append(h("section", { class: "search-head" }, form));
  const body = h("div", { class: "search-body" });
  el.append(body);
  if (!state.q) {
    body.append(await homeState(ctx));
    if (!ctx.params.has("q")) form.querySelector("input").focus();
    return;
  }
  let data;
  try {
    data = await withSpinner(body, () => getJSON("/api/search", apiParams(state), { signal: ctx.signal }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    append(body, [activeFilters(state), errorBox(err)]);
    return;
  }
  await loadRegionCodes((data.facets?.region || []).map((r) => r.value), ctx.signal);
  const results = h("section", { class: "results", "aria-label": "检索结果" });
  const offset = (state.page - 1) * PAGE_SIZE;
  if (!data.results.length) {
    results.append(emptyState(ctx, state, offset ? [] : await suggestions(ctx)));
    if (offset && data.total) results.prepend(h("p", {}, h("a", { href: hashFor(state, { page: 1 }) }, "回到第 1 页")));
  } else {
    append(results, [
      h("p", { class: "results__summary", role: "status" },
        `共 ${data.total} 条结果`, data.total > PAGE_SIZE ? `，第 ${offset + 1}–${offset + data.results.length} 条` : ""),
      h("div", { class: "results__list" }, data.results.map((r) => resultItem(ctx, r))),
      pagination(data.total, offset, PAGE_SIZE, (p) => hashFor(state, { page: p })),
    ]);
  }
  append(body, [activeFilters(state), h("div", { class: "search-layout" }, facetsPanel(state, data), results)]);
}
