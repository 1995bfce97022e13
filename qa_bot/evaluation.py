"""``qa-bot eval``: the scoreboard. Asks the bot every question of a gold or SQuAD set, scores
retrieval, answers, citations, abstention, calibration and latency, and writes reports.

Why here and not in eval/: ``qa-bot eval`` must work from an installed package;
``eval/evaluate.py`` is a thin script around :func:`main`.

Counting rules (stated again in every report): an abstention (or an error) on an answerable
question scores 0 for EM, F1, sentence and citation accuracy -- it is never dropped from a
denominator. Conversation turns are asked in order with the bot's *own* earlier answers in
the history, never the gold ones.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import platform
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import metrics as M
from .bot import PACKAGE_ROOT
from .question import QuestionError
from .reports import KS, console_table, git_commit, write_reports

DEFAULT_GOLD = PACKAGE_ROOT / "eval" / "gold.jsonl"
DEFAULT_OUT = PACKAGE_ROOT / "eval" / "reports" if (PACKAGE_ROOT / "eval").is_dir() \
    else Path("eval") / "reports"
REFERENCE_SQUAD_STEM = "dev-v1.1"  # its index lives in the shared cache (qa_bot.squad)


class EvalError(ValueError):
    """Bad evaluation input (unreadable gold file, malformed SQuAD file); message is shown."""


# ---- items ------------------------------------------------------------------------------------
@dataclass
class EvalItem:
    """One question to ask, with what counts as right."""

    id: str
    question: str
    answers: list[str]
    doc_id: str | None
    evidence: list[tuple[int, int]]  # document offsets that support the answer
    type: str
    answer_type: str = ""
    conversation: str | None = None
    turn: int | None = None
    should_abstain: bool = False
    exclude_docs: frozenset[str] = frozenset()  # asked against the corpus minus these
    group: str = ""  # article, for the unanswerable-by-removal questions
    split: str = ""  # SQuAD: "fit"/"held-out" articles of the selector's fitting split

    @property
    def wh(self) -> str:
        return wh_word(self.question)


_WH = ("how many", "how much", "how long", "how old", "what year", "who", "whom", "whose",
       "when", "where", "which", "why", "what", "how")


def wh_word(question: str) -> str:
    """The question word (a cheap question-type breakdown that works for any data set)."""
    q = " " + " ".join(question.lower().replace("?", " ").split()) + " "
    hits = [(q.find(f" {w} "), -len(w), w) for w in _WH if f" {w} " in q]
    if not hits:
        return "other"
    w = min(hits)[2]
    return {"whom": "who", "whose": "who", "how old": "how many"}.get(w, w)


def load_gold(path: str | Path) -> list[EvalItem]:
    """Read a gold JSONL file; conversation turns come out consecutive and in turn order."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read the gold file {path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise EvalError(f"{path} is not UTF-8 text: {exc}") from exc
    items: list[EvalItem] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise TypeError("not a JSON object")
            ev = obj.get("evidence")
            answers = [str(a) for a in obj.get("answers") or []]
            unanswerable = obj.get("type") == "unanswerable" or not answers
            items.append(EvalItem(
                id=str(obj["id"]), question=str(obj["question"]), answers=answers,
                doc_id=obj.get("doc_id"),
                # one span, or a list (an answer written in several places)
                evidence=[(int(e["start"]), int(e["end"]))
                          for e in (ev if isinstance(ev, list) else [ev] if ev else [])],
                type=str(obj.get("type") or "unknown"),
                answer_type=str(obj.get("answer_type") or "unknown"),
                conversation=obj.get("conversation") or None,
                turn=int(obj["turn"]) if obj.get("turn") is not None else None,
                should_abstain=unanswerable))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(f"{path} line {n}: {exc!r}") from exc
    if not items:
        raise EvalError(f"{path} has no questions")
    return order_conversations(items)


def order_conversations(items: list[EvalItem]) -> list[EvalItem]:
    """Keep file order, but gather each conversation at its first turn, sorted by turn."""
    convs: dict[str, list[EvalItem]] = {}
    for it in items:
        if it.conversation:
            convs.setdefault(it.conversation, []).append(it)
    out, done = [], set()
    for it in items:
        if not it.conversation:
            out.append(it)
        elif it.conversation not in done:
            done.add(it.conversation)
            out.extend(sorted(convs[it.conversation], key=lambda x: x.turn or 0))
    return out


def squad_items(questions: Sequence[Any], limit: int, seed: int, removal: int = 0,
                doc_ids: Iterable[str] = ()) -> list[EvalItem]:
    """A seeded sample of SQuAD questions, plus ``removal`` answerable questions (not in the
    sample) to be asked with their whole article left out of the corpus: should-abstain.
    ``doc_ids``: every paragraph id of the corpus, so an article is removed whole even where
    a paragraph has no question in ``questions``."""
    from .squad import sample

    chosen = sample(list(questions), limit, seed)
    items = [_squad_item(q) for q in chosen]
    if removal > 0:
        taken = {q.id for q in chosen}
        pool = [q for q in questions if q.id not in taken and not q.impossible and q.answers]
        article_docs: dict[str, set[str]] = {}
        for d in [*doc_ids, *(q.doc_id for q in questions)]:
            article_docs.setdefault(_article_key(d), set()).add(d)
        extra = sample(pool, removal, seed + 1) if pool else []
        # grouped by article so a bot without exclude_docs can remove/re-add once per article
        extra.sort(key=lambda q: (_article_key(q.doc_id), q.id))
        for q in extra:
            key = _article_key(q.doc_id)
            it = _squad_item(q)
            it.type, it.should_abstain, it.group = "removed-article", True, key
            it.exclude_docs = frozenset(article_docs[key])
            it.id = f"{q.id}#removed"
            items.append(it)
    return items


def _article_key(doc_id: str) -> str:
    """Paragraph ``"{j}-{i}"`` of article j (qa_bot.squad's id scheme) -> ``"j"``."""
    return doc_id.rsplit("-", 1)[0]


def _squad_item(q: Any) -> EvalItem:
    spans = [(s, s + len(a)) for a, s in zip(q.answers, q.answer_starts, strict=False)]
    impossible = bool(q.impossible) or not q.answers
    return EvalItem(id=q.id, question=q.question, answers=list(q.answers),
                    doc_id=q.doc_id, evidence=spans,
                    type="impossible" if impossible else "answerable",
                    answer_type=wh_word(q.question), should_abstain=impossible,
                    group=_article_key(q.doc_id))


# ---- asking -----------------------------------------------------------------------------------
@dataclass
class Record:
    """What the bot did with one item, and how that scores."""

    id: str
    question: str
    type: str
    answer_type: str
    should_abstain: bool
    conversation: str | None = None
    turn: int | None = None
    split: str = ""
    answer: str = ""
    sentence: str = ""
    abstained: bool = False
    error: str | None = None
    confidence: float = 0.0
    citation: dict | None = None  # doc_id, sentence_start, sentence_end of the first citation
    search_query: str = ""
    question_type: str = ""
    retrieved: list[list] = field(default_factory=list)  # [doc_id, start, end] best first
    latency_ms: float = 0.0
    gold_answers: list[str] = field(default_factory=list)
    gold_doc: str | None = None
    # scores (answerable items; None where not applicable)
    doc_rank: int | None = None
    evidence_rank: int | None = None
    em: float | None = None
    f1: float | None = None
    sentence_ok: bool | None = None
    citation_ok: bool | None = None
    correct: bool = False  # answerable: right sentence; should-abstain: abstained
    # an abstention's withheld best sentence (``Answer.withheld``) and, for an answerable
    # item, whether it holds a gold answer: the curve past the operating point
    withheld: str = ""
    withheld_ok: bool | None = None

    @property
    def answered(self) -> bool:
        return not self.abstained and self.error is None


def supports_exclude(bot: Any) -> bool:
    try:
        return "exclude_docs" in inspect.signature(bot.ask).parameters
    except (TypeError, ValueError):
        return False


def run_items(bot: Any, items: Sequence[EvalItem], progress: bool = True,
              retrieve_k: int = 5) -> list[Record]:
    """Ask every item (conversations with the bot's own history) and score each answer."""
    from tqdm import tqdm

    records: dict[str, Record] = {}
    histories: dict[str, list[dict]] = {}
    exclude_ok = supports_exclude(bot)
    bar = tqdm(total=len(items), desc="eval", unit="q", disable=not progress, file=sys.stderr)
    normal = [it for it in items if not it.exclude_docs]
    removal = [it for it in items if it.exclude_docs]
    try:
        for it in normal:
            records[it.id] = _ask_one(bot, it, histories, retrieve_k, exclude_ok)
            bar.update(1)
        for group in _groups(removal):
            with _without(bot, group[0].exclude_docs, active=not exclude_ok):
                for it in group:
                    records[it.id] = _ask_one(bot, it, histories, retrieve_k, exclude_ok)
                    bar.update(1)
    finally:
        bar.close()
    return [records[it.id] for it in items]


def _groups(items: list[EvalItem]) -> list[list[EvalItem]]:
    out: dict[frozenset[str], list[EvalItem]] = {}
    for it in items:
        out.setdefault(it.exclude_docs, []).append(it)
    return list(out.values())


class _without:
    """Fallback for bots without ``ask(exclude_docs=)``: take documents out of the in-memory
    index for a block and put them back after (never saved)."""

    def __init__(self, bot: Any, doc_ids: Iterable[str], active: bool) -> None:
        self.bot, self.ids, self.active, self.docs = bot, sorted(doc_ids), active, []

    def __enter__(self) -> None:
        if self.active:
            self.docs = [self.bot.index.documents[i] for i in self.ids
                         if i in self.bot.index.documents]
            self.bot.remove_documents(self.ids, save=False)

    def __exit__(self, *exc: object) -> None:
        if self.active and self.docs:
            self.bot.add_documents(self.docs, save=False)


def _ask_one(bot: Any, it: EvalItem, histories: dict[str, list[dict]], retrieve_k: int,
             exclude_ok: bool) -> Record:
    rec = Record(id=it.id, question=it.question, type=it.type, answer_type=it.answer_type,
                 should_abstain=it.should_abstain, conversation=it.conversation, turn=it.turn,
                 split=it.split, gold_answers=list(it.answers), gold_doc=it.doc_id)
    history: list[dict] | None = None
    if it.conversation:
        if (it.turn or 1) <= 1:
            histories[it.conversation] = []
        history = histories.setdefault(it.conversation, [])
    kwargs: dict[str, Any] = {}
    if it.exclude_docs and exclude_ok:
        kwargs["exclude_docs"] = set(it.exclude_docs)
    t0 = time.perf_counter()
    try:
        ans = bot.ask(it.question, history=list(history) if history is not None else None,
                      **kwargs)
    except QuestionError as exc:  # the bot refused the question: an abstention
        rec.latency_ms = (time.perf_counter() - t0) * 1000
        rec.abstained, rec.answer = True, str(exc)
        ans = None
    except Exception as exc:  # scored as wrong and reported, so one bug does not sink a run
        rec.latency_ms = (time.perf_counter() - t0) * 1000
        rec.error = f"{type(exc).__name__}: {exc}"
        ans = None
    else:
        rec.latency_ms = (time.perf_counter() - t0) * 1000
        rec.answer, rec.sentence = ans.text, ans.sentence
        rec.abstained, rec.confidence = bool(ans.abstained), float(ans.confidence)
        rec.search_query, rec.question_type = ans.search_query, ans.question_type
        rec.withheld = getattr(ans, "withheld", "") if ans.abstained else ""
        if ans.citations:
            c = ans.citations[0]
            s0 = c.sentence_start if c.sentence_start is not None else c.start
            s1 = c.sentence_end if c.sentence_end is not None else c.end
            rec.citation = {"doc_id": c.doc_id, "sentence_start": s0, "sentence_end": s1}
    if history is not None:
        history += [{"role": "user", "content": it.question},
                    {"role": "assistant", "content": rec.answer}]
    if not it.should_abstain:
        query = (ans.search_query if ans is not None and ans.search_query else it.question)
        try:
            passages = bot.retrieve(query, k=retrieve_k)
        except QuestionError:
            passages = []
        rec.retrieved = [[p.doc_id, p.start, p.end] for p in passages]
    score_record(rec, it)
    return rec


def score_record(rec: Record, it: EvalItem) -> Record:
    """Fill the score fields of ``rec`` (pure: uses only the record and the item)."""
    if it.should_abstain:
        rec.correct = rec.abstained and rec.error is None
        return rec
    docs = [r[0] == it.doc_id for r in rec.retrieved]
    ev = [r[0] == it.doc_id and M.overlaps(r[1], r[2], it.evidence) for r in rec.retrieved]
    rec.doc_rank, rec.evidence_rank = M.first_hit(docs), M.first_hit(ev)
    if rec.answered:
        rec.em = M.best_em(rec.answer, it.answers)
        rec.f1 = M.best_f1(rec.answer, it.answers)
        rec.sentence_ok = M.answer_in_text(it.answers, rec.sentence)
        c = rec.citation
        rec.citation_ok = bool(c and c["doc_id"] == it.doc_id and M.overlaps(
            c["sentence_start"], c["sentence_end"], it.evidence))
    else:
        rec.em, rec.f1, rec.sentence_ok, rec.citation_ok = 0.0, 0.0, False, False
        if rec.withheld:
            rec.withheld_ok = M.answer_in_text(it.answers, rec.withheld)
    rec.correct = bool(rec.sentence_ok)
    return rec


# ---- aggregating ------------------------------------------------------------------------------
def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def summarize(records: Sequence[Record], breakdown_by: Sequence[str] = ("type", "answer_type"),
              n_bins: int = 10) -> dict[str, Any]:
    """Every figure of a report, each with the count it is a share of."""
    ans = [r for r in records if not r.should_abstain]
    neg = [r for r in records if r.should_abstain]
    answered_ans = [r for r in ans if r.answered]
    answered = [r for r in records if r.answered]
    doc_ranks = [r.doc_rank for r in ans]
    ev_ranks = [r.evidence_rank for r in ans]
    prf = M.abstention_prf([r.should_abstain for r in records],
                           [r.abstained for r in records])
    bins, ece = M.calibration_bins([r.confidence for r in answered],
                                   [r.correct for r in answered], n_bins)
    # every sentence the bot chose, given or withheld, ranked by confidence: the curve runs
    # past the operating point to what answering everything would score (a should-abstain
    # item's sentence is wrong either way)
    curve = M.coverage_curve([r.confidence for r in records],
                             [not r.should_abstain and bool(r.sentence_ok or r.withheld_ok)
                              for r in records],
                             [r.answered or bool(r.withheld) for r in records])
    chosen = [r for r in ans if r.answered or r.withheld]
    lat = [r.latency_ms for r in records]
    out: dict[str, Any] = {
        "counts": {
            "questions": len(records), "answerable": len(ans), "should_abstain": len(neg),
            "answered": len(answered), "abstained": sum(r.abstained for r in records),
            "errors": sum(r.error is not None for r in records),
            "answered_answerable": len(answered_ans),
            "answered_should_abstain": sum(r.answered for r in neg),
        },
        "retrieval": {
            "denominator": f"{len(ans)} answerable questions (top-5 of bot.retrieve on the "
                           "searched query)",
            "document": {**{f"recall@{k}": M.recall_at(doc_ranks, k) for k in KS},
                         "mrr": M.mrr(doc_ranks)},
            "evidence": {**{f"recall@{k}": M.recall_at(ev_ranks, k) for k in KS},
                         "mrr": M.mrr(ev_ranks)},
        },
        "answers": {
            "denominator": f"{len(ans)} answerable questions (abstentions and errors score 0)",
            "exact_match": _mean([r.em or 0.0 for r in ans]),
            "f1": _mean([r.f1 or 0.0 for r in ans]),
            "sentence_accuracy": _mean([float(bool(r.sentence_ok)) for r in ans]),
            "citation_accuracy": _mean([float(bool(r.citation_ok)) for r in ans]),
        },
        "answered_only": {
            "denominator": f"{len(answered_ans)} answered answerable questions",
            "coverage": len(answered_ans) / len(ans) if ans else None,
            "answered_accuracy": _mean([float(bool(r.sentence_ok)) for r in answered_ans]),
            "exact_match": _mean([r.em or 0.0 for r in answered_ans]),
            "f1": _mean([r.f1 or 0.0 for r in answered_ans]),
            "citation_accuracy": _mean([float(bool(r.citation_ok)) for r in answered_ans]),
        },
        "never_abstaining": {
            "denominator": f"{len(ans)} answerable questions, each scored on the sentence "
                           f"the bot gave or withheld ({len(chosen)} had one)",
            "sentence_accuracy": _mean([float(bool(r.sentence_ok or r.withheld_ok))
                                        for r in ans]),
            "withheld_right": sum(bool(r.withheld_ok) for r in ans),
            "withheld": sum(bool(r.withheld) for r in ans),
        },
        "abstention": {
            "denominator": f"precision: {prf.tp + prf.fp} abstentions; recall: "
                           f"{prf.tp + prf.fn} questions that should be abstained on",
            **prf.to_dict(),
        },
        "overall_accuracy": {
            "denominator": f"{len(records)} questions (answerable: right sentence; "
                           "should-abstain: abstained)",
            "value": _mean([float(r.correct) for r in records]),
        },
        "calibration": {
            "denominator": f"{len(answered)} answered questions (correct = gold answer in the "
                           "answer sentence; an answer to a should-abstain question is wrong)",
            "ece": ece, "bins": [b.to_dict() for b in bins],
        },
        "coverage_curve": [p.to_dict() for p in _thin(curve, 200)],
        "latency_ms": {"denominator": f"{len(lat)} ask calls",
                       "p50": M.percentile(lat, 50), "p95": M.percentile(lat, 95),
                       "mean": _mean(lat)},
        "breakdown": {key: _breakdown(records, key) for key in breakdown_by},
    }
    return out


def _thin(points: list, n: int) -> list:
    """At most ``n`` evenly spaced points, ends kept (keeps reports small; the plot is the
    same to the eye)."""
    if len(points) <= n:
        return points
    step = (len(points) - 1) / (n - 1)
    return [points[round(i * step)] for i in range(n)]


def _breakdown(records: Sequence[Record], key: str) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Record]] = {}
    for r in records:
        value = wh_word(r.question) if key == "wh" else str(getattr(r, key))
        groups.setdefault(value, []).append(r)
    out = {}
    for value in sorted(groups):
        rs = groups[value]
        ans = [r for r in rs if not r.should_abstain]
        neg = [r for r in rs if r.should_abstain]
        out[value] = {
            "n": len(rs), "answerable": len(ans), "should_abstain": len(neg),
            "sentence_accuracy": _mean([float(bool(r.sentence_ok)) for r in ans]),
            "exact_match": _mean([r.em or 0.0 for r in ans]),
            "f1": _mean([r.f1 or 0.0 for r in ans]),
            "citation_accuracy": _mean([float(bool(r.citation_ok)) for r in ans]),
            "doc_recall@5": M.recall_at([r.doc_rank for r in ans], 5),
            "abstained_answerable": _mean([float(r.abstained) for r in ans]),
            "abstention_recall": _mean([float(r.abstained) for r in neg]),
        }
    return out


# ---- running ----------------------------------------------------------------------------------
def evaluate(bot: Any, items: Sequence[EvalItem], breakdown_by: Sequence[str],
             progress: bool = True) -> tuple[list[Record], dict[str, Any]]:
    records = run_items(bot, items, progress=progress)
    return records, summarize(records, breakdown_by)


def evaluate_gold(bot: Any, gold: str | Path = DEFAULT_GOLD, limit: int = 0,
                  progress: bool = False) -> tuple[list[Record], dict[str, Any]]:
    """The seed gold evaluation exactly as ``qa-bot eval --gold`` runs it (used by the
    regression test)."""
    items = load_gold(gold)
    if limit > 0:
        items = items[:limit]
    return evaluate(bot, items, ("type", "answer_type"), progress)


def held_out_questions(path: Path, questions: list[Any], include_fit: bool = False,
                       params_path: Path | None = None,
                       ) -> tuple[list[Any], str, set[str] | None]:
    """The questions the shipped selector was not fitted on.

    ``qa_bot.fit`` fits on half of a SQuAD file's articles (``split_by_article`` with the seed
    recorded in ``data/selector.json``); scoring those would report in-sample figures, so for
    that file only the other half is sampled unless ``include_fit``. Returns (questions,
    description, fit article titles or None when the file was not used for fitting).
    """
    from .squad import split_by_article

    if params_path is None:
        from .selector import PARAMS_PATH as params_path
    try:
        params = json.loads(Path(params_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return list(questions), "all articles (no fitted selector found)", None
    training = params.get("training") or {}
    if not (params.get("fitted") and training.get("data") == path.name
            and training.get("split") == "by article"):
        return list(questions), "all articles (selector not fitted on this file)", None
    fit_q, held_q = split_by_article(list(questions), seed=int(training.get("seed", 0)))
    fit_articles = {q.article for q in fit_q}
    n_art = len({q.article for q in questions})
    if include_fit:
        return list(questions), (f"all {n_art} articles, including the {len(fit_articles)} "
                                 "the selector was fitted on (see the split breakdown)"), \
            fit_articles
    return held_q, (f"held-out articles only: {n_art - len(fit_articles)} of {n_art} "
                    f"({len(held_q)} questions); the selector was fitted on the others"), \
        fit_articles


def squad_bot_for(path: Path, index_dir: str | None, progress: bool) -> Any:
    """The index of a SQuAD file's paragraphs (the evaluation's and the benchmarks'): the
    reference dev file's shared cache, another file's own cache keyed by its content."""
    from .squad import DEFAULT_CACHE, squad_bot

    if index_dir:
        return squad_bot(path, cache_dir=index_dir, progress=progress)
    if path.stem == REFERENCE_SQUAD_STEM:
        return squad_bot(path, progress=progress)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return squad_bot(path, cache_dir=DEFAULT_CACHE / f"squad-{path.stem}-{digest}",
                     progress=progress)


def one_article(items: Sequence[EvalItem], doc_ids: Iterable[str]) -> None:
    """Ask each item over its own article alone: every other document of ``doc_ids`` is
    excluded (questions written about one article, as the news benchmark's are)."""
    every = frozenset(doc_ids)
    for it in items:
        if it.doc_id:
            it.exclude_docs = every - {it.doc_id}


def articles_bot(folder: Path, index_dir: str | None, model: str | None, progress: bool
                 ) -> Any:
    """The bot over a folder of articles that a gold file was written for: indexed once
    into ``index_dir`` (default a cache folder per folder path) and re-indexed, as the seeds
    are, when the articles change."""
    from .bot import QABot
    from .squad import DEFAULT_CACHE

    if not folder.is_dir():
        raise EvalError(f"--articles {folder}: not a folder")
    if index_dir is None:
        digest = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:12]
        index_dir = str(DEFAULT_CACHE / f"articles-{folder.resolve().name}-{digest}")
    bot = QABot.load(index_dir=index_dir, seeds=folder, model=model, progress=progress)
    if not bot.index.documents:
        raise EvalError(f"--articles {folder}: no articles could be read")
    return bot


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="qa-bot eval",
        description="Score the bot on the seed gold set or on a SQuAD-format file and write "
                    "JSON/Markdown reports and plots.")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--gold", help=f"gold JSONL file (default {DEFAULT_GOLD})")
    src.add_argument("--squad", help="SQuAD v1.1/v2.0 JSON file: its paragraphs are the corpus")
    p.add_argument("--limit", type=int, default=None,
                   help="how many questions (SQuAD: seeded sample, default 1000; gold: the "
                        "first N, default all); 0 = all")
    p.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    p.add_argument("--out", default=None, help=f"report folder (default {DEFAULT_OUT})")
    p.add_argument("--unanswerable-by-removal", type=int, default=0, metavar="N",
                   help="SQuAD: N more questions asked with their whole article excluded from "
                        "the corpus; they should be abstained on")
    p.add_argument("--articles", metavar="DIR",
                   help="gold: the corpus is the articles in DIR (a gold file written for them, "
                        "e.g. eval/news/), indexed once into a cache folder; default the seeds")
    p.add_argument("--one-article", action="store_true",
                   help="with --articles: ask each question over its own article alone (the "
                        "others excluded), as questions written about one article are meant")
    p.add_argument("--index-dir", help="index folder (gold: an existing index holding the seed "
                   "articles; SQuAD: where its index is cached)")
    p.add_argument("--include-fit-articles", action="store_true",
                   help="SQuAD: also sample the articles the shipped selector was fitted on "
                        "(default: held-out articles only when the selector was fitted on "
                        "this file)")
    p.add_argument("--model", help="local SentenceTransformer folder (gold only)")
    p.add_argument("--name", help="report name (default: gold, squad or squad-<file stem>)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # ``qa-bot eval -- --gold F`` hands the separator through
        argv = argv[1:]
    args = build_parser().parse_args(argv)
    if args.limit is not None and args.limit < 0:
        print("error: --limit must be >= 0", file=sys.stderr)
        return 2
    if args.unanswerable_by_removal < 0 or (args.unanswerable_by_removal and not args.squad):
        print("error: --unanswerable-by-removal takes N >= 0 and needs --squad", file=sys.stderr)
        return 2
    if args.one_article and not args.articles:
        print("error: --one-article needs --articles", file=sys.stderr)
        return 2
    if args.articles and args.squad:
        print("error: --articles is for a gold file (a SQuAD file holds its own corpus)",
              file=sys.stderr)
        return 2
    progress = not args.no_progress
    try:
        if args.squad:
            from .squad import load_squad

            path = Path(args.squad)
            try:
                docs, questions = load_squad(path)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise EvalError(f"cannot read SQuAD file {path}: {exc!r}") from exc
            limit = 1000 if args.limit is None else args.limit
            pool, selection, fit_articles = held_out_questions(path, questions,
                                                               args.include_fit_articles)
            items = squad_items(pool, limit, args.seed, args.unanswerable_by_removal,
                                doc_ids=[d.id for d in docs])
            if not items:
                raise EvalError(f"{path} has no questions")
            by_id = {q.id: q for q in questions}
            for it in items:
                q = by_id[it.id.removesuffix("#removed")]
                it.split = "" if fit_articles is None else \
                    "fit" if q.article in fit_articles else "held-out"
            name = args.name or ("squad" if path.stem == REFERENCE_SQUAD_STEM
                                 else f"squad-{path.stem}")
            corpus = f"{len(docs)} paragraphs, {len(questions)} questions; {selection}"
            breakdown = ("type", "wh", "split") if fit_articles else ("type", "wh")
            bot = squad_bot_for(path, args.index_dir, progress)
            data = str(path)
        else:
            from .bot import QABot

            gold = Path(args.gold) if args.gold else DEFAULT_GOLD
            items = load_gold(gold)
            if args.limit:
                items = items[: args.limit]
            name = args.name or ("gold" if gold.resolve() == DEFAULT_GOLD.resolve()
                                 else f"gold-{gold.stem}")
            breakdown = ("type", "answer_type")
            if args.articles:
                bot = articles_bot(Path(args.articles), args.index_dir, args.model, progress)
                if args.one_article:
                    one_article(items, bot.index.documents)
            else:
                bot = QABot.load(index_dir=args.index_dir, model=args.model, progress=progress)
            for w in bot.warnings:
                print(f"warning: {w}", file=sys.stderr)
            missing = sorted({i.doc_id for i in items if i.doc_id} - set(bot.index.documents))
            if missing:
                print(f"warning: gold documents not in the index: {', '.join(missing)}",
                      file=sys.stderr)
            corpus = f"{len(bot.index.documents)} documents"
            data = str(gold)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    started, started_at = time.perf_counter(), datetime.now(UTC)
    records, summary = evaluate(bot, items, breakdown, progress)
    info = bot.info()
    report = {
        "meta": {
            "name": name,
            "time": started_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "git": git_commit(),
            "model": info.get("model"),
            "index": {"dir": info.get("index_dir"), "kind": info.get("index_kind"),
                      "counts": info.get("counts")},
            "data": data, "corpus": corpus,
            "command": "qa-bot eval " + " ".join(argv),
            "parameters": {k: v for k, v in vars(args).items() if k != "no_progress"},
            "exclusion": ("bot.ask(exclude_docs=...)" if supports_exclude(bot)
                          else "documents removed from the in-memory index and re-added")
            if any(i.exclude_docs for i in items) else "none",
            "python": platform.python_version(),
            "wall_seconds": round(time.perf_counter() - started, 1),
        },
        "summary": summary,
    }
    out = Path(args.out) if args.out else DEFAULT_OUT
    paths = write_reports(report, records, out, name)
    print(console_table(summary, f"qa-bot eval: {name} ({data})"))
    print()
    for label, path in paths.items():
        print(f"{label}: {path}")
    errors = summary["counts"]["errors"]
    if errors:
        print(f"warning: {errors} questions raised errors (scored wrong); see {paths['full_run']}",
              file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
