"""The gRPC service under 1 to 64 concurrent clients, batching on and off, beside the engine offline.

    python -m bench.service_bench                          # 1..64 clients, 6 s each, both modes
    python -m bench.service_bench --clients 1 32 --seconds 10 --markdown out.md --plot out.png

Each client sends one held-out sentence at a time (greedy, the default model) and sends the next as
soon as the answer comes: a closed loop, as interactive users do. For every client count the command
prints completed requests per second, p50 and p99 latency seen by the client, and the mean batch the
server formed (from its own /metrics). In the same run it measures the engine's offline throughput on
the same sentences at batch 32, in this process, with the same threads; the service's figure at 32
clients is given as a share of it. The server and the clients share this machine's cores, as they
would in a one-machine deployment.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import grpc
import numpy as np
from tqdm import tqdm

from bench.server_process import ServerProcess
from model_store import ModelStore
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine

MODEL = "ko-en"


@dataclass
class Point:
    mode: str  # "iteration", "static" or "no batching"
    clients: int
    rps: float  # completed requests (sentences) per second
    p50_ms: float
    p99_ms: float
    mean_batch: float  # sentences per batch the server decoded
    client_cpu: float  # cores the load generator itself used (it shares the machine with the server)


def copy_default_model(store: Path, into: Path) -> Path:
    """The newest version of MODEL in `store` copied into a store of its own at `into` (a benchmark's
    server loads that model only, and nothing else touches the store); returns `into`."""
    version = ModelStore(store).open(MODEL)
    shutil.copytree(version.path, into / MODEL / str(version.version))
    return into


def heldout_sentences(store: Path, n: int) -> list[str]:
    from export.corpus import bundled_corpus_from_summary

    grammar = ModelStore(store).open(MODEL).manifest.training_data["grammar"]
    return [source for source, _ in bundled_corpus_from_summary(grammar).splits["test"][:n]]


def engine_offline_rps(store: Path, sentences: list[str], threads: int, batch: int, rounds: int) -> float:
    """Sentences per second of Engine.translate_ids over `sentences` in batches of `batch` (best round)."""
    engine = Engine.from_store(store, MODEL, config=EngineConfig(intra_op_threads=threads, max_batch_sentences=batch))
    sources = engine.source_spm.encode(sentences)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for i in range(0, len(sources), batch):
            engine.translate_ids(sources[i: i + batch], DecodingOptions())
        best = min(best, time.perf_counter() - start)
    return len(sources) / best


async def closed_loop(address: str, clients: int, sentences: list[str], warmup: float, seconds: float
                      ) -> tuple[int, list[float], float]:
    """`clients` concurrent callers, each on its own connection; returns the requests completed in the
    measured window, their latencies (seconds) and the cores this process used meanwhile."""
    feed = itertools.cycle(sentences)
    latencies: list[float] = []
    start = time.perf_counter()
    window = (start + warmup, start + warmup + seconds)

    async def client() -> None:
        async with grpc.aio.insecure_channel(address) as channel:
            stub = pb_grpc.TranslatorStub(channel)
            while (sent := time.perf_counter()) < window[1]:
                await stub.Translate(pb.TranslateRequest(texts=[next(feed)], model=MODEL), timeout=60)
                done = time.perf_counter()
                if sent >= window[0] and done <= window[1]:
                    latencies.append(done - sent)

    cpu = time.process_time()
    await asyncio.gather(*(client() for _ in range(clients)))
    cpu = (time.process_time() - cpu) / (time.perf_counter() - start)
    return len(latencies), latencies, cpu


MODE_FLAGS = {"iteration": ["--scheduler", "iteration"], "static": ["--scheduler", "static"],
              "no batching": ["--scheduler", "static", "--no-batching"]}
# How the server reports what it batched: rows per decoder step (iteration-level), texts per batch (static).
BATCH_METRIC = {"iteration": "translate_step_rows", "static": "translate_batch_size_sentences",
                "no batching": "translate_batch_size_sentences"}


def measure_mode(store: Path, mode: str, client_counts: list[int], sentences: list[str], threads: int,
                 warmup: float, seconds: float, server_args: list[str], progress: tqdm) -> list[Point]:
    flags = ["--threads", str(threads), "--default-model", MODEL, *MODE_FLAGS[mode], *server_args]
    metric = BATCH_METRIC[mode]
    points = []
    with ServerProcess(store, *flags) as server:
        server.wait_serving()
        for clients in client_counts:
            before = [server.metric(f"{metric}_{s}") for s in ("count", "sum")]
            completed, latencies, cpu = asyncio.run(closed_loop(server.address, clients, sentences, warmup, seconds))
            batches, batched = (server.metric(f"{metric}_{s}") - b for s, b in zip(("count", "sum"), before))
            ms = np.array(latencies) * 1000
            points.append(Point(mode, clients, completed / seconds, float(np.percentile(ms, 50)),
                                float(np.percentile(ms, 99)), batched / max(batches, 1), cpu))
            progress.update()
    return points


def markdown(points: list[Point], offline: float, offline_batch: int, threads: int) -> str:
    lines = [f"Engine offline, batch {offline_batch}, greedy, {threads} threads: **{offline:.0f} sentences/s**", "",
             "| scheduler | clients | requests/s | × engine offline | p50 ms | p99 ms | mean batch (rows per step "
             "for iteration) | client cores |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for p in points:
        lines.append(f"| {p.mode} | {p.clients} | {p.rps:.0f} | {p.rps / offline:.2f} | {p.p50_ms:.1f} | "
                     f"{p.p99_ms:.1f} | {p.mean_batch:.1f} | {p.client_cpu:.2f} |")
    return "\n".join(lines) + "\n"


def plot(points: list[Point], offline: float, offline_batch: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for mode, style in (("iteration", "-o"), ("static", "--s"), ("no batching", ":^")):
        mine = [p for p in points if p.mode == mode]
        xs = [p.clients for p in mine]
        left.plot(xs, [p.rps for p in mine], style, label=f"service, {mode}")
        right.plot(xs, [p.p50_ms for p in mine], style, label=f"p50, {mode}")
        right.plot(xs, [p.p99_ms for p in mine], style, alpha=0.5, label=f"p99, {mode}")
    left.axhline(offline, color="grey", linestyle=":", label=f"engine offline, batch {offline_batch}")
    for ax in (left, right):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("concurrent clients (one sentence per request)")
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    left.set_ylabel("requests / s")
    right.set_ylabel("latency (ms)")
    right.set_yscale("log")
    fig.suptitle("gRPC service, default model, greedy")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.service_bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--clients", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64],
                   help="concurrent client counts (default: %(default)s)")
    p.add_argument("--modes", nargs="+", choices=["iteration", "static", "no-batching"],
                   default=["iteration", "static", "no-batching"],
                   help="schedulers to measure: iteration-level, request-level (static), or none (default: all)")
    p.add_argument("--seconds", type=float, default=6.0, help="measured seconds per point (default: %(default)s)")
    p.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds first (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads, server and offline; 0 for all cores")
    p.add_argument("--sentences", type=int, default=1000, help="held-out sentences to cycle through")
    p.add_argument("--offline-batch", type=int, default=32, help="the engine's offline batch (default: %(default)s)")
    p.add_argument("--server-args", default="", help="more mt-serve flags, e.g. --server-args='--max-wait-ms 2'")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    p.add_argument("--plot", type=Path, help="write a PNG of throughput and latency against clients")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sentences = heldout_sentences(args.store, args.sentences)
    with tempfile.TemporaryDirectory() as tmp:  # the server loads the default model only
        store = Path(tmp)
        copy_default_model(args.store, store)
        modes = [m.replace("-", " ") for m in args.modes]
        points: list[Point] = []
        offline = 0.0
        with tqdm(total=len(modes) * len(args.clients), desc="service bench", unit="point") as progress:
            for mode in modes:
                # The offline reference is measured beside every mode and the best kept: on a shared
                # machine a single measurement could flatter the service.
                offline = max(offline, engine_offline_rps(store, sentences, args.threads, args.offline_batch, 2))
                points += measure_mode(store, mode, args.clients, sentences, args.threads, args.warmup,
                                       args.seconds, args.server_args.split(), progress)
            offline = max(offline, engine_offline_rps(store, sentences, args.threads, args.offline_batch, 2))
    table = markdown(points, offline, args.offline_batch, args.threads)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    if args.plot:
        plot(points, offline, args.offline_batch, args.plot)
        print(f"plot: {args.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
