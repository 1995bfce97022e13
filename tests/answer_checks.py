"""The answer invariant, shared by the tests that ask questions."""

from __future__ import annotations

from qa_bot import Answer, QABot


def assert_cited_answer(bot: QABot, answer: Answer) -> None:
    """Verbatim and cited (short answer and sentence are the document's own text at the cited
    offsets), or an honest abstention with no citation."""
    assert isinstance(answer, Answer)
    assert 0.0 <= answer.confidence <= 1.0
    assert answer.text.strip()
    if answer.abstained:
        assert answer.citations == [] and answer.sentence == ""
        return
    c = answer.citations[0]
    doc = bot.index.documents[c.doc_id].text
    assert doc[c.sentence_start:c.sentence_end] == answer.sentence
    assert doc[c.span_start:c.span_end] == answer.text
    assert c.sentence_start <= c.span_start <= c.span_end <= c.sentence_end
    assert answer.text in answer.sentence
    assert doc[c.start:c.end] == c.text
