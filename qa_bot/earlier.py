"""A figure's earlier value, as news gives it beside the new one.

News reports a change with both values in one sentence: "Net income climbed to $214 million
... from $181 million ... a year earlier", "raised its forecast to $4.30 ..., up from a
previous range of $4.10 to $4.25", "sales of $2.31 billion, compared with $2.24 billion".
The span model weighs nearness to the question's words, which both values share: "What was
net income a year earlier?" was answered "$214 million" (0.97), the new value. A question
that asks for the value before ("a year earlier", "last year", "previous", "originally") is
answered from the phrase that gives it, opened by "from", "compared with" or "versus" and
running to the end of its clause, when a figure of the asked kind stands before that phrase
(else "from" is not a comparison: "revenue from its snack unit was $1.2 billion") and the
sentence makes no other such comparison.
"""

from __future__ import annotations

import re

from .terms import terms
from .types import Entity, Sentence

# "before" alone is a time ("before the vote"), not an earlier value
_ASKS_EARLIER = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|ago|before)|last\s+(?:year|quarter|month|season)|"
    r"(?:the\s+)?(?:year|quarter|month)\s+before|previous(?:ly)?|prior|earlier|originally|"
    r"initially|formerly)\b", re.I)
_OPENS = re.compile(r"\b(?:(?:up|down)\s+)?from\b|\bcompared\s+(?:with|to)\b|\bversus\b|"
                    r"\bvs\.?(?!\w)", re.I)
# where the phrase ends: a clause's end, or a turn to another subject
_ENDS = re.compile(r"[;:]|,\s+(?:while|whereas|but|and)\b|\s+(?:while|whereas)\b", re.I)
_REACH = 6  # words between the opening word and the figure it gives ("a previous range of")


def asks_earlier(question: str) -> bool:
    """Whether the question asks for a value as it was before ("What were sales a year
    earlier?")."""
    return bool(_ASKS_EARLIER.search(question))


def earlier_phrase(sentence: Sentence, figures: list[Entity]) -> tuple[int, int] | None:
    """Document offsets of the phrase giving the earlier value of a figure: the one "from"/
    "compared with"/"versus" followed within a few words by one of ``figures``, to the end of
    its clause, when another of ``figures`` stands before it; None for no such phrase, or for
    two (which figure's earlier value is asked is then a matter for the models: "Revenue
    rose to $2.9 billion from $2.7 billion, while costs fell to $1.1 billion from $1.3
    billion")."""
    text, base = sentence.text, sentence.start
    found = []
    for m in _OPENS.finditer(text):
        after = [e for e in figures if e.start >= base + m.end()]
        if not after:
            continue
        first = min(after, key=lambda e: e.start)
        if len(text[m.end():first.start - base].split()) > _REACH:
            continue
        if any(e.end <= base + m.start() for e in figures):  # something to compare with
            end = _ENDS.search(text, first.end - base)
            found.append((base + m.start(), base + (end.start() if end else len(text))))
    return found[0] if len(found) == 1 else None


def earlier_figure(sentence: Sentence, figures: list[Entity], question: str
                   ) -> Entity | None:
    """The figure of the earlier-value phrase (:func:`earlier_phrase`) the question asks for:
    the one whose words (it and those up to the next figure) hold a word of the question
    ("94 cents a share" for "What were earnings per share a year earlier?"), else the first
    ("$181 million" for "What was net income a year earlier?"); None for no such phrase."""
    phrase = earlier_phrase(sentence, figures)
    if phrase is None:
        return None
    a, b = phrase
    inside = sorted((e for e in figures if a <= e.start and e.end <= b), key=lambda e: e.start)
    asked = set(terms(_ASKS_EARLIER.sub(" ", question)))
    base = sentence.start
    for e, nxt in zip(inside, [*(x.start for x in inside[1:]), b], strict=True):
        if set(terms(sentence.text[e.start - base:nxt - base])) & asked:
            return e
    return inside[0]


def at_figure(spans: list[Entity], figure: Entity, figures: list[Entity]) -> list[int]:
    """The indexes of ``spans`` that give ``figure``: overlapping it, not opening with the
    comparison ("from $181 million") and holding no other of ``figures`` ("$181 million, or
    94 cents")."""
    return [k for k, e in enumerate(spans)
            if e.start < figure.end and figure.start < e.end and not _OPENS.match(e.text)
            and not any((f.start, f.end) != (figure.start, figure.end)
                        and e.start <= f.start and f.end <= e.end for f in figures)]
