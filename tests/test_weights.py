"""Weights inside the package: compact int8 storage, atomic writes, hash checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_bot import weights as wt


def test_pack_stores_matrices_as_int8_rows_and_round_trips_closely() -> None:
    import torch

    torch.manual_seed(0)
    state = {"w": torch.randn(8, 16) * torch.arange(1, 9).unsqueeze(1), "b": torch.randn(16)}
    packed = wt.pack(state)
    assert packed["w"].dtype == torch.int8 and packed["w" + wt.SCALE].shape == (8, 1)
    assert packed["b"].dtype == torch.float16 and "b" + wt.SCALE not in packed
    back = wt.unpack(packed)
    assert set(back) == {"w", "b"}
    # per-row scales: every row keeps its error under half a step of its own scale (+ fp16)
    step = state["w"].abs().amax(dim=1, keepdim=True) / 127
    assert ((back["w"] - state["w"]).abs() <= 0.51 * step + 1e-3 * state["w"].abs()).all()
    assert torch.allclose(back["b"], state["b"], atol=1e-2)
    # a float16-only file (no scales) loads as it is
    old = wt.unpack({"b": state["b"].half()})
    assert old["b"].dtype == torch.float32 and torch.allclose(old["b"], state["b"], atol=1e-2)


def test_save_state_records_the_files_hash_and_load_state_checks_it(tmp_path: Path) -> None:
    import torch

    from qa_bot.models import default_model_path

    w, m = tmp_path / "x.safetensors", tmp_path / "x.json"
    base = {"base_sha256": wt.file_sha256(wt.base_weights_file(default_model_path()))}
    wt.save_state({"w": torch.ones(2, 2)}, base | {"note": "kept"}, w, m)
    meta = json.loads(m.read_text())
    assert meta["weights_sha256"] == wt.file_sha256(w) and meta["note"] == "kept"
    assert not list(tmp_path.glob("*.tmp"))  # written through temporary files, then renamed
    state, _ = wt.load_state(w, m, default_model_path(), "test", ValueError, "hint")
    assert torch.allclose(state["w"], torch.ones(2, 2), atol=1e-2)
    with pytest.raises(ValueError, match=r"no test weights .*hint"):
        wt.load_state(tmp_path / "none", m, default_model_path(), "test", ValueError, "hint")
    m.write_text(json.dumps(meta | {"base_sha256": "0" * 64}))
    with pytest.raises(ValueError, match="another base model"):
        wt.load_state(w, m, default_model_path(), "test", ValueError, "hint")
