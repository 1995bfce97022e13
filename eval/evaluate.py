"""Run the evaluation from a source checkout: ``python eval/evaluate.py [--gold F | --squad F]``.

A thin wrapper: the implementation is ``qa_bot.evaluation`` so ``qa-bot eval`` works installed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run without installing

from qa_bot.evaluation import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
