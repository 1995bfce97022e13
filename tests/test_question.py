"""Cleaning the user's question before anything reads it."""

from __future__ import annotations

import pytest

from qa_bot.question import QuestionError, clean_question


@pytest.mark.parametrize(("typed", "clean"), [
    ("whos russias ambassador to the un", "who's russias ambassador to the un"),
    ("Whats Kosovo's status?", "What's Kosovo's status?"),
    ("  hows it   going ", "how's it going"),
    # words that only look so stay: "whose", "showers", "Thomas"
    ("Whose support? showers, Thomas", "Whose support? showers, Thomas"),
])
def test_a_question_word_run_into_is_gets_its_apostrophe(typed: str, clean: str) -> None:
    assert clean_question(typed) == clean


def test_empty_and_wordless_questions_are_refused() -> None:
    for q in ("", "   ", "?!"):
        with pytest.raises(QuestionError):
            clean_question(q)


@pytest.mark.slow
def test_whos_reads_as_a_who_question(seeds_bot) -> None:
    """It had read as a search and answered with the whole sentence."""
    assert seeds_bot.ask("whos russias ambassador to the un").text == "Vitaly Churkin"


def test_a_lone_surrogate_is_cleaned_out() -> None:
    # bytes decoded with surrogateescape leave "\udcff", which the tokenizer cannot read
    assert clean_question("How much did it cost?\udcff") == "How much did it cost?"
    assert clean_question("How\udcffmuch?") == "How much?"
