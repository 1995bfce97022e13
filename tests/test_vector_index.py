"""The vector store: exact and HNSW agree, round trips, clear errors, kind by corpus size."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot.vector_index import FLAT_MAX, VectorIndex, choose_kind

DIM = 32


def _unit(n: int, seed: int, dim: int = DIM) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return _unit(1_000, 0), _unit(50, 1)


@pytest.fixture(scope="module")
def built(data) -> dict[str, VectorIndex]:
    base, _ = data
    return {k: VectorIndex.from_vectors(base, DIM, k) for k in ("flat", "hnsw")}


def test_flat_is_exact_inner_product(data):
    base, queries = data
    idx = VectorIndex.from_vectors(base, DIM, "flat")
    scores, ids = idx.search(queries, 10)
    brute = queries @ base.T
    want = np.argsort(-brute, axis=1)[:, :10]
    np.testing.assert_array_equal(ids, want)
    np.testing.assert_allclose(scores, np.take_along_axis(brute, want, 1), rtol=1e-5)


def test_flat_and_hnsw_agree_on_small_data(data, built):
    _, queries = data
    flat, hnsw = built["flat"], built["hnsw"]
    assert (flat.kind, hnsw.kind) == ("flat", "hnsw")
    _, exact = flat.search(queries, 10)
    scores, approx = hnsw.search(queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact, strict=True)])
    assert recall >= 0.98, recall  # 1k rows, efSearch 128: the graph search is ~exact
    assert (approx[:, 0] == exact[:, 0]).mean() >= 0.98
    assert np.all(np.diff(scores, axis=1) <= 1e-6)  # best first


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_save_load_round_trip(tmp_path, data, built, kind):
    base, queries = data
    idx = built[kind]
    idx.save(tmp_path / "v.faiss")
    back = VectorIndex.load(tmp_path / "v.faiss", kind)
    assert (back.kind, back.dim, len(back)) == (kind, DIM, len(base))
    np.testing.assert_array_equal(back.vectors(), base)
    a, b = idx.search(queries, 5), back.search(queries, 5)
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_allclose(a[0], b[0])
    if kind == "hnsw":
        assert back.index.hnsw.efSearch == VectorIndex.HNSW_EF_SEARCH
    # the kind comes from the file: no manifest hint needed, a wrong hint is an error
    assert VectorIndex.load(tmp_path / "v.faiss").kind == kind
    other = "flat" if kind == "hnsw" else "hnsw"
    with pytest.raises(ValueError, match=f"holds a {kind} index"):
        VectorIndex.load(tmp_path / "v.faiss", other)


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_dimension_mismatch_is_a_clear_error(data, built, kind):
    base, queries = data
    idx = built[kind]
    with pytest.raises(ValueError, match="do not fit dimension 32"):
        idx.add(_unit(3, 2, dim=DIM + 1))
    with pytest.raises(ValueError, match="does not fit dimension 32"):
        idx.search(_unit(1, 3, dim=DIM * 2), 5)
    with pytest.raises(ValueError, match="does not fit dimension 32"):
        idx.search(queries[0], 5)  # a 1-d vector is not a batch of queries
    assert len(idx) == len(base)  # the failed add changed nothing


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_empty_index(kind, tmp_path):
    idx = VectorIndex(DIM, kind)
    scores, ids = idx.search(_unit(2, 4), 10)
    assert scores.shape == ids.shape == (2, 0)
    assert idx.vectors().shape == (0, DIM)
    idx.add(np.zeros((0, DIM), np.float32))  # adding nothing is fine
    idx.save(tmp_path / "e.faiss")
    assert len(VectorIndex.load(tmp_path / "e.faiss")) == 0


def test_k_larger_than_index(data):
    base, queries = data
    idx = VectorIndex.from_vectors(base[:3], DIM, "flat")
    scores, ids = idx.search(queries[:1], 10)
    assert scores.shape == (1, 3) and sorted(ids[0].tolist()) == [0, 1, 2]


def test_incremental_add_equals_one_build(data, built):
    base, queries = data
    one = built["hnsw"]
    two = VectorIndex.from_vectors(base[:600], DIM, "hnsw")
    two.add(base[600:])
    np.testing.assert_array_equal(one.vectors(), two.vectors())
    _, a = one.search(queries, 10)
    _, b = two.search(queries, 10)
    assert np.mean([len(set(x) & set(y)) / 10 for x, y in zip(a, b, strict=True)]) >= 0.98


def test_kind_chosen_by_corpus_size():
    assert choose_kind(0) == choose_kind(FLAT_MAX) == "flat"
    assert choose_kind(FLAT_MAX + 1) == "hnsw"
    assert choose_kind(10, "hnsw") == "hnsw" and choose_kind(10**7, "flat") == "flat"
    with pytest.raises(ValueError, match="unknown index kind"):
        VectorIndex(DIM, "ivf")


# ---- through the corpus index: the kind is configurable and recorded ------------------------
@pytest.mark.slow
def test_index_kind_recorded_in_manifest_and_kept(embedder, seed_docs, tmp_index_dir):
    from qa_bot import QABot
    from qa_bot.index import CorpusIndex, read_manifest

    bot = QABot.build(seed_docs, index_dir=tmp_index_dir, index_kind="hnsw")
    man = read_manifest(tmp_index_dir)
    assert (man["index_kind"], man["index_kind_setting"]) == ("hnsw", "hnsw")
    back = CorpusIndex.load(tmp_index_dir, embedder)
    assert back.vectors.kind == "hnsw" and back.index_kind == "hnsw"
    q = bot.index.vectors.vectors()[:5]
    np.testing.assert_array_equal(back.vectors.search(q, 3)[1], bot.index.vectors.search(q, 3)[1])

    auto = QABot.build(seed_docs, index_dir=tmp_index_dir)  # small corpus: auto -> flat
    man = read_manifest(tmp_index_dir)
    assert (man["index_kind"], man["index_kind_setting"]) == ("flat", "auto")
    assert auto.info()["index_kind"] == "flat"
    assert CorpusIndex.load(tmp_index_dir, embedder).index_kind == "auto"  # may grow into hnsw
