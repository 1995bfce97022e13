"""``python -m qa_bot.bench answer --squad FILE``: the answer benchmark on SQuAD-format data.

The scoring is the evaluation's (``qa_bot.evaluation``: sentence accuracy, short-answer EM/F1,
abstention on article-removed questions, ask latency); this adds the process's peak memory.
Defaults: 2,000 sampled questions (seed 0) and 300 asked against the corpus minus their article.
"""

from __future__ import annotations

import argparse
import resource
import sys

from ..evaluation import main as eval_main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench answer", description=__doc__)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1/v2.0 JSON file")
    ap.add_argument("--limit", type=int, default=2000, help="questions (0 = all)")
    ap.add_argument("--unanswerable-by-removal", type=int, default=300, metavar="N")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="report folder (default eval/reports/)")
    args = ap.parse_args(argv)
    argv_eval = ["--squad", args.squad, "--limit", str(args.limit), "--seed", str(args.seed),
                 "--unanswerable-by-removal", str(args.unanswerable_by_removal)]
    if args.out:
        argv_eval += ["--out", args.out]
    code = eval_main(argv_eval)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak_mb:.0f} MB")
    return code


if __name__ == "__main__":
    sys.exit(main())
