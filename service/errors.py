"""Domain errors of the service. Each carries its gRPC status code; the servicer maps them to
statuses in one place, and INTERNAL is left for real bugs."""

from __future__ import annotations

import grpc


class ServiceError(Exception):
    code: grpc.StatusCode = grpc.StatusCode.INTERNAL


class InvalidRequest(ServiceError):
    code = grpc.StatusCode.INVALID_ARGUMENT


class UnknownModel(ServiceError):
    code = grpc.StatusCode.NOT_FOUND


class UnknownGlossary(ServiceError):
    code = grpc.StatusCode.NOT_FOUND


class BrokenGlossary(ServiceError):
    """A glossary file on the server that cannot be read: the operator's to fix, not the caller's."""

    code = grpc.StatusCode.FAILED_PRECONDITION


class QueueFull(ServiceError):
    code = grpc.StatusCode.RESOURCE_EXHAUSTED

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # seconds after which a retry may be admitted: sent as a gRPC retry hint


class DeadlinePassed(ServiceError):
    code = grpc.StatusCode.DEADLINE_EXCEEDED


class NotServing(ServiceError):
    code = grpc.StatusCode.UNAVAILABLE

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after  # when the server expects to serve again (an engine restarting)
