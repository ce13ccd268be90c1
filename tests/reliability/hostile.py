"""Generators of hostile and broken uploads. Everything is built in memory by the tests; nothing is stored.

Each `Case` has a file name (as a client would send it), a byte factory (called lazily, so a
big case costs nothing until it runs) and what is acceptable: ``"error"`` (an IngestError with a
Chinese message), ``"ok"`` (a sane document) or ``"either"``. Sizes are bounded so the whole set
runs in seconds: the oversized cases use a small ``max_bytes`` instead of megabytes of data.

Loaded by file path or as ``tests.reliability.hostile`` / ``hostile`` (conftest puts the folder
on sys.path).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

SEED = 20240521
# A small limit for the "over the size limit" cases: the real limit (20/50 MB) behaves the same
# and costs far more memory and time.
SMALL_LIMIT = 64 * 1024

POLICY_TEXT = (
    "关于加强离退休干部党支部建设的通知\n\n"
    "各县（市）区委老干部局：\n\n"
    "一、健全组织设置\n"
    "离退休干部党员人数5人以上的，可以单独建立党支部。\n\n"
    "二、落实组织生活\n"
    "各党支部要坚持“三会一课”制度，每月至少开展一次主题党日活动。\n"
)


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # the file name as a client sends it (may be hostile itself)
    make: Callable[[], bytes]
    expect: str = "either"  # "error" | "ok" | "either"
    codes: tuple[str, ...] = ()  # acceptable error codes when it errs (empty: any IngestError code)
    max_bytes: int | None = None  # a per-case limit for read_bytes (None: the default)
    note: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)

    def data(self) -> bytes:
        return self.make()


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------


def random_bytes(n: int, seed: int = SEED) -> bytes:
    return random.Random(seed).randbytes(n)


def _zip(members: dict[str, bytes], level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(paragraphs: list[str], prolog: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def minimal_docx(paragraphs: list[str]) -> bytes:
    """A hand-built .docx (three parts) that python-docx opens."""
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/document.xml": document_xml(paragraphs),
        }
    )


def zip_bomb_docx(expanded: int = 32 * 1024 * 1024) -> bytes:
    """An honest bomb: word/document.xml declares (and is) `expanded` bytes of one repeated byte.

    Compressed with zlib in chunks so building it never holds the expanded data in memory.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"A" * (1024 * 1024)
    crc = 0
    parts = []
    for _ in range(expanded // len(chunk)):
        crc = zlib.crc32(chunk, crc)
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    deflated = b"".join(parts)
    return _raw_zip(
        [
            ("[Content_Types].xml", _CONTENT_TYPES, None),
            ("_rels/.rels", _RELS, None),
            ("word/document.xml", deflated, (crc, expanded)),
        ]
    )


def lying_zip_bomb_docx(actual: int = 16 * 1024 * 1024, declared: int = 2048) -> bytes:
    """A bomb whose headers *under*-declare the member size (2 KB declared, 16 MB inside).

    Defeats a check of the declared sizes alone; it is safe only if the reader never decompresses
    more than the declared size (Python's zipfile stops at it and then fails the CRC).
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = document_xml(["党建"]) + b" " * (1024 * 1024)
    parts = []
    for _ in range(actual // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    deflated = b"".join(parts)
    return _raw_zip(
        [
            ("[Content_Types].xml", _CONTENT_TYPES, None),
            ("_rels/.rels", _RELS, None),
            ("word/document.xml", deflated, (0x12345678, declared)),
        ]
    )


def _raw_zip(members: list[tuple[str, bytes, tuple[int, int] | None]]) -> bytes:
    """A zip written by hand. A member with (crc, size) is stored as given (already deflated);
    one without is deflated here with its real crc and size."""
    out = bytearray()
    central = bytearray()
    for name, payload, pre in members:
        if pre is None:
            crc, size = zlib.crc32(payload), len(payload)
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = comp.compress(payload) + comp.flush()
        else:
            crc, size = pre
        fname = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(payload), size, len(fname), 0
        )
        out += fname + payload
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(payload),
            size,
            len(fname),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += fname
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    return bytes(out)


def billion_laughs_docx() -> bytes:
    """XML entity expansion in word/document.xml (the parser must not resolve entities)."""
    lol = '<!DOCTYPE w:document [<!ENTITY lol "lollollollollollollollollollol">'
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lol += f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">'
    lol += "]>"
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + lol + f'<w:document xmlns:w="{_W_NS}">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>离退休干部党支部建设的通知正文内容</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": xml})


def external_entity_docx() -> bytes:
    """XXE: an external entity pointing at a local file (must never be read into the text)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>离退休干部党支部建设的通知正文内容</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/document.xml": xml})


def docx_many_members(n: int = 12_000) -> bytes:
    members = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS}
    members["word/document.xml"] = document_xml(["党建工作"])
    for i in range(n):
        members[f"word/media/x{i}.bin"] = b""
    return _zip(members, level=1)


_NUMBERED_CONTENT_TYPES = _CONTENT_TYPES.replace(
    b"</Types>",
    b'<Override PartName="/word/numbering.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
)
_DOC_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    b'Target="numbering.xml"/></Relationships>'
)


def numbered_docx(
    start: int | str = 10**10, fmt: str = "upperRoman", paragraphs: int = 40, lvl_text: str = "%1."
) -> bytes:
    """The D1 attack: a list whose numbering starts at 10**10 (upperRoman/upperLetter), so a
    reader that renders labels naively builds millions of characters per paragraph."""
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{_W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{lvl_text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    item = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>'
    body = "".join(item.format(f"离退休干部党支部第{i}项工作要求") for i in range(paragraphs))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()
    return _zip(
        {
            "[Content_Types].xml": _NUMBERED_CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/_rels/document.xml.rels": _DOC_RELS,
            "word/document.xml": document,
            "word/numbering.xml": numbering,
        }
    )


def truncated_docx() -> bytes:
    whole = minimal_docx(["离退休干部党支部建设", "第二段正文内容"])
    return whole[: len(whole) // 2]


def docx_missing_document() -> bytes:
    """A zip named .docx with OOXML parts but no word/document.xml."""
    return _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS, "word/other.xml": b"<x/>"})


def docx_path_traversal_member() -> bytes:
    """Member names with ../ and absolute paths: a reader must never extract them to disk."""
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _RELS,
            "word/document.xml": document_xml(["离退休干部党支部建设的通知", "正文第一段内容较长一些"]),
            "../../../../tmp/policykg-evil.txt": b"pwned",
            "/tmp/policykg-evil-abs.txt": b"pwned",
        }
    )


def _pdf(objs: dict[int, bytes], *, xref: bool = True, root: int = 1, broken_offsets: bool = False) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += f"{num} 0 obj\n".encode() + objs[num] + b"\nendobj\n"
    start = len(out)
    size = max(objs) + 1
    if xref:
        out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
        for num in range(1, size):
            off = offsets.get(num, 0)
            if broken_offsets:
                off = off * 7 + 99991  # points into nowhere
            out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _page(content: bytes) -> dict[int, bytes]:
    return {
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    }


_LATIN = b"BT /F1 12 Tf 72 720 Td (Retired cadres party branch notice, section one.) Tj ET"


def pdf_huge_page_count(declared: int = 10**9) -> bytes:
    """/Count claims a billion pages; the tree holds one."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [3 0 R] /Count {declared} >>".encode(),
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        **_page(_LATIN),
    }
    return _pdf(objs)


def pdf_many_pages(n: int = 2100) -> bytes:
    """Really many (empty-content, shared) pages: more than the reader's page cap."""
    kids = " ".join("3 0 R" for _ in range(n))
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        **_page(_LATIN),
    }
    return _pdf(objs)


def pdf_page_tree_cycle() -> bytes:
    """A /Pages node that lists itself as a kid (infinite recursion for a naive walker)."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        **_page(_LATIN),
    }
    return _pdf(objs)


def pdf_broken_xref() -> bytes:
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        **_page(_LATIN),
    }
    return _pdf(objs, broken_offsets=True)


def pdf_no_xref_truncated() -> bytes:
    whole = pdf_broken_xref()
    return whole[: len(whole) // 2]


def pdf_header_only() -> bytes:
    return b"%PDF-1.7\n%%EOF\n"


def pdf_content_bomb() -> bytes:
    """A content stream that is a small FlateDecode blob expanding to 24 MB of operators."""
    raw = b"0 0 m 1 1 l S\n" * (24 * 1024 * 1024 // 14)
    packed = zlib.compress(raw, 9)
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    }
    return _pdf(objs)


def long_line_cjk() -> bytes:
    # Whole characters only: cut at a multiple of 3 bytes.
    unit = "离退休干部党支部建设工作".encode()
    n = 10 * 1024 * 1024
    return unit * (n // len(unit))


def gbk_declared_utf8_html() -> bytes:
    body = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于加强离退休干部党支部建设的通知</title></head>'
        "<body><h1>关于加强离退休干部党支部建设的通知</h1><p>各县（市）区委老干部局：</p>"
        "<p>离退休干部党员人数5人以上的，可以单独建立党支部。</p>"
        "<p>各党支部要坚持三会一课制度，每月至少开展一次主题党日活动。</p></body></html>"
    )
    return body.encode("gbk")


def gbk_with_utf8_bom_txt() -> bytes:
    """A UTF-8 BOM (the strongest declaration a .txt can carry) over GBK bytes."""
    return b"\xef\xbb\xbf" + POLICY_TEXT.encode("gbk")


def gbk_plain_txt() -> bytes:
    return POLICY_TEXT.encode("gbk")


def nul_in_text() -> bytes:
    return POLICY_TEXT.encode("utf-8").replace("一、".encode(), b"\x00\x00\x00\x00")


def controls_in_text() -> bytes:
    # Many C0 controls (not tab/newline) spread through the text.
    s = POLICY_TEXT
    return "".join(ch + ("\x01\x02\x1b" if i % 3 == 0 else "") for i, ch in enumerate(s)).encode()


def few_controls_in_text() -> bytes:
    return (POLICY_TEXT.replace("通知", "通\x07知") + "\x1b[31m\n").encode()


def bidi_and_zero_width_text() -> bytes:
    return (POLICY_TEXT.replace("党支部", "党\u202e支\u200b部") + "\ufeff\u2066x\u2069\n").encode()


def lone_surrogate_bytes() -> bytes:
    # CESU-style encoded surrogate (invalid UTF-8) in an otherwise UTF-8 text.
    return POLICY_TEXT.encode("utf-8") + b"\xed\xa0\x80" + "结尾".encode()


def utf16_bom_text() -> bytes:
    return POLICY_TEXT.encode("utf-16")


def bom_only() -> bytes:
    return b"\xef\xbb\xbf"


def whitespace_only() -> bytes:
    return b" \t\r\n" * 1000 + "\u3000".encode() * 100


def deep_html(depth: int = 10_000, tag: str = "div", self_closing: bool = False) -> bytes:
    """Elements nested `depth` deep (parser and furniture pass are quadratic in depth without a cap)."""
    opening = f"<{tag}/>" if self_closing else f"<{tag}>"
    return (
        (opening * depth)
        + "<p>离退休干部党支部建设的通知正文内容，各党支部要坚持三会一课制度。</p>"
        + ("" if self_closing else f"</{tag}>" * depth)
    ).encode()


def many_lines(n: int = 50_000) -> bytes:
    return ("一、\n" * n).encode()


def numbering_storm(n: int = 10_000) -> bytes:
    """Tens of thousands of numbered items: the clause splitter's worst case in shape."""
    return "\n".join(f"（{i}）第{i}项规定：离退休干部党员人数{i}人以上的。" for i in range(1, n)).encode()


def html_script_only() -> bytes:
    return b"<html><body><script>alert('x')</script><style>p{}</style></body></html>"


def pe_named_txt() -> bytes:
    return b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode" + random_bytes(2000)


def png_named_pdf() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + random_bytes(4000)


# ---------------------------------------------------------------------------------------------
# Hostile names (the bytes are a plain, valid text; only the name is the attack)
# ---------------------------------------------------------------------------------------------

HOSTILE_NAMES: dict[str, str] = {
    "dotdot": "../../../../etc/policykg-evil.txt",
    "dotdot_backslash": "..\\..\\..\\windows\\policykg-evil.txt",
    "absolute": "/etc/policykg-evil.txt",
    "absolute_windows": "C:\\Windows\\System32\\policykg-evil.txt",
    "unc": "\\\\server\\share\\policykg-evil.txt",
    "rtl_override": "通知\u202etxt.exe",  # displays as 通知exe.txt
    "rtl_override_ext": "evil\u202egpj.txt",
    "fullwidth_solidus": "..\uff0f..\uff0fetc\uff0fpolicykg-evil.txt",
    "fullwidth_backslash": "..\uff3c..\uff3cpolicykg-evil.txt",
    "nul_in_name": "evil\x00.txt",
    "nul_then_ext": "evil.txt\x00.exe",
    "only_dots": "..",
    "dot": ".",
    "empty": "",
    "dotfile_ext_only": "../.txt",
    "newline_in_name": "evil\r\nX-Injected: 1.txt",
    "very_long": "长" * 5000 + ".txt",
    "zero_width": "\u200b\u200c\u200d\ufeff.txt",
    "windows_reserved": "CON.txt",
    "trailing_dots": "通知.txt. . .",
    "percent_encoded": "..%2F..%2Fetc%2Fpolicykg-evil.txt",
    "html_in_name": "<script>alert(1)</script>.txt",
    "division_slash": "..\u2215..\u2215policykg-evil.txt",
}


def name_cases() -> list[Case]:
    out = []
    for key, name in HOSTILE_NAMES.items():
        # With the trailing ".exe" (NUL cut) or no extension left, a refusal is right; otherwise
        # the text itself is fine and the document must come through with a cleaned name.
        out.append(
            Case(
                id=f"name_{key}",
                name=name,
                make=lambda: POLICY_TEXT.encode("utf-8"),
                expect="either",
                codes=("unsupported_format",),
                tags=frozenset({"name"}),
            )
        )
    return out


def content_cases() -> list[Case]:
    big = SMALL_LIMIT
    return [
        Case("empty", "empty.txt", lambda: b"", "error", ("empty_document",)),
        Case("empty_docx", "empty.docx", lambda: b"", "error", ("empty_document",)),
        Case("empty_pdf", "empty.pdf", lambda: b"", "error", ("empty_document",)),
        Case("bom_only", "bom.txt", bom_only, "error", ("empty_document",)),
        Case("whitespace_only", "blank.txt", whitespace_only, "error", ("empty_document",)),
        Case("binary_txt", "random.txt", lambda: random_bytes(64 * 1024), "error"),
        Case("binary_docx", "random.docx", lambda: random_bytes(64 * 1024), "error"),
        Case("binary_pdf", "random.pdf", lambda: random_bytes(64 * 1024), "error"),
        Case("binary_html", "random.html", lambda: random_bytes(64 * 1024), "error"),
        Case("binary_md", "random.md", lambda: random_bytes(64 * 1024), "error"),
        Case("binary_noext", "random", lambda: random_bytes(4096), "error", ("unsupported_format",)),
        Case("exe_as_txt", "setup.txt", pe_named_txt, "error"),
        Case("png_as_pdf", "scan.pdf", png_named_pdf, "error"),
        Case("exe_ext", "setup.exe", pe_named_txt, "error", ("unsupported_format",)),
        Case("zip_bomb_docx", "通知.docx", zip_bomb_docx, "error", ("zip_bomb",), tags=frozenset({"bomb"})),
        Case(
            "lying_zip_bomb_docx",
            "通知2.docx",
            lying_zip_bomb_docx,
            "error",
            tags=frozenset({"bomb"}),
            note="declared 2 KB, 16 MB inside",
        ),
        Case("billion_laughs_docx", "laughs.docx", billion_laughs_docx, "either", tags=frozenset({"bomb"})),
        Case("xxe_docx", "xxe.docx", external_entity_docx, "either"),
        Case("docx_many_members", "many.docx", docx_many_members, "error", ("zip_bomb",)),
        Case("truncated_docx", "cut.docx", truncated_docx, "error"),
        Case("docx_missing_document", "nodoc.docx", docx_missing_document, "error"),
        Case("docx_traversal_members", "members.docx", docx_path_traversal_member, "either"),
        Case("pdf_huge_page_count", "huge.pdf", pdf_huge_page_count, "either"),
        Case("pdf_many_pages", "many.pdf", pdf_many_pages, "either"),
        Case("pdf_page_tree_cycle", "cycle.pdf", pdf_page_tree_cycle, "either"),
        Case("pdf_broken_xref", "xref.pdf", pdf_broken_xref, "either"),
        Case("pdf_truncated", "cut.pdf", pdf_no_xref_truncated, "either"),
        Case("pdf_header_only", "head.pdf", pdf_header_only, "error"),
        Case("pdf_content_bomb", "bomb.pdf", pdf_content_bomb, "either", tags=frozenset({"bomb"})),
        Case(
            "long_line_ascii", "line.txt", lambda: b"a" * (2 * 1024 * 1024), "either", tags=frozenset({"big"})
        ),
        Case("long_line_cjk", "line-cjk.txt", long_line_cjk, "either", tags=frozenset({"big"})),
        Case("many_lines", "lines.txt", many_lines, "either", tags=frozenset({"big"})),
        Case("numbering_storm", "items.txt", numbering_storm, "either", tags=frozenset({"big"})),
        Case("deep_html", "deep.html", deep_html, "error", ("html_too_deep",)),
        Case(
            "deep_html_span", "deep-span.html", lambda: deep_html(40_000, "span"), "error", ("html_too_deep",)
        ),
        Case(
            "deep_html_self_closing",
            "deep-sc.html",
            lambda: deep_html(20_000, "div", self_closing=True),
            "error",
            ("html_too_deep",),
        ),
        Case("deep_html_as_txt", "deep.txt", lambda: b"<!DOCTYPE html><html><body>" + deep_html(), "error"),
        Case("nested_html_ok", "nested.html", lambda: deep_html(300), "ok"),
        Case("html_script_only", "script.html", html_script_only, "error", ("empty_document",)),
        Case("gbk_declared_utf8_html", "gbk.html", gbk_declared_utf8_html, "ok"),
        Case("gbk_with_utf8_bom_txt", "gbk-bom.txt", gbk_with_utf8_bom_txt, "error", ("decode_failed",)),
        Case("gbk_plain_txt", "gbk.txt", gbk_plain_txt, "ok"),
        Case("utf16_bom_txt", "utf16.txt", utf16_bom_text, "ok"),
        Case("nul_in_text", "nul.txt", nul_in_text, "error", ("decode_failed",)),
        Case("controls_in_text", "ctl.txt", controls_in_text, "error", ("decode_failed",)),
        Case("few_controls_in_text", "ctl-few.txt", few_controls_in_text, "ok"),
        Case("bidi_zero_width_text", "bidi.txt", bidi_and_zero_width_text, "ok"),
        Case("invalid_utf8_surrogate", "sur.txt", lone_surrogate_bytes, "either"),
        Case(
            "over_limit",
            "big.txt",
            lambda: POLICY_TEXT.encode() * (big // len(POLICY_TEXT.encode()) + 2),
            "error",
            ("file_too_large",),
            max_bytes=big,
        ),
        Case(
            "at_limit",
            "exact.txt",
            lambda: (POLICY_TEXT.encode() * (big // len(POLICY_TEXT.encode()) + 2))[:big].rsplit(b"\n", 1)[0],
            "ok",
            max_bytes=big,
        ),
        Case(
            "over_limit_docx",
            "big.docx",
            lambda: minimal_docx(["党建工作"]) + random_bytes(big),
            "error",
            ("file_too_large",),
            max_bytes=big,
        ),
    ]


def all_cases() -> list[Case]:
    return [*content_cases(), *name_cases()]


def case_by_id(case_id: str) -> Case:
    for c in all_cases():
        if c.id == case_id:
            return c
    raise KeyError(case_id)
