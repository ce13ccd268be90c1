// Small DOM helpers. Text always goes in as text nodes; the only HTML we insert is the API's
// `highlight` field (escaped server-side, <mark> added), through `html()` below.

/**
 * h("a", {href: "#/", class: "x", onclick: fn}, "text", child) → element.
 * Attribute values null/undefined/false are skipped; children may be strings, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const ALLOWED = new Set(["MARK", "B", "STRONG", "EM"]);

/**
 * A fragment from the API's highlight HTML. The server escapes the clause text and adds <mark>;
 * we still keep only text and <mark>/<b>/<em> elements (no attributes) as a second line of defence.
 */
export function html(markup) {
  const tpl = document.createElement("template");
  tpl.innerHTML = String(markup ?? "");
  const clean = (node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.ELEMENT_NODE) {
        if (!ALLOWED.has(child.tagName)) {
          child.replaceWith(document.createTextNode(child.textContent));
          continue;
        }
        for (const a of [...child.attributes]) child.removeAttribute(a.name);
        clean(child);
      } else if (child.nodeType !== Node.TEXT_NODE) {
        child.remove();
      }
    }
  };
  clean(tpl.content);
  return tpl.content;
}

/** Text with each occurrence of the given snippets wrapped in <strong> (facts in bold). */
export function boldSnippets(text, snippets = []) {
  const wanted = [...new Set(snippets.filter((s) => s && text.includes(s)))].sort((a, b) => b.length - a.length);
  const frag = document.createDocumentFragment();
  if (!wanted.length) {
    frag.append(text);
    return frag;
  }
  let i = 0;
  while (i < text.length) {
    let best = -1;
    let bestText = "";
    for (const s of wanted) {
      const at = text.indexOf(s, i);
      if (at !== -1 && (best === -1 || at < best)) {
        best = at;
        bestText = s;
      }
    }
    if (best === -1) break;
    if (best > i) frag.append(text.slice(i, best));
    frag.append(h("strong", { class: "fact" }, bestText));
    i = best + bestText.length;
  }
  if (i < text.length) frag.append(text.slice(i));
  return frag;
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Route link for a clause in the reader. */
export function clauseHref(docId, clauseId) {
  const q = clauseId ? `?clause=${encodeURIComponent(clauseId)}` : "";
  return `#/doc/${encodeURIComponent(docId)}${q}`;
}

export function entityHref(id) {
  return `#/entity/${encodeURIComponent(id)}`;
}

/** The document line: 《标题》 文号 发文机关 日期 (missing parts left out). */
export function docLine(doc = {}, { link = true, clauseId = null } = {}) {
  const title = h("span", { class: "doc-line__title" }, `《${doc.title || "未命名文件"}》`);
  const parts = [doc.doc_no, doc.issuer, doc.date].filter(Boolean).map((p) => h("span", { class: "doc-line__meta" }, p));
  const head = link && doc.doc_id ? h("a", { href: clauseHref(doc.doc_id, clauseId) }, title) : title;
  return h("div", { class: "doc-line" }, head, parts);
}

export const ENTITY_TYPES = {
  document: "文件",
  organization: "机构",
  region: "地区",
  program: "品牌/项目",
  branch: "党支部",
  person: "人物",
  concept: "概念",
};

export function typeLabel(type) {
  return ENTITY_TYPES[type] || type || "实体";
}

/**
 * Wrap each occurrence of `words` in the text nodes under `root` in <mark class="hl"> (the search
 * words in the reader). Text only: nothing is parsed as HTML. Returns the number of marks.
 */
export function markWords(root, words) {
  const wanted = [...new Set((words || []).filter((w) => w && w.trim()))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.parentElement.closest("mark, button, .clause__tools")) nodes.push(n);
  }
  let count = 0;
  for (const node of nodes) {
    const text = node.data;
    const frag = document.createDocumentFragment();
    let i = 0;
    let changed = false;
    while (i < text.length) {
      let best = -1;
      let word = "";
      for (const w of wanted) {
        const at = text.indexOf(w, i);
        if (at !== -1 && (best === -1 || at < best)) {
          best = at;
          word = w;
        }
      }
      if (best === -1) break;
      if (best > i) frag.append(text.slice(i, best));
      frag.append(h("mark", { class: "hl" }, word));
      count++;
      changed = true;
      i = best + word.length;
    }
    if (!changed) continue;
    if (i < text.length) frag.append(text.slice(i));
    node.replaceWith(frag);
  }
  return count;
}
