"""Where someone works, as news writes it: in the words around their name.

"Where does Jensen work?" over '"People who walk more may also eat better," said Dr. Karl
Jensen, a cardiologist at Copenhagen University Hospital' had abstained at 0.09 with the right
span: the fitted models, resting on shared words, see only "Jensen". News gives a person's
employer once, beside the name, in a few set ways:

- an apposition: "Karl Jensen, a cardiologist at Copenhagen University Hospital";
- "of" after the name: "Dr. Helen Marsh of the University of Edinburgh";
- the body's title before the name: "Halvern chief executive Margaret Osei", "Halvern's
  chief executive Margaret Osei", or set off: "Her longtime editor at Gyldendal, Per Amundsen";
- the body's title after it: "Margaret Osei, Halvern's chief executive";
- the verb: "Osei, who works for Halvern".

The answer is the organization (or facility) so placed; a sentence placing none is no answer.
"""

from __future__ import annotations

import re

from .constraints import OCCUPATIONS, is_office_word
from .types import Entity, Sentence

# "Where does Jensen work?", "Who does she work for?", "Which law firm did Vogel work for?"
_ASKED = re.compile(r"^\W*(?:(?:and|so)\W+)?(?:where|who|whom|which\s+[\w\s'’-]+?|"
                    r"what\s+(?!else\b)[\w\s'’-]+?)\s+(?:does|did|do)\s+(?P<who>.+?)\s+"
                    r"work(?:\s+(?:for|at|in))?\s*[?.!]*\s*$", re.I)
_EMPLOYERS = {"ORG", "FAC"}
_TITLE = r"(?:[\w'’.-]+\s+){0,4}?"  # "a cardiologist", "the longtime editor"
# what may stand between the name and the body after it
_AFTER = [re.compile(p, re.I) for p in (
    rf",\s+(?:a|an|the)?\s*{_TITLE}(?:at|of|with|for|from)\s+(?:the\s+)?$",  # apposition
    r"\s+(?:of|at|from)\s+(?:the\s+)?$",  # "Dr. Helen Marsh of the University ..."
    r",?\s+(?:who\s+)?(?:works|worked|working|has\s+worked)\s+(?:for|at)\s+(?:the\s+)?$",
    r",\s+$")]  # "Margaret Osei, Halvern's chief executive" (a possessive must follow)
# what may stand between the body before the name and the name: a title ending in an office
# or occupation word, "Halvern('s) chief executive Margaret Osei"
_BEFORE = re.compile(r"^(?:'s|’s)?\s+(?P<title>(?:[\w'’.-]+\s+){1,4})$")
# "... editor at Gyldendal, Per Amundsen": the title before "at <body>, "
_SET_OFF = re.compile(r"(?P<title>[\w'’-]+)\s+at\s+(?:the\s+)?$", re.I)


def _title_word(word: str) -> bool:
    w = word.lower()
    return is_office_word(w) or w in OCCUPATIONS


def asked_worker(question: str) -> str | None:
    """The person whose employer the question asks for ("Where does Jensen work?" ->
    "Jensen"), as written; None for any other question."""
    m = _ASKED.match(" ".join(question.split()))
    return m.group("who").strip() if m else None


def _is(entity: Entity, who: str) -> bool:
    """Whether the PERSON ``entity`` is ``who``: the whole name or its last word."""
    name = re.sub(r"(?:'s|’s)$", "", entity.text)
    return entity.label == "PERSON" and (name == who or name.split()[-1] == who.split()[-1])


def employer(sentence: Sentence, who: str) -> tuple[int, int] | None:
    """Offsets (in the sentence) of the organization the sentence places ``who`` at, in
    one of news's set ways (module docstring); None when it places them at none."""
    text, base = sentence.text, sentence.start
    people = [e for e in sentence.entities if _is(e, who)]
    bodies = [e for e in sentence.entities if e.label in _EMPLOYERS]
    for p in people:
        for b in bodies:
            if b.start >= p.end:
                between = text[p.end - base:b.start - base]
                for k, pattern in enumerate(_AFTER):
                    if pattern.search(between) and re.fullmatch(r"[^,;.]*", between[1:]) and (
                            k < 3 or text[b.end - base:].startswith(("'s", "’s"))):
                        return b.start - base, b.end - base
            elif b.end <= p.start:
                between = text[b.end - base:p.start - base]
                title = _BEFORE.fullmatch(between)
                set_off = between.startswith(", ") and not between[2:].strip() and \
                    _SET_OFF.search(text[:b.start - base])
                if (title and _title_word(title.group("title").split()[-1])) or (
                        set_off and _title_word(set_off.group("title"))):
                    return b.start - base, b.end - base
    return None
