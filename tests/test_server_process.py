"""`mt-serve` as operators run it: a real process, its /metrics over HTTP, and a SIGTERM drain."""

import re
import signal
import threading
import time
import urllib.request
from pathlib import Path

import grpc
import pytest

from bench.server_process import ServerProcess
from service.client import TranslatorClient
from tests.bundled import copy_version

STORE = Path(__file__).resolve().parent.parent / "model_store"
LONG = "지난주에 친구와 같이 버스로 공원에 갔어."


@pytest.fixture()
def ko_en_store(tmp_path):
    copy_version(tmp_path)
    return tmp_path


def test_metrics_are_served_over_http(ko_en_store):
    server = ServerProcess(ko_en_store, "--threads", "1")
    try:
        server.wait_serving()
        with TranslatorClient(server.address) as client:
            assert client.translate(["어제 카페에 갔어."]) == ["I went to the cafe yesterday."]
        text = urllib.request.urlopen(server.metrics_url, timeout=5).read().decode()
        assert 'translate_requests_total{code="OK",method="Translate"} 1.0' in text
        assert re.search(r'translate_rows_joined_total\{.*model="ko-en".*\} 1\.0', text)
        assert 'translate_model_info{' in text and 'variant="fp32"' in text
        assert "translate_queue_depth 0.0" in text
    finally:
        server.proc.kill()


def test_sigterm_drains_held_work_loses_nothing_and_exits_0(ko_en_store):
    server = ServerProcess(ko_en_store, "--threads", "1", "--grace", "60", "--max-batch-sentences", "16")
    server.wait_serving()
    results, errors, finished_at = [], [], []

    def call():
        with TranslatorClient(server.address, timeout=120) as client:
            try:  # slow on purpose: 4 × 32 texts at beam 8 keep the server busy for seconds
                results.append(client.translate([LONG] * 32, beam_size=8))
            except grpc.RpcError as exc:
                errors.append(exc)
            finished_at.append(time.monotonic())

    try:
        callers = [threading.Thread(target=call) for _ in range(4)]
        for t in callers:
            t.start()
        time.sleep(1.0)
        server.proc.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        server.wait_for(r"(draining)")
        with TranslatorClient(server.address, timeout=10, attempts=1) as late, \
                pytest.raises(grpc.RpcError) as refused:
            late.translate(["네."])
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
        for t in callers:
            t.join(120)
        assert server.proc.wait(60) == 0, server.log
        assert errors == [], [e.details() for e in errors]
        assert len(results) == 4 and all(r == [results[0][0]] * 32 for r in results)
        assert results[0][0] == "I went to the park by bus with my friend last week."
        assert max(finished_at) > signalled, "all the work finished before SIGTERM: nothing was drained"
        assert "stopped" in server.log and "still held" not in server.log
    finally:
        server.proc.kill()


def test_from_sigterm_on_every_call_completes_or_gets_unavailable(ko_en_store):
    """Clients that keep calling as fast as they are answered through the whole stop: gRPC's own
    shutdown would end the calls it had not yet handed to the servicer with CANCELLED (grpc#41785)."""
    server = ServerProcess(ko_en_store, "--threads", "1", "--grace", "10")
    server.wait_serving()
    codes: dict[str, int] = {}
    stop = threading.Event()

    def hammer():
        with grpc.insecure_channel(server.address) as channel:
            translate = channel.unary_unary("/translate.v1.Translator/Translate")
            request = TranslatorClient.request(["어제 카페에 갔어."]).SerializeToString()
            while not stop.is_set():
                try:
                    translate(request, timeout=10)
                    code = "OK"
                except grpc.RpcError as exc:
                    code = exc.code().name
                codes[code] = codes.get(code, 0) + 1

    callers = [threading.Thread(target=hammer) for _ in range(16)]
    try:
        for t in callers:
            t.start()
        time.sleep(1.0)
        server.proc.send_signal(signal.SIGTERM)
        assert server.proc.wait(30) == 0, server.log
        time.sleep(0.5)  # calls after the exit: refused connections
    finally:
        stop.set()
        for t in callers:
            t.join(30)
        server.proc.kill()
    assert codes.get("OK", 0) > 0 and codes.get("UNAVAILABLE", 0) > 0, codes
    assert set(codes) == {"OK", "UNAVAILABLE"}, codes
