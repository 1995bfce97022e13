"""``bench rules`` measures each question rule by switching it off on the selector."""

from __future__ import annotations

import pytest

from qa_bot.bench.rules import RULES


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "question"), [
    ("office", "Who is the president of Serbia?"),
    ("identity", "Who is Fatmir Sejdiu?"),
    ("polar", "Did Russia block the plan?"),
    ("speaker", "What did Churkin say?"),
    ("named", "Who appointed Ahtisaari as UN envoy?"),
    ("named-other", "What did Rice make clear?"),  # not "Condoleezza Rice"
    ("topic", "NATO peacekeepers"),
    ("quoted", "What did Lavrov say?"),  # his quotation, after the sentence reporting it
])
def test_each_rule_applies_to_its_questions_and_its_switch_changes_the_answer(
        seeds_bot, rule, question) -> None:
    switch, applies = RULES[rule]
    assert applies(question)
    sel = seeds_bot.selector
    assert getattr(sel, switch) is True  # on by default
    on = seeds_bot.ask(question)
    setattr(sel, switch, False)
    try:
        off = seeds_bot.ask(question)
    finally:
        setattr(sel, switch, True)
    assert (off.text, off.abstained) != (on.text, on.abstained)


def test_rules_apply_only_to_their_questions() -> None:
    plain = "When did the mediators report to Ban Ki-moon?"
    # (the clause rule may act on any question naming something, the subject rule on any
    # but a why-question, and the aside, dateline, headline and range rules on any date or
    # number question: whether they do depends on the sentence, a contrast such as "X rose,
    # while Y fell", an aside ", which was built in 1672," a wire story's dateline or its
    # headline, a stretch "from 2014 to 2018", not on the question; so too the gap rule's
    # "19 were charged with X and four with Y" and the listed rule's list with semicolons)
    assert not any(applies(plain) for name, (_, applies) in RULES.items()
                   if name not in ("clause", "subject", "aside", "dateline", "headline",
                                   "range", "gap", "listed"))
    assert RULES["range"][1](plain) and not RULES["range"][1]("When did the talks begin?")
    assert RULES["dateline"][1](plain) and not RULES["dateline"][1]("Who met the mediators?")
    assert RULES["naming"][1]("What is the lander called?")
    assert RULES["subject"][1](plain) and not RULES["subject"][1]("Why did they meet?")
    assert RULES["aside"][1](plain) and not RULES["aside"][1]("Who met the mediators?")
    assert RULES["clause"][1](plain) and not RULES["clause"][1]("When did the mediators meet?")
