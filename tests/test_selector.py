"""The shipped selector parameters are fitted, consistent with the code, and documented."""

import json

from qa_bot.selector import (
    CONF_FEATURES,
    PARAMS_PATH,
    RERANK_FEATURES,
    SENTENCE_FEATURES,
    SPAN_FEATURES,
    AnswerSelector,
    Linear,
)


def test_shipped_parameters_match_feature_lists() -> None:
    p = json.loads(PARAMS_PATH.read_text())
    assert p["fitted"] is True
    assert p["features"] == {"sentence": SENTENCE_FEATURES, "rerank": RERANK_FEATURES,
                             "span": SPAN_FEATURES, "confidence": CONF_FEATURES}
    for key, names in (("sentence", SENTENCE_FEATURES), ("rerank", RERANK_FEATURES),
                       ("span", SPAN_FEATURES), ("confidence", CONF_FEATURES)):
        m = p[key]
        assert len(m["weights"]) == len(m["mean"]) == len(m["scale"]) == len(names)
    assert 0 < p["abstain_threshold"] < 1 and 0 <= p["span_threshold"] < 1
    # the figures shipped with the weights are held-out ones, from a split by article
    assert p["training"]["split"] == "by article"
    assert p["heldout"]["questions"] > 0
    # fitted beside the shipped reader, on articles it did not train on
    from qa_bot.reader import META_PATH

    reader = json.loads(META_PATH.read_text())
    assert p["training"]["reader"]["weights_sha256"] == reader["weights_sha256"]
    assert p["training"]["excluded_reader_articles"] == len(reader["articles"])


def test_linear_round_trip_and_monotone() -> None:
    import numpy as np

    m = Linear(np.array([2.0, -1.0]), 0.5, np.array([1.0, 0.0]), np.array([2.0, 1.0]))
    m2 = Linear.from_dict(json.loads(json.dumps(m.to_dict())))
    x = np.array([[3.0, 1.0], [1.0, 0.0]])
    assert np.allclose(m.prob(x), m2.prob(x))
    assert m.prob(np.array([5.0, 0.0])) > m.prob(np.array([1.0, 0.0]))


def test_phrases_break_at_this_questions_words_not_the_earlier_turns() -> None:
    """A follow-up's answer may use words only the earlier turns used: "negotiations" came
    from the previous question, yet "negotiations to continue" answers this one."""
    from qa_bot.types import Sentence

    text = "Churkin said Moscow will be calling for negotiations to continue beyond December 10."
    s = Sentence("d", 0, len(text), text)
    sel = AnswerSelector()
    spans = [e.text for e in sel.span_candidates(
        s, "What will Churkin be calling for?", "other",
        known="What will Churkin be calling for? How did he describe the negotiations?")]
    assert any(x.startswith("negotiations to continue") for x in spans), spans
    assert "Churkin" not in spans  # a candidate made only of known words is still dropped
