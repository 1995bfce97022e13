"""SQuAD-format data (v1.1 and v2.0) as a corpus + questions, and a cached index of it.

Used by the benchmarks, the evaluation script and the selector fitting. Paragraph i of
article j becomes document ``"{j}-{i}"``; a question's gold document is its paragraph.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from .types import Document

DEFAULT_CACHE = Path(os.environ.get("QA_BOT_CACHE", Path.home() / ".cache" / "qa-bot"))


@dataclass
class SquadQuestion:
    id: str
    question: str
    doc_id: str
    answers: list[str]
    answer_starts: list[int] = field(default_factory=list)
    impossible: bool = False
    article: str = ""


def load_squad(path: str | Path) -> tuple[list[Document], list[SquadQuestion]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    docs, questions = [], []
    for j, art in enumerate(data["data"]):
        title = art.get("title", f"article {j}").replace("_", " ")
        for i, para in enumerate(art["paragraphs"]):
            doc_id = f"{j}-{i}"
            docs.append(Document(id=doc_id, text=para["context"], title=title,
                                 source=Path(path).name))
            for qa in para["qas"]:
                answers = qa.get("answers") or []
                questions.append(SquadQuestion(
                    id=qa["id"], question=qa["question"], doc_id=doc_id,
                    answers=[a["text"] for a in answers],
                    answer_starts=[a["answer_start"] for a in answers],
                    impossible=bool(qa.get("is_impossible")), article=title))
    return docs, questions


def cut_answers(text: str, spans: list[tuple[int, int]], answers: list[str]) -> str | None:
    """``text`` without the sentences (``spans``: their offsets in it) that hold a gold
    answer; None when nothing was cut, nothing is left, or an answer still occurs in what
    is left."""
    from .metrics import answer_in_text

    kept = [text[a:b] for a, b in spans if not answer_in_text(answers, text[a:b])]
    if len(kept) == len(spans) or not kept:
        return None
    rest = " ".join(kept)
    return None if answer_in_text(answers, rest) else rest


def sample(questions: list[SquadQuestion], n: int, seed: int = 0) -> list[SquadQuestion]:
    """A seeded sample (n <= 0: all)."""
    if n <= 0 or n >= len(questions):
        return list(questions)
    return random.Random(seed).sample(questions, n)


def split_by_article(questions: list[SquadQuestion], seed: int = 0,
                     fit_fraction: float = 0.5) -> tuple[list[SquadQuestion], list[SquadQuestion]]:
    """Fit/held-out split by article, so no paragraph or topic is on both sides."""
    articles = sorted({q.article for q in questions})
    random.Random(seed).shuffle(articles)
    fit_set = set(articles[: int(len(articles) * fit_fraction)])
    return ([q for q in questions if q.article in fit_set],
            [q for q in questions if q.article not in fit_set])


def squad_bot(path: str | Path, cache_dir: str | Path | None = None, progress: bool = True):
    """A QABot over all paragraphs of ``path``, persisted under the cache and reused."""
    from .bot import QABot
    from .index import IndexError_

    path = Path(path)
    cache = Path(cache_dir) if cache_dir else DEFAULT_CACHE / f"squad-{path.stem}"
    docs, _ = load_squad(path)
    try:
        bot = QABot.load(index_dir=cache)
        if not bot.index.stale_against(docs):
            return bot
    except IndexError_:
        pass
    return QABot.build(docs, index_dir=cache, progress=progress)
