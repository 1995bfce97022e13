"""A match's score (``qa_bot.scores``)."""

from __future__ import annotations

import pytest

from qa_bot.scores import asks_score, score_spans
from qa_bot.types import Sentence


@pytest.mark.parametrize(("question", "asks"), [
    ("What was the score?", True),
    ("What was the final score of Super Bowl 50?", True),
    ("By what score did Riverton win?", True),
    ("What was the scoreline?", True),
    ("How many points did the Broncos score?", False),  # a number of points
    ("Who got a touchdown making the score 10-7?", False),  # a person
    ("What was the episode name of Simpson's first Doctor Who score?", False),
])
def test_which_questions_ask_for_a_score(question: str, asks: bool) -> None:
    assert asks_score(question) is asks


@pytest.mark.parametrize(("text", "scores"), [
    ("Riverton FC beat Harlow United 2-1 on Saturday.", ["2-1"]),
    ("The Broncos defeated the Steelers in the divisional round, 23–16, by scoring late.",
     ["23–16"]),
    ("Castlebury won the other semifinal 3-0 against Norwick.", ["3-0"]),
    ("The war of 1939-45 cost 1,000-2,000 lives a day.", []),  # a range of years, of numbers
    ("Doses of 2.5-3 mg and 20-25% of the vote.", []),
])
def test_scores_in_a_sentence(text: str, scores: list[str]) -> None:
    s = Sentence("d", 10, 10 + len(text), text)
    spans = score_spans(s)
    assert [e.text for e in spans] == scores
    assert all(text[e.start - 10:e.end - 10] == e.text for e in spans)
