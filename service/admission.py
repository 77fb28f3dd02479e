"""Admission control: refuse at the door the work that cannot finish in time.

Under overload a queue of work that will expire only delays the work that could finish: measured at
10x capacity with 2 s deadlines, a queue bounded only in texts held 20 s of work and 3 % of the
calls came back OK. So the iteration-level scheduler measures, as it decodes:

- the time of one decode pass (every lane steps once: how long one step of a text takes) against the
  live rows, as a line fitted over recent passes;
- `steps_per_token`: generated steps per source token (EWMA over finished texts),

and predicts for a new request its wait (the row-steps queued ahead of it at the full batch's rate,
when the running batch is full) and its own decoding (its longest text's expected steps x the pass
time of the batch it will join).
A request whose deadline comes before `wait + decoding`, or whose wait passes the queue's time bound,
is refused at once with RESOURCE_EXHAUSTED and a retry hint; until the first steps are measured
everything is admitted.

Service stays FIFO: with refusals at the door every queued request is one that can still finish, so
serving the oldest first is also serving the earliest deadline first when callers use the same
deadline, without EDF's domino effect under overload (serving the requests that are about to miss
first makes every request miss) or LIFO's unbounded wait for the unlucky.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass

from service.errors import DeadlinePassed, QueueFull, ServiceError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Estimate:
    wait: float  # seconds before the request's texts join the running batch
    decoding: float  # seconds from joining to its last text's end

    @property
    def total(self) -> float:
        return self.wait + self.decoding


class LoadModel:
    """What the decode thread measures and the event loop reads (floats: a torn read is harmless)."""

    def __init__(self, max_rows: int, smoothing: float = 0.05, steps_per_token: float = 1.3) -> None:
        self.max_rows = max_rows
        self.smoothing = smoothing
        # Pass time against live rows, fitted by least squares with exponential forgetting: the moments
        # E[r], E[t], E[r^2], E[r t] of recent passes. A pass costs a fixed part (per-call overhead, the
        # Python around it) and a part per row; a fit, not one average, because the estimate must hold
        # for the batch the request will join, not the one that ran last (after a spike, an average
        # of the full batch's passes would refuse everything on an idle server, and nothing would run
        # to correct it).
        self.moments: list[float] | None = None
        self.steps_per_token = steps_per_token  # a prior until texts finish: our models' outputs run ~1.2x
        self.live_rows = 0
        self.queued_work = 0.0  # row-steps of the texts waiting to join (updated under the scheduler's lock)
        self.queued_rows = 0

    # ---- decode thread ----
    def observe_pass(self, rows: int, seconds: float) -> None:
        if rows <= 0 or seconds <= 0:
            return
        sample = [rows, seconds, rows * rows, rows * seconds]
        if self.moments is None:
            self.moments = sample
        else:
            a = self.smoothing
            self.moments = [m + a * (x - m) for m, x in zip(self.moments, sample)]

    def observe_finished(self, source_tokens: int, steps: int) -> None:
        self.steps_per_token += self.smoothing * (steps / source_tokens - self.steps_per_token)

    # ---- both ----
    @property
    def measured(self) -> bool:
        return self.moments is not None

    def pass_seconds(self, rows: int) -> float:
        """Predicted time of one decode pass with `rows` live rows."""
        r, t, rr, rt = self.moments
        variance = rr - r * r
        slope = max(0.0, (rt - r * t) / variance) if variance > 1e-9 * rr else t / r  # one batch size seen so far
        intercept = max(0.0, t - slope * r)
        return max(1e-6, intercept + slope * rows)

    def steps(self, source_tokens: int, limit: int) -> float:
        """Expected steps of one text (at most its length limit)."""
        return min(float(limit), self.steps_per_token * source_tokens + 1.0)

    def decoding(self, rows: int, steps: float) -> float:
        """Seconds to decode `steps` steps in a batch of `rows` rows (at most the batch's cap)."""
        return steps * self.pass_seconds(min(self.max_rows, rows))

    def estimate(self, rows: int, steps: float) -> Estimate | None:
        """For a request of `rows` rows whose longest text takes `steps` steps; None before any measurement.
        It waits while the running batch is full: the row-steps queued ahead at the full batch's rate;
        then it decodes in a batch of everything live and queued, itself included."""
        if self.moments is None:
            return None
        ahead = self.live_rows + self.queued_rows
        wait = 0.0
        if ahead + rows > self.max_rows:
            wait = self.queued_work * self.pass_seconds(self.max_rows) / self.max_rows
        return Estimate(wait, self.decoding(ahead + rows, steps))


def refusal(load: LoadModel, max_queue_seconds: float, rows: int, steps: float, deadline: float | None,
            now: float) -> tuple[str, ServiceError] | None:
    """Why a request of `rows` rows whose longest text takes `steps` steps cannot be served in time (the
    reason counted in metrics, the error its caller gets), or None. The engine asks this of every request,
    and each front asks it of the load the engine last published, before anything crosses to the engine."""
    estimate = load.estimate(rows, steps)
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

    def check(self, load: LoadModel, rows: int, steps: float, deadline: float | None, texts: int,
              queued_texts: int) -> None:
        refused = refusal(load, self.max_queue_seconds, rows, steps, deadline, time.monotonic())
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
