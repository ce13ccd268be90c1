// The HTTP API as the UI sees it: JSON in, Chinese error messages out.

import { h } from "./dom.js";
import { writeToken } from "./store.js";

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

/** An absolute API URL; empty values are left out, an array becomes a repeated parameter. */
export function apiUrl(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one != null && one !== "") url.searchParams.append(key, String(one));
    }
  }
  return url;
}

/** GET an API path with query parameters (empty values left out). Throws ApiError with a Chinese message. */
export async function getJSON(path, params = {}, { signal } = {}) {
  return request(apiUrl(path, params), { signal, headers: { Accept: "application/json", ...headers() } });
}

/** PATCH / DELETE / POST JSON with the write token of this tab (see store.js). */
export async function sendJSON(method, path, body = undefined, { signal } = {}) {
  const token = writeToken();
  const init = {
    method, signal,
    headers: { Accept: "application/json", ...(token ? { Authorization: `Bearer ${token}` } : headers()) },
  };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  return request(new URL(path, location.origin), init);
}

async function request(url, init) {
  let resp;
  try {
    resp = await fetch(url, init);
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "无法连接到服务，请确认服务已启动后重试。");
  }
  return readBody(resp.status, resp.ok, () => resp.json());
}

async function readBody(status, ok, parse) {
  const resp = { status, ok };
  let body = null;
  try {
    body = await parse();
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

/**
 * Upload files (multipart, field `files`) with the write token; `onProgress(fraction)` follows the
 * bytes sent. XMLHttpRequest because fetch() reports no upload progress.
 */
export function uploadFiles(files, { onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("Accept", "application/json");
    const token = writeToken();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && onProgress) onProgress(ev.loaded / ev.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "无法连接到服务，请确认服务已启动后重试。"));
    xhr.onload = () => {
      readBody(xhr.status, xhr.status >= 200 && xhr.status < 300, () => JSON.parse(xhr.responseText)).then(resolve, reject);
    };
    xhr.send(form);
  });
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
