"""A front-end process: gRPC (Translator, health, reflection) on the server's port, shared with the other
fronts through SO_REUSEPORT, so the kernel spreads connections across them.

Each front parses, validates, segments, tokenizes and detokenizes on its own GIL and talks to the engine
over ZeroMQ (engine_client.py). A watcher reads the shared board every WATCH_SECONDS: new versions the
engine serves (loaded into the catalog before they are offered), a restarted engine (the calls it held
fail with UNAVAILABLE at once), and the supervisor's verdict for health (SERVING once the engine and every
front are ready). SIGTERM: NOT_SERVING, new calls get UNAVAILABLE, held calls finish within the grace
period, exit 0. SIGINT is left to the supervisor.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import sys
from pathlib import Path

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection, reflection_pb2_grpc
from prometheus_client import REGISTRY

from proto.translate.v1 import translate_pb2
from service.board import LISTENING, READY, Board, Slot, die_with_parent
from service.front.catalog import FrontCatalog
from service.front.engine_client import EngineClient
from service.front.guard import add_guarded
from service.front.servicer import TranslatorServicer
from service.front.wire import add_translator_to_server
from service.metrics import ServiceMetrics
from service.text.glossary import Glossaries

log = logging.getLogger("mt-serve.front")

LINGER = 0.2  # seconds for answers already given to reach their callers before the connections close
PENDING_CALLS = 5000  # calls gRPC core may hold for the event loop before it drops some (see FrontProcess)
WATCH_SECONDS = 0.02  # how often the board is read: an engine's death reaches its callers within this
SERVICE_NAME = translate_pb2.DESCRIPTOR.services_by_name["Translator"].full_name  # "translate.v1.Translator"


class FrontProcess:
    def __init__(self, config, board: Board, index: int, port: int) -> None:  # config: service.server.ServerConfig
        self.config, self.board, self.index = config, board, index
        self.metrics = ServiceMetrics(REGISTRY)
        self.catalog = FrontCatalog(config.store, config.engine.cover_placeholders)
        self.engine = EngineClient(board, config.scheduler, self.metrics, config.engine.placeholder_beam,
                                   identity=f"front-{index}-{os.getpid()}-{secrets.token_hex(4)}".encode())
        self.health = health.aio.HealthServicer()
        options = [("grpc.max_receive_message_length", config.max_message_bytes),
                   ("grpc.so_reuseport", 1),  # every front binds the same port; the kernel spreads connections
                   # gRPC core holds calls that arrived before the event loop asked for them, and past
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
        glossaries = Glossaries(config.glossaries or Path(config.store) / "glossaries")
        self.servicer = TranslatorServicer(self.catalog, self.engine, self.metrics,
                                           config.engine.no_repeat_ngram_size, glossaries)
        add_translator_to_server(self.servicer, self.grpc)
        # Health and reflection parse through guarded handlers too: a malformed body gets INVALID_ARGUMENT
        # and at most one log line in a while, not UNKNOWN and a traceback per call.
        add_guarded(health_pb2_grpc.add_HealthServicer_to_server, self.health, self.grpc, self.metrics)
        add_guarded(reflection_pb2_grpc.add_ServerReflectionServicer_to_server, reflection.aio.ReflectionServicer(
            (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME)), self.grpc, self.metrics)
        self.port = self.grpc.add_insecure_port(f"{config.host}:{port}")
        if self.port == 0:
            raise RuntimeError(f"could not bind {config.host}:{port}")
        self._models_epoch = -1.0
        self._serving: bool | None = None

    async def set_serving(self, serving: bool) -> None:
        if serving == self._serving:
            return
        self._serving = serving
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ("", SERVICE_NAME):
            await self.health.set(name, status)

    async def serve(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        await self.set_serving(False)
        await self._look()  # a restarted front offers the engine's models before the kernel sends it connections
        await self.grpc.start()
        log.info("front %d listening (pid %d) on %s:%d", self.index, os.getpid(), self.config.host, self.port)
        reader = self.engine.start()
        self.board.set_front_state(self.index, max(LISTENING, self.board.front_state(self.index)))
        watcher = loop.create_task(self._watch())
        stopping = loop.create_task(stop.wait())
        await asyncio.wait({reader, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if reader.done():  # a bug stopped the reader: every call would hang, so exit and be restarted
            log.error("front %d: the reader of the engine's answers stopped (%r); exiting", self.index,
                      reader.exception())
            exit_now(1)
        await self.drain(self.config.grace)
        exit_now(0)  # from inside the loop: asyncio.run's cleanup would cancel the calls still being refused

    async def _watch(self) -> None:
        while True:
            try:
                await self._look()
            except Exception:  # the watcher must outlive a bad read of the store
                log.exception("front %d: reading the board failed", self.index)
            await asyncio.sleep(WATCH_SECONDS)

    async def _look(self) -> None:
        self.engine.watch()
        epoch = self.board[Slot.MODELS_EPOCH]
        if epoch != self._models_epoch:
            served, default = self.board.read_models()  # default: the engine's choice, published
            added = await asyncio.to_thread(self.catalog.refresh, served, default)
            self._models_epoch = epoch  # only once read: a failed read is tried again at the next look
            if added:
                log.info("front %d offers %s", self.index, ", ".join(f"{n}/{v}" for n, v in added))
        if self.catalog.snapshot.engines and not self.engine.draining:
            self.board.set_front_state(self.index, READY)
        await self.set_serving(bool(self.board[Slot.SERVING]) and not self.engine.draining
                               and self.engine.engine_ready())

    async def drain(self, grace: float) -> None:
        """NOT_SERVING, refuse new work (UNAVAILABLE), let the held calls finish within `grace`; the
        answers already given get LINGER seconds to reach their callers."""
        self.engine.draining = True
        await self.set_serving(False)
        end = asyncio.get_running_loop().time() + grace
        finished = await self.engine.drain(grace)
        while self.servicer.in_flight and asyncio.get_running_loop().time() < end:
            await asyncio.sleep(0.01)  # answers being built or written after the engine's part
        if not finished or self.servicer.in_flight:
            log.warning("front %d: grace period over with %d calls still held; stopping anyway", self.index,
                        max(self.engine.held, self.servicer.in_flight))
        await asyncio.sleep(LINGER)


async def _serve(config, board, index, port) -> None:
    await FrontProcess(config, board, index, port).serve()  # built on the running loop: gRPC's and ZeroMQ's asyncio objects bind to it


def run(config, board: Board, index: int, port: int) -> None:
    """A front process's entry point (multiprocessing, spawn)."""
    die_with_parent()
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        asyncio.run(_serve(config, board, index, port))
    except Exception:
        log.exception("front %d failed", index)
        exit_now(1)


def exit_now(code: int) -> None:
    """Exit without stopping gRPC. gRPC core's shutdown ends the calls that arrived but were not yet handed to
    the servicer with CANCELLED (grpc/grpc#41785), 5-60 per SIGTERM under steady traffic, and so does
    cancelling the event loop's tasks. Exiting closes the connections instead, which every client reads as
    UNAVAILABLE, and by now every call that reached the servicer has its answer: the held work is done and
    the rest were refused."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
