// Curate the library from the browser: upload files (progress, and per file what was extracted and
// what is missing), correct a document's title/文号/issuer/date/type/region (PATCH, kept by the
// server as overrides), delete with confirmation. The write token is asked once per tab.

import { ApiError, errorBox, getJSON, sendJSON, uploadFiles, withSpinner } from "../api.js";
import { clauseHref, h } from "../dom.js";
import { setWriteToken, writeToken } from "../store.js";

const FIELDS = [["title", "标题"], ["doc_no", "文号"], ["issuer", "发文机关"], ["date", "成文日期"], ["doc_type", "文种"], ["region", "地区"]];
const STATUS = { added: "已新增", replaced: "已替换", unchanged: "内容未变", rejected: "未收录", deleted: "已删除" };
const ACCEPT = ".txt,.md,.html,.htm,.docx,.pdf,.doc,.wps";

/** The write token form; `onSaved` runs once a token is kept for this tab. */
function tokenBox(onSaved) {
  const box = h("section", { class: "panel token-box", "aria-label": "写入令牌" });
  const paint = () => {
    if (writeToken()) {
      box.replaceChildren(h("p", {}, "已输入写入令牌（只保存在本标签页，关闭后清除）。 ",
        h("button", { type: "button", class: "btn btn--small", onclick: () => { setWriteToken(""); paint(); } }, "清除令牌")));
      return;
    }
    const input = h("input", { type: "password", id: "write-token", autocomplete: "off", placeholder: "POLICYKG_API_TOKEN" });
    const form = h("form", { class: "token-form" }, h("label", { for: "write-token" }, "写入令牌："), input,
      h("button", { type: "submit", class: "btn btn--small btn--primary" }, "确定"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (!input.value.trim()) return;
      setWriteToken(input.value.trim());
      paint();
      onSaved?.();
    });
    box.replaceChildren(h("p", { class: "muted" }, "上传、修改和删除文件需要管理员提供的写入令牌。令牌只保存在本标签页中。"), form);
  };
  paint();
  return box;
}

/** What ingest found, and what it did not (the server's `missing`, else the empty fields). */
export function missingOf(d, fileResult = {}) {
  if (Array.isArray(d.missing)) return d.missing;
  if (Array.isArray(fileResult.missing)) return fileResult.missing;
  return FIELDS.filter(([k]) => k !== "title" && (d[k] == null || d[k] === "")).map(([, label]) => label);
}

function fileReport(f) {
  const docs = f.documents || [];
  return h("li", { class: `upload-result upload-result--${f.status}`, "data-file": f.file, "data-status": f.status },
    h("p", { class: "upload-result__head" }, h("strong", {}, f.file), " ", h("span", { class: "badge" }, STATUS[f.status] || f.status)),
    f.message ? h("p", { class: f.status === "rejected" ? "notice notice--error" : "muted" }, f.message) : null,
    docs.map((d) => h("div", { class: "upload-doc", "data-doc-id": d.doc_id },
      h("dl", { class: "meta" },
        FIELDS.map(([k, label]) => {
          const v = k === "region" ? d.region?.name : d[k];
          return h("div", { class: "meta__item" }, h("dt", {}, label), h("dd", {}, v || "—"));
        }),
        d.clause_count != null ? h("div", { class: "meta__item" }, h("dt", {}, "条款"), h("dd", {}, String(d.clause_count))) : null),
      missingOf(d, f).length
        ? h("p", { class: "upload-missing", "data-missing": "true" }, "未识别：", missingOf(d, f).join("、"), "。请在“修改信息”中补全。")
        : h("p", { class: "muted" }, "主要信息齐全。"),
      // Other warnings of ingest; the "未识别出…" ones repeat the missing list above.
      d.warnings?.filter((w) => !w.startsWith("未识别")).length
        ? h("ul", { class: "upload-warnings muted" }, d.warnings.filter((w) => !w.startsWith("未识别")).map((w) => h("li", {}, w)))
        : null,
      h("p", { class: "doc-actions" },
        h("a", { class: "btn btn--small", href: clauseHref(d.doc_id) }, "阅读"),
        h("a", { class: "btn btn--small btn--primary", href: `#/curate/${encodeURIComponent(d.doc_id)}` }, "修改信息")))));
}

function uploader() {
  // The native file button speaks the browser's language (often English); ours is a label in Chinese.
  const input = h("input", { type: "file", id: "upload-files", class: "file-input", multiple: true, accept: ACCEPT });
  const chosen = h("span", { class: "muted", "data-chosen": "true" }, "未选择文件");
  input.addEventListener("change", () => {
    chosen.textContent = input.files.length ? [...input.files].map((f) => f.name).join("、") : "未选择文件";
  });
  const progress = h("progress", { max: "100", value: "0", hidden: true, "aria-label": "上传进度" });
  const status = h("p", { class: "muted", role: "status" });
  const out = h("ol", { class: "upload-results" });
  const button = h("button", { type: "submit", class: "btn btn--primary" }, "上传");
  const form = h("form", { class: "upload-form" },
    input, h("label", { for: "upload-files", class: "btn" }, "选择文件…"), chosen,
    h("span", { class: "muted" }, "（txt、md、html、docx、pdf，可多选）"), button, progress, status);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const files = [...input.files];
    if (!files.length) {
      status.textContent = "请先选择文件。";
      return;
    }
    if (!writeToken()) {
      status.textContent = "请先输入写入令牌。";
      document.getElementById("write-token")?.focus();
      return;
    }
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = `正在上传 ${files.length} 个文件…`;
    out.replaceChildren();
    try {
      const report = await uploadFiles(files, { onProgress: (p) => { progress.value = Math.round(p * 100); } });
      progress.value = 100;
      status.textContent = report.changed ? `已处理 ${report.files.length} 个文件，库中现有 ${report.documents} 份文件。` : "文件内容与库中一致，没有变化。";
      out.append(...report.files.map(fileReport));
      window.dispatchEvent(new Event("policykg:changed")); // the footer's counts
    } catch (err) {
      status.textContent = "";
      out.append(h("li", {}, errorBox(err)));
    } finally {
      button.disabled = false;
    }
  });
  return h("section", { class: "panel" }, h("h2", {}, "上传文件"), form, out);
}

function fieldInput(k, value, docTypes) {
  const id = `edit-${k}`;
  const attrs = { id, name: k, type: "text", value: value ?? "", autocomplete: "off" };
  if (k === "date") attrs.placeholder = "YYYY-MM-DD、YYYY-MM 或 YYYY";
  if (k === "doc_type" && docTypes.length) attrs.list = "doc-types";
  return h("input", attrs);
}

async function renderEdit(el, ctx, docId) {
  let doc;
  let docTypes = [];
  try {
    [doc, docTypes] = await withSpinner(el, () => Promise.all([
      getJSON(`/api/documents/${encodeURIComponent(docId)}`, {}, { signal: ctx.signal }),
      getJSON("/api/doc-types", {}, { signal: ctx.signal }).then((r) => r.doc_types || []).catch(() => []),
    ]));
  } catch (err) {
    if (err.name === "AbortError") throw err;
    el.append(errorBox(err));
    return;
  }
  ctx.setTitle(`修改：${doc.title}`, "文件管理");
  const current = (k) => (k === "region" ? doc.region?.name : doc[k]) ?? "";
  const inputs = Object.fromEntries(FIELDS.map(([k]) => [k, fieldInput(k, current(k), docTypes)]));
  const out = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "edit-form" },
    FIELDS.map(([k, label]) => h("div", { class: "edit-form__row" },
      h("label", { for: `edit-${k}` }, label), inputs[k],
      doc.overrides && k in doc.overrides
        ? h("span", { class: "muted edit-form__was" }, `已修改；识别值：${(doc.extracted || {})[k] ?? "—"}`) : null)),
    docTypes.length ? h("datalist", { id: "doc-types" }, docTypes.map((t) => h("option", { value: t }))) : null,
    h("p", {}, h("button", { type: "submit", class: "btn btn--primary" }, "保存修改")), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    // Only what changed; an emptied field clears its override (null).
    const patch = {};
    for (const [k] of FIELDS) {
      const v = inputs[k].value.trim();
      if (v !== String(current(k))) patch[k] = v || null;
    }
    out.replaceChildren();
    if (!Object.keys(patch).length) {
      out.append(h("p", { class: "muted" }, "没有修改。"));
      return;
    }
    try {
      doc = await sendJSON("PATCH", `/api/documents/${encodeURIComponent(doc.doc_id)}`, patch, { signal: ctx.signal });
      out.append(h("p", { class: "notice notice--ok", "data-saved": "true" }, "已保存。",
        h("a", { href: clauseHref(doc.doc_id) }, "查看文件")));
      ctx.toast("已保存修改");
    } catch (err) {
      if (err.name === "AbortError") return;
      const e = err instanceof ApiError && err.status === 405 ? new ApiError(405, "unsupported", "服务端尚不支持修改文件信息（需要 PATCH /api/documents/{id}）。") : err;
      out.append(errorBox(e));
    }
  });
  const confirmBox = h("div", { class: "confirm", hidden: true, role: "alertdialog", "aria-labelledby": "confirm-title" },
    h("p", { id: "confirm-title" }, `确定删除《${doc.title}》吗？${doc.parts?.length ? `其中的 ${doc.parts.length} 篇文章也会一并删除。` : ""}此操作不能撤销。`),
    h("button", { type: "button", class: "btn btn--danger", "data-action": "confirm-delete", onclick: async () => {
      try {
        await sendJSON("DELETE", `/api/documents/${encodeURIComponent(doc.doc_id)}`, undefined, { signal: ctx.signal });
        window.dispatchEvent(new Event("policykg:changed"));
        el.replaceChildren(h("div", { class: "notice notice--ok", "data-deleted": doc.doc_id }, `已删除《${doc.title}》。 `,
          h("a", { href: "#/library" }, "返回文件库")));
      } catch (err) {
        if (err.name !== "AbortError") confirmBox.append(errorBox(err));
      }
    } }, "确认删除"),
    h("button", { type: "button", class: "btn", onclick: () => { confirmBox.hidden = true; } }, "取消"));
  el.append(
    h("p", {}, h("a", { href: clauseHref(doc.doc_id) }, "← 返回文件")),
    h("h1", {}, "修改文件信息"),
    h("p", { class: "lead" }, `《${doc.title}》 · 修改会保存为本文件的更正，重新构建或重新导入后仍然有效。`),
    tokenBox(),
    h("section", { class: "panel" }, form),
    h("section", { class: "panel panel--danger" }, h("h2", {}, "删除文件"),
      h("button", { type: "button", class: "btn btn--danger", "data-action": "delete", onclick: () => { confirmBox.hidden = false; } }, "删除此文件…"),
      confirmBox));
}

export async function renderCurate(el, ctx) {
  if (ctx.arg) return renderEdit(el, ctx, ctx.arg);
  el.append(h("section", { class: "view-head" }, h("h1", {}, "文件管理"),
    h("p", { class: "lead" }, "上传新文件，查看自动识别出的信息并补全；要修改或删除已有文件，请在",
      h("a", { href: "#/library" }, "文件库"), "中点“修改信息”。")),
  tokenBox(), uploader());
  return undefined;
}
