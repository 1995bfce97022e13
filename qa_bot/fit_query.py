"""Fine-tune the query encoder (``qa_bot.query_encoder``) on SQuAD-format questions.

    python -m qa_bot.fit_query --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json
    python -m qa_bot.fit --squad ../shared/benchmarks/squad-v1.1/dev-v1.1.json   # then this

It trains on the same articles as the reader (``fit_reader.reader_articles``: 70% of the
fit half of the by-article split), so ``qa_bot.fit`` fits the selector on the rest of the
fit half, where the tuned questions behave as on new articles, and the held-out half stays
unseen. Each question's positive is the sentence holding its answer; the negatives are all
other sentences of the training articles (a full softmax over frozen vectors: exactly the
search the question will face). The sentence vectors are the index's own, from the base
model, and never change.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .fit_reader import command_line, reader_articles
from .models import default_model_path, sentence_transformer
from .query_encoder import META_PATH, WEIGHTS_PATH, trainable, tuned_copy
from .squad import SquadQuestion, load_squad, split_by_article, squad_bot
from .weights import base_weights_file, file_sha256, output_paths, save_state


def answer_rows(index, questions: list[SquadQuestion]) -> list[int | None]:
    """Per question, the index row of the sentence holding its (first locatable) answer."""
    rows_by_doc: dict[str, list[int]] = {}
    for r, s in enumerate(index.sentences):
        rows_by_doc.setdefault(s.doc_id, []).append(r)
    out: list[int | None] = []
    for q in questions:
        found = None
        for r in rows_by_doc.get(q.doc_id, []):
            s = index.sentences[r]
            if any(s.start <= a < s.end for a in q.answer_starts):
                found = r
                break
        out.append(found)
    return out


def train(pairs: list[tuple[str, int]], targets: np.ndarray, base_path: Path, epochs: int = 2,
          batch_size: int = 32, lr: float = 2e-5, scale: float = 20.0, seed: int = 0
          ) -> tuple[object, dict]:
    """``pairs``: (question, row of its answer sentence in ``targets``), ``targets``: frozen
    unit vectors. Softmax cross-entropy of each question over all targets (temperature
    1/``scale``, as sentence-transformers' MultipleNegativesRankingLoss)."""
    import torch

    torch.manual_seed(seed)
    model = tuned_copy(sentence_transformer(base_path))
    params = []
    for name, p in model.named_parameters():
        p.requires_grad = trainable(name)
        if p.requires_grad:
            params.append(p)
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    tv = torch.tensor(targets, dtype=torch.float32)
    rng = random.Random(seed)
    order = list(range(len(pairs)))
    total = epochs * (len(order) // batch_size)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min(1.0, (step + 1) / (0.1 * total)) * max(0.0, 1 - step / total))
    model.train()
    losses: list[float] = []
    bar = tqdm(total=total, desc="query encoder", unit="batch")
    for _ in range(epochs):
        rng.shuffle(order)
        for i in range(0, len(order) - batch_size + 1, batch_size):
            batch = [pairs[j] for j in order[i:i + batch_size]]
            feats = model.preprocess([q for q, _ in batch])
            emb = torch.nn.functional.normalize(model(feats)["sentence_embedding"], dim=-1)
            loss = torch.nn.functional.cross_entropy(
                scale * emb @ tv.T, torch.tensor([r for _, r in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            losses.append(loss.item())
            bar.update()
            bar.set_postfix(loss=f"{np.mean(losses[-50:]):.3f}")
    bar.close()
    for p in model.parameters():
        p.requires_grad = False
    model.eval()
    meta = {"base_sha256": file_sha256(base_weights_file(base_path)), "epochs": epochs,
            "batch_size": batch_size, "lr": lr, "scale": scale, "seed": seed,
            "negatives": len(targets), "final_loss": round(float(np.mean(losses[-50:])), 4)}
    return model, meta


def sentence_recall(encode, index, vectors: np.ndarray, questions: list[SquadQuestion],
                    rows: list[int | None]) -> dict[str, float]:
    """Dense search alone: is the answer sentence (its paragraph) the nearest sentence, or
    among the nearest 5?"""
    keep = [(q, r) for q, r in zip(questions, rows, strict=True) if r is not None]
    if not keep:
        return {"questions": 0}
    emb = encode([q.question for q, _ in keep])
    top = np.argsort(-(emb @ vectors.T), axis=1)[:, :5]
    hits = [(r == t[0], r in t, index.sentences[t[0]].doc_id == q.doc_id)
            for (q, r), t in zip(keep, top, strict=True)]
    at1, at5, para = (round(float(np.mean(col)), 4) for col in zip(*hits, strict=True))
    return {"questions": len(keep), "sentence@1": at1, "sentence@5": at5, "paragraph@1": para}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m qa_bot.fit_query", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--squad", required=True, help="SQuAD-format JSON (v1.1 dev)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fraction", type=float, default=0.7,
                    help="share of the fit half's articles it trains on (the reader's)")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--scale", type=float, default=20.0, help="inverse softmax temperature")
    ap.add_argument("--out", default=None,
                    help="directory for query.safetensors + query.json (default: the "
                         "package's data/, which answering loads)")
    args = ap.parse_args(argv)
    import torch

    t0 = time.time()
    _, questions = load_squad(args.squad)
    arts = reader_articles(questions, args.seed, args.fraction)
    fit_half, _ = split_by_article(questions, seed=args.seed)
    train_q = [q for q in fit_half if q.article in arts]
    rest_q = [q for q in fit_half if q.article not in arts]  # validation: never trained on
    bot = squad_bot(args.squad)
    index = bot.index
    vectors = index.vectors.vectors().astype(np.float32)
    article_of = {q.doc_id: q.article for q in questions}
    neg = np.array([r for r, s in enumerate(index.sentences)
                    if article_of.get(s.doc_id) in arts], dtype=np.int64)
    at = {int(r): i for i, r in enumerate(neg)}
    pairs = [(q.question, at[r]) for q, r in zip(train_q, answer_rows(index, train_q),
                                                   strict=True) if r is not None and r in at]
    model, meta = train(pairs, vectors[neg], default_model_path(), args.epochs,
                        lr=args.lr, scale=args.scale, seed=args.seed)
    rest_rows = answer_rows(index, rest_q)
    base = sentence_transformer(default_model_path())

    def encoder(m):
        def encode(texts: list[str]) -> np.ndarray:
            with torch.inference_mode():
                return m.encode(texts, batch_size=64, normalize_embeddings=True,
                                convert_to_numpy=True)
        return encode

    meta.update({
        "data": Path(args.squad).name, "split_seed": args.seed, "fraction": args.fraction,
        "articles": sorted(arts), "questions": len(pairs),
        "validation": {"questions": "fit-half articles it did not train on, whole corpus",
                       "base": sentence_recall(encoder(base), index, vectors, rest_q,
                                               rest_rows),
                       "tuned": sentence_recall(encoder(model), index, vectors, rest_q,
                                                rest_rows)},
        "command": command_line(ap, args), "seconds": round(time.time() - t0, 1),
    })
    weights, meta_path = output_paths(args.out, WEIGHTS_PATH, META_PATH)
    save_state({k: v for k, v in model.state_dict().items() if trainable(k)}, meta, weights,
               meta_path)
    print(f"query encoder: {len(pairs)} questions, {meta['seconds']:.0f} s -> {weights}")
    print(f"validation ({len(rest_q)} questions): base {meta['validation']['base']}, "
          f"tuned {meta['validation']['tuned']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
