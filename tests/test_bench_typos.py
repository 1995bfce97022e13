"""``bench typos``: one reproducible typo per question."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qa_bot.bench.typos import misspell
from qa_bot.spelling import one_edit


def test_the_typo_isone_edit_in_the_longest_long_word_and_the_same_every_time() -> None:
    q = "How did Churkin describe the 120 days of negotiations?"
    got = misspell(q)
    assert got == misspell(q) != q
    changed = [(a, b) for a, b in zip(q.split(), got.split(), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0] == "negotiations?"
    assert one_edit(changed[0][0].rstrip("?").lower(), changed[0][1].rstrip("?").lower())


def test_a_question_without_a_long_word_is_left_alone() -> None:
    assert misspell("Who won in 2008?") == "Who won in 2008?"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijKLM", min_size=1, max_size=12), min_size=1,
                max_size=8))
def test_first_and_last_letters_stay(words: list[str]) -> None:
    q = " ".join(words)
    got = misspell(q)
    assert len(got.split()) == len(q.split())
    for a, b in zip(q.split(), got.split(), strict=True):
        if a != b:
            assert (a[0], a[-1]) == (b[0], b[-1]) and one_edit(a.lower(), b.lower())
