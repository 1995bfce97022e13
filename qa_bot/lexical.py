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
# k1/b from `python -m qa_bot.bench retrieval --sweep` (k1 0.9/1.2/1.6 x b 0.5/0.75/0.9, scored
# as part of the hybrid on the SQuAD fit half): k1=0.9 b=0.9 won, but by <= 0.006 recall@1 over
# the classic 1.2/0.75, within noise. See RetrievalConfig in retriever.py.
BM25_K1 = 0.9
BM25_B = 0.9
logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Index:
    def __init__(self, texts: list[str], k1: float = BM25_K1, b: float = BM25_B) -> None:
        self._tok = Tokenizer(stopwords="en", stemmer=Stemmer.Stemmer("english"))
        self._lock = threading.Lock()  # the Tokenizer and PyStemmer keep mutable state
        self.n = len(texts)
        self.k1, self.b = k1, b
        self._bm25 = bm25s.BM25(k1=k1, b=b, method=BM25_METHOD)
        if texts:
            ids = self._tok.tokenize(texts, update_vocab=True, return_as="ids",
                                     show_progress=False)
            self._bm25.index(ids, show_progress=False)
        # the tokenizer maps unknown words to the empty token; it must not score
        self._unknown = self._tok.word_to_id.get("", -1)

    def scores(self, query: str) -> np.ndarray | None:
        """BM25 score of every chunk (float32), or None when no query word is indexed.

        One dense score vector is what bm25s computes inside ``retrieve`` anyway; taking it
        directly skips bm25s's per-call thread pool and lets the retriever read the exact score
        of any chunk (e.g. one found only by the dense side) instead of treating it as 0.
        """
        if self.n == 0 or not query.strip():
            return None
        with self._lock:
            q = self._tok.tokenize([query], update_vocab=False, return_as="ids",
                                   show_progress=False)
            ids = [i for i in q[0] if i != self._unknown]
            if not ids:
                return None
            return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(chunk index, score) best first; only positive scores (a shared term)."""
        s = self.scores(query)
        if s is None:
            return []
        top = top_k(s, k)
        return [(int(i), float(s[i])) for i in top if s[i] > 0]

    def tokens(self, text: str) -> list[str]:
        """Stemmed content words (shared with the selector's overlap features)."""
        with self._lock:
            out = self._tok.tokenize([text], update_vocab=False, return_as="tuple",
                                     show_progress=False)
        vocab_inv = {v: k for k, v in out.vocab.items()}
        return [vocab_inv[i] for i in out.ids[0] if vocab_inv.get(i)]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores, best first (ties: lower index first)."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, np.int64)
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return part[np.lexsort((part, -scores[part]))]


def minmax(x: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return x
    lo, hi = float(x.min()), float(x.max())
    return np.zeros_like(x) if hi - lo < 1e-9 else (x - lo) / (hi - lo)
