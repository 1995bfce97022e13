"""The neural reader: span arithmetic, refusing wrong weights, and reading real sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa_bot import reader as rd
from qa_bot.types import Sentence
from qa_bot.weights import file_sha256


def _reading(start: list[float], end: list[float]) -> rd.Reading:
    # four tokens of "Vitaly Churkin said yes" at document offset 100
    offsets = [(100, 106), (107, 114), (115, 119), (120, 123)]
    s = Sentence("d", 100, 123, "Vitaly Churkin said yes")
    ls = np.log(np.array(start) / sum(start))
    le = np.log(np.array(end) / sum(end))
    return rd.Reading(s, 0.0, offsets, ls, le)


def test_best_span_is_the_most_probable_start_end_pair_in_order() -> None:
    r = _reading([0.7, 0.1, 0.1, 0.1], [0.05, 0.8, 0.05, 0.1])
    (a, b, score), *rest = r.best_spans(3)
    assert (a, b) == (100, 114)  # "Vitaly Churkin"
    assert score == pytest.approx(np.log(0.7 * 0.8))
    # the others do not overlap the best one, and scores only go down
    assert all(e <= a or s >= b for s, e, _ in rest)
    assert all(x[2] <= score for x in rest)


def test_end_never_before_start() -> None:
    # the best start is after the best end: the pair (3, 0) is invalid
    r = _reading([0.05, 0.05, 0.1, 0.8], [0.8, 0.1, 0.05, 0.05])
    for a, b, _ in r.best_spans(5):
        assert a < b


def test_span_score_uses_the_tokens_touching_the_range() -> None:
    r = _reading([0.7, 0.1, 0.1, 0.1], [0.05, 0.8, 0.05, 0.1])
    assert r.span_score(100, 114) == pytest.approx(np.log(0.7 * 0.8))
    assert r.span_score(102, 110) == pytest.approx(np.log(0.7 * 0.8))  # inside both tokens
    assert r.span_score(115, 123) < r.span_score(100, 114)


def test_shipped_weights_are_described_and_small() -> None:
    meta = json.loads(rd.META_PATH.read_text())
    assert meta["weights_sha256"] == file_sha256(rd.WEIGHTS_PATH)
    assert meta["articles"] and meta["split_seed"] == 0
    # int8 matrices: well under the 20 MB a float16 copy of six layers would take
    assert rd.WEIGHTS_PATH.stat().st_size < 12_000_000


def test_missing_or_corrupted_weights_are_refused(tmp_path: Path) -> None:
    with pytest.raises(rd.ReaderError, match="no reader weights"):
        rd.load(tmp_path / "none.safetensors", tmp_path / "none.json")
    w, m = tmp_path / "r.safetensors", tmp_path / "r.json"
    shutil.copy(rd.WEIGHTS_PATH, w)
    shutil.copy(rd.META_PATH, m)
    with open(w, "r+b") as f:
        f.seek(200)
        f.write(b"\x00\x01\x02")
    with pytest.raises(rd.ReaderError, match="corrupted"):
        rd.load(w, m)


def test_weights_for_another_base_model_are_refused(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "model.safetensors").write_bytes(b"not the model the reader was tuned from")
    with pytest.raises(rd.ReaderError, match="another base model"):
        rd.load(base_path=base)


CHURKIN = ("Russia's UN Ambassador Vitaly Churkin described the 120 days of negotiations as "
           "a worthwhile exercise.")


@pytest.mark.slow
def test_reader_finds_the_answer_span_and_prefers_the_answering_sentence() -> None:
    reader = rd.get_reader()
    assert reader is not None
    answer = Sentence("d", 0, len(CHURKIN), CHURKIN)
    other = Sentence("d", 200, 0, "The troika will report to the Secretary-General on Friday.")
    other.end = 200 + len(other.text)
    q = "Who is Russia's ambassador to the UN?"
    ra, ro = reader.read(q, [answer, other])
    a, b, _ = ra.best_spans(1)[0]
    assert answer.text[a:b] == "Vitaly Churkin"
    assert ra.rel > ro.rel
    d = reader.read("When will the troika report?", [other])[0].best_spans(1)[0]
    assert "Friday" in other.text[d[0] - 200 : d[1] - 200]


@pytest.mark.slow
def test_selector_without_reader_still_answers(seeds_bot) -> None:
    """Weights that do not load leave the reader's features at their training means."""
    from qa_bot.selector import AnswerSelector

    sel = AnswerSelector()
    sel.reader = None
    bot_sel, seeds_bot._selector = seeds_bot._selector, sel
    try:
        a = seeds_bot.ask("Who is Russia's ambassador to the UN?")
    finally:
        seeds_bot._selector = bot_sel
    assert not a.abstained
    assert "Churkin" in a.sentence


def test_precision_comes_from_the_argument_then_the_environment(monkeypatch) -> None:
    from qa_bot import models

    monkeypatch.setenv(models.PRECISION_ENV, "float32")
    assert models.resolve_precision() == "float32"
    assert models.resolve_precision("bfloat16") == "bfloat16"
    monkeypatch.setenv(models.PRECISION_ENV, "bfloat16")
    assert models.resolve_precision() == "bfloat16"
    monkeypatch.delenv(models.PRECISION_ENV)
    # auto: bfloat16 only where the CPU multiplies it natively (emulated is slower)
    want = "bfloat16" if models.native_bf16() else "float32"
    assert models.resolve_precision("auto") == want
    with pytest.raises(ValueError, match=r"float16.*use one of"):
        models.resolve_precision("float16")


@pytest.mark.slow
def test_bfloat16_reading_matches_float32() -> None:
    """bfloat16 only speeds the matrix products up: same best span, near-equal scores."""
    reader = rd.get_reader()
    assert reader is not None
    s = Sentence("d", 0, len(CHURKIN), CHURKIN)
    q = "Who is Russia's ambassador to the UN?"
    before = reader.precision
    try:
        reader.precision = "float32"
        (full,) = reader.read(q, [s])
        reader.precision = "bfloat16"
        (half,) = reader.read(q, [s])
    finally:
        reader.precision = before
    assert full.best_spans(1)[0][:2] == half.best_spans(1)[0][:2]
    assert s.text[slice(*full.best_spans(1)[0][:2])] == "Vitaly Churkin"
    assert half.rel == pytest.approx(full.rel, abs=0.5)
    assert np.abs(half.start - full.start).max() < 0.5
    assert not np.array_equal(half.start, full.start)  # bfloat16 really ran


def test_reading_context_is_the_title_and_the_previous_sentences_end() -> None:
    prev = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    assert rd.reading_context("Kosovo talks", prev, words=3) == \
        "Kosovo talks: twelve thirteen fourteen"
    assert rd.reading_context("Kosovo talks", None) == "Kosovo talks"  # an article's first
    assert rd.first_segment("Who?", None, "[SEP]") == "Who?"
    assert rd.first_segment("Who?", "Kosovo talks", "[SEP]") == "Who? [SEP] Kosovo talks"


@pytest.mark.slow
def test_context_is_read_only_by_weights_trained_with_it() -> None:
    """The context goes into the first segment (the sentence stays the second, so spans and
    offsets are the sentence's); weights trained without context never see it."""
    reader = rd.get_reader()
    assert reader is not None
    q, ctx = "Who is Russia's ambassador to the UN?", "Kosovo talks: the troika reported"
    saved = dict(reader.meta)
    try:
        reader.meta["context"] = None
        plain = reader.encode(q, [CHURKIN], [ctx])["input_ids"][0].tolist()
        assert plain == reader.encode(q, [CHURKIN])["input_ids"][0].tolist()
        reader.meta["context"] = rd.CONTEXT
        batch = reader.encode(q, [CHURKIN], [ctx])
        ids = batch["input_ids"][0].tolist()
        assert len(ids) > len(plain)
        assert reader.tokenizer.decode(ids).count("[SEP]") == 3  # q [SEP] context [SEP] s [SEP]
        assert "troika reported" in reader.tokenizer.decode(
            [t for t, sid in zip(ids, batch.sequence_ids(0), strict=True) if sid == 0])
        s = Sentence("d", 50, 50 + len(CHURKIN), CHURKIN)
        (r,) = reader.read(q, [s], [ctx])
        assert all(50 <= a < b <= s.end for a, b in r.offsets)  # only the sentence's tokens
        assert len(r.offsets) == len(reader.encode(q, [CHURKIN])["input_ids"][0]) - \
            len(reader.tokenizer(q)["input_ids"]) - 1
    finally:
        reader.meta.clear()
        reader.meta.update(saved)


@pytest.mark.slow
def test_a_question_longer_than_the_reader_window_is_clipped_not_a_crash(seeds_bot) -> None:
    """2,000 characters is an allowed question; the pair is cut from the sentence's side only,
    so a question of more than MAX_LEN word pieces had made the tokenizer raise."""
    from qa_bot.question import MAX_QUESTION_CHARS

    reader = rd.get_reader()
    assert reader is not None
    long_q = ("Who is Russia's ambassador to the UN and what did he say about the talks " * 40
              )[:MAX_QUESTION_CHARS]
    clipped = reader.clip(long_q)
    assert long_q.startswith(clipped) and len(clipped) < len(long_q)
    n = len(reader.tokenizer(clipped, add_special_tokens=False)["input_ids"])
    assert n == rd.MAX_QUESTION_TOKENS
    assert reader.clip("Who is Russia's ambassador to the UN?") == \
        "Who is Russia's ambassador to the UN?"
    a = seeds_bot.ask(long_q)  # answered or abstained, but no exception
    assert isinstance(a.abstained, bool)
