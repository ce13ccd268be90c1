"""What ingest could not find in a document, said in words for the person who uploaded it."""

from __future__ import annotations

from policykg.model import Document

_NO_TITLE_WARNINGS = ("未识别出标题", "正文中未识别出标题，使用文件提供的标题")


def missing_fields(doc: Document) -> list[str]:
    """The metadata a reader would expect and ingest did not find, as short Chinese phrases.

    Empty for a document where everything was found. A bulletin's articles inherit their
    bulletin's date and region, so those are only missing when neither has them.
    """
    out: list[str] = []
    if any(w in doc.warnings for w in _NO_TITLE_WARNINGS):
        out.append("未找到标题（显示的是文件名或网页标题）")
    if not doc.date:
        out.append("未找到日期")
    if doc.region is None:
        out.append("未找到适用地区（按地区筛选和对比时不会出现）")
    if not (doc.issuers or doc.source_unit or doc.author_unit or doc.authors):
        out.append("未找到发文机关、来源或作者单位")
    if not doc.doc_type:
        out.append("未识别出文种")
    return out


def publisher(doc: Document) -> str | None:
    """Who a citation names as the document's source: its issuers, else the unit that wrote it,
    else the 来源 of the page."""
    if doc.issuers:
        return "、".join(doc.issuers)
    return doc.author_unit or doc.source_unit
