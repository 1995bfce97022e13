"""Who runs a body, as news titles its head (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.leaders import asked_leader, stated_leader


@pytest.mark.parametrize(("question", "body"), [
    ("Who runs Halvern?", "Halvern"),
    ("Who leads the RMT?", "RMT"),
    ("who heads the museum", "museum"),
    ("Who is the boss of Acme?", "Acme"),
    # not a question for a body's head
    ("Who won the race?", None),
    ("Who runs?", None),
])
def test_a_question_asking_who_runs_a_body(question, body) -> None:
    assert asked_leader(question) == body


@pytest.mark.parametrize(("text", "body", "name"), [
    ('"It is the day," said Margaret Osei, Halvern\'s chief executive, in an interview.',
     "Halvern", "Margaret Osei"),
    ("TUC general secretary Paul Naylor said the law would be challenged.", "TUC",
     "Paul Naylor"),
    ("said Mick Rowan, 61, the general secretary of the RMT, to reporters", "RMT",
     "Mick Rowan"),
    ("Museum director Annelies Brouwer, 58, said staff were heartbroken.", "museum",
     "Annelies Brouwer"),
    ("Kerrigan, 41, who is now Nimbyx's chief executive, said it.", "Nimbyx", "Kerrigan"),
    # no head titled, or another body's
    ("The RMT said its members would strike.", "RMT", None),
    ("TUC general secretary Paul Naylor spoke.", "RMT", None),
    ("He met the chief executive of Halvern.", "Halvern", None),
])
def test_the_person_titled_as_the_bodys_head(text, body, name) -> None:
    got = stated_leader(text, body)
    assert (text[got[0]:got[1]] if got else None) == name
