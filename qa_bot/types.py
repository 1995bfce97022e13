"""Plain dataclasses that flow through the pipeline: documents -> chunks -> passages -> answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Document:
    """An article. ``text`` is the exact text citations point into (Python str offsets)."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    date: str = ""
    publisher: str = ""
    # Character ranges of ``text`` that are page furniture (banners, copyright lines):
    # kept in ``text`` so offsets stay true to the file, but never chunked or answered from.
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["boilerplate"] = [list(r) for r in self.boilerplate]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            title=str(d.get("title") or ""),
            source=str(d.get("source") or ""),
            date=str(d.get("date") or ""),
            publisher=str(d.get("publisher") or ""),
            boilerplate=[(int(a), int(b)) for a, b in d.get("boilerplate") or []],
        )


@dataclass
class Entity:
    """A named entity or pattern match inside a sentence, with document offsets."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Sentence:
    """A sentence of a document: ``doc.text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str
    entities: list[Entity] = field(default_factory=list)


@dataclass
class Chunk:
    """A window of consecutive sentences: the unit that is embedded and retrieved."""

    id: int
    doc_id: str
    start: int
    end: int
    text: str
    sentences: list[Sentence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentences": [
                [s.start, s.end, [[e.start, e.end, e.label] for e in s.entities]]
                for s in self.sentences
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], doc_text: str) -> Chunk:
        sents = [
            Sentence(
                doc_id=d["doc_id"],
                start=a,
                end=b,
                text=doc_text[a:b],
                entities=[Entity(x, y, lab, doc_text[x:y]) for x, y, lab in ents],
            )
            for a, b, ents in d["sentences"]
        ]
        return cls(d["id"], d["doc_id"], d["start"], d["end"], d["text"], sents)


@dataclass
class Passage:
    """A retrieved (or cited) stretch of an article; ``start``/``end`` index the article text."""

    doc_id: str
    title: str
    text: str
    start: int
    end: int
    score: float
    chunk_id: int = -1
    publisher: str = ""
    date: str = ""
    # For citations: offsets of the answer sentence and of the short span inside the document.
    sentence_start: int | None = None
    sentence_end: int | None = None
    span_start: int | None = None
    span_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


SMALL_TALK = "small talk"  # Answer.question_type of a reply to a greeting, thanks, ...
OVERVIEW = "overview"  # Answer.question_type (and .rule) of "What are the articles about?"


# why a rule's answer stands below the abstention threshold, as the chat and CLI say it
RULE_REASONS = {
    "speaker": "answered by rule: the sentence gives the words of the person or body asked "
               "about",
    "identity": "answered by rule: the sentence says what the name asked about is",
    "topic": "answered by rule: a search, and the sentence holds every word searched for",
    "overview": "answered by rule: what the article is about, in its opening sentence",
    "attribution": "answered by rule: whose words the last answer's sentence gives",
    "expansion": "answered by rule: the sentence sets the words beside the abbreviation",
    "age": "answered by rule: the age the sentence gives beside the name",
    "leader": "answered by rule: the sentence titles that person as the body's head",
    "office": "answered by rule: the sentence titles that person with the office, in that "
              "place",
    "rest": "answered by rule: the rest of the breakdown the last answer was part of",
    "score": "answered by rule: the first score the match report gives, its result",
    "titled": "answered by rule: the one person the articles give that title",
    "employer": "answered by rule: the body the sentence says that person works for",
    "survivors": "answered by rule: the list after 'is survived by'",
    "naming": "answered by rule: the name the sentence gives that thing",
    "doer": "answered by rule: the sentence names who did it by the noun for the deed",
}


@dataclass
class Answer:
    """What ``QABot.ask`` returns: verbatim text, its sentence and where both come from.
    A reply to small talk ("thanks") has ``question_type`` SMALL_TALK, no citations, and is
    abstained: it says nothing from the articles."""

    text: str
    sentence: str
    citations: list[Passage]
    confidence: float
    abstained: bool
    search_query: str = ""
    question_type: str = ""
    passages: list[Passage] = field(default_factory=list)
    # the question rule that answered although the confidence is under the abstention
    # threshold (RULE_REASONS' keys: "speaker", "identity", "topic", ...), or "overview" for the
    # articles' opening sentences; "" when the confidence decided
    rule: str = ""
    # an abstention's best sentence, withheld because its confidence fell under the threshold:
    # never shown as an answer; the evaluation scores it to draw accuracy against coverage
    # past the operating point (what answering everything would buy)
    withheld: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sentence": self.sentence,
            "citations": [c.to_dict() for c in self.citations],
            "confidence": self.confidence,
            "abstained": self.abstained,
            "search_query": self.search_query,
            "question_type": self.question_type,
            "passages": [p.to_dict() for p in self.passages],
            "rule": self.rule,
            "withheld": self.withheld,
        }
