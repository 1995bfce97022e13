"""``python -m qa_bot.bench typos --squad FILE [--gold FILE]``: questions with a misspelt word.

News about foreign affairs is full of names users misspell ("Kostunika", "Ahtisari"). This
asks the same questions as written and with one typo each (``misspell``: in the question's
longest word of at least 6 letters that is not a stopword, one interior letter dropped,
doubled, changed or swapped with its neighbour, chosen by a hash of the question, so the
same typos every run), and reports sentence accuracy, short-answer F1, abstention recall and
the answers that differ from the as-written ones. SQuAD: held-out questions over the
2,067-paragraph corpus plus questions asked with their article removed (should abstain; their
names are unknown to the corpus, which a spelling corrector must not "correct" into other
words); ``--gold``: the seed gold set. ``--no-spelling`` measures the bot without the
corrector (``spelling.py``).
"""

from __future__ import annotations

import hashlib
import re
import sys

from . import variants

_WORD = re.compile(r"[^\W\d_]{6,}")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def misspell(question: str) -> str:
    """``question`` with one typo in its longest long word (unchanged if it has none)."""
    from ..terms import _STOP

    words = [m for m in _WORD.finditer(question) if m.group().lower() not in _STOP]
    if not words:
        return question
    m = max(words, key=lambda m: (len(m.group()), -m.start()))
    w = m.group()
    h = int(hashlib.sha256(question.encode("utf-8")).hexdigest(), 16)
    i = 1 + h % (len(w) - 2)  # an interior letter: never the first or the last
    kind = (h // 97) % 4
    if kind == 0:
        typo = w[:i] + w[i + 1:]
    elif kind == 1:
        typo = w[:i] + w[i] + w[i:]
    elif kind == 2:
        c = _LETTERS[(_LETTERS.find(w[i].lower()) + 1 + (h // 7) % 25) % 26]
        typo = w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1:]
    else:  # swap two interior neighbours (never the last letter)
        i = 1 + h % (len(w) - 3)
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2:] if w[i] != w[i + 1] else w[:i] + w[i + 1:]
    return question[:m.start()] + typo + question[m.end():]


VARIANTS: variants.Variants = {"as written": lambda q: q, "one typo": misspell}


def main(argv: list[str] | None = None) -> int:
    return variants.main("typos", __doc__, argv, VARIANTS, "spelling", "the spelling corrector")


if __name__ == "__main__":
    sys.exit(main())
