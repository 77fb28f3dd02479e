"""Request-level scheduling (`--scheduler static`): whole requests batched and decoded to the end.

The iteration-level scheduler (service/iteration_scheduler.py) is the default; this one stays for
comparison (docs/benchmarks.md). Both share `SchedulerConfig` and `WorkItem`.

Requests wait in groups of compatible work (same model version and decoding options). The group
whose oldest request has waited longest is decoded next, as soon as it holds a full batch or its
oldest request has waited `max_wait_ms`. The queue is bounded in texts (past it: QueueFull); a
request whose deadline passes while it waits is dropped before it is computed (DeadlinePassed); a
cancelled call leaves the queue. Decoding runs on one worker thread (ONNX Runtime parallelises
inside each call), so the event loop keeps answering while a batch computes.

Batches form mostly on their own: while one batch computes, the requests that arrive queue up and
go together as the next. `max_wait_ms` adds a deliberate wait on top when the worker is idle; it is
0 by default (as in Triton) because measured with closed-loop clients it only added latency: one
client 94 → 58 requests/s at 5 ms, and no gain at 8 to 64 clients (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

from service.config import MAX_BEAM_SIZE, DecodingOptions
from service.decoding import Hypothesis
from service.engine import Engine
from service.errors import DeadlinePassed, NotServing, QueueFull
from service.metrics import ServiceMetrics

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SchedulerConfig:
    kind: Literal["iteration", "static"] = "iteration"  # iteration-level batching, or whole requests
    max_batch_sentences: int = 64  # texts decoded together at most
    max_batch_tokens: int = 8192  # source tokens (EOS included) decoded together at most
    max_wait_ms: float = 0.0  # how long the oldest request may wait for others when the worker is idle
    max_queue_texts: int = 4096  # texts waiting at most; past it requests get RESOURCE_EXHAUSTED
    # Iteration-level only: a request whose predicted wait passes this is refused (RESOURCE_EXHAUSTED with a
    # retry hint), and so is one whose deadline comes before its predicted wait and decoding
    # (service/admission.py). The bound in texts above stays as a backstop before anything is measured.
    max_queue_seconds: float = 5.0
    batching: bool = True  # off: every request is decoded alone (for comparison; static only)
    # Iteration-level only: live rows (texts × beams) in the running batch at most, and the attention
    # caches' worst-case size; past either, texts wait to join (a burst of beam-16 requests queues
    # instead of exhausting memory).
    max_rows: int = 256
    max_cache_mb: float = 2048.0
    # While texts decode, waiting ones join together once they are join_ratio of the live texts or the
    # oldest has waited join_max_steps steps (a join costs an encoder call and a cache gather).
    join_ratio: float = 0.25
    join_max_steps: int = 4
    # Texts decode in separate running batches by source length (tokens with EOS): a lane up to each
    # bound, one beyond the last. Every row reads its batch's longest source and output at every
    # step, so a few long texts would otherwise slow every short one.
    length_lanes: tuple[int, ...] = (32,)

    def __post_init__(self) -> None:
        if (min(self.max_batch_sentences, self.max_batch_tokens, self.max_queue_texts) < 1 or self.max_wait_ms < 0
                or self.max_queue_seconds <= 0):
            raise ValueError(f"scheduler limits must be positive: {self}")
        if self.kind not in ("iteration", "static"):
            raise ValueError(f"scheduler kind={self.kind!r}: expected 'iteration' or 'static'")
        if list(self.length_lanes) != sorted(set(self.length_lanes)) or any(b < 1 for b in self.length_lanes):
            raise ValueError(f"length_lanes={self.length_lanes} must be increasing positive token counts")
        if self.join_ratio < 0 or self.join_max_steps < 0:
            raise ValueError(f"join_ratio={self.join_ratio} and join_max_steps={self.join_max_steps} must be >= 0")
        if self.max_rows < MAX_BEAM_SIZE or self.max_cache_mb <= 0:
            raise ValueError(f"max_rows={self.max_rows} must be at least {MAX_BEAM_SIZE} (one text at the widest "
                             f"beam) and max_cache_mb={self.max_cache_mb} positive")


@dataclass(eq=False)
class WorkItem:
    """Everything about one request while the scheduler holds it."""

    engine: Engine
    sources: list[list[int]]  # SentencePiece ids of each text, without EOS
    options: DecodingOptions
    deadline: float | None  # time.monotonic() after which the result is of no use
    future: asyncio.Future
    enqueued: float = field(default_factory=time.monotonic)
    fills: list[tuple[str, ...]] = field(default_factory=list)  # per source: what its placeholders stand for
    # Iteration-level scheduler only:
    # (source index, best tokens so far, final): streaming
    on_progress: Callable[[int, list[int], bool], None] | None = None
    cancelled: bool = False  # the caller went away; set on the event loop, read by the decode thread
    settled: bool = False  # answered (or given up): its waiting texts are dropped uncomputed
    sequences: list = field(default_factory=list)  # one service.sequence.Sequence per text

    @property
    def group(self) -> tuple[str, int, DecodingOptions]:
        return self.engine.name, self.engine.version, self.options

    @property
    def n_texts(self) -> int:
        return len(self.sources)

    @property
    def n_tokens(self) -> int:
        return sum(len(s) + 1 for s in self.sources)


def check_admission(draining: bool, pending_texts: int, item: WorkItem, config: SchedulerConfig) -> None:
    """Refuse a request at the door: UNAVAILABLE while draining, RESOURCE_EXHAUSTED past the queue bound."""
    if draining:
        raise NotServing("the server is shutting down; send the request to another replica")
    if pending_texts + item.n_texts > config.max_queue_texts:
        raise QueueFull(f"the queue holds {pending_texts} texts; {item.n_texts} more would pass its limit "
                        f"of {config.max_queue_texts}; retry later")


class Scheduler:
    def __init__(self, config: SchedulerConfig, metrics: ServiceMetrics) -> None:
        self.config = config
        self.metrics = metrics
        self.groups: OrderedDict[tuple, deque[WorkItem]] = OrderedDict()
        self.pending_texts = 0
        self.in_flight = 0  # items being decoded now
        self.draining = False
        self._wakeup = asyncio.Event()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decode")
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="scheduler")

    async def submit(self, item: WorkItem) -> list[list[Hypothesis]]:
        check_admission(self.draining, self.pending_texts, item, self.config)
        self.groups.setdefault(item.group, deque()).append(item)
        self._count(item.n_texts)
        self._wakeup.set()
        try:
            return await item.future
        except asyncio.CancelledError:
            self._withdraw(item)  # the caller went away: its texts leave the queue uncomputed
            raise

    async def drain(self, timeout: float) -> bool:
        """Refuse new work and wait for the queued and running work to finish; True if it did."""
        self.draining = True
        self._wakeup.set()
        end = time.monotonic() + timeout
        while (self.pending_texts or self.in_flight) and time.monotonic() < end:
            await asyncio.sleep(0.01)
        return not (self.pending_texts or self.in_flight)

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _count(self, delta: int) -> None:
        self.pending_texts += delta
        self.metrics.queue_depth.set(self.pending_texts)

    def _withdraw(self, item: WorkItem) -> None:
        queue = self.groups.get(item.group)
        if queue is not None and item in queue:
            queue.remove(item)
            self._count(-item.n_texts)
            if not queue:
                del self.groups[item.group]

    def _oldest_group(self) -> tuple[tuple, deque[WorkItem]]:
        return min(self.groups.items(), key=lambda kv: kv[1][0].enqueued)

    async def _run(self) -> None:
        while True:
            if not self.groups:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            key, queue = self._oldest_group()
            waited = time.monotonic() - queue[0].enqueued
            texts = sum(i.n_texts for i in queue)
            wait_left = self.config.max_wait_ms / 1000 - waited
            if self.config.batching and texts < self.config.max_batch_sentences and wait_left > 0 and not self.draining:
                self._wakeup.clear()  # let others join the batch, but not past the oldest one's wait
                try:
                    await asyncio.wait_for(self._wakeup.wait(), wait_left)
                except TimeoutError:
                    pass
                continue
            items = self._take(key, queue)
            try:
                await self._decode(items)
            except Exception as exc:  # a bug in decoding must fail these requests, not the scheduler
                log.exception("decoding a batch failed")
                for item in items:
                    if not item.future.done():
                        item.future.set_exception(exc)

    def _take(self, key: tuple, queue: deque[WorkItem]) -> list[WorkItem]:
        """Pop the requests of the next batch: whole requests, oldest first, within the budgets (a
        request larger than a batch goes alone; the engine splits it)."""
        items: list[WorkItem] = []
        texts = tokens = 0
        while queue:
            item = queue[0]
            if items and (not self.config.batching or texts + item.n_texts > self.config.max_batch_sentences
                          or tokens + item.n_tokens > self.config.max_batch_tokens):
                break
            items.append(queue.popleft())
            texts, tokens = texts + item.n_texts, tokens + item.n_tokens
        if not queue:
            del self.groups[key]
        self._count(-texts)
        return items

    async def _decode(self, items: list[WorkItem]) -> None:
        now = time.monotonic()
        live = []
        for item in items:
            if item.future.done():  # cancelled while queued
                continue
            self.metrics.queue_duration.labels(item.engine.name, str(item.engine.version)).observe(now - item.enqueued)
            if item.deadline is not None and now >= item.deadline:
                item.future.set_exception(DeadlinePassed(
                    f"the deadline passed after {now - item.enqueued:.3f} s in the queue, before decoding"))
                continue
            live.append(item)
        if not live:
            return
        engine, options = live[0].engine, live[0].options
        sources = [s for item in live for s in item.sources]
        labels = (engine.name, str(engine.version), "greedy" if options.beam_size == 1 else "beam")
        self.metrics.batch_sentences.labels(*labels).observe(len(sources))
        self.metrics.batch_tokens.labels(*labels).observe(sum(len(s) + 1 for s in sources))
        self.in_flight += len(live)
        started = time.monotonic()
        try:
            results = await asyncio.get_running_loop().run_in_executor(
                self._executor, engine.translate_ids, sources, options)
        finally:
            self.in_flight -= len(live)
        self.metrics.inference_duration.labels(*labels).observe(time.monotonic() - started)
        start = 0
        for item in live:
            if not item.future.done():
                item.future.set_result(results[start: start + item.n_texts])
            start += item.n_texts
