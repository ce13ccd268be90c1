"""The untyped-prose decision (ingest.webtype): its table and what it decides on pages of each kind."""

from __future__ import annotations

from ingest import webtype
from ingest.pipeline import read_bytes


def _cues(title: str, body: list[str], **kw: object) -> webtype.PageCues:
    return webtype.PageCues(
        title=title,
        body=tuple(body),
        source=str(kw.get("source", "")),
        byline=bool(kw.get("byline", False)),
        text="\n".join([title, *body]),
    )


def test_every_feature_has_a_fitted_weight_and_every_weight_a_feature() -> None:
    names = set(webtype.features(_cues("标题", ["正文。"])))
    assert names == set(webtype.weights())
    assert all(len(w) == len(webtype.KINDS) for w in webtype.weights().values())


def test_the_probabilities_of_the_kinds_sum_to_one() -> None:
    probs = webtype.probabilities(webtype.features(_cues("标题", ["正文。"])))
    assert set(probs) == set(webtype.KINDS)
    assert abs(sum(probs.values()) - 1) < 1e-9


def test_a_dated_report_with_a_reporter_is_news() -> None:
    cues = _cues(
        "青松县老干部局举办书画展",
        ["10月8日上午，青松县老干部局在县文化馆举办离退休干部书画展。", "据了解，此次展览共展出作品120幅。"],
        source="青松日报",
        byline=True,
    )
    assert webtype.decide(cues) == webtype.NEWS


def test_a_unit_presenting_its_numbered_practices_is_an_experience_write_up() -> None:
    body = [
        "近年来，青松县委老干部局坚持以党建为引领，着力健全离退休干部党组织体系，不断完善服务机制。",
        "一是坚持健全组织体系。持续抓好离退休干部党支部标准化建设。",
        "二是注重强化阵地建设。积极搭建学习活动平台，切实提升服务质量。",
        "三是着力完善服务机制。深化“银发先锋”品牌建设，建立常态化走访制度。",
    ]
    assert webtype.decide(_cues("青松县：念好“三字诀” 激活银发力量", body)) == webtype.EXPERIENCE


def test_the_pipeline_types_an_untyped_page_with_the_model() -> None:
    text = (
        "青松县：念好“三字诀” 激活银发力量\n"
        "近年来，青松县委老干部局坚持以党建为引领，着力健全离退休干部党组织体系，不断完善服务机制。\n"
        "一是坚持健全组织体系。持续抓好离退休干部党支部标准化建设。\n"
        "二是注重强化阵地建设。积极搭建学习活动平台，切实提升服务质量。\n"
        "三是着力完善服务机制。深化品牌建设，建立常态化走访制度。\n"
    )
    assert read_bytes("e.txt", text.encode("utf-8"))[0].doc_type == webtype.EXPERIENCE


def test_a_retirees_memoir_in_his_own_voice_is_other() -> None:
    body = [
        "我是一九八五年从县里退下来的，那年我五十八岁。",
        "记得刚退休那会儿，我心里空落落的，老伴劝我去老年大学学书法，我才慢慢找回了日子的滋味。",
        "这些年我最难忘的，是和老同学们一起回到当年插队的村子，看到父亲种过的那片地如今成了果园。",
        "人生走到这个岁数，我常想，往事像一本翻旧了的书，越读越有味道。",
    ]
    assert webtype.decide(_cues("", body)) == webtype.OTHER


def test_an_argued_piece_with_a_papers_title_is_a_theory_article() -> None:
    body = [
        "新时代离退休干部党建工作必须坚持党的全面领导，这是做好工作的根本前提。",
        "一、充分认识做好离退休干部党建工作的重要意义",
        "离退休干部党组织是党的组织体系的重要组成部分，必须在思想上高度重视，应当把它摆在突出位置。",
        "二、探索完善离退休干部党建工作的路径与机制",
        "要坚持问题导向，如何把分散居住的党员组织起来，是需要深入思考的课题，必须构建常态化的工作体系。",
    ]
    cues = _cues("关于新时代离退休干部党建的思考", body)
    assert webtype.decide(cues) == webtype.THEORY
