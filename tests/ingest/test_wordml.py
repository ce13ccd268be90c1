"""WordprocessingML names: the tags the docx reader walks are the ones Word (python-docx) writes."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ingest.readers.wordml import _MC, _NS, _q


def document_xml() -> etree._Element:
    import docx

    document = docx.Document()
    document.add_paragraph("一、总体要求")
    document.add_table(rows=1, cols=2)
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def test_qualified_tags_match_a_saved_document() -> None:
    root = document_xml()
    assert root.tag == _q("document")
    body = root.find("w:body", _NS)
    assert body is not None and body.tag == _q("body")
    assert [child.tag for child in body][:2] == [_q("p"), _q("tbl")]
    assert body.findtext("w:p/w:r/w:t", namespaces=_NS) == "一、总体要求"


def test_the_word_namespace_is_python_docx_s() -> None:
    from docx.oxml.ns import nsmap

    assert _NS["w"] == nsmap["w"]
    assert _NS["mc"] == _MC == "http://schemas.openxmlformats.org/markup-compatibility/2006"
