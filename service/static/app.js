// The single-page UI: a hash router (#/search?q=…) so every view can be shared, reloaded and
// navigated with the browser's back button, plus the shared pieces (copy, toast, keyboard, scroll).

import { errorBox, getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { parseHash } from "./route.js";
import { renderCompare } from "./views/compare.js";
import { renderCurate } from "./views/curate.js";
import { renderEntity } from "./views/entity.js";
import { renderLibrary } from "./views/library.js";
import { renderPrecedents } from "./views/precedents.js";
import { renderReader } from "./views/reader.js";
import { renderSaved } from "./views/saved.js";
import { renderSearch } from "./views/search.js";

// [pattern, nav section, view, keep]: `keep` views leave the previous page on screen, dimmed,
// until the new answer is there (a search refined twice does not flash an empty page).
const ROUTES = [
  [/^\/?$/, "search", renderSearch, true],
  [/^\/search$/, "search", renderSearch, true],
  [/^\/doc\/([^/]+)$/, "library", renderReader, false],
  [/^\/library$/, "library", renderLibrary, true],
  [/^\/precedents$/, "precedents", renderPrecedents, false],
  [/^\/compare$/, "compare", renderCompare, false],
  [/^\/entity(?:\/([^/]+))?$/, "entity", renderEntity, false],
  [/^\/saved$/, "saved", renderSaved, false],
  [/^\/curate(?:\/([^/]+))?$/, "curate", renderCurate, false],
];

const APP_NAME = "政策条款检索与知识图谱";
const TITLES = {
  search: "条款检索", precedents: "先例做法", compare: "地区对比", entity: "知识图谱", library: "文件库",
  saved: "收藏与历史", curate: "文件管理",
};

/** The tab title: what the page shows first (a document, an entity, a query), then the app. */
export function setTitle(...parts) {
  document.title = [...parts.filter(Boolean), APP_NAME].join(" · ");
}

let freshNavigation = false; // true when the next render follows a link or a form, not Back/Forward

export function navigate(hash) {
  freshNavigation = true;
  if (location.hash === hash) render();
  else location.hash = hash;
}

// ---------------------------------------------------------------------------------------------
// Copy and toast

let toastTimer = 0;

export function toast(message) {
  const el = document.getElementById("toast");
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    el.hidden = true;
  }, 2500);
}

function copyWithSelection(text) {
  const ta = h("textarea", { class: "sr-only", readonly: true, "aria-hidden": "true" });
  ta.value = text;
  document.body.append(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

/** Copy text; it is also kept in #last-citation so it can be read back when the clipboard is blocked. */
export async function copyText(text, done = "已复制引用，可直接粘贴到文稿中") {
  const out = document.getElementById("last-citation");
  out.value = text;
  out.textContent = text;
  let ok = false;
  try {
    await navigator.clipboard.writeText(text);
    ok = true;
  } catch {
    ok = copyWithSelection(text);
  }
  toast(ok ? done : "浏览器不允许写入剪贴板，请手动复制");
  return ok;
}

export const copyCitation = (text) => copyText(text);

// ---------------------------------------------------------------------------------------------
// Scroll: each route's position is remembered, and restored when the user comes back to it with
// Back/Forward (not when following a link there, which starts at the top or at its clause).

const scrollPositions = new Map();

function rememberScroll(url) {
  const i = url.indexOf("#");
  scrollPositions.set(i < 0 ? "#/" : url.slice(i), window.scrollY);
}

function restoreScroll(hash) {
  const y = scrollPositions.get(hash || "#/");
  if (y == null) return false;
  // After the view is painted, so the page is tall enough to scroll there.
  requestAnimationFrame(() => window.scrollTo(0, y));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Rendering

let current = null; // {controller, section, keep} of the view being shown

function setNav(section) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === section) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

/**
 * A selector for the focused control if the next rendering will have an equivalent one (the
 * search box, a facet), so keyboard users keep their place when a view re-renders.
 */
function focusKey() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.matches("[data-primary-input]")) return "[data-primary-input]";
  if (el.dataset.facet) return `[data-facet="${CSS.escape(el.dataset.facet)}"][data-value="${CSS.escape(el.dataset.value || "")}"]`;
  return null;
}

export async function render() {
  const { path, params } = parseHash(location.hash);
  const main = document.getElementById("main");
  const refocus = focusKey();
  const fresh = freshNavigation;
  freshNavigation = false;
  const previous = current;
  if (previous) previous.controller.abort();
  const controller = new AbortController();
  for (const [re, section, view, keep] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    current = { controller, section, keep };
    setNav(section);
    setTitle(TITLES[section]);
    const arg = m[1] ? decodeURIComponent(m[1]) : null;
    // Same kind of page again (a refined search): build the new one off-screen while the old one
    // stays, dimmed; otherwise start from an empty page (the view shows its own spinner).
    const stale = keep && previous && previous.keep && previous.section === section && main.firstElementChild;
    const target = h("div", { class: "view" });
    if (stale) {
      for (const old of main.children) old.classList.add("is-stale");
      main.setAttribute("aria-busy", "true");
    }
    const restoring = !fresh && scrollPositions.has(location.hash || "#/");
    if (!stale) {
      clear(main).append(target);
      if (!restoring) window.scrollTo(0, 0); // a new page starts at its top (the reader may then move to a clause)
    }
    const ctx = { params, arg, signal: controller.signal, navigate, copyCitation, copyText, toast, setTitle, restoring };
    try {
      await view(target, ctx);
      if (controller.signal.aborted) return;
      if (stale) {
        clear(main).append(target);
        main.removeAttribute("aria-busy");
        if (!restoring) window.scrollTo(0, 0);
      }
      main.dataset.rendered = location.hash; // which address the drawn page answers (tests wait on it)
      const again = refocus && main.querySelector(refocus);
      if (again) again.focus({ preventScroll: true });
      if (ctx.restoring) restoreScroll(location.hash);
    } catch (err) {
      if (err.name === "AbortError" || controller.signal.aborted) return;
      console.error(err);
      if (stale) clear(main).append(target);
      main.removeAttribute("aria-busy");
      target.append(errorBox(err, { retry: render }));
    }
    return;
  }
  current = null;
  setNav(null);
  setTitle("页面不存在");
  clear(main).append(h("div", { class: "empty" }, h("h1", {}, "页面不存在"),
    h("p", {}, h("a", { href: "#/" }, "返回首页"))));
}

// ---------------------------------------------------------------------------------------------
// Keyboard: "/" focuses the search box of the current view (like many search sites).

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

document.addEventListener("keydown", (ev) => {
  if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
  ev.preventDefault();
  const input = document.querySelector("[data-primary-input]");
  if (input) {
    input.focus();
    input.select();
  } else {
    navigate("#/search");
  }
});

// A click on an in-page link is a fresh navigation (start at the top), unlike Back/Forward.
document.addEventListener("click", (ev) => {
  const a = ev.target instanceof Element && ev.target.closest("a[href^='#']");
  if (a && !ev.defaultPrevented) freshNavigation = true;
}, true);

async function footerStats() {
  try {
    const s = await getJSON("/api/health");
    document.getElementById("footer-stats").textContent =
      `已收录 ${s.documents} 份文件 · ${s.clauses} 个条款 · ${s.entities} 个实体`;
  } catch {
    document.getElementById("footer-stats").textContent = "服务状态未知";
  }
}

// The skip link moves focus to the content; its "#main" must not become a route.
document.getElementById("skip-link").addEventListener("click", (ev) => {
  ev.preventDefault();
  document.getElementById("main").focus();
});

window.addEventListener("policykg:changed", footerStats); // after an upload or a deletion
window.addEventListener("hashchange", (ev) => {
  rememberScroll(ev.oldURL || "");
  render();
});
// Our own restoration, not the browser's (which runs before the view has its height).
if ("scrollRestoration" in history) history.scrollRestoration = "manual";
render();
footerStats();
