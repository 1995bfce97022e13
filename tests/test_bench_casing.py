"""``bench casing``: the same questions as written, lowercased and in capitals."""

from __future__ import annotations

from types import SimpleNamespace

from qa_bot.bench.casing import VARIANTS
from qa_bot.bench.variants import compare
from qa_bot.evaluation import EvalItem


class CaseSensitiveBot:
    """Answers "Paris" only when the question spells "France" with its capital, and reports
    which truecasing it was asked with."""

    truecase = None

    def ask(self, question: str, history=None, exclude_docs=None):
        right = "France" in question
        return SimpleNamespace(text="Paris" if right else "", sentence="Paris is in France."
                               if right else "", abstained=not right, confidence=0.9,
                               search_query=question, question_type="place", citations=[])

    def retrieve(self, question: str, k: int = 5):
        return []


def items() -> list[EvalItem]:
    return [EvalItem("q1", "Where is the capital of France?", ["Paris"], "d", [(0, 5)],
                     "answerable"),
            EvalItem("q2", "What is the capital of Mars?", [], None, [], "unanswerable",
                     should_abstain=True)]


def test_each_variant_is_asked_and_the_changed_answers_listed() -> None:
    bot = CaseSensitiveBot()
    out = compare(bot, items(), VARIANTS, truecase=False)
    assert bot.truecase is False  # the switch the pipeline reads
    assert out["as written"]["sentence_accuracy"] == 1.0
    assert out["as written"]["answers_differing_from_as_written"] == 0
    for name in ("lowercase", "capitals"):
        assert out[name]["sentence_accuracy"] == 0.0
        assert out[name]["abstention_recall"] == 1.0
        assert out[name]["differing"] == [{
            "question": {"lowercase": "where is the capital of france?",
                         "capitals": "WHERE IS THE CAPITAL OF FRANCE?"}[name],
            "should_abstain": False, "as_written": "Paris", "now": "(abstained)"}]
