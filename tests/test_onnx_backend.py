"""ONNX Runtime for the query-time networks: same outputs as PyTorch, cached graphs checked."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot.onnx_backend import resolve_backend


def test_backend_choice(monkeypatch) -> None:
    monkeypatch.delenv("QA_BOT_BACKEND", raising=False)
    # bfloat16 where the CPU has it stays on PyTorch; float32 goes to ONNX Runtime
    assert resolve_backend("bfloat16") == "torch"
    assert resolve_backend("float32") == "onnx"
    assert resolve_backend("float32", "torch") == "torch"
    # the question's embedding: ONNX Runtime's float32 whatever the precision
    assert resolve_backend("bfloat16", network="query") == "onnx"
    assert resolve_backend("bfloat16", "torch", network="query") == "torch"
    monkeypatch.setenv("QA_BOT_BACKEND", "torch")
    assert resolve_backend("float32") == "torch"
    assert resolve_backend("bfloat16", network="query") == "torch"
    monkeypatch.setenv("QA_BOT_BACKEND", "tensorflow")
    with pytest.raises(ValueError, match="QA_BOT_BACKEND"):
        resolve_backend("float32")


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("QA_BOT_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.mark.slow
def test_reader_reads_the_same_in_onnx_runtime(onnx_cache) -> None:
    from qa_bot.reader import load
    from qa_bot.types import Sentence

    texts = ["Russia's UN Ambassador Vitaly Churkin described the talks as worthwhile.",
             "The troika spent four months trying to broker a deal."]
    sents = [Sentence("d", 0, len(t), t, []) for t in texts]
    torch_reader, onnx_reader = load(precision="float32"), load(precision="float32")
    torch_reader.backend, onnx_reader.backend = "torch", "onnx"
    assert onnx_reader.onnx_net() is not None and torch_reader.onnx_net() is None
    q = "How did Churkin describe the talks?"
    for a, b in zip(torch_reader.read(q, sents), onnx_reader.read(q, sents), strict=True):
        assert a.offsets == b.offsets
        assert abs(a.rel - b.rel) < 1e-3
        assert np.allclose(a.start, b.start, atol=1e-3) and np.allclose(a.end, b.end, atol=1e-3)


@pytest.mark.slow
def test_the_packed_reader_graph_reads_as_the_padded_one(onnx_cache) -> None:
    """ONNX Runtime runs the packed pass (unpadded.py) by default; ``packed = False`` gives
    the plain padded graph, and the two agree on pairs of three lengths."""
    from qa_bot.onnx_backend import cache_dir
    from qa_bot.reader import load
    from qa_bot.types import Sentence

    texts = ["Russia's UN Ambassador Vitaly Churkin described the 120 days of negotiations "
             "as a worthwhile exercise.",
             "The troika spent four months trying to broker a deal.", "Talks ended."]
    sents = [Sentence("d", 0, len(t), t, []) for t in texts]
    reader = load(precision="float32")
    reader.backend = "onnx"
    q = "How did Churkin describe the talks?"
    packed = reader.read(q, sents)
    assert reader.onnx_net() is not None
    assert [p.name.split("-")[1] for p in cache_dir().glob("reader-*.onnx")] == ["packed"]
    reader.packed = False
    padded = reader.read(q, sents)
    assert reader.onnx_net() is not None and len(list(cache_dir().glob("reader-*.onnx"))) == 2
    assert len({len(r.offsets) for r in padded}) == 3  # three lengths: the batch pads
    for a, b in zip(packed, padded, strict=True):
        assert a.offsets == b.offsets
        assert abs(a.rel - b.rel) < 1e-4
        assert np.allclose(a.start, b.start, atol=1e-4) and np.allclose(a.end, b.end, atol=1e-4)


@pytest.mark.slow
def test_query_vectors_match_and_a_corrupted_graph_is_exported_again(onnx_cache, caplog):
    from qa_bot import embedder as embedder_module
    from qa_bot.embedder import Embedder
    from qa_bot.onnx_backend import cache_dir

    q = ["Who is Russia's ambassador to the UN?", "How many peacekeepers does NATO keep?"]
    emb = Embedder(tuned_queries=False)
    ref = emb.encode(q)
    got = emb.encode_query(q, precision="float32")
    assert emb.onnx_query() is not None
    assert np.allclose((ref * got).sum(1), 1.0, atol=1e-5)
    (graph,) = cache_dir().glob("query-*.onnx")
    graph.write_bytes(graph.read_bytes()[:1000])  # truncated on disk
    fresh = Embedder(tuned_queries=False)
    assert fresh.onnx_query() is emb.onnx_query()  # one session per process, shared
    embedder_module._ONNX_QUERY.clear()  # as in a new process: the graph is read from disk
    assert fresh.onnx_query() is not None and "exporting it again" in caplog.text
    assert np.allclose(fresh.encode_query(q, precision="float32"), got, atol=1e-5)
