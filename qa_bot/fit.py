"""Fit the selector's logistic models on SQuAD-format data; write ``data/selector.json``.

    python -m qa_bot.fit_reader --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json  # first
    python -m qa_bot.fit --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json \
        --news eval/news --threshold 0.25   # how the shipped selector.json was made

Questions are split by article (``squad.split_by_article``): everything is fitted on one half,
and every figure stored under ``"heldout"`` is measured on the other half. The reader trained
on part of the fit half's articles (listed in ``data/reader.json``); the models here are fitted
on the rest of the fit half, where the reader is as good as it will be on new articles. For
each question we also ask it against the corpus minus its whole article (retrieval excludes
those documents): an honest "the articles don't say" case for the confidence model.

The product rarely searches 2,067 paragraphs: it searches a few news articles. Scores that
depend on the corpus (IDF, question words the corpus never uses, BM25 normalization) behave
differently there, and the hard unanswerable questions are on-topic ones. So the confidence
model is also fitted on **small corpora**: windows of ``WINDOW`` consecutive paragraphs of one
article (about the size of the two seed articles), each indexed on its own; a question is asked
against its window (answerable) and against the window minus its own paragraph (on-topic and
unanswerable, unless a gold answer's text also occurs in the rest of the window: then it is
left out). Held-out figures are reported for both settings.

Reading once (``--no-read-one`` to skip): after the rerank model is fitted on every question's
``reader_k`` reads, ``choose_read_one_margin`` picks the first-stage margin over which the
reader reads only the best sentence (the smallest that keeps fit-half sentence accuracy within
0.2 point, on the whole corpus and on small corpora), and everything fitted after it (spans,
confidence, threshold) sees questions read as answering reads them. The confidence model stays
fitted on every question read ``reader_k`` times; a second one (``confidence_read_one``) is
fitted on the questions read once, whose rerank logit and margin mean other things.

News questions (``--news eval/news``): SQuAD alone left the confidence too low on news
articles, the product's text. The news benchmark's dev split (its standalone questions, each
over its own article, the unanswerable ones included) joins the rerank and confidence fits
and the threshold choice (``--news-spans`` / ``--news-sentence``: the span and sentence
models too, measured and not shipped); its test split is reported as ``heldout_news``, and
test2 is never read here.

Cross-fitting (``--fold-readers``): the shipped reader may train on the whole fit half
(``fit_reader --fraction 1.0``) when two more readers, each trained without one half of its
articles (``fit_reader --exclude-fold 0|1 --out DIR``), read the fit questions: each question is
read by the one that did not train on its article, so the models here still see the reader as
it behaves on unseen articles, on all of the fit half.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .answer_types import classify, model_type
from .fit_reader import command_line
from .metrics import f1_score, normalize_answer
from .pipeline import term_stats
from .reader import META_PATH, WEIGHTS_PATH, Reader, Reading
from .selector import (
    CONF_FEATURES,
    PARAMS_PATH,
    READ_AT_ASK,
    RERANK_FEATURES,
    SENTENCE_FEATURES,
    SPAN_FEATURES,
    AnswerSelector,
    Candidate,
    Linear,
    _default_params,
    rank_candidates,
    read_once,
)
from .squad import SquadQuestion, cut_answers, load_squad, split_by_article, squad_bot
from .types import Document

WINDOW = 10  # paragraphs per small corpus: ~7,000 characters, like the two seed articles


@dataclass
class Item:
    q: SquadQuestion
    qtype: str
    scored: list
    cands: list[Candidate]
    x: np.ndarray
    y: np.ndarray  # 1 where the sentence holds a gold answer start
    u_scored: list  # the same question with its article excluded
    u_exclude: frozenset
    u_cands: list[Candidate]
    u_x: np.ndarray
    reads: dict[int, Reading | None] | None = None  # the reader on the first stage's best
    u_reads: dict[int, Reading | None] | None = None
    bot: object | None = None  # the corpus asked (None: the whole SQuAD corpus)
    u_ok: bool = True  # False: the unanswerable variant still holds an answer: not used
    hidden: frozenset = frozenset()  # hidden from the answerable asking too (near-miss copies)


def read_items(selector: AnswerSelector, bot, items: list[Item], desc: str,
               reader_for: Callable[[str], Reader | None] | None = None) -> None:
    """Run the reader on each question's first-stage best sentences (with and without its
    article). Call after the sentence model is final: it decides what is read.
    ``reader_for(article)``: the reader to read that article's questions with (cross-fitting:
    one that did not train on it); default the selector's."""
    for it in tqdm(items, desc=desc, unit="q"):
        reader = reader_for(it.q.article) if reader_for is not None else None
        if reader_for is not None and reader is None:
            raise ValueError(f"no reader that did not train on {it.q.article!r}")
        index = (it.bot or bot).index
        for cands, x, attr in ((it.cands, it.x, "reads"), (it.u_cands, it.u_x, "u_reads")):
            if not len(x):
                setattr(it, attr, {})
                continue
            selector.score_sentences(cands, x)
            setattr(it, attr, selector.read(index, it.q.question, cands, reader))


def fold_reader_picker(readers: list[Reader]) -> Callable[[str], Reader | None]:
    """For cross-fitting: an article's reader is the first that did not train on it."""
    seen = [set(r.meta.get("articles", [])) for r in readers]

    def pick(article: str) -> Reader | None:
        return next((r for r, arts in zip(readers, seen, strict=True) if article not in arts),
                    None)

    return pick


def collect_one(bot, selector: AnswerSelector, stats, q: SquadQuestion,
                exclude: set[str] | frozenset[str], hidden: frozenset[str] = frozenset()
                ) -> Item:
    """Features for ``q`` against ``bot``'s corpus minus ``hidden``, and against it minus
    ``exclude``."""
    qtype = classify(q.question)
    k = max(selector.candidate_chunks, 5)
    scored, qvec = bot.retriever.score(q.question, k=k, exclude=hidden or None)
    cands = selector.candidates(bot.index, scored)
    x = selector.sentence_features(bot.index, stats, q.question, qtype, qvec, cands)
    y = np.array([float(c.sentence.doc_id == q.doc_id and any(
        c.sentence.start <= a < c.sentence.end for a in q.answer_starts)) for c in cands])
    u_scored, _ = bot.retriever.score(q.question, k=k, qvec=qvec, exclude=exclude)
    u_cands = selector.candidates(bot.index, u_scored)
    u_stats = term_stats(bot, exclude)
    u_x = selector.sentence_features(bot.index, u_stats, q.question, qtype, qvec, u_cands)
    return Item(q, qtype, scored, cands, x, y, u_scored, frozenset(exclude), u_cands, u_x,
                hidden=frozenset(hidden))


def collect(bot, selector: AnswerSelector, questions: list[SquadQuestion],
            article_docs: dict[str, set[str]], desc: str) -> list[Item]:
    stats = term_stats(bot)
    return [collect_one(bot, selector, stats, q, article_docs[q.article])
            for q in tqdm(questions, desc=desc, unit="q")]


def windows(docs: list[Document], size: int = WINDOW) -> dict[str, list[Document]]:
    """Each paragraph's small corpus: its block of ``size`` consecutive paragraphs of the same
    article (a short last block joins the one before)."""
    by_article: dict[str, list[Document]] = {}
    for d in docs:
        by_article.setdefault(d.id.split("-")[0], []).append(d)
    out: dict[str, list[Document]] = {}
    for paras in by_article.values():
        paras.sort(key=lambda d: int(d.id.split("-")[1]))
        blocks = [paras[i:i + size] for i in range(0, len(paras), size)]
        if len(blocks) > 1 and len(blocks[-1]) < size // 2:
            last = blocks.pop()
            blocks[-1] = blocks[-1] + last
        for block in blocks:
            for d in block:
                out[d.id] = block
    return out


def answer_elsewhere(q: SquadQuestion, others: list[Document]) -> bool:
    """Does a gold answer's text occur in ``others`` (then removing q's paragraph does not
    make it unanswerable)?"""
    text = " ".join(normalize_answer(d.text) for d in others)
    return any(normalize_answer(a) and f" {normalize_answer(a)} " in f" {text} "
               for a in q.answers)


def small_corpora(questions: list[SquadQuestion], docs: list[Document], desc: str):
    """Each question's small corpus, built once per block: yields ``(bot, stats, block,
    questions)`` for every block (``windows``) that one of ``questions`` belongs to."""
    from .bot import QABot

    block_of = windows(docs)
    groups: dict[str, list[SquadQuestion]] = {}
    for q in questions:
        groups.setdefault(block_of[q.doc_id][0].id, []).append(q)
    for first, qs in tqdm(sorted(groups.items()), desc=desc, unit="corpus"):
        block = block_of[first]
        small = QABot.build(block)
        yield small, term_stats(small), block, qs


def collect_small(selector: AnswerSelector, questions: list[SquadQuestion],
                  docs: list[Document], desc: str) -> list[Item]:
    """Each question against its own small corpus (see the module docstring)."""
    items = []
    for small, stats, block, qs in small_corpora(questions, docs, desc):
        for q in qs:
            it = collect_one(small, selector, stats, q, {q.doc_id})
            it.bot = small
            it.u_ok = not answer_elsewhere(q, [d for d in block if d.id != q.doc_id])
            items.append(it)
    return items


def collect_near_miss(selector: AnswerSelector, questions: list[SquadQuestion],
                      docs: list[Document], desc: str) -> list[Item]:
    """Each question against its small corpus where a copy of its paragraph without the
    sentences holding a gold answer (``squad.cut_answers``) stands in for the paragraph: on
    topic, the question's names still there, the fact gone (``bench nearmiss``). The
    answerable asking is the small corpus as it is (the copies hidden); questions whose
    answer text is elsewhere in the window, or whose paragraph would be left empty, are left
    out."""
    items = []
    for small, _, block, qs in small_corpora(questions, docs, desc):
        by_id = {d.id: d for d in block}
        cuts: dict[str, Document] = {}
        for q in qs:
            doc = by_id[q.doc_id]
            spans = [(s.start, s.end) for s in small.index.sentences if s.doc_id == doc.id]
            rest = cut_answers(doc.text, spans, q.answers)
            if rest is not None and not answer_elsewhere(q, [d for d in block if d is not doc]):
                cuts[q.id] = Document(id=f"{doc.id}#cut-{q.id}", text=rest, title=doc.title,
                                      source=doc.source)
        if not cuts:
            continue
        small.add_documents(list(cuts.values()))
        copies = frozenset(d.id for d in cuts.values())
        stats = term_stats(small, copies)
        for q in qs:
            if q.id in cuts:
                it = collect_one(small, selector, stats, q,
                                 (copies - {cuts[q.id].id}) | {q.doc_id}, hidden=copies)
                it.bot = small
                items.append(it)
    return items


def news_questions(gold: Path, docs: dict[str, str]) -> list[SquadQuestion]:
    """The standalone questions of a news gold file (``eval/news``: single questions, the
    first turn of each conversation, and the unanswerable ones, ``impossible``), each about
    one article. A follow-up turn is left out: what it asks depends on the conversation, and
    the models here see questions as the user typed them. An answer's starts are its
    evidence's, else every place the article holds the answer's text."""
    from .evaluation import load_gold

    out = []
    for it in load_gold(gold):
        if it.doc_id not in docs or (it.conversation and it.turn != 1):
            continue
        starts = [s for s, _ in it.evidence] or [
            m.start() for a in it.answers if a
            for m in re.finditer(re.escape(a), docs[it.doc_id])]
        if it.answers and not starts:
            continue  # an answer the article does not hold verbatim cannot label a sentence
        out.append(SquadQuestion(id=it.id, question=it.question, doc_id=it.doc_id,
                                 answers=it.answers, answer_starts=starts,
                                 impossible=it.should_abstain, article=it.doc_id))
    return out


def collect_news(bot, selector: AnswerSelector, questions: list[SquadQuestion], desc: str
                 ) -> tuple[list[Item], list[Item]]:
    """Each news question over its own article alone (every other article hidden), as
    ``qa-bot eval --one-article`` asks it: (answerable items, unanswerable items). An
    unanswerable question's asking is its item's unanswerable variant; an answerable one has
    none (``u_ok`` False): without its article nothing would be left to search."""
    every = frozenset(bot.index.documents)
    stats: dict[str, object] = {}
    ans, una = [], []
    for q in tqdm(questions, desc=desc, unit="q"):
        others = every - {q.doc_id}
        if q.doc_id not in stats:
            stats[q.doc_id] = term_stats(bot, others)
        it = collect_one(bot, selector, stats[q.doc_id], q, others, hidden=others)
        it.bot = bot
        it.u_ok = q.impossible
        (una if q.impossible else ans).append(it)
    return ans, una


def news_items(selector: AnswerSelector, bot, folder: Path, split: str
               ) -> tuple[list[Item], list[Item]]:
    """A news benchmark split (``folder/<split>.jsonl``) as fit items, over ``bot``, the
    index of ``folder/articles`` (``evaluation.articles_bot``)."""
    docs = {i: d.text for i, d in bot.index.documents.items()}
    return collect_news(bot, selector, news_questions(folder / f"{split}.jsonl", docs),
                        f"news {split}")


def fit_linear(x: np.ndarray, y: np.ndarray, c: float = 1.0,
               weight: np.ndarray | None = None) -> Linear:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit((x - mean) / scale, y, sample_weight=weight)
    return Linear(lr.coef_[0].copy(), float(lr.intercept_[0]), mean, scale)


def rank(selector: AnswerSelector, cands: list[Candidate], x: np.ndarray,
         qtype: str = "other", reads: dict[int, Reading | None] | None = None
         ) -> list[Candidate]:
    """Both stages, as ``AnswerSelector.select`` runs them."""
    selector.score_sentences(cands, x)
    if reads:
        selector.rerank(cands, reads)
    return rank_candidates(cands, qtype)


def rerank_data(selector: AnswerSelector, items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for it in items:
        if not len(it.x) or not it.reads:
            continue
        selector.score_sentences(it.cands, it.x)
        top = selector.reader_top(it.cands)
        for c in top:
            c.reading = it.reads[c.row]
        xs.append(selector.rerank_features(top))
        ys.extend(it.y[it.cands.index(c)] for c in top)
    return np.vstack(xs), np.array(ys)


def sentence_accuracy(selector: AnswerSelector, items: list[Item]) -> float:
    """Share of answerable questions whose first-ranked sentence holds an answer."""
    hits = [float(it.y[it.cands.index(rank(selector, it.cands, it.x, it.qtype, it.reads)[0])])
            if len(it.x) else 0.0 for it in items]
    return float(np.mean(hits)) if hits else 0.0


def read_once_share(selector: AnswerSelector, items: list[Item]) -> float:
    """Share of answerable questions the reader reads one sentence for."""
    ones = []
    for it in items:
        if len(it.x):
            selector.score_sentences(it.cands, it.x)
            ones.append(len(selector.reader_top(it.cands)) == 1)
    return float(np.mean(ones)) if ones else 0.0


READ_ONE_GRID = [round(0.5 * i, 1) for i in range(2, 13)]  # 1.0, 1.5, ..., 6.0


def choose_read_one_margin(selector: AnswerSelector, big: list[Item], small: list[Item],
                           tolerance: float = 0.002) -> tuple[float | None, list[dict]]:
    """The smallest first-stage margin over which reading only the best sentence keeps
    sentence accuracy within ``tolerance`` of reading ``reader_k`` on the fit half, both on the
    whole corpus and on small corpora (rule set before its first fit, 2026-12-06). Readings
    are independent of what else is read, so every margin is tried on the same reads."""
    selector.read_one_margin = None
    base = (sentence_accuracy(selector, big), sentence_accuracy(selector, small))
    trials, chosen = [], None
    for m in READ_ONE_GRID:
        selector.read_one_margin = m
        acc = (sentence_accuracy(selector, big), sentence_accuracy(selector, small))
        trials.append({"margin": m, "sentence_accuracy": [round(a, 4) for a in acc],
                       "read_once": [round(read_once_share(selector, i), 4)
                                     for i in (big, small)]})
        if chosen is None and all(a >= b - tolerance for a, b in zip(acc, base, strict=True)):
            chosen = m
    selector.read_one_margin = chosen
    return chosen, [{"margin": None, "sentence_accuracy": [round(a, 4) for a in base],
                     "read_once": [0.0, 0.0]}, *trials]


def best_f1(text: str, answers: list[str]) -> float:
    return max((f1_score(text, a) for a in answers), default=0.0)


def label_priors(selector: AnswerSelector, items: list[Item]) -> dict[str, dict[str, float]]:
    """log-odds that a candidate of NER label L answers a question of type T (smoothed)."""
    pos: dict[tuple[str, str], int] = {}
    tot: dict[tuple[str, str], int] = {}
    for it in items:
        ranked = rank(selector, it.cands, it.x, it.qtype, it.reads)
        if not ranked or not it.y[it.cands.index(ranked[0])]:
            continue
        for e in selector.span_candidates(ranked[0].sentence, it.q.question, it.qtype,
                                          reading=ranked[0].reading):
            key = (model_type(it.qtype), e.label)
            tot[key] = tot.get(key, 0) + 1
            pos[key] = pos.get(key, 0) + int(best_f1(e.text, it.q.answers) >= 0.6)
    out: dict[str, dict[str, float]] = {}
    for (t, lab), n in tot.items():
        p = (pos.get((t, lab), 0) + 0.5) / (n + 2)
        out.setdefault(t, {})[lab] = round(math.log(p / (1 - p)), 4)
    for t in out:
        out[t]["_other"] = min(out[t].values())
    return out


def span_data(selector: AnswerSelector, items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for it in items:
        ranked = rank(selector, it.cands, it.x, it.qtype, it.reads)
        if not ranked or not it.y[it.cands.index(ranked[0])]:
            continue
        s, rd = ranked[0].sentence, ranked[0].reading
        spans = selector.span_candidates(s, it.q.question, it.qtype, reading=rd)
        if spans:
            xs.append(selector.span_features(s, spans, it.q.question, it.qtype, rd))
            ys.extend(float(best_f1(e.text, it.q.answers) >= 0.6) for e in spans)
    return np.vstack(xs), np.array(ys)


def outcomes(selector: AnswerSelector, bot, items: list[Item], unanswerable: bool):
    """Per question: (confidence features, sentence correct, short-answer F1, span
    probability, sentence, read once)."""
    rows = []
    for it in items:
        if unanswerable and not it.u_ok:
            continue
        b = it.bot or bot
        cands, x, scored, reads = (it.u_cands, it.u_x, it.u_scored, it.u_reads) \
            if unanswerable else (it.cands, it.x, it.scored, it.reads)
        if not cands:
            rows.append((np.zeros(len(CONF_FEATURES)), 0.0, 0.0, 0.0, "", False))
            continue
        ranked = rank(selector, cands, x, it.qtype, reads)
        best = ranked[0]
        span, sp = selector.choose_span(best.sentence, it.q.question, it.qtype,
                                        reading=best.reading)
        cf = selector.confidence_features(ranked, scored, it.q.question, it.qtype,
                                          term_stats(b, it.u_exclude if unanswerable
                                                     else it.hidden or None),
                                          b.index, sp, span is not None)
        correct = 0.0 if unanswerable else float(it.y[cands.index(best)])
        text = span.text if span is not None else best.sentence.text
        f1 = 0.0 if unanswerable else best_f1(text, it.q.answers)
        rows.append((cf, correct, f1, sp, best.sentence.text, read_once(ranked)))
    return rows


def confidences(selector: AnswerSelector, rows: list) -> np.ndarray:
    """The confidence of each ``outcomes`` row, by the model for its number of reads."""
    return np.array([selector.confidence(r[0], r[5]) for r in rows])


def choose_span_threshold(selector: AnswerSelector, items: list[Item]) -> float:
    """The span-probability cut that maximizes mean short-answer F1 on the fit half."""
    per = []
    for it in items:
        ranked = rank(selector, it.cands, it.x, it.qtype, it.reads)
        if not ranked:
            continue
        s, rd = ranked[0].sentence, ranked[0].reading
        spans = selector.span_candidates(s, it.q.question, it.qtype, reading=rd)
        sent_f1 = best_f1(s.text, it.q.answers)
        if not spans:
            per.append((0.0, sent_f1, sent_f1))
            continue
        probs = selector.span_model.prob(selector.span_features(s, spans, it.q.question,
                                                                it.qtype, rd))
        i = int(np.argmax(probs))
        per.append((float(probs[i]), best_f1(spans[i].text, it.q.answers), sent_f1))
    grid = np.linspace(0.0, 0.9, 91)
    scores = [np.mean([sf if p >= t else nf for p, sf, nf in per]) for t in grid]
    return float(grid[int(np.argmax(scores))])


def decision_accuracy(conf: np.ndarray, correct: np.ndarray, unans: np.ndarray, t: float,
                      unans_weight: float, weight: np.ndarray | None = None) -> float:
    """Answered-and-right or abstained-on-unanswerable, weighting unanswerable questions
    (and each question by ``weight``)."""
    answer = conf >= t
    ok = np.where(unans, ~answer, answer & (correct > 0))
    w = np.where(unans, unans_weight, 1.0) * (1.0 if weight is None else weight)
    return float((ok * w).sum() / w.sum())


def auroc(pos: np.ndarray, neg: np.ndarray) -> float:
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    scores = np.concatenate([pos, neg])
    ranks = scores.argsort().argsort() + 1
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) /
                 (len(pos) * len(neg)))


def evaluate(selector: AnswerSelector, bot, items: list[Item], unans_weight: float,
             una_items: list[Item] | None = None) -> dict:
    """Figures on ``items`` (answerable), and on their unanswerable variants or, when given,
    on ``una_items``' (news: questions the article does not answer)."""
    ans = outcomes(selector, bot, items, False)
    una = outcomes(selector, bot, items if una_items is None else una_items, True)
    conf_a = confidences(selector, ans)
    conf_u = confidences(selector, una)
    correct = np.array([r[1] for r in ans])
    f1 = np.array([r[2] for r in ans])
    em = np.array([float(any(normalize_answer(t) == normalize_answer(a)
                                 for a in it.q.answers))
                   for (_, _, _, sp, _, _), it, t in zip(ans, items, [
                       _answer_text(selector, it) for it in items], strict=True)])
    t = selector.abstain_threshold
    answered = conf_a >= t
    return {
        "questions": len(items),
        "read_once": round(read_once_share(selector, items), 4),
        "sentence_accuracy": round(float(correct.mean()), 4),
        "short_answer_f1": round(float(f1.mean()), 4),
        "short_answer_em": round(float(em.mean()), 4),
        "confidence_auroc_answerable_vs_unanswerable": round(auroc(conf_a, conf_u), 4),
        "confidence_auroc_correct_vs_rest": round(auroc(
            conf_a[correct > 0], np.concatenate([conf_a[correct == 0], conf_u])), 4),
        "at_threshold": {
            "threshold": round(t, 4),
            "answerable_coverage": round(float(answered.mean()), 4),
            "answered_accuracy": round(float(correct[answered].mean()), 4)
            if answered.any() else None,
            "unanswerable_abstain_rate": round(float((conf_u < t).mean()), 4),
            "decision_accuracy_weighted": round(decision_accuracy(
                np.concatenate([conf_a, conf_u]), np.concatenate([correct, np.zeros(len(una))]),
                np.concatenate([np.zeros(len(ans), bool), np.ones(len(una), bool)]), t,
                unans_weight), 4),
        },
    }


def _answer_text(selector: AnswerSelector, it: Item) -> str:
    ranked = rank(selector, it.cands, it.x, it.qtype, it.reads)
    if not ranked:
        return ""
    span, _ = selector.choose_span(ranked[0].sentence, it.q.question, it.qtype,
                                   reading=ranked[0].reading)
    return span.text if span is not None else ranked[0].sentence.text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.fit", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", required=True, help="SQuAD-format JSON (v1.1 dev)")
    ap.add_argument("--fit", type=int, default=2500,
                    help="questions from the fit half (articles the reader did not train on)")
    ap.add_argument("--heldout", type=int, default=1500, help="questions from the held-out half")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--unanswerable-weight", type=float, default=0.5,
                    help="weight of an unanswerable question when choosing the abstention "
                         "threshold (0.5 ~ one unanswerable per three questions)")
    ap.add_argument("--small-fit", type=int, default=1500,
                    help="fit-half questions also asked against their small corpus")
    ap.add_argument("--small-heldout", type=int, default=1000,
                    help="held-out questions also asked against their small corpus")
    ap.add_argument("--near-miss-fit", type=int, default=0,
                    help="fit-half questions also asked with their answer's sentences cut from "
                         "their small corpus (collect_near_miss): more unanswerable rows for "
                         "the confidence model; the threshold is still chosen without them")
    ap.add_argument("--near-miss-heldout", type=int, default=0,
                    help="held-out questions measured that way (figures only; every small "
                         "corpus stays in memory until the end: 500 here ran out of 24 GB)")
    ap.add_argument("--fold-readers", nargs="*", default=[], metavar="DIR",
                    help="cross-fitting: readers (fit_reader --exclude-fold I --out DIR) each "
                         "trained without some fit-half articles; every fit question is read by "
                         "one that did not train on its article (default: the fit questions are "
                         "those of the articles the shipped reader did not train on)")
    ap.add_argument("--no-read-one", dest="read_one", action="store_false",
                    help="always read reader_k sentences (default: read only the first "
                         "stage's best when it leads by a margin chosen on the fit half)")
    ap.add_argument("--news", default=None, metavar="DIR",
                    help="a news benchmark folder (eval/news): its dev split's standalone "
                         "questions join the rerank and confidence fits and the threshold "
                         "choice, each asked over its own article; its test split is reported "
                         "as held out (default: SQuAD alone)")
    ap.add_argument("--news-spans", action="store_true",
                    help="the news dev questions also join the span model's fit (its label "
                         "priors, weights and threshold)")
    ap.add_argument("--news-sentence", action="store_true",
                    help="the news dev questions also join the first-stage sentence model's fit")
    ap.add_argument("--news-weight", type=float, default=1.0,
                    help="weight of a news question's rows against a SQuAD question's")
    ap.add_argument("--threshold", type=float, default=None,
                    help="ship this abstention threshold instead of the one chosen here (which "
                         "is still recorded, as training.abstain_threshold_chosen): for a "
                         "threshold chosen by python -m qa_bot.bench threshold")
    ap.add_argument("--out", default=str(PARAMS_PATH))
    args = ap.parse_args(argv)

    if args.threshold is not None and not 0.0 <= args.threshold <= 1.0:
        ap.error(f"--threshold {args.threshold}: a confidence threshold is between 0 and 1")
    if args.news:  # before minutes of SQuAD features, not after
        missing = [n for n in ("articles", "dev.jsonl", "test.jsonl")
                   if not (Path(args.news) / n).exists()]
        if missing:
            raise SystemExit(f"--news {args.news}: no {', '.join(missing)} there")
    t0 = time.time()
    docs, questions = load_squad(args.squad)
    bot = squad_bot(args.squad)
    article_docs: dict[str, set[str]] = {}
    for q in questions:
        article_docs.setdefault(q.article, set()).add(q.doc_id)
    fit_q, held_q = split_by_article(questions, seed=args.seed)
    reader_meta = json.loads(META_PATH.read_text()) if META_PATH.is_file() else {}
    reader_arts = set(reader_meta.get("articles", []))
    if reader_meta and reader_meta.get("split_seed") != args.seed:
        raise SystemExit("the reader was trained with another split seed; refit it first")
    from .reader import load

    fold_readers = [load(Path(d) / WEIGHTS_PATH.name, Path(d) / META_PATH.name)
                    for d in args.fold_readers]
    if any(r.meta.get("split_seed") != args.seed for r in fold_readers):
        raise SystemExit("a fold reader was trained with another split seed")
    reader_for = fold_reader_picker(fold_readers) if fold_readers else None
    fit_q = [q for q in fit_q if reader_for(q.article) is not None] if reader_for else \
        [q for q in fit_q if q.article not in reader_arts]
    rng = random.Random(args.seed)
    fit_q = rng.sample(fit_q, min(args.fit, len(fit_q)))
    held_q = rng.sample(held_q, min(args.heldout, len(held_q)))

    selector = AnswerSelector(_default_params())
    if selector.reader is None and META_PATH.is_file():
        selector.reader = load()  # raises with the reason if the weights do not load
    # read as many sentences per question as answering does (the reader trained on 4)
    selector.reader_k = READ_AT_ASK
    fit_items = collect(bot, selector, fit_q, article_docs, "features (fit half)")
    held_items = collect(bot, selector, held_q, article_docs, "features (held-out half)")
    small_fit = collect_small(selector, fit_q[: args.small_fit], docs,
                              "small corpora (fit half)")
    small_held = collect_small(selector, held_q[: args.small_heldout], docs,
                               "small corpora (held-out half)")
    near_fit = collect_near_miss(selector, fit_q[: args.near_miss_fit], docs,
                                 "near-miss corpora (fit half)") if args.near_miss_fit else []
    near_held = collect_near_miss(selector, held_q[: args.near_miss_heldout], docs,
                                  "near-miss corpora (held-out half)") \
        if args.near_miss_heldout else []

    news_fit: tuple[list[Item], list[Item]] = ([], [])
    news_held: tuple[list[Item], list[Item]] = ([], [])
    if args.news:
        from .evaluation import EvalError, articles_bot

        try:
            news_bot = articles_bot(Path(args.news) / "articles", None, None, progress=False)
            news_fit = news_items(selector, news_bot, Path(args.news), "dev")
            news_held = news_items(selector, news_bot, Path(args.news), "test")
        except EvalError as exc:  # no such folder, no dev/test file, a malformed line
            raise SystemExit(f"--news {args.news}: {exc}") from exc

    # 1. sentence model
    sentence_items = fit_items + (news_fit[0] if args.news_sentence else [])
    x = np.vstack([it.x for it in sentence_items if len(it.x)])
    y = np.concatenate([it.y for it in sentence_items if len(it.x)])
    selector.sentence_model = fit_linear(x, y)
    # 2. rerank model over what the reader reads (when reader weights ship)
    if selector.reader is not None:
        read_items(selector, bot, fit_items, "reader (fit half)", reader_for)
        read_items(selector, bot, held_items, "reader (held-out half)")
        read_items(selector, bot, small_fit, "reader (small corpora, fit half)", reader_for)
        read_items(selector, bot, small_held, "reader (small corpora, held-out half)")
        read_items(selector, bot, near_fit, "reader (near-miss, fit half)", reader_for)
        read_items(selector, bot, near_held, "reader (near-miss, held-out half)")
        for part in (*news_fit, *news_held):
            read_items(selector, bot, part, "reader (news)")
        rx, ry = rerank_data(selector, fit_items)
        rw = np.ones(len(ry))
        if news_fit[0]:
            nx, ny = rerank_data(selector, news_fit[0])
            rx, ry = np.vstack([rx, nx]), np.concatenate([ry, ny])
            rw = np.concatenate([rw, np.full(len(ny), args.news_weight)])
        selector.rerank_model = fit_linear(rx, ry, weight=rw)
        # from here on, questions the first stage is sure of are read once, as when answering
        read_one = choose_read_one_margin(selector, fit_items, small_fit) \
            if args.read_one else (None, [])
    else:
        read_one = (None, [])
    # 3. span model (on questions whose chosen sentence is right)
    span_items = fit_items + (news_fit[0] if args.news_spans else [])
    selector.label_prior = label_priors(selector, span_items)
    sx, sy = span_data(selector, span_items)
    selector.span_model = fit_linear(sx, sy)
    selector.span_threshold = choose_span_threshold(selector, span_items)
    # 4. confidence model: answerable (label: sentence right) + unanswerable (label 0): the
    # whole corpus minus the question's article, and small corpora minus its paragraph
    conf_items = fit_items + small_fit

    def conf_rows() -> tuple[list, list, list]:
        """(answerable, unanswerable, near-miss) rows; each row ends with its weight."""
        w = args.news_weight
        return ([(*r, 1.0) for r in outcomes(selector, bot, conf_items, False)]
                + [(*r, w) for r in outcomes(selector, bot, news_fit[0], False)],
                [(*r, 1.0) for r in outcomes(selector, bot, conf_items, True)]
                + [(*r, w) for r in outcomes(selector, bot, news_fit[1], True)],
                # near-miss questions (--near-miss-fit) teach the models only; the threshold
                # below is chosen on the same mix of questions as without them
                [(*r, 1.0) for r in outcomes(selector, bot, near_fit, True)])

    def fit_conf(ans: list, una: list, near: list) -> Linear:
        rows = ans + una + near
        y = np.concatenate([[r[1] for r in ans], np.zeros(len(una) + len(near))])
        return fit_linear(np.vstack([r[0] for r in rows]), y,
                          weight=np.array([r[-1] for r in rows]))

    # the main model on every question read reader_k times, as before the read-one rule: it
    # weighs the questions read three times as it always did, and serves a selector without
    # reader. Fitted on the questions read three times alone (those the first stage is
    # unsure of) it learned from hard questions only, and was stricter with every one of them
    with selector.reading_all():
        ans, una, near = conf_rows()
    selector.conf_model = fit_conf(ans, una, near)
    selector.conf_model_one = None
    if selector.read_one_margin is not None:  # a second model for the questions read once
        ans, una, near = conf_rows()
        selector.conf_model_one = fit_conf(*([r for r in rows if r[5]]
                                             for rows in (ans, una, near)))
    cy = np.concatenate([[r[1] for r in ans], np.zeros(len(una))])
    conf = confidences(selector, ans + una)
    unans = np.concatenate([np.zeros(len(ans), bool), np.ones(len(una), bool)])
    grid = np.linspace(0.05, 0.95, 91)
    rw = np.array([r[-1] for r in ans + una])
    accs = [decision_accuracy(conf, cy, unans, t, args.unanswerable_weight, rw) for t in grid]
    chosen = float(grid[int(np.argmax(accs))])
    selector.abstain_threshold = chosen if args.threshold is None else args.threshold

    params = {
        "sentence": selector.sentence_model.to_dict(),
        **({"rerank": selector.rerank_model.to_dict(), "reader_k": selector.reader_k,
            "read_one_margin": read_one[0]}
           if selector.rerank_model is not None else {}),
        "span": selector.span_model.to_dict(),
        "confidence": selector.conf_model.to_dict(),
        **({"confidence_read_one": selector.conf_model_one.to_dict()}
           if selector.conf_model_one is not None else {}),
        "features": {"sentence": SENTENCE_FEATURES, "rerank": RERANK_FEATURES,
                     "span": SPAN_FEATURES, "confidence": CONF_FEATURES},
        "label_prior": selector.label_prior,
        "span_threshold": round(selector.span_threshold, 4),
        "abstain_threshold": round(selector.abstain_threshold, 4),
        "candidate_chunks": selector.candidate_chunks,
        "fitted": True,
        "training": {
            "data": Path(args.squad).name, "seed": args.seed, "fit_questions": len(fit_items),
            "heldout_questions": len(held_items), "split": "by article",
            "unanswerable": "same question, retrieval excludes its whole article; and in a "
                            f"small corpus ({WINDOW} paragraphs of its article), its paragraph",
            "small_corpora": {"window": WINDOW, "fit_questions": len(small_fit),
                              "fit_unanswerable": sum(it.u_ok for it in small_fit),
                              "heldout_questions": len(small_held),
                              "heldout_unanswerable": sum(it.u_ok for it in small_held)},
            "near_miss": {"fit_questions": len(near_fit), "heldout_questions": len(near_held)},
            "news": {"folder": Path(args.news).name, "weight": args.news_weight,
                     "models": [*(["sentence"] if args.news_sentence else []),
                                "rerank", "confidence", "threshold",
                                *(["spans"] if args.news_spans else [])],
                     "fit": "dev", "heldout": "test",
                     "fit_questions": [len(p) for p in news_fit],
                     "heldout_questions": [len(p) for p in news_held]} if args.news else None,
            "unanswerable_weight": args.unanswerable_weight,
            "abstain_threshold_chosen": round(chosen, 4),
            "reader": {k: reader_meta.get(k) for k in ("weights_sha256", "questions",
                                                      "command")} if reader_meta else None,
            "excluded_reader_articles": 0 if fold_readers else len(reader_arts),
            "fold_readers": [{k: r.meta.get(k) for k in ("weights_sha256", "questions",
                                                         "command")} for r in fold_readers],
            "read_one_trials": read_one[1],
            "command": command_line(ap, args),
            "seconds": round(time.time() - t0, 1),
        },
        "fit": evaluate(selector, bot, fit_items, args.unanswerable_weight),
        "heldout": evaluate(selector, bot, held_items, args.unanswerable_weight),
        "fit_small": evaluate(selector, bot, small_fit, args.unanswerable_weight),
        "heldout_small": evaluate(selector, bot, small_held, args.unanswerable_weight),
        **({"heldout_near_miss": evaluate(selector, bot, near_held, args.unanswerable_weight)}
           if near_held else {}),
        **({"fit_news": evaluate(selector, bot, news_fit[0], args.unanswerable_weight,
                                 news_fit[1]),
            "heldout_news": evaluate(selector, bot, news_held[0], args.unanswerable_weight,
                                     news_held[1])} if args.news else {}),
    }
    Path(args.out).write_text(json.dumps(params, indent=1) + "\n")
    print(json.dumps({k: params[k] for k in ("fit", "heldout", "fit_small", "heldout_small",
                                             "heldout_near_miss", "fit_news", "heldout_news")
                      if k in params} | {
                      "span_threshold": params["span_threshold"],
                      "abstain_threshold": params["abstain_threshold"]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
