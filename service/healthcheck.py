"""Ask a gRPC server's standard health service whether it serves: exit 0 if SERVING, 1 otherwise.

    python -m service.healthcheck                                   # 127.0.0.1:50051, the whole server
    python -m service.healthcheck --address lb:50051 --service translate.v1.Translator --timeout 5

The container's HEALTHCHECK runs this every few seconds, so it imports grpc and grpc_health only
(no onnxruntime, no numpy, no model code) and starts in a fraction of a second. mt-serve answers
NOT_SERVING while its models load and warm up and again once it drains on SIGTERM.
"""

from __future__ import annotations

import argparse
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

SERVING = health_pb2.HealthCheckResponse.SERVING


def check(address: str, service: str = "", timeout: float = 2.0) -> tuple[bool, str]:
    """One health Check call: (serving?, a line that says what was found)."""
    name = repr(service) if service else "the server"
    # A probe talks to its own host: a proxy from the environment (http_proxy) must not get in the way.
    with grpc.insecure_channel(address, options=[("grpc.enable_http_proxy", 0)]) as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        except grpc.RpcError as exc:
            code = exc.code()
            if code == grpc.StatusCode.NOT_FOUND:
                return False, f"{address}: unhealthy: the health service does not know {name}"
            if code == grpc.StatusCode.DEADLINE_EXCEEDED:
                return False, f"{address}: unhealthy: no answer within {timeout:g} s"
            return False, f"{address}: unhealthy: {code.name}: {exc.details()}"
    status = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    return reply.status == SERVING, f"{address}: {name} is {status}"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m service.healthcheck", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--address", default="127.0.0.1:50051", help="host:port of the gRPC server (default: %(default)s)")
    p.add_argument("--service", default="",
                   help="service name to ask about; '' is the whole server (default: '')")
    p.add_argument("--timeout", type=float, default=2.0, help="seconds to wait for the answer (default: %(default)s)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    serving, line = check(args.address, args.service, args.timeout)
    print(line, file=sys.stdout if serving else sys.stderr)
    return 0 if serving else 1


if __name__ == "__main__":
    sys.exit(main())
