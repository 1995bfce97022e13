"""A change's "by" figure and the level it reached, its "to" figure."""

from __future__ import annotations

from qa_bot.levels import asks_change, asks_level, change_figure
from qa_bot.types import Entity, Sentence


def _figure(text: str, figures: tuple[str, ...], change: bool) -> str | None:
    ents, pos = [], 0
    for f in figures:
        a = text.index(f, pos)
        ents.append(Entity(a, a + len(f), "PERCENT", f))
        pos = a + len(f)
    got = change_figure(Sentence("d", 0, len(text), text, ents), ents, change)
    return None if got is None else got.text


def test_which_questions_ask_how_much_something_changed() -> None:
    assert asks_change("How much was it cut?")
    assert asks_change("By how much did unemployment rise?")
    assert not asks_change("What is the new interest rate?")
    assert not asks_change("How much does the program cost?")  # no change
    # what a value is: its level; not what happened, nor a count
    assert asks_level("What is the new interest rate?")
    assert asks_level("What was Australia's population according to the census?")
    assert not asks_level("What happened to Nimbyx shares on Tuesday?")
    assert not asks_level("How many employees is Corvane cutting?")
    assert not asks_level("What was cut?")
    assert not asks_level("What is the highest peak in Victoria?")  # no value asked


def test_the_by_figure_is_the_change_and_the_to_figure_the_level() -> None:
    t = ("The bank cut its key interest rate by 0.5 percent to 3.75 percent on Wednesday, its "
         "third cut this year.")
    assert _figure(t, ("0.5 percent", "3.75 percent"), True) == "0.5 percent"
    assert _figure(t, ("0.5 percent", "3.75 percent"), False) == "3.75 percent"
    t = "Unemployment rose to 6.5 percent in September from 6.1 percent in May."
    assert _figure(t, ("6.5 percent", "6.1 percent"), False) == "6.5 percent"
    assert _figure(t, ("6.5 percent", "6.1 percent"), True) is None  # no "by"


def test_no_figure_for_two_changes_or_none() -> None:
    t = "Prime numbers give rise to two more general concepts."
    assert _figure(t, ("two",), False) is None  # an idiom, no change
    t = "Sales rose to 12 percent, while costs fell to 3 percent."
    assert _figure(t, ("12 percent", "3 percent"), False) is None
    t = "The fund holds 12 percent of the shares and gave 3 percent to charity."
    assert _figure(t, ("12 percent", "3 percent"), False) is None


def test_a_figure_right_after_the_verb_is_the_change() -> None:
    t = "Revenue for the quarter rose 11% to $8.42 billion, above estimates."
    assert _figure(t, ("11%", "$8.42 billion"), True) == "11%"
    assert _figure(t, ("11%", "$8.42 billion"), False) == "$8.42 billion"
    # (not a figure after "to" or "from": "rose to 6.5 percent" has no change figure)
    t = "Unemployment rose to 6.5 percent in September."
    assert _figure(t, ("6.5 percent",), True) is None


def test_two_changes_are_told_apart_by_what_changed() -> None:
    t = ("Sales of its phones grew 9%, while its services business jumped 24% to $2.1 "
         "billion.")
    ents, pos = [], 0
    for f in ("9%", "24%", "$2.1 billion"):
        a = t.index(f, pos)
        ents.append(Entity(a, a + len(f), "PERCENT", f))
        pos = a + len(f)
    s = Sentence("d", 0, len(t), t, ents)
    got = change_figure(s, ents, True, "How much did the services business grow?")
    assert got is not None and got.text == "24%"
    got = change_figure(s, ents, True, "How much did phone sales grow?")
    assert got is not None and got.text == "9%"
    assert change_figure(s, ents, True, "How much did it grow?") is None  # either


def test_a_price_asked_is_a_level() -> None:
    assert asks_level("How much will the Nimbly Cloud subscription cost?")
    assert asks_level("What does the phone cost?")
    assert not asks_level("How much did the price rise?")  # a change


def test_a_markets_day_settled_up_at_a_level() -> None:
    t = "Brent crude futures settled up $1.62, or 2%, at $83.45 a barrel."
    assert _figure(t, ("$1.62", "2%", "$83.45"), False) == "$83.45"
    assert _figure(t, ("$1.62", "2%", "$83.45"), True) == "$1.62"
    t = "U.S. West Texas Intermediate crude gained $1.48 to $79.12."
    assert _figure(t, ("$1.48", "$79.12"), False) == "$79.12"
    assert asks_level("What's the 10-year yield?")
    assert asks_level("What did the Nasdaq close at?")
    assert asks_change("How much did Brent gain?")
