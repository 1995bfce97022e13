"""``QABot``: the thin facade wiring loader -> index -> retriever -> selector -> answer."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path

from .chunking import SEGMENTER_VERSION, ChunkingConfig
from .embedder import Embedder
from .index import CorpusIndex, IndexError_, IndexMissing
from .loader import load_paths
from .models import resolve_precision
from .onnx_backend import resolve_backend
from .retriever import HybridRetriever, RetrievalConfig
from .types import Answer, Document, Passage

log = logging.getLogger(__name__)

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = Path(os.environ.get("QA_BOT_SEEDS", PACKAGE_ROOT / "seeds"))
DEFAULT_INDEX_DIR = Path(os.environ.get("QA_BOT_INDEX_DIR", PACKAGE_ROOT / "embeddings"))


class QABot:
    """Answers questions from indexed articles. Safe to share across threads."""

    def __init__(self, index: CorpusIndex, index_dir: Path | None = None,
                 retrieval: RetrievalConfig = RetrievalConfig()) -> None:
        self.index = index
        self.index_dir = index_dir
        self.retriever = HybridRetriever(index, retrieval)
        self._lock = threading.RLock()
        self._selector = None
        self.warnings: list[str] = []
        # questions typed without case take the corpus's casing (truecase.py); off only to
        # measure what it does (``bench casing --no-truecase``)
        self.truecase = True
        # misspelt words take the articles' spelling (spelling.py); off only to measure it
        self.spelling = True

    # ---- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, documents: Iterable[Document], index_dir: str | Path | None = None,
              model: str | None = None, chunking: ChunkingConfig = ChunkingConfig(),
              index_kind: str = "auto", progress: bool = False) -> QABot:
        """Index ``documents`` in memory, and persist to ``index_dir`` when given."""
        docs = list(documents)
        for d in docs:
            if not isinstance(d, Document):
                raise TypeError(f"expected Document, got {type(d).__name__}")
        index = CorpusIndex(Embedder(model), chunking, index_kind)
        index.add(docs, progress=progress)
        bot = cls(index, Path(index_dir) if index_dir else None)
        if index_dir:
            index.save(index_dir)
        return bot

    @classmethod
    def load(cls, index_dir: str | Path | None = None, seeds: str | Path | None = None,
             model: str | None = None, progress: bool = False) -> QABot:
        """Open the index in ``index_dir``; for the default seeds index, (re)build it when it
        is missing, damaged, stale or from another model, and say why in ``bot.warnings``."""
        # the CLI passes the default folder explicitly: it is still the seeds index
        default = index_dir is None or Path(index_dir).resolve() == DEFAULT_INDEX_DIR.resolve()
        index_dir = Path(index_dir) if index_dir else DEFAULT_INDEX_DIR
        embedder = Embedder(model)
        warnings: list[str] = []
        try:
            index = CorpusIndex.load(index_dir, embedder)
        except IndexError_ as exc:
            if not default and seeds is None:
                raise
            if not isinstance(exc, IndexMissing):
                warnings.append(f"{exc}; rebuilding from the seed articles")
                log.warning(warnings[-1])
            index = CorpusIndex(embedder)
        if index.segmenter != SEGMENTER_VERSION and index.documents:
            if default or seeds is not None:
                warnings.append(f"{index_dir}: built with sentence splitter {index.segmenter} "
                                f"(now {SEGMENTER_VERSION}); rebuilding from the seed articles")
                index = CorpusIndex(embedder)
            else:  # a user's index still answers; only its sentence boundaries are older
                warnings.append(f"{index_dir}: built with sentence splitter {index.segmenter} "
                                f"(now {SEGMENTER_VERSION}); index its articles into a new "
                                "folder to cut them as this version does")
            log.warning(warnings[-1])
        if default or seeds is not None:
            loaded = load_paths([Path(seeds) if seeds else DEFAULT_SEEDS])
            warnings.extend(loaded.warnings)
            # documents a user indexed next to the seeds are not "removed seeds"
            known = index.seed_ids if index.seed_ids is not None else set(index.documents)
            diff = index.changes(loaded.documents, scope=known)
            index.seed_ids = {d.id for d in loaded.documents}
            if any(diff.values()):
                if index.documents:  # a first build needs no explanation
                    what = "; ".join(f"{k}: {', '.join(v)}" for k, v in diff.items() if v)
                    warnings.append(f"{index_dir}: the seed articles changed since the index "
                                    f"was built ({what}); re-indexed them")
                    log.warning(warnings[-1])
                index.remove(diff["removed"])
                index.add(loaded.documents, progress=progress)
                try:
                    index.save(index_dir)
                except OSError as exc:
                    warnings.append(f"index kept in memory only: {exc}")
                    log.warning(warnings[-1])
        bot = cls(index, index_dir)
        bot.warnings = warnings
        return bot

    # ---- corpus changes -------------------------------------------------------------------
    def add_documents(self, documents: Iterable[Document], progress: bool = False,
                      save: bool = True) -> dict[str, list[str]]:
        with self._lock:
            report = self.index.add(list(documents), progress=progress)
            if save and self.index_dir:
                self.index.save(self.index_dir)
            return report

    def add_paths(self, paths: list[str | Path], progress: bool = False) -> dict[str, list[str]]:
        loaded = load_paths(paths)
        report = self.add_documents(loaded.documents, progress=progress) if loaded.documents \
            else {"added": [], "updated": [], "unchanged": []}
        report["warnings"] = loaded.warnings
        return report

    def remove_documents(self, doc_ids: Iterable[str], save: bool = True) -> list[str]:
        with self._lock:
            gone = self.index.remove(list(doc_ids))
            if gone and save and self.index_dir:
                self.index.save(self.index_dir)
            return gone

    # ---- queries --------------------------------------------------------------------------
    def retrieve(self, question: str, k: int = 5) -> list[Passage]:
        """The ``k`` best passages, best first (hybrid dense + BM25)."""
        from .question import clean_question

        q = clean_question(question)
        with self._lock:
            return self.retriever.retrieve(q, k)

    @property
    def selector(self):
        if self._selector is None:
            from .selector import AnswerSelector

            self._selector = AnswerSelector()
        return self._selector

    def ask(self, question: str, history: list[dict] | None = None,
            exclude_docs: set[str] | None = None) -> Answer:
        """A verbatim, cited answer, or an abstention showing the closest passages.

        ``exclude_docs`` hides documents from retrieval (used by the evaluation to ask
        questions whose article is absent)."""
        from .pipeline import answer_question

        with self._lock:
            return answer_question(self, question, history, exclude_docs)

    def _reader_info(self) -> dict:
        """Whether the fine-tuned reader answers (loading it if need be) or why not, and how
        many sentences it reads: a disabled reader explains a bot that abstains more."""
        from .reader import reader_error

        sel = self.selector
        loaded = sel.reader is not None
        return {"loaded": loaded, "reason": None if loaded else reader_error(),
                "reads": sel.reader_k if loaded else 0,
                "read_once_margin": sel.read_one_margin if loaded else None}

    def info(self) -> dict:
        idx = self.index
        return {
            "index_dir": str(self.index_dir) if self.index_dir else None,
            "model": idx.embedder.name,
            "model_path": str(idx.embedder.path),
            "index_kind": idx.vectors.kind if idx.vectors else "flat",
            "query_precision": resolve_precision(),  # the setting (models.py)
            "reader_backend": resolve_backend(resolve_precision()),  # torch | onnx
            # the question's embedding: ONNX Runtime computes in float32
            "query_backend": resolve_backend(resolve_precision(), network="query"),
            # questions through the fine-tuned query encoder, or why the base model is used
            "query_encoder": {"tuned": idx.embedder.query_model() is not None,
                              "reason": idx.embedder.query_model_error},
            "reader": self._reader_info(),
            "documents": [{"id": d.id, "title": d.title, "publisher": d.publisher,
                           "date": d.date, "chars": len(d.text)} for d in idx.documents.values()],
            "counts": {"documents": len(idx.documents), "sentences": len(idx.sentences),
                       "chunks": len(idx.chunks)},
            "chunking": idx.config.to_dict(),
        }
