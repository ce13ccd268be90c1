"""Readers: bytes of one file → RawText, for every supported format and every kind of bad input.

Fixtures are generated here: text in several encodings, html pages, docx with python-docx, PDFs
with fpdf2 (ASCII; the machine may have no CJK font) and a hand-written PDF whose CJK text layer
needs no font at all (a ToUnicode CMap is all a text extractor reads).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from ingest.raw import RawText
from ingest.readers import SUPPORTED_EXTENSIONS, read_raw
from ingest.readers import docx as docx_reader
from ingest.readers import html as html_reader
from ingest.readers.sniff import sniff, zip_kind
from ingest.readers.text import decode_bytes, plausibility
from policykg.errors import DecodeError, IngestError, NeedsOCR, UnsupportedFormat
from policykg.text import detect_script

SIMPLIFIED = "为深入贯彻党的十九大精神，切实加强离退休干部党组织建设，现就有关事项通知如下。"
TRADITIONAL = "深入貫徹習近平新時代中國特色社會主義思想，全面提升全市離退休幹部黨建工作水平。"


def load_builders() -> ModuleType:
    """tests/fixtures/ingest/builders.py, loaded by path (independent of pytest's import mode)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "builders.py"
    spec = importlib.util.spec_from_file_location("_policykg_ingest_builders", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_builders = load_builders()
PAGE = _builders.PAGE
docx_bytes = _builders.docx_bytes
cjk_pdf = _builders.cjk_pdf


def read(name: str, data: bytes) -> RawText:
    return read_raw(name, data, sha256=hashlib.sha256(data).hexdigest())


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),  # read with its superset
        ("gb2312", "gb18030"),
        ("utf-16", "utf-16-le"),  # Python writes a BOM, little-endian here
        ("utf-16-be", None),  # no BOM: found by the parity of zero bytes
        ("utf-16-le", None),
    ],
)
def test_simplified_text_in_each_encoding(encoding: str, expected: str | None) -> None:
    text = "关于推进离退休干部党建工作的通知\n\n" + SIMPLIFIED + "\n"
    raw = read("notice.txt", text.encode(encoding))
    assert raw.text == text
    assert raw.format == "txt"
    assert raw.meta["line_breaks"] == "layout"
    if expected:
        assert raw.encoding == expected
    else:
        assert raw.encoding == encoding
        assert raw.warnings  # a BOM-less UTF-16 file is worth a note


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_traditional_text_in_big5(encoding: str) -> None:
    text = "三年三大主題,棗莊市離退休幹部黨建工作\n\n" + TRADITIONAL
    data = text.encode(encoding)
    # The trap: GB18030 decodes these bytes too, into nonsense.
    assert data.decode("gb18030") != text
    raw = read("zaozhuang.txt", data)
    assert raw.text == text
    assert raw.encoding in ("big5", "cp950", "big5hkscs")
    assert detect_script(raw.text) == "traditional"


def test_gbk_bytes_named_txt_without_declaration() -> None:
    data = ("中共福州市委离退休干部工作委员会文件\n榕离退工委〔2018〕4号\n" + SIMPLIFIED).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    raw = read("榕离退工委.txt", data)
    assert raw.encoding == "gb18030"
    assert "榕离退工委〔2018〕4号" in raw.text
    assert detect_script(raw.text) == "simplified"


def test_short_gbk_and_big5_strings_are_told_apart() -> None:
    assert decode_bytes("离退休".encode("gbk")).text == "离退休"
    assert decode_bytes("離退休".encode("big5")).text == "離退休"
    assert decode_bytes("棗莊市".encode("big5")).text == "棗莊市"


def test_bytes_both_codecs_read_as_common_hanzi_go_to_the_detector_with_a_warning() -> None:
    # Lead 0xB0–0xC5 with trail 0xA1–0xFE: common hanzi in GB2312 *and* in Big5.
    decoded = decode_bytes(b"\xb0\xa1\xb0\xa2\xb1\xa1")
    assert decoded.encoding in ("gb18030", "big5")
    assert any("编码难以确定" in w for w in decoded.warnings)


def test_plausibility_prefers_real_chinese() -> None:
    assert plausibility(SIMPLIFIED) > 0.9
    assert plausibility(TRADITIONAL) > 0.9
    assert plausibility(TRADITIONAL.encode("big5").decode("gb18030")) < 0.3


def test_line_endings_and_page_breaks_are_normalised() -> None:
    raw = read("a.txt", "第一行\r\n第二行\r第三行\f第四页".encode())
    assert raw.text == "第一行\n第二行\n第三行\n\n第四页"


def test_blank_lines_are_kept() -> None:
    text = "要坚\n\n持组织推动\n\n\n二、主要内容\n"
    assert read("a.md", text.encode()).text == text
    assert read("a.md", text.encode()).format == "md"


def test_a_few_damaged_bytes_are_replaced_with_a_warning() -> None:
    good = (SIMPLIFIED * 40).encode("gbk")
    damaged = good[:600] + b"\xff" + good[600:]
    raw = read("ocr.txt", damaged)
    assert "\ufffd" in raw.text
    assert raw.text.count("\ufffd") <= 2
    assert any("无法" in w for w in raw.warnings)


def test_undecodable_bytes_are_refused() -> None:
    data = bytes([0x80, 0xFF, 0x41, 0xFE, 0x81, 0x20]) * 200
    with pytest.raises(DecodeError) as err:
        read("garbled.txt", data)
    assert err.value.code == "decode_failed"
    assert "编码" in err.value.message and "garbled.txt" in err.value.message


def test_binary_with_nul_bytes_named_txt_is_refused() -> None:
    data = bytes(range(256)) * 20
    with pytest.raises(DecodeError) as err:
        read("data.txt", data)
    assert "二进制" in err.value.message


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Office"),
        (b"\x1f\x8b\x08\x00" + bytes(64), "GZIP"),
    ],
)
def test_known_binary_formats_named_txt_are_refused_by_name(data: bytes, word: str) -> None:
    with pytest.raises(DecodeError) as err:
        read("notice.txt", data)
    assert word in err.value.message
    assert "notice.txt" in err.value.message


def test_docx_named_txt_is_refused_as_word_document() -> None:
    with pytest.raises(DecodeError) as err:
        read("notice.txt", docx_bytes(["正文"]))
    assert "Word" in err.value.message


def test_control_character_soup_is_refused() -> None:
    data = ("正文" + "\x01\x02\x03\x04\x05" * 50).encode()
    with pytest.raises(DecodeError):
        read("a.txt", data)


def test_a_stray_control_character_is_dropped_with_a_warning() -> None:
    raw = read("a.txt", ("正文" * 100 + "\x07" + "结尾").encode())
    assert "\x07" not in raw.text
    assert raw.warnings


def test_txt_that_is_a_saved_web_page_is_read_as_html() -> None:
    raw = read("page.txt", PAGE.encode())
    assert raw.format == "html"
    assert "分享到" not in raw.text
    assert any("网页" in w for w in raw.warnings)


# --------------------------------------------------------------------------- html


def test_html_main_text_without_page_furniture() -> None:
    raw = read("notice.html", PAGE.encode("utf-8"))
    text = raw.text
    assert raw.format == "html"
    assert raw.meta["line_breaks"] == "paragraph"
    # The article, in order, paragraphs separated by blank lines.
    assert text.startswith("关于推进离退休干部党建工作的通知\n\n")
    order = [
        "各县（市）区老干部局：",
        "一、提高政治站位",
        "建强离退休干部党支部",
        "二、加强组织领导",
        "压实责任",
    ]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert "\n\n一、提高政治站位\n\n" in text
    # A source line break between two hanzi is formatting, not a space.
    assert "离退休干部党组织建设，现就有关事项通知如下。" in text
    assert "序号\t任务" in text
    # No navigation, share buttons, related lists, footer, scripts or styles.
    for junk in (
        "政务公开",
        "当前位置",
        "分享到",
        "微博",
        "相关文章",
        "某县召开",
        "版权所有",
        "脚本内容",
        "color",
    ):
        assert junk not in text, junk
    # The removed furniture is kept as metadata.
    residue = raw.meta["residue"]
    assert any("某县召开老干部座谈会" in item for item in residue["related"])
    assert any("分享到" in item for item in residue["share"])
    assert any("政务公开" in item for item in residue["navigation"])
    assert raw.meta["title"].startswith("关于推进离退休干部党建工作的通知")
    assert raw.meta["h1"] == "关于推进离退休干部党建工作的通知"
    assert raw.meta["html_meta"]["PubDate"].startswith("2018-02-26")


def test_html_honours_declared_charset() -> None:
    data = PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gbk")
    raw = read("notice.htm", data)
    assert raw.encoding == "gb18030"
    assert raw.meta["declared_charset"] == "gb2312"
    assert "提高政治站位" in raw.text


def test_html_with_a_wrong_charset_declaration_is_still_decoded() -> None:
    data = PAGE.replace('charset="utf-8"', 'charset="big5"').encode("utf-8")
    raw = read("notice.html", data)
    assert "提高政治站位" in raw.text
    assert any("声明的编码" in w for w in raw.warnings)


def test_html_declared_gb2312_but_saved_as_big5_is_decoded_as_big5() -> None:
    page = '<html><head><meta charset="gb2312"></head><body>'
    page += "".join(f"<p>{TRADITIONAL}{i}</p>" for i in range(3)) + "</body></html>"
    raw = read("zz.html", page.encode("big5"))
    assert TRADITIONAL in raw.text
    assert raw.encoding in ("big5", "cp950", "big5hkscs")
    assert any("声明的编码" in w for w in raw.warnings)


def test_html_declared_utf16_without_bom_is_read_as_utf8() -> None:
    raw = read("a.html", PAGE.replace('charset="utf-8"', 'charset="utf-16"').encode("utf-8"))
    assert raw.encoding == "utf-8"
    assert "提高政治站位" in raw.text


def test_html_big5_page() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>'
    page += "<h1>棗莊市離退休幹部黨建工作</h1>" + "".join(f"<p>{TRADITIONAL}{i}</p>" for i in range(5))
    raw = read("zz.html", page.encode("big5") + b"</body></html>")
    assert raw.text.startswith("棗莊市離退休幹部黨建工作")
    assert detect_script(raw.text) == "traditional"


def test_html_fallback_extraction_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_trafilatura_blocks", lambda html: [])
    raw = read("notice.html", PAGE.encode())
    assert raw.meta["extractor"] == "selectolax"
    assert "一、提高政治站位" in raw.text
    assert "定期研究部署。\n要落实“三会一课”制度。" in raw.text  # <br> is a line break
    assert "1\t建强离退休干部党支部" in raw.text
    for junk in ("政务公开", "分享到", "某县召开", "版权所有", "脚本内容"):
        assert junk not in raw.text, junk


def test_html_table_layout_page() -> None:
    raw = read("notice.html", _builders.LAYOUT_PAGE.encode())
    assert raw.text.startswith("关于加强离退休干部党建工作的通知\n\n为深入贯彻党的十九大精神")
    # Paragraphs of the article cell stay paragraphs.
    assert "\n\n一、提高政治站位\n\n" in raw.text
    assert raw.text.endswith("中共某某市委老干部局\n\n2021年3月5日")
    for junk in ("网站首页", "通知公告", "发布时间", "浏览次数", "备案号"):
        assert junk not in raw.text, junk
    residue = raw.meta["residue"]
    assert residue["info"] == ["发布时间：2021-03-05 来源：市委老干部局 浏览次数：123"]
    assert any("备案号" in item for item in residue["footer"])


def test_html_table_layout_page_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader, "_trafilatura_blocks", lambda html: [])
    raw = read("notice.html", _builders.LAYOUT_PAGE.encode())
    assert "关于加强离退休干部党建工作的通知\n\n为深入贯彻党的十九大精神" in raw.text
    assert "\n\n一、提高政治站位\n\n" in raw.text
    assert "发布时间" not in raw.text and "备案号" not in raw.text


def test_html_nav_class_on_the_article_container_does_not_lose_the_article() -> None:
    body = "".join(f"<p>{SIMPLIFIED}第{i}段。</p>" for i in range(10))
    page = f'<html><body><div class="nav-content">{body}</div><div class="share">分享到</div></body></html>'
    raw = read("a.html", page.encode())
    assert raw.text.count("第") >= 10
    assert "分享到" not in raw.text


def test_empty_html_gives_empty_text() -> None:
    raw = read("a.html", "<html><body><nav>首页</nav></body></html>".encode())
    assert raw.text.strip() == ""


# --------------------------------------------------------------------------- docx


def test_docx_paragraphs_and_tables_in_body_order() -> None:
    data = docx_bytes(
        ["关于开展党建品牌创建活动的实施意见", "一、总体要求", ""],
        [["序号", "任务", "责任单位"], ["1", "建强支部", "市委老干部局"]],
        ["二、主要内容", "（一）创建“枫叶驿站”。以社区为单位。"],
    )
    raw = read("意见.docx", data)
    assert raw.format == "docx"
    assert raw.encoding is None
    assert raw.meta["line_breaks"] == "paragraph"
    assert raw.meta["tables"] == 1
    assert raw.meta["core_properties"]["title"] == "测试文档"
    assert raw.text == (
        "关于开展党建品牌创建活动的实施意见\n\n一、总体要求\n\n"
        "序号\t任务\t责任单位\n1\t建强支部\t市委老干部局\n\n"
        "二、主要内容\n\n（一）创建“枫叶驿站”。以社区为单位。"
    )


def test_docx_automatic_numbering_is_rendered() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("工作要点")
    document.add_paragraph("坚持理论武装", style="List Number")
    document.add_paragraph("加强组织建设", style="List Number")
    buf = io.BytesIO()
    document.save(buf)
    raw = read("a.docx", buf.getvalue())
    assert "1.坚持理论武装" in raw.text
    assert "2.加强组织建设" in raw.text


def test_chinese_counting_numbers() -> None:
    assert [docx_reader.chinese_number(n) for n in (1, 10, 11, 20, 21, 100, 105)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百",
        "一百零五",
    ]
    assert docx_reader.format_number(3, "decimalEnclosedCircle") == "③"
    assert docx_reader.format_number(2, "chineseCounting") == "二"
    assert docx_reader.format_number(1, "bullet") is None


def test_truncated_docx_is_a_clear_error() -> None:
    data = docx_bytes(["正文" * 200])
    with pytest.raises(IngestError) as err:
        read("draft.docx", data[: len(data) // 2])
    assert err.value.code == "corrupt_file"
    assert "draft.docx" in err.value.message and "损坏" in err.value.message


def test_docx_missing_its_document_part_is_a_clear_error() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<not-closed")
    with pytest.raises(IngestError) as err:
        read("broken.docx", buf.getvalue())
    assert err.value.code == "corrupt_file"


def test_not_a_zip_named_docx() -> None:
    with pytest.raises(IngestError) as err:
        read("a.docx", "这不是 Word 文档".encode())
    assert err.value.code == "corrupt_file"


def test_xlsx_named_docx_is_a_mismatch() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(IngestError) as err:
        read("a.docx", buf.getvalue())
    assert err.value.code == "format_mismatch"
    assert "Excel" in err.value.message


def test_zip_bomb_docx_is_refused_before_decompression() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (12 * 1024 * 1024))  # ~12 KB compressed
    data = buf.getvalue()
    assert len(data) < 100_000
    with pytest.raises(IngestError) as err:
        read("bomb.docx", data)
    assert err.value.code == "zip_bomb"
    assert "压缩" in err.value.message


def test_zip_bomb_total_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1000)
    with pytest.raises(IngestError) as err:
        read("big.docx", docx_bytes(["正文"]))
    assert err.value.code == "zip_bomb"


# --------------------------------------------------------------------------- pdf


def test_pdf_cjk_text_layer_page_by_page() -> None:
    data = cjk_pdf(
        [
            ["关于推进离退休干部党建工作的通知", "各县（市）区老干部局：", "为深入贯彻党的十九大精神，要坚"],
            ["持组织推动。", "中共福州市委老干部局"],
        ]
    )
    raw = read("通知.pdf", data)
    assert raw.format == "pdf"
    assert raw.meta["pages"] == 2
    assert raw.meta["line_breaks"] == "layout"
    # Pages are joined by a blank line, like the page joins of OCR exports.
    assert raw.text == (
        "关于推进离退休干部党建工作的通知\n各县（市）区老干部局：\n为深入贯彻党的十九大精神，要坚\n\n"
        "持组织推动。\n中共福州市委老干部局"
    )


def _fpdf() -> object:
    fpdf = pytest.importorskip("fpdf")
    return fpdf.FPDF()


def test_pdf_generated_with_fpdf2_ascii() -> None:
    # No CJK font on this machine (fc-list :lang=zh is empty), so fpdf2 writes ASCII text; the
    # CJK text layer is covered by test_pdf_cjk_text_layer_page_by_page without any font.
    pdf = _fpdf()
    for page in ("Notice on Party building work, page one.", "Second page: implementation."):
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, page)
    raw = read("notice.pdf", bytes(pdf.output()))
    assert raw.text == "Notice on Party building work, page one.\n\nSecond page: implementation."
    assert raw.meta["pages"] == 2


def test_pdf_without_text_layer_needs_ocr() -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(image, format="PNG")
    pdf = _fpdf()
    pdf.add_page()
    pdf.image(io.BytesIO(image.getvalue()), x=10, y=10, w=180)
    with pytest.raises(NeedsOCR) as err:
        read("scan.pdf", bytes(pdf.output()))
    assert err.value.code == "needs_ocr"
    assert "该 PDF 没有文字层，需要先进行 OCR 识别" in err.value.message


def test_pdf_with_empty_pages_needs_ocr() -> None:
    pdf = _fpdf()
    pdf.add_page()
    pdf.add_page()
    with pytest.raises(NeedsOCR):
        read("blank.pdf", bytes(pdf.output()))


def test_pdf_with_only_page_numbers_needs_ocr() -> None:
    with pytest.raises(NeedsOCR):
        read("scan.pdf", cjk_pdf([["- 1 -"], ["- 2 -"]]))


def test_pdf_page_cap_is_reported() -> None:
    from ingest.readers.pdf import read_pdf

    data = cjk_pdf([[f"第{n}页离退休干部党建工作"] for n in range(1, 4)])
    raw = read_pdf("long.pdf", data, "0" * 64, max_pages=2)
    assert "第3页" not in raw.text and "第2页" in raw.text
    assert raw.meta["pages"] == 3 and raw.meta["pages_read"] == 2
    assert any("只处理了前 2 页" in w for w in raw.warnings)


def test_pdf_a_page_without_text_is_a_warning() -> None:
    raw = read(
        "mixed.pdf", cjk_pdf([["离退休干部党建工作要点第一页"], ["- 2 -"], ["第三页继续推进党建工作"]])
    )
    assert raw.meta["pages_without_text"] == [2]
    assert raw.text == "离退休干部党建工作要点第一页\n\n第三页继续推进党建工作"
    assert any("第 2 页没有文字层" in w for w in raw.warnings)


@pytest.mark.parametrize("data", [b"%PDF-1.4 garbage", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF"])
def test_broken_pdf_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(IngestError) as err:
        read("broken.pdf", data)
    assert err.value.code == "corrupt_file"
    assert "broken.pdf" in err.value.message


def test_not_a_pdf_named_pdf() -> None:
    with pytest.raises(IngestError) as err:
        read("a.pdf", "纯文本".encode())
    assert err.value.code == "corrupt_file"
    assert "%PDF" in err.value.message


# --------------------------------------------------------------------------- doc / wps / other


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYKG_SOFFICE", "/nonexistent/soffice")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    for name in ("旧文件.doc", "旧文件.wps"):
        with pytest.raises(UnsupportedFormat) as err:
            read(name, ole)
        assert "LibreOffice" in err.value.message
        assert "另存为 .docx" in err.value.message


def test_doc_that_is_really_a_docx_is_read_directly() -> None:
    raw = read("misnamed.doc", docx_bytes(["离退休干部党建工作"]))
    assert raw.format == "docx"
    assert raw.text == "离退休干部党建工作"
    assert any(".docx" in w for w in raw.warnings)


def test_doc_conversion_with_libreoffice_when_installed() -> None:
    from ingest.readers.office import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed on this machine")
    # A docx renamed .doc would be read directly; an RTF goes through the converter.
    rtf = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} \f0 Party building notice\par}"
    raw = read("legacy.doc", rtf)
    assert "Party building notice" in raw.text
    assert raw.meta["converted_from"] == ".doc"


@pytest.mark.parametrize("name", ["表格.xlsx", "图片.png", "README", "archive.zip", "a.exe"])
def test_unsupported_extension_lists_the_supported_ones(name: str) -> None:
    with pytest.raises(UnsupportedFormat) as err:
        read(name, b"anything")
    assert err.value.code == "unsupported_format"
    for ext in (".txt", ".md", ".html", ".docx", ".pdf"):
        assert ext in err.value.message
    assert ".txt" in SUPPORTED_EXTENSIONS


def test_extension_is_case_insensitive() -> None:
    assert read("NOTICE.TXT", SIMPLIFIED.encode()).text == SIMPLIFIED


def test_sniff() -> None:
    assert sniff(b"%PDF-1.4") == "pdf"
    assert sniff(b"junk" * 10 + b"%PDF-1.4") == "pdf"
    assert sniff(SIMPLIFIED.encode()) is None
    assert sniff(b"BM is also how a text can start") is None
    assert sniff(b"MZ text") is None
    assert zip_kind(docx_bytes(["x"])) == "docx"
