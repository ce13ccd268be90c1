"""The reader stage's output: decoded text with its line structure, before any normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawText:
    """What a reader made of one file.

    `text` keeps the line structure of the source (``\\n`` line ends only): blank lines matter,
    because `ingest.normalize` repairs page joins and hard line breaks from them. `format` is the
    format that was actually read (``txt``, ``md``, ``html``, ``docx``, ``pdf``; a converted
    ``.doc`` is ``docx`` with ``meta["converted_from"]``). `encoding` is the character encoding
    that decoded the bytes (None for formats that carry their own, like docx and pdf).

    `meta` holds what the reader learnt besides the body. Keys used by the readers:

    - ``line_breaks``: ``"paragraph"`` when every line is a real paragraph (docx, html: do not
      join lines; blocks are separated by blank lines, a single newline is a soft break such as
      ``<br>``/``<w:br/>`` or the next row of a table) or ``"layout"`` when lines may be hard
      breaks or page joins (txt, md, pdf: pages are joined by one blank line).
    - html: ``title`` (``<title>``), ``h1``, ``html_meta`` (ArticleTitle, PubDate,
      ContentSource … meta tags), ``residue`` (removed text by kind: ``navigation``, ``share``,
      ``related``, ``footer``, ``info`` — the 发布时间/来源/浏览次数 bar), ``tables``,
      ``extractor`` (``trafilatura`` | ``selectolax``), ``declared_charset``.
    - docx: ``core_properties`` (title, author, created …), ``tables``.
    - pdf: ``pages``, ``pages_read``, ``pages_without_text`` (1-based), ``pdf_info``.
    - ``converted_from`` (``.doc``/``.wps`` converted with LibreOffice), ``detected_format``
      (a .txt that was really a web page).
    """

    source: str  # file name (base name only, as given after cleaning)
    sha256: str  # of the original bytes
    text: str
    format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
