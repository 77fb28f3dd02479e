"""Candidate models side by side: size, quality on every evaluation set as served, loops, and engine speed.

    python -m bench.model_table                                     # the bundled ko-en and ko-en-int8
    python -m bench.model_table model_store:ko-en/4 runs/cand:ko-en/1 runs/cand:ko-en-int8/1
    python -m bench.model_table --speed-rounds 0                    # quality only

Each model is named STORE:NAME[/VERSION] (the newest version when none is given). Every sentence is
decoded as a request naming no options is served (greedy, the server's default no-repeat size,
placeholders on), and each set gives BLEU / chrF (sacrebleu) and the outputs with a loop (a word three
times running or a phrase of 2-4 words twice running, as `python -m bench.controls` counts them):
the bundled corpus's held-out split (the model's recorded corpus), the first grammar's held-out split,
the hand-written everyday held-out set and its development set. Then the engine's generated tokens a
second on the everyday held-out sentences, greedy and beam 4, one sentence at a time and in batches of
32: the best of --speed-rounds rounds that alternate the models, so that a noisy moment hits all of
them. Choose between candidates on the development columns; the held-out ones are for reporting.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from bench.controls import quality
from model_store import ModelStore
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine

STORE = Path(__file__).resolve().parent.parent / "model_store"
SERVED = DecodingOptions(no_repeat_ngram_size=EngineConfig().no_repeat_ngram_size)
SPEED_CASES = [("greedy", 1), ("greedy", 32), ("beam 4", 1), ("beam 4", 32)]
# The first grammar's held-out split as every bundled model since ko-en/2 was scored on it (docs/training.md).
FIRST_GRAMMAR = {"seed": 13, "train_size": 200_000, "dev_size": 1000, "test_size": 2000, "version": 1}


@dataclass(frozen=True)
class Subject:
    store: Path
    name: str
    version: int | None

    @classmethod
    def parse(cls, spec: str) -> Subject:
        store, sep, model = spec.rpartition(":")
        if not sep or not model:
            raise ValueError(f"{spec!r}: expected STORE:NAME or STORE:NAME/VERSION")
        name, _, version = model.partition("/")
        if version and not version.isdigit():
            raise ValueError(f"{spec!r}: the version must be a number")
        return cls(Path(store), name, int(version) if version else None)


def tokens_per_second(engine: Engine, sources: list[list[int]], beam: int, batch: int) -> float:
    options = DecodingOptions(beam_size=beam, no_repeat_ngram_size=SERVED.no_repeat_ngram_size)
    start, tokens = time.perf_counter(), 0
    for i in range(0, len(sources), batch):
        tokens += sum(len(h[0].tokens) + 1 for h in engine.translate_ids(sources[i: i + batch], options))
    return tokens / (time.perf_counter() - start)


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file()) / 2 ** 20


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.model_table", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", nargs="*", default=[f"{STORE}:ko-en", f"{STORE}:ko-en-int8"],
                   help="STORE:NAME[/VERSION] each (default: the bundled ko-en and ko-en-int8)")
    p.add_argument("--speed-rounds", type=int, default=2, help="alternating speed rounds, best counts; 0: none "
                   "(default: %(default)s)")
    p.add_argument("--batch-1-sentences", type=int, default=64,
                   help="everyday held-out sentences decoded one at a time (default: %(default)s)")
    p.add_argument("--limit", type=int, default=0, help="score the first N pairs of each set only; 0: all "
                   "(default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads (default: %(default)s)")
    args = p.parse_args(argv)
    try:
        subjects = [Subject.parse(spec) for spec in args.models]
    except ValueError as exc:
        p.error(str(exc))

    from export.corpus import bundled_corpus_from_summary, everyday_dev, everyday_heldout

    opened = [ModelStore(s.store).open(s.name, s.version) for s in subjects]
    engines = [Engine(v, config=EngineConfig(intra_op_threads=args.threads)) for v in opened]
    labels = [f"{s.name}/{e.version}" + ("" if s.store.resolve() == STORE else f" ({s.store})")
              for s, e in zip(subjects, engines)]
    cut = slice(None, args.limit or None)
    everyday = {"everyday held-out": everyday_heldout()[cut], "everyday development": everyday_dev()[cut]}
    first = bundled_corpus_from_summary(FIRST_GRAMMAR).splits["test"][cut]
    corpora: dict[str, list] = {}  # models trained on one corpus share its split

    print("| model | size MiB | corpus held-out | first grammar held-out | "
          + " | ".join(f"{n} ({len(v)}): BLEU / chrF / loops" for n, v in everyday.items()) + " |")
    print("| --- |" + " ---: |" * (3 + len(everyday)))
    for label, engine, version in tqdm(list(zip(labels, engines, opened)), desc="quality", leave=False):
        grammar = engine.manifest.training_data["grammar"]
        key = repr(sorted(grammar.items()))
        if key not in corpora:
            corpora[key] = bundled_corpus_from_summary(grammar).splits["test"][cut]
        cells = [quality(engine, pairs, SERVED) for pairs in (corpora[key], first, *everyday.values())]
        print(f"| {label} | {size_mib(version.path):.1f} | {cells[0].bleu:.2f} | {cells[1].bleu:.2f} | "
              + " | ".join(f"{q.bleu:.2f} / {q.chrf:.2f} / {q.loops}" for q in cells[2:]) + " |")
    if args.speed_rounds <= 0:
        return 0

    sentences = [s for s, _ in everyday["everyday held-out"]]
    best = {(label, case): 0.0 for label in labels for case in SPEED_CASES}
    for _ in tqdm(range(args.speed_rounds), desc="speed rounds", leave=False):
        for label, engine in zip(labels, engines):
            sources = engine.encode(sentences)
            for kind, batch in SPEED_CASES:
                chosen = sources[: args.batch_1_sentences] if batch == 1 else sources
                rate = tokens_per_second(engine, chosen, 4 if kind == "beam 4" else 1, batch)
                best[label, (kind, batch)] = max(best[label, (kind, batch)], rate)
    threads = f"{args.threads} thread{'s' if args.threads != 1 else ''}"
    print(f"\nEngine tokens/s on the everyday held-out sentences ({args.batch_1_sentences} one at a time, "
          f"{len(sentences)} in batches of 32), {threads}, best of {args.speed_rounds} rounds:\n")
    print("| model | " + " | ".join(f"{kind}, batch {batch}" for kind, batch in SPEED_CASES) + " |")
    print("| --- |" + " ---: |" * len(SPEED_CASES))
    for label in labels:
        print(f"| {label} | " + " | ".join(f"{best[label, case]:.0f}" for case in SPEED_CASES) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
