"""``QABot.ask`` on the seed articles: typed answers, citations, abstention, follow-ups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from answer_checks import assert_cited_answer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa_bot import QuestionError
from qa_bot.types import SMALL_TALK

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT.parent / "shared" / "benchmarks" / "squad-v1.1" / "dev-v1.1.json"


check_invariant = assert_cited_answer
NATO_DOC, XINHUA_DOC = "000_4629fa3c4aad59ae", "004_0d901f088aa2777c"


@pytest.mark.parametrize(("question", "expected", "doc"), [
    ("How many peacekeepers does NATO keep in Kosovo?", "16,000", "000_4629fa3c4aad59ae"),
    pytest.param(
        "Who holds the presidency of the UN Security Council?", "Italy", "004_0d901f088aa2777c",
        marks=pytest.mark.xfail(strict=True, reason=(
            "known miss: the right sentence is chosen, but the span model (and the reader) "
            "pick Massimo D'Alema over the country in '..., which holds the presidency'"))),
    ("Who is Russia's ambassador to the UN?", "Churkin", None),
    ("When is the UN Security Council scheduled to discuss the Kosovo report?", "December 19",
     "000_4629fa3c4aad59ae"),
    ("Who drew up the plan that proposed internationally supervised statehood?",
     "Martti Ahtisaari", "000_4629fa3c4aad59ae"),
])
def test_typed_short_answers(seeds_bot, question, expected, doc) -> None:
    a = seeds_bot.ask(question)
    assert not a.abstained, (question, a.confidence)
    assert expected in a.text and len(a.text) < len(a.sentence), (a.text, a.sentence)
    if doc:
        assert a.citations[0].doc_id == doc
    check_invariant(seeds_bot, a)


@pytest.mark.parametrize("question", [
    "What is the capital of Australia?",
    "What is the population of Kosovo?",
    "Who won the 2008 US presidential election?",
    # on-topic wording, but a name the articles never use (Russia's envoy is in them)
    "Who is Japan's ambassador to the UN?",
])
def test_abstains_when_articles_do_not_say(seeds_bot, question) -> None:
    a = seeds_bot.ask(question)
    assert a.abstained, (question, a.text, a.confidence)
    assert "don't say" in a.text
    assert a.passages, "an abstention still shows the closest passages"
    if a.withheld:  # the withheld sentence is an article's own text, never the answer
        assert any(a.withheld in d.text for d in seeds_bot.index.documents.values())


def test_an_abstention_withholds_its_best_sentence_and_an_answer_withholds_nothing(
        seeds_bot) -> None:
    # g034-like paraphrase: the right sentence is chosen but under the threshold
    a = seeds_bot.ask("Who did the negotiators from Europe, America and Russia brief on "
                      "their findings?")
    assert a.abstained and "Ban Ki-moon" in a.withheld, (a.confidence, a.withheld)
    assert a.sentence == "" and not a.citations
    assert a.to_dict()["withheld"] == a.withheld
    b = seeds_bot.ask("Who is Russia's ambassador to the UN?")
    assert not b.abstained and b.withheld == ""


@pytest.mark.parametrize(("question", "expected"), [
    ("Who is Serbia's president?", None),  # the articles name Kosovo's, and Serbia's premier
    ("Who is Kosovo's president?", "Fatmir Sejdiu"),
    ("Who is the prime minister of Serbia?", "Kostunica"),
])
def test_office_questions_need_the_holder_of_that_office(seeds_bot, question, expected) -> None:
    a = seeds_bot.ask(question)
    if expected is None:
        assert a.abstained, (a.text, a.confidence)
    else:
        assert not a.abstained and expected in a.text, (a.text, a.confidence)


def test_follow_up_conversations_and_topic_switch(seeds_bot) -> None:
    h: list[dict] = []

    def turn(q: str):
        a = seeds_bot.ask(q, history=h)
        h.extend([{"role": "user", "content": q}, {"role": "assistant", "content": a.text}])
        return a

    a = turn("Who is Russia's ambassador to the UN?")
    assert "Vitaly Churkin" in a.text
    a = turn("How did he describe the 120 days of negotiations?")
    assert a.text == "worthwhile" and "Churkin" in a.search_query, a.text  # the quote, not
    # the sentence holding it
    # a new topic must not be dragged back to Churkin
    a = turn("Who is the Serbian prime minister?")
    assert "Kostunica" in a.text and "Churkin" not in a.search_query
    a = turn("What did he say about conflicts?")
    assert a.text == "When there are conflicts, conflicts are solved through negotiations"
    assert a.citations[0].doc_id == "004_0d901f088aa2777c"


def test_small_talk_is_answered_without_searching_or_citing(seeds_bot) -> None:
    a = seeds_bot.ask("Thanks!")
    assert a.abstained and a.question_type == SMALL_TALK and a.confidence == 0.0
    assert not a.citations and not a.passages and not a.search_query
    hello = seeds_bot.ask("hello")
    assert "Kosovo: Internationally Mediated Talks End Without A Deal" in hello.text
    # a greeting before a question is a question
    a = seeds_bot.ask("Hi, who is Russia's ambassador to the UN?")
    assert not a.abstained and a.text == "Vitaly Churkin"
    h = [{"role": "user", "content": "Who is Russia's ambassador to the UN?"},
         {"role": "assistant", "content": "Vitaly Churkin"},
         {"role": "user", "content": "thanks"}, {"role": "assistant", "content": hello.text}]
    a = seeds_bot.ask("How did he describe the 120 days of negotiations?", history=h)
    assert a.text == "worthwhile", a.text


@pytest.mark.parametrize(("question", "expected"), [
    ("Who is Fatmir Sejdiu?", "president of the Serbian province of Kosovo"),  # was Kostunica
    ("Who is Vuk Jeremic?", "Serbian Foreign Minister"),
    ("Who is Sergei Lavrov?", "Russian Foreign Minister"),  # not "But Russian ..."
    # an office and what it is of; was "U.S. Secretary of State Condoleezza", cut in her name
    ("Who is Rice?", "U.S. Secretary of State"),
])
def test_who_is_a_name_answers_what_the_articles_say_it_is(seeds_bot, question, expected):
    a = seeds_bot.ask(question)
    assert not a.abstained and a.text == expected, (a.text, a.confidence)
    check_invariant(seeds_bot, a)


def test_what_someone_said_is_never_a_name(seeds_bot) -> None:
    # the articles only report that Sejdiu presented his views, beside Kostunica
    h = [{"role": "user", "content": "Who is Fatmir Sejdiu?"},
         {"role": "assistant", "content": "president of the Serbian province of Kosovo"}]
    a = seeds_bot.ask("What did he say?", history=h)
    # no quotation of him: the sentence that reports his views, not a name or phrase of it
    assert "Sejdiu" in a.search_query and a.text == a.sentence, a.text
    assert a.text != "Vojislav Kostunica"
    check_invariant(seeds_bot, a)


@pytest.mark.parametrize(("question", "speaker"), [
    ("What did Churkin say?", "Churkin"),
    ("What did Kostunica say?", "Kostunica"),
])
def test_what_someone_said_is_answered_with_their_words(seeds_bot, question, speaker) -> None:
    # before the speaker rule both abstained (confidence 0.05 and 0.09): the fitted models
    # never saw a question asking for someone's words and nothing else
    a = seeds_bot.ask(question)
    assert not a.abstained and speaker in a.sentence, (a.text, a.confidence)
    check_invariant(seeds_bot, a)


def test_what_someone_said_about_a_topic_comes_from_a_sentence_that_may_hold_their_words(
        seeds_bot) -> None:
    # before: "The report says the talks led to ...", the mediators' words, not Churkin's
    a = seeds_bot.ask("What did Churkin say about the talks?")
    assert a.abstained or "Churkin" in a.sentence, a.sentence


@pytest.mark.parametrize(("question", "sentence", "text"), [
    # the quotation opens in the sentence naming Scheffer and runs over two more: before,
    # the naming sentence ("NATO's continued commitment ...") was the answer to the first
    # and the second abstained (its last sentence, with only a closing mark, read as
    # someone else's words)
    ("What did Scheffer say about violence?", "And we will act resolutely",
     "And we will act resolutely against anyone who seeks to resort to violence."),
    ("What did Scheffer say about the outcome of the status process?",
     "Regardless of the outcome of the status process", None),
    # three sentences after the one naming Lavrov, inside his quotation: abstained at 0.11
    ("What did Lavrov say about the precedent?", "A precedent will be set only",
     "A precedent will be set only because it will take place"),
])
def test_what_someone_said_about_a_topic_may_be_deep_in_their_quotation(
        seeds_bot, question, sentence, text) -> None:
    a = seeds_bot.ask(question)
    assert not a.abstained and a.sentence.startswith(sentence), (a.sentence, a.confidence)
    assert a.rule == "speaker" or a.confidence >= seeds_bot.selector.abstain_threshold
    if text is not None:
        assert a.text == text
    check_invariant(seeds_bot, a)


def test_the_rest_of_someone_elses_quotation_is_not_the_speakers(seeds_bot) -> None:
    # "We advocate an agreement ... under the United Nations auspices." closes the quotation
    # Dodik's sentence opened: his words, not Churkin's
    a = seeds_bot.ask("What did Churkin say about the United Nations auspices?")
    assert a.abstained or "We advocate" not in a.sentence, a.sentence
    a = seeds_bot.ask("What did Dodik say about the United Nations auspices?")
    assert not a.abstained and "We advocate" in a.sentence, (a.sentence, a.confidence)


def test_what_someone_said_unquoted_is_the_clause_they_said(seeds_bot) -> None:
    # before: the whole sentence, "But Russian Foreign Minister Sergei Lavrov warned that ..."
    a = seeds_bot.ask("What did Lavrov warn?")
    assert a.text == "Kosovo's independence would set a precedent for the rest of the world"
    assert a.sentence.startswith("But Russian Foreign Minister Sergei Lavrov warned")
    check_invariant(seeds_bot, a)


def test_the_articles_never_quote_someone_they_never_name(seeds_bot) -> None:
    assert seeds_bot.ask("What did Vladimir Putin say?").abstained


def test_the_articles_never_quote_someone_they_only_report_to(seeds_bot) -> None:
    # the mediators reported to Ban; before, "served a useful purpose" was given as his words
    assert seeds_bot.ask("What did Ban Ki-moon say?").abstained


@pytest.mark.parametrize("question", ["What does Russia want?", "What do the Serbs want?"])
def test_no_rule_answers_with_a_sentence_that_reports_no_words(seeds_bot, question) -> None:
    # both were answered by the speaker rule under the abstention threshold (0.01, 0.00):
    # "United States" read as a verb of saying in the troika sentence, and "Serbs" inside
    # Scheffer's quotation read as the speaker
    a = seeds_bot.ask(question)
    assert a.rule != "speaker" or a.confidence >= seeds_bot.selector.abstain_threshold, (
        a.text, a.confidence)
    assert "troika" not in a.sentence and "intimidation" not in a.sentence, a.sentence


def test_a_speakers_words_are_not_the_quotation_of_others_in_the_sentence(seeds_bot) -> None:
    # "... Vitaly Churkin said there is still room for negotiations ..., but the European
    # Union and the United States insist that "the potential for a negotiated solution is now
    # exhausted."": those words had been given as his
    a = seeds_bot.ask("What did Vitaly Churkin say?")
    assert not a.text.startswith("the potential"), a.text  # his sentence, or his own words
    us = seeds_bot.ask("What did the United States say?")
    assert us.abstained or "exhausted" in us.text, us.text
    check_invariant(seeds_bot, a)


def test_a_speaker_called_by_title_still_gives_their_words(seeds_bot) -> None:
    # '"The United Nations should disregard ...," the Russian ambassador said.' had left the
    # ranking as someone else's words, and the question abstained (0.07)
    a = seeds_bot.ask("What did Churkin say the United Nations should do?")
    assert not a.abstained and "disregard" in a.text, (a.text, a.confidence)
    check_invariant(seeds_bot, a)


def test_a_search_is_answered_by_a_sentence_holding_it(seeds_bot) -> None:
    # "NATO" had been answered (abstained, 0.05) with "And we will act resolutely ...",
    # which does not name it
    a = seeds_bot.ask("NATO")
    assert not a.abstained and "NATO" in a.sentence and a.rule == "topic", a.sentence


def test_tell_me_more_gives_another_sentence_about_the_answer(seeds_bot) -> None:
    # before: searched as "Who is Tell me more?" and abstained
    q = "Who is Russia's ambassador to the UN?"
    a1 = seeds_bot.ask(q)
    h = [{"role": "user", "content": q},
         {"role": "assistant", "content": f"**{a1.text}**\n\n> {a1.sentence}"}]
    a2 = seeds_bot.ask("Tell me more", history=h)
    assert not a2.abstained and "Churkin" in a2.sentence and a2.sentence != a1.sentence
    check_invariant(seeds_bot, a2)
    h += [{"role": "user", "content": "Tell me more"},
          {"role": "assistant", "content": f"**{a2.text}**\n\n> {a2.sentence}"}]
    a3 = seeds_bot.ask("Go on", history=h)
    assert a3.abstained or a3.sentence not in (a1.sentence, a2.sentence)


def test_who_is_she_after_a_quote_is_what_the_articles_say_she_is(seeds_bot) -> None:
    a1 = seeds_bot.ask("What did Condoleezza Rice say?")
    h = [{"role": "user", "content": "What did Condoleezza Rice say?"},
         {"role": "assistant", "content": a1.text}]
    a = seeds_bot.ask("Who is she?", history=h)
    assert a.text == "U.S. Secretary of State", a.text  # was "U.S."
    check_invariant(seeds_bot, a)


def test_where_someone_is_from_may_be_their_apposition(seeds_bot) -> None:
    # "foreign minister of Italy" had been no candidate (what the sentence says of him in
    # passing), so the whole sentence was the answer
    a = seeds_bot.ask("Which country does Massimo D'Alema represent?")
    assert not a.abstained and "Italy" in a.text and a.text != a.sentence, a.text


def test_a_question_word_alone_asks_the_previous_question_anew(seeds_bot) -> None:
    h = [{"role": "user", "content": "Who blocked the plan?"},
         {"role": "assistant", "content": "Russia"}]
    a = seeds_bot.ask("When?", history=h)
    assert a.question_type == "date" and "Russia blocked the plan" in a.search_query
    check_invariant(seeds_bot, a)


def _talk(bot, *questions: str) -> list:
    history, answers = [], []
    for q in questions:
        a = bot.ask(q, history=history)
        answers.append(a)
        history += [{"role": "user", "content": q}, {"role": "assistant", "content": a.text}]
    return answers


def test_what_else_did_he_say_gives_another_of_his_statements(seeds_bot) -> None:
    first, more = _talk(seeds_bot, "What did Lavrov warn?", "What else did he say?")
    assert not more.abstained and more.sentence != first.sentence
    assert first.text not in more.sentence
    assert "will set a precedent" in more.text  # his quotation, the sentence after his name
    check_invariant(seeds_bot, more)


def test_who_else_asks_past_the_person_the_conversation_was_about(seeds_bot) -> None:
    # before: "Who else presented views?" stood alone and was answered "Fatmir Sejdiu"
    *_, other = _talk(seeds_bot, "Who is Kosovo's president?",
                      "Where did he present his views?", "Who else presented views?")
    assert other.text == "Vojislav Kostunica"
    check_invariant(seeds_bot, other)


def test_a_question_word_alone_may_be_answered_inside_the_previous_answer(seeds_bot) -> None:
    # before: "16,000" was dropped as words the user already had (the previous answer)
    first, many = _talk(seeds_bot, "What did NATO pledge?", "How many?")
    assert "16,000" in first.text and many.text == "16,000"
    check_invariant(seeds_bot, many)


def test_an_ellipsis_asks_the_previous_question_of_its_new_thing(seeds_bot) -> None:
    # before: "Vojislav Kostunica and Fatmir Sejdiu" and "the Kosovo report"
    assert _talk(seeds_bot, "Who is the Serbian prime minister?",
                 "And the foreign minister?")[-1].text == "Vuk Jeremic"
    *_, deadline = _talk(seeds_bot, "When will the Security Council discuss the report?",
                         "What about the deadline?")
    assert deadline.text == "December 10"
    check_invariant(seeds_bot, deadline)


def test_and_a_name_asks_the_old_question_of_it(seeds_bot) -> None:
    # before: "What is Kosovo?" -> "United Nations auspices"; "Who is Serbia?" -> ...
    *_, kosovo = _talk(seeds_bot, "What is the capital of Australia?", "And Kosovo?")
    assert kosovo.abstained and kosovo.search_query == "What is the capital of Kosovo?"
    _, serbia, us = _talk(seeds_bot, "Who is Russia's foreign minister?", "And Serbia's?",
                          "And the US?")
    assert serbia.text == "Vuk Jeremic"
    check_invariant(seeds_bot, serbia)
    # the office rule reads "the US's foreign minister": the articles name none
    assert us.search_query == "Who is the US's foreign minister?" and us.abstained


def test_he_after_a_who_question_the_articles_could_not_answer_is_nobody(seeds_bot) -> None:
    # before: answered with Lavrov's words about Kosovo (confidence 0.30)
    *_, he = _talk(seeds_bot, "Who is Russia's ambassador to the UN?",
                   "Who is the president of France?", "What did he say about Kosovo?")
    assert he.abstained and he.confidence == 0.0 and not he.citations
    assert he.text.startswith("The articles don't say who he is")
    assert "Who is the president of France?" in he.text and he.passages


def test_what_is_a_place_is_what_kind_of_place_the_articles_say_it_is(seeds_bot) -> None:
    # before: "United Nations auspices" (of Dodik's words, the first sentence ranked); the
    # sentence read second says "The Serbian province of Kosovo has been ..."
    a = seeds_bot.ask("What is Kosovo?")
    assert a.text == "Serbian province" and not a.abstained
    assert a.question_type == "identity"
    check_invariant(seeds_bot, a)


def test_why_after_a_quotation_is_not_the_quotation_again(seeds_bot) -> None:
    first, why = _talk(seeds_bot, "What did Rice say?", "Why?")
    assert first.text.startswith("It is not going to produce stability")
    assert why.text != first.text
    check_invariant(seeds_bot, why)


def test_who_said_that_is_whose_words_the_last_answer_gives(seeds_bot) -> None:
    # before: "Certainly the way" (a phrase of the quotation itself) at 0.87
    _, who = _talk(seeds_bot, "Will the Kosovo crisis set a precedent?", "Who said that?")
    assert who.text == "Sergei Lavrov" and who.rule == "attribution" and not who.abstained
    assert "Lavrov warned" in who.sentence  # cited where the articles name him
    check_invariant(seeds_bot, who)
    *_, who = _talk(seeds_bot, "What remains crucial?", "Who said that?")
    assert who.text == "Jaap de Hoop Scheffer" and who.rule == "attribution"
    # the article's own words have no speaker for the rule: the question is asked as any other
    *_, fact = _talk(seeds_bot, "How many peacekeepers does NATO keep in Kosovo?",
                     "Who said that?")
    assert fact.rule != "attribution"


def test_nothing_else_is_abstained_on(seeds_bot) -> None:
    # the articles quote Rice once, and name no one else who presented views
    assert _talk(seeds_bot, "What did Rice say?", "What else did she say?")[-1].abstained
    assert _talk(seeds_bot, "Who presented their views at the consultations?",
                 "Who else?")[-1].abstained


def test_yes_no_question_answers_with_the_sentence(seeds_bot) -> None:
    a = seeds_bot.ask("Did Russia block the plan?")
    assert not a.abstained and a.text == a.sentence and "Russia blocked" in a.sentence
    check_invariant(seeds_bot, a)
    c = a.citations[0]
    assert (c.span_start, c.span_end) == (c.sentence_start, c.sentence_end)


def test_short_question_with_its_own_subject_is_not_dragged_back(seeds_bot) -> None:
    h = [{"role": "user", "content": "When did the mediators report to Ban Ki-moon?"},
         {"role": "assistant", "content": "December 7"}]
    a = seeds_bot.ask("What is the deadline?", history=h)
    assert a.text == "December 10", a.text


@pytest.mark.parametrize("bad", ["", "   \n\t ", "x" * 20_000, "?!...;", 42])
def test_bad_questions_get_a_clear_message(seeds_bot, bad) -> None:
    with pytest.raises(QuestionError) as err:
        seeds_bot.ask(bad)
    assert len(str(err.value)) > 10


def test_binary_looking_question_does_not_crash(seeds_bot) -> None:
    a = seeds_bot.ask("\x00\x01\x02\ufffd\ufffd NATO \x7f peacekeepers?")
    check_invariant(seeds_bot, a)


def _squad_questions() -> list[str]:
    if not SQUAD.is_file():
        return ["What did the mediators report?", "Who agreed with Churkin?"]
    data = json.loads(SQUAD.read_text())
    qs = [qa["question"] for art in data["data"][:12] for p in art["paragraphs"]
          for qa in p["qas"]]
    return qs[::7][:150]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(_squad_questions()))
def test_invariant_on_arbitrary_questions(seeds_bot, question) -> None:
    check_invariant(seeds_bot, seeds_bot.ask(question))


_TURNS = ["Who is Russia's ambassador to the UN?", "What did he say?", "Tell me more", "Why?",
          "and the date?", "Who else?", "thanks", "", "   ", "What about Lavrov?", "more",
          "**Vitaly Churkin**\n\n> Russia's UN Ambassador Vitaly Churkin described it.",
          "The articles don't say.", "Who is she?", "How many?", "what did they conclude"]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(question=st.sampled_from([t for t in _TURNS if t.strip() and "\n" not in t]),
       history=st.lists(st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant"]),
                                                "content": st.sampled_from(_TURNS)}),
                        max_size=6))
def test_follow_ups_over_any_history_keep_the_invariant(seeds_bot, question, history) -> None:
    """Whatever the history holds (pronouns, fragments, "more", empty and quoted turns), the
    answer is verbatim text of a cited article or an abstention, never an exception."""
    check_invariant(seeds_bot, seeds_bot.ask(question, history=history))


ACME = ("Acme Corp reports record profit\n\nSAN FRANCISCO, March 3, 2026 - Acme Corp said on "
        "Tuesday that its fourth-quarter profit rose 42 percent to $3.1 billion. Chief Executive "
        "Jane Morales called the results \"a turning point for the company.\" Chief Financial "
        "Officer Raj Patel said the company expects revenue of $13 billion next quarter.")


def test_abbreviation_the_article_spells_out_finds_its_answer(embedder) -> None:
    from qa_bot import Document, QABot

    bot = QABot.build([Document(id="acme", text=ACME, title="Acme")])
    a = bot.ask("Who is Acme's CEO?")
    assert not a.abstained and a.text == "Jane Morales", (a.text, a.confidence)
    assert a.search_query == "Who is Acme's chief executive?"
    assert bot.ask("Who is the CFO?").text == "Raj Patel"


def test_what_the_articles_are_about_is_their_opening_sentences(seeds_bot) -> None:
    # before: abstained at 0.00 ("Summarize the article", "What is this article about?")
    a = seeds_bot.ask("Summarize the articles")
    assert not a.abstained and a.rule == "overview" and a.question_type == "overview"
    # one opening per article, the newest first; the NATO article's after its banner and the
    # title it repeats
    assert [c.doc_id for c in a.citations] == [XINHUA_DOC, NATO_DOC]
    assert a.text == a.sentence and a.text.startswith("The United Nations Security Council ended")
    assert seeds_bot.index.documents[NATO_DOC].text[
        a.citations[1].sentence_start:a.citations[1].sentence_end].startswith(
        "International mediators in talks")
    check_invariant(seeds_bot, a)
    # in a conversation, the article of the last answer comes first
    hist = [{"role": "user", "content": "Who is Russia's foreign minister?"},
            {"role": "assistant", "content": "Sergei Lavrov"}]
    a = seeds_bot.ask("What is this article about?", history=hist)
    assert a.citations[0].doc_id == NATO_DOC, a.text
    check_invariant(seeds_bot, a)


def test_what_one_article_is_about_is_its_opening_sentence(seeds_bot) -> None:
    a = seeds_bot.ask("What is the NATO article about?")
    assert not a.abstained and [c.doc_id for c in a.citations] == [NATO_DOC], a.citations
    check_invariant(seeds_bot, a)
    # words no article uses name none of them
    assert seeds_bot.ask("What is the football article about?").abstained


@pytest.mark.parametrize(("message", "word"), [
    ("Tell me about NATO", "NATO"), ("What do the articles say about Rice?", "Rice"),
    ("Can you tell me about the troika?", "troika"),
])
def test_a_request_to_hear_about_something_is_a_search(seeds_bot, message, word) -> None:
    # before: "Tell me about NATO" abstained at 0.06
    a = seeds_bot.ask(message)
    assert not a.abstained and word in a.sentence and a.text == a.sentence, a.text
    check_invariant(seeds_bot, a)


def test_a_request_about_what_the_articles_never_name_abstains(seeds_bot) -> None:
    assert seeds_bot.ask("Tell me about Vladimir Putin").abstained


def test_what_a_body_named_in_lowercase_said_is_its_words(seeds_bot) -> None:
    # before: "What did the report say?" was no speaker question (a lowercase name) and
    # abstained; now the report's quotation, by the speaker rule
    a = seeds_bot.ask("What did the report say?")
    assert not a.abstained and a.rule in ("speaker", ""), (a.text, a.confidence)
    assert a.sentence.startswith("The report says") and a.text.startswith("the most sustained")
    check_invariant(seeds_bot, a)


def test_a_question_word_alone_is_not_answered_with_the_previous_answer(seeds_bot) -> None:
    # before: "Where?" was answered "views at Wednesday's closed-door consultations", the
    # previous answer again
    hist: list[dict] = []
    for q in ("Who is Fatmir Sejdiu?", "What did he present?"):
        a = seeds_bot.ask(q, history=hist)
        hist += [{"role": "user", "content": q}, {"role": "assistant", "content": a.text}]
    assert a.text == "views at Wednesday's closed-door consultations", a.text
    a = seeds_bot.ask("Where?", history=hist)
    assert not a.abstained and a.text != hist[-1]["content"], a.text
    assert "closed-door consultations" in a.text
    check_invariant(seeds_bot, a)


def test_a_what_question_about_someone_is_not_answered_with_their_name(seeds_bot) -> None:
    # before: "Condoleezza Rice" (0.70), her name with the word the question did not give
    a = seeds_bot.ask("What did Rice make clear?")
    assert not a.abstained and "Rice" not in a.text, a.text
    assert "Washington would not support more negotiations" in a.text


def test_what_else_they_said_goes_on_through_their_quotation(seeds_bot) -> None:
    # before: the third "What else?" abstained (0.00): the rest of Scheffer's quotation is
    # in a chunk the search did not retrieve
    hist: list[dict] = []
    got = []
    for q in ("Who is the NATO secretary general?", "What did he say?",
              "What else did he say?", "What else?"):
        a = seeds_bot.ask(q, history=hist)
        hist += [{"role": "user", "content": q}, {"role": "assistant", "content": a.text}]
        got.append(a)
    assert [a.text[:24] for a in got[1:]] == [
        "NATO's continued commitm", "And we will act resolute", "Regardless of the outcom"]
    for a in got:
        check_invariant(seeds_bot, a)


def test_the_article_just_added_is_the_one_summarized_first(embedder) -> None:
    from qa_bot import Document, QABot

    old = Document(id="old", title="Old news", text="The old bridge over the river was closed "
                   "for repairs on Monday after inspectors found cracks in two of its piers.")
    new = Document(id="new", title="New news", text="A new library opened in the town centre "
                   "on Saturday with room for forty thousand books and a reading garden.")
    bot = QABot.build([old, new])
    a = bot.ask("Summarize the article")
    assert [c.doc_id for c in a.citations] == ["new", "old"] and a.text.startswith("A new library")
    check_invariant(bot, a)


COURT = (
    "Court Blocks Merger of Two Largest Grocery Chains\n\n"
    "PORTLAND, Oregon, Dec. 10, 2024 - A federal judge on Tuesday blocked the $24.6 billion "
    "merger of Kroger and Albertsons, the two largest supermarket chains in the United States, "
    "ruling that the deal would reduce competition and raise prices for shoppers.\n\n"
    "U.S. District Judge Adrienne Nelson granted the Federal Trade Commission's request for a "
    "preliminary injunction, saying the agency had shown that the merger was likely to "
    "\"substantially lessen competition\" in violation of antitrust law.\n\n"
    "The ruling came after a three-week hearing in August and September in which Kroger "
    "executives testified that the combined company would lower prices and keep all of its "
    "stores open. Nelson was not persuaded. \"The evidence shows that the merger would "
    "eliminate head-to-head competition between Kroger and Albertsons,\" she wrote in a "
    "71-page opinion.\n\n"
    "Kroger, based in Cincinnati, operates about 2,700 stores, while Albertsons, based in Boise, "
    "Idaho, runs about 2,270. The companies announced the deal in October 2022 and had "
    "proposed selling 579 stores to C&S Wholesale Grocers to win approval.\n\n"
    "Kroger shares rose 3 percent after the ruling, while Albertsons shares fell 2 percent. "
    "Analysts said the companies were unlikely to appeal.")


def one_article_bot(doc_id: str, text: str, title: str):
    """A bot over one article of our own: the news the seeds do not cover."""
    from qa_bot import Document, QABot

    return QABot.build([Document(id=doc_id, text=text, title=title)])


@pytest.fixture(scope="module")
def court_bot(embedder):
    return one_article_bot("court", COURT, "Court blocks merger")


def test_what_someone_wrote_comes_from_a_sentence_giving_their_words(court_bot) -> None:
    # before: "Nelson was not persuaded." (names her, gives no words) was chosen, and the
    # answer abstained at 0.12
    a = court_bot.ask("What did Nelson write?")
    assert not a.abstained and a.rule == "speaker", (a.sentence, a.confidence)
    assert "persuaded" not in a.sentence
    check_invariant(court_bot, a)


def test_what_a_named_group_testified_is_the_clause_they_testified(court_bot) -> None:
    # before: "Kroger executives" was no speaker and "testify" no verb of saying: "the
    # combined company", a phrase of the clause
    a = court_bot.ask("What did Kroger executives testify?")
    assert a.text == "the combined company would lower prices and keep all of its stores open"
    check_invariant(court_bot, a)


@pytest.mark.parametrize(("question", "expected"), [
    # before: Kroger's figures, from the clause before the "while"
    ("How many stores does Albertsons operate?", "about 2,270"),
    ("How much did Albertsons shares fall?", "2 percent"),
    ("What happened to Albertsons shares?", "fell 2 percent"),
])
def test_a_contrast_is_answered_from_the_clause_about_what_was_asked(court_bot, question,
                                                                    expected) -> None:
    a = court_bot.ask(question)
    assert not a.abstained and a.text == expected, (a.text, a.confidence)
    check_invariant(court_bot, a)


def test_and_another_name_is_not_answered_with_the_first_names_answer(embedder) -> None:
    # no contrast to tell the clauses apart: asked directly, "How many stores does
    # Albertsons operate?" is answered "about 2,700" here; after Kroger's answer, "And
    # Albertsons?" asks past it
    text = ("Grocers report store counts\n\nKroger operates about 2,700 stores and Albertsons "
            "about 2,270, according to company filings. The two chains employ about 710,000 "
            "people.")
    bot = one_article_bot("g", text, "Grocers")
    history: list[dict] = []
    for question, expected in (("How many stores does Kroger operate?", "about 2,700"),
                               ("And Albertsons?", "about 2,270")):
        a = bot.ask(question, history=history)
        assert not a.abstained and a.text == expected, (question, a.text, a.confidence)
        check_invariant(bot, a)
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": f"**{a.text}**"}]


HEALTH = (
    "Measles Cases Surge in Texas as Outbreak Spreads to New Mexico\n\n"
    "LUBBOCK, Texas, Feb. 28, 2025 - A measles outbreak in West Texas has grown to 146 cases, "
    "state health officials said on Friday, making it the largest in the state in nearly 30 "
    "years.\n\n"
    "Neighboring New Mexico reported nine cases in Lea County, which borders Gaines County. "
    "Officials there said the cases were not yet linked to the Texas outbreak.\n\n"
    "Dr. Ron Cook, the health authority for Lubbock, said the hospital had treated more than "
    "20 children since late January. He warned that the outbreak would likely last for months.")


@pytest.fixture(scope="module")
def health_bot(embedder):
    return one_article_bot("measles", HEALTH, "Measles")


def test_and_in_another_place_asks_the_old_question_there(health_bot) -> None:
    # before: "in Texas How many cases in Lea County?" was asked, and answered with the
    # whole sentence about Lea County
    q1, q2 = "How many cases in Lea County?", "And in Texas?"
    a = health_bot.ask(q1)
    assert a.text == "nine"
    b = health_bot.ask(q2, history=[{"role": "user", "content": q1},
                                    {"role": "assistant", "content": "**nine**"}])
    assert b.search_query == "How many cases in Texas?" and b.text == "146", b.text
    check_invariant(health_bot, b)


def test_who_is_a_name_is_not_the_name_or_its_courtesy_title(health_bot) -> None:
    # before: "Dr. Ron Cook, the health authority for Lubbock", then "Dr"
    a = health_bot.ask("Who is Ron Cook?")
    assert not a.abstained and a.text == "health authority for Lubbock", a.text
    check_invariant(health_bot, a)


def test_it_after_a_thing_answered_is_that_thing(court_bot) -> None:
    # before: "When was it announced?" was asked with "it" as it was, and abstained (0.17)
    b = court_bot.ask("When was it announced?", history=[
        {"role": "user", "content": "What did the judge block?"},
        {"role": "assistant", "content": "**the deal**"}])
    assert b.search_query.startswith("When was the deal announced?")
    assert not b.abstained and b.text == "October 2022", (b.text, b.confidence)
    check_invariant(court_bot, b)


SPACE = (
    "A NASA spacecraft the size of a vending machine crashed into a small asteroid on Monday "
    "evening, in the first test of whether humanity could nudge a threatening space rock off "
    "course.\n\n"
    "The Double Asteroid Redirection Test, or DART, struck Dimorphos, a moonlet about 160 "
    "meters wide, at roughly 22,500 kilometers per hour. The impact came at 7:14 p.m. Eastern "
    "time, about 11 million kilometers from Earth.\n\n"
    "Dimorphos orbits a larger asteroid, Didymos, once every 11 hours and 55 minutes. Neither "
    "poses any threat to Earth.\n\n"
    "A camera on board, called DRACO, sent back one image per second as the craft closed in.")

MARATHON = (
    "Eliud Kipchoge of Kenya broke his own marathon world record on Sunday, winning the "
    "Berlin Marathon in 2 hours, 1 minute and 9 seconds. The 37-year-old ran the first half "
    "in 59 minutes 51 seconds.\n\n"
    '"I am happy with the world record, but I wanted to go under two hours," Kipchoge said. '
    "He ran 1:59:40 in Vienna in 2019, but that run was not eligible as a record.\n\n"
    "In the women's race, Tigist Assefa of Ethiopia won in 2:15:37, the third-fastest time in "
    "history. Rosemary Wanjiru of Kenya finished second.\n\n"
    "Kipchoge, who trains in Kaptagat in Kenya's Rift Valley, did not say which race he would "
    "run next.")


@pytest.fixture(scope="module")
def space_bot(embedder):
    return one_article_bot("dart", SPACE, "Spacecraft hits asteroid")


@pytest.fixture(scope="module")
def marathon_bot(embedder):
    return one_article_bot("berlin", MARATHON, "Kipchoge breaks record")


def test_what_an_abbreviation_stands_for_is_the_words_beside_it(space_bot) -> None:
    # before: abstained at 0.01, the sentence spelling it out ranked first
    a = space_bot.ask("What does DART stand for?")
    assert not a.abstained and a.rule == "expansion", (a.text, a.confidence)
    assert a.text == "Double Asteroid Redirection Test"
    check_invariant(space_bot, a)
    # an abbreviation the article does not spell out is left to the models
    assert space_bot.ask("What does NASA stand for?").rule != "expansion"


def test_what_someone_said_is_not_what_they_did_not_say(marathon_bot) -> None:
    # before: "Kipchoge ... did not say which race he would run next." over his quotation
    a = marathon_bot.ask("What did Kipchoge say?")
    assert a.text == "I am happy with the world record, but I wanted to go under two hours", \
        a.text
    check_invariant(marathon_bot, a)


def test_what_a_name_is_may_be_said_before_it(space_bot) -> None:
    # before: abstained at 0.15; "a camera on board, called DRACO," names it after saying
    # what it is
    a = space_bot.ask("What is DRACO?")
    assert not a.abstained and a.text == "camera on board", (a.text, a.confidence)
    check_invariant(space_bot, a)


NETFLIX = (
    "The company also said co-founder Reed Hastings would step down as co-chief executive and "
    "become executive chairman.\n\n"
    '"Reed has been a great mentor," Sarandos said in a video interview. Hastings, 62, founded '
    "the company in 1997 as a DVD-by-mail service.\n\n"
    "Shares rose 6 percent in after-hours trading.")


def test_an_age_beside_a_name_answers_how_old_they_are(embedder) -> None:
    # before: abstained at 0.23 over "Hastings, 62, founded the company ..."
    bot = one_article_bot("netflix", NETFLIX, "Netflix results")
    a = bot.ask("How old is Hastings?")
    assert not a.abstained and a.text == "62", (a.text, a.confidence)
    check_invariant(bot, a)


def test_who_a_short_name_is_is_the_name_it_is_short_for(space_bot) -> None:
    # before: "Double Asteroid Redirection Test" was no description of DART
    a = space_bot.ask("What is DART?")
    assert not a.abstained and a.text == "Double Asteroid Redirection Test", a.text
    check_invariant(space_bot, a)


def test_who_someone_is_is_not_what_another_person_in_the_sentence_is(embedder) -> None:
    # before: "chief operating officer", Greg Peters's title, for Ted Sarandos
    bot = one_article_bot("netflix2", (
        "Ted Sarandos, who has shared the top job since 2020, will remain co-CEO alongside "
        "Greg Peters, the chief operating officer.\n\n"
        "The company also said co-founder Reed Hastings would step down."), "Netflix")
    a = bot.ask("Who is Ted Sarandos?")
    assert "operating officer" not in a.text and "Peters" not in a.text, a.text
    check_invariant(bot, a)
    b = bot.ask("Who is Reed Hastings?")
    assert b.text == "co-founder", b.text  # before: "company also said co-founder"


FIRE = (
    "A fast-moving wildfire in northern California has destroyed more than 400 homes and "
    "forced about 30,000 people to leave, officials said on Sunday, as crews struggled against "
    "high winds.\n\n"
    "Governor Jerry Brown declared a state of emergency in Shasta County on Saturday, which "
    "frees up state money for the response. President Donald Trump approved federal disaster "
    "aid the next day.\n\n"
    "The city of Redding, home to about 92,000 people, lies some 260 kilometers north of "
    "Sacramento.")


def test_and_another_name_is_not_answered_from_a_sentence_without_it(embedder) -> None:
    # before: "And Trump?" was asked "When Trump declared a state of emergency?" past
    # "Saturday" in Brown's sentence, and answered "Shasta County"
    bot = one_article_bot("fire", FIRE, "Wildfire")
    hist = [{"role": "user", "content": "Who declared a state of emergency?"},
            {"role": "assistant", "content": "Jerry Brown"},
            {"role": "user", "content": "When?"},
            {"role": "assistant", "content": "Saturday"}]
    a = bot.ask("And Trump?", history=hist)
    assert a.abstained or "Trump" in a.sentence, (a.text, a.sentence)
    assert "Shasta" not in a.text and a.text != "Saturday"


VOTE_FILE = (
    'Dutch Voters Hand Victory to Centrist Party in Snap Election\n\nAMSTERDAM, Oct. 30, 20'
    "25 - The centrist D66 party won the most seats in the Netherlands' snap parliamentar"
    'y election on Wednesday, narrowly beating the far-right Freedom Party of Geert Wilde'
    'rs, according to preliminary results.\n\nD66, led by 38-year-old Rob Jetten, took 26 o'
    'f the 150 seats in the lower house, up from 9 in the previous election. The Freedom '
    'Party also won 26 seats but received about 15,000 fewer votes, the ANP news agency s'
    'aid. Turnout was 78 percent.\n\nJetten told cheering supporters in Leiden that voters '
    'had chosen "optimism over anger." He is expected to lead talks to form a coalition g'
    'overnment, a process that took more than six months after the last election in 2023.'
    '\n\nWilders, whose party had won 37 seats two years ago, said he was disappointed but '
    'would not give up. "The voters have spoken, and we will be back," he wrote on X. He '
    'had pulled his party out of the previous governing coalition in June over a dispute '
    'about asylum policy, which caused the government to collapse.\n\nThe Christian Democra'
    'tic Appeal, led by Henri Bontenbal, won 18 seats, while the Labour-Green alliance of'
    ' Frans Timmermans won 20. Timmermans announced on Wednesday night that he would step'
    ' down as leader after the disappointing result.\n')


def file_bot(path, text: str):
    """A bot over one article written to ``path`` and read as a user adds it (the loader
    takes its headline, byline and dateline apart)."""
    from qa_bot import QABot
    from qa_bot.loader import load_file

    path.write_text(text, encoding="utf-8")
    return QABot.build(load_file(path).documents)


def test_what_someone_wrote_somewhere_is_their_words(embedder, tmp_path) -> None:
    # "on X" asks where, not about what: a bare speaker question answered by rule (it had
    # abstained at 0.20 once irregular verbs matched, read once)
    bot = file_bot(tmp_path / "vote.txt", VOTE_FILE)
    a = bot.ask("What did Wilders write on X?")
    assert not a.abstained and a.text == "The voters have spoken, and we will be back", \
        (a.text, a.confidence)
    check_invariant(bot, a)


TRIAL_FILE = (
    'Former FTX chief Sam Bankman-Fried sentenced to 25 years in prison\n\nBy Luc Moreau | '
    'New York | March 28, 2024\n\nSam Bankman-Fried, the founder of the collapsed cryptocur'
    'rency exchange FTX, was sentenced on Thursday to 25 years in prison for stealing abo'
    'ut $8 billion from customers.\n\nU.S. District Judge Lewis Kaplan also ordered Bankman'
    '-Fried, 32, to forfeit $11 billion. Prosecutors had asked for 40 to 50 years, while '
    'his lawyers had argued for no more than six and a half years.\n\n"There is a risk that'
    ' this man will be in a position to do something very bad in the future," Kaplan said'
    ', adding that Bankman-Fried had never expressed remorse. The judge said he had lied '
    'on the witness stand at least three times.\n\nBankman-Fried, who wore a beige prison u'
    'niform, told the court he was sorry. "I made a series of bad decisions," he said. "A'
    " lot of people feel really let down, and they were very let down, and I'm sorry abou"
    't that."\n\nA jury convicted him in November of seven counts of fraud and conspiracy a'
    'fter a month-long trial. Three of his former associates, including his ex-girlfriend'
    ' Caroline Ellison, who ran the trading firm Alameda Research, testified against him.'
    '\n\nFTX, once valued at $32 billion, filed for bankruptcy in November 2022 after custo'
    'mers rushed to withdraw their money. Its new management has said customers are likel'
    "y to be repaid in full.\n\nBankman-Fried's lawyers said he would appeal the verdict an"
    'd the sentence. He has been held at the Metropolitan Detention Center in Brooklyn si'
    'nce August, when Kaplan revoked his bail for witness tampering.\n')


def test_and_his_lawyers_asks_what_they_asked_for(embedder, tmp_path) -> None:
    # before: "What his lawyers?" was searched with the prosecutors' question and answer,
    # and answered with the prosecutors' sentence again
    bot = file_bot(tmp_path / "trial.txt", TRIAL_FILE)
    hist = [{"role": "user", "content": "What did prosecutors ask for?"},
            {"role": "assistant", "content": "40 to 50 years"}]
    a = bot.ask("And his lawyers?", history=hist)
    assert a.search_query == "What did his lawyers ask for?"
    assert a.text == "no more than six and a half years", (a.text, a.confidence)
    check_invariant(bot, a)


def test_who_founded_is_answered_from_the_founder(embedder, tmp_path) -> None:
    # before: abstained at 0.09: "founded" and "founder" were two terms
    bot = file_bot(tmp_path / "trial.txt", TRIAL_FILE)
    a = bot.ask("Who founded FTX?")
    assert not a.abstained and a.text == "Sam Bankman-Fried", (a.text, a.confidence)
    check_invariant(bot, a)


ARTICLES = Path(__file__).parent / "articles"  # news of our own, as users add it


def exchange(question: str, answer: str) -> list[dict]:
    """One turn of chat history: the user's question and the bot's answer."""
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def article_bot(name: str):
    """A bot over one of our own articles, read from its file as a user adds it."""
    from qa_bot import QABot
    from qa_bot.loader import load_file

    return QABot.build(load_file(ARTICLES / name).documents)


def doc_bot(doc_id: str, title: str, text: str):
    """A bot over one short article written in the test."""
    from qa_bot import Document, QABot

    return QABot.build([Document(id=doc_id, title=title, text=text)])


def ask_without(bot, switch: str, question: str, history: list[dict] | None = None):
    """The answer with the selector's rule ``switch`` off (to show that the rule did it)."""
    setattr(bot.selector, switch, False)
    try:
        return bot.ask(question, history=history)
    finally:
        setattr(bot.selector, switch, True)


def spans_without(bot, switch: str, sentence, question: str, qtype: str) -> list[str]:
    """The span candidates' texts with the selector's rule ``switch`` off."""
    setattr(bot.selector, switch, False)
    try:
        return [e.text for e in bot.selector.span_candidates(sentence, question, qtype)]
    finally:
        setattr(bot.selector, switch, True)


def answers_all(bot, questions: tuple[str, ...], text: str, rule: str | None = None) -> None:
    """Each question is answered ``text`` (by ``rule`` when given), cited where it is."""
    for q in questions:
        a = bot.ask(q)
        assert not a.abstained and a.text == text, (q, a.text, a.confidence)
        assert rule is None or a.rule == rule, (q, a.rule)
        check_invariant(bot, a)


@pytest.fixture(scope="module")
def hurricane_bot(embedder):
    return article_bot("hurricane.txt")


@pytest.fixture(scope="module")
def theft_bot(embedder):
    return article_bot("museum_theft.txt")


def test_how_many_is_the_number_of_what_is_counted(hurricane_bot) -> None:
    # before: "31", the number beside the question's other words ("shelters", "Monday night")
    a = hurricane_bot.ask("How many people stayed in shelters on Monday night?")
    assert not a.abstained and a.text.endswith("4,200"), (a.text, a.confidence)
    check_invariant(hurricane_bot, a)


def test_the_byline_answers_nothing(hurricane_bot) -> None:
    # before: "Marcus Delacroix", the reporter named in the byline, at 0.61
    a = hurricane_bot.ask("Who is the mayor of New Orleans?")
    assert "Delacroix" not in a.text and "Delacroix" not in a.sentence
    assert all("Delacroix" not in p.text for p in hurricane_bot.retrieve("Marcus Delacroix"))


@pytest.mark.parametrize(("question", "expected"), [
    ("How many people died?", "At least seven"),  # before: abstained at 0.06 ("were killed")
])
def test_words_news_uses_for_one_another_find_the_answer(hurricane_bot, question,
                                                          expected) -> None:
    a = hurricane_bot.ask(question)
    assert not a.abstained and a.text == expected, (a.text, a.confidence)
    check_invariant(hurricane_bot, a)


@pytest.mark.parametrize(("question", "expected"), [
    ("When was the drawing stolen?", "September 2"),  # "was taken": abstained at 0.19
    ("Where were the suspects arrested?", "Rotterdam and Utrecht"),  # "were detained"
    ("What does OM stand for?", "Public Prosecution Service"),  # another language's letters
    ("Who runs the museum?", "Annelies Brouwer"),  # "Museum director ...": abstained at 0.01
    # not the year in the aside ", which is housed in a mansion built in 1672," (had been)
    ("When did the museum reopen to visitors?", "September 5"),
])
def test_a_theft_in_other_words(theft_bot, question, expected) -> None:
    a = theft_bot.ask(question)
    assert not a.abstained and a.text == expected, (a.text, a.confidence)
    check_invariant(theft_bot, a)


def test_yes_no_with_a_relative_clause_is_answered_with_the_sentence(theft_bot) -> None:
    # before: "41-year-old woman": the relative "who" made it a who-question
    a = theft_bot.ask("Was the woman who was questioned charged?")
    assert not a.abstained and a.text == a.sentence and "without charge" in a.text


def test_an_obituary_gives_the_age_and_the_family(embedder) -> None:
    bot = article_bot("obituary.txt")
    # before: abstained at 0.09 ("She was 87." after the sentence of her death)
    a = bot.ask("How old was Vollan when she died?")
    assert not a.abstained and a.text == "87" and a.sentence == "She was 87.", a.text
    check_invariant(bot, a)
    # before: "How old is Vollan?", his mother's age
    hist = exchange("Who is Anders Vollan?", "her son")
    a = bot.ask("How old is he?", history=hist)
    assert not a.abstained and a.text == "59", (a.text, a.search_query)
    check_invariant(bot, a)
    # before: the quotation's last sentence alone; the speaker is named after it
    a = bot.ask("What did Amundsen say?")
    assert a.text == ("She was the most stubborn writer I ever worked with, and the most "
                      "generous. She would argue for an hour over a comma and then send you "
                      "a cake the next day"), a.text
    assert a.sentence.endswith("Amundsen, 71, said.")
    check_invariant(bot, a)


def test_where_someone_works_is_what_the_sentence_says_of_them(embedder) -> None:
    # before: the whole sentence (an occupation after a name had become its description,
    # and what a sentence says of the asked person in passing answers no place question)
    bot = article_bot("hospital_attack.txt")
    a = bot.ask("Where does Priya Raman work?")
    assert not a.abstained and a.text == "Carnegie Mellon University", (a.text, a.confidence)
    check_invariant(bot, a)


def test_a_list_of_numbers_by_country_answers_each_country(embedder) -> None:
    # "... the dead also included nine tourists from Chile, six from Spain, four from the
    # United States and two from Japan."
    bot = article_bot("plane_crash.txt")
    # a part of the previous answer may answer a question of its own about the same person
    # (before: abstained, "Arequipa" counted as already given)
    hist = exchange("Who is Elena Torres?", "a schoolteacher from Arequipa")
    a = bot.ask("Where was she from?", history=hist)
    assert not a.abstained and a.text == "Arequipa", (a.text, a.search_query)
    check_invariant(bot, a)
    # a nationality's people name its place (before: abstained at 0.13)
    a = bot.ask("How many Spaniards were killed?")
    assert not a.abstained and a.text == "six", (a.text, a.confidence)
    hist: list[dict] = []
    for question, expected in (("How many Chilean tourists died?", "nine"),
                               ("And from the United States?", "four"),  # before: "six"
                               ("And from Japan?", "two")):
        a = bot.ask(question, history=hist)
        assert not a.abstained and a.text == expected, (question, a.text, a.search_query)
        check_invariant(bot, a)
        hist += exchange(question, a.text)


def test_an_abbreviation_is_spelled_by_a_name_with_its_initials(embedder) -> None:
    # before: abstained (0.00); the article writes the name, never the abbreviation
    bot = one_article_bot("walk", (
        "People who walk about 7,000 steps a day are 47 percent less likely to die early.\n\n"
        "The World Health Organization recommends at least 150 minutes of moderate exercise a "
        "week for adults."), "Walking")
    a = bot.ask("What does WHO stand for?")
    assert not a.abstained and a.text == "World Health Organization", (a.text, a.confidence)
    check_invariant(bot, a)


def test_an_age_given_right_after_a_sentence_about_them(marathon_bot) -> None:
    # before: abstained; "The 37-year-old ran ..." follows the sentence naming Kipchoge
    a = marathon_bot.ask("How old is Kipchoge?")
    assert not a.abstained and a.text == "37", (a.text, a.confidence)
    check_invariant(marathon_bot, a)


def test_the_mayor_is_titled_where_the_city_was_just_named(hurricane_bot) -> None:
    # "In New Orleans, ... Mayor Anthony Reyes imposed a curfew": before, abstained at 0.00
    a = hurricane_bot.ask("Who is the mayor of New Orleans?")
    assert not a.abstained and a.text == "Anthony Reyes" and a.rule == "office", a.text
    check_invariant(hurricane_bot, a)
    a = hurricane_bot.ask("Who is the governor of Louisiana?")
    assert not a.abstained and a.text == "Ellen Broussard", a.text


@pytest.fixture(scope="module")
def cholera_bot(embedder):
    return article_bot("cholera.txt")


def test_letters_that_are_a_stopword_are_looked_up_where_they_are_defined(cholera_bot) -> None:
    # "WHO" is no search term (the stopword "who"), and "the World Health Organization
    # (WHO)" sat outside the chunks read: abstained at 0.00
    a = cholera_bot.ask("What does WHO stand for?")
    assert not a.abstained and a.text == "World Health Organization", (a.text, a.confidence)
    assert a.rule == "expansion"
    check_invariant(cholera_bot, a)


def test_an_age_the_article_does_not_give_is_not_answered(cholera_bot) -> None:
    # before: "11,347" (the cases in the sentence naming her) at 0.92
    a = cholera_bot.ask("How old is Health Minister Esther Chikondi?")
    assert a.abstained, a.text
    a = cholera_bot.ask("How old is Dr. Peter Banda?")  # "Dr. Peter Banda, 41, the physician"
    assert not a.abstained and a.text == "41", a.text


def test_an_answer_not_of_the_kind_asked_is_no_answer(embedder) -> None:
    bot = article_bot("bridge_collapse.txt")
    # before: "several months" (how long it would take to build) at 0.94: the article
    # gives no cost, and the sentence no amount
    a = bot.ask("How much will the temporary pontoon crossing cost?")
    assert a.abstained, a.text
    a = bot.ask("How many people were killed?")  # an amount in words is an amount
    assert not a.abstained and a.text == "At least nine", a.text


def test_a_city_the_tagger_once_took_for_a_person_is_still_a_place(embedder) -> None:
    # "Sydney had held the title since 1911" tags Sydney as a person; "And Sydney?" had
    # become "How many Sydney?"
    bot = article_bot("census.txt")
    hist = exchange("How many people live in Melbourne?", "5,431,870")
    a = bot.ask("And Sydney?", history=hist)
    assert a.search_query.startswith("How many people live in Sydney?"), a.search_query


def test_the_rest_is_the_other_part_of_the_last_answers_breakdown(cholera_bot) -> None:
    # before: "How many the rest?", abstained at 0.00
    hist = exchange("How many vaccine doses arrived on Wednesday?", "800,000")
    a = cholera_bot.ask("And the rest?", history=hist)
    assert not a.abstained and a.rule == "rest", a.text
    assert a.text == "The remaining 400,000 are expected next week.", a.text
    check_invariant(cholera_bot, a)
    # no previous answer: asked as any question
    a = cholera_bot.ask("And the rest?")
    assert a.rule != "rest"


def test_someones_words_about_a_topic_in_other_words(embedder) -> None:
    # '"We asked for a compromise three times, and three times we were told the spreadsheet
    # could not be changed," he said.' holds "compromise", not "requests": abstained at 0.14
    from qa_bot import Document, QABot

    bot = QABot.build([Document(id="croatia", title="Coalition collapses", text=(
        "The Croatian Rural Bloc quit the coalition on Monday over plans to cut farm "
        "subsidies by 18 percent.\n\nRRB leader Josip Vukovic, a former agriculture "
        "minister, said his party had warned the prime minister for months that rural voters "
        "would not accept the cuts. \"We asked for a compromise three times, and three times "
        "we were told the spreadsheet could not be changed,\" he said.\n\nVukovic said on "
        "Friday that his party was ready to talk to anyone about a new government."))])
    a = bot.ask("What did Vukovic say about his party's requests for a compromise?")
    assert not a.abstained and a.text.startswith("We asked for a compromise"), a.text
    assert a.rule == "speaker"
    check_invariant(bot, a)


def test_the_kind_of_number_date_or_title_asked(embedder, cholera_bot) -> None:
    bridge = article_bot("bridge_collapse.txt")
    # "At least nine people were killed and 23 injured": before, "At least nine"
    a = bridge.ask("How many people were hurt?")
    assert not a.abstained and a.text == "23", a.text
    # a time of day, not the day: before, "Tuesday"
    a = bridge.ask("At what time did the bridge give way?")
    assert not a.abstained and a.text.startswith("7:42 a.m."), a.text
    # a point in time, not a stretch: "by two weeks, to March 31" (before: "two weeks")
    a = cholera_bot.ask("Until when has the reopening of schools in the Southern Region been "
                        "postponed?")
    assert not a.abstained and a.text == "March 31", a.text
    # a title, not the director: before, "Chilean director Valentina Rojas"
    festival = article_bot("film_festival.txt")
    a = festival.ask("Which film won the Golden Lion?")
    assert not a.abstained and a.text == "The Salt Keepers", a.text
    check_invariant(festival, a)


def test_the_head_of_the_company_an_article_is_about(embedder) -> None:
    # '"...," Chief Executive Margaret Okafor said': before, abstained at 0.11; "Rodrigo
    # Salazar, the company's chief executive" after a paragraph naming the company: before,
    # "privately held company that employs about 650 people"
    from qa_bot import Document, QABot

    bot = QABot.build([
        Document(id="calderon", title="Calderon Biosciences lifts sales forecast", text=(
            "Calderon Biosciences Inc raised its full-year revenue forecast on Tuesday after "
            "strong demand for its heart failure drug Veltrasa lifted third-quarter sales.\n\n"
            "\"Veltrasa continues to outperform,\" Chief Executive Margaret Okafor said on a "
            "call with analysts. \"We are making difficult decisions now.\"\n\nThe company "
            "will cut about 1,800 jobs, mainly in sales and administration.")),
        Document(id="mine", title="Rescuers bring trapped miners to surface", text=(
            "Rescuers brought 21 miners to the surface on Sunday after six days underground."
            "\n\nThe mine is operated by Minera Atacama Sur, a privately held company that "
            "employs about 650 people.\n\nRodrigo Salazar, the company's chief executive, "
            "said the firm was cooperating fully with investigators."))])
    a = bot.ask("Who is the chief executive of Calderon Biosciences?")
    assert not a.abstained and a.text == "Margaret Okafor" and a.rule == "leader", a.text
    check_invariant(bot, a)
    a = bot.ask("Who heads Minera Atacama Sur?")
    assert not a.abstained and a.text == "Rodrigo Salazar" and a.rule == "leader", a.text
    check_invariant(bot, a)
    # the mine's article is about no drug maker: its chief executive is nobody's answer here
    a = bot.ask("Who is the chief executive of Kestrel Motors?")
    assert a.text != "Rodrigo Salazar" and a.text != "Margaret Okafor", a.text


def test_the_coach_a_title_names_by_part_of_the_clubs_name(embedder) -> None:
    # "Madrid coach Xabi Alonso" in an article about Real Madrid: "Who is Madrid's coach?"
    # had been "Carlo Ancelotti" (Brazil's coach, who managed Madrid until May) at 0.79, the
    # office rule (Madrid is a place) reading no lowercase title
    bot = doc_bot("madrid", "Real Madrid sign winger Tavares", (
        "Real Madrid have signed Brazilian winger Lucas Tavares from Benfica.\n\nReal Madrid "
        "president Florentino Perez called him a future legend of the club.\n\nBrazil coach "
        "Carlo Ancelotti, who managed Madrid until May, called him \"a complete player\" in "
        "June.\n\nMadrid coach Xabi Alonso, 43, said Tavares would compete for a place."))
    asked = ("Who is Madrid's coach?", "Who is the coach of Real Madrid?",
             "Who coaches Real Madrid?")
    answers_all(bot, asked, "Xabi Alonso")
    bot.selector.leader_rule = False  # the leader rule is what finds him (a bot of its own)
    assert all(bot.ask(q).text != "Xabi Alonso" for q in asked)


def test_no_bare_title_answers_for_a_place(embedder) -> None:
    # an article about Serbia may quote another country's president by the bare title
    bot = doc_bot("serbia", "Serbia rejects Kosovo plan", (
        "Serbia on Monday rejected a plan for Kosovo's independence.\n\n\"We will not "
        "accept a partition,\" President George W. Bush said in Washington, speaking of "
        "the talks."))
    a = bot.ask("Who is the president of Serbia?")
    assert a.rule != "leader", a.text


def test_a_follow_up_age_finds_the_sentence_that_gives_it(embedder) -> None:
    # "How old is she?" after "Who is Elena Rinaldi?" is searched with the last answer's
    # words ("the underwater archaeologist from ..."), which had left "Rinaldi, 47, said ..."
    # out of the chunks read: answered "30" (of "the last 30 years") at 0.47
    from qa_bot import QABot
    from qa_bot.loader import load_file

    bot = QABot.build(load_file(ROOT / "eval" / "news" / "articles" /
                                "art4-E-a.txt").documents)
    hist = exchange("Who is Elena Rinaldi?", bot.ask("Who is Elena Rinaldi?").text)
    a = bot.ask("How old is she?", history=hist)
    assert not a.abstained and a.text == "47" and a.rule == "age", (a.text, a.search_query)
    check_invariant(bot, a)


def test_someones_lawyer_by_the_possessive(embedder) -> None:
    # "Who is Whitmore's attorney?" had been "Rebecca Stern" (0.97), the prosecutor titled
    # "Assistant U.S. Attorney", over "Whitmore's lead lawyer, Michael Carver"
    bot = doc_bot("fraud", "Crypto founder sentenced", (
        "Daniel Whitmore was sentenced to 22 years in prison on Thursday.\n\nAssistant U.S. "
        "Attorney Rebecca Stern, who led the prosecution, told the court that Whitmore had "
        "lied to customers for years.\n\nWhitmore's lead lawyer, Michael Carver, said his "
        "client would appeal both the conviction and the sentence."))
    answers_all(bot, ("Who is Whitmore's attorney?", "Who is Whitmore's lawyer?"),
                "Michael Carver")


def test_a_persons_name_the_articles_do_not_give(embedder) -> None:
    # "What was the name of the bus driver?" had been answered "Seven of the dead" (0.35)
    text = ("A bus plunged into the Ebro River on Tuesday, killing nine people.\n\nSeven of "
            "the dead were on the bus, including its driver, regional emergency services said."
            "\n\nA 34-year-old volunteer firefighter was swept away near Freital on Monday.")
    bot = doc_bot("bus", "Bus falls into river", text)
    for q in ("What was the name of the bus driver?",
              "What is the name of the firefighter who was swept away?"):
        a = bot.ask(q)
        assert a.abstained and a.confidence == 0.0, (q, a.text)  # by the rule
    # a sentence naming a person is left to the models (which are unsure of such questions)
    named = doc_bot("bus", "Bus falls into river", text.replace(
        "including its driver,", "including its driver, Luis Gomez,"))
    a = named.ask("What was the name of the bus driver?")
    assert a.confidence > 0.0, a.text


_REPORTED_THEN_QUOTED = (
    "Hundreds of patients in Ohio had their treatment postponed after a ransomware attack "
    "shut down the computer systems of the Buckeye Valley hospital group on Sunday. "
    "Maria Castillo, 64, of Chillicothe, said her chemotherapy appointment at a Buckeye "
    "Valley clinic on Monday was canceled with less than an hour's notice. "
    "\"Nobody could tell me when I can come back. I have been waiting by the phone for two "
    "days,\" she said. "
    "The group's chief executive, Daniel Pruitt, said the hospitals were restoring their "
    "systems one by one. \"We expect every clinic to reopen by Friday,\" said Lena Ortiz, a "
    "state health official.")


def test_their_words_are_the_quotation_after_the_report(embedder) -> None:
    # before: the sentence that reports her words ("said her chemotherapy appointment ...
    # was canceled"), not the words she said, which news quotes right after it
    bot = doc_bot("ransom", "Ransomware attack postpones treatment", _REPORTED_THEN_QUOTED)
    for q, hist in (("What did Maria Castillo say?", None),
                    ("What did she say?", exchange("Who is Maria Castillo?", "64"))):
        a = bot.ask(q, history=hist)
        assert not a.abstained and a.text == (
            "Nobody could tell me when I can come back. I have been waiting by the phone for "
            "two days"), (q, a.text)
        assert a.sentence.startswith('"Nobody') and a.sentence.endswith("she said."), a.sentence
        check_invariant(bot, a)
        c = a.citations[0]  # cited with a chunk that holds the quotation, not the report's
        assert c.start <= c.sentence_start and c.sentence_end <= c.end, (c.start, c.end)
    off = ask_without(bot, "quoted_rule", "What did Maria Castillo say?")
    assert off.sentence.startswith("Maria Castillo, 64"), off.sentence  # the rule did it
    # asked about what the report says and the quotation does not: the report
    a = bot.ask("What did Maria Castillo say about her appointment?")
    assert a.sentence.startswith("Maria Castillo, 64"), a.sentence
    # a quotation after the report that is someone else's leaves the report the answer
    a = bot.ask("What did Daniel Pruitt say?")
    assert "Ortiz" not in a.sentence and "Friday" not in a.text, (a.text, a.sentence)


_SHARE_FALL = (
    "Local businesses near the Lindell Street Bridge have complained that a lane closure has "
    "cut their customers. Maria Delgado, who owns a bakery on Lindell Street, said her sales "
    "had fallen by a third since October. \"People just stopped coming,\" she said. The repair "
    "will be paid for with a state grant of $30 million and a city bond worth $18 million.")


def test_how_much_something_fell_may_be_a_share(embedder) -> None:
    # before: abstained at 0.00, since a how-much question about sales took only an amount
    # of money ("a third" has no digit) as its kind of answer
    bot = doc_bot("bridge", "Bridge repair approved", _SHARE_FALL)
    a = bot.ask("How much have Maria Delgado's sales fallen?")
    assert not a.abstained and a.text == "a third", (a.text, a.confidence)
    check_invariant(bot, a)


_EARNINGS = (
    "Brightwell Foods said on Wednesday that its third-quarter profit rose 18 percent, helped "
    "by strong demand for its snack brands. Net income climbed to $214 million, or $1.12 a "
    "share, from $181 million, or 94 cents a share, a year earlier. Revenue grew 6 percent to "
    "$2.9 billion. Shares of the Kansas City-based company rose 7.2 percent to $63.15.")


def test_the_value_a_year_earlier_is_the_one_compared_with(embedder) -> None:
    # before: "climbed to $214 million" (0.97), the new value beside the question's words
    bot = doc_bot("earn", "Brightwell profit jumps", _EARNINGS)
    for q in ("What was net income a year earlier?", "What was net income last year?"):
        a = bot.ask(q)
        assert not a.abstained and a.text == "$181 million", (q, a.text)
        check_invariant(bot, a)
    a = bot.ask("What were earnings per share a year earlier?")
    assert a.text == "94 cents", a.text
    # ... and as a follow-up, though the new value was the last answer
    first = bot.ask("What was net income?")
    a = bot.ask("And a year earlier?", history=exchange("What was net income?", first.text))
    assert a.text == "$181 million", (first.text, a.text)
    now = bot.ask("What was net income?")  # the value now, as before
    assert "$214 million" in now.text and "$181" not in now.text, now.text
    off = ask_without(bot, "earlier_rule", "What was net income a year earlier?")
    assert "$181" not in off.text, off.text  # the rule did it


_MATCH = (
    "Riverton FC beat Harlow United 2-1 on Saturday to reach the National Cup final for the "
    "first time in 31 years, with substitute striker Daniel Okonkwo scoring in the 88th "
    "minute. Harlow took the lead in the 23rd minute through captain Milo Brandt. A crowd of "
    "38,412 watched the semifinal at Westgate Stadium.")


def test_the_score_of_a_match_is_the_score(embedder, seeds_bot) -> None:
    # before: "88th minute" (the tagger ran "2-1" into the team's name, a PERSON)
    bot = doc_bot("match", "Late goal sends Riverton into cup final", _MATCH)
    for q in ("What was the score?", "By what score did Riverton beat Harlow United?",
              "What was the final score of the semifinal?"):
        a = bot.ask(q)
        assert not a.abstained and a.text == "2-1", (q, a.text)
        assert a.rule in ("score", ""), a.rule  # the first score of the report, by rule
        check_invariant(bot, a)
    off = ask_without(bot, "score_rule", "What was the final score of the semifinal?")
    assert off.text != "2-1", off.text  # the rule did it
    # articles that report no match give no score
    assert seeds_bot.ask("What was the score?").abstained


def test_the_result_when_the_model_prefers_a_sentence_without_a_score(embedder) -> None:
    bot = doc_bot("league", "Okafor double sends Harbourside top", (
        "Harbourside Rovers climbed to the top of the league on Sunday after two goals in the "
        "final eleven minutes from striker Daniel Okafor gave them a 3-1 win over Kestrel "
        "Vale. Kestrel Vale had taken the lead through Tomas Brannigan in the 23rd minute. "
        "The breakthrough finally came in the 79th minute, when Okafor headed in a corner. "
        "Okafor added a second in stoppage time."))
    q = "What was the final score?"
    a = bot.ask(q)
    assert a.text == "3-1" and a.rule == "score", (a.text, a.rule, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "score_rule", q).text != "3-1"


_SETS = (
    "Jonas Lindqvist won his first Grand Slam title on Sunday, beating Rafael Oliveira "
    "6-7(5) 6-4 7-6(3) 3-6 6-2 in the final. The third set went to a tiebreak, in which the "
    "Swede raced to a 5-0 lead. Oliveira had not dropped a set before the final.")


def test_a_later_score_in_a_report_is_no_result_by_rule(embedder) -> None:
    # the report's first score is its result; a score of a moment of the match ("a 5-0 lead")
    # is given only at the fitted confidence, never by rule
    bot = doc_bot("final", "Lindqvist wins the final", _SETS)
    a = bot.ask("By what score did Lindqvist beat Oliveira?")
    assert a.text == "6-7(5) 6-4 7-6(3) 3-6 6-2" and a.rule == "score", (a.text, a.rule)
    # (the models choose the tiebreak's sentence, at 0.02)
    a = bot.ask("What was the score of the tiebreak?")
    assert a.abstained or a.rule != "score", (a.text, a.rule)
    # the models' choice for a bare "What was the score?" holds no score ("Oliveira had not
    # dropped a set"): the report's first score, the result, is the answer
    a = bot.ask("What was the score?")
    assert a.text == "6-7(5) 6-4 7-6(3) 3-6 6-2" and a.rule == "score", (a.text, a.rule)


_MAYOR = (
    "A road bridge over the Ebro collapsed on Monday. Zaragoza Mayor Javier Ruiz defended the "
    "city's handling of the bridge, saying the 2023 inspection had found no sign of danger. "
    "He said all 11 of the city's other bridges would be inspected within two weeks. "
    "\"Nothing in the engineers' reports told us this bridge was about to fall. If we had seen "
    "a warning like that, we would have closed it that same day,\" Ruiz said. Opposition "
    "councillors called for Ruiz to publish all inspection reports.")


def test_the_words_of_the_one_person_an_office_names(embedder) -> None:
    # before: abstained ("the mayor" was read as a group named "mayor", and the quotation's
    # first sentence, whose speaker is named only where it closes, as no one's words)
    bot = doc_bot("bridge", "Bridge collapses", _MAYOR)
    q = "What did the mayor say about the engineers' reports?"
    a = bot.ask(q)
    assert not a.abstained and a.text.startswith("Nothing in the engineers' reports"), a.text
    check_invariant(bot, a)
    off = ask_without(bot, "holder_rule", q)
    assert off.abstained, off.text  # the rule did it
    a = bot.ask("What did the mayor say?")  # his quotation, by the speaker rule
    assert a.text.startswith("Nothing in the engineers' reports") and a.rule == "speaker", a


_SENTENCING = (
    "A federal judge on Thursday sentenced Gregory Palmer, the former treasurer of a pension "
    "fund, to six years in prison for embezzling $3.4 million. U.S. District Judge Anita "
    "Morales also ordered Palmer, 58, to pay a $250,000 fine. Prosecutors had asked for nine "
    "years; his lawyers had sought probation, citing his age and poor health. The scheme was "
    "uncovered in 2023 "
    "when an outside auditor, Denise Howell, noticed payments with no invoices behind them. "
    "Palmer's attorney, Michael Brandt, said his client would not appeal.")


def test_the_holder_of_a_title_asked_alone(embedder) -> None:
    # over the whole article "Who was the judge?" had been "Gregory Palmer" (0.43): "A federal
    # judge ... sentenced Gregory Palmer" shares the question's word; "Who is the lawyer?"
    # had abstained (0.11), as it does here with the rule off
    bot = doc_bot("court", "Former treasurer sentenced", _SENTENCING)
    for q, who in (("Who was the judge?", "Anita Morales"), ("Who is the lawyer?",
                                                             "Michael Brandt"),
                   ("Who was the auditor?", "Denise Howell")):
        a = bot.ask(q)
        assert a.text == who and not a.abstained, (q, a.text)
        check_invariant(bot, a)
    assert ask_without(bot, "titled_rule", "Who is the lawyer?").abstained  # the rule did it
    # two judges: the title names no one person, and the rule gives way
    two = doc_bot("court", "Former treasurer sentenced", _SENTENCING.replace(
        "Palmer's attorney,", "Judge Carl Webb had denied bail. Palmer's attorney,"))
    a, off = two.ask("Who was the judge?"), ask_without(two, "titled_rule", "Who was the judge?")
    assert (a.text, a.abstained) == (off.text, off.abstained)


def test_the_clause_of_the_side_asked_about(embedder) -> None:
    bot = doc_bot("court", "Former treasurer sentenced", _SENTENCING)
    q = "What did prosecutors ask for?"
    a = bot.ask(q)
    assert a.text == "nine years" and not a.abstained, a.text
    check_invariant(bot, a)
    assert ask_without(bot, "subject_rule", q).text == "probation"  # the other side's


def test_where_someone_works_is_the_body_beside_their_name(embedder) -> None:
    # had abstained (0.09) on the right span: the models see only the shared "Jensen"
    bot = doc_bot("walk", "Daily walk cuts heart risk", (
        "People who walk at least 7,000 steps a day are about 30 percent less likely to suffer "
        "a heart attack, according to a study of more than 90,000 adults. The researchers, led "
        "by Dr. Helen Marsh of the University of Edinburgh, tracked participants in 11 "
        "countries. Outside experts cautioned that it showed an association, not proof. "
        "\"People who walk more may also eat better or smoke less,\" said Dr. Karl Jensen, a "
        "cardiologist at Copenhagen University Hospital who was not involved in the research."))
    q = "Where does Jensen work?"
    a = bot.ask(q)
    assert a.text == "Copenhagen University Hospital" and not a.abstained, a.text
    check_invariant(bot, a)
    assert ask_without(bot, "employer_rule", q).abstained  # the rule did it
    assert bot.ask("Where does Helen Marsh work?").text == "the University of Edinburgh"
    assert bot.ask("Where does Smith work?").abstained  # no one of that name


_ELECTION = (
    "The centre-left Labour Alliance won the most seats in the Dutch election on Wednesday. "
    "The alliance, led by Frans Timmermans, won 38 of the 150 seats in the lower house. "
    "The conservative People's Party for Freedom and Democracy came second with 27 seats. "
    "The far-right Party for Freedom, which had led some polls during the campaign, won 21 "
    "seats. Its leader, Geert Wilders, said he was disappointed but would not rule out joining "
    "a coalition. Turnout was 78.2 percent.")


def test_its_leader_is_the_leader_of_the_body_just_named(embedder) -> None:
    bot = doc_bot("vote", "Dutch election", _ELECTION)
    q = "Who is the Party for Freedom's leader?"
    a = bot.ask(q)
    assert a.text == "Geert Wilders" and a.rule == "leader", (a.text, a.rule)
    check_invariant(bot, a)
    # without the rule, the other party's sentence, which names the one asked inside its name
    assert ask_without(bot, "leader_rule", q).text == "conservative People"
    # in a conversation "its" is the body the turn before asked about
    seats, leader = _talk(bot, "How many seats did the Party for Freedom win?",
                          "Who is its leader?")
    assert seats.text == "21" and leader.text == "Geert Wilders", leader.text
    assert "Party for Freedom's leader" in leader.search_query


def test_the_level_a_change_reached_and_the_change(embedder) -> None:
    # "What is the (new) interest rate?" had been "half a percentage point" (the change)
    bot = doc_bot("rates", "Bank of Canada cuts rates", (
        "The Bank of Canada cut its key interest rate by half a percentage point to 3.75 "
        "percent on Wednesday, its third cut this year, as inflation cooled faster than "
        "expected. Governor Tiff Macklem said inflation had fallen to 1.6 percent in "
        "September. The rate had stood at 5 percent as recently as June."))
    q = "What is the interest rate?"
    a = bot.ask(q)
    assert a.text == "3.75 percent" and not a.abstained, a.text
    check_invariant(bot, a)
    assert ask_without(bot, "level_rule", q).text == "half a percentage point"


def test_it_is_the_company_the_tagger_called_a_person(embedder) -> None:
    # "When was it founded?" after "Where is Celtis based?" had not put Celtis in its place
    # (the tagger calls "Celtis" a person), and "How many employees does it have?" was
    # answered "two Harvard scientists"
    bot = doc_bot("deal", "Novara to buy Celtis", (
        "Novara Pharma agreed on Monday to buy Celtis Therapeutics for about $8.2 billion in "
        "cash. Celtis's drug, known as CT-388, helped patients lose 19 percent of their body "
        "weight. Celtis, based in Cambridge, Massachusetts, was founded in 2014 by two "
        "Harvard scientists. It has about 400 employees and no products on the market."))
    answers = _talk(bot, "Where is Celtis based?", "When was it founded?",
                    "How many employees does it have?")
    assert [a.text for a in answers] == ["Cambridge, Massachusetts", "2014", "about 400"]
    assert "Celtis" in answers[2].search_query.split("?")[0]


def test_the_clause_of_a_parallel_naming_the_one_asked_about(embedder) -> None:
    bot = doc_bot("deal", "Novara to buy Celtis", (
        "Novara Pharma agreed on Monday to buy Celtis Therapeutics for about $8.2 billion in "
        "cash. Celtis shares jumped 35 percent. Goldman Sachs advised Novara, while Morgan "
        "Stanley advised Celtis."))
    a = bot.ask("Who advised Novara?")
    assert a.text == "Goldman Sachs", a.text
    check_invariant(bot, a)
    assert ask_without(bot, "subject_rule", "Who advised Novara?").text == "Morgan Stanley"


def test_the_asked_clause_must_hold_the_kind_asked(embedder) -> None:
    # "When did the Sarah Jane series begin?": clause 1 opens with the series' name, but the
    # date is in clause 2; restricted to clause 1 the answer had been the whole sentence
    bot = doc_bot("tv", "Spin-offs", (
        "The Sarah Jane Adventures, starring Elisabeth Sladen, was developed by CBBC; a "
        "special aired on New Year's Day 2007 and a full series began on 24 September 2007. "
        "Torchwood was aimed at adults."))
    a = bot.ask("When did the Sarah Jane series begin?")
    assert a.text == "24 September 2007", a.text
    check_invariant(bot, a)


_OBITUARY = (
    "BRIGHTWATER, March 3 (AP) - Eleanor Vasquez-Hart, a cardiac surgeon who performed the "
    "first pediatric heart transplant in the Eastern Provinces, died on Saturday at her home "
    "in Brightwater. She was 84.\n\n"
    "Her son, Daniel Hart, said the cause was complications of pneumonia. Vasquez-Hart was "
    "born on June 9, 1940, in Portmere, a fishing town on the northern coast.")


def test_an_obituarys_survivors_and_funeral(embedder) -> None:
    bot = doc_bot("obit", "Eleanor Vasquez-Hart dies at 84", _OBITUARY + (
        "\n\nVasquez-Hart married Robert Hart, an architect, in 1968. He died in 2015. She is "
        "survived by her son, Daniel; a daughter, Isabel Hart-Moreno, a pediatrician in "
        "Calloway; a sister, Rosa Vasquez; and six grandchildren.\n\nA funeral will be held "
        "on March 10 at St. Anne's Cathedral in Brightwater."))
    q = "Who survived Vasquez-Hart?"
    a = bot.ask(q)
    assert a.text.startswith("her son, Daniel;") and a.text.endswith("six grandchildren"), \
        a.text
    check_invariant(bot, a)
    assert not ask_without(bot, "survivor_rule", q).text.startswith("her son, Daniel;")
    q = "Where's the funeral?"
    a = bot.ask(q)
    assert a.text == "St. Anne's Cathedral in Brightwater", (a.text, a.confidence)
    check_invariant(bot, a)


def test_a_wire_storys_dateline_is_not_the_news(embedder) -> None:
    bot = doc_bot("obit", "Eleanor Vasquez-Hart dies at 84", _OBITUARY)
    # the dateline's date is when the story was filed, not when she died
    q = "When did Vasquez-Hart die?"
    a = bot.ask(q)
    assert a.text == "Saturday" and not a.abstained, (a.text, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "dateline_rule", q).text == "March 3"
    # "She was 84." follows the sentence about her, though it opens with a dateline
    a = bot.ask("How old was Vasquez-Hart?")
    assert a.text == "84" and a.rule == "age", (a.text, a.rule)


def test_the_head_named_after_the_body_reported(embedder) -> None:
    bot = doc_bot("quake", "Quake kills 212", (
        "A magnitude 6.8 earthquake struck western Varenia on Thursday, killing at least 212 "
        "people. Emergency workers had pulled 367 people alive from the rubble by Thursday "
        "evening, the national civil protection service said. Its director, Ilona Marsh, said "
        "about 2,300 rescuers were working across the region."))
    a = bot.ask("Who runs the civil protection service?")
    assert a.text == "Ilona Marsh" and a.rule == "leader", (a.text, a.rule)
    check_invariant(bot, a)


def test_the_change_of_the_clause_the_question_names(embedder) -> None:
    bot = doc_bot("launch", "Nimbly profit beats forecasts", (
        "Revenue for the quarter rose 11% to $8.42 billion, above the average estimate. Sales "
        "of its phones grew 9%, while its services business, which includes cloud storage, "
        "jumped 24% to $2.1 billion. Nimbly also said it would raise the price of its Nimbly "
        "Cloud subscription by $1 a month to $4.99 from January."))
    for q, text, without in (
            ("How much did the services business grow?", "24%", "$2.1 billion"),
            ("How much will the Nimbly Cloud subscription cost?", "$4.99", "$1 a month")):
        a = bot.ask(q)
        assert a.text == text and not a.abstained, (q, a.text, a.confidence)
        check_invariant(bot, a)
        assert ask_without(bot, "level_rule", q).text == without, q


_QUAKE = (
    "SELVARA, Varenia, March 14 (Reuters) - A magnitude 6.8 earthquake struck western "
    "Varenia before dawn on Thursday, killing at least 212 people and injuring more than "
    "1,400, officials said.\n\n"
    "The quake hit at a depth of about 12 km, with its epicentre 18 km south of the town of "
    "Kastrel, according to the National Seismic Monitoring Agency.\n\n"
    "Roads into Orvane were blocked by landslides, and a bridge over the Lessa river "
    "collapsed, forcing authorities to fly in supplies by helicopter. \"We cannot do this for "
    "weeks,\" said Priya Natarajan, a spokeswoman for the Red Crescent.")


def test_a_quake_reports_conventions(embedder) -> None:
    bot = doc_bot("quake", "Quake kills 212", _QUAKE)
    for q, text, switch, without in (
            # those the verb before the number was done to (the count rule had answered
            # "at least 212", the number of people; the models alone find the 1,400 here)
            ("How many people were injured?", "more than 1,400", "count_rule",
             "more than 1,400"),
            # the cause before ", forcing"
            ("Why are supplies being flown in by helicopter?",
             "Roads into Orvane were blocked by landslides, and a bridge over the Lessa river "
             "collapsed", "effect_rule", "forcing authorities"),
            # a place with its distance and direction
            ("Where was the epicentre?", "18 km south of the town of Kastrel", "bearing_rule",
             "town of Kastrel"),
            # "speaks for": the spokesperson (the models find her here too; the probe's
            # longer article had abstained at 0.01 without the rule)
            ("Who speaks for the Red Crescent?", "Priya Natarajan", "leader_rule", "")):
        a = bot.ask(q)
        assert a.text == text and not a.abstained, (q, a.text, a.confidence)
        check_invariant(bot, a)
        if without:
            assert ask_without(bot, switch, q).text == without, q


_LAUNCH = (
    "Nimbly unveils $1,299 foldable phone as quarterly profit beats forecasts\n"
    "By Hannah Weiss\n\n"
    "SAN JOSE, California, Oct 22 (Reuters) - Nimbly Inc on Tuesday unveiled its first "
    "foldable smartphone, the Arc Fold, and reported third-quarter profit above Wall "
    "Street estimates, sending its shares up 7.2% in extended trading.\n\n"
    "The Arc Fold will cost $1,299 in the United States and go on sale on Nov. 8, the "
    "company said at a launch event in San Jose. It will reach Europe and Japan in early "
    "December. The device has a 7.6-inch inner screen and weighs 239 grams, which Nimbly "
    "says makes it the lightest book-style foldable on the market.\n\n"
    "\"We waited until we could build a foldable that people would actually want to carry "
    "every day,\" Chief Executive Rafael Soto said on stage. \"We were not the first, but "
    "we intend to be the best.\" He said the phone had been in development for four years.")


def test_a_date_asked_of_a_headline_is_its_leads(embedder) -> None:
    bot = doc_bot("launch", _LAUNCH.split("\n")[0], _LAUNCH)
    q = "When did Nimbly unveil the phone?"
    a = bot.ask(q)
    assert a.text == "Tuesday" and not a.abstained, (a.text, a.confidence)
    check_invariant(bot, a)
    # the headline's "$1,299" (a price, for a date)
    assert ask_without(bot, "headline_rule", q).text == "$1,299"


def test_a_markets_level_and_its_change(embedder) -> None:
    bot = doc_bot("markets", "Stocks fall as chipmakers slide", (
        "NEW YORK, June 10 (Reuters) - U.S. stocks fell sharply on Tuesday, dragged lower by a "
        "steep selloff in semiconductor shares, while rising Treasury yields ahead of next "
        "week's Federal Reserve policy meeting added to pressure on richly valued technology "
        "companies.\n\nEnergy stocks were among the few bright spots as oil prices rose. Brent "
        "crude futures settled up $1.62, or 2%, at $83.45 a barrel, while U.S. West Texas "
        "Intermediate crude gained $1.48 to $79.12, after Saudi Arabia said it would extend its "
        "voluntary output cuts through September.\n\nThe yield on the benchmark 10-year "
        "Treasury note rose 9 basis points to 4.62%, its highest level in three weeks, after "
        "data showed U.S. producer prices increased more than expected in May. The two-year "
        "yield, which is more sensitive to interest-rate expectations, climbed to 4.98%."))
    for q, text in (("What was the price of Brent?", "$83.45"),
                    ("What's the 10-year yield?", "4.62%")):
        a = bot.ask(q)
        assert a.text == text and not a.abstained, (q, a.text, a.confidence)
        check_invariant(bot, a)
        assert ask_without(bot, "level_rule", q).text != text, q


def test_a_count_of_a_part_is_the_part(embedder) -> None:
    bot = doc_bot("strike", "Bus drivers strike", (
        "About 2,300 bus and tram drivers in the city of Halvorsen went on strike on Monday. "
        "Graham Whitlock, the chief executive of the HMTA, said the authority would run a "
        "reduced service on four of its 31 routes using managers and contract drivers, but "
        "warned that trams would not operate at all."))
    q = "How many routes will still have some service?"
    a = bot.ask(q)
    assert a.text == "four" and not a.abstained, (a.text, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "count_rule", q).text == "31"
    # the whole, asked as a whole
    assert bot.ask("How many routes does the HMTA run?").text == "31"


def test_a_count_of_a_part_in_words_and_after_an_irregular_verb(embedder) -> None:
    bot = doc_bot("derail", "Train derails near Varnholt", (
        "A regional train derailed near Varnholt on Tuesday morning. The train was carrying "
        "an estimated 240 passengers when four of its six carriages derailed at about 8:15 "
        "a.m. on a curve east of the station. At the auction the same evening, 41 of the 48 "
        "lots offered found buyers, a sell-through rate of 85 percent."))
    for q, text, without in (("How many carriages derailed?", "four", "six"),
                             ("How many lots found buyers?", "41", "48")):
        a = bot.ask(q)
        assert a.text == text and not a.abstained, (q, a.text, a.confidence)
        check_invariant(bot, a)
        assert ask_without(bot, "count_rule", q).text == without, q


def test_a_date_question_gets_the_whole_stretch_or_the_day_with_its_hour(embedder) -> None:
    bot = doc_bot("vote", "Kovalenko wins", (
        "Miriam Kovalenko, 51, led the Civic Union to victory on Sunday. She was finance "
        "minister from 2014 to 2018 and has led the party since 2020. A memorial for the "
        "victims of the floods will be held on Saturday at 2 p.m. in the cathedral."))
    for q, text in (("When was Kovalenko finance minister?", "from 2014 to 2018"),
                    ("When is the memorial?", "Saturday at 2 p.m.")):
        a = bot.ask(q)
        assert a.text == text and not a.abstained, (q, a.text, a.confidence)
        check_invariant(bot, a)
        assert ask_without(bot, "range_rule", q).text != text, q


def test_a_deed_asked_of_a_doer_the_article_names_by_its_noun(embedder) -> None:
    bot = doc_bot("auction", "Valadares harbour scene sells for record $48.6 million", (
        "A painting of a fishing harbour at dawn by the Portuguese artist Ines Valadares sold "
        "for $48.6 million at Halloran & Finch in New York on Tuesday evening. The buyer was "
        "the Lisbon-based Fundacao Moreira, a private foundation set up by the shipping "
        "magnate Rui Moreira, which bid by telephone. The seller was the estate of the "
        "American collector Harold J. Whitcombe, who bought the work in Paris in 1958."))
    q = "Who bought the painting?"
    a = bot.ask(q)
    assert a.text == "the Lisbon-based Fundacao Moreira" and a.rule == "doer", (
        a.text, a.rule, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "doer_rule", q).abstained  # the models abstain (0.07)
    # a rescue only: where the models answer, their answer stands, right or wrong (the lead's
    # "by the Portuguese artist Ines Valadares sold for" gives the artist as the seller)
    q = "Who sold the painting?"
    a = bot.ask(q)
    assert a.rule != "doer" and ask_without(bot, "doer_rule", q).text == a.text, a.text


def test_a_revised_count_and_a_body_not_its_leader(embedder) -> None:
    bot = doc_bot("vote", "Civic Union wins most seats", (
        "The centre-right Civic Union (CU) of former finance minister Miriam Kovalenko won the "
        "most seats in Valdoria's parliamentary election on Sunday. Revised figures released "
        "by the fire service on Wednesday showed that 231 passengers and five crew members "
        "had been on board, fewer than the 240 passengers first estimated."))
    q = "How many passengers were on board?"
    a = bot.ask(q)
    assert a.text == "231", (a.text, a.confidence)
    check_invariant(bot, a)
    q = "Which party won the most seats?"
    a = bot.ask(q)
    assert "Civic Union" in a.text and "Kovalenko" not in a.text, (a.text, a.confidence)
    check_invariant(bot, a)
    assert "Kovalenko" in ask_without(bot, "body_rule", q).text


def test_a_share_is_answered_with_the_percentage(embedder) -> None:
    bot = doc_bot("seats", "Civic Union wins most seats", (
        "The centre-right Civic Union won the most seats in Valdoria's election on Sunday. "
        "The Civic Union won 112 of the 301 seats in the National Assembly with 34.6 percent "
        "of the vote, up from 87 seats at the last election in 2021."))
    q = "What share of the vote did the Civic Union win?"
    a = bot.ask(q)
    assert a.text == "34.6 percent", (a.text, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "percent_rule", q).text != "34.6 percent"


def test_two_founders_of_one_surname_are_both_the_answer(embedder) -> None:
    bot = doc_bot("cereal", "Halvorsen to buy Marwick", (
        "Halvorsen Foods agreed on Monday to buy the cereal maker Marwick for $14 billion. "
        "Marwick, founded in 1921 by brothers Arthur and Samuel Marwick, has struggled in "
        "recent years as consumers have shifted away from sugary cereals."))
    q = "Who founded Marwick?"
    a = bot.ask(q)
    # ("brothers Arthur and Samuel Marwick" where the reader's span opens at "brothers")
    assert a.text.endswith("Arthur and Samuel Marwick"), (a.text, a.confidence)
    check_invariant(bot, a)
    assert "Samuel" not in ask_without(bot, "pair_rule", q).text


def test_who_did_it_of_a_sentence_whose_subject_is_he(embedder) -> None:
    bot = doc_bot("awards", "Voss sweeps music awards", (
        "Amara Voss won four trophies at the Northern Lights Music Awards on Saturday. Rapper "
        "Jaylen Okoro, 24, did not leave empty-handed. He won best new artist and best rap "
        'album for "Midnight Transit," the most-streamed album of the year.'))
    q = "Who won best rap album for Midnight Transit?"
    a = bot.ask(q)
    assert "Jaylen Okoro" in a.text and not a.abstained, (a.text, a.confidence)
    assert a.sentence.startswith("Rapper Jaylen Okoro") and "He won best" in a.sentence
    check_invariant(bot, a)
    assert "Okoro" not in ask_without(bot, "pronoun_rule", q).text


def test_what_are_its_demands_is_not_answered_with_their_count(embedder) -> None:
    bot = doc_bot("march", "Thousands march over water prices", (
        "Tens of thousands of people marched through Caldmoor on Saturday against a rise in "
        "water prices. Trade unions including the Public Services Union (PSU), which "
        "represents about 4,000 Northvale Water employees, sent delegations. The coalition "
        "has set out three demands: that the increase be scrapped, that Northvale Water's "
        "chief executive publish the bonuses paid to senior managers since 2019, and that the "
        "regional assembly hold a public vote on bringing the utility back into public "
        "ownership. The company was privatised in 2003."))
    q = "What are the coalition's demands?"
    a = bot.ask(q)
    assert not a.abstained and a.text.startswith("The coalition has set out three demands"), (
        a.text, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "things_rule", q).text == "three"



def test_how_cold_is_answered_in_degrees(seeds_bot) -> None:
    from qa_bot.types import Entity, Sentence

    t = ("The heater failed again as the plane climbed through clouds at about 5,200 meters, "
         "where temperatures were around minus 18 degrees Celsius.")
    ents = [Entity(t.index(x), t.index(x) + len(x), "QUANTITY", x)
            for x in ("about 5,200 meters", "around minus 18 degrees Celsius")]
    s = Sentence("d", 0, len(t), t, ents)
    q = "How cold was it when the heater failed?"
    on = [e.text for e in seeds_bot.selector.span_candidates(s, q, "number")]
    assert on and all("degrees" in x for x in on), on
    off = spans_without(seeds_bot, "percent_rule", s, q, "number")
    assert "about 5,200 meters" in off, off



def test_who_got_an_award_that_went_to_someone(seeds_bot) -> None:
    from qa_bot.types import Entity, Sentence

    t = ('In the jazz categories, Henrik Solberg won best jazz album for "Blue Meridian," and '
         'the lifetime achievement award went to veteran blues guitarist Clarence "Bud" '
         'Whitaker, 79, who received a standing ovation.')
    ents = [Entity(t.index(x), t.index(x) + len(x), "PERSON", x)
            for x in ("Henrik Solberg", 'Clarence "Bud" Whitaker')]
    s = Sentence("d", 0, len(t), t, ents)
    q = "Who got the lifetime achievement award?"
    on = [e.text for e in seeds_bot.selector.span_candidates(s, q, "person")]
    assert "Henrik Solberg" not in on and any("Whitaker" in x for x in on), on
    off = spans_without(seeds_bot, "award_rule", s, q, "person")
    assert "Henrik Solberg" in off, off


def test_a_gapped_clause_is_answered_with_its_own_number(embedder) -> None:
    bot = doc_bot("march", "Thousands march over water prices", (
        "Tens of thousands of people marched through Caldmoor on Saturday against a rise in "
        "water prices. Police said 23 people were arrested during the day, most of them after "
        "a group broke away from the main march. Of those arrested, 19 were charged with "
        "public order offences and four with assaulting an emergency worker, he said. The "
        "company was privatised in 2003."))
    q = "How many were charged with assaulting an emergency worker?"
    a = bot.ask(q)
    assert not a.abstained and a.text == "four", (a.text, a.confidence)
    check_invariant(bot, a)
    assert ask_without(bot, "gap_rule", q).text == "19"
    assert bot.ask("How many were charged with public order offences?").text == "19"


def test_his_name_after_a_question_about_someone_by_title(embedder) -> None:
    bot = doc_bot("verdict", "Executive convicted over warehouse fire", (
        "A former pharmacy executive was convicted on Thursday of four counts of involuntary "
        "manslaughter. Prosecutors argued that Raeburn had personally approved the decision "
        "to keep the sprinklers offline. \"This was not an accident. This was a choice,\" "
        "Assistant U.S. Attorney Vikram Salazar told jurors in his closing argument. His "
        "lawyer, Dana Whitcombe, said the company's culture was to blame."))
    hist = [{"role": "user", "content": "What did the prosecutor say in closing arguments?"},
            {"role": "assistant", "content": "This was a choice"}]
    a = bot.ask("What's his name?", history=hist)
    assert a.text == "Vikram Salazar" and a.rule == "attribution" and not a.abstained, (
        a.text, a.rule)
    check_invariant(bot, a)
    # a turn that named the person is no question of a title: asked as any other
    hist[0]["content"] = "What did Raeburn approve?"
    assert bot.ask("What's his name?", history=hist).rule != "attribution"
