"""Questions asking for someone's words, and the sentences that may hold them: pure rules."""

from __future__ import annotations

import pytest

from qa_bot.speakers import (
    as_office_holder,
    asked_speaker,
    gives_words,
    may_quote,
    names,
    quote_is_theirs,
    quote_opened_at,
    quotes_another,
    reported_clause,
    unquoted,
    with_titles,
)
from qa_bot.types import Entity, Sentence


def sentence(text: str, people: tuple[str, ...] = ()) -> Sentence:
    ents = [Entity(text.index(p), text.index(p) + len(p), "PERSON", p) for p in people]
    return Sentence("d", 0, len(text), text, ents)


@pytest.mark.parametrize(("question", "name", "forms", "bare"), [
    ("What did Churkin say?", "Churkin", ("Churkin",), True),
    ("What did Vitaly Churkin say about the talks?", "Vitaly Churkin",
     ("Vitaly Churkin", "Churkin"), False),
    ("How did Kostunica respond?", "Kostunica", ("Kostunica",), True),
    ("And what did Ban Ki-moon say about it?", "Ban Ki-moon", ("Ban Ki-moon", "Ban"), True),
    ("What did Luther call these donations?", "Luther", ("Luther",), False),
    ("What did NATO warn?", "NATO", ("NATO",), True),
    # where, when or to whom asks for nothing but their words
    ("What did Wilders write on X?", "Wilders", ("Wilders",), True),
    ("What did Jetten tell supporters?", "Jetten", ("Jetten",), True),
    ("What did Rice tell reporters on Friday?", "Rice", ("Rice",), True),
    ("What did Nelson write in her opinion?", "Nelson", ("Nelson",), False),
    ("What did Luther write on indulgences?", "Luther", ("Luther",), False),
])
def test_asked_speaker(question: str, name: str, forms: tuple, bare: bool) -> None:
    got = asked_speaker(question)
    assert got is not None and (got.name, got.forms, got.bare) == (name, forms, bare)


@pytest.mark.parametrize(("question", "topic"), [
    ("What did Scheffer say about violence?", "violence"),
    ("What did Vitaly Churkin say about the talks?", "the talks"),
    ("How did Lavrov comment regarding the U.S. position?", "the U.S. position"),
    ("What did Churkin say?", ""),  # bare: his words and nothing more
    ("And what did Ban Ki-moon say about it?", ""),  # "it" is the conversation's, bare
    ("What did Luther call these donations?", ""),  # a question about his words, no topic
    ("What did Luther think of Purgatory?", ""),  # "of", "on": too often no topic at all
])
def test_what_the_words_are_asked_about(question: str, topic: str) -> None:
    got = asked_speaker(question)
    assert got is not None and got.topic == topic


_SCHEFFER = ('with Secretary-General Jaap de Hoop Scheffer saying: "NATO remains crucial. '
             'And we will act resolutely against violence. Regardless of the outcome, Kosovo '
             'will remain a place of peace." NATO said: "More.\nWe advocate an agreement.')


@pytest.mark.parametrize(("at", "opened"), [
    ("And we will", "saying: "),  # inside the quotation opened sentences before
    ("Regardless", "saying: "),
    ("NATO remains", None),  # the mark is right before it: the quotation opens here
    ("NATO said", None),  # closed again
    ("We advocate", None),  # a new paragraph: a quotation left open does not carry over
])
def test_where_the_quotation_around_a_position_opened(at: str, opened: str | None) -> None:
    pos = _SCHEFFER.index(at)
    start = pos - 1 if at == "NATO remains" else pos
    got = quote_opened_at(_SCHEFFER, start)
    if opened is None:
        assert got is None
    else:
        assert got == _SCHEFFER.index(opened) + len(opened)


def test_curly_marks_say_which_way_they_face() -> None:
    text = "He said: “It works. It lasts.” Then “Again.” And"
    assert quote_opened_at(text, text.index("It lasts")) == text.index("“")
    assert quote_opened_at(text, text.index("Then")) is None
    assert quote_opened_at(text, text.index("And")) is None


@pytest.mark.parametrize("question", [
    "What did he say?",  # a pronoun: the conversation resolves it first
    "What did they say?",  # a pronoun, in lowercase too
    "What do the articles say about the talks between Belgrade and Pristina at the UN?",
    "What does this mean?",
    "Who said the talks were worthwhile?",  # asks for the speaker, not their words
    "What did Russia block?",  # not a verb of saying
    "What is Churkin's view?",
])
def test_not_a_speaker_question(question: str) -> None:
    assert asked_speaker(question) is None


CHURKIN = asked_speaker("What did Churkin say?")


def test_a_sentence_naming_the_speaker_may_quote_them() -> None:
    s = sentence("Russia's UN Ambassador Vitaly Churkin described the talks as worthwhile.",
                 ("Vitaly Churkin",))
    assert may_quote(CHURKIN, s, None) and gives_words(CHURKIN, s, None)


def test_a_continuing_quote_may_quote_the_speaker_of_the_sentence_before() -> None:
    before = sentence("Churkin warned against unilateral moves.", ("Churkin",))
    after = sentence('"That would be a dangerous precedent," he said.')
    assert may_quote(CHURKIN, after, before) and gives_words(CHURKIN, after, before)
    assert not may_quote(CHURKIN, after, None)  # nobody named before it


def test_another_speaker_is_not_a_continuation() -> None:
    before = sentence("Churkin warned against unilateral moves.", ("Churkin",))
    other = sentence('Milorad Dodik agreed, saying "any unilateral action will not help."',
                     ("Milorad Dodik",))
    assert not may_quote(CHURKIN, other, before)


def test_a_sentence_about_someone_else_cannot_hold_their_words() -> None:
    s = sentence('The report says the talks led to "the most sustained dialogue".')
    assert not may_quote(CHURKIN, s, None)


def test_naming_without_saying_gives_no_words() -> None:
    s = sentence("Churkin arrived in New York on Monday.", ("Churkin",))
    assert may_quote(CHURKIN, s, None) and not gives_words(CHURKIN, s, None)


def test_surname_matches_whole_words_only() -> None:
    s = sentence("The Churkinsky plan was discussed.")
    assert not may_quote(CHURKIN, s, None)


ABOUT = asked_speaker("What did Churkin say about the talks?")


def test_someone_elses_words_are_not_the_speakers() -> None:
    assert quotes_another(ABOUT, sentence('The report says the talks led to "dialogue".'))
    assert quotes_another(ABOUT, sentence('Milorad Dodik agreed, saying "no".', ("Milorad Dodik",)))
    # the speaker named, a "he said" that may continue them, or no one's words at all: kept
    assert not quotes_another(ABOUT, sentence("Churkin said the talks were useful."))
    assert not quotes_another(ABOUT, sentence("He described the talks as worthwhile."))
    assert not quotes_another(ABOUT, sentence("The talks lasted 120 days."))


def test_the_verb_is_lowercase_as_questions_write_it() -> None:
    # "Report" and "State" are names here, not verbs of saying
    assert asked_speaker("What did Kilbrandon's Report in 1973 recommend?") is None
    assert asked_speaker("What does the Islamic State lack?") is None
    assert asked_speaker("What did Kilbrandon's report in 1973 recommend?") is None


def test_names_match_without_accents_and_with_one_typo_in_a_long_word() -> None:
    sturmer = asked_speaker("How did Der Sturmer describe the book?")
    assert may_quote(sturmer, sentence("the newspaper Der Stürmer described it as a tract."), None)
    krugman = asked_speaker("What does Paul Krugmen think has had an effect on inequality?")
    assert may_quote(krugman, sentence("Paul Krugman argued that trade had an effect."), None)
    # short words must match exactly: "Ban" is not "Bar"
    ban = asked_speaker("What did Ban say?")
    assert not may_quote(ban, sentence("The Bar association said no."), None)
    assert may_quote(CHURKIN, sentence("In Churkin's words, it was worthwhile."), None)


def test_the_one_spoken_to_is_not_the_speaker() -> None:
    ban = asked_speaker("What did Ban Ki-moon say?")
    to_ban = sentence('EU, U.S., and Russian mediators reported to UN Secretary-General Ban '
                      'Ki-moon on Friday that the negotiations "served a useful purpose."',
                      ("Ban Ki-moon",))
    # before: this sentence was taken as Ban's words, and "served a useful purpose" his
    assert not may_quote(ban, to_ban, None) and quotes_another(ban, to_ban)
    assert not may_quote(CHURKIN, sentence("The envoy told Churkin that talks were over.",
                                           ("Churkin",)), None)
    # "according to", "attributed to" and "said to reporters" name the speaker
    biraben = asked_speaker("What did Biraben say about the plague?")
    assert gives_words(biraben, sentence("According to Biraben, the plague was present "
                                         "every year.", ("Biraben",)), None)
    tetzel = asked_speaker("How did Tetzel state it?")
    assert may_quote(tetzel, sentence('A saying attributed to Johann Tetzel: "As soon as the '
                                      'coin rings."', ("Johann Tetzel",)), None)
    assert gives_words(CHURKIN, sentence("Churkin said to reporters that talks can go on.",
                                         ("Churkin",)), None)


def test_a_name_that_ends_like_a_verb_reports_no_words() -> None:
    # "What does Russia want?" was answered by rule, at confidence 0.01, with "The troika of
    # the European Union, United States, and Russia spent four months ...": "States" had
    # been read as a verb of saying
    russia = asked_speaker("What does Russia want?")
    troika = sentence("The troika of the European Union, United States, and Russia spent four "
                      "months trying to broker a deal.")
    assert may_quote(russia, troika, None) and not gives_words(russia, troika, None)
    assert gives_words(russia, sentence("Russia states that talks must go on."), None)


@pytest.mark.parametrize("text", [
    "Kipchoge, who trains in Kaptagat, did not say which race he would run next.",
    "Kipchoge declined to immediately say which race he would run next.",
    "Kipchoge wouldn't say which race he would run next.",
    "Kipchoge never said which race he would run next.",
])
def test_a_negated_verb_of_saying_gives_no_words(text: str) -> None:
    # before: "did not say" was taken for Kipchoge's words and chosen over his quotation
    kipchoge = asked_speaker("What did Kipchoge say?")
    s = sentence(text, ("Kipchoge",))
    assert may_quote(kipchoge, s, None) and not gives_words(kipchoge, s, None)
    assert not quotes_another(asked_speaker("What did Sang say?"), s)
    # not every "not" before a verb negates it
    assert gives_words(kipchoge, sentence("Kipchoge, not his coach, said he was happy.",
                                          ("Kipchoge",)), None)


def test_a_name_inside_a_quotation_is_spoken_of_not_speaking() -> None:
    serbs = asked_speaker("What do the Serbs want?")
    # the end of Scheffer's quotation, begun in the sentence before
    tail = sentence('Regardless of the outcome, Kosovo has to remain a place where Kosovar '
                    'Albanians, Serbs, and others must be able to live in peace."')
    assert not may_quote(serbs, tail, None) and quotes_another(serbs, tail)
    assert not may_quote(serbs, sentence('Dodik said "the Serbs will not accept it."',
                                         ("Dodik",)), None)
    assert not may_quote(serbs, sentence('"Of course the Serbs will object, and'), None)
    # outside the quotation the name still speaks
    assert gives_words(serbs, sentence('"We will not accept it," the Serbs said.'), None)


@pytest.mark.parametrize(("text", "expected"), [
    ('Churkin said "Serbs agree" today.', 'Churkin said "          " today.'),
    ('Serbs agree."', '            "'),  # opened in the sentence before
    ('"Serbs agree, and', '"                '),  # runs on into the next sentence
    ('“Serbs agree,” he said, “and', '“            ” he said, “   '),
    ('He said "yes, Serbs agree', 'He said "yes, Serbs agree'),  # unclear: nothing blanked
])
def test_unquoted_blanks_quoted_words_and_keeps_offsets(text: str, expected: str) -> None:
    out = unquoted(text)
    assert len(out) == len(text)
    assert out.replace(" ", "") == expected.replace(" ", "")


def test_a_sentence_calling_the_speaker_by_their_title_gives_their_words() -> None:
    # "..., the Russian ambassador said." had been taken for someone else's words, and left
    # the ranking of "What did Churkin say the United Nations should do?" (which abstained)
    about = asked_speaker("What did Churkin say about the United Nations?")
    named = [sentence("Russian Ambassador Churkin stressed that talks go on.", ("Churkin",)),
             sentence("Russia's UN Ambassador Vitaly Churkin spoke.", ("Vitaly Churkin",))]
    titled = with_titles(about, named)
    assert {head for head, _ in titled.titles} == {"ambassador"}
    by_title = sentence('"The United Nations should disregard it," the Russian ambassador said.')
    assert quotes_another(about, by_title) and not quotes_another(titled, by_title)
    assert not quotes_another(titled, sentence('"Act now," the ambassador said.'))
    # another country's ambassador, or the title inside a quotation, is not him
    assert quotes_another(titled, sentence('"No," the Serbian ambassador said.'))
    assert quotes_another(titled, sentence('Jeremic said "the Russian ambassador is wrong."'))
    # no title found: the speaker is unchanged
    assert with_titles(about, [sentence("Churkin arrived.", ("Churkin",))]) == about


def _quote_of(s: Sentence, words: str) -> tuple[int, int]:
    i = s.text.index(words)
    return s.start + i, s.start + i + len(words)


@pytest.mark.parametrize(("text", "question", "quoted", "theirs"), [
    # the words after "but the European Union and the United States insist" are theirs
    ('Russian Ambassador Vitaly Churkin said there is room for talks, but the European Union '
     'and the United States insist that "the potential is now exhausted."',
     "What did Vitaly Churkin say?", "the potential is now exhausted", False),
    ('Russian Ambassador Vitaly Churkin said there is room for talks, but the European Union '
     'and the United States insist that "the potential is now exhausted."',
     "What did the United States say?", "the potential is now exhausted", True),
    ('Russian Ambassador Churkin stressed that Moscow does "not regard it as final."',
     "What did Churkin say?", "not regard it as final", True),
    ('Milorad Dodik agreed, saying "any unilateral action will not help."',
     "What did Dodik say?", "any unilateral action will not help", True),
    ('"We are optimists," Churkin said.', "What did Churkin say?", "We are optimists", True),
    ('"No conclusions," said Massimo D\'Alema, foreign minister of Italy.',
     "What did Churkin say?", "No conclusions", False),
    ('A saying attributed to Johann Tetzel: "As soon as the coin rings, the soul springs."',
     "How did Tetzel state it?", "As soon as the coin rings", True),
    ('Churkin spoke. "Talks go on."', "What did Churkin say?", "Talks go on", True),  # unsaid
    # "he" carries on from the sentence before (which the selector checks names him)
    ('"It is a catastrophe," he told reporters in Bologna.', "What did Musumeci say?",
     "It is a catastrophe", True),
    ('"It is a catastrophe," said he.', "What did Musumeci say?", "It is a catastrophe", True),
    ('But he warned that the plan would "bury our economy in debt."', "What did McConnell warn?",
     "bury our economy in debt", True),
    ('But Pelosi warned that the plan would "bury our economy in debt."',
     "What did McConnell warn?", "bury our economy in debt", False),
    ('"It is a catastrophe," the mayor told reporters.', "What did Musumeci say?",
     "It is a catastrophe", False),
])
def test_a_quotation_is_the_words_of_the_one_it_is_attributed_to(text, question, quoted,
                                                                 theirs) -> None:
    s = sentence(text)
    assert quote_is_theirs(asked_speaker(question), s, *_quote_of(s, quoted)) is theirs


@pytest.mark.parametrize(("question", "group", "bare", "topic"), [
    ("What do scientists say?", "scientists", True, ""),
    ("What did the report say?", "report", True, ""),
    ("What did the mediators conclude?", "mediators", True, ""),
    ("What did officials say about the deaths?", "officials", False, "the deaths"),
    ("What did its chair say?", "chair", True, ""),  # after "What is AOSIS?"
])
def test_a_group_or_body_in_lowercase_is_a_speaker(question: str, group: str, bare: bool,
                                                    topic: str) -> None:
    got = asked_speaker(question)
    assert got is not None and got.caseless
    assert (got.name, got.bare, got.topic) == (group, bare, topic)


def test_a_group_is_named_in_any_case() -> None:
    report = asked_speaker("What did the report say?")
    s = sentence('The report says the talks led to "the most sustained dialogue".')
    assert may_quote(report, s, None) and gives_words(report, s, None)
    assert not may_quote(report, sentence("The reporters left."), None)


def test_a_body_asked_by_one_name_is_named_by_its_others() -> None:
    # "What did the US say?" had abstained at 0.00: the articles write "U.S." and "United
    # States"
    us = asked_speaker("What did the US say?")
    assert us is not None and {"US", "U.S.", "United States"} <= set(us.forms)
    s = Sentence("d", 0, 60, "The United States issued a statement saying it was over.", [])
    assert names(us, s.text)
    un = asked_speaker("What did the United Nations say about Kosovo?")
    assert un is not None and "UN" in un.forms and un.topic == "Kosovo"
    # a name of no such group keeps its own forms
    assert asked_speaker("What did Churkin say?").forms == ("Churkin",)


@pytest.mark.parametrize(("question", "words"), [
    ("What did Nelson write?", True), ("What did Churkin say?", True),
    ("How did Kostunica respond?", True), ("What did the mediators report?", True),
    ("What does Russia want?", False), ("What did Churkin think?", False),
    ("What do scientists believe?", False),
])
def test_a_speaker_question_says_whether_it_asks_for_words_or_a_view(question, words) -> None:
    speaker = asked_speaker(question)
    assert speaker is not None and speaker.words is words


@pytest.mark.parametrize(("question", "text", "clause"), [
    ("What did Cook warn?", "He warned that the outbreak would likely last for months.",
     "the outbreak would likely last for months"),
    ("What did Kostunica say?", "Kostunica said on Friday that Serbia would never accept it.",
     "Serbia would never accept it"),
    ("What did Wilders say?", "Wilders, whose party had won 37 seats two years ago, said he "
     "was disappointed but would not give up.", "he was disappointed but would not give up"),
    ("What did Churkin say?", "Churkin told reporters that the talks were useful.",
     "the talks were useful"),
    # someone else's words, a quotation (the quote rule's), too short, no verb of saying
    ("What did Churkin say?", "The report says the talks led to nothing.", None),
    ("What did Churkin say?", 'Churkin said "no" to the plan.', None),
    ("What did Churkin say?", "Churkin said no.", None),
    ("What did Churkin say?", "Churkin met the envoy on Friday.", None),
    # the one told before the clause is not what was said
    ("What did Bankman-Fried say?", "Bankman-Fried, who wore a beige prison uniform, told "
     "the court he was sorry.", "he was sorry"),
    ("What did Rice say?", "Rice told reporters she would not support more talks.",
     "she would not support more talks"),
    # a verb of saying negated reports no words
    ("What did Kipchoge say?", "Kipchoge did not say which race he would run next.", None),
    ("What did Lagarde say?", "Lagarde declined to say how large the tool could become.", None),
])
def test_the_clause_a_sentence_reports_the_speaker_said(question, text, clause) -> None:
    speaker = asked_speaker(question)
    assert speaker is not None
    s = Sentence("d", 10, 10 + len(text), text, [])
    got = reported_clause(speaker, s)
    assert (text[got[0] - 10:got[1] - 10] if got else None) == clause


@pytest.mark.parametrize(("question", "name", "forms"), [
    ("What did Kroger executives testify?", "Kroger executives", ("Kroger executives",)),
    ("What did NATO allies warn?", "NATO allies", ("NATO allies",)),
    # no plural ("hypothesis"), a possessive: no speaker, as before
    ("What does the Riemann hypothesis state the source comes from?", None, None),
    ("What did Luther's opponents think that it meant?", None, None),
])
def test_a_name_and_a_plural_is_a_named_group(question, name, forms) -> None:
    speaker = asked_speaker(question)
    if name is None:
        assert speaker is None
    else:
        assert speaker is not None and (speaker.name, speaker.forms) == (name, forms)


def test_an_office_asked_for_is_the_one_person_titled_so() -> None:
    # before: "the mayor" was a group named only "mayor", so the words '"Nothing in the
    # engineers' reports told us ...," Ruiz said.' were no one's
    mayor = asked_speaker("What did the mayor say about the engineers' reports?")
    titled = [sentence("Zaragoza Mayor Javier Ruiz defended the city's handling of the bridge.",
                       ("Javier Ruiz",)),
              sentence('"If we had seen a warning, we would have closed it," Ruiz said.',
                       ("Ruiz",))]
    got = as_office_holder(mayor, titled)
    assert (got.name, got.forms, got.topic) == ("Javier Ruiz", ("Javier Ruiz", "Ruiz"),
                                                "the engineers' reports")
    assert not got.caseless and names(got, titled[1].text)
    assert names(got, "The mayor said the city had no choice.")  # by the title, too
    # a title set off before the name
    spokeswoman = asked_speaker("What did its spokeswoman say?")
    s = sentence("A company spokeswoman, Fernanda Lopes, said the jet was safe.",
                 ("Fernanda Lopes",))
    assert as_office_holder(spokeswoman, [s]).name == "Fernanda Lopes"
    # an occupation too: "an outside auditor, Denise Howell,"
    auditor = asked_speaker("What did the auditor say?")
    s = sentence("The scheme was found when an outside auditor, Denise Howell, noticed it.",
                 ("Denise Howell",))
    assert as_office_holder(auditor, [s]).name == "Denise Howell"
    # two people titled so, or none: the question's speaker as it was
    two = [*titled, sentence("Former Mayor Ana Gil disagreed.", ("Ana Gil",))]
    assert as_office_holder(mayor, two) == mayor
    assert as_office_holder(mayor, [sentence("Ruiz spoke.", ("Ruiz",))]) == mayor
    # not an office: a group stays a group
    officials = asked_speaker("What did officials say?")
    assert as_office_holder(officials, titled) == officials
