"""One call at a time against `mt-serve`, from h2load and from the project's Python client, alternated, with
the server's own histograms read around each run: does the client add latency, or is the time the server's?

    python -m bench.served_one_at_a_time                      # 2 rounds of 6 s per client, --threads 2
    python -m bench.served_one_at_a_time --rounds 3 --seconds 10 --server-args "--threads 1"

Per client and round: the client's p50 and mean, and from the server's /metrics the mean time from arrival
to answer, the mean wait to join the running batch, the mean decoder step and the steps per call (the server
side has means only, so compare the two means). The
sentence is bench.served_baseline's, sent naming no model (so the default variant serves it).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.h2load import grpc_frame, require_h2load, run_h2load
from bench.served_baseline import SENTENCE
from bench.server_process import ServerProcess
from proto.translate.v1 import translate_pb2 as pb
from service.client import TranslatorClient

STORE = Path(__file__).resolve().parent.parent / "model_store"
HISTOGRAMS = {"server ms": "translate_request_duration_seconds", "join wait ms": "translate_join_wait_seconds",
              "step ms": "translate_step_duration_seconds"}


def histograms(server: ServerProcess) -> dict[str, tuple[float, float]]:
    return {key: (server.metric(name + "_sum"), server.metric(name + "_count")) for key, name in HISTOGRAMS.items()}


def row(client: str, round_: int, latencies_ms: list[float], before: dict, after: dict) -> str:
    means = {k: (after[k][0] - before[k][0]) * 1000 / max(1.0, after[k][1] - before[k][1]) for k in HISTOGRAMS}
    calls = after["server ms"][1] - before["server ms"][1]
    steps = (after["step ms"][1] - before["step ms"][1]) / max(1.0, calls)
    return (f"| {client}, round {round_} | {np.percentile(latencies_ms, 50):.2f} | {np.mean(latencies_ms):.2f} | "
            f"{means['server ms']:.2f} | "
            f"{means['join wait ms']:.2f} | {means['step ms']:.2f} | {steps:.1f} |")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.served_one_at_a_time", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=STORE, help="(default: the repository's model_store)")
    p.add_argument("--rounds", type=int, default=2, help="(default: %(default)s)")
    p.add_argument("--seconds", type=float, default=6.0, help="per client and round (default: %(default)s)")
    p.add_argument("--server-args", default="--threads 2", help="mt-serve flags (default: %(default)s)")
    args = p.parse_args(argv)
    if not require_h2load():
        return 2
    work = Path(tempfile.mkdtemp(prefix="one-at-a-time-"))
    body = work / "request.bin"
    body.write_bytes(grpc_frame(pb.TranslateRequest(texts=[SENTENCE])))
    lines = ["| client | p50 ms (client) | mean ms (client) | mean arrival→answer ms (server) | mean join wait ms "
             "| mean decoder step ms | steps per call |", "|---|---:|---:|---:|---:|---:|---:|"]
    with ServerProcess(args.store, *args.server_args.split()) as server, \
            TranslatorClient(server.wait_serving().address, timeout=60) as client:
        for _ in range(30):  # warm-up
            client.translate_request([SENTENCE])
        for r in range(1, args.rounds + 1):
            before = histograms(server)
            calls, _ = run_h2load(server.address, body, work, clients=1, streams=1, seconds=args.seconds, warmup=0)
            answered = [c.seconds * 1000 for c in calls if c.status == 200]  # warm already: every call counts
            if not answered:
                raise SystemExit(f"h2load got no answer from {server.address}: {len(calls)} calls failed")
            lines.append(row("h2load", r, answered, before, histograms(server)))
            before, latencies, end = histograms(server), [], time.monotonic() + args.seconds
            while time.monotonic() < end:
                started = time.perf_counter()
                client.translate_request([SENTENCE])
                latencies.append((time.perf_counter() - started) * 1000)
            lines.append(row("Python client", r, latencies, before, histograms(server)))
            print(lines[-2], lines[-1], sep="\n", flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
