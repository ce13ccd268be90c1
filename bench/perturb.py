"""How robust the page metadata is to the shapes a page takes elsewhere: score the real development
pages as they are and under small, realistic changes of their shape.

    python -m bench.perturb [--pages realpages] [--gold TSV ...] [--only base,crumb,...] [--show NAME FIELD]

A page reposted by another site, saved by another browser or exported by another tool keeps its
words but not its shape: blank lines go, a breadcrumb or a banner is printed above it, a view counter
or share row under its headline, a footer of registration numbers below it, full-width colons in its
time stamps, a space after a label's colon, the meta line glued onto the headline's,
dates written 2030年01月02日 or 2030/01/02 instead of 2030-01-02, a related-links list above the story. A rule tuned to one shape fails on the next. For every perturbation the table gives each
field's accuracy over the pages judged for it and how many pages the base reading had right that the
perturbed one gets wrong ("lost"): the figure to drive down. Pages are the git-ignored `realpages/`
(see bench/realdocs.py); no page text is printed unless `--show` asks for a field's lost pages.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.realdocs import FIELDS, HELDOUT_GOLD, norm, read_gold, score_page

Perturbation = Callable[[str, dict[str, str]], "str | None"]
_ISO_DAY_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")


def _headline_line(lines: list[str], title: str) -> int | None:
    """The line that holds the annotated headline (or its first part), if any."""
    want = norm(title)
    if not want:
        return None
    for i, line in enumerate(lines):
        if norm(line.strip()) == want:
            return i
    for i, line in enumerate(lines):
        got = norm(line.strip())
        if len(got) >= 6 and want.startswith(got):
            return i
    return None


def _under_headline(extra: str) -> Perturbation:
    def perturb(text: str, row: dict[str, str]) -> str | None:
        lines = text.split("\n")
        i = _headline_line(lines, row.get("title", ""))
        return None if i is None else "\n".join([*lines[: i + 1], extra, *lines[i + 1 :]])

    return perturb


def _meta_glued(text: str, row: dict[str, str]) -> str | None:
    """The meta line under the headline (时间：… 来源：…) printed on the headline's own line."""
    lines = text.split("\n")
    i = _headline_line(lines, row.get("title", ""))
    if i is None:
        return None
    j = next((k for k in range(i + 1, min(i + 4, len(lines))) if lines[k].strip()), None)
    if j is None or len(lines[j]) > 80 or not re.search(r"(?:时间|日期|来源)\s*[:：]", lines[j]):
        return None
    return "\n".join([*lines[:i], lines[i].rstrip() + "  " + lines[j].strip(), *lines[j + 1 :]])


def _above_headline(extra: str) -> Perturbation:
    def perturb(text: str, row: dict[str, str]) -> str | None:
        lines = text.split("\n")
        i = _headline_line(lines, row.get("title", ""))
        return None if i is None else "\n".join([*lines[:i], extra, *lines[i:]])

    return perturb


def _fullwidth_colons(text: str, _row: dict[str, str]) -> str:
    return text.replace(":", "：")


def _fullwidth_marks(text: str, _row: dict[str, str]) -> str:
    # marks between digits (10:20, 1,000) stay as a site would print them
    text = re.sub(r"(?<!\d):|:(?!\d)", "：", text)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text)
    return text.translate(str.maketrans({";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}))


PERTURBATIONS: dict[str, Perturbation] = {
    "base": lambda text, _row: text,
    "crumb": lambda text, _row: "首页 > 新闻动态 > 工作动态\n" + text,
    "crumb2": lambda text, _row: "当前位置：首页 >> 综合新闻\n\n" + text,
    "banner": lambda text, _row: "设为首页 | 加入收藏 | 无障碍浏览\n长者模式  繁体版\n" + text,
    "crlf": lambda text, _row: text.replace("\n", "\r\n"),
    "indent": lambda text, _row: "\n".join(
        ("\u3000\u3000" + x if x.strip() else x) for x in text.split("\n")
    ),
    "blank": lambda text, _row: "\n\n".join(text.split("\n")),
    "noblank": lambda text, _row: "\n".join(x for x in text.split("\n") if x.strip()),
    "footer": lambda text, _row: text + "\n\n网站标识码：1234567890  京ICP备12345678号\n版权所有：本网站\n",
    "related": _above_headline("相关新闻\n· 青山市召开老干部工作会议\n· 某区开展重阳节敬老活动\n"),
    "views": _under_headline("浏览次数：1024"),
    "share": _under_headline("分享到：微信 微博 QQ空间"),
    "tools": _under_headline("字号：[ 大 中 小 ]  打印本页  关闭窗口"),
    "labelspace": lambda text, _row: re.sub(r"来源\s*[:：]\s*", "来源： ", text),
    "sourcelabel": lambda text, _row: re.sub(r"(?<![信稿文内息源])来源\s*[:：]", "信息来源：", text),
    "metaglue": _meta_glued,
    "datecn": lambda text, _row: _ISO_DAY_RE.sub(lambda m: f"{m[1]}年{m[2]}月{m[3]}日", text),
    "dateslash": lambda text, _row: _ISO_DAY_RE.sub(lambda m: f"{m[1]}/{m[2]}/{m[3]}", text),
    "fullcolon": _fullwidth_colons,
    "fullmarks": _fullwidth_marks,
}


def run(
    gold: list[dict[str, str]], pages: Path, names: list[str], gaz: Any
) -> dict[str, dict[str, dict[str, Any]]]:
    """{page: {perturbation: {field: ok or None, "title_got": …}}} for every annotated page present."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for row in gold:
            source = pages / row["file"]
            if not source.exists():
                continue
            text = source.read_text(encoding="utf-8", errors="replace")
            results: dict[str, dict[str, Any]] = {}
            for name in names:
                changed = PERTURBATIONS[name](text, row)
                if changed is None:
                    continue  # the headline line is not found: nothing to put under it
                path = Path(tmp) / row["file"]
                path.write_text(changed, encoding="utf-8")
                scored = score_page(path, row, gaz)
                results[name] = {f: scored.ok.get(f) for f in (*FIELDS, "region_in_text")}
                results[name]["title_got"] = scored.got.get("title") if scored.got else None
            out[row["file"]] = results
    return out


def table(results: dict[str, dict[str, dict[str, Any]]], names: list[str]) -> list[str]:
    """Accuracy and pages lost against the base reading, one line per perturbation."""
    fields = ("title", "date", "issuer", "doc_type", "region_in_text")
    lines = ["perturbation  " + "  ".join(f"{f:>18}" for f in fields)]
    for name in names:
        cells = []
        for f in fields:
            judged = [
                (r["base"][f], r[name][f]) for r in results.values() if name in r and r["base"][f] is not None
            ]
            right = sum(1 for _b, p in judged if p)
            lost = sum(1 for b, p in judged if b and not p)
            share = right / len(judged) if judged else 0.0
            cells.append(f"{share:.3f} lost {lost:>3}".rjust(18))
        lines.append(f"{name:<12}  " + "  ".join(cells))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", default="realpages")
    ap.add_argument("--gold", nargs="*", default=None, help="annotation TSVs (default: all but the held-out)")
    ap.add_argument("--only", default=None, help="comma-separated perturbations (default: all)")
    ap.add_argument("--show", nargs=2, metavar=("NAME", "FIELD"), help="list the pages NAME loses on FIELD")
    args = ap.parse_args(argv)
    from policykg.gazetteer import default_gazetteer

    paths = args.gold or [
        p for p in sorted(map(str, Path("bench/data").glob("real_pages_*.tsv"))) if p not in HELDOUT_GOLD
    ]
    names = ["base", *[n for n in (args.only.split(",") if args.only else PERTURBATIONS) if n != "base"]]
    unknown = [n for n in names if n not in PERTURBATIONS]
    if unknown:
        ap.error(f"unknown perturbation(s): {', '.join(unknown)}; known: {', '.join(PERTURBATIONS)}")
    results = run(read_gold(paths), Path(args.pages), names, default_gazetteer())
    print("\n".join(table(results, names)))
    if args.show:
        name, field = args.show
        for page, r in results.items():
            if name in r and r["base"].get(field) and not r[name].get(field):
                print(f"{page}\t{r['base'].get('title_got')!r} -> {r[name].get('title_got')!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
