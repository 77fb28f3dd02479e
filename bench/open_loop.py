"""Open-loop load on the service: the iteration-level scheduler beside the request-level one.

    python -m bench.open_loop                                  # both schedulers, 25..120 % load
    python -m bench.open_loop --seconds 20 --markdown out.md --plot out.png

Traffic arrives the way it does in production: Poisson arrivals from a separate process, whatever
the server's speed (open loop), each call with a deadline. The mix: held-out sentences, 10 % long
texts of 40-80 tokens (several held-out sentences joined), 70 % greedy and 30 % beam 4; one call in
ten streams (TranslateTokens) so that time to first token is measured.

1. Capacity of each scheduler: a closed loop of 64 clients sending the same mix; requests/s.
2. For each load in --loads (a share of the request-level scheduler's capacity, so both schedulers
   get the same offered rates), each scheduler in turn: goodput (OK answers within the deadline per
   second), p50/p90/p99 latency of OK answers, p50/p99 time to first token, and the status codes.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import numpy as np
from tqdm import tqdm

from bench.server_process import ServerProcess
from bench.service_bench import MODEL, copy_default_model, heldout_sentences
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc

SCHEDULERS = ("iteration", "static")


@dataclass(frozen=True)
class Call:
    text: str
    beam: int
    stream: bool


@dataclass
class Outcome:
    latency: float  # seconds from send to answer
    first: float  # seconds to the first update (streamed calls; the answer otherwise)
    code: str
    stream: bool
    sent_at: float = 0.0  # time.time() when sent (wall clock: comparable across processes)


@dataclass
class Point:
    scheduler: str
    load: float  # share of the request-level scheduler's capacity; 0 for the closed-loop capacity run
    offered: float  # requests/s sent
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 1.0

    @property
    def ok(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.code == "OK"]

    @property
    def goodput(self) -> float:
        return len(self.ok) / self.seconds

    def latency_ms(self, q: float) -> float:
        return float(np.percentile([o.latency for o in self.ok], q) * 1000) if self.ok else float("nan")

    def ttft_ms(self, q: float) -> float:
        firsts = [o.first for o in self.ok if o.stream]
        return float(np.percentile(firsts, q) * 1000) if firsts else float("nan")

    def codes(self) -> str:
        return ", ".join(f"{c} {n}" for c, n in Counter(o.code for o in self.outcomes).most_common())


def workload(sentences: list[str], n: int, seed: int) -> list[Call]:
    rng = random.Random(seed)
    calls = []
    for _ in range(n):
        if rng.random() < 0.1:  # a long text: several sentences, 40-80 tokens
            text = " ".join(rng.sample(sentences, rng.randint(4, 6)))
        else:
            text = rng.choice(sentences)
        calls.append(Call(text, 4 if rng.random() < 0.3 else 1, rng.random() < 0.1))
    return calls


async def one_call(stub: pb_grpc.TranslatorStub, call: Call, deadline: float) -> Outcome:
    request = pb.TranslateRequest(texts=[call.text], model=MODEL, options=pb.DecodingOptions(beam_size=call.beam))
    sent, sent_at = time.perf_counter(), time.time()
    first = None
    try:
        if call.stream:
            async for _ in stub.TranslateTokens(request, timeout=deadline):
                first = first or time.perf_counter() - sent
        else:
            await stub.Translate(request, timeout=deadline)
        code = "OK"
    except grpc.aio.AioRpcError as exc:
        code = exc.code().name
    latency = time.perf_counter() - sent
    return Outcome(latency, first if first is not None else latency, code, call.stream, sent_at)


async def drive(address: str, calls: list[Call], rate: float | None, clients: int, seconds: float,
                warmup: float, deadline: float, seed: int = 7) -> list[Outcome]:
    """Open loop at `rate` calls/s (Poisson), or a closed loop of `clients` when rate is None; the
    outcomes of calls sent in the measured window."""
    outcomes: list[Outcome] = []
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)
    feed = iter(calls * 100)
    async with grpc.aio.insecure_channel(address) as channel:
        stub = pb_grpc.TranslatorStub(channel)

        async def record(call: Call, measured: bool) -> None:
            outcome = await one_call(stub, call, deadline)
            if measured:
                outcomes.append(outcome)

        if rate is None:
            async def client() -> None:
                while (now := time.perf_counter()) < window[1]:
                    await record(next(feed), now >= window[0])
            await asyncio.gather(*(client() for _ in range(clients)))
        else:
            rng = random.Random(seed)
            tasks = []
            at = start
            while at < window[1]:
                at += rng.expovariate(rate)
                await asyncio.sleep(max(0.0, at - time.perf_counter()))
                tasks.append(asyncio.ensure_future(record(next(feed), at >= window[0])))
            await asyncio.gather(*tasks)
    return outcomes


def _generator(address, calls, rate, clients, seconds, warmup, deadline, seed, queue) -> None:
    queue.put(asyncio.run(drive(address, calls, rate, clients, seconds, warmup, deadline, seed)))


def generate_load(address: str, calls: list[Call], rate: float | None, clients: int, seconds: float,
                  warmup: float, deadline: float, processes: int = 1) -> list[Outcome]:
    """`drive` in separate processes, as real clients are: the server's Python is not slowed by them.
    The rate (or the clients) is split between `processes`, each with its own arrival sequence."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    share = None if rate is None else rate / processes
    workers = [context.Process(target=_generator, args=(address, calls[i::processes] or calls, share,
                                                        max(1, clients // processes), seconds, warmup, deadline,
                                                        7 + i, queue)) for i in range(processes)]
    for worker in workers:
        worker.start()
    outcomes = [o for _ in workers for o in queue.get()]
    for worker in workers:
        worker.join()
    return outcomes


def markdown(capacity: dict[str, Point], points: list[Point]) -> str:
    static = capacity["static"].goodput
    lines = ["| scheduler | capacity, 64 closed-loop clients (req/s) | × request-level |", "|---|---:|---:|"]
    for name, p in capacity.items():
        lines.append(f"| {name} | {p.goodput:.1f} | {p.goodput / static:.2f} |")
    lines += ["", "| load | offered req/s | scheduler | goodput req/s | p50 ms | p90 ms | p99 ms | "
                  "first token p50 / p99 ms | codes |", "|---:|---:|---|---:|---:|---:|---:|---:|---|"]
    for p in points:
        lines.append(f"| {p.load:.0%} | {p.offered:.1f} | {p.scheduler} | {p.goodput:.1f} | {p.latency_ms(50):.0f} | "
                     f"{p.latency_ms(90):.0f} | {p.latency_ms(99):.0f} | {p.ttft_ms(50):.0f} / {p.ttft_ms(99):.0f} | "
                     f"{p.codes()} |")
    return "\n".join(lines) + "\n"


def plot(points: list[Point], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for name, style in zip(SCHEDULERS, ("-o", "--s")):
        mine = [p for p in points if p.scheduler == name]
        xs = [p.load * 100 for p in mine]
        left.plot(xs, [p.latency_ms(50) for p in mine], style, label=f"{name} p50")
        left.plot(xs, [p.latency_ms(99) for p in mine], style, alpha=0.5, label=f"{name} p99")
        right.plot(xs, [p.ttft_ms(50) for p in mine], style, label=f"{name} first token p50")
    for ax in (left, right):
        ax.set_xlabel("offered load (% of the request-level scheduler's capacity)")
        ax.set_yscale("log")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    left.set_ylabel("latency of OK answers (ms)")
    right.set_ylabel("time to first token (ms)")
    fig.suptitle("Open-loop Poisson load: iteration-level vs request-level scheduling")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.open_loop", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--loads", type=float, nargs="+", default=[0.25, 0.5, 0.75, 0.9, 1.0, 1.2],
                   help="offered loads as shares of the request-level capacity (default: %(default)s)")
    p.add_argument("--seconds", type=float, default=15.0, help="measured seconds per point (default: %(default)s)")
    p.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first (default: %(default)s)")
    p.add_argument("--deadline", type=float, default=10.0, help="each call's deadline in s (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0, help="the server's ONNX Runtime threads; 0 for all cores")
    p.add_argument("--iteration-args", default="", help="more mt-serve flags for the iteration-level server, "
                   "e.g. --iteration-args='--join-max-steps 0'")
    p.add_argument("--markdown", type=Path, help="write the tables here too")
    p.add_argument("--plot", type=Path, help="write a PNG of latency against offered load")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    calls = workload(heldout_sentences(args.store, 1000), 2000, seed=1)
    capacity: dict[str, Point] = {}
    points: list[Point] = []
    with tempfile.TemporaryDirectory() as tmp, \
            tqdm(total=len(SCHEDULERS) * (1 + len(args.loads)), desc="open-loop bench", unit="point") as progress:
        store = Path(tmp)  # the server loads the default model only
        copy_default_model(args.store, store)
        extra = {"iteration": args.iteration_args.split(), "static": []}
        servers = {name: ServerProcess(store, "--scheduler", name, "--threads", str(args.threads),
                                       "--max-queue-texts", "100000", *extra[name]).wait_serving()
                   for name in SCHEDULERS}
        try:
            for name in reversed(SCHEDULERS):  # static first: its capacity sets the offered rates
                outcomes = generate_load(servers[name].address, calls, None, 64, args.seconds, args.warmup,
                                         args.deadline)
                capacity[name] = Point(name, 0.0, 0.0, outcomes, args.seconds)
                progress.update()
            for load in args.loads:
                rate = load * capacity["static"].goodput
                for name in SCHEDULERS:
                    outcomes = generate_load(servers[name].address, calls, rate, 0, args.seconds, args.warmup,
                                             args.deadline)
                    points.append(Point(name, load, rate, outcomes, args.seconds))
                    progress.update()
        finally:
            for server in servers.values():
                server.stop()
    table = markdown(capacity, points)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    if args.plot:
        plot(points, args.plot)
        print(f"plot: {args.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
