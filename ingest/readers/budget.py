"""How much text one file may expand to, relative to its size.

A reader turns bytes into text; for plain text and HTML the text is never longer than the bytes,
but a .docx or .pdf is compressed and its structure (list numbering, repeated content streams)
can make the reader *build* text the file does not contain. Every reader result is held to this
budget so a 36 KB file can never produce hundreds of megabytes of text, clauses and index.
"""

from __future__ import annotations

from policykg.errors import IngestError

# Enough for any honest document: a 20 MB upload may yield 40 M characters, a small file 2 M.
MIN_TEXT_CHARS = 2_000_000
CHARS_PER_BYTE = 2


def text_budget(size: int) -> int:
    """The most characters a file of `size` bytes may produce."""
    return max(MIN_TEXT_CHARS, CHARS_PER_BYTE * max(size, 0))


def check_text_budget(name: str, size: int, chars: int) -> None:
    """Refuse a reader result longer than the file's budget (a per-file Chinese message)."""
    budget = text_budget(size)
    if chars > budget:
        raise IngestError(
            f"文件“{name}”展开后的文字量超过上限（文件 {size // 1024} KB，最多 {budget // 10000} 万字），"
            "疑似恶意构造（如异常的自动编号），已拒绝。",
            code="expansion_limit",
        )
