"""Who did something, where news names the doer by the noun for the deed.

"Who bought the painting?" of "The buyer was the Lisbon-based Fundação Moreira, a private
foundation ...", "Who made the sensor?" of "The sensor's manufacturer, Toulouse-based
Meravion, said ...": the question's verb and the sentence's noun share no term, so the fitted
models, reading shared words, abstained (0.07 and 0.22 on the probes). News names a doer by
such a noun in a few set ways, tried in order, the plainest first:

1. after a copula: "The buyer was X", "The seller was the estate of ...";
2. in apposition: "The sensor's manufacturer, Toulouse-based Meravion,";
3. as a title before a name: "founder Jack Ma", "co-founder Steve Wozniak".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the deed's verb, as a question writes it, -> the nouns for its doer
_DOERS: dict[str, tuple[str, ...]] = {
    "buy": ("buyer", "purchaser"),
    "purchase": ("buyer", "purchaser"),
    "sell": ("seller", "vendor"),
    "win": ("winner",),
    "found": ("founder", "co-founder"),
    "own": ("owner",),
    "make": ("maker", "manufacturer"),
    "manufacture": ("manufacturer", "maker"),
    "design": ("designer", "architect"),
    "build": ("builder",),
    "write": ("writer", "author"),
    "paint": ("painter",),
    "invent": ("inventor",),
    "discover": ("discoverer",),
    "create": ("creator",),
    "develop": ("developer",),
    "publish": ("publisher",),
    "organise": ("organiser", "organizer"),
    "organize": ("organizer", "organiser"),
    "sponsor": ("sponsor",),
    "fund": ("funder", "backer"),
    "host": ("host",),
    "kill": ("killer", "gunman", "attacker"),
    "shoot": ("shooter", "gunman"),
    "attack": ("attacker", "assailant"),
    "score": ("scorer",),
    "produce": ("producer", "maker"),
    "compose": ("composer",),
    "invest": ("investor",),
    "bid": ("bidder",),
    "supply": ("supplier",),
    "murder": ("murderer", "killer"),
    "hack": ("hacker",),
}
# the forms a question uses -> the verb ("found" alone is "find" as often: only "founded")
_IRREGULAR = {"bought": "buy", "buys": "buy", "buy": "buy", "sold": "sell", "sells": "sell",
              "sell": "sell", "won": "win", "wins": "win", "win": "win", "made": "make",
              "makes": "make", "make": "make", "built": "build", "builds": "build",
              "build": "build", "wrote": "write", "writes": "write", "write": "write",
              "shot": "shoot", "shoots": "shoot", "shoot": "shoot", "bid": "bid", "bids": "bid",
              "supplied": "supply", "supplies": "supply", "supply": "supply",
              "founded": "found", "co-founded": "found"}
_FORMS: dict[str, str] = dict(_IRREGULAR)
for _verb in set(_DOERS) - set(_IRREGULAR.values()):
    _stem = _verb[:-1] if _verb.endswith("e") else _verb
    for _form in (_verb, _verb + "s", _stem + "ed"):
        _FORMS.setdefault(_form, _verb)

# "Who bought the painting?", "Who has bought it?", "Who made the sensor?": the verb right
# after "who" (an auxiliary between)
_ASKED = re.compile(r"^\W*(?:and\s+)?who\s+(?:(?:has|have|had|did|does|do|will|would)\s+)?"
                    r"(?P<v>[a-z-]+)\b", re.I)
# a doer's phrase: no clause punctuation but an initial's full stop ("Harold J. Whitcombe")
_PHRASE = r"(?:[A-Z]\.|[^,.;:()\"“”]){2,80}?"
# where a doer's phrase ends: a clause's punctuation or a relative word
_END = r"(?=\s*[,;:.!?()\"“”]|\s+(?:who|which|that|said|says|and\s+said)\b|\s*$)"


@dataclass(frozen=True)
class Deed:
    """What a who-question asks: the nouns for its doer, and the words of what was done
    (its object: "the painting")."""

    nouns: tuple[str, ...]
    done: str


def asked_doer(question: str) -> Deed | None:
    """The doer a who-question asks about ("Who bought the painting?" -> ("buyer",
    "purchaser") of "the painting"); None for any other question."""
    q = " ".join(question.split())
    m = _ASKED.match(q)
    if m is None:
        return None
    verb = _FORMS.get(m.group("v").lower())
    return Deed(_DOERS[verb], q[m.end():].strip(" ?!.")) if verb else None


def _patterns(nouns: tuple[str, ...]) -> tuple[str, str, str]:
    noun = "(?:" + "|".join(re.escape(n) for n in nouns) + ")s?"
    return (
        # "The buyer was X", "The sensor's manufacturer is X", "The buyer of the work was X"
        rf"(?i:\b(?:the|its|their)|[\w-]+['’]s)\s+(?:[\w-]+\s+)?(?i:{noun})\s+(?:of\s+[^,.;]"
        rf"{{1,60}}?\s+)?(?:was|is|were|are|will\s+be)\s+(?P<n>{_PHRASE}){_END}",
        # "The sensor's manufacturer, Toulouse-based Meravion,"
        rf"(?i:{noun}),\s+(?P<n>{_PHRASE}),",
        # "founder Jack Ma", "co-founder Steve Wozniak"
        rf"(?<![\w-])(?i:{noun})\s+(?P<n>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+)")


CONVENTIONS = 3


def doer(text: str, nouns: tuple[str, ...], convention: int = 0) -> tuple[int, int] | None:
    """Offsets in ``text`` of the doer it names by one of ``nouns`` in the convention
    numbered ``convention`` (above); the doer must hold a capitalized word after its first
    (a name: "the Lisbon-based Fundação Moreira", not "a private foundation"). None when it
    names none."""
    for m in re.finditer(_patterns(nouns)[convention], text):
        a, b = m.span("n")
        if re.search(r"(?<!^)\b[A-Z]", text[a:b]) or text[a:a + 1].isupper():
            return a, b
    return None
