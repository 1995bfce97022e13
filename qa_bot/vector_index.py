"""The vector store: a FAISS index behind a tiny interface (add, search, vectors, save/load).

Everything else talks to ``VectorIndex``, so swapping FAISS for a distributed engine means
one new class with these five methods.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

# Up to here exact search stays within ~5 ms a query on one core (measured with
# `python -m qa_bot.bench scale`: flat p50 2.6 ms at 20k vectors, 4.2 ms at 30k, 10.5 ms at 50k,
# 388 ms at 1M); beyond it HNSW answers in ~1-2 ms at recall@10 >= 0.97.
FLAT_MAX = 30_000


def choose_kind(n: int, kind: str = "auto") -> str:
    if kind != "auto":
        return kind
    return "flat" if n <= FLAT_MAX else "hnsw"


class VectorIndex:
    """Inner-product search over unit vectors (cosine). Kinds: ``flat`` (exact) or ``hnsw``."""

    # M=32/efConstruction=80: 1M vectors build in ~24 min on 2 busy cores. efSearch=256: at 1M
    # recall@10 0.978 at p50 1.3 ms (128 gave 0.938); see `python -m qa_bot.bench scale`.
    HNSW_M = 32
    HNSW_EF_CONSTRUCTION = 80
    HNSW_EF_SEARCH = 256

    def __init__(self, dim: int, kind: str = "flat") -> None:
        if kind not in ("flat", "hnsw"):
            raise ValueError(f"unknown index kind {kind!r}; use flat, hnsw or auto")
        self.dim, self.kind = dim, kind
        if kind == "flat":
            self.index = faiss.IndexFlatIP(dim)
        else:
            self.index = faiss.IndexHNSWFlat(dim, self.HNSW_M, faiss.METRIC_INNER_PRODUCT)
            self.index.hnsw.efConstruction = self.HNSW_EF_CONSTRUCTION
            self.index.hnsw.efSearch = self.HNSW_EF_SEARCH

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, vectors: np.ndarray) -> None:
        if len(vectors):
            if vectors.ndim != 2 or vectors.shape[1] != self.dim:
                raise ValueError(f"vectors of shape {vectors.shape} do not fit "
                                 f"dimension {self.dim}")
            self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, ids) for each query row; ids of -1 mean 'no more results'."""
        query = np.asarray(query)
        if query.ndim != 2 or query.shape[1] != self.dim:
            raise ValueError(f"query of shape {query.shape} does not fit dimension {self.dim}; "
                             "was the index built with another embedding model?")
        k = max(1, min(k, len(self)))
        if len(self) == 0:
            return np.zeros((len(query), 0), np.float32), np.zeros((len(query), 0), np.int64)
        return self.index.search(np.ascontiguousarray(query, dtype=np.float32), k)

    def vectors(self) -> np.ndarray:
        return self.index.reconstruct_n(0, len(self)) if len(self) else \
            np.zeros((0, self.dim), np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str | None = None) -> VectorIndex:
        """Read a saved index; its kind comes from the file itself (``kind`` must agree)."""
        obj = cls.__new__(cls)
        index = faiss.read_index(str(path))
        if isinstance(index, faiss.IndexHNSWFlat):
            found = "hnsw"
        elif isinstance(index, faiss.IndexFlatIP):
            found = "flat"
        else:
            raise ValueError(f"{path}: unsupported FAISS index type {type(index).__name__}")
        if kind not in (None, found):
            raise ValueError(f"{path}: holds a {found} index, the manifest says {kind}")
        obj.index, obj.dim, obj.kind = index, int(index.d), found
        if found == "hnsw":
            obj.index.hnsw.efSearch = cls.HNSW_EF_SEARCH
        return obj

    @classmethod
    def from_vectors(cls, vectors: np.ndarray, dim: int, kind: str = "auto") -> VectorIndex:
        idx = cls(dim, choose_kind(len(vectors), kind))
        idx.add(vectors)
        return idx
