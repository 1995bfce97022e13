"""QABot construction, loading and retrieval (the public Python API of the foundation)."""

from __future__ import annotations

import pytest

import qa_bot.bot as bot_module
from qa_bot import Document, Passage, QABot, QuestionError
from qa_bot.index import IndexMissing, read_manifest

pytestmark = pytest.mark.slow

NATO_DOC = "000_4629fa3c4aad59ae"
XINHUA_DOC = "004_0d901f088aa2777c"
USER_DOC = Document(id="walrus", title="Walrus", text="A walrus climbed onto the pier in Oslo.")


def test_public_api_on_seeds(seeds_bot):
    passages = seeds_bot.retrieve("How many peacekeepers does NATO keep in Kosovo?", k=5)
    p = passages[0]
    assert isinstance(p, Passage)
    assert (p.doc_id, p.title) == (NATO_DOC, seeds_bot.index.documents[NATO_DOC].title)
    assert isinstance(p.text, str) and p.start < p.end and isinstance(p.score, float)


def test_build_in_memory_writes_nothing(embedder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bot = QABot.build([USER_DOC])
    assert bot.index_dir is None
    assert list(tmp_path.iterdir()) == []
    assert bot.retrieve("walrus", k=1)[0].doc_id == "walrus"


def test_build_rejects_non_documents(embedder):
    with pytest.raises(TypeError, match="expected Document"):
        QABot.build([{"id": "a", "text": "dict, not a Document"}])


def test_build_to_folder_then_load(embedder, tmp_index_dir):
    built = QABot.build([USER_DOC], index_dir=tmp_index_dir)
    assert read_manifest(tmp_index_dir)["counts"]["documents"] == 1
    loaded = QABot.load(index_dir=tmp_index_dir)
    assert loaded.warnings == []
    q = "What climbed onto the pier?"
    assert [(p.doc_id, p.text) for p in loaded.retrieve(q)] == \
        [(p.doc_id, p.text) for p in built.retrieve(q)]


def test_load_of_a_missing_folder_without_seeds_raises(embedder, tmp_index_dir):
    with pytest.raises(IndexMissing, match="no index"):
        QABot.load(index_dir=tmp_index_dir)


@pytest.mark.parametrize("question", ["", "   ", "?!?"])
def test_retrieve_rejects_empty_questions(seeds_bot, question):
    with pytest.raises(QuestionError):
        seeds_bot.retrieve(question)


def test_info(seeds_bot):
    info = seeds_bot.info()
    assert info["model"] == "all-MiniLM-L6-v2"
    assert info["counts"] == {"documents": 2, "sentences": len(seeds_bot.index.sentences),
                              "chunks": len(seeds_bot.index.chunks)}
    by_id = {d["id"]: d for d in info["documents"]}
    assert by_id[XINHUA_DOC]["publisher"] == "Xinhua News Agency"
    assert by_id[NATO_DOC]["chars"] == len(seeds_bot.index.documents[NATO_DOC].text)
    assert info["query_encoder"]["tuned"] is False  # measured, not shipped (README)
    assert "no query encoder weights" in info["query_encoder"]["reason"]


def test_add_paths_reports_loader_warnings(embedder, tmp_path):
    (tmp_path / "good.txt").write_text("The ferry to Bergen was late again.", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    bot = QABot.build([])
    report = bot.add_paths([tmp_path])
    assert report["added"] == ["good"]
    assert any("empty.txt" in w for w in report["warnings"])


def test_default_index_keeps_user_documents_across_loads(seeds_bot, tmp_seeds, tmp_path,
                                                         monkeypatch):
    """``qa-bot index my.txt`` into the default seeds index, then any later default load:
    the user's article must stay (only seed files are synced with the seeds folder)."""
    default_dir = tmp_path / "embeddings"
    monkeypatch.setattr(bot_module, "DEFAULT_INDEX_DIR", default_dir)
    monkeypatch.setattr(bot_module, "DEFAULT_SEEDS", tmp_seeds)
    seeds_bot.index.save(default_dir)  # an up-to-date seeds index, without re-embedding

    bot = QABot.load()
    assert bot.warnings == []
    bot.add_documents([USER_DOC])
    again = QABot.load(index_dir=default_dir)  # what the CLI passes: still the seeds index
    assert again.warnings == []
    assert sorted(again.index.documents) == sorted([NATO_DOC, XINHUA_DOC, "walrus"])

    (tmp_seeds / f"{NATO_DOC}.txt").unlink()  # a seed file removed: its document goes
    third = QABot.load()
    assert any("removed: " + NATO_DOC in w for w in third.warnings)
    assert sorted(third.index.documents) == sorted([XINHUA_DOC, "walrus"])
    assert third.retrieve("walrus on the pier", k=1)[0].doc_id == "walrus"
