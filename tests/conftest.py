"""Shared fixtures: the real models load once per test session, never per test.

Model-loading fixtures are session-scoped because importing torch, loading MiniLM and spaCy
costs ~10-30 s on two busy cores. Other helpers may append small fixture blocks at the end.
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # nothing in the suite may touch a model hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = ROOT / "seeds"
NATO_DOC = "000_4629fa3c4aad59ae"
XINHUA_DOC = "004_0d901f088aa2777c"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The committed seed articles (read-only: copy before changing anything)."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_docs():
    """The seed Documents as the loader reads them (no model needed)."""
    from qa_bot.loader import load_paths

    result = load_paths([SEEDS_DIR])
    assert not result.warnings, result.warnings
    return result.documents


@pytest.fixture(scope="session")
def nlp():
    """The shared spaCy pipeline (senter + NER), loaded once."""
    from qa_bot.models import spacy_nlp

    return spacy_nlp()


@pytest.fixture(scope="session")
def embedder():
    """The real all-MiniLM-L6-v2 embedder (the model object is cached process-wide)."""
    from qa_bot.embedder import Embedder

    emb = Embedder()
    emb.encode(["warm up"])  # load now, so the first test using it is not the slow one
    return emb


@pytest.fixture(scope="session")
def seeds_bot(embedder, seed_docs):
    """An in-memory QABot over the seed articles. Treat as read-only: build your own to mutate."""
    from qa_bot import QABot

    return QABot.build(seed_docs)


@pytest.fixture
def tmp_index_dir(tmp_path: Path) -> Path:
    """A fresh, not yet existing index folder."""
    return tmp_path / "index"


@pytest.fixture
def tmp_seeds(tmp_path: Path) -> Path:
    """A private, writable copy of seeds/ (articles + metadata.json)."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, dst)
    return dst
