"""Retrieval benchmark on SQuAD: document recall@1/5/10 and MRR@10, speed, memory.

Every SQuAD paragraph is a document; a question's gold document is its paragraph. Passages
are ranked by the retriever and collapsed to their documents in order, so recall@k asks "is
the gold paragraph among the first k distinct documents". ``--sweep`` chooses the fusion by
measurement: a grid over fusion settings on the fit half of an article-level split, the winner
reported on the held-out half.

    python -m qa_bot.bench retrieval --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json
    python -m qa_bot.bench retrieval --squad ... --sweep --json sweep.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ..question import clean_question
from ..retriever import HybridRetriever, Pool, RetrievalConfig, fuse
from ..squad import SquadQuestion, load_squad, sample, split_by_article

DEPTH = 10  # documents ranked per question (recall@10, MRR@10)
KS = (1, 5, 10)


# ---- metrics ---------------------------------------------------------------------------------
def unique_docs(doc_ids: Sequence[str], depth: int = DEPTH) -> list[str]:
    """Documents in order of their first passage, at most ``depth``."""
    out: list[str] = []
    seen: set[str] = set()
    for d in doc_ids:
        if d not in seen:
            seen.add(d)
            out.append(d)
            if len(out) == depth:
                break
    return out


def gold_rank(ranking: Sequence[str], gold: str) -> int | None:
    """1-based rank of ``gold`` in ``ranking``, None if absent."""
    try:
        return list(ranking).index(gold) + 1
    except ValueError:
        return None


def recall_at(ranks: Sequence[int | None], k: int) -> float:
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else 0.0


def mrr_at(ranks: Sequence[int | None], k: int = DEPTH) -> float:
    return sum(1 / r for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def summarize(ranks: Sequence[int | None]) -> dict[str, float]:
    out = {f"recall@{k}": recall_at(ranks, k) for k in KS}
    out["mrr@10"] = mrr_at(ranks, DEPTH)
    out["n"] = len(ranks)
    return out


def pool_rank(pool: Pool, scores: np.ndarray, chunk_doc: np.ndarray, gold: int) -> int | None:
    """Gold document's rank among the distinct documents of a fused pool (vectorized)."""
    if len(pool.ids) == 0:
        return None
    docs = chunk_doc[pool.ids[np.lexsort((pool.ids, -scores))]]
    hit = np.flatnonzero(docs == gold)
    if len(hit) == 0:
        return None
    rank = len(np.unique(docs[: hit[0]])) + 1
    return rank if rank <= DEPTH else None


# ---- running the retriever -------------------------------------------------------------------
@dataclass
class Query:
    text: str
    gold: str
    vec: np.ndarray


def encode_queries(bot, questions: list[SquadQuestion]) -> list[Query]:
    texts = [clean_question(q.question) for q in questions]
    vecs = bot.index.embedder.encode_query(texts)
    return [Query(t, q.doc_id, vecs[i : i + 1]) for i, (t, q) in
            enumerate(zip(texts, questions, strict=True))]


def rank_product(retriever: HybridRetriever, queries: list[Query], cfg: RetrievalConfig,
                 desc: str) -> list[int | None]:
    """Ranks through the product path (``score``), asking for more passages until the
    passages cover ``DEPTH`` distinct documents (or the retriever has no more)."""
    chunks = retriever.index.chunks
    ranks = []
    for q in tqdm(queries, desc=desc, unit="q", leave=False):
        k = 4 * DEPTH
        while True:
            scored, _ = retriever.score(q.text, k, qvec=q.vec, config=cfg)
            docs = unique_docs([chunks[s.chunk_id].doc_id for s in scored])
            if len(docs) >= DEPTH or len(scored) < k:
                break
            k *= 2
        ranks.append(gold_rank(docs, q.gold))
    return ranks


def baseline_configs(default: RetrievalConfig) -> dict[str, RetrievalConfig]:
    return {"bm25": replace(default, fusion="bm25"), "dense": replace(default, fusion="dense"),
            f"rrf (k={default.rrf_k})": replace(default, fusion="rrf"),
            "hybrid (default)": default}


def evaluate(bot, queries: list[Query], configs: dict[str, RetrievalConfig]) -> dict:
    return {name: summarize(rank_product(bot.retriever, queries, cfg, name))
            for name, cfg in configs.items()}


# ---- the sweep -------------------------------------------------------------------------------
BM25_GRID = [(k1, b) for k1 in (0.9, 1.2, 1.6) for b in (0.5, 0.75, 0.9)]
CANDIDATES = (20, 50, 100)
ALPHAS = [round(a, 2) for a in np.arange(0.0, 1.0001, 0.05)]
RRF_KS = (1, 5, 10, 20, 30, 60, 100)


def fusion_grid(candidates: int) -> list[RetrievalConfig]:
    grid = [RetrievalConfig(fusion="convex", alpha=a, candidates=candidates, bm25_norm=bn,
                            dense_norm=dn, chunk_mean=cm)
            for a, bn, dn, cm in itertools.product(ALPHAS, ("max", "minmax"),
                                                   ("raw", "minmax"), (0.0, 0.25, 0.5))]
    grid += [RetrievalConfig(fusion="rrf", rrf_k=k, candidates=candidates) for k in RRF_KS]
    return grid


def sweep(bot, fit: list[Query], progress: Callable = tqdm) -> list[dict]:
    """Every (BM25 k1/b, candidates) pool x every fusion setting, scored on ``fit``.

    Pools are built once per (k1, b, candidates) through the retriever's own ``pool`` and each
    setting is applied with its own ``fuse``: the sweep measures the product code, not a copy.
    """
    doc_index = {d: i for i, d in enumerate(bot.index.documents)}
    chunk_doc = np.array([doc_index[c.doc_id] for c in bot.index.chunks], dtype=np.int64)
    golds = [doc_index[q.gold] for q in fit]
    rows = []
    settings = list(itertools.product(BM25_GRID, CANDIDATES))
    for (k1, b), n in progress(settings, desc="sweep pools", unit="pool"):
        retr = HybridRetriever(bot.index, k1=k1, b=b)
        pools = [retr.pool(q.text, q.vec, n) for q in fit]
        for cfg in fusion_grid(n):
            ranks = [pool_rank(p, fuse(p, cfg), chunk_doc, g)
                     for p, g in zip(pools, golds, strict=True)]
            rows.append({"k1": k1, "b": b, "config": asdict(cfg), **summarize(ranks)})
    return rows


def best(rows: list[dict], where: Callable[[dict], bool] = lambda r: True) -> dict:
    """Highest recall@1, then MRR@10 (then the cheaper setting: fewer candidates)."""
    cands = [r for r in rows if where(r)]
    return max(cands, key=lambda r: (round(r["recall@1"], 6), round(r["mrr@10"], 6),
                                     -r["config"]["candidates"]))


KNOBS = ("k1", "b", "candidates", "bm25_norm", "dense_norm", "chunk_mean", "alpha")


def knobs(row: dict) -> dict:
    return {k: row[k] if k in ("k1", "b") else row["config"][k] for k in KNOBS}


def around(rows: list[dict], winner: dict, free: set[str], **fixed) -> list[dict]:
    """Convex rows equal to ``winner`` on every knob except ``free`` ones, with ``fixed``."""
    want = {k: v for k, v in knobs(winner).items() if k not in free} | fixed
    return [r for r in rows if r["config"]["fusion"] == "convex"
            and all(knobs(r)[k] == v for k, v in want.items())]


def sweep_summary(rows: list[dict]) -> dict:
    """The winners, and one knob at a time around the best convex setting (alpha re-tuned for
    each value) to show how much each knob matters."""
    w = best(rows, lambda r: r["config"]["fusion"] == "convex")
    a = {"alpha"}
    return {
        "best": best(rows), "best_convex": w,
        "best_rrf": best(rows, lambda r: r["config"]["fusion"] == "rrf"),
        "by_alpha": {x: _brief(best(around(rows, w, set(), alpha=x))) for x in ALPHAS},
        "by_norm": {f"bm25/{bn} dense/{dn}": _brief(best(around(
            rows, w, a | {"bm25_norm", "dense_norm"}, bm25_norm=bn, dense_norm=dn)))
            for bn in ("max", "minmax") for dn in ("raw", "minmax")},
        "by_chunk_mean": {x: _brief(best(around(rows, w, a | {"chunk_mean"}, chunk_mean=x)))
                          for x in (0.0, 0.25, 0.5)},
        "by_candidates": {x: _brief(best(around(rows, w, a | {"candidates"}, candidates=x)))
                          for x in CANDIDATES},
        "by_bm25": {f"k1={k1} b={b}": _brief(best(around(rows, w, a | {"k1", "b"}, k1=k1, b=b)))
                    for k1, b in BM25_GRID},
        "by_rrf_k": {x: _brief(best(rows, lambda r, x=x: r["config"]["fusion"] == "rrf"
                                    and r["config"]["rrf_k"] == x)) for x in RRF_KS},
    }


def _brief(r: dict) -> dict:
    c = r["config"]
    return {"recall@1": r["recall@1"], "recall@5": r["recall@5"], "mrr@10": r["mrr@10"],
            **({"rrf_k": c["rrf_k"]} if c["fusion"] == "rrf" else knobs(r))}


# ---- speed and memory ------------------------------------------------------------------------
def index_throughput(docs, n: int, seed: int) -> dict:
    """Time a fresh build of ``n`` paragraphs into a temp dir (segmentation, embedding, FAISS,
    atomic save, BM25), models already loaded (a 5-paragraph warm-up build comes first)."""
    from ..bot import QABot

    rng = random.Random(seed)
    subset = rng.sample(docs, min(n, len(docs)))
    with tempfile.TemporaryDirectory() as tmp:
        QABot.build(subset[:5], index_dir=Path(tmp) / "warm").retriever.bm25  # noqa: B018
        t0 = time.perf_counter()
        bot = QABot.build(subset, index_dir=Path(tmp) / "index")
        bot.retriever.bm25  # noqa: B018  (BM25 is part of the index, built on first use)
        dt = time.perf_counter() - t0
    chunks, sents = len(bot.index.chunks), len(bot.index.sentences)
    return {"paragraphs": len(subset), "chunks": chunks, "sentences": sents, "seconds": dt,
            "paragraphs_per_s": len(subset) / dt, "chunks_per_s": chunks / dt,
            "sentences_per_s": sents / dt}


def latency(bot, texts: list[str], warmup: int = 20) -> dict:
    """Warm single-query ``bot.retrieve(q, k=5)``, and its two parts timed apart: the query
    encode alone and the search given the query vector (BM25 + FAISS + fusion)."""
    warmup = min(warmup, len(texts) // 2)
    for t in texts[:warmup]:
        bot.retrieve(t, k=5)
    timed = [clean_question(t) for t in texts[warmup:]]
    full, enc, search = [], [], []
    for t in tqdm(timed, desc="latency", unit="q", leave=False):
        t0 = time.perf_counter()
        bot.retrieve(t, k=5)
        full.append(time.perf_counter() - t0)
    for t in timed:
        t0 = time.perf_counter()
        qvec = bot.retriever.encode_query(t)
        t1 = time.perf_counter()
        bot.retriever.score(t, 5, qvec=qvec)
        enc.append(t1 - t0)
        search.append(time.perf_counter() - t1)
    ms = lambda xs, p: float(np.percentile(xs, p) * 1000)  # noqa: E731
    return {"queries": len(timed), "retrieve_p50_ms": ms(full, 50), "retrieve_p95_ms": ms(full, 95),
            "encode_p50_ms": ms(enc, 50), "encode_p95_ms": ms(enc, 95),
            "search_p50_ms": ms(search, 50), "search_p95_ms": ms(search, 95)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---- output ----------------------------------------------------------------------------------
def table(results: dict[str, dict], title: str) -> str:
    lines = [title, f"{'retriever':<34} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR@10':>7} {'n':>6}"]
    for name, m in results.items():
        lines.append(f"{name:<34} {m['recall@1']:>6.3f} {m['recall@5']:>6.3f} "
                     f"{m['recall@10']:>6.3f} {m['mrr@10']:>7.3f} {m['n']:>6}")
    return "\n".join(lines)


def knob_table(summ: dict) -> str:
    """Fit recall@1 / MRR@10 per value of each knob, the others held at the winner's."""
    lines = ["  one knob at a time (others as chosen, alpha re-tuned), fit R@1 / MRR@10:"]
    for key in ("by_alpha", "by_norm", "by_chunk_mean", "by_candidates", "by_bm25", "by_rrf_k"):
        cells = [f"{k}: {v['recall@1']:.3f}/{v['mrr@10']:.3f}" for k, v in summ[key].items()]
        if key == "by_alpha":
            cells = cells[::2]  # every 0.1 is enough on screen (all in the JSON)
        lines.append(f"    {key[3:]:<11} " + "  ".join(cells))
    return "\n".join(lines)


def describe(cfg: RetrievalConfig, k1: float, b: float) -> str:
    if cfg.fusion == "rrf":
        return f"rrf k={cfg.rrf_k} cand={cfg.candidates} bm25 k1={k1} b={b}"
    return (f"convex a={cfg.alpha} bm25/{cfg.bm25_norm} dense/{cfg.dense_norm} "
            f"mean={cfg.chunk_mean} cand={cfg.candidates} k1={k1} b={b}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m qa_bot.bench retrieval", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--squad", required=True, type=Path, help="SQuAD-format JSON (v1.1 dev)")
    p.add_argument("--limit", type=int, default=2000,
                   help="questions sampled (default 2000; 0 = all)")
    p.add_argument("--seed", type=int, default=0, help="sampling and split seed (default 0)")
    p.add_argument("--cache", type=Path, default=None,
                   help="index folder (default ~/.cache/qa-bot/squad-<file stem>; built once)")
    p.add_argument("--json", type=Path, default=None, help="write all figures here")
    p.add_argument("--sweep", action="store_true",
                   help="choose the fusion on the fit half, report it on the held-out half")
    p.add_argument("--only", action="append", choices=("quality", "throughput", "latency"),
                   help="run only these parts (repeatable; default all)")
    p.add_argument("--build-sample", type=int, default=200,
                   help="paragraphs in the timed fresh build (default 200)")
    p.add_argument("--latency-queries", type=int, default=200,
                   help="timed single queries after 20 warm-up ones (default 200)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.squad.is_file():
        print(f"no such SQuAD file: {args.squad}", file=sys.stderr)
        return 2
    from ..squad import squad_bot

    parts = set(args.only or ("quality", "throughput", "latency"))
    docs, questions = load_squad(args.squad)
    questions = [q for q in questions if not q.impossible]
    qs = sample(questions, args.limit, args.seed)
    bot = squad_bot(args.squad, cache_dir=args.cache, progress=True)
    counts = bot.info()["counts"]
    default = bot.retriever.config
    report: dict = {"squad": str(args.squad), "questions": len(qs), "seed": args.seed,
                    "index": counts, "default_config": asdict(default)}
    print(f"index: {counts['documents']} paragraphs, {counts['chunks']} chunks, "
          f"{counts['sentences']} sentences; {len(qs)} questions (seed {args.seed})")

    if "quality" in parts:
        queries = encode_queries(bot, qs)
        if args.sweep:
            fit_q, held_q = split_by_article(qs, seed=args.seed)
            by_id = {id(q): x for q, x in zip(qs, queries, strict=True)}
            fit, held = [by_id[id(q)] for q in fit_q], [by_id[id(q)] for q in held_q]
            rows = sweep(bot, fit)
            summ = sweep_summary(rows)
            win = summ["best"]
            # the RRF row of the held-out table uses the best RRF k found on the fit half
            cfg = replace(RetrievalConfig(**win["config"]),
                          rrf_k=summ["best_rrf"]["config"]["rrf_k"])
            retr = HybridRetriever(bot.index, cfg, k1=win["k1"], b=win["b"])
            held_res = {name: summarize(rank_product(retr, held, c, name))
                        for name, c in baseline_configs(cfg).items()}
            held_res["chosen: " + cfg.fusion] = held_res.pop("hybrid (default)")
            report["sweep"] = {"fit_questions": len(fit), "held_out_questions": len(held),
                               "settings": len(rows), "summary": summ, "held_out": held_res,
                               "chosen": {"k1": win["k1"], "b": win["b"], **asdict(cfg)}}
            print(f"\nsweep: {len(rows)} settings on {len(fit)} fit questions "
                  f"({len({q.article for q in fit_q})} articles)")
            print(f"  chosen:   {describe(cfg, win['k1'], win['b'])}  fit R@1 "
                  f"{win['recall@1']:.3f} MRR {win['mrr@10']:.3f}")
            r = summ["best_rrf"]
            print(f"  best RRF: {describe(RetrievalConfig(**r['config']), r['k1'], r['b'])}  "
                  f"fit R@1 {r['recall@1']:.3f} MRR {r['mrr@10']:.3f}")
            print(knob_table(summ))
            print("\n" + table(held_res, f"held-out half ({len(held)} questions, "
                                         "settings from the fit half)"))
        results = evaluate(bot, queries, baseline_configs(default))
        report["results"] = results
        print("\n" + table(results, f"all {len(qs)} questions, current defaults "
                                    f"({describe(default, bot.retriever.k1, bot.retriever.b)})"))

    if "throughput" in parts:
        tp = index_throughput(docs, args.build_sample, args.seed)
        report["indexing"] = tp
        print(f"\nindexing (fresh build of {tp['paragraphs']} paragraphs, models loaded): "
              f"{tp['seconds']:.1f} s = {tp['paragraphs_per_s']:.1f} paragraphs/s, "
              f"{tp['chunks_per_s']:.1f} chunks/s, {tp['sentences_per_s']:.1f} sentences/s")

    if "latency" in parts:
        pool = sample(questions, args.latency_queries + 20, args.seed + 1)
        lat = latency(bot, [q.question for q in pool])
        report["latency"] = lat
        print(f"\nwarm retrieve (k=5, {lat['queries']} queries): p50 {lat['retrieve_p50_ms']:.1f}"
              f" ms, p95 {lat['retrieve_p95_ms']:.1f} ms; of which query encode p50 "
              f"{lat['encode_p50_ms']:.1f} / p95 {lat['encode_p95_ms']:.1f} ms, search given the "
              f"vector p50 {lat['search_p50_ms']:.1f} / p95 {lat['search_p95_ms']:.1f} ms")

    report["peak_rss_mb"] = peak_rss_mb()
    print(f"peak memory (ru_maxrss): {report['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0
