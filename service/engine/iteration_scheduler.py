"""Iteration-level scheduling: the decoding step, not the request, is the unit of work.

One decode thread owns a running batch per model version (service/engine/running_batch.py) and loops:
1. texts whose caller has gone (cancelled) or whose deadline has passed leave, waiting or running:
   their rows stop costing compute at the next step, and the caller gets DEADLINE_EXCEEDED;
2. waiting texts join in fair order (service/engine/fair_queue.py: interactive before batch class, and
   within a class the flow, a client or a request, that has received the least service first; a text
   that has waited long enough before everything) while the caps on live rows (`max_rows`), on one
   flow's rows (`max_rows - reserve_rows`) and on the attention caches' worst-case size (`max_cache_mb`)
   allow and the joiners' encoder pass stays within `max_batch_tokens`. Admission stops at the first
   text that does not fit the batch (head-of-line), so a stream of short requests can never starve a
   long or wide one: it joins as soon as room frees up;
3. one decoder step of every non-empty batch (batches are per model version, length lane and priority
   class; while interactive rows decode, batch-class batches wait between their steps, keeping
   `batch_share` of the decoding time); texts that finished leave, and a request is answered as soon as its last text is done.

The event loop only enqueues, flags cancellations and receives results (call_soon_threadsafe), so it
keeps answering while the thread computes; ONNX Runtime parallelises inside each step.

At the door, a request that the queue cannot serve before its deadline (or within `max_queue_seconds`)
is refused at once with a retry hint, from the step rate the decode thread measures
(service/admission.py); texts whose caller went away or whose deadline passed leave the queue within
5 ms, uncomputed.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from service.engine.decoding import Hypothesis
from service.engine.engine import Engine
from service.engine.fair_queue import FairQueue
from service.admission import Demand, Door, LoadModel
from service.errors import DeadlinePassed, QueueFull, ServiceError
from service.metrics import ServiceMetrics
from service.engine.running_batch import RunningBatch
from service.work import Priority, SchedulerConfig, WorkItem, check_admission
from service.engine.sequence import Sequence

log = logging.getLogger(__name__)


class ProgressRelay:
    """Hands a streaming request's per-step progress from the decode thread to the event loop, coalesced:
    however many steps pass before the loop gets to it, one callback carries each text's latest tokens
    and whether they are its final ones
    (one callback per text and step cost the loop a third of its time under overload)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, deliver: Callable[[int, list[int], bool], None]) -> None:
        self._loop, self._deliver = loop, deliver
        self._latest: dict[int, tuple[list[int], bool]] = {}
        self._lock = threading.Lock()

    def reporter(self, index: int) -> Callable[[Sequence], None]:
        def report(sequence: Sequence) -> None:  # on the decode thread
            # A finished text reports its best hypothesis once, so that a document's next sentence can show.
            latest = (sequence.result()[0].tokens, True) if sequence.done else (sequence.best_prefix, False)
            with self._lock:
                scheduled = bool(self._latest)
                self._latest[index] = latest
            if not scheduled:
                self._loop.call_soon_threadsafe(self._flush)
        return report

    def _flush(self) -> None:
        with self._lock:
            latest, self._latest = self._latest, {}
        for index in sorted(latest):
            self._deliver(index, *latest[index])


@dataclass(frozen=True)
class BatchKey:
    engine: Engine
    lane: int  # index into config.length_lanes
    priority: Priority


MAX_CLIENT_LABELS = 64  # distinct client ids counted by name in metrics; the rest as "other"


class IterationScheduler:
    def __init__(self, config: SchedulerConfig, metrics: ServiceMetrics) -> None:
        self.config, self.metrics = config, metrics
        self.draining = False
        self._lock = threading.Lock()  # guards _queue and pending_texts
        self._queue = FairQueue(config.aging_passes)  # texts waiting to join
        self.pending_texts = 0
        self._items: set[WorkItem] = set()  # requests with texts waiting or decoding (decode thread only)
        self._remaining: dict[WorkItem, int] = {}  # texts of a request not yet done
        # One running batch per model version, length lane and priority class: every row reads the attention
        # keys of its batch's longest source and output, so long texts decode beside each other, not beside
        # short ones; and a batch-class batch can pause while interactive rows decode.
        self._batches: dict[BatchKey, RunningBatch] = {}
        self._class_rows = [0 for _ in Priority]  # live rows per priority class
        self._batch_stepped = 0.0  # time.monotonic() at the end of the batch class's last step
        self._batch_step_seconds = 0.0  # how long it took
        self._client_labels: set[str] = set()
        self._reserved = 0  # worst-case cache bytes of the live texts
        self._next_queue_scan = 0.0
        self._waited_steps = 0  # steps the waiting texts have been held back to join together
        self.load = LoadModel(config.max_rows, config.flow_rows, config.batch_share)
        self.door = Door(metrics, config.max_queue_seconds)
        self.shed = self.door.log
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        # Where the load goes after every pass besides metrics (the engine process: the shared board, which
        # the fronts read to refuse at the door), and a pause after every step (tests of streaming).
        self.on_publish: Callable[[LoadModel, int], None] | None = None
        self.step_delay = 0.0

    # ---- event-loop side ---------------------------------------------------------------------------

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._thread = threading.Thread(target=self._run, name="decode", daemon=True)
        self._thread.start()
        c = self.config
        log.info("iteration-level batching: at most %d live rows and %.0f MiB of attention caches, length lanes %s, "
                 "queue of %d texts", c.max_rows, c.max_cache_mb, list(c.length_lanes) or "none", c.max_queue_texts)

    async def submit(self, item: WorkItem) -> list[list[Hypothesis]]:
        try:
            check_admission(self.draining, self.pending_texts, item, self.config)
        except QueueFull:
            self._refused("queue full", item.n_texts)
            raise
        sequences = [item.engine.sequence(ids, item.options, owner=item, draw=i,
                                          prefix=item.prefixes[i] if item.prefixes else ())
                     for i, ids in enumerate(item.sources)]
        item.sequences = sequences
        waiting = [s for s in sequences if s.source]  # empty texts need no model call
        if not waiting:
            return [s.result() for s in sequences]
        for s in waiting:
            s.work = s.beam_size * self.load.steps(s.source_tokens, s.limit)
        self._check_time(item, waiting)
        interactive = item.priority == Priority.INTERACTIVE
        if item.on_progress is not None:
            relay = ProgressRelay(self._loop, item.on_progress)
            for index, s in enumerate(sequences):
                s.on_step = relay.reporter(index)
        with self._lock:
            self._queue.push(waiting, item.priority, item.client, item)
            self._count(len(waiting))
            self.load.queued_work += sum(s.work for s in waiting)
            self.load.queued_rows += sum(s.beam_size for s in waiting)
            if interactive:
                self.load.queued_interactive_work += sum(s.work for s in waiting)
                self.load.queued_interactive_rows += sum(s.beam_size for s in waiting)
        self._wake.set()
        try:
            return await item.future
        except asyncio.CancelledError:
            item.cancelled = True  # its texts leave at the next step boundary, waiting or running
            self._wake.set()
            raise

    def _demand(self, item: WorkItem, texts: list[Sequence]) -> Demand:
        return self.load.demand(((s.beam_size, s.source_tokens, s.limit) for s in texts), item.priority)

    def _check_time(self, item: WorkItem, waiting: list[Sequence]) -> None:
        """Refuse a request the queue cannot serve in time (QueueFull with a retry hint)."""
        self.door.check(self.load, self._demand(item, waiting), item.deadline, item.n_texts, self.pending_texts)

    def _refused(self, reason: str, texts: int) -> None:
        self.door.refused(reason, texts, self.load, self.pending_texts)

    async def drain(self, timeout: float) -> bool:
        """Refuse new work and wait for the queued and running work to finish; True if it did."""
        self.draining = True
        end = time.monotonic() + timeout
        while (self.pending_texts or self._items or len(self._queue)) and time.monotonic() < end:
            await asyncio.sleep(0.01)
        return not (self.pending_texts or self._items or len(self._queue))

    async def close(self) -> None:
        self._stop = True
        self._wake.set()
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 5.0)

    def _count(self, delta: int) -> None:
        self.pending_texts += delta
        self.metrics.queue_depth.set(self.pending_texts)

    # ---- decode thread -----------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop:
            try:
                started = time.monotonic()
                self._expel(started)
                self._admit()
                live = self._stepping()
                if not live:
                    self.shed.maybe_log(self.load, self.pending_texts)
                    self._wake.wait(0.5)
                    self._wake.clear()
                    continue
                seconds, rows = [0.0 for _ in Priority], [0 for _ in Priority]  # per class, this pass
                for key, batch in live:
                    rows[key.priority] += batch.rows
                    step_started = time.monotonic()
                    self._step(key, batch)
                    seconds[key.priority] += time.monotonic() - step_started
                if seconds[Priority.BATCH]:
                    self._batch_stepped, self._batch_step_seconds = time.monotonic(), seconds[Priority.BATCH]
                self._queue.passes += 1
                for priority in Priority:  # each class's step time is fitted on its own steps
                    self.load.observe_pass(rows[priority], seconds[priority], priority)
            except Exception as exc:  # a bug must fail the requests it touched, not stop the thread
                log.exception("the decode loop failed; failing the requests in flight")
                self._fail_everything(exc)
            self._publish()

    def _bound(self, s: Sequence, engine: Engine) -> int:
        """Worst-case cache bytes of one text: keys and values of every decoder layer for its source
        (cross-attention) and its output limit (self-attention), per beam."""
        model = engine.manifest.model
        per_token = 2 * int(model["n_decoder_layers"]) * int(model["d_model"]) * 4
        return s.beam_size * (2 * s.source_tokens + s.limit) * per_token  # sources sit in capacity buffers

    def _stepping(self) -> list[tuple[BatchKey, RunningBatch]]:
        """The batches this pass steps: every live one, except that batch-class batches wait while
        interactive rows decode, for as long as keeps them `batch_share` of the decoding time (a step of a
        wide bulk batch takes 5-40 ms here, a short request's steps 1-2 ms: a short request passes between
        two bulk steps, and a stream of them still leaves the bulk its share)."""
        live = [(key, batch) for key, batch in self._batches.items() if batch.rows]
        if not self._class_rows[Priority.BATCH] or self._batch_due():
            return live
        return [(key, batch) for key, batch in live if key.priority == Priority.INTERACTIVE]

    def _batch_due(self) -> bool:
        """Whether the batch class may use the engine now: no interactive rows decode, or it has waited as
        long as keeps it `batch_share` of the time. Its joins (encoder passes) wait for it too."""
        if not self._class_rows[Priority.INTERACTIVE]:
            return True
        pause = self._batch_step_seconds * (1 / self.config.batch_share - 1)
        return time.monotonic() - self._batch_stepped >= pause

    def _worth_joining(self, live_texts: int) -> bool:
        """Joining costs an encoder call and a gather of the cache, whoever joins; so while texts are
        decoding, newcomers join together: once they are `join_ratio` of the live texts, or once the
        oldest has waited `join_max_steps` steps (as TGI's waiting_served_ratio and max_waiting_tokens); but
        at once when a class has texts waiting and none decoding (a short interactive request beside a
        bulk batch: there is no company of its class to wait for, and four steps of the bulk batch are long)."""
        if not live_texts or self._waited_steps >= self.config.join_max_steps:
            return True
        if len(self._queue) >= self.config.join_ratio * live_texts:
            return True
        return any(waiting and not self._class_rows[c] for c, waiting in enumerate(self._queue.waiting_flows))

    def _admit(self) -> None:
        rows = sum(self._class_rows)
        if not len(self._queue):
            return
        if not self._worth_joining(sum(len(b.sequences) for b in self._batches.values())):
            self._waited_steps += 1
            return
        self._waited_steps = 0
        joining: dict[BatchKey, list[Sequence]] = {}
        source_tokens = 0
        cap_bytes = self.config.max_cache_mb * 2 ** 20
        flow_cap = self.config.flow_rows  # per flow, and for the batch class in all
        # While rows decode, one flow's joiners read at most max_join_tokens per pass: a bulk request's long
        # encoder pass would stall every live row (many flows' short texts still join together).
        flow_tokens: dict[object, int] = {} if rows else None
        batch_due = self._batch_due()
        now = time.monotonic()
        doomed: set[WorkItem] = set()
        with self._lock:
            for s in self._queue.candidates():
                item: WorkItem = s.owner
                if item.settled or item.cancelled:  # answered (expired) or gone: drop uncomputed
                    self._unqueue(s)
                    continue
                if item in doomed or (item not in self._items and self._too_late(s, now)):
                    doomed.add(item)  # it waited too long to finish now: computing it would only slow the rest
                    self._unqueue(s)
                    continue
                if s.flow.rows + s.beam_size > flow_cap:
                    self._queue.skip_flow()  # its fair share is full; others may still join
                    continue
                if item.priority == Priority.BATCH and (self._class_rows[Priority.BATCH] + s.beam_size > flow_cap
                                                        or not batch_due):
                    self._queue.skip_class()  # at its cap, or its time share is used up
                    continue
                if flow_tokens is not None:
                    taken = flow_tokens.get(s.flow, 0)
                    if taken and taken + s.source_tokens > self.config.max_join_tokens:
                        self._queue.skip_flow()  # the rest of this flow joins at the next passes
                        continue
                    flow_tokens[s.flow] = taken + s.source_tokens
                bound = self._bound(s, item.engine)
                anything = rows or joining
                if anything and (rows + s.beam_size > self.config.max_rows or self._reserved + bound > cap_bytes
                                 or source_tokens + s.source_tokens > self.config.max_batch_tokens):
                    break  # head-of-line: nobody overtakes the next text in fair order
                self._unqueue(s, joins=True)
                rows += s.beam_size
                self._class_rows[item.priority] += s.beam_size
                source_tokens += s.source_tokens
                self._reserved += bound
                s.lane = bisect.bisect_left(self.config.length_lanes, s.source_tokens)
                joining.setdefault(BatchKey(item.engine, s.lane, item.priority), []).append(s)
                if item not in self._items:
                    self._items.add(item)
                    self._remaining[item] = sum(1 for x in item.sequences if x.source)
                    waited = now - item.enqueued
                    self.metrics.queue_duration.labels(item.engine.name, str(item.engine.version)).observe(waited)
                    self.metrics.join_wait.labels(item.priority.name.lower()).observe(waited)
        for item in doomed:
            self.shed.note("would not finish in time", item.n_texts)
            self._settle(item, DeadlinePassed(f"the request could not finish before its deadline: it waited "
                                              f"{now - item.enqueued:.3f} s in the queue and was stopped before "
                                              "decoding"))
        for key, sequences in joining.items():
            batch = self._batches.get(key)
            if batch is None:
                batch = self._batches[key] = key.engine.running_batch()
            join_started = time.monotonic()
            batch.join(sequences)
            self.load.observe_join(sum(s.source_tokens for s in sequences), time.monotonic() - join_started)
            self.metrics.rows_joined.labels(key.engine.name, str(key.engine.version)).inc(
                sum(s.beam_size for s in sequences))

    def _too_late(self, s: Sequence, now: float) -> bool:
        """Whether a request whose first text is about to join cannot finish before its deadline (all its
        texts estimated, as at the door, in the batch of its class as it is now). Checked before any of its
        texts joins, so a request is dropped whole or not at all."""
        item: WorkItem = s.owner
        if item.deadline is None or not self.load.measured:
            return False
        demand = self._demand(item, [x for x in item.sequences if x.source])
        return now + self.load.decoding(self._class_rows[item.priority] + demand.rows, demand) > item.deadline

    def _step(self, key: BatchKey, batch: RunningBatch) -> None:
        engine = key.engine
        labels = (engine.name, str(engine.version))
        fresh = [s for s in batch.sequences if s.step == 0]
        started = time.monotonic()
        rows = batch.rows
        report = batch.step()
        if self.step_delay:
            time.sleep(self.step_delay)
        now = time.monotonic()
        self.metrics.step_duration.labels(*labels).observe(now - started)
        self.metrics.step_rows.labels(*labels).observe(rows)
        for s in fresh:
            self.metrics.time_to_first_token.labels(engine.name).observe(now - s.owner.enqueued)
        self._leave(engine, report.finished, "finished")
        for s in report.finished:
            if not s.options.min_length:  # a length forced by min_length says nothing of how long outputs run
                self.load.observe_finished(s.source_tokens, s.step)
            item: WorkItem = s.owner
            self._remaining[item] -= 1
            if not self._remaining[item]:
                self._settle(item, [x.result() for x in item.sequences])

    def _expel(self, now: float) -> None:
        """Requests whose caller went away or whose deadline passed leave: their rows at once."""
        for item in [i for i in self._items if i.cancelled or (i.deadline is not None and now >= i.deadline)]:
            running = [s for s in item.sequences if s.slots is not None]
            self._leave(item.engine, running, "cancelled" if item.cancelled else "expired")
            if not item.cancelled:
                done = sum(1 for s in item.sequences if s.done)
                self._settle(item, DeadlinePassed(
                    f"the deadline passed after {now - item.enqueued:.3f} s, with {done} of {item.n_texts} texts "
                    "translated; the rest was stopped"))
            else:
                self._forget(item)
        # Waiting texts whose caller went away or whose deadline passed leave the queue uncomputed (and stop
        # counting in the admission estimate); the expired ones are answered now.
        if now < self._next_queue_scan:
            return
        self._next_queue_scan = now + 0.005  # the queue may be long: a scan every 5 ms is enough

        def gone(item: WorkItem) -> bool:
            return item.settled or item.cancelled or (item.deadline is not None and now >= item.deadline)

        with self._lock:  # one pass: the queue may be long and submit() waits on the lock
            leaving = self._queue.remove_where(lambda s: gone(s.owner))
            for s in leaving:
                self._unqueue(s, dropped=False)
        # (a request with texts decoding was answered above: here only the ones still wholly queued)
        for item in {s.owner for s in leaving if not (s.owner.settled or s.owner.cancelled)}:
            self.shed.note("expired in the queue", item.n_texts)
            self._settle(item, DeadlinePassed(f"the deadline passed after {now - item.enqueued:.3f} s in the queue, "
                                              "before decoding"))

    def _unqueue(self, s: Sequence, joins: bool = False, dropped: bool = True) -> None:
        """A text leaves the queue, to join or dropped (`dropped=False`: the queue has let it go); under
        self._lock."""
        if joins:
            self._queue.take(s)
        elif dropped:
            self._queue.drop(s)
        self._count(-1)
        self.load.queued_work -= s.work
        self.load.queued_rows -= s.beam_size
        if s.owner.priority == Priority.INTERACTIVE:
            self.load.queued_interactive_work -= s.work
            self.load.queued_interactive_rows -= s.beam_size

    def _leave(self, engine: Engine, sequences: list[Sequence], reason: str) -> None:
        if not sequences:
            return
        by_batch: dict[BatchKey, list[Sequence]] = {}
        for s in sequences:
            by_batch.setdefault(BatchKey(engine, s.lane, s.owner.priority), []).append(s)
        for key, leaving in by_batch.items():
            self._batches[key].leave(leaving)
        self._reserved -= sum(self._bound(s, engine) for s in sequences)
        served: dict[tuple[Priority, str], int] = {}
        with self._lock:
            for s in sequences:
                self._class_rows[s.owner.priority] -= s.beam_size
                key = (s.owner.priority, s.flow.client)
                served[key] = served.get(key, 0) + self._queue.left(s)
        for (priority, client), taken in served.items():
            self.metrics.service_row_steps.labels(priority.name.lower(), self._client_label(client)).inc(taken)
        self.metrics.rows_left.labels(engine.name, str(engine.version), reason).inc(sum(s.beam_size for s in sequences))
        self._publish()  # before the caller can hear of it

    def _settle(self, item: WorkItem, outcome: list[list[Hypothesis]] | ServiceError | Exception) -> None:
        """Answer a request (from the decode thread) and forget it."""
        item.settled = True
        self._forget(item)

        def answer() -> None:
            if item.future.done():
                return
            if isinstance(outcome, Exception):
                item.future.set_exception(outcome)
            else:
                item.future.set_result(outcome)
        self._loop.call_soon_threadsafe(answer)

    def _forget(self, item: WorkItem) -> None:
        self._items.discard(item)
        self._remaining.pop(item, None)

    def _fail_everything(self, exc: Exception) -> None:
        for key, batch in self._batches.items():
            self._leave(key.engine, list(batch.sequences), "failed")
        self._batches.clear()
        self._reserved = 0
        for item in list(self._items):
            self._settle(item, exc)

    def _client_label(self, client: str) -> str:
        """A client id as a metrics label: the first MAX_CLIENT_LABELS by name, the rest as "other"."""
        if not client or client in self._client_labels:
            return client
        if len(self._client_labels) < MAX_CLIENT_LABELS:
            self._client_labels.add(client)
            return client
        return "other"

    def _publish(self) -> None:
        self.load.live_rows = rows = sum(b.rows for b in self._batches.values())
        self.load.waiting_flows = list(self._queue.waiting_flows)
        self.load.live_batch_rows = self._class_rows[Priority.BATCH]
        if self.on_publish is not None:
            self.on_publish(self.load, self.pending_texts)
        self.metrics.live_rows.set(rows)
        estimate = self.load.estimate(Demand())
        self.metrics.queue_wait.set(estimate.wait if estimate else 0.0)
        self.metrics.cache_bytes.set(sum(b.cache_bytes for b in self._batches.values()))
