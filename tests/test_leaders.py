"""Who runs a body, as news titles its head (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.leaders import (
    asked_holder,
    asked_leader,
    asked_titled,
    initials,
    its_leader,
    stated_leader,
)


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


@pytest.mark.parametrize(("question", "asked"), [
    ("Who is the chief executive of Calderon Biosciences?",
     ("Calderon Biosciences", "chief executive")),
    ("Who is Calderon's CEO?", ("Calderon", "ceo")),
    ("who was the chairman of the Acme Group", ("Acme Group", "chairman")),
    ("Who coaches Real Madrid?", ("Real Madrid", "coach")),
    ("Who is Whitmore's attorney?", ("Whitmore", "attorney")),
    # no title asked, or not a head's
    ("Who runs Halvern?", None),
    ("Who is the spokesman for Acme?", None),
    ("Who founded Calderon?", None),
])
def test_a_question_naming_the_heads_title(question, asked) -> None:
    assert asked_titled(question) == asked


@pytest.mark.parametrize(("text", "head", "about", "name"), [
    # an article about the company calls its head by the bare title ...
    ('"We keep investing," Chief Executive Margaret Okafor said on a call.',
     "chief executive", True, "Margaret Okafor"),
    ("CEO Margaret Okafor said it.", "chief executive", True, "Margaret Okafor"),
    # ... but not one another body's title names, nor where the article is about another
    ("Kestrel Chief Executive John Doe said it.", "chief executive", True, None),
    ('"We keep investing," Chief Executive Margaret Okafor said.', "chief executive",
     False, None),
    # nor another title than the one asked
    ("Chairman John Doe said it.", "chief executive", True, None),
    # nor a title a state's head has too (an article about a country may quote another's)
    ("President George W. Bush said it.", "president", True, None),
    # "the company's chief executive" stands for the body the article is about
    ("Rodrigo Salazar, the company's chief executive, said the firm would pay.", None, True,
     "Rodrigo Salazar"),
    ("Rodrigo Salazar, the company's chief executive, said the firm would pay.", None, False,
     None),
])
def test_the_head_of_the_body_an_article_is_about(text, head, about, name) -> None:
    got = stated_leader(text, "Calderon", head, about=about)
    assert (text[got[0]:got[1]] if got else None) == name


def test_the_head_of_a_body_by_its_initials() -> None:
    assert initials("Rural and Regional Bloc") == "RRB"
    assert initials("Acme") is None  # too short to stand for it
    text = "RRB leader Josip Vukovic, a former agriculture minister, said it."
    got = stated_leader(text, "Rural and Regional Bloc", short="RRB")
    assert got and text[got[0]:got[1]] == "Josip Vukovic"
    assert stated_leader(text, "Rural and Regional Bloc") is None


@pytest.mark.parametrize(("text", "head", "name"), [
    # a word between the possessive and the title keeps the person the one asked about ...
    ("Whitmore's lead lawyer, Michael Carver, said his client would appeal.", "attorney",
     "Michael Carver"),
    ("Halvern's longtime chief executive John Doe said it.", "chief executive", "John Doe"),
    # ... but not "former"; and another's title naming the word asked is not the relation
    ("Halvern's former chief executive John Doe said it.", "chief executive", None),
    ("Assistant U.S. Attorney Rebecca Stern, who led the prosecution, told the court.",
     "attorney", None),
])
def test_a_persons_lawyer_or_a_bodys_head_by_possessive(text, head, name) -> None:
    body = "Whitmore" if "Whitmore" in text or "Stern" in text else "Halvern"
    got = stated_leader(text, body, head, about=True)
    assert (text[got[0]:got[1]] if got else None) == name


def test_a_body_named_by_a_common_noun_is_called_by_that_noun() -> None:
    # "the company's launch director" heads no review panel the article is about; "the
    # panel's chair" would
    text = ("It formed a review panel chaired by Ann Lee, with the company's launch director, "
            "Marcus Webb, as vice-chair.")
    assert stated_leader(text, "review panel", None, about=True) is None
    text = "The panel's chair, Ann Lee, said it would report in May."
    got = stated_leader(text, "review panel", None, about=True)
    assert got and text[got[0]:got[1]] == "Ann Lee"


def test_its_leader_after_a_sentence_about_the_body() -> None:
    prev = "The far-right Party for Freedom, which had led some polls, won 21 seats."
    text = "Its leader, Geert Wilders, said he was disappointed."
    a, b = its_leader(text, prev, "Party for Freedom")  # type: ignore[misc]
    assert text[a:b] == "Geert Wilders"
    assert its_leader(text, prev, "Party for Freedom", "leader") is not None
    assert its_leader(text, prev, "Party for Freedom", "chief executive") is None
    # the body inside a longer name, named late, or not at all: not its leader
    other = "The conservative People's Party for Freedom and Democracy came second."
    assert its_leader(text, other, "Party for Freedom") is None
    # ... or named as who reported the sentence before
    prev = ("Emergency workers had pulled 367 people alive by Thursday evening, the national "
            "civil protection service said.")
    text = "Its director, Ilona Marsh, said 2,300 rescuers were working."
    a, b = its_leader(text, prev, "civil protection service")  # type: ignore[misc]
    assert text[a:b] == "Ilona Marsh"
    late = "Emergency workers had pulled 367 people alive, helped by the protection service."
    assert its_leader(text, late, "protection service") is None
    late = "Polls had put several parties ahead for weeks before the Party for Freedom won."
    assert its_leader(text, late, "Party for Freedom") is None
    assert its_leader(text, "Turnout was 78 percent.", "Party for Freedom") is None


def test_the_holder_of_a_title_asked_alone() -> None:
    assert asked_holder("Who was the judge?") == "judge"
    assert asked_holder("And who is the spokeswoman?") == "spokeswoman"
    assert asked_holder("Who is the auditor") == "auditor"
    # a rank before the title is part of it: the chief investigator is no chief prosecutor
    assert asked_holder("Who is the chief investigator?") == "chief investigator"
    assert asked_holder("Who is the chief?") is None
    # a body or place named (the leader and office rules'), a modifier, or a title anyone has
    for q in ("Who is the mayor of Paris?", "Who is the new mayor?", "Who was the leader?",
              "Who is the member?", "What is the judge?"):
        assert asked_holder(q) is None, q


def test_a_head_of_a_part_of_the_body_is_no_head_of_it() -> None:
    # "Who runs Halden?" had been answered "Angela Ruiz" by rule
    text = '"Safety is our first priority," said Angela Ruiz, Halden\'s head of quality.'
    assert stated_leader(text, "Halden") is None
    a, b = stated_leader("Margaret Osei, Halvern's chief executive, said so.",  # type: ignore[misc]
                         "Halvern")
    assert (a, b) == (0, 13)


def test_who_speaks_for_a_body_is_its_spokesperson() -> None:
    assert asked_titled("Who speaks for the hospital?") == ("hospital", "spokesperson")
    text = '"We cannot do this for weeks," said Priya Natarajan, a spokeswoman for the hospital.'
    a, b = stated_leader(text, "hospital", "spokesperson")  # type: ignore[misc]
    assert text[a:b] == "Priya Natarajan"
    # "a <title> at" a body is one of many, not its head
    assert stated_leader("said John Reed, a director at Goldman Sachs.", "Goldman Sachs") is None


def test_a_title_of_two_words_is_given_whole() -> None:
    from qa_bot.speakers import titles_as
    from qa_bot.types import Entity, Sentence

    t = "Ingrid Holm, the NRAIB's chief investigator, told reporters."
    s = Sentence("d", 0, len(t), t, [Entity(0, 11, "PERSON", "Ingrid Holm")])
    assert titles_as(s, s.entities[0], "chief investigator")
    assert titles_as(s, s.entities[0], "investigator")
    assert not titles_as(s, s.entities[0], "chief prosecutor")
    t = "The chief prosecutor, Mathias Gronlund, opened an inquiry."
    s = Sentence("d", 0, len(t), t, [Entity(22, 38, "PERSON", "Mathias Gronlund")])
    assert titles_as(s, s.entities[0], "chief prosecutor")
    assert not titles_as(s, s.entities[0], "chief investigator")
