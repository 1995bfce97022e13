"""``next_words``: "What else did he say?" is the speaker's next words after the last answer."""

from __future__ import annotations

import pytest
from answer_checks import assert_cited_answer

from qa_bot.next_words import asks_next_words


@pytest.mark.parametrize(("question", "asks"), [
    ("What else did he say?", True),
    ("what else did she add", True),
    ("And what else did Horvat tell reporters?", True),
    ("What else did he say about the budget?", False),  # asked about something: not a rule's
    ("What else?", False),
    ("What did he say?", False),
    ("Who else spoke?", False),
])
def test_which_questions_ask_for_the_next_words(question, asks) -> None:
    assert asks_next_words(question) is asks


_FINAL = (
    "Jonas Lindqvist won the Australian Open on Sunday, beating Rafael Oliveira in five sets. "
    "Oliveira, who was close to tears during the ceremony, said his shoulder was not the "
    "reason he lost.\n\n"
    "\"The shoulder was sore, but that's tennis, everybody is hurting at the end of two "
    "weeks,\" he said. \"Jonas was better in the fifth set and he deserves this. I gave "
    "everything I had, and I hope I'll get another chance here.\"\n\n"
    "Lindqvist's coach, Per Lindqvist, said the win had been years in the making. \"He has "
    "been stubborn since he was a little boy,\" he said.")


@pytest.mark.slow
def test_what_else_did_he_say_is_what_he_said_next(embedder) -> None:
    from qa_bot import Document, QABot

    bot = QABot.build([Document(id="final", title="Lindqvist wins", text=_FINAL)])
    first = "The shoulder was sore, but that's tennis, everybody is hurting at the end of two weeks"
    hist = [{"role": "user", "content": "What did Oliveira say about his shoulder?"},
            {"role": "assistant", "content": first}]
    a = bot.ask("What else did he say?", history=hist)
    assert not a.abstained and a.rule == "next words", (a.text, a.rule)
    assert a.text == "Jonas was better in the fifth set and he deserves this", a.text
    assert_cited_answer(bot, a)
    hist += [{"role": "user", "content": "What else did he say?"},
             {"role": "assistant", "content": a.text}]
    a = bot.ask("What else did he say?", history=hist)
    assert a.rule == "next words" and a.text.startswith("I gave everything I had"), a.text
    assert_cited_answer(bot, a)
    # past his words the article names another speaker: no next words of his by the rule
    hist += [{"role": "user", "content": "What else did he say?"},
             {"role": "assistant", "content": a.text}]
    a = bot.ask("What else did he say?", history=hist)
    assert a.rule != "next words" and "stubborn" not in a.text, (a.text, a.rule)
