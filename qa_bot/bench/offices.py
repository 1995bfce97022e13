"""``python -m qa_bot.bench offices --squad FILE``: what the office rule changes on SQuAD.

Asks every question of the file that reads as an office question ("Who is the president of
X?", see ``qa_bot.constraints``) twice over the file's paragraphs, with the rule and without,
and counts the answers whose sentence holds a gold answer, listing every answer that changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import metrics as M
from ..constraints import parse_office


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.bench offices", description=__doc__)
    ap.add_argument("--squad", required=True, help="SQuAD v1.1 JSON file")
    args = ap.parse_args(argv)
    from ..evaluation import squad_bot_for
    from ..squad import load_squad

    path = Path(args.squad)
    bot = squad_bot_for(path, None, True)
    _, questions = load_squad(path)
    qs = [q for q in questions if q.answers and parse_office(q.question)]

    def run(on: bool) -> list[tuple[bool, str]]:
        bot.selector.office_rule = on
        try:
            out = []
            for q in qs:
                a = bot.ask(q.question)
                out.append((not a.abstained and M.answer_in_text(q.answers, a.sentence),
                            "(abstained)" if a.abstained else a.text))
            return out
        finally:
            bot.selector.office_rule = True

    off, on = run(False), run(True)
    print(f"{len(qs)} of {len(questions)} questions read as office questions; sentence right: "
          f"{sum(x[0] for x in off)} without the rule, {sum(x[0] for x in on)} with it")
    for q, a, b in zip(qs, off, on, strict=True):
        if a != b:
            print(f"  {q.question} | {a[1]} -> {b[1]} | gold {q.answers[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
