"""A person's age as news gives it beside their name (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.ages import age_after, asked_age, is_age_of, stated_age


@pytest.mark.parametrize(("question", "name"), [
    ("How old is Hastings?", "Hastings"),
    ("How old is Reed Hastings?", "Reed Hastings"),
    ("how old was Turkana Boy", "Turkana Boy"),
    ("What is Hastings's age?", "Hastings"),
    # the age at a death the article reports (an obituary's "She was 87.")
    ("How old was Tesla when he died?", "Tesla"),
    ("How old was Margarethe Vollan at her death?", "Margarethe Vollan"),
    # an age at another event, of a thing, or of nobody named
    ("How old was Manning in 2015?", None),
    ("How old are the fossils?", None),
    ("How old is the company?", None),
])
def test_a_question_asking_someones_age(question, name) -> None:
    assert asked_age(question) == name


@pytest.mark.parametrize(("text", "name", "age"), [
    ("Hastings, 62, founded the company in 1997.", "Reed Hastings", "62"),
    ("Reed Hastings (62) founded it.", "Reed Hastings", "62"),
    ("Jane Morales, aged 54, resigned.", "Jane Morales", "54"),
    # a year, a share, another name's number: no age
    ("Hastings, 2022, was a year.", "Hastings", None),
    ("Hastings, 62 percent of them, agreed.", "Hastings", None),
    ("Sarandos, 58, and Hastings agreed.", "Hastings", None),
    # the surname of another person of it ("Shonda Price" is not Lamar Price); a title is
    # no other person
    ("said rider Shonda Price, 44, who", "Lamar Price", None),
    ("said rider Shonda Price, 44, who", "Shonda Price", "44"),
    ("Mayor Price, 44, said", "Lamar Price", "44"),
    # asked by the last word alone (a follow-up's "he"), the first name before it is theirs
    ('"It tipped," said Tomasz Brevik, 34, an accountant.', "Brevik", "34"),
    # before the name, with a title at most between
    ("D66, led by 38-year-old Rob Jetten, took 26 seats.", "Rob Jetten", "38"),
    ("The 62-year-old co-founder Reed Hastings spoke.", "Reed Hastings", "62"),
    ("A 40-year-old man met Jetten.", "Jetten", None),
    # the first name, where the article calls a relative so
    ("She is survived by her son Anders, 59, a physician.", "Anders Vollan", "59"),
])
def test_the_age_beside_a_name(text, name, age) -> None:
    got = stated_age(text, name)
    assert (text[got[0]:got[1]] if got else None) == age


@pytest.mark.parametrize(("text", "previous", "age"), [
    ("The 37-year-old ran the first half in 59 minutes.",
     "Eliud Kipchoge of Kenya broke his own world record on Sunday.", "37"),
    # the sentence before is about someone else, or names him only later; no age opening
    ("The 37-year-old ran the first half.", "Mark Korir of Kenya was second.", None),
    ("The 37-year-old ran the first half.", "Fans cheered as Korir chased Kipchoge.", None),
    ("He is 37 and ran the first half.", "Kipchoge broke the record.", None),
    # an obituary's age after the sentence of the death
    ("He was 87.", "Eliud Kipchoge, the record holder, died on Tuesday at home.", "87"),
    # after a wire story's dateline
    ("He was 87.", "NAIROBI, March 3 (AP) - Eliud Kipchoge, the record holder, died on "
     "Tuesday.", "87"),
    ("He was 87 when the war began.", "Kipchoge died on Tuesday.", None),
])
def test_an_age_opening_the_sentence_after_one_about_them(text, previous, age) -> None:
    got = age_after(text, previous, "Eliud Kipchoge")
    assert (text[got[0]:got[1]] if got else None) == age


@pytest.mark.parametrize(("text", "answer", "name", "age"), [
    ("Katrin Vogel, 52, said.", "52", "Katrin Vogel", True),
    ("The 37-year-old ran.", "37-year-old", "Kipchoge", True),
    ("He is 87 years old.", "87 years old", "Vollan", True),
    # counted in years, though no person's age ("How old was Turkana Boy?")
    ("The skeleton is 1.6 million years old.", "1.6 million years", "Turkana Boy", True),
    # no age: a count, an amount, a clause, or another person's age named before it
    ("the toll rose to 11,347 cases, Esther Chikondi said.", "11,347", "Esther Chikondi",
     False),
    ("Kessler promised 500 million euros.", "500 million euros", "Matthias Kessler", False),
    ("Elena Vidal, who flew to Zaragoza, said.", "flew to Zaragoza", "Elena Vidal", False),
    ("Margaret Lindqvist said the board removed Okafor, 52, on Sunday.", "52",
     "Margaret Lindqvist", False),
    ("Margaret Lindqvist said the board removed Okafor, 52, on Sunday.", "52",
     "Daniel Okafor", True),
])
def test_an_answer_to_how_old_is_an_age_of_theirs(text, answer, name, age) -> None:
    i = text.index(answer)
    assert is_age_of(text, i, i + len(answer), name) is age
