"""The build never fails on odd input and is deterministic."""

from __future__ import annotations

from graph_helpers import make_doc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.build import build_graph

# characters the extractors react to, mixed with plain Han text
ALPHABET = list(
    "“”《》〈〉()（）、,。;:党支部委局镇社区省市县区人以上每月年元次号〔〕0123456789简称行动课堂驿站·——老党员同志书记王李张"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=80), min_size=1, max_size=4))
def test_build_survives_arbitrary_text(paragraphs: list[str]) -> None:
    doc = make_doc(
        "x", paragraphs, title="".join(paragraphs)[:30], region="吉林市", issuers=["中共吉林市委老干部局"]
    )
    kg = build_graph([doc])
    assert all(e.evidence for e in kg.edges())
    assert set(kg.annotations) == {c.id for c in doc.clauses}


def test_empty_inputs() -> None:
    assert build_graph([]).stats()["entities"] == 0
    bare = make_doc("e", [], title="")
    kg = build_graph([bare])
    assert kg.entity("document:e") is not None
    assert kg.edges() == []


def test_deterministic() -> None:
    paragraphs = [
        "开展“银龄先锋·松江行动”党建品牌创建活动。(简称“12”工作机制)",
        "桦甸市红石砬子镇离退休党支部积极推行“三联三帮”工作法,老党员王德厚同志带头。",
        "落实《关于进一步加强和改进离退休干部工作的意见》(中办发〔2016〕3号),3号文件要求党员人数5人以上的建立支部。",
    ]
    a = build_graph([make_doc("d", paragraphs, title="通知", region="吉林市")]).to_dict()
    b = build_graph([make_doc("d", paragraphs, title="通知", region="吉林市")]).to_dict()
    assert a == b
