"""What each decoding control (service/engine/controls.py) does to loops, quality and speed, side by side.

    python -m bench.controls                     # the bundled ko-en, both hand-written everyday sets
    python -m bench.controls --model ko-en-int8 --rounds 3
    python -m bench.controls --corpus            # also the bundled corpus's held-out split (≈ 20 s more)

Decodes every sentence of the hand-written everyday sets as served (placeholders and their coverage on)
with each setting and prints, per set: outputs with a loop, BLEU and chrF; then the engine's speed on
the held-out set's sentences with each setting beside plain greedy and beam 4 (generated tokens a
second, the best of --rounds alternating rounds). A loop is a word repeated three times running ("late
late late") or a phrase of 2-4 words twice running ("went to the went to the"). Choose a default on the
development set only: the held-out set is for reporting.
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
from service.engine.controls import longest_repeat_run
from service.engine.engine import Engine

STORE = Path(__file__).resolve().parent.parent / "model_store"
SETTINGS: list[tuple[str, DecodingOptions]] = [
    ("greedy, no controls", DecodingOptions()),
    ("greedy, no-repeat 2", DecodingOptions(no_repeat_ngram_size=2)),
    ("greedy, no-repeat 3", DecodingOptions(no_repeat_ngram_size=3)),
    ("greedy, no-repeat 4", DecodingOptions(no_repeat_ngram_size=4)),
    ("greedy, repetition penalty 2", DecodingOptions(repetition_penalty=2.0)),
    ("greedy, repetition penalty 8", DecodingOptions(repetition_penalty=8.0)),
    ("beam 4", DecodingOptions(beam_size=4)),
    ("beam 4, no-repeat 2", DecodingOptions(beam_size=4, no_repeat_ngram_size=2)),
    ("beam 4, no-repeat 3", DecodingOptions(beam_size=4, no_repeat_ngram_size=3)),
    ("beam 4, repetition penalty 2", DecodingOptions(beam_size=4, repetition_penalty=2.0)),
    ("sampling top-k 10, temperature 0.7, seed 1", DecodingOptions(sampling_topk=10, sampling_temperature=0.7, seed=1)),
]


def has_loop(text: str) -> bool:
    n, times = longest_repeat_run(text.lower().split())
    return (n == 1 and times >= 3) or (n >= 2 and times >= 2)


@dataclass(frozen=True)
class Quality:
    loops: int
    bleu: float
    chrf: float


def quality(engine: Engine, pairs: list[tuple[str, str]], options: DecodingOptions) -> Quality:
    outputs = [t[0].text for t in engine.translate([s for s, _ in pairs], options)]
    references = [[t for _, t in pairs]]
    return Quality(sum(map(has_loop, outputs)), sacrebleu.corpus_bleu(outputs, references).score,
                   sacrebleu.corpus_chrf(outputs, references).score)


def repeats(engine: Engine, pairs: list[tuple[str, str]], n: int) -> int:
    count = 0
    for _, target in pairs:
        ids = engine.text.encode_target(target)
        grams = [tuple(ids[j: j + n]) for j in range(len(ids) - n + 1)]
        count += len(grams) != len(set(grams))
    return count


def tokens_per_second(engine: Engine, sources: list[list[int]], options: DecodingOptions) -> float:
    start = time.perf_counter()
    results = engine.translate_ids(sources, options)
    return sum(len(h[0].tokens) + 1 for h in results) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.controls", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", default=str(STORE), help="model store (default: the repository's)")
    p.add_argument("--model", default="ko-en", help="model name (default: %(default)s)")
    p.add_argument("--rounds", type=int, default=2, help="alternating speed rounds; the best counts (default: 2)")
    p.add_argument("--corpus", action="store_true", help="also the bundled corpus's held-out split")
    args = p.parse_args(argv)

    from export.corpus import bundled_corpus_from_summary, everyday_dev, everyday_heldout

    engine = Engine.from_store(args.store, args.model, config=EngineConfig())
    sets = {"everyday development": everyday_dev(), "everyday held-out": everyday_heldout()}
    if args.corpus:
        sets["corpus held-out"] = bundled_corpus_from_summary(engine.manifest.training_data["grammar"]).splits["test"]
    # What a no-repeat size rules out: references that repeat an n-gram of pieces themselves.
    print("References that repeat a pair / a triple of target pieces (what no-repeat 2 / 3 cannot output): " + "; ".join(
        f"{name} {repeats(engine, pairs, 2)} / {repeats(engine, pairs, 3)} of {len(pairs)}" for name, pairs in sets.items())
        + "\n")
    print(f"## {args.model}/{engine.version}: loops and quality, every sentence as served\n")
    print("| decoding | " + " | ".join(f"{name} ({len(pairs)}): loops / BLEU / chrF" for name, pairs in sets.items())
          + " |")
    print("| --- |" + " --- |" * len(sets))
    for label, options in tqdm(SETTINGS, desc="quality", leave=False):
        cells = [quality(engine, pairs, options) for pairs in sets.values()]
        print(f"| {label} | " + " | ".join(f"{q.loops} / {q.bleu:.2f} / {q.chrf:.2f}" for q in cells) + " |")

    sources = engine.encode([s for s, _ in sets["everyday held-out"]])
    best = {label: 0.0 for label, _ in SETTINGS}
    for _ in tqdm(range(args.rounds), desc="speed rounds", leave=False):
        for label, options in SETTINGS:
            best[label] = max(best[label], tokens_per_second(engine, sources, options))
    greedy, beam = best[SETTINGS[0][0]], best["beam 4"]
    print(f"\n## {args.model}/{engine.version}: engine speed on the held-out sentences ({len(sources)}), "
          f"best of {args.rounds} alternating rounds\n")
    print("| decoding | tokens/s | × greedy | × beam 4 |")
    print("| --- | --- | --- | --- |")
    for label, _ in SETTINGS:
        print(f"| {label} | {best[label]:.0f} | {best[label] / greedy:.2f} | {best[label] / beam:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
