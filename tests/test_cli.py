"""The ``qa-bot`` command line: index / search / remove / info, and ``--help`` everywhere.

Every command here gets ``--index-dir`` in a temporary folder: tests never touch embeddings/.
"""

from __future__ import annotations

import json

import pytest

from qa_bot.cli import build_parser, main

SUBCOMMANDS = ["index", "search", "ask", "chat", "remove", "info", "serve", "eval"]


def test_top_level_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for name in SUBCOMMANDS:
        assert name in out


def test_every_subcommand_is_listed():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_on_every_subcommand(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "usage:" in out.lower()


@pytest.mark.parametrize("argv", [["search"], ["index"], ["remove"], ["nonsense"]])
def test_missing_arguments_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "Ferry strike in Norway\n\nThe ferry to Bergen was cancelled on Monday because "
        "of a strike. The union demanded higher wages for deckhands.", "utf-8")
    (folder / "comet.md").write_text(
        "# Comet over Oslo\n\nAstronomers saw a bright comet over Oslo on Tuesday night. "
        "It will return in 2061.", "utf-8")
    (folder / "empty.txt").write_text("", "utf-8")
    return folder


@pytest.mark.slow
def test_index_search_remove_info(embedder, articles, tmp_index_dir, capsys):
    d = ["--index-dir", str(tmp_index_dir)]

    assert main(["index", str(articles), "-q", *d]) == 0
    out, err = capsys.readouterr()
    assert "added: comet, ferry" in out
    assert "2 documents" in out
    assert "empty.txt" in err and "warning" in err

    assert main(["index", str(articles / "ferry.txt"), "-q", *d]) == 0  # nothing new
    assert "unchanged: ferry" in capsys.readouterr().out

    assert main(["search", "Why was the ferry to Bergen cancelled?", "-k", "2", "--json",
                 *d]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2
    assert hits[0]["doc_id"] == "ferry" and "strike" in hits[0]["text"]
    assert hits[0]["score"] >= hits[1]["score"]
    assert {"doc_id", "title", "text", "start", "end", "score"} <= set(hits[0])
    text = (articles / "ferry.txt").read_text("utf-8")
    assert text[hits[0]["start"]:hits[0]["end"]] == hits[0]["text"]

    assert main(["search", "comet", *d]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[1]") and "Comet over Oslo" in out

    assert main(["info", "--json", *d]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["documents"] == 2
    assert info["model"] == "all-MiniLM-L6-v2"
    assert info["query_precision"] in ("float32", "bfloat16")
    assert info["query_backend"] in ("torch", "onnx")
    assert info["reader_backend"] in ("torch", "onnx")
    assert sorted(x["id"] for x in info["documents"]) == ["comet", "ferry"]
    assert info["reader"]["loaded"] and info["reader"]["reads"] == 3
    assert info["reader"]["read_once_margin"] > 0
    assert main(["info", *d]) == 0
    out = capsys.readouterr().out
    assert "questions embedded by: the base model (no query encoder weights" in out
    assert "reader: fine-tuned MiniLM, 3 sentences a question (1 when" in out

    assert main(["remove", "ferry", "nope", *d]) == 0
    out, err = capsys.readouterr()
    assert "removed: ferry" in out and "nope" in err
    assert main(["remove", "ferry", *d]) == 1  # already gone
    capsys.readouterr()

    assert main(["info", *d]) == 0
    out = capsys.readouterr().out
    assert "comet" in out and "ferry" not in out

    assert main(["search", "ferry strike Bergen", "--json", *d]) == 0
    assert all(h["doc_id"] == "comet" for h in json.loads(capsys.readouterr().out))


def test_info_says_why_the_reader_is_disabled(monkeypatch) -> None:
    """A bot without its reader abstains more: ``info`` says so, with the load error."""
    from qa_bot import reader
    from qa_bot.bot import QABot
    from qa_bot.cli import _reader

    class Sel:
        reader, reader_k, read_one_margin = None, 3, 3.0

    bot = QABot.__new__(QABot)
    bot._selector = Sel()
    monkeypatch.setattr(reader, "_load_error", "reader.safetensors: SHA-256 mismatch")
    got = bot._reader_info()
    assert got == {"loaded": False, "reason": "reader.safetensors: SHA-256 mismatch",
                   "reads": 0, "read_once_margin": None}
    assert "disabled" in _reader(got) and "SHA-256 mismatch" in _reader(got)
    assert _reader({"loaded": True, "reason": None, "reads": 3, "read_once_margin": None}) \
        == "fine-tuned MiniLM, 3 sentences a question"


@pytest.mark.slow
def test_errors_are_messages_not_tracebacks(embedder, tmp_path, tmp_index_dir, capsys):
    d = ["--index-dir", str(tmp_index_dir)]
    assert main(["search", "anything", *d]) == 2  # no index there yet
    assert "error:" in capsys.readouterr().err
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01binary")
    assert main(["index", str(pdf), "-q", *d]) == 1  # nothing indexed
    err = capsys.readouterr().err
    assert "binary" in err
    (tmp_path / "ok.txt").write_text("Some news.", "utf-8")
    assert main(["index", str(tmp_path / "ok.txt"), "-q", *d]) == 0
    capsys.readouterr()
    assert main(["search", "   ", *d]) == 2
    assert "error:" in capsys.readouterr().err


def test_the_terminal_answer_names_the_rule_beside_a_low_confidence() -> None:
    from qa_bot.render import answer_to_text
    from qa_bot.types import Answer

    a = Answer("Russian Ambassador", "Russian Ambassador Churkin stressed it.", [], 0.17, False,
               "Who is Churkin?", "identity", [], "identity")
    text = answer_to_text(a)
    assert "(confidence 0.17, answered by rule: the sentence says what the name" in text
    a.rule = ""
    assert "by rule" not in answer_to_text(a)


def test_the_terminal_abstention_names_the_sentence_it_withheld() -> None:
    from qa_bot.render import answer_to_text
    from qa_bot.types import Answer

    a = Answer("The articles don't say.", "", [], 0.03, True, withheld="They briefed Ban.")
    text = answer_to_text(a)
    assert text.startswith("The articles don't say.")
    assert 'below the confidence needed to answer: "They briefed Ban."' in text
    a.withheld = ""
    assert "nearest sentence" not in answer_to_text(a)


@pytest.mark.slow
def test_chat_keeps_the_conversation_until_reset(seeds_bot, monkeypatch, capsys):
    """``qa-bot chat``: follow-ups read the history, "Tell me more" skips the sentence already
    quoted, /sources lists the last answer's passages, /reset forgets, /quit leaves."""
    import qa_bot.cli as cli

    lines = iter(["Who is Russia's ambassador to the UN?", "Tell me more",
                  "How did he describe the 120 days of negotiations?", "/sources", "/reset",
                  "/sources", "How did he describe the 120 days of negotiations?", "/quit",
                  "never read"])
    histories: list[list[dict]] = []
    real_ask = seeds_bot.ask

    def ask(question: str, history: list[dict] | None = None):
        histories.append(list(history or []))
        return real_ask(question, history=history)

    monkeypatch.setattr(seeds_bot, "ask", ask)
    monkeypatch.setattr(cli, "_bot", lambda args: seeds_bot)
    def fake_input(prompt: str = "") -> str:
        print(prompt, end="")
        return next(lines)

    monkeypatch.setattr("builtins.input", fake_input)
    assert main(["chat"]) == 0
    replies = [r for r in capsys.readouterr().out.split("you> ") if r.strip()]
    assert "Vitaly Churkin" in replies[1]
    first_quote = replies[1].splitlines()[1]
    # another sentence about him: the history kept the one quoted first
    assert "don't say" not in replies[2] and "Churkin" in replies[2].splitlines()[0]
    assert first_quote not in replies[2]
    assert replies[3].startswith("bot> worthwhile")  # "he" read from the history
    assert replies[4].startswith("[1]")  # /sources of the last answer
    assert "(conversation reset)" in replies[5] and "(no answer yet)" in replies[6]
    # each turn saw the turns before it, the quoted sentence among them; /reset forgot them
    assert [len(h) for h in histories] == [0, 2, 4, 0]
    assert histories[1][1]["content"].endswith(first_quote.strip().strip('"'))
    assert next(lines) == "never read"  # /quit left the loop
