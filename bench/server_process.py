"""`mt-serve` in a child process on free ports, for tests and benchmarks that need the real thing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Self

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, from /proc."""
    pids, i = [pid], 0
    while i < len(pids):
        for task in Path(f"/proc/{pids[i]}/task").glob("*"):
            try:
                pids += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        i += 1
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class ServerProcess:
    """`python -m service.server` on 127.0.0.1 with free ports (learnt from its log, read on a thread)."""

    def __init__(self, store: Path, *flags: str, timeout: float = 120, cwd: Path | None = None) -> None:
        """`cwd`: run the service package found there instead (another checkout: before/after benchmarks)."""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "service.server", "--host", "127.0.0.1", "--port", "0", "--metrics-port", "0",
             "--store", str(Path(store).resolve()), "--watch-interval", "0", *flags],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        grpc_port = self.wait_for(r"gRPC listening on [\d.]+:(\d+)", timeout)
        metrics_port = self.wait_for(r"metrics on http://[\d.]+:(\d+)/metrics", timeout)
        self.address = f"127.0.0.1:{grpc_port}"
        self.metrics_url = f"http://127.0.0.1:{metrics_port}/metrics"

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 60) -> str:
        """The first group of `pattern` once it appears in the log."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if match := re.search(pattern, self.log):
                return match.group(1)
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"{pattern!r} not in the server's log:\n{self.log}")

    def metric(self, sample: str, **labels: str) -> float:
        """The sum of the `sample` series (e.g. translate_requests_total) whose labels include `labels`,
        read from the server's own /metrics."""
        text = urllib.request.urlopen(self.metrics_url, timeout=10).read().decode()
        return sum(s.value for family in text_string_to_metric_families(text) for s in family.samples
                   if s.name == sample and labels.items() <= s.labels.items())

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server and every process under it (supervisor, engine, fronts)."""
        return sum(cpu_seconds(pid) for pid in process_tree(self.proc.pid))

    def role_pids(self) -> dict[str, int]:
        """The live pid of each role, from the log: {"engine": ..., "front 0": ..., "supervisor": ...}."""
        pids = {"supervisor": self.proc.pid}
        for match in re.finditer(r"engine ready \(pid (\d+)\)|(front \d+) listening \(pid (\d+)\)", self.log):
            if match.group(1):
                pids["engine"] = int(match.group(1))
            else:
                pids[match.group(2)] = int(match.group(3))
        return pids

    def health(self) -> int:
        with grpc.insecure_channel(self.address) as channel:
            return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5).status

    def wait_serving(self, timeout: float = 120) -> ServerProcess:
        end = time.monotonic() + timeout
        while self.health() != health_pb2.HealthCheckResponse.SERVING:
            if time.monotonic() > end or self.proc.poll() is not None:
                raise RuntimeError(f"not SERVING after {timeout} s:\n{self.log}")
            time.sleep(0.1)
        return self

    def stop(self) -> int:
        """SIGTERM, as an orchestrator would; kill if the drain does not end. Returns the exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                return self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait(10)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
