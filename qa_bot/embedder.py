"""Sentence embeddings: normalized float32 vectors from a local SentenceTransformer folder."""

from __future__ import annotations

import os
import threading

import numpy as np

from .models import (
    inference_precision,
    model_name,
    resolve_model_path,
    sentence_transformer,
    sentence_transformer_bf16,
)
from .onnx_backend import INPUTS, OnnxNet, cache_dir, onnx_twin, resolve_backend
from .query_encoder import query_model

# A fixed probe text: its vector fingerprints the model so an index is never searched with
# vectors from another model (same name and dimension are not enough).
PROBE_TEXT = "The United Nations Security Council met in New York on Wednesday."


class Embedder:
    """Wraps the shared model; ``encode`` returns unit-length rows (cosine == inner product)."""

    def __init__(self, model: str | os.PathLike | None = None, batch_size: int = 32,
                 tuned_queries: bool = True) -> None:
        self.path = resolve_model_path(model)
        self.tuned_queries = tuned_queries  # questions through query_encoder.py
        self.name = model_name(self.path)
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()  # torch modules are not documented as thread-safe

    @property
    def model(self):
        if self._model is None:
            self._model = sentence_transformer(self.path)
        return self._model

    @property
    def dim(self) -> int:
        fn = getattr(self.model, "get_embedding_dimension", None) or \
            self.model.get_sentence_embedding_dimension
        return int(fn())

    def encode(self, texts: list[str], progress: bool = False, precision: str = "float32"
               ) -> np.ndarray:
        """``precision="bfloat16"`` is for queries only (``models.resolve_precision``; the
        model's twin with bfloat16 weights, ``models.bf16_linear_copy``): index vectors and
        the fingerprint are always float32."""
        model = sentence_transformer_bf16(self.path) if precision == "bfloat16" else self.model
        return self._encode(model, texts, progress, precision)

    def _encode(self, model, texts: list[str], progress: bool, precision: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock, inference_precision(precision):
            vecs = model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        if precision != "float32":  # re-normalize in float32 after bfloat16 products
            vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        return vecs

    def encode_query(self, texts: list[str], precision: str = "float32") -> np.ndarray:
        """Questions: through the fine-tuned query encoder (``query_encoder.py``) when its
        weights match this model, else like documents."""
        model = self.query_model(precision)
        if model is not None:
            return self._encode(model, texts, False, precision)
        onnx = self.onnx_query() if texts and resolve_backend(
            precision, network="query") == "onnx" else None
        if onnx is not None:
            return self._encode_onnx(onnx, texts)
        return self.encode(texts, precision=precision)

    def _tokens(self, texts: list[str], tensors: str) -> dict:
        model = self.model
        batch = model.tokenizer(texts, padding=True, truncation=True,
                                max_length=model.max_seq_length, return_tensors=tensors)
        if "token_type_ids" not in batch:
            batch["token_type_ids"] = batch["input_ids"] * 0
        return {k: batch[k] for k in INPUTS}

    def _encode_onnx(self, onnx: OnnxNet, texts: list[str]) -> np.ndarray:
        (vecs,) = onnx.run(self._tokens(texts, "np"))
        vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        return vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)

    def onnx_query(self) -> OnnxNet | None:
        """The document model as a query encoder in ONNX Runtime (``onnx_backend``): the
        transformer, mean pooling and normalization in one graph, made on first use and
        checked against ``SentenceTransformer.encode`` (a model pooled otherwise fails the
        check and stays on PyTorch). One session per model and cache folder in a process,
        shared by every Embedder: a session holds its own float32 copy of the model (~100
        MB), and fitting on hundreds of small corpora, one bot each, ran out of 24 GB."""
        key = (str(self.path), str(cache_dir()))
        with _ONNX_LOCK:
            if key not in _ONNX_QUERY:
                texts = ["Who is Russia's ambassador to the UN?", "When?"]
                probe = self._tokens(texts, "pt")
                _ONNX_QUERY[key] = onnx_twin(_mean_pooled(self.model), probe,
                                             ["sentence_vector"], "query",
                                             lambda: [self.encode(texts)], threads=1)
            return _ONNX_QUERY[key]

    def query_model(self, precision: str = "float32"):
        """The tuned query model, or None (not wanted, or its weights do not load: then
        :attr:`query_model_error` says why)."""
        if not self.tuned_queries:
            return None
        return query_model(self.path, precision)[0]

    @property
    def query_model_error(self) -> str | None:
        return query_model(self.path)[1] if self.tuned_queries else None

    def fingerprint(self) -> list[float]:
        # The model object is loaded once per process and path (models.py), so its
        # fingerprint cannot change either: every index save/load needs it, encode it once.
        key = str(self.path)
        if key not in _FINGERPRINTS:
            _FINGERPRINTS[key] = [round(float(x), 4) for x in self.encode([PROBE_TEXT])[0][:8]]
        return list(_FINGERPRINTS[key])


_FINGERPRINTS: dict[str, list[float]] = {}
# (model path, ONNX cache folder) -> the query session, or None where it could not be made
_ONNX_QUERY: dict[tuple[str, str], OnnxNet | None] = {}
_ONNX_LOCK = threading.Lock()


def _mean_pooled(model):  # builds a torch module lazily (torch imports late)
    """The SentenceTransformer's transformer with mean pooling and L2 normalization, taking
    INPUTS: what all-MiniLM-L6-v2's ``encode`` computes, as one exportable module."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self, bert) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            v = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, dim=-1)

    return MeanPooled(model[0].auto_model).eval()
