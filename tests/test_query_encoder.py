"""The query encoder (measured, not shipped): only questions would use it, wrong weights are
refused, and refused or absent weights leave questions embedded like documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa_bot import query_encoder as qe
from qa_bot.models import default_model_path

QUESTION = "Who is Russia's ambassador to the UN?"


@pytest.fixture(scope="module")
def tuned_files(tmp_path_factory, embedder) -> tuple[Path, Path]:
    """Query-encoder weights from a short real training run, saved the way fit_query does."""
    from qa_bot.fit_query import train
    from qa_bot.weights import save_state

    texts = ["Vitaly Churkin is Russia's ambassador to the United Nations.",
             "NATO keeps 16,000 peacekeepers in Kosovo."]
    pairs = [("Who represents Moscow at the world body?", 0),
             ("How large is the alliance's force?", 1)] * 4
    model, meta = train(pairs, embedder.encode(texts), embedder.path, epochs=2, batch_size=4,
                        lr=1e-4)
    folder = tmp_path_factory.mktemp("query")
    w, m = folder / qe.WEIGHTS_PATH.name, folder / qe.META_PATH.name
    save_state({k: v for k, v in model.state_dict().items() if qe.trainable(k)},
               meta | {"articles": ["test"]}, w, m)
    return w, m


def test_no_weights_ship_and_their_absence_is_quiet(caplog) -> None:
    assert not qe.WEIGHTS_PATH.exists() and not qe.META_PATH.exists()
    model, why = qe.query_model(default_model_path())
    assert model is None and "no query encoder weights" in why
    assert not [r for r in caplog.records if r.name == qe.__name__]


@pytest.mark.slow
def test_saved_weights_load_and_hold_only_encoder_layers(tuned_files) -> None:
    w, m = tuned_files
    model, meta = qe.load(default_model_path(), w, m)
    assert meta["articles"] == ["test"] and meta["weights_sha256"]
    assert w.stat().st_size < 12_000_000  # six int8 layers, no word embeddings
    vec = model.encode([QUESTION], normalize_embeddings=True)[0]
    assert abs(float(np.linalg.norm(vec)) - 1) < 1e-5


@pytest.mark.slow
def test_corrupted_weights_are_refused_and_fall_back(tuned_files, tmp_path: Path) -> None:
    w, m = tmp_path / "q.safetensors", tmp_path / "q.json"
    shutil.copy(tuned_files[0], w)
    shutil.copy(tuned_files[1], m)
    with open(w, "r+b") as f:
        f.seek(300)
        f.write(b"\x00\x01\x02")
    with pytest.raises(qe.QueryEncoderError, match="corrupted"):
        qe.load(default_model_path(), w, m)
    model, why = qe.query_model(default_model_path(), "float32", w, m)
    assert model is None and "corrupted" in why


@pytest.mark.slow
def test_weights_for_another_base_model_are_refused(tuned_files, tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "model.safetensors").write_bytes(b"not the model the encoder was tuned from")
    with pytest.raises(qe.QueryEncoderError, match="another base model"):
        qe.load(base, *tuned_files)


def test_tensors_other_than_encoder_layers_are_refused(tmp_path: Path) -> None:
    import torch

    from qa_bot.weights import base_weights_file, file_sha256, save_state

    w, m = tmp_path / "q.safetensors", tmp_path / "q.json"
    meta = {"base_sha256": file_sha256(base_weights_file(default_model_path()))}
    save_state({"0.model.embeddings.word_embeddings.weight": torch.zeros(4, 4)}, meta, w, m)
    with pytest.raises(qe.QueryEncoderError, match="unexpected tensors"):
        qe.load(default_model_path(), w, m)


@pytest.mark.slow
def test_only_questions_go_through_the_tuned_model(embedder, tuned_files, monkeypatch) -> None:
    from qa_bot.embedder import Embedder

    base_q = embedder.encode([QUESTION])[0]
    assert embedder.query_model() is None  # nothing ships: questions like documents
    assert np.allclose(embedder.encode_query([QUESTION])[0], base_q, atol=1e-6)
    monkeypatch.setattr(qe, "WEIGHTS_PATH", tuned_files[0])
    monkeypatch.setattr(qe, "META_PATH", tuned_files[1])
    emb = Embedder()
    assert emb.query_model() is not None and emb.query_model_error is None
    tuned_q = emb.encode_query([QUESTION])[0]
    assert abs(float(np.linalg.norm(tuned_q)) - 1) < 1e-5
    assert 0.5 < float(base_q @ tuned_q) < 0.9999  # it moved, within the same space
    # documents (so the index and its fingerprint) stay the base model's
    assert np.allclose(emb.encode([QUESTION])[0], base_q, atol=1e-6)
    assert emb.fingerprint() == embedder.fingerprint()
    assert np.allclose(Embedder(tuned_queries=False).encode_query([QUESTION])[0], base_q,
                       atol=1e-6)
    # the bfloat16 twin gives nearly the same vector
    assert float(tuned_q @ emb.encode_query([QUESTION], precision="bfloat16")[0]) > 0.999
    # what trains is the query model's own; the word embeddings are shared with the base
    tuned, base = dict(emb.query_model().named_parameters()), dict(
        embedder.model.named_parameters())
    word = "0.model.embeddings.word_embeddings.weight"
    layer = "0.model.encoder.layer.0.attention.self.query.weight"
    assert tuned[word] is base[word] and tuned[layer] is not base[layer]
    assert json.loads(tuned_files[1].read_text())["weights_sha256"]
