"""Mutated reader inputs (issue 17, part 2): seeds of each reader (docx, pdf, html) and byte- and
structure-level mutations, as hypothesis strategies. Shared by the bounded test
(test_reliability_fuzz_readers.py) and the long form (`python -m bench.hostile`).

Every input must end in documents or an IngestError with a Chinese message, with the text held
to the reader's expansion budget; the long form also checks a time and memory budget per input.
"""

from __future__ import annotations

import io
import re
import zipfile

import hostile
from hypothesis import strategies as st

PARAGRAPHS = [
    "关于加强离退休干部党支部建设的通知",
    "一、健全组织设置。离退休干部党员人数5人以上的，可以单独建立党支部。",
    "二、落实组织生活。各党支部要坚持“三会一课”制度，每月至少开展一次主题党日活动。",
]


def seed_docx() -> bytes:
    return hostile.numbered_docx(start=1, fmt="chineseCounting", paragraphs=6, lvl_text="%1、")


def seed_plain_docx() -> bytes:
    return hostile.minimal_docx(PARAGRAPHS)


def seed_pdf() -> bytes:
    return hostile.pdf_huge_page_count(1)


def seed_html() -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title></head>'
        f"<body><div class='article'><h1>{PARAGRAPHS[0]}</h1>{body}<table><tr><td colspan='9999'>表</td>"
        "</tr></table></div></body></html>"
    ).encode()


SEEDS = {
    "numbered.docx": seed_docx,
    "plain.docx": seed_plain_docx,
    "page.pdf": seed_pdf,
    "page.html": seed_html,
}


@st.composite
def byte_mutation(draw, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Truncate, flip, insert or duplicate bytes (1–4 edits)."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        op = draw(st.sampled_from(["truncate", "flip", "insert", "duplicate"]))
        pos = draw(st.integers(0, len(out) - 1))
        if op == "truncate":
            del out[pos:]
        elif op == "flip":
            out[pos] ^= draw(st.integers(1, 255))
        elif op == "insert":
            out[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        else:
            end = min(len(out), pos + draw(st.integers(1, 512)))
            out[pos:pos] = out[pos:end] * draw(st.integers(1, 8))
    return bytes(out)


_NUMBER = re.compile(rb'w:val="(\d+)"')
BIG = [b"0", b"-1", b"32768", b"10000000000", b"9" * 40, b"x", b"%1%1%1%1%1%1%1%1"]
FORMATS = [
    b"upperRoman",
    b"upperLetter",
    b"lowerLetter",
    b"decimalEnclosedCircle",
    b"ideographZodiac",
    b"bullet",
]


@st.composite
def docx_structure_mutation(draw, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
    """Rewrite the XML inside the package: numbers, formats and level texts of the numbering,
    nesting of the body; then re-zip (what an attacker crafting a .docx does)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    for name in list(members):
        if not name.endswith(".xml"):
            continue
        xml = members[name]
        if b"w:numbering" in xml or b"w:document" in xml:
            values = _NUMBER.findall(xml)
            for _ in range(draw(st.integers(0, 3))):
                if values:
                    old = draw(st.sampled_from(values))
                    xml = xml.replace(
                        b'w:val="' + old + b'"', b'w:val="' + draw(st.sampled_from(BIG)) + b'"', 1
                    )
            if draw(st.booleans()):
                xml = re.sub(
                    rb'w:numFmt w:val="[^"]*"',
                    b'w:numFmt w:val="' + draw(st.sampled_from(FORMATS)) + b'"',
                    xml,
                )
            if draw(st.booleans()) and b"<w:body>" in xml:
                depth = draw(st.integers(1, 300))
                xml = xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth, 1).replace(
                    b"</w:body>", b"</w:sdtContent></w:sdt>" * depth + b"</w:body>", 1
                )
        members[name] = xml
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return buf.getvalue()


@st.composite
def mutated_file(draw) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = SEEDS[name]()
    if name.endswith(".docx") and draw(st.booleans()):
        data = draw(docx_structure_mutation(data))
    if draw(st.booleans()):
        data = draw(byte_mutation(data))
    return name, data
