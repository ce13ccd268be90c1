"""The pure text → documents stage: RawText in, Document(s) out.

detect script → normalise (display text + residue) → bulletin split → per document: metadata,
clauses (header, title, signature … left out through skip spans), search text. A bulletin becomes
a parent (its masthead and table of contents) followed by one child per speech or article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ingest import compound, dates, doctypes, fallbacktitle, metadata, profiles, siteregion
from ingest.compilation import Compilation, split_compilation
from ingest.metadata import Metadata
from policykg.errors import EmptyDocument
from policykg.model import Clause, Document, RegionRef, Script
from policykg.text import detect_script, fold

if TYPE_CHECKING:
    from ingest.raw import RawText


def _normalize(text: str, line_breaks: str = "layout") -> tuple[str, dict[str, list[str]]]:
    from ingest.normalize import normalize_document_text

    display, residue = normalize_document_text(text, line_breaks=line_breaks)
    return display, dict(residue or {})


def _clauses(doc_id: str, text: str, script: Script, skip: list[tuple[int, int]]) -> list[Clause]:
    from ingest.clauses import split_clauses

    return split_clauses(doc_id, text, script, skip_spans=skip or None, keep_edges=True)


def _toc_clauses(doc_id: str, front: str, toc: list[Any], script: Script) -> list[Clause]:
    from ingest.clauses import entry_clauses

    return entry_clauses(doc_id, front, [(ln.start, ln.end) for ln in toc if ln.end <= len(front)], script)


def _document_id(source: str) -> str:
    from ingest import ids

    return ids.doc_id(source)


def _child_id(parent_id: str, number: int) -> str:
    from ingest import ids

    return ids.child_id(parent_id, number)


def _merge_residue(*parts: dict[str, Any] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in parts:
        for key, values in (part or {}).items():
            if isinstance(values, str):
                values = [values]
            bucket = out.setdefault(str(key), [])
            bucket.extend(str(v) for v in values if str(v) not in bucket)
    return {k: v for k, v in out.items() if v}


def _relative(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Spans clipped to [start, end) and shifted to the slice's coordinates."""
    out = []
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a < b:
            out.append((a - start, b - start))
    return out


def _source_url(raw: RawText) -> str | None:
    """The page's web address, when the reader found it, the user gave it, or the text prints it on
    a labelled line of its head or tail (原文链接：https://…, 本文网址：…)."""
    url = raw.meta.get("source_url")
    if isinstance(url, str) and url.strip():
        return url.strip()
    return siteregion.printed_address(raw.text)


def _document(
    doc_id: str,
    raw: RawText,
    text: str,
    script: Script,
    md: Metadata,
    skip: list[tuple[int, int]],
    *,
    fallback_title: str,
) -> Document:
    return Document(
        id=doc_id,
        title=md.title or fallbacktitle.shown_fallback(fallback_title),
        text=text,
        search_text=fold(text, script),
        source=raw.source,
        source_url=_source_url(raw),
        sha256=raw.sha256,
        script=script,
        doc_no=md.doc_no,
        issuers=list(md.issuers),
        date=md.date,
        printed_date=md.printed_date,
        printed_by=md.printed_by,
        doc_type=md.doc_type,
        region=md.region,
        years=list(md.years),
        wrapper_title=md.wrapper_title,
        authors=list(md.authors),
        author_unit=md.author_unit,
        source_unit=md.source_unit,
        editors=list(md.editors),
        profile=md.profile,
        meta_spans=[(a, b) for a, b in skip if a < b],
        author_offices=dict(md.author_offices),
        warnings=list(md.warnings),
        clauses=_clauses(doc_id, text, script, skip),
    )


def build_documents(raw: RawText, *, gazetteer: Any | None = None) -> list[Document]:
    """Turn one reader result into documents: one, or a bulletin parent followed by its parts.

    Raises EmptyDocument when nothing is left after normalisation.
    """
    line_breaks = (
        raw.meta.get("line_breaks") if raw.meta.get("line_breaks") in ("layout", "paragraph") else "layout"
    )
    display, residue = _normalize(raw.text, line_breaks)
    if not display.strip():
        raise EmptyDocument(f"文件“{raw.source}”没有可用的正文内容（去除空白和页面残留后为空）")
    script = detect_script(display)
    doc_id = _document_id(raw.source)
    gaz = gazetteer if gazetteer is not None else metadata.default_gazetteer()
    residue = _merge_residue(
        raw.meta.get("residue") if isinstance(raw.meta.get("residue"), dict) else None, residue
    )
    fallback_title = fallbacktitle.fallback_title(raw.meta, raw.source, raw.text, display)

    site = _site_region(raw, display, script, gaz, residue)
    bulletin = compound.split_bulletin(display)
    pieces = split_compilation(display) if bulletin is None else None
    if pieces is not None:
        return _compilation_documents(raw, display, script, doc_id, pieces, residue, gaz)
    if bulletin is None:
        md = profiles.extract(
            display,
            doc_id,
            script,
            gazetteer=gaz,
            fallback_title=raw.meta.get("title") or raw.meta.get("h1"),
            residue=residue,
            site_region=site,
            site_owned=site is not None and siteregion.is_school_site(_source_url(raw)),
            site_owner=siteregion.school_name(_source_url(raw)),
        )
        if not md.title:
            fallbacktitle.type_from_fallback_title(md, fallback_title, script)
        if md.addressee:
            residue = _merge_residue(residue, {"addressee": [md.addressee]})
        if md.date is None:
            _date_from_page(md, residue, raw.meta.get("html_meta"))
        if md.date is None:  # …/202110/t20211015_…html, …/2021-11/29/content_…: the day the site filed it
            md.date = dates.url_date(_source_url(raw))
            if md.date:
                md.warnings.append("未注明成文日期，使用网址中的发布日期")
        doc = _document(doc_id, raw, display, script, md, md.skip_spans, fallback_title=fallback_title)
        doc.residue = residue
        doc.warnings = list(raw.warnings) + doc.warnings
        return [doc]
    return _bulletin_documents(raw, display, script, doc_id, bulletin, residue, gaz)


def _site_region(
    raw: RawText, display: str, script: Script, gaz: Any | None, residue: dict[str, list[str]] | None = None
) -> RegionRef | None:
    """Where the page's address places its site (ingest.siteregion), when the address is known; else
    the place a breadcrumb starts from (当前位置：桐城 > 综合资讯), a local portal's own."""
    url = _source_url(raw)
    found = siteregion.site_region(gaz, url, fold(display[:20000], script)) if url else None
    if found is None and residue:
        crumbs = [*residue.get("web", []), *residue.get("navigation", [])]
        found = siteregion.crumb_root_region(gaz, [fold(c, script) for c in crumbs])
    return found


def _date_from_page(md: Metadata, residue: dict[str, list[str]], html_meta: Any) -> None:
    """An article without a signed date is dated by its page's publication time, when it has one."""
    date = dates.published_date(residue, html_meta if isinstance(html_meta, dict) else None)
    if date is None:
        return
    md.date = date
    md.years = md.years or [int(date[:4])]
    md.warnings = [w for w in md.warnings if w != "未识别出成文日期"] + ["未注明成文日期，使用网页发布时间"]


def _bulletin_documents(
    raw: RawText,
    display: str,
    script: Script,
    doc_id: str,
    bulletin: compound.Bulletin,
    residue: dict[str, list[str]],
    gaz: Any | None,
) -> list[Document]:
    front = display[: bulletin.front_end].rstrip()
    pmd = Metadata(
        title=bulletin.title,
        issuers=list(bulletin.issuers),
        date=bulletin.date,
        doc_type="简报",
    )
    pmd.years = dates.detect_years(bulletin.title, "", bulletin.date)
    pmd.region, _ = metadata.detect_region(
        doc_id,
        issuers=pmd.issuers,
        doc_no=None,
        title=bulletin.title,
        text=front,
        script=script,
        gazetteer=gaz,
    )
    if not pmd.issuers:
        pmd.warnings.append("未识别出简报的编印单位")
    if not pmd.date:
        pmd.warnings.append("未识别出简报日期")
    if pmd.region is None:
        pmd.warnings.append("未识别出适用地区")
    pmd.warnings.extend(bulletin.warnings)
    parent = _document(
        doc_id,
        raw,
        front,
        script,
        pmd,
        _relative(bulletin.masthead_spans, 0, len(front)),
        fallback_title=fallbacktitle.file_stem(raw.source),
    )
    if bulletin.toc:
        parent.clauses = _toc_clauses(doc_id, front, bulletin.toc, script)
    parent.residue = residue
    parent.warnings = list(raw.warnings) + parent.warnings

    children: list[Document] = []
    for n, part in enumerate(bulletin.parts, start=1):
        child_id = _child_id(doc_id, n)
        text = display[part.start : part.end]
        cmd = _part_metadata(child_id, part, text, script, bulletin, pmd.region, gaz)
        skip = [(0, part.head_end - part.start)]
        child = _document(child_id, raw, text, script, cmd, skip, fallback_title=f"{bulletin.title}（{n}）")
        child.parent_id = doc_id
        children.append(child)
    parent.children = [c.id for c in children]
    return [parent, *children]


def _compilation_documents(
    raw: RawText,
    display: str,
    script: Script,
    doc_id: str,
    comp: Compilation,
    residue: dict[str, list[str]],
    gaz: Any | None,
) -> list[Document]:
    """A page of several pieces: the page (its head and table of contents, type 汇编), then each
    piece read by the profiles like a document of its own, falling back on the page's region."""
    front = display[: comp.front_end].rstrip()
    site = _site_region(raw, display, script, gaz, residue)
    pmd = (
        profiles.extract(front, doc_id, script, gazetteer=gaz, residue=residue, site_region=site)
        if front
        else Metadata()
    )
    pmd.doc_type = "汇编"
    pmd.warnings = [w for w in pmd.warnings if w != "未识别出文种"]
    shared = {piece.title for piece in comp.pieces}
    # pieces headed by one title and their numbers (某某演讲稿 篇1, 篇2) from the first line on: that title is the page's
    page_title = shared.pop() if not front and len(shared) == 1 else ""
    parent = _document(
        doc_id,
        raw,
        front,
        script,
        pmd,
        pmd.skip_spans,
        fallback_title=page_title or fallbacktitle.file_stem(raw.source),
    )
    if comp.toc:
        parent.clauses = _toc_clauses(doc_id, front, comp.toc, script)
        spans = [*pmd.skip_spans, *([comp.toc_head] if comp.toc_head else [])]
        parent.meta_spans = metadata.merge_spans([(a, b) for a, b in spans if a < b])
    parent.residue = residue
    parent.warnings = list(raw.warnings) + parent.warnings
    children: list[Document] = []
    for n, piece in enumerate(comp.pieces, start=1):
        child_id = _child_id(doc_id, n)
        text = display[piece.start : piece.end]
        cmd = profiles.extract(
            text,
            child_id,
            script,
            gazetteer=gaz,
            fallback_title=piece.title or None,
            fallback_region=parent.region,
        )
        if piece.title and not cmd.title:
            cmd.title = piece.title
        if cmd.doc_type == "汇编":  # the page is the compilation; a piece is a report, a speech …
            named = doctypes.type_from_title(fold(cmd.title, script)) if cmd.title else None
            cmd.doc_type = named or doctypes.web_type(cmd.title, text.split("\n")[1:4], None)
        head = piece.head_end - piece.start
        skip = metadata.merge_spans([*cmd.skip_spans, (0, head)]) if head > 0 else cmd.skip_spans
        child = _document(child_id, raw, text, script, cmd, skip, fallback_title=f"{parent.title}（{n}）")
        child.parent_id = doc_id
        children.append(child)
    parent.children = [c.id for c in children]
    return [parent, *children]


def _part_metadata(
    child_id: str,
    part: compound.Part,
    text: str,
    script: Script,
    bulletin: compound.Bulletin,
    parent_region: RegionRef | None,
    gaz: Any | None,
) -> Metadata:
    """Metadata of one speech or article: its own head, falling back on the bulletin's date/region."""
    cmd = Metadata(title=part.title)
    if part.kind == "speech":
        cmd.doc_type = "讲话"
        cmd.date = part.date
        if part.speaker:
            cmd.authors = [part.speaker]
            office = part.office or compound.offices_from_toc(bulletin.toc, part.speaker)
            if office:
                cmd.author_offices = {part.speaker: office}
        # a speech speaks for the body that publishes the bulletin unless its title names a region
        cmd.region, _ = metadata.detect_region(
            child_id, issuers=[], doc_no=None, title=part.title, text="", script=script,
            gazetteer=gaz, fallback=parent_region,
        )  # fmt: skip
    else:
        cmd.doc_type = "经验交流"
        cmd.date = bulletin.date
        cmd.author_unit = part.unit
        if part.author:
            cmd.authors = [part.author]
        body = text[part.head_end - part.start :]
        cmd.region, _ = metadata.detect_region(
            child_id, issuers=[part.unit] if part.unit else [], doc_no=None, title=part.title, text=body,
            script=script, gazetteer=gaz, fallback=parent_region,
        )  # fmt: skip
    if not cmd.date:
        cmd.warnings.append("未识别出日期")
    if cmd.region is None:
        cmd.warnings.append("未识别出适用地区")
    cmd.years = dates.detect_years(fold(part.title, script), fold(text[:20000], script), cmd.date)
    return cmd
