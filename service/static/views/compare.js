// Comparison: one topic, regions as columns, facts in bold, every cell linked to its clause.
// A column's count is what it can list: 加载更多 per column, 显示全部 for all, and the CSV/Markdown
// exports fetch every counted item first.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { boldSnippets, clauseHref, docLine, h } from "../dom.js";
import { compareToCSV, compareToMarkdown } from "../export.js";
import { buildHash } from "../route.js";
import { chip, moreBar } from "./common.js";

const EXAMPLES = ["党支部设置", "党建品牌", "组织生活", "党费"];
const SNIPPET = 140;
const PAGE = 10;
const PAGE_MAX = 100; // the API's max_page_size

export function splitRegions(value) {
  return [...new Set(String(value || "").split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Download text as a file (Blob + a temporary link), e.g. the exported table. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function fileStem(prefix, topic) {
  return `${prefix}-${String(topic).replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 40)}`;
}

/** The part of a long clause around its first fact, so a narrow column shows what matters. */
function snippet(text, facts) {
  if (text.length <= SNIPPET) return text;
  const first = facts.map((f) => text.indexOf(f)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
  if (first == null || first < SNIPPET - 40) return `${text.slice(0, SNIPPET)}…`;
  const start = Math.max(0, first - 50);
  return `…${text.slice(start, start + SNIPPET)}…`;
}

function cell(item) {
  const facts = (item.facts || []).map((f) => f.text).filter(Boolean);
  const short = snippet(item.text, facts);
  return h("div", { class: "cmp-cell", "data-clause-id": item.clause_id },
    h("a", { class: "cmp-cell__link", href: clauseHref(item.doc_id, item.clause_id), title: "在原文中查看此条" },
      h("p", { class: "cmp-cell__text" }, boldSnippets(short, facts))),
    short !== item.text
      ? h("details", { class: "cmp-cell__more" }, h("summary", {}, "全文"), h("p", {}, boldSnippets(item.text, facts)))
      : null,
    docLine(item.document || {}, { clauseId: item.clause_id }));
}

const totalOf = (c) => c.total ?? c.items.length;

/**
 * Fetch the rest of the columns (or of one column): offset/limit per column, one region per request
 * when a single column grows. Stops when a page adds nothing (an older API without offset).
 */
async function loadMore(topic, data, signal, { only = null, all = false } = {}) {
  const cols = data.columns.filter((c) => (!only || c === only) && c.items.length < totalOf(c));
  for (const col of cols) {
    do {
      const have = col.items.length;
      // limit covers what is there too, so an API that ignores offset still returns new items.
      const next = await getJSON("/api/compare", {
        topic, regions: col.region.name, offset: have, limit: all ? PAGE_MAX : Math.min(PAGE_MAX, have + PAGE),
      }, { signal });
      const got = (next.columns || [])[0];
      const seen = new Set(col.items.map((i) => i.clause_id));
      const fresh = (got?.items || []).filter((i) => !seen.has(i.clause_id));
      col.items.push(...fresh);
      if (!fresh.length) {
        col.total = col.items.length; // the server cannot list more: say so by counting what is there
        break;
      }
    } while (all && col.items.length < totalOf(col));
  }
}

function table(topic, data, signal, repaint) {
  const cols = data.columns;
  const depth = Math.max(1, ...cols.map((c) => c.items.length));
  const head = h("tr", {}, cols.map((c) => h("th", { scope: "col", "data-region": c.region.name },
    h("span", { class: "cmp-region" }, c.region.name),
    h("span", { class: "count", "data-total": String(totalOf(c)) }, `${totalOf(c)} 条`),
    c.summary
      ? h("p", { class: "cmp-summary" },
        c.summary_clause_id
          ? h("a", { href: clauseHref(c.summary_clause_id.split(":")[0], c.summary_clause_id) }, h("strong", {}, c.summary))
          : h("strong", {}, c.summary))
      : null)));
  const rows = [];
  for (let i = 0; i < depth; i++) {
    rows.push(h("tr", {}, cols.map((c) => {
      const item = c.items[i];
      if (item) return h("td", {}, cell(item));
      if (i === 0) return h("td", { class: "cmp-empty" }, c.note || "该地区没有与此主题相关的条款");
      return h("td", {});
    })));
  }
  // One more row with each column's 加载更多 / 显示全部, when it has more than it shows.
  if (cols.some((c) => c.items.length < totalOf(c))) {
    rows.push(h("tr", { class: "cmp-more" }, cols.map((c) => h("td", {},
      moreBar(c.items.length, totalOf(c), async (all) => {
        await loadMore(topic, data, signal, { only: c, all });
        repaint();
      }, { what: "条" })))));
  }
  return h("div", { class: "cmp-scroll", tabindex: "0", "aria-label": "对比表（可横向滚动）" },
    h("table", { class: "cmp-table", "data-cols": String(Math.min(cols.length, 6)) },
      h("caption", { class: "sr-only" }, `“${data.topic}”地区对比`), h("thead", {}, head), h("tbody", {}, rows)));
}

async function knownRegions(signal) {
  try {
    const data = await getJSON("/api/entities", { type: "region", limit: 24 }, { signal });
    return data.results.filter((r) => !r.id.startsWith("region:unknown")).map((r) => r.name);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    return [];
  }
}

function regionPicker(selected, names) {
  const input = h("input", {
    id: "cmp-regions", name: "regions", type: "text", value: selected.join("，"), autocomplete: "off",
    placeholder: "留空 = 自动选出涉及该主题的地区；多个地区用逗号分隔",
  });
  const boxes = names.map((n) => {
    const box = h("input", { type: "checkbox", value: n, checked: selected.includes(n) });
    box.addEventListener("change", () => {
      const cur = splitRegions(input.value).filter((x) => x !== n);
      if (box.checked) cur.push(n);
      input.value = cur.join("，");
    });
    return h("label", { class: "check-chip" }, box, n);
  });
  return h("fieldset", { class: "region-picker" },
    h("legend", {}, "地区"),
    h("label", { for: "cmp-regions", class: "sr-only" }, "地区"),
    input,
    // Folded once a comparison is shown, so its table is not pushed below a wall of checkboxes.
    boxes.length
      ? h("details", { class: "region-picker__list", open: !selected.length },
        h("summary", {}, `从列表中选择地区（${names.length}）`), h("div", { class: "check-chips" }, boxes))
      : null);
}

export async function renderCompare(el, ctx) {
  const topic = (ctx.params.get("topic") || "").trim();
  const regions = splitRegions(ctx.params.get("regions"));
  const names = await knownRegions(ctx.signal);
  const topicInput = h("input", {
    id: "cmp-topic", name: "topic", type: "search", value: topic, "data-primary-input": true, autocomplete: "off",
    placeholder: "对比主题，例如：党支部设置", maxlength: "2000",
  });
  const picker = regionPicker(regions, [...new Set([...regions, ...names])]);
  const form = h("form", { class: "compare-form" },
    h("div", { class: "query-form" },
      h("label", { for: "cmp-topic", class: "sr-only" }, "对比主题"), topicInput,
      h("button", { type: "submit", class: "btn btn--primary" }, "对比")),
    picker);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const t = topicInput.value.trim();
    const r = splitRegions(picker.querySelector("#cmp-regions").value).join(",");
    ctx.navigate(buildHash("/compare", { topic: t, regions: r }));
  });
  el.append(h("section", { class: "view-head" },
    h("h1", {}, "地区对比"),
    h("p", { class: "lead" }, "同一主题下各地区的规定并排对照：每列一个地区，数量规定加粗，点击单元格查看原文条款。"),
    form));
  const body = h("div", { class: "compare" });
  el.append(body);
  if (!topic) {
    body.append(h("div", { class: "intro" }, h("h2", { class: "intro__sub" }, "试试这些主题"),
      h("div", { class: "chips" }, EXAMPLES.map((w) => chip(w, buildHash("/compare", { topic: w }))))));
    topicInput.focus();
    return;
  }
  let data;
  try {
    data = await withSpinner(body, () => getJSON("/api/compare", { topic, regions: regions.join(","), limit: PAGE }, { signal: ctx.signal }),
      { label: "正在对比各地区…" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    body.append(errorBox(err));
    return;
  }
  if (!data.columns.length) {
    body.append(h("div", { class: "empty", "data-state": "empty" }, h("h2", {}, "无结果"),
      h("p", {}, `没有地区的文件涉及“${topic}”。可以换个更常用的说法，或指定要对比的地区。`)));
    return;
  }
  ctx.setTitle(`“${topic}”`, "地区对比");
  const base = `${location.origin}${location.pathname}`;
  const stem = fileStem("地区对比", topic);
  const exportAll = async (kind) => {
    await loadMore(topic, data, ctx.signal, { all: true }); // the file holds every counted clause
    paint();
    if (kind === "csv") download(`${stem}.csv`, compareToCSV(data, base), "text/csv;charset=utf-8");
    else download(`${stem}.md`, compareToMarkdown(data, base), "text/markdown;charset=utf-8");
  };
  const listed = () => data.columns.reduce((n, c) => n + totalOf(c), 0);
  const paint = () => {
    body.replaceChildren(
      h("div", { class: "toolbar" },
        h("p", { class: "results__summary", role: "status" }, `“${data.topic}”：${data.columns.length} 个地区，共 ${listed()} 条`),
        h("div", { class: "toolbar__actions" },
          data.columns.some((c) => c.items.length < totalOf(c))
            ? h("button", { type: "button", class: "btn", "data-load": "all-columns", onclick: async () => {
              await loadMore(topic, data, ctx.signal, { all: true });
              paint();
            } }, "各列显示全部")
            : null,
          h("button", { type: "button", class: "btn", "data-export": "csv", onclick: () => exportAll("csv") }, "导出 CSV"),
          h("button", { type: "button", class: "btn", "data-export": "md", onclick: () => exportAll("md") }, "导出 Markdown"))),
      table(topic, data, ctx.signal, paint));
  };
  paint();
}
