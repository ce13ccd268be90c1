// The single-page UI: a hash router (#/search?q=…) so every view can be shared, reloaded and
// navigated with the browser's back button, plus the shared pieces (copy, toast, keyboard).

import { errorBox, getJSON } from "./api.js";
import { clear, h } from "./dom.js";
import { parseHash } from "./route.js";
import { renderCompare } from "./views/compare.js";
import { renderEntity } from "./views/entity.js";
import { renderPrecedents } from "./views/precedents.js";
import { renderReader } from "./views/reader.js";
import { renderSearch } from "./views/search.js";

const ROUTES = [
  [/^\/?$/, "search", renderSearch],
  [/^\/search$/, "search", renderSearch],
  [/^\/doc\/([^/]+)$/, "search", renderReader],
  [/^\/precedents$/, "precedents", renderPrecedents],
  [/^\/compare$/, "compare", renderCompare],
  [/^\/entity(?:\/([^/]+))?$/, "entity", renderEntity],
];

const TITLES = { search: "条款检索", precedents: "先例做法", compare: "地区对比", entity: "知识图谱" };

export function navigate(hash) {
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

/** Copy a citation; it is also kept in #last-citation so it can be read back when the clipboard is blocked. */
export async function copyCitation(text) {
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
  toast(ok ? "已复制引用，可直接粘贴到文稿中" : "浏览器不允许写入剪贴板，请手动复制");
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Rendering

let current = null; // {controller} of the view being shown; aborted when the route changes

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
  if (current) current.controller.abort();
  const controller = new AbortController();
  current = { controller };
  for (const [re, section, view] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    setNav(section);
    document.title = `${TITLES[section]} · 政策条款检索与知识图谱`;
    const arg = m[1] ? decodeURIComponent(m[1]) : null;
    const ctx = { params, arg, signal: controller.signal, navigate, copyCitation, toast };
    try {
      await view(clear(main), ctx);
      const again = refocus && !controller.signal.aborted && main.querySelector(refocus);
      if (again) again.focus({ preventScroll: true });
    } catch (err) {
      if (err.name === "AbortError" || controller.signal.aborted) return;
      console.error(err);
      main.append(errorBox(err, { retry: render }));
    }
    return;
  }
  setNav(null);
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

window.addEventListener("hashchange", render);
render();
footerStats();
