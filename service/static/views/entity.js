// Entity pages: what an entity is, its relations as a list and as a graph (cytoscape, vendored),
// click a node to expand its neighbourhood or open it; plus a finder and a path search.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { clauseHref, entityHref, h, typeLabel } from "../dom.js";
import { buildHash } from "../route.js";
import { drawGraph, legend, MAX_NEIGHBORS, relationLabel } from "./graph.js";

export { arcPositions, neighborhoodElements, relationLabel, ringPositions } from "./graph.js";

/** Heading of a group of neighbours, read from the entity's side ("out": it → them). */
export function neighborHeading(relation, direction, selfType) {
  const out = direction === "out";
  const table = {
    part_of: out ? (selfType === "document" ? "收录于" : "隶属于") : "下级/组成部分",
    issued_by: out ? "发文机关" : "所发文件",
    cites: out ? "引用" : "被以下文件引用",
    implements: out ? "落实" : "落实单位/文件",
    launches: out ? "发起" : "由以下文件发起",
    located_in: out ? "位于" : "所在机构/支部",
    covers: out ? "适用地区" : "适用于本地区的文件",
    authored_by: out ? "作者" : "所著文件",
    member_of: out ? "任职于" : "成员",
    mentions: out ? "提及" : "被提及",
  };
  return table[relation] || `${relation}（${out ? "出" : "入"}）`;
}

function neighborList(entity) {
  const groups = new Map();
  for (const n of entity.neighbors || []) {
    const key = `${n.relation}|${n.direction}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(n);
  }
  if (!groups.size) return h("p", { class: "muted" }, "暂无已知关系。");
  return h("div", { class: "relations" }, [...groups.entries()].map(([key, items]) => {
    const [relation, direction] = key.split("|");
    return h("section", { class: "relations__group" },
      h("h3", {}, neighborHeading(relation, direction, entity.type), h("span", { class: "count" }, String(items.length))),
      h("ul", {}, items.map((n) => h("li", {},
        h("a", { href: entityHref(n.entity.id), class: `chip chip--${n.entity.type}` }, n.entity.name),
        n.evidence && n.evidence.length
          ? h("a", { class: "evidence-link", href: clauseHref(n.evidence[0].split(":")[0], n.evidence[0]), title: "抽取依据的条款" }, "依据")
          : null))));
  }));
}

/** Concept nodes (slogans, standing institutions) on a path: they link things that share a phrase only. */
export function conceptsOn(path) {
  return (path.nodes || []).filter((n) => n.type === "concept" && n.id !== path.source?.id && n.id !== path.target?.id);
}

function pathFinder(entity, ctx, onPath) {
  const input = h("input", { id: "path-target", type: "search", placeholder: "另一个实体的名称，例如某个地区或机构", autocomplete: "off" });
  const viaConcepts = h("input", { type: "checkbox", id: "path-concepts" });
  const out = h("div", { class: "path-result", "aria-live": "polite" });
  const form = h("form", { class: "query-form query-form--small" },
    h("label", { for: "path-target" }, "查找关系路径：从“", entity.name, "”到"), input,
    h("label", { class: "check", for: "path-concepts" }, viaConcepts, "允许经过概念"),
    h("button", { type: "submit", class: "btn" }, "查找"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const target = input.value.trim();
    if (!target) return;
    out.replaceChildren();
    try {
      const path = await withSpinner(out, () => getJSON("/api/graph/path", {
        source: entity.id, target, via_concepts: viaConcepts.checked ? "true" : "",
      }, { signal: ctx.signal }));
      if (!path.found && path.concept_path) {
        out.append(h("p", { class: "muted", "data-path-concepts": "true" },
          `“${entity.name}”与“${path.target.name}”之间只有经过泛化概念的路径，不代表两者有实际关联；如仍要查看，请勾选“允许经过概念”后再查找。`));
        return;
      }
      if (!path.found) {
        out.append(h("p", { class: "muted" }, `没有找到“${entity.name}”与“${path.target.name}”之间的关系路径。`));
        return;
      }
      // The server avoids concept nodes unless via_concepts=true; an older one does not, so such a
      // path is also set aside here unless asked.
      const concepts = conceptsOn(path);
      if (concepts.length && !viaConcepts.checked) {
        out.append(h("p", { class: "muted", "data-path-concepts": "true" },
          `找到的路径只经过泛化概念“${concepts.map((c) => c.name).join("、")}”相连，不代表两者有实际关联；如仍要查看，请勾选“允许经过概念”后再查找。`));
        return;
      }
      const names = new Map((path.nodes || []).map((n) => [n.id, n]));
      out.append(h("ol", { class: "path-steps" }, path.steps.map((s) => h("li", {},
        h("a", { href: entityHref(s.source) }, names.get(s.source)?.name || s.source),
        h("span", { class: "path-rel" }, ` —${relationLabel(s.relation, names.get(s.source)?.type)}→ `),
        h("a", { href: entityHref(s.target) }, names.get(s.target)?.name || s.target),
        (s.evidence_clauses || []).slice(0, 1).map((c) => h("a", { class: "evidence-link", href: clauseHref(c.doc_id, c.clause_id) }, "依据"))))));
      onPath(path);
    } catch (err) {
      if (err.name !== "AbortError") out.append(errorBox(err));
    }
  });
  return h("section", { class: "path-finder" }, form, out);
}

const ATTR_LABELS = {
  code: "代码", level: "级别", path: "所属", region: "地区", region_code: "区划代码", kind: "类别", doc_no: "文号",
  doc_type: "文种", date: "日期", year: "年份", title: "标题", office: "职务", role: "身份", category: "类别",
  organization: "所属单位", component_of: "组成部分",
};
const ATTR_VALUES = {
  level: { province: "省级", city: "市级", county: "县级", town: "乡镇级", unknown: "未知" },
  role: { speaker: "讲话人", author: "作者" },
  kind: { party: "党组织", government: "政府机关", school: "学校", enterprise: "企业", association: "社会组织" },
};

/** Attributes worth showing, with Chinese labels; internal ones (flags, ids, evidence) are left out. */
export function attributeRows(attributes) {
  const rows = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (!(key in ATTR_LABELS) || value == null || value === "") continue;
    let text;
    if (Array.isArray(value)) {
      if (key === "path" && value.length < 2) continue;
      text = value.join(key === "path" ? " › " : "、");
    } else if (typeof value === "object") {
      continue;
    } else {
      text = ATTR_VALUES[key]?.[value] ?? String(value);
    }
    rows.push([ATTR_LABELS[key], text]);
  }
  return rows;
}

async function renderEntityPage(el, ctx, id) {
  let entity;
  try {
    entity = await withSpinner(el, () => getJSON(`/api/entities/${encodeURIComponent(id)}`, {}, { signal: ctx.signal }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    el.append(h("p", {}, h("a", { href: "#/entity" }, "← 查找实体")), errorBox(err));
    const name = id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
    if (err.status === 404 && name) {
      el.append(h("p", {}, "可以按名称查找：", h("a", { href: buildHash("/entity", { q: name }) }, `“${name}”`)));
    }
    return;
  }
  ctx.setTitle(entity.name, typeLabel(entity.type), "知识图谱");
  const docId = entity.type === "document" ? entity.attributes?.doc_id || null : null;
  const attrs = attributeRows(entity.attributes || {});
  const graphBox = h("div", { class: "graph", id: "graph", role: "img", "aria-label": `“${entity.name}”的关系图，共 ${(entity.neighbors || []).length} 个关系；下方列表给出同样的内容` });
  const panel = h("div", { class: "graph-panel", "aria-live": "polite" },
    h("p", { class: "muted" }, "点击节点展开其关系，双击或点“打开”进入该实体页面。"));
  const total = (entity.neighbors || []).length;
  el.append(h("article", { class: "entity", "data-entity-id": entity.id },
    h("header", { class: "entity__head" },
      h("div", { class: "entity__top" }, h("a", { href: "#/entity" }, "← 查找实体"),
        h("span", { class: `type-badge type-badge--${entity.type}` }, typeLabel(entity.type))),
      h("h1", {}, entity.name),
      entity.aliases && entity.aliases.length ? h("p", { class: "muted" }, "又称：", entity.aliases.join("、")) : null,
      entity.attributes?.external ? h("p", { class: "muted" }, "被引用的文件，不在本库中。") : null,
      attrs.length ? h("dl", { class: "meta" }, attrs.map(([k, v]) => h("div", { class: "meta__item" }, h("dt", {}, k), h("dd", {}, String(v))))) : null,
      h("p", { class: "entity__links" },
        docId ? h("a", { class: "btn btn--small btn--primary", href: clauseHref(docId) }, "阅读全文") : null,
        h("a", { class: "btn btn--small", href: buildHash("/search", { q: entity.name }) }, "检索相关条款"))),
    h("section", { class: "graph-wrap" },
      h("div", { class: "graph-wrap__head" }, h("h2", {}, "关系图"),
        total > MAX_NEIGHBORS ? h("span", { class: "muted" }, `（显示前 ${MAX_NEIGHBORS} 个，共 ${total} 个关系）`) : null,
        legend()),
      h("div", { class: "graph-wrap__body" }, graphBox, panel)),
    h("section", {}, h("h2", {}, "关系列表"), neighborList(entity))));
  let graph = null;
  const finder = pathFinder(entity, ctx, (path) => graph && graph.highlightPath(path));
  el.querySelector(".graph-wrap").append(finder);
  try {
    graph = await drawGraph(graphBox, panel, entity, ctx.signal);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    graphBox.replaceChildren(h("p", { class: "notice notice--error" }, "关系图无法显示，请查看下方的关系列表。"));
  }
}

async function renderFinder(el, ctx) {
  const q = (ctx.params.get("q") || "").trim();
  const type = ctx.params.get("type") || "";
  const input = h("input", { id: "entity-q", type: "search", value: q, "data-primary-input": true, autocomplete: "off", placeholder: "名称或简称，例如某个地区、机构、品牌" });
  const select = h("select", { id: "entity-type", "aria-label": "类型" },
    h("option", { value: "" }, "全部类型"),
    ["program", "organization", "region", "document", "person", "branch"].map((t) => h("option", { value: t, selected: t === type }, typeLabel(t))));
  const form = h("form", { class: "query-form", role: "search" },
    h("label", { for: "entity-q", class: "sr-only" }, "实体名称"), input, select,
    h("button", { type: "submit", class: "btn btn--primary" }, "查找"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    ctx.navigate(buildHash("/entity", { q: input.value.trim(), type: select.value }));
  });
  el.append(h("section", { class: "view-head" }, h("h1", {}, "知识图谱"),
    h("p", { class: "lead" }, "文件、机构、地区、品牌/项目、人物之间的关系。查找一个实体，查看它的关系图。"), form));
  const body = h("div", { class: "entity-finder" });
  el.append(body);
  const list = (items) => h("ul", { class: "entity-list" }, items.map((e) => h("li", {},
    h("a", { href: entityHref(e.id), class: `chip chip--${e.type}` }, e.name),
    h("span", { class: "muted" }, ` ${typeLabel(e.type)}`),
    e.aliases && e.aliases.length ? h("span", { class: "muted" }, `（又称 ${e.aliases.slice(0, 3).join("、")}）`) : null)));
  try {
    if (q || type) {
      const data = await withSpinner(body, () => getJSON("/api/entities", { q, type, limit: 50 }, { signal: ctx.signal }));
      body.append(data.results.length ? list(data.results)
        : h("div", { class: "empty", "data-state": "empty" }, h("h2", {}, "无结果"), h("p", {}, "没有找到该名称的实体，可以试试简称或全称。")));
    } else {
      const types = ["program", "organization", "region"];
      const answers = await withSpinner(body, () => Promise.all(types.map((t) => getJSON("/api/entities", { type: t, limit: 12 }, { signal: ctx.signal }))));
      types.forEach((t, i) => {
        if (!answers[i].results.length) return;
        body.append(h("section", {}, h("h2", {}, `常见${typeLabel(t)}`),
          h("div", { class: "chips entity-list" }, answers[i].results.map((e) =>
            h("a", { href: entityHref(e.id), class: `chip chip--${e.type}`, title: e.aliases?.length ? `又称 ${e.aliases.join("、")}` : null }, e.name)))));
      });
    }
  } catch (err) {
    if (err.name === "AbortError") throw err;
    body.append(errorBox(err));
  }
  if (!q) input.focus();
}

export async function renderEntity(el, ctx) {
  if (ctx.arg) return renderEntityPage(el, ctx, ctx.arg);
  return renderFinder(el, ctx);
}
