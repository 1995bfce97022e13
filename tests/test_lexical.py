"""BM25 on tiny corpora: with one or two articles nearly every term is in half the documents,
where classic Robertson IDF goes to zero or negative; scores must stay positive and sensible."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot.lexical import BM25Index, minmax

NATO = "NATO pledged to keep its 16,000 peacekeepers in the Serbian province of Kosovo."
ITALY = "Massimo D'Alema, foreign minister of Italy, which holds the presidency of the Council."


def test_single_document_corpus():
    bm = BM25Index([NATO])
    hits = bm.search("How many peacekeepers does NATO keep in Kosovo?", k=5)
    assert len(hits) == 1
    (i, score), = hits
    assert i == 0 and score > 0


@pytest.mark.parametrize("query, best", [
    ("How many peacekeepers does NATO keep in Kosovo?", 0),
    ("Who holds the presidency?", 1),
    ("Italy foreign minister", 1),
    ("peacekeeper", 0),  # stemmed: singular finds plural
])
def test_two_document_corpus_ranks_the_match_first(query, best):
    bm = BM25Index([NATO, ITALY])
    hits = bm.search(query, k=5)
    assert hits and hits[0][0] == best
    assert all(s > 0 for _, s in hits)
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)


def test_term_in_every_document_scores_non_negative():
    # "Kosovo" is in both documents: Robertson IDF would be log(0.5/2.5) < 0
    bm = BM25Index(["Kosovo talks ended.", "Kosovo status remains open."])
    hits = bm.search("Kosovo", k=5)
    assert sorted(i for i, _ in hits) == [0, 1]
    assert all(s > 0 for _, s in hits)


def test_shared_and_unique_terms_rank_the_unique_match_first():
    bm = BM25Index(["Kosovo talks ended in December.", "Kosovo status talks in Vienna."])
    assert bm.search("Kosovo talks Vienna", k=2)[0][0] == 1


@pytest.mark.parametrize("query", ["", "   ", "the of and is", "???", "zebra unicorn"])
def test_empty_stopword_or_unknown_query_gives_nothing(query):
    assert BM25Index([NATO, ITALY]).search(query, k=5) == []


def test_empty_corpus():
    bm = BM25Index([])
    assert bm.search("anything", k=5) == []


def test_k_is_respected():
    docs = [f"Kosovo report number {i}." for i in range(10)]
    assert len(BM25Index(docs).search("Kosovo report", k=3)) == 3


def test_tokens_are_stemmed_content_words():
    bm = BM25Index([NATO])
    assert bm.tokens("The peacekeepers in Kosovo") == ["peacekeep", "kosovo"]


def test_minmax():
    assert list(minmax(np.array([2.0, 4.0, 3.0]))) == [0.0, 1.0, 0.5]
    assert list(minmax(np.array([5.0, 5.0]))) == [0.0, 0.0]
