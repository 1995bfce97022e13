"""The clause of a two-subject sentence a question asks about, by its opening noun."""

from __future__ import annotations

from qa_bot.clauses import parallel_clause, subject_clause
from qa_bot.types import Sentence


def _clause(text: str, question: str, rule=subject_clause) -> str | None:
    """The clause ``rule`` finds in ``text`` (a sentence at offset 10), as text."""
    s = Sentence("d", 10, 10 + len(text), text, [])
    got = rule(s, question)
    return None if got is None else text[got[0] - 10:got[1] - 10]


def test_the_clause_whose_subject_the_question_names() -> None:
    t = "Prosecutors had asked for nine years; his lawyers had sought probation, citing his age."
    assert _clause(t, "What did prosecutors ask for?") == "Prosecutors had asked for nine years"
    assert _clause(t, "What did the lawyers seek?") == \
        "his lawyers had sought probation, citing his age."
    t = "Sales rose 4 percent to $2.9 billion, while costs fell 2 percent."
    assert _clause(t, "How much did costs fall?") == "costs fell 2 percent."
    assert _clause("Net income rose 8 percent; revenue was flat.", "What was net income?") == \
        "Net income rose 8 percent"
    t = "Eight of them climbed out within hours, while 23 were cut off."
    assert _clause(t, "How did eight of the workers get out?") == \
        "Eight of them climbed out within hours"


def test_no_clause_when_the_question_names_both_or_neither_or_a_pronoun_opens() -> None:
    t = "Prosecutors had asked for nine years; his lawyers had sought probation."
    assert _clause(t, "What did prosecutors and lawyers want?") is None
    assert _clause(t, "What was asked for?") is None
    # the other clause's subject a pronoun: no second subject to tell it from
    assert _clause("Prosecutors asked for nine years; they got six.",
                   "What did prosecutors ask for?") is None
    assert _clause("Prosecutors asked for nine years and got six.",
                   "What did prosecutors ask for?") is None  # one clause
    # a phrase before the other clause's subject names none
    assert _clause("Disney shareholders approved the merger; following the sale, Disney "
                   "renamed its new subsidiary ABC Inc.", "What did Disney rename ABC?") is None


def test_only_two_clauses_outside_brackets_whose_other_opens_with_words_not_asked() -> None:
    # a semicolon inside parentheses ends no clause
    t = "Nikola Tesla (Serbian Cyrillic: Никола Тесла; 10 July 1856 – 1943) was an inventor."
    assert _clause(t, "When was Nikola Tesla born?") is None
    # a list of clauses is no contrast of two
    t = "Bills can be introduced in many ways; a committee can present one; a member can too."
    assert _clause(t, "How can bills be introduced?") is None
    # the other clause opens with the asked words too ("opportunities")
    t = "Excellent job opportunities are expected as retirements rise; opportunities will vary."
    assert _clause(t, "What type of opportunities would be expected?") is None


def _parallel(text: str, question: str) -> str | None:
    return _clause(text, question, parallel_clause)


def test_the_clause_of_a_parallel_naming_the_question_s_name() -> None:
    t = "Goldman Sachs advised Novara, while Morgan Stanley advised Celtis."
    assert _parallel(t, "Who advised Novara?") == "Goldman Sachs advised Novara"
    assert _parallel(t, "Who advised Celtis?") == "Morgan Stanley advised Celtis."
    # no parallel: the question's other words in one clause only, or no name, or both named
    assert _parallel("Goldman Sachs advised Novara, while Morgan Stanley sold Celtis.",
                     "Who advised Novara?") is None
    assert _parallel(t, "Who advised the buyer?") is None
    assert _parallel(t, "Who advised Novara and Celtis?") is None
