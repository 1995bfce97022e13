"""A match's score, as sports news writes it: "beat Harlow United 2-1", "a 24–10 lead".

"What was the score?" is the first question asked of a match report, and no fitted part of
the selector can answer it: the tagger splits "3-0" into two numbers or runs "2-1" into a
team's name ("Harlow United 2-1", a PERSON), and the question's type is "other". The
span model had answered "88th minute". A question that asks for a score is answered, where
the chosen sentence holds one, by the score.
"""

from __future__ import annotations

import re

from .types import Entity, Sentence

SCORE = "SCORE"  # the label of a score span
# "What was the score?", "What was the final score?", "By what score did they win?", "What
# was the scoreline?"; not "How many points did he score?" (a verb: the number of points)
_ASKS = re.compile(r"\b(?:what|which)\s+(?:was|were|is|'s)\s+the\s+(?:final\s+|full-time\s+|"
                   r"half-?time\s+)?(?:score|scoreline)\b|\b(?:by|with)\s+what\s+"
                   r"(?:score|scoreline)\b|\bwhat\s+(?:score|scoreline)\b|\bthe\s+(?:final\s+)?"
                   r"score\s+(?:of|in|at)\b", re.I)
# two goal or point counts joined by a hyphen or dash, not a year's range ("1939-45") nor a
# part of a longer number or word; a run of them is one score (a tennis match's sets,
# "6-7(5) 6-4 7-6(3) 3-6 6-2")
_ONE = r"\d{1,3}\s?[-–—]\s?\d{1,3}(?:\s?\(\d{1,2}\))?"
_SCORE = re.compile(rf"(?<![\w/-])(?<!\d[.,]){_ONE}(?:(?:,\s?|\s){_ONE})*(?![\w/%-]|[.,]\d)")


def asks_score(question: str) -> bool:
    """Whether the question asks for a match's score."""
    return bool(_ASKS.search(question))


def score_spans(sentence: Sentence) -> list[Entity]:
    """The scores a sentence gives ("2-1", "24–10"), as spans labelled ``SCORE``."""
    return [Entity(sentence.start + m.start(), sentence.start + m.end(), SCORE, m.group())
            for m in _SCORE.finditer(sentence.text)]
