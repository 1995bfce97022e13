"""What a thing is called, as news names it beside the noun for it.

"What is the lander called?", "What is Nimbly's new phone called?", "What is the name of the
fire?" ask for a name, and news gives a thing's name in a few set ways: before the noun ("its
SLIM lander"), as the noun's own last word ("The Bear Creek Fire started on Wednesday"), in
apposition after it ("its first foldable smartphone, the Arc Fold,"), or with "called",
"named", "known as", "dubbed". The fitted models, reading shared words, had abstained on all
three probes (0.03-0.16) or answered "app store".
"""

from __future__ import annotations

import re

# "What is the lander called?", "What's Nimbly's new phone named?", "What is the name of the
# fire?": the noun whose name is asked (its last word)
_ASKED = re.compile(
    r"^\W*(?i:and\s+)?(?i:what)(?:\s+(?:is|was|are|were)|['’]s)\s+(?:(?:the|its|their|this|"
    r"that)\s+|[\w-]+['’]s?\s+)?(?P<a>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+(?:called|named)"
    r"\W*$|^\W*(?i:and\s+)?(?i:what)\s+(?:is|was)\s+the\s+name\s+of\s+(?:(?:the|its|their|"
    r"this|that)\s+|[\w-]+['’]s?\s+)(?P<b>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\W*$")
# a name: capitalized words (a hyphen or a digit inside), "of" between them
_NAME = r"[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z0-9][\w-]*)*"
# words that open a sentence or a clause and are no name
_NOT_NAMES = {"The", "A", "An", "Its", "Their", "His", "Her", "This", "That", "Our"}


def asked_thing(question: str) -> str | None:
    """The noun whose name the question asks ("lander", "phone"); None for any other
    question, and for a person ("What was the name of the driver?": ``answer_types``)."""
    m = _ASKED.match(" ".join(question.split()))
    if m is None:
        return None
    noun = (m.group("a") or m.group("b")).split()[-1].lower()
    if re.match(r"\W*(?:and\s+)?what\s+(?:are|were)\b", question, re.I):
        return None  # "What are upper-level schools called?" asks for a kind, not a name
    return None if noun in _PEOPLE or noun in _PRONOUNS else noun


_PRONOUNS = {"it", "this", "that", "they", "these", "those", "he", "she"}
_PEOPLE = {"man", "woman", "boy", "girl", "child", "person", "driver", "victim", "suspect",
           "officer", "pilot", "player", "winner", "leader", "doctor", "surgeon", "author"}


def _patterns(noun: str) -> tuple[str, str, str]:
    head = rf"[\w-]*(?i:{re.escape(noun[:1])}){re.escape(noun[1:])}(?:e?s)?(?![\w-])"
    titled = rf"{re.escape(noun[:1].upper() + noun[1:])}(?:e?s)?(?![\w-])"
    return (
        # "its first foldable smartphone, the Arc Fold," / "a lander called Hakuto"
        rf"(?<![\w-]){head}(?:,\s+the|,?\s+(?:called|named|dubbed|known\s+as))\s+"
        rf"[\"“]?(?P<n>{_NAME})",
        # "its SLIM lander": a name between a possessive and the noun
        rf"(?<![\w-])(?:its|their|[\w-]+['’]s?)\s+(?P<n>{_NAME})\s+{head}",
        # "The Bear Creek Fire started": the noun as the name's last word, the sentence's
        # subject (two words at least: "The Fire" is no name)
        rf"^\W*The\s+(?P<n>(?:[A-Z][\w-]*\s+)+{titled})")


def thing_name(text: str, noun: str, convention: int = 0) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name it gives the noun by the convention numbered
    ``convention`` of the three above (the plainest first, so that a sentence naming the
    thing in apposition is preferred to one whose subject merely ends with the noun); the
    noun counts as written at the end of a longer one ("smartphone" for "phone") and in the
    plural. None when it gives none."""
    for m in re.finditer(_patterns(noun)[convention], text):
        a, b = m.span("n")
        words = text[a:b].split()
        while words and words[0] in _NOT_NAMES:
            a += len(words.pop(0)) + 1
        if not words or (a == 0 and len(words) == 1):
            continue  # a sentence's first word may be capitalized for that alone
        return a, a + len(" ".join(words))
    return None


CONVENTIONS = 3
