// Reader: one document, its clause tree as a clickable outline, opened at the requested clause with
// the search words highlighted; a 繁/简 switch for traditional documents and a print layout.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { citationLine, uniqueLines } from "../citation.js";
import { boldSnippets, clauseHref, h, markWords } from "../dom.js";
import { citeButton } from "./common.js";
import { docActions, entityChips, parentAndParts, relatedPanel } from "./docpanel.js";

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

/** Every outline entry is a link: to its clause, else its first clause, else its heading in the text. */
function outlineList(nodes, docId, clauses) {
  return h("ol", { class: "outline__list" }, nodes.map((n) => {
    const target = firstClauseId(n);
    const label = outlineLabel(n, clauses.get(n.clause_id));
    return h("li", {},
      h("a", {
        href: clauseHref(docId, target), "data-outline-for": n.clause_id || null, "data-outline-heading": n.heading || null,
        "data-target": target || null,
      }, label),
      n.children.length ? outlineList(n.children, docId, clauses) : null);
  }));
}

function clauseBlock(ctx, c, line, original) {
  const facts = (c.facts || []).map((f) => f.text);
  const textEl = c.kind === "heading"
    ? h(c.level <= 1 ? "h2" : "h3", { class: "clause__heading" }, c.text)
    : h("p", { class: "clause__text" }, boldSnippets(c.text, facts));
  return h("section", {
    class: `clause clause--${c.kind} clause--level-${Math.min(c.level, 4)}`, id: `clause-${c.ordinal}`,
    "data-clause-id": c.clause_id, tabindex: "-1",
  }, textEl,
  h("div", { class: "clause__tools" },
    h("a", { class: "clause__anchor", href: clauseHref(c.doc_id, c.clause_id), title: "本条链接" }, `#${c.ordinal}`),
    citeButton(ctx, c, { own: c.number || c.heading || c.text, line, original })));
}

/**
 * The text as clauses, with the headings of their paths in between: a heading that stands alone
 * (一、总体要求) is only a path element, not a clause, so it is drawn when the path changes.
 */
function documentBody(ctx, doc, lines, original) {
  const out = [];
  let prev = [];
  doc.clauses.forEach((c, idx) => {
    const path = c.path || [];
    const own = c.heading && path.length && path[path.length - 1] === c.heading;
    let common = 0;
    while (common < prev.length && common < path.length && prev[common] === path[common]) common++;
    const upto = own ? path.length - 1 : path.length;
    for (let i = common; i < upto; i++) {
      if (c.kind === "heading" && path[i] === c.text) continue;
      out.push(h(i === 0 ? "h2" : "h3", { class: `path-heading path-heading--${Math.min(i, 3)}`, "data-heading": path[i], tabindex: "-1" }, path[i]));
    }
    c.doc_id = doc.doc_id;
    out.push(clauseBlock(ctx, c, lines[idx], original));
    prev = path;
  });
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

function markOutline(link) {
  for (const a of document.querySelectorAll(".outline a[aria-current]")) a.removeAttribute("aria-current");
  if (link) {
    link.setAttribute("aria-current", "location");
    // Scroll the outline box only: scrollIntoView would also move the page (away from the text
    // on a phone, where the outline sits above it).
    const box = link.closest(".outline");
    if (box && box.scrollHeight > box.clientHeight) {
      box.scrollTop += link.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 2;
    }
  }
}

function openAt(body, clauseId, clausePath, { scroll = true } = {}) {
  const target = clauseId && body.querySelector(`[data-clause-id="${CSS.escape(clauseId)}"]`);
  if (!target) return false;
  for (const old of body.querySelectorAll(".clause.is-target")) old.classList.remove("is-target");
  target.classList.add("is-target");
  // The clause's own outline entry, else the entry of the nearest heading above it.
  let link = document.querySelector(`[data-outline-for="${CSS.escape(clauseId)}"]`);
  const path = clausePath || [];
  for (let i = path.length - 1; !link && i >= 0; i--) {
    link = document.querySelector(`[data-outline-heading="${CSS.escape(path[i])}"]`);
  }
  markOutline(link);
  target.focus({ preventScroll: true });
  if (scroll) target.scrollIntoView({ block: "center" });
  return true;
}

/**
 * Outline clicks scroll within the page (no reload of the document) and update the address with
 * replaceState, so the link stays shareable and Back still leaves the document.
 */
function wireOutline(nav, text, clauses) {
  nav.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-target], a[data-outline-heading]");
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    const heading = a.dataset.outlineHeading && text.querySelector(`[data-heading="${CSS.escape(a.dataset.outlineHeading)}"]`);
    if (a.dataset.target && openAt(text, a.dataset.target, clauses.get(a.dataset.target)?.path, { scroll: !heading })) {
      history.replaceState(null, "", a.getAttribute("href"));
    }
    if (heading) heading.scrollIntoView({ block: "start" });
    markOutline(a);
  });
}

/** Simplified script of a list of strings through the UI helper (opencc on the server), or null. */
async function toSimplified(texts, signal) {
  try {
    const resp = await fetch("/ui/t2s", {
      method: "POST", signal, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ texts }),
    });
    if (!resp.ok) return null;
    const body = await resp.json();
    return body.converted ? body.texts : null;
  } catch (err) {
    if (err.name === "AbortError") throw err;
    return null;
  }
}

// What the 繁/简 switch converts: the title, the outline, the headings and every clause.
const SCRIPT_PARTS = ".reader__title, .reader__sticky-title, .outline a, .path-heading, .clause__text, .clause__heading";

/**
 * 简体 / 繁体原文 for a traditional document: every part of the text is swapped in place (clauses
 * keep their bold facts; the search words are marked again). Citations follow: the copy button
 * reads the clause's text_simplified. Returns the button, or null when no conversion is available.
 */
async function scriptToggle(article, doc, words, state, signal) {
  const els = [...article.querySelectorAll(SCRIPT_PARTS)];
  const originals = els.map((el) => el.textContent);
  const facts = doc.clauses.flatMap((c) => (c.facts || []).map((f) => f.text));
  const all = await toSimplified([...originals, ...doc.clauses.map((c) => c.text), ...facts, ...words], signal);
  if (!all) return null;
  const simple = all.slice(0, els.length);
  let i = els.length;
  doc.clauses.forEach((c) => { c.text_simplified ??= all[i++]; });
  const simpleFacts = all.slice(i, i + facts.length);
  const simpleWords = all.slice(i + facts.length);
  const factsOf = (el, original) => {
    if (!el.matches(".clause__text")) return null;
    const clause = doc.clauses.find((c) => c.clause_id === el.closest("[data-clause-id]")?.dataset.clauseId);
    const own = (clause?.facts || []).map((f) => f.text);
    return original ? own : own.map((f) => simpleFacts[facts.indexOf(f)]);
  };
  const text = article.querySelector(".reader__text");
  const btn = h("button", { type: "button", class: "btn btn--small", "data-action": "script", "aria-pressed": "false" });
  const paint = () => {
    els.forEach((el, k) => {
      const value = state.original ? originals[k] : simple[k];
      const bold = factsOf(el, state.original);
      el.replaceChildren(bold ? boldSnippets(value, bold) : value);
    });
    markWords(text, state.original ? words : [...new Set([...words, ...simpleWords])]);
    btn.textContent = state.original ? "显示简体" : "显示繁体原文";
    btn.setAttribute("aria-pressed", state.original ? "true" : "false");
    text.dataset.script = state.original ? "original" : "simplified";
  };
  btn.addEventListener("click", () => {
    state.original = !state.original;
    paint();
  });
  paint();
  return btn;
}

export async function renderReader(el, ctx) {
  const docId = ctx.arg;
  const clauseId = ctx.params.get("clause");
  const words = (ctx.params.get("hl") || "").split(/\s+/).filter(Boolean);
  const printView = ctx.params.get("print") === "1";
  let doc;
  let chips;
  try {
    [doc, chips] = await withSpinner(el, () => Promise.all([
      getJSON(`/api/documents/${encodeURIComponent(docId)}`, {}, { signal: ctx.signal }),
      printView ? null : entityChips(docId, ctx.signal),
    ]), { label: "正在打开文件…" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    el.append(h("p", {}, h("a", { href: "#/search" }, "← 返回检索")), errorBox(err));
    return;
  }
  ctx.setTitle(doc.title, doc.doc_no);
  const clauses = new Map(doc.clauses.map((c) => [c.clause_id, c]));
  // Server citations are unique per document; the client fallback is made unique here.
  const lines = doc.clauses.some((c) => c.citation)
    ? doc.clauses.map(() => null)
    : uniqueLines(doc.clauses.map((c) => citationLine(doc, c.path, c.number || c.heading || c.text)));
  const script = { original: false };
  const traditional = doc.script === "traditional";
  const outline = outlineNodes(doc.outline || []);
  const back = history.length > 1
    ? h("button", { type: "button", class: "btn btn--link", onclick: () => history.back() }, "← 返回")
    : h("a", { href: "#/search" }, "← 检索");
  const text = h("div", { class: "reader__text", lang: "zh-CN" },
    // Stays on top while reading deep in a long document, so the source is always in sight.
    h("div", { class: "reader__sticky", "aria-hidden": "true" },
      h("span", { class: "reader__sticky-title" }, `《${doc.title}》`), doc.doc_no ? h("span", { class: "muted" }, doc.doc_no) : null),
    doc.wrapper_title ? h("p", { class: "muted" }, doc.wrapper_title) : null,
    doc.clauses.length ? documentBody(ctx, doc, lines, () => script.original) : h("pre", { class: "reader__raw" }, doc.text));
  // On a narrow screen the outline starts folded, so the text comes first (a tap opens it).
  const narrow = window.matchMedia("(max-width: 900px)").matches;
  const nav = outline.length
    ? h("nav", { class: "outline", "aria-label": "条款目录" },
      h("details", { class: "outline__fold", open: !narrow },
        h("summary", { class: "outline__title" }, "目录"),
        outlineList(outline, doc.doc_id, clauses)))
    : null;
  const tools = docActions(ctx, doc, { print: () => window.print() });
  el.append(h("article", { class: `reader${printView ? " reader--print" : ""}${nav ? "" : " reader--no-outline"}`, "data-doc-id": doc.doc_id },
    h("header", { class: "reader__head" },
      h("div", { class: "reader__back" }, back),
      h("h1", { class: "reader__title" }, doc.title),
      metaLine(doc),
      tools,
      parentAndParts(doc),
      chips),
    h("div", { class: "reader__body" }, nav, text),
    printView ? null : relatedPanel(doc)));
  if (nav) wireOutline(nav, text, clauses);
  let marks;
  const toggle = traditional && doc.clauses.length ? await scriptToggle(el.querySelector(".reader"), doc, words, script, ctx.signal) : null;
  if (toggle) {
    tools.prepend(toggle);
    marks = text.querySelectorAll("mark.hl").length;
  } else {
    marks = markWords(text, words);
  }
  if (marks) text.prepend(h("p", { class: "hl-note muted" }, `已标出检索词：${words.join("、")}（共 ${marks} 处）`));
  if (clauseId && !openAt(text, clauseId, clauses.get(clauseId)?.path, { scroll: !ctx.restoring })) {
    text.prepend(h("p", { class: "notice" }, `本文件中没有条款 ${clauseId}，已显示全文。`));
  } else if (!clauseId && !ctx.restoring) {
    window.scrollTo(0, 0);
  }
}
