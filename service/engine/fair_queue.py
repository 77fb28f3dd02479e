"""Who joins the running batch next: texts waiting by priority class and by flow, served in fair order.

A flow is a client (the `x-client-id` a caller names) or else one request. Within a priority class,
flows join in order of the service they have received, as the Virtual Token Counter of "Fairness in
Serving Large Language Models" (Sheng et al., OSDI 2024) does under continuous batching:

- a flow's counter grows by a text's expected row-steps (beams x steps) when the text joins, corrected to
  the row-steps it really took when it leaves; so a bulk request that has 28 sentences decoding is
  already charged for them, and a newcomer comes first;
- a flow that starts waiting is lifted to the class's virtual time (the counter of the flow served last),
  so nobody banks credit while away;
- a flow holds at most `max_rows - reserve_rows` rows, and the low-priority class as much in all:
  the reserve is room for the next newcomer without taking rows from anyone.

Classes are strict (interactive before batch), with one exception that bounds every wait: a text that
has waited `aging_passes` decode passes goes before everything (oldest first), and nobody overtakes it.
Within a flow, texts keep their arrival order. O(log flows) per joining text; nothing per step.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from service.engine.sequence import Sequence
from service.work import Priority

_order = itertools.count()
MAX_IDLE_CLIENTS = 4096  # idle clients whose debt is remembered, at most


@dataclass(eq=False)
class Flow:
    key: object  # (priority, client id) or (priority, the request)
    priority: int
    client: str  # "" when the flow is one request
    counter: float = 0.0  # service received so far, in row-steps (charged ahead, corrected at leave)
    waiting: deque[Sequence] = field(default_factory=deque)
    rows: int = 0  # live rows of its texts in the running batches
    live: int = 0  # its texts decoding
    order: int = field(default_factory=lambda: next(_order))
    queued: bool = False  # has an entry in its class's heap


class FairQueue:
    """The waiting texts. The scheduler calls `push` under its lock from the event loop, everything else
    from the decode thread (under the same lock when it touches the waiting texts)."""

    def __init__(self, aging_passes: int) -> None:
        self.aging_passes = aging_passes
        self._flows: dict[object, Flow] = {}
        self._heaps: tuple[list, ...] = tuple([] for _ in Priority)  # per class: (counter, order, flow) of flows with texts waiting
        self._virtual = [0.0 for _ in Priority]  # per class: the counter of the flow picked last
        self._arrivals: deque[tuple[int, Sequence]] = deque()  # (pass it arrived at, text), for aging
        self._waiting_ids: set[int] = set()  # ids of the texts still waiting
        self.passes = 0  # decode passes so far (the scheduler counts them)
        self.waiting_flows = [0 for _ in Priority]  # flows with texts waiting, per class
        self._skip: str | None = None

    def __len__(self) -> int:
        return len(self._waiting_ids)

    def __iter__(self) -> Iterator[Sequence]:
        return (s for flow in self._flows.values() for s in flow.waiting)

    # ---- arrivals ----
    def push(self, texts: list[Sequence], priority: int, client: str, request: object) -> Flow:
        key = (priority, client or request)
        flow = self._flows.get(key)
        if flow is None:
            flow = self._flows[key] = Flow(key, priority, client, counter=self._virtual[priority])
        elif not flow.waiting and not flow.live:
            flow.counter = max(flow.counter, self._virtual[priority])
        if not flow.queued:
            heapq.heappush(self._heaps[priority], (flow.counter, flow.order, flow))
            flow.queued = True
        if not flow.waiting:
            self.waiting_flows[priority] += 1
        for s in texts:
            s.flow = flow
            flow.waiting.append(s)
            self._waiting_ids.add(s.id)
            self._arrivals.append((self.passes, s))
        return flow

    # ---- the decode thread ----
    def oldest(self) -> Sequence | None:
        """The text that has waited longest, if any."""
        while self._arrivals and self._arrivals[0][1].id not in self._waiting_ids:
            self._arrivals.popleft()
        return self._arrivals[0][1] if self._arrivals else None

    def candidates(self) -> Iterator[Sequence]:
        """Waiting texts in the order they should join: overdue texts oldest first, then each class's
        flows by counter. For each text it is given the caller either takes it (`take`), drops it (`drop`),
        passes over its flow or its whole class (`skip_flow`, `skip_class`: at their cap, the rest of the
        queue may still join), or stops iterating (it does not fit: nobody overtakes it)."""
        self.oldest()  # (drops the texts gone from the front)
        for arrived, s in self._arrivals:  # oldest first
            if self.passes - arrived < self.aging_passes:
                break
            if s.id not in self._waiting_ids:
                continue
            self._skip = None
            yield s
            if self._skip is None and s.id in self._waiting_ids:  # the caller stopped at it
                return
        for heap in self._heaps:
            skipped: list[tuple[float, int, Flow]] = []
            try:
                while heap:
                    counter, order, flow = heap[0]
                    if not flow.waiting:  # emptied by joins and drops
                        heapq.heappop(heap)
                        flow.queued = False
                        continue
                    if counter != flow.counter:  # charged since it was pushed: re-sort
                        heapq.heapreplace(heap, (flow.counter, order, flow))
                        continue
                    s = flow.waiting[0]
                    self._skip = None
                    yield s
                    if self._skip == "class":
                        break
                    if self._skip == "flow":
                        skipped.append(heapq.heappop(heap))
                    elif s.id in self._waiting_ids:  # the caller stopped at it
                        return
            finally:
                for entry in skipped:
                    heapq.heappush(heap, entry)

    def skip_flow(self) -> None:
        """The flow of the text just offered is at its cap: offer the next flow's text."""
        self._skip = "flow"

    def skip_class(self) -> None:
        """The class of the text just offered is at its cap: offer the next class's texts."""
        self._skip = "class"

    def take(self, s: Sequence) -> None:
        """`s` joins the running batch: its flow is charged its expected work."""
        flow = s.flow
        self._remove(s)
        self._virtual[flow.priority] = max(self._virtual[flow.priority], flow.counter)
        flow.counter += s.work
        flow.rows += s.beam_size
        flow.live += 1

    def drop(self, s: Sequence) -> None:
        """`s` leaves the queue uncomputed (its caller went away or its deadline passed)."""
        self._remove(s)
        self._forget_if_idle(s.flow)

    def left(self, s: Sequence) -> int:
        """`s` left the running batch after `s.step` steps: the flow's charge becomes what it took; returns
        the row-steps it took."""
        flow = s.flow
        taken = s.step * s.beam_size
        flow.counter += taken - s.work
        flow.rows -= s.beam_size
        flow.live -= 1
        self._forget_if_idle(flow)
        return taken

    def remove_where(self, gone: Callable[[Sequence], bool]) -> list[Sequence]:
        """Drop every waiting text for which `gone` is true; returns them."""
        leaving = [s for s in self if gone(s)]
        for s in leaving:
            self.drop(s)
        return leaving

    def _remove(self, s: Sequence) -> None:
        flow = s.flow
        if flow.waiting and flow.waiting[0] is s:
            flow.waiting.popleft()
        else:
            flow.waiting.remove(s)
        if not flow.waiting:
            self.waiting_flows[flow.priority] -= 1
        self._waiting_ids.discard(s.id)

    def _forget_if_idle(self, flow: Flow) -> None:
        # A flow with nothing waiting or decoding is forgotten (its heap entry is dropped lazily): a request
        # never comes back, and a client that does is lifted to the virtual time anyway. A client that
        # received more than that keeps its debt while it is away, up to MAX_IDLE_CLIENTS of them.
        if flow.waiting or flow.live:
            return
        if not flow.client or flow.counter <= self._virtual[flow.priority]:
            self._flows.pop(flow.key, None)
        elif len(self._flows) > MAX_IDLE_CLIENTS:
            for key in [key for key, f in self._flows.items() if not f.waiting and not f.live]:
                del self._flows[key]
