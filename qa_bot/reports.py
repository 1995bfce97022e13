"""Evaluation reports: the console table, the Markdown report, the two plots and the JSON
files of a run. Kept apart from :mod:`qa_bot.evaluation`, which asks and scores: this module
only renders what a run measured (article text in a table is data, never markup)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bot import PACKAGE_ROOT

if TYPE_CHECKING:
    from .evaluation import Record

KS = (1, 3, 5)  # the recall@k columns of every report


def git_commit(root: Path = PACKAGE_ROOT) -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()
    try:
        return {"commit": git("rev-parse", "HEAD"),
                "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None, fmt: str = ".3f") -> str:
    return "n/a" if x is None else format(x, fmt)


def _cell(text: Any) -> str:
    """Markdown table cell: article text is data, never markup."""
    s = " ".join(str(text).split())
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("`", "'")):
        s = s.replace(a, b)
    return s if len(s) <= 120 else s[:117] + "..."


def headline(summary: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, value, denominator) rows shared by the console table and the Markdown."""
    c, r, a = summary["counts"], summary["retrieval"], summary["answers"]
    ao, ab = summary["answered_only"], summary["abstention"]
    n_ans, n_neg = c["answerable"], c["should_abstain"]
    rows = [
        ("questions", str(c["questions"]), f"{n_ans} answerable, {n_neg} should-abstain"),
        ("doc recall@1/3/5", " / ".join(_pct(r["document"][f"recall@{k}"]) for k in KS),
         f"{n_ans} answerable"),
        ("doc MRR", _num(r["document"]["mrr"]), f"{n_ans} answerable"),
        ("evidence recall@1/3/5", " / ".join(_pct(r["evidence"][f"recall@{k}"]) for k in KS),
         f"{n_ans} answerable"),
        ("evidence MRR", _num(r["evidence"]["mrr"]), f"{n_ans} answerable"),
        ("short-answer EM", _pct(a["exact_match"]), f"{n_ans} answerable"),
        ("short-answer F1", _pct(a["f1"]), f"{n_ans} answerable"),
        ("answer-sentence accuracy", _pct(a["sentence_accuracy"]), f"{n_ans} answerable"),
        ("citation accuracy", _pct(a["citation_accuracy"]), f"{n_ans} answerable"),
        ("coverage (answered)", _pct(ao["coverage"]),
         f"{c['answered_answerable']} of {n_ans} answerable"),
        ("answered accuracy", _pct(ao["answered_accuracy"]),
         f"{c['answered_answerable']} answered answerable"),
        ("sentence accuracy, never abstaining",
         _pct(summary["never_abstaining"]["sentence_accuracy"])
         if "never_abstaining" in summary else "-",
         f"{n_ans} answerable; the sentences withheld under the threshold counted too"),
        ("abstention precision", _pct(ab["precision"]), f"{ab['tp'] + ab['fp']} abstentions"),
        ("abstention recall", _pct(ab["recall"]), f"{ab['tp'] + ab['fn']} should-abstain"),
        ("abstention F1", _pct(ab["f1"]), ""),
        ("overall accuracy", _pct(summary["overall_accuracy"]["value"]),
         f"{c['questions']} questions"),
        ("ECE (10 bins)", _num(summary["calibration"]["ece"]),
         f"{c['answered']} answered"),
        ("latency p50 / p95", f"{_num(summary['latency_ms']['p50'], '.0f')} / "
         f"{_num(summary['latency_ms']['p95'], '.0f')} ms", f"{c['questions']} asks"),
        ("errors", str(c["errors"]), "exceptions while asking (scored wrong)"),
    ]
    return rows


def console_table(summary: dict[str, Any], title: str) -> str:
    rows = headline(summary)
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [title, "-" * len(title)]
    lines += [f"{a:<{w0}}  {b:>{w1}}  {c}" for a, b, c in rows]
    for key, groups in summary["breakdown"].items():
        lines.append("")
        lines.append(f"{'by ' + key:<22} {'n':>4}  {'sent':>6}  {'F1':>6}  {'cite':>6}  "
                     f"{'abst(answerable)':>16}  {'abst recall':>11}")
        for value, g in groups.items():
            lines.append(f"  {value[:20]:<20} {g['n']:>4}  {_pct(g['sentence_accuracy']):>6}  "
                         f"{_pct(g['f1']):>6}  {_pct(g['citation_accuracy']):>6}  "
                         f"{_pct(g['abstained_answerable']):>16}  "
                         f"{_pct(g['abstention_recall']):>11}")
    return "\n".join(lines)


def markdown_report(report: dict[str, Any], plots: dict[str, str],
                    records: Sequence[Record]) -> str:
    meta, s = report["meta"], report["summary"]
    lines = [f"# Evaluation: {meta['name']}", ""]
    lines += [f"- time: {meta['time']}",
              f"- git commit: `{meta['git']['commit']}`"
              + (" (uncommitted changes)" if meta["git"]["dirty"] else ""),
              f"- model: {meta['model']}",
              f"- data: `{meta['data']}` ({meta['corpus']})",
              f"- command: `{meta['command']}`",
              f"- parameters: `{json.dumps(meta['parameters'], sort_keys=True)}`",
              f"- exclusion: {meta['exclusion']}", ""]
    lines += ["## Figures", "",
              "Abstentions and errors on answerable questions count as wrong (score 0); they "
              "are never dropped from a denominator.", "",
              "| figure | value | denominator |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in headline(s)]
    lines += ["", "## Breakdown", ""]
    for key, groups in s["breakdown"].items():
        lines += [f"### by {key}", "",
                  "| value | n | answerable | should abstain | sentence acc | EM | F1 | "
                  "citation acc | doc recall@5 | abstained (answerable) | abstention recall |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for value, g in groups.items():
            lines.append(
                f"| {_cell(value)} | {g['n']} | {g['answerable']} | {g['should_abstain']} | "
                f"{_pct(g['sentence_accuracy'])} | {_pct(g['exact_match'])} | "
                f"{_pct(g['f1'])} | {_pct(g['citation_accuracy'])} | "
                f"{_pct(g['doc_recall@5'])} | {_pct(g['abstained_answerable'])} | "
                f"{_pct(g['abstention_recall'])} |")
        lines.append("")
    cal = s["calibration"]
    lines += ["## Calibration", "", f"Over {cal['denominator']}. Expected calibration error "
              f"(ECE): {_num(cal['ece'])}.", "",
              "| confidence bin | count | mean confidence | accuracy |", "|---|---|---|---|"]
    for b in cal["bins"]:
        lines.append(f"| {b['lo']:.1f}-{b['hi']:.1f} | {b['count']} | "
                     f"{_num(b['mean_confidence'])} | {_pct(b['accuracy'])} |")
    lines += ["", "## Plots", ""]
    for label, name in plots.items():
        lines += [f"![{label}]({name})", ""]
    misses = [r for r in records if not r.correct]
    if len(records) <= 300 and misses:
        lines += ["## Misses", "", "Questions scored wrong (answerable: gold answer not in the "
                  "answer sentence; should-abstain: answered).", "",
                  "| id | type | question | gold | bot answer | conf |",
                  "|---|---|---|---|---|---|"]
        for r in misses:
            got = ("(abstained)" if r.abstained else f"(error) {r.error}" if r.error
                   else r.answer)
            gold = " / ".join(r.gold_answers) if r.gold_answers else "(abstain)"
            lines.append(f"| {_cell(r.id)} | {_cell(r.type)} | {_cell(r.question)} | "
                         f"{_cell(gold)} | {_cell(got)} | {r.confidence:.2f} |")
        lines.append("")
    return "\n".join(lines)


def plot_coverage(curve: Sequence[dict], path: Path, title: str,
                  operating: tuple[float, float] | None = None) -> Path:
    """Accuracy among answered questions against coverage, one point per threshold; left of
    the operating point the threshold is higher, right of it lower (the withheld sentences
    answered too)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5), dpi=110)
    if curve:
        ax.plot([p["coverage"] for p in curve], [p["accuracy"] for p in curve], "-",
                color="tab:blue", label="moving the confidence threshold")
    if operating is not None:
        ax.plot([operating[0]], [operating[1]], "o", color="tab:red",
                label="the bot as shipped")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (answered / all questions)")
    ax.set_ylabel("accuracy among answered")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def plot_reliability(bins: Sequence[dict], ece: float | None, path: Path, title: str) -> Path:
    """Reliability diagram: accuracy per confidence bin against the diagonal, with counts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5), dpi=110)
    ax.plot([0, 1], [0, 1], "--", color="grey", label="perfect calibration")
    for b in bins:
        if not b["count"]:
            continue
        width = b["hi"] - b["lo"]
        ax.bar(b["lo"], b["accuracy"], width=width, align="edge", color="tab:blue",
               edgecolor="white", alpha=0.8)
        ax.plot([b["mean_confidence"]], [b["accuracy"]], "o", color="tab:red", markersize=4)
        ax.text(b["lo"] + width / 2, b["accuracy"] + 0.015, str(b["count"]),
                ha="center", fontsize=7)
    ax.plot([], [], "s", color="tab:blue", label="accuracy (bar; n on top)")
    ax.plot([], [], "o", color="tab:red", label="mean confidence vs accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"{title}  (ECE {_num(ece)})", fontsize=10)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.95)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def write_reports(report: dict[str, Any], records: Sequence[Record], out_dir: Path,
                  name: str) -> dict[str, Path]:
    """latest-<name>.{json,md,png} in ``out_dir`` (summary only in the JSON) and the full run
    with every per-question record in ``out_dir/runs/`` (not committed)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "runs").mkdir(exist_ok=True)
    s = report["summary"]
    title = f"{name}: {s['counts']['questions']} questions"
    cov = out_dir / f"latest-{name}-coverage.png"
    rel = out_dir / f"latest-{name}-reliability.png"
    c = s["counts"]
    op = None
    if c["answered"]:
        right = sum(1 for r in records if r.answered and r.correct)
        op = (c["answered"] / c["questions"], right / c["answered"])
    plot_coverage(s["coverage_curve"], cov, f"Accuracy vs coverage - {title}", op)
    plot_reliability(s["calibration"]["bins"], s["calibration"]["ece"], rel,
                     f"Reliability - {name}")
    stamp = report["meta"]["time"].replace(":", "").replace("-", "")[:15]
    run_path = out_dir / "runs" / f"{name}-{stamp}.json"
    report["meta"]["full_run"] = str(run_path)
    full = {**report, "records": [asdict(r) for r in records]}
    _write_text(run_path, json.dumps(full, indent=1, ensure_ascii=False))
    js = out_dir / f"latest-{name}.json"
    _write_text(js, json.dumps(report, indent=1, ensure_ascii=False))
    md = out_dir / f"latest-{name}.md"
    _write_text(md, markdown_report(report, {"accuracy vs coverage": cov.name,
                                             "reliability diagram": rel.name}, records))
    return {"json": js, "markdown": md, "coverage_plot": cov, "reliability_plot": rel,
            "full_run": run_path}


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
