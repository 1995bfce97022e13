"""Hybrid retrieval on the seeds with the real MiniLM model (shared session fixtures)."""

from __future__ import annotations

import pytest

from qa_bot import Document, QABot
from qa_bot.retriever import RetrievalConfig
from qa_bot.types import Passage

pytestmark = pytest.mark.slow

NATO_DOC = "000_4629fa3c4aad59ae"
XINHUA_DOC = "004_0d901f088aa2777c"
QUESTIONS = [
    "How many peacekeepers does NATO keep in Kosovo?",
    "Who holds the presidency of the UN Security Council?",
    "What did Condoleezza Rice say about more negotiations?",
    "When will the Security Council discuss the Kosovo report?",
]


def test_nato_question_finds_the_nato_passage_first(seeds_bot):
    top = seeds_bot.retrieve("How many peacekeepers does NATO keep in Kosovo?", k=5)[0]
    assert top.doc_id == NATO_DOC
    assert "16,000 peacekeepers" in top.text


def test_presidency_question_finds_the_xinhua_passage_first(seeds_bot):
    top = seeds_bot.retrieve("Who holds the presidency of the UN Security Council?", k=5)[0]
    assert top.doc_id == XINHUA_DOC
    assert "Italy, which holds the presidency" in top.text


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("k", [1, 3, 5])
def test_passages_best_first_and_true_to_the_text(seeds_bot, question, k):
    passages = seeds_bot.retrieve(question, k=k)
    assert len(passages) == k
    assert all(isinstance(p, Passage) for p in passages)
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    assert len({p.chunk_id for p in passages}) == k
    for p in passages:
        doc = seeds_bot.index.documents[p.doc_id]
        assert doc.text[p.start:p.end] == p.text
        assert (p.title, p.publisher, p.date) == (doc.title, doc.publisher, doc.date)
        chunk = seeds_bot.index.chunks[p.chunk_id]
        assert (chunk.doc_id, chunk.start, chunk.end) == (p.doc_id, p.start, p.end)


def test_smaller_k_is_a_prefix_of_larger_k(seeds_bot):
    q = QUESTIONS[0]
    big = [p.chunk_id for p in seeds_bot.retrieve(q, k=8)]
    assert [p.chunk_id for p in seeds_bot.retrieve(q, k=3)] == big[:3]


def test_k_above_the_corpus_size_returns_every_chunk_once(seeds_bot):
    n = len(seeds_bot.index.chunks)
    passages = seeds_bot.retrieve("Kosovo", k=n + 50)
    assert 0 < len(passages) <= n
    assert len({p.chunk_id for p in passages}) == len(passages)


def test_score_components(seeds_bot):
    scored, qvec = seeds_bot.retriever.score(QUESTIONS[0], k=10)
    assert qvec.shape == (1, seeds_bot.index.embedder.dim)
    assert len(scored) == 10
    for s in scored:
        assert -1.0 <= s.dense <= 1.01
        assert s.bm25 >= 0 and 0 <= s.bm25_norm <= 1
    assert max(s.bm25_norm for s in scored) == pytest.approx(1.0)


@pytest.mark.parametrize("fusion", ["convex", "rrf", "dense", "bm25"])
def test_every_fusion_mode_ranks_consistently(seeds_bot, fusion):
    cfg = RetrievalConfig(fusion=fusion)
    scored, _ = seeds_bot.retriever.score(QUESTIONS[1], k=5, config=cfg)
    assert len(scored) == 5
    assert [s.score for s in scored] == sorted((s.score for s in scored), reverse=True)
    if fusion == "dense":
        assert [s.score for s in scored] == pytest.approx([s.dense for s in scored])


def test_empty_index_returns_nothing(embedder):
    bot = QABot.build([])
    assert bot.retrieve("Anything at all?", k=5) == []


def test_retrieval_sees_documents_added_and_removed_later(embedder):
    bot = QABot.build([Document(id="a", text="The harbour was quiet on Monday.")])
    bot.add_documents([Document(id="walrus", text="A walrus climbed onto the pier.")])
    assert bot.retrieve("walrus pier", k=1)[0].doc_id == "walrus"  # BM25 + dense refreshed
    bot.remove_documents(["walrus"])
    assert [p.doc_id for p in bot.retrieve("walrus pier", k=5)] == ["a"]


@pytest.mark.slow
def test_bfloat16_query_vectors_match_float32_and_indexing_stays_float32(embedder,
                                                                         monkeypatch) -> None:
    import numpy as np

    q = ["How many peacekeepers does NATO keep in Kosovo?"]
    full = embedder.encode(q)
    half = embedder.encode(q, precision="bfloat16")
    assert abs(float(np.linalg.norm(half)) - 1.0) < 1e-5
    assert float(full[0] @ half[0]) > 0.9999
    assert not np.array_equal(full, half)  # bfloat16 really ran
    # the index side never follows the query-time setting
    monkeypatch.setenv("QA_BOT_PRECISION", "bfloat16")
    assert np.array_equal(embedder.encode(q), full)


def test_pinned_chunks_are_kept_among_the_k_and_excluded_documents_are_not(seeds_bot):
    scored, _ = seeds_bot.retriever.score(QUESTIONS[0], k=3)
    last = max(range(len(seeds_bot.index.chunks)), key=lambda c: c not in {
        s.chunk_id for s in seeds_bot.retriever.score(QUESTIONS[0], k=50)[0][:10]})
    pinned, _ = seeds_bot.retriever.score(QUESTIONS[0], k=3, pinned=[last])
    assert [s.chunk_id for s in pinned] == [s.chunk_id for s in scored[:2]] + [last]
    doc = seeds_bot.index.chunks[last].doc_id
    hidden, _ = seeds_bot.retriever.score(QUESTIONS[0], k=3, pinned=[last], exclude={doc})
    assert last not in [s.chunk_id for s in hidden]
