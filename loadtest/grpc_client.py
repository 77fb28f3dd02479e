"""gRPC calls reported to locust: each call becomes one request event with its name, time and status code.

Locust only counts what its `environment.events.request` hook is told, and it knows nothing of gRPC, so
every call goes through `CallReporter.call`. The hook is passed in (it is `events.request.fire` under
locust, a plain function in tests), so this module imports neither locust nor gevent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import grpc

T = TypeVar("T")
REQUEST_TYPE = "grpc"  # the "Type" column of locust's tables and CSVs
CODES = {code.value[0]: code for code in grpc.StatusCode}  # StreamError carries the number, not the enum


class GrpcStatusError(Exception):
    """A failed call as locust records it: the code first, then the server's details."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(code, details)
        self.code, self.details = code, details

    def __str__(self) -> str:
        return f"{self.code.name}: {self.details}"

    # Locust keys and shows failures by repr(error); the default repr would hide the code in an enum repr.
    __repr__ = __str__


def status_code(value: int) -> grpc.StatusCode:
    return CODES.get(value, grpc.StatusCode.UNKNOWN)


class CallReporter:
    """Times calls and fires one request event per call (request_type 'grpc', context {'code': ...})."""

    def __init__(self, fire: Callable[..., None]) -> None:
        self.fire = fire

    def call(self, name: str, invoke: Callable[[], T], size: Callable[[T], int]) -> T | None:
        """Run `invoke` (the whole call, a stream read to its end included); a gRPC error is reported as a
        failure carrying its code and details, and None is returned in place of the response."""
        start_time = time.time()
        started = time.perf_counter()
        response, length, error = None, 0, None
        try:
            response = invoke()
            length = size(response)
        except grpc.RpcError as exc:
            # Channel-level errors (e.g. a bad target) may lack code()/details(); they are still failures.
            code = exc.code() if hasattr(exc, "code") else grpc.StatusCode.UNKNOWN
            details = exc.details() if hasattr(exc, "details") else str(exc)
            error = GrpcStatusError(code, details or "")
        except GrpcStatusError as exc:
            error = exc
        elapsed_ms = (time.perf_counter() - started) * 1000
        self.fire(request_type=REQUEST_TYPE, name=name, response_time=elapsed_ms, response_length=length,
                  response=response, exception=error, start_time=start_time,
                  context={"code": (error.code if error else grpc.StatusCode.OK).name})
        return None if error else response
