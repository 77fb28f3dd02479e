"""Every method of every service answers a body that does not parse with INVALID_ARGUMENT.

gRPC parses a request with the handler's deserializer before any servicer code runs. When that
raises, grpc.aio logs a full traceback and answers UNKNOWN: one probe sending garbage to ListModels
and to the health service made 2,478 ERROR lines (1.8 MB of log), a disk-filling vector. Here a
service is registered through `add_guarded(add_fn, servicer, server)`, where `add_fn` is the usual
`add_*Servicer_to_server` (generated, health's, reflection's): its handlers are taken as it hands
them over and given a deserializer that turns a parse failure into a `Malformed` marker, and a
behaviour that answers the marker with INVALID_ARGUMENT (streams: at the bad message) and says so in
the log at most once every `LOG_INTERVAL` seconds, with a count.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import grpc

log = logging.getLogger(__name__)

LOG_INTERVAL = 10.0  # seconds between log lines about malformed requests


@dataclass(frozen=True)
class Malformed:
    """Stands in for a request that did not parse."""

    method: str
    reason: str

    @property
    def message(self) -> str:
        return f"the request body is not a valid message for {self.method}: {self.reason}"


class RateLimitedLog:
    """One warning per `interval` seconds at most; the ones held back are counted in the next."""

    def __init__(self, interval: float = LOG_INTERVAL) -> None:
        self.interval = interval
        self._last = -float("inf")
        self._held = 0
        self._lock = threading.Lock()

    def warning(self, message: str) -> None:
        with self._lock:
            now = time.monotonic()
            if now - self._last < self.interval:
                self._held += 1
                return
            held, self._held, self._last = self._held, 0, now
        log.warning("%s%s", message, f" ({held} more like it since the last such line)" if held else "")


MALFORMED_LOG = RateLimitedLog()


def _deserializer(method: str, parse: Callable[[bytes], object] | None) -> Callable[[bytes], object]:
    def deserialize(data: bytes) -> object:
        if parse is None:
            return data
        try:
            return parse(data)
        except Exception as exc:  # protobuf's DecodeError, or anything a custom parser raises
            return Malformed(method, type(exc).__name__ if not str(exc) else str(exc)[:120])
    return deserialize


async def _refuse(malformed: Malformed, context: grpc.aio.ServicerContext, metrics) -> None:
    MALFORMED_LOG.warning(f"refused a malformed request: {malformed.message}")
    if metrics is not None:  # counted like every other call (translate_requests_total), by its method's name
        metrics.requests.labels(malformed.method.rsplit("/", 1)[-1], grpc.StatusCode.INVALID_ARGUMENT.name).inc()
    await context.abort(grpc.StatusCode.INVALID_ARGUMENT, malformed.message)


def _guard_behaviour(behaviour: Callable, request_streaming: bool, metrics=None) -> Callable:
    """The same kind of callable (coroutine or async generator function) as `behaviour`, refusing Malformed."""

    async def checked(iterator, context):
        async for message in iterator:
            if isinstance(message, Malformed):
                await _refuse(message, context, metrics)
            yield message

    def arguments(request, context):
        return (checked(request, context) if request_streaming else request), context

    if inspect.isasyncgenfunction(behaviour):
        async def guarded_stream(request, context):
            if not request_streaming and isinstance(request, Malformed):
                await _refuse(request, context, metrics)
            async for response in behaviour(*arguments(request, context)):
                yield response
        return guarded_stream

    async def guarded(request, context):
        if not request_streaming and isinstance(request, Malformed):
            await _refuse(request, context, metrics)
        return await behaviour(*arguments(request, context))
    return guarded


def guard(service: str, name: str, handler: grpc.RpcMethodHandler, metrics=None) -> grpc.RpcMethodHandler:
    method = f"/{service}/{name}"
    kind = next(k for k in ("unary_unary", "unary_stream", "stream_unary", "stream_stream") if getattr(handler, k))
    return handler._replace(request_deserializer=_deserializer(method, handler.request_deserializer),
                            **{kind: _guard_behaviour(getattr(handler, kind), handler.request_streaming, metrics)})


class _Capture:
    """Stands in for the server while an add_*_to_server function hands over its handlers."""

    def __init__(self) -> None:
        self.services: dict[str, dict[str, grpc.RpcMethodHandler]] = {}

    def add_registered_method_handlers(self, service: str, handlers: dict[str, grpc.RpcMethodHandler]) -> None:
        self.services[service] = dict(handlers)

    def add_generic_rpc_handlers(self, handlers) -> None:  # the same handlers again, in generic form
        pass


def register(server: grpc.aio.Server, service: str, handlers: dict[str, grpc.RpcMethodHandler], metrics=None) -> None:
    """`metrics` (ServiceMetrics): where refused malformed calls are counted."""
    guarded = {name: guard(service, name, handler, metrics) for name, handler in handlers.items()}
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(service, guarded),))
    server.add_registered_method_handlers(service, guarded)


def add_guarded(add: Callable[[object, object], None], servicer: object, server: grpc.aio.Server,
                metrics=None) -> None:
    """`add(servicer, server)`, with every method's parsing guarded."""
    capture = _Capture()
    add(servicer, capture)
    if not capture.services:
        raise TypeError(f"{add.__name__} registered no method handlers by service name")
    for service, handlers in capture.services.items():
        register(server, service, handlers, metrics)
