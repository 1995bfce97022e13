"""The retrieval benchmark: its metrics on hand-made rankings, and a smoke run on a tiny file."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa_bot.bench import __main__ as dispatcher
from qa_bot.bench.retrieval import (
    gold_rank,
    mrr_at,
    pool_rank,
    recall_at,
    summarize,
    unique_docs,
)
from qa_bot.retriever import Pool, RetrievalConfig


def test_unique_docs_keeps_first_occurrence_order_and_depth():
    assert unique_docs(["a", "b", "a", "c", "b", "d"]) == ["a", "b", "c", "d"]
    assert unique_docs([str(i % 7) for i in range(50)], depth=3) == ["0", "1", "2"]
    assert unique_docs([]) == []


def test_gold_rank_is_one_based_and_none_when_missing():
    assert gold_rank(["x", "g", "y"], "g") == 2
    assert gold_rank(["g"], "g") == 1
    assert gold_rank(["x", "y"], "g") is None


def test_recall_and_mrr_on_hand_made_ranks():
    ranks = [1, 2, 5, 10, None, 11, 3, 1]
    assert recall_at(ranks, 1) == pytest.approx(2 / 8)
    assert recall_at(ranks, 5) == pytest.approx(5 / 8)
    assert recall_at(ranks, 10) == pytest.approx(6 / 8)
    # rank 11 is outside MRR@10, None counts as 0
    assert mrr_at(ranks, 10) == pytest.approx((1 + 1 / 2 + 1 / 5 + 1 / 10 + 1 / 3 + 1) / 8)
    s = summarize(ranks)
    assert (s["recall@1"], s["n"]) == (pytest.approx(0.25), 8)
    assert summarize([]) == {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0,
                             "mrr@10": 0.0, "n": 0}


def _pool(ids: list[int]) -> Pool:
    n = len(ids)
    z = np.zeros(n)
    return Pool(np.array(ids, np.int64), z, z, z, 0.0, z, z)


def test_pool_rank_collapses_chunks_to_documents():
    # chunks 0..5 belong to documents 0,0,1,1,2,3
    chunk_doc = np.array([0, 0, 1, 1, 2, 3])
    pool = _pool([0, 1, 2, 3, 4, 5])
    # order by score: chunk 1 (doc 0), chunk 0 (doc 0), chunk 5 (doc 3), chunk 2 (doc 1) ...
    scores = np.array([0.8, 0.9, 0.5, 0.1, 0.2, 0.7])
    assert pool_rank(pool, scores, chunk_doc, gold=0) == 1
    assert pool_rank(pool, scores, chunk_doc, gold=3) == 2
    assert pool_rank(pool, scores, chunk_doc, gold=1) == 3
    assert pool_rank(pool, scores, chunk_doc, gold=2) == 4
    assert pool_rank(pool, scores, chunk_doc, gold=9) is None
    # ties are broken by chunk id, as in the retriever
    assert pool_rank(pool, np.zeros(6), chunk_doc, gold=1) == 2
    assert pool_rank(_pool([]), np.zeros(0), chunk_doc, gold=0) is None


def test_dispatcher_reports_unknown_and_missing_benchmarks(capsys, monkeypatch):
    assert dispatcher.main(["nope"]) == 2
    assert "unknown benchmark 'nope'" in capsys.readouterr().err
    monkeypatch.setitem(dispatcher.BENCHES, "ghost", "not written yet")
    assert dispatcher.main(["ghost"]) == 2
    assert "no module qa_bot/bench/ghost.py" in capsys.readouterr().err
    assert dispatcher.main([]) == 2
    assert "usage" in capsys.readouterr().out


TINY = [
    ("Volcanoes", ["Mount Etna is an active stratovolcano on the east coast of Sicily. It is "
                   "the tallest active volcano in Europe outside the Caucasus.",
                   "Vesuvius destroyed Pompeii and Herculaneum in the year 79 AD. The ash "
                   "preserved the Roman towns for centuries."],
     [("What island is Mount Etna on?", "Sicily", 0),
      ("Which towns did Vesuvius destroy?", "Pompeii and Herculaneum", 1)]),
    ("Rivers", ["The Danube flows through ten countries, more than any other river. It ends "
                "in the Black Sea delta in Romania.",
                "The Amazon carries more water than any other river on Earth. Its basin "
                "covers much of Brazil."],
     [("Into which sea does the Danube flow?", "Black Sea", 0),
      ("Which river carries the most water?", "Amazon", 1)]),
    ("Chess", ["Magnus Carlsen became world chess champion in 2013 by defeating Viswanathan "
               "Anand in Chennai."],
     [("Who did Magnus Carlsen defeat in 2013?", "Viswanathan Anand", 0)]),
]


def _write_squad(path) -> None:
    data = []
    for title, paras, qas in TINY:
        ps = [{"context": c, "qas": []} for c in paras]
        for n, (q, a, i) in enumerate(qas):
            ps[i]["qas"].append({"id": f"{title}-{n}", "question": q,
                                 "answers": [{"text": a, "answer_start": paras[i].index(a)}]})
        data.append({"title": title, "paragraphs": ps})
    path.write_text(json.dumps({"version": "1.1", "data": data}), encoding="utf-8")


@pytest.mark.slow
def test_smoke_run_on_a_tiny_squad_file(tmp_path, embedder, capsys):
    from qa_bot.bench.retrieval import main

    squad = tmp_path / "tiny.json"
    _write_squad(squad)
    out = tmp_path / "report.json"
    rc = main(["--squad", str(squad), "--limit", "0", "--cache", str(tmp_path / "idx"),
               "--json", str(out), "--sweep", "--build-sample", "3", "--latency-queries", "4"])
    assert rc == 0
    report = json.loads(out.read_text())
    assert report["index"]["documents"] == 5 and report["questions"] == 5
    res = report["results"]
    assert set(res) == {"bm25", "dense", f"rrf (k={RetrievalConfig().rrf_k})", "hybrid (default)"}
    for m in res.values():
        assert m["n"] == 5 and 0 <= m["recall@1"] <= m["recall@5"] <= m["recall@10"] <= 1
    # five distinct topics, questions naming their paragraph: every retriever finds them all
    assert res["hybrid (default)"]["recall@1"] == 1.0
    assert res["bm25"]["recall@1"] == 1.0
    sw = report["sweep"]
    assert sw["fit_questions"] + sw["held_out_questions"] == 5
    assert sw["settings"] > 1000 and sw["chosen"]["fusion"] in ("convex", "rrf")
    assert report["indexing"]["paragraphs"] == 3 and report["indexing"]["chunks_per_s"] > 0
    assert report["latency"]["queries"] >= 2 and report["latency"]["retrieve_p50_ms"] > 0
    assert report["peak_rss_mb"] > 0
    assert "held-out half" in capsys.readouterr().out
    assert (tmp_path / "idx" / "manifest.json").is_file()
