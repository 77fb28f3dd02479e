"""The compose topology built from real processes on loopback: two mt-serve replicas, a real nginx
balancing gRPC across them, a real Prometheus scraping both, and a headless locust run through nginx.

nginx and prometheus are Debian packages; `.ci/run` installs them and sets MT_REQUIRE_TOPOLOGY=1 so
that their absence fails the test there instead of skipping it.
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bench.edge import NGINX, NginxEdge
from bench.server_process import ServerProcess
from tests.loopback import free_port, render_template
from tests.bundled import copy_version

ROOT = Path(__file__).resolve().parent.parent
PROMETHEUS = shutil.which("prometheus")


def _require(binary: str | None, package: str) -> str:
    if binary and Path(binary).exists():
        return binary
    if os.environ.get("MT_REQUIRE_TOPOLOGY"):
        pytest.fail(f"{package} is not installed (apt-get install {package})")
    pytest.skip(f"{package} is not installed (apt-get install {package}; .ci/run does)")


def wait_until(check, what: str, timeout: float = 30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if result := check():
                return result
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def prometheus_query(port: int, query: str) -> list[dict]:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": query})
    return json.loads(urllib.request.urlopen(url, timeout=5).read())["data"]["result"]


@pytest.fixture()
def replicas(tmp_path):
    store = tmp_path / "store"
    copy_version(store)
    servers = [ServerProcess(store, "--threads", "1", "--grace", "5") for _ in range(2)]
    try:
        for server in servers:
            server.wait_serving()
        yield servers
    finally:
        for server in servers:
            assert server.stop() == 0, server.log


@pytest.fixture()
def nginx(tmp_path, replicas):
    _require(NGINX, "nginx-light")
    with NginxEdge([r.address for r in replicas], max_in_flight=512, prefix=tmp_path / "nginx") as edge:
        yield edge.address


@pytest.fixture()
def prometheus(tmp_path, replicas):
    binary = _require(PROMETHEUS, "prometheus")
    port = free_port()
    targets = json.dumps([urllib.parse.urlsplit(r.metrics_url).netloc for r in replicas])
    config = tmp_path / "prometheus.yml"
    config.write_text(render_template(ROOT / "deploy/prometheus/loopback.yml.template", TARGETS=targets))
    proc = subprocess.Popen([binary, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                             f"--web.listen-address=127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=1).status == 200,
                   "prometheus to be ready")
        yield port
    finally:
        proc.terminate()
        proc.wait(10)


def test_locust_through_nginx_reaches_both_replicas_and_prometheus_holds_the_series(
        tmp_path, replicas, nginx, prometheus):
    before = [r.metric("translate_requests_total", code="OK") for r in replicas]
    out = tmp_path / "report"
    run = subprocess.run([sys.executable, "-m", "loadtest.run", "--host", nginx, "--users", "8", "--spawn-rate", "8",
                          "--run-time", "20s", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr  # mt-loadtest exits non-zero on any failed request
    summary = (out / "summary.md").read_text()
    assert "Translate/single/greedy" in summary
    served = [r.metric("translate_requests_total", code="OK") - b for r, b in zip(replicas, before)]
    assert all(n > 20 for n in served), f"requests served per replica: {served}"
    assert min(served) / max(served) > 0.3, f"nginx did not balance: {served}"

    def both_scraped():
        series = prometheus_query(prometheus, 'sum by (instance) (translate_requests_total{code="OK"})')
        return len(series) == 2 and all(float(s["value"][1]) > 0 for s in series) and series

    series = wait_until(both_scraped, "prometheus to hold translate_requests_total for both replicas")
    assert {s["metric"]["instance"] for s in series} == {urllib.parse.urlsplit(r.metrics_url).netloc for r in replicas}
    up = prometheus_query(prometheus, 'up{job="translate"}')
    assert sorted(float(s["value"][1]) for s in up) == [1.0, 1.0]
    assert prometheus_query(prometheus, "translate_step_rows_count")


def test_the_edge_refuses_calls_past_its_in_flight_cap_as_resource_exhausted_in_c(tmp_path, replicas):
    _require(NGINX, "nginx-light")
    from concurrent.futures import ThreadPoolExecutor

    import grpc

    from service.client import TranslatorClient

    with NginxEdge([replicas[0].address], max_in_flight=2, prefix=tmp_path / "edge") as edge:
        served = replicas[0].metric("translate_requests_total", method="Translate")

        def call(_):
            with TranslatorClient(edge.address, timeout=60, attempts=1) as client:
                try:
                    client.translate(["지난주에 친구와 같이 버스로 공원에 갔어."] * 8, beam_size=8)
                    return "OK", ""
                except grpc.RpcError as exc:
                    return exc.code().name, exc.details()

        with ThreadPoolExecutor(12) as pool:
            outcomes = list(pool.map(call, range(12)))
    codes = [code for code, _ in outcomes]
    assert "OK" in codes and "RESOURCE_EXHAUSTED" in codes and set(codes) == {"OK", "RESOURCE_EXHAUSTED"}, outcomes
    assert all("too many calls in flight" in details for code, details in outcomes if code != "OK")
    # the refused calls never reached mt-serve: it counted only the ones nginx let through
    assert replicas[0].metric("translate_requests_total", method="Translate") - served == codes.count("OK")


def test_the_edge_keeps_a_client_connection_open_past_a_thousand_calls(tmp_path, replicas):
    """nginx closes a connection after keepalive_requests calls (1,000 by default, every HTTP/2 stream counted):
    channels would reconnect every 1,000 calls and open-loop generators that do not reconnect (h2load's
    timing scripts) would stop sending there, which hid the edge's real overload figures."""
    _require(NGINX, "nginx-light")
    h2load = _require(shutil.which("h2load"), "nghttp2-client")
    from bench.h2load import grpc_frame
    from proto.translate.v1 import translate_pb2 as pb

    body = tmp_path / "list_models.bin"
    body.write_bytes(grpc_frame(pb.ListModelsRequest()))
    with NginxEdge([replicas[0].address], max_in_flight=64, prefix=tmp_path / "edge") as edge:
        run = subprocess.run([h2load, "-c", "1", "-m", "16", "-n", "1500", "-d", str(body),
                              "-H", "content-type: application/grpc", "-H", "te: trailers",
                              f"http://{edge.address}/translate.v1.Translator/ListModels"],
                             capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1500 total, 1500 started, 1500 done, 1500 succeeded" in run.stdout, run.stdout
