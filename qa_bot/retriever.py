"""Hybrid retrieval: dense sentence vectors (FAISS) + BM25 over chunks, fused per query.

Dense search runs on sentences; a chunk's dense score is its best sentence (sentence-window
retrieval: small units match precisely, the window gives context). Both retrievers propose
candidates; every candidate then gets its *exact* score from both sides (the BM25 score vector
covers all chunks, the dense score is a few dot products), so fusion never mistakes "not in the
other list" for "scored zero". Fusion is a convex combination of normalized scores
(``alpha * dense + (1 - alpha) * bm25_norm``) or reciprocal rank fusion; the choice and its
parameters come from ``python -m qa_bot.bench retrieval --sweep`` (see RetrievalConfig).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import faiss
import numpy as np

from .index import CorpusIndex
from .lexical import BM25_B, BM25_K1, BM25Index, minmax, top_k
from .models import resolve_precision
from .types import Passage

FUSIONS = ("convex", "rrf", "dense", "bm25")
NORMS = ("max", "minmax", "raw")


@dataclass(frozen=True)
class RetrievalConfig:
    """How candidates are gathered and fused.

    The defaults are the winner of ``python -m qa_bot.bench retrieval --sweep`` (SQuAD v1.1
    dev, 2,000 questions, seed 0, split by article): 6,993 settings (alpha 0-1 by 0.05, both
    normalizations of each side, chunk_mean 0/0.25/0.5, candidates 20/50/100, BM25 k1 x b,
    RRF k 1-100) ranked by recall@1 then MRR@10 on the 944 fit questions. Convex a=0.7 with
    min-max BM25 and raw cosine won (fit recall@1 0.861; best RRF, k=5: 0.832). On the 1,056
    held-out questions it scores recall@1 0.826 / @5 0.952 vs BM25 0.771 / 0.909 and dense
    0.700 / 0.892. Only alpha matters much (0.5: 0.838, 0.9: 0.811); the normalizations,
    candidates and k1/b move fit recall@1 by <= 0.006 (noise: +-0.011); chunk_mean hurts.
    """

    fusion: str = "convex"  # "convex" | "rrf" | "dense" | "bm25"
    alpha: float = 0.7  # convex: weight of the dense side
    rrf_k: int = 5  # best RRF k on the fit half (RRF still lost to convex)
    candidates: int = 20  # chunks from each retriever before fusion (20/50/100 tie: cheapest)
    bm25_norm: str = "minmax"  # convex: BM25 / best BM25 ("max") or min-max over candidates
    dense_norm: str = "raw"  # convex: raw cosine ("raw") or min-max over candidates
    chunk_mean: float = 0.0  # chunk dense = (1 - w) * best sentence + w * mean of its sentences

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {self.fusion!r}; use one of {FUSIONS}")
        if self.bm25_norm not in ("max", "minmax") or self.dense_norm not in ("raw", "minmax"):
            raise ValueError("bm25_norm must be max|minmax and dense_norm raw|minmax")
        if not 0 <= self.alpha <= 1 or not 0 <= self.chunk_mean <= 1:
            raise ValueError("alpha and chunk_mean must be in [0, 1]")
        if self.candidates < 1 or self.rrf_k < 0:
            raise ValueError("candidates must be >= 1 and rrf_k >= 0")


@dataclass
class Scored:
    """A chunk with its evidence from both retrievers (the selector uses these too).

    ``dense``: cosine of the chunk's best sentence; ``bm25``: raw BM25 score; ``bm25_norm``:
    BM25 / best BM25 of the query (in [0, 1]); ``score``: the fused score that ranks.
    """

    chunk_id: int
    score: float
    dense: float
    bm25: float
    bm25_norm: float


@dataclass
class Pool:
    """Candidates of one query with every component score (the input of ``fuse``)."""

    ids: np.ndarray  # chunk ids
    dense: np.ndarray  # best-sentence cosine
    dense_mean: np.ndarray  # mean sentence cosine
    bm25: np.ndarray  # raw BM25 (exact, 0 when no shared term)
    bm25_top: float  # the query's best BM25 over all chunks
    dense_rank: np.ndarray  # 0-based rank in the dense list, inf if not in it
    bm25_rank: np.ndarray  # 0-based rank in the BM25 list, inf if not in it


def fuse(pool: Pool, cfg: RetrievalConfig) -> np.ndarray:
    """The fused score of each pool candidate under ``cfg`` (higher is better)."""
    dense = pool.dense if cfg.chunk_mean == 0 else \
        (1 - cfg.chunk_mean) * pool.dense + cfg.chunk_mean * pool.dense_mean
    if cfg.fusion == "dense":
        return dense
    bm25 = pool.bm25 / pool.bm25_top if pool.bm25_top > 0 else np.zeros_like(pool.bm25)
    if cfg.fusion == "bm25":
        return bm25
    if cfg.fusion == "rrf":  # standard RRF: a list contributes only where the chunk is in it
        return 1.0 / (cfg.rrf_k + 1 + pool.dense_rank) + 1.0 / (cfg.rrf_k + 1 + pool.bm25_rank)
    if cfg.bm25_norm == "minmax":
        bm25 = minmax(pool.bm25)
    if cfg.dense_norm == "minmax":
        dense = minmax(dense)
    return cfg.alpha * dense + (1 - cfg.alpha) * bm25


@contextlib.contextmanager
def _one_omp_thread() -> Iterator[None]:
    """FAISS searches one query faster on one thread: on our shared 2 cores, OpenMP's worker
    threads spin-wait and a 10k-vector flat search took ~30 ms on 2 threads vs ~1.5 ms on one.
    The OpenMP setting is per calling thread, so concurrent callers are not affected."""
    prev = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(prev)


class HybridRetriever:
    DENSE_FANOUT = 3  # sentences fetched per wanted chunk (a chunk holds ~3 sentences)

    def __init__(self, index: CorpusIndex, config: RetrievalConfig = RetrievalConfig(),
                 k1: float = BM25_K1, b: float = BM25_B) -> None:
        self.index, self.config = index, config
        self.precision: str | None = None  # the query's, from models.resolve_precision on use
        self.k1, self.b = k1, b
        self._bm25: BM25Index | None = None
        self._derived_version = -1

    def _refresh(self) -> None:
        """Rebuild state derived from the chunks (BM25, chunk -> sentence rows) after changes."""
        if self._derived_version == self.index.version and self._bm25 is not None:
            return
        idx = self.index
        self._bm25 = BM25Index([c.text for c in idx.chunks], k1=self.k1, b=self.b)
        rows = [[idx.sentence_rows[(s.doc_id, s.start)] for s in c.sentences]
                for c in idx.chunks]
        self._chunk_ptr = np.cumsum([0] + [len(r) for r in rows]).astype(np.int64)
        self._chunk_rows = np.fromiter((r for rs in rows for r in rs), np.int64,
                                       count=int(self._chunk_ptr[-1]))
        self._derived_version = idx.version

    @property
    def bm25(self) -> BM25Index:
        self._refresh()
        assert self._bm25 is not None
        return self._bm25

    def encode_query(self, query: str) -> np.ndarray:
        """One query on one torch thread: a ~15-token MiniLM pass gains nothing from a second
        thread, and on shared, busy cores the thread sync made it several times slower
        (measured: p50 ~60 ms on 1 thread vs ~120-370 ms on 2 under load). The setting is
        process-wide, so a batch encode running concurrently elsewhere is only slowed, never
        changed; the previous count is restored at once."""
        import torch

        if self.precision is None:
            self.precision = resolve_precision()
        prev = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self.index.embedder.encode_query([query], precision=self.precision)
        finally:
            torch.set_num_threads(prev)

    def pool(self, query: str, qvec: np.ndarray, n_cand: int,
             use_dense: bool = True, use_bm25: bool = True,
             pinned: Sequence[int] = ()) -> Pool:
        """Candidates from FAISS (sentences -> chunks) and BM25, with exact scores for all
        (``pinned`` chunks too, found neither way)."""
        self._refresh()
        idx = self.index
        dense_ids: list[int] = []
        if use_dense:
            with _one_omp_thread():
                _, rows = idx.vectors.search(qvec, n_cand * self.DENSE_FANOUT)
            seen: set[int] = set()
            for r in rows[0]:
                if r < 0:
                    continue
                for cid in idx.sentence_chunks[r]:
                    if cid not in seen:
                        seen.add(cid)
                        dense_ids.append(cid)
            dense_ids = dense_ids[:n_cand]
        all_bm25 = self.bm25.scores(query)
        bm25_ids: list[int] = []
        if all_bm25 is not None and use_bm25:
            bm25_ids = [int(i) for i in top_k(all_bm25, n_cand) if all_bm25[i] > 0]
        ids = np.array(list(dict.fromkeys(dense_ids + bm25_ids + list(pinned))), dtype=np.int64)
        dense, dense_mean = self._chunk_dense(qvec, ids)
        bm25 = all_bm25[ids] if all_bm25 is not None else np.zeros(len(ids), np.float32)
        top = float(all_bm25.max()) if all_bm25 is not None else 0.0
        return Pool(ids, dense, dense_mean, bm25.astype(np.float64), top,
                    _ranks(ids, dense_ids), _ranks(ids, bm25_ids))

    def _chunk_dense(self, qvec: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best and mean sentence cosine of each chunk: one batched reconstruct, one matvec."""
        if len(ids) == 0:
            return np.zeros(0), np.zeros(0)
        starts, ends = self._chunk_ptr[ids], self._chunk_ptr[ids + 1]
        lens = ends - starts
        rows = np.concatenate([self._chunk_rows[a:b] for a, b in zip(starts, ends, strict=True)])
        sims = self.index.vectors.index.reconstruct_batch(rows) @ qvec[0].astype(np.float32)
        offs = np.concatenate([[0], np.cumsum(lens)[:-1]])
        best = np.maximum.reduceat(sims, offs).astype(np.float64)
        mean = (np.add.reduceat(sims, offs) / lens).astype(np.float64)
        return best, mean

    def score(self, query: str, k: int, qvec: np.ndarray | None = None,
              config: RetrievalConfig | None = None,
              exclude: set[str] | frozenset[str] | None = None,
              pinned: Sequence[int] = (),
              ) -> tuple[list[Scored], np.ndarray]:
        """Top-k chunks with component scores, and the query vector (reused downstream).

        ``exclude``: document ids to leave out (evaluation asks questions against the corpus
        minus their own article, an honest source of unanswerable questions). ``pinned``:
        chunks kept among the k, last, whatever their scores (not those of ``exclude``): a
        definition found by its letters ("World Health Organization (WHO)"), which neither
        search finds when the letters are a stopword."""
        cfg = config or self.config
        idx = self.index
        if not idx.chunks or not query.strip():
            return [], np.zeros((1, idx.embedder.dim), np.float32)
        if qvec is None:
            qvec = self.encode_query(query)
        n_cand = max(cfg.candidates, k) * (4 if exclude else 1)
        p = self.pool(query, qvec, n_cand, use_dense=cfg.fusion != "bm25",
                      use_bm25=cfg.fusion != "dense", pinned=pinned)
        if exclude:
            keep = np.array([idx.chunks[c].doc_id not in exclude for c in p.ids], dtype=bool)
            p = Pool(p.ids[keep], p.dense[keep], p.dense_mean[keep], p.bm25[keep],
                     float(p.bm25[keep].max()) if keep.any() else 0.0,
                     p.dense_rank[keep], p.bm25_rank[keep])
        s = fuse(p, cfg)
        order = [int(i) for i in np.lexsort((p.ids, -s))[:k]]
        if pinned:
            want = set(pinned)
            add = [i for i, c in enumerate(p.ids) if c in want and i not in order][:k]
            order = order[:k - len(add)] + add
        out = [Scored(int(p.ids[i]), float(s[i]), float(p.dense[i]), float(p.bm25[i]),
                      float(p.bm25[i] / p.bm25_top) if p.bm25_top > 0 else 0.0)
               for i in order]
        return out, qvec

    def retrieve(self, query: str, k: int = 5) -> list[Passage]:
        scored, _ = self.score(query, k)
        return [self.to_passage(s) for s in scored]

    def to_passage(self, s: Scored) -> Passage:
        c = self.index.chunks[s.chunk_id]
        d = self.index.documents[c.doc_id]
        return Passage(doc_id=c.doc_id, title=d.title, text=c.text, start=c.start, end=c.end,
                       score=s.score, chunk_id=c.id, publisher=d.publisher, date=d.date)


def _ranks(ids: np.ndarray, ranked: list[int]) -> np.ndarray:
    pos = {c: i for i, c in enumerate(ranked)}
    return np.array([pos.get(int(c), np.inf) for c in ids], dtype=np.float64)
