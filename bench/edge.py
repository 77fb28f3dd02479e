"""A real nginx in front of mt-serve on loopback, from deploy/nginx/loopback.conf.template: the balancer
and shedding edge of the compose topology, for tests and benchmarks.

    with NginxEdge(["127.0.0.1:50061"], max_in_flight=256) as edge:
        ...  # dial edge.address

nginx (Debian's nginx-light) runs in the foreground as any user; its CPU is counted by `cpu_seconds`.
"""

from __future__ import annotations

import shutil
import socket
import string
import subprocess
import tempfile
import time
from pathlib import Path

from bench.server_process import cpu_seconds, process_tree

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "loopback.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    """A port that was free a moment ago (the process given it binds it soon after)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_template(path: Path, **values) -> str:
    """A deploy/*.template with its ${NAME} placeholders filled; a missing value raises KeyError."""
    return string.Template(path.read_text()).substitute(**values)


class NginxEdge:
    def __init__(self, backends: list[str], max_in_flight: int = 512, prefix: Path | None = None) -> None:
        self.prefix = Path(prefix or tempfile.mkdtemp(prefix="nginx-edge-"))
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        conf = self.prefix / "nginx.conf"
        conf.write_text(render_template(TEMPLATE, PREFIX=self.prefix, LISTEN_PORT=self.port, MAX_IN_FLIGHT=max_in_flight,
                                        BACKENDS="\n        ".join(f"server {b};" for b in backends)))
        self.proc = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(conf), "-e", "stderr",
                                      "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        end = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > end:
                    raise RuntimeError(f"nginx did not start:\n{self.proc.stdout.read()}") from None
                time.sleep(0.1)
        self.address = f"127.0.0.1:{self.port}"

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(pid) for pid in process_tree(self.proc.pid))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)

    def __enter__(self) -> NginxEdge:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
