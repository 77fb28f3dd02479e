"""The engine process: models, scheduler and running batches, behind a ZeroMQ ROUTER socket.

Fronts send `Submit` and `Cancel` (service/messages.py); each Submit becomes the scheduler's WorkItem and
its answer goes back to the front that sent it. The event loop here only decodes small messages and
hands them over: no gRPC, protobuf or SentencePiece, so the decode thread has the GIL nearly to itself.
After every decoding pass the scheduler's load goes to the shared board, where the fronts read it to
refuse at the door. The store is watched for new versions, which are loaded and warmed beside the
serving ones, then published to the fronts (models.json) so they offer them.

Started by the supervisor (service/server.py); SIGTERM finishes the held work within the grace period
and exits 0; SIGINT is left to the supervisor.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time

import zmq
import zmq.asyncio
from prometheus_client import REGISTRY

from service import messages
from service.board import NO_MODELS, Board, Slot, die_with_parent
from service.engine.engine import InputTooLong
from service.engine.iteration_scheduler import IterationScheduler
from service.engine.models import ModelRegistry
from service.engine.scheduler import Scheduler
from service.errors import InvalidRequest, ServiceError
from service.metrics import ServiceMetrics
from service.work import Priority, WorkItem

log = logging.getLogger("mt-serve.engine")



class NoModels(RuntimeError):
    pass


class EngineProcess:
    def __init__(self, config, board: Board) -> None:  # config: service.server.ServerConfig
        self.config, self.board = config, board
        self.metrics = ServiceMetrics(REGISTRY)
        self.models = ModelRegistry(config.store, config.engine, config.default_model, config.default_variant)
        kind = IterationScheduler if config.scheduler.kind == "iteration" else Scheduler
        self.scheduler = kind(config.scheduler, self.metrics)
        if isinstance(self.scheduler, IterationScheduler):
            # A restarted engine starts from what the last one measured: a fresh fit over its first, cold and
            # oddly shaped passes dropped calls that had time enough (bench/faults.py).
            measured, load = board.load_model(config.scheduler), self.scheduler.load
            load.moments, load.batch_moments = measured.moments, measured.batch_moments
            load.steps_per_token = measured.steps_per_token
            load.join_seconds_per_token = measured.join_seconds_per_token
            self.scheduler.on_publish = board.publish_load
            self.scheduler.step_delay = config.step_delay_ms / 1000
        self.context = zmq.asyncio.Context()
        self.socket = self.context.socket(zmq.ROUTER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.setsockopt(zmq.SNDHWM, 100_000)
        self.socket.setsockopt(zmq.RCVHWM, 100_000)
        self.tasks: dict[tuple[bytes, int], asyncio.Task] = {}

    async def serve(self) -> None:
        (self.board.run_dir / "engine.sock").unlink(missing_ok=True)  # a crashed engine's socket file
        self.socket.bind(self.board.engine_address)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        self.scheduler.start()
        await self.load_new_versions()
        if not self.models.snapshot.engines:
            raise NoModels(f"no model could be loaded from {self.config.store}")
        self.board[Slot.ENGINE_STARTUP] = time.monotonic() - self.board[Slot.ENGINE_STARTED]
        self.board[Slot.ENGINE_READY] = 1.0
        log.info("engine ready (pid %d): %s", os.getpid(), ", ".join(
            f"{n}/{sorted(v)}" for n, v in self.models.snapshot.engines.items()))
        reader = loop.create_task(self._read())
        watcher = loop.create_task(self._watch()) if self.config.watch_interval > 0 else None
        stopping = loop.create_task(stop.wait())
        await asyncio.wait({reader, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if reader.done():  # a bug stopped the reader: without it every call would hang, so die and be restarted
            raise RuntimeError("the engine's message reader stopped") from reader.exception()
        log.info("engine draining")
        if watcher:
            watcher.cancel()
        finished = await self.scheduler.drain(self.config.grace)
        if not finished:
            log.warning("engine: grace period over with work still held; stopping anyway")
        await asyncio.sleep(0.05)  # the last answers leave the socket
        reader.cancel()
        log.info("engine stopped")

    async def load_new_versions(self) -> None:
        added = await asyncio.to_thread(self.models.refresh)  # loading and warm-up stay off the event loop
        for name, version in added:
            manifest = self.models.snapshot.engines[name][version].manifest
            self.metrics.model_info.labels(name, str(version), manifest.variant, manifest.source_language,
                                           manifest.target_language).set(1)
        if added or not self.board.models_file.exists():
            served = [(n, v) for n, versions in self.models.snapshot.engines.items() for v in versions]
            self.board.publish_models(served, self.models.default)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.config.watch_interval)
            try:
                await self.load_new_versions()
            except Exception:  # a broken store must not stop the engine that is serving
                log.exception("scanning the store failed")

    async def _read(self) -> None:
        decode = messages.decode_to_engine
        while True:
            frames = await self.socket.recv_multipart()
            try:
                front, data = frames
                message = decode(data)
            except Exception:  # one bad message must not stop the reader every call depends on
                log.exception("undecodable message from a front (%d frames)", len(frames))
                continue
            key = (front, message.id)
            if isinstance(message, messages.Cancel):
                task = self.tasks.get(key)
                if task is not None:
                    task.cancel()  # the scheduler marks its item cancelled: its rows leave at the next step
                continue
            task = asyncio.get_running_loop().create_task(self._serve(front, message))
            self.tasks[key] = task
            task.add_done_callback(lambda _, key=key: self.tasks.pop(key, None))

    def _send(self, front: bytes, message) -> None:
        self.socket.send_multipart([front, messages.encode(message)])

    async def _serve(self, front: bytes, message: messages.Submit) -> None:
        try:
            engine = self.models.get(message.model or None, message.version or None)
            o = message.options
            try:
                options = o.decoding_options()
            except ValueError as exc:
                raise InvalidRequest(f"options.{exc}") from exc
            try:
                priority = Priority(message.priority)
            except ValueError as exc:
                raise InvalidRequest(f"priority {message.priority} is not an engine priority class") from exc
            item = WorkItem(engine, message.sources, options, message.deadline,
                            asyncio.get_running_loop().create_future(), enqueued=message.enqueued,
                            priority=priority, client=message.client, prefixes=message.prefixes)
            if message.stream:
                item.on_progress = self._progress(front, message.id)
            results = await self.scheduler.submit(item)
            self._send(front, messages.Result(message.id, [[messages.Hyp(h.tokens, h.score, h.log_prob, h.finished)
                                                            for h in hyps] for hyps in results]))
        except asyncio.CancelledError:
            raise
        except ServiceError as exc:
            self._send(front, messages.Failure(message.id, exc.code.name, str(exc), getattr(exc, "retry_after", None)))
        except InputTooLong as exc:
            self._send(front, messages.Failure(message.id, "INVALID_ARGUMENT", str(exc)))
        except Exception:
            log.exception("request %d of a front failed", message.id)
            self._send(front, messages.Failure(message.id, "INTERNAL", "internal error (logged on the server)"))

    def _progress(self, front: bytes, request_id: int):
        """The scheduler's per-text progress callback, sending one Progress message per loop turn."""
        pending: list[tuple[int, list[int], bool]] = []
        loop = asyncio.get_running_loop()

        def flush() -> None:
            updates = pending.copy()
            pending.clear()
            self._send(front, messages.Progress(request_id, updates))

        def progress(index: int, tokens: list[int], final: bool) -> None:
            if not pending:
                loop.call_soon(flush)
            pending.append((index, list(tokens), final))
        return progress


async def _serve(config, board) -> None:
    await EngineProcess(config, board).serve()  # built on the running loop: gRPC's and ZeroMQ's asyncio objects bind to it


def run(config, board: Board) -> None:
    """The engine process's entry point (multiprocessing, spawn)."""
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # The decode thread gives up the GIL inside every ONNX Runtime call and needs it back right after:
    # with Python's default 5 ms switch interval it would wait behind the event loop for up to 5 ms a step.
    sys.setswitchinterval(config.switch_interval)
    started = time.monotonic()
    die_with_parent()
    try:
        asyncio.run(_serve(config, board))
    except NoModels as exc:
        log.error("%s", exc)
        logging.shutdown()
        os._exit(NO_MODELS)
    except Exception:
        log.exception("the engine failed after %.1f s", time.monotonic() - started)
        logging.shutdown()
        os._exit(1)
    logging.shutdown()
    os._exit(0)
