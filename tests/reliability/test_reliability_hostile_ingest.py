"""Hostile and broken files straight into ingest.pipeline.read_bytes.

Each input must end as an IngestError with a clear Chinese message (and the expected code, where
one is fixed) or as sane documents; never another exception type. Nothing may be written to disk.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import hostile
import pytest

from policykg.errors import IngestError
from policykg.model import Document

CASES = hostile.all_cases()
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ID = re.compile(r"(?:[A-Za-z0-9_.\-]{1,64}|d[0-9a-f]{16}|upload-[0-9a-f]{12})(?:~\d{2})?")
EVIL_PATHS = [
    Path("/tmp/policykg-evil.txt"),
    Path("/tmp/policykg-evil-abs.txt"),
    Path("/etc/policykg-evil.txt"),
]


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") and ch not in "\n\t"


def check_error(exc: IngestError, case: hostile.Case) -> None:
    assert isinstance(exc, IngestError)
    assert exc.code and re.fullmatch(r"[a-z_]+", exc.code), exc.code
    if case.codes:
        assert exc.code in case.codes, (exc.code, exc.message)
    msg = exc.message
    assert _CJK.search(msg), f"message not in Chinese: {msg!r}"
    assert "Traceback" not in msg and 'File "' not in msg
    assert len(msg) < 600
    # Messages quote the file name: it must be the cleaned one (no NUL, bidi override, newline).
    assert not any(_invisible(ch) for ch in msg), repr(msg)


def check_documents(docs: list[Document], case: hostile.Case, data: bytes) -> None:
    assert isinstance(docs, list) and docs
    assert all(isinstance(d, Document) for d in docs)
    parent = docs[0]
    ids = [d.id for d in docs]
    assert len(set(ids)) == len(ids)
    for d in docs:
        assert _ID.fullmatch(d.id), d.id
        assert d.sha256 == hashlib.sha256(data).hexdigest()
        # The stored source name is a bare, visible file name.
        assert d.source and "/" not in d.source and "\\" not in d.source
        assert not d.source.startswith("."), d.source
        assert not any(_invisible(ch) for ch in d.source), repr(d.source)
        assert len(d.source) <= 220
        assert "\x00" not in d.text and "\x00" not in d.search_text
        assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in d.text)
        seen = set()
        for c in d.clauses:
            assert c.doc_id == d.id and c.id.startswith(d.id + ":")
            assert c.id not in seen
            seen.add(c.id)
            assert 0 <= c.start <= c.end <= len(d.text), (c.id, c.start, c.end, len(d.text))
            assert "\x00" not in c.text
        # The stored form round-trips (documents.jsonl).
        again = Document.from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
        assert again.id == d.id and len(again.clauses) == len(d.clauses)
    for child in docs[1:]:
        assert child.parent_id == parent.id and child.id in parent.children
    # XXE must never pull a local file into the text.
    assert "root:" not in parent.text and "/bin/" not in parent.text


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_through_read_bytes(case: hostile.Case) -> None:
    from ingest.pipeline import DEFAULT_MAX_BYTES, read_bytes

    data = case.data()
    try:
        docs = read_bytes(case.name, data, max_bytes=case.max_bytes or DEFAULT_MAX_BYTES)
    except IngestError as exc:
        assert case.expect in ("error", "either"), f"{case.id}: refused but should read: {exc.message}"
        check_error(exc, case)
    else:
        assert case.expect in ("ok", "either"), f"{case.id}: accepted but should be refused"
        check_documents(docs, case, data)
    for p in EVIL_PATHS:
        assert not p.exists(), f"{case.id} wrote {p}"


def test_gbk_declared_utf8_html_is_decoded_not_mojibake() -> None:
    from ingest.pipeline import read_bytes

    docs = read_bytes("gbk.html", hostile.gbk_declared_utf8_html())
    text = docs[0].text
    assert "离退休干部党员人数5人以上" in text
    assert "\ufffd" not in text
    assert any("编码" in w for w in docs[0].warnings)  # the wrong declaration is reported


def test_hostile_names_never_leave_a_path() -> None:
    from ingest.ids import doc_id, safe_name

    for key, name in hostile.HOSTILE_NAMES.items():
        clean = safe_name(name)
        assert clean and "/" not in clean and "\\" not in clean, (key, clean)
        assert clean not in (".", "..") and not clean.startswith("."), (key, clean)
        assert not any(_invisible(ch) for ch in clean), (key, repr(clean))
        assert _ID.fullmatch(doc_id(name)), (key, doc_id(name))
        # What the engine would create under originals/ stays a single path component.
        assert Path("/data/originals", clean).parent == Path("/data/originals")


def test_rtl_override_cannot_disguise_the_extension() -> None:
    """`通知\u202etxt.exe` displays as 通知exe.txt; the real extension (.exe) decides."""
    from ingest.pipeline import read_bytes
    from policykg.errors import UnsupportedFormat

    with pytest.raises(UnsupportedFormat) as info:
        read_bytes(hostile.HOSTILE_NAMES["rtl_override"], hostile.POLICY_TEXT.encode())
    assert "\u202e" not in info.value.message


def test_lying_zip_never_expands_past_its_declared_size() -> None:
    """The central directory says 2 KB, the stream holds 16 MB: refused, not decompressed."""
    from ingest.pipeline import read_bytes

    with pytest.raises(IngestError) as info:
        read_bytes("lying.docx", hostile.lying_zip_bomb_docx())
    check_error(info.value, hostile.case_by_id("lying_zip_bomb_docx"))


def test_pdf_page_cap_is_reported() -> None:
    from ingest.pipeline import read_bytes

    docs = read_bytes("huge.pdf", hostile.pdf_huge_page_count())
    assert docs[0].text.strip()
    many = read_bytes("many.pdf", hostile.pdf_many_pages(2100))
    assert any("2000" in w for w in many[0].warnings), many[0].warnings
