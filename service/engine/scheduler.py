"""Request-level scheduling (`--scheduler static`): whole requests batched and decoded to the end.

The iteration-level scheduler (service/engine/iteration_scheduler.py) is the default; this one stays for
comparison (docs/benchmarks.md). Both share `SchedulerConfig` and `WorkItem` (service/work.py).

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
from concurrent.futures import ThreadPoolExecutor

from service.engine.decoding import Hypothesis
from service.errors import DeadlinePassed
from service.metrics import ServiceMetrics
from service.work import SchedulerConfig, WorkItem, check_admission

log = logging.getLogger(__name__)


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
                self._executor, engine.translate_ids, sources, options,
                [p for item in live for p in (item.prefixes or [[]] * item.n_texts)],
                [i for item in live for i in range(item.n_texts)])
        finally:
            self.in_flight -= len(live)
        self.metrics.inference_duration.labels(*labels).observe(time.monotonic() - started)
        start = 0
        for item in live:
            if not item.future.done():
                item.future.set_result(results[start: start + item.n_texts])
            start += item.n_texts
