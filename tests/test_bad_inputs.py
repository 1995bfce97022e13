"""The bad-input matrix: odd questions, odd documents, damaged index folders.

One table, one test. Every row gets a clear error message or sensible handling, never a crash,
and nothing already indexed is lost: index rows damage a *copy* of a good index, check the
error ``CorpusIndex.load`` gives, check that ``QABot.load()`` on the default (seeds) path
rebuilds and says why, and check that the good index elsewhere is byte-for-byte unchanged and
still answers.

Rows that need the real models are marked slow; question and document rows that do not are
fast.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tracemalloc
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from answer_checks import assert_cited_answer

import qa_bot.bot
from qa_bot import QABot, QuestionError
from qa_bot.embedder import Embedder
from qa_bot.index import MANIFEST, CorpusIndex, IndexCorrupt, IndexMissing, IndexStale
from qa_bot.loader import LoadError, load_file, load_paths
from qa_bot.question import clean_question

ROOT = Path(__file__).resolve().parents[1]
NATO_DOC = "000_4629fa3c4aad59ae"
KNOWN_Q = "How many peacekeepers does NATO keep in Kosovo?"
KNOWN_A = "16,000"
GOOD_TEXT = "The harbour reopened on Monday after the storm. Ferries resumed at noon."


@dataclass
class Ctx:
    """What a row gets: pytest's request (for lazy model fixtures), a tmp dir, monkeypatch."""

    request: pytest.FixtureRequest
    tmp: Path
    monkeypatch: pytest.MonkeyPatch

    def fixture(self, name: str):
        return self.request.getfixturevalue(name)


# ---- shared checks --------------------------------------------------------------------------
check_answer = assert_cited_answer


def check_answers_known(bot: QABot) -> None:
    """The index behind ``bot`` is the right one: the known passage comes back."""
    top = bot.retrieve(KNOWN_Q, k=3)
    assert any(p.doc_id == NATO_DOC and KNOWN_A in p.text for p in top), top


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


# ---- questions ------------------------------------------------------------------------------
def question_error(q: str, match: str) -> Callable[[Ctx], None]:
    """Rejected before any model runs: the real ``ask`` on an (empty, model-free) bot."""

    def run(ctx: Ctx) -> None:
        with pytest.raises(QuestionError, match=match):
            clean_question(q)
        bot = QABot(CorpusIndex(Embedder()))  # Embedder() only resolves the model folder
        with pytest.raises(QuestionError, match=match) as err:
            bot.ask(q)
        assert len(str(err.value)) < 200  # a message for a person, not a dump of the input

    return run


def question_answered(q: str, finds_known: bool = False) -> Callable[[Ctx], None]:
    """Odd but real questions: a normal Answer or an abstention, never an exception."""

    def run(ctx: Ctx) -> None:
        bot = ctx.fixture("seeds_bot")
        ans = bot.ask(q)
        check_answer(bot, ans)
        assert not any(unicodedata.category(ch) == "Cc" for ch in ans.search_query)
        assert "<script" not in ans.text.lower() and "<script" not in ans.sentence.lower()
        for p in bot.retrieve(q, k=3):
            assert bot.index.documents[p.doc_id].text[p.start:p.end] == p.text
        if finds_known:  # cleaning must not wreck retrieval of an otherwise good question
            assert any(KNOWN_A in p.text for p in bot.retrieve(q, k=3))

    return run


# ---- documents ------------------------------------------------------------------------------
def documents(files: dict[str, bytes | Callable[[Path], None]], ids: list[str],
              warning: str | None, single: str | None = None,
              max_peak_mb: float | None = None) -> Callable[[Ctx], None]:
    """Load a folder holding ``files`` plus one good article: the good one always loads, the
    bad ones become warnings matching ``warning``; ``single`` is the LoadError a lone file
    gives; ``max_peak_mb`` bounds Python memory while loading (huge files are not read)."""

    def run(ctx: Ctx) -> None:
        folder = ctx.tmp / "docs"
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
        for name, content in files.items():
            if callable(content):
                content(folder / name)
            else:
                (folder / name).write_bytes(content)
        tracemalloc.start()
        try:
            res = load_paths([folder])
            peak = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
        assert sorted(d.id for d in res.documents) == sorted(["good", *ids]), res.warnings
        good = next(d for d in res.documents if d.id == "good")
        assert good.text == GOOD_TEXT
        if warning:
            assert any(re.search(warning, w) for w in res.warnings), res.warnings
        else:
            assert not res.warnings
        if max_peak_mb is not None:
            assert peak < max_peak_mb, f"loading peaked at {peak:.0f} MB"
        if single:
            with pytest.raises(LoadError, match=single):
                load_file(folder / next(iter(files)))

    return run


def sparse(size: int, head: bytes = b"") -> Callable[[Path], None]:
    """A ``size``-byte file that costs no disk or memory to make (zeros after ``head``)."""

    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(head)
            fh.truncate(size)

    return make


NESTED = ("<html><head><title>Deep</title></head><body>" + "<div><span>" * 5_000
          + "<p>Deep news text survives nesting.</p>" + "</span></div>" * 5_000
          + "</body></html>").encode()

JSONL = "\n".join([
    json.dumps({"id": "j1", "text": "First wire story about rain."}),
    json.dumps({"id": "j2", "title": "no text field"}),
    '{"id": "j3", "text": "broken',
    json.dumps(["not", "an", "object"]),
    json.dumps({"id": "j5", "text": 42}),
    "",
    json.dumps({"text": "Second wire story, no id."}),
    json.dumps({"id": "j1", "text": "Another story reusing id j1."}),
]).encode()


def documents_into_index(ctx: Ctx) -> None:
    """All the bad files at once into a saved bot: warnings, and nothing already indexed lost."""
    bot = QABot.build(ctx.fixture("seed_docs"), index_dir=ctx.tmp / "idx")
    folder = ctx.tmp / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "report.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (folder / "latin.txt").write_bytes("Café owners in Zürich reopened.".encode("latin-1"))
    (folder / "deep.html").write_bytes(NESTED)
    (folder / "wire.jsonl").write_bytes(JSONL)
    sparse(50_000_000)(folder / "huge.txt")
    report = bot.add_paths([folder])
    assert sorted(report["added"]) == ["deep", "j1", "latin", "wire-7"]
    for name in ("empty.txt", "report.txt", "latin.txt", "huge.txt", "wire.jsonl:2",
                 "wire.jsonl:3", "j1: duplicate document id"):
        assert any(name in w for w in report["warnings"]), (name, report["warnings"])
    back = QABot.load(index_dir=ctx.tmp / "idx")
    assert set(back.index.documents) == {*bot.index.documents}
    check_answers_known(back)
    assert any("nesting" in p.text for p in back.retrieve("What survives nesting?", k=3))


# ---- index folders --------------------------------------------------------------------------
def _manifest(d: Path) -> dict:
    return json.loads((d / MANIFEST).read_text("utf-8"))


def _write_manifest(d: Path, man: dict) -> None:
    (d / MANIFEST).write_text(json.dumps(man, indent=1), encoding="utf-8")


def _rewrite(d: Path, key: str, data: bytes) -> None:
    """Replace a data file *and* its manifest entry, so only the named inconsistency remains."""
    man = _manifest(d)
    (d / man["files"][key]["name"]).write_bytes(data)
    man["files"][key].update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    _write_manifest(d, man)


def _file(d: Path, key: str) -> Path:
    return d / _manifest(d)["files"][key]["name"]


def no_index(d: Path) -> None:
    shutil.rmtree(d)


def vectors_deleted(d: Path) -> None:
    _file(d, "vectors").unlink()


def faiss_truncated(d: Path) -> None:
    p = _file(d, "vectors")
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def faiss_truncated_consistently(d: Path) -> None:
    data = _file(d, "vectors").read_bytes()
    _rewrite(d, "vectors", data[: len(data) // 2])


def counts_disagree(d: Path) -> None:
    lines = _file(d, "sentences").read_bytes().splitlines(keepends=True)
    _rewrite(d, "sentences", b"".join(lines[:-1]))  # 51 sentence rows, 52 vectors


def other_model_name(d: Path) -> None:
    man = _manifest(d)
    man["model"]["name"] = "paraphrase-multilingual-MiniLM-L12-v2"
    _write_manifest(d, man)


def other_model_weights(d: Path) -> None:
    man = _manifest(d)  # same name and dimension, different vectors (e.g. a fine-tuned copy)
    man["model"]["fingerprint"] = [-x for x in man["model"]["fingerprint"]]
    _write_manifest(d, man)


def future_format(d: Path) -> None:
    man = _manifest(d)
    man["format_version"] = 99
    _write_manifest(d, man)


def manifest_garbage(d: Path) -> None:
    (d / MANIFEST).write_bytes(b'{"format_version": 1, "model": {"na')


def index_case(damage: Callable[[Path], None], error: type, match: str,
               warns: bool = True) -> Callable[[Ctx], None]:
    def run(ctx: Ctx) -> None:
        good = ctx.fixture("good_index")
        before = tree_hashes(good)
        embedder = ctx.fixture("embedder")
        victim = ctx.tmp / "embeddings"
        shutil.copytree(good, victim)
        damage(victim)

        with pytest.raises(error, match=match):
            CorpusIndex.load(victim, embedder)

        ctx.monkeypatch.setattr(qa_bot.bot, "DEFAULT_INDEX_DIR", victim)
        ctx.monkeypatch.setattr(qa_bot.bot, "DEFAULT_SEEDS", ROOT / "seeds")
        bot = QABot.load()
        if warns:
            assert any(re.search(match, w) and "rebuilding" in w for w in bot.warnings), \
                bot.warnings
        else:
            assert bot.warnings == []
        check_answers_known(bot)
        assert len(bot.index.vectors) == len(bot.index.sentences) > 0
        fixed = CorpusIndex.load(victim, embedder)  # rebuilt and saved: loads cleanly now
        assert len(fixed.sentences) == len(bot.index.sentences)

        assert tree_hashes(good) == before  # the good index elsewhere: untouched ...
        check_answers_known(QABot.load(index_dir=good))  # ... and still correct

    return run


def _make_read_only(folder: Path) -> Callable[[], None]:
    """Make ``folder`` unwritable for this process; returns the undo. Root ignores permission
    bits, so as root the folder is made immutable (``chattr +i``) instead."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        return lambda: os.chmod(folder, 0o755)
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root, where directory permissions do not block writes, and "
                    "chattr is not installed to make the folder immutable instead")
    proc = subprocess.run([chattr, "+i", str(folder)], capture_output=True, text=True)
    if proc.returncode != 0 or os.access(folder, os.W_OK):
        subprocess.run([chattr, "-i", str(folder)], capture_output=True)
        pytest.skip("running as root, where directory permissions do not block writes, and "
                    f"chattr +i does not work on this file system ({proc.stderr.strip()})")
    return lambda: subprocess.run([chattr, "-i", str(folder)], check=True)


def read_only_dir(ctx: Ctx) -> None:
    """A read-only index folder: save says so clearly and changes nothing; a bot that must
    re-index keeps the new index in memory and says so; the old index stays loadable."""
    good = ctx.fixture("good_index")
    embedder = ctx.fixture("embedder")
    victim, seeds = ctx.tmp / "embeddings", ctx.tmp / "seeds"
    shutil.copytree(good, victim)
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "comet.txt").write_text("A comet was seen over Oslo on Tuesday.\n")
    before = tree_hashes(victim)
    undo = _make_read_only(victim)
    try:
        idx = CorpusIndex.load(victim, embedder)  # reading a read-only index is fine
        with pytest.raises(PermissionError, match=r"index folder .* is not writable; the "
                           r"existing index \(if any\) is unchanged"):
            idx.save(victim)
        bot = QABot.load(index_dir=victim, seeds=seeds)  # seeds changed: must re-index
        assert any("kept in memory only" in w and "not writable" in w for w in bot.warnings), \
            bot.warnings
        assert "comet" in bot.index.documents
        assert any("Oslo" in p.text for p in bot.retrieve("Where was the comet seen?", k=1))
        check_answers_known(bot)
        assert tree_hashes(victim) == before
    finally:
        undo()
    old = QABot.load(index_dir=victim)
    assert "comet" not in old.index.documents
    check_answers_known(old)


# ---- the table ------------------------------------------------------------------------------
slow = pytest.mark.slow
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

CASES = [
    # questions
    pytest.param(question_error("", "empty"), id="q-empty"),
    pytest.param(question_error(" \t\n\u3000\u00a0\u200b ", "empty"), id="q-whitespace"),
    pytest.param(question_error("Why? " * 20_480, r"102,400 characters long; please ask in "
                                "under 2,000"), id="q-100kb"),
    pytest.param(question_error("?!... ¿¡ — … ;-) ***", "no words"), id="q-punctuation-only"),
    pytest.param(question_error("\x00\x01\x07\x1b\x7f\x85" * 5, "empty"),
                 id="q-control-chars-only"),
    pytest.param(question_error(12345, "must be text"), id="q-not-a-string"),
    pytest.param(question_answered("How\x00 many\x07 peacekeepers\x1b[31m does NATO\u200b keep "
                                   "in\r\nKosovo?\x7f", finds_known=True),
                 id="q-control-chars", marks=slow),
    # a lone surrogate, as bytes decoded with surrogateescape leave one
    pytest.param(question_answered("How many peacekeepers does NATO keep in Kosovo?\udcff",
                                   finds_known=True), id="q-lone-surrogate", marks=slow),
    pytest.param(question_answered("🇽🇰🙂 How many peacekeepers does NATO keep in Kosovo? "
                                   "\u202bכמה חיילים\u202c كم عدد الجنود؟", finds_known=True),
                 id="q-emoji-rtl", marks=slow),
    pytest.param(question_answered("<script>alert('x')</script><b onmouseover=alert(1)>How many"
                                   " peacekeepers does NATO keep in Kosovo?</b>"),
                 id="q-html-js", marks=slow),
    pytest.param(question_answered("¿Cuántos soldados de paz mantiene la OTAN en Kosovo?"),
                 id="q-spanish", marks=slow),
    pytest.param(question_answered("北约在科索沃驻扎了多少维和人员？"), id="q-chinese", marks=slow),
    # documents
    pytest.param(documents({"empty.txt": b""}, [], r"empty\.txt: empty file",
                           single="empty file"), id="doc-empty"),
    pytest.param(documents({"report.txt": PDF}, [], r"report\.txt: looks like a binary file",
                           single="binary"), id="doc-pdf-renamed-txt"),
    pytest.param(documents({"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)},
                           [], "binary", single="binary"), id="doc-binary"),
    pytest.param(documents({"latin.txt": "Café owners in Zürich reopened.".encode("latin-1")},
                           ["latin"], r"latin\.txt: not valid UTF-8"), id="doc-non-utf8"),
    pytest.param(documents({"huge.txt": sparse(50_000_000, b"News. ")}, [],
                           r"huge\.txt: 50\.0 MB is over the 20 MB limit",
                           single="over the 20 MB limit", max_peak_mb=5), id="doc-50mb"),
    pytest.param(documents({"huge.jsonl": sparse(50_000_000, b'{"id": "h", "text": "')}, [],
                           r"huge\.jsonl:1: line is over the 20 MB limit",
                           single="no usable documents", max_peak_mb=30),
                 id="doc-50mb-jsonl-line"),
    pytest.param(documents({"deep.html": NESTED}, ["deep"], None), id="doc-nested-html"),
    pytest.param(documents({"reprint.txt": GOOD_TEXT.encode()}, [],
                           "reprint: same text as good"),
                 id="doc-duplicate"),
    pytest.param(documents({"wire.jsonl": JSONL}, ["j1", "wire-7"],
                           r"wire\.jsonl:2: needs a JSON object with a string \"text\""),
                 id="doc-jsonl-broken"),
    pytest.param(documents_into_index, id="doc-all-into-index", marks=slow),
    # index folders
    pytest.param(index_case(no_index, IndexMissing, "no index in", warns=False),
                 id="index-missing", marks=slow),
    pytest.param(index_case(vectors_deleted, IndexCorrupt, r"vectors file \S+ is missing"),
                 id="index-faiss-missing", marks=slow),
    pytest.param(index_case(faiss_truncated, IndexCorrupt, r"vectors file \S+ is damaged"),
                 id="index-faiss-truncated", marks=slow),
    pytest.param(index_case(faiss_truncated_consistently, IndexCorrupt,
                            "cannot read index files"),
                 id="index-faiss-truncated-checksum-ok", marks=slow),
    pytest.param(index_case(counts_disagree, IndexCorrupt, "counts disagree"),
                 id="index-count-mismatch", marks=slow),
    pytest.param(index_case(other_model_name, IndexStale,
                            "built with model paraphrase-multilingual"),
                 id="index-other-model", marks=slow),
    pytest.param(index_case(other_model_weights, IndexStale, "gives different vectors"),
                 id="index-other-model-weights", marks=slow),
    pytest.param(index_case(future_format, IndexStale, "index format 99"),
                 id="index-unknown-format", marks=slow),
    pytest.param(index_case(manifest_garbage, IndexCorrupt, "unreadable manifest"),
                 id="index-manifest-garbage", marks=slow),
    pytest.param(read_only_dir, id="index-read-only-dir", marks=slow),
]


@pytest.fixture(scope="module")
def good_index(request, tmp_path_factory) -> Path:
    """A good seeds index, built once; rows copy it and must never change it."""
    docs = request.getfixturevalue("seed_docs")
    request.getfixturevalue("embedder")
    path = tmp_path_factory.mktemp("good") / "index"
    QABot.build(docs, index_dir=path)
    return path


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case, request, tmp_path, monkeypatch):
    case(Ctx(request, tmp_path, monkeypatch))
