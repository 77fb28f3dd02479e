"""h2load (Debian's nghttp2-client) as the benchmarks' cheap gRPC load generator: one pre-encoded call sent
as fast as streams allow, or at the times of Poisson scripts. h2load reads HTTP status, not grpc-status.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple


PATH = "/translate.v1.Translator/Translate"


def grpc_frame(request) -> bytes:  # any protobuf message
    """A gRPC message as sent on the wire: a 5-byte prefix (uncompressed, length) and the protobuf body."""
    body = request.SerializeToString()
    return b"\x00" + len(body).to_bytes(4, "big") + body


def require_h2load() -> bool:
    """True when h2load is installed; else says how to install it on stderr."""
    if shutil.which("h2load") is not None:
        return True
    print("error: h2load is not installed (Debian: apt-get install nghttp2-client)", file=sys.stderr)
    return False


class Call(NamedTuple):
    """One call as h2load logged it."""

    status: int  # HTTP status (gRPC answers are 200 whatever their grpc-status)
    seconds: float  # until the end of the answer
    started: float  # time.time() when it was sent


def run_h2load(address: str, body: Path, work: Path, deadline: float | None = None, *,
               scripts: list[Path] | None = None, clients: int = 64, streams: int = 1, seconds: float = 0,
               warmup: float = 1) -> tuple[list[tuple[int, float]], float]:
    """Each finished call (`Call`) and h2load's CPU seconds. With `scripts`: one h2load process
    per script, each one connection playing its script open loop (independent Poisson processes add up to
    one); else `clients` connections of `streams` streams each, closed loop, for `seconds` after `warmup`."""
    headers = ["-H", "content-type: application/grpc", "-H", "te: trailers"]
    if deadline is not None:
        headers += ["-H", f"grpc-timeout: {int(deadline * 1000)}m"]
    if scripts:  # the scripts name the URI
        commands = [["--timing-script-file", str(script), "-c", "1", "-m", "10000", "-t", "1"] for script in scripts]
    else:
        commands = [["-c", str(clients), "-m", str(streams), "-t", "1", "-D", str(round(seconds)),
                     "--warm-up-time", str(round(warmup)), f"http://{address}{PATH}"]]
    for i in range(len(commands)):
        (work / f"h2load{i}.log").unlink(missing_ok=True)  # h2load appends to its log file
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    procs = [subprocess.Popen(["h2load", *command, "-d", str(body), *headers, "--log-file", str(work / f"h2load{i}.log")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for i, command in enumerate(commands)]
    outputs = [proc.communicate(timeout=600)[0] for proc in procs]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if any(proc.returncode for proc in procs):
        raise RuntimeError("h2load failed:\n" + "\n".join(outputs))
    rows = [line.split("\t") for i in range(len(commands))
            for line in (work / f"h2load{i}.log").read_text().splitlines() if line.strip()]
    return [Call(int(r[1]), int(r[2]) / 1e6, int(r[0]) / 1e6) for r in rows], (after.ru_utime - before.ru_utime) + (
        after.ru_stime - before.ru_stime)
