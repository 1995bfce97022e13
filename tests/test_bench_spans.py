"""``bench spans``'s question classes and extra span features (no models)."""

from qa_bot.bench.spans import ExtraSpanFeatures, split_qtype
from qa_bot.selector import SPAN_FEATURES, AnswerSelector
from qa_bot.types import Entity, Sentence


def test_manner_and_reason_questions_get_their_own_class_and_others_keep_theirs():
    assert split_qtype("How did the consultations end?") == "manner"
    assert split_qtype("Why will a precedent be set?") == "reason"
    assert split_qtype("How many peacekeepers does NATO keep?") == "number"
    assert split_qtype("How did he describe the talks?") == "quote"
    assert split_qtype("What is the capital of France?") == "place"
    assert split_qtype("What happened next?") == "other"


def test_extra_features_count_question_words_and_a_contained_typed_entity():
    text = "Earlier this year, Russia blocked the plan."
    russia = Entity(19, 25, "GPE", "Russia")
    s = Sentence("d", 0, len(text), text, [russia])
    long_span = Entity(19, 42, "READER", "Russia blocked the plan")
    plain = AnswerSelector()
    extra = ExtraSpanFeatures(plain.params)
    base = plain.span_features(s, [russia, long_span], "Who blocked the plan?", "person")
    x = extra.span_features(s, [russia, long_span], "Who blocked the plan?", "person")
    assert base.shape == (2, len(SPAN_FEATURES)) and x.shape == (2, len(SPAN_FEATURES) + 2)
    (in_q_russia, holds_russia), (in_q_long, holds_long) = x[:, -5:-3]
    assert in_q_russia == 0 and in_q_long > 0  # "blocked", "plan" are the question's
    assert holds_russia == 0 and holds_long == 1  # the long span contains the name
    assert (x[:, -3:] == base[:, -3:]).all() and (x[:, :-5] == base[:, :-3]).all()
