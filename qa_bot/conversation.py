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


def last_turn(history: list[dict] | None) -> Turn | None:
    """The latest user question and the assistant's first reply to it (citations ignored)."""
    if not history:
        return None
    for i in range(len(history) - 1, -1, -1):
        msg = history[i]
        if not isinstance(msg, dict) or msg.get("role") != "user":
            continue
        answer = ""
        for later in history[i + 1:]:
            if isinstance(later, dict) and later.get("role") == "assistant" and \
                    not (later.get("metadata") or {}).get("title"):
                answer = _content(later)
                break
        return Turn(_content(msg), answer)
    return None


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


def resolve(question: str, history: list[dict] | None) -> Resolved:
    prev = last_turn(history)
    follow, reason = is_followup(question, prev)
    qtype = classify(question)
    if not follow or prev is None:
        return Resolved(question, question, qtype, False, reason=reason)
    prev_q = prev.question
    ans = answer_entity(prev.answer)
    prev_type = classify(prev_q)
    # the person "he/she" most naturally means: the previous answer if it named someone,
    # else the last name the user mentioned, else one in the previous answer
    antecedent = ans if ans and prev_type in _PERSON_TYPES and names(ans) else \
        (names(prev_q) or names(prev.answer) or [""])[-1]
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
