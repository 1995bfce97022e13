"""``bench nearmiss``: what is cut from a paragraph, and the separation figure."""

from __future__ import annotations

from qa_bot.bench.nearmiss import auroc
from qa_bot.squad import cut_answers

TEXT = "The talks ended in December. Churkin called them worthwhile. Ban Ki-moon got the report."
SPANS = [(0, 28), (29, 60), (61, 89)]


def test_only_the_sentences_holding_an_answer_are_cut() -> None:
    assert [TEXT[a:b] for a, b in SPANS][1] == "Churkin called them worthwhile."
    assert cut_answers(TEXT, SPANS, ["worthwhile"]) == \
        "The talks ended in December. Ban Ki-moon got the report."
    assert cut_answers(TEXT, SPANS, ["Ki-moon"]) == \
        "The talks ended in December. Churkin called them worthwhile."


def test_nothing_to_cut_or_nothing_left_gives_none() -> None:
    assert cut_answers(TEXT, SPANS, ["Kostunica"]) is None  # no sentence holds it
    # an answer in two sentences: both go
    assert cut_answers("A said yes. B said yes. C said no.", [(0, 11), (12, 23), (24, 34)],
                       ["yes"]) == "C said no."
    assert cut_answers("A said yes. B said yes.", [(0, 11), (12, 23)], ["yes"]) is None


def test_auroc_counts_pairs_and_ties_half() -> None:
    assert auroc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auroc([0.1], [0.9]) == 0.0
    assert auroc([0.5], [0.5]) == 0.5
    assert auroc([], [0.1]) is None
