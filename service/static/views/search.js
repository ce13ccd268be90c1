// Search view: one box (plus sort, date range, title-only), multi-select facets, results with
// highlights and a line where strong matches end, a 文号 match shown first as the document; all
// state in the URL, and exactly one API request per search.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { referenceOf } from "../citation.js";
import { append, clauseHref, docLine, h, html } from "../dom.js";
import { buildHash } from "../route.js";
import { remember } from "../store.js";
import { chip, citeButton, favButton, pagination, pathCrumb } from "./common.js";
import { FACETS, FACET_TITLES, facetsPanel, filterToggle, loadRegionCodes } from "./facets.js";

export { ancestorCodes, regionTree } from "./facets.js";

const PAGE_SIZE = 10;
const EXAMPLES = ["离退休干部党支部如何设置", "社区报到", "“党建品牌”", "组织生活"];
const SCALARS = ["q", "sort", "date_from", "date_to", "field"];

/** The search state as it lives in the URL; facet values are arrays (repeated parameters). */
export function stateFrom(params) {
  const state = { page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1) };
  for (const k of SCALARS) state[k] = (params.get(k) || "").trim();
  for (const f of FACETS) state[f] = params.getAll(f).filter(Boolean);
  return state;
}

function hashFor(state, changes = {}) {
  const next = { ...state, ...changes };
  if (next.page === 1) next.page = "";
  if (next.sort === "relevance") next.sort = "";
  return buildHash("/search", next);
}

/** The API parameters of a state. A single year also goes as year_from/year_to for older servers. */
export function apiParams(state) {
  // strong_first: the hits matching every concept come first, so one line can mark where they end.
  const p = { q: state.q, limit: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE, strong_first: "true" };
  for (const f of FACETS) p[f] = state[f];
  for (const k of ["sort", "date_from", "date_to", "field"]) p[k] = state[k];
  if (state.year.length === 1) {
    p.year_from = state.year[0];
    p.year_to = state.year[0];
  } else if (!state.year.length && (state.date_from || state.date_to)) {
    p.year_from = state.date_from.slice(0, 4);
    p.year_to = state.date_to.slice(0, 4);
  }
  return p;
}

function selectedCount(state) {
  return FACETS.reduce((n, f) => n + state[f].length, 0) + (state.date_from || state.date_to ? 1 : 0) + (state.field ? 1 : 0);
}

function activeFilters(state) {
  const chips = [];
  for (const f of FACETS) {
    for (const v of state[f]) {
      chips.push(h("a", { class: "chip chip--active", href: hashFor(state, { [f]: state[f].filter((x) => x !== v), page: 1 }), title: "取消此筛选" },
        `${FACET_TITLES[f]}：${v}`, h("span", { "aria-hidden": "true" }, " ×")));
    }
  }
  if (state.date_from || state.date_to) {
    chips.push(h("a", { class: "chip chip--active", href: hashFor(state, { date_from: "", date_to: "", page: 1 }), title: "取消此筛选" },
      `日期：${state.date_from || "不限"} 至 ${state.date_to || "不限"}`, h("span", { "aria-hidden": "true" }, " ×")));
  }
  if (state.field === "title") {
    chips.push(h("a", { class: "chip chip--active", href: hashFor(state, { field: "", page: 1 }) }, "只检索标题", h("span", { "aria-hidden": "true" }, " ×")));
  }
  if (!chips.length) return null;
  const clearAll = Object.fromEntries([...FACETS.map((f) => [f, []]), ["date_from", ""], ["date_to", ""], ["field", ""], ["page", 1]]);
  return h("div", { class: "active-filters", "aria-label": "当前筛选" }, chips,
    chips.length > 1 ? h("a", { class: "chip chip--plain", href: hashFor(state, clearAll) }, "清除全部") : null);
}

/** The distinct words the server marked in a hit: what the reader highlights. */
export function markedWords(highlight) {
  const words = [...String(highlight || "").matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1].replace(/<[^>]*>/g, ""));
  const long = words.filter((w) => w.length >= 2);
  return [...new Set(long.length ? long : words)].slice(0, 12);
}

function readerHref(r) {
  const words = markedWords(r.highlight);
  return clauseHref(r.doc_id, r.clause_id) + (words.length ? `&hl=${encodeURIComponent(words.join(" "))}` : "");
}

function resultItem(ctx, r) {
  const doc = r.document || {};
  return h("article", { class: `result${r.strong === false ? " result--weak" : ""}`, "data-clause-id": r.clause_id },
    pathCrumb(r.path, r.heading),
    // The only HTML we insert: the API's highlight (escaped server-side, <mark> around the hits).
    h("p", { class: "result__text" }, html(r.highlight || "")),
    docLine(doc, { clauseId: r.clause_id }),
    h("div", { class: "result__actions" },
      h("a", { class: "btn btn--small", href: readerHref(r) }, "阅读原文"),
      citeButton(ctx, r, { own: r.heading || r.text }),
      favButton({ key: r.clause_id, kind: "clause", title: referenceOf(r, { own: r.heading || r.text }), text: r.text.slice(0, 80), href: clauseHref(r.doc_id, r.clause_id) })));
}

/** A query that is a 文号: the document itself, before its clauses. */
function documentCard(ctx, d) {
  return h("article", { class: "doc-card", "data-document-match": d.doc_id },
    h("p", { class: "doc-card__kind" }, "文号匹配的文件"),
    h("h2", { class: "doc-card__title" }, h("a", { href: clauseHref(d.doc_id) }, d.title)),
    docLine(d, { link: false }),
    h("div", { class: "result__actions" },
      h("a", { class: "btn btn--small btn--primary", href: clauseHref(d.doc_id) }, "阅读全文"),
      d.citation?.text ? h("button", { type: "button", class: "btn btn--small btn--ghost", onclick: () => ctx.copyCitation(d.citation.text) }, "复制引用") : null));
}

/** The divider where hits stop matching every concept of the query (strong_total). */
function strongLine(count) {
  return h("div", { class: "strong-line", role: "separator", "data-strong-line": "true" },
    h("span", {}, `以上 ${count} 条包含全部检索词；以下结果只包含部分检索词`));
}

function resultsList(ctx, data, offset) {
  const st = data.strong_total;
  const items = [];
  if (st != null && st <= offset && data.results.length && data.total > st) {
    items.push(h("p", { class: "strong-note", "data-strong-line": "true" },
      st ? `包含全部检索词的 ${st} 条结果在前面各页；本页结果只包含部分检索词。` : "没有同时包含全部检索词的结果，以下结果只包含部分检索词。"));
  }
  data.results.forEach((r, i) => {
    if (st != null && st > 0 && offset + i === st) items.push(strongLine(st));
    items.push(resultItem(ctx, r));
  });
  return h("div", { class: "results__list" }, items);
}

function summaryText(data, offset) {
  const range = data.total > PAGE_SIZE ? `，第 ${offset + 1}–${offset + data.results.length} 条` : "";
  const strong = data.strong_total != null && data.strong_total < data.total ? `（其中 ${data.strong_total} 条包含全部检索词）` : "";
  return `共 ${data.total} 条结果${strong}${range}`;
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

function emptyState(state) {
  const tips = [
    selectedCount(state) ? h("li", {}, "去掉部分筛选条件：", h("a", { href: buildHash("/search", { q: state.q }) }, "在全部文件中检索")) : null,
    h("li", {}, "换用更短或更常用的说法，例如把“离退休干部党员到社区报到的做法”改为“社区报到”"),
    h("li", {}, "检查错别字和文号写法，例如：某老通字〔2020〕4号"),
    h("li", {}, "加引号只找完整短语，去掉引号可放宽匹配"),
  ];
  return h("div", { class: "empty", "data-state": "empty" },
    h("h2", {}, "无结果"),
    h("p", {}, `没有找到与“${state.q}”相关的条款。可以试试：`),
    h("ul", { class: "tips" }, tips));
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
      h("a", { class: "intro-card", href: "#/library" }, h("strong", {}, "文件库"), h("span", {}, "浏览全部文件，按文种、地区、年份筛选")),
      h("a", { class: "intro-card", href: "#/precedents" }, h("strong", {}, "先例做法"), h("span", {}, "各地、各单位做过什么，按地区分组")),
      h("a", { class: "intro-card", href: "#/compare" }, h("strong", {}, "地区对比"), h("span", {}, "同一主题各地规定并排对照，可导出表格")),
      h("a", { class: "intro-card", href: "#/entity" }, h("strong", {}, "知识图谱"), h("span", {}, "文件、机构、地区、品牌之间的关系"))));
}

const SYNTAX = [
  ["党支部 换届", "空格分开：同时包含这些词（越靠前越相关）"],
  ["“党建品牌”", "引号：只找完整短语"],
  ["社区报到 OR 双报到", "OR：任一即可；NOT 排除，如 党费 NOT 缴纳"],
  ["辽老通字〔2020〕4号", "文号：任何常见写法都能找到该文件"],
  ["标题:实施意见", "字段：标题、文号、发文机关、地区、年份，如 年份:2020"],
];

function searchForm(ctx, state) {
  const input = h("input", {
    id: "input-q", name: "q", type: "search", value: state.q, autocomplete: "off", "data-primary-input": true,
    enterkeyhint: "search", maxlength: "2000", placeholder: "输入问题、“短语”或文号",
  });
  const from = h("input", { id: "date-from", name: "date_from", type: "date", value: state.date_from.length === 10 ? state.date_from : "" });
  const to = h("input", { id: "date-to", name: "date_to", type: "date", value: state.date_to.length === 10 ? state.date_to : "" });
  const titleOnly = h("input", { id: "field-title", name: "field", type: "checkbox", checked: state.field === "title" });
  const advancedOpen = Boolean(state.date_from || state.date_to || state.field);
  const form = h("form", { class: "search-form", role: "search" },
    h("div", { class: "query-form" },
      h("label", { for: "input-q", class: "sr-only" }, "检索条款"), input,
      h("button", { type: "submit", class: "btn btn--primary" }, "检索")),
    h("div", { class: "search-options" },
      h("details", { class: "advanced", open: advancedOpen },
        h("summary", {}, "高级检索"),
        h("div", { class: "advanced__body" },
          h("label", { class: "check" }, titleOnly, "只检索标题"),
          h("span", { class: "date-range" },
            h("label", { for: "date-from" }, "成文日期"), from,
            h("label", { for: "date-to" }, "至"), to),
          h("button", { type: "submit", class: "btn btn--small" }, "应用"))),
      h("details", { class: "syntax-help" },
        h("summary", {}, "检索语法"),
        h("dl", {}, SYNTAX.map(([ex, what]) => h("div", {}, h("dt", {}, h("code", {}, ex)), h("dd", {}, what)))))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    ctx.navigate(hashFor(state, {
      q: input.value.trim(), page: 1, date_from: from.value, date_to: to.value, field: titleOnly.checked ? "title" : "",
    }));
  });
  return form;
}

function sortSelect(ctx, state) {
  const select = h("select", { id: "sort", "aria-label": "排序" },
    h("option", { value: "relevance", selected: state.sort !== "date" }, "按相关度"),
    h("option", { value: "date", selected: state.sort === "date" }, "按日期（新→旧）"));
  select.addEventListener("change", () => ctx.navigate(hashFor(state, { sort: select.value, page: 1 })));
  return h("label", { class: "sort" }, h("span", { class: "sr-only" }, "排序"), select);
}

export async function renderSearch(el, ctx) {
  const state = stateFrom(ctx.params);
  const form = searchForm(ctx, state);
  el.append(h("section", { class: "search-head" }, form));
  const body = h("div", { class: "search-body" });
  el.append(body);
  if (!state.q) {
    body.append(await homeState(ctx));
    if (!ctx.params.has("q")) form.querySelector("input").focus();
    return;
  }
  ctx.setTitle(`“${state.q}”`, "条款检索");
  loadRegionCodes(); // once per session, in parallel with the search (never after it)
  let data;
  try {
    data = await withSpinner(body, () => getJSON("/api/search", apiParams(state), { signal: ctx.signal }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    append(body, [activeFilters(state), errorBox(err)]);
    return;
  }
  remember({ q: state.q, href: hashFor(state), total: data.total, filters: selectedCount(state) });
  const h2 = (s) => hashFor(state, s);
  const panel = facetsPanel(state, data, h2);
  const results = h("section", { class: "results", "aria-label": "检索结果" });
  const offset = (state.page - 1) * PAGE_SIZE;
  if (data.notices?.length) {
    results.append(h("div", { class: "notices" }, data.notices.map((n) => h("p", { class: "notice" }, typeof n === "string" ? n : n.message || ""))));
  }
  if (data.document_match && offset === 0) results.append(documentCard(ctx, data.document_match));
  if (!data.results.length) {
    results.append(emptyState(state));
    if (offset && data.total) results.prepend(h("p", {}, h("a", { href: hashFor(state, { page: 1 }) }, "回到第 1 页")));
  } else {
    append(results, [
      h("div", { class: "results__bar" },
        h("p", { class: "results__summary", role: "status" }, summaryText(data, offset)),
        filterToggle(panel, selectedCount(state)), sortSelect(ctx, state)),
      resultsList(ctx, data, offset),
      pagination(data.total, offset, PAGE_SIZE, (p) => hashFor(state, { page: p })),
    ]);
  }
  if (!data.results.length) results.prepend(h("div", { class: "results__bar" }, filterToggle(panel, selectedCount(state))));
  append(body, [activeFilters(state), h("div", { class: "search-layout" }, results, panel)]);
}
