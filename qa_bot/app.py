"""The Gradio chat: cited answers in the browser, a Sources tab, and per-session uploads.

Layout: a ``gr.Blocks`` with two tabs. *Chat* is a ``ChatInterface`` (messages format) over
``QABot.ask`` plus an upload panel; *Sources* lists the indexed articles and shows one as text.

Safety: every string that comes from an article, a file name or the user is escaped here
(:func:`escape_md`) before it goes into Markdown, and Gradio's HTML sanitizer stays on, so an
article holding ``<script>`` or ``[x](javascript:...)`` is shown as those characters, never run.
The only HTML in a message is the ``<mark>``/``<strong>`` highlight this module writes itself.

Sharing: the seeds bot is loaded once and shared by every session (``QABot`` is thread-safe).
Uploads never touch it or the disk index: a session that uploads gets its own in-memory bot
(a copy of the shared index plus the new articles) kept in ``gr.State`` for that browser tab.

The formatting functions at the top are pure (no Gradio import) so they are unit-tested
without a server.
"""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
import string
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .bot import QABot
from .conversation import quoted_sentence, reply_content
from .loader import LoadError, load_file, text_hash
from .question import QuestionError
from .types import RULE_REASONS, SMALL_TALK, Answer, Document, Passage
from .vector_index import VectorIndex

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from the app

log = logging.getLogger(__name__)

# ---- limits and settings ----------------------------------------------------------------------
# Chat requests run at most CHAT_CONCURRENCY at a time: answering is CPU-bound on a small
# machine (2 cores), and the shared bot serializes its own work, so more threads only add
# memory and latency jitter; 4 lets sessions with their own upload bots and the formatting
# overlap while a fifth request waits in the queue instead of thrashing.
CHAT_CONCURRENCY = 4
# Indexing an upload embeds every sentence (~150/s here): one at a time keeps chat responsive.
UPLOAD_CONCURRENCY = 1
QUEUE_MAX_SIZE = 64  # beyond this a request is refused with "queue full", not held in memory
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
MAX_UPLOAD_FILES = 10  # per upload
MAX_UPLOAD_BYTES = 2_000_000  # per file (a news article is kilobytes; 2 MB embeds in ~2 min)
MAX_SESSION_CHARS = 10_000_000  # all uploads of one session together
SERVER_MAX_FILE_SIZE = "10mb"  # hard stop in Gradio's upload route, above our clear message
SESSION_TTL_SECONDS = 4 * 3600  # a session's own bot is dropped after this long unused
UPLOAD_PUBLISHER = "your upload"
ERROR_PREFIX = "⚠️ "  # marks replies that are not answers (they are left out of the history)
SNIPPET_CHARS = 300

EXAMPLES = [
    "Who is Russia's ambassador to the UN?",
    "How did he describe the 120 days of negotiations?",
    "Who is the Serbian prime minister?",
    "What did he say about conflicts?",
    "How many peacekeepers does NATO keep in Kosovo?",
    "What is the capital of France?",
]


# ---- escaping -----------------------------------------------------------------------------------
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPE = {ch: "\\" + ch for ch in string.punctuation} | _ENTITIES
_UNESCAPE_RE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])|&(amp|lt|gt);")
_UNENTITY = {"amp": "&", "lt": "<", "gt": ">"}


def escape_md(text: str, strip: bool = True) -> str:
    """``text`` as literal Markdown: whitespace runs become one space (no code blocks, lists or
    headings can start), ``& < >`` become entities (no HTML can start) and every other ASCII
    punctuation mark is backslash-escaped (CommonMark allows it for all of them), so no
    emphasis, link, image, table, autolink or LaTeX can form from it."""
    text = re.sub(r"\s+", " ", text)
    if strip:
        text = text.strip()
    return "".join(_ESCAPE.get(ch, ch) for ch in text)


def unescape_md(text: str) -> str:
    """Inverse of :func:`escape_md` (up to its whitespace squeezing)."""
    return _UNESCAPE_RE.sub(lambda m: m.group(1) or _UNENTITY[m.group(2)], text)


# ---- answer -> chat messages --------------------------------------------------------------------
def _pct(x: float) -> str:
    return f"{max(0.0, min(1.0, float(x))):.0%}"


def _source_line(p: Passage) -> str:
    parts = [escape_md(p.title or p.doc_id)]
    parts += [escape_md(x) for x in (p.publisher, p.date) if x and x.strip()]
    return " — ".join(parts)


def highlight_passage(p: Passage) -> str:
    """The passage as escaped Markdown with the answer sentence in ``<mark>`` and the short
    answer inside it in ``<strong>``; offsets that do not fit the passage mean no highlight."""
    text, n = p.text, len(p.text)
    cuts: list[tuple[int, int, str]] = []  # (start, end, kind) in passage coordinates
    s0 = None if p.sentence_start is None else p.sentence_start - p.start
    s1 = None if p.sentence_end is None else p.sentence_end - p.start
    if s0 is not None and s1 is not None and 0 <= s0 < s1 <= n:
        x0 = None if p.span_start is None else p.span_start - p.start
        x1 = None if p.span_end is None else p.span_end - p.start
        if x0 is not None and x1 is not None and s0 <= x0 < x1 <= s1 and (x0, x1) != (s0, s1):
            cuts = [(0, s0, ""), (s0, x0, "m"), (x0, x1, "ms"), (x1, s1, "m"), (s1, n, "")]
        elif x0 is not None and x1 is not None and (x0, x1) == (s0, s1):
            cuts = [(0, s0, ""), (s0, s1, "ms"), (s1, n, "")]
        else:
            cuts = [(0, s0, ""), (s0, s1, "m"), (s1, n, "")]
    else:
        cuts = [(0, n, "")]
    out: list[str] = []
    mark_open = False
    for a, b, kind in cuts:
        if a >= b:
            continue
        piece = escape_md(text[a:b], strip=False)
        if "m" in kind and not mark_open:
            out.append("<mark>")
            mark_open = True
        if "m" not in kind and mark_open:
            out.append("</mark>")
            mark_open = False
        out.append(f"<strong>{piece}</strong>" if "s" in kind else piece)
    if mark_open:
        out.append("</mark>")
    body = "".join(out).strip()
    if p.start > 0:
        body = "… " + body
    return body


def citation_message(i: int, p: Passage) -> dict[str, Any]:
    """A collapsed block: title ``[i] article — publisher — date``, body the highlighted
    passage and where it is (character offsets into the stored article text)."""
    where = f"Article: {escape_md(p.title or p.doc_id)}"
    if p.publisher:
        where += f" · Publisher: {escape_md(p.publisher)}"
    if p.date:
        where += f" · Date: {escape_md(p.date)}"
    where += f" · Characters {p.start}–{p.end}"
    if p.sentence_start is not None and p.sentence_end is not None:
        where += f" (answer sentence {p.sentence_start}–{p.sentence_end})"
    return {
        "role": "assistant",
        "content": f"{highlight_passage(p)}\n\n{where}",
        "metadata": {"title": f"\\[{i}\\] {_source_line(p)}", "status": "done"},
    }


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _grouped_refs(citations: Sequence[Passage]) -> str:
    """``[1, 2] Title A; [3] Title B``: citation numbers grouped by article."""
    groups: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for i, p in enumerate(citations, 1):
        groups.setdefault(p.doc_id, []).append(i)
        titles[p.doc_id] = p.title or p.doc_id
    return "; ".join(f"\\[{', '.join(map(str, nums))}\\] {escape_md(titles[d])}"
                     for d, nums in groups.items())


def answer_markdown(answer: Answer, question: str = "") -> str:
    """The main reply: bold short answer, quoted sentence, confidence; for an abstention a plain
    statement and the closest passages. Always starts with the bold text (see bot_history),
    except a reply to small talk: plain, so bot_history leaves it and its message out."""
    if answer.question_type == SMALL_TALK:
        return escape_md(answer.text)
    if answer.abstained:
        lines = [f"**{escape_md(answer.text or 'The articles do not contain the answer.')}**",
                 "", "Closest passages (none answers the question with enough confidence):",
                 ""]
        for i, p in enumerate(answer.passages[:3], 1):
            lines.append(f"{i}\\. {_source_line(p)}: “{escape_md(_snippet(p.text))}”")
        if not answer.passages:
            lines.append("(no passage came close)")
        if answer.withheld:
            # the sentence it would have answered with: a pointer for the reader, plainly
            # not an answer (on held-out SQuAD about a third of them hold it)
            lines += ["", "Nearest sentence, below the confidence needed to answer: "
                      f"“{escape_md(_snippet(answer.withheld))}”"]
        lines += ["", f"Confidence: {_pct(answer.confidence)}"]
    else:
        short = answer.text or answer.sentence or "(no answer text)"
        lines = [f"**{escape_md(short)}**", ""]
        if answer.sentence and " ".join(answer.sentence.split()) != " ".join(short.split()):
            lines += [f"> {escape_md(answer.sentence)}", ""]
        refs = _grouped_refs(answer.citations)
        rule = f" ({RULE_REASONS[answer.rule]})" if answer.rule in RULE_REASONS else ""
        lines.append(f"Confidence: {_pct(answer.confidence)}{rule}" + (
            f" · Sources: {refs}" if refs else ""))
    searched = " ".join((answer.search_query or "").split())
    if searched and searched != " ".join(question.split()):
        lines.append(f"Searched for: “{escape_md(searched)}”")
    return "\n".join(lines)


def answer_messages(answer: Answer, question: str = "") -> list[dict[str, Any]]:
    """Everything one reply shows: the main message, then one collapsible per citation."""
    msgs: list[dict[str, Any]] = [{"role": "assistant",
                                   "content": answer_markdown(answer, question)}]
    if not answer.abstained:
        msgs += [citation_message(i, p) for i, p in enumerate(answer.citations, 1)]
    return msgs


def error_message(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": ERROR_PREFIX + escape_md(text)}


# ---- chat history -> bot history ----------------------------------------------------------------
_BOLD_RE = re.compile(r"^\*\*((?:\\[\s\S]|[^*\\])*)\*\*")


def message_text(content: Any) -> str:
    """Text of a message's content in any shape Gradio 6 hands back (str, text blocks)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "") if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "".join(message_text(c) for c in content)
    return ""


def bot_history(history: Sequence[dict]) -> list[dict[str, str]]:
    """Chat history as ``QABot.ask`` wants it: the user's words and each reply's short answer
    (unescaped), without citation blocks; a turn whose reply was an error is left out."""
    out: list[dict[str, str]] = []
    pending_user: str | None = None
    for msg in history:
        role = msg.get("role")
        if (msg.get("metadata") or {}).get("title"):
            continue  # a citation block
        text = message_text(msg.get("content"))
        if role == "user":
            if pending_user is not None:  # a user turn that got no reply
                out.append({"role": "user", "content": pending_user})
            pending_user = unescape_md(text)
        elif role == "assistant":
            m = _BOLD_RE.match(text)
            if m is None:  # an error or notice, not an answer: drop it with its question
                pending_user = None
                continue
            if pending_user is not None:
                out.append({"role": "user", "content": pending_user})
                pending_user = None
            # the short answer and the sentence it quotes, which "Tell me more" skips
            out.append({"role": "assistant", "content": reply_content(
                unescape_md(m.group(1)), unescape_md(quoted_sentence(text)))})
    return out


def reply(bot: QABot, message: str, history: Sequence[dict]) -> list[dict[str, Any]]:
    """One chat turn: never raises; a bad question or an internal error becomes a message."""
    try:
        answer = bot.ask(message, bot_history(history))
    except QuestionError as exc:
        text = str(exc) or "That question cannot be answered; please rephrase it."
        return [error_message(text[:1].upper() + text[1:])]
    except Exception:
        log.exception("answering %r failed", message[:200])
        return [error_message("Something went wrong while answering; please try again "
                              "or rephrase the question.")]
    return answer_messages(answer, message)


# ---- sources ------------------------------------------------------------------------------------
def source_rows(bot: QABot) -> list[list[str]]:
    """Title, publisher, date, size and origin of every indexed article (plain text cells)."""
    rows = []
    for d in bot.index.documents.values():
        origin = "uploaded" if d.publisher == UPLOAD_PUBLISHER else "seed"
        rows.append([d.title or d.id, d.publisher, d.date, f"{len(d.text):,} chars", origin])
    return rows


def source_choices(bot: QABot) -> list[tuple[str, str]]:
    return [(f"{d.title or d.id} ({d.id})", d.id) for d in bot.index.documents.values()]


def article_text(bot: QABot, doc_id: str | None) -> str:
    """Full text for the Sources tab (shown in a Textbox, i.e. as text, never as HTML)."""
    if not doc_id:
        return ""
    doc = bot.index.documents.get(doc_id)
    if doc is None:
        return "That article is not in the index (any more)."
    head = " · ".join(x for x in (doc.title, doc.publisher, doc.date) if x)
    return f"{head}\n\n{doc.text}"


# ---- uploads ------------------------------------------------------------------------------------
class UploadError(ValueError):
    """An upload we refuse as a whole (too many files); per-file problems are reported."""


def safe_stem(name: str, limit: int = 40) -> str:
    """A file name reduced to ``[A-Za-z0-9_-]`` for use in a document id (never in a path)."""
    stem = Path(name.replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")
    return stem[:limit] or "article"


def _about(name: str, message: str) -> str:
    return message if message.startswith(name) else f"{name}: {message}"


def load_uploads(paths: Sequence[str | Path], existing: dict[str, Document],
                 start_number: int = 1) -> tuple[list[Document], list[str]]:
    """Read uploaded files into Documents (ids ``upload-N-name``); returns (docs, problems).

    Each file is copied into a private temp dir under a name we make up (``upload<N><suffix>``
    with an allow-listed suffix), so nothing the user named ever becomes part of a path."""
    paths = list(paths)
    if len(paths) > MAX_UPLOAD_FILES:
        raise UploadError(f"{len(paths)} files at once is over the limit of "
                          f"{MAX_UPLOAD_FILES}; upload them in smaller batches")
    docs: list[Document] = []
    problems: list[str] = []
    seen = {text_hash(d.text): d for d in existing.values()}
    session_chars = sum(len(d.text) for d in existing.values()
                        if d.publisher == UPLOAD_PUBLISHER)
    number = start_number
    with tempfile.TemporaryDirectory(prefix="qa-bot-upload-") as tmp:
        for k, src in enumerate(paths):
            src = Path(src)
            name = src.name
            suffix = src.suffix.lower()
            if suffix not in UPLOAD_SUFFIXES:
                problems.append(f"{name}: unsupported file type {suffix or '(none)'}; "
                                f"upload {', '.join(UPLOAD_SUFFIXES)} files")
                continue
            try:
                size = src.stat().st_size
            except OSError as exc:
                problems.append(f"{name}: cannot read the upload ({exc.strerror or exc})")
                continue
            if size > MAX_UPLOAD_BYTES:
                problems.append(f"{name}: {size / 1e6:.1f} MB is over the "
                                f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB limit per file")
                continue
            private = Path(tmp) / f"upload{k}{suffix}"
            try:
                shutil.copyfile(src, private)
                loaded = load_file(private)
            except (LoadError, OSError) as exc:
                problems.append(_about(name, str(exc).replace(private.name, name)))
                continue
            problems += [_about(name, w.replace(private.name, name)) for w in loaded.warnings]
            for d in loaded.documents:
                h = text_hash(d.text)
                if h in seen:
                    problems.append(f"{name}: same text as “{seen[h].title}”, already indexed")
                    continue
                if session_chars + len(d.text) > MAX_SESSION_CHARS:
                    problems.append(f"{name}: over the {MAX_SESSION_CHARS:,}-character limit "
                                    "for one session's uploads; not indexed")
                    continue
                title = d.title if d.title and d.title != private.stem else name
                stem = safe_stem(d.id if suffix == ".jsonl" else name)
                doc = replace(d, id=f"upload-{number}-{stem}", title=title,
                              publisher=UPLOAD_PUBLISHER, source=name)
                number += 1
                seen[h] = doc
                session_chars += len(d.text)
                docs.append(doc)
    return docs, problems


def session_bot(base: QABot, docs: Sequence[Document], progress: bool = False) -> QABot:
    """A new in-memory bot = ``base``'s index + ``docs``; ``base`` is left untouched.

    Only the new articles are embedded. The copy gets its own containers (``CorpusIndex.add``
    appends to the sentence list and the FAISS index in place) and shares only the immutable
    items in them (documents, sentences): the base's vector rows are copied, not re-embedded."""
    src = base.index
    index = copy.copy(src)
    for name, value in vars(src).items():
        if isinstance(value, (list, dict, set)):
            setattr(index, name, copy.copy(value))
    if src.vectors is not None:
        index.vectors = VectorIndex.from_vectors(src.vectors.vectors(), src.vectors.dim,
                                                 src.vectors.kind)
    bot = QABot(index, index_dir=None, retrieval=base.retriever.config)
    bot.add_documents(docs, progress=progress, save=False)
    return bot


def upload_summary(bot: QABot, added: Sequence[Document], problems: Sequence[str]) -> str:
    """Markdown status for the upload panel (names and messages escaped)."""
    lines = []
    if added:
        lines.append(f"Indexed {len(added)} article{'s' if len(added) != 1 else ''} for this "
                     "chat only:")
        lines += [f"- {escape_md(d.title)} ({len(d.text):,} chars)" for d in added]
    if problems:
        lines += ["", "Not indexed:" if not added else "Problems:"]
        lines += [f"- {escape_md(p)}" for p in problems]
    n_up = sum(1 for d in bot.index.documents.values() if d.publisher == UPLOAD_PUBLISHER)
    lines.append("")
    lines.append(f"This chat now searches {len(bot.index.documents)} articles "
                 f"({n_up} uploaded).")
    return "\n".join(lines)


# ---- the Gradio app -----------------------------------------------------------------------------
def _text_chat_interface():
    """``ChatInterface`` that shows the user's own messages as text (escaped) too.

    ChatInterface appends the user's message to the chat verbatim, where it would be rendered
    as Markdown; every message it appends goes through ``_message_as_message_dict``, so that
    is where user text is escaped (``bot_history`` unescapes it again). Per-message copy
    buttons are off because they would copy the escaped Markdown source."""
    import gradio as gr

    if not all(hasattr(gr.ChatInterface, name)  # pragma: no cover
               for name in ("_message_as_message_dict", "_pop_last_user_message")):
        raise RuntimeError("this Gradio version changed ChatInterface internals; "
                           "qa_bot.app needs updating")

    class TextChatInterface(gr.ChatInterface):
        def _message_as_message_dict(self, message, role):
            if role == "user" and isinstance(message, str):
                message = escape_md(message)
            return super()._message_as_message_dict(message, role)

        def _pop_last_user_message(self, history):
            # retry/undo take the user's message back out of the chat: undo the escaping
            history, message = super()._pop_last_user_message(history)
            return history, unescape_md(message) if isinstance(message, str) else message

    return TextChatInterface


def build_app(bot: QABot):
    """The ``gr.Blocks`` app around one shared ``bot`` (queue not yet configured)."""
    import gradio as gr

    def current(user_bot: QABot | None) -> QABot:
        return user_bot if user_bot is not None else bot

    def chat_fn(message: str, history: list[dict], user_bot: QABot | None):
        return reply(current(user_bot), message, history)

    def sources(user_bot: QABot | None):
        b = current(user_bot)
        return gr.update(value=source_rows(b)), gr.update(choices=source_choices(b), value=None)

    def show_article(user_bot: QABot | None, doc_id: str | None) -> str:
        return article_text(current(user_bot), doc_id)

    def upload(files, user_bot: QABot | None, progress=gr.Progress(track_tqdm=True)):
        base = current(user_bot)
        paths = [f if isinstance(f, str) else getattr(f, "name", str(f)) for f in files or []]
        if not paths:
            return user_bot, "No file received.", None
        try:
            progress(0.05, desc=f"Reading {len(paths)} file{'s' if len(paths) != 1 else ''}")
            n_up = sum(1 for d in base.index.documents.values()
                       if d.publisher == UPLOAD_PUBLISHER)
            docs, problems = load_uploads(paths, base.index.documents, start_number=n_up + 1)
            if not docs:
                return user_bot, upload_summary(base, [], problems or ["nothing to index"]), None
            progress(0.2, desc=f"Indexing {len(docs)} article{'s' if len(docs) != 1 else ''}")
            new_bot = session_bot(base, docs, progress=True)
            progress(1.0, desc="Done")
        except UploadError as exc:
            return user_bot, upload_summary(base, [], [str(exc)]), None
        except Exception:
            log.exception("indexing an upload failed")
            return user_bot, upload_summary(base, [], [
                "indexing failed with an internal error; your earlier articles are kept"]), None
        return new_bot, upload_summary(new_bot, docs, problems), None

    def forget(user_bot: QABot | None):
        return None, ("Your uploaded articles were removed from this chat."
                      if user_bot is not None else "No uploaded articles to remove.")

    n_docs = len(bot.index.documents)
    intro = (f"Ask about the {n_docs} indexed news article{'s' if n_docs != 1 else ''}. "
             "Every answer is copied word for word from an article and cited; open a citation "
             "to see the passage. When the articles do not say, the bot says so.")
    with gr.Blocks(title="qa-bot: cited answers from news articles", analytics_enabled=False,
                   fill_height=False) as demo:
        user_bot = gr.State(None, time_to_live=SESSION_TTL_SECONDS)
        gr.Markdown("## qa-bot: cited answers from news articles\n" + intro)
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"), gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Conversation", height=560, sanitize_html=True,
                        render_markdown=True, latex_delimiters=[], allow_tags=False,
                        elem_id="qa-chatbot", buttons=[],
                    )
                    chat = _text_chat_interface()(
                        chat_fn, chatbot=chatbot, additional_inputs=[user_bot],
                        concurrency_limit=CHAT_CONCURRENCY, api_name="chat",
                        textbox=gr.Textbox(placeholder="Ask a question about the articles",
                                           show_label=False, elem_id="qa-question",
                                           max_lines=4, scale=7),
                        autofocus=True, fill_height=False,
                    )
                    with gr.Row():
                        clear = gr.Button("Clear conversation", variant="secondary",
                                          size="sm", elem_id="qa-clear")
                    gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[chat.textbox],
                                label="Example questions (the 2nd and 4th are follow-ups "
                                      "to the one before)")
                with gr.Column(scale=1, min_width=260):
                    gr.Markdown("### Your own articles\nUpload .txt, .md, .html or .jsonl "
                                f"(up to {MAX_UPLOAD_FILES} files of "
                                f"{MAX_UPLOAD_BYTES // 1_000_000} MB). They are indexed in "
                                "memory for this chat only.")
                    files = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES),
                                    label="Upload articles", elem_id="qa-upload")
                    status = gr.Markdown("No uploaded articles yet.",
                                         elem_id="qa-upload-status")
                    forget_btn = gr.Button("Remove my uploads", size="sm")
            with gr.Tab("Sources", id="sources") as sources_tab:
                table = gr.Dataframe(headers=["Title", "Publisher", "Date", "Size", "Origin"],
                                     datatype=["str"] * 5, interactive=False, wrap=True,
                                     column_widths=["40%", "24%", "14%", "12%", "10%"],
                                     elem_id="qa-sources", label="Indexed articles")
                with gr.Row():
                    pick = gr.Dropdown(label="Article", choices=[], scale=4, elem_id="qa-pick")
                    show = gr.Button("Show full text", scale=1)
                full = gr.Textbox(label="Full text", lines=18, max_lines=40, interactive=False,
                                  elem_id="qa-article")

        def clear_chat():
            return [], []

        clear.click(clear_chat, None, [chatbot, chat.chatbot_state], queue=False,
                    api_visibility="private")
        files.upload(upload, [files, user_bot], [user_bot, status, files],
                     concurrency_limit=UPLOAD_CONCURRENCY, api_name="upload",
                     show_progress="full").then(sources, [user_bot], [table, pick],
                                                api_visibility="private")
        forget_btn.click(forget, [user_bot], [user_bot, status], api_visibility="private").then(
            sources, [user_bot], [table, pick], api_visibility="private")
        demo.load(sources, [user_bot], [table, pick], api_visibility="private")
        sources_tab.select(sources, [user_bot], [table, pick], api_visibility="private")
        show.click(show_article, [user_bot, pick], [full], api_name="article")
        pick.change(show_article, [user_bot, pick], [full], api_visibility="private")
    return demo


def configure_queue(demo):
    """Deliberate concurrency: see CHAT_CONCURRENCY; other events get the same default."""
    return demo.queue(default_concurrency_limit=CHAT_CONCURRENCY, max_size=QUEUE_MAX_SIZE)


def launch(bot: QABot, host: str = "127.0.0.1", port: int | None = 7860, block: bool = True):
    """Start the app for ``bot``; with ``block=False`` return the running Blocks (tests)."""
    demo = configure_queue(build_app(bot))
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: the chat is reachable from other machines", host)
    demo.launch(server_name=host, server_port=port, share=False, inbrowser=False,
                prevent_thread_lock=not block, show_error=False, quiet=True,
                max_file_size=SERVER_MAX_FILE_SIZE, ssr_mode=False, footer_links=["api"])
    return demo


def serve(host: str = "127.0.0.1", port: int | None = 7860,
          index_dir: str | Path | None = None) -> None:
    """``qa-bot serve``: load the index once, warm the models up, serve until interrupted."""
    bot = QABot.load(index_dir=index_dir, progress=True)
    for w in bot.warnings:
        print(f"warning: {w}")
    try:  # load the answer models now, not on the first user's question
        bot.ask("What is this article about?")
    except Exception as exc:  # the chat still starts; the error will show per question
        log.warning("warm-up question failed: %s", exc)
    print(f"qa-bot: {len(bot.index.documents)} articles; open http://{host}:{port}/ "
          "(Ctrl+C stops)")
    launch(bot, host=host, port=port, block=True)
