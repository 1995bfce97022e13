"""Benchmark scripts (``python -m qa_bot.bench <name>``): speed and quality figures live here,
measured on demand, never as timing asserts in the test suite."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def squad_parser(name: str, doc: str | None, limit: int, seed: int) -> argparse.ArgumentParser:
    """The options every SQuAD benchmark takes: the file, how many held-out questions, the
    sampling seed, and a JSON file to write the figures to."""
    ap = argparse.ArgumentParser(prog=f"python -m qa_bot.bench {name}", description=doc)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1/v2.0 JSON file")
    ap.add_argument("--limit", type=int, default=limit, help="held-out questions sampled")
    ap.add_argument("--seed", type=int, default=seed)
    ap.add_argument("--out", default=None, help="also write the figures to this JSON file")
    return ap


def emit(result: dict[str, Any], out: str | None) -> None:
    """Print the figures as JSON, and write them to ``out`` when given."""
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")


def held_out_sample(path: Path, limit: int, seed: int) -> tuple[list, list, str]:
    """The corpus of ``path``, a seeded sample of its answerable questions from the articles
    the selector was not fitted on, and a description of that pool."""
    from ..evaluation import held_out_questions
    from ..squad import load_squad, sample

    docs, questions = load_squad(path)
    pool, what, _ = held_out_questions(path, questions)
    return docs, sample([q for q in pool if q.answers and not q.impossible], limit, seed), what


def squad_eval_items(path: Path, limit: int, seed: int, removal: int) -> tuple[list, str]:
    """The evaluation's items for ``path``: a seeded sample of held-out questions plus
    ``removal`` asked with their article removed (should abstain), and the pool's
    description."""
    from ..evaluation import held_out_questions, squad_items
    from ..squad import load_squad

    docs, questions = load_squad(path)
    pool, what, _ = held_out_questions(path, questions)
    return squad_items(pool, limit, seed, removal, [d.id for d in docs]), what
