"""``bench packed`` switches the reader between its packed and padded passes and compares."""

from __future__ import annotations

import pytest

from qa_bot import reader as rd
from qa_bot.bench.packed import asks, reader_batches, reads

QUESTIONS = ["How did Churkin describe the 120 days of negotiations?",
             "Who is the Serbian prime minister?"]


@pytest.mark.slow
def test_packed_bench_measures_both_passes_on_the_readers_own_batches(seeds_bot) -> None:
    reader = rd.get_reader()
    assert reader is not None
    batches = reader_batches(seeds_bot, reader, QUESTIONS)
    assert len(batches) == len(QUESTIONS)  # one reader batch per ask, recorded as made
    assert "encode" not in vars(reader)  # the recording hook is removed again
    got = reads(reader, batches)
    assert got["pairs"] == sum(len(b["input_ids"]) for b in batches)
    assert got["float32_max_abs_diff_max"] < 1e-3  # the same network, the same products
    assert got["padded_ms_p50"] > 0 and got["packed_ms_p50"] > 0
    out = asks(seeds_bot, reader, QUESTIONS)
    assert out["questions"] == 2 and reader.packed is True  # the switch is restored
    assert out["answers_differing"] == len(out["differing"])
