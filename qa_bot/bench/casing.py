"""``python -m qa_bot.bench casing --squad FILE [--gold FILE]``: questions typed without case.

Users type "who is the president of russia" as often as the cased question. The embedding
model and the reader are uncased, but the rules and the confidence model find a question's
names by their capitals (``truecase.py``). This asks the same questions three ways: as
written, lowercased and in capitals, and reports for each sentence accuracy, short-answer F1,
abstention recall and how many answers differ from the as-written ones. SQuAD: held-out
questions over the 2,067-paragraph corpus plus questions asked with their article removed
(should abstain); ``--gold``: the seed gold set (conversations with the bot's own history).
``--no-truecase`` measures the bot without the truecaser (the questions as typed).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import emit, squad_eval_items, squad_parser

VARIANTS: dict[str, Callable[[str], str]] = {
    "as written": lambda q: q, "lowercase": str.lower, "capitals": str.upper}


def compare(bot: Any, items: list, variants: dict[str, Callable[[str], str]] | None = None,
            **switches: bool) -> dict[str, Any]:
    """Ask ``items`` in each variant (the first: as written); the figures and the answers
    changed vs the first. ``switches``: the bot's attributes to set first (``truecase``,
    ``spelling``), for the figures without a step."""
    from ..evaluation import run_items, summarize

    for name, on in switches.items():
        setattr(bot, name, on)
    out: dict[str, Any] = {}
    base: list | None = None
    for name, f in (variants or VARIANTS).items():
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


def main(argv: list[str] | None = None) -> int:
    ap = squad_parser("casing", __doc__, limit=500, seed=11)
    ap.add_argument("--removal", type=int, default=150,
                    help="questions asked with their article removed (should abstain)")
    ap.add_argument("--gold", default=None, help="also the gold set (JSONL)")
    ap.add_argument("--no-truecase", action="store_true",
                    help="the bot without the truecaser, for the before figures")
    args = ap.parse_args(argv)
    from ..evaluation import load_gold, squad_bot_for

    path = Path(args.squad)
    items, what = squad_eval_items(path, args.limit, args.seed, args.removal)
    result: dict[str, Any] = {"truecase": not args.no_truecase, "pool": what,
                              "squad": compare(squad_bot_for(path, None, progress=False), items,
                                               truecase=not args.no_truecase)}
    if args.gold:
        from ..bot import QABot

        result["gold"] = compare(QABot.load(), load_gold(args.gold),
                                 truecase=not args.no_truecase)
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
