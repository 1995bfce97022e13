"""``python -m qa_bot.bench rerank --squad FILE``: is the rerank model's fitting the limit?

The rerank model (``selector.rerank``) chooses among the sentences the reader read. This
cross-validates ways of fitting it, on the fit half's questions the reader did not train on
(the questions ``qa_bot.fit`` fits on; never the held-out half), 5 folds by article:

- ``pointwise``: a logistic model per read sentence, as shipped (C 1.0 and 0.1);
- ``listwise``: a conditional logit, a softmax over each question's reads, fitted to put the
  probability on its labelled ones (what choosing one sentence needs; the pointwise model only
  approximates it);
- ``+small``: the shipped model also fitted on the same questions asked in small corpora.

Each is scored on the big corpus (2,067 paragraphs) and on small corpora (10 paragraphs of
one article): the share of questions whose chosen sentence holds a gold answer, beside the
oracle (a labelled sentence is among the reads). A few minutes: the questions are read once.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Scorer = Callable[[np.ndarray], np.ndarray]


@dataclass
class Group:
    """One question's reads: rerank features (rows), labels, and its article (for folds)."""

    x: np.ndarray | None
    y: np.ndarray | None
    article: str


def folds_by_article(articles: list[str], k: int = 5) -> list[set[str]]:
    arts = sorted(set(articles))
    return [set(arts[i::k]) for i in range(k)]


def fit_pointwise(c: float = 1.0) -> Callable[[list[Group]], Scorer]:
    from ..fit import fit_linear

    def fit(groups: list[Group]) -> Scorer:
        x = np.vstack([g.x for g in groups])
        y = np.concatenate([g.y for g in groups])
        return fit_linear(x, y, c=c).logit

    return fit


def fit_listwise(lam: float = 1.0) -> Callable[[list[Group]], Scorer]:
    """Conditional logit: maximize log P(a labelled read | the question's reads), L2 ``lam``."""
    from scipy.optimize import minimize

    def fit(groups: list[Group]) -> Scorer:
        x = np.vstack([g.x for g in groups])
        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale[scale < 1e-6] = 1.0
        data = [((g.x - mean) / scale, g.y) for g in groups if g.y.any()]

        def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
            total, grad = lam * w @ w / 2, lam * w
            for z, y in data:
                s = z @ w
                p = np.exp(s - s.max())
                p /= p.sum()
                q = y * p
                total -= np.log(q.sum() + 1e-300)
                grad = grad - z.T @ (q / q.sum() - p)
            return float(total), grad

        w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                     options={"maxiter": 500}).x
        return lambda rows: ((rows - mean) / scale) @ w

    return fit


def cv_accuracy(train: list[list[Group]], test: list[Group],
                fitter: Callable[[list[Group]], Scorer], folds: list[set[str]]) -> float:
    """Accuracy on ``test`` with each fold scored by a model fitted on ``train`` minus it."""
    hits = []
    for fold in folds:
        scorer = fitter([g for gs in train for g in gs if g.article not in fold and
                         g.x is not None])
        hits += [0.0 if g.x is None else float(g.y[int(np.argmax(scorer(g.x)))])
                 for g in test if g.article in fold]
    return float(np.mean(hits)) if hits else float("nan")


def oracle(groups: list[Group]) -> float:
    return float(np.mean([g.x is not None and bool(g.y.any()) for g in groups]))


def groups_of(selector, items) -> list[Group]:
    """The rerank features of each item's reads, as ``selector.rerank`` builds them."""
    out = []
    for it in items:
        if not len(it.x) or not it.reads:
            out.append(Group(None, None, it.q.article))
            continue
        selector.score_sentences(it.cands, it.x)
        top = selector.reader_top(it.cands)
        for c in top:
            c.reading = it.reads[c.row]
        out.append(Group(selector.rerank_features(top),
                         np.array([it.y[it.cands.index(c)] for c in top]), it.q.article))
    return out


def fit_half_items(squad: str, n_fit: int = 2500, n_small: int = 1500, seed: int = 0):
    """The questions ``qa_bot.fit`` fits on (fit half, articles the reader did not train on),
    with features and the shipped selector's reads, on the big corpus and in small corpora:
    ``(selector, big_items, small_items)``."""
    from .. import fit as F
    from ..reader import META_PATH, load
    from ..selector import AnswerSelector
    from ..squad import load_squad, split_by_article, squad_bot

    docs, questions = load_squad(squad)
    bot = squad_bot(squad)
    article_docs: dict[str, set[str]] = {}
    for q in questions:
        article_docs.setdefault(q.article, set()).add(q.doc_id)
    fit_q, _ = split_by_article(questions, seed=seed)
    reader_arts = set(json.loads(META_PATH.read_text()).get("articles", []))
    fit_q = [q for q in fit_q if q.article not in reader_arts]
    fit_q = random.Random(seed).sample(fit_q, min(n_fit, len(fit_q)))
    selector = AnswerSelector()  # the shipped sentence model decides what is read
    if selector.reader is None:
        selector.reader = load()  # raises with the reason the weights do not load
    big = F.collect(bot, selector, fit_q, article_docs, "features (fit half)")
    small = F.collect_small(selector, fit_q[:n_small], docs, "small corpora") if n_small else []
    # read all ``reader_k`` (as qa_bot.fit does before it chooses read_one_margin): the
    # rerank is fitted on them, and a question read once ranks the same, since readings
    # do not depend on what else is read
    with selector.reading_all():
        F.read_items(selector, bot, big, "reader")
        F.read_items(selector, bot, small, "reader (small corpora)")
    return selector, big, small


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench rerank", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1 dev JSON (what qa_bot.fit used)")
    ap.add_argument("--fit", type=int, default=2500, help="fit-half questions (as qa_bot.fit)")
    ap.add_argument("--small", type=int, default=1500, help="of those, asked in small corpora")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    selector, big, small = fit_half_items(args.squad, args.fit, args.small, args.seed)
    selector.read_one_margin = None  # the rerank model weighs all reader_k reads
    gb, gs = groups_of(selector, big), groups_of(selector, small)
    folds = folds_by_article([g.article for g in gb + gs])
    variants = [("pointwise C=1.0 (shipped)", [gb], fit_pointwise(1.0)),
                ("pointwise C=0.1", [gb], fit_pointwise(0.1)),
                ("listwise lambda=0.1", [gb], fit_listwise(0.1)),
                ("listwise lambda=1", [gb], fit_listwise(1.0)),
                ("listwise lambda=10", [gb], fit_listwise(10.0)),
                ("pointwise C=1.0 +small", [gb, gs], fit_pointwise(1.0))]
    print(f"{len(gb)} questions, {len(gs)} in small corpora, 5 folds by article")
    print(f"{'oracle (labelled sentence read)':34s} big {oracle(gb):.4f}  small {oracle(gs):.4f}")
    for name, train, fitter in variants:
        print(f"{name:34s} big {cv_accuracy(train, gb, fitter, folds):.4f}  "
              f"small {cv_accuracy(train, gs, fitter, folds):.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
