// Citations a drafter can paste: 《标题》（文号）第二部分第（三）项, then the clause text.
// Pure functions only (no DOM), so the browser tests can import and check them directly.

const CN = "一二三四五六七八九十百零〇两";

// Numbering token at the start of a heading → how a drafter names that level.
// Order matters: the explicit 第…章/条 form first, then 一、 (parts), （三） (items), 1. (articles).
const RULES = [
  [new RegExp(`^第([${CN}\\d]+)(章|节|条|款|项|部分)`), (m) => `第${m[1]}${m[2]}`],
  [new RegExp(`^([${CN}]+)[、，,．.]`), (m) => `第${m[1]}部分`],
  [new RegExp(`^[（(]([${CN}]+)[）)]`), (m) => `第（${m[1]}）项`],
  [/^(\d{1,3})[.．、](?!\d)/, (m) => `第${m[1]}条`],
  [/^[（(](\d{1,3})[）)]/, (m) => `第（${m[1]}）目`],
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

/**
 * The locator of a clause from its ancestor headings and its own numbering:
 * (["二、主要内容"], "（三）…") → "第二部分第（三）项". Unnumbered levels are skipped.
 */
export function clauseLocator(path = [], own = "") {
  const parts = [];
  for (const heading of [...(path || []), own]) {
    const loc = locatorOf(heading);
    if (loc && parts[parts.length - 1] !== loc) parts.push(loc);
  }
  return parts.join("");
}

function bareTitle(title) {
  return String(title ?? "").trim().replace(/^《(.*)》$/, "$1");
}

/** 《标题》（文号）第二部分第（三）项 — the reference line alone. */
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
