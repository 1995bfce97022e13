""""What else did he say?": the speaker's next words after the ones just given.

News gives a speaker's words in order: a report ("Horvat ... told reporters that he would not
seek to lead the next government."), then the quotation ('"I did not come into politics to
hand out money this country does not have. I leave with my head held high, because the
numbers in that budget were honest," Horvat said.'), often over several sentences and
paragraphs. After one of them was the answer, "What else did he say?" asks for the next: the
article's order answers it, where the fitted models, asked past the answer given, ranked
whatever else matched the few words of the question (on the news benchmark's dev split they
had abstained on 3 of 5 such questions and answered 1 with another sentence).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .index import CorpusIndex
from .selector import GIVEN_MIN_WORDS
from .speakers import QUOTE_MARK, Speaker, names, quote_opened_at, quotes_another, says, unquoted

# "What else did he say?", "And what else did Horvat tell reporters?" (nothing asked about)
_ASKS = re.compile(r"^\W*(?:(?:and|so)\W+)?what\s+else\s+did\s+.+?\s+"
                   r"(?:say|add|tell(?:\s+\w+)?)\s*[?.!]*\s*$", re.I)
# sentences after the last answer's that are read for the next words (a paragraph of news
# seldom runs longer before the speaker's quotation starts)
REACH = 4


def asks_next_words(question: str) -> bool:
    """Whether the question asks only for more of someone's words."""
    return bool(_ASKS.match(" ".join(question.split())))


def next_words_row(index: CorpusIndex, speaker: Speaker, row: int,
                   given: list[str]) -> int | None:
    """The first sentence after ``row`` (same article, at most ``REACH`` on) that gives words
    (a quotation, or a verb of saying) and none of ``given`` (the answers given so far),
    while no sentence names another person outside a quotation: news attributes the words
    that follow a speaker's to them ('"Jonas was better in the fifth set and he deserves
    this.' after '"The shoulder was sore ...," he said.'), and a new speaker is named.
    None when another person is named first, or no words follow."""
    doc = index.sentences[row].doc_id
    text = index.documents[doc].text
    for r in range(row + 1, min(row + 1 + REACH, len(index.sentences))):
        s = index.sentences[r]
        if s.doc_id != doc:
            return None
        outside = [e for e in s.entities if quote_opened_at(text, e.start) is None]
        bare = unquoted(s.text)  # what the sentence says outside its quotation
        if any(e.label == "PERSON" and not names(speaker, e.text) for e in outside) or (
                says(bare) and quotes_another(speaker, replace(s, text=bare, entities=outside))):
            return None  # someone else speaks, or the article has turned to them
        if any(g == s.text or (len(g.split()) >= GIVEN_MIN_WORDS and g in s.text)
               for g in given):
            continue  # given already (a name or date given is no passage of it)
        inside = quote_opened_at(text, s.start) is not None
        if inside or QUOTE_MARK.search(s.text) or says(s.text):
            return r
    return None

