"""The persistent corpus index: documents, sentences (+entities), their vectors, a manifest.

On disk (``embeddings/`` by default)::

    manifest.json               commit point: model, chunking, counts, per-doc hashes, file hashes
    documents.<gen>.jsonl       the articles (text citations point into)
    sentences.<gen>.jsonl       one line per vector row: doc, offsets, entities
    vectors.<gen>.faiss         FAISS index of sentence vectors (row i == sentence i)

A save writes a new generation of data files (temp file, fsync, rename), then replaces
``manifest.json`` atomically, then deletes older generations. A crash at any point leaves a
manifest that names complete files. A load checks format, model, counts and SHA-256 of every
file, so a stale, truncated or mismatched index is reported instead of silently misread.
No pickle anywhere: JSON lines and FAISS's own format.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .chunking import SEGMENTER_VERSION, ChunkingConfig, make_chunks, segment
from .embedder import Embedder
from .loader import text_hash
from .types import Chunk, Document, Entity, Sentence
from .vector_index import VectorIndex, choose_kind

FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class IndexError_(RuntimeError):
    """Base for index problems; the message says what is wrong and what to do."""


class IndexMissing(IndexError_):
    pass


class IndexCorrupt(IndexError_):
    pass


class IndexStale(IndexError_):
    pass


@dataclass
class CorpusIndex:
    """Documents + sentences + vectors kept in step; chunks are derived, never stored."""

    embedder: Embedder
    config: ChunkingConfig = field(default_factory=ChunkingConfig)
    index_kind: str = "auto"
    documents: dict[str, Document] = field(default_factory=dict)
    sentences: list[Sentence] = field(default_factory=list)
    vectors: VectorIndex | None = None
    chunks: list[Chunk] = field(default_factory=list)
    version: int = 0  # bumps on every change so derived state (BM25) knows to refresh
    # ids that came from a seeds folder (``QABot.load`` syncs those with the folder and leaves
    # documents a user added alone); None: unknown (an index saved before this was recorded)
    seed_ids: set[str] | None = None
    # the sentence splitter's version its sentences come from (an older index keeps its own)
    segmenter: int = SEGMENTER_VERSION
    _derived: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False,
                                                 compare=False)

    def derived(self, name: str, build: Callable[[CorpusIndex], Any]) -> Any:
        """``build(self)``, computed once per index version (IDF tables, the corpus's people
        and places): derived state that must follow every add/remove."""
        hit = self._derived.get(name)
        if hit is None or hit[0] != self.version:
            hit = (self.version, build(self))
            self._derived[name] = hit
        return hit[1]

    # ---- building -------------------------------------------------------------------------
    def add(self, docs: Iterable[Document], progress: bool = False) -> dict[str, list[str]]:
        """Index new or changed documents; unchanged ones cost nothing. Returns what happened."""
        report: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
        todo = []
        # one batch, one version per id (the last): a repeated id must not index twice
        for d in {d.id: d for d in docs}.values():
            old = self.documents.get(d.id)
            if old is not None and old.text == d.text:
                report["unchanged"].append(d.id)
                if _meta(old) != _meta(d):
                    self.documents[d.id] = d
                continue
            report["updated" if old is not None else "added"].append(d.id)
            todo.append(d)
        if not todo:
            return report
        self.remove([d.id for d in todo if d.id in self.documents], _rechunk=False)
        per_doc = segment(todo, self.config)
        new_sents = [s for d in todo for s in per_doc[d.id]]
        vecs = self.embedder.encode([s.text for s in new_sents], progress=progress)
        have = len(self.vectors) if self.vectors is not None else 0
        if self.vectors is not None and \
                self.vectors.kind == choose_kind(have + len(vecs), self.index_kind):
            self.vectors.add(vecs)  # append: rebuilding an HNSW graph of 1M rows takes minutes
        else:  # first build, or the corpus grew past FLAT_MAX: rebuild as the right kind
            old_vecs = self.vectors.vectors() if self.vectors is not None else \
                np.zeros((0, vecs.shape[1]), np.float32)
            all_vecs = np.vstack([old_vecs, vecs])
            self.vectors = VectorIndex.from_vectors(all_vecs, all_vecs.shape[1], self.index_kind)
        for d in todo:
            self.documents[d.id] = d
        self.sentences.extend(new_sents)
        self._rechunk()
        return report

    def remove(self, doc_ids: Iterable[str], _rechunk: bool = True) -> list[str]:
        gone = {i for i in doc_ids if i in self.documents}
        if not gone:
            return []
        keep = np.array([s.doc_id not in gone for s in self.sentences], dtype=bool)
        vecs = self.vectors.vectors()[keep] if self.vectors is not None else None
        self.sentences = [s for s, k in zip(self.sentences, keep, strict=True) if k]
        for i in gone:
            del self.documents[i]
        if self.seed_ids is not None:
            self.seed_ids -= gone
        if vecs is not None:
            self.vectors = VectorIndex.from_vectors(vecs, self.embedder.dim, self.index_kind)
        if _rechunk:
            self._rechunk()
        return sorted(gone)

    def _rechunk(self) -> None:
        by_doc: dict[str, list[Sentence]] = {}
        self.sentence_rows: dict[tuple[str, int], int] = {}
        for row, s in enumerate(self.sentences):
            by_doc.setdefault(s.doc_id, []).append(s)
            self.sentence_rows[(s.doc_id, s.start)] = row
        self.chunks = []
        for doc_id, sents in by_doc.items():
            self.chunks.extend(make_chunks(self.documents[doc_id], sents, self.config,
                                           first_id=len(self.chunks)))
        # sentence row -> chunk ids holding it (overlap means up to two)
        self.sentence_chunks: list[list[int]] = [[] for _ in self.sentences]
        for c in self.chunks:
            for s in c.sentences:
                self.sentence_chunks[self.sentence_rows[(s.doc_id, s.start)]].append(c.id)
        self.version += 1

    def sentence_vectors(self, rows: list[int]) -> np.ndarray:
        if not rows:
            return np.zeros((0, self.embedder.dim), np.float32)
        return self.vectors.index.reconstruct_batch(np.asarray(rows, dtype=np.int64))

    # ---- persistence ----------------------------------------------------------------------
    def manifest(self, files: dict) -> dict:
        counts: dict[str, int] = {}
        for s in self.sentences:
            counts[s.doc_id] = counts.get(s.doc_id, 0) + 1
        return {
            "format_version": FORMAT_VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "model": {"name": self.embedder.name, "path": str(self.embedder.path),
                      "dim": self.embedder.dim, "fingerprint": self.embedder.fingerprint()},
            "chunking": self.config.to_dict(),
            "segmenter": self.segmenter,
            "index_kind": self.vectors.kind if self.vectors else choose_kind(0, self.index_kind),
            "index_kind_setting": self.index_kind,  # "auto" stays auto after a reload
            "seed_ids": sorted(self.seed_ids) if self.seed_ids is not None else None,
            "counts": {"documents": len(self.documents), "sentences": len(self.sentences),
                       "vectors": len(self.vectors) if self.vectors else 0,
                       "chunks": len(self.chunks)},
            "documents": [{"id": d.id, "sha256": text_hash(d.text), "title": d.title,
                           "sentences": counts.get(d.id, 0)} for d in self.documents.values()],
            "files": files,
        }

    def save(self, index_dir: str | Path) -> Path:
        """Write atomically (see module doc). Raises ``OSError`` with a clear message."""
        index_dir = Path(index_dir)
        try:
            index_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OSError(f"cannot create index folder {index_dir}: {exc.strerror}") from exc
        if not os.access(index_dir, os.W_OK):
            raise PermissionError(f"index folder {index_dir} is not writable; "
                                  "the existing index (if any) is unchanged")
        gen = time.strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(3)
        with _locked(index_dir):
            files = {
                "documents": _write_atomic(index_dir, f"documents.{gen}.jsonl", _jsonl(
                    d.to_dict() for d in self.documents.values())),
                "sentences": _write_atomic(index_dir, f"sentences.{gen}.jsonl", _jsonl(
                    {"d": s.doc_id, "s": s.start, "e": s.end,
                     "x": [[e.start, e.end, e.label] for e in s.entities]}
                    for s in self.sentences)),
            }
            vec = self.vectors or VectorIndex(self.embedder.dim)
            tmp = index_dir / f".tmp-vectors.{gen}.faiss"
            vec.save(tmp)
            _fsync(tmp)
            os.replace(tmp, index_dir / f"vectors.{gen}.faiss")
            files["vectors"] = _describe(index_dir / f"vectors.{gen}.faiss")
            data = json.dumps(self.manifest(files), indent=1).encode()
            _write_atomic(index_dir, MANIFEST, data)
            _fsync_dir(index_dir)
            keep = {f["name"] for f in files.values()} | {MANIFEST}
            for p in index_dir.iterdir():
                if p.name not in keep and (p.name.startswith(("documents.", "sentences.",
                                                              "vectors.", ".tmp-"))):
                    with contextlib.suppress(OSError):
                        p.unlink()
        return index_dir

    @classmethod
    def load(cls, index_dir: str | Path, embedder: Embedder,
             config: ChunkingConfig | None = None, check_model: bool = True) -> CorpusIndex:
        """Load and verify; raises ``IndexMissing``/``IndexCorrupt``/``IndexStale``."""
        index_dir = Path(index_dir)
        mpath = index_dir / MANIFEST
        if not mpath.is_file():
            raise IndexMissing(f"no index in {index_dir} (no {MANIFEST})")
        try:
            man = json.loads(mpath.read_text(encoding="utf-8"))
            version = man["format_version"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorrupt(f"{mpath}: unreadable manifest ({exc})") from exc
        if version != FORMAT_VERSION:
            raise IndexStale(f"{index_dir}: index format {version!r}, this version reads "
                             f"{FORMAT_VERSION}; rebuild it")
        model = man.get("model", {})
        if check_model:
            if model.get("name") != embedder.name or model.get("dim") != embedder.dim:
                raise IndexStale(f"{index_dir}: built with model {model.get('name')} "
                                 f"({model.get('dim')}-d), now using {embedder.name} "
                                 f"({embedder.dim}-d); vectors are not comparable, rebuild it")
            fp = embedder.fingerprint()
            if not np.allclose(fp, model.get("fingerprint", []), atol=2e-3):
                raise IndexStale(f"{index_dir}: the model at {embedder.path} gives different "
                                 "vectors from the one that built this index; rebuild it")
        cfg = ChunkingConfig(**man.get("chunking", {}))
        if config is not None and config != cfg:
            raise IndexStale(f"{index_dir}: built with chunking {cfg}, asked for {config}")
        files = man.get("files", {})
        for key in ("documents", "sentences", "vectors"):
            _verify(index_dir, files.get(key), key)
        try:
            docs = [Document.from_dict(json.loads(line)) for line in
                    (index_dir / files["documents"]["name"]).read_text("utf-8").splitlines()]
            by_id = {d.id: d for d in docs}
            sents = []
            for line in (index_dir / files["sentences"]["name"]).read_text("utf-8").splitlines():
                r = json.loads(line)
                t = by_id[r["d"]].text
                sents.append(Sentence(r["d"], r["s"], r["e"], t[r["s"]:r["e"]],
                                      [Entity(a, b, lab, t[a:b]) for a, b, lab in r["x"]]))
            vectors = VectorIndex.load(index_dir / files["vectors"]["name"],
                                       man.get("index_kind"))
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise IndexCorrupt(f"{index_dir}: cannot read index files ({exc})") from exc
        counts = man.get("counts", {})
        if (len(docs), len(sents), len(vectors)) != (counts.get("documents"),
                                                     counts.get("sentences"),
                                                     counts.get("vectors")) \
                or len(sents) != len(vectors):
            raise IndexCorrupt(f"{index_dir}: counts disagree (documents {len(docs)}, "
                               f"sentences {len(sents)}, vectors {len(vectors)}; manifest "
                               f"says {counts}); rebuild it")
        if vectors.dim != embedder.dim:
            raise IndexStale(f"{index_dir}: vectors are {vectors.dim}-d, model is {embedder.dim}-d")
        obj = cls(embedder=embedder, config=cfg, index_kind=man.get("index_kind_setting", "auto"))
        obj.documents, obj.sentences, obj.vectors = by_id, sents, vectors
        if isinstance(man.get("seed_ids"), list):
            obj.seed_ids = {str(i) for i in man["seed_ids"]} & set(by_id)
        segmenter = man.get("segmenter", 1)  # an index written before it was recorded: 1
        obj.segmenter = segmenter if isinstance(segmenter, int) else 1
        obj._rechunk()
        return obj

    def stale_against(self, docs: list[Document]) -> bool:
        """Whether this index is not what indexing ``docs`` now would give: other texts, or
        sentences from an older splitter."""
        want = {d.id: text_hash(d.text) for d in docs}
        have = {d.id: text_hash(d.text) for d in self.documents.values()}
        return want != have or self.segmenter != SEGMENTER_VERSION

    def changes(self, docs: list[Document], scope: set[str] | None = None
                ) -> dict[str, list[str]]:
        """How ``docs`` differ from what is indexed: ids added, changed (text), removed (only
        ids in ``scope`` when given), and with new metadata only (title/date/publisher/source:
        no re-embedding needed)."""
        want = {d.id: d for d in docs}
        have = self.documents
        gone = set(have) - set(want)
        return {
            "added": sorted(set(want) - set(have)),
            "changed": sorted(i for i in want if i in have and want[i].text != have[i].text),
            "removed": sorted(gone if scope is None else gone & scope),
            "metadata": sorted(i for i in want if i in have and want[i].text == have[i].text
                               and _meta(want[i]) != _meta(have[i])),
        }


def _meta(d: Document) -> tuple[str, str, str, str]:
    return d.title, d.date, d.publisher, d.source


def read_manifest(index_dir: str | Path) -> dict:
    return json.loads((Path(index_dir) / MANIFEST).read_text(encoding="utf-8"))


# ---- small file helpers ---------------------------------------------------------------------
def _jsonl(rows: Iterable[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _describe(path: Path) -> dict:
    return {"name": path.name, "bytes": path.stat().st_size, "sha256": _sha256(path)}


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_atomic(folder: Path, name: str, data: bytes) -> dict:
    tmp = folder / f".tmp-{name}.{secrets.token_hex(3)}"
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / name)
    return {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _verify(folder: Path, desc: dict | None, what: str) -> None:
    if not desc or "name" not in desc:
        raise IndexCorrupt(f"{folder}: manifest names no {what} file; rebuild the index")
    path = folder / desc["name"]
    if not path.is_file():
        raise IndexCorrupt(f"{folder}: {what} file {desc['name']} is missing; rebuild the index")
    size = path.stat().st_size
    if size != desc.get("bytes") or _sha256(path) != desc.get("sha256"):
        raise IndexCorrupt(f"{folder}: {what} file {desc['name']} is damaged "
                           f"({size} bytes, checksum mismatch); rebuild the index")


@contextlib.contextmanager
def _locked(folder: Path):
    """One writer at a time per index folder (two CLI runs must not interleave)."""
    with (folder / ".lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
