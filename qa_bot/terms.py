"""Content terms (lowercased, stemmed, stop words dropped) and their IDF over the chunks.

Shared by the selector's overlap features and the conversation's follow-up detection, so
"described" in a question matches "describe" in an article.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_WORD = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)
_STOP = frozenset(STOPWORDS_EN) | {
    "did", "does", "do", "many", "much", "say", "said", "s", "according", "also", "would",
    "could", "whose", "whom", "who", "what", "when", "where", "which", "why", "how", "he", "she",
    "him", "her", "his", "hers", "they", "them", "their", "its", "we", "our", "you", "your", "i",
    "me", "my", "us", "has", "have", "had", "been", "being", "am", "can", "will", "shall",
}
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    st = getattr(_local, "stemmer", None)
    if st is None:  # PyStemmer objects are not thread-safe: one per thread
        st = _local.stemmer = Stemmer.Stemmer("english")
    return st


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text)]


def terms(text: str) -> list[str]:
    """Stemmed content words in order (repeats kept)."""
    return [_stem(w) for w in words(text) if w not in _STOP]


class TermStats:
    """Document frequencies of terms over chunk texts -> smoothed IDF in [0, ~log N]."""

    def __init__(self, texts: list[str]) -> None:
        self.n = max(1, len(texts))
        self.df: Counter[str] = Counter()
        for t in texts:
            self.df.update(set(terms(t)))

    def without(self, texts: list[str]) -> TermStats:
        """The statistics of the corpus minus ``texts`` (questions asked without their
        article must not see that article's words either)."""
        out = TermStats([])
        out.n = max(1, self.n - len(texts))
        out.df = self.df.copy()
        for t in texts:
            out.df.subtract(set(terms(t)))
        return out

    def idf(self, term: str) -> float:
        return math.log(1 + (self.n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))
