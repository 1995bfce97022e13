"""BM25 over chunks (bm25s). Rebuilt from the chunks on load: derived state never drifts."""

from __future__ import annotations

import logging
import threading

import bm25s
import numpy as np
import Stemmer
from bm25s.tokenization import Tokenizer

# Lucene's IDF, log(1 + (N - df + .5) / (df + .5)), is never negative: with two articles
# nearly every term is in half the documents, where Robertson's IDF goes to zero or below.
BM25_METHOD = "lucene"
logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Index:
    def __init__(self, texts: list[str], k1: float = 1.2, b: float = 0.75) -> None:
        self._tok = Tokenizer(stopwords="en", stemmer=Stemmer.Stemmer("english"))
        self._lock = threading.Lock()  # the Tokenizer and PyStemmer keep mutable state
        self.n = len(texts)
        self._bm25 = bm25s.BM25(k1=k1, b=b, method=BM25_METHOD)
        if texts:
            ids = self._tok.tokenize(texts, update_vocab=True, return_as="ids",
                                     show_progress=False)
            self._bm25.index(ids, show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk index, score) best first; only positive scores (a shared term)."""
        if self.n == 0 or not query.strip():
            return []
        with self._lock:
            q = self._tok.tokenize([query], update_vocab=False, return_as="ids",
                                   show_progress=False)
            if not any(q[0]):
                return []
            ids, scores = self._bm25.retrieve(q, k=min(k, self.n), show_progress=False,
                                              n_threads=1)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]

    def tokens(self, text: str) -> list[str]:
        """Stemmed content words (shared with the selector's overlap features)."""
        with self._lock:
            out = self._tok.tokenize([text], update_vocab=False, return_as="tuple",
                                     show_progress=False)
        vocab_inv = {v: k for k, v in out.vocab.items()}
        return [vocab_inv[i] for i in out.ids[0] if vocab_inv.get(i)]


def minmax(x: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    return np.zeros_like(x) if hi - lo < 1e-9 else (x - lo) / (hi - lo)
