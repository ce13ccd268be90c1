"""The `Reading`: the state the profile steps share while reading one document.

Every step module (ingest.headsteps, ingest.tailsteps, ingest.datesteps, ingest.unitsteps,
ingest.settlesteps) reads and writes this one object; it lives apart from ingest.profiles, which
chooses and runs the steps, so the step modules can name it without importing the module that imports
them. ingest.profiles re-exports `Reading` and `Step`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest import webhead
from ingest.metadata import Line, Metadata
from ingest.speech import SpeechHead
from policykg.model import RegionRef, Script


@dataclass
class Reading:
    """The state the steps share while reading one document."""

    text: str
    lines: list[Line]
    doc_id: str
    script: Script
    gaz: Any | None
    fallback_title: str | None = None
    fallback_region: RegionRef | None = None
    residue: dict[str, list[str]] = field(default_factory=dict)
    md: Metadata = field(default_factory=Metadata)
    pos: int = 0  # index of the first line not yet read as head
    title: str | None = None
    issuers: list[str] = field(default_factory=list)
    speech: SpeechHead | None = None
    web: webhead.WebHead | None = None
    page_date: str | None = None  # a web page's publication date: used when nothing better is found
    owner: str | None = None  # the unit that owns the page (footer, a school's 我校): weak region evidence
    site_region: RegionRef | None = None  # where the page's web address places its site: weakest evidence
    site_owned: bool = False  # the site is a listed school's own: its place refines a coarser text region
    site_owner: str | None = None  # that school's name: the parent of a bare department the page credits
    unplaced_unit: str | None = None  # a unit named only in the second paragraph: not region evidence

    def skip(self, a: int, b: int) -> None:
        """Lines a..b (inclusive) are metadata, not body."""
        self.md.skip_spans.append((self.lines[a].start, self.lines[b].end))

    def at(self, i: int) -> str:
        return self.lines[i].text if 0 <= i < len(self.lines) else ""


Step = Callable[[Reading], None]
