"""The decoding state of one source text while it is in the running batch.

Everything about one text lives in its `Sequence`: its options and limits, where its beams sit in the
batch, the hypotheses it has finished, and who is waiting for it. The running batch
(service/engine/running_batch.py) advances every live sequence by one token per step; the scheduler decides
when a sequence joins and when it leaves. Neither keeps parallel per-text lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from service.config import DecodingOptions
from service.engine.decoding import Hypothesis

_ids = itertools.count()


@dataclass(eq=False)
class Sequence:
    source: list[int]  # source ids, without EOS
    options: DecodingOptions  # already clamped to the model's limits (Engine.sequence)
    limit: int  # tokens it may generate, EOS included
    owner: object = None  # what the scheduler attached (the request); the batch never looks at it
    on_step: Callable[[Sequence], None] | None = None  # called after each of its steps (streaming)
    id: int = field(default_factory=lambda: next(_ids))
    lane: int = 0  # which running batch it decodes in (the scheduler's length lanes)
    work: float = 0.0  # expected row-steps (beams x steps), the scheduler's admission estimate
    # How often each of the batch's placeholder ids may appear (the source's count; RunningBatch makes the
    # output use each exactly so often); None when the source has no placeholders.
    quota: np.ndarray | None = None
    flow: object = None  # its service.engine.fair_queue.Flow while it waits or decodes
    prefix: tuple[int, ...] = ()  # target ids the output must start with (forced, one per step)
    rng: np.random.Generator | None = None  # sampling's own generator: its draws do not depend on the batch

    # Set by the running batch.
    step: int = 0  # tokens generated so far = position of the next input token
    slots: np.ndarray | None = None  # batch rows of its live beams (beam b at slots[b]), None when out
    finished: list[Hypothesis] = field(default_factory=list)
    done: bool = False
    best_prefix: list[int] = field(default_factory=list)  # the best live beam's tokens after the last step
    # options.alternatives: the hypothesis of each beam (in the order of their first free token), once ended
    alternatives: list[Hypothesis | None] = field(default_factory=list)
    alive: np.ndarray | None = None  # options.alternatives: which beams still decode, from the branching step on
    # With a quota: the best ending that coverage held back (EOS while a placeholder was missing); returned
    # when no hypothesis meets the quota before the length limit (RunningBatch._note_held_back_ends).
    held_back: Hypothesis | None = None

    @property
    def falls_back(self) -> bool:
        """Whether `result` returns the held-back ending: no hypothesis met the quota before the length limit."""
        return self.held_back is not None and not any(h.finished for h in self.finished)

    @property
    def controlled(self) -> bool:
        """Whether this step's candidates come from its whole distribution (service/engine/controls.py)."""
        return self.options.reshapes or self.step < len(self.prefix)

    @property
    def beam_size(self) -> int:
        return self.options.beam_size

    @property
    def source_tokens(self) -> int:
        return len(self.source) + 1  # with EOS

    def result(self) -> list[Hypothesis]:
        """Its n_best hypotheses, best first (decoded to the end, or cut by the length limit)."""
        if not self.source:  # an empty text: one empty hypothesis, no model call
            return [Hypothesis([], 0.0, 0.0, True)]
        if self.options.alternatives:
            return [h for h in self.alternatives if h is not None]
        ranked = sorted(self.finished, key=lambda h: h.score, reverse=True)
        if self.falls_back:  # coverage never met: the ending it held back, not the output to the limit
            ranked.insert(0, self.held_back)
        return ranked[: self.options.n_best]
