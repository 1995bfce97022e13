"""The fitting data: small corpora and their unanswerable questions, the reader's training
examples (the last test needs the seeds index)."""

import pytest

from qa_bot.fit import answer_elsewhere, windows
from qa_bot.squad import SquadQuestion
from qa_bot.types import Document


def _docs(article: int, n: int) -> list[Document]:
    return [Document(id=f"{article}-{i}", text=f"paragraph {i}", title=f"a{article}")
            for i in range(n)]


def test_windows_are_blocks_of_one_article_and_cover_every_paragraph() -> None:
    docs = _docs(0, 23) + _docs(1, 7)
    # shuffled input: blocks follow paragraph order, not input order
    block_of = windows(list(reversed(docs)), size=10)
    assert set(block_of) == {d.id for d in docs}
    for doc_id, block in block_of.items():
        assert doc_id in [d.id for d in block]
        assert {d.id.split("-")[0] for d in block} == {doc_id.split("-")[0]}
    assert [d.id for d in block_of["0-0"]] == [f"0-{i}" for i in range(10)]
    # 23 = 10 + 13: the short tail (3) joins the block before it
    assert [d.id for d in block_of["0-22"]] == [f"0-{i}" for i in range(10, 23)]
    assert block_of["0-12"] is block_of["0-22"]
    # an article shorter than a window is one block
    assert len(block_of["1-0"]) == 7


def test_answer_elsewhere_uses_squad_normalization_and_whole_words() -> None:
    q = SquadQuestion("q", "Who?", "0-0", ["The Normans", "Rollo"], [0, 10])
    assert answer_elsewhere(q, [Document(id="0-1", text="Norse leader: ROLLO.")])
    assert answer_elsewhere(q, [Document(id="0-1", text="a history of the normans")])
    # a substring of another word is not the answer
    assert not answer_elsewhere(q, [Document(id="0-1", text="Rollover and Normansdy")])
    assert not answer_elsewhere(q, [])


def test_question_batches_keep_each_questions_candidates_together() -> None:
    from qa_bot.fit_reader import Example, _question_batches
    from qa_bot.types import Sentence

    s = Sentence("d", 0, 1, "x")
    qs = ["a"] * 4 + ["b"] * 5 + ["c"] * 3 + ["d"] * 4
    exs = [Example(q, s, 0.0, None) for q in qs]
    batches = _question_batches(exs, batch_size=8)
    assert sorted(i for b in batches for i in b) == list(range(len(qs)))
    for b in batches:
        inside = {qs[i] for i in b}
        assert all(sum(qs[i] == q for i in b) == qs.count(q) for q in inside)  # whole questions
        assert len(b) <= 8 or len(inside) == 1
    assert [sorted({qs[i] for i in b}) for b in batches] == [["a"], ["b", "c"], ["d"]]


def test_listwise_loss_is_the_positives_softmax_cross_entropy() -> None:
    import math

    import torch

    from qa_bot.fit_reader import listwise_loss

    rel = torch.tensor([2.0, 0.0, 0.0, 1.0, 1.0])
    labels = torch.tensor([1.0, 0.0, 0.0, 1.0, 1.0])
    # question "a": positive first of three; question "b": only positives, so no term
    loss = listwise_loss(rel, labels, ["a", "a", "a", "b", "b"])
    want = -(2.0 - math.log(math.exp(2.0) + 2.0))
    assert abs(float(loss) - want) < 1e-6
    assert listwise_loss(rel[3:], labels[3:], ["b", "b"]) is None


@pytest.mark.slow
def test_training_examples_take_the_first_stages_top_k_plus_the_gold_sentence(seeds_bot) -> None:
    """``--top-k``: each question trains on that many first-stage sentences, plus its gold
    sentence when the first stage ranked it lower."""
    from qa_bot.fit_reader import training_examples
    from qa_bot.squad import SquadQuestion

    doc = next(d for d in seeds_bot.index.documents.values() if "16,000" in d.text)
    start = doc.text.index("16,000")
    q = SquadQuestion("q1", "How many peacekeepers does NATO keep in Kosovo?", doc.id,
                      ["16,000"], [start])
    for k in (1, 3, 6):
        exs = training_examples(seeds_bot, [q], top_k=k)
        assert k <= len(exs) <= k + 1
        assert sum(e.label for e in exs) >= 1  # the gold sentence is always among them
        assert all(e.question == q.question for e in exs)
        # each carries the context the reader will read it with
        titles = tuple(" ".join(d.title.split()[:12]) for d in seeds_bot.index.documents.values())
        assert all(e.context and e.context.startswith(titles) for e in exs)


def test_the_recorded_command_reproduces_the_run() -> None:
    """reader.json / selector.json record every option given, not only --squad."""
    import argparse

    from qa_bot.fit_reader import command_line

    ap = argparse.ArgumentParser(prog="python -m qa_bot.fit_reader")
    ap.add_argument("--squad", required=True)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--top-k", type=int, default=4)
    ap.add_argument("--soup", nargs="+", default=None)
    assert command_line(ap, ap.parse_args(["--squad", "f", "--soup", "a", "b"])) == \
        "python -m qa_bot.fit_reader --squad f --soup a b"
    assert command_line(ap, ap.parse_args(["--squad", "f.json"])) == \
        "python -m qa_bot.fit_reader --squad f.json"
    assert command_line(ap, ap.parse_args(["--squad", "f.json", "--epochs", "3", "--top-k",
                                           "6"])) == \
        "python -m qa_bot.fit_reader --squad f.json --epochs 3 --top-k 6"


def test_cross_fitting_folds_split_the_fit_half_and_never_touch_the_held_out_half() -> None:
    from qa_bot.fit_reader import reader_articles
    from qa_bot.squad import SquadQuestion, split_by_article

    qs = [SquadQuestion(f"q{i}", "?", f"{i}-0", ["a"], [0], article=f"art {i}")
          for i in range(20)]
    fit_half, held = split_by_article(qs, seed=0)
    fit_arts, held_arts = {q.article for q in fit_half}, {q.article for q in held}
    a0 = reader_articles(qs, 0, 1.0, exclude_fold=0)
    a1 = reader_articles(qs, 0, 1.0, exclude_fold=1)
    assert a0 and a1 and not a0 & a1  # each reader leaves out what the other trains on
    assert a0 | a1 == fit_arts == reader_articles(qs, 0, 1.0)
    assert not (a0 | a1) & held_arts
    with pytest.raises(ValueError):
        reader_articles(qs, 0, 1.0, exclude_fold=2)


def test_each_fit_article_is_read_by_a_reader_that_did_not_train_on_it() -> None:
    from types import SimpleNamespace

    from qa_bot.fit import fold_reader_picker

    r0 = SimpleNamespace(meta={"articles": ["b", "c"]})
    r1 = SimpleNamespace(meta={"articles": ["a", "c"]})
    pick = fold_reader_picker([r0, r1])
    assert pick("a") is r0 and pick("b") is r1
    assert pick("c") is None  # both trained on it: not a fit question


def test_read_items_reads_each_question_with_its_articles_reader_then_restores() -> None:
    from types import SimpleNamespace

    import numpy as np

    from qa_bot.fit import read_items

    class FakeSelector:
        reader = "shipped"

        def score_sentences(self, cands, x) -> None:
            pass

        def read(self, index, question, cands, reader=None):
            return {0: reader or self.reader}

    def item(article: str) -> SimpleNamespace:
        return SimpleNamespace(q=SimpleNamespace(article=article, question="?"), bot=None,
                               cands=[1], x=np.ones((1, 1)), u_cands=[], u_x=np.zeros((0, 1)))

    sel, items = FakeSelector(), [item("a"), item("b")]
    read_items(sel, SimpleNamespace(index=None), items, "t",
               lambda art: {"a": "fold0", "b": "fold1"}[art])
    assert [it.reads[0] for it in items] == ["fold0", "fold1"]
    assert all(it.u_reads == {} for it in items)
    assert sel.reader == "shipped"  # restored for the held-out half
    read_items(sel, SimpleNamespace(index=None), items, "t")
    assert [it.reads[0] for it in items] == ["shipped", "shipped"]


def _reader_dir(folder, state: dict, **meta) -> object:
    from qa_bot import reader as rd
    from qa_bot.models import default_model_path
    from qa_bot.weights import base_weights_file, file_sha256, save_state

    folder.mkdir()
    base = {"base_sha256": file_sha256(base_weights_file(default_model_path())),
            "articles": ["A", "B"], "split_seed": 0, "fraction": 0.7, "trained": ["qa."],
            "context": None, "epochs": 2, "top_k": 4}
    save_state(state, base | meta, folder / rd.WEIGHTS_PATH.name,
                  folder / rd.META_PATH.name)
    return folder


def test_soup_averages_readers_of_the_same_articles_and_refuses_others(tmp_path) -> None:
    import torch

    from qa_bot.fit_reader import soup

    a = _reader_dir(tmp_path / "a", {"qa.weight": torch.ones(2, 3), "qa.bias": torch.zeros(3)})
    b = _reader_dir(tmp_path / "b", {"qa.weight": 3 * torch.ones(2, 3),
                                     "qa.bias": torch.ones(3)}, epochs=3)
    state, meta = soup([a, b])
    assert torch.allclose(state["qa.weight"], torch.full((2, 3), 2.0), atol=0.02)
    assert torch.allclose(state["qa.bias"], torch.full((3,), 0.5), atol=0.01)
    assert meta["articles"] == ["A", "B"] and [s["epochs"] for s in meta["soup"]] == [2, 3]
    other = _reader_dir(tmp_path / "c", {"qa.weight": torch.ones(2, 3),
                                         "qa.bias": torch.zeros(3)}, articles=["C"])
    with pytest.raises(SystemExit, match="same articles"):
        soup([a, other])
    with pytest.raises(SystemExit, match="at least two"):
        soup([a])


@pytest.mark.slow
def test_small_corpus_examples_add_the_articles_own_competitors_once(seeds_bot) -> None:
    """``--small-corpora``: a question also trains on its top sentences in its small corpus
    (``windows``), each sentence once, after the big corpus's own."""
    from qa_bot import QABot
    from qa_bot.fit_reader import training_examples

    docs = []
    for a, d in enumerate(seeds_bot.index.documents.values()):
        paras = [p for p in d.text.split("\n") if len(p.split()) > 5]
        docs += [Document(id=f"{a}-{i}", text=p, title=d.title) for i, p in enumerate(paras)]
    big = QABot.build(docs)
    para = next(d for d in docs if "16,000" in d.text)
    q = SquadQuestion("q1", "How many peacekeepers does NATO keep in Kosovo?", para.id,
                      ["16,000"], [para.text.index("16,000")], article=para.id.split("-")[0])
    alone = training_examples(big, [q], top_k=2)
    both = training_examples(big, [q], top_k=2, small_docs=docs)
    keys = [(e.sentence.doc_id, e.sentence.start) for e in both]
    assert len(keys) == len(set(keys))  # a sentence both rankings chose is one example
    assert keys[: len(alone)] == [(e.sentence.doc_id, e.sentence.start) for e in alone]
    block = {d.id for d in windows(docs)[para.id]}
    assert all(k[0] in block for k in keys[len(alone):])  # the rest come from its own block
    for e in both:
        holds = e.sentence.doc_id == para.id and e.sentence.start <= q.answer_starts[0] < \
            e.sentence.end
        assert e.label == float(holds)


@pytest.mark.slow
def test_near_miss_items_ask_a_copy_of_the_paragraph_without_the_answers_sentences(
        seeds_bot) -> None:
    """``--near-miss-fit``: the unanswerable asking sees a copy of the question's paragraph
    with the answer's sentence cut, never the paragraph itself; the answerable asking never
    sees the copies."""
    from qa_bot.fit import collect_near_miss
    from qa_bot.selector import AnswerSelector

    docs = []
    for a, d in enumerate(seeds_bot.index.documents.values()):
        paras = [p for p in d.text.split("\n") if len(p.split()) > 5]
        docs += [Document(id=f"{a}-{i}", text=p, title=d.title) for i, p in enumerate(paras)]
    para = next(d for d in docs if "16,000" in d.text and d.text.count(".") > 1)
    q = SquadQuestion("q1", "How many peacekeepers does NATO keep in Kosovo?", para.id,
                      ["16,000"], [para.text.index("16,000")], article=para.id.split("-")[0])
    (it,) = collect_near_miss(AnswerSelector(), [q], docs, "near-miss")
    copy = f"{para.id}#cut-q1"
    text = it.bot.index.documents[copy].text
    kept = [s.text for s in it.bot.index.sentences if s.doc_id == para.id
            and "16,000" not in s.text]
    assert text == " ".join(kept) and kept and "16,000" not in text
    assert len(kept) < sum(s.doc_id == para.id for s in it.bot.index.sentences)  # one was cut
    assert para.id in it.u_exclude and copy not in it.u_exclude
    assert copy in it.hidden
    chunks = it.bot.index.chunks

    def docs_of(scored: list) -> set[str]:
        return {chunks[s.chunk_id].doc_id for s in scored}

    assert copy not in docs_of(it.scored) and para.id in docs_of(it.scored)
    assert copy in docs_of(it.u_scored) and para.id not in docs_of(it.u_scored)


def test_read_one_margin_is_the_smallest_within_tolerance_on_both_corpora(monkeypatch) -> None:
    """The first-stage margin over which one sentence is read: the smallest on the grid whose
    fit-half sentence accuracy stays within the tolerance of reading them all, on the whole
    corpus *and* on small corpora."""
    from qa_bot import fit
    from qa_bot.selector import AnswerSelector

    big, small = ["big"], ["small"]
    loss = {"big": {1.0: 0.01, 1.5: 0.001, 2.0: 0.0}, "small": {1.0: 0.0, 1.5: 0.003}}

    def accuracy(selector, items):
        m = selector.read_one_margin
        return 0.8 - (0.0 if m is None else loss[items[0]].get(m, 0.0))

    monkeypatch.setattr(fit, "sentence_accuracy", accuracy)
    monkeypatch.setattr(fit, "read_once_share", lambda selector, items: 0.5)
    sel = AnswerSelector()
    chosen, trials = fit.choose_read_one_margin(sel, big, small, tolerance=0.002)
    assert chosen == 2.0 and sel.read_one_margin == 2.0  # 1.5 loses 0.003 on small corpora
    assert trials[0]["margin"] is None and [t["margin"] for t in trials[1:]] == fit.READ_ONE_GRID
    loss["big"][2.0] = loss["small"][2.0] = 0.5  # no margin keeps accuracy: read them all...
    for m in fit.READ_ONE_GRID:
        loss["big"][m] = 0.5
    assert fit.choose_read_one_margin(sel, big, small)[0] is None
    assert sel.read_one_margin is None


def test_news_questions_are_the_standalone_ones_labelled_by_their_evidence(tmp_path) -> None:
    """``--news``: singles, first turns and unanswerable questions join the fit; a follow-up
    turn (its meaning is the conversation's) and an answer the article lacks do not."""
    import json

    from qa_bot.fit import news_questions

    text = "Ann Lee runs Acme. Acme makes jam. Jam costs $3."
    rows = [
        {"id": "s", "question": "Who runs Acme?", "answers": ["Ann Lee"], "doc_id": "a",
         "evidence": [{"start": 0, "end": 7}], "type": "single"},
        {"id": "t1", "question": "What does Acme make?", "answers": ["jam"], "doc_id": "a",
         "type": "conversation", "conversation": "c", "turn": 1},
        {"id": "t2", "question": "How much is it?", "answers": ["$3"], "doc_id": "a",
         "type": "conversation", "conversation": "c", "turn": 2},
        {"id": "u", "question": "Where is Acme?", "answers": [], "doc_id": "a",
         "type": "unanswerable"},
        {"id": "x", "question": "Who founded Acme?", "answers": ["Bob"], "doc_id": "a",
         "type": "single"},
        {"id": "o", "question": "Who runs Zed?", "answers": ["Ann"], "doc_id": "zz",
         "type": "single"},
    ]
    gold = tmp_path / "dev.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    qs = {q.id: q for q in news_questions(gold, {"a": text})}
    assert set(qs) == {"s", "t1", "u"}
    assert qs["s"].answer_starts == [0] and not qs["s"].impossible
    assert qs["t1"].answer_starts == [text.index("jam")]  # no evidence: where the text is
    assert qs["u"].impossible and qs["u"].answer_starts == []
    assert all(q.article == q.doc_id == "a" for q in qs.values())


@pytest.mark.slow
def test_news_items_ask_each_question_over_its_own_article_alone(seeds_bot) -> None:
    """A news question is asked as ``--one-article`` asks it: every other article hidden;
    only an unanswerable question has an unanswerable asking."""
    from qa_bot.fit import collect_news
    from qa_bot.selector import AnswerSelector

    docs = seeds_bot.index.documents
    ids = sorted(docs, key=lambda i: "16,000" not in docs[i].text)  # the NATO article first
    text = docs[ids[0]].text
    qs = [SquadQuestion("a", "How many peacekeepers does NATO keep in Kosovo?", ids[0],
                        ["16,000"], [text.index("16,000")], article=ids[0]),
          SquadQuestion("u", "What is the capital of Australia?", ids[1], [], [],
                        impossible=True, article=ids[1])]
    ans, una = collect_news(seeds_bot, AnswerSelector(), qs, "news")
    assert [it.q.id for it in ans] == ["a"] and [it.q.id for it in una] == ["u"]
    assert not ans[0].u_ok and una[0].u_ok
    chunks = seeds_bot.index.chunks
    for it, own in ((ans[0], ids[0]), (una[0], ids[1])):
        assert it.hidden == frozenset(ids) - {own} == it.u_exclude
        assert {chunks[s.chunk_id].doc_id for s in it.scored + it.u_scored} == {own}
    assert ans[0].y.any()  # a candidate sentence holds the answer


def test_fit_refuses_a_news_folder_without_its_splits_before_any_work(tmp_path) -> None:
    from qa_bot.fit import main

    (tmp_path / "dev.jsonl").write_text("")
    with pytest.raises(SystemExit, match=r"no articles, test\.jsonl there"):
        main(["--squad", str(tmp_path / "none.json"), "--news", str(tmp_path)])


def test_fit_refuses_a_threshold_no_confidence_can_meet(tmp_path, capsys) -> None:
    from qa_bot.fit import main

    with pytest.raises(SystemExit):
        main(["--squad", str(tmp_path / "none.json"), "--threshold", "25"])
    assert "between 0 and 1" in capsys.readouterr().err
