"""Question classification and candidate spans (no model needed)."""

import pytest

from qa_bot.answer_types import (
    asks_persons_name,
    candidates,
    classify,
    expected_labels,
    gives_kind,
    identity_name,
    is_polar,
    is_topic,
    is_why,
    topic_request,
)
from qa_bot.types import Entity, Sentence


@pytest.mark.parametrize(("question", "qtype"), [
    ("Who holds the presidency of the UN Security Council?", "person"),
    ("Whom did the mediators report to?", "person"),
    ("When is the Security Council scheduled to discuss the report?", "date"),
    ("What year did hostilities end in Kosovo?", "date"),
    ("In what year did the bombing happen?", "date"),
    # a match's minute is a time: "the 23rd minute"
    ("In what minute did Brannigan score?", "date"), ("Which minute was the goal?", "date"),
    ("How many minutes did he play?", "number"),
    # a share is a percentage; "the income share of ..." in a longer question is not asked
    ("What was its share of the vote?", "percent"),
    ("What share of the vote did the Greens win?", "percent"),
    ("What happens to growth if the income share of the top 20 percent rises?", "other"),
    ("What is the deadline for the talks?", "date"),
    ("In which city were the talks held?", "place"), ("During which era did it thrive?", "date"),
    ("What type of treaty was the Lisbon Treaty?", "other"),  # a kind, not an instance
    ("What was the profit?", "money"), ("How much revenue did Acme report?", "money"),
    ("What was the price of oil in 1974?", "money"),
    ("How many peacekeepers does NATO keep in Kosovo?", "number"),
    ("How much did it cost?", "money"),
    ("Where did the consultations take place?", "place"),
    ("Which country holds the presidency?", "place"),
    ("What is the population of Kosovo?", "number"),
    ("How long did the mediators try to broker a deal?", "duration"),
    ("How did he describe the 120 days of negotiations?", "quote"),
    ("What did he say about conflicts?", "quote"),
    ("What did she say to reporters?", "quote"),
    ("What did he tell the council?", "quote"),
    ("What did Kostunica say?", "quote"),
    # "when" as a conjunction is not the question's word (these had all been date questions)
    ("Who replaced him when John Fox left?", "person"),
    ("When John Fox left as head coach for the Broncos, who replaced him?", "person"),
    ("Where was Tesla studying when he started playing cards?", "place"),
    ("What was the color of the jerseys when Elway was quarterback?", "other"),
    ("When did Fox leave?", "date"), ("Since when has the UN run Kosovo?", "date"),
    ("And when was the last increase?", "date"), ("When?", "date"),
    # a relative "who" after the question's own word is no person question
    ("What would a teacher do for someone who is timid?", "other"),
    ("What network showed a Doctor Who film?", "organization"),
    ("Who backs the plan that Russia blocked?", "person"),
    ("Whose support does Pristina enjoy?", "person"),
    # a clause after "say" asks for a phrase inside the quote, not the whole quote
    ("What did he say NATO would act resolutely against?", "other"),
    ("What did Churkin say there is still room for?", "other"),
    ("Which minister warned of a precedent?", "person"),
    ("Which organization pledged to keep peacekeepers?", "organization"),
    ("What did the troika conclude?", "other"),
])
def test_classify(question: str, qtype: str) -> None:
    assert classify(question) == qtype


def test_expected_labels_cover_types() -> None:
    assert "PERSON" in expected_labels("person")
    assert "DATE" in expected_labels("date")
    assert "CARDINAL" in expected_labels("number")
    assert expected_labels("other") == set()


@pytest.mark.parametrize(("date", "expected"), [
    ("November of seven", "November"),  # "... in November of seven counts of fraud"
    ("July of 2015", "July of 2015"),  # a year is the date's own
    ("the fifth of November", "the fifth of November"),
])
def test_a_date_run_on_into_a_count_stops_before_it(date: str, expected: str) -> None:
    text = f"A jury convicted him in {date} counts later."
    a = 10 + text.index(date)
    s = Sentence("d", 10, 10 + len(text), text, [Entity(a, a + len(date), "DATE", date)])
    (got,) = candidates(s)
    assert got.text == expected and text[got.start - 10:got.end - 10] == expected


def test_quote_candidates_are_trimmed_to_the_words() -> None:
    text = '"When there are conflicts, conflicts are solved through negotiations," Kostunica said.'
    qend = text.index(',"') + 2
    kpos = text.index("Kostunica")
    s = Sentence("d", 10, 10 + len(text), text,
                 [Entity(10, 10 + qend, "QUOTE", text[:qend]),
                  Entity(10 + kpos, 10 + kpos + 9, "PERSON", "Kostunica")])
    got = {e.label: e for e in candidates(s)}
    q = got["QUOTE"]
    assert q.text == "When there are conflicts, conflicts are solved through negotiations"
    assert text[q.start - 10 : q.end - 10] == q.text  # offsets still point at the same words
    assert got["PERSON"].text == "Kostunica"


@pytest.mark.parametrize(("text", "quote"), [
    # a quote the sentence splitter cut: opened here, closed in a later sentence
    ('Scheffer saying: "NATO\'s continued commitment to the region remains crucial.',
     "NATO's continued commitment to the region remains crucial"),
    # ... and its last sentence, closed here
    ('We will not accept any imposed solution," he said.',
     "We will not accept any imposed solution"),
    ("He said “talks must go on, whatever happens.", "talks must go on, whatever happens"),
    ('No quotation at all here, he said.', None),
    ('A "short" word.', None),
])
def test_quotes_cut_by_sentence_splitting_are_candidates(text: str, quote: str | None) -> None:
    s = Sentence("d", 5, 5 + len(text), text)
    got = [e for e in candidates(s) if e.label == "QUOTE"]
    if quote is None:
        assert got == []
    else:
        assert [e.text for e in got] == [quote]
        assert text[got[0].start - 5 : got[0].end - 5] == quote


@pytest.mark.parametrize(("question", "polar"), [
    ("Is Kosovo independent?", True), ("Did Russia block the plan?", True),
    ("Doesn't Serbia reject it?", True), ("And is the deadline December 10?", True),
    ("Is the focus high or low?", False),  # a choice: one of the two is the answer
    ("Did he say what NATO would do?", False), ("Who is Churkin?", False),
    ("Isolation of Kosovo: when?", False),
    # a relative clause asks for nothing; an indirect question asks for a span
    ("Was the woman who was questioned charged?", True),
    ("Is the town where he trains in Kenya?", True),
    ("Did police say where the suspects were held?", False),
    ("Did he say which race he would run next?", False),
])
def test_yes_no_questions(question, polar) -> None:
    assert is_polar(question) is polar


@pytest.mark.parametrize(("question", "name"), [
    ("Who is Fatmir Sejdiu?", "Fatmir Sejdiu"),
    ("Who was Jaap de Hoop Scheffer", "Jaap de Hoop Scheffer"),
    ("What is UNMIK?", "UNMIK"), ("Who are the Serbs?", ""),
    ("Who was the MVP of Super Bowl XLI?", ""), ("Who was Guy's Rival?", ""),
    ("Who was Count of Melfi", ""), ("What is Vision 2030?", "Vision 2030"),
    ("Who is the Kosovo president?", ""), ("Who is Russia's ambassador to the UN?", ""),
    ("who is churkin?", ""),  # nothing says it is a name
    ("Who is Churkin meeting?", ""),
    ("Who is the UN Secretary-General?", ""), ("Who is the U.S. Secretary of State?", ""),
    # the same question about a name's office or occupation
    ("What is Vitaly Churkin's title?", "Vitaly Churkin"),
    ("What position does Jaap de Hoop Scheffer hold?", "Jaap de Hoop Scheffer"),
    ("What profession was Nathan Alterman?", "Nathan Alterman"),
    ("What was Brown's job?", "Brown"),
    ("What title was given to Genghis Khan posthumously?", ""),  # not a name
    ("What is a local pastor's official title?", ""),
    ("What is Michael Carrick and Alan Shearer's profession?", ""),  # two people
    ("What is the title of the book?", ""),
    # "What is the <Name>?" asks what it is; "Who is the <title>?" asks who holds it
    ("What is the Transmission Protection Instrument?", "Transmission Protection Instrument"),
    ("Who was the 2015 NFL MVP?", ""),
])
def test_identity_questions_are_a_name_and_nothing_else(question, name) -> None:
    assert identity_name(question) == name
    assert (classify(question) == "identity") is bool(name)


@pytest.mark.parametrize(("question", "why"), [
    ("Why did NATO pledge to keep its peacekeepers?", True), ("And why?", True),
    ("why is it so?", True), ("Who knows why he left?", False),
    ("What is the reason for the delay?", False), ("Whyte said what?", False),
])
def test_why_questions(question, why) -> None:
    assert is_why(question) is why


def test_rule_classes_are_fitted_as_a_class_the_models_know() -> None:
    from qa_bot.answer_types import TYPES, model_type

    assert model_type("identity") == "other" and model_type("date") == "date"
    assert all(model_type(t) in TYPES for t in TYPES)


@pytest.mark.parametrize(("question", "topic"), [
    ("Kosovo", True), ("Kosovo independence", True), ("NATO peacekeepers", True),
    ("Russian veto?", True), ("120 days of negotiations", True),
    # questions, requests, follow-up fragments and cloze questions want a span
    ("Who blocked the plan?", False), ("and the date?", False), ("Name the mediators", False),
    ("Did Russia block the plan?", False), ("Telnet was sold to", False),
    ("The symbol for mercuric oxide is?", False), ("_____ Helps the biosphere from UV.", False),
    ("the Russian ambassador to the UN and the mediators of the troika talks", False),
])
def test_topic_searches(question, topic) -> None:
    assert is_topic(question) is topic


@pytest.mark.parametrize(("message", "topic"), [
    ("Tell me about NATO", "NATO"),
    ("Can you tell me more about the troika?", "the troika"),
    ("What do the articles say about Rice?", "Rice"),
    ("Any news on the deadline?", "the deadline"),
    ("Give me information about Lavrov", "Lavrov"),
    ("What is known about the Ahtisaari plan?", "the Ahtisaari plan"),
    ("Tell me about him", None),  # a pronoun: the conversation resolves it first
    ("Tell me about what happened", None),  # a question word: not a search
    ("What did Churkin say about the talks?", None),  # someone's words: the speaker rule's
    ("Who told the council about the report?", None),
    ("Tell me about the talks between Belgrade and Pristina at the UN Security Council",
     None),  # more words than a search
])
def test_a_request_to_hear_about_something_names_a_search(message: str,
                                                           topic: str | None) -> None:
    assert topic_request(message) == topic


@pytest.mark.parametrize(("question", "answer", "fits"), [
    ("How many people died?", "at least seven", True),
    ("How many miners were trapped?", "23", True),
    ("How many ways are there?", "several", True),
    ("How many titles has he won?", "ninth", True),  # "his ninth title"
    ("How many yards did Denver gain?", "total yards", False),
    ("How much will the pontoon crossing cost?", "$4 million", True),
    ("How much will the pontoon crossing cost?", "hundreds of millions of euros", True),
    ("How much will the pontoon crossing cost?", "several months", False),
    # a change may be a share: "her sales had fallen by a third"
    ("How much have Delgado's sales fallen?", "her sales had fallen by a third", True),
    ("How much did revenue rise?", "rose 12 percent", True),
    ("How much will the pontoon crossing cost?", "a third of the budget", False),
    ("How much have Delgado's sales fallen?", "several months", False),
    # "how much" of no money may be answered in words ("very little")
    ("How much retail activity does the neighborhood have?", "very little", True),
    # a name question may ask for a concept ("trial division"): any answer
    ("What is the name of the process?", "trial division", True),
    ("Why did the bridge fall?", "because of corrosion", True),
])
def test_an_answer_is_of_the_kind_the_question_plainly_asks(question, answer, fits) -> None:
    assert gives_kind(question, classify(question), answer) is fits


@pytest.mark.parametrize(("question", "asks"), [
    ("What was the name of the bus driver?", True),
    ("What is the name of the firefighter who was swept away?", True),
    ("what were the names of the suspects?", True),
    # a thing's name, a concept ("a teacher" in general), or "Who" inside a name
    ("What is the name of the company?", False),
    ("What is the name of a teacher in Tibetan Buddhism?", False),
    ("What was the name of the 1991 Doctor Who exhibition?", False),
    ("Who was the bus driver?", False),
])
def test_a_question_asking_a_persons_name(question, asks) -> None:
    assert asks_persons_name(question) is asks
