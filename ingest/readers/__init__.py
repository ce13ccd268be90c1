"""File readers: bytes of one file → `RawText`, dispatched by extension and checked by magic bytes.

`read_raw(name, data)` is the entry point. The extension says what the user meant; the magic
bytes say what the file is. A mismatch that we can read safely (a .doc that is really a .docx,
a .txt that is really a saved web page) is read as what it is, with a warning; a mismatch we
cannot (a PDF or an image named .txt) is refused with a clear message.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from ingest.raw import RawText
from ingest.readers.budget import check_text_budget
from ingest.readers.sniff import describe, sniff, zip_kind
from policykg.errors import DecodeError, IngestError, UnsupportedFormat

TEXT_EXTENSIONS = {".txt": "txt", ".md": "md"}
HTML_EXTENSIONS = (".html", ".htm", ".shtml", ".xhtml")
LEGACY_EXTENSIONS = (".doc", ".wps")
SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".shtml",
    ".xhtml",
    ".docx",
    ".pdf",
    ".doc",
    ".wps",
)

__all__ = ["SUPPORTED_EXTENSIONS", "extension", "read_raw", "supported"]


def extension(name: str) -> str:
    """Lower-case extension of a file name, with the dot ('' when there is none)."""
    return PurePath(name).suffix.lower()


def supported(name: str) -> bool:
    return extension(name) in SUPPORTED_EXTENSIONS


def _unsupported(name: str, ext: str) -> UnsupportedFormat:
    shown = ext or "（无扩展名）"
    return UnsupportedFormat(
        f"不支持的文件类型“{shown}”（文件“{name}”）。支持的类型：.txt、.md、.html、.htm、.docx、.pdf；"
        ".doc、.wps 需要安装 LibreOffice 转换，或另存为 .docx 后导入。"
    )


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    return head.startswith(b"<?xml") and b"<html" in head


def _mismatch(name: str, ext: str, kind: str) -> IngestError:
    return IngestError(
        f"文件“{name}”的扩展名是 {ext}，但内容是{describe(kind)}，无法读取。请确认文件类型后改用正确的扩展名再导入。",
        code="format_mismatch",
    )


def read_raw(name: str, data: bytes, *, sha256: str | None = None) -> RawText:
    """Read one file's bytes. `name` should already be a safe base name (see ingest.ids.safe_name).

    Raises UnsupportedFormat, DecodeError, NeedsOCR or IngestError (Chinese messages), also when
    the text is longer than the file's expansion budget (ingest.readers.budget).
    """
    raw = _dispatch(name, data, sha256)
    check_text_budget(name, len(data), len(raw.text))
    return raw


def _dispatch(name: str, data: bytes, sha256: str | None) -> RawText:
    from ingest.readers.docx import read_docx
    from ingest.readers.html import read_html
    from ingest.readers.office import read_legacy
    from ingest.readers.pdf import read_pdf
    from ingest.readers.text import read_text

    digest = sha256 or hashlib.sha256(data).hexdigest()
    ext = extension(name)
    kind = sniff(data)
    if kind == "zip":
        kind = zip_kind(data)

    if ext in TEXT_EXTENSIONS:
        if kind is None and ext == ".txt" and _looks_like_html(data):
            raw = read_html(name, data, digest)
            raw.warnings.append(f"扩展名为 {ext}，但内容是网页，已按网页提取正文")
            raw.meta["detected_format"] = "html"
            return raw
        if kind is not None:
            raise DecodeError(
                f"文件“{name}”的扩展名表明是文本文件，但内容是{describe(kind)}，无法按文本导入。"
                "请确认文件类型，改用正确的扩展名后再导入。"
            )
        return read_text(name, data, digest, TEXT_EXTENSIONS[ext])

    if ext in HTML_EXTENSIONS:
        if kind is not None:
            raise DecodeError(
                f"文件“{name}”的扩展名表明是网页，但内容是{describe(kind)}，无法按网页导入。"
                "请确认文件类型，改用正确的扩展名后再导入。"
            )
        return read_html(name, data, digest)

    if ext == ".docx":
        if kind in ("docx", "zip"):  # "zip": an unreadable archive — read_docx says it is damaged
            return read_docx(name, data, digest)
        if kind in ("ole", "rtf"):
            raw = read_legacy(name, data, digest, ".doc")
            raw.warnings.append("扩展名为 .docx，但实际是旧版 .doc 格式")
            return raw
        if kind is None:
            raise IngestError(
                f"文件“{name}”不是有效的 .docx 文件（不是 Word 文档的压缩包格式），文件可能已损坏或扩展名有误。",
                code="corrupt_file",
            )
        raise _mismatch(name, ext, kind)

    if ext == ".pdf":
        if kind == "pdf":
            return read_pdf(name, data, digest)
        if kind is None:
            raise IngestError(
                f"文件“{name}”不是有效的 PDF 文件（文件开头没有 %PDF 标记），文件可能已损坏或扩展名有误。",
                code="corrupt_file",
            )
        raise _mismatch(name, ext, kind)

    if ext in LEGACY_EXTENSIONS:
        if kind == "docx":
            raw = read_docx(name, data, digest)
            raw.warnings.append(f"扩展名为 {ext}，但实际是 .docx 格式，已直接读取")
            return raw
        if kind is None and _looks_like_html(data):  # Word's "save as web page" with a .doc name
            raw = read_html(name, data, digest)
            raw.warnings.append(f"扩展名为 {ext}，但内容是网页，已按网页提取正文")
            return raw
        if kind in (None, "ole", "rtf"):
            return read_legacy(name, data, digest, ext)
        raise _mismatch(name, ext, kind)

    raise _unsupported(name, ext)
