"""Faults under load: kill -9 the engine, then one front, while clients with retries keep calling.

    python -m bench.faults                          # 32 clients, 10 s deadlines, 4 attempts each call
    python -m bench.faults --clients 64 --markdown out.md

For each fault: `--clients` closed-loop callers (threads, each on its own connection, gRPC's retry
policy on: UNAVAILABLE and RESOURCE_EXHAUSTED are retried up to 4 attempts, honouring the server's
retry hint) send held-out sentences; after --before seconds the process is killed with SIGKILL, and
the callers go on for --after seconds. Reported: calls, the ones that failed after their retries (by
code), the ones answered later than their deadline + 100 ms (a hang), the longest call, and the time
from the kill to SERVING again on the health service (polled every 20 ms).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2
from tqdm import tqdm

from bench.server_process import ServerProcess
from bench.service_bench import copy_default_model, heldout_sentences
from service.client import TranslatorClient


@dataclass
class Run:
    fault: str
    calls: list[tuple[float, float, str]] = field(default_factory=list)  # (sent, seconds, code)
    failures: Counter = field(default_factory=Counter)  # the failed calls' messages
    killed_at: float = 0.0
    serving_again: float = float("nan")  # seconds from the kill to SERVING

    def row(self, deadline: float) -> str:
        codes = Counter(code for _, _, code in self.calls)
        failed = {c: n for c, n in codes.items() if c != "OK"}
        late = sum(seconds > deadline + 0.1 for _, seconds, _ in self.calls)
        longest = max(seconds for _, seconds, _ in self.calls)
        return (f"| {self.fault} | {len(self.calls)} | {codes['OK']} | "
                f"{', '.join(f'{c} {n}' for c, n in failed.items()) or 0} | {late} | {longest:.2f} | "
                f"{self.serving_again:.2f} |")


def callers(address: str, sentences: list[str], clients: int, deadline: float, stop: threading.Event,
            run: Run) -> list[threading.Thread]:
    def call(k: int) -> None:
        with TranslatorClient(address, timeout=deadline, attempts=4) as client:
            i = k
            while not stop.is_set():
                sent = time.monotonic()
                try:
                    client.translate([sentences[i % len(sentences)]])
                    code = "OK"
                except grpc.RpcError as exc:
                    code = exc.code().name
                    run.failures[f"{code}: {exc.details()}"[:160]] += 1
                run.calls.append((sent, time.monotonic() - sent, code))
                i += clients
    threads = [threading.Thread(target=call, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    return threads


def fault(server: ServerProcess, role: str, sentences: list[str], args: argparse.Namespace) -> Run:
    pid = server.role_pids()[role]
    run = Run(f"kill -9 the {role} (pid {pid})")
    stop = threading.Event()
    threads = callers(server.address, sentences, args.clients, args.deadline, stop, run)
    time.sleep(args.before)
    os.kill(pid, signal.SIGKILL)
    run.killed_at = time.monotonic()
    time.sleep(0.05)  # the supervisor notices; then SERVING again is what is waited for
    while time.monotonic() - run.killed_at < args.after + 60:
        try:
            if server.health() == health_pb2.HealthCheckResponse.SERVING:
                run.serving_again = time.monotonic() - run.killed_at
                break
        except grpc.RpcError:
            pass
        time.sleep(0.02)
    time.sleep(max(0.0, args.after - (time.monotonic() - run.killed_at)))
    stop.set()
    for t in threads:
        t.join(args.deadline + 5)
    return run


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--clients", type=int, default=32, help="(default: %(default)s)")
    p.add_argument("--deadline", type=float, default=10.0, help="each call's deadline in s (default: %(default)s)")
    p.add_argument("--before", type=float, default=3.0, help="seconds of load before the kill (default: %(default)s)")
    p.add_argument("--after", type=float, default=8.0, help="seconds of load after it (default: %(default)s)")
    p.add_argument("--server-args", default="--frontends 2", help="mt-serve flags (default: %(default)s)")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sentences = heldout_sentences(args.store, 500)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        copy_default_model(args.store, Path(tmp))
        with ServerProcess(Path(tmp), *args.server_args.split()).wait_serving() as server:
            for role in tqdm(("engine", "front 0"), desc="faults", unit="fault"):
                runs.append(fault(server, role, sentences, args))
                server.wait_serving(60)
                time.sleep(1.0)
            log = server.log
    table = "\n".join([f"{args.clients} closed-loop clients, {args.deadline:g} s deadlines, 4 attempts per call; "
                       f"{args.before:g} s of load before the kill and {args.after:g} s after.", "",
                       "| fault | calls | OK | failed after retries | answered > deadline + 0.1 s | longest call s | "
                       "SERVING again after s |", "|---|---:|---:|---|---:|---:|---:|"]
                      + [run.row(args.deadline) for run in runs]) + "\n"
    print(table)
    for run in runs:
        for message, n in run.failures.most_common(5):
            print(f"{run.fault}: {n} x {message}")
    for line in log.splitlines():
        if re.search(r"died|restarting|UNAVAILABLE|engine ready", line):
            print(line)
    if args.markdown:
        args.markdown.write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
