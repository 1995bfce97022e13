"""The packed encoder pass gives the padded pass's outputs, on a batch that really pads."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot import reader as rd
from qa_bot import unpadded
from qa_bot.models import bf16_linear_copy, inference_precision

QUESTION = "How did Churkin describe the 120 days of negotiations?"
SENTENCES = [
    "Vitaly Churkin, Russia's ambassador to the UN, described the 120 days of talks as "
    "worthwhile, though no agreement on Kosovo's future status was reached.",
    "The talks ended.",
    "Serbia's prime minister Vojislav Kostunica said that conflicts are not solved by force.",
]


@pytest.fixture(scope="module")
def reader() -> rd.Reader:
    got = rd.get_reader()
    if got is None:
        pytest.fail("the shipped reader weights did not load")
    return got


@pytest.fixture(scope="module")
def batch(reader: rd.Reader) -> dict:
    enc = reader.encode(QUESTION, SENTENCES)
    enc.pop("offset_mapping")
    out = {k: enc[k] for k in ("input_ids", "attention_mask", "token_type_ids")}
    lengths = out["attention_mask"].sum(1).tolist()
    assert len(set(lengths)) == 3, lengths  # three lengths: two rows carry padding
    return out


def test_float32_packed_pass_equals_the_padded_pass(reader: rd.Reader, batch: dict) -> None:
    net = reader.net
    with inference_precision("float32"):
        padded = net.bert(**batch).last_hidden_state.numpy()
        packed = unpadded.encode(net.bert, **batch).numpy()
        rel_a, st_a, en_a = (t.numpy() for t in net(**batch))
        rel_b, st_b, en_b = (t.numpy() for t in net.infer(**batch))
    real = batch["attention_mask"].numpy().astype(bool)
    assert np.abs(packed[real] - padded[real]).max() < 1e-4
    assert not packed[~real].any()  # padding rows are zeros, never read
    assert np.allclose(rel_a, rel_b, atol=1e-4)
    assert np.allclose(st_a[real], st_b[real], atol=1e-4)
    assert np.allclose(en_a[real], en_b[real], atol=1e-4)


def test_a_pair_reads_the_same_alone_and_beside_longer_pairs(reader: rd.Reader,
                                                              batch: dict) -> None:
    """Padding must not leak into attention: the short pair alone, unpadded, agrees."""
    net = reader.net
    alone = reader.encode(QUESTION, [SENTENCES[1]])
    alone.pop("offset_mapping")
    n = int(alone["attention_mask"].sum())
    with inference_precision("float32"):
        solo = net.infer(**dict(alone))[1].numpy()[0]
        mixed = net.infer(**batch)[1].numpy()[1]
    assert np.allclose(solo[:n], mixed[:n], atol=1e-4)


def test_bfloat16_packed_pass_keeps_the_best_span(reader: rd.Reader, batch: dict) -> None:
    net16 = bf16_linear_copy(reader.net)
    with inference_precision("float32"):
        rel_f, st_f, en_f = (t.numpy() for t in reader.net(**batch))
    with inference_precision("bfloat16"):
        rel_h, st_h, en_h = (t.float().numpy() for t in net16.infer(**batch))
    real = batch["attention_mask"].numpy().astype(bool)
    assert not np.array_equal(st_f[real], st_h[real])  # bfloat16 really ran
    assert np.abs(rel_f - rel_h).max() < 0.5
    for b in range(len(SENTENCES)):
        n = int(real[b].sum())
        assert st_f[b, :n].argmax() == st_h[b, :n].argmax()
        assert en_f[b, :n].argmax() == en_h[b, :n].argmax()
