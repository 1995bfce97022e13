"""``python -m qa_bot.bench threshold --squad FILE --news eval/news``: which abstention
threshold is best, and what a wrong answer must cost for it to be.

Every question is answered twice over: with the threshold at 0 (the sentence the bot would
give, and its confidence) and at 1 (which answers stand by a rule whatever the confidence).
At a threshold t an answer is given when it stands by rule or its confidence is at least t;
its utility is +1 when its sentence holds a gold answer, -c when it does not or the question
has no answer, and 0 for an abstention. The best t for each cost c is chosen on the
questions nothing is reported on: SQuAD questions of the articles neither the reader nor
the held-out evaluation uses (plus as many asked with their article removed), and the news
benchmark's dev split (each question over its own article); the news test splits are then
scored at that t and at the shipped one. A conversation turn is asked after the bot's own
answers at threshold 0, so its figures at other thresholds are approximate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

GRID = np.round(np.arange(0.0, 0.51, 0.01), 2)


def outcomes(bot, items) -> list[tuple[float, bool, bool, bool, bool]]:
    """Per item: (confidence, answer stands by rule, answered at 0, sentence right,
    should abstain)."""
    from ..evaluation import run_items

    sel = bot.selector
    shipped = sel.abstain_threshold
    try:
        sel.abstain_threshold = 0.0
        free = run_items(bot, items, progress=False)
        sel.abstain_threshold = 1.0
        strict = run_items(bot, items, progress=False)
    finally:
        sel.abstain_threshold = shipped
    return [(r.confidence, not s.abstained, not r.abstained, bool(r.sentence_ok),
             it.should_abstain) for r, s, it in zip(free, strict, items, strict=True)]


def utility(rows, t: float, c: float) -> float:
    u = 0.0
    for conf, by_rule, answered, right, unanswerable in rows:
        if answered and (by_rule or conf >= t):
            u += 1.0 if right and not unanswerable else -c
    return u / max(1, len(rows))


def squad_fit_items(path: Path, n: int, removal: int, seed: int):
    """SQuAD questions of the fit half's articles the reader did not train on."""
    from ..evaluation import squad_items
    from ..reader import META_PATH
    from ..squad import load_squad, split_by_article

    docs, questions = load_squad(path)
    fit_q, _held = split_by_article(questions, seed=seed)
    trained = set(json.loads(META_PATH.read_text()).get("articles", [])) \
        if META_PATH.is_file() else set()
    pool = [q for q in fit_q if q.article not in trained]
    return squad_items(pool, n, seed, removal, doc_ids=[d.id for d in docs])


def news_items(folder: Path, split: str, doc_ids):
    from ..evaluation import load_gold, one_article

    items = load_gold(folder / f"{split}.jsonl")
    one_article(items, doc_ids)
    return items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench threshold", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1 dev JSON (the fitted file)")
    ap.add_argument("--news", required=True, help="the news benchmark folder (eval/news)")
    ap.add_argument("--fit", type=int, default=1000, help="SQuAD fit-half questions")
    ap.add_argument("--removal", type=int, default=200,
                    help="more fit-half questions asked with their article removed")
    ap.add_argument("--costs", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    from ..evaluation import articles_bot, squad_bot_for

    news = Path(args.news)
    squad_bot = squad_bot_for(Path(args.squad), None, True)
    shipped = squad_bot.selector.abstain_threshold
    fit = {"SQuAD fit half": outcomes(squad_bot, squad_fit_items(
        Path(args.squad), args.fit, args.removal, args.seed))}
    bot = articles_bot(news / "articles", None, None, True)
    docs = bot.index.documents
    fit["news dev"] = outcomes(bot, news_items(news, "dev", docs))
    held = {s: outcomes(bot, news_items(news, s, docs)) for s in ("test", "test2")}
    for name, rows in {**fit, **held}.items():
        ans = [r for r in rows if not r[4]]
        print(f"{name}: {len(rows)} questions; answering everything, the sentence is right "
              f"for {np.mean([r[2] and r[3] for r in ans]):.1%} of {len(ans)} answerable")
    print(f"\nshipped threshold {shipped:.2f}; U = right - c x (wrong or answered "
          "unanswerable), per question; chosen on the mean of the fit sets")
    for c in args.costs:
        mean = [np.mean([utility(rows, t, c) for rows in fit.values()]) for t in GRID]
        best = float(GRID[int(np.argmax(mean))])
        print(f"\nc = {c:g}: best t = {best:.2f}")
        for t in sorted({best, shipped, 0.0, 0.1, 0.2, 0.3, 0.4}):
            cols = "  ".join(f"{k} {utility(r, t, c):.3f}" for k, r in {**fit, **held}.items())
            fitted = np.mean([utility(r, t, c) for r in fit.values()])
            print(f"  t = {t:.2f}: mean of fit {fitted:.3f} | {cols}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
