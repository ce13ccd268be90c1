"""PDF circulars: the text layer, page by page; scans without a text layer are sent to OCR.

Pages are separated by a blank line, the same shape as the page joins of OCR text exports, so
`ingest.normalize` repairs both the same way.
"""

from __future__ import annotations

import contextlib
import io
import logging
import unicodedata
from collections.abc import Iterator
from typing import Any

from ingest.raw import RawText
from ingest.readers.budget import text_budget
from policykg.errors import IngestError, NeedsOCR

MAX_PAGES = 2000
# A page "has text" with at least this many letters/digits/hanzi (a scanned page often carries
# only a page number or a stamp caption in its text layer).
MIN_PAGE_CHARS = 5
MIN_DOCUMENT_CHARS = 20


def _count(text: str) -> tuple[int, int]:
    """(meaningful, garbage) characters: letters/digits vs private-use, U+FFFD, controls."""
    meaningful = garbage = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or cat in ("Co", "Cs", "Cn") or (cat == "Cc" and ch not in "\n\t"):
            garbage += 1
        elif cat[0] in ("L", "N"):
            meaningful += 1
    return meaningful, garbage


def _clean_page(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines).strip("\n")
    return "".join(ch for ch in out if not (unicodedata.category(ch) == "Cc" and ch not in "\n\t"))


def _info(reader: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        info = reader.metadata
    except Exception:  # a broken /Info dictionary must not cost us the text
        return out
    if not info:
        return out
    for key in (
        "/Title",
        "/Author",
        "/Subject",
        "/Keywords",
        "/Creator",
        "/Producer",
        "/CreationDate",
        "/ModDate",
    ):
        try:
            value = info.get(key)
        except Exception:
            continue
        if value:
            out[key.lstrip("/").lower()] = str(value)[:300]
    return out


def _open(name: str, data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many circulars carry an owner password only (printing/copy restrictions) and open
            # with the empty user password.
            try:
                ok = reader.decrypt("")
            except DependencyError as exc:
                raise IngestError(
                    f"文件“{name}”是加密的 PDF，当前环境缺少解密组件（cryptography），无法读取。",
                    code="encrypted",
                ) from exc
            if not ok:
                raise IngestError(
                    f"文件“{name}”是加密的 PDF，需要密码才能打开。请去除密码后再导入。", code="encrypted"
                )
        _ = len(reader.pages)
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(f"文件“{name}”是加密的 PDF，需要密码才能打开。", code="encrypted") from exc
    except Exception as exc:  # PdfReadError, ValueError, KeyError … from damaged files
        raise IngestError(
            f"文件“{name}”不是有效的 PDF 或已损坏（{type(exc).__name__}），无法读取。", code="corrupt_file"
        ) from exc
    return reader


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs English warnings for damage it repairs (``EOF marker not found``, odd xref
    tables); our own Chinese warnings report what matters, so only its errors get through."""
    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def read_pdf(name: str, data: bytes, sha256: str, *, max_pages: int = MAX_PAGES) -> RawText:
    with _quiet_pypdf():
        return _read_pdf(name, data, sha256, max_pages)


def _read_pdf(name: str, data: bytes, sha256: str, max_pages: int) -> RawText:
    reader = _open(name, data)
    warnings: list[str] = []
    total_pages = len(reader.pages)
    if total_pages == 0:
        raise IngestError(f"文件“{name}”中没有任何页面，PDF 可能已损坏或不完整。", code="corrupt_file")
    pages_to_read = min(total_pages, max_pages)
    if total_pages > max_pages:
        warnings.append(f"PDF 共 {total_pages} 页，只处理了前 {max_pages} 页")

    texts: list[str] = []
    without_text: list[int] = []
    failed: list[int] = []
    meaningful_total = garbage_total = 0
    chars, budget = 0, text_budget(len(data))
    for number in range(pages_to_read):
        if chars > budget:  # read_raw refuses the file; stop extracting more now
            break
        try:
            raw = reader.pages[number].extract_text() or ""
        except Exception:  # one damaged content stream should not lose the other pages
            failed.append(number + 1)
            raw = ""
        page = _clean_page(raw)
        meaningful, garbage = _count(page)
        meaningful_total += meaningful
        garbage_total += garbage
        if meaningful < MIN_PAGE_CHARS or garbage > meaningful:
            without_text.append(number + 1)
            # Keep a scanned page's stray characters out of the text; its place stays a break.
            texts.append("")
        else:
            texts.append(page)
            chars += len(page)

    if len(failed) == pages_to_read:
        raise IngestError(f"文件“{name}”的页面内容全部无法解析，PDF 可能已损坏。", code="corrupt_file")
    with_text = pages_to_read - len(without_text)
    if with_text == 0 or meaningful_total < MIN_DOCUMENT_CHARS:
        if garbage_total > meaningful_total:
            raise NeedsOCR(
                f"文件“{name}”：该 PDF 的文字层无法识别为文字（字体缺少编码映射），需要先进行 OCR 识别后再导入。"
            )
        raise NeedsOCR(f"文件“{name}”：该 PDF 没有文字层，需要先进行 OCR 识别后再导入。")
    if pages_to_read >= 5 and with_text < 0.2 * pages_to_read:
        raise NeedsOCR(
            f"文件“{name}”：该 PDF 的 {pages_to_read} 页中只有 {with_text} 页有文字层，大部分是扫描图像，"
            "需要先进行 OCR 识别后再导入。"
        )
    if without_text:
        shown = "、".join(str(n) for n in without_text[:10]) + ("等" if len(without_text) > 10 else "")
        warnings.append(f"第 {shown} 页没有文字层（可能是扫描图像），这些页的内容未导入")
    if failed:
        warnings.append(f"第 {'、'.join(str(n) for n in failed[:10])} 页解析失败")

    meta: dict[str, Any] = {
        "line_breaks": "layout",
        "pages": total_pages,
        "pages_read": pages_to_read,
        "pages_without_text": without_text,
    }
    info = _info(reader)
    if info:
        meta["pdf_info"] = info
    # Pages without text contribute nothing, but consecutive text pages stay one blank line apart.
    text = "\n\n".join(t for t in texts if t)
    return RawText(
        source=name, sha256=sha256, text=text, format="pdf", encoding=None, warnings=warnings, meta=meta
    )
