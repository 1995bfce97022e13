"""Scoring functions for the evaluation: SQuAD answer metrics, rankings, abstention, calibration.

Pure functions on plain values (no models), so every figure in a report can be unit-tested.
Normalization and EM/F1 follow the official SQuAD v1.1 evaluation script, so numbers are
comparable with published ones.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation)


def normalize_answer(s: str) -> str:
    """Lower-case, drop punctuation, drop articles a/an/the, squeeze whitespace (SQuAD v1.1)."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in _PUNCT)
    s = _ARTICLES.sub(" ", s)
    return " ".join(s.split())


def exact_match(prediction: str, ground_truth: str) -> float:
    return float(normalize_answer(prediction) == normalize_answer(ground_truth))


def f1_score(prediction: str, ground_truth: str) -> float:
    """Token-overlap F1 between normalized strings, as in the SQuAD v1.1 script."""
    pred = normalize_answer(prediction).split()
    gold = normalize_answer(ground_truth).split()
    common = Counter(pred) & Counter(gold)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(gold)
    return 2 * precision * recall / (precision + recall)


def best_em(prediction: str, answers: Iterable[str]) -> float:
    """EM against the closest gold answer (0 when there are none)."""
    return max((exact_match(prediction, a) for a in answers), default=0.0)


def best_f1(prediction: str, answers: Iterable[str]) -> float:
    return max((f1_score(prediction, a) for a in answers), default=0.0)


def answer_in_text(answers: Iterable[str], text: str) -> bool:
    """True when some gold answer occurs in ``text`` as whole normalized tokens, or verbatim
    (case-insensitive) between word boundaries -- the second catches possessives, which
    normalization glues on ("Wednesday's" -> "wednesdays")."""
    hay = f" {normalize_answer(text)} "
    low = text.lower()
    for a in answers:
        needle = normalize_answer(a)
        if not needle:
            continue
        if f" {needle} " in hay or re.search(
                rf"(?<!\w){re.escape(a.strip().lower())}(?!\w)", low):
            return True
    return False


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether the half-open range [start, end) shares at least one character with a span."""
    return any(start < b and a < end for a, b in spans)


# ---- rankings ---------------------------------------------------------------------------------
def first_hit(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant result, None when nothing relevant was returned."""
    for i, hit in enumerate(relevant, 1):
        if hit:
            return i
    return None


def recall_at(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of queries with a relevant result in the top ``k`` (None for no queries)."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr(ranks: Sequence[int | None]) -> float | None:
    """Mean reciprocal rank; a query with no relevant result contributes 0."""
    if not ranks:
        return None
    return sum(1 / r for r in ranks if r is not None) / len(ranks)


# ---- abstention -------------------------------------------------------------------------------
@dataclass
class PRF:
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float | None
    recall: float | None
    f1: float | None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def abstention_prf(should_abstain: Sequence[bool], abstained: Sequence[bool]) -> PRF:
    """Precision/recall/F1 with "should abstain" as the positive class.

    Precision's denominator is every abstention (including ones on answerable questions),
    recall's is every question that should be abstained on; None when a denominator is 0.
    """
    if len(should_abstain) != len(abstained):
        raise ValueError("should_abstain and abstained differ in length")
    pairs = list(zip(should_abstain, abstained, strict=True))
    tp = sum(1 for s, a in pairs if s and a)
    fp = sum(1 for s, a in pairs if not s and a)
    fn = sum(1 for s, a in pairs if s and not a)
    tn = sum(1 for s, a in pairs if not s and not a)
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = (2 * p * r / (p + r) if p + r else 0.0) if p is not None and r is not None else None
    return PRF(tp, fp, fn, tn, p, r, f)


# ---- confidence -------------------------------------------------------------------------------
@dataclass
class Bin:
    lo: float
    hi: float
    count: int
    mean_confidence: float | None
    accuracy: float | None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def calibration_bins(confidences: Sequence[float], correct: Sequence[bool],
                     n_bins: int = 10) -> tuple[list[Bin], float | None]:
    """Equal-width confidence bins (last one closed) and the expected calibration error.

    ECE = sum over bins of (count / total) * |accuracy - mean confidence|; None for no data.
    """
    if len(confidences) != len(correct):
        raise ValueError("confidences and correct differ in length")
    groups: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    for c, ok in zip(confidences, correct, strict=True):
        c = min(max(float(c), 0.0), 1.0)
        groups[min(int(c * n_bins), n_bins - 1)].append((c, bool(ok)))
    bins, total, ece = [], len(confidences), 0.0
    for i, g in enumerate(groups):
        if g:
            conf = sum(c for c, _ in g) / len(g)
            acc = sum(1 for _, ok in g if ok) / len(g)
            ece += len(g) / total * abs(acc - conf)
            bins.append(Bin(i / n_bins, (i + 1) / n_bins, len(g), conf, acc))
        else:
            bins.append(Bin(i / n_bins, (i + 1) / n_bins, 0, None, None))
    return bins, (ece if total else None)


@dataclass
class CurvePoint:
    threshold: float
    answered: int
    coverage: float
    accuracy: float

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def coverage_curve(confidences: Sequence[float], correct: Sequence[bool],
                   answered: Sequence[bool], total: int | None = None) -> list[CurvePoint]:
    """Accuracy among answered questions vs coverage, as the confidence threshold rises.

    Only questions the bot ``answered`` can be kept (an abstention has no answer to judge).
    At threshold t the kept ones are those answered with confidence >= t; coverage is kept /
    ``total`` (default: every question), accuracy is correct / kept. One point per distinct
    confidence, lowest threshold (highest coverage) first.
    """
    n = len(confidences)
    if not (n == len(correct) == len(answered)):
        raise ValueError("confidences, correct and answered differ in length")
    total = n if total is None else total
    kept = sorted(((float(c), bool(ok)) for c, ok, a in zip(confidences, correct, answered,
                                                           strict=True) if a),
                  key=lambda x: -x[0])
    points: list[CurvePoint] = []
    n_ok = 0
    for i, (c, ok) in enumerate(kept):
        n_ok += ok
        if i + 1 < len(kept) and kept[i + 1][0] == c:
            continue  # ties enter together
        points.append(CurvePoint(c, i + 1, (i + 1) / total if total else 0.0, n_ok / (i + 1)))
    points.reverse()
    return points


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in [0, 100]); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)
