"""A question's abbreviations in the corpus's own words, and back.

"Who is Acme's CEO?" of an article that writes "Chief Executive Jane Morales" shares no word
with the sentence that answers it, and every signal of the selector but the dense cosine is
lexical; the bot abstained. News writes titles and a few bodies both ways, so when the
question uses one form and the corpus only the other, the question is rewritten to the
corpus's form (and "Searched for" shows it). A short fixed table, not a model: the forms are
conventions, not paraphrases.
"""

from __future__ import annotations

import re

from .terms import TermStats, terms

# abbreviation (as written, case-sensitive) -> its words in running text
ABBREVIATIONS = {
    "CEO": "chief executive",
    "CFO": "chief financial officer",
    "COO": "chief operating officer",
    "CTO": "chief technology officer",
    "PM": "prime minister",
    "VP": "vice president",
    "UN": "United Nations",
    "EU": "European Union",
    "GDP": "gross domestic product",
}
# (abbreviation, its words, the abbreviation as a word, the words as a phrase), compiled once
_FORMS = [(abbr, words, re.compile(rf"(?<![\w.]){re.escape(abbr)}(?![\w])"),
           re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", re.I))
          for abbr, words in ABBREVIATIONS.items()]


def _uses(stats: TermStats, text: str) -> bool:
    ts = terms(text)
    return bool(ts) and all(stats.df.get(t, 0) > 0 for t in ts)


def _unused(stats: TermStats, text: str) -> bool:
    return any(stats.df.get(t, 0) == 0 for t in terms(text))


def to_corpus_words(question: str, stats: TermStats) -> str:
    """``question`` with each abbreviation (or spelled-out form) the corpus never uses
    replaced by the other form, where the corpus uses that one."""
    out = question
    for abbr, words, short, long in _FORMS:
        if short.search(out) and _unused(stats, abbr) and _uses(stats, words):
            out = short.sub(words, out)
        elif long.search(out) and _unused(stats, words) and _uses(stats, abbr):
            out = long.sub(abbr, out)
    return out
