"""Where someone works, read from the words around their name."""

from __future__ import annotations

import pytest

from qa_bot.affiliation import asked_worker, employer
from qa_bot.types import Entity, Sentence


def _sentence(text: str, *ents: tuple[str, str]) -> Sentence:
    out, pos = [], 0
    for name, label in ents:
        a = text.index(name, pos)
        out.append(Entity(a, a + len(name), label, name))
        pos = a + len(name)
    return Sentence("d", 0, len(text), text, out)


def test_which_questions_ask_where_someone_works() -> None:
    assert asked_worker("Where does Jensen work?") == "Jensen"
    assert asked_worker("Which law firm does Katrin Vogel work for?") == "Katrin Vogel"
    assert asked_worker("And who did she work for?") == "she"
    assert asked_worker("What else did Jensen work on?") is None
    assert asked_worker("Where does Jensen live?") is None


@pytest.mark.parametrize(("text", "ents", "who", "body"), [
    ('"They may eat better," said Dr. Karl Jensen, a cardiologist at Copenhagen University '
     "Hospital who was not involved.", (("Karl Jensen", "PERSON"),
                                        ("Copenhagen University Hospital", "ORG")),
     "Jensen", "Copenhagen University Hospital"),
    ("The researchers, led by Dr. Helen Marsh of the University of Edinburgh, tracked them.",
     (("Helen Marsh", "PERSON"), ("the University of Edinburgh", "ORG")), "Helen Marsh",
     "the University of Edinburgh"),
    ("Halvern's chief executive Margaret Osei said so.", (("Halvern", "ORG"),
                                                          ("Margaret Osei", "PERSON")),
     "Osei", "Halvern"),
    ("Margaret Osei, Halvern's chief executive, said so.", (("Margaret Osei", "PERSON"),
                                                            ("Halvern", "ORG")),
     "Osei", "Halvern"),
    ("Her longtime editor at Gyldendal, Per Amundsen, recalled it.", (("Gyldendal", "ORG"),
                                                                     ("Per Amundsen", "PERSON")),
     "Amundsen", "Gyldendal"),
    ("Osei, who works for Halvern, declined.", (("Osei", "PERSON"), ("Halvern", "ORG")),
     "Osei", "Halvern"),
])
def test_the_body_a_sentence_places_someone_at(text, ents, who, body) -> None:
    s = _sentence(text, *ents)
    got = employer(s, who)
    assert got is not None and text[got[0]:got[1]] == body


@pytest.mark.parametrize(("text", "ents", "who"), [
    ("Halvern sued Margaret Osei in May.", (("Halvern", "ORG"), ("Margaret Osei", "PERSON")),
     "Osei"),
    ("When she arrived at Gyldendal, Per Amundsen hired her.", (("Gyldendal", "ORG"),
                                                                ("Per Amundsen", "PERSON")),
     "Amundsen"),
    ("Margaret Osei, 61, met Halvern staff.", (("Margaret Osei", "PERSON"), ("Halvern", "ORG")),
     "Osei"),
    ("Karl Jensen, a cardiologist at Copenhagen University Hospital, said so.",
     (("Karl Jensen", "PERSON"), ("Copenhagen University Hospital", "ORG")), "Marsh"),
])
def test_no_body_where_the_sentence_places_them_at_none(text, ents, who) -> None:
    assert employer(_sentence(text, *ents), who) is None
