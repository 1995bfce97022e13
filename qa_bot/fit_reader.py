"""Fine-tune the reader (``qa_bot.reader``) on SQuAD-format questions.

    python -m qa_bot.fit_reader --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json
    python -m qa_bot.fit --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json   # then this

It trains on part of the fit half of the by-article split (``--fraction`` of its articles,
recorded in ``data/reader.json``); ``qa_bot.fit`` fits the models that weigh the reader's
scores on the rest of the fit half, so they see the reader as it behaves on unseen articles,
and reports figures on the held-out half, which neither has seen.

Cross-fitting instead (measured, not shipped; README): the reader on the whole fit half, two
fold readers for ``qa_bot.fit --fold-readers`` to read the fit questions with::

    python -m qa_bot.fit_reader --squad FILE --fraction 1.0
    python -m qa_bot.fit_reader --squad FILE --exclude-fold 0 --out folds/0
    python -m qa_bot.fit_reader --squad FILE --exclude-fold 1 --out folds/1
    python -m qa_bot.fit --squad FILE --fold-readers folds/0 folds/1

The shipped weights average three runs on the same articles (``--soup``; README)::

    python -m qa_bot.fit_reader --squad FILE --out r2
    python -m qa_bot.fit_reader --squad FILE --epochs 3 --out r3
    python -m qa_bot.fit_reader --squad FILE --epochs 3 --top-k 6 --out r3k6
    python -m qa_bot.fit_reader --soup r2 r3 r3k6
    python -m qa_bot.fit --squad FILE

Also measured and not shipped (README): ``--small-corpora`` (each question's top sentences in
its 10-paragraph corpus too), ``--context``, ``--listwise``.

Each question gives the sentences the first-stage selector ranks highest (what the reader
will see when answering) with label 1 for a sentence holding a gold answer; a positive
sentence also teaches the span head where the answer starts and ends. Only the top layers
and the heads train: the lower layers stay as in the base model (cheaper on CPU, and less
to overfit with a few thousand questions).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tqdm import tqdm

from .answer_types import classify
from .models import default_model_path
from .reader import (
    CONTEXT,
    MAX_LEN,
    META_PATH,
    WEIGHTS_PATH,
    ReaderError,
    build_net,
    first_segment,
    save,
    trainable_prefixes,
)
from .squad import SquadQuestion, load_squad, split_by_article, squad_bot
from .types import Document, Sentence
from .weights import base_weights_file, file_sha256, load_state, output_paths, save_state

if TYPE_CHECKING:
    from .bot import QABot
    from .selector import AnswerSelector
    from .terms import TermStats

TOP_K = 4  # sentences the reader reads per question: the first stage's best four


@dataclass
class Example:
    question: str
    sentence: Sentence
    label: float
    answer: tuple[int, int] | None  # document offsets of a gold answer inside the sentence
    context: str | None = None  # reader.reading_context of the sentence


def examples_for(question: str, ranked: list[Sentence], answer_starts: list[int],
                 answers: list[str], doc_id: str, contexts: list[str] | None = None
                 ) -> list[Example]:
    out = []
    for s, ctx in zip(ranked, contexts or [None] * len(ranked), strict=True):
        span = None
        if s.doc_id == doc_id:
            for a, text in zip(answer_starts, answers, strict=False):
                if s.start <= a and a + len(text) <= s.end:
                    span = (a, a + len(text))
                    break
        pos = s.doc_id == doc_id and any(s.start <= a < s.end for a in answer_starts)
        out.append(Example(question, s, float(pos), span, ctx))
    return out


def _targets(enc: object, b: int, ex: Example, offsets: list) -> tuple[int, int]:
    """Token indices of the answer's first and last token (-100: no span target)."""
    if ex.answer is None:
        return -100, -100
    a, e = ex.answer[0] - ex.sentence.start, ex.answer[1] - ex.sentence.start
    seq = enc.sequence_ids(b)  # type: ignore[attr-defined]
    toks = [k for k, sid in enumerate(seq) if sid == 1 and offsets[k][0] < e and offsets[k][1] > a]
    if not toks:
        return -100, -100
    return toks[0], toks[-1]


def _question_batches(examples: list[Example], batch_size: int) -> list[list[int]]:
    """Batches of whole questions (a question's examples are consecutive), so a listwise
    loss sees each question's candidates together."""
    groups: list[list[int]] = []
    for i, e in enumerate(examples):
        if groups and examples[groups[-1][0]].question == e.question:
            groups[-1].append(i)
        else:
            groups.append([i])
    batches, cur = [], []
    for g in groups:
        if cur and len(cur) + len(g) > batch_size:
            batches.append(cur)
            cur = []
        cur += g
    if cur:
        batches.append(cur)
    return batches


def listwise_loss(rel: Any, labels: Any, questions: list[str]) -> Any:
    """Mean over the questions (runs of equal ``questions``) with both a positive and a
    negative candidate of -log softmax(rel) at the positives; None when there is none."""
    import torch

    out, start = [], 0
    while start < len(questions):
        end = start
        while end < len(questions) and questions[end] == questions[start]:
            end += 1
        group = labels[start:end]
        if 0 < float(group.sum()) < end - start:
            logp = torch.log_softmax(rel[start:end], dim=0)
            out.append(-logp[group > 0].mean())
        start = end
    return torch.stack(out).mean() if out else None


def train(examples: list[Example], base_path: Path, top_layers: int = 6, epochs: int = 2,
          batch_size: int = 32, lr: float = 1e-4, head_lr: float = 5e-4, seed: int = 0,
          span_weight: float = 0.25, threads: int | None = None, listwise: float = 0.0,
          context: str | None = None) -> tuple[object, dict]:
    """``context``: read each sentence after the question and its context (``CONTEXT``) or
    alone (None). ``listwise`` > 0 adds, with that weight, a softmax cross-entropy over each
    question's candidates (the positive against its competitors: the reranker's actual task)
    to the pointwise loss, which stays so the relevance keeps an absolute scale for the
    confidence model."""
    import torch
    from transformers import AutoTokenizer

    torch.manual_seed(seed)
    if threads:
        torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(str(base_path), local_files_only=True)
    net = build_net(base_path)
    n_layers = net.bert.config.num_hidden_layers
    prefixes = tuple(trainable_prefixes(n_layers, top_layers))
    heads, body = [], []
    for name, p in net.named_parameters():
        p.requires_grad = name.startswith(prefixes)
        if p.requires_grad:
            (heads if name.startswith(("rel.", "qa.")) else body).append(p)
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": heads, "lr": head_lr}],
                            weight_decay=0.01)
    rng = random.Random(seed)
    # batches of similar length: less padding, same examples every epoch in a new order
    if listwise > 0:
        batches = _question_batches(examples, batch_size)
    else:
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].question) +
                       len(examples[i].sentence.text) + len(examples[i].context or ""))
        batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    total = epochs * len(batches)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min(1.0, (step + 1) / (0.06 * total)) * max(0.0, 1 - step / total))
    bce = torch.nn.BCEWithLogitsLoss()
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)
    net.train()
    losses = []
    bar = tqdm(total=total, desc="reader", unit="batch")
    for _ in range(epochs):
        rng.shuffle(batches)
        for idx in batches:
            exs = [examples[i] for i in idx]
            firsts = [first_segment(e.question, e.context if context else None, tok.sep_token)
                      for e in exs]
            enc = tok(firsts, [e.sentence.text for e in exs],
                      truncation="only_second", max_length=MAX_LEN, padding=True,
                      return_tensors="pt", return_offsets_mapping=True)
            offsets = enc.pop("offset_mapping").tolist()
            tg = [_targets(enc, b, e, offsets[b]) for b, e in enumerate(exs)]
            ctx = torch.tensor([[sid == 1 for sid in enc.sequence_ids(b)]
                                for b in range(len(exs))])
            rel, st, en = net(**enc)
            st = st.masked_fill(~ctx, -1e4)
            en = en.masked_fill(~ctx, -1e4)
            labels = torch.tensor([e.label for e in exs])
            loss = bce(rel, labels)
            if listwise > 0:
                lw = listwise_loss(rel, labels, [e.question for e in exs])
                if lw is not None:
                    loss = loss + listwise * lw
            ts = torch.tensor([t[0] for t in tg])
            te = torch.tensor([t[1] for t in tg])
            if (ts >= 0).any():
                loss = loss + span_weight * (ce(st, ts) + ce(en, te))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + heads, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            losses.append(float(loss))
            bar.update()
            bar.set_postfix(loss=f"{np.mean(losses[-50:]):.3f}")
    bar.close()
    net.eval()
    meta = {
        "base_sha256": file_sha256(base_weights_file(base_path)),
        "trained": list(prefixes), "top_layers": top_layers, "epochs": epochs,
        "batch_size": batch_size, "lr": lr, "head_lr": head_lr, "seed": seed,
        "examples": len(examples), "positives": int(sum(e.label for e in examples)),
        "final_loss": round(float(np.mean(losses[-50:])), 4) if losses else math.nan,
        "max_len": MAX_LEN, "listwise": listwise, "context": context,
    }
    return net, meta


def reader_articles(questions: list[SquadQuestion], seed: int, fraction: float,
                    exclude_fold: int | None = None, folds: int = 2) -> set[str]:
    """The fit-half articles the reader trains on (``qa_bot.fit`` fits on the others): the
    first ``fraction`` of them, or, for a cross-fitting reader, all but fold ``exclude_fold``
    of ``folds`` (``qa_bot.fit --fold-readers`` then reads each fit question with the reader
    that did not train on its article)."""
    fit_half, _ = split_by_article(questions, seed=seed)
    arts = sorted({q.article for q in fit_half})
    if exclude_fold is not None:
        if not 0 <= exclude_fold < folds:
            raise ValueError(f"fold {exclude_fold} of {folds}")
        random.Random(seed + 2).shuffle(arts)
        return set(arts) - set(arts[exclude_fold::folds])
    random.Random(seed + 1).shuffle(arts)
    return set(arts[: max(1, int(len(arts) * fraction))])


def training_examples(bot: QABot, questions: list[SquadQuestion], top_k: int = TOP_K,
                      small_docs: list[Document] | None = None) -> list[Example]:
    """The first stage's top sentences per question (plus the gold one when ranked lower).
    ``small_docs`` (the file's paragraphs): also each question's top sentences in its small
    corpus (``fit.small_corpora``: 10 paragraphs of its article, what the product searches), where
    the competitors are on-topic sentences of the same article; a sentence both rankings
    chose is one example."""
    from .pipeline import term_stats
    from .selector import AnswerSelector

    selector = AnswerSelector()
    stats = term_stats(bot)
    out: list[Example] = []
    seen: set[tuple[str, str, int]] = set()
    for q in tqdm(questions, desc="first-stage candidates", unit="q"):
        out += _top_examples(bot, selector, stats, q, top_k, seen)
    if small_docs is not None:
        from .fit import small_corpora

        for small, small_stats, _, qs in small_corpora(questions, small_docs, "small corpora"):
            for q in qs:
                out += _top_examples(small, selector, small_stats, q, top_k, seen)
    return out


def _top_examples(bot: QABot, selector: AnswerSelector, stats: TermStats, q: SquadQuestion,
                  top_k: int, seen: set[tuple[str, str, int]]) -> list[Example]:
    """``q``'s examples from ``bot``'s corpus, skipping sentences in ``seen`` (and adding its
    own)."""
    from .selector import rank_candidates, sentence_context

    qtype = classify(q.question)
    scored, qvec = bot.retriever.score(q.question, k=max(selector.candidate_chunks, 5))
    cands = selector.candidates(bot.index, scored)
    if not cands:
        return []
    x = selector.sentence_features(bot.index, stats, q.question, qtype, qvec, cands)
    for c, lg in zip(cands, selector.sentence_model.logit(x), strict=True):
        c.logit = float(lg)
    ranked = rank_candidates(cands, "other")
    gold = [c for c in ranked[top_k:] if c.sentence.doc_id == q.doc_id and
            any(c.sentence.start <= a < c.sentence.end for a in q.answer_starts)]
    chosen = []
    for c in ranked[:top_k] + gold[:1]:
        key = (q.id, c.sentence.doc_id, c.sentence.start)
        if key not in seen:
            seen.add(key)
            chosen.append(c)
    return examples_for(q.question, [c.sentence for c in chosen], q.answer_starts,
                        q.answers, q.doc_id,
                        [sentence_context(bot.index, c.row) for c in chosen])


def soup(dirs: list[Path]) -> tuple[dict[str, Any], dict]:
    """The uniform average of readers' weights ("model soup", Wortsman et al. 2022): readers
    fine-tuned from the same base on the same articles, differing in epochs or candidates.
    One reader's cost at answering. On held-out SQuAD the shipped average (the 2-epoch,
    3-epoch and 3-epoch top-6 readers, all seed 0) kept sentence accuracy and gained 2-3
    points of F1 over the 2-epoch reader, ~1 over its best ingredient (README)."""
    if len(dirs) < 2:
        raise SystemExit("--soup needs at least two reader directories")
    loaded = [load_state(Path(d) / WEIGHTS_PATH.name, Path(d) / META_PATH.name,
                         default_model_path(), "reader", ReaderError, "") for d in dirs]
    states, metas = [s for s, _ in loaded], [m for _, m in loaded]
    same = ("articles", "split_seed", "fraction", "trained", "context")
    for d, m, st in zip(dirs, metas, states, strict=True):
        if any(m.get(k) != metas[0].get(k) for k in same) or set(st) != set(states[0]):
            raise SystemExit(f"{d}: not trained like {dirs[0]} ({', '.join(same)}, tensors): "
                             "only readers of the same articles and layers average")
    avg = {k: sum(st[k] for st in states) / len(states) for k in states[0]}
    keep = ("base_sha256", "trained", "top_layers", "max_len", "context", "data", "split_seed",
            "fraction", "articles", "questions")
    meta = {k: metas[0].get(k) for k in keep} | {
        "soup": [{k: m.get(k) for k in ("weights_sha256", "epochs", "top_k", "listwise",
                                         "examples", "command", "seconds")} for m in metas]}
    return avg, meta


def command_line(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    """The command that reproduces this run (recorded with what it wrote): the program and
    every option given or not left at its default."""
    parts = [parser.prog]
    for dest, value in vars(args).items():
        if value != parser.get_default(dest):
            values = value if isinstance(value, list) else [value]  # nargs: one word each
            parts += ["--" + dest.replace("_", "-"), *map(str, values)]
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.fit_reader", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", help="SQuAD-format JSON (v1.1 dev); needed unless --soup")
    ap.add_argument("--seed", type=int, default=0, help="split seed (which articles)")
    ap.add_argument("--train-seed", type=int, default=None,
                    help="seed of the heads' initialization and the batch order (default: "
                         "--seed). Not for --soup: a reader whose heads started elsewhere made "
                         "the average worse (README)")
    ap.add_argument("--fraction", type=float, default=0.7,
                    help="share of the fit half's articles the reader trains on")
    ap.add_argument("--exclude-fold", type=int, default=None,
                    help="cross-fitting: train on the fit half's articles minus this fold")
    ap.add_argument("--folds", type=int, default=2, help="folds for --exclude-fold")
    ap.add_argument("--out", default=None,
                    help="directory for reader.safetensors + reader.json (default: the "
                         "package's data/, which answering loads)")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--top-k", type=int, default=TOP_K,
                    help="first-stage sentences per question to train on")
    ap.add_argument("--limit", type=int, default=0, help="at most this many questions (0: all)")
    ap.add_argument("--small-corpora", action="store_true",
                    help="also train on each question's top sentences in its small corpus "
                         "(10 paragraphs of its article: on-topic competitors)")
    ap.add_argument("--listwise", type=float, default=0.0,
                    help="weight of the per-question softmax loss (0: pointwise only)")
    # measured and not shipped: held-out sentence accuracy 0.770 vs 0.781 without (README)
    ap.add_argument("--context", choices=[CONTEXT, "none"], default="none",
                    help="what the reader reads beside each sentence: nothing, or the "
                         "article's title and the end of the previous sentence")
    ap.add_argument("--soup", nargs="+", default=None, metavar="DIR",
                    help="instead of training: average these readers' weights (each DIR "
                         "holds reader.safetensors + reader.json, trained on the same "
                         "articles) into --out")
    args = ap.parse_args(argv)
    t0 = time.time()
    weights, meta_path = output_paths(args.out, WEIGHTS_PATH, META_PATH)
    if args.soup:
        state, meta = soup([Path(d) for d in args.soup])
        save_state(state, meta | {"command": command_line(ap, args)}, weights, meta_path)
        print(f"reader: average of {len(args.soup)} readers -> {weights}")
        return 0
    if not args.squad:
        ap.error("--squad is required (unless --soup)")
    docs, questions = load_squad(args.squad)
    arts = reader_articles(questions, args.seed, args.fraction, args.exclude_fold, args.folds)
    train_q = [q for q in questions if q.article in arts]
    if args.limit:
        train_q = random.Random(args.seed).sample(train_q, min(args.limit, len(train_q)))
    bot = squad_bot(args.squad)
    examples = training_examples(bot, train_q, args.top_k,
                                 docs if args.small_corpora else None)
    seed = args.seed if args.train_seed is None else args.train_seed
    net, meta = train(examples, default_model_path(), epochs=args.epochs, seed=seed,
                      listwise=args.listwise,
                      context=None if args.context == "none" else args.context)
    meta.update({
        "top_k": args.top_k, "small_corpora": args.small_corpora,
        "data": Path(args.squad).name, "split_seed": args.seed,
        "fraction": args.fraction, "articles": sorted(arts), "questions": len(train_q),
        "command": command_line(ap, args),
        "seconds": round(time.time() - t0, 1),
    })
    save(net, meta, weights, meta_path)
    print(f"reader: {len(train_q)} questions, {len(examples)} examples, "
          f"{meta['seconds']:.0f} s -> {weights}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
