"""``python -m qa_bot.bench packed --squad FILE``: the reader's packed pass vs the padded one.

The reader reads the question with each of its 3 sentences as one right-padded batch; at
query time it runs the encoder on the real tokens only (``unpadded.py``), in PyTorch or in
ONNX Runtime, whichever the precision and backend choose (``qa-bot info``). This
asks held-out SQuAD questions twice each, once per way, in alternating order in one process
(so both see the same host load), and reports warm ``ask`` p50/p95 for each, the median
per-question time ratio, how many answers differ, and, on the reader batches those asks made,
the reader's own time each way and how far its outputs move (float32 and the current
precision).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..evaluation import squad_bot_for
from ..models import inference_precision
from ..reader import Reader, get_reader
from . import emit, held_out_sample, squad_parser


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def asks(bot: Any, reader: Reader, questions: list[str]) -> dict[str, Any]:
    """Each question asked padded and packed, alternating which goes first."""
    times: dict[bool, list[float]] = {False: [], True: []}
    differ: list[dict[str, Any]] = []
    for i, q in enumerate(questions):
        got = {}
        for packed in ((False, True) if i % 2 == 0 else (True, False)):
            reader.packed = packed
            t = time.perf_counter()
            a = bot.ask(q)
            times[packed].append((time.perf_counter() - t) * 1e3)
            got[packed] = (a.abstained, a.text, a.sentence)
        if got[False] != got[True]:
            differ.append({"question": q, "padded": got[False][:2], "packed": got[True][:2]})
    reader.packed = True
    ratio = [b / a for a, b in zip(times[False], times[True], strict=True)]
    return {"questions": len(questions),
            "padded_ms": {"p50": statistics.median(times[False]), "p95": _pct(times[False], .95)},
            "packed_ms": {"p50": statistics.median(times[True]), "p95": _pct(times[True], .95)},
            "median_ratio_packed_over_padded": statistics.median(ratio),
            "answers_differing": len(differ), "differing": differ}


def reader_batches(bot: Any, reader: Reader, questions: list[str]) -> list[dict[str, Any]]:
    """The reader's input batches for these questions, as ``ask`` makes them."""
    seen: list[dict[str, Any]] = []
    encode = reader.encode

    def recording(*args: Any, **kw: Any) -> Any:
        batch = encode(*args, **kw)
        seen.append({k: batch[k] for k in ("input_ids", "attention_mask", "token_type_ids")})
        return batch

    reader.encode = recording  # type: ignore[method-assign]
    try:
        for q in questions:
            bot.ask(q)
    finally:
        del reader.encode
    return seen


def runner(reader: Reader, packed: bool) -> Callable[[dict[str, Any]], list[np.ndarray]]:
    """The reader network exactly as ``read`` runs it (``Reader.run_net``), packed or
    padded."""
    def run(b: dict[str, Any]) -> list[np.ndarray]:
        reader.packed = packed
        try:
            return reader.run_net(b)
        finally:
            reader.packed = True
    return run


def reads(reader: Reader, batches: list[dict[str, Any]]) -> dict[str, Any]:
    """The reader network alone, padded vs packed, interleaved; output agreement."""
    fns = {"padded": runner(reader, False), "packed": runner(reader, True)}
    times: dict[str, list[float]] = {"padded": [], "packed": []}
    diff_now, diff_f32, same_start = [], [], 0
    real = padding = 0
    for i, b in enumerate(batches):
        mask = b["attention_mask"].numpy().astype(bool)
        real, padding = real + int(mask.sum()), padding + int((~mask).sum())
        out = {}
        for name in (("padded", "packed") if i % 2 == 0 else ("packed", "padded")):
            t = time.perf_counter()
            out[name] = fns[name](b)
            times[name].append((time.perf_counter() - t) * 1e3)
        diff_now.append(max(float(np.abs(out["padded"][k][mask] - out["packed"][k][mask]).max())
                            for k in (1, 2)))
        with inference_precision("float32"):
            a = [x.numpy() for x in reader.net(**b)]
            c = [x.numpy() for x in reader.net.infer(**b)]
        diff_f32.append(max(float(np.abs(a[k][mask] - c[k][mask]).max()) for k in (1, 2)))
        same_start += sum(int(out["padded"][1][r][mask[r]].argmax() ==
                              out["packed"][1][r][mask[r]].argmax()) for r in range(len(mask)))
    pairs = sum(len(b["input_ids"]) for b in batches)
    return {"batches": len(batches), "pairs": pairs, "real_tokens": real,
            "padding_tokens": padding, "precision": reader.precision,
            "backend": reader.backend,
            "padded_ms_p50": statistics.median(times["padded"]),
            "packed_ms_p50": statistics.median(times["packed"]),
            "start_logit_max_abs_diff_median": statistics.median(diff_now),
            "start_argmax_agreement": same_start / pairs if pairs else None,
            "float32_max_abs_diff_max": max(diff_f32, default=0.0)}


def main(argv: list[str] | None = None) -> int:
    ap = squad_parser("packed", __doc__, limit=300, seed=7)
    args = ap.parse_args(argv)
    path = Path(args.squad)
    chosen = [q.question for q in held_out_sample(path, args.limit, args.seed)[1]]
    bot = squad_bot_for(path, None, progress=False)
    reader = get_reader()
    if reader is None:
        print("the reader did not load: nothing to compare", file=sys.stderr)
        return 2
    for q in chosen[:20]:  # warm: models, ONNX sessions, caches
        bot.ask(q)
    result = {"asks": asks(bot, reader, chosen),
              "reader": reads(reader, reader_batches(bot, reader, chosen[:120]))}
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
