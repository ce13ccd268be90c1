// Precedents: what regions and units actually did, grouped by region as cards.

import { errorBox, getJSON, withSpinner } from "../api.js";
import { clauseHref, h, html } from "../dom.js";
import { buildHash } from "../route.js";
import { chip, citeButton, queryForm } from "./common.js";

const EXAMPLES = ["离退休干部到社区报到", "党建品牌创建", "流动党员管理", "党组织书记培训"];

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
      citeButton(ctx, doc, item.path, item.text, item.text)));
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
  let data;
  try {
    data = await withSpinner(body, () => getJSON("/api/precedents", { q, limit: 20 }, { signal: ctx.signal }));
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
  const total = data.total ?? data.groups.reduce((n, g) => n + g.items.length, 0);
  body.append(h("p", { class: "results__summary", role: "status" }, `${data.groups.length} 个地区，${total} 项做法`));
  for (const g of data.groups) {
    body.append(h("section", { class: "prec-group", "data-region": g.region.name },
      h("h2", { class: "prec-group__title" }, g.region.name, h("span", { class: "count" }, `${g.items.length} 项`)),
      h("div", { class: "cards" }, g.items.map((item) => card(ctx, item)))));
  }
}
