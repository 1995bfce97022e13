"""embedder.py: query vectors in bfloat16 stay the float32 ones; index vectors never change."""

import numpy as np
import pytest


@pytest.mark.slow
def test_bfloat16_query_matches_float32_and_leaves_the_index_model_alone(embedder) -> None:
    texts = ["Who is Russia's ambassador to the UN?", "NATO keeps 16,000 peacekeepers in Kosovo."]
    before = embedder.encode(texts)
    fast = embedder.encode(texts, precision="bfloat16")
    after = embedder.encode(texts)
    assert np.array_equal(before, after)  # the float32 model was not cast
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert (fast * before).sum(axis=1).min() > 0.9999
    assert not np.array_equal(fast, before)  # it did run in bfloat16
    import torch

    weights = {p.dtype for p in embedder.model.parameters()}
    assert weights == {torch.float32}
