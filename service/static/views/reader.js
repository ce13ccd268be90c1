// Reader: one document, its clause tree as an outline, opened at the requested clause.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { boldSnippets, clauseHref, entityHref, h, typeLabel } from "../dom.js";
import { citeButton } from "./common.js";

const ENTITY_ORDER = ["program", "organization", "region", "person", "branch", "document", "concept"];

function outlineLabel(node, clause) {
  const text = clause ? clause.text : "";
  const label = node.heading || (node.number && !text.startsWith(node.number) ? `${node.number} ${text}` : text);
  return label.length > 36 ? `${label.slice(0, 35)}…` : label;
}

/** Only numbered or titled clauses make the outline; plain paragraphs stay in the text. */
function outlineNodes(nodes) {
  const out = [];
  for (const n of nodes || []) {
    const kids = outlineNodes(n.children);
    if (n.heading || n.number || n.kind === "heading") out.push({ ...n, children: kids });
    else out.push(...kids);
  }
  return out;
}

/** First clause id in a subtree: the target of an outline heading that is not itself a clause. */
function firstClauseId(node) {
  if (node.clause_id) return node.clause_id;
  for (const child of node.children || []) {
    const id = firstClauseId(child);
    if (id) return id;
  }
  return null;
}

function outlineList(nodes, docId, clauses) {
  return h("ol", { class: "outline__list" }, nodes.map((n) => {
    const target = firstClauseId(n);
    const label = outlineLabel(n, clauses.get(n.clause_id));
    return h("li", {},
      target
        ? h("a", { href: clauseHref(docId, target), "data-outline-for": n.clause_id || null, "data-outline-heading": n.heading || null }, label)
        : h("span", {}, label),
      n.children.length ? outlineList(n.children, docId, clauses) : null);
  }));
}

function clauseBlock(ctx, doc, c) {
  const facts = (c.facts || []).map((f) => f.text);
  const textEl = c.kind === "heading"
    ? h(c.level <= 1 ? "h2" : "h3", { class: "clause__heading" }, c.text)
    : h("p", { class: "clause__text" }, boldSnippets(c.text, facts));
  return h("section", {
    class: `clause clause--${c.kind} clause--level-${Math.min(c.level, 4)}`, id: `clause-${c.ordinal}`,
    "data-clause-id": c.clause_id, tabindex: "-1",
  }, textEl,
  h("div", { class: "clause__tools" },
    h("a", { class: "clause__anchor", href: clauseHref(doc.doc_id, c.clause_id), title: "本条链接" }, `#${c.ordinal}`),
    citeButton(ctx, doc, c.path, c.number || c.heading || c.text, c.text)));
}

/**
 * The text as clauses, with the headings of their paths in between: a heading that stands alone
 * (一、总体要求) is only a path element, not a clause, so it is drawn when the path changes.
 */
function documentBody(ctx, doc) {
  const out = [];
  let prev = [];
  for (const c of doc.clauses) {
    const path = c.path || [];
    const own = c.heading && path.length && path[path.length - 1] === c.heading;
    let common = 0;
    while (common < prev.length && common < path.length && prev[common] === path[common]) common++;
    const upto = own ? path.length - 1 : path.length;
    for (let i = common; i < upto; i++) {
      if (c.kind === "heading" && path[i] === c.text) continue;
      out.push(h(i === 0 ? "h2" : "h3", { class: `path-heading path-heading--${Math.min(i, 3)}` }, path[i]));
    }
    out.push(clauseBlock(ctx, doc, c));
    prev = path;
  }
  return out;
}

function metaLine(doc) {
  const bits = [
    doc.doc_no && ["文号", doc.doc_no],
    doc.issuer && ["发文机关", doc.issuer],
    doc.author_unit && doc.author_unit !== doc.issuer && ["单位", doc.author_unit],
    doc.authors && doc.authors.length && ["作者", doc.authors.join("、")],
    doc.date && ["日期", doc.date],
    doc.doc_type && ["文种", doc.doc_type],
    doc.region && ["地区", doc.region.name],
  ].filter(Boolean);
  return h("dl", { class: "meta" }, bits.map(([k, v]) => h("div", { class: "meta__item" }, h("dt", {}, k), h("dd", {}, v))));
}

function relatedDocs(doc) {
  const out = [];
  if (doc.parent) {
    out.push(h("p", { class: "related" }, "收录于：",
      h("a", { href: clauseHref(doc.parent.doc_id) }, `《${doc.parent.title}》`),
      doc.parent.doc_no ? ` ${doc.parent.doc_no}` : ""));
  }
  if (doc.parts && doc.parts.length) {
    out.push(h("details", { class: "parts", open: doc.parts.length <= 12 },
      h("summary", {}, `本期各篇（${doc.parts.length}）`),
      h("ol", {}, doc.parts.map((p) => h("li", {},
        h("a", { href: clauseHref(p.doc_id) }, p.title),
        p.author_unit || p.issuer ? h("span", { class: "muted" }, ` · ${p.author_unit || p.issuer}`) : null)))));
  }
  return out;
}

async function entityChips(docId, signal) {
  let graph;
  try {
    graph = await getJSON(`/api/documents/${encodeURIComponent(docId)}/graph`, {}, { signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    return null;
  }
  const nodes = (graph.nodes || []).filter((n) => n.id !== `document:${docId}`);
  if (!nodes.length) return null;
  const byType = new Map();
  for (const n of nodes) {
    if (!byType.has(n.type)) byType.set(n.type, []);
    byType.get(n.type).push(n);
  }
  const types = [...byType.keys()].sort((a, b) => ENTITY_ORDER.indexOf(a) - ENTITY_ORDER.indexOf(b));
  return h("section", { class: "entity-chips", "aria-label": "文中实体" },
    h("h2", { class: "entity-chips__title" }, "文中实体"),
    types.map((t) => h("div", { class: "entity-chips__row" },
      h("span", { class: "entity-chips__type" }, typeLabel(t)),
      byType.get(t).map((n) => h("a", { class: `chip chip--${t}`, href: entityHref(n.id), "data-entity-id": n.id }, n.name)))));
}

function openAt(body, clauseId, clausePath) {
  const target = clauseId && body.querySelector(`[data-clause-id="${CSS.escape(clauseId)}"]`);
  if (!target) return false;
  target.classList.add("is-target");
  // The clause's own outline entry, else the entry of the nearest heading above it.
  let link = document.querySelector(`[data-outline-for="${CSS.escape(clauseId)}"]`);
  const path = clausePath || [];
  for (let i = path.length - 1; !link && i >= 0; i--) {
    link = document.querySelector(`[data-outline-heading="${CSS.escape(path[i])}"]`);
  }
  if (link) {
    link.setAttribute("aria-current", "location");
    link.scrollIntoView({ block: "nearest" });
  }
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
  return true;
}

export async function renderReader(el, ctx) {
  const docId = ctx.arg;
  const clauseId = ctx.params.get("clause");
  let doc;
  let chips;
  try {
    [doc, chips] = await withSpinner(el, () => Promise.all([
      getJSON(`/api/documents/${encodeURIComponent(docId)}`, {}, { signal: ctx.signal }),
      entityChips(docId, ctx.signal),
    ]), { label: "正在打开文件…" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    el.append(h("p", {}, h("a", { href: "#/search" }, "← 返回检索")), errorBox(err));
    return;
  }
  const clauses = new Map(doc.clauses.map((c) => [c.clause_id, c]));
  const outline = outlineNodes(doc.outline || []);
  const back = history.length > 1
    ? h("button", { type: "button", class: "btn btn--link", onclick: () => history.back() }, "← 返回")
    : h("a", { href: "#/search" }, "← 检索");
  const text = h("div", { class: "reader__text" },
    // Stays on top while reading deep in a long document, so the source is always in sight.
    h("div", { class: "reader__sticky", "aria-hidden": "true" },
      h("span", { class: "reader__sticky-title" }, `《${doc.title}》`), doc.doc_no ? h("span", { class: "muted" }, doc.doc_no) : null),
    doc.wrapper_title ? h("p", { class: "muted" }, doc.wrapper_title) : null,
    doc.clauses.length ? documentBody(ctx, doc) : h("pre", { class: "reader__raw" }, doc.text));
  el.append(h("article", { class: "reader", "data-doc-id": doc.doc_id },
    h("header", { class: "reader__head" },
      h("div", { class: "reader__back" }, back),
      h("h1", { class: "reader__title" }, doc.title),
      metaLine(doc),
      relatedDocs(doc),
      chips),
    h("div", { class: "reader__body" },
      outline.length
        ? h("nav", { class: "outline", "aria-label": "条款目录" }, h("h2", { class: "outline__title" }, "目录"),
          outlineList(outline, doc.doc_id, clauses))
        : null,
      text)));
  if (clauseId && !openAt(text, clauseId, clauses.get(clauseId)?.path)) {
    text.prepend(h("p", { class: "notice" }, `本文件中没有条款 ${clauseId}，已显示全文。`));
  } else if (!clauseId) {
    window.scrollTo(0, 0);
  }
}
