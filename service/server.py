"""The translation server: gRPC (Translator, health, reflection) and Prometheus /metrics.

    mt-serve                                   # every model in model_store/, gRPC :50051, metrics :9090
    mt-serve --port 50052 --metrics-port 9091 --store /models --default-model ko-en

Lifecycle: health says NOT_SERVING until every model is loaded and warm, then SERVING. The store is
scanned every --watch-interval seconds and new versions are loaded beside the serving ones. On
SIGTERM (or SIGINT) health goes NOT_SERVING, new requests get UNAVAILABLE, the work already held is
finished within --grace seconds, and the process exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2_grpc
from prometheus_client import REGISTRY, CollectorRegistry, start_http_server

from proto.translate.v1 import translate_pb2
from service.config import EngineConfig
from service.guard import add_guarded
from service.metrics import ServiceMetrics
from service.models import ModelRegistry
from service.iteration_scheduler import IterationScheduler
from service.scheduler import Scheduler, SchedulerConfig
from service.servicer import TranslatorServicer
from service.wire import add_translator_to_server

log = logging.getLogger("mt-serve")

LINGER = 0.2  # seconds for answers already given to reach their callers before the connections close
PENDING_CALLS = 5000  # calls gRPC core may hold for the event loop before it drops some (see TranslationServer)
SERVICE_NAME = translate_pb2.DESCRIPTOR.services_by_name["Translator"].full_name  # "translate.v1.Translator"


@dataclass(frozen=True)
class ServerConfig:
    host: str = "0.0.0.0"
    port: int = 50051  # 0 picks a free port (tests)
    metrics_port: int = 9090  # 0 picks a free port; -1 serves no /metrics
    store: Path = Path("model_store")
    default_model: str | None = None  # None: the first model name in the store
    watch_interval: float = 10.0  # seconds between store scans; 0 disables watching
    grace: float = 20.0  # seconds to finish held work on SIGTERM
    # Clients keep one HTTP/2 connection for good: closing it after a while (calls in flight get
    # another minute) makes them resolve again and find replicas added since, as behind a headless
    # Kubernetes Service. 0 keeps connections forever.
    max_connection_age: float = 300.0
    # Spinning ONNX Runtime threads starve the server's own gRPC and scheduler threads: 2.2× fewer
    # requests/s at 32 clients on 2 cores (docs/benchmarks.md).
    engine: EngineConfig = field(default_factory=lambda: EngineConfig(spin=False))
    # The largest request gRPC accepts (past it: RESOURCE_EXHAUSTED before any Python runs). 64 texts at the
    # bundled model's limit of 256 tokens x 16 characters of up to 4 UTF-8 bytes need 4 MiB.
    max_message_bytes: int = 4 * 2 ** 20
    switch_interval: float = 0.0005  # seconds: how long a Python thread may hold the GIL while others wait
    scheduler: SchedulerConfig = field(default_factory=SchedulerConfig)


class TranslationServer:
    """The running parts of one server; `create_server` builds it and binds its port."""

    def __init__(self, config: ServerConfig, registry: CollectorRegistry) -> None:
        self.config = config
        self.metrics = ServiceMetrics(registry)
        self.models = ModelRegistry(config.store, config.engine, config.default_model)
        scheduler = IterationScheduler if config.scheduler.kind == "iteration" else Scheduler
        self.scheduler = scheduler(config.scheduler, self.metrics)
        self.health = health.aio.HealthServicer()
        options = [("grpc.max_receive_message_length", config.max_message_bytes),
                   # gRPC core holds calls that arrived before the server's event loop asked for them, and past
                   # 1,000 of them (hard limit 3,000) it drops new ones at random: the client sees CANCELLED
                   # within a millisecond, never reaching the servicer, whose own refusals say
                   # RESOURCE_EXHAUSTED with a retry hint. A burst of a few thousand calls takes the event
                   # loop a second or two to triage, so the backlog may grow that far first.
                   ("grpc.server.max_pending_requests", PENDING_CALLS),
                   ("grpc.server.max_pending_requests_hard_limit", 2 * PENDING_CALLS)]
        if config.max_connection_age > 0:
            options += [("grpc.max_connection_age_ms", int(config.max_connection_age * 1000)),
                        ("grpc.max_connection_age_grace_ms", 60_000)]
        self.grpc = grpc.aio.server(options=options)
        add_translator_to_server(TranslatorServicer(self.models, self.scheduler, self.metrics), self.grpc)
        # Health and reflection parse through guarded handlers too: a malformed body gets INVALID_ARGUMENT
        # and at most one log line in a while, not UNKNOWN and a traceback per call.
        add_guarded(health_pb2_grpc.add_HealthServicer_to_server, self.health, self.grpc)
        add_guarded(reflection_pb2_grpc.add_ServerReflectionServicer_to_server, reflection.aio.ReflectionServicer(
            (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME)), self.grpc)
        self.port = self.grpc.add_insecure_port(f"{config.host}:{config.port}")
        if self.port == 0:
            raise RuntimeError(f"could not bind {config.host}:{config.port}")
        self._watcher: asyncio.Task | None = None

    async def set_serving(self, serving: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ("", SERVICE_NAME):
            await self.health.set(name, status)

    async def start(self) -> None:
        """Start answering (health NOT_SERVING), load and warm every model, then SERVING."""
        await self.set_serving(False)
        await self.grpc.start()
        self.scheduler.start()
        log.info("gRPC listening on %s:%d; loading models from %s", self.config.host, self.port, self.config.store)
        await self.load_new_versions()
        if not self.models.snapshot.engines:
            raise RuntimeError(f"no model could be loaded from {self.config.store}")
        await self.set_serving(True)
        log.info("serving %s (default %s)", ", ".join(f"{n}/{sorted(v)}" for n, v in
                                                      self.models.snapshot.engines.items()), self.models.default_model)
        if self.config.watch_interval > 0:
            self._watcher = asyncio.get_running_loop().create_task(self._watch())

    async def load_new_versions(self) -> None:
        added = await asyncio.to_thread(self.models.refresh)  # loading and warm-up stay off the event loop
        for name, version in added:
            manifest = self.models.snapshot.engines[name][version].manifest
            self.metrics.model_info.labels(name, str(version)).info(
                {"variant": manifest.variant, "source_language": manifest.source_language,
                 "target_language": manifest.target_language})

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.config.watch_interval)
            try:
                await self.load_new_versions()
            except Exception:  # a broken store must not stop the server that is serving
                log.exception("scanning the store failed")

    async def drain(self, grace: float) -> None:
        """NOT_SERVING, refuse new work (UNAVAILABLE), finish what is held within `grace`; the answers
        already given get LINGER seconds to reach their callers."""
        log.info("draining: finishing held work within %.0f s", grace)
        await self.set_serving(False)
        if self._watcher:
            self._watcher.cancel()
        finished = await self.scheduler.drain(grace)
        if not finished:
            log.warning("grace period over with work still held; stopping anyway")
        await asyncio.sleep(LINGER)

    async def stop(self, grace: float) -> None:
        """Drain, then stop gRPC and the scheduler (in-process use: tests, benchmarks)."""
        await self.drain(grace)
        await self.grpc.stop(1.0)
        await self.scheduler.close()
        log.info("stopped")


def create_server(config: ServerConfig, registry: CollectorRegistry | None = None) -> TranslationServer:
    """Build the server and bind its gRPC port (config.port 0 picks a free one: `server.port`)."""
    return TranslationServer(config, registry if registry is not None else REGISTRY)


async def serve(config: ServerConfig) -> int:
    # The decode thread gives up the GIL inside every ONNX Runtime call and needs it back right after:
    # with Python's default 5 ms switch interval it waits behind the busy event loop for up to 5 ms
    # per decoding step (steps took 4x longer in the server than offline). 0.5 ms bounds that wait.
    sys.setswitchinterval(config.switch_interval)
    server = create_server(config)
    if config.metrics_port >= 0:
        http, _ = start_http_server(config.metrics_port, addr=config.host)
        log.info("metrics on http://%s:%d/metrics", config.host, http.server_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # SIGTERM is how orchestrators ask a replica to leave: finish held work, then exit 0.
        loop.add_signal_handler(sig, stop.set)
    await server.start()
    await stop.wait()
    await server.drain(config.grace)
    # No grpc.stop(): gRPC core's shutdown ends the calls that arrived but were not yet handed to the
    # servicer with CANCELLED (grpc/grpc#41785), 5-60 per SIGTERM under steady traffic. Exiting closes
    # the connections instead, which every client reads as UNAVAILABLE, and by now every call that
    # reached the servicer has its answer: the held work is done and the rest were refused.
    log.info("stopped: closing connections")
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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
    p.add_argument("--watch-interval", type=float, default=d.watch_interval,
                   help="seconds between scans of the store for new versions; 0 to disable (default: %(default)s)")
    p.add_argument("--grace", type=float, default=d.grace, help="seconds to finish held work on SIGTERM (default: %(default)s)")
    p.add_argument("--max-connection-age", type=float, default=d.max_connection_age,
                   help="seconds before a client connection is closed (gracefully) so that clients re-resolve "
                        "and reach new replicas; 0 for never (default: %(default)s)")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default=e.device, help="(default: %(default)s)")
    p.add_argument("--threads", type=int, default=e.intra_op_threads, help="ONNX Runtime intra-op threads; 0 for all cores")
    p.add_argument("--spin", action="store_true",
                   help="let idle ONNX Runtime threads spin rather than sleep: lower latency only when the "
                        "server has its cores to itself; under load it starves the gRPC threads (default: off)")
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
    p.add_argument("--log-level", default="INFO", help="(default: %(default)s)")
    return p


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig(
        host=args.host, port=args.port, metrics_port=args.metrics_port, store=args.store,
        default_model=args.default_model, watch_interval=args.watch_interval, grace=args.grace,
        max_connection_age=args.max_connection_age,
        engine=EngineConfig(device=args.device, intra_op_threads=args.threads, spin=args.spin,
                            max_batch_sentences=args.max_batch_sentences, max_batch_tokens=args.max_batch_tokens),
        scheduler=SchedulerConfig(kind=args.scheduler, max_rows=args.max_rows, max_cache_mb=args.max_cache_mb,
                                  join_ratio=args.join_ratio, join_max_steps=args.join_max_steps,
                                  length_lanes=tuple(args.length_lanes),
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
    return asyncio.run(serve(config))


if __name__ == "__main__":
    sys.exit(main())
