"""Plain text (.txt, .md): a strict decode chain, then a detector, never a silent mojibake.

Chain: BOM (UTF-8/16/32) → strict UTF-8 → strict GB18030 and strict Big5 (both can decode some
byte strings, so the one giving the more plausible Chinese wins) → charset-normalizer when the
strict chain is ambiguous or fails. Binary data (NUL bytes, control characters) is refused.
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.raw import RawText
from ingest.readers.sniff import describe, sniff, zip_kind
from policykg.errors import DecodeError

# (BOM, codec that consumes it, name we record)
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Declared legacy encodings are read with their supersets: files labelled gb2312 routinely hold
# GBK characters, and Big5 files from Windows are cp950 (or HKSCS) in practice.
_SUPERSETS = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "cp936": ("gb18030",),
    "euc_cn": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "cp950": ("cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs",),
}
_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")

# Encodings a Chinese policy text may come in; a detector guess outside this set (cp1252,
# koi8-r …) over non-ASCII bytes is mojibake, not a decoding.
_ACCEPTED_GUESSES = {
    "utf_8",
    "gb18030",
    "gbk",
    "gb2312",
    "big5",
    "big5hkscs",
    "cp950",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "hz",
    "ascii",
}

_NEWLINES_RE = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Share of replaced characters we tolerate in a lenient decode (a few damaged bytes in an OCR
# export), above which the file is refused.
_MAX_REPLACED_RATIO = 0.002
_MAX_REPLACED = 20


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _common_simplified() -> frozenset[str]:
    """GB2312 level-1 hanzi (rows 0xB0–0xD7): the 3,755 most common simplified characters."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_traditional() -> frozenset[str]:
    """Big5 frequently used hanzi (0xA440–0xC67E): the 5,401 常用字 of traditional texts."""
    chars = set()
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (hi, lo) > (0xC6, 0x7E):
                break
            try:
                chars.add(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    return _common_simplified() | _common_traditional()


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ffff"


_GOOD_PUNCT = set("，。、：；（）“”‘’《》〔〕【】！？—…·「」『』")


def plausibility(text: str) -> float:
    """How much `text` looks like Chinese prose, per non-ASCII character (higher is better).

    Common hanzi and CJK punctuation score, rare hanzi score a little less than nothing, and
    what mis-decoded Chinese turns into (private-use code points, kana and Cyrillic in the
    middle of hanzi, box drawing, U+FFFD) is penalised hard.
    """
    common = _common_chars()
    score = 0.0
    non_ascii = 0
    for ch in text[:_SAMPLE_CHARS]:
        if ch < "\x80":
            continue
        non_ascii += 1
        if _is_han(ch):
            score += 1.0 if ch in common else -0.5
        elif ch in _GOOD_PUNCT or "\uff01" <= ch <= "\uff5e" or "\u3000" <= ch <= "\u3003":
            score += 1.0
        elif ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs"):
            score -= 3.0  # replacement, private use, unassigned: mis-decoded bytes
        else:
            score -= 1.0  # kana, hangul, Cyrillic, box drawing … rare in a Chinese policy text
    return score / non_ascii if non_ascii else 1.0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# Unicode category Cc minus \t \n \v \f \r (a regex: this runs over whole files).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Character statistics need a sample, not a 50 MB file.
_SAMPLE_CHARS = 200_000


def _control_count(text: str) -> int:
    return len(_CONTROL_RE.findall(text))


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = _control_count(text)
    return controls > max(2, len(text) // 100)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM (some Windows tools): zero bytes sit on one parity only."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        text = _strict(data, enc)
        if text is None or _looks_binary(text):
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, enc, text)
    if best is None or best[0] < 0.5:
        return None
    return Decoded(best[2], best[1], ["文件为无 BOM 的 UTF-16 编码，已按 " + best[1].upper() + " 解码"])


def _refuse_binary(name: str, data: bytes) -> None:
    kind = sniff(data)
    if kind == "zip":
        kind = zip_kind(data)
    if kind is not None:
        raise DecodeError(
            f"文件“{name}”的扩展名表明是文本文件，但内容是{describe(kind)}，无法按文本导入。"
            "请确认文件类型，改用正确的扩展名后再导入。"
        )


def _guess_with_detector(data: bytes, candidates: list[str] | None = None) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    kwargs = {"cp_isolation": candidates} if candidates else {}
    matches = from_bytes(data, **kwargs)
    for match in matches:
        enc = match.encoding.lower()
        if enc not in _ACCEPTED_GUESSES:
            continue
        text = _strict(data, enc)
        if text is not None:
            return text, enc
    return None


def _lenient(data: bytes) -> Decoded | None:
    """A few damaged bytes in an otherwise good file: decode with U+FFFD and say so."""
    best: tuple[float, str, str, int] | None = None
    for enc in ("utf-8", "gb18030", "big5hkscs"):
        text = data.decode(enc, errors="replace")
        replaced = text.count("\ufffd")
        if replaced > _MAX_REPLACED or replaced > len(text) * _MAX_REPLACED_RATIO + 1:
            continue
        score = plausibility(text)
        if score < 0.5:
            continue
        if best is None or (replaced, -score) < (best[3], -best[0]):
            best = (score, enc, text, replaced)
    if best is None:
        return None
    score, enc, text, replaced = best
    return Decoded(text, enc, [f"有 {replaced} 处字节无法按 {enc} 解码，已用“\ufffd”代替，请核对原文件"])


def _declared_codecs(declared: str) -> tuple[str, ...]:
    try:
        canonical = codecs.lookup(declared).name.replace("-", "_")
    except LookupError:
        return ()
    if canonical.startswith(("utf_16", "utf_32")):
        # Without a BOM (handled earlier) a UTF-16 declaration inside the bytes is impossible:
        # the HTML standard reads such pages as UTF-8.
        return ("utf-8",)
    return _SUPERSETS.get(canonical, (canonical,))


def decode_bytes(data: bytes, *, name: str = "", declared: str | None = None) -> Decoded:
    """Decode text bytes or raise DecodeError (Chinese message). See the module doc for the chain.

    `declared` is an encoding the container declares (an html ``<meta charset>``): tried right
    after the BOM, and dropped with a warning when the bytes do not decode with it.
    """
    name = name or "（未命名）"
    warnings: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise DecodeError(
                    f"文件“{name}”带有 {label.upper()} 字节顺序标记，但内容无法按该编码解码，文件可能已损坏。"
                )
            return _checked(Decoded(text.lstrip("\ufeff"), label, warnings), name)

    _refuse_binary(name, data)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _checked(utf16, name)
        raise DecodeError(f"文件“{name}”含有空字节（NUL），是二进制数据而不是文本，无法导入。")

    if declared:
        for enc in _declared_codecs(declared):
            text = _strict(data, enc)
            # A declaration can be wrong (pages re-saved in another encoding keep their old
            # <meta charset>): it is believed only when the result reads as Chinese text.
            legacy_cjk = enc in ("gb18030", *_BIG5_FAMILY)
            if text is not None and (not legacy_cjk or plausibility(text) >= 0.3):
                return _checked(Decoded(text, enc, warnings), name)
        warnings.append(f"网页声明的编码 {declared} 与内容不符，已自动识别编码")

    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(Decoded(text, "utf-8", warnings), name)

    # GB18030 maps almost every double-byte sequence and Big5's range overlaps GBK's, so both may
    # decode the same bytes: keep each strict decoding and let character frequencies choose.
    candidates: list[tuple[float, str, str]] = []
    text = _strict(data, "gb18030")
    if text is not None:
        candidates.append((plausibility(text), "gb18030", text))
    for enc in _BIG5_FAMILY:
        text = _strict(data, enc)
        if text is not None:
            candidates.append((plausibility(text), enc, text))
            break
    candidates.sort(key=lambda c: c[0], reverse=True)
    if len(candidates) == 1 and candidates[0][0] >= 0.3:
        return _checked(Decoded(candidates[0][2], candidates[0][1], warnings), name)
    if len(candidates) == 2:
        (s1, e1, t1), (s2, e2, _) = candidates
        if s1 - s2 >= 0.15 and s1 >= 0.3:
            return _checked(Decoded(t1, e1, warnings), name)
        # Too close to call from character frequencies alone: let the detector choose.
        guess = _guess_with_detector(data, [e1, e2])
        if guess is not None:
            note = f"编码难以确定（{e1} 或 {e2}），按自动检测结果使用 {guess[1]}，请核对"
            return _checked(Decoded(guess[0], guess[1], [*warnings, note]), name)
        if s1 >= 0.3:
            return _checked(Decoded(t1, e1, warnings), name)

    guess = _guess_with_detector(data)
    if guess is not None and plausibility(guess[0]) >= 0.3:
        note = f"编码由自动检测确定为 {guess[1]}，请核对"
        return _checked(Decoded(guess[0], guess[1], [*warnings, note]), name)
    lenient = _lenient(data)
    if lenient is not None:
        return _checked(Decoded(lenient.text, lenient.encoding, [*warnings, *lenient.warnings]), name)
    raise DecodeError(
        f"无法识别文件“{name}”的文字编码（已尝试 UTF-8、GB18030/GBK、Big5 及自动检测），"
        "内容可能已损坏或不是文本。请用记事本等工具另存为 UTF-8 编码后再导入。"
    )


def _checked(decoded: Decoded, name: str) -> Decoded:
    if _looks_binary(decoded.text):
        raise DecodeError(f"文件“{name}”含有大量控制字符，是二进制数据而不是文本，无法导入。")
    return decoded


def clean_text(text: str, warnings: list[str]) -> str:
    """Line ends to ``\\n``, form feeds to a blank line (a page break), stray controls dropped."""
    text = _NEWLINES_RE.sub("\n", text)
    # A form feed is a page break in OCR/printer exports: the same blank line a PDF page join gets.
    text = text.replace("\f", "\n\n")
    text = text.lstrip("\ufeff")
    text = text.replace("\v", "\n")
    text, dropped = _CONTROL_RE.subn("", text)
    if dropped:
        warnings.append(f"已删除 {dropped} 个不可见控制字符")
    return text


# Markup a page's editor left in text copied from it (美篇, CMS exports): <p class="ql-block"><span …>.
# an element of any name (editors' <p class="ql-block">, spam pages' <legend id=…>, <s>, <dfn>…)
_ANY_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,11}(?:\s[^<>\n]{0,400})?/?>")
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|hr|section|article|h[1-6]|li|ul|ol|table|tr|blockquote)\b[^<>]{0,400}>", re.I
)
_MIN_STRAY_TAGS = 3  # one "<b>" in prose is not markup to strip
# ...but an editor's paragraph or line break, or a styled span, is markup even alone (a page cut short
# after its first <p class="ql-block">, a poem's lines joined by <br>)
_EDITOR_TAG_RE = re.compile(r"<p\s[^<>]{0,400}>|</p>|<br\s*/?>|<span\s+style=[^<>]{0,400}>", re.I)


def strip_stray_markup(text: str, warnings: list[str]) -> str:
    """HTML tags left in a plain-text file removed (block tags become line breaks, entities decoded);
    the words they wrapped stay. Only when the text holds several tags, or an editor's own."""
    tags = len(_ANY_TAG_RE.findall(text))
    if tags < _MIN_STRAY_TAGS and not _EDITOR_TAG_RE.search(text):
        return text
    text = _BLOCK_TAG_RE.sub("\n", text)
    text = _ANY_TAG_RE.sub("", text)
    text = html.unescape(text)
    warnings.append(f"文本中夹有网页标记（{tags} 处），已去除标记、保留文字")
    return text


_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_MD_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?", re.M)
_MD_RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$", re.M)
# A whole line in bold (``**第一章 总则**``); ``**`` inside a line is left alone: in these texts it
# is far more often a masked name (张**) than emphasis.
_MD_BOLD_LINE_RE = re.compile(r"^ {0,3}(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1[ \t]*$", re.M)


def markdown_to_text(text: str) -> str:
    """Markdown's block markup removed (headings, quotes, rules, whole-line bold), lines kept.

    List markers stay: ``ingest.normalize`` removes bullets from every format alike.
    """
    text = _MD_RULE_RE.sub("", text)
    text = _MD_HEADING_RE.sub(r"\1", text)
    text = _MD_QUOTE_RE.sub("", text)
    return _MD_BOLD_LINE_RE.sub(r"\2", text)


def read_text(name: str, data: bytes, sha256: str, fmt: str = "txt") -> RawText:
    decoded = decode_bytes(data, name=name)
    warnings = list(decoded.warnings)
    text = clean_text(decoded.text, warnings)
    if fmt == "md":
        text = markdown_to_text(text)
    text = strip_stray_markup(text, warnings)
    return RawText(
        source=name,
        sha256=sha256,
        text=text,
        format=fmt,
        encoding=decoded.encoding,
        warnings=warnings,
        meta={"line_breaks": "layout"},
    )
