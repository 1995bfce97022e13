"""``bench rerank``'s fitting and cross-validation on synthetic reads (no models)."""

import numpy as np

from qa_bot.bench.rerank import (
    Group,
    cv_accuracy,
    fit_listwise,
    fit_pointwise,
    folds_by_article,
    oracle,
)


def synthetic(n: int, seed: int = 0, noise: float = 1.0) -> list[Group]:
    """Questions of 3 reads; the labelled read has the highest feature 0 plus noise, and
    feature 1 is noise. One question in ten has no labelled read."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        x = rng.normal(size=(3, 2))
        y = np.zeros(3)
        if i % 10:
            j = int(rng.integers(3))
            y[j] = 1.0
            x[j, 0] += 2.0 + noise * rng.normal()
        out.append(Group(x, y, f"article-{i % 7}"))
    out.append(Group(None, None, "article-0"))  # nothing retrieved
    return out


def test_folds_cover_each_article_once():
    folds = folds_by_article([f"a{i}" for i in range(12)] * 2)
    assert sorted(a for f in folds for a in f) == sorted(f"a{i}" for i in range(12))
    assert len(folds) == 5


def test_oracle_counts_questions_with_a_labelled_read():
    groups = synthetic(100)
    assert oracle(groups) == sum(g.y is not None and g.y.any() for g in groups) / len(groups)


def test_listwise_learns_the_informative_feature():
    groups = [g for g in synthetic(300) if g.x is not None]
    score = fit_listwise(0.1)(groups)
    probe = np.array([[1.0, 0.0], [0.0, 1.0]])  # high feature 0 beats high feature 1
    s = score(probe)
    assert s[0] > s[1]


def test_cv_accuracy_beats_chance_and_stays_under_the_oracle():
    groups = synthetic(400, noise=0.5)
    folds = folds_by_article([g.article for g in groups])
    for fitter in (fit_pointwise(1.0), fit_listwise(1.0)):
        acc = cv_accuracy([groups], groups, fitter, folds)
        assert 0.6 < acc <= oracle(groups)


def test_cv_never_scores_a_fold_with_a_model_fitted_on_it():
    """A fitter that memorizes its training articles scores its test folds as unseen."""
    groups = synthetic(70)
    folds = folds_by_article([g.article for g in groups])
    seen_per_call: list[set[str]] = []

    def fitter(train):
        seen_per_call.append({g.article for g in train})
        return lambda x: x[:, 0]

    cv_accuracy([groups], groups, fitter, folds)
    assert all(not (seen & fold) for seen, fold in zip(seen_per_call, folds, strict=True))
