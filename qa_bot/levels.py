"""A change and the level it reached, as news gives both in one phrase.

"The Bank of Canada cut its key interest rate by half a percentage point to 3.75 percent":
the figure after "by" is how much it changed, the one after "to" where it now stands.
"Unemployment rose to 6.5 percent in September from 6.1 percent in May": "to" again gives the
level ("from", the value before, is ``earlier.py``'s). The span model, weighing nearness to
the question's words, had answered "What is the new interest rate?" with "half a percentage
point" and "How much was it cut?" with "3.75 percent". A question asking how much something
changed ("How much was it cut?", "By how much did sales rise?") is answered with the "by"
figure of the sentence's change; a question asking what a value is ("What is the new interest
rate?", "What is the unemployment rate?") with the "to" figure, when the sentence gives one.
A market's day is told the same way ("Brent crude settled up $1.62, or 2%, at $83.45"),
and a figure right after the verb is its change ("jumped 24% to $2.1 billion"). Of two
changes in one sentence, the one whose clause names what the question asks about ("Sales of
its phones grew 9%, while its services business jumped 24%"). Other questions are left
alone: "What happened to Nimbyx shares?" asks for the change and its level both, "How many
employees is Corvane cutting?" for a count.
"""

from __future__ import annotations

import re

from .terms import terms
from .types import Entity, Sentence

# a verb of change, as news writes it before "by" and "to"
_CHANGE = re.compile(
    r"\b(?:f[ae]ll(?:en|s)?|falling|drop(?:ped|s|ping)?|r[io]se[ns]?|rising|gr[eo]w(?:n|s|ing)?|"
    r"increas(?:e[ds]?|ing)|decreas(?:e[ds]?|ing)|declin(?:e[ds]?|ing)|climb(?:ed|s|ing)?|"
    r"jump(?:ed|s|ing)?|shr[iau]nk|cut(?:s|ting)?|rais(?:e[ds]?|ing)|lower(?:ed|s|ing)?|"
    r"reduc(?:e[ds]?|ing)|slash(?:ed|es|ing)?|boost(?:ed|s|ing)?|hik(?:e[ds]?|ing)|"
    r"s(?:ank|unk|ink)|soar(?:ed|s|ing)?|surg(?:e[ds]?|ing)|tumbl(?:e[ds]?|ing)|"
    r"plung(?:e[ds]?|ing)|edg(?:e[ds]?|ing)\s+(?:up|down)|gain(?:ed|s|ing)?|los(?:t|es|ing)|"
    # a market's day: "Brent settled up $1.62 at $83.45", "the index closed down 2%"
    r"(?:settl|clos|end|finish)(?:ed|es|s|ing)?\s+(?:up|down|higher|lower))\b", re.I)
_CLOSING = re.compile(r"(?:settl|clos|end|finish)", re.I)
# "How much was it cut?", "By how much did sales rise?", "How far did shares fall?"
_ASKS_CHANGE = re.compile(r"\b(?:how\s+much|how\s+far|by\s+how\s+(?:much|many)|"
                          r"by\s+what\s+(?:amount|margin|percentage))\b", re.I)
# where a change's phrase ends: its clause
_ENDS = re.compile(r"[;:]|,\s+(?:while|whereas|but|and|as|after|its|the)\b|"
                   r"\s+(?:while|whereas|after|as)\b", re.I)
_IDIOM = re.compile(r"\b(?:give[ns]?|gave|giving)\s+rise$", re.I)
_NEAR = 2  # words between "by"/"to" and its figure ("to about 3.75 percent")
_REACH = 12  # words between the verb and its "by" or "to"


# "What is the interest rate?", "What was Australia's population ...?": a value asked as what
# it is (not "What happened to the shares?", nor a count, "How many employees is it cutting?")
_ASKS_LEVEL = re.compile(r"^\W*(?:and\s+)?what(?:\s+(?:is|was|are|were)|\s*['’]s)\s+(?!it\b)",
                         re.I)
# "Where did the S&P 500 close?", "What did Brent settle at?": a market's level at the close
_ASKS_CLOSE = re.compile(r"^\W*(?:and\s+)?(?:where|what)\s+(?:did|does|will)\s+.+\s+"
                         r"(?:close|settle|end|finish)(?:\s+at)?\W*$", re.I)
# "How much will the subscription cost?", "What does it cost now?": a price is a level
_ASKS_COST = re.compile(r"^\W*(?:and\s+)?(?:how\s+much|what)\s+(?:will|would|does|do|did|is|"
                        r"are|was|were)\b.*\bcost\b", re.I)
# the figures a level or a change is given in (not "his first major", an ordinal)
LEVEL_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def asks_change(question: str) -> bool:
    """Whether the question asks how much something changed ("How much was it cut?")."""
    return bool(_ASKS_CHANGE.search(question) and _CHANGE.search(question))


# what a level is a level of: "What is the interest rate?", not "What is the highest peak?"
_VALUES = frozenset({
    "rate", "rates", "price", "prices", "level", "levels", "population", "value", "total",
    "amount", "cost", "costs", "salary", "pay", "wage", "wages", "budget", "revenue", "revenues",
    "profit", "profits", "income", "earnings", "sales", "debt", "deficit", "surplus",
    "unemployment", "inflation", "temperature", "turnout", "valuation", "tally", "toll",
    "count", "figure", "index", "yield", "balance", "reserves", "output", "spending",
    "capacity", "enrollment", "enrolment", "membership", "attendance", "ratio", "share"})
_WORDS = re.compile(r"[a-z]+")


def asks_level(question: str) -> bool:
    """Whether the question asks what a value is ("What is the interest rate?", "What was
    Australia's population according to the census?"): a what-is question about a word of
    value (``_VALUES``), what something costs, or where a market closed ("What did the
    Nasdaq close at?"), with no verb of change."""
    if _CHANGE.search(question) or re.search(r"\bname\b", question, re.I):
        return False  # (nor "What is the name of the satellite that measured the amount?")
    if _ASKS_COST.match(question) or _ASKS_CLOSE.match(question):
        return True
    m = _ASKS_LEVEL.match(question)
    return m is not None and bool(_VALUES & set(_WORDS.findall(question[m.end():].lower())))


def change_figure(sentence: Sentence, figures: list[Entity], change: bool,
                  question: str = "") -> Entity | None:
    """The figure of the sentence's one change phrase (a verb of change, then "by <figure>"
    and/or "to <figure>" in its clause) that the question asks for: the "by" figure for a
    question about the change (``change``), else the "to" figure; None when the sentence has
    no such phrase, or two that the question's words do not tell apart (which one is asked
    is then the models')."""
    text, base = sentence.text, sentence.start
    found: list[tuple[int, dict[str, Entity]]] = []
    # what changed, in the question's words (not how: "grow" is no subject of "grew 9%")
    asked = set(terms(_CHANGE.sub(" ", question)))
    for verb in _CHANGE.finditer(text):
        if _IDIOM.search(text[:verb.end()]):
            continue  # "Prime numbers give rise to two more": no change
        end = _ENDS.search(text, verb.end())
        stop = end.start() if end else len(text)
        marks: dict[str, Entity] = {}
        # "jumped 24% to $2.1 billion": a figure right after the verb is its change
        after_verb = [e for e in figures if base + verb.end() <= e.start <= base + stop]
        if after_verb:
            first = min(after_verb, key=lambda e: e.start)
            between = text[verb.end():first.start - base].split()
            if len(between) <= 1 and not {w.lower() for w in between} & {"to", "from", "by"}:
                marks["by"] = first
        # ("at" for a market's close only: "rose 5% at the open" gives no level)
        marks_re = r"\b(by|to|at)\s+" if _CLOSING.match(verb.group()) else r"\b(by|to)\s+"
        for m in re.finditer(marks_re, text[verb.end():stop]):
            if len(text[verb.end():verb.end() + m.start()].split()) > _REACH:
                break
            at = verb.end() + m.end()
            after = [e for e in figures if e.start >= base + at and e.end <= base + stop]
            if not after:
                continue
            first = min(after, key=lambda e: e.start)
            if len(text[at:first.start - base].split()) <= _NEAR:
                # "at" gives the level as "to" does: "settled up $1.62 at $83.45"
                marks.setdefault("to" if m.group(1) == "at" else m.group(1), first)
        if marks:
            # the clause the change is told in: "Sales of its phones grew 9%, while its
            # services business jumped 24%" has two, told apart by what changed
            opens = [m.end() for m in _ENDS.finditer(text, 0, verb.start())]
            clause = text[opens[-1] if opens else 0:stop]
            found.append((len(asked & set(terms(clause))), marks))
    if len(found) > 1:
        most = max(n for n, _ in found)
        found = [f for f in found if f[0] == most] if most else found
    if len(found) != 1:
        return None
    return found[0][1].get("by" if change else "to")
