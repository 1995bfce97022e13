"""A who-question's deed, answered where news names the doer by the noun for it."""

from __future__ import annotations

import pytest

from qa_bot.agents import CONVENTIONS, asked_doer, doer


@pytest.mark.parametrize(("question", "nouns"), [
    ("Who bought the painting?", ("buyer", "purchaser")),
    ("who has bought the club", ("buyer", "purchaser")),
    ("Who made the sensor?", ("maker", "manufacturer")),
    ("Who co-founded the company?", ("founder", "co-founder")),
    ("Who sold it?", ("seller", "vendor")),
    # not a deed a doer's noun names, or not a who-question
    ("Who found the body?", None),  # "find", not "found"
    ("Who leads the party?", None),  # leaders.py
    ("What did the buyer pay?", None),
    ("Who is the buyer?", None),
])
def test_the_doer_a_question_asks_about(question, nouns) -> None:
    deed = asked_doer(question)
    assert (deed.nouns if deed else None) == nouns


def test_what_was_done_is_the_rest_of_the_question() -> None:
    assert asked_doer("Who bought the painting?").done == "the painting"  # type: ignore[union-attr]


def _first(text: str, nouns: tuple[str, ...]) -> str | None:
    for k in range(CONVENTIONS):
        found = doer(text, nouns, k)
        if found is not None:
            return text[found[0]:found[1]]
    return None


@pytest.mark.parametrize(("text", "nouns", "expected"), [
    ("The buyer was the Lisbon-based Fundação Moreira, a private foundation set up by the "
     "shipping magnate Rui Moreira.", ("buyer",), "the Lisbon-based Fundação Moreira"),
    ("The seller was the estate of the American collector Harold J. Whitcombe, who bought "
     "the work in 1958.", ("seller",), "the estate of the American collector Harold J. "
     "Whitcombe"),
    ("The sensor's manufacturer, Toulouse-based Meravion, said it was cooperating.",
     ("maker", "manufacturer"), "Toulouse-based Meravion"),
    ("Apple co-founder Steve Wozniak said the phone was fine.", ("founder", "co-founder"),
     "Steve Wozniak"),
    # no name: a description is no doer, nor a possessive's noun ("the buyer's premium")
    ("The buyer was a private foundation.", ("buyer",), None),
    ("The final figure includes the buyer's premium.", ("buyer",), None),
])
def test_the_doer_a_sentence_names(text, nouns, expected) -> None:
    assert _first(text, nouns) == expected
