"""Words the name finder (service/text/names.py) takes as names where the translation has no romanized name.

    python -m export.name_audit            # the bundled corpus and the everyday development set
    python -m export.name_audit --check    # exit status 1 when there is any (for CI and tests)

A word listed here is an ordinary word of a name's shape (강아지 "Kang Aji", 마시지 "Ma Siji"); at
serving it would come out as a romanized name, so it belongs in `service.text.names.NOT_NAMES`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable

from export.corpus import DEFAULT_GRAMMAR_VERSION, bundled_corpus, everyday_dev
from service.text.names import find_names
from service.text.romanize import romanize_name


def misread(pairs: Iterable[tuple[str, str]]) -> Counter:
    """How often each word taken as a name appears in a pair whose English lacks its romanization."""
    counts: Counter = Counter()
    for ko, en in pairs:
        for start, end in find_names(ko):
            if romanize_name(ko[start:end]) not in en:
                counts[ko[start:end]] += 1
    return counts


def audit(seed: int = 13, train_size: int = 200_000) -> Counter:
    corpus = bundled_corpus(seed, train_size, 1000, 2000, DEFAULT_GRAMMAR_VERSION)
    return misread([pair for split in corpus.splits.values() for pair in split] + everyday_dev())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m export.name_audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13, help="bundled corpus seed (default 13, the bundled model's)")
    parser.add_argument("--train-size", type=int, default=200_000, help="training pairs to generate (default 200000)")
    parser.add_argument("--check", action="store_true", help="exit with status 1 when any word is misread")
    args = parser.parse_args(argv)
    counts = audit(args.seed, args.train_size)
    for word, n in counts.most_common():
        print(f"{n}\t{word}")
    print(f"{len(counts)} words misread as names ({sum(counts.values())} times)", file=sys.stderr)
    return 1 if args.check and counts else 0


if __name__ == "__main__":
    sys.exit(main())
