"""Abbreviations in the corpus's own words (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.abbreviations import asked_expansion, expansion, spelled_name, to_corpus_words
from qa_bot.terms import TermStats

ACME = TermStats(["Chief Executive Jane Morales called the results a turning point.",
                  "Chief Financial Officer Raj Patel warned of shortages.",
                  "The UN envoy met EU ministers.",
                  "Raymond Tull, the city's chief information officer, said."])


@pytest.mark.parametrize(("question", "expected"), [
    ("Who is Acme's CEO?", "Who is Acme's chief executive?"),
    ("Who is the CFO?", "Who is the chief financial officer?"),
    ("Who is the city's CIO?", "Who is the city's chief information officer?"),
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


@pytest.mark.parametrize(("question", "abbr"), [
    ("What does DART stand for?", "DART"),
    ("What is the AFC short for?", "AFC"),
    ("What did the acronym AAP stand for?", "AAP"),
    ('What does "TGIF" stand for?', "TGIF"),
    ("what does vBNS stand for", "vBNS"),
    ("What is ECB an abbreviation for?", "ECB"),
    # not asking for a spelling-out, or not an abbreviation
    ("What does NATO do?", None),
    ("What does Kipchoge stand for?", None),
    ("Who is the CEO?", None),
])
def test_a_question_asking_what_an_abbreviation_stands_for(question, abbr) -> None:
    assert asked_expansion(question) == abbr


@pytest.mark.parametrize(("text", "abbr", "words"), [
    # the words before it: ", or X", "(X)", "(or X)"
    ("The Double Asteroid Redirection Test, or DART, struck Dimorphos.", "DART",
     "Double Asteroid Redirection Test"),
    ("The bank approved the Transmission Protection Instrument (TPI) on Thursday.", "TPI",
     "Transmission Protection Instrument"),
    ("It led to quantum electrodynamics (or QED), which ...", "QED", "quantum electrodynamics"),
    # initials that spell it win over the shortest letters-in-order reading
    ("The Apollo Applications Program (AAP) ran.", "AAP", "Apollo Applications Program"),
    ("The Festival of the Arts (FOTA) is held.", "FOTA", "Festival of the Arts"),
    ("The Command/Service Module (CSM) flew.", "CSM", "Command/Service Module"),
    # letters in order, not initials (Schwartz & Hearst)
    ("The Very high-speed Backbone Network Service (vBNS) ran.", "vBNS",
     "Very high-speed Backbone Network Service"),
    # the words after it
    ("The AFC (American Football Conference) champion won.", "AFC",
     "American Football Conference"),
    ("QED, short for quantum electrodynamics, is a theory.", "QED", "quantum electrodynamics"),
    ('A TARDIS – "Time and Relative Dimension in Space" – time machine.', "TARDIS",
     "Time and Relative Dimension in Space"),
    ("It was the FIS or Front Islamique de Salut (the Islamic Salvation Front).", "FIS",
     "Front Islamique de Salut"),
    # a name "known as" or "called" by a shorter one
    ("crews, according to the California Department of Forestry and Fire Protection, known "
     "as Cal Fire.", "Cal Fire", "California Department of Forestry and Fire Protection"),
    ("Bank of America launched a new product, called BankAmericard.", "BankAmericard", None),
    # the whole name, not only the words that spell it
    ("The National Union of Rail, Maritime and Transport Workers (RMT) called the strike.",
     "RMT", "National Union of Rail, Maritime and Transport Workers"),
    # another language's letters: the name in brackets' place
    ("according to the Public Prosecution Service (OM).", "OM", "Public Prosecution Service"),
    ("The National Police Corps (KLPD) said", "KLPD", "National Police Corps"),
    # ... but not a country saying where, nor the end of a longer name
    ("founded by the union of the Methodist Church (USA).", "USA", None),
    ("Managing the Risks of Extreme Events and Disasters to Advance Climate Change Adaptation "
     "(SREX)", "SREX", None),
    # written in the plural
    ("plans, known as nationally determined contributions (NDCs), by 2026.", "NDC",
     "nationally determined contributions"),
    # a name in another language and its letters, in the brackets after the English one
    ("The German Weather Service (Deutscher Wetterdienst, DWD) said 287 litres fell.", "DWD",
     "Deutscher Wetterdienst"),
    ("The ruling party (Partido Socialista, PS) won.", "PS", "Partido Socialista"),
    ("The rally (Reuters, AP) went ahead.", "AP", None),
    # nothing that spells it beside it: no answer
    ("DART struck the asteroid on Monday.", "DART", None),
    ("He met the FBI (and the CIA).", "FBI", None),
    ("The rockets AS-205/208 (AS-258) flew.", "AS-258", None),
    ("Ketones (R-CO-R); aldehydes (R-CO-H); acids.", "R-CO-H", None),
    ("He walked to the DART station, or DART.", "DART", None),
])
def test_the_words_an_abbreviation_is_short_for(text, abbr, words) -> None:
    got = expansion(text, abbr)
    assert (text[got[0]:got[1]] if got else None) == words


@pytest.mark.parametrize(("text", "abbr", "name"), [
    ("The World Health Organization recommends 150 minutes.", "WHO",
     "World Health Organization"),
    ("The Food and Drug Administration approved it.", "FDA", "Food and Drug Administration"),
    ("The European Central Bank raised rates.", "ECB", "European Central Bank"),
    # no such name; too short to trust; not written as an abbreviation
    ("NASA said so.", "NASA", None),
    ("The United Nations met.", "UN", None),
    ("The World Health Organization met.", "Who", None),
])
def test_a_name_whose_initials_spell_an_abbreviation(text, abbr, name) -> None:
    got = spelled_name(text, abbr)
    assert (text[got[0]:got[1]] if got else None) == name


def test_a_long_word_of_capitals_is_read_at_once() -> None:
    # the question's longest possible word (questions stop at 2,000 characters): the first
    # pattern backtracked for 48 s on it; asking must stay a matter of milliseconds
    assert asked_expansion("What does " + "A" * 1990 + " x") is None
    assert asked_expansion("What does " + "A" * 1970 + " stand for?") == "A" * 1970
    assert spelled_name("The " + "World " * 1000 + "Organization met.", "WHO") is None
