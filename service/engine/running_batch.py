"""The running batch: iteration-level (continuous) batching for encoder-decoder beam search.

    batch = RunningBatch(engine.model, engine.special)
    batch.join([engine.sequence(ids, options), ...])   # encoder pass for the newcomers, together
    while batch.sequences:
        done = batch.step()                             # one decoder call over every live row
        batch.leave(done)                               # finished (or cancelled) sequences leave

A row is one beam of one sequence. Rows of sequences at different steps, with different beam sizes,
n_best, length penalties and limits share one decoder call: the decoder graph takes each row's own
position and self-attention mask (shared/DESIGN.md, "ONNX graphs"). Sequences join at any step
boundary and leave at any step boundary; the result of every sequence is exactly what decoding it
alone gives (the rules of export/decoding.py, the PyTorch reference).

Layout, and why:
- Row state (next token, position, beam score, generated tokens, source mask and the cross-attention
  keys/values) lives in capacity buffers indexed by slot, grown by doubling. A sequence that leaves
  frees its slots by moving the last rows into them (swap-remove), so a leave copies the few rows
  that move, never the whole batch; the decoder reads `buffer[:rows]`, a contiguous view, so no copy
  is made to call it either. The source axis is a capacity too (doubling), padded with mask 0 and
  zeros: a few masked columns cost far less than re-padding every row whenever a longer source joins.
- The self-attention cache depends on the graphs' contract (service/engine/onnx_model.py):
  contract 2 (`SlotCache`): capacity buffers (rows, heads, T, head_dim) like the rest; row r's past
  is columns [0, position[r]), the graph reads the buffers in place and returns only the step's keys
  and values, which are written at each row's position (a few KB). Nothing is concatenated or
  gathered per step; beams that change origin copy their own rows only.
  contract 1 (`ConcatCache`, older models): the graph returns the whole grown cache every step.
- The decoder of contract 2 returns each row's best K = 2·(widest beam) + 1 tokens; beam search only
  needs those (a sentence's best 2k of k·V candidates are among its beams' own best 2k, and one more
  covers a banned EOS), so the selection never touches (rows × vocabulary) arrays.
- Placeholder coverage: a sequence whose source holds placeholders (service/text/placeholders.py: numbers,
  Latin words, names) has a `quota`, how often each placeholder may appear. Its rows may not end while
  one is missing, nor repeat one beyond the source's count: a dropped price or a name said twice would
  be a silent wrong answer. While such a sequence is live, a step asks for P + 1 more top tokens (P
  placeholders and EOS), so that its rows keep K candidates after the bans.
- Compiled bookkeeping (service/engine/_step.pyx, issue 24): the bans, the filtering of candidates, beam
  selection with its forks and ends, and the cache writes run as a few compiled calls per step over
  per-row arrays (what each row's sequence asked for lives beside its tokens, moved by leaves like them),
  so Python's work per step no longer grows with the rows. The numpy methods below are the reference
  those calls must equal token for token (RunningBatch(compiled=False); tests/test_compiled_step.py).
  Reshaping controls (penalty, prefix, sampling) and alternatives stay on the numpy path: few requests.
- The caches' arrays come from a process-wide pool (service/engine/buffer_pool.py): fresh memory is page
  faults at first touch, which cost a 128-row batch 70 ms in its first step.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from service.engine.buffer_pool import BufferPool
from service.engine.controls import log_normalized, sample_token
from service.engine.decoding import Hypothesis, SpecialTokens, StepModel, length_normalized
from service.engine.sequence import Sequence

try:  # the step's bookkeeping compiled (service/engine/_step.pyx, built by the package's install)
    from service.engine import _step
except ImportError:  # a source tree nobody built: the numpy reference below does the same, slower
    _step = None

log = logging.getLogger(__name__)

ENCODER_TOKENS = 4096  # padded source tokens per encoder call when many texts join at once
COLUMN_STEP = 16  # the self-attention cache's width grows and shrinks in steps of this many positions
VOCAB_STRIDE = 1 << 32  # flat candidate index = beam · stride + token: any vocabulary fits
ALWAYS = np.iinfo(np.int64).max  # a row's `reshape_until` when every step of it reads its whole distribution

def compiled_step_built() -> bool:
    """Whether service/engine/_step.pyx was built (the running batch then uses it by default)."""
    return _step is not None


@dataclass(frozen=True)
class StepReport:
    """What one step did, for the scheduler's metrics."""

    rows: int  # rows decoded in the step
    finished: list[Sequence]  # sequences that ended in this step (they are still in the batch)


def _capacity(needed: int, minimum: int) -> int:
    cap = minimum
    while cap < needed:
        cap *= 2
    return cap


def fork_rows(slots: np.ndarray, origins: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each sequence's next beams live, copying as few rows as possible. slots (n, k): the rows
    of each sequence's beams; origins (n, k): the row each next beam extends. The first next beam
    from an origin takes over the origin's row (no copy); every further one takes a row whose beam
    has no successor and copies the origin into it. Returns the next beams' rows (n, k) and the
    copies to make (dest rows, src rows)."""
    k = slots.shape[1]
    earlier = np.tril(np.ones((k, k), bool), -1)
    repeat = ((origins[:, :, None] == origins[:, None, :]) & earlier).any(axis=2)  # not its origin's first child
    free = ~(slots[:, :, None] == origins[:, None, :]).any(axis=2)  # rows no next beam extends
    new_slots = origins.copy()
    if not repeat.any():
        return new_slots, np.zeros(0, np.int64), np.zeros(0, np.int64)
    forks = np.argsort(~repeat, axis=1, kind="stable")  # each sequence's repeats first, in beam order
    spare = np.argsort(~free, axis=1, kind="stable")  # its free rows first (as many as repeats)
    row, j = np.nonzero(np.arange(k)[None, :] < repeat.sum(axis=1)[:, None])
    beam = forks[row, j]
    dest = slots[row, spare[row, j]]
    new_slots[row, beam] = dest
    return new_slots, dest, origins[row, beam]


def top_candidates(log_probs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's best k tokens, best first, ties to the lower id (as the graph's TopK): for models
    whose decoder returns only log-probs (contract 1)."""
    k = min(k, log_probs.shape[1])
    top = np.argpartition(-log_probs, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(log_probs, top, axis=1)
    order = np.lexsort((top, -values), axis=1)
    return np.take_along_axis(values, order, axis=1), np.take_along_axis(top, order, axis=1)


class SlotCache:
    """Contract 2: the self-attention cache in capacity buffers (rows, heads, T, head_dim), row r's past
    in columns [0, position[r]); the graph reads them in place and the step's keys/values are written
    at each row's position."""

    def __init__(self, model: StepModel, compiled: bool = False, pool: BufferPool | None = None) -> None:
        self.model, self.compiled = model, compiled
        self.pool = pool or BufferPool.shared()
        self.buffers = model.empty_cache(0, 0)

    def _take(self, rows: int, columns: int) -> list[np.ndarray]:
        """Buffers for `rows` slots × `columns` positions, from the pool."""
        return [self.pool.take((rows, b.shape[1], columns, b.shape[3])) for b in self.buffers]

    @property
    def nbytes(self) -> int:
        return sum(b.nbytes for b in self.buffers)

    def grow(self, rows: int, columns: int, live: int) -> None:
        """Room for `rows` slots and exactly `columns` positions (0: keep the current width)."""
        columns = columns or self.buffers[0].shape[2]
        if rows <= self.buffers[0].shape[0] and columns == self.buffers[0].shape[2]:
            return
        new = self._take(max(rows, self.buffers[0].shape[0]), columns)
        kept = min(columns, self.buffers[0].shape[2])
        for b, old in zip(new, self.buffers):
            b[:live, :, :kept] = old[:live, :, :kept]
        self.pool.give(self.buffers)
        self.buffers = new

    def reset(self, rows: int) -> None:
        new = self._take(rows, 16)
        self.pool.give(self.buffers)
        self.buffers = new

    def join(self, rows: slice) -> None:
        pass  # position 0 masks every column: nothing to clear (the buffers never hold NaN)

    def copy(self, dest: np.ndarray, src: np.ndarray, width: int) -> None:
        """Rows `dest` take the first `width` positions of rows `src` (a row moving into a freed slot,
        or a beam forking off another)."""
        if self.compiled:
            _step.copy_rows(self.buffers, np.ascontiguousarray(dest, np.int64), np.ascontiguousarray(src, np.int64),
                            width)
            return
        for b in self.buffers:
            b[dest, :, :width] = b[src, :, :width]

    def run(self, batch: RunningBatch, n: int, top_k: int, want_log_probs: bool = False
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        positions = batch.positions[:n]
        # Every row reads every column (masked past its own position), so the width follows the
        # longest live row closely, in steps of COLUMN_STEP, rather than by doubling: a wider buffer
        # is memory read at every step, and growing copies the cache only once per COLUMN_STEP steps.
        needed = -(-(int(positions.max()) + 1) // COLUMN_STEP) * COLUMN_STEP
        width = self.buffers[0].shape[2]
        if needed > width or width > needed + 2 * COLUMN_STEP:
            self.grow(0, needed, batch.rows)
            width = needed
        cache_mask = (np.arange(width)[None, :] < positions[:, None]).astype(np.int64)
        log_probs, values, ids, new = self.model.step_in_place(
            batch.tokens[:n, None], positions[:, None], batch.src_mask[:n], cache_mask, top_k,
            [b[:n] for b in self.buffers], [c[:n] for c in batch.cross], want_log_probs=want_log_probs)
        if self.compiled:
            _step.write_step(self.buffers, new, positions, n)
        else:
            rows = np.arange(n)
            for b, kv in zip(self.buffers, new):
                b[rows, :, positions] = kv[:, :, 0]
        return values, ids, log_probs


class ConcatCache:
    """Contract 1 (older models): the graph returns the whole grown cache every step. All rows share
    its columns; a row's own cache is the columns from `start[row]` on (attention does not care where
    a key sits: positions are in the embeddings), earlier ones are masked for it. Beam reorders, leaves
    and joins are collected in `source` (the cache row each slot reads) and applied in one gather
    before the next call, which also drops the columns no live row uses."""

    def __init__(self, model: StepModel) -> None:
        self.model = model
        self.past = model.empty_cache(0)
        self.start = np.zeros(0, np.int64)  # per slot: first column of its own cache
        self.source = np.zeros(0, np.int64)  # per slot: the row of `past` it reads; -1 for none yet

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.past)

    def grow(self, rows: int, columns: int, live: int) -> None:
        if rows > len(self.start):
            for name in ("start", "source"):
                new = np.zeros(rows, np.int64)
                new[:live] = getattr(self, name)[:live]
                setattr(self, name, new)

    def reset(self, rows: int) -> None:
        self.past = self.model.empty_cache(0)

    def join(self, rows: slice) -> None:
        self.start[rows] = self.past[0].shape[2]  # its first keys/values land after the current columns
        self.source[rows] = -1

    def copy(self, dest: np.ndarray, src: np.ndarray, width: int) -> None:
        self.start[dest], self.source[dest] = self.start[src], self.source[src]

    def _gather(self, n: int) -> list[np.ndarray]:
        past_len = self.past[0].shape[2]
        src = self.source[:n]
        old = src >= 0
        if len(self.past[0]) == n and np.array_equal(src, np.arange(n)):
            return self.past
        cut = int(self.start[:n][old].min()) if old.any() else past_len
        self.start[:n] -= cut
        gathered = []
        for cache in self.past:
            if old.all():
                gathered.append(np.take(cache[:, :, cut:], src, axis=0))
            else:  # joiners: no cache yet, every column masked (zeros, never NaN)
                out = np.zeros((n, cache.shape[1], past_len - cut, cache.shape[3]), np.float32)
                out[old] = cache[src[old], :, cut:]
                gathered.append(out)
        return gathered

    def run(self, batch: RunningBatch, n: int, top_k: int, want_log_probs: bool = False
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        past = self._gather(n)
        self_mask = (np.arange(past[0].shape[2] + 1)[None, :] >= self.start[:n, None]).astype(np.int64)
        log_probs, self.past = self.model.step(batch.tokens[:n, None], batch.positions[:n, None], batch.src_mask[:n],
                                               self_mask, past, [c[:n] for c in batch.cross])
        self.source[:n] = np.arange(n)
        return (*top_candidates(log_probs, top_k), log_probs)


class RunningBatch:
    def __init__(self, model: StepModel, special: SpecialTokens, max_target_tokens: int = 256,
                 placeholder_ids: Iterable[int] = (), bare_ids: Iterable[int] = (), compiled: bool | None = None
                 ) -> None:
        """compiled: the step's bookkeeping in service/engine/_step.pyx (None: when it is built); False: the
        numpy reference, which the compiled step must equal token for token."""
        self.model, self.special = model, special
        if compiled and _step is None:
            raise RuntimeError("the compiled step (service/engine/_step.pyx) is not built: reinstall the package "
                               "(pip install -e .) on a machine with a C compiler")
        self.compiled = _step is not None if compiled is None else compiled
        self.bare_ids = frozenset(bare_ids)  # pieces that start no word of their own (SentencePiece's "▁")
        self.max_target_tokens = max_target_tokens
        self.placeholder_ids = np.array(list(placeholder_ids), np.int64)  # target ids a `Sequence.quota` counts
        self.placeholder_index = np.full(int(self.placeholder_ids.max(initial=-1)) + 1, -1, np.int64)
        self.placeholder_index[self.placeholder_ids] = np.arange(len(self.placeholder_ids))
        contract = getattr(model, "contract", 1)
        self.pool = BufferPool.shared()  # the caches' arrays, recycled: fresh memory faults at first touch
        self.cache = SlotCache(model, self.compiled, self.pool) if contract >= 2 else ConcatCache(model)
        self.sequences: list[Sequence] = []
        self.rows = 0
        self._groups: dict[tuple[int, bool], tuple[list[Sequence], np.ndarray]] | None = None
        self._group_arrays: dict[tuple[int, bool], tuple[np.ndarray, ...]] = {}  # the compiled selection's
        self._controlled: list[Sequence] = []  # sequences with a reshaping control or a prefix
        self._may_ban = False  # a live row has a quota or a no-repeat size
        self._quota_sequences: list[Sequence] = []  # live, with a quota, candidates from the graph's top-k
        self._eos_prefixes = np.zeros((0, max_target_tokens + 1), np.int64)
        self._owner: list[Sequence] = []  # per slot: the sequence whose beam lives there
        self.cross: list[np.ndarray] = []
        self._allocate(0, 0)

    # ---- buffers ---------------------------------------------------------------------------------

    def _allocate(self, rows: int, src: int) -> None:
        """(Re)allocate the capacity buffers for `rows` slots and `src` source columns, keeping the
        live rows."""
        cap_rows, cap_src = _capacity(rows, 8), _capacity(src, 16)
        old, live = self.cross, self.rows
        old_src = old[0].shape[2] if old else 0
        layout = self.model.empty_cache(1)  # one (1, heads, 0, head_dim) array per decoder layer's K and V
        heads, head_dim = layout[0].shape[1], layout[0].shape[3]
        cross = [self.pool.take((cap_rows, heads, cap_src, head_dim)) for _ in layout]
        src_mask = np.zeros((cap_rows, cap_src), np.int64)
        if old and live:
            for new, prev in zip(cross, old):
                new[:live, :, :old_src] = prev[:live]
                new[:live, :, old_src:] = 0.0  # masked; a joining row writes all of its own columns
            src_mask[:live, :old_src] = self.src_mask[:live]
        self.pool.give(old)
        self.cross, self.src_mask = cross, src_mask
        self.tokens = self._grow(self.__dict__.get("tokens"), (cap_rows,), np.int64)
        self.positions = self._grow(self.__dict__.get("positions"), (cap_rows,), np.int64)
        self.scores = self._grow(self.__dict__.get("scores"), (cap_rows,), np.float32)  # beam log-prob
        self.history = self._grow(self.__dict__.get("history"), (cap_rows, self.max_target_tokens + 1), np.int64)
        # Per row, what its sequence asked for (the compiled bans read them; a leave moves them with the row).
        p = len(self.placeholder_ids)
        self.row_ngram = self._grow(self.__dict__.get("row_ngram"), (cap_rows,), np.int64)
        self.row_min_length = self._grow(self.__dict__.get("row_min_length"), (cap_rows,), np.int64)
        self.row_reshape_until = self._grow(self.__dict__.get("row_reshape_until"), (cap_rows,), np.int64)
        self.has_quota = self._grow(self.__dict__.get("has_quota"), (cap_rows,), np.uint8)
        self.row_quota = self._grow(self.__dict__.get("row_quota"), (cap_rows, p), np.int64)
        # The compiled bans' output: per row its banned ids, how many, whether EOS is banned, whether it bans.
        self.ban_ids = np.zeros((cap_rows, p + self.max_target_tokens + 1), np.int64)
        self.ban_counts = np.zeros(cap_rows, np.int64)
        self.eos_banned = np.zeros(cap_rows, np.uint8)
        self.banning = np.zeros(cap_rows, np.uint8)
        if live:
            self.cache.grow(cap_rows, 0, live)
        else:
            self.cache.reset(cap_rows)
            self.cache.grow(cap_rows, 0, 0)

    def _grow(self, old: np.ndarray | None, shape: tuple[int, ...], dtype: type) -> np.ndarray:
        new = np.zeros(shape, dtype)
        if old is not None:
            new[: self.rows] = old[: self.rows]
        return new

    @property
    def capacity(self) -> tuple[int, int]:
        return self.cross[0].shape[0], self.cross[0].shape[2]

    @property
    def cache_bytes(self) -> int:
        """Bytes held by the cross-attention buffers and the self-attention cache."""
        return sum(a.nbytes for a in self.cross) + self.cache.nbytes

    # ---- joining and leaving ---------------------------------------------------------------------

    def join(self, sequences: Iterable[Sequence]) -> None:
        """Encode the newcomers (sorted by length, in chunks of little padding) and give each
        `beam_size` rows."""
        newcomers = sorted((s for s in sequences if s.source), key=lambda s: s.source_tokens)
        start = 0
        while start < len(newcomers):  # chunk: padded tokens within the budget, as the static engine cuts
            end = start + 1
            while end < len(newcomers) and (end + 1 - start) * newcomers[end].source_tokens <= ENCODER_TOKENS:
                end += 1
            self._join_encoded(newcomers[start:end])
            start = end

    def _join_encoded(self, newcomers: list[Sequence]) -> None:
        longest = max(s.source_tokens for s in newcomers)
        src = np.full((len(newcomers), longest), self.special.pad, np.int64)
        for i, s in enumerate(newcomers):
            src[i, : s.source_tokens] = [*s.source, self.special.eos]
        src_mask = (src != self.special.pad).astype(np.int64)
        cross = self.model.encode(src, src_mask)  # (J, heads, longest, head_dim) each

        beams = np.array([s.beam_size for s in newcomers])
        first, added = self.rows, int(beams.sum())
        cap_rows, cap_src = self.capacity
        if first + added > cap_rows or longest > cap_src:
            self._allocate(max(first + added, cap_rows), max(longest, cap_src))
        rows = slice(first, first + added)
        which = np.repeat(np.arange(len(newcomers)), beams)  # the newcomer of every new row
        starts = (first + np.cumsum(beams) - beams).tolist()
        for buffer, new in zip(self.cross, cross):
            if added == len(newcomers):  # one row each: no gather, so no temporary of every row's keys
                buffer[rows, :, :longest] = new
            else:  # each newcomer's keys broadcast into its beams' rows, again with no temporary
                for i, (start, k) in enumerate(zip(starts, beams.tolist())):
                    buffer[start: start + k, :, :longest] = new[i]
            buffer[rows, :, longest:] = 0.0  # masked, but must not hold NaN (0 × NaN is NaN)
        self.src_mask[rows] = 0
        self.src_mask[rows, :longest] = src_mask[which]
        self.tokens[rows] = self.special.bos
        self.positions[rows] = 0
        self.cache.join(rows)
        beam_of_row = np.arange(added) - np.repeat(np.cumsum(beams) - beams, beams)
        self.scores[rows] = np.where(beam_of_row == 0, 0.0, -np.inf)  # one live beam to start from
        self.row_ngram[rows] = np.repeat([s.options.no_repeat_ngram_size for s in newcomers], beams)
        self.row_min_length[rows] = np.repeat([s.options.min_length for s in newcomers], beams)
        self.row_reshape_until[rows] = np.repeat([ALWAYS if s.options.reshapes else len(s.prefix)
                                                  for s in newcomers], beams)
        self.has_quota[rows] = np.repeat([s.quota is not None for s in newcomers], beams)
        if len(self.placeholder_ids):
            none = np.zeros(len(self.placeholder_ids), np.int64)
            self.row_quota[rows] = np.stack([none if s.quota is None else s.quota for s in newcomers])[which]
        for s, slot in zip(newcomers, np.split(np.arange(first, first + added), np.cumsum(beams)[:-1])):
            s.slots, s.step, s.done = slot, 0, False
            s.finished.clear()
            s.held_back = None
            s.alternatives = [None] * s.beam_size if s.options.alternatives else []
            s.alive = None
            self._owner.extend(s for _ in slot)
        self.rows += added
        self.sequences.extend(newcomers)
        self._groups = None

    def leave(self, sequences: Iterable[Sequence]) -> None:
        """Take sequences out (finished, cancelled or expired): their slots are filled by the last rows."""
        leaving = [s for s in sequences if s.slots is not None]
        if not leaving:
            return
        holes = np.sort(np.concatenate([s.slots for s in leaving]))
        remaining = self.rows - len(holes)
        is_hole = np.zeros(self.rows, bool)
        is_hole[holes] = True
        movers = np.flatnonzero(~is_hole[remaining:]) + remaining  # live rows past the new end
        targets = holes[holes < remaining]  # holes inside the new end; as many as movers
        if len(movers):
            if self.compiled:  # the cross-attention keys row by row, with no temporary of the movers' rows
                _step.copy_rows(self.cross, targets, movers, self.cross[0].shape[2])
            else:
                for buffer in self.cross:
                    buffer[targets] = buffer[movers]
            for buffer in (self.src_mask, self.tokens, self.positions, self.scores, self.history,
                           self.row_ngram, self.row_min_length, self.row_reshape_until, self.has_quota, self.row_quota):
                buffer[targets] = buffer[movers]
            self.cache.copy(targets, movers, int(self.positions[movers].max()))
            for source, target in zip(movers.tolist(), targets.tolist()):
                sequence = self._owner[source]
                sequence.slots[sequence.slots == source] = target
                self._owner[target] = sequence
        del self._owner[remaining:]
        self.rows = remaining
        gone = {id(s) for s in leaving}
        self.sequences = [s for s in self.sequences if id(s) not in gone]
        for s in leaving:
            s.slots = None
        self._groups = None
        if not self.rows:  # empty: start the next burst from small buffers and no cache
            self._allocate(0, 0)

    # ---- one step ----------------------------------------------------------------------------------

    def step(self) -> StepReport:
        """One decoder call over every live row; each sequence takes its next token (or beams).
        Returns the sequences that ended; the caller makes them `leave`."""
        n = self.rows
        if not n:
            return StepReport(0, [])
        groups = self._beam_groups()
        top_k = 2 * max(k for k, _ in groups) + 1
        if self.compiled:
            values, ids, log_probs, reshaped = self._candidates_compiled(n, top_k)
        else:
            values, ids, log_probs, reshaped = self._candidates(n, top_k)
        if reshaped:
            values, ids = self._reshaped_candidates(reshaped, values, ids, log_probs)
        finished: list[Sequence] = []
        for (k, alternatives), (group, slots) in groups.items():
            if alternatives:
                finished.extend(self._select_alternatives(k, group, slots, values, ids))
            elif self.compiled:
                finished.extend(self._select_compiled(group, slots, self._group_arrays[k, alternatives], values, ids))
            else:
                finished.extend(self._select(k, group, slots, values, ids))
        self.positions[:n] += 1
        for s in finished:
            if s.falls_back:
                log.warning("a text could not place all its placeholders (numbers, names, Latin words, glossary "
                            "terms) before its length limit; it gets the ending the model wanted, without them")
        for s in self.sequences:
            s.step += 1
            if s.on_step is not None:  # a sequence that ended reports too, once: it leaves after this step
                s.on_step(s)
        return StepReport(n, finished)

    def _candidates(self, n: int, top_k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[Sequence]]:
        """The decoder call and each row's top_k candidates after the bans (the numpy reference), and the
        sequences whose candidates come from their whole distribution instead."""
        reshaped, banning = [], []  # sequences whose candidates come from their whole distribution; from bans
        for s in self.sequences:
            if s.options.reshapes or s.step < len(s.prefix):
                reshaped.append(s)
            elif s.quota is not None or s.options.no_repeat_ngram_size:
                banning.append(s)
        extra = 0
        if banning:  # as many more candidates as a row may lose (its bans and EOS), so that top_k remain
            rows, banned, eos_banned = self._bans(banning)
            extra = banned.shape[1] + 1
        values, ids, log_probs = self.cache.run(self, n, top_k + extra, want_log_probs=bool(reshaped))
        if self._quota_sequences:
            self._note_held_back_ends(values, ids)
        if banning:
            values, ids = self._remove(rows, banned, eos_banned, values, ids, top_k)
        return values, ids, log_probs, reshaped

    def _candidates_compiled(self, n: int, top_k: int
                             ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[Sequence]]:
        """`_candidates` with the bans collected and applied in compiled code, from the rows' own arrays:
        no work per sequence unless one has a reshaping control."""
        reshaped = [s for s in self._controlled if s.controlled]
        most = -1
        if self._may_ban:
            most = _step.collect_bans(self.history, self.positions, n, self.row_ngram, self.row_min_length,
                                      self.row_reshape_until, self.has_quota, self.row_quota, self.placeholder_ids,
                                      self.placeholder_index, self.ban_ids, self.ban_counts, self.eos_banned,
                                      self.banning)
        extra = most + 1 if most >= 0 else 0  # as many more candidates as a row may lose, so that top_k remain
        values, ids, log_probs = self.cache.run(self, n, top_k + extra, want_log_probs=bool(reshaped))
        if self._quota_sequences:
            self._note_held_back_ends(values, ids)
        if extra:
            top_k = min(top_k, values.shape[1])  # a vocabulary smaller than top_k (the tests' scripted models)
            kept_values, kept_ids = np.empty((n, top_k), np.float32), np.empty((n, top_k), np.int64)
            _step.filter_candidates(values, ids, n, self.banning, self.ban_ids, self.ban_counts, self.eos_banned,
                                    self.special.eos, kept_values, kept_ids)
            values, ids = kept_values, kept_ids
        return values, ids, log_probs, reshaped

    def _select_compiled(self, group: list[Sequence], slots: np.ndarray, arrays: tuple[np.ndarray, ...],
                         top_values: np.ndarray, top_ids: np.ndarray) -> list[Sequence]:
        """`_select` in one compiled call (service/engine/_step.pyx, select_beams); Python turns its events
        into hypotheses, once per hypothesis."""
        min_length, limits, n_best, n_finished, streaming = arrays
        most = 2 * slots.size
        if len(self._eos_prefixes) < most:
            self._eos_prefixes = np.zeros((_capacity(most, 16), self.max_target_tokens + 1), np.int64)
        events, event_values = np.empty((most, 4), np.int64), np.empty(most, np.float32)
        copies, ended = np.empty((slots.size, 3), np.int64), np.empty(len(group), np.uint8)
        n_events, n_copies = _step.select_beams(
            slots, top_values, top_ids, self.scores, self.tokens, self.history, self.positions, min_length, limits,
            n_best, n_finished, self.special.eos, events, event_values, self._eos_prefixes, copies, ended)
        if n_copies:
            self.cache.copy(copies[:n_copies, 0], copies[:n_copies, 1], int(copies[:n_copies, 2].max()))
        for (kind, i, row, length), value in zip(events[:n_events].tolist(), event_values[:n_events].tolist()):
            s, eos = group[i], kind == 0
            tokens = (self._eos_prefixes if eos else self.history)[row, :length].tolist()
            s.finished.append(Hypothesis(tokens, value, length_normalized(value, length + eos,
                                                                          s.options.length_penalty), eos))
        done = [group[i] for i in np.flatnonzero(ended).tolist()]
        for s in done:
            s.done = True
        for i in streaming:
            s = group[i]
            if not s.done:
                s.best_prefix = self.history[slots[i, 0], : s.step + 1].tolist()
        return done

    # ---- controls: bans and reshaped distributions (service/engine/controls.py) ---------------------------

    def _note_held_back_ends(self, values: np.ndarray, ids: np.ndarray) -> None:
        """Placeholder coverage's way out. A row that would end here (EOS among its own k best candidates, k
        its sequence's beam: the ranks where selection could end it, whatever the batch beside it) but may
        not, because a placeholder is still missing, leaves that ending on its sequence: `Sequence.held_back`,
        the first step's best. The first, not the best by normalized score over all steps: a confident loop
        that later wants to end scores its loop's average and would win. A sequence that never meets its
        quota returns it rather than what it wrote until its length limit (`Sequence.result`): the model's
        own sentence without the placeholder it could not place, not "That is a good. Is that agreement. Is
        a good is be good. sweet.nd ..." (docs/benchmarks.md). Python work per step only while such a
        sequence is live and has no ending yet, per its rows."""
        held = [s for s in self._quota_sequences if s.slots is not None and s.held_back is None
                and s.step >= max(s.options.min_length, len(s.prefix))]
        if not held:
            return
        rows = np.concatenate([s.slots for s in held])
        steps = np.concatenate([np.full(len(s.slots), s.step) for s in held])
        _, missing = self._placeholder_bans(held, rows, steps)
        start = 0
        for s in held:
            k = s.beam_size
            for row, miss in zip(s.slots.tolist(), missing[start: start + len(s.slots)].tolist()):
                hit = np.flatnonzero(ids[row, :k] == self.special.eos)
                if not (miss and len(hit)):
                    continue
                total = float(self.scores[row] + values[row, hit[0]])  # float32, as the selection adds
                if not np.isfinite(total):  # a dead beam's row
                    continue
                tokens = self.history[row, : s.step].tolist()
                score = length_normalized(total, len(tokens) + 1, s.options.length_penalty)
                if s.held_back is None or score > s.held_back.score:  # the best of this one step's rows
                    s.held_back = Hypothesis(tokens, total, score, True)
            start += len(s.slots)

    def _bans(self, sequences: list[Sequence]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows of `sequences`, and per row the token ids it may not take next (-1 pads: it matches no
        token) and whether EOS is banned: placeholders used up and EOS while one is missing (the quota),
        tokens that would repeat an n-gram (no_repeat_ngram_size), EOS before min_length."""
        rows = np.concatenate([s.slots for s in sequences])
        steps = np.concatenate([np.full(len(s.slots), s.step) for s in sequences])
        used_up, missing = self._placeholder_bans(sequences, rows, steps)
        repeats = self._ngram_bans(sequences, rows, steps)
        min_length = np.concatenate([np.full(len(s.slots), s.options.min_length) for s in sequences])
        return rows, np.concatenate([used_up, repeats], axis=1), missing | (steps < min_length)

    def _placeholder_bans(self, sequences: list[Sequence], rows: np.ndarray, steps: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
        """Per row: the placeholder ids used up (as often as the source has them; -1 for the others, and for
        every placeholder of a sequence without a quota) and whether one is still missing."""
        if not any(s.quota is not None for s in sequences):
            return np.zeros((len(rows), 0), np.int64), np.zeros(len(rows), bool)
        p = len(self.placeholder_ids)
        none = np.zeros(p, np.int64)
        quota = np.concatenate([np.broadcast_to(none if s.quota is None else s.quota, (len(s.slots), p))
                                for s in sequences])
        has = np.concatenate([np.full(len(s.slots), s.quota is not None) for s in sequences])
        history = self.history[rows, : max(int(steps.max()), 1)]
        written = np.arange(history.shape[1])[None, :] < steps[:, None]
        used = ((history[:, :, None] == self.placeholder_ids) & written[:, :, None]).sum(axis=1)  # (R, P)
        missing = (np.maximum(quota - used, 0).sum(axis=1) > 0) & has  # one used too often hides no missing one
        return np.where(has[:, None] & (quota - used <= 0), self.placeholder_ids, -1), missing

    def _ngram_bans(self, sequences: list[Sequence], rows: np.ndarray, steps: np.ndarray) -> np.ndarray:
        """Per row, the tokens that would close an n-gram its output already has (n: its sequence's
        no_repeat_ngram_size; -1 pads), for all rows at once per n: the output's windows of n tokens
        whose first n - 1 equal its last n - 1."""
        sizes = np.concatenate([np.full(len(s.slots), s.options.no_repeat_ngram_size) for s in sequences])
        parts = []
        for n in np.unique(sizes[sizes > 0]).tolist():
            mine = np.flatnonzero((sizes == n) & (steps >= n))
            if not len(mine):
                continue
            width = int(steps[mine].max())
            history, last = self.history[rows[mine], :width], steps[mine]
            windows = np.lib.stride_tricks.sliding_window_view(history, n, axis=1)  # (R, width - n + 1, n)
            inside = np.arange(windows.shape[1])[None, :] + n <= last[:, None]  # the window is all written
            if n == 1:
                match = inside
            else:
                suffix = np.take_along_axis(history, last[:, None] - n + 1 + np.arange(n - 1)[None, :], axis=1)
                match = inside & (windows[:, :, :-1] == suffix[:, None, :]).all(axis=2)
            banned = np.full((len(rows), windows.shape[1]), -1, np.int64)
            banned[mine] = np.where(match, windows[:, :, -1], -1)
            width = int(match.sum(axis=1).max())
            parts.append(-np.sort(-banned, axis=1)[:, :width])  # the bans first, then the -1 pads
        return np.concatenate(parts, axis=1) if parts else np.zeros((len(rows), 0), np.int64)

    def _remove(self, rows: np.ndarray, banned_ids: np.ndarray, eos_banned: np.ndarray, values: np.ndarray,
                ids: np.ndarray, top_k: int) -> tuple[np.ndarray, np.ndarray]:
        """Every row's best `top_k` candidates, out of the more the graph gave: in `rows`, without the banned
        ids (and EOS where banned). At most that many are banned, so top_k remain; other rows keep their
        first top_k, exactly what the graph gives when asked for top_k."""
        candidates, scores = ids[rows], values[rows]
        banned = (candidates[:, :, None] == banned_ids[:, None, :]).any(axis=2)
        banned |= eos_banned[:, None] & (candidates == self.special.eos)
        scores = np.where(banned, -np.inf, scores).astype(values.dtype)
        order = np.lexsort((candidates, -scores), axis=1)  # best first, ties to the lower id (as TopK)
        values, ids = values[:, :top_k].copy(), ids[:, :top_k].copy()
        values[rows] = np.take_along_axis(scores, order, axis=1)[:, :top_k]
        ids[rows] = np.take_along_axis(candidates, order, axis=1)[:, :top_k]
        return values, ids

    def _reshaped_candidates(self, sequences: list[Sequence], values: np.ndarray, ids: np.ndarray,
                             log_probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The candidates of these sequences' rows from their whole distributions: the repetition penalty
        reshapes it; the bans remove tokens; a target prefix forces its next token (with its log-prob
        before the bans); sampling draws one. The other rows keep theirs."""
        values, ids = values.copy(), ids.copy()
        rows, banned, eos_banned = self._bans(sequences)
        lp = log_probs[rows]
        penalties = np.concatenate([np.full(len(s.slots), s.options.repetition_penalty) for s in sequences])
        penalized = np.flatnonzero(penalties != 1.0)
        if len(penalized):
            step = np.concatenate([np.full(len(s.slots), s.step) for s in sequences])[penalized]
            history = self.history[rows[penalized], : max(int(step.max()), 1)]
            written = np.arange(history.shape[1])[None, :] < step[:, None]
            seen = np.zeros((len(penalized), lp.shape[1] + 1), bool)  # the last column takes the unwritten
            np.put_along_axis(seen, np.where(written, history, lp.shape[1]), True, axis=1)
            lp[penalized] = log_normalized(np.where(seen[:, :-1], lp[penalized] - np.log(
                penalties[penalized, None]).astype(np.float32), lp[penalized]))
        before_bans = lp.copy()
        padded = np.concatenate([lp, np.zeros((len(rows), 1), lp.dtype)], axis=1)
        np.put_along_axis(padded, np.where(banned >= 0, banned, lp.shape[1]), -np.inf, axis=1)
        lp = padded[:, :-1]
        lp[eos_banned, self.special.eos] = -np.inf
        at = 0
        for s in sequences:
            own = slice(at, at + len(s.slots))
            at += len(s.slots)
            if s.step < len(s.prefix):
                forced = s.prefix[s.step]
                lp[own] = -np.inf
                lp[own, forced] = before_bans[own, forced]
            elif s.options.sampling:  # beam 1: the drawn token is the row's one candidate
                o = s.options
                token = sample_token(lp[own][0], o.sampling_topk, o.sampling_topp, o.sampling_temperature, s.rng)
                kept = lp[own.start, token]
                lp[own] = -np.inf
                lp[own.start, token] = kept
        values[rows], ids[rows] = top_candidates(lp, values.shape[1])
        return values, ids

    def _beam_groups(self) -> dict[tuple[int, bool], tuple[list[Sequence], np.ndarray]]:
        """Live sequences by (beam size, alternatives), with their slots as one (n, k) array: the selection
        runs once per beam size, vectorized over the sequences that share it."""
        if self._groups is None:
            self._group_arrays = {}
            groups: dict[tuple[int, bool], list[Sequence]] = {}
            for s in self.sequences:
                groups.setdefault((s.beam_size, s.options.alternatives), []).append(s)
            self._groups = {}
            for k, g in groups.items():
                slots = np.stack([s.slots for s in g])
                for i, s in enumerate(g):
                    s.slots = slots[i]  # a view: the selection updates both at once
                self._groups[k] = (g, slots)
                self._group_arrays[k] = (  # what the compiled selection reads per sequence
                    np.array([s.options.min_length for s in g], np.int64), np.array([s.limit for s in g], np.int64),
                    np.array([s.options.n_best for s in g], np.int64),
                    np.array([len(s.finished) for s in g], np.int64),
                    [i for i, s in enumerate(g) if s.on_step is not None])
            self._controlled = [s for s in self.sequences if s.options.reshapes or s.prefix]
            self._may_ban = any(s.quota is not None or s.options.no_repeat_ngram_size for s in self.sequences)
            self._quota_sequences = [s for s in self.sequences if s.quota is not None and not s.options.reshapes
                                     and not s.options.alternatives]
        return self._groups

    def _select(self, k: int, group: list[Sequence], slots: np.ndarray, top_values: np.ndarray,
                top_ids: np.ndarray) -> list[Sequence]:
        """Beam search's selection for the sequences of one beam size (k = 1 is greedy), by the rules
        of export/decoding.py: candidates ranked by cumulative log-prob, the best 2·k walked in order,
        EOS within the first k finishes a hypothesis, the first k others are the next beams. Each row
        offers its own best K tokens (K > 2k): the best 2k of a sentence's k·V candidates are among them."""
        eos = self.special.eos
        n, per_row = len(group), top_ids.shape[1]
        steps = np.array([s.step for s in group])
        banned = steps < np.array([s.options.min_length for s in group])
        if k == 1 and not banned.any():
            return self._select_greedy(group, slots[:, 0], steps, top_values, top_ids)
        values = top_values[slots.reshape(-1)].reshape(n, k, per_row)
        tokens = top_ids[slots.reshape(-1)].reshape(n, k, per_row)
        if banned.any():
            values = np.where(banned[:, None, None] & (tokens == eos), -np.inf, values).astype(np.float32)
        totals = (self.scores[slots][:, :, None] + values).reshape(n, k * per_row)  # float32, as the reference
        flat = (np.arange(k)[None, :, None] * VOCAB_STRIDE + tokens).reshape(n, k * per_row)  # (beam, token) order
        width = min(2 * k, k * per_row)
        order = np.lexsort((flat, -totals), axis=1)[:, :width]  # best first; ties by (beam, token)
        cand_values = np.take_along_axis(totals, order, axis=1)
        beam, token = np.divmod(np.take_along_axis(flat, order, axis=1), VOCAB_STRIDE)
        is_eos = token == eos
        finishing = is_eos & (np.arange(width)[None, :] < k) & np.isfinite(cand_values)
        live = ~is_eos
        live &= np.cumsum(live, axis=1) <= k  # the first k non-EOS candidates, in rank order
        live_cols = np.argsort(~live, axis=1, kind="stable")[:, :k]
        origins = np.take_along_axis(slots, np.take_along_axis(beam, live_cols, axis=1), axis=1)  # (n, k) slots
        new_tokens = np.take_along_axis(token, live_cols, axis=1)
        new_scores = np.take_along_axis(cand_values, live_cols, axis=1)

        for i, c in zip(*np.nonzero(finishing)):  # hypotheses ending with EOS, from the beams before reordering
            s, value = group[i], float(cand_values[i, c])
            prefix = self.history[slots[i, beam[i, c]], : s.step].tolist()
            s.finished.append(Hypothesis(prefix, value, length_normalized(value, len(prefix) + 1,
                                                                          s.options.length_penalty), True))
        if k > 1:  # beams follow their origins: their generated tokens and their cache
            new_slots, dest, src = fork_rows(slots, origins)
            if len(dest):
                self.history[dest] = self.history[src]
                self.cache.copy(dest, src, int(steps.max()) + 1)
            slots[:] = new_slots  # the sequences' own slots are views of this array
        self.history[slots, steps[:, None]] = new_tokens
        self.tokens[slots] = new_tokens
        self.scores[slots] = new_scores

        ended = []
        best_finished = finishing[:, 0]
        for i, s in enumerate(group):
            if best_finished[i] and len(s.finished) >= s.options.n_best:
                s.done = True
            elif s.step + 1 >= s.limit:  # cut by the length limit: live beams end here
                for b in range(k):
                    value = float(new_scores[i, b])
                    if np.isfinite(value):
                        tokens_b = self.history[slots[i, b], : s.step + 1].tolist()
                        s.finished.append(Hypothesis(tokens_b, value, length_normalized(
                            value, len(tokens_b), s.options.length_penalty), False))
                s.done = True
            if s.done:
                ended.append(s)
            elif s.on_step is not None:
                s.best_prefix = self.history[slots[i, 0], : s.step + 1].tolist()
        return ended

    def _select_greedy(self, group: list[Sequence], rows: np.ndarray, steps: np.ndarray, top_values: np.ndarray,
                       top_ids: np.ndarray) -> list[Sequence]:
        """`_select` for beam 1 with nothing banned, in a few array operations: each row's best token
        (the graph's TopK puts it first, the lower id on ties) is its next token, or its end."""
        token = top_ids[rows, 0]
        value = self.scores[rows] + top_values[rows, 0]  # float32, as the reference
        self.history[rows, steps] = token
        self.tokens[rows], self.scores[rows] = token, value
        ended = []
        for i in np.flatnonzero((token == self.special.eos) | (steps + 1 >= [s.limit for s in group])).tolist():
            s, v = group[i], float(value[i])
            finished = bool(token[i] == self.special.eos)
            prefix = self.history[rows[i], : s.step + (not finished)].tolist()
            s.finished.append(Hypothesis(prefix, v, length_normalized(v, len(prefix) + finished,
                                                                      s.options.length_penalty), finished))
            s.done = True
            ended.append(s)
        for i, s in enumerate(group):
            if s.on_step is not None and not s.done:
                s.best_prefix = self.history[rows[i], : s.step + 1].tolist()
        return ended


    def _select_alternatives(self, k: int, group: list[Sequence], slots: np.ndarray, top_values: np.ndarray,
                             top_ids: np.ndarray) -> list[Sequence]:
        """`options.alternatives`: beam 0 alone follows the target prefix; at the first free position its k
        best tokens other than EOS and a bare word boundary start the k beams (copies of beam 0); after that each beam goes on
        greedily by itself, and ends at its own EOS. Few requests ask for this: a loop per sequence."""
        eos, ended = self.special.eos, []
        for i, s in enumerate(group):
            beams, step = slots[i], s.step
            if step < len(s.prefix):
                row = beams[0]
                self._extend(row, step, int(top_ids[row, 0]), self.scores[row] + top_values[row, 0])
                if step + 1 >= s.limit:
                    s.alive = np.zeros(k, bool)
                    s.alive[0] = True
            elif step == len(s.prefix):
                row, base = beams[0], self.scores[beams[0]]
                free = [(v, t) for v, t in zip(top_values[row].tolist(), top_ids[row].tolist())
                        if t != eos and t not in self.bare_ids and np.isfinite(v)][:k]
                dest = beams[1:len(free)]
                if len(dest):
                    self.history[dest] = self.history[row]
                    self.cache.copy(dest, np.full(len(dest), row), step + 1)
                for b, (value, token) in enumerate(free):
                    self._extend(beams[b], step, token, base + np.float32(value))
                s.alive = np.arange(k) < len(free)
            else:
                for b in np.flatnonzero(s.alive).tolist():
                    row = beams[b]
                    token, value = int(top_ids[row, 0]), self.scores[row] + top_values[row, 0]
                    if token == eos:
                        tokens = self.history[row, :step].tolist()
                        s.alternatives[b] = Hypothesis(tokens, float(value), length_normalized(
                            float(value), len(tokens) + 1, s.options.length_penalty), True)
                        s.alive[b] = False
                    else:
                        self._extend(row, step, token, value)
            if s.alive is not None and step + 1 >= s.limit:  # cut by the length limit
                for b in np.flatnonzero(s.alive).tolist():
                    tokens, value = self.history[beams[b], :step + 1].tolist(), float(self.scores[beams[b]])
                    s.alternatives[b] = Hypothesis(tokens, value, length_normalized(
                        value, len(tokens), s.options.length_penalty), False)
                s.alive[:] = False
            if s.alive is not None and not s.alive.any():
                s.done = True
                ended.append(s)
            elif s.on_step is not None:
                s.best_prefix = self.history[beams[0], : step + 1].tolist()
        return ended

    def _extend(self, row: int, step: int, token: int, score: float) -> None:
        self.history[row, step] = token
        self.tokens[row], self.scores[row] = token, score


def decode_all(batch: RunningBatch, sequences: list[Sequence], max_rows: int = 256) -> None:
    """Decode `sequences` to the end through `batch`, joining them in order as rows free up (at most
    `max_rows` live rows; a sequence wider than that joins alone). The offline driver: benchmarks
    and tests; the server's scheduler drives the batch itself."""
    waiting = list(sequences)
    while waiting or batch.sequences:
        joining = []
        rows = batch.rows
        while waiting and (rows + waiting[0].beam_size <= max_rows or not (rows or joining)):
            rows += waiting[0].beam_size
            joining.append(waiting.pop(0))
        batch.join(joining)
        batch.leave(batch.step().finished)
