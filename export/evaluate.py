"""Score a checkpoint on a held-out split with sacrebleu (BLEU and chrF), decoding with the
PyTorch reference decoder.

    mt-evaluate --checkpoint runs/ko-en/best.pt            # bundled corpus, held-out test split, greedy
    mt-evaluate --checkpoint runs/ko-en/best.pt --beam 4
    mt-evaluate --checkpoint my.pt --test test.ko test.en  # a user's own test files
    mt-evaluate --checkpoint runs/ko-en/best.pt --everyday # the hand-written everyday Korean set
    mt-evaluate --checkpoint runs/ko-en/best.pt --everyday-dev  # its development set (for choosing checkpoints)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import sacrebleu
import sentencepiece as spm
import torch
from tqdm import tqdm

from export.batching import make_example, pad, token_budget_batches
from export.checkpoint import load_model
from export.corpus import (EVERYDAY_DEV, EVERYDAY_HELDOUT, CorpusError, Pair, bundled_corpus_from_summary, everyday_dev,
                           everyday_heldout, read_pairs)
from export.decoding import LengthLimit, beam_search, greedy_decode
from export.model import Transformer
from service.text.placeholders import encode_protected, restore


def translate(model: Transformer, source_spm: spm.SentencePieceProcessor, target_spm: spm.SentencePieceProcessor,
              sentences: list[str], beam_size: int = 1, length_penalty: float = 1.0,
              limit: LengthLimit = LengthLimit(), max_tokens: int = 4000, progress: bool = False) -> list[str]:
    """Translate sentences with the reference decoder; results in input order. Numbers and Latin-script
    words go through placeholders when the tokenizers have them, as in the service."""
    model.eval()
    ids, fills = encode_protected(source_spm, sentences)
    examples = [make_example(row, []) for row in ids]
    batches = token_budget_batches(examples, max_tokens, rng=None)
    out: list[str] = [""] * len(sentences)
    for batch in tqdm(batches, desc="decoding", unit="batch", disable=not progress, leave=False):
        src = pad([examples[i].src for i in batch])
        if beam_size == 1:
            hyps = greedy_decode(model, src, limit, length_penalty)
        else:
            hyps = [nbest[0] for nbest in beam_search(model, src, beam_size, 1, limit, length_penalty)]
        for i, hyp in zip(batch, hyps):
            out[i] = restore(target_spm.decode(hyp.tokens), fills[i])
    return out


def score(hypotheses: list[str], references: list[str]) -> dict[str, float]:
    return {"bleu": round(sacrebleu.corpus_bleu(hypotheses, [references]).score, 2),
            "chrf": round(sacrebleu.corpus_chrf(hypotheses, [references]).score, 2)}


def held_out_pairs(meta: dict, test_paths: list[str] | None) -> tuple[list[Pair], str]:
    """The split to score: the user's files, or the bundled corpus's test split rebuilt from the
    grammar settings recorded in the checkpoint."""
    if test_paths:
        return read_pairs(test_paths), " ".join(test_paths)
    grammar = meta.get("data", {}).get("grammar")
    if grammar is None:
        raise CorpusError("this checkpoint was not trained on the bundled corpus: give --test PATH [PATH]")
    corpus = bundled_corpus_from_summary(grammar)
    return corpus.splits["test"], f"bundled test split (seed {grammar['seed']})"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mt-evaluate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default="runs/ko-en/best.pt", help="checkpoint to score (default: %(default)s)")
    p.add_argument("--test", nargs="+", metavar="PATH",
                   help="test split: one TSV file or two aligned files (default: the bundled held-out split)")
    p.add_argument("--everyday", action="store_true",
                   help="score on the hand-written everyday Korean set (export/data/everyday_heldout.tsv) instead")
    p.add_argument("--everyday-dev", action="store_true",
                   help="score on the hand-written everyday development set (export/data/everyday_dev.tsv)")
    p.add_argument("--beam", type=int, default=1, help="beam size; 1 is greedy (default: %(default)s)")
    p.add_argument("--length-penalty", type=float, default=1.0,
                   help="rank hypotheses by log_prob / length**penalty (default: %(default)s)")
    p.add_argument("--limit", type=int, default=0, help="score only the first N pairs (default: all)")
    p.add_argument("--output", type=Path, help="write the hypotheses here, one per line")
    p.add_argument("--json", action="store_true", help="print the scores as one JSON line")
    p.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.beam < 1:
        print(f"error: --beam {args.beam} must be at least 1", file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        loaded = load_model(args.checkpoint)
        if args.everyday:
            pairs, where = everyday_heldout(), f"hand-written everyday set ({EVERYDAY_HELDOUT.name})"
        elif args.everyday_dev:
            pairs, where = everyday_dev(), f"hand-written everyday development set ({EVERYDAY_DEV.name})"
        else:
            pairs, where = held_out_pairs(loaded.meta, args.test)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit:
        pairs = pairs[: args.limit]
    sources, references = [s for s, _ in pairs], [t for _, t in pairs]
    hypotheses = translate(loaded.model, loaded.source_spm, loaded.target_spm, sources, args.beam,
                           args.length_penalty, progress=True)
    scores = {**score(hypotheses, references), "sentences": len(pairs), "beam": args.beam}
    if args.output:
        args.output.write_text("".join(h + "\n" for h in hypotheses), encoding="utf-8")
    if args.json:
        print(json.dumps(scores))
    else:
        print(f"{where}: {len(pairs)} sentences, beam {args.beam}")
        print(f"BLEU {scores['bleu']:.2f}  chrF {scores['chrf']:.2f}")
        wrong = [(s, r, h) for s, r, h in zip(sources, references, hypotheses) if r != h]
        print(f"exact matches: {len(pairs) - len(wrong)}/{len(pairs)}")
        for s, r, h in wrong[:5]:
            print(f"  src: {s}\n  ref: {r}\n  hyp: {h}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
