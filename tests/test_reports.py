"""Evaluation reports (console table, Markdown, plots, JSON) of a run on a fake bot (no models)."""

from __future__ import annotations

import json

from test_evaluate import ITEMS, TABLE, FakeBot

from qa_bot.evaluation import run_items, summarize
from qa_bot.reports import _cell, console_table, write_reports


def test_reports_and_plots_are_written(tmp_path):
    records = run_items(FakeBot(TABLE), ITEMS, progress=False)
    report = {"meta": {"name": "fake", "time": "2026-01-01T00:00:00Z",
                       "git": {"commit": "abc", "dirty": False}, "model": "fake",
                       "data": "x", "corpus": "2 documents", "command": "qa-bot eval",
                       "parameters": {}, "exclusion": "none"},
              "summary": summarize(records)}
    paths = write_reports(report, records, tmp_path, "fake")
    for key in ("coverage_plot", "reliability_plot"):
        assert paths[key].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = paths["markdown"].read_text()
    assert "answer-sentence accuracy" in md and "60.0%" in md
    assert "latest-fake-coverage.png" in md and "## Misses" in md and "q2" in md
    js = json.loads(paths["json"].read_text())
    assert js["summary"]["counts"]["questions"] == 7 and "records" not in js
    full = json.loads(paths["full_run"].read_text())
    assert len(full["records"]) == 7


def test_article_text_in_a_table_cell_is_data_not_markup():
    cell = _cell("<script>alert(1)</script> | `code` &\n" + "x" * 200)
    assert "<" not in cell and ">" not in cell and "`" not in cell
    assert "\\|" in cell and "&amp;" in cell and "\n" not in cell
    assert len(cell) == 120 and cell.endswith("...")


def test_console_table_lists_figures_and_breakdowns():
    records = run_items(FakeBot(TABLE), ITEMS, progress=False)
    text = console_table(summarize(records), "title")
    assert text.splitlines()[:2] == ["title", "-----"]
    assert "answer-sentence accuracy" in text and "by type" in text and "by answer_type" in text
