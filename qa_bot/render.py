"""Plain-text rendering of answers for the terminal (the web UI has its own, escaped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .types import RULE_REASONS, SMALL_TALK, Answer, Passage

if TYPE_CHECKING:
    from .bot import QABot


def _one_line(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def citation_line(i: int, p: Passage) -> str:
    meta = ", ".join(x for x in (p.publisher, p.date) if x)
    where = f"chars {p.sentence_start}-{p.sentence_end}" if p.sentence_start is not None \
        else f"chars {p.start}-{p.end}"
    span = f", answer {p.span_start}-{p.span_end}" if p.span_start is not None and \
        (p.span_start, p.span_end) != (p.sentence_start, p.sentence_end) else ""
    return f"[{i}] {p.title}" + (f" ({meta})" if meta else "") + f" [{p.doc_id}, {where}{span}]"


def sources_to_text(answer: Answer) -> str:
    items = answer.citations or answer.passages
    return "\n".join(f"{citation_line(i, p)}\n    {_one_line(p.text, 400)}"
                     for i, p in enumerate(items, 1)) or "(no sources)"


def answer_to_text(answer: Answer, bot: QABot | None = None, citations: bool = True) -> str:
    if answer.question_type == SMALL_TALK:
        return answer.text
    if answer.abstained:
        lines = [answer.text, f"(confidence {answer.confidence:.2f})"]
        for i, p in enumerate(answer.passages[:3], 1):
            lines.append(citation_line(i, p))
            lines.append("    " + _one_line(p.text))
        if answer.withheld:
            lines.append("nearest sentence, below the confidence needed to answer: "
                         f'"{_one_line(answer.withheld, 400)}"')
        return "\n".join(lines)
    lines = [answer.text]
    if answer.text != answer.sentence:
        lines.append(f'  "{_one_line(answer.sentence, 400)}"')
    rule = f", {RULE_REASONS[answer.rule]}" if answer.rule in RULE_REASONS else ""
    searched = f"; searched: {answer.search_query!r}" if answer.search_query else ""
    lines.append(f"  (confidence {answer.confidence:.2f}{rule}{searched})" if citations else
                 f"  (confidence {answer.confidence:.2f}{rule}) [1]")
    if citations:
        lines.extend(citation_line(i, p) for i, p in enumerate(answer.citations, 1))
    return "\n".join(lines)
