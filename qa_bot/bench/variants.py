"""The same questions asked in several forms (as written, lowercased, misspelt, ...): what
``bench casing`` and ``bench typos`` share. Each form is asked over the evaluation's items
(held-out SQuAD questions plus questions asked with their article removed, and optionally the
gold set), and the figures and every answer that changed from the first form are reported."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import emit, squad_eval_items, squad_parser

Variants = dict[str, Callable[[str], str]]


def compare(bot: Any, items: list, variants: Variants, **switches: bool) -> dict[str, Any]:
    """Ask ``items`` in each variant (the first: as written); the figures and the answers
    changed vs the first. ``switches``: the bot's attributes to set first (``truecase``,
    ``spelling``), for the figures without a step."""
    from ..evaluation import run_items, summarize

    for name, on in switches.items():
        setattr(bot, name, on)
    out: dict[str, Any] = {}
    base: list | None = None
    for name, f in variants.items():
        recs = run_items(bot, [dataclasses.replace(it, question=f(it.question)) for it in items],
                         progress=False)
        s = summarize(recs, breakdown_by=())
        answers = [(r.abstained, r.answer) for r in recs]
        if base is None:
            base = answers
        changed = [{"question": r.question, "should_abstain": r.should_abstain,
                    "as_written": "(abstained)" if b[0] else b[1],
                    "now": "(abstained)" if r.abstained else r.answer}
                   for r, a, b in zip(recs, answers, base, strict=True) if a != b]
        out[name] = {"sentence_accuracy": s["answers"]["sentence_accuracy"],
                     "f1": s["answers"]["f1"], "abstention_recall": s["abstention"]["recall"],
                     "coverage": s["answered_only"]["coverage"],
                     "answers_differing_from_as_written": len(changed), "differing": changed}
    return out


def main(name: str, doc: str | None, argv: list[str] | None, variants: Variants,
         switch: str, step: str) -> int:
    """The benchmark ``name``: ``--no-<switch>`` asks without the bot's ``switch`` step."""
    ap = squad_parser(name, doc, limit=500, seed=11)
    ap.add_argument("--removal", type=int, default=150,
                    help="questions asked with their article removed (should abstain)")
    ap.add_argument("--gold", default=None, help="also the gold set (JSONL)")
    ap.add_argument(f"--no-{switch}", dest="off", action="store_true",
                    help=f"the bot without {step}, for the before figures")
    args = ap.parse_args(argv)
    from ..evaluation import load_gold, squad_bot_for

    path = Path(args.squad)
    items, what = squad_eval_items(path, args.limit, args.seed, args.removal)
    on = {switch: not args.off}
    result: dict[str, Any] = {**on, "pool": what, "squad": compare(
        squad_bot_for(path, None, progress=False), items, variants, **on)}
    if args.gold:
        from ..bot import QABot

        result["gold"] = compare(QABot.load(), load_gold(args.gold), variants, **on)
    emit(result, args.out)
    return 0
