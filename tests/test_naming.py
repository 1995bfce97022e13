"""What a thing is called, as news names it beside the noun (no model needed)."""

from __future__ import annotations

import pytest

from qa_bot.naming import CONVENTIONS, asked_thing, thing_name


@pytest.mark.parametrize(("question", "noun"), [
    ("What is the lander called?", "lander"),
    ("what is nimbly's new phone called", "phone"),
    ("What's the fire named?", "fire"),
    ("What is the name of the fire?", "fire"),
    ("And what is the new drug called?", "drug"),
    # a person's name is another question's (answer_types.asks_persons_name), and "it" is
    # the conversation's
    ("What was the name of the driver?", None),
    ("What is it called?", None),
    ("Where is the lander?", None),
])
def test_a_question_asking_what_a_thing_is_called(question, noun) -> None:
    assert asked_thing(question) == noun


@pytest.mark.parametrize(("text", "noun", "name"), [
    # in apposition after the noun, which may end a longer one ("smartphone")
    ("Nimbly on Tuesday unveiled its first foldable smartphone, the Arc Fold, and reported "
     "profit.", "phone", "Arc Fold"),
    ("Engineers built a lander called Hakuto to carry the rover.", "lander", "Hakuto"),
    ("The drug, known as CT-388, helped patients lose weight.", "drug", "CT-388"),
    # before the noun, or ending the name
    ("Japan landed on the moon when its SLIM lander touched down.", "lander", "SLIM"),
    ("The Bear Creek Fire started on Wednesday near Shady Cove.", "fire", "Bear Creek Fire"),
    # no name: a word capitalized for opening the sentence, a concept, another noun
    ("This fire is moving faster than anything.", "fire", None),
    ("The process is called photosynthesis.", "process", None),
    ("Its phones, tablets and watches sold well.", "phone", None),
])
def test_the_name_a_sentence_gives_the_noun(text, noun, name) -> None:
    got = next((g for k in range(CONVENTIONS) if (g := thing_name(text, noun, k))), None)
    assert (text[got[0]:got[1]] if got else None) == name


def test_a_name_in_apposition_is_the_plainest() -> None:
    # tried first over every sentence: "The Computer Science Network (CSNET) was ..." names
    # a network too, by its last word only
    text = "Internet2 built the first Internet2 Network, called Abilene, in 1998."
    a, b = thing_name(text, "network", 0)  # type: ignore[misc]
    assert text[a:b] == "Abilene"
    assert thing_name("The Computer Science Network (CSNET) was funded.", "network", 0) is None
