"""kotranslate against what a user would run instead, served, driven by a cheap load generator (h2load).

    python -m bench.served_baseline                                  # 1, 16, 64, 256 concurrent calls
    python -m bench.served_baseline --before ../old-checkout --seconds 10 --markdown out.md

Servers, one after another on the same machine, the same weights and the same sentence:
- kotranslate as it is (`mt-serve`: supervisor, engine, fronts);
- with `--before DIR`, the kotranslate of another checkout (e.g. the single-process server before the
  process split: `git worktree add DIR <commit>`), started from there with the same flags;
- CTranslate2 behind a minimal grpc.aio server with dynamic batching (bench/ct2_server.py).

The client is h2load (Debian's nghttp2-client): it sends a pre-encoded gRPC call (a 5-byte prefix and
the protobuf body, `content-type: application/grpc`, `te: trailers`) as fast as each of C concurrent
streams is answered, for --seconds after a warm-up; it costs little CPU, so the servers keep the cores.
h2load sees HTTP status only, not grpc-status: every server runs without deadlines or refusals here,
and the answers are checked once beforehand. Reported per server and concurrency: calls/s, p50 and p99
(from h2load's per-request log), and the CPU seconds the server and h2load took. The engine's offline
throughput on the same sentence (batch 64) says what saturation could reach.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from bench.h2load import grpc_frame, require_h2load, run_h2load
from bench.server_process import ServerProcess, cpu_seconds
from bench.service_bench import MODEL, engine_offline_rps
from proto.translate.v1 import translate_pb2 as pb
from service.client import TranslatorClient

SENTENCE = "지난주에 친구와 같이 버스로 공원에 갔어."


@dataclass
class Point:
    server: str
    concurrency: int
    rps: float
    p50_ms: float
    p99_ms: float
    server_cpu: float  # cores the server took (CPU seconds / wall seconds)
    client_cpu: float  # cores h2load took
    errors: int


def h2load(address: str, body: Path, concurrency: int, seconds: float, warmup: float, work: Path
           ) -> tuple[float, list[float], int, float]:
    """Calls/s, per-call seconds, failed calls and h2load's CPU seconds for `concurrency` streams."""
    clients = min(concurrency, 64)  # a connection each, then several streams per connection
    calls, cpu = run_h2load(address, body, work, clients=clients, streams=max(1, concurrency // clients),
                            seconds=seconds, warmup=warmup)
    durations = [c.seconds for c in calls if c.status == 200]
    return len(durations) / seconds, durations, len(calls) - len(durations), cpu


def measure(name: str, address: str, cpu_of, concurrencies: list[int], body: Path, seconds: float, warmup: float,
            work: Path, progress: tqdm) -> list[Point]:
    with TranslatorClient(address, timeout=60) as client:  # it answers, and warms up
        for _ in range(20):
            served = client.translate_request([SENTENCE])
    log_line = f"{name}: {served.model}/{served.version} answers {served.translations[0].hypotheses[0].text!r}"
    tqdm.write(log_line)
    points = []
    for c in concurrencies:
        server_before, started = cpu_of(), time.monotonic()
        rps, durations, failed, client_cpu = h2load(address, body, c, seconds, warmup, work)
        wall = time.monotonic() - started
        ms = np.array(durations) * 1000
        points.append(Point(name, c, rps, float(np.percentile(ms, 50)), float(np.percentile(ms, 99)),
                            (cpu_of() - server_before) / wall, client_cpu / wall, failed))
        progress.update()
    return points


def ct2_server(store: Path, threads: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "bench.ct2_server", "--store", str(store), "--model", MODEL,
                             "--port", "0", "--threads", str(threads)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        if "gRPC listening on" in line:
            return proc, "127.0.0.1:" + line.split(":")[-1].split()[0]
    raise RuntimeError("the CTranslate2 server did not start")


def markdown(points: list[Point], offline: float) -> str:
    lines = [f"Engine offline, this sentence ×256 in batches of 64, greedy: **{offline:.0f} sentences/s**", "",
             "| server | concurrent calls | calls/s | × CTranslate2 server | × engine offline | p50 ms | p99 ms | "
             "server cores | h2load cores | failed |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    baseline = {p.concurrency: p.rps for p in points if p.server == "ctranslate2"}
    for p in points:
        lines.append(f"| {p.server} | {p.concurrency} | {p.rps:.0f} | {p.rps / baseline.get(p.concurrency, p.rps):.2f} "
                     f"| {p.rps / offline:.2f} | {p.p50_ms:.1f} | {p.p99_ms:.1f} | {p.server_cpu:.2f} | "
                     f"{p.client_cpu:.2f} | {p.errors} |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.served_baseline", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--concurrency", type=int, nargs="+", default=[1, 16, 64, 256], help="(default: %(default)s)")
    p.add_argument("--seconds", type=float, default=10.0, help="measured seconds per point (default: %(default)s)")
    p.add_argument("--warmup", type=float, default=1.0, help="(default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="engine / CTranslate2 threads (default: %(default)s)")
    p.add_argument("--server-args", default="", help="more mt-serve flags for kotranslate (default: none)")
    p.add_argument("--request-model", default="",
                   help="the model the calls name; empty: none, so kotranslate serves its default variant (on the "
                        "CPU the int8 one, at fp32's BLEU); CTranslate2 serves fp32 ko-en, its fastest setting here "
                        "(default: none named)")
    p.add_argument("--before", type=Path, help="a checkout of an earlier kotranslate to measure beside this one")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not require_h2load():
        return 2
    work = Path(tempfile.mkdtemp(prefix="served-baseline-"))
    body = work / "request.bin"
    body.write_bytes(grpc_frame(pb.TranslateRequest(texts=[SENTENCE], model=args.request_model)))
    offline = engine_offline_rps(args.store, [SENTENCE] * 256, args.threads, 64, 3)
    servers = ["kotranslate"] + (["kotranslate before"] if args.before else []) + ["ctranslate2"]
    points: list[Point] = []
    flags = ["--threads", str(args.threads), "--default-model", MODEL, *args.server_args.split()]
    with tqdm(total=len(servers) * len(args.concurrency), desc="servers x concurrency", unit="point") as progress:
        for name in servers:
            if name == "ctranslate2":
                proc, address = ct2_server(args.store, args.threads)
                try:
                    points += measure(name, address, lambda: cpu_seconds(proc.pid), args.concurrency, body,
                                      args.seconds, args.warmup, work, progress)
                finally:
                    proc.kill()
                continue
            with ServerProcess(args.store, *flags, cwd=args.before if name.endswith("before") else None) as server:
                server.wait_serving()
                points += measure(name, server.address, server.cpu_seconds, args.concurrency, body, args.seconds,
                                  args.warmup, work, progress)
    table = markdown(points, offline)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
