"""Follow-up detection and resolution are deterministic rules: test them without a model."""

from qa_bot.conversation import answer_entity, is_followup, last_turn, resolve

CHURKIN = [{"role": "user", "content": "Who is Russia's ambassador to the UN?"},
           {"role": "assistant", "content": "**Vitaly Churkin**\n\n> Russia's UN Ambassador..."},
           {"role": "assistant", "content": "passage", "metadata": {"title": "[1] source"}}]


def test_no_history_is_never_a_followup() -> None:
    r = resolve("How did he describe the talks?", None)
    assert not r.is_followup and r.search_query == "How did he describe the talks?"


def test_pronoun_resolves_to_previous_answer_person() -> None:
    r = resolve("How did he describe the 120 days of negotiations?", CHURKIN)
    assert r.is_followup
    assert r.question == "How did Vitaly Churkin describe the 120 days of negotiations?"
    assert "Vitaly Churkin" in r.search_query and "ambassador" in r.search_query
    assert r.qtype == "quote"


def test_possessive_pronoun() -> None:
    r = resolve("What did his foreign minister say?", CHURKIN)
    assert r.question.startswith("What did Vitaly Churkin's foreign minister")


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
    assert r.is_followup and "Vitaly Churkin" in r.question
