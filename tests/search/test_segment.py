"""The segmenter adapter: rjieba must be token-identical to the jieba reference."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from policykg.text import fold
from search.analysis import analyze_folded
from search.segment import Segmenter, domain_words, get_segmenter, user_word_candidates

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    s = get_segmenter(("支部力量·红枫行动", "中共福州市委离退休干部工作委员会", "枫叶驿站"))
    s.reference()  # build the jieba reference once for the module
    return s


def corpus_texts() -> list[str]:
    return [fold(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]


def random_texts(n: int = 400, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    text = "".join(corpus_texts())
    alphabet = list(
        "的一是了不人在有这个上们来到时大地为子中你说生国年着就那和要出也得里后自以会离退休干部党支部建设"
    )
    alphabet += list("abcXYZ0123456789 .-_%#&+\t\n，。！？“”《》〔〕()（）·、；：😀①Ⅱａ１")
    out = []
    for i in range(n):
        if i % 2:
            out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))))
        else:
            start = rng.randrange(len(text))
            piece = text[start : start + rng.randint(0, 300)]
            out.append("".join(c if rng.random() > 0.05 else rng.choice(alphabet) for c in piece))
    return out


def test_backends_identical_on_corpus_han_runs(seg: Segmenter) -> None:
    for text in corpus_texts():
        for run in HAN_RUN.findall(text):
            assert seg.tokenize(run, "rjieba") == seg.tokenize(run, "jieba"), run
            assert seg.tokenize_search(run, "rjieba") == seg.tokenize_search(run, "jieba"), run


def test_backends_identical_on_whole_corpus_documents(seg: Segmenter) -> None:
    # On whole texts (punctuation, digits, Latin) raw tokens agree on the seeds too
    for text in corpus_texts():
        assert seg.tokenize(text, "rjieba") == seg.tokenize(text, "jieba")


def test_backends_identical_on_random_han_text(seg: Segmenter) -> None:
    for text in random_texts():
        for run in HAN_RUN.findall(text):
            assert seg.tokenize_search(run, "rjieba") == seg.tokenize_search(run, "jieba"), run


def test_analyzer_terms_identical_for_both_backends_on_any_text(seg: Segmenter, monkeypatch) -> None:
    """Raw tokens may differ on ASCII runs like 5.X5; the analyzer's terms must not."""
    texts = random_texts(300, seed=11) + corpus_texts()

    def terms(backend: str) -> list[list[tuple]]:
        monkeypatch.setattr(seg, "backend", backend)
        return [analyze_folded(t, seg) for t in texts]

    assert terms("rjieba") == terms("jieba")


def test_raw_backends_do_differ_on_ascii_runs(seg: Segmenter) -> None:
    # documents why the analyzer re-splits non-Chinese tokens itself
    assert seg.tokenize("5.X5", "rjieba") != seg.tokenize("5.X5", "jieba")


@pytest.mark.parametrize("word", ["红枫行动", "本色家园", "银发人才", "三会一课", "离退休干部", "党建品牌"])
def test_domain_words_stay_whole(seg: Segmenter, word: str) -> None:
    assert word in domain_words()
    assert word in seg.cut(f"开展{word}工作，推动{word}落实")


def test_entity_pieces_become_words(seg: Segmenter) -> None:
    assert "枫叶驿站" in seg.cut("创建枫叶驿站活动")
    # long compositional names are not made single words (phrase queries need their parts)
    assert "中共福州市委离退休干部工作委员会" not in seg.cut("中共福州市委离退休干部工作委员会")


def test_user_word_candidates() -> None:
    assert user_word_candidates(["支部力量·红枫行动", "红枫行动", "", "1335", "党"]) == [
        "支部力量",
        "红枫行动",
    ]


def test_get_segmenter_is_cached_per_dictionary() -> None:
    a = get_segmenter(("枫叶驿站", "本色家园"))
    b = get_segmenter(("本色家园", "枫叶驿站", "一个超过六个字的很长的名字"))
    assert a is b
    assert get_segmenter() is not a
    assert a.fingerprint != get_segmenter().fingerprint
