"""Tiny hand-made documents for the search tests (no dependency on ingest or graph)."""

from __future__ import annotations

from policykg.model import Clause, ClauseAnnotation, Document, RegionRef
from policykg.text import fold

LIAONING = RegionRef(id="region:210000", name="辽宁省", level="province", code="210000", path=("辽宁省",))
SHENYANG = RegionRef(
    id="region:210100", name="沈阳市", level="city", code="210100", path=("辽宁省", "沈阳市")
)
ZHENXING = RegionRef(
    id="region:210603", name="振兴区", level="county", code="210603", path=("辽宁省", "丹东市", "振兴区")
)
ZAOZHUANG = RegionRef(
    id="region:370400", name="枣庄市", level="city", code="370400", path=("山东省", "枣庄市")
)
FUZHOU = RegionRef(id="region:350100", name="福州市", level="city", code="350100", path=("福建省", "福州市"))


def make_doc(
    doc_id: str,
    title: str,
    clauses: list[str | tuple[str, list[str]]],
    *,
    script: str = "simplified",
    region: RegionRef | None = None,
    doc_no: str | None = None,
    doc_type: str | None = "通知",
    date: str | None = "2020-02-25",
    issuers: list[str] | None = None,
) -> Document:
    cls = []
    body = []
    pos = 0
    for i, item in enumerate(clauses, start=1):
        text, path = (item, []) if isinstance(item, str) else item
        cls.append(
            Clause(
                id=f"{doc_id}:{i:04d}",
                doc_id=doc_id,
                ordinal=i,
                text=text,
                search_text=fold(text, script),  # type: ignore[arg-type]
                path=list(path),
                start=pos,
                end=pos + len(text),
            )
        )
        body.append(text)
        pos += len(text) + 2
    text = "\n\n".join(body)
    return Document(
        id=doc_id,
        title=title,
        text=text,
        search_text=fold(text, script),  # type: ignore[arg-type]
        source=f"{doc_id}.txt",
        sha256="0" * 64,
        script=script,  # type: ignore[arg-type]
        doc_no=doc_no,
        issuers=issuers or [],
        date=date,
        doc_type=doc_type,
        region=region,
        clauses=cls,
    )


def corpus() -> tuple[list[Document], dict[str, ClauseAnnotation]]:
    ln = make_doc(
        "ln",
        "关于开展“支部力量·红枫行动”党建品牌创建活动的实施意见",
        [
            "为深入贯彻党的十九大精神，现就在全省离退休干部中开展“支部力量·红枫行动”党建品牌创建活动，提出如下实施意见。",
            ("认真落实“三会一课”制度，推动离退休干部党支部规范化建设。", ["二、主要内容"]),
            ("创建“枫叶驿站”，为老同志提供学习活动场所。", ["二、主要内容", "（二）创建“枫叶驿站”"]),
        ],
        region=LIAONING,
        doc_no="辽老通字〔2020〕4号",
        issuers=["中共辽宁省委老干部局"],
        doc_type="实施意见",
    )
    sy = make_doc(
        "sy",
        "沈阳市老干部工作情况",
        [
            "沈阳市坚持党建引领，开展红枫行动，组织离退休干部参加学习。",
            "建立老党员学习活动积分制度，每月通报积分情况。",
        ],
        region=SHENYANG,
        doc_type="经验交流",
        date="2020-07-13",
        issuers=["沈阳市委老干部局"],
    )
    zx = make_doc(
        "zx",
        "振兴区离退休干部党建工作",
        ["振兴区推动离退休干部担任楼栋长，参与社区治理。"],
        region=ZHENXING,
        doc_type="经验交流",
        date="2020-07-13",
    )
    zz = make_doc(
        "zz",
        "三年三大主題,棗莊市離退休幹部黨建工作這麼幹!",
        [
            "2020年主題:“黨支部規範化建設”。查弱項、補短板、打基礎,加強離退休幹部黨組織規範化制度建設。",
            "保障離退休幹部黨組織工作經費,落實黨費返還政策。",
        ],
        script="traditional",
        region=ZAOZHUANG,
        doc_type="简报",
        date="2020-01-01",
    )
    fz = make_doc(
        "fz",
        "关于推进“1335”离退休干部党建工作机制的通知",
        [
            "为认真贯彻落实中办发〔2016〕3号、闽委办发〔2017〕6号、榕委办发〔2017〕27号文件精神，切实加强离退休干部党组织建设。",
            "党员人数3人以上的，可以单独建立离退休干部党支部；不足3人的，可以联合设立党支部。",
            "各级离退休干部党支部要落实支部换届改选制度，党支部每届任期三年。",
        ],
        region=FUZHOU,
        doc_no="榕离退工委〔2018〕4号",
        doc_type="通知",
        date="2018-05-01",
        issuers=["中共福州市委离退休干部工作委员会"],
    )
    # the document that carries 中办发〔2016〕3号 itself
    zb = make_doc(
        "zb",
        "关于进一步加强和改进离退休干部工作的意见",
        ["离退休干部是党和国家的宝贵财富。", "加强离退休干部党的建设，发挥正能量作用。"],
        doc_no="中办发〔2016〕3号",
        doc_type="意见",
        date="2016-02-01",
        issuers=["中共中央办公厅", "国务院办公厅"],
    )
    docs = [ln, sy, zx, zz, fz, zb]
    anns = {
        "ln:0001": ClauseAnnotation(clause_id="ln:0001", programs=["红枫行动"], region_path=["辽宁省"]),
        "sy:0001": ClauseAnnotation(
            clause_id="sy:0001", programs=["红枫行动"], region_path=["辽宁省", "沈阳市"]
        ),
        "zz:0001": ClauseAnnotation(
            clause_id="zz:0001", programs=["本色家园"], region_path=["山东省", "枣庄市"]
        ),
    }
    return docs, anns
