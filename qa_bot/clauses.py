"""The clause of a two-subject sentence that a question asks about, by its subject.

News packs two sides into one sentence: "Prosecutors had asked for nine years; his lawyers had
sought probation", "Sales rose 4 percent, while costs fell 2 percent". Asked "What did
prosecutors ask for?", the reader had taken "probation" from the other side's clause. A
question names the subject of the clause it asks about, and the other clause opens with a
subject the question does not name: the answer is inside the asked clause. (The selector's
``asked_clause`` does this for clauses that open with capitalized names, "Kroger ..., while
Albertsons ..."; this reads any opening noun, the lowercase "prosecutors" and "costs".)
"""

from __future__ import annotations

import re
from itertools import islice

from .terms import terms
from .types import Sentence

# where one clause ends and a parallel one with its own subject begins: a semicolon, or a
# contrast ("while", "whereas") after a comma
_EDGE = re.compile(r";\s+|,\s*(?:while|whereas)\s+")
# words before a clause's subject noun that are not it
_LEADING = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these",
            "those", "some", "many", "most", "all", "both", "net", "total", "annual"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "there", "this", "that"}
_OPENERS = {"in", "on", "at", "after", "before", "during", "since", "until", "by", "for",
            "from", "with", "without", "despite", "according", "following", "under", "over",
            "when", "while", "as", "if", "although", "though", "because", "but", "and", "or",
            "so", "yet", "then", "meanwhile", "however", "instead", "also"}
_WORD = re.compile(r"[^\W_][\w'’-]*(?:[.,]\d+)*")  # a number may be a subject: "23 were cut off"


def _subject(clause: str) -> str:
    """The clause's opening noun or number, lowercase ("Prosecutors had ..." ->
    "prosecutors", "his lawyers had ..." -> "lawyers", "23 were cut off" -> "23"); "" when
    it opens with a pronoun or no word."""
    for m in _WORD.finditer(clause):
        w = re.sub(r"(?:'s|’s)$", "", m.group()).lower()
        if w in _LEADING:
            continue
        # a pronoun, or a phrase before the subject ("following the sale, Disney renamed
        # ...", "in 2006 ...", "after ..."): no subject read
        return "" if w in _PRONOUNS or w in _OPENERS or w.endswith("ing") else w
    return ""


def _opening(clause: str) -> set[str]:
    """The terms of a clause's first three words ("Excellent job opportunities ..."): a
    subject the question names there is no other subject."""
    return set(terms(" ".join(m.group() for m in islice(_WORD.finditer(clause), 3))))


def _bracketed(text: str, at: int) -> bool:
    """Whether offset ``at`` lies inside parentheses or brackets ("Nikola Tesla (Serbian
    Cyrillic: Никола Тесла; 10 July 1856 – ...)")."""
    before = text[:at]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _two_clauses(text: str) -> list[tuple[int, int]] | None:
    """The offsets of a sentence's two clauses (one edge, outside brackets), else None."""
    edges = [m for m in _EDGE.finditer(text) if not _bracketed(text, m.start())]
    if len(edges) != 1:
        return None
    return [(0, edges[0].start()), (edges[0].end(), len(text))]


def parallel_clause(sentence: Sentence, question: str) -> tuple[int, int] | None:
    """Document offsets of the clause naming the question's names in a parallel of two
    ("Goldman Sachs advised Novara, while Morgan Stanley advised Celtis" asked "Who advised
    Novara?"): the question's other words are in both clauses, its names in that one only;
    None otherwise."""
    text = sentence.text
    clauses = _two_clauses(text)
    words = question.split()
    names = {t for w in words[1:] if w[:1].isupper() for t in terms(w)}
    rest = set(terms(question)) - names
    if clauses is None or not names or not rest:
        return None
    held = [set(terms(text[a:b])) for a, b in clauses]
    named = [i for i, h in enumerate(held) if names <= h]
    if len(named) != 1 or not all(rest <= h for h in held) or names & held[1 - named[0]]:
        return None
    a, b = clauses[named[0]]
    return sentence.start + a, sentence.start + b


def subject_clause(sentence: Sentence, question: str) -> tuple[int, int] | None:
    """Document offsets of the clause whose opening noun the question names, in a sentence
    of two clauses (one edge, not in parentheses) whose other clause opens with words the
    question does not use; None for any other sentence, or when the question names both
    subjects or neither."""
    text = sentence.text
    two = _two_clauses(text)
    if two is None:
        return None
    starts, ends = [a for a, _ in two], [b for _, b in two]
    asked = set(terms(question))
    clauses = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    subjects = [set(terms(_subject(c))) for c in clauses]
    named = [i for i, s in enumerate(subjects) if s and s <= asked]
    if len(named) != 1:
        return None
    i = named[0]
    other = clauses[1 - i]
    if not subjects[1 - i] or _opening(other) & asked:
        return None
    return sentence.start + starts[i], sentence.start + ends[i]
