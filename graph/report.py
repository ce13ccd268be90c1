"""Review output: every extracted entity by type, with its evidence, for a person to check precision.

`render_report(kg, docs)` returns Markdown-ish plain text. With the documents given, each entity
shows a snippet of its first evidence clause around the name (or an alias); without them, only
clause ids. The CLI's `policykg graph --report` prints it.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.store import KnowledgeGraph
from policykg.model import Document, Entity

_TYPE_ORDER = ["program", "concept", "organization", "branch", "person", "region", "document"]
_TYPE_TITLE = {
    "program": "项目/品牌 (program)",
    "concept": "概念/提法 (concept)",
    "organization": "组织机构 (organization)",
    "branch": "党支部 (branch)",
    "person": "人物 (person)",
    "region": "行政区划 (region)",
    "document": "文件 (document)",
}


def _snippet(text: str, needles: list[str], width: int = 24) -> str:
    # a name built across quotes (“党旗飘飘”老干部宣讲团) is found by its longest written prefix
    candidates = [n for n in needles if n]
    candidates += [n[:k] for n in needles[:1] if n for k in range(len(n) - 1, 1, -1)]
    for n in candidates:
        i = text.find(n)
        if i >= 0:
            s, e = max(0, i - width), min(len(text), i + len(n) + width)
            return (
                ("…" if s else "")
                + text[s:i]
                + "【"
                + n
                + "】"
                + text[i + len(n) : e]
                + ("…" if e < len(text) else "")
            )
    return text[: 2 * width] + ("…" if len(text) > 2 * width else "")


def _clause_texts(docs: Iterable[Document] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for d in docs or []:
        for c in d.clauses:
            out[c.id] = c.search_text
    return out


def _edges_line(kg: KnowledgeGraph, e: Entity, limit: int = 6) -> str:
    parts = []
    for n in kg.neighbors(e.id):
        if n.relation == "mentions":
            continue
        arrow = "→" if n.direction == "out" else "←"
        parts.append(f"{n.relation}{arrow}{n.entity.name}")
    more = f" …(+{len(parts) - limit})" if len(parts) > limit else ""
    return "; ".join(parts[:limit]) + more


def render_report(kg: KnowledgeGraph, docs: Iterable[Document] | None = None) -> str:
    texts = _clause_texts(docs)
    stats = kg.stats()
    lines = ["# 知识图谱抽取结果（供人工核查）", ""]
    lines.append(f"实体 {stats['entities']} 个，关系 {stats['edges']} 条，数量事实 {stats['facts']} 条。")
    lines.append("按类型：" + "，".join(f"{k} {v}" for k, v in stats["entities_by_type"].items()))
    lines.append("")
    for t in _TYPE_ORDER:
        ents = sorted(kg.entities(t), key=lambda e: (-len(e.evidence), e.name))
        if not ents:
            continue
        lines.append(f"## {_TYPE_TITLE[t]} — {len(ents)}")
        lines.append("")
        for i, e in enumerate(ents, 1):
            alias = f"（别名：{'、'.join(e.aliases[:6])}）" if e.aliases else ""
            lines.append(f"{i}. {e.name}{alias}  [{e.id}]  证据 {len(e.evidence)} 处")
            attrs = {
                k: v
                for k, v in e.attributes.items()
                if k not in ("cited_for", "path") and v not in (None, "", [])
            }
            if attrs:
                lines.append("   属性：" + "；".join(f"{k}={v}" for k, v in attrs.items()))
            edges = _edges_line(kg, e)
            if edges:
                lines.append("   关系：" + edges)
            if e.evidence:
                cid = e.evidence[0]
                text = texts.get(cid)
                snippet = _snippet(text, [e.name, *e.aliases]) if text else ""
                lines.append(f"   证据：{cid} {snippet}".rstrip())
        lines.append("")
    facts = kg.all_facts()
    if facts:
        lines.append(f"## 数量事实 (facts) — {len(facts)}")
        lines.append("")
        for i, f in enumerate(facts, 1):
            lines.append(
                f"{i}. [{f.kind}] {f.text}  value={f.value} unit={f.unit} qualifier={f.qualifier}  ({f.clause_id})"
            )
        lines.append("")
    return "\n".join(lines)
