"""Crash safety: SIGKILL an indexing process mid-write; the previous index must survive.

The child is the real ``qa-bot index`` command (``python -m qa_bot.cli index``). Its only
change is that ``os.replace`` pauses briefly around each call, so the kill lands reliably
inside the save - after the first temp file appears, after the documents file is in place,
after all data files are in place but before the manifest (the commit point) is replaced, and
after the manifest moved but before old files are deleted - instead of racing a few
milliseconds of fsyncs. After each kill the previous index
must load and answer correctly, and a re-run must complete the new index.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.cli import main as cli_main
from qa_bot.index import MANIFEST, CorpusIndex

pytestmark = pytest.mark.slow  # child processes load the real models

NATO_DOC = "000_4629fa3c4aad59ae"
NEW_TEXT = "A comet was seen over Oslo on Tuesday. Astronomers in Bergen photographed its tail."

CHILD = r"""
import os, sys, time
_replace = os.replace

def slow_replace(src, dst):  # widen the save's window so the parent's kill lands inside it
    time.sleep(0.4)
    _replace(src, dst)
    time.sleep(0.4)

os.replace = slow_replace
from qa_bot.cli import main
sys.exit(main(["index", "--quiet", "--index-dir", sys.argv[1], sys.argv[2]]))
"""


def _state(index_dir: Path, old_names: set[str], manifest: bytes) -> dict[str, bool]:
    names = {p.name for p in index_dir.iterdir()}
    new = names - old_names
    try:
        moved = (index_dir / MANIFEST).read_bytes() != manifest
    except FileNotFoundError:  # never expected: os.replace swaps the manifest atomically
        moved = True
    return {
        "committed": moved,
        "temp": any(n.startswith(".tmp-") for n in new),
        "documents": any(n.startswith("documents.") for n in new),
        "sentences": any(n.startswith("sentences.") for n in new),
        "vectors": any(n.startswith("vectors.") for n in new),
    }


def _kill_when(index_dir: Path, new_doc: Path, phase: str, old_names: set[str],
               manifest: bytes, timeout: float = 600) -> None:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(index_dir), str(new_doc)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if _state(index_dir, old_names, manifest)[phase]:
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return
            if proc.poll() is not None:
                pytest.fail(f"indexer exited ({proc.returncode}) before phase {phase!r}: "
                            f"{proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.002)
        pytest.fail(f"phase {phase!r} never reached")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        proc.stderr.close()


@pytest.fixture(scope="module")
def good_index(tmp_path_factory, seed_docs, embedder) -> Path:
    path = tmp_path_factory.mktemp("crash") / "good"
    QABot.build(seed_docs, index_dir=path)
    return path


def _assert_old_index_answers(index_dir: Path, old_ids: list[str]) -> None:
    bot = QABot.load(index_dir=index_dir)
    assert sorted(bot.index.documents) == old_ids
    top = bot.retrieve("How many peacekeepers does NATO keep in Kosovo?", k=3)
    assert any(p.doc_id == NATO_DOC and "16,000" in p.text for p in top)


@pytest.mark.parametrize("phase", ["temp", "documents", "vectors", "committed"])
def test_sigkill_mid_save_keeps_previous_index(phase, good_index, embedder, tmp_path):
    """Killed before the manifest moves: the old index, intact. Killed after it moved (but
    before old files are cleaned up): the new index, intact. Never a mix of the two."""
    index_dir = tmp_path / "index"
    shutil.copytree(good_index, index_dir)
    manifest = (index_dir / MANIFEST).read_bytes()
    old_ids = sorted(d["id"] for d in json.loads(manifest)["documents"])
    old_names = {p.name for p in index_dir.iterdir()}
    new_doc = tmp_path / "comet.txt"
    new_doc.write_text(NEW_TEXT, encoding="utf-8")

    _kill_when(index_dir, new_doc, phase, old_names, manifest)

    leftovers = {p.name for p in index_dir.iterdir()} - old_names
    assert leftovers, "nothing of the new generation was written: the kill came too early"
    if phase == "committed":
        assert (index_dir / MANIFEST).read_bytes() != manifest
        assert sorted(CorpusIndex.load(index_dir, embedder).documents) == sorted(
            [*old_ids, "comet"])
    else:  # the commit point did not move: the previous index loads and answers correctly
        assert (index_dir / MANIFEST).read_bytes() == manifest
        _assert_old_index_answers(index_dir, old_ids)

    # a re-run of the same command completes the new index and clears the debris
    assert cli_main(["index", "--quiet", "--index-dir", str(index_dir), str(new_doc)]) == 0
    done = CorpusIndex.load(index_dir, embedder)
    assert sorted(done.documents) == sorted([*old_ids, "comet"])
    names = {p.name for p in index_dir.iterdir()} - {".lock", MANIFEST}
    assert len(names) == 3, names  # one generation (documents, sentences, vectors), no temp
    again = QABot.load(index_dir=index_dir)
    assert any("Oslo" in p.text for p in again.retrieve("Where was the comet seen?", k=2))
    assert any("16,000" in p.text for p in again.retrieve(
        "How many peacekeepers does NATO keep in Kosovo?", k=3))
