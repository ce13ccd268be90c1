// Precedents: what regions and units actually did, grouped by region as cards. The header counts
// what can be listed (`total`); 加载更多 / 显示全部 page through it, and the exports hold all of it.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { append, clauseHref, clear, h, html } from "../dom.js";
import { precedentsToCSV, precedentsToMarkdown } from "../export.js";
import { buildHash } from "../route.js";
import { chip, citeButton, moreBar, queryForm } from "./common.js";
import { download, fileStem } from "./compare.js";

const EXAMPLES = ["离退休干部到社区报到", "党建品牌创建", "流动党员管理", "党组织书记培训"];
const PAGE = 20;
const PAGE_MAX = 100; // the API's max_page_size

function card(ctx, item) {
  const doc = item.document || {};
  const title = item.practice || item.path?.[item.path.length - 1] || "做法";
  const meta = [
    ["单位", item.organization?.name || doc.author_unit || doc.issuer || "（未注明）"],
    ["年份", item.year ?? doc.year ?? "（未注明）"],
  ];
  return h("article", { class: "card", "data-clause-id": item.clause_id },
    h("h3", { class: "card__title" }, title),
    h("dl", { class: "card__meta" }, meta.map(([k, v]) => h("div", {}, h("dt", {}, k), h("dd", {}, String(v))))),
    h("p", { class: "card__text" }, item.highlight ? html(item.highlight) : item.text),
    h("p", { class: "card__source" }, "出处：",
      h("a", { href: clauseHref(item.doc_id, item.clause_id) }, `《${doc.title || "未命名文件"}》`),
      doc.doc_no ? ` ${doc.doc_no}` : ""),
    item.also_in && item.also_in.length
      ? h("p", { class: "card__also muted" }, "相同表述另见：",
        item.also_in.map((a, i) => [i ? "、" : "", h("a", { href: clauseHref(a.doc_id, a.clause_id) }, `《${a.title}》`)]))
      : null,
    h("div", { class: "card__actions" },
      h("a", { class: "btn btn--small", href: clauseHref(item.doc_id, item.clause_id) }, "阅读原文"),
      citeButton(ctx, item, { own: item.text })));
}

/** Merge a further page into the groups already shown (same region → same group, order kept). */
export function mergeGroups(groups, more) {
  const byRegion = new Map(groups.map((g) => [g.region.id || g.region.name, g]));
  const seen = new Set(groups.flatMap((g) => g.items.map((i) => i.clause_id)));
  for (const g of more) {
    const key = g.region.id || g.region.name;
    const items = g.items.filter((i) => !seen.has(i.clause_id));
    items.forEach((i) => seen.add(i.clause_id));
    if (byRegion.has(key)) byRegion.get(key).items.push(...items);
    else if (items.length) {
      const copy = { ...g, items };
      groups.push(copy);
      byRegion.set(key, copy);
    }
  }
  return groups;
}

const count = (groups) => groups.reduce((n, g) => n + g.items.length, 0);

/** The listing state: groups so far, the total, and how to fetch more (offset when the API pages). */
function pager(q, first, signal) {
  const state = { groups: first.groups, total: first.total ?? count(first.groups), paged: first.total != null };
  state.more = async (all) => {
    do {
      const have = count(state.groups);
      if (have >= state.total) break;
      // An API with offset pages; an older one only grows its limit (up to its maximum).
      const params = state.paged
        ? { q, offset: have, limit: all ? PAGE_MAX : PAGE }
        : { q, limit: PAGE_MAX };
      const next = await getJSON("/api/precedents", params, { signal });
      mergeGroups(state.groups, next.groups);
      if (!state.paged) state.total = count(state.groups);
      if (count(state.groups) === have) break; // nothing new: stop rather than loop
    } while (all);
  };
  return state;
}

function paint(ctx, body, q, state) {
  const shown = count(state.groups);
  const base = `${location.origin}${location.pathname}`;
  const exportAll = async (kind) => {
    await state.more(true); // the file holds every counted item, not only those on screen
    paint(ctx, body, q, state);
    const data = { query: q, groups: state.groups };
    if (kind === "csv") download(`${fileStem("先例做法", q)}.csv`, precedentsToCSV(data, base), "text/csv;charset=utf-8");
    else download(`${fileStem("先例做法", q)}.md`, precedentsToMarkdown(data, base), "text/markdown;charset=utf-8");
  };
  append(clear(body), [
    h("div", { class: "toolbar" },
      h("p", { class: "results__summary", role: "status", "data-total": String(state.total) },
        `${state.groups.length} 个地区，共 ${state.total} 项做法`),
      h("div", { class: "toolbar__actions" },
        h("button", { type: "button", class: "btn", "data-export": "csv", onclick: () => exportAll("csv") }, "导出 CSV"),
        h("button", { type: "button", class: "btn", "data-export": "md", onclick: () => exportAll("md") }, "导出 Markdown"))),
    state.groups.map((g) => h("section", { class: "prec-group", "data-region": g.region.name },
      h("h2", { class: "prec-group__title" }, g.region.name, h("span", { class: "count" }, `${g.items.length} 项`)),
      h("div", { class: "cards" }, g.items.map((item) => card(ctx, item))))),
    moreBar(shown, state.total, async (all) => {
      try {
        await state.more(all);
      } catch (err) {
        if (err.name !== "AbortError") body.append(errorBox(err));
        return;
      }
      paint(ctx, body, q, state);
    })]);
}

export async function renderPrecedents(el, ctx) {
  const q = (ctx.params.get("q") || "").trim();
  el.append(h("section", { class: "view-head" },
    h("h1", {}, "先例做法"),
    h("p", { class: "lead" }, "各地区、各单位实际做过什么：输入想了解的做法，按实施单位所在地区分组列出。"),
    queryForm({
      label: "想了解的做法", value: q, button: "查找先例", name: "q",
      placeholder: "例如：离退休干部到社区报到",
      onSubmit: (v) => ctx.navigate(buildHash("/precedents", { q: v })),
    })));
  const body = h("div", { class: "precedents" });
  el.append(body);
  if (!q) {
    body.append(h("div", { class: "intro" }, h("h2", { class: "intro__sub" }, "试试这些"),
      h("div", { class: "chips" }, EXAMPLES.map((w) => chip(w, buildHash("/precedents", { q: w }))))));
    el.querySelector("[data-primary-input]").focus();
    return;
  }
  ctx.setTitle(`“${q}”`, "先例做法");
  let data;
  try {
    data = await withSpinner(body, () => getJSON("/api/precedents", { q, limit: PAGE }, { signal: ctx.signal }));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    body.append(errorBox(err));
    return;
  }
  if (!data.groups.length) {
    body.append(h("div", { class: "empty", "data-state": "empty" }, h("h2", {}, "无结果"),
      h("p", {}, `没有找到与“${q}”相关的做法。可以换个说法，或到 `,
        h("a", { href: buildHash("/search", { q }) }, "条款检索"), " 中查看全部相关条款。")));
    return;
  }
  paint(ctx, body, q, pager(q, data, ctx.signal));
}
