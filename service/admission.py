"""Admission control: refuse at the door the work that cannot finish in time.

Under overload a queue of work that will expire only delays the work that could finish: measured at
10x capacity with 2 s deadlines, a queue bounded only in texts held 20 s of work and 3 % of the
calls came back OK. So the iteration-level scheduler measures, as it decodes:

- the time of one decode pass (every lane steps once: how long one step of a text takes) against the
  live rows, as a line fitted over recent passes, one per priority class (the batch class's wide,
  long rows cost more per row), of the steps alone (joins are timed apart);
- the encoder's time per source token of joining texts;
- `steps_per_token`: generated steps per source token (EWMA over finished texts),

and predicts for a new request (`Demand`: its texts after segmentation, with their beams and length
limits) its wait (the row-steps queued ahead of it in its priority class and fair order, at the full
batch's rate, when the running batch is full) and its own decoding: its encoder pass, then its longest
text's expected steps x the pass time of the batch it will join, or, when its rows do not fit at once
(a bulk request), its row-steps at the rate of the rows one flow may hold.
A request whose deadline comes before `wait + decoding`, or whose wait passes the queue's time bound,
is refused at once with RESOURCE_EXHAUSTED and a retry hint; until the first steps are measured
everything is admitted. `python -m bench.estimates` prints predicted against actual times.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from service.errors import DeadlinePassed, QueueFull, ServiceError
from service.work import Priority

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Estimate:
    wait: float  # seconds before the request's texts join the running batch
    decoding: float  # seconds from joining to its last text's end

    @property
    def total(self) -> float:
        return self.wait + self.decoding


@dataclass(frozen=True)
class Demand:
    """What a request asks of the running batch (its non-empty texts after segmentation)."""

    rows: int = 1  # beams of all its texts
    steps: float = 0.0  # expected steps of its longest text
    work: float = 0.0  # expected row-steps of all its texts
    tokens: int = 0  # source tokens (with EOS) its encoder pass reads
    priority: Priority = Priority.INTERACTIVE


class LoadModel:
    """What the decode thread measures and the event loop reads (floats: a torn read is harmless)."""

    def __init__(self, max_rows: int, flow_rows: int | None = None, batch_share: float = 1.0, smoothing: float = 0.05,
                 steps_per_token: float = 1.3, join_seconds_per_token: float = 50e-6) -> None:
        self.max_rows = max_rows
        self.flow_rows = flow_rows or max_rows  # rows one flow (and the batch class) may hold
        self.batch_share = batch_share  # of the decoding time the batch class keeps beside interactive rows
        self.smoothing = smoothing
        # Pass time against live rows, fitted by least squares with exponential forgetting: the moments
        # E[r], E[t], E[r^2], E[r t] of recent passes. A pass costs a fixed part (per-call overhead, the
        # Python around it) and a part per row; a fit, not one average, because the estimate must hold
        # for the batch the request will join, not the one that ran last (after a spike, an average
        # of the full batch's passes would refuse everything on an idle server, and nothing would run
        # to correct it).
        self.moments: list[float] | None = None  # the interactive class's steps
        self.batch_moments: list[float] | None = None  # the batch class's: its long, wide rows cost more per row
        self.steps_per_token = steps_per_token  # a prior until texts finish: our models' outputs run ~1.2x
        self.join_seconds_per_token = join_seconds_per_token  # the encoder's, a prior until joins are timed
        self.live_rows = 0
        self.live_batch_rows = 0  # ... of the batch class
        self.queued_work = 0.0  # row-steps of the texts waiting to join (updated under the scheduler's lock)
        self.queued_rows = 0
        self.queued_interactive_work = 0.0  # ... of the interactive class's
        self.queued_interactive_rows = 0
        self.waiting_flows = [0 for _ in Priority]  # flows with texts waiting, per class

    # ---- decode thread ----
    def observe_pass(self, rows: int, seconds: float, priority: Priority = Priority.INTERACTIVE) -> None:
        """One pass's steps of one class's batches: `rows` rows in `seconds`."""
        if rows <= 0 or seconds <= 0:
            return
        sample = [rows, seconds, rows * rows, rows * seconds]
        moments = self.moments if priority == Priority.INTERACTIVE else self.batch_moments
        if moments is not None:
            a = self.smoothing
            sample = [m + a * (x - m) for m, x in zip(moments, sample)]
        if priority == Priority.INTERACTIVE:
            self.moments = sample
        else:
            self.batch_moments = sample

    def observe_finished(self, source_tokens: int, steps: int) -> None:
        self.steps_per_token += self.smoothing * (steps / source_tokens - self.steps_per_token)

    def observe_join(self, tokens: int, seconds: float) -> None:
        if tokens > 0:
            self.join_seconds_per_token += self.smoothing * (seconds / tokens - self.join_seconds_per_token)

    # ---- both ----
    @property
    def measured(self) -> bool:
        return self.moments is not None or self.batch_moments is not None

    def pass_seconds(self, rows: int, priority: Priority = Priority.INTERACTIVE) -> float:
        """Predicted time of one step of `rows` rows of a class (fitted on that class's steps, or on the other
        class's until it has some)."""
        own, other = (self.moments, self.batch_moments) if priority == Priority.INTERACTIVE else \
            (self.batch_moments, self.moments)
        r, t, rr, rt = own if own is not None else other
        variance = rr - r * r
        slope = max(0.0, (rt - r * t) / variance) if variance > 1e-9 * rr else t / r  # one batch size seen so far
        intercept = max(0.0, t - slope * r)
        return max(1e-6, intercept + slope * rows)

    def steps(self, source_tokens: int, limit: int) -> float:
        """Expected steps of one text (at most its length limit)."""
        return min(float(limit), self.steps_per_token * source_tokens + 1.0)

    def demand(self, texts: Iterable[tuple[int, int, int]], priority: Priority = Priority.INTERACTIVE) -> Demand:
        """A request's demand from (beam size, source tokens with EOS, length limit) of each non-empty text."""
        rows, steps, work, tokens = 0, 0.0, 0.0, 0
        for beam, source_tokens, limit in texts:
            text_steps = self.steps(source_tokens, limit)
            rows, steps, work, tokens = (rows + beam, max(steps, text_steps), work + beam * text_steps,
                                         tokens + source_tokens)
        return Demand(rows, steps, work, tokens, priority)

    def step_seconds(self, demand: Demand, batch_rows: int) -> float:
        """Wall time between two steps of `demand`'s texts in a batch of `batch_rows` rows of its class (itself
        included): its batch's step, and the other class's steps between two of its own. An interactive
        batch lets the batch class keep `batch_share` of the time; a batch-class one waits that much for
        the interactive rows."""
        own = self.pass_seconds(min(self.max_rows, batch_rows), demand.priority)
        share = self.batch_share
        if demand.priority == Priority.INTERACTIVE:
            if not self.live_batch_rows:
                return own
            other = self.pass_seconds(self.live_batch_rows, Priority.BATCH)
            return own + (other if share >= 1 else min(other, own * share / (1 - share)))
        interactive = self.live_rows - self.live_batch_rows
        if not interactive:
            return own
        return own + max(self.pass_seconds(interactive), own * (1 - share) / share)

    def decoding(self, batch_rows: int, demand: Demand) -> float:
        """Seconds to encode and decode `demand` in a batch of `batch_rows` rows of its class (itself
        included): its longest text's steps, or, when its rows do not fit at once, its row-steps at the
        rate of the rows one flow may hold."""
        passes = demand.steps
        if demand.rows > self.flow_rows:
            passes = max(passes, demand.work / self.flow_rows)
        return passes * self.step_seconds(demand, batch_rows) + demand.tokens * self.join_seconds_per_token

    def class_rows(self, demand: Demand) -> int:
        """Rows live and queued in `demand`'s class (and, for the batch class, ahead of it), itself excluded."""
        if demand.priority == Priority.INTERACTIVE:
            return self.live_rows - self.live_batch_rows + self.queued_interactive_rows
        return self.live_batch_rows + self.queued_rows - self.queued_interactive_rows

    def estimate(self, demand: Demand) -> Estimate | None:
        """None before any measurement. A request waits while the running batch is full: for the row-steps
        queued ahead of it at the full batch's rate. Ahead of it: its class's queued work (and, for the
        batch class, the interactive class's), of which fair order serves each other waiting flow about
        as much as the request itself before it. Then it decodes in a batch of everything live and queued,
        itself included."""
        if not self.measured:
            return None
        if demand.priority == Priority.INTERACTIVE:
            ahead_rows = self.live_rows + self.queued_interactive_rows
            queued, flows = self.queued_interactive_work, self.waiting_flows[Priority.INTERACTIVE]
        else:
            ahead_rows = self.live_rows + self.queued_rows
            queued, flows = self.queued_work, sum(self.waiting_flows)
        wait = 0.0
        if ahead_rows + demand.rows > self.max_rows:
            ahead = min(queued, flows * max(demand.work, 1.0))
            wait = ahead * self.pass_seconds(self.max_rows, demand.priority) / self.max_rows
        return Estimate(wait, self.decoding(self.class_rows(demand) + demand.rows, demand))


def refusal(load: LoadModel, max_queue_seconds: float, demand: Demand, deadline: float | None,
            now: float) -> tuple[str, ServiceError] | None:
    """Why a request cannot be served in time (the reason counted in metrics, the error its caller gets), or
    None. The engine asks this of every request, and each front asks it of the load the engine last
    published, before anything crosses to the engine."""
    estimate = load.estimate(demand)
    if estimate is None:  # nothing measured yet: let it try
        return None
    if estimate.wait > max_queue_seconds:
        return "queue over its time bound", QueueFull(
            f"the queue holds {estimate.wait:.1f} s of work, more than its bound of {max_queue_seconds:.1f} s; "
            f"retry in {estimate.wait - max_queue_seconds:.1f} s", retry_after=estimate.wait - max_queue_seconds)
    if deadline is not None:
        left = deadline - now
        if estimate.wait == 0.0 and estimate.decoding > left:  # too short a deadline, not too much load
            return "deadline too short", DeadlinePassed(
                f"the request cannot finish within its deadline: it needs about {estimate.decoding:.3f} s of "
                f"decoding and has {max(left, 0.0):.3f} s")
        if estimate.total > left:
            return "would miss its deadline", QueueFull(
                f"the server is overloaded: this request would wait {estimate.wait:.2f} s and decode for "
                f"{estimate.decoding:.2f} s, past its deadline in {max(left, 0.0):.2f} s; retry in "
                f"{estimate.total - left:.2f} s or with a longer deadline", retry_after=estimate.total - left)
    return None


class Door:
    """Refusal at the door by time: `check` raises what `refusal` says, counted by reason in metrics and in
    the shedding log line. The engine's scheduler has one, and so has each front."""

    def __init__(self, metrics, max_queue_seconds: float) -> None:  # metrics: service.metrics.ServiceMetrics
        self.metrics, self.max_queue_seconds = metrics, max_queue_seconds
        self.log = ShedLog()

    def check(self, load: LoadModel, demand: Demand, deadline: float | None, texts: int, queued_texts: int) -> None:
        refused = refusal(load, self.max_queue_seconds, demand, deadline, time.monotonic())
        if refused is not None:
            reason, error = refused
            self.refused(reason, texts, load, queued_texts)
            raise error

    def refused(self, reason: str, texts: int, load: LoadModel, queued_texts: int) -> None:
        self.metrics.requests_shed.labels(reason).inc()
        self.log.note(reason, texts)
        self.log.maybe_log(load, queued_texts)


class ShedLog:
    """Refusals counted by reason and said in one log line every `interval` seconds while they go on."""

    def __init__(self, interval: float = 5.0) -> None:
        self.interval = interval
        self._counts: Counter[str] = Counter()
        self._since = time.monotonic()
        self._lock = threading.Lock()

    def note(self, reason: str, texts: int) -> None:
        with self._lock:
            self._counts[reason] += 1
            self._counts["texts"] += texts

    def maybe_log(self, model: LoadModel, queued_texts: int, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            if now - self._since < self.interval:
                return
            counts, self._counts, since, self._since = self._counts, Counter(), self._since, now
        if not counts:
            return
        texts = counts.pop("texts", 0)
        reasons = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
        rate = (f"a decoding step takes {model.pass_seconds(1) * 1000:.1f} ms at 1 row, "
                f"{model.pass_seconds(model.max_rows) * 1000:.1f} ms at {model.max_rows}; {model.live_rows} rows live, {model.queued_rows} queued"
                if model.measured else "step time not measured yet")
        log.warning("shedding load: refused %d requests (%d texts) in the last %.1f s (%s); %d texts queued, "
                    "%s", sum(counts.values()), texts, now - since, reasons, queued_texts, rate)
