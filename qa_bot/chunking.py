"""Sentence segmentation with exact offsets, entities, and sentence-window chunks.

Sentences are the unit we embed (precise highlights, no wasted encoding of overlaps);
chunks are overlapping windows of consecutive sentences, the unit we retrieve and show.
Invariant (tested): ``doc.text[x.start:x.end] == x.text`` for every sentence and chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from .types import Chunk, Document, Entity, Sentence

# Labels worth keeping for typed answers; the rest (e.g. ORDINAL noise) is kept too, it is cheap.
_WORD = re.compile(r"\S+")
_BLOCK = re.compile(r"[^\n]+")  # a line: news paragraphs; sentences never cross them
_PATTERNS = [
    (re.compile(r"\"[^\"\n]{2,300}\"|“[^”\n]{2,300}”"), "QUOTE"),
    (re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b"), "NUMBER"),
]


# bumps when the same text would be cut into other sentences, so an index built before says
# so: 2 joins a bare attribution ("Kostunica said") to the quotation it closes; 3 ends a
# sentence at a one-letter word's full stop before "He", "The", ... ("he wrote on X. He had")
SEGMENTER_VERSION = 3
# spaCy's splitter reads a capital letter and a full stop as an initial ("John F. Kennedy")
# and never ends a sentence there; an initial is followed by a name, not by a pronoun,
# determiner or conjunction ("... on X. He had pulled ...", "... the Saturn V. The ...")
_LETTER_END = re.compile(r"(?<![\w.])[A-Z]\.\s+(?=(?:He|She|It|They|We|You|The|This|That|These|"
                         r"Those|There|His|Her|Its|Their|Our|But|And|However|Yet|So|Meanwhile|"
                         r"In|On|At|After|Before|When|While|As|For)\b)")


@dataclass(frozen=True)
class ChunkingConfig:
    """Bounds keep a chunk well under MiniLM's 256-wordpiece window (~1.3 pieces a word)."""

    max_sentences: int = 3
    max_words: int = 120
    overlap: int = 1
    max_sentence_words: int = 100

    def __post_init__(self) -> None:
        if min(self.max_sentences, self.max_words, self.max_sentence_words) < 1 or \
                not 0 <= self.overlap < self.max_sentences:
            raise ValueError(f"invalid chunking {self}: sizes must be >= 1 and "
                             "0 <= overlap < max_sentences")

    def to_dict(self) -> dict:
        return asdict(self)


def _blocks(doc: Document) -> Iterator[tuple[int, int]]:
    """Lines of the document minus boilerplate, as (start, end) with no edge spaces.

    Only the boilerplate range itself is cut out, so news text sharing a line with it (a
    banner glued to a headline, a ``\r``-separated line) is still segmented.
    """
    boiler = sorted(doc.boilerplate)
    for m in _BLOCK.finditer(doc.text):
        a, b = m.span()
        for x, y in boiler:
            if x < b and a < y:
                if a < x:
                    yield from _trimmed(doc.text, a, x)
                a = max(a, y)
        if a < b:
            yield from _trimmed(doc.text, a, b)


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    seg = text[a:b]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail > lead:
        yield a + lead, a + trail


def _split_long(text: str, start: int, end: int, max_words: int) -> Iterator[tuple[int, int]]:
    """Cut an over-long 'sentence' (tables, run-ons) at word boundaries."""
    words = list(_WORD.finditer(text, start, end))
    for i in range(0, len(words), max_words):
        part = words[i : i + max_words]
        yield part[0].start(), part[-1].end()


def segment(docs: Iterable[Document], config: ChunkingConfig = ChunkingConfig(),
            nlp=None) -> dict[str, list[Sentence]]:
    """Sentences (with entities) of each document, in order, via spaCy's senter + NER."""
    if nlp is None:
        from .models import spacy_nlp

        nlp = spacy_nlp()
    docs = list(docs)
    spans = [(d, a, b) for d in docs for a, b in _blocks(d)]
    out: dict[str, list[Sentence]] = {d.id: [] for d in docs}
    texts = (d.text[a:b] for d, a, b in spans)
    for (d, a, _b), sdoc in zip(spans, nlp.pipe(texts, batch_size=64), strict=True):
        ents = [(a + e.start_char, a + e.end_char, e.label_) for e in sdoc.ents]
        ranges: list[tuple[int, int]] = []
        for s in sdoc.sents:
            s0, s1 = a + s.start_char, a + s.end_char
            raw = d.text[s0:s1]
            s0 += len(raw) - len(raw.lstrip())
            s1 = s0 + len(raw.strip())
            if s1 > s0:
                ranges += _at_letter_ends(d.text, s0, s1)
        for s0, s1 in _with_attributions(d.text, ranges):
            for x, y in _split_long(d.text, s0, s1, config.max_sentence_words):
                out[d.id].append(_sentence(d, x, y, ents))
    return out


def _at_letter_ends(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``start:end`` cut after each one-letter word that ends a sentence (``_LETTER_END``)."""
    out = []
    for m in _LETTER_END.finditer(text, start, end):
        out.append((start, m.start() + 2))
        start = m.end()
    return [*out, (start, end)]


# what the sentence splitter may leave alone after a quotation: "Kostunica said", "he added."
_ATTRIBUTION = re.compile(
    r"^(?:(?:[A-Z][\w.'’-]*|de|van|von|al|the|[a-z]+'s)\s+){0,5}?(?:[Hh]e|[Ss]he|[Tt]hey|"
    r"[A-Z][\w.'’-]*)\s+(?:said|says|added|adds|warned|warns|stressed|stresses|insisted|"
    r"insists|noted|notes|told\s+reporters|explained|explains|concluded|wrote|writes|"
    r"declared|declares|argued|argues|asked|asks|replied|replies)\W*$")
_CLOSES_QUOTE = re.compile(r"[\"”’']\W*$")


def _with_attributions(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence ranges with a bare attribution joined to the quotation it closes: the
    splitter cuts '"... for a compromise." Kostunica said' into the quote and "Kostunica
    said", and alone the latter was cited as what Kostunica said."""
    out: list[tuple[int, int]] = []
    for s0, s1 in ranges:
        if out and _ATTRIBUTION.match(text[s0:s1]) and \
                _CLOSES_QUOTE.search(text[out[-1][0]:out[-1][1]]):
            out[-1] = (out[-1][0], s1)
        else:
            out.append((s0, s1))
    return out


def _sentence(doc: Document, start: int, end: int, ents: list[tuple[int, int, str]]) -> Sentence:
    found = [Entity(x, y, lab, doc.text[x:y]) for x, y, lab in ents if start <= x and y <= end]
    taken = [(e.start, e.end) for e in found]
    for pat, label in _PATTERNS:
        for m in pat.finditer(doc.text, start, end):
            x, y = m.span()
            if label == "NUMBER" and any(a <= x and y <= b for a, b in taken):
                continue  # already inside a CARDINAL/DATE/MONEY entity
            found.append(Entity(x, y, label, doc.text[x:y]))
    found.sort(key=lambda e: (e.start, -e.end))
    return Sentence(doc.id, start, end, doc.text[start:end], found)


def windows(n_sentences: int, lengths: list[int], config: ChunkingConfig) -> list[tuple[int, int]]:
    """[first, last) sentence ranges: up to max_sentences / max_words, ``overlap`` shared."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < n_sentences:
        j, words = i, 0
        while j < n_sentences and j - i < config.max_sentences:
            if j > i and words + lengths[j] > config.max_words:
                break
            words += lengths[j]
            j += 1
        out.append((i, j))
        if j >= n_sentences:
            break
        # Share up to ``overlap`` sentences, but only as many as still leave room for the
        # next new sentence: a window of old sentences alone would be a useless duplicate.
        i = max(i + 1, j - config.overlap)
        while i < j and (j + 1 - i > config.max_sentences
                         or sum(lengths[i : j + 1]) > config.max_words):
            i += 1
    return out


def _runs(doc: Document, sentences: list[Sentence]) -> Iterator[tuple[int, int]]:
    """[first, last) ranges of sentences with no boilerplate between them."""
    first = 0
    for k in range(1, len(sentences) + 1):
        if k == len(sentences) or any(
                sentences[k - 1].end <= x and y <= sentences[k].start for x, y in doc.boilerplate):
            yield first, k
            first = k


def make_chunks(doc: Document, sentences: list[Sentence], config: ChunkingConfig,
                first_id: int = 0) -> list[Chunk]:
    """Sentence windows; a window never spans boilerplate (a chunk's text is news only)."""
    lengths = [len(s.text.split()) for s in sentences]
    chunks: list[Chunk] = []
    for r0, r1 in _runs(doc, sentences):
        for i, j in windows(r1 - r0, lengths[r0:r1], config):
            start, end = sentences[r0 + i].start, sentences[r0 + j - 1].end
            chunks.append(Chunk(first_id + len(chunks), doc.id, start, end,
                                doc.text[start:end], sentences[r0 + i : r0 + j]))
    return chunks
