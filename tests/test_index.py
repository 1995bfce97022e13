"""The persistent index: round trip, manifest, incremental add/remove, seeds staleness.

(Corruption, truncation, model mismatch and read-only folders are tested elsewhere.)
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pytest

from qa_bot import Document, QABot
from qa_bot.chunking import ChunkingConfig
from qa_bot.embedder import PROBE_TEXT, Embedder
from qa_bot.index import FORMAT_VERSION, MANIFEST, CorpusIndex, read_manifest
from qa_bot.loader import text_hash

pytestmark = pytest.mark.slow  # real MiniLM + spaCy (shared session fixtures)

NATO_DOC = "000_4629fa3c4aad59ae"
XINHUA_DOC = "004_0d901f088aa2777c"

ALPHA = Document(id="alpha", title="Alpha", publisher="Wire A", date="2007",
                 text="Alpine villages voted on a new ski lift. The vote passed narrowly.")
BETA = Document(id="beta", title="Beta",
                text="The central bank raised interest rates. Inflation reached four percent.")
GAMMA = Document(id="gamma", title="Gamma",
                 text="A comet was seen over Oslo on Tuesday. Astronomers were delighted.")


class CountingEmbedder(Embedder):
    """The real embedder, recording every text it is asked to encode (probe excluded)."""

    def __init__(self) -> None:
        super().__init__()
        self.encoded: list[str] = []

    def encode(self, texts, progress=False, precision="float32"):
        self.encoded += [t for t in texts if t != PROBE_TEXT]
        return super().encode(texts, progress=progress, precision=precision)


@pytest.fixture
def counting(embedder) -> CountingEmbedder:  # depends on ``embedder``: model already loaded
    return CountingEmbedder()


def _sentence_keys(index: CorpusIndex) -> list[tuple]:
    return [(s.doc_id, s.start, s.end, s.text,
             [(e.start, e.end, e.label, e.text) for e in s.entities]) for s in index.sentences]


def _assert_rows_aligned(index: CorpusIndex, embedder: Embedder) -> None:
    """Vector row i is the embedding of sentence i: the text store and FAISS never drift."""
    assert len(index.vectors) == len(index.sentences)
    if not index.sentences:
        return
    fresh = embedder.encode([s.text for s in index.sentences])
    np.testing.assert_allclose(index.vectors.vectors(), fresh, atol=1e-4)


# ---- round trip and manifest ----------------------------------------------------------------
def test_save_load_round_trip(seeds_bot, embedder, tmp_index_dir):
    src = seeds_bot.index
    src.save(tmp_index_dir)
    loaded = CorpusIndex.load(tmp_index_dir, embedder)
    assert [d.to_dict() for d in loaded.documents.values()] == \
        [d.to_dict() for d in src.documents.values()]
    assert _sentence_keys(loaded) == _sentence_keys(src)
    assert any(s.entities for s in loaded.sentences)
    np.testing.assert_array_equal(loaded.vectors.vectors(), src.vectors.vectors())
    assert [c.to_dict() for c in loaded.chunks] == [c.to_dict() for c in src.chunks]
    assert loaded.config == src.config
    bot = QABot(loaded, tmp_index_dir)
    for q in ("How many peacekeepers does NATO keep in Kosovo?",
              "What did Kostunica say about negotiations?"):
        a, b = seeds_bot.retrieve(q, k=5), bot.retrieve(q, k=5)
        assert [(p.doc_id, p.start, p.end, p.text) for p in a] == \
            [(p.doc_id, p.start, p.end, p.text) for p in b]
        np.testing.assert_allclose([p.score for p in a], [p.score for p in b], atol=1e-6)


def test_manifest_content(seeds_bot, embedder, tmp_index_dir):
    idx = seeds_bot.index
    idx.save(tmp_index_dir)
    man = read_manifest(tmp_index_dir)
    assert man["format_version"] == FORMAT_VERSION
    assert man["model"]["name"] == "all-MiniLM-L6-v2"
    assert man["model"]["dim"] == 384 == embedder.dim
    assert man["model"]["fingerprint"] == embedder.fingerprint()
    assert len(man["model"]["fingerprint"]) == 8
    assert man["chunking"] == ChunkingConfig().to_dict()
    assert man["counts"] == {"documents": 2, "sentences": len(idx.sentences),
                             "vectors": len(idx.sentences), "chunks": len(idx.chunks)}
    per_doc = {d["id"]: d for d in man["documents"]}
    assert sorted(per_doc) == [NATO_DOC, XINHUA_DOC]
    for doc_id, d in per_doc.items():
        text = idx.documents[doc_id].text
        assert d["sha256"] == text_hash(text) == hashlib.sha256(text.encode()).hexdigest()
        assert d["sentences"] == sum(s.doc_id == doc_id for s in idx.sentences) > 0
    assert set(man["files"]) == {"documents", "sentences", "vectors"}
    for f in man["files"].values():
        data = (tmp_index_dir / f["name"]).read_bytes()
        assert f["bytes"] == len(data)
        assert f["sha256"] == hashlib.sha256(data).hexdigest()
    # data files are JSON lines / FAISS, never pickle
    first = (tmp_index_dir / man["files"]["documents"]["name"]).read_text("utf-8").splitlines()
    assert json.loads(first[0])["id"] in per_doc


def test_resave_keeps_one_generation_and_no_temp_files(seeds_bot, embedder, tmp_index_dir):
    seeds_bot.index.save(tmp_index_dir)
    first = read_manifest(tmp_index_dir)["files"]
    seeds_bot.index.save(tmp_index_dir)
    second = read_manifest(tmp_index_dir)["files"]
    assert {f["name"] for f in first.values()}.isdisjoint(f["name"] for f in second.values())
    names = {p.name for p in tmp_index_dir.iterdir()}
    assert names - {".lock"} == {MANIFEST} | {f["name"] for f in second.values()}
    CorpusIndex.load(tmp_index_dir, embedder)


# ---- incremental add / remove ---------------------------------------------------------------
def test_add_embeds_only_new_or_changed_documents(counting):
    idx = CorpusIndex(counting)
    report = idx.add([ALPHA, BETA])
    assert report == {"added": ["alpha", "beta"], "updated": [], "unchanged": []}
    assert sorted(counting.encoded) == sorted(s.text for s in idx.sentences)
    assert len(idx.sentences) == 4

    counting.encoded.clear()
    beta2 = Document(id="beta", title="Beta", text=BETA.text + " Markets fell sharply.")
    report = idx.add([ALPHA, beta2, GAMMA])
    assert report == {"added": ["gamma"], "updated": ["beta"], "unchanged": ["alpha"]}
    expected = [s.text for s in idx.sentences if s.doc_id in ("beta", "gamma")]
    assert sorted(counting.encoded) == sorted(expected)
    assert not any("Alpine" in t for t in counting.encoded)
    assert sum(s.doc_id == "beta" for s in idx.sentences) == 3  # old beta rows are gone
    assert idx.documents["beta"].text == beta2.text
    _assert_rows_aligned(idx, counting)

    counting.encoded.clear()
    retitled = Document(id="alpha", title="Alpha, corrected", source="wire.example",
                        text=ALPHA.text)
    assert idx.add([retitled])["unchanged"] == ["alpha"]
    assert counting.encoded == []
    assert idx.documents["alpha"].title == "Alpha, corrected"
    assert idx.documents["alpha"].source == "wire.example"


def test_repeated_id_in_one_batch_is_indexed_once(counting):
    idx = CorpusIndex(counting)
    newer = Document(id="alpha", text="A different second version. It has two sentences.")
    idx.add([ALPHA, newer])
    assert list(idx.documents) == ["alpha"]
    assert [s.text for s in idx.sentences] == ["A different second version.",
                                                "It has two sentences."]
    assert len(idx.vectors) == 2
    _assert_rows_aligned(idx, counting)


def test_remove_drops_sentences_chunks_vectors(counting):
    idx = CorpusIndex(counting)
    idx.add([ALPHA, BETA, GAMMA])
    bot = QABot(idx)
    hit = bot.retrieve("central bank interest rates inflation", k=3)
    assert hit[0].doc_id == "beta"

    assert idx.remove(["beta", "nope"]) == ["beta"]
    assert "beta" not in idx.documents
    assert all(s.doc_id != "beta" for s in idx.sentences)
    assert all(c.doc_id != "beta" for c in idx.chunks)
    assert len(idx.vectors) == len(idx.sentences) == 4
    assert [c.id for c in idx.chunks] == list(range(len(idx.chunks)))
    _assert_rows_aligned(idx, counting)
    for q in ("central bank interest rates inflation", BETA.text, "Markets"):
        assert all(p.doc_id != "beta" for p in bot.retrieve(q, k=10))
    assert idx.remove(["beta"]) == []


def test_remove_everything_then_add_again(counting):
    idx = CorpusIndex(counting)
    idx.add([ALPHA])
    idx.remove(["alpha"])
    assert (idx.documents, idx.sentences, idx.chunks, len(idx.vectors)) == ({}, [], [], 0)
    assert QABot(idx).retrieve("ski lift", k=3) == []
    idx.add([GAMMA])
    assert QABot(idx).retrieve("comet over Oslo", k=3)[0].doc_id == "gamma"


def test_bot_add_and_remove_persist(counting, tmp_index_dir):
    bot = QABot.build([ALPHA], index_dir=tmp_index_dir)
    assert bot.add_documents([BETA])["added"] == ["beta"]
    assert sorted(CorpusIndex.load(tmp_index_dir, counting).documents) == ["alpha", "beta"]
    assert bot.remove_documents(["alpha"]) == ["alpha"]
    reloaded = QABot.load(index_dir=tmp_index_dir)
    assert sorted(reloaded.index.documents) == ["beta"]
    assert all(p.doc_id == "beta" for p in reloaded.retrieve("ski lift vote", k=5))
    _assert_rows_aligned(reloaded.index, counting)


# ---- seeds staleness ------------------------------------------------------------------------
@pytest.fixture
def seeded_index_dir(seeds_bot, tmp_index_dir):
    """An up-to-date seeds index on disk (saved from the session bot: no re-embedding)."""
    seeds_bot.index.save(tmp_index_dir)
    return tmp_index_dir


def test_load_builds_missing_index_from_seeds(embedder, tmp_path, tmp_index_dir):
    seeds = tmp_path / "few"
    seeds.mkdir()
    (seeds / "walrus.txt").write_text("A walrus visited the harbour today.", "utf-8")
    bot = QABot.load(index_dir=tmp_index_dir, seeds=seeds)
    assert bot.warnings == []  # a first build is not a problem
    assert list(bot.index.documents) == ["walrus"]
    assert read_manifest(tmp_index_dir)["counts"]["documents"] == 1
    assert bot.retrieve("walrus", k=1)[0].doc_id == "walrus"


def test_load_rebuilds_when_seeds_change(embedder, tmp_seeds, seeded_index_dir):
    tmp_index_dir = seeded_index_dir
    first = QABot.load(index_dir=tmp_index_dir, seeds=tmp_seeds)
    assert first.warnings == []
    assert sorted(first.index.documents) == [NATO_DOC, XINHUA_DOC]
    gen = read_manifest(tmp_index_dir)["files"]["vectors"]["name"]

    assert read_manifest(tmp_index_dir)["files"]["vectors"]["name"] == gen  # reused, not saved

    xinhua = tmp_seeds / f"{XINHUA_DOC}.txt"
    xinhua.write_text(xinhua.read_text("utf-8") + "\nThe zeppelin landed in Pristina at noon.\n",
                      encoding="utf-8")
    (tmp_seeds / "extra.txt").write_text("A walrus visited the harbour today.", "utf-8")
    (tmp_seeds / f"{NATO_DOC}.txt").unlink()
    changed = QABot.load(index_dir=tmp_index_dir, seeds=tmp_seeds)
    joined = " ".join(changed.warnings)
    assert "changed" in joined and XINHUA_DOC in joined
    assert "added: extra" in joined
    assert "removed" in joined and NATO_DOC in joined
    assert sorted(changed.index.documents) == [XINHUA_DOC, "extra"]
    top = changed.retrieve("Where did the zeppelin land?", k=1)[0]
    assert top.doc_id == XINHUA_DOC and "zeppelin" in top.text
    assert all(p.doc_id != NATO_DOC for p in changed.retrieve("NATO peacekeepers", k=10))
    # and the rebuilt index was saved: a fresh load agrees without further warnings
    fresh = QABot.load(index_dir=tmp_index_dir, seeds=tmp_seeds)
    assert fresh.warnings == []
    assert sorted(fresh.index.documents) == [XINHUA_DOC, "extra"]


def test_load_picks_up_metadata_changes(counting, tmp_seeds, seeded_index_dir):
    tmp_index_dir = seeded_index_dir
    meta_path = tmp_seeds / "metadata.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    meta[f"{XINHUA_DOC}.txt"]["date"] = "20 December 2007"
    meta_path.write_text(json.dumps(meta), "utf-8")
    bot = QABot.load(index_dir=tmp_index_dir, seeds=tmp_seeds)
    assert any("metadata" in w and XINHUA_DOC in w for w in bot.warnings)
    assert bot.index.documents[XINHUA_DOC].date == "20 December 2007"
    reloaded = CorpusIndex.load(tmp_index_dir, counting)
    assert reloaded.documents[XINHUA_DOC].date == "20 December 2007"


def test_an_index_cut_by_an_older_sentence_splitter_is_rebuilt_for_seeds_only(embedder,
                                                                              tmp_path):
    from qa_bot.chunking import SEGMENTER_VERSION

    seeds, index_dir = tmp_path / "few", tmp_path / "idx"
    seeds.mkdir()
    (seeds / "walrus.txt").write_text("A walrus visited the harbour today.", "utf-8")
    QABot.load(index_dir=index_dir, seeds=seeds)
    assert read_manifest(index_dir)["segmenter"] == SEGMENTER_VERSION

    def older() -> None:  # as an index written before the splitter's version was recorded
        man = read_manifest(index_dir)
        del man["segmenter"]
        (index_dir / MANIFEST).write_text(json.dumps(man), "utf-8")

    older()
    user = QABot.load(index_dir=index_dir)  # a user's index: still answers, and says so
    assert user.index.segmenter == 1 and "sentence splitter 1" in " ".join(user.warnings)
    assert user.retrieve("walrus", k=1)[0].doc_id == "walrus"
    assert user.index.stale_against(list(user.index.documents.values()))
    rebuilt = QABot.load(index_dir=index_dir, seeds=seeds)  # the seeds: re-cut and saved
    assert "rebuilding" in " ".join(rebuilt.warnings)
    assert rebuilt.index.segmenter == SEGMENTER_VERSION
    assert read_manifest(index_dir)["segmenter"] == SEGMENTER_VERSION
    assert QABot.load(index_dir=index_dir, seeds=seeds).warnings == []
