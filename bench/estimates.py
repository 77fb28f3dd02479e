"""Admission's time estimates against what happened: predicted and actual times of single sentences,
documents and bulk requests, alone and under a mixed open-loop load at 80 % of capacity.

    python -m bench.estimates                 # the bundled model, in-process engine and scheduler
    python -m bench.estimates --seconds 30 --markdown out.md

The engine's scheduler runs in this process as in the engine process (ONNX Runtime with 2 threads); each
request's prediction is what the door computes for it at arrival (service/admission.py: `Demand` from its
sentences, beams and length limits, `LoadModel.estimate`), its actual time from arrival to answer.

1. Alone: each kind sent alone on a measured, idle engine (--rounds times): median and p90 of
   predicted / actual.
2. Mixed: Poisson arrivals of the three kinds (88 % single sentences, 10 % documents, 2 % bulk; bulk
   at PRIORITY_AUTO, which makes it batch class) at 80 % of the mix's capacity (measured closed loop
   first), every request with a deadline of 5x its kind's median time alone, at least 1 s (a feasible
   deadline, as callers set them: the issue's dropped request had 10 s for 347 ms of work). The
   requests refused at the door or dropped before decoding (goal: none), and predicted / actual per kind.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from prometheus_client import CollectorRegistry
from tqdm import tqdm

from bench.service_bench import MODEL, heldout_sentences
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.engine.iteration_scheduler import IterationScheduler
from service.errors import DeadlinePassed, QueueFull
from service.metrics import ServiceMetrics
from service.work import SchedulerConfig, WorkItem

KINDS = ("single sentence", "document (12 sentences)", "bulk (128 sentences, beam 8)")
MIX = (0.88, 0.10, 0.02)


@dataclass
class Kind:
    name: str
    sources: list[list[int]]
    options: DecodingOptions
    alone: list[tuple[float, float]] = field(default_factory=list)  # (predicted, actual) s
    mixed: list[tuple[float, float]] = field(default_factory=list)
    refused: int = 0  # at the door: RESOURCE_EXHAUSTED, or DEADLINE_EXCEEDED for a deadline said too short
    dropped: int = 0  # before decoding: it waited too long to finish in time
    expired: int = 0  # its deadline passed while it decoded


class Bench:
    def __init__(self, engine: Engine, config: SchedulerConfig) -> None:
        self.engine, self.config = engine, config
        self.scheduler = IterationScheduler(config, ServiceMetrics(CollectorRegistry()))

    def predict(self, kind: Kind) -> float:
        """What the door predicts for the request now (as a front computes it)."""
        load, options = self.scheduler.load, kind.options
        priority = self.config.auto_priority(len(kind.sources) * options.beam_size)
        demand = load.demand(((options.beam_size, len(ids) + 1, min(options.length_limit(len(ids) + 1),
                                                                     self.engine.max_target_tokens))
                              for ids in kind.sources), priority)
        estimate = load.estimate(demand)
        return estimate.total if estimate else float("nan")

    async def send(self, kind: Kind, deadline_in: float | None = None) -> tuple[float, float]:
        predicted = self.predict(kind)
        started = time.monotonic()
        item = WorkItem(self.engine, kind.sources, kind.options,
                        started + deadline_in if deadline_in is not None else None,
                        asyncio.get_running_loop().create_future())
        item.priority = self.config.auto_priority(len(kind.sources) * kind.options.beam_size)
        await self.scheduler.submit(item)
        return predicted, time.monotonic() - started


async def run(args: argparse.Namespace, progress: tqdm) -> list[Kind]:
    engine = Engine.from_store(args.store, MODEL, config=EngineConfig(intra_op_threads=args.threads))
    bench = Bench(engine, SchedulerConfig())
    sentences = heldout_sentences(args.store, 2000)
    rng = random.Random(7)
    longest = sorted(set(sentences), key=len)[-128:]
    encode = engine.source_spm.encode
    singles = [encode([s])[0] for s in sentences[:200]]
    docs = [encode(sentences[200 + 12 * i: 212 + 12 * i]) for i in range(50)]
    bulk = encode(longest)
    all_kinds = [Kind(KINDS[0], [], DecodingOptions()), Kind(KINDS[1], [], DecodingOptions()),
                 Kind(KINDS[2], bulk, DecodingOptions(beam_size=8))]

    def pick(kind: Kind) -> Kind:
        sources = {KINDS[0]: lambda: [rng.choice(singles)], KINDS[1]: lambda: rng.choice(docs),
                   KINDS[2]: lambda: bulk}[kind.name]()
        return Kind(kind.name, sources, kind.options)

    bench.scheduler.start()
    try:
        # warm up and measure: closed loop of the mix
        async def closed(seconds: float) -> int:
            done, end = 0, time.monotonic() + seconds

            async def client():
                nonlocal done
                while time.monotonic() < end:
                    kind = pick(rng.choices(all_kinds, MIX)[0])
                    while True:  # the mix as drawn: a refused (bulk) request is sent again when the hint says
                        try:
                            await bench.send(kind)
                            done += 1
                            break
                        except QueueFull as exc:
                            await asyncio.sleep(exc.retry_after or 0.1)
            await asyncio.gather(*(client() for _ in range(16)))
            return done
        await closed(3.0)
        capacity = await closed(args.seconds / 2) / (args.seconds / 2)
        progress.update()
        for kind in all_kinds:  # alone, on an idle engine
            for _ in range(args.rounds if kind.name != KINDS[2] else max(2, args.rounds // 5)):
                await asyncio.sleep(0.05)
                kind.alone.append(await bench.send(pick(kind)))
            progress.update()
        deadlines = {k.name: max(1.0, 5 * statistics.median(a for _, a in k.alone)) for k in all_kinds}

        async def one(kind: Kind) -> None:
            try:
                result = await bench.send(pick(kind), deadlines[kind.name])
                kind.mixed.append(result)
            except QueueFull:
                kind.refused += 1
            except DeadlinePassed as exc:
                if "cannot finish within its deadline" in str(exc):
                    kind.refused += 1
                elif "stopped before decoding" in str(exc):
                    kind.dropped += 1
                else:
                    kind.expired += 1

        tasks, end = [], time.monotonic() + args.seconds
        rate = 0.8 * capacity
        while time.monotonic() < end:
            await asyncio.sleep(rng.expovariate(rate))
            tasks.append(asyncio.ensure_future(one(rng.choices(all_kinds, MIX)[0])))
        await asyncio.gather(*tasks)
        progress.update()
        args.capacity, args.rate, args.deadlines = capacity, rate, deadlines
        return all_kinds
    finally:
        await bench.scheduler.close()


def ratios(pairs: list[tuple[float, float]]) -> str:
    if not pairs:
        return "-"
    r = [p / a for p, a in pairs]
    return f"{statistics.median(r):.2f} / {np.percentile(r, 90):.2f}"


def markdown(all_kinds: list[Kind], args: argparse.Namespace) -> str:
    lines = [f"Mix capacity (16 closed-loop clients): {args.capacity:.1f} requests/s; mixed load at {args.rate:.1f}/s "
             f"for {args.seconds:g} s; deadlines 5x each kind's median alone, at least 1 s: "
             + ", ".join(f"{k} {d * 1000:.0f} ms" for k, d in args.deadlines.items()) + ".", "",
             "| kind | alone: requests | alone: actual ms (median) | alone: predicted / actual (median / p90) | "
             "mixed: requests | mixed: actual ms (median / p90) | mixed: predicted / actual (median / p90) | "
             "refused at the door | dropped before decoding | deadline passed while decoding |",
             "|---|---:|---:|---|---:|---|---|---:|---:|---:|"]
    for k in all_kinds:
        mixed = [a for _, a in k.mixed]
        lines.append(f"| {k.name} | {len(k.alone)} | {statistics.median(a for _, a in k.alone) * 1000:.0f} | "
                     f"{ratios(k.alone)} | {len(k.mixed) + k.refused + k.dropped + k.expired} | "
                     + (f"{statistics.median(mixed) * 1000:.0f} / {np.percentile(mixed, 90) * 1000:.0f}" if mixed else "-")
                     + f" | {ratios(k.mixed)} | {k.refused} | {k.dropped} | {k.expired} |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.estimates", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads (default: %(default)s)")
    p.add_argument("--rounds", type=int, default=20, help="requests of each kind alone (bulk: a fifth) "
                                                         "(default: %(default)s)")
    p.add_argument("--seconds", type=float, default=20.0, help="seconds of mixed load (default: %(default)s)")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with tqdm(total=5, desc="estimates", unit="phase") as progress:
        all_kinds = asyncio.run(run(args, progress))
    table = markdown(all_kinds, args)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
