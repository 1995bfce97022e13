"""Give a question typed without case ("who is the president of russia", "WHO IS ...") the
corpus's own casing of its words.

Why: the embedding model and the reader are uncased, but much of what reads a question is not.
The names a question asks about are its capitalized words: the share of them the corpus never
uses is the strongest sign that the articles cannot answer, and the office, "Who is <name>?",
speaker and follow-up rules all find names by their capitals. Typed in lowercase, "who is the
president of russia" was answered "Fatmir Sejdiu" (Kosovo's president), which the cased
question abstains on. Users type so; phones capitalize only the first letter.

How: a unigram truecaser fitted on the articles themselves. Every word of every sentence except
the sentence's first (capitalized there whatever it is) counts towards its forms, and a
capitalized use counts as a name only where spaCy found an entity there at indexing (so the
titles before names, "Prime Minister Vojislav Kostunica", do not make "minister" a name, and
the office rule still reads "the serbian prime minister"), and a headline set in title case
("Wildfire Forces 12,000 to Flee in Southern Oregon", where the tagger calls "Flee" an
organization) is not counted at all. A word of a lowercase question takes
its capitalized form ("Russia", "UN", "Security") when at least ``MIN_SHARE`` of the corpus's
uses are such names, and stays as typed otherwise, unknown words included (the articles cannot
tell a name they never use from a rare word). A question in capitals is lowercased the same
way: each word takes its name form by the same test, else lowercase. Questions with any capital
after their first letter are left exactly as typed: their case is the user's, and it is
information.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .types import Sentence

# share of the corpus's non-initial uses that must be capitalized names before a lowercase
# question word is: "Kosovo" (always), "UN"; not "president" or "ambassador" (capitalized only
# as titles before a name), not "may" beside "May"
MIN_SHARE = 2 / 3
_WORD = re.compile(r"[^\W\d_]+(?:[-.][^\W\d_]+)*\.?")
# a question's first word keeps a plain capital: "Who", not the organization "WHO"
_OPENERS = {"who", "whom", "whose", "what", "when", "where", "which", "why", "how", "is", "are",
            "was", "were", "do", "does", "did", "can", "could", "will", "would", "should",
            "has", "have", "had", "in", "on", "at", "for", "from", "to", "by", "according",
            "name", "tell", "list", "give", "and", "the", "a", "an"}


# a line not ending as a sentence does whose longer words are at least this share capitalized
# is a headline in title case (its capitals say nothing of names); "longer": 4+ letters, so
# "to", "in", "of" do not count. The ending tells it from a sentence full of names ("Serbian
# Prime Minister Vojislav Kostunica spoke to the UN Security Council.")
HEADLINE_SHARE = 3 / 4
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*\s*$")


def title_cased(text: str) -> bool:
    """Whether ``text`` is a headline set in title case: no sentence's closing punctuation, at
    least three words of 4+ letters and ``HEADLINE_SHARE`` of them capitalized."""
    words = _LONG_WORD.findall(text)
    return (len(words) >= 3 and not _SENTENCE_END.search(text)
            and sum(w[0].isupper() for w in words) >= HEADLINE_SHARE * len(words))


@dataclass
class Casing:
    """How the corpus writes each word (lowercased key -> form -> count), kept per document so
    documents hidden from a question (an evaluation's removed article) can be left out."""

    # form -> count; a capitalized form counts only where it was inside an entity (a name);
    # LOWER_USE counts every other use (lowercase words, and titles and headings capitalized)
    forms: dict[str, Counter] = field(default_factory=dict)
    by_doc: dict[str, dict[str, Counter]] = field(default_factory=dict)

    @classmethod
    def from_sentences(cls, sentences: Iterable[Sentence]) -> Casing:
        out = cls()
        for s in sentences:
            doc = out.by_doc.setdefault(s.doc_id, {})
            if title_cased(s.text):
                continue
            spans = [(e.start - s.start, e.end - s.start) for e in s.entities]
            for i, m in enumerate(_WORD.finditer(s.text)):
                if i == 0:
                    continue
                w = _bare(m.group())
                end = m.start() + len(w)
                named = w[:1].isupper() and any(a <= m.start() and end <= b for a, b in spans)
                doc.setdefault(w.lower(), Counter())[w if named else LOWER_USE] += 1
        for doc in out.by_doc.values():
            for k, c in doc.items():
                out.forms.setdefault(k, Counter()).update(c)
        return out

    def counts(self, key: str, exclude: Iterable[str] = ()) -> Counter:
        c = Counter(self.forms.get(key, ()))
        for d in exclude:
            c.subtract(self.by_doc.get(d, {}).get(key, Counter()))
        return +c  # drops zero and negative counts


LOWER_USE = ""


def _bare(w: str) -> str:
    """A word without a full stop after it, but "U.S." keeps its own."""
    return w if re.fullmatch(r"(?:[^\W\d_]\.){2,}", w) else w.rstrip(".")


def caseless(question: str) -> str | None:
    """``"lower"`` when no letter after the first is a capital, ``"upper"`` when no letter is
    lowercase (at least two letters), else None (the user's case stands)."""
    letters = [ch for ch in question if ch.isupper() or ch.islower()]  # cased scripts only
    if len(letters) < 2:
        return None
    if not any(ch.islower() for ch in letters):
        return "upper"
    if not any(ch.isupper() for ch in letters[1:]):
        return "lower"
    return None


def truecase(question: str, casing: Casing, exclude: Iterable[str] = ()) -> str:
    """``question`` in the corpus's casing when it was typed without case, else unchanged."""
    kind = caseless(question)
    if kind is None:
        return question
    exclude = list(exclude)
    out, last = [], 0
    for i, m in enumerate(_WORD.finditer(question)):
        w = m.group()
        bare = _bare(w)
        key, tail = bare.lower(), w[len(bare):]  # tail: a full stop ending the question
        counts = casing.counts(key, exclude)
        total = sum(counts.values())
        names = [f for f in counts if f != LOWER_USE]
        form = key
        if names and sum(counts[f] for f in names) / total >= MIN_SHARE:
            form = max(names, key=lambda f: counts[f])
        if i == 0 and (key in _OPENERS or form == key):
            form = key[:1].upper() + key[1:] if kind == "upper" or w[:1].isupper() else key
        if len(form) != len(bare):  # "İ".lower() is two characters: keep what was typed
            form = bare
        out.append(question[last:m.start()] + form + tail)
        last = m.end()
    out.append(question[last:])
    return "".join(out)
