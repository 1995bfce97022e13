"""Follow-up questions without a language model: detect, resolve, expand.

A deterministic detector decides whether a question leans on the previous turn (third-person
pronouns, "it/that/there", ellipsis such as "and the date?" or "what about Russia?", very short
questions). Only then is the *retrieval* query expanded with the previous question and answer;
the user's own words stay for answer selection, with he/she/his/her replaced by the previous
answer's person where that is the natural reading. New-topic questions pass through untouched,
so a topic switch is never dragged back to the old topic.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from .answer_types import classify
from .terms import terms

_PERSONAL = re.compile(r"\b(he|she|him|his|her|hers|himself|herself)\b", re.I)
_OTHER_REF = re.compile(r"\b(it|its|they|them|their|theirs|that|this|there|those|these)\b", re.I)
_ELLIPSIS = re.compile(r"^\s*(and|what about|how about|and what about|what of|also)\b", re.I)
_NAME = re.compile(r"\b([A-Z][\w'’\-]+(?:\s+(?:de|van|von|der|al|bin|da|di|la|le)?\s*"
                   r"[A-Z][\w'’\-]+)*)")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_NOT_NAMES = {"The", "A", "An", "What", "Who", "Whom", "Whose", "When", "Where", "Which", "Why",
              "How", "Did", "Does", "Do", "Is", "Are", "Was", "Were", "And", "But", "In", "On",
              "Of", "It", "He", "She", "They", "I", "We", "You", "UN", "Of course"}
_PERSON_TYPES = {"person"}
# never a person, though capitalized: the old name fallback once resolved "he" to "December"
_CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
             "Thursday", "Friday", "Saturday", "Sunday"}
MAX_TURNS_BACK = 4  # how far back a "he/she" may reach for its person


@dataclass
class Turn:
    question: str
    answer: str


@dataclass
class Resolved:
    """What to search with, what to select with, and why."""

    question: str  # the user's words, pronouns resolved where natural (for selection)
    search_query: str  # what the retriever sees
    qtype: str
    is_followup: bool
    antecedent: str = ""
    reason: str = ""


def _content(msg: dict) -> str:
    c = msg.get("content", "")
    if isinstance(c, str):
        return c
    if isinstance(c, dict):  # gradio file/component messages
        return str(c.get("text") or c.get("value") or "")
    if isinstance(c, list):
        return " ".join(_content({"content": x}) if not isinstance(x, str) else x for x in c)
    return str(c or "")


def turns(history: list[dict] | None) -> list[Turn]:
    """Every user question with the assistant's first reply to it (citations ignored),
    oldest first."""
    out: list[Turn] = []
    for i, msg in enumerate(history or []):
        if not isinstance(msg, dict) or msg.get("role") != "user":
            continue
        answer = ""
        for later in history[i + 1:]:
            if not isinstance(later, dict) or later.get("role") == "user":
                break
            if later.get("role") == "assistant" and \
                    not (later.get("metadata") or {}).get("title"):
                answer = _content(later)
                break
        out.append(Turn(_content(msg), answer))
    return out


def last_turn(history: list[dict] | None) -> Turn | None:
    """The latest user question and the assistant's first reply to it (citations ignored)."""
    all_turns = turns(history)
    return all_turns[-1] if all_turns else None


def answer_entity(answer: str) -> str:
    """The short answer inside an assistant message: its bold part, else its first line."""
    m = _BOLD.search(answer)
    text = m.group(1) if m else answer.strip().splitlines()[0] if answer.strip() else ""
    text = text.strip().strip("\"'“”")
    if not text or text.lower().startswith(("the articles don", "i couldn", "sorry")):
        return ""
    return text if len(text.split()) <= 8 else ""


def names(text: str) -> list[str]:
    out = []
    for m in _NAME.finditer(text):
        n = m.group(1).strip()
        if n not in _NOT_NAMES and not (len(n.split()) == 1 and n in _NOT_NAMES):
            out.append(n)
    return out


_WORD = re.compile(r"[\w'’.-]+")
MAX_NAME_WORDS = 6


def person_mentions(text: str, people: Collection[str] = ()) -> list[str]:
    """People named in ``text``, in order. With ``people`` (the corpus's PERSON entities) only
    those count, the longest known name at each position first ("Vitaly Churkin" before
    "Churkin"); without, any capitalized name that is not a calendar word. Set lookups of the
    text's word n-grams, so thousands of known names cost no more than a few."""
    if not people:
        return [n for n in names(text) if n.split()[0] not in _CALENDAR]
    known = people if isinstance(people, (set, frozenset)) else set(people)
    words = [m.group() for m in _WORD.finditer(text)]
    found, i = [], 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            head, last = " ".join(words[i:i + n - 1]), words[i + n - 1]
            # the last word as written, without a full stop, without a possessive
            forms = dict.fromkeys([last, last.rstrip("."),
                                   re.sub(r"(?:'s|’s|')$", "", last.rstrip("."))])
            name = next((f"{head} {f}".strip() for f in forms if f"{head} {f}".strip() in known),
                        None)
            if name:
                found.append(name)
                i += n
                break
        else:
            i += 1
    return found


def referent(history_turns: list[Turn], people: Collection[str] = ()) -> str:
    """The person a "he/she/him/his/her" most naturally means, walking back over the turns:
    a person the assistant just gave as the answer to a who-question; else, if that turn
    itself said "he/she", whoever it meant (the referent carries through a run of
    follow-ups); else the last person the user named; else the first the answer named."""
    for t in reversed(history_turns[-MAX_TURNS_BACK:]):
        ans = answer_entity(t.answer)
        if ans and classify(t.question) in _PERSON_TYPES and person_mentions(ans, people):
            return person_mentions(ans, people)[0]
        if _PERSONAL.search(t.question):
            continue
        named = person_mentions(t.question, people) or person_mentions(t.answer, people)[:1]
        if named:
            return named[-1]
    return ""


def surname(name: str, people: Collection[str] = ()) -> str:
    """How a news article refers to a person after the first mention: "Jaap de Hoop Scheffer"
    -> "Scheffer". Selection scores the question's words against sentences, and later
    sentences (quotes, "he said") rarely repeat the full name, whose many rare words would
    otherwise outweigh what the user actually asked. A word of the name that the corpus
    itself uses alone as a person wins ("Churkin"); a hyphenated given name last ("Ban
    Ki-moon") keeps the full name."""
    words = name.split()
    if len(words) < 2:
        return name
    alone = [w for w in words if w in people]
    if alone:
        return alone[-1]
    last = words[-1]
    if last[:1].isupper() and len(last) > 2 and not re.search(r"-[a-z]", last):
        return last
    return name


def is_followup(question: str, prev: Turn | None) -> tuple[bool, str]:
    if prev is None:
        return False, "no earlier turn"
    if _ELLIPSIS.search(question):
        return True, "elliptical (and / what about ...)"
    if _PERSONAL.search(question):
        return True, "third-person pronoun"
    if _OTHER_REF.search(question) and not names(question[1:]):
        return True, "refers back (it/that/there/they)"
    if len(set(terms(question))) <= 1:
        return True, "very short question"
    return False, "stands alone"


def resolve(question: str, history: list[dict] | None, people: Collection[str] = ()
            ) -> Resolved:
    """``people``: the corpus's person names (``known_people``), so "he" resolves to a person
    and not to the last capitalized word; without them any capitalized name may serve."""
    all_turns = turns(history)
    prev = all_turns[-1] if all_turns else None
    follow, reason = is_followup(question, prev)
    qtype = classify(question)
    if not follow or prev is None:
        return Resolved(question, question, qtype, False, reason=reason)
    prev_q = prev.question
    ans = answer_entity(prev.answer)
    prev_type = classify(prev_q)
    antecedent = surname(referent(all_turns, people), people) if _PERSONAL.search(question) else ""
    resolved = question
    if antecedent and _PERSONAL.search(question):
        resolved = re.sub(r"\b(his|her)\b(?=\s+\w)", antecedent + "'s", resolved, count=1,
                          flags=re.I) if re.search(r"\b(his|her)\s+\w", resolved, re.I) and \
            not re.search(r"\b(he|she|him)\b", resolved, re.I) else \
            re.sub(r"\b(he|she|him|her)\b", antecedent, resolved, count=1, flags=re.I)
    if _ELLIPSIS.search(question) or (len(set(terms(question))) <= 1
                                      and not _PERSONAL.search(question)):
        # "and the date?": ask the previous question again with the new focus
        focus = _ELLIPSIS.sub("", question).strip(" ?.!")
        typed = classify(f"what {focus}?") if focus else "other"
        if typed == "other" and re.search(r"\bwhen\b", focus, re.I):
            typed = "date"
        qtype = typed if typed != "other" else classify(focus + "?") if focus else prev_type
        if qtype == "other":
            qtype = prev_type
        resolved = f"{focus} {prev_q}".strip() if focus else prev_q
    search = " ".join(dict.fromkeys(x for x in (resolved, prev_q, ans) if x))
    return Resolved(resolved, search, qtype if qtype != "other" else classify(resolved), True,
                    antecedent, reason)
