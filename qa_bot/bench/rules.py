"""``python -m qa_bot.bench rules --squad FILE``: what each question rule changes on SQuAD.

The selector's rules for questions no fitted model could learn from SQuAD (too few of them):
office questions ("Who is the president of X?", ``qa_bot.constraints``), "Who is <name>?"
questions (``answer_types.identity_name``), yes/no questions (``answer_types.is_polar``) and
questions asking for someone's words ("What did Luther say about ...?", ``speakers.py``) and
the person a name question names is not its answer (``selector._not_the_named``; for
"what" questions naming someone too, ``named-other``), a
"why" question's answer is a phrase, not a name or number (``answer_types.is_why``), and a
search of a few words ("Kosovo independence") is answered with the sentence
(``answer_types.is_topic``).
For each rule, every question of the file that the rule applies to is asked twice over the
file's paragraphs, with the rule and without, and the answers whose sentence holds a gold
answer and their short-answer F1 are counted; every answer that changed is listed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .. import metrics as M
from ..abbreviations import asked_expansion
from ..affiliation import asked_worker
from ..agents import asked_doer
from ..ages import asked_age
from ..answer_types import (
    asks_persons_name,
    classify,
    gives_kind,
    identity_name,
    is_polar,
    is_topic,
    is_why,
)
from ..constraints import is_office_word, parse_office
from ..earlier import asks_earlier
from ..leaders import asked_holder, asked_leader, asked_titled
from ..levels import asks_change, asks_level
from ..naming import asked_thing
from ..scores import asks_score
from ..selector import (
    asks_measure,
    asks_point,
    asks_said,
    asks_several,
    asks_temperature,
    asks_things,
    asks_title,
    asks_whole_date,
    asks_winner,
    counted_terms,
    name_runs,
)
from ..speakers import asked_speaker
from ..survivors import asks_survivors

# rule name -> (the selector's switch, which questions it applies to)
RULES: dict[str, tuple[str, Callable[[str], object]]] = {
    "office": ("office_rule", parse_office),
    "identity": ("identity_rule", identity_name),
    "polar": ("polar_rule", is_polar),
    "speaker": ("speaker_rule", asked_speaker),
    "named": ("named_rule", lambda q: classify(q) in ("person", "organization", "place")),
    "named-other": ("named_other_rule", lambda q: classify(q) == "other" and name_runs(q)),
    "reason": ("reason_rule", is_why),
    "topic": ("topic_rule", is_topic),
    "clause": ("clause_rule", lambda q: bool(name_runs(q))),
    "subject": ("subject_rule", lambda q: not is_why(q)),
    "expansion": ("expansion_rule", asked_expansion),
    "age": ("age_rule", asked_age),
    "count": ("count_rule", counted_terms),
    "leader": ("leader_rule", lambda q: asked_leader(q) or asked_titled(q)),
    "aside": ("aside_rule", lambda q: classify(q) in ("date", "number", "money", "percent")
              or (classify(q) == "other" and asks_measure(q))),
    "item": ("item_rule", lambda q: classify(q) in ("number", "money", "percent")
             and bool(name_runs(q))),
    "kind": ("kind_rule", lambda q: not gives_kind(q, classify(q), "")
             or asks_persons_name(q)),
    "title": ("title_rule", asks_title),
    "earlier": ("earlier_rule", lambda q: classify(q) in ("number", "money", "percent",
                                                          "other") and asks_earlier(q)),
    "score": ("score_rule", asks_score),
    "level": ("level_rule", lambda q: classify(q) in ("number", "money", "percent", "other")
              and (asks_change(q) or asks_level(q)) and not asks_earlier(q)),
    "holder": ("holder_rule", lambda q: (lambda s: s is not None and s.caseless
                                         and is_office_word(s.name))(asked_speaker(q))),
    "titled": ("titled_rule", asked_holder),
    "employer": ("employer_rule", asked_worker),
    "naming": ("naming_rule", asked_thing),
    "doer": ("doer_rule", asked_doer),
    "body": ("body_rule", lambda q: classify(q) == "organization"),
    "percent": ("percent_rule", lambda q: classify(q) == "percent" or (
        classify(q) == "number" and asks_temperature(q))),
    "pair": ("pair_rule", lambda q: classify(q) == "person"),
    "award": ("award_rule", lambda q: classify(q) == "person" and asks_winner(q)),
    "list": ("list_rule", asks_several),
    "pronoun": ("pronoun_rule", lambda q: classify(q) == "person"),
    "things": ("things_rule", lambda q: classify(q) == "other" and asks_things(q)),
    "survivors": ("survivor_rule", asks_survivors),
    "listed": ("listed_rule", lambda q: not is_why(q) and classify(q) != "quote"),
    "gap": ("gap_rule", lambda q: classify(q) in ("number", "money", "percent", "date")),
    "effect": ("effect_rule", is_why),
    "bearing": ("bearing_rule", lambda q: classify(q) == "place"),
    "headline": ("headline_rule", lambda q: classify(q) == "date"),
    "dateline": ("dateline_rule", lambda q: classify(q) == "date"),
    "range": ("range_rule", lambda q: classify(q) == "date" and asks_whole_date(q)),
    "point": ("point_rule", lambda q: classify(q) == "date" and asks_point(q)),
    "quoted": ("quoted_rule", lambda q: classify(q) == "quote" and asked_speaker(q)
               and asks_said(q)),
    "topic-word": ("topic_word_rule", lambda q: (lambda s: s is not None and s.topic)(
        asked_speaker(q))),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench rules", description=__doc__)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1 JSON file")
    ap.add_argument("--rule", choices=sorted(RULES), action="append",
                    help="measure only this rule (repeatable; default: all)")
    args = ap.parse_args(argv)
    from ..evaluation import squad_bot_for
    from ..squad import load_squad

    path = Path(args.squad)
    bot = squad_bot_for(path, None, True)
    _, questions = load_squad(path)
    for name in args.rule or list(RULES):
        switch, applies = RULES[name]
        qs = [q for q in questions if q.answers and applies(q.question)]

        def run(on: bool, switch: str = switch, qs: list = qs) -> list[tuple[bool, float, str]]:
            setattr(bot.selector, switch, on)
            try:
                out = []
                for q in qs:
                    a = bot.ask(q.question)
                    right = not a.abstained and M.answer_in_text(q.answers, a.sentence)
                    f1 = 0.0 if a.abstained else M.best_f1(a.text, q.answers)
                    out.append((right, f1, "(abstained)" if a.abstained else a.text))
                return out
            finally:
                setattr(bot.selector, switch, True)

        off, on = run(False), run(True)
        n = max(len(qs), 1)
        f1_off, f1_on = sum(x[1] for x in off) / n, sum(x[1] for x in on) / n
        print(f"{name}: {len(qs)} of {len(questions)} questions; sentence right "
              f"{sum(x[0] for x in off)} without the rule, {sum(x[0] for x in on)} with it; "
              f"short-answer F1 {f1_off:.3f} -> {f1_on:.3f}")
        for q, a, b in zip(qs, off, on, strict=True):
            if a[2] != b[2]:
                print(f"  {q.question} | {a[2]} -> {b[2]} | gold {q.answers[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
