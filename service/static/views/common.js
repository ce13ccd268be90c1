// Pieces shared by several views.

import { citationOf } from "../citation.js";
import { h } from "../dom.js";
import { isFavorite, toggleFavorite } from "../store.js";

/**
 * A "复制引用" button for an API item (hit, clause, precedent). The citation (the server's, or the
 * client fallback) is also on the button (data-citation) for inspection. `original` is read when
 * clicked, so a 繁/简 switch applies without re-rendering.
 */
export function citeButton(ctx, item, { own = null, line = null, original = () => false } = {}) {
  const make = (orig) => {
    const text = citationOf(item, { original: orig, own });
    const cut = text.indexOf("\n");
    return line ? line + (cut < 0 ? "" : text.slice(cut)) : text;
  };
  const btn = h("button", {
    type: "button", class: "btn btn--small btn--ghost cite-btn", "data-citation": make(false),
    title: "复制：发文机关《标题》（文号）第几部分第几项 + 条款原文",
    onclick: () => ctx.copyCitation(make(original())),
  }, "复制引用");
  if (item.citation?.text_original) btn.dataset.citationOriginal = make(true);
  return btn;
}

/** A ☆/★ toggle that keeps an entry in the favourites (localStorage). */
export function favButton(entry) {
  const btn = h("button", { type: "button", class: "btn btn--small btn--ghost fav-btn", "data-fav-key": entry.key });
  const paint = (on) => {
    btn.setAttribute("aria-pressed", on ? "true" : "false");
    btn.textContent = on ? "★ 已收藏" : "☆ 收藏";
  };
  paint(isFavorite(entry.key));
  btn.addEventListener("click", () => paint(toggleFavorite(entry)));
  return btn;
}

/** "显示 N / M" with 加载更多 and 显示全部 buttons; `more(all)` loads the next page or everything. */
export function moreBar(shown, total, more, { what = "项" } = {}) {
  if (total <= shown) return null;
  const bar = h("div", { class: "more-bar", "data-more": "true" },
    h("span", { class: "muted" }, `已显示 ${shown} / ${total} ${what}`));
  const run = async (all) => {
    for (const b of bar.querySelectorAll("button")) b.disabled = true;
    await more(all);
  };
  bar.append(
    h("button", { type: "button", class: "btn btn--small", "data-load": "more", onclick: () => run(false) }, "加载更多"),
    h("button", { type: "button", class: "btn btn--small", "data-load": "all", onclick: () => run(true) }, "显示全部"));
  return bar;
}

/**
 * The one-box search form of a view. `data-primary-input` marks the box "/" focuses; Enter submits.
 */
export function queryForm({ label, value, placeholder, button = "检索", onSubmit, extra = null, name = "q" }) {
  const id = `input-${name}`;
  const input = h("input", {
    id, name, type: "search", value: value || "", placeholder, autocomplete: "off",
    "data-primary-input": true, enterkeyhint: "search", maxlength: "2000",
  });
  const form = h("form", { class: "query-form", role: "search" },
    h("label", { for: id, class: "sr-only" }, label),
    input,
    extra,
    h("button", { type: "submit", class: "btn btn--primary" }, button));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    onSubmit(input.value.trim(), form);
  });
  return form;
}

/** Headings above a clause: 二、主要内容 › （二）创建… */
export function pathCrumb(path = [], heading = null) {
  const parts = [...(path || [])];
  if (heading && parts[parts.length - 1] !== heading) parts.push(heading);
  if (!parts.length) return null;
  return h("div", { class: "clause-path" },
    parts.map((p, i) => [i ? h("span", { class: "clause-path__sep", "aria-hidden": "true" }, "›") : null,
      h("span", {}, p)]));
}

/** Page links: 上一页 1 … 4 5 6 … 12 下一页. `hrefFor(page)` gives the hash of a 1-based page. */
export function pagination(total, offset, limit, hrefFor) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  if (pages <= 1) return null;
  const nums = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) nums.add(p);
  const sorted = [...nums].sort((a, b) => a - b);
  const items = [];
  // Numbers get "第 N 页" as their name; 上一页/下一页 keep their visible words (WCAG 2.5.3).
  const link = (p, text, rel) => h("a", { class: "page-link", href: hrefFor(p), rel, "aria-label": rel ? null : `第 ${p} 页` }, text);
  items.push(page > 1 ? link(page - 1, "上一页", "prev") : h("span", { class: "page-link is-disabled" }, "上一页"));
  let prev = 0;
  for (const p of sorted) {
    if (p - prev > 1) items.push(h("span", { class: "page-gap" }, "…"));
    items.push(p === page ? h("span", { class: "page-link is-current", "aria-current": "page" }, String(p)) : link(p, String(p)));
    prev = p;
  }
  items.push(page < pages ? link(page + 1, "下一页", "next") : h("span", { class: "page-link is-disabled" }, "下一页"));
  return h("nav", { class: "pagination", "aria-label": "分页" }, items);
}

/** A chip linking somewhere (entity, suggestion). */
export function chip(text, href, { type = null, title = null } = {}) {
  return h("a", { class: `chip${type ? ` chip--${type}` : ""}`, href, title }, text);
}
