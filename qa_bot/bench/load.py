"""Concurrent load on the running chat server, through the same API the browser uses.

``python -m qa_bot.bench load --url http://127.0.0.1:7860 --clients 16 --seconds 60``

Start the server first (``qa-bot serve``). Each client is its own ``gradio_client.Client``
(its own session and conversation) asking questions back to back until the time is up;
requests still running at the deadline are waited for (up to ``--timeout``) and counted.
Reports throughput, latency p50/p95/p99/max and errors. Only loopback URLs are accepted: this
is a load generator, it must not be pointed at somebody else's server.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold.jsonl"
FALLBACK_QUESTIONS = [
    "What did the troika of mediators conclude?",
    "Who is Russia's UN ambassador?",
    "When is the UN deadline on Kosovo's status?",
    "What did Serbia offer Kosovo?",
    "Which country holds the presidency of the Security Council?",
    "What does Kosovo's Albanian majority want?",
    "What happened at the Security Council consultations?",
    "Who is the UN Secretary-General?",
]
ERROR_PREFIX = "⚠️ "  # qa_bot.app.ERROR_PREFIX: a reply that is an error message, not an answer


class NotLoopback(ValueError):
    pass


class ServerUnreachable(RuntimeError):
    pass


def check_loopback(url: str) -> str:
    """The URL if its host resolves only to loopback addresses; ``NotLoopback`` otherwise."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise NotLoopback(f"{url}: give an http://127.0.0.1:PORT URL")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or 80)
    except socket.gaierror as exc:
        raise NotLoopback(f"{url}: cannot resolve {parsed.hostname} ({exc})") from exc
    addrs = {ipaddress.ip_address(i[4][0].split("%")[0]) for i in infos}
    if not addrs or not all(a.is_loopback for a in addrs):
        raise NotLoopback(f"{url}: {parsed.hostname} is not a loopback address "
                          f"({', '.join(map(str, sorted(addrs, key=str)))}); this load test "
                          "only drives a server on this machine")
    return url


def load_questions(path: Path | None) -> list[str]:
    """Questions from a .jsonl ("question" field) or text file (one per line)."""
    path = path or (GOLD if GOLD.is_file() else None)
    if path is None:
        return list(FALLBACK_QUESTIONS)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        qs = [json.loads(line).get("question", "") for line in text.splitlines() if line.strip()]
    else:
        qs = text.splitlines()
    qs = [q.strip() for q in qs if q and q.strip()]
    if not qs:
        raise SystemExit(f"{path}: no questions in it")
    return qs


def find_api_name(client, wanted: str | None) -> str:
    """``wanted`` if given, else the endpoint called ``/chat`` (or the first with 'chat')."""
    if wanted:
        return wanted if wanted.startswith("/") else "/" + wanted
    api = client.view_api(print_info=False, return_format="dict") or {}
    names = list(api.get("named_endpoints", {}))
    for name in ["/chat", *[n for n in names if "chat" in n.lower()], *names]:
        if name in names:
            return name
    raise SystemExit("the server exposes no named API endpoint; pass --api-name")


def reply_text(result) -> str:
    """The first message's text, whatever shape the endpoint returns."""
    if isinstance(result, (list, tuple)) and result:
        result = result[0]
    if isinstance(result, dict):
        result = result.get("content", "")
    return result if isinstance(result, str) else str(result)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_replies: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def worker(i: int, client, api_name: str, questions: list[str], start: threading.Barrier,
           deadline: list[float], timeout: float, tally: Tally) -> None:
    k = i * 7  # clients start at different questions
    start.wait()
    while time.monotonic() < deadline[0]:
        q = questions[k % len(questions)]
        k += 1
        t = time.monotonic()
        try:
            result = client.submit(q, api_name=api_name).result(timeout=timeout)
        except Exception as exc:  # every failure is counted, none stops the run
            with tally.lock:
                tally.errors.append(f"client {i}: {type(exc).__name__}: {exc}"[:300])
            continue
        took = time.monotonic() - t
        text = reply_text(result)
        with tally.lock:
            tally.latencies.append(took)
            if not text.strip() or text.startswith(ERROR_PREFIX):
                tally.error_replies.append(f"client {i}: {q!r} -> {text[:200]!r}")


def run(url: str, clients: int, seconds: float, api_name: str | None, questions: list[str],
        timeout: float, log) -> dict:
    from gradio_client import Client

    check_loopback(url)
    t = time.monotonic()
    try:
        pool = [Client(url, verbose=False, analytics_enabled=False) for _ in range(clients)]
    except Exception as exc:  # connection refused, not a Gradio app, ...
        raise ServerUnreachable(f"cannot reach {url} ({type(exc).__name__}: {exc}); is "
                                "`qa-bot serve` running there?") from exc
    api = find_api_name(pool[0], api_name)
    log(f"{clients} clients connected to {url} in {time.monotonic() - t:.1f}s; endpoint {api}; "
        f"{len(questions)} questions; running {seconds:g}s")
    tally = Tally()
    start = threading.Barrier(clients + 1)
    deadline = [float("inf")]
    threads = [threading.Thread(target=worker, daemon=True,
                                args=(i, c, api, questions, start, deadline, timeout, tally))
               for i, c in enumerate(pool)]
    for th in threads:
        th.start()
    deadline[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start.wait()
    for th in threads:
        th.join(seconds + timeout + 30)
    elapsed = time.monotonic() - t0
    lat = np.array(tally.latencies) * 1000.0
    pct = (lambda p: round(float(np.percentile(lat, p)), 1)) if len(lat) else (lambda p: None)
    return {
        "url": url, "endpoint": api, "clients": clients, "seconds": round(elapsed, 1),
        "requests": len(lat) + len(tally.errors), "ok": len(lat) - len(tally.error_replies),
        "errors": len(tally.errors), "error_replies": len(tally.error_replies),
        "throughput_rps": round(len(lat) / elapsed, 2) if elapsed else 0.0,
        "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
        "max_ms": round(float(lat.max()), 1) if len(lat) else None,
        "error_samples": tally.errors[:5], "error_reply_samples": tally.error_replies[:5],
        "load_average": os.getloadavg()[0],
    }


def table(r: dict) -> str:
    return ("| clients | seconds | requests | throughput req/s | p50 ms | p95 ms | p99 ms | max ms "
            "| errors | error replies |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
            f"| {r['clients']} | {r['seconds']} | {r['requests']} | {r['throughput_rps']} | "
            f"{r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['errors']} | "
            f"{r['error_replies']} |")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m qa_bot.bench load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:7860", help="a loopback URL")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--api-name", help="endpoint to call (default: discovered, /chat)")
    p.add_argument("--questions", type=Path,
                   help="a .jsonl with a \"question\" field or a text file, one per line "
                        "(default: eval/gold.jsonl if present, else a built-in list)")
    p.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    p.add_argument("--json", type=Path, help="also write the result here")
    args = p.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        p.error("--clients and --seconds must be positive")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    try:
        result = run(args.url, args.clients, args.seconds, args.api_name,
                     load_questions(args.questions), args.timeout, log)
    except NotLoopback as exc:
        log(f"refused: {exc}")
        return 2
    except ServerUnreachable as exc:
        log(str(exc))
        return 2
    for e in result["error_samples"] + result["error_reply_samples"]:
        log(f"  {e}")
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 1 if result["errors"] or result["error_replies"] else 0


if __name__ == "__main__":
    sys.exit(main())
