// Favourites and search history, kept in this browser (localStorage) and clearable.

import { h } from "../dom.js";
import { clearFavorites, clearHistory, favorites, history, toggleFavorite } from "../store.js";

function when(iso) {
  return String(iso || "").replace("T", " ").slice(0, 16);
}

export function renderSaved(el) {
  const paint = () => {
    const favs = favorites();
    const hist = history();
    el.replaceChildren(
      h("section", { class: "view-head" }, h("h1", {}, "收藏与历史"),
        h("p", { class: "lead" }, "收藏的条款、文件和最近的检索只保存在本浏览器中，可随时清除。")),
      h("section", { class: "panel", "aria-label": "收藏", "data-section": "favorites" },
        h("div", { class: "panel__head" }, h("h2", {}, "收藏", h("span", { class: "count" }, String(favs.length))),
          favs.length ? h("button", { type: "button", class: "btn btn--small", "data-clear": "favorites",
            onclick: () => { clearFavorites(); paint(); } }, "清空收藏") : null),
        favs.length
          ? h("ul", { class: "saved-list" }, favs.map((f) => h("li", { "data-fav-key": f.key },
            h("a", { href: f.href }, f.title || f.key), f.text ? h("span", { class: "muted" }, ` ${f.text}`) : null,
            h("button", { type: "button", class: "btn btn--small btn--ghost", onclick: () => { toggleFavorite(f); paint(); } }, "移除"))))
          : h("p", { class: "muted" }, "还没有收藏。检索结果和文件上的“☆ 收藏”可把它们加到这里。")),
      h("section", { class: "panel", "aria-label": "检索历史", "data-section": "history" },
        h("div", { class: "panel__head" }, h("h2", {}, "检索历史", h("span", { class: "count" }, String(hist.length))),
          hist.length ? h("button", { type: "button", class: "btn btn--small", "data-clear": "history",
            onclick: () => { clearHistory(); paint(); } }, "清空历史") : null),
        hist.length
          ? h("ul", { class: "saved-list" }, hist.map((e) => h("li", {},
            h("a", { href: e.href }, e.q), h("span", { class: "muted" },
              ` ${e.filters ? `（${e.filters} 个筛选条件）` : ""}${e.total != null ? ` ${e.total} 条` : ""} · ${when(e.at)}`))))
          : h("p", { class: "muted" }, "还没有检索记录。")));
  };
  paint();
}
