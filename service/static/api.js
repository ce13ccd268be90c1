// The HTTP API as the UI sees it: JSON in, Chinese error messages out.

import { h } from "./dom.js";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const TOKEN_KEY = "policykg.token";

function headers() {
  // A deployment may protect reads with POLICYKG_READ_TOKEN; the token is kept in this browser only.
  const token = localStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** GET an API path with query parameters (empty values left out). Throws ApiError with a Chinese message. */
export async function getJSON(path, params = {}, { signal } = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== "") url.searchParams.set(key, String(value));
  }
  let resp;
  try {
    resp = await fetch(url, { signal, headers: { Accept: "application/json", ...headers() } });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "无法连接到服务，请确认服务已启动后重试。");
  }
  let body = null;
  try {
    body = await resp.json();
  } catch {
    body = null;
  }
  if (!resp.ok) {
    const e = body && body.error;
    const message = (e && e.message) || `服务出错（HTTP ${resp.status}），请稍后重试。`;
    throw new ApiError(resp.status, (e && e.code) || "http_error", message);
  }
  if (body == null) throw new ApiError(resp.status, "bad_response", "服务返回的内容无法解析。");
  return body;
}

/** A readable error box for an ApiError (or anything else thrown). */
export function errorBox(err, { retry } = {}) {
  const status = err instanceof ApiError ? err.status : 0;
  const title = status === 400 ? "查询有误" : status === 404 ? "未找到" : status === 401 || status === 403 ? "无权访问" : "服务出错";
  const message = err instanceof ApiError ? err.message : "页面出错，请刷新后重试。";
  return h("div", { class: "notice notice--error", role: "alert", "data-error-code": err.code || "error" },
    h("strong", {}, title, "："), h("span", { class: "notice__message" }, message),
    retry ? h("button", { type: "button", class: "btn btn--small", onclick: retry }, "重试") : null,
    status === 401 ? tokenForm() : null);
}

/** When reads need a token (POLICYKG_READ_TOKEN), let the user enter it once for this browser. */
function tokenForm() {
  const input = h("input", { type: "password", id: "read-token", autocomplete: "off", placeholder: "访问令牌" });
  const form = h("form", { class: "token-form" },
    h("label", { for: "read-token" }, "访问令牌："), input,
    h("button", { type: "submit", class: "btn btn--small" }, "保存并重试"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    location.reload();
  });
  return form;
}

/**
 * Run `task` and show a spinner in `el` only if it takes longer than `delay` ms (no flicker for
 * fast answers). The spinner is removed when the task settles.
 */
export async function withSpinner(el, task, { delay = 300, label = "正在查询…" } = {}) {
  const spinner = h("div", { class: "spinner-row", role: "status", "data-testid": "spinner" },
    h("span", { class: "spinner", "aria-hidden": "true" }), label);
  el.setAttribute("aria-busy", "true");
  const timer = setTimeout(() => el.prepend(spinner), delay);
  try {
    return await task();
  } finally {
    clearTimeout(timer);
    spinner.remove();
    el.removeAttribute("aria-busy");
  }
}
