"""Programs: merged program entities, enumerated sub-programs, every mention per clause, and
the components of mechanisms."""

from __future__ import annotations

from graph.extract.common import squeeze
from graph.extract.programs import enumerations, item_sentences, title_launch_quotes
from graph.linker import Linker
from graph.passes.program_merge import (
    ProgramScanner,
    group_programs,
    plain_phrase,
    segment_aliases,
    text_counter,
)
from graph.scan import DocCtx
from graph.store import name_key
from policykg.model import Entity


def link(lk: Linker) -> None:
    mentions = [(ctx, pm) for ctx in lk.ctxs for pm in ctx.scan.programs]
    groups = group_programs([pm for _, pm in mentions], [ctx.owner for ctx, _ in mentions])
    count = text_counter([c.search_text for ctx in lk.ctxs for c in ctx.clauses])
    groups = {k: v for k, v in groups.items() if not plain_phrase(k, [pm for pm, _o in v], count)}
    owned: dict[tuple[str, str], str] = {}  # (owner, name key) → program id
    names: dict[str, str] = {}  # name key → program id: its own name first, then any member's
    for canonical, members in groups.items():
        pid = f"program:{canonical}"
        names[name_key(canonical)] = pid
        aliases: list[str] = []
        for pm, o in members:
            for a in [pm.name, *pm.aliases, *segment_aliases(pm.name)]:
                if a != canonical and a not in aliases:
                    aliases.append(a)
                owned.setdefault((o, name_key(a)), pid)
            owned[(o, name_key(pm.name))] = pid
        category = next((pm.category for pm, _o in members if pm.category), None)
        code = next((pm.code for pm, _o in members if pm.code), None)
        attrs = {"category": category, "code": code}
        # a short form that is another program's own name is not an alias of this one
        aliases = [a for a in aliases if a not in groups]
        lk.entity(Entity(pid, canonical, "program", aliases, {k: v for k, v in attrs.items() if v}, []))
    for canonical, members in groups.items():
        for pm, _o in members:
            names.setdefault(name_key(pm.name), f"program:{canonical}")
    for canonical, members in groups.items():
        for a in [*(a for pm, _o in members for a in (*pm.aliases, *segment_aliases(pm.name))), canonical]:
            names.setdefault(name_key(a), f"program:{canonical}")
        for a in segment_aliases(canonical):
            names.setdefault(name_key(a), f"program:{canonical}")
    lk.program_ids = names
    lk.owner_program_ids = owned
    # enumerated sub-programs and components
    for ctx in lk.ctxs:
        _enumerations(lk, ctx)
    # every mention of every program, per clause
    scanner = ProgramScanner(lk.kg)
    lk.found = {}
    for ctx in lk.ctxs:
        for clause in ctx.clauses:
            text = clause.search_text
            hits = [(_pid(lk, ctx, text[s:e]) or pid, s, e) for pid, s, e in scanner.scan(text)]
            for pm in ctx.scan.programs:
                if pm.clause_id == clause.id and not pm.component:
                    pid = _pid(lk, ctx, pm.name)
                    if pid and not any(s <= pm.start < e for _, s, e in hits):
                        hits.append((pid, pm.start, pm.end))
            hits.sort(key=lambda h: h[1])
            lk.found[clause.id] = hits
            for pid, _s, _e in hits:
                lk.entity(Entity(pid, lk.kg.entity(pid).name, "program", [], {}, [clause.id]))  # type: ignore[union-attr]
                lk.clause_programs[clause.id].append(lk.kg.entity(pid).name)  # type: ignore[union-attr]
    _sub_brands(lk)
    _components(lk)


def _pid(lk: Linker, ctx: DocCtx, name: str) -> str | None:
    """The program a document means by `name`: its own owner's first, else the corpus's."""
    key = name_key(name.strip("“”"))
    pid = lk.owner_program_ids.get((ctx.owner, key)) or lk.program_ids.get(key)
    return pid if pid is not None and lk.kg.entity(pid) is not None else None


def _sub_brands(lk: Linker) -> None:
    """“品牌·子品牌”: the part after the dot is a sub-brand of the part before it when that is a
    program of its own (written alone somewhere)."""
    for ent in lk.kg.entities("program"):
        if "·" not in ent.name or ent.attributes.get("component_of"):
            continue
        head = ent.name.split("·", 1)[0]
        parent = lk.program_ids.get(name_key(head))
        if parent is None or parent == ent.id or len(head) < 2:
            continue
        lk.edge(ent.id, parent, "part_of", ent.evidence[:3])


def _enumerations(lk: Linker, ctx: DocCtx) -> None:
    runs = enumerations(item_sentences(ctx.clauses))
    clause_pos = {c.id: i for i, c in enumerate(ctx.clauses)}
    for run in runs:
        first = run[0]
        parent = _program_before(lk, ctx, clause_pos[first.clause_id], first.start)
        if parent is None:
            continue
        for it in run:
            pid = _pid(lk, ctx, it.name)
            if pid is None:
                pid = f"program:{it.name}"
                lk.entity(Entity(pid, it.name, "program", [], {"category": "子品牌"}, [it.clause_id]))
                lk.program_ids[name_key(it.name)] = pid
            if pid != parent:
                lk.edge(pid, parent, "part_of", [it.clause_id])


def _program_before(lk: Linker, ctx: DocCtx, ci: int, pos: int) -> str | None:
    """The nearest program written before position `pos` of clause `ci` (same or ≤3 clauses back)."""
    for back in range(0, 4):
        if ci - back < 0:
            break
        clause = ctx.clauses[ci - back]
        limit = pos if back == 0 else len(clause.search_text)
        cands = [
            (pm.start, _pid(lk, ctx, pm.name))
            for pm in ctx.scan.programs
            if pm.clause_id == clause.id and pm.start < limit and not pm.weak
        ]
        cands = [(s, p) for s, p in cands if p]
        if cands:
            return max(cands)[1]
    return None


def launched_by_doc(lk: Linker, ctx: DocCtx) -> list[str]:
    pids: list[str] = []
    for pm in ctx.scan.programs:
        if pm.defines:
            pid = _pid(lk, ctx, pm.name)
            if pid and pid not in pids:
                pids.append(pid)
    for t in (ctx.doc.title, ctx.doc.wrapper_title):
        for q in title_launch_quotes(squeeze(t or "")):
            pid = program_for_quote(lk, q, squeeze(t or ""))
            if pid and pid not in pids:
                pids.append(pid)
    return pids


def program_for_quote(lk: Linker, q: str, context: str) -> str | None:
    pid = lk.program_ids.get(name_key(q))
    if pid:
        return pid
    # a code-like quote written with its noun: “1335”离退休干部党建工作机制
    for p in lk.program_ids.values():
        ent = lk.kg.entity(p)
        if ent is not None and q in (ent.attributes.get("code"), *ent.aliases):
            return p
    return None


def _found_before(lk: Linker, ctx: DocCtx, clause_id: str, back: int = 3) -> str | None:
    """The last program found in the `back` clauses before `clause_id` (or the title's)."""
    ids = [c.id for c in ctx.clauses]
    if clause_id not in ids:
        return None
    i = ids.index(clause_id)
    for cid in reversed(ids[max(0, i - back) : i]):
        live = [pid for pid, _s, _e in lk.found.get(cid, []) if lk.program_live(pid)]
        if live:
            return live[-1]
    return None


def _components(lk: Linker) -> None:
    for ctx in lk.ctxs:
        launched = launched_by_doc(lk, ctx)
        for comp in ctx.scan.components:
            in_clause = [pid for pid, s, _e in lk.found.get(comp.clause_id, []) if s < comp.start]
            parent = in_clause[-1] if in_clause else (launched[0] if len(launched) == 1 else None)
            if parent is None and comp.unquoted:
                # 开展银暖助企、…六大行动 after the paragraph that names the 行动
                parent = _found_before(lk, ctx, comp.clause_id)
            if parent is None:
                continue
            pname = lk.kg.entity(parent).name  # type: ignore[union-attr]
            for item in comp.items:
                cid = f"program:{pname}/{item}"
                attrs = {"category": "组成部分", "component_of": pname}
                lk.entity(Entity(cid, item, "program", [], attrs, [comp.clause_id]))
                lk.edge(cid, parent, "part_of", [comp.clause_id])
                lk.clause_programs[comp.clause_id].append(item)
