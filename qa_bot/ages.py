"""A person's age, as news gives it beside their name.

News states ages in a few conventions: a number between commas right after the name
("Hastings, 62, founded the company ..."), in brackets ("Jane Morales (54)"), with "aged", or
"38-year-old Rob Jetten" before it. "How old is Hastings?" is answered by that number; the
fitted models, which never saw the convention (SQuAD asks "How old" of things, or at an
event: "How old was Tesla when he died?"), had abstained at 0.23 over the sentence that
states it.
"""

from __future__ import annotations

import re

from .constraints import NAME_PARTICLES, OCCUPATIONS, OFFICES
from .datelines import dateline_end

# "How old is Reed Hastings?", "What is Hastings's age?": a present age, nothing after the
# name (no "in 2015") but the time of a death the article reports ("when she died")
_AGE_QUESTION = re.compile(
    r"^\s*(?:(?:and\s+)?how\s+old\s+(?:is|are|was|were)\s+(?P<a>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+)*?)|"
    r"what\s+is\s+(?P<b>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+)*?)(?:'s|’s)\s+age)"
    # ... or the age at a death the article reports: "How old was Vollan when she died?"
    r"(?:\s+(?:when\s+(?:he|she)\s+died|at\s+(?:his|her)\s+death|at\s+the\s+time\s+of\s+"
    r"(?:his|her)\s+death))?\s*\??\s*$", re.I)


def asked_age(question: str) -> str | None:
    """The name whose present age the question asks, as written; None for any other
    question. Every word of the name is capitalized (a particle aside)."""
    m = _AGE_QUESTION.match(" ".join(question.split()))
    if not m:
        return None
    name = m.group("a") or m.group("b")
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if not words or not all(w[:1].isupper() for w in words):
        return None
    return name


def stated_age(text: str, name: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the age it gives right after ``name`` (or its last word, as
    news calls people after the first mention): "Hastings, 62,", "Hastings (62)",
    "Hastings, aged 62,", or before it: "38-year-old Rob Jetten", "the 62-year-old
    co-founder Reed Hastings"; None when it gives none."""
    last = re.escape(name.split()[-1])
    # the whole name, its last word, or its first where the article calls the person so
    # ("her son Anders, 59," of Anders Vollan, whose mother is the Vollan of the story)
    first = re.escape(name.split()[0]) if len(name.split()) > 1 else last
    who = rf"(?:{re.escape(name)}|{last}|{first})"
    for m in re.finditer(rf"(?<![\w-]){who}(?:,\s+(?:aged\s+)?|\s+\()(\d{{1,3}})(?=\s*[,)])",
                         text):
        if not _someone_else(text[:m.start()], name):
            return m.span(1)
    for m in re.finditer(rf"(?<![\w-])(\d{{1,3}})-year-old\s+((?:[a-z][\w-]*\s+){{0,2}}?)"
                         rf"(?:[A-Z][\w.'’-]*\s+)*?{who}(?![\w-])", text):
        # only a title between: "the 62-year-old co-founder Reed Hastings", not "a
        # 40-year-old man met Jetten"
        if all(w in OFFICES or w in OCCUPATIONS for w in m.group(2).split()):
            return m.span(1)
    return None


_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame", "lady", "lord"}


def _someone_else(before: str, name: str) -> bool:
    """Whether the name word that follows ``before`` is another person's: a capitalized word
    right before it that is neither a word of the asked name nor a title ("Shonda Price, 44,"
    is not Lamar Price's age; "Mayor Price, 44," may be), when the name was asked whole."""
    m = re.search(r"([A-Z][\w'’-]*)\.?\s+$", before)
    if m is None or len(name.split()) == 1:
        # a name asked by its last word alone ("How old is Brevik?", as a follow-up's "he"
        # is put) has its first name before it: "said Tomasz Brevik, 34," (had abstained)
        return False
    w = m.group(1)
    return w not in name.split() and w.lower() not in OFFICES | OCCUPATIONS | _HONORIFICS


# "The 37-year-old ran ...", or an obituary's "She was 87." after the sentence of the death
_ANAPHORIC = re.compile(r"^\W*(?:The\s+(\d{1,3})-year-old\b|(?:He|She)\s+was\s+(\d{1,3})"
                        r"(?:\s+years\s+old)?\.?\s*$)")


def age_after(text: str, previous: str, name: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the age in "The 37-year-old ran ..." opening it, when the
    sentence before (``previous``) opens by naming ``name`` (or its last word): news gives an
    age so right after the sentence about the person ("Eliud Kipchoge of Kenya broke his own
    marathon world record ... The 37-year-old ran the first half ..."); None else."""
    m = _ANAPHORIC.match(text)
    if m is None:
        return None
    last = re.escape(name.split()[-1])
    # named in the previous sentence's subject: among its first words, before any verb
    # (after a wire story's dateline: "BRIGHTWATER, March 3 (AP) - Eleanor Vasquez-Hart, ...")
    opening = re.match(r"\W*(?:[A-Z][\w.'’-]*,?\s+){0,4}", previous[dateline_end(previous):])
    if opening is None or not re.search(rf"(?<![\w-]){last}(?![\w-])", opening.group()):
        return None
    return m.span(1) if m.group(1) else m.span(2)


# what an answer to "How old is X?" looks like: "52", "the 37-year-old", "87 years old"
_AN_AGE = re.compile(r"^(?:(?:about|nearly|almost)\s+)?(\d{1,3})"
                     r"(?:-year-old|\s+years(?:\s+old)?)?$")
# "Okafor, 52," / "Whitmore (38)": the age of whoever is named right before the number
_NAMED_BEFORE = re.compile(r"([A-Z][\w'’.-]*)(?:,\s+(?:aged\s+)?|\s+\()$")


def is_age_of(sentence: str, start: int, end: int, name: str) -> bool:
    """Whether ``sentence[start:end]``, an answer to "How old is <name>?", is an age (a
    number of years a person may be) and not the age given for someone else named right
    before it ("Margaret Lindqvist, the board's chair, said ... to remove Okafor, 52": not
    Lindqvist's). The fitted span model takes any number of the sentence that names the
    person: "11,347" (cases), "500 million euros", "flew to Zaragoza", at 0.85-0.92."""
    text = sentence[start:end].strip()
    m = _AN_AGE.match(text)
    if m is None or int(m.group(1)) > 125:
        # not a person's age, unless counted in years ("How old was Turkana Boy?": "1.6
        # million years")
        return bool(re.search(r"\d", text) and re.search(r"\byears?\b|-year\b", text))
    who = _NAMED_BEFORE.search(sentence[:start])
    return who is None or who.group(1).strip(".").lower() in {
        w.strip(".").lower() for w in name.split()}
