// The facet panel of the search view: multi-select values (region as a tree), long lists collapsed
// behind 更多, hidden behind a 筛选 button on narrow screens (results come first there).

import { getJSON } from "../api.js";
import { h } from "../dom.js";

export const FACETS = ["region", "level", "year", "doc_type", "issuer", "program"];
export const FACET_TITLES = {
  region: "地区", level: "文件层级", year: "年份", doc_type: "文种", program: "品牌/项目", issuer: "发文机关/单位",
};
const SHOWN = 6; // values shown before 更多

// ---------------------------------------------------------------------------------------------
// Region tree. Facet rows name regions; the hierarchy comes from a row's `path` or `id` when the
// API gives one, otherwise from NBS codes (210603 → 210600 → 210000) of the region entities,
// fetched once per session in parallel with the first search (never a second round trip per search).

const regionCodes = new Map(); // region name → NBS code
let regionCodesLoad = null;

function codeOf(id) {
  const code = String(id || "").replace(/^region:/, "");
  return /^\d{6}(\d{3})?$/.test(code) ? code : "";
}

/** Start (once) the session's lookup of region codes; resolves when they are known. */
export function loadRegionCodes() {
  regionCodesLoad ??= getJSON("/api/entities", { type: "region", limit: 100 })
    .then((all) => {
      for (const e of all.results) if (!regionCodes.has(e.name)) regionCodes.set(e.name, codeOf(e.id));
    })
    .catch(() => {});
  return regionCodesLoad;
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

// ---------------------------------------------------------------------------------------------

/** A value of a facet as a toggle link: selecting adds it to the facet's values (OR within a facet). */
function facetLink(state, name, row, hashFor) {
  const values = state[name];
  const selected = values.includes(row.value);
  const next = selected ? values.filter((v) => v !== row.value) : [...values, row.value];
  return h("a", {
    class: `facet-link${selected ? " is-selected" : ""}`, href: hashFor({ [name]: next, page: 1 }),
    "aria-pressed": selected ? "true" : "false", role: "button",
    "data-facet": name, "data-value": row.value,
    title: selected ? `取消筛选：${row.value}` : `加入筛选：${row.value}`,
  }, h("span", { class: "facet-link__box", "aria-hidden": "true" }, selected ? "☑" : "☐"),
  h("span", { class: "facet-link__label" }, row.value), h("span", { class: "facet-link__count" }, String(row.count)));
}

function regionList(state, nodes, hashFor) {
  return h("ul", { class: "facet-tree" }, nodes.map((n) => h("li", {},
    facetLink(state, "region", n, hashFor),
    n.children.length ? regionList(state, n.children, hashFor) : null)));
}

function facetGroup(state, name, rows, hashFor) {
  if (!rows || !rows.length) return null;
  let body;
  if (name === "region") body = regionList(state, regionTree(rows, regionCodes), hashFor);
  else {
    const sorted = name === "year" ? [...rows].sort((a, b) => String(b.value).localeCompare(String(a.value))) : rows;
    body = h("ul", { class: "facet-list" }, sorted.map((r) => h("li", {}, facetLink(state, name, r, hashFor))));
  }
  const group = h("section", { class: "facet", "data-facet-group": name },
    h("h2", { class: "facet__title" }, FACET_TITLES[name] || name), body);
  // Long lists: the first values, then 更多 (a selected value further down keeps the list open).
  // In the region tree the shallow levels come first (every province before any county), so a
  // province is never folded away under another's cities.
  const depth = (li) => { let d = 0; for (let p = li.parentElement; p && p !== body; p = p.parentElement) if (p.tagName === "LI") d++; return d; };
  const all = [...body.querySelectorAll("li")];
  const items = name === "region" ? all.map((li, i) => [depth(li), i, li]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]) : all;
  const shown = name === "region" ? Math.max(SHOWN, body.querySelectorAll(":scope > li").length) : SHOWN;
  if (items.length > shown + 1) {
    const extra = items.slice(shown);
    extra.forEach((li) => li.classList.add("is-extra"));
    const open = extra.some((li) => li.querySelector(":scope > .is-selected"));
    const more = h("button", { type: "button", class: "btn btn--link facet__more", "aria-expanded": open ? "true" : "false" });
    const paint = (on) => {
      group.classList.toggle("is-expanded", on);
      more.setAttribute("aria-expanded", on ? "true" : "false");
      more.textContent = on ? "收起" : `更多（${extra.length}）`;
    };
    more.addEventListener("click", () => paint(!group.classList.contains("is-expanded")));
    paint(open);
    group.append(more);
  }
  return group;
}

/** The panel; its region group is redrawn once the session's region codes are known. */
export function facetsPanel(state, data, hashFor) {
  const facets = { ...(data.facets || {}) };
  // Keep a selected value visible even when the answer has no row for it, so it can be removed.
  for (const f of FACETS) {
    for (const v of state[f]) {
      if (!(facets[f] || []).some((r) => r.value === v)) facets[f] = [{ value: v, count: 0 }, ...(facets[f] || [])];
    }
  }
  const groups = FACETS.map((f) => facetGroup(state, f, facets[f], hashFor)).filter(Boolean);
  const panel = h("aside", { class: "facets", id: "facets", "aria-label": "筛选条件" },
    groups.length ? groups : h("p", { class: "muted" }, "没有可用的筛选项"));
  const rows = facets.region || [];
  if (rows.length && !rows.some((r) => r.id || r.path)) {
    loadRegionCodes().then(() => {
      const old = panel.querySelector('[data-facet-group="region"]');
      if (old) old.replaceWith(facetGroup(state, "region", rows, hashFor));
    });
  }
  return panel;
}

/** The 筛选 button of narrow screens: shows or hides the panel (above the results when shown). */
export function filterToggle(panel, selectedCount) {
  const btn = h("button", {
    type: "button", class: "btn filter-toggle", "aria-controls": "facets", "aria-expanded": "false",
  }, "筛选", selectedCount ? h("span", { class: "count" }, String(selectedCount)) : null);
  btn.addEventListener("click", () => {
    const open = !panel.classList.contains("is-open");
    panel.classList.toggle("is-open", open);
    btn.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) panel.querySelector("a, button")?.focus();
  });
  return btn;
}
