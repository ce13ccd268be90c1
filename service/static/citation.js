// Citations a drafter can paste: 《标题》（文号）第二部分第（三）项, then the clause text.
// The server's `citation` object ({locator, text, text_original}) is the source of truth when the
// API sends it; the rules below are the fallback for an older server and stay pure (no DOM), so the
// browser tests can import and check them directly.

const CN = "一二三四五六七八九十百零〇两";

// Numbering token at the start of a heading → how a drafter names that level.
// Order matters: the explicit 第…章/条 form first, then 一、 (parts), （三） (items), 1. (articles),
// (1) (sub-items) and the 一是/二是 enumeration of speeches and reports.
const RULES = [
  [new RegExp(`^第([${CN}\\d]+)(章|节|条|款|项|部分)`), (m) => `第${m[1]}${m[2]}`],
  [new RegExp(`^([${CN}]+)[、，,．.]`), (m) => `第${m[1]}部分`],
  [new RegExp(`^[（(]([${CN}]+)[）)]`), (m) => `第（${m[1]}）项`],
  [/^(\d{1,3})[.．、](?!\d)/, (m) => `第${m[1]}条`],
  [/^[（(](\d{1,3})[）)]/, (m) => `第（${m[1]}）目`],
  [new RegExp(`^([${CN}]{1,3}是)`), (m) => m[1]],
];

/** The locator of one heading ("（三）加强…" → "第（三）项"), or "" when it is not numbered. */
export function locatorOf(heading) {
  const s = String(heading ?? "").trim();
  for (const [re, fmt] of RULES) {
    const m = s.match(re);
    if (m) return fmt(m);
  }
  return "";
}

/** An unnumbered heading named by its own words, as the server does: 「总体要求」. */
function wordsOf(heading) {
  const s = String(heading ?? "").trim().replace(/[。：:；;，,]+$/, "");
  if (!s) return "";
  return `「${s.length > 20 ? `${s.slice(0, 19)}…` : s}」`;
}

/**
 * The locator of a clause from its ancestor headings and its own numbering:
 * (["二、主要内容"], "（三）…") → "第二部分第（三）项". An unnumbered ancestor heading is named by
 * its words (「总体要求」); the clause's own text is never quoted (a paragraph is not a heading).
 */
export function clauseLocator(path = [], own = "") {
  const parts = [];
  for (const heading of path || []) {
    const loc = locatorOf(heading) || wordsOf(heading);
    if (loc && parts[parts.length - 1] !== loc) parts.push(loc);
  }
  const loc = locatorOf(own);
  if (loc && parts[parts.length - 1] !== loc) parts.push(loc);
  return parts.join("");
}

function bareTitle(title) {
  return String(title ?? "").trim().replace(/^《(.*)》$/, "$1");
}

/** 《标题》（文号）第二部分第（三）项 — the reference line alone (client-side fallback). */
export function citationLine(doc = {}, path = [], own = "") {
  const title = bareTitle(doc.title);
  let line = title ? `《${title}》` : "";
  if (doc.doc_no) line += `（${doc.doc_no}）`;
  return line + clauseLocator(path, own);
}

/** Reference line, a line break, then the clause text: what the copy button puts on the clipboard. */
export function formatCitation(doc = {}, path = [], own = "", text = "") {
  const line = citationLine(doc, path, own);
  const body = String(text ?? "").trim();
  return body ? `${line}\n${body}` : line;
}

/**
 * The reference line of an API item (search hit, precedent, compare item, reader clause):
 * the server's citation when present — simplified by default, the original script when asked and
 * the document has one — else the client-side rules.
 */
export function referenceOf(item = {}, { original = false, own = null } = {}) {
  const c = item.citation;
  if (c && c.text) return original && c.text_original ? c.text_original : c.text;
  const doc = item.document || item.doc || {};
  return citationLine(doc, item.path, own ?? (item.number || item.heading || item.text));
}

/** Reference line + clause text, as copied. `text_simplified` is used when the server sends it. */
export function citationOf(item = {}, { original = false, own = null, text = null } = {}) {
  const line = referenceOf(item, { original, own });
  const body = String(text ?? (original ? item.text : item.text_simplified ?? item.text) ?? "").trim();
  return body ? `${line}\n${body}` : line;
}

/**
 * Make the fallback locators of one document unique: a clause whose reference equals an earlier
 * one's gets its paragraph number there (…第二部分第2段), as the server does for 第N段.
 */
export function uniqueLines(lines) {
  const seen = new Map();
  return lines.map((line) => {
    const n = (seen.get(line) || 0) + 1;
    seen.set(line, n);
    return n === 1 ? line : `${line}第${n}段`;
  });
}
