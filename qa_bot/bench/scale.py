"""How far one machine goes: exact vs approximate vector search at 10k..1M chunks.

``python -m qa_bot.bench scale [--sizes 10000,100000,1000000] [--queries 200]``

Synthetic vectors stand in for sentence embeddings (encoding a million sentences with MiniLM
would take about two hours here): 384-d unit vectors drawn from clusters that each live near a
low-dimensional subspace. That matters: uniform random vectors in 384-d have no neighbourhood
structure and make every ANN index look far worse than on real text embeddings, while tight
clusters make it look too good. ``--calibrate DIR`` prints the nearest-neighbour similarity
profile of a real index next to the synthetic one so the choice can be checked.

For each size it builds the exact index (``flat``) and the approximate one (``hnsw``) through
``qa_bot.vector_index.VectorIndex`` (the class the product uses), and optionally a FAISS IVF
index with an explicit ``nprobe``, and reports build time, bytes per vector, RSS growth,
single-query p50/p95 latency and recall@10 against exact search. Queries are fresh points from
the same distribution, never rows of the index.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

import faiss
import numpy as np

from qa_bot.vector_index import FLAT_MAX, VectorIndex

DIM = 384
K = 10


# ---- synthetic data ---------------------------------------------------------------------------
@dataclass
class Mixture:
    """Clusters of unit vectors: centre + a few cluster-specific directions + small noise."""

    dim: int = DIM
    clusters: int = 2000
    rank: int = 24          # intrinsic dimension inside a cluster
    spread: float = 0.9     # length of the in-subspace component relative to the centre
    noise: float = 0.25     # isotropic noise length
    seed: int = 0
    _centres: np.ndarray = field(init=False, repr=False)
    _bases: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(self.seed)
        c = rng.standard_normal((self.clusters, self.dim), dtype=np.float32)
        self._centres = c / np.linalg.norm(c, axis=1, keepdims=True)
        b = rng.standard_normal((self.clusters, self.rank, self.dim), dtype=np.float32)
        self._bases = b / np.linalg.norm(b, axis=2, keepdims=True)
        # cluster sizes follow a Zipf-like law: a few big topics, many small ones
        w = 1.0 / np.arange(1, self.clusters + 1) ** 0.7
        self._weights = w / w.sum()

    def sample(self, n: int, seed: int, batch: int = 4096) -> np.ndarray:
        """``n`` unit float32 rows, generated in batches so 1M rows cost 1.5 GB, not 3+."""
        rng = np.random.default_rng(seed)
        out = np.empty((n, self.dim), np.float32)
        for lo in range(0, n, batch):
            m = min(batch, n - lo)
            k = rng.choice(self.clusters, size=m, p=self._weights)
            z = rng.standard_normal((m, self.rank), dtype=np.float32) * np.float32(
                self.spread / np.sqrt(self.rank))
            x = self._centres[k] + np.einsum("mr,mrd->md", z, self._bases[k])
            x += rng.standard_normal((m, self.dim), dtype=np.float32) * np.float32(
                self.noise / np.sqrt(self.dim))
            x /= np.linalg.norm(x, axis=1, keepdims=True)
            out[lo:lo + m] = x
        return out


def nn_profile(base: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Mean cosine of the 1st and 10th nearest neighbour, and of a random pair."""
    idx = faiss.IndexFlatIP(base.shape[1])
    idx.add(base)
    s, _ = idx.search(queries, K)
    rng = np.random.default_rng(1)
    a = base[rng.integers(0, len(base), 2000)]
    b = base[rng.integers(0, len(base), 2000)]
    return {"top1": float(s[:, 0].mean()), "top10": float(s[:, K - 1].mean()),
            "random_pair": float((a * b).sum(1).mean())}


# ---- measuring --------------------------------------------------------------------------------
def rss_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def index_bytes(index: faiss.Index) -> int:
    """Bytes the index holds for its vectors and graph/lists (no copy, no disk write)."""
    index = faiss.downcast_index(index)
    if isinstance(index, faiss.IndexFlat):
        return int(index.ntotal) * index.d * 4
    if isinstance(index, faiss.IndexHNSW):
        h = index.hnsw
        graph = h.neighbors.size() * 4 + h.levels.size() * 4 + h.offsets.size() * 8
        return index_bytes(index.storage) + int(graph)
    if isinstance(index, faiss.IndexIVF):
        inv = index.invlists
        codes = sum(inv.list_size(i) for i in range(inv.nlist))
        return int(codes) * (index.code_size + 8) + index_bytes(index.quantizer)
    return 0


def latencies(search, queries: np.ndarray, warmup: int = 5, threads: int = 1) -> np.ndarray:
    """Milliseconds per single-query call. One OpenMP thread by default: a server answers
    concurrent users on separate threads, and on a busy 2-core machine a 2-thread flat scan
    spends most of its time waiting for the second core (measured: 10k flat p50 1.6 ms with
    one thread vs 32 ms with two under load)."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(threads)
    try:
        return _latencies(search, queries, warmup)
    finally:
        faiss.omp_set_num_threads(before)


def _latencies(search, queries: np.ndarray, warmup: int) -> np.ndarray:
    for q in queries[:warmup]:
        search(q[None, :])
    out = np.empty(len(queries))
    for i, q in enumerate(queries):
        t = time.perf_counter()
        search(q[None, :])
        out[i] = time.perf_counter() - t
    return out * 1000.0


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int = K) -> float:
    hits = [len(set(f[:k].tolist()) & set(t[:k].tolist())) for f, t in
            zip(found, truth, strict=True)]
    return float(np.mean(hits)) / k


@dataclass
class Row:
    size: int
    kind: str
    params: str
    build_s: float
    bytes_per_vector: float
    rss_delta_mb: float
    p50_ms: float
    p95_ms: float
    recall10: float


def _row(size, kind, params, build_s, nbytes, rss0, lat, rec) -> Row:
    return Row(size, kind, params, round(build_s, 2), round(nbytes / size, 1),
               round((rss_bytes() - rss0) / 2**20, 1), round(float(np.percentile(lat, 50)), 3),
               round(float(np.percentile(lat, 95)), 3), round(rec, 4))


def bench_size(n: int, mix: Mixture, queries: np.ndarray, args, log) -> list[Row]:
    rows: list[Row] = []
    t = time.perf_counter()
    base = mix.sample(n, seed=1000 + n)
    log(f"[{n:,}] generated in {time.perf_counter() - t:.1f}s")

    # exact
    rss0 = rss_bytes()
    t = time.perf_counter()
    flat = VectorIndex(DIM, "flat")
    flat.add(base)
    build = time.perf_counter() - t
    _, truth = flat.index.search(queries, K)  # batched: ground truth for recall
    lat = latencies(partial(flat.search, k=K), queries, threads=args.search_threads)
    rows.append(_row(n, "flat", "exact", build, index_bytes(flat.index), rss0, lat, 1.0))
    log(json.dumps(asdict(rows[-1])))
    del flat
    gc.collect()

    # HNSW through the product's class
    if not args.no_hnsw:
        VectorIndex.HNSW_M = args.m
        VectorIndex.HNSW_EF_CONSTRUCTION = args.ef_construction
        rss0 = rss_bytes()
        t = time.perf_counter()
        hnsw = VectorIndex(DIM, "hnsw")
        hnsw.add(base)
        build = time.perf_counter() - t
        log(f"[{n:,}] hnsw M={args.m} efC={args.ef_construction} built in {build:.1f}s")
        nbytes = index_bytes(hnsw.index)
        for ef in args.ef_search:
            hnsw.index.hnsw.efSearch = ef
            _, found = hnsw.index.search(queries, K)
            lat = latencies(partial(hnsw.search, k=K), queries, threads=args.search_threads)
            rows.append(_row(n, "hnsw", f"M={args.m} efC={args.ef_construction} efS={ef}",
                             build, nbytes, rss0, lat, recall_at_k(found, truth)))
            log(json.dumps(asdict(rows[-1])))
        del hnsw
        gc.collect()

    # IVF (plain FAISS; the product does not ship it) with explicit nprobe
    if args.ivf:
        nlist = args.nlist or max(64, int(4 * np.sqrt(n)))
        rss0 = rss_bytes()
        t = time.perf_counter()
        quant = faiss.IndexFlatIP(DIM)
        ivf = faiss.IndexIVFFlat(quant, DIM, nlist, faiss.METRIC_INNER_PRODUCT)
        train = base[np.random.default_rng(2).choice(n, min(n, 50 * nlist), replace=False)]
        ivf.train(train)
        ivf.add(base)
        build = time.perf_counter() - t
        log(f"[{n:,}] ivf nlist={nlist} built in {build:.1f}s")
        nbytes = index_bytes(ivf)
        for nprobe in args.nprobe:
            ivf.nprobe = nprobe
            _, found = ivf.search(queries, K)
            lat = latencies(partial(ivf.search, k=K), queries, threads=args.search_threads)
            rows.append(_row(n, "ivf", f"nlist={nlist} nprobe={nprobe}", build, nbytes, rss0,
                             lat, recall_at_k(found, truth)))
            log(json.dumps(asdict(rows[-1])))
        del ivf, quant
        gc.collect()
    del base
    gc.collect()
    return rows


def ann_recall(base: np.ndarray, queries: np.ndarray, args) -> dict[str, float]:
    """recall@10 of HNSW (each efSearch) and IVF (each nprobe) against exact, on ``base``."""
    flat = faiss.IndexFlatIP(base.shape[1])
    flat.add(base)
    _, truth = flat.search(queries, K)
    out: dict[str, float] = {}
    hnsw = faiss.IndexHNSWFlat(base.shape[1], args.m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = args.ef_construction
    hnsw.add(base)
    for ef in args.ef_search:
        hnsw.hnsw.efSearch = ef
        out[f"hnsw efS={ef}"] = round(recall_at_k(hnsw.search(queries, K)[1], truth), 3)
    nlist = args.nlist or max(64, int(4 * np.sqrt(len(base))))
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(base.shape[1]), base.shape[1], nlist,
                             faiss.METRIC_INNER_PRODUCT)
    ivf.train(base)
    ivf.add(base)
    for nprobe in args.nprobe:
        ivf.nprobe = nprobe
        out[f"ivf nlist={nlist} nprobe={nprobe}"] = round(
            recall_at_k(ivf.search(queries, K)[1], truth), 3)
    return out


def calibrate(index_dir: Path, mix: Mixture, args, log) -> None:
    """Is the synthetic set realistic? Compare a real index's sentence vectors with a synthetic
    set of the same size: nearest-neighbour similarities, and ANN recall on both."""
    man = json.loads((index_dir / "manifest.json").read_text())
    real = faiss.read_index(str(index_dir / man["files"]["vectors"]["name"]))
    vecs = real.reconstruct_n(0, real.ntotal)
    rng = np.random.default_rng(3)
    qi = rng.choice(len(vecs), min(300, len(vecs) // 10), replace=False)
    mask = np.ones(len(vecs), bool)
    mask[qi] = False
    base, queries = vecs[mask], vecs[qi]
    log(f"real ({index_dir.name}, {len(base):,} vectors, {len(queries)} held-out queries): "
        f"{json.dumps(nn_profile(base, queries))} {json.dumps(ann_recall(base, queries, args))}")
    base, queries = mix.sample(len(base), seed=7), mix.sample(len(queries), seed=8)
    log(f"synthetic (same sizes): {json.dumps(nn_profile(base, queries))} "
        f"{json.dumps(ann_recall(base, queries, args))}")


def table(rows: list[Row]) -> str:
    head = ("| chunks | index | parameters | build s | bytes/vector | RSS +MB | p50 ms | p95 ms "
            "| recall@10 |\n|---:|---|---|---:|---:|---:|---:|---:|---:|")
    body = [f"| {r.size:,} | {r.kind} | {r.params} | {r.build_s} | {r.bytes_per_vector:,.0f} | "
            f"{r.rss_delta_mb:,.0f} | {r.p50_ms} | {r.p95_ms} | {r.recall10:.3f} |" for r in rows]
    return "\n".join([head, *body])


def _ints(s: str) -> list[int]:
    return [int(x.replace("_", "")) for x in s.split(",") if x]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa_bot.bench scale", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=_ints, default=[10_000, 100_000, 1_000_000])
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--threads", type=int, default=2, help="FAISS threads for building and "
                   "batched ground truth (default 2)")
    p.add_argument("--search-threads", type=int, default=1,
                   help="FAISS threads while timing single queries (default 1)")
    p.add_argument("--m", type=int, default=VectorIndex.HNSW_M, help="HNSW M")
    p.add_argument("--ef-construction", type=int, default=VectorIndex.HNSW_EF_CONSTRUCTION)
    p.add_argument("--ef-search", type=_ints, default=[VectorIndex.HNSW_EF_SEARCH],
                   help="comma list; each is measured on the same graph")
    p.add_argument("--no-hnsw", action="store_true")
    p.add_argument("--ivf", action="store_true", help="also FAISS IVF-Flat (explicit nprobe)")
    p.add_argument("--nlist", type=int, default=0, help="IVF lists (default 4*sqrt(n))")
    p.add_argument("--nprobe", type=_ints, default=[32, 64])
    p.add_argument("--clusters", type=int, default=Mixture.clusters)
    p.add_argument("--calibrate", type=Path, help="a real index folder to compare against "
                   "(neighbour profile and ANN recall, real vs synthetic); with --sizes '' "
                   "only this runs")
    p.add_argument("--json", type=Path, help="also write the rows here")
    args = p.parse_args(argv)

    faiss.omp_set_num_threads(args.threads)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    mix = Mixture(clusters=args.clusters)
    log(f"faiss {faiss.__version__}, {args.threads} build / {args.search_threads} search "
        f"threads, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}; "
        f"product FLAT_MAX={FLAT_MAX:,}; {mix}")
    if args.calibrate:
        calibrate(args.calibrate, mix, args, log)
    queries = mix.sample(args.queries, seed=99)
    rows: list[Row] = []
    for n in args.sizes:
        rows += bench_size(n, mix, queries, args, log)
    log(f"done; load average now {os.getloadavg()[0]:.1f}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
