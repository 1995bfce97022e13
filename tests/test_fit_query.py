"""Training the query encoder: targets, and one short run that must move questions towards
their answer sentences."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot.fit_query import answer_rows, sentence_recall, train
from qa_bot.squad import SquadQuestion
from qa_bot.types import Sentence


class _Index:
    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences


def test_answer_rows_pick_the_sentence_holding_the_answer_start() -> None:
    idx = _Index([Sentence("p1", 0, 10, "x" * 10), Sentence("p1", 11, 30, "y" * 19),
                  Sentence("p2", 0, 10, "z" * 10)])
    qs = [SquadQuestion("a", "q?", "p1", ["yy"], [15]),
          SquadQuestion("b", "q?", "p2", ["zz"], [3]),
          SquadQuestion("c", "q?", "p1", ["?"], [99])]  # not locatable: no target
    assert answer_rows(idx, qs) == [1, 2, None]


def test_sentence_recall_counts_top_hits() -> None:
    idx = _Index([Sentence("p1", 0, 1, "a"), Sentence("p2", 0, 1, "b")])
    vecs = np.eye(2, dtype=np.float32)
    qs = [SquadQuestion("a", "first", "p1", ["a"], [0]),
          SquadQuestion("b", "second", "p2", ["b"], [0])]
    # an encoder that sends every question to sentence 0: one of two right
    got = sentence_recall(lambda t: np.tile([1.0, 0.0], (len(t), 1)), idx, vecs, qs, [0, 1])
    assert got == {"questions": 2, "sentence@1": 0.5, "sentence@5": 1.0, "paragraph@1": 0.5}


@pytest.mark.slow
def test_training_moves_questions_towards_their_targets(embedder) -> None:
    import torch

    texts = ["Vitaly Churkin is Russia's ambassador to the United Nations.",
             "NATO keeps 16,000 peacekeepers in Kosovo.",
             "The council meets again on December 19.",
             "Kostunica said conflicts are solved through negotiations."]
    targets = embedder.encode(texts)
    pairs = [("Who represents Moscow at the world body?", 0),
             ("How large is the alliance's force in the province?", 1),
             ("When is the next session?", 2),
             ("What did the Serbian leader say settles disputes?", 3)] * 4
    model, meta = train(pairs, targets, embedder.path, epochs=3, batch_size=4, lr=1e-4)
    qs = [q for q, _ in pairs[:4]]

    def margin(vecs: np.ndarray) -> float:
        sims = vecs @ targets.T
        return float(np.mean([sims[i, i] - np.delete(sims[i], i).max() for i in range(4)]))

    with torch.inference_mode():
        tuned = model.encode(qs, normalize_embeddings=True, convert_to_numpy=True)
    assert margin(tuned) > margin(embedder.encode(qs)) + 0.05
    assert meta["negatives"] == 4 and meta["epochs"] == 3
    # the base model the index uses is untouched
    assert np.allclose(embedder.encode(texts), targets, atol=1e-6)
