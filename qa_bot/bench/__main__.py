"""``python -m qa_bot.bench <name> [args]`` runs ``qa_bot.bench.<name>.main(argv)``."""

from __future__ import annotations

import importlib
import sys

BENCHES = {
    "retrieval": "recall@k / MRR of BM25, dense and fused retrieval on SQuAD; speed; memory",
    "answer": "answer accuracy of the full pipeline",
    "load": "concurrent load on the chat server",
    "scale": "indexing and query speed as the corpus grows",
    "precision": "query-time inference in float32 vs bfloat16: agreement, accuracy, latency",
    "nearmiss": "abstention when the article stays but the sentences holding the answer are cut",
    "packed": "the reader's encoder on real tokens only vs the padded batch: speed, agreement",
    "rules": "what each question rule (offices, who-is-<name>, yes/no) changes on SQuAD",
    "rerank": "cross-validated ways of fitting the rerank model (pointwise, listwise, +small)",
    "spans": "cross-validated short-answer ideas (manner/reason classes, two span features)",
    "casing": "questions typed in lowercase or capitals vs as written (the truecaser)",
    "typos": "questions with one misspelt word vs as written (the spelling corrector)",
    "threshold": "the best abstention threshold for a cost of wrong answers (SQuAD + news)",
}


def usage() -> str:
    lines = ["usage: python -m qa_bot.bench <name> [args]   (<name> --help for its options)", ""]
    lines += [f"  {name:<10} {what}" for name, what in BENCHES.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in BENCHES:
        print(f"unknown benchmark {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    try:
        module = importlib.import_module(f"qa_bot.bench.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"qa_bot.bench.{name}":
            raise  # a missing dependency inside the benchmark: show the real error
        print(f"benchmark {name!r} is not available in this version (no module "
              f"qa_bot/bench/{name}.py)", file=sys.stderr)
        return 2
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
