"""Giving memory back to the system after large requests.

A request of a few MB (texts, their protobuf copies, token lists) is freed when answered, but glibc's
allocator keeps the freed pages in its arenas for reuse: measured, a burst of 64 requests of 1 MB
each took the server from 123 to 181 MiB resident, and it stayed there (209 MiB after three bursts).
Part of it is garbage in reference cycles (a refused request's traceback keeps its frames, texts and
token lists alive until the cyclic collector runs); `malloc_trim(0)` then returns the
free pages at the top of every arena; it costs a few ms, so it runs off the event loop, once after a
burst, not per request.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging

log = logging.getLogger(__name__)


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


MALLOC_TRIM = _malloc_trim()


class MemoryReleaser:
    """Trims `quiet` seconds after the last large request of a burst (a steady stream of them is trimmed
    at least every `longest` seconds)."""

    def __init__(self, quiet: float = 0.5, longest: float = 5.0) -> None:
        self.quiet, self.longest = quiet, longest
        self._timer: asyncio.TimerHandle | None = None
        self._first = 0.0

    def after_large_request(self) -> None:
        """On the event loop, when a large request comes in."""
        if MALLOC_TRIM is None:
            return
        loop = asyncio.get_running_loop()
        if self._timer is None:
            self._first = loop.time()
        elif loop.time() - self._first < self.longest:
            self._timer.cancel()
        else:
            return
        self._timer = loop.call_later(self.quiet, self._trim)

    def _trim(self) -> None:
        self._timer = None
        asyncio.get_running_loop().run_in_executor(None, release)


def release() -> None:
    """Collect reference cycles first (a refused request's traceback holds its frames, and with them its
    texts and token lists, until the cyclic collector runs), then return the free pages."""
    collected = gc.collect()
    MALLOC_TRIM(0)
    log.debug("released memory after large requests (%d objects in cycles)", collected)
