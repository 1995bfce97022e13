"""The extractive answer selector: picks the answer sentence, a typed short span, a confidence.

Small logistic models, fitted on SQuAD v1.1 dev by ``python -m qa_bot.fit`` and shipped as
``qa_bot/data/selector.json`` (weights, feature scaling, thresholds, held-out figures), around
the neural reader (``qa_bot.reader``):

1. sentence model: is this candidate sentence the one holding the answer? (cheap features,
   every candidate)
2. rerank model: the same question for the sentence model's best ``reader_k``, adding the
   reader's relevance and best-span scores to the first stage's logit and features (the
   reader is too slow to read every candidate; when the sentence model's best leads by
   ``read_one_margin`` it alone is read, see READ_AT_ASK)
3. span model: is this entity/number/quote/phrase/reader span the short answer?
4. confidence model: will the chosen sentence hold the answer at all? Trained with questions
   asked against the corpus minus their own article, so "not in the articles" has real data.
   A second model of the same features serves the questions the reader read once.

Without reader weights (or with weights for another base model) there is no rerank: the first
stage's order stands, and the span and confidence models' reader columns take their training
means, which they treat as "no evidence": answers still come, from the cheap features alone.

The same ``sentence_features``/``span_features``/``confidence_features`` serve fitting and
answering, so the shipped weights always match the features computed at run time.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .abbreviations import asked_expansion, expansion, spelled_name
from .affiliation import asked_worker, employer
from .agents import CONVENTIONS as DOER_CONVENTIONS
from .agents import Deed, asked_doer, doer
from .ages import age_after, asked_age, is_age_of, stated_age
from .answer_types import (
    asks_persons_name,
    candidates,
    classify,
    expected_labels,
    gives_kind,
    identity_name,
    is_polar,
    is_topic,
    is_why,
    model_type,
)
from .clauses import parallel_clause, subject_clause
from .constraints import (
    Office,
    asked_office,
    conflicts,
    describes_whole,
    description,
    is_office_word,
    known_places,
    office_holder,
    plain_office,
    same_place,
    unnamed_place,
)
from .datelines import dateline_end
from .earlier import asks_earlier, at_figure, earlier_figure
from .effects import cause_before_effect
from .index import CorpusIndex
from .leaders import (
    asked_holder,
    asked_leader,
    asked_titled,
    initials,
    its_leader,
    stated_leader,
)
from .levels import LEVEL_LABELS, asks_change, asks_level, change_figure
from .naming import CONVENTIONS as NAMING_CONVENTIONS
from .naming import asked_thing, thing_name
from .reader import Reader, Reading, get_reader, reading_context
from .retriever import Scored
from .scores import SCORE, asks_score, score_spans
from .speakers import (
    QUOTE_MARK,
    Speaker,
    as_office_holder,
    asked_speaker,
    gives_words,
    may_quote,
    names,
    office_holder_name,
    quote_is_theirs,
    quote_opened_at,
    quotes_another,
    reported_clause,
    titles_as,
    with_titles,
)
from .survivors import asks_survivors, survivors
from .terms import AUXILIARIES, CALENDAR, TermStats, name_terms, nationality_place, terms
from .types import Entity, Sentence

PARAMS_PATH = Path(__file__).parent / "data" / "selector.json"

SENTENCE_FEATURES = [
    "cos", "cos_gap", "overlap", "overlap_gap", "frac", "bigram", "ctx_overlap",
    "chunk_score", "chunk_rrank", "chunk_bm25_norm", "type_match", "typed", "log_words",
    "heading", "cos_rrank", "overlap_rrank", "sent_bm25", "chunk_dense", "type_near",
    "prev_overlap", "next_overlap", "doc_rrank", "doc_score", "doc_chunks", "cos_prev",
    "cos_next", "compact",
]
SPAN_FEATURES = [
    "label_prior", "label_expected", "in_question", "log_dist", "log_words", "is_quote",
    "is_number", "after_match", "rel_len", "typed", "is_segment", "adjacent", "has_digit",
    "capitalized", "starts_sentence", "near_terms", "gap_next", "gap_prev",
    "reader_span", "reader_gap", "is_reader",
]
RERANK_FEATURES = ["logit", "logit_gap", "logit_rrank", "logit_share", "reader_rel",
                   "reader_rel_gap", "reader_span_best", "reader_rel_share", "reader_span_gap",
                   *(f"sentence_{f}" for f in SENTENCE_FEATURES)]
CONF_FEATURES = [
    "best_logit", "margin", "max_cos", "best_overlap", "best_ctx_overlap", "top_score",
    "unseen_frac", "missing_rare", "best_type_match", "typed", "coverage", "span_prob",
    "has_span", "closed_type_miss", "unseen_name", "reader_rel", "reader_span_best",
]
READER = "READER"  # label of a span the reader proposed
DESCRIPTION = "DESCRIPTION"  # label of the title/apposition a "Who is <name>?" question gets
# Sentences the reader reads per question, when answering and when fitting the models that
# weigh its scores (the reader itself trained on the first stage's best 4). On the fit half of
# SQuAD 3 reads gave the same sentence accuracy as 4 (0.766 vs 0.765), F1 (0.626) and
# abstention recall (0.927), for a quarter less reader time (~19 -> ~14 ms).
READ_AT_ASK = 3
# ...but only the best one when the first stage is sure of it: its logit ahead of the
# runner-up's by ``read_one_margin`` (chosen on the fit half by ``qa_bot.fit``, in
# selector.json; 3.0). Readings do not depend on what else is read, so this only skips the
# two sentences the rerank would almost never prefer: on the fit half it reads once for 63% of
# questions (67% in small corpora) with sentence accuracy within 0.1 point of reading three,
# and the reader is most of an answer's time (one read about a third of three).
# answer types whose NER labels are reliable: a sentence without one cannot answer
CLOSED_TYPES = {"number", "date", "money", "percent", "duration"}
# the labels of an amount, for a question whose type names none ("What was net income?")
FIGURES = {"MONEY", "CARDINAL", "PERCENT", "QUANTITY", "NUMBER"}
# the labels of a point in time
DATES = {"DATE", "TIME"}


@dataclass
class Candidate:
    """A sentence considered for the answer, with the chunk it was retrieved in."""

    row: int
    sentence: Sentence
    chunk: Scored
    rank: int
    features: np.ndarray = field(default_factory=lambda: np.zeros(0))
    logit: float = 0.0  # the final sentence score (rerank model where the reader read it)
    type_cands: list[Entity] = field(default_factory=list)
    stage1: float = 0.0  # the sentence model's logit
    reading: Reading | None = None


@dataclass
class Selection:
    best: Candidate | None
    ranked: list[Candidate]
    span: Entity | None
    span_prob: float
    confidence: float
    conf_features: np.ndarray
    # a rule that makes the answer stand whatever the confidence ("speaker": a bare "What did
    # X say?" answered by a sentence giving X's words, speakers.py); "" for none
    by_rule: str = ""


@dataclass
class Linear:
    """A fitted logistic model: standardize, dot, sigmoid. Plain JSON, no pickle."""

    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def prob(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(x)))

    @classmethod
    def from_dict(cls, d: dict) -> Linear:
        return cls(np.array(d["weights"], float), float(d["bias"]),
                   np.array(d["mean"], float), np.array(d["scale"], float))

    def to_dict(self) -> dict:
        return {"weights": [round(float(x), 6) for x in self.weights],
                "bias": round(float(self.bias), 6),
                "mean": [round(float(x), 6) for x in self.mean],
                "scale": [round(float(x), 6) for x in self.scale]}


def load_model(d: dict) -> Linear:
    return Linear.from_dict(d)


def _default_params() -> dict:
    """Hand-set fallback used only before the first fit (tests check the shipped file)."""
    def lin(w: list[float]) -> dict:
        return {"weights": w, "bias": 0.0, "mean": [0.0] * len(w), "scale": [1.0] * len(w)}
    return {
        "sentence": lin([4, 2, 4, 2, 1, 1, 1, 2, 1, 1, 1, 0, 0, -1, 1, 1, 1, 1, 1, 0, 0,
                         1, 1, 0, 0, 0, 1]),
        "span": lin([1, 1, -3, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, -1, -0.5, 0, 0, 0]),
        "confidence": lin([0.5, 0.5, 2, 2, 1, 1, -2, -1, 0.5, 0, 2, 0.5, 0, -1, -2, 0, 0]),
        "label_prior": {},
        "span_threshold": 0.5,
        "abstain_threshold": 0.5,
        "candidate_chunks": 8,
        "fitted": False,
    }


class AnswerSelector:
    def __init__(self, params: dict | None = None, path: Path = PARAMS_PATH) -> None:
        if params is None:
            params = json.loads(path.read_text()) if path.is_file() else _default_params()
        self.params = params
        self.sentence_model = load_model(params["sentence"])
        self.span_model = load_model(params["span"])
        self.conf_model = load_model(params["confidence"])
        # questions the reader read one sentence for (read_one_margin) have their own
        # confidence model: the best's rerank logit is then weighed against no other read
        # sentence and its margin is to unread ones, so the same features mean other things
        self.conf_model_one = load_model(params["confidence_read_one"]) \
            if "confidence_read_one" in params else None
        self.label_prior: dict[str, dict[str, float]] = params.get("label_prior", {})
        self.span_threshold = float(params.get("span_threshold", 0.5))
        self.abstain_threshold = float(params.get("abstain_threshold", 0.5))
        self.candidate_chunks = int(params.get("candidate_chunks", 8))
        self.rerank_model = load_model(params["rerank"]) if "rerank" in params else None
        # the rerank model was fitted on ``reader_k`` reads per question (READ_AT_ASK)
        self.reader_k = min(READ_AT_ASK, int(params.get("reader_k", READ_AT_ASK)))
        margin = params.get("read_one_margin")
        self.read_one_margin: float | None = None if margin is None else float(margin)
        self._reader: Reader | None = None
        self._reader_loaded = self.rerank_model is None
        # the question rules no fitted model could learn (SQuAD has too few such questions):
        # offices and "Who is <name>?" (constraints.py), yes/no questions (answer_types.py).
        # Off only to measure them (python -m qa_bot.bench rules)
        self.office_rule = True
        self.identity_rule = True
        self.polar_rule = True
        self.speaker_rule = True
        self.quoted_rule = True
        self.named_rule = True
        self.named_other_rule = True
        self.reason_rule = True
        self.topic_rule = True
        self.clause_rule = True
        self.expansion_rule = True
        self.age_rule = True
        self.count_rule = True
        self.item_rule = True
        self.leader_rule = True
        # a how-many answer holds a number, a how-much-money answer an amount
        # (answer_types.gives_kind)
        self.kind_rule = True
        # someone's words about a topic no sentence of theirs holds whole: those holding its
        # rarest word
        self.topic_word_rule = True
        # "Which film ...?" by a quoted title of two or more words
        self.title_rule = True
        # a when-question by a point in time, not a stretch ("two weeks"); "what time" by a
        # time of day
        self.point_rule = True
        self.aside_rule = True
        # "What did the mayor say?" by the person the articles title mayor
        # (speakers.as_office_holder)
        self.holder_rule = True
        # "Where does Jensen work?" by the body the sentence places them at (affiliation.py)
        self.employer_rule = True
        # the clause of "X ...; Y ..." whose subject the question names (clauses.py)
        self.subject_rule = True
        # "Who was the judge?" by the one person the articles title so
        # (leaders.asked_holder, speakers.office_holder_name)
        self.titled_rule = True
        # "What was the score?" by the score the sentence gives (scores.py)
        self.score_rule = True
        # a value "a year earlier" from the phrase comparing with it (earlier.py)
        self.earlier_rule = True
        # a change's "by" figure for how much it changed, its "to" figure for the level
        # (levels.py)
        self.level_rule = True
        # a when-question not by a wire story's dateline date (datelines.py)
        self.dateline_rule = True
        # "What is the lander called?" by the name news gives beside the noun (naming.py)
        self.naming_rule = True
        # a why-question of "<cause>, forcing <effect>" by the cause (effects.py)
        self.effect_rule = True
        # a place with the distance and direction before it ("18 km south of Kastrel"), and
        # where something was headed, the "to" of "from X to Y"
        self.bearing_rule = True
        # a span that opens a bracket closes it ("Investigations (BEASC)")
        self.bracket_rule = True
        # a date question's date that opens a stretch or has its hour beside it is answered
        # whole: "from 2014 to 2018" (had been "2014"), "Saturday at 2 p.m." (had been
        # "Saturday"); not when the question asks when something began or ended
        self.range_rule = True
        # "Who bought the painting?" by "The buyer was ..." (agents.py)
        self.doer_rule = True
        # a question asking which body is answered by no person (span_candidates)
        self.body_rule = True
        # a percentage question answered by a percentage where the sentence has one, and a
        # temperature by degrees
        self.percent_rule = True
        # "Arthur and Samuel Marwick" is two people of one surname, not "Arthur"
        self.pair_rule = True
        # "Who won X?" of "He won X": the person the sentence before names
        self.pronoun_rule = True
        # "What are the demands?" is not answered with a bare count
        self.things_rule = True
        # "Who got the award?" of "the award went to X": X
        self.award_rule = True
        # "Which plants are closing?" by the whole list of names holding the span
        self.list_rule = True
        # a date asked of a headline by its lead, which gives it
        self.headline_rule = True
        # "Who survived her?" by the obituary's list (survivors.py)
        self.survivor_rule = True
        # "How old was the inventory clerk?" of a list set out with semicolons: its item
        self.listed_rule = True
        # "19 were charged with X and four with Y": the number of the clause the question
        # names, where the second clause leaves out the first one's verb
        self.gap_rule = True

    def office(self, index: CorpusIndex, question: str) -> Office | None:
        """The office whose holder the question asks for (None with the rule off)."""
        return asked_office(question, known_places(index)) if self.office_rule else None

    @property
    def reader(self) -> Reader | None:
        """The shared reader, loaded on first use; None without (matching) weights."""
        if not self._reader_loaded:
            self._reader = get_reader()
            self._reader_loaded = True
        return self._reader

    @reader.setter
    def reader(self, value: Reader | None) -> None:
        self._reader, self._reader_loaded = value, True

    # ---- features ---------------------------------------------------------------------------
    def candidates(self, index: CorpusIndex, scored: list[Scored]) -> list[Candidate]:
        out: dict[int, Candidate] = {}
        for rank, sc in enumerate(scored[: self.candidate_chunks]):
            for s in index.chunks[sc.chunk_id].sentences:
                row = index.sentence_rows[(s.doc_id, s.start)]
                if row not in out:
                    out[row] = Candidate(row, s, sc, rank)
        return list(out.values())

    def sentence_features(self, index: CorpusIndex, stats: TermStats, question: str,
                          qtype: str, qvec: np.ndarray, cands: list[Candidate],
                          office: Office | bool | None = True) -> np.ndarray:
        """``office``: what ``asked_office`` gave for the question (``True``: work it out)."""
        if not cands:
            return np.zeros((0, len(SENTENCE_FEATURES)))
        q_terms = set(terms(question))
        q_idf = {t: stats.idf(t) for t in q_terms}
        q_mass = sum(q_idf.values()) or 1.0
        q_list = terms(question)
        q_bigrams = set(itertools.pairwise(q_list))
        # one batched lookup for the candidates and their neighbours (-1: none)
        n_sent = len(index.sentences)

        def neighbour(row: int, step: int) -> int:
            nb = row + step
            ok = 0 <= nb < n_sent and index.sentences[nb].doc_id == index.sentences[row].doc_id
            return nb if ok else -1

        nbs = [(neighbour(c.row, -1), neighbour(c.row, 1)) for c in cands]
        rows_all = sorted({c.row for c in cands} | {r for p in nbs for r in p if r >= 0})
        sims = dict(zip(rows_all, index.sentence_vectors(rows_all) @ qvec[0], strict=True))
        cos = np.array([sims[c.row] for c in cands])
        expected = expected_labels(qtype)
        # "the president of Serbia": Kosovo's president is no candidate
        if office is True:
            office = self.office(index, question)
        # document-level evidence: how strongly, and how often, retrieval chose this article
        doc_best: dict[str, float] = {}
        doc_hits: Counter[str] = Counter()
        for c in cands:
            doc_best[c.sentence.doc_id] = max(doc_best.get(c.sentence.doc_id, -1e9),
                                              c.chunk.score)
        seen_chunks = {(c.sentence.doc_id, c.chunk.chunk_id) for c in cands}
        doc_hits.update(d for d, _ in seen_chunks)
        doc_order = {d: i for i, d in enumerate(sorted(doc_best, key=lambda d: -doc_best[d]))}
        n_chunks = max(1, len(seen_chunks))
        rows = []
        for c, cs in zip(cands, cos, strict=True):
            s_list = terms(c.sentence.text)
            s_terms = set(s_list)
            shared = q_terms & s_terms
            ctx_terms = set(s_terms)
            nb_overlap = []
            for nb in (c.row - 1, c.row + 1):
                nb_terms: set[str] = set()
                if 0 <= nb < len(index.sentences) and index.sentences[nb].doc_id == \
                        c.sentence.doc_id:
                    nb_terms = set(terms(index.sentences[nb].text))
                    ctx_terms.update(nb_terms)
                nb_overlap.append(sum(q_idf[t] for t in q_terms & nb_terms) / q_mass)
            c.type_cands = [e for e in candidates(c.sentence)
                            if e.label in expected and not _in_question(e.text, q_terms)
                            and not conflicts(office, c.sentence, e)]
            tf = Counter(s_list)
            sent_bm25 = sum(q_idf[t] * tf[t] * 2.2 / (tf[t] + 1.2 * (0.25 + 0.75 * len(s_list)
                                                                       / 20.0))
                            for t in shared) / q_mass
            near = 0.0
            toks = _word_positions(c.sentence)
            match = [i for i, (_, t) in enumerate(toks) if t in q_terms]
            compact = len(set(toks[i][1] for i in match)) / (max(match) - min(match) + 1) \
                if match else 0.0
            nb_cos = [float(sims[nb]) if nb >= 0 else 0.0 for nb in nbs[len(rows)]]
            if c.type_cands and match:
                d = min(abs(_word_index(toks, e.start) - m) for e in c.type_cands
                        for m in match)
                near = 1.0 / (1 + d)
            s_bigrams = set(itertools.pairwise(s_list))
            n_words = len(c.sentence.text.split())
            rows.append([
                float(cs), 0.0,
                sum(q_idf[t] for t in shared) / q_mass, 0.0,
                len(shared) / max(1, len(q_terms)),
                len(q_bigrams & s_bigrams) / max(1, len(q_bigrams)),
                sum(q_idf[t] for t in q_terms & ctx_terms) / q_mass,
                c.chunk.score, 1.0 / (1 + c.rank), c.chunk.bm25_norm,
                float(bool(c.type_cands)), float(bool(expected)),
                math.log1p(n_words),
                float(not c.sentence.text.rstrip().endswith((".", "!", "?", '"', "”", "'", ")"))),
                0.0, 0.0, sent_bm25, c.chunk.dense, near, nb_overlap[0], nb_overlap[1],
                1.0 / (1 + doc_order[c.sentence.doc_id]), doc_best[c.sentence.doc_id],
                doc_hits[c.sentence.doc_id] / n_chunks, nb_cos[0], nb_cos[1], compact,
            ])
        x = np.array(rows, dtype=float)
        x[:, 1] = x[:, 0] - x[:, 0].max()
        x[:, 3] = x[:, 2] - x[:, 2].max()
        x[:, 14] = 1.0 / (1 + (-x[:, 0]).argsort().argsort())
        x[:, 15] = 1.0 / (1 + (-x[:, 2]).argsort(kind="stable").argsort())
        return x

    def span_features(self, sentence: Sentence, spans: list[Entity], question: str,
                      qtype: str, reading: Reading | None = None) -> np.ndarray:
        if not spans:
            return np.zeros((0, len(SPAN_FEATURES)))
        q_terms = set(terms(question))
        expected = expected_labels(qtype)
        prior = self.label_prior.get(model_type(qtype), {})
        # positions (in words) of question terms inside the sentence
        toks = [(m_start, t) for m_start, t in _word_positions(sentence)]
        match_pos = [i for i, (_, t) in enumerate(toks) if t in q_terms]
        n_sent = max(1, len(toks))
        rows = []
        for e in spans:
            first = _word_index(toks, e.start)
            last = _word_index(toks, e.end - 1)
            dist = min((min(abs(first - m), abs(last - m)) for m in match_pos), default=n_sent)
            e_terms = set(terms(e.text))
            e_words = e.text.split()
            window = {toks[i][1] for i in range(max(0, first - 4), min(len(toks), last + 5))}
            near_terms = len(window & q_terms) / max(1, len(q_terms))
            # "X, which holds the presidency": words between the span and the question's words
            gap_next = min((m - last for m in match_pos if m > last), default=n_sent)
            gap_prev = min((first - m for m in match_pos if m < first), default=n_sent)
            rows.append([
                prior.get(e.label, prior.get("_other", -3.0)),
                float(e.label in expected),
                len(e_terms & q_terms) / max(1, len(e_terms)),
                math.log1p(dist),
                math.log1p(len(e_words)),
                float(e.label == "QUOTE"),
                float(e.label == "NUMBER"),
                float(bool(match_pos) and first > min(match_pos)),
                (last - first + 1) / n_sent,
                float(bool(expected)),
                float(e.label == SEGMENT),
                float(dist <= 1),
                float(any(ch.isdigit() for ch in e.text)),
                sum(w[:1].isupper() for w in e_words) / max(1, len(e_words)),
                float(first == 0),
                near_terms,
                math.log1p(gap_next),
                math.log1p(gap_prev),
                *self._reader_span_columns(e, reading),
            ])
        return np.array(rows, dtype=float)

    def _reader_span_columns(self, e: Entity, reading: Reading | None) -> list[float]:
        if reading is None or not reading.offsets:
            return list(self.span_model.mean[-3:])  # neutral: the training mean
        best = reading.best_score
        score = reading.span_score(e.start, e.end)
        return [score, score - best, float(e.label == READER)]

    def confidence_features(self, ranked: list[Candidate], scored: list[Scored],
                            question: str, qtype: str, stats: TermStats, index: CorpusIndex,
                            span_prob: float, has_span: bool,
                            best: Candidate | None = None) -> np.ndarray:
        """``best``: the answer when a rule passed over ``ranked[0]``; its margin is then to
        the sentence the model preferred (negative: the model's favourite could not answer)."""
        if best is None or best is ranked[0]:
            best = ranked[0]
            second = ranked[1].logit if len(ranked) > 1 else best.logit - 5.0
        else:
            second = ranked[0].logit
        q_terms = set(terms(question))
        q_mass = sum(stats.idf(t) for t in q_terms) or 1.0
        top_terms = set(terms(index.chunks[scored[0].chunk_id].text))
        f = dict(zip(SENTENCE_FEATURES, best.features, strict=True))
        if best.reading is not None and best.reading.offsets:
            reader_cols = [best.reading.rel, best.reading.best_score]
        else:
            reader_cols = list(self.conf_model.mean[-2:])
        # corpus-size-free signals (raw BM25 shrinks with a small corpus; these do not):
        # question words the corpus never uses, and the rarest one the answer's context lacks
        ctx = set(terms(best.sentence.text))
        for nb in (best.row - 1, best.row + 1):
            if 0 <= nb < len(index.sentences) and \
                    index.sentences[nb].doc_id == best.sentence.doc_id:
                ctx.update(terms(index.sentences[nb].text))
        max_idf = math.log(1 + (stats.n + 0.5) / 0.5)
        unseen = stats.unseen_share(q_terms)
        unseen_names = stats.unseen_share(name_terms(question))
        missing = max((stats.idf(t) / max_idf for t in q_terms - ctx), default=0.0)
        return np.array([
            best.logit, best.logit - second, max(c.features[0] for c in ranked),
            f["overlap"], f["ctx_overlap"], scored[0].score, unseen, missing,
            f["type_match"], f["typed"],
            sum(stats.idf(t) for t in q_terms & top_terms) / q_mass,
            span_prob, float(has_span),
            float(qtype in CLOSED_TYPES and not best.type_cands),
            unseen_names,
            *reader_cols,
        ], dtype=float)

    # ---- selection ----------------------------------------------------------------------------
    def select(self, index: CorpusIndex, stats: TermStats, question: str, qtype: str,
               qvec: np.ndarray, scored: list[Scored], known: str | None = None,
               exclude: Sequence[str] = (), again: str = "", again_if: str = "") -> Selection:
        """``known``: text the user already has (the question, or for a follow-up the whole
        searched context): spans made only of its words are never the answer. ``exclude``:
        answers already given that the question asks past ("What else did he say?"): a
        sentence that gives one of them again is no candidate, nor a span of their words.
        ``again``: the previous answer, for a question word alone that asks the previous
        question again ("Where?"): no span holding all of its words answers; with
        ``again_if``, the name a follow-up put another in place of ("And Albertsons?"), only in
        a sentence naming that one too, whose answer the previous one was."""
        if exclude:
            known = " ".join([known or "", *exclude])
        cands = self.candidates(index, scored)
        if not cands:
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        if qtype == "identity" and not self.identity_rule:
            qtype = classify(question, identity=False)
        office = self.office(index, question)
        if office is None and self.office_rule and unnamed_place(
                question, lambda text: bool(terms(text)) and stats.unseen_share(terms(text)) == 1):
            # "Who is Canada's UN ambassador?" of articles that never name Canada: the fitted
            # models saw "ambassador" and "UN" and had answered Russia's, at 0.58
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        speaker = asked_speaker(question) if self.speaker_rule else None
        if speaker is not None:
            # the rest of a quotation that a retrieved sentence opens is theirs too, though
            # its chunk may not have been retrieved ("What else did he say?" had abstained
            # on the third sentence of Scheffer's quotation)
            cands = cands + quote_continuations(index, cands)
            # the titles the candidates' own articles give the speaker: a scan of those
            # articles' sentences, not of the whole corpus on every question
            theirs = articles_sentences(index, cands)
            if self.holder_rule:
                speaker = as_office_holder(speaker, theirs)
            speaker = with_titles(speaker, theirs)
        x = self.sentence_features(index, stats, question, qtype, qvec, cands, office)
        self.score_sentences(cands, x)
        if self.rerank_model is not None:
            self.rerank(cands, self.read(index, question, cands))
        ranked_all = rank_candidates(cands, qtype)
        # what an "else" question asks past: for a name, date or number question the names
        # given (a sentence whose every typed candidate shares a word with one cannot answer);
        # otherwise the passages given
        given = set(terms(" ".join(exclude))) if qtype in NAME_TYPES | CLOSED_TYPES else set()
        kinds = given_kinds(cands, exclude) if given else set()
        ranked = [c for c in ranked_all if not other_office(office, c)
                  and not other_speaker(speaker, index, c)
                  and not (given and not _others(c.type_cands, given, kinds))
                  and not (exclude and not given and gives_again(c.sentence.text, exclude))]
        if not ranked:  # no candidate names a person who may hold the office asked about,
            # or may give the words of the speaker asked about
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        best = ranked[0]
        said_about = None
        if speaker is not None and speaker.topic:
            # "What did Scheffer say about violence?" asks for their words that are about
            # it: the best sentence of theirs that holds every word of it, when one does.
            # The models had preferred the sentence naming him, whose quotation goes on to
            # "violence" only two sentences later, and abstain on such questions (0.11 for
            # "What did Lavrov say about the precedent?")
            said_about = next((c for c in ranked if covers(speaker.topic, c.sentence.text)
                               and speakers_words(speaker, index, c.row, said=True)), None)
            used = [t for t in set(terms(speaker.topic)) if stats.df.get(t, 0) > 0] \
                if said_about is None and self.topic_word_rule else []
            if used:
                # none holds every word of it ("his party's requests for a compromise" of
                # '"We asked for a compromise three times ...," he said.', abstained at
                # 0.14): the best of theirs holding its rarest word that the articles use
                key = max(sorted(used), key=stats.idf)
                said_about = next((c for c in ranked if key in terms(c.sentence.text)
                                   and speakers_words(speaker, index, c.row, said=True)), None)
            best = said_about or best
        elif speaker is not None and speaker.bare and speaker.words:
            # "What did Nelson write?" asks for words of theirs: the best sentence that
            # reports some (a verb of saying or a quotation) over one that only names them
            # ("Nelson was not persuaded." had been chosen, and abstained at 0.12); not "What
            # does Russia want?", which a sentence of no words may answer as well
            best = next((c for c in ranked if speakers_words(speaker, index, c.row, said=True)),
                        best)
        judged: dict[int, Candidate] = {}  # the sentence whose confidence an answer takes
        if self.headline_rule and qtype == "date" and \
                best.row == title_row(index, best.sentence.doc_id):
            # a headline tells what happened, its lead when ("Nimbly unveils $1,299 foldable
            # phone as quarterly profit beats forecasts" had answered "When did Nimbly unveil
            # the phone?" with "$1,299"; the lead: "Nimbly Inc on Tuesday unveiled its first
            # foldable smartphone"): the lead, when it is a candidate giving a date (the
            # confidence stays the headline's)
            lead = lead_row(index, best.sentence.doc_id)
            headline, best = best, next((c for c in ranked if c.row == lead and c.type_cands),
                                        best)
            judged = {best.row: headline}
        topic = self.topic_rule and is_topic(question)
        if topic:
            # a search ("NATO") is answered by the best sentence holding what was searched
            # for, when one does: the models, fitted on questions, had answered "NATO" with
            # "And we will act resolutely against anyone ...", which does not name it
            best = next((c for c in ranked if covers(question, c.sentence.text)), best)
        described = self.described(ranked, question) if qtype == "identity" else None
        if described is not None:
            best = described
        stated = self.stated(ranked, question, index)
        if stated is not None:
            best = stated[0]
        if again_if:
            # a name put in place of another ("And Trump?" after "When [did] Jerry Brown
            # declare a state of emergency?") is answered by a sentence naming it, where one
            # does: Brown's sentence had answered "Shasta County", asked past "Saturday"
            new = {w for run in name_runs(question) for w in run} - set(
                _name_words(again_if.lower()))

            def names_new(c: Candidate) -> bool:
                return bool(new & set(_name_words(c.sentence.text.lower())))

            if new and not names_new(best):
                best = next((c for c in ranked if names_new(c)), best)
        if again_if and not re.search(rf"(?<!\w){re.escape(again_if)}(?!\w)", best.sentence.text):
            again = ""
        span, span_prob = self.choose_span(best.sentence, question, qtype, known,
                                           best.reading, office, given, kinds, again)
        aged = asked_age(question) if self.age_rule and stated is None else None
        if aged and (span is None or not is_age_of(
                best.sentence.text, span.start - best.sentence.start,
                span.end - best.sentence.start, aged)):
            # "How old is Health Minister Esther Chikondi?" of an article that gives no age
            # had been answered "11,347" (0.92): no convention states the age, and what the
            # span model found is no age of theirs, so the articles do not say
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        # "How much will the pontoon cost?" answered "several months" (0.94): what the
        # question asks for is plain to see, and this span is not it. The sentence is the
        # answer when it holds such a thing (the span model missed it: "total yards" of a
        # sentence giving 194); an amount the sentence lacks, the articles don't say
        misfit = self.kind_rule and stated is None and not gives_kind(
            question, qtype, span.text if span is not None else best.sentence.text)
        if misfit and not gives_kind(question, qtype, best.sentence.text):
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        if self.kind_rule and stated is None and asks_persons_name(question) and not any(
                e.label == "PERSON" and not _in_question(e.text, set(terms(question)))
                for e in best.sentence.entities):
            # "What was the name of the bus driver?" of "Seven of the dead were on the bus,
            # including its driver" (0.35): no name of a person, so the articles don't say
            return Selection(None, [], None, 0.0, 0.0, np.zeros(len(CONF_FEATURES)))
        conf_x = self.confidence_features(ranked_all, scored, question, qtype, stats, index,
                                          span_prob, span is not None,
                                          judged.get(best.row, best))
        confidence = self.confidence(conf_x, read_once(ranked_all))
        quoted = quote_after(index, speaker, best, set(terms(speaker.topic or ""))) if (
            self.quoted_rule and speaker is not None and asks_said(question)
            and qtype == "quote" and stated is None
            and not exclude and not topic) else None
        if quoted is not None:
            # "What did she say?" asks for her words, and news quotes them right after the
            # sentence that reports them: 'Maria Castillo, 64, said her chemotherapy
            # appointment ... was canceled with less than an hour's notice. "Nobody could tell
            # me when I can come back. I have been waiting by the phone for two days," she
            # said.' The report had been the answer; her words are, the whole quotation (only
            # for "say" and "tell": "What did Lavrov warn?" asks what he warned of, and the
            # report's clause states it; the confidence stays the report's, which the models
            # judged)
            # (a candidate, with the chunk it was retrieved in, unless its chunk was not
            # among those read: then the report's, as for quote_continuations)
            best = next((c for c in cands if c.row == quoted), None) or Candidate(
                quoted, index.sentences[quoted], best.chunk, best.rank)
            span = next((e for e in candidates(best.sentence) if e.label == "QUOTE"), None)
            if span is not None:
                best, span = whole_quotation(index, best, span)
        if self.polar_rule and is_polar(question):
            # yes/no: no span of the sentence is "yes" or "no", so the sentence is the answer
            # (after the confidence, which was fitted with the span model's verdict)
            span = None
        if misfit:
            span = None  # (after the confidence, as for yes/no)
        if self.things_rule and span is not None and qtype == "other" and \
                asks_things(question) and _BARE_COUNT.fullmatch(span.text):
            # "What are the coalition's demands?" asks for the things, not how many: "three"
            # (of "The coalition has three demands: ...") is no answer, the sentence is
            span = None
        if topic:
            span = None  # a search ("Kosovo independence"): the sentence, not a phrase of it
        bare = speaker is not None and speaker.bare
        if said_about is not None and (span is None or span.label != "QUOTE"):
            # their words about it: the quotation that holds it, else the sentence, not a
            # phrase of it ("we will act resolutely" for "What did Scheffer say about
            # violence?")
            span = next((e for e in candidates(best.sentence) if e.label == "QUOTE"
                         and covers(speaker.topic, e.text)), None)  # type: ignore[union-attr]
        if bare and (span is None or span.label != "QUOTE"):
            # "What did Sejdiu say?" asks for his words: a quotation of them, else the
            # sentence that reports them, not a phrase of it ("president of ...")
            # (not the previous answer again: "Why?" after "What did Rice say?")
            span = next((e for e in candidates(best.sentence) if e.label == "QUOTE"
                         and quote_is_theirs(speaker, best.sentence, e.start, e.end)
                         and not repeats(again, e.text)),
                        None)  # type: ignore[arg-type]
            clause = None if span is not None else reported_clause(
                speaker, best.sentence)  # type: ignore[arg-type]
            if clause is not None:
                # ... or the words it reports unquoted: "He warned that the outbreak would
                # likely last for months." -> "the outbreak would likely last for months"
                a, b = clause
                s = best.sentence
                span = Entity(a, b, SEGMENT, s.text[a - s.start:b - s.start])
        if (bare or qtype == "quote") and said_about is None and not exclude \
                and span is not None and span.label == "QUOTE":
            # a quotation over several sentences, its speaker named after the last ('"She was
            # the most stubborn writer ... . She would argue ... the next day," Amundsen
            # said.'): all of it, not only its last sentence (not for words about something,
            # nor past words given: their own sentence)
            best, span = whole_quotation(index, best, span)
        by_rule = "speaker" if said_about is not None or (bare and speakers_words(
            speaker, index, best.row, said=True)) else ""  # type: ignore[arg-type]
        if described is not None and span is not None and span.label == DESCRIPTION:
            by_rule = "identity"
        if stated is not None:
            s, (a, b), by_rule = best.sentence, stated[1], stated[2]
            span = Entity(s.start + a, s.start + b, SEGMENT, s.text[a:b])
        deed = asked_doer(question) if self.doer_rule and stated is None and not by_rule \
            and confidence < self.abstain_threshold else None
        named = self.named_doer(ranked, deed, index) if deed is not None else None
        if named is not None:
            # "Who bought the painting?" of "The buyer was the Lisbon-based Fundação Moreira"
            # (agents.py): only where the models would abstain (0.07), since over SQuAD,
            # taken first whatever the models chose, the sentence naming the designer of
            # another part of a building had lost 6 right answers of 123
            best, (a, b) = named
            s = best.sentence
            span, by_rule = Entity(s.start + a, s.start + b, SEGMENT, s.text[a:b]), "doer"
        if span is not None and span.label == SCORE and first_score(index, best.row):
            # a match's result, the first score its report gives, is the answer whatever the
            # confidence fitted on other questions ("What was the final score?" shares one
            # word with a report, and had abstained at 0.10 over its first sentence's "2-1");
            # a later score ("a 5-0 lead" in a tiebreak) stays with the confidence
            by_rule = "score"
        told = self.pronoun_doer(index, best, question, qtype) \
            if self.pronoun_rule and stated is None and not by_rule else None
        if told is not None:
            # "Who won best new artist?" of "He won best new artist ...": the person the
            # sentence before names, with both sentences as the answer's (it had been "new
            # artist", 0.97, or abstained)
            best, span = told
        if topic and covers(question, best.sentence.text):
            # a search is answered by a sentence holding every word searched for, whatever
            # the confidence fitted on questions ("Churkin" had abstained at 0.08 with his
            # name in the sentence); one without them stays with the confidence ("Kosovo
            # population")
            by_rule = "topic"
        return Selection(best, ranked, span, span_prob, confidence, conf_x, by_rule)

    def stated(self, ranked: list[Candidate], question: str, index: CorpusIndex
               ) -> tuple[Candidate, tuple[int, int], str] | None:
        """The best sentence that states what the question asks in a convention of news,
        the offsets (in the sentence) of what it states, and the rule's name; None when the
        question asks no such thing or no sentence states it. Such a sentence answers by
        rule, whatever the confidence: the models saw few such questions in SQuAD. Each
        rule's conventions are tried in order, the plainest first, over all the candidates;
        a rule none of whose conventions holds leaves the question to the next one.

        - "expansion": "What does DART stand for?" by "The Double Asteroid Redirection Test,
          or DART, struck ..." (abstained at 0.01 before the rule); else by a name whose
          initials spell it ("What does WHO stand for?": "The World Health Organization");
        - "age": "How old is Hastings?" by "Hastings, 62, founded ..." (0.23); else by "The
          37-year-old ran ..." right after a sentence about them;
        - "leader": "Who runs Halvern?" by "Margaret Osei, Halvern's chief executive" (0.22);
        - "office": "Who is the mayor of New Orleans?" by "Mayor Anthony Reyes imposed a
          curfew" in a paragraph that opened "In New Orleans, ..." (0.00): news titles a local
          official by the bare office where the place was just named."""

        def after_one_about(text: str, what: str, row: int) -> tuple[int, int] | None:
            prev = previous_sentence(index, row)
            return age_after(text, prev.text, what) if prev is not None else None

        def holder(_text: str, office: Office, row: int) -> tuple[int, int] | None:
            s = index.sentences[row]
            e = office_holder(office, s, paragraph_before(index, row))
            return (e.start - s.start, e.end - s.start) if e is not None else None

        def titled(question: str) -> tuple[str, str] | None:
            # the title asked and its one holder in the candidates' articles
            title = asked_holder(question)
            if title is None:
                return None
            full = office_holder_name(title, articles_sentences(index, ranked))
            return (title, full) if full is not None else None

        def titling(_text: str, asked: tuple[str, str], row: int) -> tuple[int, int] | None:
            # the sentence that titles them so, the span their name
            s, (title, full) = index.sentences[row], asked
            e = next((e for e in s.entities if e.label == "PERSON"
                      and e.text.split()[-1] == full.split()[-1] and titles_as(s, e, title)), None)
            return (e.start - s.start, e.end - s.start) if e is not None else None

        def after_its_body(text: str, body: str, row: int, head: str | None = None
                           ) -> tuple[int, int] | None:
            # "Its leader, Geert Wilders, said ..." after a sentence about the party
            prev = previous_sentence(index, row)
            return its_leader(text, prev.text, body, head) if prev is not None else None

        def in_its_article(text: str, body: str, row: int, head: str | None = None
                           ) -> tuple[int, int] | None:
            # "the company's chief executive", "Chief Executive Margaret Okafor", "RRB
            # leader Josip Vukovic", "Madrid coach Xabi Alonso" (of Real Madrid): by what
            # the article calls the body it is about. Not for a place: an article about
            # Serbia may quote "President George W. Bush" (the office rule's question)
            if any(same_place(body, p) for p in known_places(index)):
                return None
            about = article_about(index, row, body)
            found = stated_leader(text, body, head, about=about,
                                  short=short_form(index, row, body))
            for word in body.split() if about and found is None else ():
                if len(word) >= 4 and word[:1].isupper():
                    found = found or stated_leader(text, word, head)
            return found

        for rule, on, asked, conventions in (
                ("expansion", self.expansion_rule, asked_expansion,
                 (lambda t, w, _r: expansion(t, w), lambda t, w, _r: spelled_name(t, w))),
                ("age", self.age_rule, asked_age,
                 (lambda t, w, _r: stated_age(t, w), after_one_about)),
                ("leader", self.leader_rule, asked_leader,
                 (lambda t, w, _r: stated_leader(t, w), in_its_article, after_its_body)),
                ("office", self.office_rule,
                 lambda q: self.office(index, q) if plain_office(q) else None,
                 (holder,)),
                ("titled", self.titled_rule, titled, (titling,)),
                ("employer", self.employer_rule, asked_worker,
                 (lambda _t, who, r: employer(index.sentences[r], who),)),
                ("survivors", self.survivor_rule, asks_survivors,
                 (lambda t, _w, _r: survivors(t),)),
                # "What was the final score?" by the report's first score, its result,
                # where the model preferred a sentence without any ("The breakthrough
                # finally came in the 79th minute" had been chosen, and abstained; a
                # sentence with a score of its own, "a 5-0 lead" in a tiebreak, stands)
                ("score", self.score_rule,
                 lambda q: asks_score(q) and not score_spans(ranked[0].sentence),
                 (lambda t, _w, r: first_score_at(index, r),)),
                ("naming", self.naming_rule, asked_thing,
                 tuple((lambda t, noun, _r, k=k: thing_name(t, noun, k))
                       for k in range(NAMING_CONVENTIONS))),
                # "Who is the chief executive of Calderon?" (no place: the office rule's)
                ("leader", self.leader_rule, asked_titled,
                 (lambda t, w, _r: stated_leader(t, w[0], w[1]),
                  lambda t, w, r: in_its_article(t, w[0], r, w[1]),
                  lambda t, w, r: after_its_body(t, w[0], r, w[1])))):
            what = asked(question) if on else None
            if not what:
                continue
            for states in conventions:
                found = next(((c, at, rule) for c in ranked
                              for at in [states(c.sentence.text, what, c.row)] if at), None)
                if found is not None:
                    return found
            # (the next rule's: an office question no title answers may still be a body's
            # head's, "Who is Madrid's coach?" of "Madrid coach Xabi Alonso", a lowercase
            # title the office rule does not read)
        return None

    def pronoun_doer(self, index: CorpusIndex, best: Candidate, question: str, qtype: str
                     ) -> tuple[Candidate, Entity] | None:
        """For "Who <verb> ...?" answered by a sentence whose subject is "He" or "She" and
        that names no one else: the first person the sentence before names (not one the
        question names), as the span, with the candidate's sentence widened to run from that
        sentence; None otherwise."""
        if qtype != "person" or not _WHO_DOES.match(question) or \
                not _PRONOUN_SUBJECT.match(best.sentence.text):
            return None
        asked = set(terms(question))
        if any(e.label in ("PERSON", "ORG", "NORP") and not _in_question(e.text, asked)
               for e in best.sentence.entities):
            return None  # someone the sentence names may be the doer ("He was mentored by X")
        prev = previous_sentence(index, best.row)
        if prev is None:
            return None
        person = next((e for e in prev.entities if e.label == "PERSON"
                       and not _in_question(e.text, asked)), None)
        if person is None:
            return None
        s = best.sentence
        text = index.documents[s.doc_id].text
        merged = Sentence(s.doc_id, prev.start, s.end, text[prev.start:s.end],
                          [*prev.entities, *s.entities])
        return replace(best, sentence=merged), person

    def named_doer(self, ranked: list[Candidate], deed: Deed, index: CorpusIndex
                   ) -> tuple[Candidate, tuple[int, int]] | None:
        """The best candidate naming the doer of ``deed`` by its noun (``agents.py``'s
        conventions, the plainest first) where what was done was just written of
        (``about_it``), with the doer's offsets in it; None for none."""
        for k in range(DOER_CONVENTIONS):
            for c in ranked:
                at = doer(c.sentence.text, deed.nouns, k)
                if at is not None and about_it(index, c.row, deed.done):
                    return c, at
        return None

    def confidence(self, conf_x: np.ndarray, one_read: bool) -> float:
        """P(the chosen sentence holds the answer), by the model fitted for how many
        sentences the reader read."""
        model = self.conf_model_one if one_read and self.conf_model_one is not None \
            else self.conf_model
        return float(model.prob(conf_x))

    def described(self, ranked: list[Candidate], question: str) -> Candidate | None:
        """For a "Who is <name>?" question: the model's first sentence when it says what the
        whole name is (``constraints.describes_whole``). Such a sentence answers by rule,
        whatever the confidence: the fitted models never saw the form ("Who is Churkin?"
        abstained at 0.17 over "Russian Ambassador Churkin stressed ..."), and a sentence
        that titles the very name asked about is the answer the articles give. Looking
        through the first 3 for any description, on SQuAD's 33 such questions, gained one
        answer and lost one to a lower sentence's "Vision 2030 ..., an oversight" (F1 0.625
        -> 0.623); below the first, only a sentence read that titles the name or gives its
        kind right before it answers (the same 33 answers as without)."""
        name = identity_name(question)
        if not name or not ranked:
            return None
        if describes_whole(ranked[0].sentence, name):
            return ranked[0]
        # a sentence read that titles the name or says what kind of place it is, where the
        # first only mentions it: "What is Kosovo?" had been answered "United Nations
        # auspices" over "The Serbian province of Kosovo has been administered by the UN ..."
        return next((c for c in ranked[1:self.reader_k] if c.reading is not None
                     and describes_whole(c.sentence, name, titles_only=True)), None)

    def score_sentences(self, cands: list[Candidate], x: np.ndarray) -> None:
        """First stage: the sentence model's logit for every candidate."""
        logits = self.sentence_model.logit(x) if len(x) else []
        for c, row, lg in zip(cands, x, logits, strict=True):
            c.features, c.stage1, c.logit, c.reading = row, float(lg), float(lg), None

    @contextmanager
    def reading_all(self) -> Iterator[None]:
        """Read ``reader_k`` sentences for every question inside the block (fitting: the
        rerank model weighs all of them; readings do not depend on what else is read)."""
        margin, self.read_one_margin = self.read_one_margin, None
        try:
            yield
        finally:
            self.read_one_margin = margin

    def reader_top(self, cands: list[Candidate]) -> list[Candidate]:
        """The candidates the reader reads: the first stage's best ``reader_k``, or only its
        best when that leads the runner-up by ``read_one_margin`` (see READ_AT_ASK)."""
        top = sorted(cands, key=lambda c: (-c.stage1, c.rank, c.row))[: self.reader_k]
        if self.read_one_margin is not None and len(top) > 1 and \
                top[0].stage1 - top[1].stage1 >= self.read_one_margin:
            return top[:1]
        return top

    def read(self, index: CorpusIndex, question: str, cands: list[Candidate],
             reader: Reader | None = None) -> dict[int, Reading | None]:
        """The reader on :meth:`reader_top`, keyed by sentence row (None readings without a
        reader), each sentence with its :func:`sentence_context` for weights trained with one.
        ``reader``: another reader than the selector's (fitting with cross-fitted readers)."""
        top = self.reader_top(cands)
        reader = reader or self.reader
        if reader is None:
            return {c.row: None for c in top}
        contexts = [sentence_context(index, c.row) for c in top] if reader.context else None
        reads = reader.read(question, [c.sentence for c in top], contexts)
        return {c.row: r for c, r in zip(top, reads, strict=True)}

    def rerank(self, cands: list[Candidate], reads: dict[int, Reading | None]) -> None:
        """Second stage: rescore the read candidates with the reader's scores; the others
        keep their first-stage order, below all of them."""
        if self.rerank_model is None or not reads or not all(
                r is not None and r.offsets for r in reads.values()):
            # without the reader's scores the first stage's order stands (it was fitted for
            # that; the rerank model with the reader's columns at their means abstained on
            # 80 of 98 answerable gold questions, the first stage's logits on 37)
            return
        top = [c for c in self.reader_top(cands) if c.row in reads]
        for c in top:
            c.reading = reads[c.row]
        logits = self.rerank_model.logit(self.rerank_features(top))
        for c, lg in zip(top, logits, strict=True):
            c.logit = float(lg)
        floor = float(logits.min()) - 1.0
        low = min(c.stage1 for c in top)
        read = {c.row for c in top}
        for c in cands:
            if c.row not in read:
                c.logit = floor - (low - c.stage1)

    def rerank_features(self, top: list[Candidate]) -> np.ndarray:
        """RERANK_FEATURES of the read candidates (best first-stage first, each with its
        reading): the first stage's verdict, the reader's scores (absolute, relative to the
        best read and as a share of the question's reads) and the first stage's own features
        again, so the rerank can weigh them anew beside the reader (held-out sentence accuracy
        0.765 -> 0.781 over the six reader/stage-one columns alone)."""
        stage1 = np.array([c.stage1 for c in top])
        rows = [[s1, s1 - stage1.max(), 1.0 / (1 + rank), share]
                for rank, (s1, share) in enumerate(zip(stage1, _softmax(stage1), strict=True))]
        rel = np.array([c.reading.rel for c in top])  # type: ignore[union-attr]
        span = np.array([c.reading.best_score for c in top])  # type: ignore[union-attr]
        for row, r, share, sp in zip(rows, rel, _softmax(rel), span, strict=True):
            row += [r, r - rel.max(), sp, share, sp - span.max()]
        for row, c in zip(rows, top, strict=True):
            row += list(c.features)
        return np.array(rows, dtype=float)

    def span_candidates(self, sentence: Sentence, question: str, qtype: str = "other",
                        known: str | None = None, reading: Reading | None = None,
                        office: Office | None = None, given: set[str] | frozenset[str] = (
                            frozenset()), kinds: set[str] | frozenset[str] = frozenset()
                        ) -> list[Entity]:
        """Entities, numbers and quotes, plus phrase segments: runs of words between
        punctuation and question words (most answers to 'what' questions are such phrases).
        ``given``: words of names already given that the question asks past ("Who else?"):
        no candidate shares one, and with ``kinds`` (the NER labels of what was given) only
        another entity of such a kind is a candidate.

        Rule, not learned (SQuAD has too few such questions to learn it from): a question
        asking how someone described or what they said wants their quoted words, when the
        sentence has any."""
        asked = set(terms(question))
        q_terms = asked | set(terms(known or ""))
        ents = candidates(sentence)
        seen = {(e.start, e.end) for e in ents}
        # phrases break at the words of *this* question; words only the earlier turns used
        # ("negotiations") may be part of the answer ("negotiations to continue")
        ents += [e for e in segments(sentence, asked) if (e.start, e.end) not in seen]
        seen = {(e.start, e.end) for e in ents}
        if reading is not None:
            base = sentence.start
            for a, b, _ in reading.best_spans(2):
                a, b = _strip_span(sentence.text, a - base, b - base)
                if b > a and (base + a, base + b) not in seen:
                    ents.append(Entity(base + a, base + b, READER, sentence.text[a:b]))
        held = [e for e in ents if conflicts(office, sentence, e)]  # another office's holder
        # whatever the question asks, a phrase broken at the question's words inside a
        # person's name is no answer: "... Foreign Minister Sergei Lavrov warned ..." cut
        # at a question's "Lavrov" is "Russian Foreign Minister Sergei" (name questions drop
        # more: _not_the_named)
        people = [x for x in sentence.entities if x.label == "PERSON"]
        out = [e for e in ents if not _in_question(e.text, q_terms)
               and e.end - e.start < (sentence.end - sentence.start) * 0.9
               and not any(e.start < h.end and h.start < e.end for h in held)
               and not (e.label in (READER, SEGMENT) and any(cuts(e, p, asked) for p in people))]
        if given:
            out = _others(out, given, kinds)
        if qtype in NAME_TYPES and self.named_rule:
            out = _not_the_named(out, sentence, question, titles=qtype == "person",
                                 passing=qtype == "place")
        elif qtype == "other" and self.named_other_rule:
            # ... nor of a "what" question about them: "What did Rice make clear?" had been
            # answered "Condoleezza Rice", her name with a word the question did not give
            out = _not_the_named(out, sentence, question, titles=False)
        if qtype == "organization" and self.body_rule and any(e.label == "ORG" for e in out):
            # "Which party won the most seats?" asks for a body, not its leader: "The
            # centre-right Civic Union (CU) of former finance minister Miriam Kovalenko won"
            # had been answered "Miriam Kovalenko"
            named = [p for p in sentence.entities if p.label == "PERSON"]
            out = [e for e in out if e.label != "PERSON" and not any(
                e.start <= p.start and p.end <= e.end for p in named)] or out
        if qtype in ("person", "organization"):
            # who is no prepositional phrase: "Who mediated the talks?" had been answered
            # "between Kosovo and Serbia" (none of SQuAD dev's 1,495 person and organization
            # questions has only such answers)
            out = [e for e in out if not _PREPOSITION.match(e.text)]
        if qtype in NAME_TYPES or qtype in CLOSED_TYPES:
            out = _without_restatements(out, asked - set(terms(" ".join(wh_noun(question)))),
                                        expected_labels(qtype), asked)
        if self.clause_rule and not is_why(question):  # a reason may be the other clause
            clause = asked_clause(sentence, question)
            if clause is None and self.subject_rule:
                # "Prosecutors had asked for nine years; his lawyers had sought probation"
                # asked "What did prosecutors ask for?" (had been "probation"); not when the
                # clause holds nothing of the kind asked ("When did the Sarah Jane series
                # begin?" of "The Sarah Jane Adventures ... was developed by CBBC; a special
                # aired ... and a full series began on 24 September 2007")
                clause = subject_clause(sentence, question) or \
                    parallel_clause(sentence, question)
                labels = expected_labels(qtype)
                if clause is not None and labels and not any(
                        e.label in labels and clause[0] <= e.start and e.end <= clause[1]
                        for e in out):
                    clause = None
            if clause is not None:
                # "Kroger shares rose 3 percent, while Albertsons shares fell 2 percent": what
                # the question asks of Albertsons is in Albertsons' clause ("How much did
                # Albertsons shares fall?" had been answered "3 percent")
                out = _in_clause(out, sentence, *clause) or out
        measure = qtype == "other" and asks_measure(question)
        if self.aside_rule and (qtype in ("date", "number", "money", "percent") or measure):
            # a date or number in an aside about something else ("The museum, which is
            # housed in a mansion built in 1672, reopened to visitors on September 5") is not
            # what the question asks when another of its kind stands outside the aside; so
            # too a measure ("How fast was it going?" of "It was going at about 112 km/h
            # when it entered the curve, where the limit is 60 km/h, and derailed")
            asides = asides_without(sentence, asked)
            inside = [e for e in out if any(a <= e.start and e.end <= b for a, b in asides)]
            labels = FIGURES if measure else expected_labels(qtype)
            outside = [e for e in out if e not in inside and e.label in labels]
            if inside and outside:
                out = [e for e in out if e not in inside]
        if self.percent_rule and qtype == "number" and asks_temperature(question):
            # "How cold was it when the heater failed?" asks a temperature: "around minus 18
            # degrees Celsius", not the altitude "5,200 meters" beside it
            out = [e for e in out if _DEGREES.search(e.text)] or out
        if self.percent_rule and qtype == "percent":
            # a share asked is a percentage, where the sentence gives one: "The Civic Union won
            # 112 of the 301 seats ... with 34.6 percent of the vote" had answered "What was
            # its share of the vote?" with the reader's "112 of the 301 seats"
            out = [e for e in out if _PERCENT.search(e.text)] or out
        if self.listed_rule and not is_why(question) and qtype != "quote":
            listed = listed_item(sentence, question)
            if listed is not None:
                # "forklift operator Teodoro Villanueva, 44; inventory clerk Abigail Frost, 23;
                # ..." asked "How old was the inventory clerk?" (had been "44", the first)
                out = _in_clause(out, sentence, *listed) or out
                if qtype in ("duration", "number"):
                    # (an age asked of the item is its number, not its name)
                    out = [e for e in out if e.label in FIGURES | {"DATE"}
                           and _COUNT_WORD.search(e.text)] or out
        if self.item_rule and qtype in ("number", "money", "percent"):
            item = asked_item(sentence, question)
            if item is not None:
                # the list's item naming the question's name holds its number
                a, b = item
                out = [e for e in out if a <= e.start and e.end <= b] or out
        if self.point_rule and qtype == "date":
            # a point in time, not a stretch of it: "What time was the final supposed to
            # begin?" had been answered "40 minutes" (late), "Until when ... postponed?" "two
            # weeks" (by two weeks, to March 31)
            if _ASKS_CLOCK.search(question):
                out = [e for e in out if _CLOCK.search(e.text)] or out
            if _ASKS_POINT.search(question):
                out = [e for e in out if e.label not in ("CARDINAL", "QUANTITY")
                       and not _DURATION.match(e.text)] or out
        if self.title_rule and asks_title(question):
            # "Which film won the Golden Lion?" asks for a title, which news sets in quotation
            # marks ("The Salt Keepers"): it had been answered with the director's name (the
            # tagger's WORK_OF_ART, measured too, is too loose: "TV60", "View and The Chew")
            titles = [e for e in out if e.label == "QUOTE"
                      and _TITLE_LIKE.match(e.text.strip("\"“”'‘’ ,."))]
            out = titles or out
        if self.score_rule and asks_score(question):
            # "What was the score?" of "Riverton FC beat Harlow United 2-1 on Saturday" had
            # been answered "88th minute": the tagger ran "2-1" into the team's name
            out = [e for e in score_spans(sentence) if not _in_question(e.text, q_terms)] \
                or out
        if self.reason_rule and is_why(question):
            # a reason is a phrase of the sentence, not one of its names or numbers: "Why did
            # NATO pledge to keep its 16,000 peacekeepers ...?" once answered "16,000"
            out = [e for e in out if e.label in (SEGMENT, READER, "QUOTE")]
            cause = cause_before_effect(sentence.text, question) if self.effect_rule else None
            if cause is not None:
                # "Why are supplies being flown in by helicopter?" of "..., and a bridge
                # collapsed, forcing authorities to fly in supplies by helicopter" had been
                # answered "forcing authorities": the cause comes before (effects.py)
                a, b = sentence.start + cause[0], sentence.start + cause[1]
                out = [Entity(a, b, SEGMENT, sentence.text[cause[0]:cause[1]])]
        speaker = asked_speaker(question) if self.speaker_rule and qtype == "quote" else None
        if speaker is not None:
            # "What did Vitaly Churkin say?" is not answered with the words the sentence
            # gives the European Union and the United States after his
            out = [e for e in out if e.label != "QUOTE"
                   or quote_is_theirs(speaker, sentence, e.start, e.end)]
        if qtype == "quote" and any(e.label == "QUOTE" for e in out):
            out = [e for e in out if e.label == "QUOTE"]
        elif qtype == "quote":
            # what someone said is not a name: "What did Sejdiu say?" of a sentence that only
            # reports his views once answered "Vojislav Kostunica", the other man in it
            people = {x.text for x in sentence.entities if x.label == "PERSON"}
            out = [e for e in out if e.label != "PERSON" and e.text not in people]
        if _PLURAL.search(question):
            # "Who are the troika?": the whole list, "the European Union, United States, and
            # Russia", is a candidate too
            out += [e for e in entity_lists(sentence, out) if not _in_question(e.text, q_terms)]
        if self.award_rule and qtype == "person":
            won = _ASKS_WINNER.match(" ".join(question.split()))
            given = given_to(sentence, won.group("what")) if won else None
            if given is not None:
                # "Who got the lifetime achievement award?" of "Henrik Solberg won best jazz
                # album ..., and the lifetime achievement award went to ... Clarence 'Bud'
                # Whitaker": the one it went to, not the first clause's subject (had been
                # "Henrik Solberg", 0.94)
                out = [e for e in out if given <= e.start < given + 60] or out
        if self.pair_rule and qtype == "person":
            # two people of one surname, "brothers Arthur and Samuel Marwick": both (the
            # tagger makes "Arthur" one person and "Samuel Marwick" another; "Who founded
            # Marwick?" had been answered "Arthur")
            out = [shared_surname(sentence, e) for e in out]
        if qtype in NAME_TYPES and _SINGULAR.search(question):
            # "Who is the Serbian prime minister?" asks for one name, not "X and Y"
            out = [e for e in out if not _JOINED_NAMES.search(e.text)] or out
        return out

    def choose_span(self, sentence: Sentence, question: str, qtype: str,
                    known: str | None = None, reading: Reading | None = None,
                    office: Office | None = None, given: set[str] | frozenset[str] = (
                        frozenset()), kinds: set[str] | frozenset[str] = frozenset(),
                    again: str = "") -> tuple[Entity | None, float]:
        name = identity_name(question) if qtype == "identity" else ""
        spans = self.span_candidates(sentence, question, qtype, known, reading, office, given,
                                     kinds)
        if again:
            # "Where?" after "What did he present?" ("views at Wednesday's closed-door
            # consultations") had been answered with that answer again
            spans = [e for e in spans if not repeats(again, e.text)]
        if self.gap_rule and qtype in ("number", "money", "percent", "date"):
            # "19 were charged with public order offences and four with assaulting an
            # emergency worker" asked "How many were charged with assaulting ...?" (had been
            # "19", the number beside the verb, at 1.00)
            spans = gapped_choice(sentence, spans, question, expected_labels(qtype))
        counted = counted_terms(question) if self.count_rule and qtype == "number" else set()
        done = done_terms(question) if self.count_rule and qtype == "number" else set()
        numbers = {"CARDINAL", "QUANTITY", "NUMBER"}
        if done and any(e.label in numbers and done_to(sentence, e, done, counted)
                        for e in spans):
            # "How many people were hurt?" counts those it was done to: "At least nine
            # people were killed and 23 injured" had been answered "At least nine", the
            # number of people (before the number of what is counted)
            spans = [e for e in spans
                     if e.label not in numbers or done_to(sentence, e, done, counted)]
        elif counted and any(e.label in numbers and counts(sentence, e, counted)
                             for e in spans):
            # "How many people stayed in shelters?" counts people: "About 4,200 people spent
            # Monday night in 31 shelters" had been answered "31", the number beside the
            # question's other words (after the answer given is set aside: "and Albertsons
            # about 2,270" counts the stores of "about 2,700 stores" before it)
            spans = [e for e in spans if e.label not in numbers or counts(sentence, e, counted)]
        if counted and len([e for e in spans if e.label in numbers]) > 1:
            # a figure set against the one given, "231 passengers ..., fewer than the 240
            # passengers first estimated", is the superseded one (had been "240")
            base = sentence.start
            spans = [e for e in spans if not (e.label in numbers and _SUPERSEDED.search(
                sentence.text[max(0, e.start - base - 30):e.start - base]))] or spans
        if counted and not _ASKS_TOTAL.search(question):
            # "about 1,200 of the city's 1,900 computers had been affected": what the
            # sentence says is of the 1,200, the part, not of the whole (had been "1,900"
            # for "How many computers were hit?"); as much when the verb counts ("four of its
            # six carriages derailed" had been "six" for "How many carriages derailed?")
            wholes = [w for w in spans if any(_part_of(sentence, f, w) for f in spans)]
            spans = [e for e in spans if not any(e.start <= w.start and w.end <= e.end
                                                 for w in wholes)] or spans
        if name:
            # a description is not another name, nor the name with it ("Dr. Ron Cook, the
            # health authority for Lubbock" for "Who is Ron Cook?")
            key = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
            # nor what the sentence says another person is ("Ted Sarandos ... will remain
            # co-CEO alongside Greg Peters, the chief operating officer": not Sarandos's)
            others = [e for e in sentence.entities if e.label == "PERSON"
                      and not key.search(e.text) and not _within(e.text, name)]
            told = [d for e in others if (d := description(sentence, e.text, definitions=False))]
            spans = [e for e in spans if e.label != "PERSON" and not key.search(e.text)
                     and not any(a <= e.start and e.end <= b for a, b in told)
                     and not any(e.start <= o.start and o.end <= e.end for o in others)]
        probs = self.span_model.prob(self.span_features(sentence, spans, question, qtype,
                                                        reading)) if spans else np.zeros(0)
        where = description(sentence, name) if name else None
        if where is not None:
            # by rule (SQuAD has no "Who is <name>?" questions to learn from): what the
            # sentence says the name is; the confidence model still sees the fitted spans'
            # probability, as it was fitted
            a, b = where
            text = sentence.text[a - sentence.start:b - sentence.start]
            return Entity(a, b, DESCRIPTION, text), float(probs.max()) if len(probs) else 0.0
        if not spans:
            return None, 0.0
        i = int(np.argmax(probs))
        # by the quote rule (span_candidates) the quoted words are what a quote question asks
        # for; the fitted threshold, from SQuAD's few such questions, would give the sentence
        by_rule = (qtype == "quote" and spans[i].label == "QUOTE") or spans[i].label == SCORE
        if probs[i] < self.span_threshold and not by_rule:
            return None, float(probs[i])
        span = spans[i]
        if self.earlier_rule and qtype in ("number", "money", "percent", "other") and \
                asks_earlier(question):
            # "What was net income a year earlier?" of "Net income climbed to $214 million
            # ... from $181 million ... a year earlier" had been answered "climbed to $214
            # million" (0.97): the value before is in the phrase that compares with it. The
            # probability stays the best span's: the rule picks among the sentence's figures,
            # it does not make the sentence any likelier to answer
            # (the sentence's figures, not only the candidates: the new value may have been
            # given already, "And a year earlier?" after "What was net income?")
            figures = [e for e in candidates(sentence)
                       if e.label in (expected_labels(qtype) or FIGURES)]
            figure = earlier_figure(sentence, figures, question)
            keep = at_figure(spans, figure, figures) if figure is not None else []
            if keep:
                span = spans[max(keep, key=lambda k: probs[k])]
        change = asks_change(question)
        if self.level_rule and qtype in ("number", "money", "percent", "other") and (
                change or asks_level(question)) and not asks_earlier(question):
            # "What is the new interest rate?" of "... cut its key interest rate by half a
            # percentage point to 3.75 percent" had been "half a percentage point" (and "How
            # much was it cut?" "3.75 percent"): "to" gives the level, "by" the change
            # (levels.py); the probability stays the best span's, as for the earlier rule
            figures = [e for e in candidates(sentence) if e.label in LEVEL_LABELS]
            figure = change_figure(sentence, figures, change, question)
            keep = at_figure(spans, figure, figures) if figure is not None else []
            if keep and spans.index(span) not in keep:
                span = spans[max(keep, key=lambda k: probs[k])]
        if self.dateline_rule and qtype == "date":
            cut = sentence.start + dateline_end(sentence.text)
            keep = [k for k, e in enumerate(spans) if e.start >= cut and e.label in DATES]
            if span.start < cut and keep:
                # the dateline's date is when the story was filed: "BRIGHTWATER, March 3
                # (AP) - Eleanor Vasquez-Hart ... died on Saturday" had answered "When did
                # she die?" with "March 3" (datelines.py); the probability stays the best
                # span's, as for the level rule
                span = spans[max(keep, key=lambda k: probs[k])]
        if qtype not in ("date", "duration"):
            span = without_leading_date(sentence, span)
        if self.bearing_rule and qtype == "place":
            span = with_venue(sentence, with_bearing(sentence, span), question)
            if _DESTINATION.search(question):
                span = to_place(sentence, span)
        if self.bracket_rule:
            span = bracketed(sentence, span)
        if self.range_rule and qtype == "date" and asks_whole_date(question):
            span = whole_date(sentence, span)
        if self.list_rule and asks_several(question):
            # "Which plants are closing?" asks for all of them: "Dayton, Ohio, and
            # Lethbridge, Alberta" (had been the reader's "Lethbridge, Alberta"), the list of
            # the tagger's names that holds the span
            span = whole_list(sentence, span)
        return with_unit(sentence, years_only(span, question), question), float(probs[i])


# a number's unit of measure, as news writes it after the number
_UNIT = re.compile(
    r"\s+(?:(?:percentage|basis)\s+points?|points?|percent|per\s+cent|"
    r"(?:kilomet(?:er|re)s|miles)\s+(?:per|an)\s+hour|km/h|mph|knots?|"
    r"(?:square\s+|cubic\s+)?(?:kilomet(?:er|re)s?|met(?:er|re)s?|centimet(?:er|re)s?|"
    r"millimet(?:er|re)s?|nanomet(?:er|re)s?|micromet(?:er|re)s?|miles?|feet|foot|inch(?:es)?|"
    r"yards?)|km|m|cm|mm|nm|μm|ft|"
    r"(?:kilo)?grams?|kg|tonnes?|tons?|pounds?|lbs?|ounces?|oz|litres?|liters?|gallons?|"
    r"degrees(?:\s+(?:Celsius|Fahrenheit|C|F))?|°[CF]?|hectares?|acres?|"
    r"volts?|(?:kilo|mega|giga)?watts?|[kMG]W|euros?|dollars?|pounds\s+sterling|yen|yuan|"
    r"francs?|rupees?|pesos?|kronor|kroner|rubles?|roubles?)(?![\w°])")
_BARE_NUMBER = re.compile(r"[\d.,]*\d(?:\s+(?:million|billion|thousand|hundred))?|"
                          r"(?:one|two|three|four|five|six|seven|eight|nine|ten|half|"
                          r"a\s+half|a\s+quarter|three-quarters)", re.I)


_AFTER_DATE = re.compile(r"\s+(?:in|at|on|from|to|into)\s+")


def without_leading_date(sentence: Sentence, span: Entity) -> Entity:
    """A phrase that opens with a date, then a preposition, without them when the question
    asks for no date ("Wednesday in The Lancet Public Health" -> "The Lancet Public Health"
    for "Where was the study published?")."""
    if span.label != SEGMENT:
        return span
    for e in sentence.entities:
        if e.label in ("DATE", "TIME") and e.start == span.start and e.end < span.end:
            m = _AFTER_DATE.match(sentence.text, e.end - sentence.start)
            if m and sentence.start + m.end() < span.end:
                text = sentence.text[m.end():span.end - sentence.start]
                return Entity(sentence.start + m.end(), span.end, SEGMENT, text)
    return span


# "How old is the mayor?" of "the 37-year-old mayor": the age is the number
_ASKS_AGE = re.compile(r"\bhow\s+old\b", re.I)
_YEARS_OLD = re.compile(r"(\d{1,3})[-\s]years?(?:[-\s]old)?\b")


def years_only(span: Entity, question: str) -> Entity:
    """An age asked for is its number: "37-year-old" -> "37" (and "51-year-old Ricardo
    Salazar" -> "51"), as "Hastings, 62," answers "62"."""
    m = _YEARS_OLD.match(span.text)
    if m is None or not _ASKS_AGE.search(question):
        return span
    return Entity(span.start, span.start + m.end(1), span.label, m.group(1))


def with_unit(sentence: Sentence, span: Entity, question: str) -> Entity:
    """``span`` with the unit of measure that follows it in the sentence, when it is a bare
    number and the question does not name the unit ("1.5" -> "1.5 percentage points" for
    "How much has the Fed raised rates?"; "220" stays for "How many miles ...?")."""
    a = span.start - sentence.start
    if span.text[:1] in "$€£¥":
        # a dollar's country is part of it: "A$612 million", "NZ$40", not "$612 million"
        country = re.search(r"(?<![\w$])[A-Z]{1,3}$", sentence.text[:a])
        if country:
            return Entity(sentence.start + country.start(), span.end, span.label,
                          sentence.text[country.start():a] + span.text)
    if span.label not in ("CARDINAL", "NUMBER", "MONEY") or not _BARE_NUMBER.fullmatch(span.text):
        return span
    if a and sentence.text[a - 1] in "$€£¥":
        # an amount's currency sign is part of it: "$112", not "112" ("A$112" with its
        # country)
        return with_unit(sentence, Entity(span.start - 1, span.end, span.label,
                                          sentence.text[a - 1:a] + span.text), question)
    at = span.end - sentence.start
    m = _UNIT.match(sentence.text, at)
    if m is None or set(terms(m.group())) & set(terms(question)):
        return span
    return Entity(span.start, sentence.start + m.end(), span.label,
                  sentence.text[span.start - sentence.start:m.end()])


# "18 km south of (the town of) Kastrel", "about 50 miles north-east of Kyiv": where a
# place is given by its distance and direction from another
_BEARING = re.compile(
    r"(?:(?:about|some|roughly|nearly|around|almost|just|more\s+than|less\s+than)\s+)?"
    r"\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|miles?|meters?|metres?|m)\s+"
    r"(?:\([^()]{0,20}\)\s*)?(?:north|south|east|west|northeast|northwest|southeast|southwest|"
    r"north-east|north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+(?:town|city|"
    r"village|port|capital|region|province|district)\s+of\s+)?(?:the\s+)?$", re.I)


def with_bearing(sentence: Sentence, span: Entity) -> Entity:
    """A place with the distance and direction that go before it: "Kastrel" -> "18 km south
    of the town of Kastrel" for "Where was the epicentre?" (the town is not where it was)."""
    found = _before(sentence, span, _BEARING)
    return span if found is None else _from(sentence, span, found[0] + found[1].start())


def _before(sentence: Sentence, span: Entity, pattern: re.Pattern[str]
            ) -> tuple[int, re.Match] | None:
    """``pattern`` matched in the 80 characters of the sentence before ``span`` (ending at
    it), with where that window starts in the sentence."""
    a = span.start - sentence.start
    lo = max(0, a - 80)
    m = pattern.search(sentence.text[lo:a])
    return None if m is None else (lo, m)


def _from(sentence: Sentence, span: Entity, start: int) -> Entity:
    """``span`` extended back to ``start`` (an offset in the sentence)."""
    return Entity(sentence.start + start, span.end, span.label,
                  sentence.text[start:span.end - sentence.start])


# "In what city ...?", "Which country ...?": a town (or country) is asked, not a venue
_ASKS_TOWN = re.compile(r"\b(?:what|which)\s+(?:city|town|village|country|state|county|"
                        r"province|region|nation)\b", re.I)
# "at St. Anne's Cathedral in Brightwater": a named place inside a town, before it
_VENUE = re.compile(r"\bat\s+(?:the\s+)?((?:[A-Z][\w.'’-]*\s+){1,5})in\s+$")


def with_venue(sentence: Sentence, span: Entity, question: str = "") -> Entity:
    """A town with the named place in it that goes before it: "Brightwater" -> "St. Anne's
    Cathedral in Brightwater" for "Where's the funeral?" (the town alone says less); not
    when the question asks for a town or names the place ("In what city is the Moscone
    Center located?")."""
    if _ASKS_TOWN.search(question):
        return span
    found = _before(sentence, span, _VENUE)
    if found is None or set(terms(found[1].group(1))) & set(terms(question)):
        return span
    return _from(sentence, span, found[0] + found[1].start(1))


# "Where was the flight headed?": where something was going, the "to" of "from X to Y"
_DESTINATION = re.compile(r"\b(?:head(?:ed|ing)?|bound|going|go|flying|fly|travell?ing|sailing|"
                          r"driving|destination|en\s+route)\b", re.I)


def to_place(sentence: Sentence, span: Entity) -> Entity:
    """The place a "from X to Y" span goes to: "Lyon to Athens" -> "Athens" for "Where was
    flight AP 417 headed?" (the span as it is when it has no such "to")."""
    m = re.fullmatch(r"(?:from\s+)?.+?\s+to\s+(?P<to>[A-Z].*)", span.text)
    if m is None:
        return span
    a = span.start + m.start("to")
    return Entity(a, span.end, span.label, m.group("to"))


# "When did the war begin?" of "from 1939 to 1945" asks for one end of the stretch
_ASKS_EDGE = re.compile(r"\b(?:start|starts|started|begin|begins|began|begun|beginning|open|"
                        r"opens|opened|end|ends|ended|finish|finished|close|closed|launch|"
                        r"launched|found|founded|establish|established|born|die|died|first|last|"
                        r"since|until|till|start\s+date|end\s+date|what\s+year|which\s+year|"
                        r"what\s+time|how\s+long)\b", re.I)


def asks_whole_date(question: str) -> bool:
    """Whether a date question may be answered by a whole stretch or a day with its hour (not
    one asking when something began or ended, or how long)."""
    return not _ASKS_EDGE.search(question)


# between a date and the one closing its stretch
_STRETCH = re.compile(r"\s*(?:to|until|till|through|-|–|—)\s*")
_OPENS = re.compile(r"\b(?:from|between)\s+$", re.I)


def whole_date(sentence: Sentence, span: Entity) -> Entity:
    """A date span extended by what completes it in the sentence: the other end of a
    stretch it opens or closes ("[from] 2014 [to 2018]", "[from 2014 to] 2018", "[between]
    2014 [and 2018]") or the hour after its day ("Saturday [at 2 p.m.]"). Only the tagger's
    dates and times count as the other end, and only the one right beside the span."""
    if span.label not in DATES:
        return span
    base = sentence.start
    dates = [e for e in sentence.entities if e.label in DATES]
    after = [e for e in dates if e.start >= span.end]
    before = [e for e in dates if e.end <= span.start]
    if before:
        # span closes a stretch: its opening end before it
        first = max(before, key=lambda x: x.end)
        glue = sentence.text[first.end - base:span.start - base]
        opens = _OPENS.search(sentence.text[:first.start - base])
        if opens is not None and _joins(glue, opens.group()):
            start = first.start - len(opens.group())
            return Entity(start, span.end, span.label,
                          sentence.text[start - base:span.end - base])
    if not after:
        return span
    last = min(after, key=lambda x: x.start)
    glue = sentence.text[span.end - base:last.start - base]
    opens = _OPENS.search(sentence.text[:span.start - base])
    start = span.start
    if re.fullmatch(r"\s+at\s+", glue) and last.label == "TIME":
        pass  # the hour of the day
    elif opens is not None and _joins(glue, opens.group()):
        start -= len(opens.group())  # the stretch, from its opening word
    else:
        return span
    return Entity(start, last.end, span.label, sentence.text[start - base:last.end - base])


def _joins(glue: str, opening: str) -> bool:
    """Whether ``glue`` joins the two ends of a stretch opened by ``opening``."""
    return bool(_STRETCH.fullmatch(glue) or (opening.lower().startswith("between")
                                             and re.fullmatch(r"\s+and\s+", glue)))


def bracketed(sentence: Sentence, span: Entity) -> Entity:
    """A span that opens a bracket it does not close, closed when the bracket closes a word
    or two on: "the Bureau of Civil Aviation Safety Investigations (BEASC" -> "... (BEASC)".
    (Cutting it before the bracket instead would lose answers inside: SQuAD's '"independent"
    (which includes traditional private schools'.)"""
    if span.text.count("(") <= span.text.count(")"):
        return span
    rest = sentence.text[span.end - sentence.start:]
    close = rest.find(")")
    if not 0 <= close <= 12 or "(" in rest[:close]:
        return span
    end = span.end + close + 1
    return Entity(span.start, end, span.label,
                  sentence.text[span.start - sentence.start:end - sentence.start])


def repeats(again: str, text: str) -> bool:
    """Whether ``text`` holds every term of the previous answer ``again`` (a question word
    alone asks past it: ``Resolved.again``); never for no previous answer."""
    told = set(terms(again))
    return bool(told) and told <= set(terms(text))


def read_once(cands: Sequence[Candidate]) -> bool:
    """Whether the reader read exactly one of these candidates (``read_one_margin``)."""
    return sum(c.reading is not None for c in cands) == 1


def sentence_context(index: CorpusIndex, row: int) -> str:
    """What the reader reads before sentence ``row``: its article's title and the end of the
    previous sentence of the same article."""
    prev = previous_sentence(index, row)
    return reading_context(index.documents[index.sentences[row].doc_id].title or "",
                           prev.text if prev is not None else None)


def doc_sentence_rows(index: CorpusIndex) -> dict[str, tuple[int, int]]:
    """Each document's sentence rows as a ``range`` start and stop (sentences are stored in
    document order), built once per index version."""
    def build(idx: CorpusIndex) -> dict[str, tuple[int, int]]:
        rows: dict[str, list[int]] = {}
        for i, s in enumerate(idx.sentences):
            rows.setdefault(s.doc_id, [i, i])[1] = i
        return {d: (a, b + 1) for d, (a, b) in rows.items()}
    return index.derived("doc_sentence_rows", build)


# the fewest words of an article's lead sentence (fewer: a byline, a caption, a dateline)
LEAD_MIN_WORDS = 8


def title_row(index: CorpusIndex, doc_id: str) -> int | None:
    """The row of the sentence that is the article's title, its headline (the text may open
    with site banners before it); None when its text does not give the title. Found once
    per index version: the headline rule asks it of every date question."""
    def build(idx: CorpusIndex) -> dict[str, int | None]:
        rows: dict[str, int | None] = {}
        for doc, span in doc_sentence_rows(idx).items():
            title = " ".join((idx.documents[doc].title or "").split())
            rows[doc] = next((r for r in range(*span) if title and
                              " ".join(idx.sentences[r].text.split()) == title), None)
        return rows
    return index.derived("title_rows", build).get(doc_id)


def lead_row(index: CorpusIndex, doc_id: str) -> int | None:
    """The row of an article's opening sentence: the first after its title's own line (the
    text may repeat the title, after site banners such as "UNITED24 - Make a charitable
    donation ..."), of at least LEAD_MIN_WORDS words and ending as a sentence ends; else its
    first sentence. News puts what the story is about there."""
    span = doc_sentence_rows(index).get(doc_id)
    if span is None or span[0] >= span[1]:
        return None
    title = title_row(index, doc_id)
    after = span[0] if title is None else title + 1
    return next((r for r in range(after, span[1])
                 if len(index.sentences[r].text.split()) >= LEAD_MIN_WORDS
                 and index.sentences[r].text.rstrip(" \"”’'").endswith((".", "!", "?"))),
                after if after < span[1] else span[0])


def about_it(index: CorpusIndex, row: int, words: str, back: int = 3) -> bool:
    """Whether sentence ``row`` and the ``back`` sentences before it in its article hold at
    least half the terms of ``words`` (what a question asks of: "The buyer was X" answers
    "Who bought the painting?" where the painting was just written of; SQuAD's "Who designed
    the bronze doors?" had been answered with the architect a paragraph on the facade
    named)."""
    want = set(terms(words))
    if not want:
        return True
    doc = index.sentences[row].doc_id
    near: set[str] = set()
    for r in range(max(0, row - back), row + 1):
        if index.sentences[r].doc_id == doc:
            near.update(terms(index.sentences[r].text))
    return 2 * len(want & near) >= len(want)


def first_score_at(index: CorpusIndex, row: int) -> tuple[int, int] | None:
    """The offsets (in the sentence) of sentence ``row``'s score when it is the first its
    article gives (a match's result), else None."""
    spans = score_spans(index.sentences[row])
    if not spans or not first_score(index, row):
        return None
    base = index.sentences[row].start
    return spans[0].start - base, spans[0].end - base


def first_score(index: CorpusIndex, row: int) -> bool:
    """Whether sentence ``row`` gives the first score of its article (``scores.py``)."""
    start = doc_sentence_rows(index)[index.sentences[row].doc_id][0]
    return next((r for r in range(start, row + 1) if score_spans(index.sentences[r])),
                None) == row


def previous_sentence(index: CorpusIndex, row: int) -> Sentence | None:
    """The sentence right before sentence ``row`` in the same article, if any."""
    if row <= 0:
        return None
    prev = index.sentences[row - 1]
    return prev if prev.doc_id == index.sentences[row].doc_id else None


def articles_sentences(index: CorpusIndex, cands: list[Candidate]) -> list[Sentence]:
    """Every sentence of the candidates' articles, article by article in the candidates'
    order: what the titles a person is given are read from, not the whole corpus."""
    spans = doc_sentence_rows(index)
    return [index.sentences[r] for d in dict.fromkeys(c.sentence.doc_id for c in cands)
            for r in range(*spans[d])]


def article_about(index: CorpusIndex, row: int, body: str) -> bool:
    """Whether the article of sentence ``row`` is about ``body`` there: its title, its first
    sentence or one of the ``ABOUT_BEFORE`` sentences before ``row`` names it (then "the
    company's chief executive" is that body's)."""
    doc = index.documents[index.sentences[row].doc_id]
    first = doc_sentence_rows(index)[doc.id][0]
    near = [index.sentences[r].text for r in {first, *range(max(first, row - ABOUT_BEFORE),
                                                            row + 1)}]
    return re.search(rf"(?<![\w-]){re.escape(body)}(?![\w-])", "\n".join([doc.title, *near]),
                     re.I) is not None


ABOUT_BEFORE = 3


def short_form(index: CorpusIndex, row: int, body: str) -> str | None:
    """The initials the article of sentence ``row`` spells ``body`` out for once ("the
    Rural and Regional Bloc (RRB)"), or None."""
    short = initials(body)
    text = index.documents[index.sentences[row].doc_id].text
    if short and re.search(rf"(?i:{re.escape(body)})\s*\({re.escape(short)}\)", text):
        return short
    return None


def paragraph_before(index: CorpusIndex, row: int, most: int = 6) -> list[Sentence]:
    """The sentences before sentence ``row`` in its paragraph (no blank line between), at
    most ``most`` of them, nearest last."""
    out: list[Sentence] = []
    text = index.documents[index.sentences[row].doc_id].text
    cur = index.sentences[row]
    while len(out) < most:
        prev = previous_sentence(index, row)
        if prev is None or "\n\n" in text[prev.end:cur.start]:
            break
        out.append(prev)
        row, cur = row - 1, prev
    return out[::-1]


def quote_opener(index: CorpusIndex, row: int) -> int | None:
    """The row of the earlier sentence that opened the quotation sentence ``row`` lies
    inside (same paragraph), if any: "And we will act resolutely against anyone ..." carries
    no mark and no name, but the sentence before it opened Scheffer's quotation."""
    s = index.sentences[row]
    at = quote_opened_at(index.documents[s.doc_id].text, s.start)
    r = row - 1
    while at is not None and r >= 0 and index.sentences[r].doc_id == s.doc_id:
        if index.sentences[r].start <= at:
            return r if at < index.sentences[r].end else None
        r -= 1
    return None


QUOTE_RUN_MAX = 6  # sentences of one quotation added after a retrieved one


def whole_quotation(index: CorpusIndex, cand: Candidate, span: Entity
                    ) -> tuple[Candidate, Entity]:
    """The quotation ``span`` ends, from its opening mark, when that opened in an earlier
    sentence of the paragraph (at most ``QUOTE_RUN_MAX`` back): the candidate's sentence
    widened to run from that sentence (the answer's sentence holds its text), and the span
    from the mark. Else both as they are."""
    s = cand.sentence
    text = index.documents[s.doc_id].text
    if re.search(r"[\"“]", text[s.start:span.start]):
        return cand, span  # opened in this sentence
    at = quote_opened_at(text, span.start)
    first = quote_opener(index, cand.row)
    if at is None or first is None or not 0 < cand.row - first <= QUOTE_RUN_MAX:
        return cand, span
    start = index.sentences[first].start
    merged = Sentence(s.doc_id, start, s.end, text[start:s.end],
                      [e for r in range(first, cand.row + 1)
                       for e in index.sentences[r].entities])
    return (replace(cand, sentence=merged),
            Entity(at + 1, span.end, span.label, text[at + 1:span.end]))


def quote_continuations(index: CorpusIndex, cands: list[Candidate]) -> list[Candidate]:
    """The sentences after each candidate that lie inside the same quotation and are no
    candidates yet, each with its candidate's chunk and rank (their own chunk was not
    retrieved)."""
    have = {c.row for c in cands}
    out: list[Candidate] = []
    for c in cands:
        opened = {c.row, quote_opener(index, c.row)} - {None}
        r = c.row + 1
        while r < len(index.sentences) and r - c.row <= QUOTE_RUN_MAX and \
                index.sentences[r].doc_id == c.sentence.doc_id and quote_opener(index, r) in opened:
            if r not in have:
                have.add(r)
                out.append(Candidate(r, index.sentences[r], c.chunk, c.rank))
            r += 1
    return out


def speakers_words(speaker: Speaker, index: CorpusIndex, row: int, said: bool = False
                   ) -> bool:
    """:func:`speakers.may_quote` (``said``: :func:`speakers.gives_words`) for sentence
    ``row``, where a sentence inside a quotation opened sentences before is the words of
    whoever the opening sentence quotes."""
    s = index.sentences[row]
    opener = quote_opener(index, row)
    if opener is None:
        if (gives_words if said else may_quote)(speaker, s, previous_sentence(index, row)):
            return True
        # ... and a sentence opening a quotation that closes sentences later is the words of
        # whoever the closing sentence names ('"Nothing in the engineers' reports told us
        # this bridge was about to fall.' before '... that same day," Ruiz said.')
        closer = quote_closer(index, row)
        return closer is not None and may_quote(speaker, index.sentences[closer], None)
    return may_quote(speaker, s, None) or may_quote(
        speaker, index.sentences[opener], previous_sentence(index, opener))


def quote_closer(index: CorpusIndex, row: int) -> int | None:
    """The row of the later sentence (at most ``QUOTE_RUN_MAX`` on, same article) where a
    quotation that sentence ``row`` opens and leaves open closes; None for none."""
    s = index.sentences[row]
    text = index.documents[s.doc_id].text
    at = quote_opened_at(text, s.end)
    if at is None or not s.start <= at < s.end:
        return None
    for r in range(row + 1, min(row + 1 + QUOTE_RUN_MAX, len(index.sentences))):
        piece = index.sentences[r]
        if piece.doc_id != s.doc_id:
            return None
        if quote_opened_at(text, piece.end) is None:
            return r
    return None


def asks_said(question: str) -> bool:
    """Whether the question asks for the words said ("say", "tell"), not a view ("warn")."""
    return bool(_ASKS_SAID.search(question))


def quote_after(index: CorpusIndex, speaker: Speaker, cand: Candidate,
                about: frozenset[str] | set[str] = frozenset()) -> int | None:
    """When ``cand`` reports the speaker's words without quoting them and the sentence right
    after it opens a quotation of theirs (no sentence of it names anyone else, as
    :func:`speakers.may_quote` reads a name): the row of the sentence where that quotation
    closes (a splitter cuts a quotation of several sentences into several); else None.
    ``about``: the terms of what the words are asked about ("the monthly schedule"); a
    quotation without any of them, after a report with some, is about something else."""
    s = cand.sentence
    first = cand.row + 1
    if QUOTE_MARK.search(s.text) or first >= len(index.sentences) \
            or index.sentences[first].doc_id != s.doc_id \
            or not _OPENS_QUOTE.match(index.sentences[first].text) \
            or not speakers_words(speaker, index, cand.row, said=True):
        return None
    text = index.documents[s.doc_id].text
    for row in range(first, min(first + QUOTE_RUN_MAX, len(index.sentences))):
        piece = index.sentences[row]
        if piece.doc_id != s.doc_id or any(
                e.label == "PERSON" and not names(speaker, e.text)
                for e in piece.entities):
            return None
        if quote_opened_at(text, piece.end) is None:
            said = text[index.sentences[first].start:piece.end]
            off_topic = about & set(terms(s.text)) and not about & set(terms(said))
            return None if off_topic else row
    return None


_ASKS_SAID = re.compile(r"\b(?:say|tell)\b", re.I)  # the words themselves, not a view
_OPENS_QUOTE = re.compile(r"\s*[\"“]")


def who_said(index: CorpusIndex, row: int) -> tuple[int, Entity] | None:
    """Whose words sentence ``row`` gives, by the same reading as a speaker question's
    (:func:`speakers_words`): a person it names, or that the sentence opening its quotation
    or the sentence before it names ('"... will take place," he said.' after "But Russian
    Foreign Minister Sergei Lavrov warned ..."). The row of the sentence naming them and the
    name there; None when no named person is the one speaking."""
    s = index.sentences[row]
    rows = [row, quote_opener(index, row)]
    prev = previous_sentence(index, row)
    if prev is not None and _CONTINUING.match(s.text):
        # the sentence before speaks only for a sentence that goes on from it: a quotation
        # or "he said" ("However, the United States ... issued a joint statement" after a
        # sentence naming Churkin is not his)
        rows.append(row - 1)
    for r in dict.fromkeys(x for x in rows if x is not None):
        for e in index.sentences[r].entities:
            if e.label != "PERSON" or not e.text[:1].isupper():
                continue
            speaker = asked_speaker(f"What did {e.text} say?")
            if speaker is not None and speakers_words(speaker, index, row, said=True) and \
                    (r != row or not _in_quotation(index, s, e.start)):
                return r, e
    return None


def quoted_in(index: CorpusIndex, row: int, words: str) -> bool:
    """Whether ``words`` occur in sentence ``row`` inside a quotation, which may have opened
    sentences before in its paragraph (``speakers.quote_opened_at``)."""
    s = index.sentences[row]
    at = s.text.find(words.strip("\"“”"))
    if at < 0:
        return False
    # the first word character of the words: a mark before it is the quotation's own
    first = next((i for i, ch in enumerate(s.text[at:], at) if ch.isalnum()), at)
    return _in_quotation(index, s, s.start + first)


def _in_quotation(index: CorpusIndex, sentence: Sentence, pos: int) -> bool:
    """Whether document offset ``pos`` of ``sentence``'s article lies inside a quotation."""
    return quote_opened_at(index.documents[sentence.doc_id].text, pos) is not None


# a sentence that goes on from the one before: it opens with a quotation mark, or its
# attribution is a pronoun
_CONTINUING = re.compile(r"^\s*[\"“]|.*[,\"”]\s*(?:he|she|they)\s+\w+\b|^\s*(?:he|she|they)\b",
                         re.I | re.S)


def other_speaker(speaker: Speaker | None, index: CorpusIndex, cand: Candidate) -> bool:
    """Rule (as for offices): a question asking for someone's words ("What did Churkin say
    about the talks?") is not answered by a sentence giving someone else's words, however
    well its words match; a bare one ("What did Churkin say?") only by a sentence that may
    hold the speaker's (``speakers.py``). Such sentences leave the ranking. A sentence inside
    a quotation that began sentences before is the words of whoever that one quotes."""
    if speaker is None:
        return False
    if speaker.bare:
        return not speakers_words(speaker, index, cand.row)
    opener = quote_opener(index, cand.row)
    if opener is not None:
        # the rest of a quotation is the words of whoever its opening sentence names: not
        # the speaker's when that names someone else ('Dodik agreed, saying "..."'); a
        # sentence splitter's fragment ('and "[') names no one and decides nothing
        o = index.sentences[opener]
        return any(e.label == "PERSON" for e in o.entities) and quotes_another(speaker, o) \
            and not speakers_words(speaker, index, cand.row)
    # a quotation opening right after the sentence naming them ('Lavrov warned ... .
    # "Certainly ..."') is theirs, though it names no one and says "he" nowhere
    return quotes_another(speaker, cand.sentence) and not speakers_words(
        speaker, index, cand.row)


GIVEN_MIN_WORDS = 4  # an answer this long is a passage of its sentence, not a name in it


def covers(search: str, sentence: str) -> bool:
    """Every content term of ``search`` is in ``sentence`` (stemmed: "peacekeepers" ~
    "peacekeeper", "Serbian" ~ "Serbia")."""
    want = set(terms(search))
    return bool(want) and want <= set(terms(sentence))


def gives_again(sentence: str, given: Sequence[str]) -> bool:
    """Whether ``sentence`` repeats an answer already given: it is that answer (a whole
    sentence was the answer) or holds it, when the answer is a phrase or quotation of
    ``GIVEN_MIN_WORDS``+ words. A name ("Fatmir Sejdiu") leaves its sentence in: "Who else
    presented views?" is answered from the same sentence, with the other name."""
    if not given:
        return False
    s = " ".join(sentence.split()).lower()
    for g in given:
        g = " ".join(g.split()).lower().strip(" \"'“”.")
        if g and (s in g or (len(g.split()) >= GIVEN_MIN_WORDS and g in s)):
            return True
    return False


def given_kinds(cands: list[Candidate], given: Sequence[str]) -> set[str]:
    """The NER labels of the names already given, as the candidate sentences tag them:
    "Who else?" after "Vojislav Kostunica" asks for another PERSON, not a place."""
    kinds: set[str] = set()
    for g in (g.lower() for g in given):
        # whole words: "UN" is no part of "until"
        found = [e for c in cands for e in c.sentence.entities
                 if _within(e.text.lower(), g) or _within(g, e.text.lower())]
        if found:  # the name itself, not the words around it ("Serbian" in a PM's title)
            longest = max(len(e.text) for e in found)
            kinds |= {e.label for e in found if len(e.text) == longest}
    return kinds


def _within(part: str, text: str) -> bool:
    """Whether ``part`` occurs in ``text`` as whole words."""
    return bool(part) and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


def _others(ents: list[Entity], given: set[str], kinds: set[str]) -> list[Entity]:
    """The entities that are none of the names given (no shared word) and, when the given
    names' kinds are known, of one of those kinds."""
    return [e for e in ents if not set(terms(e.text)) & given
            and (not kinds or e.label in kinds)]


def other_office(office: Office | None, cand: Candidate) -> bool:
    """Rule (as for quotes): a question about an office holder ("Who is the president of
    Serbia?") is answered by a sentence naming a person who may hold it. A sentence with no
    such person, or whose people all hold titles of *other* offices ("Kosovo President
    Fatmir Sejdiu"), cannot answer it, however well its words match: it leaves the
    ranking."""
    return office is not None and not any(e.label == "PERSON" for e in cand.type_cands)


# a quoting sentence wins only if the model rates it nearly as high as its best (logit units):
# a quote about something else must not beat the sentence that answers
QUOTE_MARGIN = 2.0


def rank_candidates(cands: list[Candidate], qtype: str) -> list[Candidate]:
    """Best first by the sentence model. Rule (as for spans): a question asking what someone
    said or how they described something is answered by a sentence that quotes them, when
    the candidates include one the model rates within ``QUOTE_MARGIN`` of its best."""
    if not cands:
        return []
    top = max(c.logit for c in cands) - QUOTE_MARGIN
    quoted = qtype == "quote" and any(c.type_cands and c.logit >= top for c in cands)
    return sorted(cands, key=lambda c: (quoted and not (c.type_cands and c.logit >= top),
                                        -c.logit, c.rank, c.row))


SEGMENT = "SEGMENT"
NAME_TYPES = {"person", "organization", "place"}
_PREPOSITION = re.compile(
    r"(?i:between|in|on|at|from|to|with|by|for|of|into|over|under|during|after|before|since|"
    r"through|against|among|about)\b")
_PLURAL = re.compile(r"^\s*(?:(?:who|what)\s+(?:are|were)\b|(?:which|what)\s+(?:\w+\s+)?\w+s\b)",
                     re.I)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+)$")


# "Who won/got/received/took home the lifetime achievement award?": what was won
_ASKS_WINNER = re.compile(r"^\W*(?:and\s+)?who\s+(?:won|got|received|was\s+given|was\s+awarded|"
                          r"took(?:\s+home)?|picked\s+up|collected)\s+(?P<what>.+?)\W*$", re.I)


# the tagger's names that make a list of things asked for
_LISTED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"}
# "Which plants are closing?", "What countries signed?": several things of a plural noun
_ASKS_SEVERAL = re.compile(r"^\W*(?:and\s+)?(?:which|what)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z-]+s)\s+"
                           r"(?:are|were|have|had|did|do|will|would|can|could|need|[a-z]+ed)\b",
                           re.I)
_NOT_PLURAL = {"news", "series", "species", "politics", "economics", "physics", "is", "was",
               "has", "does", "this", "its", "his", "us", "status", "campus", "bus", "virus"}


def whole_list(sentence: Sentence, span: Entity) -> Entity:
    """The longest list of the tagger's names (``entity_lists``) that holds ``span``, of the
    kinds of name the span holds (not "Central Asia, and Subutai and Jebe" for two
    generals), else ``span``."""
    kinds = {x.label for x in sentence.entities
             if span.start <= x.start and x.end <= span.end} | (
        {span.label} if span.label in _LISTED else set())
    return max((e for e in entity_lists(sentence, [
        x for x in sentence.entities if x.label in _LISTED and x.label in kinds])
        if e.start <= span.start and span.end <= e.end), key=lambda e: e.end - e.start,
        default=span)


def asks_several(question: str) -> bool:
    """Whether a which/what question asks for several things by a plural noun."""
    m = _ASKS_SEVERAL.match(" ".join(question.split()))
    return m is not None and m.group("noun").lower() not in _NOT_PLURAL and \
        not m.group("noun").lower().endswith("ss")


def asks_winner(question: str) -> bool:
    """Whether a who-question asks who won or was given something."""
    return bool(_ASKS_WINNER.match(" ".join(question.split())))


def given_to(sentence: Sentence, what: str) -> int | None:
    """Document offset right after "went to" / "was awarded to" / "was given to" where the
    sentence says the thing asked (its last word, within 60 characters before) went to
    someone; None where it does not."""
    words = re.findall(r"[\w'’-]+", what)
    if not words:
        return None
    head = re.escape(words[-1])
    m = re.search(rf"\b{head}\b[^.;]{{0,60}}?\b(?:went|was\s+awarded|was\s+given|was\s+presented)"
                  r"\s+to\s+", sentence.text, re.I)
    return sentence.start + m.end() if m else None


def shared_surname(sentence: Sentence, e: Entity) -> Entity:
    """A span ending in a person named by a given name alone that the next person's surname
    completes ("Arthur" or "brothers Arthur" of "brothers Arthur and Samuel Marwick"), to the
    end of both; any other span as it is."""
    if not any(p.label == "PERSON" and p.end == e.end and len(p.text.split()) == 1
               for p in sentence.entities) and not (
            e.label == "PERSON" and len(e.text.split()) == 1):
        return e
    base = sentence.start
    m = re.match(r"\s+(?:and|&)\s+", sentence.text[e.end - base:])
    if m is None:
        return e
    after = e.end + m.end()
    other = next((p for p in sentence.entities if p.label == "PERSON" and p.start == after
                  and len(p.text.split()) == 2), None)
    if other is None:
        return e
    return Entity(e.start, other.end, e.label, sentence.text[e.start - base:other.end - base])


def entity_lists(sentence: Sentence, cands: list[Entity]) -> list[Entity]:
    """Runs of two or more entity candidates joined only by commas and "and"/"or" ("the
    European Union, United States, and Russia"), labelled as their first member."""
    ents = sorted((e for e in cands if e.label not in (SEGMENT, READER, "QUOTE")),
                  key=lambda e: (e.start, -e.end))
    out: list[list[Entity]] = []
    run: list[Entity] = []
    for e in ents:
        if run and e.start < run[-1].end:
            continue  # inside the entity before it ("Security Council" in "UN Security Council")
        if not run or _LIST_GAP.match(sentence.text[run[-1].end - sentence.start:
                                                    e.start - sentence.start]):
            run.append(e)
            continue
        if len(run) > 1:
            out.append(run)
        run = [e]
    if len(run) > 1:
        out.append(run)
    return [Entity(r[0].start, r[-1].end, r[0].label,
                   sentence.text[r[0].start - sentence.start:r[-1].end - sentence.start])
            for r in out]


_SINGULAR = re.compile(r"^\s*(?:who|whom|which\s+\w+|what\s+\w+)\s+(?:is|was|has)\b", re.I)
_JOINED_NAMES = re.compile(r"[A-Z][\w'’.-]*\s+(?:and|&)\s+[A-Z]")
# a word; "16,000" and "1,500.5" are one (the comma between digits splits no run)
_SEG_WORD = re.compile(r"[\w$€£%](?:[\w$€£%'’.\-]|(?<=\d),(?=\d))*")
_EDGE_STOP = frozenset([
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "as", "is", "was", "are", "were", "be", "been", "being", "that", "which", "who",
    "whom", "whose", "this", "these", "those", "its", "his", "her", "their", "it", "he", "she",
    "they", "also", "has", "have", "had", "not", "than", "then", "there", "when", "where",
    "while", "after", "before", "during", "into", "over", "under", "about", "said", "says",
    # indefinite pronouns point at the answer rather than being part of it: "..., something
    # Belgrade rejects" once answered "Who rejects ...?" with "something Belgrade"
    "something", "anything", "nothing", "everything", "someone", "anyone", "everyone",
    "somebody", "anybody", "everybody",
])
MAX_SEGMENT_WORDS = 8


# a courtesy title alone is no phrase: "Dr" of "Dr. Ron Cook, the health authority ..."
_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "messrs"}


def segments(sentence: Sentence, q_terms: set[str]) -> list[Entity]:
    """Maximal runs of non-question words between punctuation, edge stop words trimmed; long
    runs also give their first and last few words."""
    text, base = sentence.text, sentence.start
    runs: list[list[tuple[int, int, str]]] = [[]]
    last_end = 0
    for m in _SEG_WORD.finditer(text):
        w = m.group().rstrip(".")
        gap = text[last_end:m.start()]
        last_end = m.start() + len(w)
        stem = terms(w)
        if any(ch in gap for ch in ",;:()\"“”—–?!") or (stem and stem[0] in q_terms):
            runs.append([])
        if not (stem and stem[0] in q_terms):
            runs[-1].append((m.start(), m.start() + len(w), w.lower()))
    out = []
    for run in runs:
        while run and run[0][2] in _EDGE_STOP:
            run = run[1:]
        while run and run[-1][2] in _EDGE_STOP:
            run = run[:-1]
        if not run:
            continue
        pieces = [run] if len(run) <= MAX_SEGMENT_WORDS else \
            [run[:4], run[-4:]]
        for piece in pieces:
            while piece and piece[-1][2] in _EDGE_STOP:
                piece = piece[:-1]
            while piece and piece[0][2] in _EDGE_STOP:
                piece = piece[1:]
            if piece and not (len(piece) == 1 and piece[0][2] in _HONORIFICS):
                a, b = _whole_names(sentence, piece[0][0], piece[-1][1],
                                    run[0][0], run[-1][1])
                out.append(Entity(base + a, base + b, SEGMENT, text[a:b]))
    return out


def _whole_names(sentence: Sentence, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """Piece ``a:b`` of a run ``lo:hi`` (offsets in the sentence) widened, within the run, so
    it does not stop inside a person's name: the first four words of "Russian Foreign
    Minister Sergei Lavrov warned that ..." are "... Minister Sergei Lavrov"."""
    base = sentence.start
    for e in sentence.entities:
        if e.label != "PERSON":
            continue
        s, t = e.start - base, e.end - base
        if a < s < b < t <= hi:
            b = t
        if lo <= s < a < t < b:
            a = s
    return a, b


_SPAN_EDGE = " \t\n,;:.!?\"'“”‘’()[]"


_KIN = re.compile(r"\b(?:son|sons|daughters?|wife|wives|husbands?|brothers?|sisters?|fathers?|"
                  r"mothers?|parents?|children|child|uncle|aunt|nephew|niece|cousins?|"
                  r"grandson|granddaughter|grandfather|grandmother|family|dynasty|heirs?|"
                  r"relatives?|widow|spouse)\b", re.I)


def _name_words(text: str) -> list[str]:
    """Whitespace-separated words without edge punctuation or a possessive, so "Ki-moon"
    and "D'Alema" stay whole."""
    out = []
    for w in text.split():
        w = re.sub(r"(?:['\u2019]s)?[^\w]*$", "", w.strip("\"'\u201c\u2018(["))
        if w:
            out.append(w)
    return out


# where a sentence turns from one subject to a contrasting one: ", while Albertsons ...",
# "whereas the ..." (not "while being tackled by ...", which goes on about the same one)
_CONTRAST = re.compile(r",\s*(?:while|whereas)\s+(?=[A-Z]|(?:the|its|his|her|their)\s)")


def asked_clause(sentence: Sentence, question: str) -> tuple[int, int] | None:
    """Document offsets of the clause of a contrast (``_CONTRAST``) that the question asks
    about: the one clause naming the question's names, when it opens with one of them and
    another clause opens with a name the question does not give ("Kroger ... operates about
    2,700 stores, while Albertsons ... runs about 2,270" asked "How many stores does
    Albertsons operate?"); None for no such contrast."""
    text = sentence.text
    edges = list(_CONTRAST.finditer(text))
    runs = name_runs(question)
    if not edges or not runs:
        return None
    starts = [0] + [m.end() for m in edges]
    ends = [m.start() for m in edges] + [len(text)]
    asked: list[int] = []
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        words = [w.lower() for w in _name_words(text[a:b])]
        if any(any(words[j:j + len(r)] == r for j in range(len(words) - len(r) + 1))
               for r in runs):
            asked.append(i)
    if len(asked) != 1:
        return None
    a, b = starts[asked[0]], ends[asked[0]]
    named = {w for r in runs for w in r}

    # the capitalized word each clause opens with, lowercase ("" for none)
    opens = [re.match(r"\W*(?:(?:the|its|his|her|their)\s+)?([A-Z][\w'’.-]*)|", text[k:])
             .group(1) or "" for k in starts]
    opens = [re.sub(r"(?:'s|’s)$", "", w).lower() for w in opens]
    # a parallel: the asked clause and another each open with a name of their own ("Kroger
    # shares rose ..., while Albertsons shares fell ..."; the tagger may know neither)
    others = [w for k, w in enumerate(opens) if k != asked[0] and w and w not in named]
    return (sentence.start + a, sentence.start + b) if others and opens[asked[0]] in named \
        else None


# "How many people ...", "how many new jobs ...": the words up to the verb, of which the last
# is what is counted
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w'’-]+\s+){0,2}?[\w'’-]+?)"
                       r"(?=\s+(?:did|do|does|is|are|was|were|have|has|had|will|would|can|"
                       r"could|should|may|might|must|\w+ed)\b|\s*[?,.]|\s*$)", re.I)
# ... else the one word after it, when a verb the first pattern cannot tell follows ("How many
# lots found buyers?", "How many people live there?")
_HOW_MANY_NOUN = re.compile(r"\bhow\s+many\s+(?:more\s+|other\s+|new\s+|additional\s+)?"
                            r"([a-z][\w'’-]*)\s+(?!of\b)[a-z]", re.I)
_COUNT_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                         r"twelve|dozens?|hundreds?|thousands?|millions?|billions?)\b", re.I)


def counted_terms(question: str) -> set[str]:
    """The term of what a "how many" question counts ("How many people stayed in shelters?"
    -> {"peopl"}, "How many species of trees ...?" -> {"speci"}); empty for any other
    question, or one counting "times"."""
    m = _HOW_MANY.search(question) or _HOW_MANY_NOUN.search(question)
    if m is None:
        return set()
    words = m.group(1).split()
    # "how many species of trees" counts species
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return set(terms(head)) - {"time"}


def counts(sentence: Sentence, e: Entity, counted: set[str], reach: int = 3) -> bool:
    """Whether span ``e`` is a number of what is counted: the counted word is among the
    ``reach`` words after it ("4,200 people", "42,000 of its members") or ends it ("about
    4,200 people"). The reach stops at a comma or an "and": "nine people were killed and 23
    injured" does not count the killed as injured."""
    if not _COUNT_WORD.search(e.text):
        return False
    if set(terms(e.text.split()[-1])) & counted:
        return True
    whole = _OF_WHOLE.match(sentence.text, e.end - sentence.start)
    if whole and set(terms(whole.group(1))) & counted and e.text.lower() not in _NO_PARTS:
        return True  # "1,200 of the city's 1,900 computers" counts computers too
    return any(set(terms(w)) & counted for w in _words_after(sentence, e, reach))


# "What are the coalition's demands?", "What were its three conditions?": things asked by a
# plural noun after a copula
_ASKS_THINGS = re.compile(r"^\W*(?:and\s+)?what\s+(?:are|were)\s+(?:the|its|their|his|her|"
                          r"[\w-]+(?:'s|’s))\s+(?:[\w'’-]+\s+){0,2}?[a-z-]+s\W*$", re.I)
# a count alone, in words or digits
_BARE_COUNT = re.compile(r"(?i:about\s+|some\s+|at\s+least\s+)?(?:\d[\d,.]*|one|two|three|four|"
                         r"five|six|seven|eight|nine|ten|eleven|twelve|several|many|dozens)")


def asks_things(question: str) -> bool:
    """Whether a "what" question asks for several things by a plural noun after "are"/"were"
    ("What are the coalition's demands?"), whose answer is no count of them."""
    return bool(_ASKS_THINGS.match(" ".join(question.split())))


# "Who won best new artist?": "who" as the subject of a verb of its own
_WHO_DOES = re.compile(r"^\W*(?:and\s+)?who\s+(?!(?:is|was|are|were|did|does|do|has|have|had|"
                       r"will|would|can|could|should|may|might|must)\b)[a-z]+", re.I)
# a sentence whose subject is a pronoun: "He won best new artist for ...", "She later took"
# (not a copula's or a passive's: "He was influenced by Hamburg merchants" is done to him)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:He|She)\s+(?:also\s+|later\s+|then\s+)?"
                              r"(?!(?:was|is|were|are|had|has|have|would|will|could)\b)[a-z]+")
_ASKS_TEMPERATURE = re.compile(r"\bhow\s+(?:hot|cold|warm|cool)\b|\btemperatures?\b", re.I)


# "How fast ...?", "How far ...?": a measure, which the questions' types leave "other"
_ASKS_MEASURE = re.compile(r"^\W*how\s+(?:fast|far|high|deep|tall|heavy|wide|big|large|low|"
                           r"quickly|hot|cold|warm|long)\b(?!\s+(?:ago|before|after)\b)", re.I)


def asks_measure(question: str) -> bool:
    """Whether the question asks how fast, far, high ... something is."""
    return bool(_ASKS_MEASURE.search(question))


def asks_temperature(question: str) -> bool:
    """Whether the question asks how hot or cold something is."""
    return bool(_ASKS_TEMPERATURE.search(question))


_DEGREES = re.compile(r"\bdegrees?\b|°", re.I)
_PERCENT = re.compile(r"\d\s*%|\bper\s*cent\b|\bpercent\b", re.I)
# before a figure set against the one a sentence gives: "fewer than the 240 first estimated",
# "up from the 12 reported", "not the 300 announced", "instead of the 40 planned"
_SUPERSEDED = re.compile(r"\b(?:than|from|not)\s+the\s+(?:(?:first|initial|original|"
                         r"earlier|previous|previously|initially)\s+)?$", re.I)
# "How many stores does it have in total?", "How many routes are there?": the whole
_ASKS_TOTAL = re.compile(r"\b(?:in\s+total|altogether|in\s+all|total)\b|\b(?:are|were)\s+there\b|"
                         r"\b(?:does|do|did)\b.*\b(?:have|own|run|operate|employ)\b", re.I)
# between a part and its whole: "1,200 of the city's 1,900", "four of its 31"
_OF = r"\s+of\s+(?:(?:the|its|their|his|her|our)\s+)?(?:[\w.'’-]+['’]s\s+)?"
_PART_OF = re.compile(_OF + "$")
# ... and the whole with what it counts: " of the city's 1,900 computers"
_OF_WHOLE = re.compile(_OF + r"(?:\d[\d,.]*|(?:one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|hundred)\b)"
                       r"\s+([\w'’-]+)", re.I)
# "one of four teams" is one of them, no part of them
_NO_PARTS = ("one", "a", "an")


def _part_of(sentence: Sentence, part: Entity, whole: Entity) -> bool:
    """Whether number ``part`` is a part of number ``whole`` right after it ("1,200 of the
    city's 1,900 computers")."""
    if not (_COUNT_WORD.search(part.text) and part.end <= whole.start) or \
            part.text.lower() in _NO_PARTS:
        return False  # "one of four teams that have made eight appearances": one of them
    return bool(_PART_OF.fullmatch(sentence.text[part.end - sentence.start:
                                                  whole.start - sentence.start]))


def _words_after(sentence: Sentence, e: Entity, n: int) -> list[str]:
    """The first ``n`` words after span ``e`` in its clause (to a comma or an "and")."""
    after = _CLAUSE_END.split(sentence.text[e.end - sentence.start:])[0]
    return re.findall(r"[\w'’-]+", after)[:n]


# where a number's phrase ends: a comma or an "and" on its own ("owned-and-operated" is a word)
_CLAUSE_END = re.compile(r"[,;:]|(?<![\w-])and(?![\w-])")
_PASSIVE_GLUE = {"were", "was", "had", "have", "has", "been", "are", "is", "also", "later",
                 "reportedly", "still", "all"}


def done_to(sentence: Sentence, e: Entity, done: set[str], counted: set[str]) -> bool:
    """Whether number ``e`` is of those the question's participle was done to: it follows
    the number with nothing between but the counted word and auxiliaries ("23 injured",
    "nine people were killed"), not another noun ("46 countries were affected" is no number
    of customers affected), or its verb comes right before it ("injuring more than
    1,400")."""
    if not _COUNT_WORD.search(e.text):
        return False
    before = re.findall(r"[\w'’-]+", sentence.text[:e.start - sentence.start])
    after = _words_after(sentence, e, 4)
    if before and set(terms(before[-1])) & done and (
            not after or set(terms(after[0])) & counted):
        # "killing at least 212 people and injuring more than 1,400" (not "recovered 146
        # objects, including 21 pieces of tableware": other things than those counted)
        return True
    for w in after:
        t = set(terms(w))
        if t & done:
            return True
        if not (t & counted or w.lower() in _PASSIVE_GLUE):
            return False
    return False


# what joins a clause whose verb is left out to the one before it ("..., and four with ...")
_GAP_GLUE = re.compile(r"(?:\s*,\s*(?:and\s+|while\s+|but\s+|with\s+)?|\s+and\s+|\s+while\s+)$")
# ... and the preposition after its number, which the first clause has after its verb
_GAP_PREP = re.compile(r"\s+(?:more\s+|others?\s+)?(with|for|of|in|on|at|to|from|as|by|over|"
                       r"under|after|against)\b")
_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:and|but|while|whereas)\s")


def gapped_choice(sentence: Sentence, spans: list[Entity], question: str,
                  labels: set[str]) -> list[Entity]:
    """The spans without the other number of a gapped pair, where the question names one
    clause's words: in "19 were charged with public order offences and four with assaulting
    an emergency worker" the second clause leaves out "were charged", so what tells the two
    numbers apart is what follows "with" in each, and "assaulting" asks for "four" (so "300
    employees in 2010 and 450 in 2015" asked of 2015). Unchanged when the sentence has no
    such pair or the question's words do not choose."""
    base = sentence.start
    text = sentence.text
    kind = [e for e in spans if e.label in labels]
    asked = set(terms(question))
    for first, second in itertools.pairwise(kind):
        between = text[first.end - base:second.start - base]
        glue = _GAP_GLUE.search(between)
        after = text[second.end - base:]
        prep = _GAP_PREP.match(after)
        if glue is None or prep is None or re.search(r"[;:]", between):
            continue
        # the first clause's own part: from its last such preposition to the join
        marks = list(re.finditer(rf"\b{prep.group(1)}\b", between[:glue.start()]))
        if not marks:
            continue
        end = _CLAUSE_END.search(after, prep.end())
        own = (set(terms(between[marks[-1].end():glue.start()])),
               set(terms(after[prep.end():end.start() if end else None])))
        hits = [len(asked & (w - own[1 - i])) for i, w in enumerate(own)]
        if hits[0] == hits[1]:
            continue
        drop = second if hits[0] > hits[1] else first
        return [e for e in spans if e is not drop]
    return spans


# "How many people were hurt?": what was done to those counted
_DONE = re.compile(r"\bhow\s+many\b[^?]*?\b(?:were|was|are|is|have\s+been|has\s+been|had\s+been|"
                   r"got|get)\s+(?:(?:also|still|already|now|then|reportedly)\s+)?"
                   r"([a-z]+(?:ed|en)|hurt|hit|shot|held|left|lost|found|struck|caught|kept|"
                   r"freed|trapped)\b", re.I)


def done_terms(question: str) -> set[str]:
    """The term of what a "how many ... were <participle>" question says was done to those
    counted ("How many people were hurt?" -> {"injur"}); empty for any other question."""
    m = _DONE.search(question)
    return set(terms(m.group(1))) if m else set()


# where a list of like items breaks: ", 41,200 in China, 15,900 in South Korea and 9,800 in
# Mexico" (a number's own comma has no space after it)
_ITEM_BREAK = re.compile(r",\s+(?:and\s+)?|;\s+|\s+and\s+")
# "What time ...?", "At what time ...?": a time of day
_ASKS_CLOCK = re.compile(r"\bwhat\s+time\b", re.I)
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\bnoon\b|\bmidnight\b|"
                    r"\b\d{1,2}:\d\d\b", re.I)
# "Until when ...?", "What date ...?": a point in time, not "when" (SQuAD's are often answered
# by a stretch or an event: "A decade after the 1973 ...")
_ASKS_POINT = re.compile(r"\b(?:until|till|by|since)\s+when\b|\bwhat\s+(?:date|day)\b", re.I)
# a stretch of time alone: "two weeks", "about 40 minutes", "72 hours"
_DURATION = re.compile(r"^(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|another\s+|"
                       r"the\s+(?:past|last|next)\s+)?(?:\d[\d,.]*|a|an|one|two|three|four|five|"
                       r"six|seven|eight|nine|ten|several|a\s+few|few)\s+(?:more\s+)?"
                       r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)$", re.I)
# "Which film ...?", "What book ...?", "the name of the album": a work, known by its title
_ASKS_TITLE = re.compile(r"\b(?:which|what)\s+(?:(?:new|latest|first|last|winning|other)\s+)?"
                         r"(?:film|movie|book|novel|album|song|play|painting|opera|documentary|"
                         r"poem|memoir)s?"
                         # the work itself, not "which film trailer", "what movie company"
                         r"(?=\s+(?:[a-z]+ed|is|was|are|were|did|does|do|has|had|have|will|"
                         r"won|took|got|went|wins|takes|became|made)\b|\s*\?)", re.I)


def asks_point(question: str) -> bool:
    """Whether a date question asks for a point in time or a time of day ("Until when
    ...?", "What time ...?"), which the point rule answers with no stretch of time."""
    return bool(_ASKS_POINT.search(question) or _ASKS_CLOCK.search(question))


def asks_title(question: str) -> bool:
    """Whether the question asks for a work by its title ("Which film won ...?")."""
    return bool(_ASKS_TITLE.search(question))


# a title as a quotation: two words or a few more, the first capitalized ("The Salt Keepers")
_TITLE_LIKE = re.compile(r"^[A-Z0-9][^.!?\s]*\s+[^.!?]{1,60}$")
# a list item's number, at most two words, and what it is of: "three in the Czech Republic",
# "16,000 in Dresden", "two from Japan"
_ITEM_OF = re.compile(r"[\w.,]+\s+(?:[a-z][\w-]*\s+){0,2}(?:in|from|at|for)\s+(?:the\s+)?[A-Z]")


_LISTED_WORDS = 7  # the most words an item of a listed_item list has ("and" aside)


def listed_item(sentence: Sentence, question: str) -> tuple[int, int] | None:
    """Document offsets of the item of a list set out with semicolons ("forklift operator
    Teodoro Villanueva, 44; inventory clerk Abigail Frost, 23; ...") that alone holds words
    of the question no other item holds ("How old was the inventory clerk?"); None when the
    sentence has no such list or no one item is asked."""
    text = sentence.text
    if text.count(";") < 2:
        return None
    cuts = [m.start() for m in re.finditer(";", text)]
    parts = list(zip([0, *(c + 1 for c in cuts)], [*cuts, len(text)], strict=True))
    # a list of short items (a person, their title and age), not clauses set side by side
    # (on SQuAD dev, clauses: 12 answers worse and 7 better when they counted)
    most = max(len(text[a:b].split()) for a, b in parts[1:-1])
    if most > _LISTED_WORDS or len(text[parts[-1][0]:].split()) > _LISTED_WORDS + 1:
        return None
    # the first item is its last words, as many as the longest item between holds (before
    # them, "The four workers who died were identified as" opens the list)
    words = [m.start() for m in re.finditer(r"\S+", text[:parts[0][1]])]
    parts[0] = (words[-most] if len(words) > most else 0, parts[0][1])
    # ... and each item names a person (on SQuAD dev, lists of names of things, "Public
    # Audit; ...", and a parenthesis's "Chinese: 大元; pinyin: Dà Yuán; ..." lost 2 answers)
    people = [e for e in sentence.entities if e.label == "PERSON"]
    if not all(any(sentence.start + a <= e.start and e.end <= sentence.start + b
                   for e in people) for a, b in parts):
        return None
    owns = [set(terms(text[a:b])) for a, b in parts]
    asked = set(terms(question))
    hits = [len(asked & (own - set().union(*(o for j, o in enumerate(owns) if j != i))))
            for i, own in enumerate(owns)]
    best = max(hits)
    if not best or hits.count(best) > 1:
        return None
    a, b = parts[hits.index(best)]
    return sentence.start + a, sentence.start + b


def asked_item(sentence: Sentence, question: str) -> tuple[int, int] | None:
    """Document offsets of the item of a list of numbers that names the question's name:
    "58,300 vehicles are being recalled in Canada, 41,200 in China, 15,900 in South Korea
    and 9,800 in Mexico" asked "How many vehicles are recalled in China?" is "41,200 in
    China" (it had been answered "58,300", the number beside the question's other words).
    Only for a list of two or more short items opening with their numbers after the first,
    of which one alone names the question's name and another names something else; None
    else."""
    text = sentence.text
    # (not a month or day: "In March 2015, how many stations did ABC have?" is not asked of
    # "As of March 2015")
    runs = [r for r in name_runs(question) if r[0].title() not in CALENDAR]
    # a nationality names its place: "How many Spaniards ...?" asks of "six from Spain"
    runs += [[place] for r in runs if len(r) == 1 and (place := nationality_place(r[0]))]
    if not runs:
        return None
    breaks = list(_ITEM_BREAK.finditer(text))
    parts = list(zip([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)],
                     strict=True))
    # the list's items after the first: short, each opening with its number ("41,200 in
    # China"); the first may be a whole clause ("Kestrel said 58,300 vehicles are ... in
    # Canada")
    def opening(a: int, b: int) -> str:
        return re.sub(r"^(?:including|among\s+them|of\s+(?:them|whom|which)|about|nearly|some|"
                      r"almost|around|roughly|more\s+than|over|at\s+least)\s+", "",
                      text[a:b].strip(), flags=re.I)

    # ... or an item of any length that opens with its number and the place or name it is
    # of: "three in the Czech Republic since the rain began on Saturday"
    short = [(a, b) for a, b in parts[1:] if _COUNT_WORD.match(opening(a, b)) and (
        len(text[a:b].split()) <= 6 or _ITEM_OF.match(opening(a, b)))]
    first = [p for p in parts[:1] if _COUNT_WORD.search(text[p[0]:p[1]])]
    # two such items, or one after a first that counts too ("Six people have died in
    # Germany and three in the Czech Republic")
    if len(short) < (1 if first else 2):
        return None
    items = first + short

    def named(a: int, b: int) -> bool:
        words = [w.lower() for w in _name_words(text[a:b])]
        return any(any(words[j:j + len(r)] == r for j in range(len(words) - len(r) + 1))
                   for r in runs)

    asked = [(a, b) for a, b in items if named(a, b)]
    others = [(a, b) for a, b in items if (a, b) not in asked
              and re.search(r"(?<!^)\b[A-Z]", text[a:b].strip())]
    if len(asked) != 1 or not others:
        return None
    a, b = asked[0]
    return sentence.start + a, sentence.start + b


# a relative clause between commas: ", which is housed in a mansion built in 1672,"
_ASIDE = re.compile(r",\s+(?:which|who|whose|whom|where)\b[^,;]*,")


def asides_without(sentence: Sentence, asked: set[str]) -> list[tuple[int, int]]:
    """Document offsets of the sentence's relative clauses between commas that hold none of
    the question's terms: what they say is about something else."""
    return [(sentence.start + m.start(), sentence.start + m.end())
            for m in _ASIDE.finditer(sentence.text) if not set(terms(m.group())) & asked]


def name_runs(question: str) -> list[list[str]]:
    """The question's names as runs of capitalized words after its first word, lower-cased
    ("Who appointed Ahtisaari as UN envoy?" -> [["ahtisaari"], ["un"]]; "Who founded
    Woodward Park?" -> [["woodward", "park"]]; "Ban Ki-moon" stays one word)."""
    runs: list[list[str]] = []
    last = -2
    for i, w in enumerate(_name_words(question)):
        if not i or not w[:1].isupper():
            continue
        if i == last + 1:
            runs[-1].append(w.lower())
        else:
            runs.append([w.lower()])
        last = i
    return runs


# a place question about the person themselves, "Which country is D'Alema from?", "Which
# country does D'Alema represent?": the title or apposition saying where they serve answers it
_AFFILIATION = re.compile(r"\b(?:is|are|was|were|do|does|did)\s+(?:[A-Z][\w'’.-]*\s+)+"
                          r"(?:originally\s+)?(?:come\s+|hail\s+)?from\b|\brepresent(?:s|ed|ing)?\b|"
                          # where someone works: what the sentence says of them is the answer
                          r"\b(?:work|teach|lecture|study|research|serve|play|report|write)"
                          r"(?:s|ed|es)?\b\s*(?:for|at|in)?\s*\??\s*$")


# between a title's first word and the name: nothing, or up to 3 capitalized words
_TITLE_GAP = re.compile(r"(?:\s+[A-Z][\w.'’-]*){0,3}\s*")


def _not_the_named(cands: list[Entity], sentence: Sentence, question: str, titles: bool,
                   passing: bool = False) -> list[Entity]:
    """Rule for person, organization and place questions: the person the question names is
    not its answer, by another part of the name or by a title. "Who appointed Ahtisaari as UN
    envoy?" was answered "Martti" (of "UN envoy Martti Ahtisaari"), "Who replaced Churkin as
    Russia's ambassador?" "Vitaly", and "Who criticized Ban Ki-moon?" "Secretary-General" (of
    "UN Secretary-General Ban Ki-moon"). A PERSON entity of the sentence is the question's
    person when one of the question's names holds its last word and is all inside it
    ("Churkin", "Vitaly Churkin"; not "Genghis Khan" for "Ogedei Khan", nor "Woodward Park"
    for "Ralph Woodward"): no candidate is it, part of it, cut through it or it with a
    capitalized title (a phrase holding it and other words, "friends of Luther", may
    answer), and for a person question (``titles``)
    none stands right before it without a person of its own (its title). Not for questions
    about kin ("Who was Kennedy's brother?" may be answered "Robert Kennedy")."""
    if _KIN.search(question):
        return cands
    runs = name_runs(question)
    people = [t for t in sentence.entities if t.label == "PERSON"]

    def asked(t: Entity) -> bool:
        ws = [w.lower() for w in _name_words(t.text)]
        return bool(ws) and any(ws[-1] in r and set(r) <= set(ws) for r in runs)

    named = [t for t in people if asked(t)]
    if not named:
        return cands

    def title_of(e: Entity, t: Entity) -> bool:
        """e ends the title right before t, or begins it: only capitalized words between
        ("Russian" of "Russian Foreign Minister Sergei Lavrov")."""
        gap = sentence.text[e.end - sentence.start:t.start - sentence.start]
        return titles and e.end <= t.start and bool(_TITLE_GAP.fullmatch(gap)) and not any(
            e.start <= p.start and p.end <= t.start for p in people)

    def part_of(e: Entity, t: Entity) -> bool:
        """e is t, inside it, cut through it, or t with only capitalized words more ("Dr.
        George E. Mueller"); a phrase holding t and other words ("friends of Luther") is not
        the person."""
        if not (e.start < t.end and t.start < e.end):
            return False
        if not (e.start <= t.start and t.end <= e.end):
            return True
        rest = sentence.text[e.start - sentence.start:t.start - sentence.start] + " " + \
            sentence.text[t.end - sentence.start:e.end - sentence.start]
        return all(w[:1].isupper() for w in _name_words(rest))

    # for a place question (``passing``), what the sentence says of the person in passing,
    # "Fatmir Sejdiu, president of the Serbian province of Kosovo, presented ...", does not
    # answer "Where did Sejdiu present his views?" (it did, "Serbian province of Kosovo", at
    # 0.99); unless the question is about an office ("Which country is Sejdiu president of?").
    # For every name question it lost "In 1984 Thomas Murphy contacted Leonard Goldenson about
    # merging ABC with what company?" ("Thomas S. Murphy, chief executive officer of Capital
    # Cities Communications, ...") on SQuAD and gained none
    told = [] if not passing or _AFFILIATION.search(question) or any(
        is_office_word(w) for w in re.findall(r"[\w-]+", question)) \
        else [d for t in named if (d := description(sentence, t.text, definitions=False))]

    def in_passing(e: Entity) -> bool:
        return any(a <= e.start and e.end <= b for a, b in told)

    return [e for e in cands if not any(part_of(e, t) or title_of(e, t) for t in named)
            and not in_passing(e)]


def _without_restatements(cands: list[Entity], frame: set[str], labels: set[str],
                          asked: set[str] | None = None) -> list[Entity]:
    """Rule for name, date and number questions: a phrase (reader span or segment) that
    restates the question around a clean answer inside it gives way to that answer. "Who
    blocked the plan?" -> not "Russia blocked the UN Security Council's approval of a plan
    ...", which holds "blocked" and the GPE "Russia"; "Who are the troika?" -> not "The
    troika of the European Union, United States" (then the whole list wins). ``frame``: the
    question's words less the noun its question word asks about ("Which committee ...?" ->
    "the Super Bowl 50 Host Committee" stays). A phrase whose entities all repeat the
    question too ("Rhine-Ruhr region" for a question about the Rhine) stays; a phrase cutting
    through a name where the part left out is the question's words (``asked``) never does."""
    asked = frame if asked is None else asked

    def clean(e: Entity) -> bool:
        return not set(terms(e.text)) & frame

    names = [e for e in cands if e.label in labels]
    typed = [e for e in names if clean(e)]
    out = [e for e in cands if e.label not in (READER, SEGMENT) or (
        (clean(e) or not any(e.start <= t.start and t.end <= e.end and (t.start, t.end) !=
                             (e.start, e.end) for t in typed))
        # nor a phrase cut through a name: "Serbian Prime Minister Vojislav" (a segment
        # broken at the question's "Kostunica")
        and not any(cuts(e, t, asked) for t in names))]
    return out or cands


_WH_NOUN = re.compile(r"\b(?:what|which|how\s+many|how\s+much)\s+(?:kind\s+of\s+|type\s+of\s+)?"
                      r"([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", re.I)
_WH_COPULA = re.compile(r"\b(?:what|which)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+([a-z][\w-]*)",
                        re.I)
_AUX = AUXILIARIES | {"the", "a", "an", "of", "in", "on"}


def wh_noun(question: str) -> list[str]:
    """The words right after the question word that name what is asked for: "Which
    committee made ...?" -> ["committee", "made"]; "What path does ...?" -> ["path"]; "What
    is the region called?" -> ["region"]."""
    m = _WH_COPULA.search(question)
    if m:
        return [m.group(1)]
    m = _WH_NOUN.search(question)
    if not m or m.group(1).lower() in _AUX:
        return []
    words = [m.group(1)]
    if m.group(2) and m.group(2).lower() not in _AUX:
        words.append(m.group(2))
    return words


def cuts(e: Entity, t: Entity, asked: set[str]) -> bool:
    """e overlaps name t, neither holding the other, and the part of t left out is the
    question's words: a phrase broken at them (not a reader span fuller than spaCy's)."""
    if not (e.start < t.end and t.start < e.end) or (e.start <= t.start and t.end <= e.end) \
            or (t.start <= e.start and e.end <= t.end):
        return False
    rest = t.text[max(e.end - t.start, 0):] if e.end < t.end else t.text[:e.start - t.start]
    words = set(terms(rest))
    return bool(words) and words <= asked


def _in_clause(spans: list[Entity], sentence: Sentence, a: int, b: int) -> list[Entity]:
    """The spans inside document offsets ``a``-``b`` (a clause), and those that start inside
    and run past its end cut at it: the reader's "through an emergency ladder ... within
    hours, while" is "through an emergency ladder ... within hours" in "Eight of them climbed
    out through an emergency ladder ... within hours, while 23 were cut off"."""
    out = [e for e in spans if a <= e.start and e.end <= b]
    base = sentence.start
    for e in spans:
        if a <= e.start < b < e.end:
            x, y = _strip_span(sentence.text, e.start - base, b - base)
            if y > x and (base + x, base + y) not in {(o.start, o.end) for o in out}:
                out.append(Entity(base + x, base + y, e.label, sentence.text[x:y]))
    return out


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """A reader span of whole words (word pieces end mid-word: "... UN envoy Martti Ah" for
    "Ahtisaari"), without surrounding spaces, punctuation or quotation marks."""
    while 0 < a < len(text) and text[a - 1].isalnum() and text[a].isalnum():
        a -= 1
    while 0 < b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
        b += 1
    while a < b and text[a] in _SPAN_EDGE:
        a += 1
    while b > a and text[b - 1] in _SPAN_EDGE and not (
            text[b - 1] == "." and b >= 2 and text[b - 2].isupper()):  # keep "U.S."
        b -= 1
    return a, b


def _in_question(text: str, q_terms: set[str]) -> bool:
    """A candidate whose every content word is in the question is not an answer to it."""
    t = set(terms(text))
    return bool(t) and t <= q_terms


def _word_positions(sentence: Sentence) -> list[tuple[int, str]]:
    return [(sentence.start + a, t) for a, t in _relative_word_positions(sentence.text)]


@lru_cache(maxsize=50_000)
def _relative_word_positions(text: str) -> tuple[tuple[int, str], ...]:
    out = []
    for m in re.finditer(r"\w+(?:[.,]\d+)*", text):
        ts = terms(m.group())
        out.append((m.start(), ts[0] if ts else ""))
    return tuple(out)


def _softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max())
    return z / z.sum()


def _word_index(toks: list[tuple[int, str]], pos: int) -> int:
    idx = 0
    for i, (start, _) in enumerate(toks):
        if start <= pos:
            idx = i
        else:
            break
    return idx
