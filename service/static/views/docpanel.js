// Pieces about one document shared by the reader and the library: its actions (original file,
// source, print, copy link, favourite, correct), its related documents and its entity chips.

import { getJSON } from "../api.js";
import { clauseHref, entityHref, h, typeLabel } from "../dom.js";
import { favButton } from "./common.js";

const ENTITY_ORDER = ["program", "organization", "region", "person", "branch", "document", "concept"];
const CHIPS_OPEN_MAX = 12; // more chips than this start collapsed, so they never push the text away

/** The shareable address of a document in the reader. */
export function docLink(docId) {
  return `${location.origin}${location.pathname}#/doc/${encodeURIComponent(docId)}`;
}

/** 下载原文 · 来源 · 打印 · 复制链接 · 收藏 · 修改 — what a user does with a document. */
export function docActions(ctx, doc, { print = null } = {}) {
  const id = encodeURIComponent(doc.doc_id);
  return h("div", { class: "doc-actions", role: "group", "aria-label": "文件操作" },
    doc.has_original
      ? h("a", { class: "btn btn--small", href: `/api/documents/${id}/original`, download: "", "data-action": "original" }, "下载原文")
      : null,
    doc.source_url && /^https?:\/\//i.test(doc.source_url)
      ? h("a", { class: "btn btn--small", href: doc.source_url, target: "_blank", rel: "noopener noreferrer", "data-action": "source" }, "来源网页")
      : null,
    print
      ? h("button", { type: "button", class: "btn btn--small", "data-action": "print", onclick: print }, "打印")
      : h("a", { class: "btn btn--small", href: `#/doc/${id}?print=1`, "data-action": "print" }, "打印版"),
    h("button", { type: "button", class: "btn btn--small", "data-action": "copy-link",
      onclick: () => ctx.copyText(docLink(doc.doc_id), "已复制链接") }, "复制链接"),
    favButton({ key: `doc:${doc.doc_id}`, kind: "document", title: `《${doc.title}》`, text: doc.doc_no || "", href: `#/doc/${id}` }),
    h("a", { class: "btn btn--small btn--ghost", href: `#/curate/${id}`, "data-action": "edit" }, "修改信息"));
}

function docItem(d) {
  return h("li", {},
    h("a", { href: clauseHref(d.doc_id) }, `《${d.title}》`),
    [d.doc_no, d.region?.name, d.date].filter(Boolean).length
      ? h("span", { class: "muted" }, ` ${[d.doc_no, d.region?.name, d.date].filter(Boolean).join(" · ")}`) : null,
    d.shared && d.shared.length ? h("span", { class: "muted" }, `（共同：${d.shared.slice(0, 3).join("、")}）`) : null);
}

/** Related documents: cites / cited by / same topic in other regions (when the server sends them). */
export function relatedPanel(doc) {
  const rel = doc.related;
  if (!rel) return null;
  const groups = [["cites", "本文引用"], ["cited_by", "引用本文的文件"], ["same_topic_other_regions", "其他地区的同类文件"]]
    .map(([k, label]) => [label, rel[k] || []]);
  return h("section", { class: "related-docs", "aria-label": "相关文件" },
    h("h2", {}, "相关文件"),
    groups.map(([label, items]) => h("div", { class: "related-docs__group" },
      h("h3", {}, label, h("span", { class: "count" }, String(items.length))),
      items.length ? h("ul", {}, items.slice(0, 20).map(docItem)) : h("p", { class: "muted" }, "无"))));
}

/** The bulletin a document belongs to, and the articles of a bulletin. */
export function parentAndParts(doc) {
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

/** The document's entities as chips by type; many chips start collapsed. */
export async function entityChips(docId, signal) {
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
  // Folded when there are many, and always on a narrow screen: the text comes first.
  const open = nodes.length <= CHIPS_OPEN_MAX && !window.matchMedia("(max-width: 900px)").matches;
  return h("details", { class: "entity-chips", open },
    h("summary", { class: "entity-chips__title" }, `文中实体（${nodes.length}）`),
    types.map((t) => h("div", { class: "entity-chips__row" },
      h("span", { class: "entity-chips__type" }, typeLabel(t)),
      byType.get(t).map((n) => h("a", { class: `chip chip--${t}`, href: entityHref(n.id), "data-entity-id": n.id }, n.name)))));
}
