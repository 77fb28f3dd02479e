"""A request while the server holds it (`WorkItem`), and the scheduling limits (`SchedulerConfig`) that both
roles read: the fronts refuse at the door by them, the engine's scheduler enforces them."""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from service.config import MAX_BEAM_SIZE, DecodingOptions
from service.errors import NotServing, QueueFull

if TYPE_CHECKING:  # the fronts never import the engine's ONNX Runtime side
    from service.engine.engine import Engine
    from service.text.model import TextModel


class Priority(enum.IntEnum):
    """The engine's priority classes, highest first (the proto's PRIORITY_INTERACTIVE and PRIORITY_BATCH;
    PRIORITY_AUTO is resolved by the front with `SchedulerConfig.auto_priority`)."""

    INTERACTIVE = 0
    BATCH = 1


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
    # While texts decode, waiting ones join together once they are join_ratio of the live texts, or the
    # oldest has waited join_max_steps steps (a join costs an encoder call and a cache gather).
    join_ratio: float = 0.25
    join_max_steps: int = 4
    # While rows decode, one flow's texts joining in one pass read at most max_join_tokens source tokens:
    # the encoder pass of a 64-sentence request (660 tokens) takes ~40 ms on 2 cores and stalls every live
    # row that long (many flows' short texts still join together, up to max_batch_tokens; on an idle
    # batch only max_batch_tokens applies).
    max_join_tokens: int = 256
    # Texts decode in separate running batches by source length (tokens with EOS): a lane up to each
    # bound, one beyond the last. Every row reads its batch's longest source and output at every
    # step, so a few long texts would otherwise slow every short one.
    length_lanes: tuple[int, ...] = (32,)
    # Fair shares (iteration-level only, service/engine/fair_queue.py): one flow (a client, or a request) holds
    # at most max_rows - reserve_rows rows (None: an eighth of max_rows in reserve), and so does the batch
    # class in all, so a newcomer finds room at the next step; a text that waited aging_passes decode passes joins before anything else; while
    # interactive rows decode, batch-class batches wait between their steps, but keep batch_share of the
    # decoding time; a request left at PRIORITY_AUTO is batch class when its rows (sentences x beams) pass
    # auto_batch_rows.
    reserve_rows: int | None = None
    aging_passes: int = 400
    batch_share: float = 0.5
    auto_batch_rows: int = 32

    @property
    def flow_rows(self) -> int:
        """Rows one flow (and the batch class in all) may hold."""
        reserve = self.max_rows // 8 if self.reserve_rows is None else self.reserve_rows
        return max(MAX_BEAM_SIZE, self.max_rows - reserve)

    def auto_priority(self, rows: int) -> Priority:
        return Priority.BATCH if rows > self.auto_batch_rows else Priority.INTERACTIVE

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
        if self.reserve_rows is not None and not 0 <= self.reserve_rows <= self.max_rows - MAX_BEAM_SIZE:
            raise ValueError(f"reserve_rows={self.reserve_rows} must leave one widest text ({MAX_BEAM_SIZE} rows) of "
                             f"max_rows={self.max_rows}")
        if min(self.aging_passes, self.auto_batch_rows, self.max_join_tokens) < 1 or not 0 < self.batch_share <= 1:
            raise ValueError(f"aging_passes={self.aging_passes}, max_join_tokens={self.max_join_tokens}, "
                             f"batch_share={self.batch_share} (at most 1) and "
                             f"auto_batch_rows={self.auto_batch_rows} must be positive")
        if self.max_rows < MAX_BEAM_SIZE or self.max_cache_mb <= 0:
            raise ValueError(f"max_rows={self.max_rows} must be at least {MAX_BEAM_SIZE} (one text at the widest "
                             f"beam) and max_cache_mb={self.max_cache_mb} positive")


@dataclass(eq=False)
class WorkItem:
    """Everything about one request while the scheduler holds it."""

    engine: Engine | TextModel  # the engine's (engine process) or the front's view of the model version
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
    sequences: list = field(default_factory=list)  # one service.engine.sequence.Sequence per text
    priority: Priority = Priority.INTERACTIVE
    client: str = ""  # the caller's x-client-id: its requests share one fair share; "" for one per request
    prefixes: list[list[int]] = field(default_factory=list)  # per source, forced target ids; [] for none at all
    glossary_found: list = field(default_factory=list)  # front only: per source, the glossary terms in it, in order
    markup: list | None = None  # front only: per request text, its service.text.markup.Document (None: plain text)
    glossary: object = None  # front only: the request's service.text.glossary.Glossary (a markup round needs it again)

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
