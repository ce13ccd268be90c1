// Export of a comparison (GET /api/compare) and of precedents (GET /api/precedents) to CSV and
// Markdown. The 出处 column is the same citation the copy button gives (the server's `citation`
// when present). Pure functions, no DOM.

import { referenceOf } from "./citation.js";

/** Absolute link to a clause in the reader. */
export function clauseUrl(base, docId, clauseId) {
  return `${base}#/doc/${encodeURIComponent(docId)}?clause=${encodeURIComponent(clauseId)}`;
}

function factsText(item) {
  return (item.facts || []).map((f) => f.text).filter(Boolean).join("；");
}

// A cell starting with one of these is a formula to a spreadsheet program (=HYPERLINK(…) runs
// when the file is opened): it is prefixed with an apostrophe, which makes it text (OWASP).
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One CSV cell: a formula-looking value neutralised, then quoted when it needs it. */
export function csvField(value) {
  let s = value == null ? "" : String(value);
  if (typeof value !== "number" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = ["地区", "序号", "数量规定", "条款", "出处", "文号", "发文机关", "日期", "条款编号", "链接"];

/**
 * One row per clause (long format: sorts and filters well in a spreadsheet). A region with no
 * clause still gets a row, so no requested region disappears from the file.
 */
export function compareToCSV(data, base = "") {
  const rows = [CSV_HEADER];
  for (const col of data.columns || []) {
    const region = col.region?.name ?? "";
    const items = col.items || [];
    if (!items.length) {
      rows.push([region, "", "", col.note || "无相关条款", "", "", "", "", "", ""]);
      continue;
    }
    items.forEach((item, i) => {
      const doc = item.document || {};
      rows.push([
        region, i + 1, factsText(item), item.text, referenceOf(item, { own: item.heading || item.text }),
        doc.doc_no, doc.issuer, doc.date, item.clause_id, clauseUrl(base, item.doc_id, item.clause_id),
      ]);
    });
  }
  return csvText(rows);
}

// CRLF and a BOM: what spreadsheet programs expect from a UTF-8 CSV with Chinese text.
function csvText(rows) {
  return "\ufeff" + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Document text as a Markdown table cell: HTML is escaped (a renderer would run `<img onerror>`)
 * and link brackets too (`[x](javascript:…)` in a clause must stay text), backslashes and pipes
 * as before.
 */
export function mdCell(s) {
  return String(s ?? "")
    .replace(/\\/g, "\\\\")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([[\]()!`|])/g, "\\$1")
    .replace(/\s*[\r\n]+\s*/g, " ")
    .trim();
}

/** A link target that cannot end the Markdown link early nor change its scheme. */
function mdUrl(url) {
  const s = String(url ?? "");
  if (!/^(https?:\/\/|#|\/)/i.test(s) && s !== "") return "#";
  return s.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The clause text with each fact in bold (**…**), ready for a Markdown table cell. */
export function boldFactsMarkdown(text, facts = []) {
  let out = mdCell(text);
  const seen = new Set();
  for (const f of facts) {
    const t = mdCell(f.text);
    if (!t || seen.has(t) || !out.includes(t)) continue;
    seen.add(t);
    out = out.split(t).join(`**${t}**`);
  }
  return out;
}

/** The comparison as on screen: regions as columns, one clause per cell, each linked to the reader. */
export function compareToMarkdown(data, base = "") {
  const cols = data.columns || [];
  const lines = [`# 地区对比：${mdCell(data.topic)}`, ""];
  if (!cols.length) return lines.concat("（无结果）", "").join("\n");
  lines.push(`| ${cols.map((c) => mdCell(c.region?.name)).join(" | ")} |`);
  lines.push(`| ${cols.map(() => "---").join(" | ")} |`);
  if (cols.some((c) => c.summary)) {
    lines.push(`| ${cols.map((c) => (c.summary ? `**${mdCell(c.summary)}**` : "")).join(" | ")} |`);
  }
  const depth = Math.max(1, ...cols.map((c) => (c.items || []).length));
  for (let i = 0; i < depth; i++) {
    const cells = cols.map((c) => {
      const item = (c.items || [])[i];
      if (!item) return i === 0 ? mdCell(c.note || "无相关条款") : "";
      const doc = item.document || {};
      const source = mdCell(referenceOf(item, { own: item.heading || item.text }));
      return `${boldFactsMarkdown(item.text, item.facts)}<br>[${source}](${mdUrl(clauseUrl(base, item.doc_id, item.clause_id))})`;
    });
    lines.push(`| ${cells.join(" | ")} |`);
  }
  lines.push("");
  return lines.join("\n");
}

export const PRECEDENTS_HEADER = ["地区", "序号", "做法", "单位", "年份", "条款", "出处", "文号", "日期", "条款编号", "链接"];

/** Every precedent item, one row each, grouped by region in the order shown. */
export function precedentsToCSV(data, base = "") {
  const rows = [PRECEDENTS_HEADER];
  for (const g of data.groups || []) {
    (g.items || []).forEach((item, i) => {
      const doc = item.document || {};
      rows.push([
        g.region?.name ?? "", i + 1, item.practice || "", item.organization?.name || doc.author_unit || doc.issuer || "",
        item.year ?? doc.year ?? "", item.text, referenceOf(item, { own: item.heading || item.text }), doc.doc_no, doc.date,
        item.clause_id, clauseUrl(base, item.doc_id, item.clause_id),
      ]);
    });
  }
  return csvText(rows);
}

/** Precedents as Markdown: a heading per region, a list item per practice with its citation link. */
export function precedentsToMarkdown(data, base = "") {
  const lines = [`# 先例做法：${mdCell(data.query)}`, ""];
  for (const g of data.groups || []) {
    lines.push(`## ${mdCell(g.region?.name)}（${(g.items || []).length} 项）`, "");
    for (const item of g.items || []) {
      const source = mdCell(referenceOf(item, { own: item.heading || item.text }));
      const name = item.practice ? `**${mdCell(item.practice)}**：` : "";
      lines.push(`- ${name}${mdCell(item.text)} [${source}](${mdUrl(clauseUrl(base, item.doc_id, item.clause_id))})`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
