"""``python -m qa_bot.bench precision``: does the bot answer the same in bfloat16?

Asks the same questions with query-time inference (the reader and the query's embedding) in
float32 and in bfloat16 (``torch.autocast``) and
reports how often the two agree (answer sentence, short answer, abstention decision), how far
their confidences move, both precisions' scores (the evaluation's: sentence accuracy, SQuAD
EM/F1, abstention) and their warm ``ask`` latency. Questions: the seed gold set (``--gold``)
and/or held-out SQuAD questions plus some asked with their article removed (``--squad``).
The index vectors are float32 in both runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..evaluation import (
    DEFAULT_GOLD,
    EvalItem,
    Record,
    held_out_questions,
    load_gold,
    run_items,
    squad_items,
    summarize,
)
from ..models import native_bf16, resolve_precision

PRECISIONS = ("float32", "bfloat16")


def compare(a: list[Record], b: list[Record]) -> dict[str, Any]:
    """Agreement of two runs over the same items (same order)."""
    n = len(a)
    assert n == len(b) and all(x.id == y.id for x, y in zip(a, b, strict=True))

    def share(pred) -> float | None:
        return sum(bool(pred(x, y)) for x, y in zip(a, b, strict=True)) / n if n else None

    deltas = sorted(abs(x.confidence - y.confidence) for x, y in zip(a, b, strict=True))
    return {
        "questions": n,
        "same_abstention_decision": share(lambda x, y: x.abstained == y.abstained),
        "same_sentence": share(lambda x, y: x.citation == y.citation),
        "same_short_answer": share(lambda x, y: (x.abstained, x.answer) ==
                                   (y.abstained, y.answer)),
        "confidence_abs_diff_mean": sum(deltas) / n if n else None,
        "confidence_abs_diff_max": deltas[-1] if deltas else None,
    }


def headline(summary: dict[str, Any]) -> dict[str, Any]:
    ans, ab = summary["answers"], summary["abstention"]
    return {"sentence_accuracy": ans["sentence_accuracy"], "f1": ans["f1"],
            "exact_match": ans["exact_match"], "abstention_recall": ab.get("recall"),
            "abstention_precision": ab.get("precision"),
            "ask_p50_ms": summary["latency_ms"]["p50"],
            "ask_p95_ms": summary["latency_ms"]["p95"]}


def run(bot: Any, items: list[EvalItem], name: str) -> dict[str, Any]:
    reader = bot.selector.reader
    if reader is None:
        raise SystemExit("no reader loaded: nothing to compare")
    bot.ask("warm up the models")
    runs: dict[str, list[Record]] = {}
    for p in PRECISIONS:
        reader.precision = bot.retriever.precision = p
        run_items(bot, items[:20], progress=False)  # warm this precision's kernels
        runs[p] = run_items(bot, items, progress=True)
    reader.precision = bot.retriever.precision = resolve_precision()
    out = {"set": name, "agreement": compare(runs["float32"], runs["bfloat16"])}
    for p in PRECISIONS:
        out[p] = headline(summarize(runs[p], ()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench precision", description=__doc__)
    ap.add_argument("--gold", nargs="?", const=str(DEFAULT_GOLD), default=None,
                    help=f"gold JSONL asked to the seeds index (default file {DEFAULT_GOLD})")
    ap.add_argument("--squad", help="SQuAD v1.1 JSON: held-out questions over its paragraphs")
    ap.add_argument("--limit", type=int, default=500, help="SQuAD questions")
    ap.add_argument("--unanswerable-by-removal", type=int, default=100, metavar="N")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args(argv)
    if not args.gold and not args.squad:
        ap.error("give --gold and/or --squad")
    if not native_bf16():
        print("note: this CPU has no native bfloat16; the bfloat16 run is emulated (slow)",
              file=sys.stderr)
    results = []
    if args.gold:
        from ..bot import QABot

        results.append(run(QABot.load(), load_gold(args.gold), f"gold {Path(args.gold).name}"))
    if args.squad:
        from ..evaluation import squad_bot_for
        from ..squad import load_squad

        path = Path(args.squad)
        docs, questions = load_squad(path)
        pool, what, _ = held_out_questions(path, questions)
        items = squad_items(pool, args.limit, args.seed, args.unanswerable_by_removal,
                            doc_ids=[d.id for d in docs])
        results.append(run(squad_bot_for(path, None, True), items, f"SQuAD {path.name}: {what}"))
    for r in results:
        print(f"\n== {r['set']}")
        for k, v in r["agreement"].items():
            print(f"  {k:<28} {v:.4f}" if isinstance(v, float) else f"  {k:<28} {v}")
        for p in PRECISIONS:
            print(f"  {p:<9} " + "  ".join(
                f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                for k, v in r[p].items()))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
