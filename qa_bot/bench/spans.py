"""``python -m qa_bot.bench spans --squad FILE``: do two ideas for short answers pay on SQuAD?

Both come from wrong spans on questions asked of the seed articles: "Who blocked the plan?"
answered the reader's long "Russia blocked the UN Security Council's approval of a plan ..."
(the name sits inside a span that repeats the question), and "How did the consultations
end?" answered "Wednesday" (a manner question answered with a date). Cross-validated on the
questions ``qa_bot.fit`` fits on (fit half, 5 folds by article, big corpus; the label priors,
span model and span threshold refitted in each fold, the sentence as the rerank chose it):

- ``qtypes``: "how did/does/was ..." (not a quote question) and "why" questions get their own
  question classes, so the label prior learns what answers them (instead of sharing "other");
- ``features``: two span features, the number of the question's words inside the candidate
  and whether it contains an entity of the expected type that the question does not name.

Short-answer F1 and EM on the test folds, beside the shipped features.
"""

from __future__ import annotations

import argparse
import math
import re
import sys

import numpy as np

from ..answer_types import candidates as typed_candidates
from ..answer_types import classify, expected_labels
from ..selector import AnswerSelector
from ..terms import terms

_MANNER = re.compile(r"^how (did|does|do|is|was|were|are|can|could|would|will|has|have|had|"
                     r"should)\b")


def split_qtype(question: str) -> str:
    """``classify``, with manner ("how did ...") and reason ("why") questions apart."""
    base = classify(question)
    if base != "other":
        return base
    q = question.lower().strip()
    if _MANNER.search(q):
        return "manner"
    return "reason" if re.search(r"\bwhy\b", q) else base


class ExtraSpanFeatures(AnswerSelector):
    """The shipped span features plus two, inserted before the reader's three columns."""

    def span_features(self, sentence, spans, question, qtype, reading=None):  # type: ignore
        base = super().span_features(sentence, spans, question, qtype, reading)
        if not len(base):
            return base
        q_terms = set(terms(question))
        expected = expected_labels(qtype)
        typed = [e for e in typed_candidates(sentence)
                 if e.label in expected and not set(terms(e.text)) <= q_terms]
        extra = np.array([[math.log1p(len(set(terms(e.text)) & q_terms)),
                           float(any(e.start <= t.start and t.end <= e.end and
                                     t.end - t.start < e.end - e.start for t in typed))]
                          for e in spans])
        return np.hstack([base[:, :-3], extra, base[:, -3:]])


def cv_spans(selector: AnswerSelector, items: list, folds: list[set[str]]
             ) -> tuple[float, float]:
    """Mean F1 and EM of the short answers on each fold, fitted on the other folds."""
    from .. import fit as F

    f1s, ems = [], []
    for fold in folds:
        train = [it for it in items if it.q.article not in fold]
        selector.label_prior = F.label_priors(selector, train)
        sx, sy = F.span_data(selector, train)
        selector.span_model = F.fit_linear(sx, sy)
        selector.span_threshold = F.choose_span_threshold(selector, train)
        for it in items:
            if it.q.article in fold:
                text = F._answer_text(selector, it)
                f1s.append(F.best_f1(text, it.q.answers))
                ems.append(float(any(F.normalize_answer(text) == F.normalize_answer(a)
                                     for a in it.q.answers)))
    return float(np.mean(f1s)), float(np.mean(ems))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench spans", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1 dev JSON (what qa_bot.fit used)")
    ap.add_argument("--fit", type=int, default=2500, help="fit-half questions (as qa_bot.fit)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    from .rerank import fit_half_items, folds_by_article

    shipped, items, _ = fit_half_items(args.squad, args.fit, 0, args.seed)
    folds = folds_by_article([it.q.article for it in items])
    extra = ExtraSpanFeatures(shipped.params)
    extra.reader = shipped.reader
    print(f"{len(items)} questions, 5 folds by article")
    for name, selector, qtype in (("shipped", shipped, classify),
                                  ("qtypes", shipped, split_qtype),
                                  ("features", extra, classify),
                                  ("qtypes + features", extra, split_qtype)):
        for it in items:
            it.qtype = qtype(it.q.question)
        f1, em = cv_spans(selector, items, folds)
        print(f"{name:20s} F1 {f1:.4f}  EM {em:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
