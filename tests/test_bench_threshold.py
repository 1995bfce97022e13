"""``bench threshold``: the utility of a threshold, on hand-made outcomes (no models)."""

from __future__ import annotations

import pytest

from qa_bot.bench.threshold import outcomes, utility

# (confidence, stands by rule, answered at threshold 0, sentence right, should abstain)
ROWS = [
    (0.9, False, True, True, False),   # right, confident
    (0.1, False, True, True, False),   # right, unsure
    (0.2, False, True, False, False),  # wrong, unsure
    (0.05, True, True, True, False),   # right by rule, whatever the confidence
    (0.3, False, True, False, True),   # an answer to an unanswerable question
    (0.0, False, False, False, True),  # abstained even at 0
]


@pytest.mark.parametrize(("t", "c", "expected"), [
    (0.0, 1.0, (1 + 1 - 1 + 1 - 1) / 6),
    (0.25, 1.0, (1 + 1 - 1) / 6),        # the unsure ones abstain; the rule's answer stands
    (0.25, 0.5, (1 + 1 - 0.5) / 6),
    (0.95, 2.0, 1 / 6),                 # only the rule's answer is given
])
def test_utility_counts_right_wrong_and_rule_answers(t, c, expected) -> None:
    assert utility(ROWS, t, c) == pytest.approx(expected)


def test_outcomes_ask_twice_and_restore_the_threshold() -> None:
    from types import SimpleNamespace

    from qa_bot.types import Answer

    class Bot:
        selector = SimpleNamespace(abstain_threshold=0.25)

        def ask(self, question, history=None):
            t = self.selector.abstain_threshold
            conf = 0.4
            if conf < t:
                return Answer("The articles don't say.", "", [], conf, True, question, "", [])
            return Answer("x", "x y", [], conf, False, question, "", [])

        def retrieve(self, question, k=5):
            return []

    from qa_bot.evaluation import EvalItem

    bot = Bot()
    items = [EvalItem(id="a", question="q?", answers=["x"], doc_id="d", evidence=[],
                      type="single")]
    (row,) = outcomes(bot, items)
    assert row == (0.4, False, True, True, False)  # answered at 0, not by rule at 1
    assert bot.selector.abstain_threshold == 0.25
