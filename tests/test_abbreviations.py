"""Abbreviations in the corpus's own words (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.abbreviations import to_corpus_words
from qa_bot.terms import TermStats

ACME = TermStats(["Chief Executive Jane Morales called the results a turning point.",
                  "Chief Financial Officer Raj Patel warned of shortages.",
                  "The UN envoy met EU ministers."])


@pytest.mark.parametrize(("question", "expected"), [
    ("Who is Acme's CEO?", "Who is Acme's chief executive?"),
    ("Who is the CFO?", "Who is the chief financial officer?"),
    # the corpus writes "UN" and "EU": the spelled-out forms become those
    ("What did the United Nations envoy do?", "What did the UN envoy do?"),
    ("Whom did european union ministers meet?", "Whom did EU ministers meet?"),
    # forms the corpus uses, or whose other form it does not use either, stay
    ("Who is the chief executive?", "Who is the chief executive?"),
    ("Who is the COO?", "Who is the COO?"),
    ("What did the UN envoy say?", "What did the UN envoy say?"),
    # only the abbreviation as a word, as written
    ("Who is the CEOs' union?", "Who is the CEOs' union?"),
    ("Is the ceo here?", "Is the ceo here?"),
])
def test_questions_use_the_corpus_form(question, expected) -> None:
    assert to_corpus_words(question, ACME) == expected
