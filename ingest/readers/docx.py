"""Word documents (.docx): paragraphs and tables in body order, after a zip-bomb check.

The body XML is walked directly (``w:p`` and ``w:tbl`` children, content controls ``w:sdt``
opened) because python-docx's ``paragraphs`` and ``tables`` lists lose their interleaving.
Text boxes (red-header templates put 文件头 and 文号 in them) are read once, from the
``mc:Choice`` branch, never from the duplicate ``mc:Fallback``. Automatic list numbering
(一、 （一） 1.) is rendered by ``ingest.readers.docxnumbering``.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import Any

from ingest.raw import RawText
from ingest.readers.budget import text_budget
from ingest.readers.docxnumbering import (  # noqa: F401  (re-exported: the reader and reliability tests import them from here)
    MAX_LABEL_CHARS,
    MAX_LIST_NUMBER,
    Numbering,
    bounded_int,
    chinese_number,
    format_number,
)
from ingest.readers.wordml import _MC, _q
from policykg.errors import IngestError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000
CELL_SEPARATOR = "\t"


def check_zip(name: str, data: bytes) -> None:
    """Refuse archives that would expand out of proportion before anything decompresses them.

    The central directory's sizes are what zipfile enforces while reading (a member cannot
    yield more than its declared size), so checking them up front is sufficient.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(
            f"文件“{name}”不是有效的 .docx 文件（压缩结构损坏或文件不完整），请用 Word/WPS 重新保存后再导入。",
            code="corrupt_file",
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise IngestError(
            f"文件“{name}”包含的部件过多（{len(infos)} 个），疑似恶意压缩包，已拒绝。", code="zip_bomb"
        )
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            f"文件“{name}”解压后大小约 {total // (1024 * 1024)} MB，超过 {MAX_UNCOMPRESSED // (1024 * 1024)} MB 上限，"
            "疑似压缩炸弹，已拒绝。",
            code="zip_bomb",
        )
    # Small members legitimately compress very well; the ratio matters once sizes are real.
    if total > 1024 * 1024 and total > MAX_RATIO * max(compressed, 1):
        raise IngestError(
            f"文件“{name}”的压缩比异常（约 {total // max(compressed, 1)} 倍），疑似压缩炸弹，已拒绝。",
            code="zip_bomb",
        )
    for info in infos:
        if info.file_size > 10 * 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError(
                f"文件“{name}”中的部件 {info.filename} 压缩比异常，疑似压缩炸弹，已拒绝。", code="zip_bomb"
            )


def _run_text(el: Any) -> str:
    """Text of a paragraph-like element: w:t, tabs and breaks, skipping deleted and fallback text."""
    parts: list[str] = []
    stack = [el]
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if tag == _q("t"):
            parts.append(node.text or "")
            continue
        if tag == _q("tab"):
            parts.append("\t")
            continue
        if tag in (_q("br"), _q("cr")):
            if node.get(_q("type")) not in ("page", "column"):
                parts.append("\n")
            continue
        if tag in (_q("del"), _q("txbxContent"), f"{{{_MC}}}Fallback", _q("instrText")):
            continue  # deleted revisions, text boxes (read separately), duplicates, field codes
        stack.extend(reversed(list(node)))
    return "".join(parts)


def _textboxes(p: Any) -> list[str]:
    paragraphs = []
    for box in p.iter(_q("txbxContent")):
        if any(anc.tag == f"{{{_MC}}}Fallback" for anc in box.iterancestors()):
            continue
        for inner in box.iter(_q("p")):
            text = _run_text(inner).strip()
            if text:
                paragraphs.append(text)
    return paragraphs


def _table_rows(tbl: Any) -> list[str]:
    rows = []
    for tr in tbl.iterchildren(_q("tr")):
        cells = []
        for tc in tr.iterchildren(_q("tc")):
            # A cell may hold paragraphs and nested tables; its lines are joined with spaces so
            # that one table row stays one line.
            lines = [_run_text(p).strip() for p in tc.iter(_q("p"))]
            cells.append(" ".join(line.replace("\n", " ") for line in lines if line))
        if any(cells):
            rows.append(CELL_SEPARATOR.join(cells).rstrip(CELL_SEPARATOR))
    return rows


def _with_label(label: tuple[str, str] | None, text: str) -> str:
    if label is None:
        return text
    rendered, suff = label
    # "一、" "（一）" "1." join the text directly, as typed numbering does; a label ending in a
    # letter or digit ("第一条", "1") gets a space so the number stays a separate token.
    sep = " " if suff == "space" or rendered[-1:].isalnum() else ""
    return rendered + sep + text


def body_blocks(
    body: Any, numbering: Numbering | None = None, budget: int | None = None
) -> tuple[list[str], int]:
    """Paragraphs and tables of a ``w:body`` in order: (blocks, number of tables).

    With a `budget` (characters), reading stops once the blocks pass it: the caller refuses
    the file, and nothing beyond the budget was ever built.
    """
    blocks: list[str] = []
    tables = 0
    chars = 0
    numbering = numbering or Numbering()
    stack = list(reversed(list(body)))
    while stack:
        if budget is not None and chars > budget:
            break
        el = stack.pop()
        if el.tag == _q("p"):
            blocks.extend(_textboxes(el))
            text = _run_text(el).strip()
            label = numbering.label(el) if text else None
            if text:
                blocks.append(_with_label(label, text))
                chars += len(blocks[-1])
        elif el.tag == _q("tbl"):
            tables += 1
            rows = _table_rows(el)
            if rows:
                blocks.append("\n".join(rows))
                chars += len(blocks[-1])
        elif el.tag in (_q("sdt"), _q("sdtContent"), _q("customXml"), _q("ins"), _q("smartTag")):
            stack.extend(reversed(list(el)))
    return blocks, tables


def _numbering(document: Any) -> Numbering:
    numbering_xml = styles_xml = None
    # A document without a numbering or styles part simply has nothing auto-numbered.
    with contextlib.suppress(KeyError, NotImplementedError, AttributeError):
        numbering_xml = document.part.numbering_part.element
    with contextlib.suppress(KeyError, NotImplementedError, AttributeError):
        styles_xml = document.styles.element
    return Numbering(numbering_xml, styles_xml)


def _core_properties(document: Any) -> dict[str, str]:
    props = document.core_properties
    out: dict[str, str] = {}
    for key in ("title", "subject", "author", "keywords", "category", "comments", "last_modified_by"):
        value = getattr(props, key, None)
        if value:
            out[key] = str(value)
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if value:
            out[key] = value.isoformat()
    return out


def read_docx(name: str, data: bytes, sha256: str) -> RawText:
    check_zip(name, data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        budget = text_budget(len(data))
        blocks, tables = body_blocks(document.element.body, _numbering(document), budget)
        core = _core_properties(document)
    except IngestError:
        raise
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ValueError … on bad parts
        raise IngestError(
            f"文件“{name}”无法作为 Word 文档读取（{type(exc).__name__}），文件可能已损坏或不完整，"
            "请用 Word/WPS 打开后另存为 .docx 再导入。",
            code="corrupt_file",
        ) from exc
    meta: dict[str, Any] = {"line_breaks": "paragraph", "tables": tables}
    if core:
        meta["core_properties"] = core
    return RawText(
        source=name,
        sha256=sha256,
        text="\n\n".join(blocks),
        format="docx",
        encoding=None,
        warnings=[],
        meta=meta,
    )
