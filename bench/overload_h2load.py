"""Overload with a load generator that costs the server nothing: h2load sending Poisson arrivals.

    python -m bench.overload_h2load                                   # 1x, 2x, 5x, 10x capacity, 20 s each
    python -m bench.overload_h2load --before ../old-checkout --markdown out.md

bench/overload.py drives the server with Python processes; past ~1,000 calls/s they take a large share
of a 2-core machine and lag themselves. Here h2load (C, Debian's nghttp2-client) sends one pre-encoded
gRPC call (a held-out sentence, greedy) with `grpc-timeout: 2S`, at times drawn from a Poisson process
(`--timing-script-file`: each of its connections follows its own exponential gaps, with enough
concurrent streams that it never waits for an answer before the next call: open loop).

1. Capacity: h2load closed loop, 64 streams, --seconds; OK answers per second (the server's own count).
2. Each multiple of capacity: goodput (OK/s, from the server's translate_requests_total by code), every
   code the server answered, the calls gRPC reset before any servicer saw them (h2load's failed
   streams), the latency of every answer and the answers later than the deadline + 100 ms, and the
   cores the server (with nginx, when --edge-in-flight puts it in front as the shedding edge) and h2load
   took; with the edge, the calls nginx refused itself. A probe (bench/overload.py's) sends one call every
   200 ms through the same address; recovery is the time from the spike's last arrival to the first OK
   answer of a probe sent after it.
h2load reads HTTP status, not grpc-status, so codes come from the server's metrics (and nginx's refusals
from their HTTP status, 204).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from bench.edge import NginxEdge
from bench.h2load import PATH, grpc_frame, require_h2load, run_h2load
from bench.overload import Probe
from bench.server_process import ServerProcess, cpu_seconds, process_tree
from bench.service_bench import MODEL, copy_default_model, heldout_sentences
from proto.translate.v1 import translate_pb2 as pb

CONNECTIONS = 8
EDGE_REFUSAL = 204  # the HTTP status of nginx's own RESOURCE_EXHAUSTED answers (deploy/nginx/)
CODES = ("OK", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "UNAVAILABLE", "CANCELLED", "INTERNAL")


@dataclass
class Point:
    multiple: float
    offered: float
    seconds: float
    codes: Counter = field(default_factory=Counter)  # the server's count, by code
    reset: int = 0  # streams that got no gRPC answer (reset by gRPC core, or unanswered at the end)
    edge_refused: int = 0  # calls nginx answered itself (RESOURCE_EXHAUSTED past its in-flight cap)
    recovery: float = math.nan  # s from the spike's last arrival to the first OK probe sent after it
    latencies: list[float] = field(default_factory=list)  # seconds, every answered call
    server_cores: float = math.nan
    client_cores: float = math.nan
    role_cores: dict = field(default_factory=dict)  # cores per process role (engine, fronts, nginx)

    @property
    def goodput(self) -> float:
        return self.codes["OK"] / self.seconds

    def late(self, deadline: float) -> int:
        return sum(x > deadline + 0.1 for x in self.latencies)

    def ms(self, q: float) -> float:
        return float(np.percentile(self.latencies, q) * 1000) if self.latencies else math.nan


def poisson_script(path: Path, uri: str, rate: float, seconds: float, seed: int) -> int:
    """Arrival offsets (ms) of a Poisson process at `rate`/s for `seconds`; returns how many."""
    rng = np.random.default_rng(seed)
    times = np.cumsum(rng.exponential(1.0 / rate, size=int(rate * seconds * 1.5) + 10))
    times = times[times < seconds]
    path.write_text("".join(f"{t * 1000:.3f}\t{uri}\n" for t in times))
    return len(times)


def server_codes(server: ServerProcess) -> Counter:
    return Counter({code: server.metric("translate_requests_total", method="Translate", code=code) for code in CODES})


def role_cpu(server: ServerProcess, edge_pid: int | None) -> dict[str, float]:
    """CPU seconds so far of each role's process (and of the nginx edge with its workers)."""
    cpu = {role: cpu_seconds(pid) for role, pid in server.role_pids().items()}
    if edge_pid is not None:
        cpu["nginx"] = sum(cpu_seconds(pid) for pid in process_tree(edge_pid))
    return cpu


def measure(server: ServerProcess, address: str, cpu_of, text: str, body: Path, work: Path, args: argparse.Namespace,
            progress: tqdm, edge_pid: int | None = None) -> tuple[Point, list[Point]]:
    """Capacity and each multiple against `address` (the server, or an edge in front of it); `cpu_of()`: CPU
    seconds of everything serving (the server's processes, and the edge's)."""
    before = server_codes(server)
    calls, _ = run_h2load(address, body, work, seconds=args.seconds)
    capacity = Point(0, 0, args.seconds + 1, server_codes(server) - before, latencies=[c.seconds for c in calls])
    capacity.codes["OK"] *= args.seconds / (args.seconds + 1)  # the warm-up second is counted by the server too
    progress.update()
    points = []
    for multiple in args.multiples:
        time.sleep(2.0)
        rate = multiple * capacity.goodput
        scripts = [work / f"script{i}.txt" for i in range(CONNECTIONS)]
        n = sum(poisson_script(script, f"http://{address}{PATH}", rate / CONNECTIONS, args.seconds, seed=int(multiple * 100) + i)
                for i, script in enumerate(scripts))
        roles = role_cpu(server, edge_pid)
        probe = Probe(address, text)
        codes, server_cpu, started = server_codes(server), cpu_of(), time.monotonic()
        calls, client_cpu = run_h2load(address, body, work, args.deadline, scripts=scripts)
        wall = time.monotonic() - started
        roles = {role: (cpu - roles.get(role, 0.0)) / wall for role, cpu in role_cpu(server, edge_pid).items()}
        time.sleep(1.5)  # probes sent after the spike get their answers
        probe.stop()
        answered = server_codes(server) - codes
        answered["OK"] -= sum(code == "OK" for *_, code in probe.calls)  # the probe's are not goodput
        refused = sum(c.status == EDGE_REFUSAL for c in calls)
        spike_end = max(c.started for c in calls)  # h2load may fall behind its scripts' times
        point = Point(multiple, rate, args.seconds, answered, n - sum(answered.values()) - refused, refused,
                      probe.recovery(spike_end), [c.seconds for c in calls if c.status == 200],
                      (cpu_of() - server_cpu) / wall, client_cpu / wall, roles)
        points.append(point)
        progress.update()
    return capacity, points


def markdown(runs: dict[str, tuple[Point, list[Point]]], deadline: float) -> str:
    lines = [f"**{name}**: capacity (h2load, 64 closed-loop streams, one sentence greedy) **{c.goodput:.0f} OK/s**, "
             f"p50 {c.ms(50):.0f} ms." for name, (c, _) in runs.items()]
    lines += ["", f"| server | load | offered calls/s | OK/s | share of capacity | codes from the server (deadline "
              f"{deadline:g} s) | refused by nginx | reset before any answer | p50 / p99 ms (the server's answers) | "
              "answered > deadline + 0.1 s | recovery s | server cores | of which: per process | h2load cores |",
              "|---|---:|---:|---:|---:|---|---:|---:|---|---:|---:|---:|---|---:|"]
    for name, (capacity, points) in runs.items():
        for p in points:
            total = sum(p.codes.values()) + p.reset + p.edge_refused
            codes = ", ".join(f"{c} {n / total:.0%}" for c, n in p.codes.most_common() if n)
            lines.append(f"| {name} | {p.multiple:g}x | {p.offered:.0f} | {p.goodput:.0f} | "
                         f"{p.goodput / capacity.goodput:.0%} | {codes} | {p.edge_refused / total:.0%} | "
                         f"{p.reset / total:.0%} | {p.ms(50):.0f} / {p.ms(99):.0f} | {p.late(deadline)} | "
                         f"{p.recovery:.2f} | {p.server_cores:.2f} | "
                         f"{', '.join(f'{r} {c:.2f}' for r, c in p.role_cores.items() if c >= 0.005)} | "
                         f"{p.client_cores:.2f} |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.overload_h2load", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--multiples", type=float, nargs="+", default=[1, 2, 5, 10], help="(default: %(default)s)")
    p.add_argument("--seconds", type=float, default=20.0, help="seconds per point (default: %(default)s)")
    p.add_argument("--deadline", type=float, default=2.0, help="each call's deadline in s (default: %(default)s)")
    p.add_argument("--server-args", default="", help="more mt-serve flags (default: none)")
    p.add_argument("--edge-in-flight", type=int, default=0,
                   help="put nginx in front (deploy/nginx/loopback.conf.template) with this many calls in flight at "
                        "most: the shedding edge; 0 for none (default: %(default)s)")
    p.add_argument("--before", type=Path, help="a checkout of an earlier kotranslate to run beside this one")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not require_h2load():
        return 2
    servers = {"kotranslate": None} | ({"kotranslate before": args.before} if args.before else {})
    runs = {}
    with tempfile.TemporaryDirectory() as tmp, \
            tqdm(total=len(servers) * (1 + len(args.multiples)), desc="overload (h2load)", unit="point") as progress:
        store, work = Path(tmp) / "store", Path(tmp)
        copy_default_model(args.store, store)
        body = work / "request.bin"
        text = heldout_sentences(args.store, 1)[0]
        body.write_bytes(grpc_frame(pb.TranslateRequest(texts=[text], model=MODEL)))
        for name, checkout in servers.items():
            with ServerProcess(store, *args.server_args.split(), cwd=checkout).wait_serving() as server:
                if not args.edge_in_flight:
                    runs[name] = measure(server, server.address, server.cpu_seconds, text, body, work, args, progress)
                    continue
                with NginxEdge([server.address], args.edge_in_flight, prefix=work / "nginx") as edge:
                    runs[f"{name} behind nginx ({args.edge_in_flight} in flight)"] = measure(
                        server, edge.address, lambda: server.cpu_seconds() + edge.cpu_seconds(), text, body, work,
                        args, progress, edge.proc.pid)
    table = markdown(runs, args.deadline)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
