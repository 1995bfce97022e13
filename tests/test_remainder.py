"""'And the rest?': the other part of the breakdown the last answer was part of."""

from __future__ import annotations

import pytest

from qa_bot.remainder import asks_rest, gives_remainder, rest_clause


@pytest.mark.parametrize(("question", "rest"), [
    ("And the rest?", True),
    ("What about the others?", True),
    ("the remaining ones?", True),
    ("And the rest of them?", True),
    ("And the reason?", False),
    ("What about the rest of the money?", False),  # names what it asks about: a question
    ("Who are the others in the coalition?", False),
])
def test_a_question_asking_only_for_the_rest(question, rest) -> None:
    assert asks_rest(question) is rest


@pytest.mark.parametrize(("sentence", "answer", "rest"), [
    ("Of those, 212 were dead and 128 were taken to a wildlife centre in Lagos.", "212",
     "128 were taken to a wildlife centre in Lagos"),
    # a comma's clause before an "and" inside a noun phrase; the attribution left out
    ("Three were being treated for fractures and dehydration, and the rest were in good "
     "condition, the hospital said.", "Three", "the rest were in good condition"),
    ("It is made up of $3.2 million in cash and stock awards valued at $15.3 million, "
     "according to a filing.", "$3.2 million", "stock awards valued at $15.3 million"),
    # nothing joined to the answer
    ("The storm killed 12 people.", "12", None),
])
def test_the_clause_joined_to_the_answer(sentence, answer, rest) -> None:
    got = rest_clause(sentence, sentence.index(answer) + len(answer))
    assert (sentence[got[0]:got[1]] if got else None) == rest


def test_a_sentence_that_gives_the_remainder() -> None:
    assert gives_remainder("The remaining 400,000 are expected next week.")
    assert gives_remainder("Others were released on Friday.")
    assert not gives_remainder("The doses arrived on Wednesday.")
