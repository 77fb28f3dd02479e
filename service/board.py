"""State the processes of one server share without messages: a small array of doubles in shared memory.

The supervisor creates it; the engine writes its readiness and its load (what admission needs: the
fitted step time, the queued work) after every decoding pass; each front reads them at the door, so a
refusal never waits for a round trip to the engine. Writers of a slot are single (one engine, one
supervisor, each front its own ready slot); a torn read between two slots costs one estimate, never a
wrong answer, because the engine checks again what the front admitted.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import signal
from dataclasses import asdict
from enum import IntEnum
from pathlib import Path

from service.admission import LoadModel
from service.default_variant import DefaultChoice
from service.work import SchedulerConfig

MAX_FRONTS = 32
LISTENING, READY = 1.0, 2.0  # what a front's slot says: its port is bound; it offers the engine's models
NO_MODELS = 3  # the engine's exit code when the store holds nothing it can serve: restarting would not help


class Slot(IntEnum):
    ENGINE_EPOCH = 0  # the supervisor adds 1 at each engine start: fronts fail the calls of an older epoch
    ENGINE_READY = 1  # the engine of this epoch has loaded and warmed its models
    SERVING = 2  # the supervisor's verdict: engine and every front ready, not draining
    DRAINING = 3  # SIGTERM: fronts refuse new calls and finish the held ones
    MODELS_EPOCH = 4  # the engine adds 1 each time the set of served versions changes (models.json)
    PENDING_TEXTS = 5  # texts queued in the engine
    LIVE_ROWS = 6
    QUEUED_WORK = 7
    QUEUED_ROWS = 8
    MEASURED = 9  # 1 once the engine has timed a pass
    M_R = 10  # LoadModel's moments: E[r], E[t], E[r^2], E[r t]
    M_T = 11
    M_RR = 12
    M_RT = 13
    STEPS_PER_TOKEN = 14
    ENGINE_STARTED = 15  # time.monotonic() when the supervisor started the engine of this epoch
    ENGINE_STARTUP = 16  # seconds the last engine took from its start to ready (the retry hint while restarting)
    QUEUED_INTERACTIVE_WORK = 17
    INTERACTIVE_FLOWS = 18  # flows with texts waiting, per priority class
    BATCH_FLOWS = 19
    JOIN_SECONDS_PER_TOKEN = 20
    LIVE_BATCH_ROWS = 21
    QUEUED_INTERACTIVE_ROWS = 22
    BATCH_MEASURED = 23  # 1 once the engine has timed a batch-class step; then its moments
    B_R = 24
    B_T = 25
    B_RR = 26
    B_RT = 27
    FRONT_READY = 28  # ... MAX_FRONTS slots, one per front


SIZE = Slot.FRONT_READY + MAX_FRONTS


class Board:
    """The shared array and the run folder (models.json). Picklable: it goes to every child process."""

    def __init__(self, run_dir: Path, array=None) -> None:
        self.run_dir = Path(run_dir)
        self.array = array if array is not None else multiprocessing.get_context("spawn").RawArray("d", SIZE)

    def __reduce__(self):
        return Board, (self.run_dir, self.array)

    def __getitem__(self, slot: Slot) -> float:
        return self.array[slot]

    def __setitem__(self, slot: Slot, value: float) -> None:
        self.array[slot] = value

    # ---- the engine's load, for admission at the door ----
    def publish_load(self, load: LoadModel, pending_texts: int) -> None:
        a = self.array
        a[Slot.PENDING_TEXTS] = pending_texts
        a[Slot.LIVE_ROWS], a[Slot.QUEUED_WORK], a[Slot.QUEUED_ROWS] = load.live_rows, load.queued_work, load.queued_rows
        a[Slot.STEPS_PER_TOKEN], a[Slot.JOIN_SECONDS_PER_TOKEN] = load.steps_per_token, load.join_seconds_per_token
        a[Slot.QUEUED_INTERACTIVE_WORK] = load.queued_interactive_work
        a[Slot.LIVE_BATCH_ROWS], a[Slot.QUEUED_INTERACTIVE_ROWS] = load.live_batch_rows, load.queued_interactive_rows
        a[Slot.INTERACTIVE_FLOWS], a[Slot.BATCH_FLOWS] = load.waiting_flows
        if load.moments is not None:
            a[Slot.M_R], a[Slot.M_T], a[Slot.M_RR], a[Slot.M_RT] = load.moments
            a[Slot.MEASURED] = 1.0
        if load.batch_moments is not None:
            a[Slot.B_R], a[Slot.B_T], a[Slot.B_RR], a[Slot.B_RT] = load.batch_moments
            a[Slot.BATCH_MEASURED] = 1.0

    def load_model(self, config: SchedulerConfig) -> LoadModel:
        """A LoadModel as the engine last published it."""
        a = self.array
        load = LoadModel(config.max_rows, config.flow_rows, config.batch_share,
                         steps_per_token=a[Slot.STEPS_PER_TOKEN] or 1.3)
        load.join_seconds_per_token = a[Slot.JOIN_SECONDS_PER_TOKEN] or load.join_seconds_per_token
        load.live_rows, load.queued_work, load.queued_rows = int(a[Slot.LIVE_ROWS]), a[Slot.QUEUED_WORK], int(
            a[Slot.QUEUED_ROWS])
        load.queued_interactive_work = a[Slot.QUEUED_INTERACTIVE_WORK]
        load.live_batch_rows, load.queued_interactive_rows = int(a[Slot.LIVE_BATCH_ROWS]), int(
            a[Slot.QUEUED_INTERACTIVE_ROWS])
        load.waiting_flows = [int(a[Slot.INTERACTIVE_FLOWS]), int(a[Slot.BATCH_FLOWS])]
        if a[Slot.MEASURED]:
            load.moments = [a[Slot.M_R], a[Slot.M_T], a[Slot.M_RR], a[Slot.M_RT]]
        if a[Slot.BATCH_MEASURED]:
            load.batch_moments = [a[Slot.B_R], a[Slot.B_T], a[Slot.B_RR], a[Slot.B_RT]]
        return load

    def reset_queue(self) -> None:
        """A new engine holds nothing yet; what the last one measured (step times) stays as its prior."""
        for slot in (Slot.PENDING_TEXTS, Slot.LIVE_ROWS, Slot.QUEUED_WORK, Slot.QUEUED_ROWS,
                     Slot.QUEUED_INTERACTIVE_WORK, Slot.INTERACTIVE_FLOWS, Slot.BATCH_FLOWS, Slot.LIVE_BATCH_ROWS,
                     Slot.QUEUED_INTERACTIVE_ROWS):
            self.array[slot] = 0.0

    @property
    def engine_address(self) -> str:
        """Where the engine's ROUTER socket listens for the fronts."""
        return f"ipc://{self.run_dir / 'engine.sock'}"

    def restart_left(self, now: float) -> float:
        """Seconds until a restarting engine should be ready, as long as the last start took (at least 0.2)."""
        return max(0.2, self[Slot.ENGINE_STARTED] + (self[Slot.ENGINE_STARTUP] or 5.0) - now)

    # ---- the served versions ----
    @property
    def models_file(self) -> Path:
        return self.run_dir / "models.json"

    def publish_models(self, served: list[tuple[str, int]], default: DefaultChoice) -> None:
        """What the engine serves, and the model of requests that name none, written whole (rename) before
        the epoch moves."""
        tmp = self.models_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"served": served, "default": asdict(default)}))
        tmp.replace(self.models_file)
        self.array[Slot.MODELS_EPOCH] += 1

    def read_models(self) -> tuple[list[tuple[str, int]], DefaultChoice]:
        try:
            data = json.loads(self.models_file.read_text())
        except FileNotFoundError:
            return [], DefaultChoice(None, "", "the engine serves nothing yet")
        return [(name, int(version)) for name, version in data["served"]], DefaultChoice(**data["default"])

    # ---- fronts ----
    def set_front_state(self, index: int, state: float) -> None:
        """0: not listening, LISTENING or READY."""
        self.array[Slot.FRONT_READY + index] = state

    def front_state(self, index: int) -> float:
        return self.array[Slot.FRONT_READY + index]


def die_with_parent() -> None:
    """A child of the supervisor dies with it (SIGKILL included): no orphaned front keeps answering on the
    port, SO_REUSEPORT sharing it with the next server. Ctrl-C reaches every process of the terminal's group;
    the supervisor alone decides what it means."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the supervisor died before the line above
        os._exit(1)
