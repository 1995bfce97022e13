"""The fitting data: small corpora and their unanswerable questions (no models needed)."""

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
