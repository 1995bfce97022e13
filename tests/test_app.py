"""The Gradio app: pure formatting/escaping (fast), uploads, and a live server (slow).

Fast tests render our Markdown with markdown-it-py (a CommonMark implementation that ships
with Gradio's dependencies) to prove escaped text comes out as exactly the literal text. The
slow tests launch the real app on a free 127.0.0.1 port and talk to it with gradio_client.
"""

from __future__ import annotations

import hashlib
import html
import re
import socket
import string
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from qa_bot import app
from qa_bot.question import QuestionError
from qa_bot.types import SMALL_TALK, Answer, Document, Passage

ROOT = Path(__file__).resolve().parents[1]
MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough", "linkify"])

NASTY = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "[click](javascript:window.__pwned=1)",
    "![img](javascript:alert(1))",
    "[ok](http://x.test/y) ![pic](http://x.test/i.png) [ref]: http://x.test",
    "<javascript:alert(1)>",
    "**bold** _it_ `code` ~~s~~ # head",
    "1. list\n- item\n> quote\n\n    indented code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "$x^2$ and $$y$$ \\(z\\) &amp; &lt;b&gt; &#60;i&#62;",
    "www.example.com http://evil.example/x?a=1&b=2 mail@example.com",
    "back\\slash \\* \\< trailing\\",
    "Kosovo's \"independence\" (1999) — 16,000 peacekeepers; 120 days!",
]


def rendered_text(markdown: str) -> str:
    """Visible text of rendered Markdown (tags dropped, entities decoded)."""
    out = MD.render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


def squeeze(s: str) -> str:
    return " ".join(s.split())


# ---- escaping ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_renders_as_itself_with_no_markup(text):
    md = app.escape_md(text)
    assert "<" not in md and ">" not in md
    out = MD.render(md)
    # one paragraph, nothing else: no links, images, code, emphasis, lists, tables, html
    assert re.sub(r"<[^>]+>", "", out) == out.replace("<p>", "").replace("</p>", "")
    assert out.startswith("<p>") and out.count("<") == 2
    assert rendered_text(md) == squeeze(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(string.printable + "—é€\u00a0"), max_size=60))
def test_escape_roundtrip_and_render_property(text):
    md = app.escape_md(text)
    assert app.unescape_md(md) == squeeze(text)
    assert "<" not in md and ">" not in md
    if md:
        assert rendered_text(md) == app.unescape_md(md)


def test_escape_keeps_inner_spaces_when_not_stripping():
    assert app.escape_md("  a  b ", strip=False) == " a b "
    assert app.escape_md("  a  b ") == "a b"


# ---- answer formatting --------------------------------------------------------------------------
DOC_TEXT = ('Intro line.\nRussia\'s UN Ambassador Vitaly Churkin described the talks as a '
            '"worthwhile" exercise. Then <script>x()</script> more.')
SENT = 'Russia\'s UN Ambassador Vitaly Churkin described the talks as a "worthwhile" exercise.'
# a reply as the bot's history carries it: the short answer and, for "Tell me more", the
# sentence it quoted, both unescaped
REPLY = f"Vitaly Churkin\n\n> {SENT}"


def passage(**kw) -> Passage:
    s0 = DOC_TEXT.index(SENT)
    span = DOC_TEXT.index("Vitaly Churkin")
    base = dict(doc_id="d1", title="Talks <b>end</b>", text=DOC_TEXT[5:], start=5,
                end=len(DOC_TEXT), score=0.9, publisher="RFE/RL", date="2007",
                sentence_start=s0, sentence_end=s0 + len(SENT), span_start=span,
                span_end=span + len("Vitaly Churkin"))
    base.update(kw)
    return Passage(**base)


def answered(**kw) -> Answer:
    base = dict(text="Vitaly Churkin", sentence=SENT, citations=[passage(), passage(
        doc_id="d2", title="Other [x](javascript:y)", sentence_start=None, sentence_end=None,
        span_start=None, span_end=None)], confidence=0.834, abstained=False,
        search_query="Who is Russia's ambassador to the UN?")
    base.update(kw)
    return Answer(**base)


def test_answer_message_has_bold_short_answer_quote_confidence_and_sources():
    msgs = app.answer_messages(answered(), "Who is Russia's ambassador to the UN?")
    main = msgs[0]["content"]
    html_out = MD.render(main)
    assert "<strong>Vitaly Churkin</strong>" in html_out
    assert "<blockquote>" in html_out and "worthwhile" in html_out
    assert "Confidence: 83%" in rendered_text(main)
    assert "[1] Talks <b>end</b>; [2] Other [x](javascript:y)" in rendered_text(main)
    assert "Searched for" not in main  # same as the question
    assert "<b>" not in html_out and "<a " not in html_out


def test_citations_are_numbered_collapsibles_with_highlight_and_offsets():
    msgs = app.answer_messages(answered(), "q")
    cites = msgs[1:]
    assert [m["metadata"]["status"] for m in cites] == ["done", "done"]
    title = cites[0]["metadata"]["title"]
    assert rendered_text(title) == "[1] Talks <b>end</b> — RFE/RL — 2007"
    assert rendered_text(cites[1]["metadata"]["title"]).startswith("[2] Other [x](javascript:y)")
    body = MD.render(cites[0]["content"])
    mark = re.search(r"<mark>(.*?)</mark>", body, re.S).group(1)
    assert html.unescape(re.sub(r"<[^>]+>", "", mark)) == SENT
    assert "<strong>Vitaly Churkin</strong>" in mark
    assert "<script>" not in body and "&lt;script&gt;x()&lt;/script&gt;" in body
    p = passage()
    text = rendered_text(cites[0]["content"])
    assert f"Characters {p.start}–{p.end}" in text
    assert f"answer sentence {p.sentence_start}–{p.sentence_end}" in text
    assert "Publisher: RFE/RL" in text and "Date: 2007" in text
    assert "<mark>" not in MD.render(cites[1]["content"])  # no offsets, no highlight


def test_highlight_ignores_offsets_outside_the_passage():
    p = passage(sentence_start=0, sentence_end=10_000)
    assert "<mark>" not in app.highlight_passage(p)
    p = passage(span_start=0, span_end=3)  # span outside the sentence: sentence only
    out = app.highlight_passage(p)
    assert "<mark>" in out and "<strong>" not in out


def test_answer_equal_to_sentence_is_not_repeated_and_rewrite_is_shown():
    a = answered(text=SENT, search_query="How did Churkin describe it?")
    main = app.answer_markdown(a, "How did he describe it?")
    assert "<blockquote>" not in MD.render(main)
    assert "Searched for: “How did Churkin describe it?”" in rendered_text(main)


def test_abstention_says_so_and_lists_closest_passages():
    a = Answer(text="The articles don't say.", sentence="", citations=[], confidence=0.12,
               abstained=True, passages=[passage(), passage(doc_id="d3", title="Third")])
    msgs = app.answer_messages(a, "What is the capital of France?")
    assert len(msgs) == 1  # no citation blocks for an abstention
    text = rendered_text(msgs[0]["content"])
    assert text.startswith("The articles don't say.")
    assert "Closest passages (none answers the question with enough confidence):" in text
    assert "1. Talks <b>end</b> — RFE/RL — 2007: “line. Russia's UN" in text
    assert "2. Third" in text and "Confidence: 12%" in text
    assert "Nearest sentence" not in text  # none withheld


def test_an_abstention_shows_the_sentence_it_withheld_as_text_not_markup():
    a = Answer(text="The articles don't say.", sentence="", citations=[], confidence=0.03,
               abstained=True, passages=[passage()],
               withheld="Mediators reported to <b>Ban Ki-moon</b> on Friday.")
    text = rendered_text(app.answer_messages(a, "Who did they brief?")[0]["content"])
    assert text.startswith("The articles don't say.")
    assert ("Nearest sentence, below the confidence needed to answer: “Mediators reported to "
            "<b>Ban Ki-moon</b> on Friday.”") in text
    assert "<b>" not in MD.render(app.answer_markdown(a))  # shown as text, never as markup


def test_an_answer_a_rule_made_stand_says_so_beside_its_low_confidence():
    main = app.answer_markdown(answered(confidence=0.17, rule="identity"))
    assert "Confidence: 17% (answered by rule: the sentence says what the name asked about" in main
    assert "by rule" not in app.answer_markdown(answered())


# ---- history ---------------------------------------------------------------------------------
def test_bot_history_recovers_plain_turns_and_drops_citations_and_errors():
    q1 = "Who is Russia's ambassador to the UN? <b>"
    hist = [{"role": "user", "content": app.escape_md(q1)}, *app.answer_messages(answered())]
    hist += [{"role": "user", "content": app.escape_md("???")}, app.error_message("no words")]
    assert app.bot_history(hist) == [{"role": "user", "content": q1},
                                     {"role": "assistant", "content": REPLY}]


def test_small_talk_reply_is_plain_and_left_out_of_the_bot_history():
    talk = Answer(text="You're welcome. Ask *another*", sentence="", citations=[],
                  confidence=0.0, abstained=True, question_type=SMALL_TALK)
    msgs = app.answer_messages(talk, "thanks")
    assert len(msgs) == 1 and rendered_text(msgs[0]["content"]) == "You're welcome. Ask *another*"
    hist = [{"role": "user", "content": "Who is Churkin?"}, *app.answer_messages(answered()),
            {"role": "user", "content": "thanks"}, *msgs]
    assert app.bot_history(hist) == [{"role": "user", "content": "Who is Churkin?"},
                                     {"role": "assistant", "content": REPLY}]


def test_bot_history_reads_gradio6_normalized_content():
    main = app.answer_markdown(answered(text="A *star* & <tag>"))
    hist = [{"role": "user", "content": [{"type": "text", "text": "Who\\?"}]},
            {"role": "assistant", "content": [{"type": "text", "text": main}], "metadata": None}]
    assert app.bot_history(hist) == [{"role": "user", "content": "Who?"},
                                     {"role": "assistant",
                                      "content": f"A *star* & <tag>\n\n> {SENT}"}]


class FakeBot:
    """Stands in for QABot.ask to exercise reply()'s error handling."""

    def __init__(self, exc: Exception | None = None) -> None:
        self.exc, self.calls = exc, []

    def ask(self, question, history=None):
        self.calls.append((question, history))
        if self.exc:
            raise self.exc
        return answered()


def test_reply_turns_errors_into_messages():
    msgs = app.reply(FakeBot(QuestionError("the question is empty; type one")), "  ", [])
    want = app.ERROR_PREFIX + app.escape_md("The question is empty; type one")
    assert msgs == [{"role": "assistant", "content": want}]
    msgs = app.reply(FakeBot(RuntimeError("boom /secret/path")), "q", [])
    assert "Something went wrong" in msgs[0]["content"] and "secret" not in msgs[0]["content"]
    bot = FakeBot()
    app.reply(bot, "How did he describe it?", [{"role": "user", "content": "Who\\?"},
                                               *app.answer_messages(answered())])
    assert bot.calls[0][1] == [{"role": "user", "content": "Who?"},
                               {"role": "assistant", "content": REPLY}]


# ---- sources and uploads (no models) -------------------------------------------------------------
def fake_bot_with(*docs: Document):
    return SimpleNamespace(index=SimpleNamespace(documents={d.id: d for d in docs}))


def test_sources_rows_and_article_text():
    d = Document(id="a", text="Body <script>", title="T <i>", publisher="P", date="2007")
    u = Document(id="upload-1-x", text="xx", title="", publisher=app.UPLOAD_PUBLISHER)
    bot = fake_bot_with(d, u)
    assert app.source_rows(bot) == [["T <i>", "P", "2007", "13 chars", "seed"],
                                    ["upload-1-x", app.UPLOAD_PUBLISHER, "", "2 chars",
                                     "uploaded"]]
    assert app.article_text(bot, "a") == "T <i> · P · 2007\n\nBody <script>"
    assert "not in the index" in app.article_text(bot, "zzz")
    assert app.article_text(bot, None) == ""


def test_safe_stem_never_keeps_path_parts():
    assert app.safe_stem("../../etc/passwd.txt") == "passwd"
    assert app.safe_stem("..\\..\\win.ini.md") == "win-ini"
    assert app.safe_stem("<img src=x>.txt") == "img-src-x"
    assert app.safe_stem("....") == "article"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,40}", app.safe_stem("é" * 5 + "a" * 100 + ".txt"))


def _write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_load_uploads_accepts_good_files_and_reports_each_bad_one(tmp_path):
    seed = Document(id="seed", text="Seed text.", title="Seed")
    good = _write(tmp_path / "My <b>Story.txt", "Zorbina Quall is mayor of Testville.\n")
    page = _write(tmp_path / "page.html", "<html><title>Page T</title><body><p>Hello "
                  "<script>evil()</script>world.</p></body></html>")
    lines = _write(tmp_path / "feed.jsonl", '{"id": "../x", "text": "First doc."}\nnot json\n'
                   '{"id": "b", "text": "Second doc.", "title": "B"}\n')
    dup = _write(tmp_path / "dup.md", "Seed text.")
    pdf = _write(tmp_path / "paper.pdf", b"%PDF-1.4 binary")
    binary = _write(tmp_path / "bin.txt", b"\x00\x01\x02" * 100)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(app.MAX_UPLOAD_BYTES + 1)
    empty = _write(tmp_path / "empty.md", "   \n")
    before = sorted(p.name for p in tmp_path.iterdir())
    docs, problems = app.load_uploads([good, page, lines, dup, pdf, binary, big, empty],
                                      {"seed": seed}, start_number=3)
    assert [d.id for d in docs] == ["upload-3-My-b-Story", "upload-4-page",
                                    "upload-5-x", "upload-6-b"]
    assert docs[0].title == "Zorbina Quall is mayor of Testville."  # first line, as the loader
    assert docs[1].title == "Page T" and "evil" not in docs[1].text
    assert all(d.publisher == app.UPLOAD_PUBLISHER for d in docs)
    assert docs[0].source == "My <b>Story.txt"
    joined = "\n".join(problems)
    for needle in ("feed.jsonl:2: not valid JSON", "dup.md: same text as “Seed”",
                   "paper.pdf: unsupported file type .pdf", "bin.txt: looks like a binary",
                   "big.txt: 2.0 MB is over the 2 MB limit", "empty.md: empty file"):
        assert needle in joined, (needle, problems)
    assert "upload0" not in joined and "qa-bot-upload" not in joined  # our temp names stay ours
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written next to them


def test_load_uploads_refuses_too_many_files(tmp_path):
    paths = [_write(tmp_path / f"a{i}.txt", f"Article {i}.") for i in range(app.MAX_UPLOAD_FILES
                                                                            + 1)]
    with pytest.raises(app.UploadError, match="over the limit of 10"):
        app.load_uploads(paths, {})


def test_load_uploads_enforces_the_session_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(app, "MAX_SESSION_CHARS", 30)
    old = Document(id="upload-1-a", text="x" * 25, publisher=app.UPLOAD_PUBLISHER)
    f = _write(tmp_path / "b.txt", "Ten chars!")
    docs, problems = app.load_uploads([f], {old.id: old})
    assert docs == [] and "limit for one session's uploads" in problems[0]


def test_upload_summary_escapes_names():
    d = Document(id="upload-1-x", text="abc", title="<img src=x onerror=y>",
                 publisher=app.UPLOAD_PUBLISHER)
    out = app.upload_summary(fake_bot_with(d), [d], ["x.pdf: bad [a](javascript:b)"])
    html_out = MD.render(out)
    assert "<img" not in html_out and "<a " not in html_out
    assert "searches 1 articles (1 uploaded)" in rendered_text(out)


# ---- live server (real models) ---------------------------------------------------------------
CHURKIN = ("Who is Russia's ambassador to the UN?",
           "How did he describe the 120 days of negotiations?")
KOSTUNICA = ("Who is the Serbian prime minister?", "What did he say about conflicts?")
EXPECT = {CHURKIN[0]: "Churkin", CHURKIN[1]: "worthwhile",
          KOSTUNICA[0]: "Kostunica", KOSTUNICA[1]: "conflicts are solved through negotiations"}
FACT = ("The Quallberg Observatory in Testville was opened by astronomer Zorbina Quall in "
        "March 1987. It houses a 40-inch telescope named Old Griselda.\n")


@pytest.mark.slow
def test_session_bot_adds_uploads_without_touching_the_shared_bot(seeds_bot, tmp_path):
    def shape(bot):
        idx = bot.index
        return (sorted(idx.documents), len(idx.sentences), len(idx.vectors), len(idx.chunks))

    before = shape(seeds_bot)
    docs, problems = app.load_uploads([_write(tmp_path / "obs.txt", FACT)],
                                      seeds_bot.index.documents)
    assert problems == [] and len(docs) == 1
    mine = app.session_bot(seeds_bot, docs)
    assert shape(seeds_bot) == before
    ids, n_sent, n_vec, _ = shape(mine)
    assert ids == sorted([*before[0], docs[0].id]) and n_sent == n_vec > before[1]
    assert mine.retrieve("Who opened the Quallberg Observatory?", k=1)[0].doc_id == docs[0].id
    assert all(p.doc_id != docs[0].id
               for p in seeds_bot.retrieve("Who opened the Quallberg Observatory?", k=5))
    # a second upload builds on the first, and the first session bot stays as it was
    more, _ = app.load_uploads([_write(tmp_path / "b.txt", "Griselda weighs nine tons.")],
                               mine.index.documents, start_number=2)
    mine2 = app.session_bot(mine, more)
    assert len(mine2.index.documents) == len(mine.index.documents) + 1 == len(before[0]) + 2
    assert shape(seeds_bot) == before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".lock"}


@pytest.fixture(scope="module")
def server(seeds_bot):
    """The real app on a free 127.0.0.1 port, in this process, for this module."""
    demo = app.launch(seeds_bot, host="127.0.0.1", port=_free_port(), block=False)
    try:
        yield demo
    finally:
        demo.close()


def _client(server):
    from gradio_client import Client

    return Client(server.local_url, verbose=False)


def _main(response) -> str:
    assert isinstance(response, list) and response, response
    return response[0]["content"]


@pytest.mark.slow
def test_server_binds_localhost_with_deliberate_concurrency(server):
    assert server.local_url.startswith("http://127.0.0.1:")
    assert server.share is False or server.share is None
    assert server._queue.default_concurrency_limit == app.CHAT_CONCURRENCY
    chat = [d for d in server.fns.values() if d.api_name == "chat"]
    assert chat and chat[0].concurrency_limit == app.CHAT_CONCURRENCY
    upload = [d for d in server.fns.values() if d.api_name == "upload"]
    assert upload and upload[0].concurrency_limit == app.UPLOAD_CONCURRENCY


@pytest.mark.slow
def test_round_trip_answer_follow_up_and_friendly_error(server):
    c = _client(server)
    r1 = c.predict(CHURKIN[0], api_name="/chat")
    assert _main(r1).startswith("**") and "Churkin" in _main(r1).split("\n")[0]
    cites = [m for m in r1[1:] if (m.get("metadata") or {}).get("title")]
    assert cites and cites[0]["metadata"]["title"].startswith("\\[1\\]")
    assert "<mark>" in cites[0]["content"] and "Characters " in cites[0]["content"]
    r2 = c.predict(CHURKIN[1], api_name="/chat")
    assert _main(r2).split("\n")[0] == "**worthwhile**", _main(r2)
    r3 = c.predict("   ", api_name="/chat")
    assert _main(r3).startswith(app.ERROR_PREFIX) and "empty" in _main(r3)
    r4 = c.predict("?" * 10, api_name="/chat")  # wordless: friendly message, no crash
    assert _main(r4).startswith(app.ERROR_PREFIX)


@pytest.mark.slow
def test_upload_is_per_session_and_a_bad_file_keeps_earlier_uploads(server, tmp_path):
    from gradio_client import handle_file

    before = {d: _tree_digest(ROOT / d) for d in ("seeds", "embeddings")}
    fact = _write(tmp_path / "observatory.txt", FACT)
    mine, other = _client(server), _client(server)
    status, _ = mine.predict([handle_file(str(fact))], api_name="/upload")
    assert "Indexed 1 article" in status and "searches 3 articles (1 uploaded)" in status
    answer = _main(mine.predict("Who opened the Quallberg Observatory?", api_name="/chat"))
    assert "Zorbina Quall" in answer
    # a binary file with an allowed suffix: clear message, the earlier upload is still there
    bad = _write(tmp_path / "bad.txt", b"\x00\x01" * 50)
    status, _ = mine.predict([handle_file(str(bad))], api_name="/upload")
    assert "Not indexed" in status and "binary" in status
    answer = _main(mine.predict("What is the telescope named?", api_name="/chat"))
    assert "Old Griselda" in answer
    # a disallowed type is refused by Gradio before our code runs; state untouched too
    pdf = _write(tmp_path / "x.pdf", b"%PDF-1.4")
    with pytest.raises(Exception, match=r"(?i)invalid file type"):
        mine.predict([handle_file(str(pdf))], api_name="/upload")
    assert "Zorbina Quall" in _main(mine.predict("Who opened the Quallberg Observatory?",
                                                 api_name="/chat"))
    # another session never sees it
    theirs = _main(other.predict("Who opened the Quallberg Observatory?", api_name="/chat"))
    assert "Zorbina" not in theirs
    assert {d: _tree_digest(ROOT / d) for d in ("seeds", "embeddings")} == before


@pytest.mark.slow
def test_twenty_simultaneous_conversations_keep_their_own_history(server, seeds_bot):
    # What the bot answers for each 2-turn conversation when asked alone, in order.
    reference = {}
    for q1, q2 in (CHURKIN, KOSTUNICA):
        m1 = app.reply(seeds_bot, q1, [])
        hist = [{"role": "user", "content": app.escape_md(q1)}, *m1]
        reference[(q1, q2)] = (m1[0]["content"], app.reply(seeds_bot, q2, hist)[0]["content"])
    convs = [CHURKIN if i % 2 == 0 else KOSTUNICA for i in range(20)]
    clients = [_client(server) for _ in convs]
    results: list = [None] * len(convs)
    start = threading.Barrier(len(convs))

    def run(i: int) -> None:
        try:
            start.wait(timeout=60)
            q1, q2 = convs[i]
            a1 = _main(clients[i].predict(q1, api_name="/chat"))
            a2 = _main(clients[i].predict(q2, api_name="/chat"))
            results[i] = (a1, a2)
        except Exception as exc:  # reported below, per conversation
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(convs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    for i, (conv, res) in enumerate(zip(convs, results, strict=True)):
        assert not isinstance(res, Exception) and res is not None, (i, res)
        assert res == reference[conv], (i, conv, res)
        assert EXPECT[conv[0]] in res[0].split("\n")[0], (i, res[0])
        assert EXPECT[conv[1]] in res[1].split("\n")[0], (i, res[1])  # the short answer


@pytest.mark.slow
def test_tell_me_more_in_the_chat_gives_another_sentence(seeds_bot):
    """The chat's history carries each reply's quoted sentence, so "Tell me more" skips it."""
    q = "Who is Russia's ambassador to the UN?"
    hist = [{"role": "user", "content": app.escape_md(q)}, *app.reply(seeds_bot, q, [])]
    first = app.bot_history(hist)[1]["content"].split("\n\n> ")[1]
    assert "Vitaly Churkin described" in first
    more = app.reply(seeds_bot, "Tell me more", hist)
    text = rendered_text(more[0]["content"])
    assert "Churkin" in text and "described the 120 days" not in text, text
