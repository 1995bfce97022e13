"""The evaluation's scoring, on hand-made data and a fake bot (no models)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from qa_bot import metrics as M
from qa_bot.evaluation import (
    EvalError,
    EvalItem,
    Record,
    load_gold,
    main,
    run_items,
    score_record,
    squad_items,
    summarize,
    wh_word,
)
from qa_bot.question import QuestionError
from qa_bot.types import Answer, Passage

ROOT = Path(__file__).resolve().parents[1]


# ---- SQuAD normalization, EM, F1 --------------------------------------------------------------
@pytest.mark.parametrize("raw, norm", [
    ("The Denver Broncos", "denver broncos"),
    ("  Denver   Broncos. ", "denver broncos"),
    ("an apple a day", "apple day"),
    ("Thea's theory", "theas theory"),  # "the" only as a whole word
    ("16,000", "16000"),
    ("Saint-Denis, France!", "saintdenis france"),
])
def test_normalize_answer(raw, norm):
    assert M.normalize_answer(raw) == norm


def test_exact_match_and_f1_known_squad_cases():
    assert M.exact_match("the Denver Broncos", "Denver Broncos") == 1.0
    assert M.exact_match("Broncos", "Denver Broncos") == 0.0
    assert M.f1_score("Broncos", "Denver Broncos") == pytest.approx(2 / 3)
    assert M.f1_score("Denver Broncos won", "Denver Broncos") == pytest.approx(0.8)
    assert M.f1_score("Panthers", "Denver Broncos") == 0.0
    assert M.f1_score("", "Denver Broncos") == 0.0
    # max over gold answers
    assert M.best_em("Santa Clara", ["Levi's Stadium", "Santa Clara, California", "Santa Clara"]) \
        == 1.0
    assert M.best_f1("Santa Clara", ["Levi's Stadium", "Santa Clara, California"]) == \
        pytest.approx(0.8)
    assert M.best_em("x", []) == 0.0


def test_answer_in_text_respects_token_boundaries():
    sent = "NATO keeps some 16,000 peacekeepers in Kosovo, Ban Ki-moon said."
    assert M.answer_in_text(["16,000"], sent)
    assert M.answer_in_text(["nope", "Ban Ki-moon"], sent)
    assert not M.answer_in_text(["Ban"], "The Bank of Kosovo")
    assert M.answer_in_text(["Wednesday"], "The council ended Wednesday's consultations.")
    assert not M.answer_in_text(["Wed"], "The council ended Wednesday's consultations.")
    assert not M.answer_in_text([], sent)
    assert not M.answer_in_text(["the"], sent)  # normalizes to nothing: never a match


def test_overlaps_is_half_open():
    assert M.overlaps(10, 20, [(19, 30)])
    assert not M.overlaps(10, 20, [(20, 30)])
    assert not M.overlaps(10, 20, [(0, 10)])
    assert M.overlaps(10, 20, [(0, 5), (12, 13)])
    assert not M.overlaps(10, 20, [])


# ---- rankings ---------------------------------------------------------------------------------
def test_recall_and_mrr_on_hand_made_rankings():
    ranks = [M.first_hit(r) for r in (
        [True, False, False],          # 1
        [False, False, True, True],    # 3
        [False, False, False, False],  # miss
        [False, True],                 # 2
    )]
    assert ranks == [1, 3, None, 2]
    assert M.recall_at(ranks, 1) == 0.25
    assert M.recall_at(ranks, 3) == 0.75
    assert M.recall_at(ranks, 5) == 0.75
    assert M.mrr(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert M.recall_at([], 1) is None and M.mrr([]) is None


# ---- abstention -------------------------------------------------------------------------------
def test_abstention_prf():
    should = [True, True, True, False, False, False, False]
    did = [True, True, False, True, False, False, False]
    prf = M.abstention_prf(should, did)
    assert (prf.tp, prf.fp, prf.fn, prf.tn) == (2, 1, 1, 3)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 3)
    assert prf.f1 == pytest.approx(2 / 3)
    none = M.abstention_prf([False, False], [False, False])
    assert none.precision is None and none.recall is None and none.f1 is None
    zero = M.abstention_prf([True, False], [False, True])
    assert zero.precision == 0.0 and zero.recall == 0.0 and zero.f1 == 0.0
    with pytest.raises(ValueError):
        M.abstention_prf([True], [])


# ---- calibration and coverage -----------------------------------------------------------------
def test_calibration_bins_and_ece():
    conf = [0.05, 0.15, 0.15, 0.95, 1.0]
    ok = [False, True, False, True, True]
    bins, ece = M.calibration_bins(conf, ok, 10)
    assert len(bins) == 10 and sum(b.count for b in bins) == 5
    assert bins[0].count == 1 and bins[0].accuracy == 0.0
    assert bins[1].count == 2 and bins[1].accuracy == 0.5
    assert bins[1].mean_confidence == pytest.approx(0.15)
    assert bins[9].count == 2  # 1.0 lands in the last, closed bin
    assert bins[5].count == 0 and bins[5].accuracy is None
    expected = (1 / 5) * 0.05 + (2 / 5) * 0.35 + (2 / 5) * abs(1 - 0.975)
    assert ece == pytest.approx(expected)
    assert M.calibration_bins([], [])[1] is None


def test_coverage_curve_orders_thresholds_and_keeps_ties_together():
    conf = [0.9, 0.8, 0.8, 0.3, 0.1]
    ok = [True, False, True, False, True]
    answered = [True, True, True, True, False]  # the last one abstained: never kept
    pts = M.coverage_curve(conf, ok, answered)
    assert [p.threshold for p in pts] == [0.3, 0.8, 0.9]
    assert [p.answered for p in pts] == [4, 3, 1]
    assert [p.coverage for p in pts] == [pytest.approx(x) for x in (4 / 5, 3 / 5, 1 / 5)]
    assert [p.accuracy for p in pts] == [pytest.approx(x) for x in (2 / 4, 2 / 3, 1.0)]


def test_thin_keeps_ends_and_bounds_size():
    from qa_bot.evaluation import _thin

    pts = list(range(1000))
    thin = _thin(pts, 200)
    assert len(thin) == 200 and thin[0] == 0 and thin[-1] == 999
    assert thin == sorted(set(thin))
    assert _thin(pts[:50], 200) == pts[:50]


def test_percentile():
    assert M.percentile([3, 1, 2], 50) == 2
    assert M.percentile([0, 10], 95) == pytest.approx(9.5)
    assert M.percentile([], 50) is None


# ---- a fake bot -------------------------------------------------------------------------------
DOC_A, DOC_B = "doc-a", "doc-b"
TEXT_A = "Alice founded Acme in 1999. Acme makes rockets. She lives in Paris."
TEXT_B = "Bob runs Bolt. Bolt sells bikes."


class FakeBot:
    """Answers from a lookup table; records what it was asked with."""

    def __init__(self, table: dict, with_exclude: bool = True) -> None:
        self.table, self.calls = table, []
        self.index = SimpleNamespace(documents={DOC_A: SimpleNamespace(id=DOC_A),
                                                DOC_B: SimpleNamespace(id=DOC_B)})
        self.warnings: list[str] = []
        self.removed: list[list[str]] = []
        self.added: list[list[str]] = []
        if not with_exclude:
            self.ask = self._ask_plain  # type: ignore[method-assign]

    def ask(self, question, history=None, exclude_docs=None):
        return self._answer(question, history, exclude_docs)

    def _ask_plain(self, question, history=None):
        return self._answer(question, history, None)

    def _answer(self, question, history, exclude):
        self.calls.append((question, [dict(m) for m in history or []], exclude))
        entry = self.table[question]
        if isinstance(entry, Exception):
            raise entry
        if entry is None:
            return Answer("The articles don't say.", "", [], 0.1, True, question, "", [])
        doc, s0, s1, text, conf = entry
        full = TEXT_A if doc == DOC_A else TEXT_B
        cite = Passage(doc, "t", full, 0, len(full), 1.0, sentence_start=s0, sentence_end=s1)
        return Answer(text, full[s0:s1], [cite], conf, False, question + " (q)", "what", [cite])

    def retrieve(self, question, k=5):
        # rank doc-b first for questions mentioning Bolt, else doc-a
        order = [DOC_B, DOC_A] if "Bolt" in question else [DOC_A, DOC_B]
        ps = []
        for d in order:
            full = TEXT_A if d == DOC_A else TEXT_B
            ps.append(Passage(d, "t", full, 0, len(full), 1.0))
        return ps[:k]

    def remove_documents(self, ids, save=True):
        assert save is False
        self.removed.append(sorted(ids))

    def add_documents(self, docs, save=True):
        assert save is False
        self.added.append(sorted(d.id for d in docs))

    def info(self):
        return {"model": "fake", "index_dir": None, "index_kind": "flat",
                "counts": {"documents": 2}}


def _item(iid, q, answers, doc=DOC_A, ev=(0, 27), typ="factoid", **kw):
    return EvalItem(id=iid, question=q, answers=answers, doc_id=doc if answers else None,
                    evidence=[ev] if answers else [], type=typ,
                    answer_type=kw.pop("answer_type", "person"),
                    should_abstain=not answers, **kw)


ITEMS = [
    _item("q1", "Who founded Acme?", ["Alice"]),
    _item("q2", "When was Acme founded?", ["1999"], answer_type="date"),  # abstains: wrong
    _item("q3", "Who runs Bolt?", ["Bob"], doc=DOC_B, ev=(0, 14)),  # wrong citation doc
    _item("q4", "What is the capital of Mars?", [], typ="unanswerable", answer_type="none"),
    _item("q5", "Who is the CEO of Bolt?", [], typ="unanswerable", answer_type="none"),
    _item("c1", "Who founded Acme?!", ["Alice"], typ="followup", conversation="c", turn=1),
    _item("c2", "Where does she live?", ["Paris"], ev=(48, 67), typ="followup",
          conversation="c", turn=2, answer_type="place"),
]
TABLE = {
    "Who founded Acme?": (DOC_A, 0, 27, "Alice", 0.9),
    "When was Acme founded?": None,
    "Who runs Bolt?": (DOC_A, 0, 27, "Bob", 0.6),  # text right, sentence/citation wrong
    "What is the capital of Mars?": None,
    "Who is the CEO of Bolt?": (DOC_B, 0, 14, "Bob", 0.4),
    "Who founded Acme?!": (DOC_A, 0, 27, "Alice Smith", 0.8),
    "Where does she live?": (DOC_A, 48, 67, "Paris", 0.7),
}


def test_run_items_scores_and_denominators():
    bot = FakeBot(TABLE)
    records = run_items(bot, ITEMS, progress=False)
    by = {r.id: r for r in records}
    assert by["q1"].correct and by["q1"].em == 1.0 and by["q1"].citation_ok
    assert by["q1"].doc_rank == 1 and by["q1"].evidence_rank == 1
    assert by["q2"].abstained and by["q2"].em == 0.0 and by["q2"].sentence_ok is False
    assert by["q3"].em == 1.0 and not by["q3"].sentence_ok and not by["q3"].citation_ok
    assert by["q3"].doc_rank == 1  # "Bolt" in the searched query ranks doc-b first
    assert by["c1"].f1 == pytest.approx(2 / 3) and by["c1"].sentence_ok
    assert by["q4"].correct and not by["q5"].correct
    s = summarize(records)
    c = s["counts"]
    assert (c["questions"], c["answerable"], c["should_abstain"]) == (7, 5, 2)
    # the abstention on q2 stays in every answerable denominator
    assert s["answers"]["exact_match"] == pytest.approx((1 + 0 + 1 + 0 + 1) / 5)
    assert s["answers"]["sentence_accuracy"] == pytest.approx(3 / 5)
    assert s["answers"]["citation_accuracy"] == pytest.approx(3 / 5)
    assert s["answered_only"]["coverage"] == pytest.approx(4 / 5)
    assert s["answered_only"]["answered_accuracy"] == pytest.approx(3 / 4)
    ab = s["abstention"]
    assert (ab["tp"], ab["fp"], ab["fn"]) == (1, 1, 1)
    assert ab["precision"] == 0.5 and ab["recall"] == 0.5
    assert s["overall_accuracy"]["value"] == pytest.approx(4 / 7)
    assert "5 answerable" in s["answers"]["denominator"]
    assert s["breakdown"]["type"]["unanswerable"]["abstention_recall"] == 0.5
    assert s["breakdown"]["answer_type"]["date"]["sentence_accuracy"] == 0.0
    assert sum(b["count"] for b in s["calibration"]["bins"]) == c["answered"] == 5
    assert s["latency_ms"]["p50"] is not None


class WithholdingBot(FakeBot):
    """Abstains on the questions of ``withheld``, naming the sentence it withheld."""

    def __init__(self, table: dict, withheld: dict[str, tuple[int, int, float]]) -> None:
        super().__init__(table)
        self.withheld = withheld

    def _answer(self, question, history, exclude):
        if question not in self.withheld:
            return super()._answer(question, history, exclude)
        s0, s1, conf = self.withheld[question]
        return Answer("The articles don't say.", "", [], conf, True, question, "", [],
                      withheld=TEXT_A[s0:s1])


def test_withheld_sentences_extend_the_curve_past_the_operating_point():
    # q2's withheld sentence holds no "1999"; c2's holds "Paris"; q4 (should abstain) had one
    bot = WithholdingBot(TABLE, {"When was Acme founded?": (28, 47, 0.2),
                                 "Where does she live?": (48, 67, 0.15),
                                 "What is the capital of Mars?": (0, 27, 0.1)})
    records = run_items(bot, ITEMS, progress=False)
    by = {r.id: r for r in records}
    assert by["q2"].withheld_ok is False and by["c2"].withheld_ok is True
    assert by["c2"].sentence_ok is False  # an abstention still scores 0 as an answer
    assert by["q4"].correct and by["q4"].withheld_ok is None
    s = summarize(records)
    na = s["never_abstaining"]
    # answerable: q1 right, q2 withheld wrong, q3 wrong, c1 right, c2 withheld right
    assert na["sentence_accuracy"] == pytest.approx(3 / 5)
    assert (na["withheld"], na["withheld_right"]) == (2, 1)
    assert s["answers"]["sentence_accuracy"] == pytest.approx(2 / 5)
    # the lowest threshold keeps all seven sentences (q4's and q5's wrong as answers)
    low = s["coverage_curve"][0]
    assert (low["answered"], low["coverage"]) == (7, 1.0)
    assert low["accuracy"] == pytest.approx(3 / 7)
    # at the operating point's lowest given confidence (0.4) the curve is the answers alone
    at = next(p for p in s["coverage_curve"] if p["threshold"] == 0.4)
    assert at["answered"] == 4


def test_conversation_history_holds_the_bots_own_answers():
    bot = FakeBot(TABLE)
    run_items(bot, ITEMS, progress=False)
    calls = {q: h for q, h, _ in bot.calls}
    assert calls["Who founded Acme?!"] == []
    assert calls["Where does she live?"] == [
        {"role": "user", "content": "Who founded Acme?!"},
        {"role": "assistant", "content": "Alice Smith"},  # the bot's answer, not gold "Alice"
    ]
    assert calls["Who founded Acme?"] == []  # not a conversation: no history


def test_question_errors_abstain_and_crashes_are_errors():
    table = dict(TABLE)
    table["Who founded Acme?"] = QuestionError("bad question")
    table["What is the capital of Mars?"] = RuntimeError("boom")
    records = run_items(FakeBot(table), ITEMS[:4], progress=False)
    assert records[0].abstained and records[0].error is None and not records[0].correct
    assert records[3].error == "RuntimeError: boom" and not records[3].correct
    s = summarize(records)
    assert s["counts"]["errors"] == 1
    assert s["abstention"]["fn"] == 1  # an error is not a (correct) abstention


def test_exclusion_uses_exclude_docs_or_removes_and_restores():
    removal = [_item("r1", "Who runs Bolt?", [], typ="removed-article")]
    removal[0].exclude_docs = frozenset({DOC_B})
    removal[0].should_abstain = True
    bot = FakeBot(TABLE)
    run_items(bot, removal, progress=False)
    assert bot.calls[-1][2] == {DOC_B} and not bot.removed
    plain = FakeBot(TABLE, with_exclude=False)
    run_items(plain, ITEMS[:1] + removal, progress=False)
    assert plain.removed == [[DOC_B]] and plain.added == [[DOC_B]]


def test_score_record_is_pure():
    it = _item("x", "Who?", ["Alice"])
    rec = Record(id="x", question="Who?", type="factoid", answer_type="person",
                 should_abstain=False, answer="alice", sentence="Alice founded Acme.",
                 citation={"doc_id": DOC_A, "sentence_start": 20, "sentence_end": 40},
                 retrieved=[[DOC_B, 0, 10], [DOC_A, 30, 60]])
    score_record(rec, it)
    assert rec.doc_rank == 2 and rec.evidence_rank is None  # doc-a 30-60 misses 0-27
    assert rec.citation_ok  # 20-40 overlaps 0-27


# ---- inputs -----------------------------------------------------------------------------------
def _squad_file(tmp_path: Path) -> Path:
    data = {"version": "v2.0", "data": [
        {"title": "Acme_Corp", "paragraphs": [
            {"context": TEXT_A, "qas": [
                {"id": "a1", "question": "Who founded Acme?", "is_impossible": False,
                 "answers": [{"text": "Alice", "answer_start": 0}]},
                {"id": "a2", "question": "Who bought Acme?", "is_impossible": True,
                 "answers": [], "plausible_answers": [{"text": "Bob", "answer_start": 0}]}]},
            {"context": "Acme has 40 staff.", "qas": [
                {"id": "a3", "question": "How many staff does Acme have?",
                 "answers": [{"text": "40", "answer_start": 9}]}]}]},
        {"title": "Bolt", "paragraphs": [
            {"context": TEXT_B, "qas": [
                {"id": "b1", "question": "Who runs Bolt?", "is_impossible": False,
                 "answers": [{"text": "Bob", "answer_start": 0}]}]}]},
    ]}
    path = tmp_path / "tiny-v2.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_squad_v2_is_impossible_and_removal(tmp_path):
    from qa_bot.squad import load_squad

    docs, questions = load_squad(_squad_file(tmp_path))
    assert len(docs) == 3
    items = {i.id: i for i in squad_items(questions, 0, 0)}
    assert items["a2"].should_abstain and items["a2"].type == "impossible"
    assert not items["a1"].should_abstain and items["a1"].evidence == [(0, 5)]
    assert items["a3"].evidence == [(9, 11)]
    sampled = squad_items(questions, 2, 0, removal=5)
    main_ids = [i.id for i in sampled if not i.exclude_docs]
    removed = [i for i in sampled if i.exclude_docs]
    assert len(main_ids) == 2
    assert removed and all(i.should_abstain and i.type == "removed-article" for i in removed)
    assert all(i.id.removesuffix("#removed") not in main_ids for i in removed)
    for i in removed:  # the whole article goes, not just the paragraph
        art = i.doc_id.rsplit("-", 1)[0]
        assert i.exclude_docs == {d.id for d in docs if d.id.startswith(art + "-")}


def test_squad_sample_skips_the_articles_the_selector_was_fitted_on(tmp_path):
    from qa_bot.evaluation import held_out_questions
    from qa_bot.squad import load_squad, split_by_article

    path = _squad_file(tmp_path)
    _, questions = load_squad(path)
    params = tmp_path / "selector.json"
    params.write_text(json.dumps({"fitted": True, "training": {
        "data": path.name, "seed": 3, "split": "by article"}}))
    fit_q, held_q = split_by_article(questions, seed=3)
    pool, note, fit_articles = held_out_questions(path, questions, params_path=params)
    assert [q.id for q in pool] == [q.id for q in held_q] and "held-out" in note
    assert fit_articles == {q.article for q in fit_q}
    everything, _, _ = held_out_questions(path, questions, include_fit=True, params_path=params)
    assert len(everything) == len(questions)
    params.write_text(json.dumps({"fitted": True, "training": {"data": "other.json"}}))
    pool, _, fit_articles = held_out_questions(path, questions, params_path=params)
    assert len(pool) == len(questions) and fit_articles is None


def test_load_gold_orders_conversations_and_reports_bad_lines(tmp_path):
    items = load_gold(ROOT / "eval" / "gold.jsonl")
    seen: list[str] = []
    for it in items:
        if it.conversation and (not seen or seen[-1] != it.conversation):
            assert it.conversation not in seen and it.turn == 1
            seen.append(it.conversation)
    assert sum(it.should_abstain for it in items) == sum(it.type == "unanswerable" for it in items)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "q?", "answers": []}\n{not json\n')
    with pytest.raises(EvalError, match="line 2"):
        load_gold(bad)
    with pytest.raises(EvalError):
        load_gold(tmp_path / "missing.jsonl")


def test_wh_word():
    assert wh_word("How many peacekeepers does NATO keep?") == "how many"
    assert wh_word("In what year did it end?") == "what year"
    assert wh_word("Who is he?") == "who"
    assert wh_word("Name the river.") == "other"


def _mini_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "mini.jsonl"
    rows = [{"id": i.id, "question": i.question, "answers": i.answers, "doc_id": i.doc_id,
             "evidence": {"start": i.evidence[0][0], "end": i.evidence[0][1]}
             if i.evidence else None, "type": i.type, "answer_type": i.answer_type,
             "conversation": i.conversation, "turn": i.turn} for i in ITEMS]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return gold


@pytest.mark.parametrize("argv", [
    ["eval", "--", "--gold", "{gold}", "--out", "{out}", "--no-progress"],
    ["eval", "--gold", "{gold}", "--out", "{out}", "--no-progress"],
])
def test_cli_eval_runs_end_to_end_on_a_fake_bot(tmp_path, monkeypatch, capsys, argv):
    from qa_bot import cli
    from qa_bot.bot import QABot

    gold, out = _mini_gold(tmp_path), tmp_path / "reports"
    monkeypatch.setattr(QABot, "load", classmethod(lambda cls, **kw: FakeBot(TABLE)))
    code = cli.main([a.format(gold=gold, out=out) for a in argv])
    assert code == 0
    text = capsys.readouterr().out
    assert "answer-sentence accuracy" in text and "60.0%" in text
    assert (out / "latest-gold-mini.md").exists()
    assert (out / "latest-gold-mini-reliability.png").exists()


def test_cli_eval_rejects_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["--squad", str(bad), "--out", str(tmp_path)]) == 2
    assert "cannot read SQuAD file" in capsys.readouterr().err
    assert main(["--unanswerable-by-removal", "3"]) == 2


# ---- the news benchmark (eval/news/) ----------------------------------------------------------
NEWS = ROOT / "eval" / "news"


def test_load_gold_takes_one_evidence_span_or_several(tmp_path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(
        '{"id": "a", "question": "q?", "answers": ["x"], "evidence": {"start": 1, "end": 2}}\n'
        '{"id": "b", "question": "q?", "answers": ["x"], '
        '"evidence": [{"start": 1, "end": 2}, {"start": 5, "end": 6}]}\n'
        '{"id": "c", "question": "q?", "answers": ["x"], "evidence": null}\n')
    a, b, c = load_gold(gold)
    assert a.evidence == [(1, 2)] and b.evidence == [(1, 2), (5, 6)] and c.evidence == []


@pytest.mark.parametrize("split", ["dev", "test", "test2"])
def test_every_news_answer_is_written_in_its_article(split) -> None:
    """The news benchmark's answers are verbatim article text, as the scoring assumes
    (a gold answer inside the bot's sentence), and its evidence points at the first one."""
    from qa_bot.loader import load_paths

    docs = {d.id: d for d in load_paths([NEWS / "articles"]).documents}
    items = load_gold(NEWS / f"{split}.jsonl")
    assert len({it.id for it in items}) == len(items)
    for it in items:
        text = docs[it.doc_id].text
        assert all(a and a in text for a in it.answers), it.id
        assert it.should_abstain == (not it.answers), it.id
        if it.answers:
            assert it.evidence and all(text[a:b] == it.answers[0] for a, b in it.evidence)
    # each split's questions are about its own articles
    assert {it.doc_id.split("-")[0] for it in items} == \
        {"dev": {"art3", "art4"}, "test": {"art5"}, "test2": {"art6"}}[split]


def test_eval_over_a_folder_of_articles(tmp_path, monkeypatch, capsys) -> None:
    from qa_bot.bot import QABot

    seen: dict = {}

    bots: list[FakeBot] = []

    def load(cls, **kw):
        seen.update(kw)
        bots.append(FakeBot(TABLE))
        return bots[-1]

    monkeypatch.setattr(QABot, "load", classmethod(load))
    folder = tmp_path / "articles"
    folder.mkdir()
    out = tmp_path / "reports"
    argv = ["--gold", str(_mini_gold(tmp_path)), "--articles", str(folder), "--out", str(out),
            "--no-progress"]
    assert main(argv) == 0
    assert seen["seeds"] == folder and "articles-articles-" in str(seen["index_dir"])
    assert (out / "latest-gold-mini.md").exists()
    assert all(exclude is None for _q, _h, exclude in bots[-1].calls)
    # --one-article: each question over its own article, the others left out
    assert main([*argv, "--one-article"]) == 0
    asked = {q: exclude for q, _h, exclude in bots[-1].calls}
    for it in ITEMS:
        if it.doc_id:
            assert asked[it.question] == {DOC_A, DOC_B} - {it.doc_id}, it.question
    assert main(["--gold", str(_mini_gold(tmp_path)), "--one-article"]) == 2
    # not a folder; not with a SQuAD file, which holds its own corpus
    assert main(["--gold", str(_mini_gold(tmp_path)), "--articles", str(tmp_path / "no"),
                 "--out", str(out)]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert main(["--squad", "x.json", "--articles", str(folder)]) == 2
    assert "--articles is for a gold file" in capsys.readouterr().err
