"""Document ids and safe file names (docs/INTERFACES.md, "Ids").

A document id comes from the file *name*, so a changed version of a file replaces the old
document; the sha256 of the bytes tells a no-op re-ingest apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath

_ASCII_ID_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
# Characters that act as path separators somewhere, or look like one to a person reading the
# name: / \ and their fullwidth, division, fraction and box-drawing look-alikes.
_SEPARATORS = "/\\\uff0f\uff3c\u2215\u2044\u29f8\u29f9\u2571\u2572\ufe68"
_SEPARATOR_RE = re.compile(f"[{re.escape(_SEPARATORS)}]")
# Characters Windows refuses in names; replaced so the name is usable anywhere it is shown/saved.
_RESERVED_RE = re.compile(r'[<>:"|?*]')
_WS_RE = re.compile(r"\s+")
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
MAX_NAME_CHARS = 200


def _visible(ch: str) -> bool:
    # Cc: controls incl. NUL; Cf: bidi overrides (U+202E), zero-width joiners, BOM; Cs/Co/Cn:
    # surrogates, private use, unassigned; Zl/Zp: line/paragraph separators.
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def generated_name(original: str, suffix: str = "") -> str:
    digest = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"upload-{digest}{suffix}"


def safe_name(name: str) -> str:
    """The base name of `name` with every path and unicode trick removed.

    Directories, ``../``, absolute paths, drive letters, NUL and control characters, bidi
    overrides and zero-width characters, fullwidth/look-alike slashes are all removed; only the
    last path component survives (NFC-normalised, so the same name typed on macOS and Windows
    gives the same id). A name that is empty after cleaning gets a generated one.
    """
    original = name
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if _visible(ch))
    parts = [p for p in _SEPARATOR_RE.split(name) if p.strip()]
    base = parts[-1] if parts else ""
    base = _DRIVE_RE.sub("", base)
    base = _RESERVED_RE.sub("_", base)
    base = _WS_RE.sub(" ", base).strip()
    # Leading dots would hide the file (and "." / ".." are not names); trailing dots and spaces
    # are dropped by Windows and would make two spellings of one name.
    extension_only = base.startswith(".") and "." not in base.lstrip(".")
    base = base.lstrip(". ").rstrip(". ")
    if not base:
        return generated_name(original)
    if extension_only:  # "../.txt": the stem is gone, the extension is still meaningful
        return generated_name(original, "." + base)
    if len(base) > MAX_NAME_CHARS:
        suffix = PurePath(base).suffix
        suffix = suffix if 1 < len(suffix) <= 16 else ""
        base = base[: MAX_NAME_CHARS - len(suffix)].rstrip(". ") + suffix
    return base


def doc_id(name: str) -> str:
    """The document id of a file name: its stem when that is a short ASCII identifier, else a hash.

    ``000_07bae7d3feccb87b.txt`` → ``000_07bae7d3feccb87b``; ``关于….docx`` → ``d`` + the first
    16 hex digits of sha1 of the (cleaned) file name.
    """
    base = safe_name(name)
    stem = PurePath(base).stem
    if _ASCII_ID_RE.fullmatch(stem):
        return stem
    return "d" + hashlib.sha1(base.encode("utf-8")).hexdigest()[:16]


# Between a bulletin's id and its article number. It is a character no file can put into an id
# (file ids are [A-Za-z0-9_.-] or d+hex), so an article id never equals a file's id: with "-",
# a file named "{bulletin}-01.txt" replaced that article (issue 17, D4). URL-safe unreserved.
CHILD_SEPARATOR = "~"


def child_id(parent_id: str, number: int) -> str:
    """Id of the `number`-th (from 1) article of a bulletin: ``{parent}~{nn}``."""
    return f"{parent_id}{CHILD_SEPARATOR}{number:02d}"


def clause_id(document_id: str, ordinal: int) -> str:
    """Id of a clause: ``{doc_id}:{ordinal:04d}``, ordinal from 1 in reading order."""
    return f"{document_id}:{ordinal:04d}"
