"""A front's side of the engine: `submit(item)` as the in-process schedulers had it, over ZeroMQ.

Before anything crosses, the front refuses at the door from the load the engine last published (queue
bound, predicted wait against the deadline; service/admission.py, service/board.py), so an overloaded
server sheds calls without the engine hearing of them. What crosses is a `Submit` of token ids; the
engine answers with a `Result` or a `Failure` (its code and message become the same service error
here), and streams `Progress` after each step. A caller that goes away sends `Cancel`: its rows leave
at the engine's next step. When the engine dies, every call it held fails at once with UNAVAILABLE
(`engine_lost`), which clients with a retry policy carry to the restarted engine.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time

import zmq
import zmq.asyncio

from service import messages
from service.admission import Demand, Door
from service.board import Board, Slot
from service.errors import DeadlinePassed, InvalidRequest, NotServing, QueueFull, ServiceError, UnknownModel
from service.messages import Hyp
from service.metrics import ServiceMetrics
from service.work import SchedulerConfig, WorkItem, check_admission

log = logging.getLogger(__name__)

RESTART_HOLD = 10.0  # seconds a new call may wait for a restarting engine before it gets UNAVAILABLE

_ERRORS = {e.code.name: e for e in (InvalidRequest, UnknownModel, QueueFull, DeadlinePassed, NotServing)}


def error_of(failure: messages.Failure) -> ServiceError:
    kind = _ERRORS.get(failure.code, ServiceError)
    if kind in (QueueFull, NotServing):
        return kind(failure.message, retry_after=failure.retry_after)
    return kind(failure.message)


class EngineClient:
    def __init__(self, board: Board, config: SchedulerConfig, metrics: ServiceMetrics, placeholder_beam: int,
                 identity: bytes) -> None:
        self.board, self.config, self.metrics = board, config, metrics
        self.placeholder_beam = placeholder_beam
        self.draining = False
        self.door = Door(metrics, config.max_queue_seconds)
        self._ids = itertools.count(1)
        self._held: dict[int, WorkItem] = {}  # calls the engine holds for this front, by message id
        self._epoch = board[Slot.ENGINE_EPOCH]
        self._context = zmq.asyncio.Context()
        self._socket = self._context.socket(zmq.DEALER)
        self._socket.setsockopt(zmq.IDENTITY, identity)
        self._socket.setsockopt(zmq.LINGER, 0)
        # Nothing queues for an engine that is not there: a send fails at once (UNAVAILABLE), and a restarted
        # engine never receives calls that were answered already.
        self._socket.setsockopt(zmq.IMMEDIATE, 1)
        self._socket.setsockopt(zmq.SNDHWM, 100_000)
        self._socket.setsockopt(zmq.RCVHWM, 100_000)
        self._socket.connect(board.engine_address)
        self._reader: asyncio.Task | None = None
        self._load = board.load_model(config)  # as the engine last published it

    @property
    def held(self) -> int:
        return len(self._held)

    def start(self) -> asyncio.Task:
        """Start reading the engine's answers; the task ends only on a bug (the front then exits)."""
        self._reader = asyncio.get_running_loop().create_task(self._read(), name="engine-replies")
        return self._reader

    def engine_ready(self) -> bool:
        return bool(self.board[Slot.ENGINE_READY]) and self.board[Slot.ENGINE_EPOCH] == self._epoch

    def watch(self) -> None:
        """Called often (the front's watcher): a new engine epoch means the old engine died."""
        epoch = self.board[Slot.ENGINE_EPOCH]
        if epoch != self._epoch:
            self._epoch = epoch
            self.engine_lost()

    def engine_lost(self) -> None:
        if not self._held:
            return
        held, self._held = self._held, {}
        left = self.board.restart_left(time.monotonic())
        log.warning("the engine stopped with %d calls of this front held; they get UNAVAILABLE (retry in %.1f s)",
                    len(held), left)
        for item in held.values():
            if not item.future.done():
                item.future.set_exception(NotServing(
                    f"the translation engine stopped while decoding this request and is restarting; retry in "
                    f"{left:.1f} s", retry_after=left))

    def _demand(self, item: WorkItem) -> Demand:
        """What the engine will estimate for the request (service/engine/iteration_scheduler.py): its texts'
        beams (placeholder coverage widens some), lengths and limits."""
        limit_of, beam = item.options.length_limit, item.options.beam_size
        return self._load.demand(
            ((max(beam, self.placeholder_beam) if item.engine.covers(fills) else beam, len(ids) + 1,
              min(limit_of(len(ids) + 1), item.engine.max_target_tokens))
             for ids, fills in zip(item.sources, item.fills or [()] * len(item.sources)) if ids), item.priority)

    async def _engine_back(self, item: WorkItem) -> None:
        """While the engine restarts, a new call waits for it (at most RESTART_HOLD seconds, and not past its
        deadline): the calls the dead engine held were answered UNAVAILABLE at once, and their retries, as
        new calls, ride through the restart here instead of running out of attempts."""
        started = time.monotonic()
        while not self.engine_ready():
            now = time.monotonic()
            if self.draining or now - started > RESTART_HOLD or (item.deadline is not None and now >= item.deadline):
                left = self.board.restart_left(now)
                raise NotServing(f"the translation engine is restarting, ready in about {left:.1f} s; retry then, or "
                                 "send the request to another replica", retry_after=left)
            await asyncio.sleep(0.02)

    def check_queue(self, deadline: float | None, texts: int) -> None:
        """The cheap half of the door, before the call is tokenized: refuse when the queue ahead alone is over
        its time bound or outlasts the deadline (under overload, most refusals; `_check_door` then adds the
        call's own decoding to the estimate)."""
        if self.draining or not self.engine_ready():
            return  # submit says why, and waits for a restarting engine
        self._load = load = self.board.load_model(self.config)
        pending = int(self.board[Slot.PENDING_TEXTS])
        # Its own work is not known before tokenizing: as much per text as the texts queued now.
        self.door.check(load, Demand(work=texts * load.queued_work / pending if pending else 0.0), deadline, texts,
                        pending)

    def _check_door(self, item: WorkItem) -> None:
        self._load = self.board.load_model(self.config)
        try:
            check_admission(self.draining, int(self.board[Slot.PENDING_TEXTS]), item, self.config)
        except QueueFull:
            self._refused("queue full", item.n_texts)
            raise
        self.door.check(self._load, self._demand(item), item.deadline, item.n_texts,
                        int(self.board[Slot.PENDING_TEXTS]))

    def _refused(self, reason: str, texts: int) -> None:
        self.door.refused(reason, texts, self._load, int(self.board[Slot.PENDING_TEXTS]))

    async def submit(self, item: WorkItem) -> list[list[Hyp]]:
        """The hypotheses of each of the item's sources, from the engine (raises the engine's service errors)."""
        if not any(item.sources):  # nothing to decode: empty texts get one empty hypothesis
            if self.draining:
                raise NotServing("the server is shutting down; send the request to another replica")
            return [[Hyp([], 0.0, 0.0, True)] for _ in item.sources]
        if not self.engine_ready():
            await self._engine_back(item)
        self._check_door(item)
        request_id = next(self._ids)
        message = messages.Submit(request_id, item.engine.name, item.engine.version, item.sources,
                                  messages.Options.of(item.options), item.deadline, item.enqueued,
                                  stream=item.on_progress is not None, priority=int(item.priority),
                                  client=item.client, prefixes=item.prefixes)
        if not self._send(messages.encode(message)):
            raise NotServing("the translation engine is not reachable; retry shortly")
        self._held[request_id] = item
        try:
            return await item.future
        except asyncio.CancelledError:
            if self._held.pop(request_id, None) is not None:
                # the caller went away: its rows leave the running batch at the next step
                self._send(messages.encode(messages.Cancel(request_id)))
            raise
        finally:
            self._held.pop(request_id, None)

    def _send(self, data: bytes) -> bool:
        """Send without waiting; False when no engine is connected (zmq.asyncio reports that on the future)."""
        sent = self._socket.send(data, zmq.NOBLOCK)
        return not (sent.done() and sent.exception() is not None)

    async def _read(self) -> None:
        decode = messages.decode_from_engine
        while True:
            data = await self._socket.recv()
            try:
                message = decode(data)
            except Exception:  # a bug on one side; never let it stop the replies to every other call
                log.exception("undecodable message from the engine (%d bytes)", len(data))
                continue
            item = self._held.get(message.id)
            if item is None or item.future.done():
                continue  # cancelled, or failed when the engine was lost
            try:
                if isinstance(message, messages.Progress):
                    if item.on_progress is not None:
                        for index, tokens, final in message.updates:
                            item.on_progress(index, tokens, final)
                elif isinstance(message, messages.Result):
                    item.future.set_result(message.hypotheses)
                else:
                    item.future.set_exception(error_of(message))
            except Exception as exc:  # a bug fails this call alone; the reader goes on for every other
                log.exception("handling the engine's answer to call %d failed", message.id)
                if not item.future.done():
                    item.future.set_exception(exc)

    async def drain(self, timeout: float) -> bool:
        """Refuse new calls and wait for the held ones to be answered; True if they were."""
        self.draining = True
        end = time.monotonic() + timeout
        while self._held and time.monotonic() < end:
            await asyncio.sleep(0.01)
        return not self._held

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        self._socket.close(0)
        self._context.term()

