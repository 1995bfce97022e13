"""A figure's earlier value, from the phrase comparing with it (``qa_bot.earlier``)."""

from __future__ import annotations

import pytest

from qa_bot.earlier import asks_earlier, earlier_figure, earlier_phrase
from qa_bot.types import Entity, Sentence


def sentence(text: str, *figures: str, start: int = 100) -> tuple[Sentence, list[Entity]]:
    """A sentence at ``start`` of its document with each figure (first occurrence) tagged."""
    ents = []
    for f in figures:
        a = text.index(f)
        ents.append(Entity(start + a, start + a + len(f), "MONEY", f))
    return Sentence("d", start, start + len(text), text, ents), ents


@pytest.mark.parametrize(("question", "asks"), [
    ("What was net income a year earlier?", True),
    ("What were sales last year?", True),
    ("What was the previous forecast?", True),
    ("How much was the fee originally?", True),
    ("What was net income?", False),
    ("What did he say before the vote?", False),  # a time, not an earlier value
])
def test_which_questions_ask_for_the_value_before(question: str, asks: bool) -> None:
    assert asks_earlier(question) is asks


def test_the_earlier_value_is_in_the_phrase_comparing_with_it() -> None:
    text = ("Net income climbed to $214 million, or $1.12 a share, from $181 million, or 94 "
            "cents a share, a year earlier.")
    s, figs = sentence(text, "$214 million", "$1.12", "$181 million", "94 cents")
    a, b = earlier_phrase(s, figs)
    assert text[a - s.start:b - s.start] == (
        "from $181 million, or 94 cents a share, a year earlier.")
    # the first figure of it, unless the question's words are another's
    assert earlier_figure(s, figs, "What was net income a year earlier?").text == "$181 million"
    assert earlier_figure(s, figs, "What were earnings per share a year earlier?").text == \
        "94 cents"


def test_the_phrase_ends_with_its_clause_and_is_the_only_one() -> None:
    text = ("Revenue rose to $2.9 billion from $2.7 billion, while costs fell to $1.1 billion "
            "from $1.3 billion.")
    s, figs = sentence(text, "$2.9 billion", "$2.7 billion", "$1.1 billion", "$1.3 billion")
    assert earlier_phrase(s, figs) is None  # two comparisons: which is asked is not plain
    one = "Revenue rose to $2.9 billion from $2.7 billion, but the company cut its forecast."
    s2, figs2 = sentence(one, "$2.9 billion", "$2.7 billion")
    a, b = earlier_phrase(s2, figs2)
    assert s2.text[a - s2.start:b - s2.start] == "from $2.7 billion"


@pytest.mark.parametrize("text", [
    "Revenue from its snack unit was $1.2 billion.",  # "from" is where it came from
    "Prices rose sharply from the start of the year.",  # no figure after it
    "Sales rose, up from what analysts had been expecting for a very long time, to $5.",
])
def test_no_comparison_no_phrase(text: str) -> None:
    figs = [f for f in ("$1.2 billion", "$5") if f in text]
    s, ents = sentence(text, *figs)
    assert earlier_phrase(s, ents) is None
