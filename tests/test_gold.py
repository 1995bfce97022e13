"""Sanity checks for the hand-written gold question set (eval/gold.jsonl)."""
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold.jsonl"
SEEDS = ROOT / "seeds"
DOC_000 = "000_4629fa3c4aad59ae"
TITLE_000 = "Kosovo: Internationally Mediated Talks End Without A Deal"

TYPES = {"factoid", "paraphrase", "single-article", "followup", "unanswerable"}
ANSWER_TYPES = {"person", "organization", "date", "number", "place", "quote", "phrase", "none"}
REQUIRED = {"id", "question", "answers", "doc_id", "evidence", "type", "answer_type"}
MINIMUMS = {"factoid": 30, "paraphrase": 12, "single-article": 10, "unanswerable": 16}


def _load_doc(doc_id):
    return (SEEDS / f"{doc_id}.txt").read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def items():
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    out = []
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"blank line {n}"
        obj = json.loads(line)
        assert isinstance(obj, dict), f"line {n} is not an object"
        out.append(obj)
    return out


@pytest.fixture(scope="module")
def docs(items):
    ids = {it["doc_id"] for it in items if it.get("doc_id")}
    ids.add(DOC_000)
    return {d: _load_doc(d) for d in ids}


def _boilerplate_spans_000(text):
    """Spans of the page boilerplate in article 000: everything before the
    title line, and the last two non-empty lines (copyright + mailing list)."""
    title = text.index(TITLE_000)
    spans = [(0, title)]
    stripped = text.rstrip()
    last_nl = stripped.rindex("\n")
    prev = stripped[:last_nl].rstrip()
    prev_start = prev.rindex("\n") + 1
    spans.append((prev_start, len(text)))
    return spans


def test_boilerplate_detection(docs):
    text = docs[DOC_000]
    (a0, a1), (b0, b1) = _boilerplate_spans_000(text)
    assert "rfe/rl banner" in text[a0:a1]
    assert "Copyright" in text[b0:b1] and "GlobalSecurity.org" in text[b0:b1]
    assert "December 19" not in text[b0:b1]


def test_size_and_ids(items):
    assert len(items) >= 85
    ids = [it.get("id") for it in items]
    assert all(isinstance(i, str) and i for i in ids)
    assert len(set(ids)) == len(ids), "duplicate ids"


def test_required_fields(items):
    for it in items:
        missing = REQUIRED - it.keys()
        assert not missing, (it.get("id"), missing)
        assert isinstance(it["question"], str) and it["question"].strip(), it["id"]
        assert isinstance(it["answers"], list), it["id"]
        assert all(isinstance(a, str) and a.strip() for a in it["answers"]), it["id"]
        assert it["type"] in TYPES, it["id"]
        assert it["answer_type"] in ANSWER_TYPES, it["id"]


def test_type_minimums(items):
    counts = Counter(it["type"] for it in items)
    for t, m in MINIMUMS.items():
        assert counts[t] >= m, (t, counts[t], m)
    assert counts["followup"] >= 25
    convs = {it["conversation"] for it in items if it.get("conversation")}
    assert len(convs) >= 10


def test_questions_unique(items):
    qs = [it["question"] for it in items if it.get("turn") in (None, 1)]
    assert len(set(qs)) == len(qs)


def test_answerable_items(items, docs):
    for it in items:
        if it["type"] == "unanswerable":
            continue
        iid = it["id"]
        assert it["doc_id"] in docs, iid
        text = docs[it["doc_id"]]
        assert it["answers"], iid
        assert it["answer_type"] != "none", iid
        ev = it["evidence"]
        assert isinstance(ev, dict) and set(ev) >= {"start", "end"}, iid
        s, e = ev["start"], ev["end"]
        assert isinstance(s, int) and isinstance(e, int), iid
        assert 0 <= s < e <= len(text), iid
        span = text[s:e]
        assert span == span.strip(), (iid, "evidence has surrounding whitespace")
        assert any(a in span for a in it["answers"]), (iid, span)
        for a in it["answers"]:
            assert a in text, (iid, a)
        if it["doc_id"] == DOC_000:
            for b0, b1 in _boilerplate_spans_000(text):
                assert e <= b0 or s >= b1, (iid, "evidence overlaps boilerplate")


def test_unanswerable_items(items):
    for it in items:
        if it["type"] != "unanswerable":
            continue
        assert it["answers"] == [], it["id"]
        assert it["doc_id"] is None, it["id"]
        assert it["evidence"] is None, it["id"]
        assert it["answer_type"] == "none", it["id"]
        assert not it.get("conversation"), it["id"]


def test_conversations(items):
    seen = set()
    i = 0
    while i < len(items):
        it = items[i]
        cid = it.get("conversation")
        if not cid:
            assert it.get("turn") is None, it["id"]
            assert it["type"] != "followup", (it["id"], "followup without conversation")
            i += 1
            continue
        assert cid not in seen, (cid, "conversation turns not consecutive")
        seen.add(cid)
        j = i
        while j < len(items) and items[j].get("conversation") == cid:
            j += 1
        block = items[i:j]
        assert [b.get("turn") for b in block] == list(range(1, len(block) + 1)), cid
        assert 2 <= len(block) <= 4, cid
        assert all(b["type"] == "followup" for b in block), cid
        i = j
