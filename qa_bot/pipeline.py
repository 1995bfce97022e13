"""``ask`` end to end: clean -> (small talk?) -> corpus spelling -> corpus casing -> corpus
words -> resolve follow-up -> retrieve -> select -> cite (or abstain)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .abbreviations import asked_expansion, expansion, to_corpus_words
from .ages import asked_age, stated_age
from .answer_types import candidates, classify, topic_request
from .conversation import (
    Turn,
    answer_text,
    answered_nothing,
    asks_overview,
    asks_their_name,
    asks_who_said,
    gender,
    organization_names,
    person_mentions,
    resolve,
    small_talk,
    titled_referent,
    turns,
)
from .next_words import asks_next_words, next_words_row
from .question import clean_question
from .remainder import asks_rest, gives_remainder, rest_clause
from .selector import doc_sentence_rows, lead_row, quoted_in, who_said
from .speakers import asked_speaker, quote_is_theirs, reported_clause, with_titles
from .spelling import Vocabulary, correct
from .terms import TermStats
from .truecase import Casing, caseless, truecase
from .types import OVERVIEW, SMALL_TALK, Answer, Passage

if TYPE_CHECKING:
    from .bot import QABot

ABSTAIN_TEXT = "The articles don't say. The closest passages are listed below."
_REPLIES = {
    "greeting": "Hello. Ask me a question about the articles{titles} and I will answer with "
                "their own words and cite them.",
    "thanks": "You're welcome. Ask another question about the articles whenever you like.",
    "bye": "Goodbye.",
    "ack": "Ask another question about the articles whenever you like.",
    "help": "I answer questions about the articles{titles} with their own words: a short "
            "answer where the question asks for a name, date or number, the sentence that "
            "holds it and where it is. When the articles don't say, I say so and show the "
            "closest passages. Follow-up questions (\"What did he say about it?\") work.",
}
SECONDARY_MIN_PROB = 0.5


def term_stats(bot: QABot, exclude_docs: set[str] | frozenset[str] | None = None
               ) -> TermStats:
    """IDF over the current chunks (rebuilt only when the index changes), minus the chunks of
    ``exclude_docs`` when documents are hidden from retrieval."""
    stats = bot.index.derived("term_stats", lambda idx: TermStats([c.text for c in idx.chunks]))
    if exclude_docs:
        return stats.without([c.text for c in bot.index.chunks if c.doc_id in exclude_docs])
    return stats


MAX_DEFINITIONS = 2


def defining_chunks(bot: QABot, question: str, expansions: bool = True, ages: bool = True
                    ) -> list[int]:
    """For "What does WHO stand for?": the chunks whose sentences spell the letters out
    ("the World Health Organization (WHO)"), the first ``MAX_DEFINITIONS`` in the corpus's
    order, wherever the search ranks them. Letters that are a stopword ("WHO", "US", "IT")
    are no search term, and the definition sat outside the 8 chunks the selector reads
    (abstained at 0.00). For "How old is Elena Rinaldi?": those stating her age ("Rinaldi,
    47, said ..."), which a follow-up's search, carrying the turn before's answer ("the
    underwater archaeologist from the University of Catania"), had left out ("30", of "the
    last 30 years", at 0.47). A scan of the sentences holding the letters or the surname,
    for these two kinds of question only."""
    abbr = asked_expansion(question) if expansions else None
    name = asked_age(question) if ages and not abbr else None
    if not abbr and not name:
        return []
    key = abbr or name.split()[-1]

    def states(text: str) -> bool:
        return (expansion(text, abbr) if abbr else stated_age(text, name)) is not None

    idx = bot.index
    found: list[int] = []
    for row, s in enumerate(idx.sentences):
        if key in s.text and states(s.text) and idx.sentence_chunks[row]:
            found.append(idx.sentence_chunks[row][0])
            if len(found) == MAX_DEFINITIONS:
                break
    return found


def known_people(bot: QABot) -> frozenset[str]:
    """The corpus's PERSON entities (found at indexing): what "he/she" in a follow-up may
    resolve to. Rebuilt only when the index changes. Not a name the tagger more often takes
    for a place: "Sydney had held the title since 1911" tags the city as a person, and "And
    Sydney?" after "How many people live in Melbourne?" was no longer asked of a place."""
    kinds = name_kinds(bot)

    def build(idx) -> frozenset[str]:
        tagged = {e.text for s in idx.sentences for e in s.entities
                  if e.label == "PERSON" and e.text[:1].isupper() and kinds.get(e.text) != "place"}
        return frozenset(tagged - organization_names(tagged))  # not "Celtis (Therapeutics)"
    return bot.index.derived("people", build)


# the kinds of name an elliptical "and Serbia?" may stand in for (conversation.substitution)
_NAME_KINDS = {"PERSON": "person", "GPE": "place", "LOC": "place", "NORP": "place",
               "FAC": "place", "ORG": "organization"}


def name_kinds(bot: QABot) -> dict[str, str]:
    """Each name the corpus's entities use (also without its dots: "U.S." -> "US") and its
    commonest kind, so "and the US?" after "Who is Russia's ambassador to the UN?" replaces
    Russia, not the UN. Rebuilt only when the index changes."""
    def build(idx) -> dict[str, str]:
        counts: dict[str, Counter] = {}
        for s in idx.sentences:
            for e in s.entities:
                kind = _NAME_KINDS.get(e.label)
                name = re.sub(r"^the\s+", "", e.text, flags=re.I)  # "the United States"
                if kind and name[:1].isupper():
                    for key in dict.fromkeys((name, name.replace(".", ""))):
                        counts.setdefault(key, Counter())[kind] += 1
        return {name: c.most_common(1)[0][0] for name, c in counts.items()}
    return bot.index.derived("name_kinds", build)


def casing(bot: QABot) -> Casing:
    """How the corpus writes each word (``truecase``), rebuilt only when the index changes."""
    return bot.index.derived("casing", lambda idx: Casing.from_sentences(idx.sentences))


def vocabulary(bot: QABot) -> Vocabulary:
    """Every word the corpus uses (``spelling``), rebuilt only when the index changes."""
    return bot.index.derived("vocabulary", lambda idx: Vocabulary.from_sentences(idx.sentences))


def on_user_turns(history: list[dict] | None, fix: Callable[[str], str]) -> list[dict] | None:
    """The user's earlier questions spelt and cased like the question (``fix``): a follow-up
    takes names from them. The assistant's turns are the articles' own words already."""
    if not history:
        return history
    return [{**m, "content": fix(m["content"])} if _user_text(m) else m for m in history]


def _user_text(message: object) -> bool:
    return isinstance(message, dict) and message.get("role") == "user" and isinstance(
        message.get("content"), str)


def answer_question(bot: QABot, question: str, history: list[dict] | None = None,
                    exclude_docs: set[str] | None = None) -> Answer:
    q = clean_question(question)
    talk = small_talk(q)
    if talk is not None:
        return small_talk_answer(bot, talk)
    wanted = asks_overview(q)
    if wanted is not None:
        return overview_answer(bot, history, exclude_docs, wanted)
    by_title = asks_their_name(q) and asked_by_title(bot, history)
    if asks_who_said(q) or by_title:
        # "What's his name?" after "What did the prosecutor say in closing arguments?"
        # names whose words the answer gave, as "Who said that?" does (had been "Raeburn",
        # of another sentence about prosecutors)
        said = attribution_answer(bot, history, exclude_docs, quoted=not by_title)
        if said is not None:
            return said
    if asks_rest(q):
        rest = remainder_answer(bot, history, exclude_docs)
        if rest is not None:
            return rest
    stats = term_stats(bot, exclude_docs)
    hidden = frozenset(exclude_docs or ())
    if getattr(bot, "spelling", True):
        vocab = vocabulary(bot)
        q = correct(q, vocab, hidden)
        history = on_user_turns(history, lambda t: correct(t, vocab, hidden))
    if getattr(bot, "truecase", True) and (caseless(q) or any(
            _user_text(m) and caseless(m["content"]) for m in history or ())):
        # the casing table is built only when a question needs it (once per index version)
        table = casing(bot)
        q = truecase(q, table, hidden)
        history = on_user_turns(history, lambda t: truecase(t, table, hidden))
    q = to_corpus_words(q, stats)
    r = resolve(q, history, known_people(bot), name_kinds(bot))
    if asks_next_words(q):
        more = next_words_answer(bot, r.question, history, exclude_docs)
        if more is not None:
            return replace(more, search_query=r.search_query)
    about = topic_request(r.question)
    if about is not None:
        # "Tell me about NATO" is the search "NATO" (answered with the best sentence that
        # holds it, by the topic rule); searched for as it is, unless a follow-up's search
        # carries more
        r = replace(r, question=about, qtype=classify(about), search_query=(
            about if r.search_query == r.question else r.search_query))
    sel_model = bot.selector
    k = max(sel_model.candidate_chunks, 5)
    pinned = defining_chunks(bot, r.question, sel_model.expansion_rule, sel_model.age_rule)
    scored, qvec = bot.retriever.score(r.search_query, k=k, exclude=exclude_docs,
                                       pinned=pinned)
    passages = [bot.retriever.to_passage(s) for s in scored]
    if not scored:
        return Answer(ABSTAIN_TEXT, "", [], 0.0, True, r.search_query, r.qtype, passages)
    if r.unanswered:
        # "What did he say?" after a who-question the articles could not answer: whatever
        # sentence fits best is someone else's, so say why nothing is
        return Answer(unnamed_text(r.question, r.unanswered), "", [], 0.0, True,
                      r.search_query, r.qtype, passages)
    sel = sel_model.select(bot.index, stats, r.question, r.qtype, qvec,
                           scored, known=r.known or r.search_query, exclude=r.exclude,
                           again=r.again, again_if=r.again_if)
    if sel.best is None or (sel.confidence < sel_model.abstain_threshold and not sel.by_rule):
        return Answer(ABSTAIN_TEXT, "", [], sel.confidence, True, r.search_query, r.qtype,
                      passages, withheld=sel.best.sentence.text if sel.best else "")
    best = sel.best
    s = best.sentence
    primary = _cite(bot, best.chunk.chunk_id, best.chunk.score, s.start, s.end)
    if sel.span is not None:
        primary.span_start, primary.span_end = sel.span.start, sel.span.end
        text = sel.span.text
    else:
        primary.span_start, primary.span_end = s.start, s.end
        text = s.text
    citations = [primary]
    for c in sel.ranked[1:]:
        if len(citations) >= 3:
            break
        prob = 1.0 / (1.0 + math.exp(-c.logit))
        if prob >= SECONDARY_MIN_PROB and c.chunk.chunk_id != best.chunk.chunk_id:
            citations.append(_cite(bot, c.chunk.chunk_id, c.chunk.score, c.sentence.start,
                                   c.sentence.end))
    rule = sel.by_rule if sel.confidence < sel_model.abstain_threshold else ""
    return Answer(text, s.text, citations, round(sel.confidence, 4), False, r.search_query,
                  r.qtype, passages, rule)


def unnamed_text(question: str, unanswered: str) -> str:
    """The abstention for a pronoun whose person the articles never named."""
    return (f"The articles don't say who {gender(question) or 'that'} is: they did not "
            f"answer \u201c{unanswered.rstrip()}\u201d.")


def last_answer_rows(bot: QABot, last: Turn, exclude_docs: set[str] | None = None
                     ) -> list[int]:
    """The sentences the last answer may come from: the one its reply quoted, else those
    holding its short answer (outside ``exclude_docs``). A scan of the corpus, for the
    follow-ups that read the last answer's sentence ("Who said that?", "And the rest?")."""
    said = last.quoted or answer_text(last.answer)
    hidden = exclude_docs or set()
    return [r for r, s in enumerate(bot.index.sentences)
            if s.doc_id not in hidden and (s.text == said if last.quoted else said in s.text)]


ATTRIBUTION = "attribution"
ATTRIBUTION_MAX_ROWS = 5  # sentences holding the last answer that are read for its speaker


def attribution_answer(bot: QABot, history: list[dict] | None,
                       exclude_docs: set[str] | None = None, quoted: bool = True
                       ) -> Answer | None:
    """"Who said that?": the person whose words the last answer's sentence gives
    (``selector.who_said``), cited where the articles name them; a rule (``ATTRIBUTION``),
    not the fitted models, which had answered "Certainly the way" (of the quotation itself)
    at 0.87. None (the question is then answered as any other) when the last turn has no
    answer, its sentence is not found, or no named person speaks in it."""
    all_turns = turns(history)
    last = all_turns[-1] if all_turns else None
    if last is None or answered_nothing(last.answer):
        return None
    if not (last.quoted or answer_text(last.answer)):
        return None
    rows = last_answer_rows(bot, last, exclude_docs)
    short = answer_text(last.answer)
    # only words someone said have a speaker: "16,000" in "NATO pledged to keep its 16,000
    # peacekeepers ..., with ... Scheffer saying: ..." is the article's, not Scheffer's
    # (``quoted`` False: the speaker of the sentence, whatever part of it answered, for the
    # name of the one the last question asked about by title)
    rows = [r for r in rows if not quoted or quoted_in(bot.index, r, short)]
    found = [f for r in rows[:ATTRIBUTION_MAX_ROWS] if (f := who_said(bot.index, r))]
    if len({e.text for _, e in found}) != 1:  # none, or several people: not for a rule
        return None
    row, e = found[0]
    s = bot.index.sentences[row]
    held_by = bot.index.sentence_chunks[row]
    if not held_by:
        return None
    cite = _cite(bot, held_by[0], 1.0, s.start, s.end)
    cite.span_start, cite.span_end = e.start, e.end
    return Answer(e.text, s.text, [cite], 1.0, False, "", "person", [], ATTRIBUTION)


def asked_by_title(bot: QABot, history: list[dict] | None) -> bool:
    """Whether the last turn asked about someone by title and named no one ("What did their
    spokesman say?", "What did the prosecutor say?"), so a "his" after it is that person."""
    all_turns = turns(history)
    if not all_turns:
        return False
    prev = all_turns[-1].question
    return not person_mentions(prev, known_people(bot)) and bool(
        titled_referent(prev) or _BY_TITLE.search(prev))


# "their spokesman", "the union's spokeswoman": someone named by a title
_BY_TITLE = re.compile(r"\b(?:the|their|its|his|her)\s+(?:[\w-]+['’]s\s+)?(?:[a-z-]+\s+)?"
                       r"(?:spokes(?:man|woman|person)|lawyer|attorney|prosecutor|judge|chief|"
                       r"leader|head|director|secretary|minister|president|chairman|chairwoman|"
                       r"chair|founder|owner|manager|coach|captain|driver|pilot|officer|"
                       r"executive|author|analyst|expert|official|witness|victim|suspect)\b",
                       re.I)


NEXT_WORDS = "next words"
NEXT_WORDS_TURNS = 3  # earlier questions read for the speaker "he" means


def next_words_answer(bot: QABot, question: str, history: list[dict] | None,
                      exclude_docs: set[str] | None = None) -> Answer | None:
    """"What else did he say?": the speaker's next words after the last answer's sentence
    (``next_words``), their quotation where the sentence holds one; a rule (``NEXT_WORDS``),
    cited, at confidence 1.0 as the other conversation rules. ``question``: with its pronoun
    resolved ("What else did Horvat say?"); when it is not, the speaker is whoever speaks in
    the last answer's sentence. None (the question is then answered as any other) when the
    last turn has no answer, its sentence is not found, or no next words of theirs follow.
    (Whose words is read loosely here: the walk stops at the first other person named.)"""
    all_turns = turns(history)
    last = all_turns[-1] if all_turns else None
    if last is None or answered_nothing(last.answer):
        return None
    rows = last_answer_rows(bot, last, exclude_docs)
    if len(rows) != 1:  # not found, or several sentences hold it: not for a rule
        return None
    idx = bot.index
    row = rows[0]
    # whose words: as the question names them, else as the last questions did ("What did
    # Oliveira say about his shoulder?"), else whoever speaks in the last answer's sentence
    asked = [question, *(t.question for t in reversed(all_turns[-NEXT_WORDS_TURNS:]))]
    speaker = next((sp for q in asked if (sp := asked_speaker(q)) is not None), None)
    if speaker is None:
        said = who_said(idx, row)
        speaker = asked_speaker(f"What did {said[1].text} say?") if said else None
    if speaker is None:
        return None
    start, end = doc_sentence_rows(idx)[idx.sentences[row].doc_id]
    speaker = with_titles(speaker, idx.sentences[start:end])
    given = [t for turn in all_turns for t in (answer_text(turn.answer), turn.quoted) if t]
    nxt = next_words_row(idx, speaker, row, given)
    held_by = idx.sentence_chunks[nxt] if nxt is not None else []
    if nxt is None or not held_by:
        return None
    s = idx.sentences[nxt]
    # as the speaker rule reads a sentence of their words: their quotation, else the words it
    # reports unquoted, else the sentence
    quote = next((e for e in candidates(s) if e.label == "QUOTE"
                  and quote_is_theirs(speaker, s, e.start, e.end)
                  and not any(e.text in g for g in given)), None)
    a, b = (quote.start, quote.end) if quote is not None else \
        reported_clause(speaker, s) or (s.start, s.end)
    cite = _cite(bot, held_by[0], 1.0, s.start, s.end)
    cite.span_start, cite.span_end = a, b
    doc = idx.documents[s.doc_id].text
    return Answer(doc[a:b], s.text, [cite], 1.0, False, "", "quote", [], NEXT_WORDS)


REST = "rest"


def remainder_answer(bot: QABot, history: list[dict] | None,
                     exclude_docs: set[str] | None = None) -> Answer | None:
    """"And the rest?": the clause joined to the last answer in its sentence, else the next
    sentence when it opens with the remainder (``remainder``); a rule (``REST``), cited, at
    confidence 1.0 as the attribution rule. None (the question is then answered as any
    other) when the last turn has no answer, its sentence is not found or gives no rest."""
    all_turns = turns(history)
    last = all_turns[-1] if all_turns else None
    short = answer_text(last.answer) if last is not None else ""
    if last is None or not short or answered_nothing(last.answer):
        return None
    idx = bot.index
    said = re.compile(rf"(?<!\w){re.escape(short)}(?!\w)")
    found = [(r, m) for r in last_answer_rows(bot, last, exclude_docs)
             if (m := said.search(idx.sentences[r].text))]
    if len(found) != 1:  # not found, or several sentences hold it: not for a rule
        return None
    row, m = found[0]
    s = idx.sentences[row]
    clause = rest_clause(s.text, m.end())
    if clause is None:
        nxt = row + 1
        if nxt >= len(idx.sentences) or idx.sentences[nxt].doc_id != s.doc_id or \
                not gives_remainder(idx.sentences[nxt].text):
            return None
        row, s = nxt, idx.sentences[nxt]
        clause = (0, len(s.text))
    held_by = idx.sentence_chunks[row]
    if not held_by:
        return None
    a, b = clause
    cite = _cite(bot, held_by[0], 1.0, s.start, s.end)
    cite.span_start, cite.span_end = s.start + a, s.start + b
    return Answer(s.text[a:b], s.text, [cite], 1.0, False, "", "other", [], REST)


def small_talk_answer(bot: QABot, kind: str) -> Answer:
    """A reply to a greeting, thanks or a request for help: nothing is searched, nothing is
    cited, and it counts as no answer from the articles (abstained, confidence 0)."""
    docs = list(bot.index.documents.values())
    titles = "; ".join(f"“{d.title or d.id}”" for d in docs[:3])
    more = f" and {len(docs) - 3} more" if len(docs) > 3 else ""
    text = _REPLIES[kind].format(titles=f" ({titles}{more})" if docs else "")
    return Answer(text, "", [], 0.0, True, "", SMALL_TALK, [])


OVERVIEW_MAX_DOCS = 3


def lead_sentence(bot: QABot, doc_id: str) -> int | None:
    """The row of an article's opening sentence (``selector.lead_row``): news puts what the
    story is about there."""
    return lead_row(bot.index, doc_id)


def overview_answer(bot: QABot, history: list[dict] | None = None,
                    exclude_docs: set[str] | None = None, about: str = "") -> Answer:
    """"What are the articles about?": each article's opening sentence (at most
    OVERVIEW_MAX_DOCS), the article of the conversation's last answer first, then the
    newest; with ``about``
    ("What is the flood article about?"), only the article those words find (by BM25: words
    no article uses find none, and the bot says so). A rule, not the fitted models (no span
    of a sentence is a summary): ``rule`` and ``question_type`` are OVERVIEW and the
    confidence is 1.0, since the sentences are the articles' own leads."""
    # the newest first (an article the user just uploaded is the one "the article" means),
    # and before it the article of the conversation's last answer
    docs = [d for d in reversed(bot.index.documents) if d not in (exclude_docs or ())]
    last = next((t.answer for t in reversed(turns(history)) if t.answer.strip()), "")
    docs.sort(key=lambda d: not (last and last in bot.index.documents[d].text))
    if about:
        scored, _ = bot.retriever.score(about, k=5, exclude=exclude_docs)
        hits = [s for s in scored if s.bm25 > 0]
        if not hits:
            return Answer(ABSTAIN_TEXT, "", [], 0.0, True, about, OVERVIEW,
                          [bot.retriever.to_passage(s) for s in scored])
        docs = [bot.index.chunks[hits[0].chunk_id].doc_id]
    leads = [(d, r) for d in docs[:OVERVIEW_MAX_DOCS]
             if (r := lead_sentence(bot, d)) is not None]
    citations = []
    for _d, row in leads:
        s = bot.index.sentences[row]
        held_by = bot.index.sentence_chunks[row]
        if held_by:  # every indexed sentence is in a chunk; a guard, not a case
            citations.append(_cite(bot, held_by[0], 1.0, s.start, s.end))
    if not citations:
        return Answer(ABSTAIN_TEXT, "", [], 0.0, True, "", OVERVIEW, [])
    first = bot.index.documents[citations[0].doc_id].text[
        citations[0].sentence_start:citations[0].sentence_end]
    citations[0].span_start, citations[0].span_end = (citations[0].sentence_start,
                                                      citations[0].sentence_end)
    return Answer(first, first, citations, 1.0, False, "", OVERVIEW, [], OVERVIEW)


def _cite(bot: QABot, chunk_id: int, score: float, start: int, end: int) -> Passage:
    c = bot.index.chunks[chunk_id]
    d = bot.index.documents[c.doc_id]
    return Passage(doc_id=c.doc_id, title=d.title, text=c.text, start=c.start, end=c.end,
                   score=score, chunk_id=c.id, publisher=d.publisher, date=d.date,
                   sentence_start=start, sentence_end=end)
