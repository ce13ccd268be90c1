"""The review report lists every entity by type with an evidence snippet, and the facts."""

from __future__ import annotations

from graph_helpers import make_doc

from graph.build import build_graph
from graph.report import render_report


def test_report_lists_entities_by_type_with_snippets() -> None:
    doc = make_doc(
        "r",
        [
            "开展“银龄先锋·松江行动”党建品牌创建活动,增强“四个意识”。",
            "桦甸市红石砬子镇离退休党支部积极推行“三联三帮”工作法。",
            "单位离退休干部党员人数7人以上的,要建立党支部。",
        ],
        title="关于开展“银龄先锋·松江行动”党建品牌创建活动的实施意见",
        region="吉林省",
        issuers=["中共吉林省委老干部局"],
    )
    kg = build_graph([doc])
    report = render_report(kg, [doc])
    sections = [line for line in report.splitlines() if line.startswith("## ")]
    assert [s.split(" (")[0].split(" —")[0] for s in sections][:3] == [
        "## 项目/品牌",
        "## 概念/提法",
        "## 组织机构",
    ]
    assert "## 数量事实 (facts) — 1" in report
    assert "【银龄先锋·松江行动】" in report  # the snippet marks the name in its clause
    assert "【红石砬子镇离退休党支部】" in report
    for e in kg.entities():
        assert f"[{e.id}]" in report
    # without documents only clause ids are shown
    bare = render_report(kg)
    assert "【" not in bare and "r:0001" in bare
