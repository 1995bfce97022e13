"""Follow-up detection and resolution are deterministic rules: test them without a model."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_bot.conversation import (
    _AND_QUESTION,
    answer_entity,
    asks_overview,
    asks_who_said,
    graft,
    group_noun,
    is_followup,
    last_turn,
    names,
    organization_names,
    person_mentions,
    quoted_sentence,
    reask,
    resolve,
    small_talk,
    substitution,
    surname,
    swap_head,
    swap_people,
    thing_referent,
    titled_referent,
    turns,
    unanswered_referent,
)

CHURKIN = [{"role": "user", "content": "Who is Russia's ambassador to the UN?"},
           {"role": "assistant", "content": "**Vitaly Churkin**\n\n> Russia's UN Ambassador..."},
           {"role": "assistant", "content": "passage", "metadata": {"title": "[1] source"}}]


def test_no_history_is_never_a_followup() -> None:
    r = resolve("How did he describe the talks?", None)
    assert not r.is_followup and r.search_query == "How did he describe the talks?"


def test_pronoun_resolves_to_previous_answer_person() -> None:
    r = resolve("How did he describe the 120 days of negotiations?", CHURKIN)
    assert r.is_followup
    # the surname, as the articles call him after the first mention; the search has both
    assert r.question == "How did Churkin describe the 120 days of negotiations?"
    assert "Vitaly Churkin" in r.search_query and "ambassador" in r.search_query
    assert r.qtype == "quote"


def test_possessive_pronoun() -> None:
    r = resolve("What did his foreign minister say?", CHURKIN)
    assert r.question.startswith("What did Churkin's foreign minister")


def test_they_after_a_which_question_is_the_group_it_asked_about() -> None:
    h = [{"role": "user", "content": "Which countries back Pristina's bid?"},
         {"role": "assistant", "content": "the United States and several EU nations"}]
    r = resolve("When did they announce their support?", h)
    assert r.is_followup and r.question == "When did the countries announce their support?"
    # no group asked about before: "they" stays
    r = resolve("When did they announce their support?", CHURKIN)
    assert r.question == "When did they announce their support?"


@pytest.mark.parametrize(("question", "group"), [
    ("Which mediators tried to broker a deal?", "mediators"),
    ("How many peacekeepers does NATO keep?", "peacekeepers"),
    ("Which news agencies reported it?", "news agencies"),
    ("What happens next?", ""), ("What is the troika?", ""), ("What does NATO say?", ""),
    ("Which class was it?", ""),
    # a plural verb: a collective noun too
    ("Who are the mediators?", "mediators"), ("Who are the troika?", "troika"),
    # the people the question is about, when it asks no "which" of them
    ("Who are the troika members in Kosovo?", "troika members"),
    ("How much are the hackers asking for?", "hackers"),
    ("What is the status of Kosovo?", ""), ("Who blocked the plan?", ""),
])
def test_group_noun(question, group) -> None:
    assert group_noun(question) == group


def test_topic_switch_is_not_dragged_back() -> None:
    r = resolve("Who is the Serbian prime minister?", CHURKIN)
    assert not r.is_followup
    assert r.search_query == "Who is the Serbian prime minister?"
    assert "Churkin" not in r.search_query


def test_ellipsis_reuses_previous_question_with_new_focus() -> None:
    hist = [{"role": "user", "content": "When is the Security Council scheduled to discuss "
                                        "the Kosovo report?"},
            {"role": "assistant", "content": "December 19"}]
    r = resolve("And how many peacekeepers?", hist)
    assert r.is_followup and r.qtype == "number"
    assert "Security Council" in r.search_query


def test_it_as_the_subject_refers_back_though_the_question_names_a_place() -> None:
    # "When will it come to Europe?" had been a question of its own, and "How heavy is it?"
    # after it was asked of Europe
    hist = [{"role": "user", "content": "How much does the Arc Fold cost?"},
            {"role": "assistant", "content": "$1,299"}]
    people = {"Rafael Soto"}  # the articles' people
    r = resolve("When will it come to Europe?", hist, people)
    assert r.is_followup and r.question == "When will the Arc Fold come to Europe?"
    hist += [{"role": "user", "content": "When will it come to Europe?"},
             {"role": "assistant", "content": "early December"}]
    r = resolve("How heavy is it?", hist, people)
    assert r.question == "How heavy is the Arc Fold?", r.question
    # an event's "it" is no thing of the conversation's
    assert not resolve("When did it happen in Japan?", hist[:2], people).is_followup


@pytest.mark.parametrize(("question", "qtype"), [
    ("What did it propose?", "other"),  # was "person", the previous question's type
    ("Why did they do it?", "other"),
    ("Where is it?", "place"),
    ("And Serbia?", "person"),  # no question word of its own: the previous one's type
])
def test_a_pronoun_question_keeps_its_own_question_words_type(question, qtype) -> None:
    hist = [{"role": "user", "content": "Who drew up the plan?"},
            {"role": "assistant", "content": "Martti Ahtisaari"}]
    r = resolve(question, hist)
    assert r.is_followup and r.qtype == qtype


def test_a_question_naming_its_own_person_before_his_is_not_dragged_back() -> None:
    hist = [{"role": "user", "content": "Which country does Massimo D'Alema represent?"},
            {"role": "assistant", "content": "Italy"}]
    people = frozenset({"Massimo D'Alema", "Fatmir Sejdiu"})
    r = resolve("Where did Sejdiu present his views?", hist, people)
    # "his" is Sejdiu's: it had become "Where did Sejdiu present D'Alema's views?"
    assert r.question == "Where did Sejdiu present his views?" and not r.is_followup
    assert "D'Alema" not in r.search_query
    r = resolve("What is his title?", hist, people)
    assert r.is_followup and r.question == "What is D'Alema's title?"


def test_who_is_she_asks_what_the_articles_say_she_is() -> None:
    hist = [{"role": "user", "content": "What did Condoleezza Rice say?"},
            {"role": "assistant", "content": "It is not going to produce stability"}]
    r = resolve("Who is she?", hist, frozenset({"Condoleezza Rice"}))
    assert r.question == "Who is Rice?" and r.qtype == "identity"  # was "person"


CHURKIN_REPLY = [{"role": "user", "content": "Who is Russia's ambassador to the UN?"},
                 {"role": "assistant", "content": "**Vitaly Churkin**\n\n> Russia's UN "
                  'Ambassador Vitaly Churkin described the talks as a "worthwhile" exercise.'}]
PEOPLE = frozenset({"Vitaly Churkin", "Churkin"})


def test_tell_me_more_searches_the_answers_subject_past_the_sentence_given() -> None:
    # was read as a bare phrase and searched as "Who is Tell me more?"
    for question in ("Tell me more", "tell me more about him", "Go on.", "Can you elaborate?",
                     "More details, please"):
        r = resolve(question, CHURKIN_REPLY, PEOPLE)
        assert r.is_followup and r.reason == "asks for more", question
        assert r.question == "Churkin"  # the surname later sentences use
        assert "Vitaly Churkin" in r.search_query
        assert ("Russia's UN Ambassador Vitaly Churkin described the talks as a \"worthwhile\""
                " exercise.") in r.exclude


def test_a_run_of_more_is_more_of_the_first_and_skips_every_sentence_given() -> None:
    hist = [*CHURKIN_REPLY, {"role": "user", "content": "Tell me more"},
            {"role": "assistant", "content": "> Churkin said talks go on."}]
    r = resolve("more", hist, PEOPLE)
    assert r.question == "Churkin" and "Churkin said talks go on." in r.exclude
    assert any("worthwhile" in x for x in r.exclude)


def test_tell_me_more_about_a_topic_searches_it() -> None:
    r = resolve("Tell me more about the troika", CHURKIN_REPLY, PEOPLE)
    assert (r.question, r.search_query) == ("the troika", "the troika")
    r = resolve("Tell me more about NATO", None)  # no conversation needed
    assert r.question == "NATO" and not r.is_followup
    assert resolve("Tell me more", None).question == "Tell me more"  # nothing to say more of


def test_tell_me_more_after_a_phrase_is_about_the_person_asked_about() -> None:
    hist = [{"role": "user", "content": "How did Churkin describe the talks?"},
            {"role": "assistant", "content": "worthwhile"}]
    assert resolve("Tell me more", hist, PEOPLE).question == "Churkin"


def test_tell_me_more_after_a_number_searches_what_was_asked() -> None:
    hist = [{"role": "user", "content": "How many peacekeepers does NATO keep in Kosovo?"},
            {"role": "assistant", "content": "16,000"}]
    r = resolve("Tell me more", hist)
    assert r.question == "peacekeepers NATO keep Kosovo" and "16,000" in r.exclude


def test_the_quoted_sentence_of_a_reply_is_apart_from_its_short_answer() -> None:
    (turn,) = turns(CHURKIN_REPLY)
    assert turn.answer == "**Vitaly Churkin**"  # what the pronoun and "else" rules read
    assert turn.quoted.startswith("Russia's UN Ambassador Vitaly Churkin described")
    assert quoted_sentence("**x**\n\n> It was said.\n\nConfidence: 80%") == "It was said."
    assert quoted_sentence("Vitaly Churkin") == ""


def test_short_question_is_followup() -> None:
    ok, why = is_followup("Why?", last_turn(CHURKIN))
    assert ok and "short" in why


def test_last_turn_skips_citation_messages_and_reads_bold() -> None:
    t = last_turn(CHURKIN)
    assert t is not None and t.question.startswith("Who is Russia")
    assert answer_entity(t.answer) == "Vitaly Churkin"
    assert answer_entity("The articles don't say. The closest passages...") == ""


def test_multimodal_content_does_not_crash() -> None:
    hist = [{"role": "user", "content": [{"text": "Who is Russia's ambassador?"}]},
            {"role": "assistant", "content": {"text": "Vitaly Churkin"}}]
    r = resolve("What did he say?", hist)
    assert r.is_followup and "Churkin" in r.question


def _chat(*pairs: str) -> list[dict]:
    out = []
    for i, text in enumerate(pairs):
        out.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return out


# as the corpus's PERSON entities would give them: "Scheffer" never stands alone there
PEOPLE = {"Vitaly Churkin", "Churkin", "Jaap de Hoop Scheffer", "Ban Ki-moon"}


def test_the_person_carries_through_a_run_of_followups() -> None:
    """The third "he" still means Churkin: the turn before said "he" too, so its person is
    his; "December" (capitalized, in that turn) is no person."""
    hist = _chat("Who is Russia's ambassador to the UN?", "Vitaly Churkin",
                 "How did he describe the 120 days of negotiations?", "worthwhile",
                 "What will he be calling for after December 10?", "negotiations to continue")
    for people in (PEOPLE, set()):  # with the corpus's names, and with the bare fallback
        r = resolve("What did he say the UN should do with a declaration?", hist, people)
        assert r.question == "What did Churkin say the UN should do with a declaration?", people


def test_a_capitalized_organisation_is_not_the_person() -> None:
    hist = _chat("Who is NATO's secretary-general?", "Jaap de Hoop Scheffer",
                 "What did he say NATO would act resolutely against?",
                 "anyone who seeks to resort to violence")
    r = resolve("According to him, what must people be free from?", hist, PEOPLE)
    assert r.question == "According to Scheffer, what must people be free from?"


def test_a_person_the_user_named_is_the_referent() -> None:
    hist = _chat("What did Churkin say about the talks?", "a worthwhile exercise")
    r = resolve("When did he say it?", hist, PEOPLE)
    assert r.question == "When did Churkin say it?"
    # a new topic in between, with a name, moves the referent to that name
    hist += _chat("Who briefed Ban Ki-moon?", "the troika")
    r = resolve("What did he say?", hist, PEOPLE)
    assert r.question == "What did Ban Ki-moon say?"  # no usable surname: the full name


def test_he_is_the_person_a_who_question_got_though_not_tagged_a_person() -> None:
    # before: "Lucas Tavares", tagged an organization, was passed over for "Madrid" (the
    # surname of "Atletico Madrid", tagged a person): "How old is Madrid?"
    people = {"Atletico Madrid", "Xabi Alonso"}
    hist = _chat("Who did Real Madrid sign?", "Lucas Tavares")
    assert resolve("How old is he?", hist, people).question == "How old is Tavares?"
    # an organization's name is not who "he" is
    hist = _chat("Who did Real Madrid beat?", "Manchester City")
    assert "Manchester City" not in resolve("What did he say?", hist, people).question


def test_and_from_a_place_asks_of_the_place_a_nationality_named() -> None:
    # before: "from the United States How many Chilean tourists died?", answered with the
    # Spanish number beside it
    kinds = {"Chile": "place", "United States": "place", "Japan": "place"}
    hist = _chat("How many Chilean tourists died?", "nine")
    r = resolve("And from the United States?", hist, set(), kinds)
    assert r.question == "How many tourists from the United States died?"
    hist += _chat(r.question, "four")
    # the old name's "the" goes with it
    assert resolve("And from Japan?", hist, set(), kinds).question == \
        "How many tourists from Japan died?"


def test_a_month_names_no_new_subject() -> None:
    # before: "April" made "What did it do in April?" a question of its own, searched alone
    hist = _chat("What does FTC stand for?", "Federal Trade Commission")
    r = resolve("What did it do in April?", hist, {"Lina Khan"})
    assert r.is_followup and r.question == "What did Federal Trade Commission do in April?"
    # a name after the verb is where it did it, not what "it" is (this had been a question
    # of its own, its "it" unresolved)
    r = resolve("What did it do in Paris?", hist, {"Lina Khan"})
    assert r.question == "What did Federal Trade Commission do in Paris?"


def test_a_question_of_its_own_about_the_person_may_use_the_previous_answer() -> None:
    hist = _chat("Who is Elena Torres?", "a schoolteacher from Arequipa")
    r = resolve("Where was she from?", hist, {"Elena Torres"})
    assert r.question == "Where was Torres from?"
    # what the user already has is the questions; the previous answer is not asked again
    assert "Arequipa" not in r.known and r.again == "a schoolteacher from Arequipa"
    assert "Arequipa" in r.search_query


def test_she_does_not_mean_the_man_the_conversation_called_he() -> None:
    people = {"Sergei Lavrov", "Condoleezza Rice"}
    hist = _chat("Who is the Russian foreign minister?", "Sergei Lavrov",
                 "What did he warn about?", "a precedent",
                 "And the US Secretary of State?", "The articles don't say.")
    assert resolve("What did she say?", hist, people).question == "What did she say?"
    assert resolve("What did he say?", hist, people).question == "What did Lavrov say?"
    # a she the conversation named is meant
    hist2 = _chat("What did Condoleezza Rice say?", "It is not going to produce stability",
                  "What did Lavrov say?", "a precedent")
    assert resolve("Why did she say it?", hist2, people).question == "Why did Lavrov say it?"
    hist2 += _chat("What did he warn about?", "a precedent")
    assert resolve("Why did she say it?", hist2, people).question == "Why did Rice say it?"


def test_person_mentions_prefers_the_longest_known_form() -> None:
    text = "Russia's UN Ambassador Vitaly Churkin met Ban Ki-moon; Churkin spoke first."
    assert person_mentions(text, PEOPLE) == ["Vitaly Churkin", "Ban Ki-moon", "Churkin"]
    assert person_mentions("He spoke on December 10 in New York", set()) == ["New York"]


def test_surname_and_turns() -> None:
    assert surname("Jaap de Hoop Scheffer") == "Scheffer"
    assert surname("Massimo D'Alema") == "D'Alema"
    assert surname("Kostunica") == "Kostunica"
    assert surname("Ban Ki-moon") == "Ban Ki-moon"
    assert surname("Vitaly Churkin", {"Churkin"}) == "Churkin"
    assert surname("Xi Jinping", {"Xi", "Xi Jinping"}) == "Xi"  # the corpus's own short form
    # ... but a given name the tagger cut from a name it never tagged whole is no short form
    assert surname("Thomas Richter", {"Thomas"}) == "Thomas Richter"
    assert person_mentions("Thomas Richter", {"Thomas"}) == ["Thomas Richter"]
    assert person_mentions("Thomas said", {"Thomas"}) == ["Thomas"]
    # a surname two people share is not one of them ("How old is Vollan?" was the mother's)
    family = {"Margarethe Vollan", "Vollan", "Anders Vollan"}
    assert surname("Anders Vollan", family) == "Anders Vollan"
    # a given name before a surname the corpus knows is another person of that name
    assert person_mentions("Who is Anders Vollan?", {"Margarethe Vollan", "Vollan"}) == \
        ["Anders Vollan"]
    assert person_mentions("What did President Vollan say?", {"Vollan"}) == ["Vollan"]
    # ... but a yes/no question's opening verb is none ("his lawyer" had become "Will
    # Palmer's lawyer" after "Will Palmer appeal?")
    assert person_mentions("Will Palmer appeal?", {"Gregory Palmer"}) == ["Palmer"]
    assert person_mentions("Can Vollan stay?", {"Vollan"}) == ["Vollan"]
    assert names("Will Palmer appeal?") == ["Palmer"]
    assert names("When will Will Smith arrive?") == ["Will Smith"]
    cite = {"role": "assistant", "content": "c", "metadata": {"title": "[1] cite"}}
    hist = [*_chat("q1", "a1", "q2"), cite]
    assert [(t.question, t.answer) for t in turns(hist)] == [("q1", "a1"), ("q2", "")]


def test_person_mentions_reads_possessives_full_stops_and_initials() -> None:
    people = {"Vitaly Churkin", "Churkin", "John F. Kennedy"} | {f"Person {i}" for i in range(5000)}
    text = "Churkin's aide met John F. Kennedy. Later Vitaly Churkin spoke to Churkin."
    assert person_mentions(text, people) == ["Churkin", "John F. Kennedy", "Vitaly Churkin",
                                             "Churkin"]


def _hist(*pairs: tuple[str, str]) -> list[dict]:
    return [m for q, a in pairs for m in ({"role": "user", "content": q},
                                          {"role": "assistant", "content": a})]


SEED_PEOPLE = frozenset({"Vitaly Churkin", "Churkin", "Vojislav Kostunica", "Kostunica",
                    "Sergei Lavrov", "Lavrov"})
DEC7 = _hist(("When did they report to Ban Ki-moon?", "**December 7**"))


@pytest.mark.parametrize(("text", "kind"), [
    ("thanks!", "thanks"), ("Thank you so much.", "thanks"), ("hi there", "greeting"),
    ("Good morning", "greeting"), ("hello, thanks", "greeting"), ("OK", "ack"),
    ("Bye!", "bye"), ("What can you do?", "help"), ("help", "help"),
    ("Hello, who is Churkin?", None), ("Thanks, and who is Lavrov?", None),
    ("Who is the Serbian prime minister?", None), ("Why?", None), ("no deal?", None),
    ("ok " * 40, None),
])
def test_small_talk_is_the_whole_message_or_nothing(text, kind) -> None:
    assert small_talk(text) == kind


def test_small_talk_is_no_turn_so_he_still_means_the_earlier_person() -> None:
    hist = _hist(("Who is Russia's ambassador to the UN?", "**Vitaly Churkin**"),
                 ("thanks", "You're welcome."))
    assert [t.question for t in turns(hist)] == ["Who is Russia's ambassador to the UN?"]
    r = resolve("What did he say?", hist, SEED_PEOPLE)
    assert r.is_followup and r.question == "What did Churkin say?"


def test_short_question_naming_its_subject_stands_alone() -> None:
    hist = _hist(("Which country holds the presidency?", "**Italy**"))
    r = resolve("What did Churkin say?", hist, SEED_PEOPLE)
    assert not r.is_followup and r.search_query == "What did Churkin say?"


def test_short_whole_question_keeps_its_own_words_for_selection() -> None:
    # searched with the previous turn (it may lean on it), but selected with the user's words:
    # grafting it onto "When did they report...?" had answered "Friday" for the deadline
    r = resolve("What is the deadline?", DEC7)
    assert r.is_followup and r.question == "What is the deadline?" and r.qtype == "date"
    assert "December 7" in r.search_query
    # a fragment still borrows the previous question, which then appears once in the search
    r = resolve("And the date?", DEC7)
    assert r.question == "the date When did they report to Ban Ki-moon?"
    assert r.search_query.count("When did they report") == 1
    # ... and so does a short question pointing back
    assert "deadline" in resolve("Who said that?", _hist(("What is the deadline?", "x"))).question


@pytest.mark.parametrize(("question", "prev", "expected"), [
    ("And the Kosovo president?", "Who is the Serbian prime minister?",
     "Who is the Kosovo president?"),
    ("What about Lavrov?", "What did he say about the talks?",
     "What did Lavrov say about the talks?"),
    ("And Lavrov?", "What did Churkin say about the talks?",
     "What did Lavrov say about the talks?"),
])
def test_ellipsis_with_a_new_subject_asks_the_old_question_of_it(question, prev, expected):
    hist = _hist((prev, "**Vojislav Kostunica**"))
    r = resolve(question, hist, SEED_PEOPLE)
    assert r.is_followup and r.question == expected
    # the old subject and its answer are not searched for: this is a new subject
    assert r.search_query == expected


@pytest.mark.parametrize("focus", ["the date", "how many", "Serbia's", ""])
def test_graft_needs_a_bare_phrase_with_a_name(focus) -> None:
    assert graft(focus, "Who is Russia's ambassador to the UN?", SEED_PEOPLE) == ""


def test_a_surname_the_user_types_is_the_person_the_articles_name_in_full() -> None:
    people = frozenset({"Sergei Lavrov", "Vuk Jeremic"})  # the articles never write "Lavrov"
    assert person_mentions("What about Lavrov?", people) == ["Lavrov"]
    hist = _hist(("Who is Serbia's foreign minister?", "**Vuk Jeremic**"),
                 ("What about Lavrov?", "**would set a precedent**"))
    assert resolve("What did he warn?", hist, people).question == "What did Lavrov warn?"


@pytest.mark.parametrize(("fragment", "prev", "answer", "expected", "qtype"), [
    # "who" was the subject: its answer takes its place
    ("When?", "Who blocked the plan?", "**Russia**", "When Russia blocked the plan?", "date"),
    ("And why?", "Who blocked the plan?", "**Russia**", "Why Russia blocked the plan?", "other"),
    ("Where?", "When did the troika report?", "**Friday**", "Where did the troika report?",
     "place"),
    ("How many?", "How many peacekeepers does NATO keep in Kosovo?", "**16,000**",
     "How many peacekeepers does NATO keep in Kosovo?", "number"),
    # the counted noun goes after the verb with its count (was "Why peacekeepers does ...")
    ("Why?", "How many peacekeepers does NATO keep in Kosovo?", "**16,000**",
     "Why does NATO keep in Kosovo 16,000 peacekeepers?", "other"),
    ("When?", "How much will property taxes rise?", "**3.5 percent**",
     "When will property taxes rise?", "date"),  # "how much" asked no noun: nothing moves
])
def test_a_question_word_alone_reframes_the_previous_question(fragment, prev, answer,
                                                              expected, qtype) -> None:
    # before: "When?" was read as "When Who blocked the plan?" and typed by the old question
    r = resolve(fragment, _hist((prev, answer)), SEED_PEOPLE)
    assert r.is_followup and r.question == expected and r.qtype == qtype
    assert prev in r.search_query
    # searched with the previous answer, which may hold the new one: not "known" to the user
    assert answer.strip("*") in r.search_query
    assert r.known == f"{expected} {prev}"
    # ... and is not the new answer again
    assert r.again == answer.strip("*")


def test_a_fragment_after_a_resolved_pronoun_carries_the_person_not_the_pronoun() -> None:
    hist = _hist(("Who is Russia's ambassador to the UN?", "**Vitaly Churkin**"),
                 ("What did he say about the talks?", "**worthwhile**"))
    r = resolve("Why?", hist, SEED_PEOPLE)
    assert r.question == "Why did Churkin say about the talks?"
    # searched with the new question and the previous one as the user wrote it
    assert r.search_query.startswith(r.question)
    assert "What did he say about the talks?" in r.search_query
    r = resolve("And the date?", hist, SEED_PEOPLE)
    assert r.question == "the date What did Churkin say about the talks?"


@pytest.mark.parametrize("question", ["What else did he say?", "Who else?", "Anything else?",
                                      "Who else presented views?", "and what else?"])
def test_else_asks_past_what_the_conversation_gave(question) -> None:
    hist = _hist(("What did Lavrov warn?", "**would set a precedent for the rest of the "
                                           "world**"))
    follow, reason = is_followup(question, turns(hist)[-1])
    assert follow and reason in {"asks for something else", "elliptical (and / what about ...)"}
    r = resolve(question, hist, SEED_PEOPLE)
    # the answer given, and the person the previous question was about
    assert r.exclude[0] == "would set a precedent for the rest of the world"
    assert "Lavrov" in r.exclude
    assert not resolve("What did Lavrov warn?", hist, SEED_PEOPLE).exclude


def test_else_chains_reach_back_over_else_questions_and_skip_abstentions() -> None:
    hist = _hist(("Who presented views?", "**Vojislav Kostunica**"),
                 ("Who else?", "**Fatmir Sejdiu**"),
                 ("Who else?", "The articles don't say."))
    assert resolve("Who else?", hist, SEED_PEOPLE).exclude == ("Fatmir Sejdiu",
                                                               "Vojislav Kostunica")
    # a question that does not say "else" ends the chain
    hist = _hist(("Who presented views?", "**Vojislav Kostunica**"),
                 ("When?", "**Wednesday**"))
    assert resolve("Who else?", hist, SEED_PEOPLE).exclude == ("Wednesday",
                                                               "Vojislav Kostunica")


def test_who_else_reframes_without_putting_the_answer_in_the_subjects_place() -> None:
    hist = _hist(("Who blocked the plan?", "**Russia**"))
    assert resolve("Who else?", hist).question == "Who blocked the plan?"
    assert resolve("When?", hist).question == "When Russia blocked the plan?"
    # "Anything else?" asks the previous question again with its own question word
    assert resolve("Anything else?", hist).question == "Who blocked the plan?"
    assert resolve("Anything else?", hist).exclude == ("Russia",)


@pytest.mark.parametrize(("focus", "prev", "expected"), [
    ("the foreign minister", "Who is the Serbian prime minister?",
     "Who is the Serbian foreign minister?"),
    ("envoy", "Who is the UN ambassador?", ""),  # no shared head noun
    ("the plan", "Who blocked the plan?", ""),  # nothing would change
    ("the ambassador's views", "Who is the ambassador?", ""),  # not a bare phrase
    ("the peacekeepers", "How many peacekeepers does NATO keep?", ""),
    # the same words but the last, or another possessive (before: "Who best actress?",
    # "What was the women's?")
    ("best actress", "Who won best actor?", "Who won best actress?"),
    ("the women's", "What was the men's winning time?", "What was the women's winning time?"),
    ("the women's", "Who won the race?", ""),
])
def test_swap_head_asks_the_old_question_of_the_new_head(focus, prev, expected) -> None:
    assert swap_head(focus, prev) == expected


def test_a_thing_asked_for_by_what_is_asked_so() -> None:
    # before: "Who the score?"
    hist = _hist(("Who won the final?", "**Jonas Lindqvist**"))
    assert resolve("And the score?", hist).question == "What is the score?"


@pytest.mark.parametrize(("focus", "prev", "expected"), [
    ("the deadline", "When will the Security Council discuss the report?", "When the deadline?"),
    ("the plan", "What is the troika?", "What is the plan?"),
    ("the date", "When did they report?", ""),  # names only the kind of answer
    ("the report", "When will the Security Council discuss the report?", ""),  # already there
    ("did he go", "When will the council meet?", ""),  # a verb: no bare phrase
])
def test_reask_asks_the_old_question_word_of_a_bare_phrase(focus, prev, expected) -> None:
    assert reask(focus, prev) == expected


def test_an_ellipsis_with_a_bare_phrase_is_the_old_question_of_it() -> None:
    # before: "the deadline When will ...?" selected the old answer's sentence
    hist = _hist(("When will the Security Council discuss the report?", "**December 19**"))
    r = resolve("What about the deadline?", hist, SEED_PEOPLE)
    assert r.question == "When the deadline?" and r.qtype == "date"
    assert "December 19" in r.search_query and "December 19" not in r.known
    r = resolve("And the foreign minister?",
                _hist(("Who is the Serbian prime minister?", "**Vojislav Kostunica**")))
    assert r.question == "Who is the Serbian foreign minister?" and r.qtype == "person"


def test_the_previous_question_word_keeps_its_noun_and_drops_a_leading_and() -> None:
    # before: "And how many ...?" gave "many", and "Anything else?" after it fell through
    hist = _hist(("And how many peacekeepers does NATO keep in Kosovo?", "**16,000**"))
    assert resolve("Anything else?", hist).question == \
        "How many peacekeepers does NATO keep in Kosovo?"
    assert reask("the troops", "And how many peacekeepers does NATO keep?") == \
        "How many the troops?"


def test_a_huge_or_padded_history_message_is_read_as_a_bounded_question() -> None:
    """History comes from the caller, unchecked: a 20,000-character message padded with
    spaces once sent a role-question pattern into a backtracking hang."""
    from qa_bot.answer_types import identity_name
    from qa_bot.question import MAX_QUESTION_CHARS

    padded = "What title is a" + " " * 19_000 + "b!"
    assert identity_name(padded) == ""
    t = turns([{"role": "user", "content": padded}, {"role": "assistant", "content": "x" * 50_000}])
    assert t[0].question == "What title is a b!"
    assert len(t[0].answer) == 4 * MAX_QUESTION_CHARS
    assert resolve("What did they say about it?", [{"role": "user", "content": padded},
                                                 {"role": "assistant", "content": "x"}]).is_followup


_WORDS = ["who", "what", "when", "why", "he", "she", "it", "they", "his", "her", "more", "tell",
          "me", "about", "else", "and", "go", "on", "Churkin", "Vitaly", "the", "UN", "said",
          "?", ">", "**", "\n", "Kostunica", "that", "there", "how", "many", "Tell me more",
          "Russia's", "Serbia", "December 10", "are", "The articles don't say."]
_text = st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join)
_message = st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system"]),
                                   "content": st.one_of(_text, st.text(max_size=40))})


@settings(max_examples=300, deadline=None)
@given(question=_text.filter(lambda t: any(c.isalnum() for c in t)),
       history=st.lists(_message, max_size=8))
def test_resolve_never_fails_and_always_searches_something(question, history) -> None:
    """Whatever the conversation (any roles, empty or odd turns), a question with a word in it
    (``clean_question`` refuses the rest before resolution) resolves to a question and a
    search, the user's own question when it is no follow-up."""
    r = resolve(question, history, PEOPLE, KINDS)
    assert isinstance(r.question, str) and r.question.strip()
    assert isinstance(r.search_query, str) and r.search_query.strip()
    if not r.is_followup:
        # as asked, or without a leading "and" before a whole question
        assert r.question.lower() in (question.lower(), _AND_QUESTION.sub("", question).lower()) \
            or r.reason.startswith("asks for more")


@pytest.mark.parametrize("message", [
    "Summarize the article", "What is this article about?", "What are these articles about?",
    "tl;dr", "Give me a summary", "summary please", "Can you summarize it?",
    "What do the articles say?", "What's the story about?",
])
def test_a_request_for_what_the_articles_are_about(message: str) -> None:
    assert asks_overview(message) == ""  # all of them


@pytest.mark.parametrize(("message", "words"), [
    ("What is the flood article about?", "flood"), ("Summarize the Acme story", "acme"),
    ("Summarize the article about Acme", "acme"),
    ("Can you summarize the story about the floods?", "floods"),
    ("Give me a summary of the Acme article", "acme"),
    ("What is the first article about?", ""),  # no words that name it
])
def test_a_request_for_what_one_article_is_about_names_it(message: str, words: str) -> None:
    assert asks_overview(message) == words


@pytest.mark.parametrize("message", [
    "What is the article about Kosovo's status?",  # asks about something: a question
    "Summarize what Churkin said", "What is NATO about?", "What happened?", "Summary of the report",
    "What did the report say?", "Hello", "",
    "What is the report about?",  # a report the story tells of, not the story
])
def test_not_a_request_for_an_overview(message: str) -> None:
    assert asks_overview(message) is None


KINDS = {"Russia": "place", "Serbia": "place", "Serbian": "place", "Kosovo": "place",
         "US": "place", "UN": "organization", "EU": "organization"}


@pytest.mark.parametrize(("focus", "prev", "kinds", "expected"), [
    # the only name there is, though the corpus has not got the new one
    ("Kosovo", "What is the capital of Australia?", None, "What is the capital of Kosovo?"),
    ("Serbia's", "Who is Russia's foreign minister?", None, "Who is Serbia's foreign minister?"),
    ("December 19", "What happens on December 10?", None, "What happens on December 19?"),
    ("2008", "Who won the election in 2004?", None, "Who won the election in 2008?"),
    # the name of the same kind: Russia, not the UN; the possessor's "the" goes with it
    ("the US", "Who is Russia's ambassador to the UN?", KINDS,
     "Who is the US's ambassador to the UN?"),
    ("Serbia", "Who is the US's ambassador to the UN?", KINDS,
     "Who is Serbia's ambassador to the UN?"),
    # a name written with full stops, as focus and as the name replaced
    ("the U.S.", "Who is Russia's ambassador to the UN?", KINDS,
     "Who is the U.S.'s ambassador to the UN?"),
    ("Serbia", "Who is the U.S.'s ambassador to the UN?", KINDS,
     "Who is Serbia's ambassador to the UN?"),
    ("Kosovo", "Who is the Serbian prime minister?", KINDS, "Who is the Kosovo prime minister?"),
    ("the EU", "When will the Security Council discuss the report?",
     {**KINDS, "Security Council": "organization"}, "When will the EU discuss the report?"),
    ("Lavrov", "What did Churkin say about the talks?", None,
     "What did Lavrov say about the talks?"),
    # nothing to stand in for, or no way to tell which: the other rules decide
    ("the US", "Who is Russia's ambassador to the UN?", None, ""),
    ("Lavrov", "What is the capital of Australia?", None, ""),
    ("the Kosovo president", "Who is the Serbian prime minister?", KINDS, ""),
    ("the date", "What happens on December 10?", None, ""),
    ("December 10", "What happens on December 10?", None, ""),
])
def test_substitute_asks_the_old_question_of_a_name_of_the_same_kind(focus, prev, kinds,
                                                                     expected) -> None:
    assert substitution(focus, prev, SEED_PEOPLE, kinds)[0] == expected


def test_an_abbreviation_keeps_its_full_stop_in_a_fragment() -> None:
    r = resolve("And the U.S.?", CHURKIN, SEED_PEOPLE, KINDS)
    assert r.question == "Who is the U.S.'s ambassador to the UN?"


def test_and_a_place_after_an_abstention_is_the_old_question_of_that_place() -> None:
    # before: "What is Kosovo?" (the copular graft took the whole subject), answered
    # "United Nations auspices"
    hist = _hist(("What is the capital of Australia?", "The articles don't say."))
    r = resolve("And Kosovo?", hist, SEED_PEOPLE, KINDS)
    assert r.is_followup and r.question == r.search_query == "What is the capital of Kosovo?"
    assert r.qtype == "place"


def test_a_pronoun_for_the_person_a_question_could_not_name_is_nobody_in_the_articles():
    france = ("Who is the president of France?", "The articles don't say. The closest ...")
    for hist in (_hist(france), CHURKIN + _hist(france)):
        r = resolve("What did he say about Kosovo?", hist, SEED_PEOPLE)
        assert r.unanswered == "Who is the president of France?" and not r.antecedent
    # a name the articles never use, asked about and not found
    smith = _hist(("Who is John Smith?", "The articles don't say."))
    assert resolve("What did he say?", smith, SEED_PEOPLE).unanswered == "Who is John Smith?"
    # a person named since, or an abstention that asked for no person: "he" is found as before
    later = _hist(france, ("Who is the Serbian prime minister?", "**Vojislav Kostunica**"))
    r = resolve("What did he say about conflicts?", later, SEED_PEOPLE)
    assert not r.unanswered and r.question == "What did Kostunica say about conflicts?"
    place = CHURKIN + _hist(("What is the capital of Australia?", "The articles don't say."))
    r = resolve("What did he say?", place, SEED_PEOPLE)
    assert not r.unanswered and r.question == "What did Churkin say?"
    assert unanswered_referent([], SEED_PEOPLE) == ""


def test_they_carries_the_group_through_a_run_of_followups() -> None:
    # before: "What did they conclude Who are the troika?" was selected with, and the next
    # "they" was nobody
    hist = _hist(("Who are the troika?", "**the European Union, United States, and Russia**"))
    r = resolve("What did they conclude?", hist)
    assert r.question == "What did the troika conclude?" and r.group == "troika"
    hist += _hist(("What did they conclude?", "**that they could not bridge the gap**"))
    r = resolve("When did they report?", hist)
    assert r.question == "When did the troika report?" and r.qtype == "date"


@settings(max_examples=300, deadline=None)
@given(focus=_text, prev=_text)
def test_substitute_puts_the_focus_in_or_gives_nothing(focus, prev) -> None:
    """Whatever the texts, the previous question with the focus's name or date in it, or ""."""
    out = substitution(focus, prev, PEOPLE, KINDS)[0]
    core = re.sub(r"(?:'s|’s|')$", "", re.sub(r"^the\s+", "", focus.strip(), flags=re.I))
    assert out == "" or (core in out and out != prev)


def test_and_before_a_whole_question_is_no_fragment() -> None:
    # before: "where will he go on Tuesday What did Boric declare?" was selected with
    hist = _hist(("What did Boric declare?", "**a state of catastrophe**"))
    r = resolve("And where will he go on Tuesday?", hist, {"Gabriel Boric", "Boric"})
    assert r.is_followup and r.question == "Where will Boric go on Tuesday?"
    assert r.qtype == "place"
    # a whole new question after "and" stands alone; a fragment after it is still one
    r = resolve("And who is the Serbian foreign minister?", CHURKIN, SEED_PEOPLE)
    assert not r.is_followup and r.question == "Who is the Serbian foreign minister?"
    assert resolve("And the date?", CHURKIN, SEED_PEOPLE).is_followup


def test_a_fragment_of_another_time_asks_the_previous_question_for_it() -> None:
    # before: "a year earlier How much did Northwind earn?" was typed a date question
    hist = _hist(("How much did Northwind earn?", "**$412 million**"))
    for fragment in ("And a year earlier?", "And in 2010?", "What about last year?"):
        r = resolve(fragment, hist)
        assert r.is_followup and r.qtype == "number" and "Northwind earn" in r.question
        assert r.again == "$412 million"  # another time's amount is not this one again
    # ... whatever its type, "other" too ("a year earlier What was net income?" had been
    # typed a date question once more, when the previous question was a "what")
    r = resolve("And a year earlier?", _hist(("What was net income?", "**$214 million**")))
    assert r.qtype == "other" and "net income" in r.question
    # an amount of another thing is the previous question of it: number and money alike
    r = resolve("What about revenue?", hist)
    assert r.question == "How much revenue?" and r.qtype == "money"
    # a date asked for is still a date question
    assert resolve("And the date?", hist).qtype == "date"
    # "By whom?" is a question word, not another time: the previous question asked of its
    # doer (past the previous answer, as a question word alone is)
    r = resolve("By whom?", hist)
    assert r.question == "By whom did Northwind earn?" and r.qtype == "person", r


def test_a_question_word_alone_asks_past_a_long_previous_answer_too() -> None:
    # a quotation of more than 8 words is no entity to put in a question, but "Why?" after
    # it must not be answered with it again (it had been, word for word)
    quote = "It is not going to produce stability in the Balkans to ignore the reality"
    r = resolve("Why?", _hist(("What did Rice say?", f"**{quote}**")))
    assert r.again == quote and quote not in r.question


@pytest.mark.parametrize(("text", "asks"), [
    ("Who said that?", True), ("who said this", True), ("And who said that?", True),
    ("Who wrote that?", True), ("Who said that the talks failed?", False),
    ("Who said it would fail?", False), ("What did he say?", False),
])
def test_who_said_that_is_a_whole_message(text, asks) -> None:
    assert asks_who_said(text) is asks


@pytest.mark.parametrize(("focus", "prev", "replaced"), [
    ("Albertsons", "How many stores does Kroger operate?", "Kroger"),
    ("Serbia's", "Who is Russia's foreign minister?", "Russia"),  # without the possessive
    ("the US", "Who is Russia's ambassador to the UN?", "Russia"),
    ("December 19", "What happens on December 10?", "December 10"),
    ("Lavrov", "What is the capital of Australia?", ""),
    # a place or time after the same word: "and in Texas?" after "... in Lea County?"
    ("in Serbia", "How many peacekeepers are in Kosovo?", "Kosovo"),
    ("in 2006", "What happened in 1999?", "1999"),
    ("in 2006", "What happened on December 10?", "December 10"),
    ("in Serbia", "Who is Russia's foreign minister?", ""),
    # a bare "When?" reframed glues its word to the name after it
    ("Trump", "When Jerry Brown declared a state of emergency?", "Jerry Brown"),
])
def test_substitution_says_which_name_it_replaced(focus, prev, replaced) -> None:
    question, name = substitution(focus, prev, SEED_PEOPLE, KINDS)
    assert name == replaced and bool(question) == bool(name)
    if focus.startswith("in "):  # the preposition as the user gave it, once
        assert not name or (focus in question and question.count(" in ") == 1)


def test_and_a_name_asks_past_the_old_names_answer_only_where_it_was_the_old_names() -> None:
    # before: "How many stores does Albertsons operate?" with nothing to ask past, answered
    # "2,700", Kroger's number, from the sentence that gives both
    hist = _hist(("How many stores does Kroger operate?", "**about 2,700**"))
    r = resolve("And Albertsons?", hist, (), {"Kroger": "ORG", "Albertsons": "ORG"})
    assert r.question == "How many stores does Albertsons operate?"
    assert (r.again, r.again_if) == ("about 2,700", "Kroger")
    # a question word alone asks past the answer wherever it is
    r = resolve("Where?", hist, ())
    assert r.again == "about 2,700" and not r.again_if


def test_he_after_who_is_a_name_is_that_name_whatever_the_tagger_made_of_it() -> None:
    # the tagger read "Timmermans" as a nationality, so no known person: "he" had found nobody
    hist = _hist(("Who is Timmermans?", "**Labour-Green alliance**"))
    assert resolve("What will he do?", hist, ()).question == "What will Timmermans do?"
    # not answered: nobody the articles name
    hist = _hist(("Who is John Smith?", "The articles don't say."))
    assert resolve("What did he say?", hist, SEED_PEOPLE).unanswered == "Who is John Smith?"


@pytest.mark.parametrize(("question", "prev", "answer", "thing"), [
    # the thing a what/which question got, by its name when it has one
    ("How many seats did it win?", "Which party won the most seats?",
     "**The centrist D66 party**", "D66"),
    ("How much was it worth?", "What did the judge block?", "**the deal**", "the deal"),
    # the one thing the previous question asked about
    ("Who leads it?", "What is the Freedom Party?", "**Geert Wilders**", "the Freedom Party"),
    ("Who leads it?", "How many seats did the Labour-Green alliance win?", "**20**",
     "the Labour-Green"),  # (its name: the searched words that matter)
    # "its" as "it", and a name with "for" or "of" inside is one
    ("Who is its leader?", "How many seats did the Party for Freedom win?", "**21**",
     "the Party for Freedom"),
    ("Who is its governor?", "When was the Bank of England founded?", "**1694**",
     "the Bank of England"),
    # not: "it" is what the FTC asked for, which the articles did not say; a person; words;
    # two things; no "it"
    ("Did the judge grant it?", "What did the FTC ask for?", "The articles don't say.", ""),
    ("Who leads it?", "Who won the election?", "**Rob Jetten**", ""),
    ("Why did he say it?", "What did Jetten tell supporters?", "**optimism over anger**", ""),
    ("Who leads it?", "Did D66 beat the Freedom Party?", "Yes.", ""),
    ("How did it describe the views?", "Who issued a joint statement after the Security "
     "Council consultations?", "**the United States**", ""),
    ("Who leads D66?", "What is the Freedom Party?", "**a party**", ""),
    # a date or amount stays searched with the turn before; "the UN deadline" is no name
    ("What happens after it?", "What is the UN deadline?", "**December 10**", ""),
    ("What happens after it?", "What is the UN deadline?", "The articles don't say.", ""),
    # what something does is no thing: "it" is what the question asked about
    ("When was it founded?", "What does the FTC do?", "**enforce antitrust law**", "the FTC"),
    ("When will it launch?", "What will Hera do?", "**send its own probe**", "Hera"),
    # no name: the common noun the turn before asked of, after a date or an amount
    ("When will it be lifted?", "When was the do-not-drink advisory issued?",
     "**Aug. 5 of this year**", "the do-not-drink advisory"),
    ("Why is it taking longer?", "When will the line reopen?", "**about ten days**",
     "the line"),
    ("How much is it seeking?", "How many people does the class action represent?",
     "**about 8,000**", "the class action"),
    # not people ("they"), nor a word naming the kind of answer
    ("When did it start?", "When did the workers strike?", "**Monday**", ""),
    ("When was it set?", "What was the date announced?", "**Friday**", ""),
])
def test_it_is_the_thing_the_turn_before_gave_or_asked_about(question, prev, answer, thing):
    assert thing_referent(question, prev, answer, {"Rob Jetten", "Geert Wilders"}) == thing


def test_it_in_a_follow_up_is_put_in_its_place_and_carries_on() -> None:
    hist = _hist(("Which party won the most seats?", "**The centrist D66 party**"))
    r = resolve("How many seats did it win?", hist, {"Rob Jetten"})
    assert r.question == "How many seats did D66 win?" and r.thing == "D66"
    # the next "it", after an answer that names nothing, is still D66
    hist += _hist(("How many seats did it win?", "**26**"))
    assert resolve("Who leads it?", hist, {"Rob Jetten"}).question == "Who leads D66?"
    # "it" as an event or a filler stays: the glued search as before
    r = resolve("When did it happen?", hist, {"Rob Jetten"})
    assert r.question.startswith("When did it happen") and not r.thing


@pytest.mark.parametrize(("focus", "prev", "expected"), [
    ("his lawyers", "What did prosecutors ask for?", "What did his lawyers ask for?"),
    ("the defense", "What did prosecutors ask for?", "What did the defense ask for?"),
    ("analysts", "What did economists expect?", "What did analysts expect?"),
    # a thing, or a subject that is no group of people: not this
    ("the deadline", "When will the council discuss the report?", ""),
    ("the report", "What did prosecutors ask for?", ""),
    ("the foreign minister", "Who is the Serbian prime minister?", ""),
])
def test_another_group_of_people_is_asked_the_previous_question(focus, prev, expected):
    assert swap_people(focus, prev) == expected


def test_and_another_group_is_searched_alone_past_the_old_answer() -> None:
    # before: "What his lawyers?", searched with the prosecutors' question and answer
    r = resolve("And his lawyers?", _hist(("What did prosecutors ask for?", "**40 to 50 years**")),
                ())
    assert (r.question, r.search_query) == ("What did his lawyers ask for?",) * 2
    assert r.again == "40 to 50 years"


@pytest.mark.parametrize(("turn", "expected"), [
    # before: "What was her age?" (abstained at 0.00), and "How old is Naylor's age?"
    ("And her age?", "How old is Claire Whitfield?"),
    ("And Naylor's age?", "How old is Naylor?"),
    ("and the age of Mick Rowan?", "How old is Mick Rowan?"),
])
def test_an_age_asked_by_a_noun_is_how_old_they_are(turn, expected) -> None:
    hist = _hist(("Who is the transport secretary?", "**Claire Whitfield**"),
                 ("What did she say about the offer?", "**The offer is fair**"))
    r = resolve(turn, hist, {"Claire Whitfield", "Paul Naylor", "Mick Rowan"})
    assert r.question in (expected, expected.replace("Claire Whitfield", "Whitfield")), \
        r.question


def test_a_body_the_tagger_called_a_person_is_no_person() -> None:
    tagged = {"Celtis Therapeutics", "Celtis", "Lars Eriksen", "Halden Motors", "Ruiz"}
    assert organization_names(tagged) == {"Celtis Therapeutics", "Celtis", "Halden Motors",
                                          "Halden"}
    assert organization_names({"Lars Eriksen", "Ban Ki-moon"}) == frozenset()


def test_a_run_of_it_keeps_its_thing_past_an_answer() -> None:
    # "it" had become the previous answer, "faulty airspeed sensor"
    hist, asked = [], []
    for q, a in (("How many people died in the Alpair crash?", "143"),
                 ("What caused it?", "faulty airspeed sensor"),
                 ("What type of plane was it?", "Airbus A321")):
        asked.append(resolve(q, hist, {"Marc Duvivier"}).question)
        hist += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    assert asked[1:] == ["What caused the Alpair crash?",
                         "What type of plane was the Alpair crash?"]


def test_a_pronoun_for_the_one_asked_about_by_title() -> None:
    # "her" had been left as it was, and the search glued to the previous question
    hist = [{"role": "user", "content": "What did the mayor say about paying the ransom?"},
            {"role": "assistant", "content": "no intention of paying"}]
    assert resolve("What's her name?", hist, {"Diane Okafor"}).question == \
        "What's the mayor's name?"
    assert titled_referent("What did the prime minister say?") == "the prime minister"
    # two titles, or none: no one in particular
    assert titled_referent("Who met the president and the prime minister?") == ""
    assert titled_referent("What did the police find?") == ""


def test_they_after_a_who_question_answered_with_a_body() -> None:
    hist = [{"role": "user", "content": "Who made the sensor?"},
            {"role": "assistant", "content": "Meravion"}]
    kinds = {"Meravion": "organization", "Sophie Garnier": "person"}
    r = resolve("What did they say?", hist, {"Sophie Garnier"}, kinds)
    assert r.question == "What did Meravion say?"
    hist += [{"role": "user", "content": "What did they say?"},
             {"role": "assistant", "content": "it was studying the report"}]
    assert resolve("What else did they say?", hist, {"Sophie Garnier"}, kinds).question == \
        "What else did Meravion say?"
    # a person answered is "he" or "she", not "they"
    hist = [{"role": "user", "content": "Who leads the inquiry?"},
            {"role": "assistant", "content": "Sophie Garnier"}]
    assert "Sophie Garnier" not in resolve("What did they find?", hist, {"Sophie Garnier"},
                                           kinds).question


def test_their_after_a_which_question_for_a_body() -> None:
    # the union the turn before asked for (the whole previous question had been glued on:
    # "What did their spokesman say Which union represents Marwick workers?", abstained)
    hist = [{"role": "user", "content": "Which union represents Marwick workers?"},
            {"role": "assistant", "content": "UFCW"}]
    r = resolve("What did their spokesman say?", hist, {"Raymond Tullis"}, {})
    assert r.question == "What did the union's spokesman say?"
    assert "UFCW" in r.search_query
    # ... through an "it" that meant the body
    hist += [{"role": "user", "content": "How many workers does it represent?"},
             {"role": "assistant", "content": "about 9,000"}]
    assert resolve("What did their spokesman say?", hist, {"Raymond Tullis"}, {}).question == \
        "What did the union's spokesman say?"
    hist = [{"role": "user", "content": "Which party won the most seats?"},
            {"role": "assistant", "content": "Civic Union"}]
    assert resolve("How many seats did they win?", hist, (), {}).question == \
        "How many seats did the party win?"
    # a word in -s after a singular noun, its object after it, is the verb: no group "union
    # represents" (it had been "How many members do the union represents have?")
    hist = [{"role": "user", "content": "Which union represents Marwick workers?"},
            {"role": "assistant", "content": "UFCW"}]
    assert resolve("How many members do they have?", hist, (), {}).question == \
        "How many members do the union have?"
    assert group_noun("Which union represents the workers?") == ""
    assert group_noun("Which rescue teams arrived first?") == "rescue teams"
    assert group_noun("Which news agencies reported the story?") == "news agencies"
    # a who-question's body is "their" too; a person answered is not
    hist = [{"role": "user", "content": "Who made the sensor?"},
            {"role": "assistant", "content": "Meravion"}]
    kinds = {"Meravion": "organization", "Sophie Garnier": "person"}
    assert resolve("Who is their chief executive?", hist, (), kinds).question == \
        "Who is Meravion's chief executive?"
    hist = [{"role": "user", "content": "Which engineer leads the inquiry?"},
            {"role": "assistant", "content": "Sophie Garnier"}]
    assert "engineer" not in resolve("What did their report find?", hist, {"Sophie Garnier"},
                                      kinds).question


def test_an_existential_there_and_a_how_deep_fragment() -> None:
    hist = [{"role": "user", "content": "What did Chen tell residents?"},
            {"role": "assistant", "content": "not to return to cracked buildings"}]
    # "there" that points nowhere: a question of its own (it had been glued to the last)
    r = resolve("How many aftershocks have there been?", hist)
    assert not r.is_followup and r.search_query == "How many aftershocks have there been?"
    assert resolve("What happened there?", hist).is_followup
    # "And how deep?" asks the previous question with its own question words
    hist = [{"role": "user", "content": "Where was the epicentre?"},
            {"role": "assistant", "content": "Kastrel"}]
    r = resolve("And how deep?", hist)
    assert r.question == "How deep was the epicentre?" and r.qtype != "place"
    # a name used as a word of the thing: the thing, not the place
    hist = [{"role": "user", "content": "How many people died in the Varenia earthquake?"},
            {"role": "assistant", "content": "at least 212"}]
    assert resolve("How strong was it?", hist, {"Tomas Reyval"}).question == \
        "How strong was the Varenia earthquake?"


def test_a_pronoun_of_a_relatives_gender_means_the_relative() -> None:
    from qa_bot.conversation import related_referent

    q = "What was the lead level in Denise Harlow's son?"
    assert related_referent(q, "he") == "Denise Harlow's son"
    assert related_referent(q, "she") == ""  # she is Denise Harlow
    assert related_referent("Where does Harlow's younger brother live?", "he") == \
        "Harlow's younger brother"
    assert related_referent("What did Harlow say?", "he") == ""
    people = {"Denise Harlow"}
    hist = _hist((q, "**14 micrograms per deciliter**"))
    assert resolve("How old is he?", hist, people).question == \
        "How old is Denise Harlow's son?"
    # ... and Denise Harlow stays a "she", named without the possessive
    hist += _hist(("How old is he?", "**four-year-old**"))
    assert resolve("What did she say about the city?", hist, people).question == \
        "What did Harlow say about the city?"


def test_an_elliptical_share_asks_what_it_was_of_the_thing_it_means() -> None:
    hist = _hist(("Which party won the most seats?", "**the Civic Union**"),
                 ("How many seats did it get?", "**112**"))
    r = resolve("And its share of the vote?", hist, {"Miriam Kovalenko"})
    assert r.question == "What was Civic Union's share of the vote?", r


def test_by_whom_asks_the_previous_question_of_its_doer() -> None:
    hist = _hist(("When was Marwick founded?", "**1921**"))
    r = resolve("By whom?", hist, set())
    assert r.question == "By whom was Marwick founded?" and r.qtype == "person", r


def test_another_group_in_a_how_many_question() -> None:
    hist = _hist(("How many people did the organisers say took part?", "**about 60,000**"))
    for q in ("And the police?", "What about the police?"):
        assert resolve(q, hist, set()).question == \
            "How many people did the police say took part?", q
