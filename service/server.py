"""mt-serve: the translation server, one process per role, started and watched by this supervisor.

    mt-serve                                   # every model in model_store/, gRPC :50051, metrics :9090
    mt-serve --port 50052 --metrics-port 9091 --store /models --default-model ko-en --frontends 2

Roles (shared/DESIGN.md, "roles in processes"):
- one engine process (service/engine/process.py): ONNX Runtime sessions, the model registry and its hot
  reload, the running batches and the scheduler. It speaks token ids over ZeroMQ, never gRPC or text;
- --frontends front-end processes (service/front/process.py) on one gRPC port (SO_REUSEPORT): the
  Translator servicer, health and reflection, validation, segmentation, placeholders, tokenization,
  detokenization, streaming, and refusal at the door from the load the engine publishes;
- this supervisor: starts them, serves one /metrics for all of them (prometheus-client's multiprocess
  mode), restarts any that dies (an engine's held calls get UNAVAILABLE at once; clients' retry policies
  carry them to the new one), and stops them in order.

Lifecycle: health says NOT_SERVING until the engine has loaded and warmed every model and every front
offers them, then SERVING. The store is scanned every --watch-interval seconds and new versions are
loaded beside the serving ones. On SIGTERM (or SIGINT) health goes NOT_SERVING, new requests get
UNAVAILABLE, the work already held is finished within --grace seconds, and every process exits 0.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from service.board import LISTENING, MAX_FRONTS, NO_MODELS, READY, Board, Slot
from service.config import EngineConfig
from service.default_variant import Policy
from service.work import SchedulerConfig

log = logging.getLogger("mt-serve")

RESTART_BACKOFF = (0.0, 1.0, 5.0)  # seconds before restarting a role that died again soon after its start


def default_frontends() -> int:
    """Half the cores for fronts, at least one: the engine's ONNX Runtime threads take the rest."""
    return max(1, min(8, (os.cpu_count() or 2) // 2))


@dataclass(frozen=True)
class ServerConfig:
    host: str = "0.0.0.0"
    port: int = 50051  # 0 picks a free port (tests)
    metrics_port: int = 9090  # 0 picks a free port; -1 serves no /metrics
    store: Path = Path("model_store")
    glossaries: Path | None = None  # folder of NAME.tsv glossaries; None: STORE/glossaries
    default_model: str | None = None  # None: the first model name in the store
    # "fastest": requests that name no model get the default model's int8 variant where it runs on the CPU
    # at BLEU within 0.3 of fp32 (service/default_variant.py); "named": the default model itself.
    default_variant: Policy = "fastest"
    watch_interval: float = 10.0  # seconds between store scans; 0 disables watching
    grace: float = 20.0  # seconds to finish held work on SIGTERM
    frontends: int = field(default_factory=default_frontends)  # front-end processes sharing the gRPC port
    # Clients keep one HTTP/2 connection for good: closing it after a while (calls in flight get
    # another minute) makes them resolve again and find replicas added since, as behind a headless
    # Kubernetes Service. 0 keeps connections forever.
    max_connection_age: float = 300.0
    # Spinning ONNX Runtime threads starve the fronts on the same cores: 2.2× fewer requests/s at 32
    # clients on 2 cores when they shared one process (docs/benchmarks.md).
    engine: EngineConfig = field(default_factory=lambda: EngineConfig(spin=False))
    # The largest request gRPC accepts (past it: RESOURCE_EXHAUSTED before any Python runs). 64 texts at the
    # bundled model's limit of 256 tokens x 16 characters of up to 4 UTF-8 bytes need 4 MiB.
    max_message_bytes: int = 4 * 2 ** 20
    switch_interval: float = 0.0005  # engine: how long its event loop may hold the GIL while the decode thread waits
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)
    log_level: str = "INFO"
    step_delay_ms: float = 0.0  # added to every decoding step: tests and demonstrations of streaming only

    def __post_init__(self) -> None:
        if not 1 <= self.frontends <= MAX_FRONTS:
            raise ValueError(f"frontends={self.frontends} must be between 1 and {MAX_FRONTS}")
        if self.grace < 0 or self.step_delay_ms < 0:
            raise ValueError(f"grace={self.grace} and step_delay_ms={self.step_delay_ms} must be non-negative")


def reserve_port(host: str, port: int) -> socket.socket:
    """A socket bound to the gRPC port with SO_REUSEPORT and never listening: it keeps a port picked by the
    kernel (port 0) for the fronts, which bind it too, across their restarts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def run_role(module: str, *args) -> None:
    """A child's entry point: import its role's module there, so that the supervisor itself never loads
    ONNX Runtime or gRPC's server."""
    import importlib
    importlib.import_module(module).run(*args)


class Role:
    """One child process of the server and how to start it again."""

    def __init__(self, name: str, module: str, args: tuple) -> None:
        self.name, self.module, self.args = name, module, args
        self.process: multiprocessing.Process | None = None
        self.started = 0.0
        self.restarts = 0  # deaths soon after a start, in a row: the backoff grows with them
        self.restart_at: float | None = None  # when a dead role starts again

    def start(self) -> None:
        self.process = multiprocessing.get_context("spawn").Process(
            target=run_role, args=(self.module, *self.args), name=self.name, daemon=False)
        # Ignored while it starts (the child keeps SIG_IGN across exec): a Ctrl-C then does not kill the
        # child half-started; the supervisor's own handler comes back right after.
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            self.process.start()
        finally:
            signal.signal(signal.SIGINT, handler)
        self.started = time.monotonic()
        self.restart_at = None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def died(self) -> float:
        """Note a death; returns the backoff before the restart (longer when it keeps dying young)."""
        lived = time.monotonic() - self.started
        self.restarts = self.restarts + 1 if lived < 30 else 0
        backoff = RESTART_BACKOFF[min(self.restarts, len(RESTART_BACKOFF)) - 1] if self.restarts else 0.0
        self.restart_at = time.monotonic() + backoff
        return backoff


class Supervisor:
    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.run_dir = Path(tempfile.mkdtemp(prefix="mt-serve-"))
        self.metrics_dir = self.run_dir / "metrics"
        self.metrics_dir.mkdir()
        # Every child writes its series here (it must be set before a child imports prometheus_client).
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(self.metrics_dir)
        self.board = Board(self.run_dir)
        self.reserved = reserve_port(config.host, config.port)
        self.port = self.reserved.getsockname()[1]
        self.engine = Role("engine", "service.engine.process", (config, self.board))
        self.fronts = [Role(f"front-{i}", "service.front.process", (config, self.board, i, self.port))
                       for i in range(config.frontends)]
        self.failed: str | None = None  # why the server cannot go on (the engine found nothing to serve)
        self.http = None

    def serve_metrics(self) -> None:
        from prometheus_client import CollectorRegistry, start_http_server
        from prometheus_client.multiprocess import MultiProcessCollector
        if self.config.metrics_port < 0:
            return
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=str(self.metrics_dir))  # the sum of every process, dead ones' counters too
        self.http, _ = start_http_server(self.config.metrics_port, addr=self.config.host, registry=registry)
        log.info("metrics on http://%s:%d/metrics", self.config.host, self.http.server_port)

    def start_engine(self) -> None:
        self.board[Slot.ENGINE_READY] = 0.0
        self.board.reset_queue()
        self.board[Slot.ENGINE_EPOCH] += 1  # fronts fail what the previous engine held
        self.board[Slot.ENGINE_STARTED] = time.monotonic()
        self.engine.start()

    def run(self) -> int:
        stop = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            # SIGTERM is how orchestrators ask a replica to leave: finish held work, then exit 0.
            signal.signal(sig, lambda *_: stop.append(True))
        try:
            self.serve_metrics()
            self.start_engine()
            for front in self.fronts:
                front.start()
            log.info("supervisor (pid %d): an engine and %d front-end process(es) on port %d", os.getpid(),
                     len(self.fronts), self.port)
            self._supervise(stop)
        finally:
            self.shutdown()
        if self.failed:
            log.error("%s", self.failed)
            return 1
        return 0

    def _supervise(self, stop: list) -> None:
        listening = serving = False
        while not stop and not self.failed:
            self.watch()
            states = [self.board.front_state(i) for i in range(len(self.fronts))]
            if not listening and any(state >= LISTENING for state in states):
                listening = True
                log.info("gRPC listening on %s:%d", self.config.host, self.port)
            # SERVING once the engine and every front are ready; then a front that dies does not withdraw it
            # while another front serves (it is restarted meanwhile).
            fronts_ready = (any if serving else all)(state >= READY for state in states)
            ready = bool(self.board[Slot.ENGINE_READY]) and fronts_ready
            self.board[Slot.SERVING] = float(ready)
            if ready != serving:
                serving = ready
                if ready:
                    log.info("SERVING: the engine and %d front(s) are ready", len(self.fronts))
                else:
                    log.warning("NOT_SERVING until the engine and a front are ready again")

    def watch(self) -> None:
        """Wait a little for a child to end; note the one that did, and start the ones whose backoff is over."""
        roles = [r for r in (self.engine, *self.fronts) if r.process is not None and r.restart_at is None]
        ended = wait([r.process.sentinel for r in roles], timeout=0.05)
        for role in roles:
            if role.process.sentinel in ended:
                self._died(role)
        now = time.monotonic()
        for role in (self.engine, *self.fronts):
            if role.restart_at is not None and now >= role.restart_at and not self.failed:
                self.start_engine() if role is self.engine else role.start()

    def _died(self, role: Role) -> None:
        from prometheus_client import multiprocess
        role.process.join()
        pid, code = role.process.pid, role.process.exitcode
        multiprocess.mark_process_dead(pid, str(self.metrics_dir))  # its live gauges go; counters stay
        lived = time.monotonic() - role.started
        if role is self.engine:
            self.board[Slot.ENGINE_READY] = 0.0
            self.board[Slot.SERVING] = 0.0
            self.board[Slot.ENGINE_EPOCH] += 1  # fronts answer the calls it held with UNAVAILABLE now
            if code == NO_MODELS:
                self.failed = f"the engine found no model it could serve in {self.config.store}; stopping"
                return
            backoff = role.died()
            log.error("engine (pid %d) died (exit code %s) after %.1f s; its calls get UNAVAILABLE; restarting it%s",
                      pid, code, lived, f" in {backoff:.0f} s" if backoff else "")
        else:
            self.board.set_front_state(self.fronts.index(role), 0.0)
            backoff = role.died()
            log.error("%s (pid %d) died (exit code %s) after %.1f s; the other fronts go on serving; restarting it%s",
                      role.name, pid, code, lived, f" in {backoff:.0f} s" if backoff else "")

    def shutdown(self) -> None:
        """Fronts first (they refuse new calls and wait for their held ones), then the engine."""
        grace = self.config.grace
        log.info("draining: finishing held work within %.0f s", grace)
        self.board[Slot.DRAINING] = 1.0
        self.board[Slot.SERVING] = 0.0
        for front in self.fronts:
            if front.alive:
                front.process.terminate()  # SIGTERM: the front drains
        end = time.monotonic() + grace + 5.0
        while any(f.alive for f in self.fronts) and time.monotonic() < end:
            if self.engine.process is not None and not self.engine.alive and self.board[Slot.ENGINE_READY]:
                self.board[Slot.ENGINE_READY] = 0.0  # it died while draining: its calls get UNAVAILABLE now
                self.board[Slot.ENGINE_EPOCH] += 1
            time.sleep(0.02)
        for front in self.fronts:
            if front.alive:
                log.warning("%s did not stop within the grace period; killing it", front.name)
                front.process.kill()
        if self.engine.alive:
            self.engine.process.terminate()
            self.engine.process.join(max(5.0, end - time.monotonic()))
            if self.engine.alive:
                log.warning("grace period over with work still held; stopping anyway")
                self.engine.process.kill()
        self.reserved.close()
        shutil.rmtree(self.run_dir, ignore_errors=True)
        log.info("stopped")


def build_parser() -> argparse.ArgumentParser:
    d = ServerConfig()
    e, s = d.engine, d.scheduler
    p = argparse.ArgumentParser(prog="mt-serve", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default=d.host, help="address to bind (default: %(default)s)")
    p.add_argument("--port", type=int, default=d.port, help="gRPC port; 0 picks a free one (default: %(default)s)")
    p.add_argument("--metrics-port", type=int, default=d.metrics_port,
                   help="Prometheus /metrics port; -1 for none (default: %(default)s)")
    p.add_argument("--store", type=Path, default=d.store, help="model store root (default: %(default)s)")
    p.add_argument("--default-model", help="model for requests that name none (default: the first in the store)")
    p.add_argument("--default-variant", choices=["fastest", "named"], default=d.default_variant,
                   help="fastest: requests that name no model get the default model's int8 variant when it runs on "
                        "the CPU and its manifest scores within 0.3 BLEU of the fp32 on every set; named: the default "
                        "model itself. Requests that name a model always get it (default: %(default)s)")
    p.add_argument("--glossaries", type=Path,
                   help="folder of glossaries requests may name: NAME.tsv files of source<TAB>target lines, read "
                        "again when they change (default: STORE/glossaries)")
    p.add_argument("--watch-interval", type=float, default=d.watch_interval,
                   help="seconds between scans of the store for new versions; 0 to disable (default: %(default)s)")
    p.add_argument("--frontends", type=int, default=d.frontends,
                   help="front-end processes sharing the gRPC port: gRPC, validation, tokenization and streaming on "
                        "GILs of their own, apart from the engine process (default: half the cores, at least 1: "
                        "%(default)s here)")
    p.add_argument("--grace", type=float, default=d.grace, help="seconds to finish held work on SIGTERM (default: %(default)s)")
    p.add_argument("--max-connection-age", type=float, default=d.max_connection_age,
                   help="seconds before a client connection is closed (gracefully) so that clients re-resolve "
                        "and reach new replicas; 0 for never (default: %(default)s)")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default=e.device, help="(default: %(default)s)")
    p.add_argument("--threads", type=int, default=e.intra_op_threads,
                   help="the engine's ONNX Runtime intra-op threads; 0 for all cores (default: %(default)s)")
    p.add_argument("--spin", action="store_true",
                   help="let idle ONNX Runtime threads spin rather than sleep: lower latency only when the "
                        "server has its cores to itself; under load it starves the gRPC threads (default: off)")
    p.add_argument("--no-repeat-ngram", type=int, default=e.no_repeat_ngram_size, metavar="N",
                   help="for requests that leave options.no_repeat_ngram_size unset: no n-gram of N pieces twice in "
                        "an output (stops loops); 0: off (default: %(default)s)")
    p.add_argument("--scheduler", choices=["iteration", "static"], default=s.kind,
                   help="iteration: texts join and leave the running batch at every decoding step (continuous "
                        "batching); static: whole requests batched and decoded to the end (default: %(default)s)")
    p.add_argument("--max-rows", type=int, default=s.max_rows,
                   help="iteration: live rows (texts x beams) decoded together at most (default: %(default)s)")
    p.add_argument("--max-cache-mb", type=float, default=s.max_cache_mb,
                   help="iteration: worst-case attention cache memory of the live texts; past it texts wait "
                        "(default: %(default)s)")
    p.add_argument("--join-ratio", type=float, default=s.join_ratio,
                   help="iteration: waiting texts join the running batch together once they are this share of "
                        "the live texts... (default: %(default)s)")
    p.add_argument("--join-max-steps", type=int, default=s.join_max_steps,
                   help="...or once the oldest has waited this many steps; 0 joins at every step (default: %(default)s)")
    p.add_argument("--length-lanes", type=int, nargs="*", default=list(s.length_lanes),
                   help="iteration: source-length bounds (tokens) of separate running batches, so that long texts "
                        "do not slow short ones; none for one batch (default: %(default)s)")
    p.add_argument("--max-join-tokens", type=int, default=s.max_join_tokens,
                   help="iteration: while rows decode, one flow's texts joining at one step read at most this many "
                        "source tokens, so that no bulk request's encoder pass stalls the live rows long "
                        "(default: %(default)s)")
    p.add_argument("--reserve-rows", type=int, default=s.reserve_rows,
                   help="iteration: rows that no one flow (a client by x-client-id, or a request) and not the batch "
                        "priority class may take, so that a newcomer joins at the next step (default: an eighth of "
                        "--max-rows)")
    p.add_argument("--batch-share", type=float, default=s.batch_share,
                   help="iteration: while interactive rows decode, batch-priority rows wait between their steps but "
                        "keep this share of the decoding time; 1 never holds them back (default: %(default)s)")
    p.add_argument("--aging-passes", type=int, default=s.aging_passes,
                   help="iteration: a text that has waited this many decoding steps joins before any other, whatever "
                        "its priority: nothing waits forever (default: %(default)s)")
    p.add_argument("--auto-batch-rows", type=int, default=s.auto_batch_rows,
                   help="a request left at PRIORITY_AUTO is batch priority when it decodes more rows (sentences x "
                        "beam size) than this (default: %(default)s)")
    p.add_argument("--max-batch-sentences", type=int, default=s.max_batch_sentences,
                   help="static: texts decoded together at most (default: %(default)s)")
    p.add_argument("--max-batch-tokens", type=int, default=s.max_batch_tokens,
                   help="source tokens encoded together at most (static: per batch; iteration: per step's "
                        "joiners) (default: %(default)s)")
    p.add_argument("--max-wait-ms", type=float, default=s.max_wait_ms,
                   help="static: how long a request may wait for others to share its batch (default: %(default)s)")
    p.add_argument("--max-queue-texts", type=int, default=s.max_queue_texts,
                   help="texts waiting at most; past it RESOURCE_EXHAUSTED (default: %(default)s)")
    p.add_argument("--max-queue-seconds", type=float, default=s.max_queue_seconds,
                   help="iteration: refuse (RESOURCE_EXHAUSTED, with a retry hint) a request whose predicted wait "
                        "passes this, or whose deadline comes before its predicted wait and decoding "
                        "(default: %(default)s)")
    p.add_argument("--no-batching", action="store_true", help="static: decode every request alone (for comparison)")
    p.add_argument("--step-delay-ms", type=float, default=0.0,
                   help="add this many milliseconds to every decoding step: for tests and demonstrations of "
                        "streaming, never for serving (default: %(default)s)")
    p.add_argument("--log-level", default="INFO", help="(default: %(default)s)")
    return p


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig(
        host=args.host, port=args.port, metrics_port=args.metrics_port, store=args.store, glossaries=args.glossaries,
        default_model=args.default_model, default_variant=args.default_variant, watch_interval=args.watch_interval, grace=args.grace,
        max_connection_age=args.max_connection_age, frontends=args.frontends, log_level=args.log_level.upper(),
        step_delay_ms=args.step_delay_ms,
        engine=EngineConfig(device=args.device, intra_op_threads=args.threads, spin=args.spin,
                            max_batch_sentences=args.max_batch_sentences, max_batch_tokens=args.max_batch_tokens,
                            no_repeat_ngram_size=args.no_repeat_ngram),
        scheduler=SchedulerConfig(kind=args.scheduler, max_rows=args.max_rows, max_cache_mb=args.max_cache_mb,
                                  join_ratio=args.join_ratio, join_max_steps=args.join_max_steps,
                                  max_join_tokens=args.max_join_tokens,
                                  length_lanes=tuple(args.length_lanes), reserve_rows=args.reserve_rows,
                                  batch_share=args.batch_share, aging_passes=args.aging_passes,
                                  auto_batch_rows=args.auto_batch_rows,
                                  max_batch_sentences=args.max_batch_sentences, max_batch_tokens=args.max_batch_tokens,
                                  max_wait_ms=args.max_wait_ms, max_queue_texts=args.max_queue_texts,
                                  max_queue_seconds=args.max_queue_seconds,
                                  batching=not args.no_batching))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        supervisor = Supervisor(config)
    except OSError as exc:
        print(f"error: cannot bind {config.host}:{config.port}: {exc}", file=sys.stderr)
        return 2
    code = supervisor.run()
    logging.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
