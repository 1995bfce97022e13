"""Read articles from .txt, .md, .html and .jsonl files (or folders of them) into Documents.

Loading never raises for one bad file in a batch: problems become warnings in the result, so a
folder with a broken file still loads the rest. Single-file callers get a ``LoadError``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .datelines import MONTH
from .types import Document

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
MAX_FILE_BYTES = 20_000_000  # a news article is kilobytes; 20 MB of .txt is not an article
MAX_JSONL_BYTES = 2_000_000_000
MAX_JSONL_LINE_BYTES = MAX_FILE_BYTES  # one line is one article: same limit as a file
MAX_DOC_CHARS = 5_000_000
METADATA_FILE = "metadata.json"

# Page furniture seen on reprinted news pages. Whole lines matching these are kept in the text
# (offsets stay true to the file) but marked as boilerplate so they are never chunked.
BOILERPLATE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*\[[^\]]{0,60}\bbanner\s*\]\s*$",
        r"make a (charitable )?donation",
        r"^\s*join the [\w.\- ]+ mailing list\s*$",
        r"^\s*copyright\s*(\(c\)|©)",
        r"^\s*(©|\(c\))\s*\d{4}",
        r"all rights reserved\.?\s*$",
        r"^\s*(subscribe|sign up) (to|for) (our|the) newsletter",
        r"^\s*(share|tweet|email|print)( this( article)?)?\s*$",
    )
]


class LoadError(ValueError):
    """A file that cannot be turned into a document (binary, too large, unsupported)."""


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# A byline on a line of its own: "By Marcus Delacroix | NEW ORLEANS | September 9, 2025", "By
# ANNA KELLER, Reuters", "By Jo Lee and Sam Ortiz". It names the writer, not anyone in the news:
# chunked, it answered "Who is the mayor of New Orleans?" with the reporter (0.61). A line
# opening "By" with a day, a month or a sentence's end is news ("By Tuesday, the storm had
# weakened.").
_NAME_WORD = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(
    r"^\s*By\s+(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tonight|"
    r"Today|Tomorrow|The|Then|Now|Late|Early|Mid|Noon|Midnight|Dawn|Nightfall)\b)"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})*"
    r"\s*(?:[|,/–—-][^\n]{0,120})?$")
# what ends a sentence, in a line or at its end: a line with one is news
_SENTENCE_END = re.compile(r"[.!?][\"”’]?(?:\s+[A-Z\"“]|\s*$)")


def _is_byline(line: str) -> bool:
    return len(line) <= 200 and bool(_BYLINE.match(line)) and not _SENTENCE_END.search(line)


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character ranges of whole lines that are page furniture or a byline, not news text."""
    ranges = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip() and (any(p.search(body) for p in BOILERPLATE_PATTERNS) or
                             _is_byline(body)):
            ranges.append((pos, pos + len(body)))
        pos += len(line)
    return ranges


class _VisibleText(HTMLParser):
    """Collects visible text; drops script/style/head, menus and forms; block tags become
    newlines."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    # page furniture, not the article: menus ("Home | News | Sports") and forms
    FURNITURE = {"nav", "form", "button", "select"}
    # where the article itself starts: an unclosed <nav> before it must not swallow it
    CONTENT = {"body", "main", "article"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
             "article", "header", "footer", "blockquote", "pre", "ul", "ol", "table", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._skip = 0
        self._furniture = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag == "body":
            self._skip = 0  # HTML lets </head> be omitted: the body is visible regardless
        if tag in self.CONTENT:
            self._furniture = 0
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.FURNITURE:
            self._furniture += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.FURNITURE:
            self._furniture = max(0, self._furniture - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip and not self._furniture:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """Visible text and <title> of an HTML page (tags, scripts and styles dropped)."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\f\v\xa0]+", " ", ln).strip() for ln in raw.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, " ".join("".join(parser.title_parts).split())


def looks_binary(data: bytes) -> bool:
    """PDFs, images, archives and other non-text: NUL bytes or many control characters."""
    head = data[:8192]
    if head.startswith((b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")):
        return True
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and ctrl / len(head) > 0.05


def decode(data: bytes, name: str, warnings: list[str]) -> str:
    """UTF-8 (BOM tolerated); other bytes are replaced with U+FFFD and reported."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warnings.append(f"{name}: not valid UTF-8 (first bad byte at {exc.start}); "
                        "undecodable bytes were replaced with U+FFFD")
        return data.decode("utf-8-sig", errors="replace")


def _first_line_title(text: str, boiler: list[tuple[int, int]]) -> str:
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        inside = any(a <= pos < b for a, b in boiler)
        if body and not inside:
            return body.lstrip("# ").strip() if len(body) <= 150 else ""
        pos += len(line)
    return ""


def _read_metadata(folder: Path, warnings: list[str]) -> dict[str, dict]:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        return {k: v for k, v in meta.items() if isinstance(v, dict)}
    except (OSError, ValueError) as exc:
        warnings.append(f"{path}: unreadable metadata ({exc}); ignored")
        return {}


# a wire story's dateline: "SPRINGFIELD, March 14, 2025 - ...", "LONDON, Dec. 3, 2026 (Reuters) -"
_DATELINE = re.compile(rf"^[ \t]*[A-Z][A-Z .'’-]{{1,40}}(?:,[ \t]*[A-Z][\w .'’-]{{1,30}})?,[ \t]+"
                       rf"({MONTH}[ \t]+\d{{1,2}},[ \t]+\d{{4}})[ \t]*"
                       r"(?:\([^)\n]{1,40}\)[ \t]*)?[-–—]", re.M)


def dateline_date(text: str, boilerplate: list[tuple[int, int]] = ()) -> str:
    """The date of a wire story's dateline near the top ("SPRINGFIELD, March 14, 2025 -" ->
    "March 14, 2025"), so an article without metadata still cites its date; "" for none."""
    for m in _DATELINE.finditer(text[:2000]):
        if not any(a <= m.start() < b for a, b in boilerplate):
            return m.group(1)
    # or a byline's: "By Anna Keller | Frankfurt | July 21, 2022"
    for line in text[:2000].splitlines():
        if _is_byline(line) and (m := _DATE.search(line)):
            return m.group()
    return ""


_DATE = re.compile(rf"\b{MONTH}[ \t]+\d{{1,2}},[ \t]+\d{{4}}\b")


def _make_doc(doc_id: str, text: str, meta: dict, fallback_title: str = "") -> Document:
    if len(text) > MAX_DOC_CHARS:
        raise LoadError(f"{doc_id}: {len(text):,} characters is over the "
                        f"{MAX_DOC_CHARS:,}-character limit for one article")
    boiler = find_boilerplate(text)
    title = str(meta.get("title") or fallback_title or _first_line_title(text, boiler) or doc_id)
    return Document(
        id=doc_id,
        text=text,
        title=title,
        source=str(meta.get("source") or ""),
        date=str(meta.get("date") or dateline_date(text, boiler)),
        publisher=str(meta.get("publisher") or ""),
        boilerplate=boiler,
    )


def load_file(path: str | Path, meta: dict | None = None) -> LoadResult:
    """Load one file; raises ``LoadError`` when nothing usable is in it."""
    path = Path(path)
    result = LoadResult()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"{path.name}: unsupported file type {suffix or '(none)'}; "
                        f"use one of {', '.join(SUPPORTED_SUFFIXES)}")
    if not path.is_file():
        raise LoadError(f"{path}: no such file")
    size = path.stat().st_size
    limit = MAX_JSONL_BYTES if suffix == ".jsonl" else MAX_FILE_BYTES
    if size > limit:
        raise LoadError(f"{path.name}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit "
                        f"for {suffix} files")
    if suffix == ".jsonl":
        return _load_jsonl(path)
    data = path.read_bytes()
    if looks_binary(data):
        raise LoadError(f"{path.name}: looks like a binary file (PDF, image or archive?), "
                        "not text; convert it to .txt first")
    text = decode(data, path.name, result.warnings)
    meta = meta or {}
    title = ""
    if suffix in (".html", ".htm"):
        text, title = html_to_text(text)
    if not text.strip():
        raise LoadError(f"{path.name}: empty file, nothing to index")
    result.documents.append(_make_doc(str(meta.get("id") or path.stem), text, meta, title))
    return result


def _lines(fh, limit: int):
    """(line number, bytes) per line; ``None`` for a line over ``limit`` bytes, which is
    skipped in 1 MB blocks instead of being held in memory whole."""
    lineno = 0
    while block := fh.readline(1 << 20):
        lineno += 1
        parts: list[bytes] | None = []
        size = 0
        while True:
            size += len(block)
            if size > limit:
                parts = None  # too long: drop what is held, read on to the line's end
            elif parts is not None:
                parts.append(block)
            if block.endswith(b"\n") or not (block := fh.readline(1 << 20)):
                break
        yield lineno, None if parts is None else b"".join(parts)


def _load_jsonl(path: Path) -> LoadResult:
    result = LoadResult()
    with path.open("rb") as fh:
        for lineno, raw in _lines(fh, MAX_JSONL_LINE_BYTES):
            where = f"{path.name}:{lineno}"
            if raw is None:
                result.warnings.append(f"{where}: line is over the "
                                       f"{MAX_JSONL_LINE_BYTES / 1e6:.0f} MB limit for one "
                                       "article; line skipped")
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(decode(raw, where, result.warnings))
            except ValueError as exc:
                result.warnings.append(f"{where}: not valid JSON ({exc.msg}); line skipped")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                result.warnings.append(f"{where}: needs a JSON object with a string \"text\"; "
                                       "line skipped")
                continue
            text = obj["text"]
            if "<" in text and re.search(r"</?(p|div|html|body|script|br|span)\b", text, re.I):
                text, html_title = html_to_text(text)
                obj.setdefault("title", html_title)
            if not text.strip():
                result.warnings.append(f"{where}: empty \"text\"; line skipped")
                continue
            doc_id = str(obj.get("id") or f"{path.stem}-{lineno}")
            try:
                result.documents.append(_make_doc(doc_id, text, obj))
            except LoadError as exc:
                result.warnings.append(f"{where}: {exc}; line skipped")
    if not result.documents:
        raise LoadError(f"{path.name}: no usable documents"
                        + (f" ({result.warnings[-1]})" if result.warnings else ""))
    return result


def load_paths(paths: list[str | Path]) -> LoadResult:
    """Load files and folders; bad files become warnings, duplicate texts are kept once."""
    result = LoadResult()
    files: list[tuple[Path, dict]] = []
    for p in map(Path, paths):
        if p.is_dir():
            meta = _read_metadata(p, result.warnings)
            for f in sorted(p.iterdir()):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append((f, meta.get(f.name, {})))
        elif p.exists():
            meta = _read_metadata(p.parent, result.warnings)
            files.append((p, meta.get(p.name, {})))
        else:
            result.warnings.append(f"{p}: no such file or folder")
    for f, meta in files:
        try:
            part = load_file(f, meta)
        except LoadError as exc:
            result.warnings.append(str(exc))
            continue
        except OSError as exc:
            result.warnings.append(f"{f}: cannot read ({exc.strerror or exc})")
            continue
        result.warnings.extend(part.warnings)
        result.documents.extend(part.documents)
    result.documents = dedupe(result.documents, result.warnings)
    for w in result.warnings:
        log.warning(w)
    return result


def dedupe(docs: list[Document], warnings: list[str]) -> list[Document]:
    """Identical texts are indexed once; a repeated id keeps the first and is reported."""
    seen_text: dict[str, str] = {}
    seen_id: set[str] = set()
    out = []
    for d in docs:
        h = text_hash(d.text)
        if h in seen_text:
            warnings.append(f"{d.id}: same text as {seen_text[h]}; indexed once")
            continue
        if d.id in seen_id:
            warnings.append(f"{d.id}: duplicate document id; the later one was skipped")
            continue
        seen_text[h] = d.id
        seen_id.add(d.id)
        out.append(d)
    return out
