"""The spelling corrector: an unknown word one edit from one corpus word takes its spelling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_bot.spelling import Vocabulary, correct, one_edit
from qa_bot.types import Sentence


def vocab(*texts: tuple[str, str]) -> Vocabulary:
    return Vocabulary.from_sentences(
        Sentence(doc, 0, len(text), text) for doc, text in texts)


@pytest.fixture(scope="module")
def v() -> Vocabulary:
    return vocab(("a", "Serbian Prime Minister Vojislav Kostunica spoke after the negotiations."),
                 ("a", "Kostunica said the negotiations must go on."),
                 ("b", "Officials of NATO met Martti Ahtisaari in Vienna."),
                 ("b", "The bridge and the fridge were both painted."))


@pytest.mark.parametrize(("typed", "fixed"), [
    ("What did Kostunika say?", "What did Kostunica say?"),          # a letter changed
    ("how did the negotations end", "how did the negotiations end"),  # a letter dropped
    ("What did Ahtisaarri propose?", "What did Ahtisaari propose?"),  # a letter added
    ("Who is the Serbian prime minsiter?", "Who is the Serbian prime minister?"),  # swapped
    ("WHAT DID KOSTUNIKA SAY?", "WHAT DID KOSTUNICA SAY?"),          # the case as typed
])
def test_misspelt_words_take_the_corpus_spelling(v: Vocabulary, typed: str, fixed: str) -> None:
    assert correct(typed, v) == fixed


def test_known_short_far_and_ambiguous_words_stay(v: Vocabulary) -> None:
    assert correct("Who is Kostunica?", v) == "Who is Kostunica?"  # used by the articles
    assert correct("Who met Nato?", v) == "Who met Nato?"  # too short to guess at
    assert correct("Is quantify a word?", v) == "Is quantify a word?"  # English, not the corpus's
    assert correct("Who is Vladimir Putin?", v) == "Who is Vladimir Putin?"  # nothing near
    # "gridge" is one edit from both "bridge" and "fridge", each used once: no clear winner
    assert correct("Where is the gridge?", v) == "Where is the gridge?"
    # a verb and its particle as one noun is English ("payout" had become "layout")
    lay = vocab(("a", "The new layout of the office was shown."))
    assert correct("What was the payout?", lay) == "What was the payout?"
    assert correct("What was the layuot?", lay) == "What was the layout?"


def test_an_acronym_in_a_cased_question_is_another_acronym() -> None:
    nets = vocab(("c", "The DATANET network ran."))
    assert correct("What did DATNET run?", nets) == "What did DATNET run?"
    assert correct("what did datnet run?", nets) == "what did datanet run?"
    assert correct("WHAT DID DATNET RUN?", nets) == "WHAT DID DATANET RUN?"  # all capitals


def test_a_clearly_more_frequent_neighbour_wins() -> None:
    many = vocab(*[("a", "The bridge was closed.")] * 3, ("a", "The fridge was cold."))
    assert correct("Where is the gridge?", many) == "Where is the bridge?"


def test_hidden_documents_lend_no_words(v: Vocabulary) -> None:
    assert correct("Who met Ahtisari?", v, exclude=["b"]) == "Who met Ahtisari?"
    assert correct("Who met Ahtisari?", v) == "Who met Ahtisaari?"


def testone_edit() -> None:
    assert one_edit("kostunika", "kostunica") and one_edit("minsiter", "minister")
    assert one_edit("negotations", "negotiations") and one_edit("ahtisaarri", "ahtisaari")
    assert not one_edit("kostunica", "kostunica") and not one_edit("abcd", "badc")
    assert not one_edit("vladimir", "vitaly")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcikostuneg ?,.'-KOS1"), max_size=40))
def test_corrections_keep_everything_but_the_misspelt_words(v: Vocabulary, text: str) -> None:
    got = correct(text, v)
    assert got.split() == got.split() if got == text else len(got.split()) == len(text.split())


@pytest.mark.slow
def test_a_misspelt_question_answers_like_the_spelt_one(seeds_bot) -> None:
    """It had abstained at 0.18; the spelt question answers "worthwhile"."""
    a = seeds_bot.ask("How did Churkin describe the negotations?")
    assert a.text == "worthwhile"
    assert a.search_query == "How did Churkin describe the negotiations?"
    assert seeds_bot.ask("What did Kostunika say?").search_query == "What did Kostunica say?"


@pytest.mark.slow
def test_the_corrector_can_be_switched_off_for_measuring(seeds_bot) -> None:
    """``bench typos --no-spelling`` asks through this switch."""
    seeds_bot.spelling = False
    try:
        a = seeds_bot.ask("What did Kostunika say?")
    finally:
        seeds_bot.spelling = True
    assert a.search_query == "What did Kostunika say?"


def test_no_lexicon_no_corrections(v: Vocabulary, monkeypatch) -> None:
    """Without the model's vocabulary every English word the articles lack could be
    "corrected": nothing is."""
    from qa_bot import spelling

    monkeypatch.setattr(spelling, "english_words", lambda: frozenset())
    assert correct("What did Kostunika say?", v) == "What did Kostunika say?"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abkostunic", min_size=1, max_size=9))
def test_the_edits_are_exactly_the_strings_one_edit_away(word: str) -> None:
    from qa_bot.spelling import _edits

    letters = "abkostunic"
    edits = _edits(word, letters)
    assert all(one_edit(word, e) for e in edits)
    # and every string one edit away over these letters is among them (a few probes)
    for e in (word[1:], word[:-1], "a" + word, word + "c", "k" + word[1:]):
        if e != word and one_edit(word, e):
            assert e in edits


@pytest.mark.slow
def test_a_misspelt_name_in_an_earlier_turn_is_corrected_for_the_follow_up(seeds_bot) -> None:
    history = [{"role": "user", "content": "What did Kostunika say about conflicts?"},
               {"role": "assistant", "content": "they are resolved through negotiations"}]
    a = seeds_bot.ask("And what did he warn?", history)
    assert history[0]["content"] == "What did Kostunika say about conflicts?"  # not mutated
    assert "Kostunica" in a.search_query, a.search_query


def test_a_common_word_the_articles_lack_takes_the_one_dictionary_word_near() -> None:
    """No corpus word is one edit from "descrbe"; one dictionary word is."""
    few = vocab(("a", "Jeremic spoke about Serbia and the results."))
    assert correct("How did Jeremic descrbe Serbia?", few) == "How did Jeremic describe Serbia?"
    assert correct("What were the reults?", few) == "What were the results?"  # corpus first
    # two dictionary words near ("position", "positron"): left as typed
    assert correct("What positon does he hold?", few) == "What positon does he hold?"
    # a word with a regular prefix is a word: "reoccupy" is no misspelt "preoccupy"
    assert correct("Did they reoccupy it?", few) == "Did they reoccupy it?"
    # a name the articles lack is no misspelt common word ("Binance" had become "Finance"),
    # though a question's first word or one in all lowercase may be
    assert correct("Who is the CEO of Binance?", few) == "Who is the CEO of Binance?"
    assert correct("Descrbe Serbia.", few) == "Describe Serbia."


def test_a_question_of_many_unknown_words_looks_up_only_the_first_few(v: Vocabulary) -> None:
    """A 2,000-character question of unknown words took 0.7 s on SQuAD; the lookups stop."""
    from qa_bot.spelling import MAX_LOOKUPS

    q = " ".join(["Kostunika"] * (MAX_LOOKUPS + 3))
    got = correct(q, v).split()
    assert got == ["Kostunica"] * MAX_LOOKUPS + ["Kostunika"] * 3
