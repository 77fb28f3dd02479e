"""What placeholder coverage (service/engine/running_batch.py) does to quality and time, side by side.

    python -m bench.placeholder_coverage                  # the bundled ko-en, the two hand-written sets
    python -m bench.placeholder_coverage --model ko-en-int8 --held-out

On the hand-written everyday sets' sentences whose source has placeholders (numbers, Latin words,
names), decodes with greedy and beam 4 search, each with and without the constraint, and prints BLEU,
chrF and "covered" (each span in the output exactly as often as in the source). Then every sentence
of each set as served (the engine's default options) with coverage off and on: BLEU, chrF and seconds (the faster of two alternating rounds).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import sacrebleu
from tqdm import tqdm

from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.text.placeholders import protect, whole_word

STORE = Path(__file__).resolve().parent.parent / "model_store"
# (label, coverage on, beam): greedy and beam 2 under the constraint show why it comes with a beam of 4.
SETTINGS = [("greedy", False, 1), ("greedy + coverage", True, 1), ("beam 4", False, 4),
            ("beam 2 + coverage", True, 2), ("beam 4 + coverage (served)", True, 4)]


@dataclass(frozen=True)
class Scores:
    bleu: float
    chrf: float
    covered: int
    sentences: int
    seconds: float


def covered(output: str, fills: tuple[str, ...]) -> bool:
    """Each span in the output as a whole word exactly as often as in the source ("5" not in "15:00")."""
    return all(len(whole_word(f).findall(output)) == fills.count(f) for f in set(fills))


def score(engine: Engine, pairs: list[tuple[str, str]], options: DecodingOptions | None) -> Scores:
    sources, references = [s for s, _ in pairs], [t for _, t in pairs]
    start = time.perf_counter()
    outputs = [t[0].text for t in (engine.translate(sources, options) if options else engine.translate(sources))]
    seconds = time.perf_counter() - start
    fills = [protect(s, engine.placeholders)[1] for s in sources]
    return Scores(sacrebleu.corpus_bleu(outputs, [references]).score, sacrebleu.corpus_chrf(outputs, [references]).score,
                  sum(covered(o, f) for o, f in zip(outputs, fills)), len(pairs), seconds)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.placeholder_coverage", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", default=str(STORE), help="model store (default: the repository's)")
    p.add_argument("--model", default="ko-en", help="model name (default: %(default)s)")
    p.add_argument("--held-out", action="store_true",
                   help="also the bundled corpus's held-out split (rebuilt from the manifest; ≈ 20 s more)")
    args = p.parse_args(argv)

    from export.corpus import bundled_corpus_from_summary, everyday_dev, everyday_heldout

    engines = {on: Engine.from_store(args.store, args.model, config=EngineConfig(cover_placeholders=on))
               for on in (False, True)}
    # The constraint at the beam asked for (the served engine widens it to placeholder_beam).
    exact = Engine.from_store(args.store, args.model, config=EngineConfig(placeholder_beam=1))
    if not engines[True].placeholders:
        print(f"{args.model} was not trained with placeholders: nothing to compare", file=sys.stderr)
        return 2
    sets = {"everyday held-out": everyday_heldout(), "everyday development": everyday_dev()}
    if args.held_out:
        grammar = engines[True].manifest.training_data["grammar"]
        sets["corpus held-out"] = bundled_corpus_from_summary(grammar).splits["test"]
    masking = engines[True].placeholders

    print(f"## {args.model}/{engines[True].version}: sentences with placeholders\n")
    print("| decoding | " + " | ".join(f"{name}: BLEU / chrF / covered" for name in sets) + " |")
    print("| --- |" + " --- |" * len(sets))
    subsets = {name: [(s, t) for s, t in pairs if protect(s, masking)[1]] for name, pairs in sets.items()}
    for label, on, beam in tqdm(SETTINGS, desc="settings", leave=False):
        cells = []
        for name, pairs in subsets.items():
            r = score(exact if on else engines[False], pairs, DecodingOptions(beam_size=beam))
            cells.append(f"{r.bleu:.2f} / {r.chrf:.2f} / {r.covered} of {r.sentences}")
        print(f"| {label} | " + " | ".join(cells) + " |")

    print(f"\n## {args.model}/{engines[True].version}: every sentence, as served (default options)\n")
    print("| set | sentences (with placeholders) | coverage off: BLEU / chrF / s | coverage on: BLEU / chrF / s |")
    print("| --- | --- | --- | --- |")
    for name, pairs in tqdm(sets.items(), desc="sets", leave=False):
        runs = [score(engines[flag], pairs, None) for _ in range(2) for flag in (False, True)]  # alternating
        off, on = (min(runs[i::2], key=lambda r: r.seconds) for i in (0, 1))  # the faster of two rounds
        print(f"| {name} | {len(pairs)} ({len(subsets[name])}) | {off.bleu:.2f} / {off.chrf:.2f} / {off.seconds:.1f} "
              f"| {on.bleu:.2f} / {on.chrf:.2f} / {on.seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
