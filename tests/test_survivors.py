"""Who survives someone, as an obituary lists them (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.survivors import asks_survivors, survivors


@pytest.mark.parametrize(("question", "asks"), [
    ("Who survived vasquez hart?", True), ("Who are her survivors?", True),
    ("Who is Vasquez-Hart survived by?", True),
    # who lived through something is another question, answered by the models
    ("How many people survived the crash?", False), ("What did she survive?", False),
])
def test_a_question_asking_who_survives_someone(question, asks) -> None:
    assert (asks_survivors(question) is not None) == asks


def test_the_list_of_survivors() -> None:
    text = ("She is survived by her son, Daniel; a daughter, Isabel Hart-Moreno, a "
            "pediatrician in Calloway; a sister, Rosa Vasquez; and six grandchildren.")
    a, b = survivors(text)  # type: ignore[misc]
    assert text[a:b].startswith("her son, Daniel;") and text[a:b].endswith("grandchildren")
    assert survivors("Forty passengers survived the crash.") is None
