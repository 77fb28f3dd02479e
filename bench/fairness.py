"""Fair shares and priorities, measured from outside against a real mt-serve (the bundled model).

    python -m bench.fairness                          # both scenarios, 3 rounds
    python -m bench.fairness --before ../old-checkout # the same beside an earlier kotranslate

1. **Bulk and short.** One request of 64 texts, each two long held-out sentences (128 sentences), at
   beam 8; and a short greedy request (one held-out sentence) sent once the bulk one has run a quarter
   of its time alone. The latency of each beside each alone (medians over --rounds), with the bulk
   request left at PRIORITY_AUTO (batch class: it decodes 1,024 rows) and sent as PRIORITY_INTERACTIVE
   (the short one's class: the fair share alone decides).
2. **Two closed-loop clients** named by `x-client-id`: one sends single sentences, one 64-sentence
   requests (greedy: 64 rows, so PRIORITY_AUTO leaves both interactive and the fair share alone decides),
   for --seconds, alone and together. The row-steps each
   received (the server's translate_service_row_steps_total) against its max-min fair share (the
   single-sentence client wants less than half: its demand alone; the other gets the rest), and the
   single-sentence client's p50/p99 beside alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import numpy as np
from tqdm import tqdm

from bench.server_process import ServerProcess
from bench.service_bench import MODEL, copy_default_model, heldout_sentences
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc

ROW_STEPS = "translate_service_row_steps_total"


def workload(store: Path) -> tuple[list[str], str, list[str]]:
    """64 texts of two long held-out sentences each, a short held-out sentence, and 64 held-out sentences
    across the lengths."""
    sentences = sorted(set(heldout_sentences(store, 2000)), key=len)
    longest = sentences[-128:]
    spread = sentences[:: max(1, len(sentences) // 64)][:64]
    return [f"{a} {b}" for a, b in zip(longest[::2], longest[1::2])], sentences[len(sentences) // 4], spread


def timed(stub, request: pb.TranslateRequest, client: str = "", timeout: float = 120) -> float:
    started = time.monotonic()
    stub.Translate(request, timeout=timeout, metadata=[("x-client-id", client)] if client else None)
    return time.monotonic() - started


def bulk_and_short(stub, bulk: list[str], short: str, rounds: int, progress: tqdm) -> list[dict]:
    short_request = pb.TranslateRequest(texts=[short], model=MODEL)

    def bulk_request(priority: int) -> pb.TranslateRequest:
        return pb.TranslateRequest(texts=bulk, model=MODEL, options=pb.DecodingOptions(beam_size=8), priority=priority)

    timed(stub, bulk_request(pb.PRIORITY_AUTO))  # warm up
    bulk_alone = statistics.median(timed(stub, bulk_request(pb.PRIORITY_AUTO)) for _ in range(rounds))
    short_alone = statistics.median(timed(stub, short_request) for _ in range(5 * rounds))
    progress.update()
    rows = []
    for name, priority in (("bulk at PRIORITY_AUTO (batch class)", pb.PRIORITY_AUTO),
                           ("bulk at PRIORITY_INTERACTIVE (fair share only)", pb.PRIORITY_INTERACTIVE)):
        shorts, bulks = [], []
        for _ in range(rounds):
            with ThreadPoolExecutor(1) as pool:
                running = pool.submit(timed, stub, bulk_request(priority))
                time.sleep(bulk_alone / 4)
                shorts.append(timed(stub, short_request))
                bulks.append(running.result())
        short_ms, bulk_ms = statistics.median(shorts), statistics.median(bulks)
        rows.append({"case": name, "short": short_ms, "bulk": bulk_ms, "short_alone": short_alone,
                     "bulk_alone": bulk_alone})
        progress.update()
    return rows


class ClosedLoop:
    """One client sending `request` again and again until stopped; latencies of its calls."""

    def __init__(self, stub, request: pb.TranslateRequest, client: str) -> None:
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(stub, request, client), daemon=True)
        self._thread.start()

    def _run(self, stub, request, client) -> None:
        while not self._stop.is_set():
            self.latencies.append(timed(stub, request, client))

    def stop(self) -> ClosedLoop:
        self._stop.set()
        self._thread.join(120)
        return self


def two_clients(server: ServerProcess, stub, sixty_four: list[str], short: str, seconds: float, progress: tqdm
                ) -> list[dict]:
    single = pb.TranslateRequest(texts=[short], model=MODEL)

    def many(priority: int) -> pb.TranslateRequest:
        return pb.TranslateRequest(texts=sixty_four, model=MODEL, whole_texts=True, priority=priority)

    def served(client: str) -> float:
        return server.metric(ROW_STEPS, client=client)

    def run(loops: dict[str, pb.TranslateRequest]) -> tuple[dict[str, list[float]], dict[str, float]]:
        before = {client: served(client) for client in loops}
        clients = {client: ClosedLoop(stub, request, client) for client, request in loops.items()}
        time.sleep(seconds)
        latencies = {client: loop.stop().latencies for client, loop in clients.items()}
        time.sleep(0.5)
        progress.update()
        return latencies, {client: (served(client) - before[client]) / seconds for client in loops}

    ms = lambda xs, q: float(np.percentile(xs, q) * 1000)  # noqa: E731
    alone_lat, alone_rate = run({"single": single})
    _, bulk_rate = run({"bulk": many(pb.PRIORITY_AUTO)})
    rows = []
    for case, priority in (("64-sentence requests at PRIORITY_AUTO (batch class)", pb.PRIORITY_AUTO),
                           ("64-sentence requests at PRIORITY_INTERACTIVE (fair share only)", pb.PRIORITY_INTERACTIVE)):
        together_lat, together = run({"single": single, "bulk": many(priority)})
        fair_single = min(alone_rate["single"], (together["single"] + together["bulk"]) / 2)  # max-min fair
        rows.append({"case": case, "single_alone_rate": alone_rate["single"], "bulk_alone_rate": bulk_rate["bulk"],
                     "single_rate": together["single"], "bulk_rate": together["bulk"], "single_fair": fair_single,
                     "bulk_fair": together["single"] + together["bulk"] - fair_single,
                     "single_p50_alone": ms(alone_lat["single"], 50), "single_p99_alone": ms(alone_lat["single"], 99),
                     "single_p50": ms(together_lat["single"], 50), "single_p99": ms(together_lat["single"], 99),
                     "single_calls": len(together_lat["single"]), "bulk_calls": len(together_lat["bulk"])})
    return rows


def markdown(results: dict[str, tuple[list[dict], list[dict] | None]], seconds: float) -> str:
    lines = ["| server | case | short request ms | bulk request ms | short / bulk | short / short alone | "
             "bulk / bulk alone |", "|---|---|---:|---:|---:|---:|---:|"]
    for server, (rows, _) in results.items():
        r0 = rows[0]
        lines.append(f"| {server} | alone | {r0['short_alone'] * 1000:.0f} | {r0['bulk_alone'] * 1000:.0f} | | | |")
        for r in rows:
            lines.append(f"| {server} | {r['case']} | {r['short'] * 1000:.0f} | {r['bulk'] * 1000:.0f} | "
                         f"{r['short'] / r['bulk']:.3f} | {r['short'] / r['short_alone']:.1f} | "
                         f"{r['bulk'] / r['bulk_alone']:.2f} |")
    lines += ["", f"Two closed-loop clients, {seconds:g} s each run (row-steps/s from the server's {ROW_STEPS}; "
              "fair share: max-min, the single-sentence client's demand alone or half):", "",
              "| server | case | single-sentence client: row-steps/s alone / together / fair share | 64-sentence "
              "client: alone / together / fair share | single p50 / p99 ms alone | single p50 / p99 ms together | "
              "calls together (single, 64-sentence) |", "|---|---|---|---|---|---|---|"]
    for server, (_, clients) in results.items():
        for c in clients or []:
            lines.append(
                f"| {server} | {c['case']} | {c['single_alone_rate']:.0f} / {c['single_rate']:.0f} / "
                f"{c['single_fair']:.0f} ({c['single_rate'] / c['single_fair']:.0%}) | {c['bulk_alone_rate']:.0f} / "
                f"{c['bulk_rate']:.0f} / {c['bulk_fair']:.0f} ({c['bulk_rate'] / c['bulk_fair']:.0%}) | "
                f"{c['single_p50_alone']:.0f} / {c['single_p99_alone']:.0f} | {c['single_p50']:.0f} / "
                f"{c['single_p99']:.0f} ({c['single_p99'] / c['single_p99_alone']:.1f}x) | {c['single_calls']}, "
                f"{c['bulk_calls']} |")
    return "\n".join(lines) + "\n"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.fairness", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--rounds", type=int, default=3, help="repetitions of each bulk-and-short case (default: %(default)s)")
    p.add_argument("--seconds", type=float, default=15.0, help="seconds of each two-client run (default: %(default)s)")
    p.add_argument("--server-args", default="", help="more mt-serve flags (default: none)")
    p.add_argument("--before", type=Path, help="a checkout of an earlier kotranslate to run beside this one "
                                               "(bulk and short only: it counts no service per client)")
    p.add_argument("--markdown", type=Path, help="write the tables here too")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    bulk, short, sixty_four = workload(args.store)
    servers = {"kotranslate": None} | ({"kotranslate before": args.before} if args.before else {})
    results = {}
    with tempfile.TemporaryDirectory() as tmp, \
            tqdm(total=len(servers) * 3 + 4, desc="fairness", unit="run") as progress:
        store = Path(tmp) / "store"
        copy_default_model(args.store, store)
        for name, checkout in servers.items():
            with ServerProcess(store, *args.server_args.split(), cwd=checkout).wait_serving() as server, \
                    grpc.insecure_channel(server.address) as channel:
                stub = pb_grpc.TranslatorStub(channel)
                rows = bulk_and_short(stub, bulk, short, args.rounds, progress)
                clients = two_clients(server, stub, sixty_four, short, args.seconds, progress) if checkout is None else None
                results[name] = (rows, clients)
    table = markdown(results, args.seconds)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
