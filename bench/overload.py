"""Overload: what the server delivers when traffic arrives far past its capacity.

    python -m bench.overload                                # 1x, 2x, 5x, 10x capacity, 20 s each
    python -m bench.overload --multiples 10 --seconds 60 --markdown out.md --plot out.png

1. Capacity: the better of closed loops of 16 and 64 clients sending the open-loop mix (bench/open_loop.py: held-out
   sentences, 10 % long texts, 30 % beam 4, 10 % streamed); OK answers per second.
2. For each multiple of that capacity: Poisson arrivals from separate processes, every call with a
   2 s deadline and no retries; goodput (OK answers per second) and its share of capacity, p50/p99 of
   the OK answers, every status code, the server's peak RSS. A probe sends one normal call (greedy,
   one sentence, 10 s deadline) every 200 ms throughout; recovery is the time from the last arrival of
   the spike to the first probe answered OK among those sent after it.
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import numpy as np
from tqdm import tqdm

from bench.open_loop import Outcome, generate_load, workload
from bench.server_process import ServerProcess, process_tree
from bench.service_bench import MODEL, copy_default_model, heldout_sentences
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc


class RssSampler:
    """The peak resident memory of a process and the processes under it (a server's engine and fronts), read
    from /proc every 50 ms on a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self.baseline = self.rss()
        threading.Thread(target=self._run, daemon=True).start()

    def rss(self) -> int:
        total = 0
        for pid in process_tree(self.pid):
            try:
                lines = Path(f"/proc/{pid}/status").read_text().splitlines()
            except OSError:
                continue
            total += sum(int(line.split()[1]) * 1024 for line in lines if line.startswith("VmRSS:"))
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            try:
                self.peak = max(self.peak, self.rss())
            except OSError:
                return

    def reset(self) -> None:
        self.peak = self.rss()

    def stop(self) -> None:
        self._stop.set()


class Probe:
    """One normal call every `interval` s on a thread: (sent_at, answered_at, code) of each."""

    def __init__(self, address: str, text: str, interval: float = 0.2) -> None:
        self.calls: list[tuple[float, float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(address, text, interval), daemon=True)
        self._thread.start()

    def _run(self, address: str, text: str, interval: float) -> None:
        with grpc.insecure_channel(address) as channel:
            stub = pb_grpc.TranslatorStub(channel)
            request = pb.TranslateRequest(texts=[text], model=MODEL)
            while not self._stop.wait(interval):
                sent = time.time()
                try:
                    stub.Translate(request, timeout=10.0)
                    code = "OK"
                except grpc.RpcError as exc:
                    code = exc.code().name
                self.calls.append((sent, time.time(), code))

    def recovery(self, spike_end: float) -> float:
        """Seconds from `spike_end` to the first OK answer of a probe sent after it (inf if none)."""
        answered = [done for sent, done, code in self.calls if sent >= spike_end and code == "OK"]
        return min(answered) - spike_end if answered else math.inf

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(15)


@dataclass
class Point:
    multiple: float  # of capacity; 0 for the closed-loop capacity run
    offered: float  # calls/s sent
    seconds: float
    outcomes: list[Outcome] = field(default_factory=list)
    peak_rss: int = 0
    recovery: float = math.nan
    server_cores: float = math.nan  # CPU seconds of the server's processes per second of the point
    client_cores: float = math.nan  # ... and of the load generators' processes

    def late(self, deadline: float, margin: float = 0.1) -> int:
        """Calls answered (whatever their code) more than `margin` s after their deadline."""
        return sum(o.latency > deadline + margin for o in self.outcomes)

    @property
    def goodput(self) -> float:
        return sum(o.code == "OK" for o in self.outcomes) / self.seconds

    def latency_ms(self, q: float) -> float:
        ok = [o.latency for o in self.outcomes if o.code == "OK"]
        return float(np.percentile(ok, q) * 1000) if ok else math.nan

    def codes(self) -> str:
        counts = Counter(o.code for o in self.outcomes)
        return ", ".join(f"{code} {n / len(self.outcomes):.0%}" for code, n in counts.most_common())


def markdown(runs: dict[str, tuple[Point, list[Point]]], deadline: float) -> str:
    lines = []
    for name, (capacity, points) in runs.items():
        lines += [f"**{name}**: capacity (the better of 16 and 64 closed-loop clients) **{capacity.goodput:.1f} OK/s**, "
                  f"p50 {capacity.latency_ms(50):.0f} ms, p99 {capacity.latency_ms(99):.0f} ms.", ""]
    lines += [f"| server | load | offered calls/s | OK/s | share of capacity | OK p50 ms | OK p99 ms | codes (deadline "
              f"{deadline:g} s) | answered > deadline + 0.1 s | peak RSS MiB | recovery s | server cores | "
              "generator cores |", "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for name, (capacity, points) in runs.items():
        for p in points:
            lines.append(f"| {name} | {p.multiple:g}x | {p.offered:.0f} | {p.goodput:.1f} | "
                         f"{p.goodput / capacity.goodput:.0%} | {p.latency_ms(50):.0f} | {p.latency_ms(99):.0f} | "
                         f"{p.codes()} | {p.late(deadline)} | {p.peak_rss / 2 ** 20:.0f} | {p.recovery:.2f} | "
                         f"{p.server_cores:.2f} | {p.client_cores:.2f} |")
    return "\n".join(lines) + "\n"


def plot(capacity: Point, points: list[Point], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    xs = [p.multiple for p in points]
    left.plot(xs, [p.goodput for p in points], "-o", label="goodput (OK/s)")
    left.axhline(capacity.goodput, color="gray", ls="--", label="capacity")
    left.axhline(0.8 * capacity.goodput, color="gray", ls=":", label="80 % of capacity")
    left.set_ylabel("OK answers per second")
    right.plot(xs, [p.latency_ms(50) for p in points], "-o", label="p50")
    right.plot(xs, [p.latency_ms(99) for p in points], "-s", label="p99")
    right.set_ylabel("latency of OK answers (ms)")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("offered load (x capacity)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle("Overload: Poisson arrivals with 2 s deadlines")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.overload", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--multiples", type=float, nargs="+", default=[1, 2, 5, 10],
                   help="offered loads as multiples of the measured capacity (default: %(default)s)")
    p.add_argument("--seconds", type=float, default=20.0, help="measured seconds per point (default: %(default)s)")
    p.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds first (default: %(default)s)")
    p.add_argument("--deadline", type=float, default=2.0, help="each call's deadline in s (default: %(default)s)")
    p.add_argument("--calls-per-process", type=float, default=800.0,
                   help="calls/s one load process sends at most; more processes beyond (default: %(default)s)")
    p.add_argument("--server-args", default="", help="more mt-serve flags, e.g. --server-args='--max-queue-seconds 2'")
    p.add_argument("--before", type=Path, help="a checkout of an earlier kotranslate (git worktree add DIR <commit>) "
                   "to run the same points against, in the same run")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    p.add_argument("--plot", type=Path, help="write a PNG of goodput and latency against offered load")
    return p


def overload_run(server: ServerProcess, calls, sentences: list[str], args: argparse.Namespace,
                 progress: tqdm) -> tuple[Point, list[Point]]:
    """Capacity, then each multiple of it, against one running server."""
    rss = RssSampler(server.proc.pid)
    closed = [Point(0, 0, args.seconds, generate_load(server.address, calls, None, clients, args.seconds,
                                                      args.warmup, 10.0), rss.peak) for clients in (16, 64)]
    capacity = max(closed, key=lambda p: p.goodput)  # the better of 16 and 64 closed-loop clients
    progress.update()
    points = []
    for multiple in args.multiples:
        time.sleep(2.0)  # the previous point's stragglers are answered
        rate = multiple * capacity.goodput
        rss.reset()
        probe = Probe(server.address, sentences[0])
        server_cpu, clients_cpu, started = server.cpu_seconds(), children_cpu(), time.monotonic()
        outcomes = generate_load(server.address, calls, rate, 0, args.seconds, args.warmup, args.deadline,
                                 processes=max(1, math.ceil(rate / args.calls_per_process)))
        wall = time.monotonic() - started
        point = Point(multiple, rate, args.seconds, outcomes, rss.peak, server_cores=(server.cpu_seconds() - server_cpu)
                      / wall, client_cores=(children_cpu() - clients_cpu) / wall)
        time.sleep(1.5)  # probes sent after the spike get their answers
        probe.stop()
        point.recovery = probe.recovery(max(o.sent_at for o in outcomes))
        points.append(point)
        progress.update()
    rss.stop()
    return capacity, points


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the load generators, once joined)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sentences = heldout_sentences(args.store, 1000)
    calls = workload(sentences, 4000, seed=1)
    servers = {"kotranslate": None} | ({"kotranslate before": args.before} if args.before else {})
    runs: dict[str, tuple[Point, list[Point]]] = {}
    logs = {}
    with tempfile.TemporaryDirectory() as tmp, \
            tqdm(total=len(servers) * (1 + len(args.multiples)), desc="overload bench", unit="point") as progress:
        store = Path(tmp)  # the server loads the default model only
        copy_default_model(args.store, store)
        for name, checkout in servers.items():
            with ServerProcess(store, *args.server_args.split(), cwd=checkout).wait_serving() as server:
                runs[name] = overload_run(server, calls, sentences, args, progress)
                logs[name] = server.log
    table = markdown(runs, args.deadline)
    print(table)
    for name, log in logs.items():
        shed = [line for line in log.splitlines() if "shedding load" in line]
        print(f"{name}: {len(shed)} 'shedding load' log lines; the last: {shed[-1] if shed else '-'}")
    if args.markdown:
        args.markdown.write_text(table)
    if args.plot:
        plot(*runs["kotranslate"], args.plot)
        print(f"plot: {args.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
