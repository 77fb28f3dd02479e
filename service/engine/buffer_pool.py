"""Recycled float32 buffers for the running batch's caches.

A fresh multi-megabyte array is memory the kernel maps page by page at its first touch. On the 2-core
development VM, a batch of 128 rows (beam 4 × 32 texts) paid 70 ms in its first cache write for 2,868 page
faults, as much as five whole decoder steps, and again at every burst and every change of cache width.
The shapes recur (the cache's width moves in steps of COLUMN_STEP, rows double), so arrays the batch lets go
are kept, by shape, and handed out again: the faults are paid once per shape, not once per burst.

Recycled arrays hold stale values, which is safe where every use writes before it reads or masks what it
did not write: the self-attention cache (columns past a row's position are masked) and the
cross-attention buffers (a joining row writes all of its columns). The stale values are keys and values
the graph produced, so finite: a masked column's weight is exactly 0, and 0 × finite is 0.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

DEFAULT_MAX_BYTES = 256 << 20  # what a pool may hold beyond the arrays in use
_shared: BufferPool | None = None


class BufferPool:
    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0  # held, not in use
        self._free: OrderedDict[tuple[int, ...], list[np.ndarray]] = OrderedDict()  # least recently given first
        self._lock = threading.Lock()  # running batches of several threads may share one

    @staticmethod
    def shared() -> BufferPool:
        """The process's pool: a running batch made for each burst (the offline driver, the static
        engine) finds the arrays of the one before."""
        global _shared
        if _shared is None:
            _shared = BufferPool()
        return _shared

    def take(self, shape: tuple[int, ...]) -> np.ndarray:
        """A float32 array of this shape: a recycled one (stale values) or a new one (zeros)."""
        with self._lock:
            arrays = self._free.get(shape)
            if not arrays:
                return np.zeros(shape, np.float32)
            array = arrays.pop()
            if not arrays:
                del self._free[shape]
            self.bytes -= array.nbytes
            return array

    def give(self, arrays: Iterable[np.ndarray]) -> None:
        """Arrays no longer in use (nobody may hold a view of them); the least recently given go first
        when the pool passes its bytes."""
        with self._lock:
            for array in arrays:
                if not array.nbytes or array.dtype != np.float32 or not array.flags.c_contiguous \
                        or array.base is not None:
                    continue
                self._free.setdefault(array.shape, []).append(array)
                self._free.move_to_end(array.shape)
                self.bytes += array.nbytes
            while self.bytes > self.max_bytes:
                shape, oldest = next(iter(self._free.items()))
                self.bytes -= oldest.pop(0).nbytes
                if not oldest:
                    del self._free[shape]
