"""``python -m qa_bot.bench casing --squad FILE [--gold FILE]``: questions typed without case.

Users type "who is the president of russia" as often as the cased question. The embedding
model and the reader are uncased, but the rules and the confidence model find a question's
names by their capitals (``truecase.py``). This asks the same questions three ways: as
written, lowercased and in capitals, and reports for each sentence accuracy, short-answer F1,
abstention recall and how many answers differ from the as-written ones. SQuAD: held-out
questions over the 2,067-paragraph corpus plus questions asked with their article removed
(should abstain); ``--gold``: the seed gold set (conversations with the bot's own history).
``--no-truecase`` measures the bot without the truecaser (the questions as typed).
"""

from __future__ import annotations

import sys

from . import variants

VARIANTS: variants.Variants = {
    "as written": lambda q: q, "lowercase": str.lower, "capitals": str.upper}


def main(argv: list[str] | None = None) -> int:
    return variants.main("casing", __doc__, argv, VARIANTS, "truecase", "the truecaser")


if __name__ == "__main__":
    sys.exit(main())
