"""Hybrid retrieval: dense sentence vectors (FAISS) + BM25 over chunks, fused per query.

Dense search runs on sentences; a chunk's dense score is its best sentence (sentence-window
retrieval: small units match precisely, the window gives context). Fusion is a convex
combination ``alpha * cosine + (1 - alpha) * bm25 / max_bm25``; RRF is kept for comparison.
The choice and ``alpha`` come from ``python -m qa_bot.bench retrieval`` (see README).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .index import CorpusIndex
from .lexical import BM25Index
from .types import Passage


@dataclass(frozen=True)
class RetrievalConfig:
    fusion: str = "convex"  # "convex" | "rrf" | "dense" | "bm25"
    alpha: float = 0.5
    rrf_k: int = 60
    candidates: int = 50  # from each retriever before fusion


@dataclass
class Scored:
    """A chunk with its evidence from both retrievers (the selector uses these too)."""

    chunk_id: int
    score: float
    dense: float
    bm25: float
    bm25_norm: float


class HybridRetriever:
    def __init__(self, index: CorpusIndex, config: RetrievalConfig = RetrievalConfig()) -> None:
        self.index, self.config = index, config
        self._bm25: BM25Index | None = None
        self._bm25_version = -1

    @property
    def bm25(self) -> BM25Index:
        if self._bm25 is None or self._bm25_version != self.index.version:
            self._bm25 = BM25Index([c.text for c in self.index.chunks])
            self._bm25_version = self.index.version
        return self._bm25

    def encode_query(self, query: str) -> np.ndarray:
        return self.index.embedder.encode([query])

    def score(self, query: str, k: int, qvec: np.ndarray | None = None,
              config: RetrievalConfig | None = None) -> tuple[list[Scored], np.ndarray]:
        """Top-k chunks with component scores, and the query vector (reused downstream)."""
        cfg = config or self.config
        idx = self.index
        if not idx.chunks or not query.strip():
            return [], np.zeros((1, idx.embedder.dim), np.float32)
        if qvec is None:
            qvec = self.encode_query(query)
        n_cand = max(cfg.candidates, k)
        dense: dict[int, float] = {}
        if cfg.fusion != "bm25":
            # more sentences than chunks wanted: several sentences map into one chunk
            scores, rows = idx.vectors.search(qvec, n_cand * 3)
            for s, r in zip(scores[0], rows[0], strict=True):
                if r < 0:
                    continue
                for cid in idx.sentence_chunks[r]:
                    if s > dense.get(cid, -1.0):
                        dense[cid] = float(s)
        sparse: dict[int, float] = {}
        if cfg.fusion != "dense":
            sparse = dict(self.bm25.search(query, n_cand))
        top_sparse = max(sparse.values(), default=0.0)
        cands = set(dense) | set(sparse)
        dense_order = {c: i for i, c in enumerate(sorted(dense, key=dense.get, reverse=True))}
        sparse_order = {c: i for i, c in enumerate(sorted(sparse, key=sparse.get, reverse=True))}
        out = []
        for c in cands:
            d = dense.get(c)
            if d is None:  # not in the dense candidates: score it exactly (cheap, few rows)
                d = self._dense_exact(qvec, c)
            b = sparse.get(c, 0.0)
            bn = b / top_sparse if top_sparse > 0 else 0.0
            if cfg.fusion == "rrf":
                s = 1 / (cfg.rrf_k + dense_order.get(c, n_cand * 3) + 1) + \
                    1 / (cfg.rrf_k + sparse_order.get(c, n_cand * 3) + 1)
            elif cfg.fusion == "dense":
                s = d
            elif cfg.fusion == "bm25":
                s = bn
            else:
                s = cfg.alpha * d + (1 - cfg.alpha) * bn
            out.append(Scored(c, float(s), d, b, bn))
        out.sort(key=lambda x: (-x.score, x.chunk_id))
        return out[:k], qvec

    def _dense_exact(self, qvec: np.ndarray, chunk_id: int) -> float:
        rows = [self.index.sentence_rows[(s.doc_id, s.start)]
                for s in self.index.chunks[chunk_id].sentences]
        return float((self.index.sentence_vectors(rows) @ qvec[0]).max())

    def retrieve(self, query: str, k: int = 5) -> list[Passage]:
        scored, _ = self.score(query, k)
        return [self.to_passage(s) for s in scored]

    def to_passage(self, s: Scored) -> Passage:
        c = self.index.chunks[s.chunk_id]
        d = self.index.documents[c.doc_id]
        return Passage(doc_id=c.doc_id, title=d.title, text=c.text, start=c.start, end=c.end,
                       score=s.score, chunk_id=c.id, publisher=d.publisher, date=d.date)
