"""A cause and the effect written after it, "X, forcing Y" (no model needed)."""

from __future__ import annotations

from qa_bot.effects import cause_before_effect

_TEXT = ("Roads into Orvane were blocked by landslides, and a bridge over the Lessa river "
         "collapsed, forcing authorities to fly in supplies by helicopter.")


def test_a_why_question_of_the_effect_is_answered_by_the_cause() -> None:
    a, b = cause_before_effect(_TEXT, "Why are supplies being flown in by helicopter?")  # type: ignore[misc]
    assert _TEXT[a:b] == ("Roads into Orvane were blocked by landslides, and a bridge over "
                          "the Lessa river collapsed")
    # after a dateline
    text = "KASTREL, March 14 (Reuters) - A quake struck, forcing 12,000 people to flee homes."
    a, b = cause_before_effect(text, "Why did 12,000 people flee their homes?")  # type: ignore[misc]
    assert text[a:b] == "A quake struck"


def test_no_cause_for_a_question_of_the_cause_or_of_nothing_in_the_effect() -> None:
    # the question asks of the cause's words: what it caused is not why
    assert cause_before_effect(_TEXT, "Why were the roads into Orvane blocked?") is None
    assert cause_before_effect(_TEXT, "Why did the bridge collapse?") is None
    assert cause_before_effect("Prices rose 3 percent in May.", "Why did prices rise?") is None
