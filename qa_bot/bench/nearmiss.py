"""``python -m qa_bot.bench nearmiss --squad FILE``: on-topic questions whose answer was cut out.

The evaluation's unanswerable questions lose their whole article (or, when fitting on small
corpora, their paragraph), so the corpus left rarely shares the question's names. A harder
case, the one a user meets when an article is about the very thing asked but does not say it
("Who succeeded Ban Ki-moon?" over a report that names Ban Ki-moon): keep the question's
article, and cut from its paragraph every sentence that holds a gold answer. Each held-out
question is asked twice over its article's paragraphs, as they are (answerable) and with
those sentences cut (should abstain); questions whose answer text still occurs elsewhere in
the article are skipped. Reports how often each is abstained on, the confidence of both
(and how well it separates them: AUROC), and the near-miss questions answered most
confidently. Measurement only: nothing here is fitted on.
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..metrics import answer_in_text
from ..squad import SquadQuestion, cut_answers
from ..types import Document
from . import emit, held_out_sample, squad_parser


def auroc(pos: list[float], neg: list[float]) -> float | None:
    """P(a random answerable question's confidence > a random near-miss one's)."""
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def ask_article(docs: list[Document], questions: list[SquadQuestion]) -> list[dict[str, Any]]:
    """Both askings of each question over one article's paragraphs."""
    from ..bot import QABot

    bot = QABot.build(docs)
    by_id = {d.id: d for d in docs}
    out = []
    for q in questions:
        doc = by_id[q.doc_id]
        spans = [(s.start, s.end) for s in bot.index.sentences if s.doc_id == doc.id]
        rest = cut_answers(doc.text, spans, q.answers)
        others = " ".join(d.text for d in docs if d.id != doc.id)
        if rest is None or answer_in_text(q.answers, others):
            continue
        full = bot.ask(q.question)
        cut = Document(id=f"{doc.id}#cut", text=rest, title=doc.title, source=doc.source)
        bot.add_documents([cut])
        try:
            miss = bot.ask(q.question, exclude_docs={doc.id})
        finally:
            bot.remove_documents([cut.id], save=False)
        out.append({"question": q.question, "answers": q.answers[:3],
                    "answerable": {"abstained": full.abstained, "confidence": full.confidence,
                                   "right": not full.abstained and
                                   answer_in_text(q.answers, full.sentence)},
                    "near_miss": {"abstained": miss.abstained, "confidence": miss.confidence,
                                  "answer": miss.text, "sentence": miss.sentence}})
    return out


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    pos = [r["answerable"]["confidence"] for r in rows]
    neg = [r["near_miss"]["confidence"] for r in rows]
    worst = sorted(rows, key=lambda r: -r["near_miss"]["confidence"])[:10]
    return {
        "questions": n,
        "near_miss_abstained": sum(r["near_miss"]["abstained"] for r in rows) / n if n else None,
        "answerable_abstained": sum(r["answerable"]["abstained"] for r in rows) / n if n else None,
        "answerable_right": sum(r["answerable"]["right"] for r in rows) / n if n else None,
        "confidence_median": {"answerable": statistics.median(pos) if pos else None,
                              "near_miss": statistics.median(neg) if neg else None},
        "auroc_answerable_vs_near_miss": auroc(pos, neg),
        "most_confident_near_misses": [
            {"question": r["question"], "answer": r["near_miss"]["answer"],
             "confidence": round(r["near_miss"]["confidence"], 3)} for r in worst],
    }


def main(argv: list[str] | None = None) -> int:
    ap = squad_parser("nearmiss", __doc__, limit=200, seed=0)
    args = ap.parse_args(argv)
    path = Path(args.squad)
    docs, chosen, what = held_out_sample(path, args.limit, args.seed)
    article_docs: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        article_docs[d.title].append(d)
    by_article: dict[str, list[SquadQuestion]] = defaultdict(list)
    for q in chosen:
        by_article[q.article].append(q)
    rows: list[dict[str, Any]] = []
    for title in sorted(by_article):
        rows += ask_article(article_docs[title], by_article[title])
    result = {"data": f"{path.name}: {what}", "sampled": len(chosen), **summarize(rows)}
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
