"""Validating and normalizing the user's question before anything heavy runs."""

from __future__ import annotations

import re
import unicodedata

MAX_QUESTION_CHARS = 2_000
# a question word run into "is" without its apostrophe, as chat is typed: "whos", "whats"
_WH_IS = re.compile(r"\b(who|what|where|when|how)s\b", re.I)


class QuestionError(ValueError):
    """A question we cannot search with; the message is shown to the user as is."""


def clean_question(question: object) -> str:
    """Strip control characters and squeeze whitespace; reject empty and huge questions."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    if len(question) > 50 * MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(question):,} characters long; "
                            f"please ask in under {MAX_QUESTION_CHARS:,}")
    # (a lone surrogate, "\udcff" from bytes decoded with surrogateescape, is no character
    # the tokenizer can read: it had raised a TypeError from deep inside the reader)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
                   for ch in question)
    text = " ".join(text.split())
    if not text:
        raise QuestionError("the question is empty; type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is {len(text):,} characters long; "
                            f"please ask in under {MAX_QUESTION_CHARS:,}")
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("the question has no words in it; type a question about the articles")
    # "whos russias ambassador" had read as a search, not a who-question
    return _WH_IS.sub(lambda m: m.group(1) + "'s", text)
