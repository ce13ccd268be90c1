"""The load test's probe document and consistency rules: the probe in two versions, what each
version looks like once learnt (Probe), and the Checker every reader and the writer apply to a
response (clauses under the right document, the probe all-or-nothing and of one version).

Apart from the traffic because the rules are what the test asserts: they are read, and unit
tested, on their own, without a server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

PROBE_ID = "loadprobe"
PROBE_MARKER = "负载探针"
_VERSION_RE = re.compile(r"第([一二三])版")
VERSIONS = {1: "一", 2: "二"}


def probe_text(version: int) -> str:
    """The probe document: every clause carries the marker and the version, the structure is fixed."""
    v = VERSIONS[version]
    return (
        f"关于{PROBE_MARKER}测试的通知（第{v}版）\n\n"
        f"一、{PROBE_MARKER}总体要求（第{v}版）\n"
        f"{PROBE_MARKER}条款甲：离退休干部党员人数5人以上的，可以单独建立党支部，本条为第{v}版。\n\n"
        f"二、{PROBE_MARKER}工作措施（第{v}版）\n"
        f"{PROBE_MARKER}条款乙：各党支部要坚持三会一课制度，本条为第{v}版。\n\n"
        f"三、{PROBE_MARKER}组织保障（第{v}版）\n"
        f"{PROBE_MARKER}条款丙：各级党组织要加强领导，本条为第{v}版。\n"
    )


@dataclass
class Probe:
    """What the probe looks like in each state, learnt before the load starts (quiet server)."""

    search_ids: dict[int, frozenset[str]] = field(default_factory=dict)  # version → clause ids found
    detail_counts: dict[int, int] = field(default_factory=dict)  # version → clauses in the detail


class Checker:
    """The consistency rules shared by the readers and the writer."""

    def __init__(self, known_docs: dict[str, str], probe: Probe) -> None:
        self.known = known_docs  # seed doc id → title
        self.probe = probe

    def results(self, where: str, items: list[dict[str, Any]]) -> list[str]:
        problems = []
        for r in items:
            doc_id, cid = r.get("doc_id"), r.get("clause_id", "")
            if not cid.startswith(f"{doc_id}:"):
                problems.append(f"{where}: clause {cid} reported under {doc_id}")
            doc = r.get("document") or {}
            if doc.get("doc_id") not in (None, doc_id):
                problems.append(f"{where}: clause {cid} embeds document {doc.get('doc_id')}")
            if doc_id in self.known and doc.get("title") not in (None, self.known[doc_id]):
                problems.append(f"{where}: {doc_id} has title {doc.get('title')!r}")
            if doc_id != PROBE_ID and doc_id not in self.known and not str(doc_id).startswith(f"{PROBE_ID}~"):
                problems.append(f"{where}: unknown document {doc_id}")
        return problems

    def probe_state(self, where: str, results: list[dict[str, Any]]) -> tuple[str, list[str]]:
        """('absent' | 'v1' | 'v2', problems) from a search for the probe marker."""
        mine = [r for r in results if r.get("doc_id") == PROBE_ID]
        if not mine:
            return "absent", []
        ids = frozenset(r["clause_id"] for r in mine)
        versions = {m for r in mine for m in _VERSION_RE.findall(r.get("text", ""))}
        problems = []
        if len(versions) != 1:
            problems.append(f"{where}: probe clauses from versions {sorted(versions)} in one response")
            return "mixed", problems
        version = next(v for v, ch in VERSIONS.items() if ch in versions)
        if ids != self.probe.search_ids.get(version):
            problems.append(
                f"{where}: probe v{version} partially visible: {len(ids)} of "
                f"{len(self.probe.search_ids.get(version, ()))} clauses"
            )
        return f"v{version}", problems

    def probe_detail(self, where: str, status: int, body: dict[str, Any]) -> tuple[str, list[str]]:
        if status == 404:
            return "absent", []
        clauses = body.get("clauses") or []
        texts = " ".join(c.get("text", "") for c in clauses)
        versions = set(_VERSION_RE.findall(texts)) | set(_VERSION_RE.findall(body.get("title", "")))
        if len(versions) != 1:
            return "mixed", [f"{where}: probe detail mixes versions {sorted(versions)}"]
        version = next(v for v, ch in VERSIONS.items() if ch in versions)
        if len(clauses) != self.probe.detail_counts.get(version):
            return f"v{version}", [f"{where}: probe detail v{version} has {len(clauses)} clauses"]
        return f"v{version}", []
