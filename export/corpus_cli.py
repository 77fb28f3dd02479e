"""Write the bundled Korean→English corpus to files, or check a user's corpus.

    mt-corpus                               # data/ko-en/{train,dev,test}.tsv from the bundled grammar
    mt-corpus --seed 7 --train-size 50000 --out data/small
    mt-corpus --check my.tsv                # or: --check my.ko my.en
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from export.corpus import (DEFAULT_GRAMMAR_VERSION, EVERYDAY_REVISION, FIRST_GRAMMAR_SHARE, GRAMMAR_VERSIONS,
                           CorpusError, bundled_corpus, read_pairs, write_tsv)
from export.grammar.everyday_corpus import EVERYDAY_REVISIONS


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="mt-corpus", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("data/ko-en"), help="output directory (default: %(default)s)")
    p.add_argument("--seed", type=int, default=13, help="grammar seed (default: %(default)s)")
    p.add_argument("--train-size", type=int, default=200_000, help="training pairs (default: %(default)s)")
    p.add_argument("--dev-size", type=int, default=1000, help="dev pairs (default: %(default)s)")
    p.add_argument("--test-size", type=int, default=2000, help="held-out test pairs (default: %(default)s)")
    p.add_argument("--grammar-version", type=int, choices=GRAMMAR_VERSIONS, default=DEFAULT_GRAMMAR_VERSION,
                   help="1: the first grammar alone; 2: with the everyday grammar (default: %(default)s)")
    p.add_argument("--everyday-revision", type=int, choices=EVERYDAY_REVISIONS, default=EVERYDAY_REVISION,
                   help="version 2: the everyday grammar's revision (default: %(default)s, as mt-train)")
    p.add_argument("--first-grammar-share", type=float, default=FIRST_GRAMMAR_SHARE,
                   help="version 2: the share of training pairs from the first grammar (default: %(default)s)")
    p.add_argument("--check", nargs="+", metavar="PATH",
                   help="only validate a corpus (one TSV file or two aligned files) and report its size")
    args = p.parse_args(argv)
    try:
        if args.check:
            pairs = read_pairs(args.check)
            print(f"{' '.join(args.check)}: {len(pairs)} sentence pairs, all well-formed")
            return 0
        corpus = bundled_corpus(args.seed, args.train_size, args.dev_size, args.test_size, args.grammar_version,
                                everyday_revision=args.everyday_revision,
                                first_grammar_share=args.first_grammar_share)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, pairs in corpus.splits.items():
        write_tsv(pairs, args.out / f"{name}.tsv")
        print(f"{args.out / f'{name}.tsv'}: {len(pairs)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
