"""The load test: its sentences, its gRPC reporting, its reports, and real headless runs against a real server.

Locust monkey-patches the process that imports it (gevent), so locust only ever runs in child processes here.
"""

import csv
import itertools
import json
import math
import random
import re
import subprocess
import sys
import time
import tomllib
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import grpc
import pytest

from bench.server_process import ServerProcess
from loadtest.grpc_client import CallReporter, GrpcStatusError
from loadtest.make_sentences import SentencesConfig, heldout_sentences_text
from loadtest.mix import CONTROLS, SENTENCES_FILE, MixConfig, TranslatorCalls, grpc_target, load_sentences
from loadtest.report import Results, RunInfo, plot_history, summary_markdown
from loadtest.run import exit_code, locust_command, parse_config
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc
from tests.loopback import free_port

ROOT = Path(__file__).resolve().parent.parent
NAMES = {"ListModels", "Translate/single/greedy", "Translate/single/beam4", "Translate/batch/greedy",
         "TranslateStream/4xsingle/greedy", *(f"Translate/single/{name}" for name, _, _ in CONTROLS)}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the server, in its own process as in production --------------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    with ServerProcess(ROOT / "model_store", "--grace", "2") as process:
        yield process.wait_serving().address


def run_loadtest(address: str, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loadtest.run", "--host", address, "--out", str(out), "--quiet", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


# --- the sentences ---------------------------------------------------------------------------------------------------

def test_the_shipped_sentences_are_what_the_generator_makes_from_the_held_out_split():
    assert SENTENCES_FILE.read_text(encoding="utf-8") == heldout_sentences_text(SentencesConfig()), \
        "loadtest/heldout.ko.txt is stale: run python -m loadtest.make_sentences"


def test_the_sentences_are_varied_korean_and_ship_as_package_data():
    sentences = load_sentences()
    assert len(sentences) == len(set(sentences)) == 400
    assert all(re.search("[가-힣]", s) for s in sentences)
    lengths = sorted(len(s) for s in sentences)
    assert lengths[-1] >= 2 * lengths[0], f"lengths run only from {lengths[0]} to {lengths[-1]} characters"
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert SENTENCES_FILE.name in package_data["loadtest"]


def test_the_load_test_runs_without_torch_export_or_onnxruntime():
    blocked = "import sys; sys.modules.update(dict.fromkeys(['torch', 'export', 'onnxruntime', 'service']))"
    code = f"{blocked}; import loadtest.locustfile as f, loadtest.run; assert len(f.SENTENCES) == 400"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr


# --- what users send -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("host, target", [("127.0.0.1:50051", "127.0.0.1:50051"),
                                          ("grpc://127.0.0.1:50051/", "127.0.0.1:50051"),
                                          (" localhost:9 ", "localhost:9")])
def test_the_host_is_taken_with_or_without_a_grpc_scheme(host, target):
    assert grpc_target(host) == target


@pytest.mark.parametrize("host", ["", "http://127.0.0.1:50051/translate"])
def test_a_host_that_is_no_grpc_address_is_refused_by_name(host):
    with pytest.raises(ValueError, match="is not a gRPC address"):
        grpc_target(host)


class RecordingStub:
    """Answers Translate with an echo and keeps the requests."""

    def __init__(self):
        self.requests: list[tuple[pb.TranslateRequest, float]] = []

    def Translate(self, request, timeout):
        self.requests.append((request, timeout))
        return pb.TranslateResponse(translations=[pb.Translation(hypotheses=[pb.Hypothesis(text=t)])
                                                  for t in request.texts])


def test_the_mix_sends_held_out_sentences_alone_or_in_batches_with_its_model_deadline_and_beam():
    stub, events = RecordingStub(), []
    sentences = load_sentences()
    calls = TranslatorCalls(stub, CallReporter(lambda **e: events.append(e)), MixConfig(model="ko-en-int8", deadline=3),
                            sentences, random.Random(0))
    for _ in range(30):
        calls.batch_greedy()
    calls.single_beam()
    batches = [r for r, _ in stub.requests[:30]]
    assert {len(r.texts) for r in batches} <= set(range(2, 9)) and len({len(r.texts) for r in batches}) > 3
    assert all(t in sentences for r in batches for t in r.texts)
    beam, timeout = stub.requests[-1]
    assert (len(beam.texts), beam.options.beam_size, beam.model, timeout) == (1, 4, "ko-en-int8", 3)
    assert [e["name"] for e in events] == ["Translate/batch/greedy"] * 30 + ["Translate/single/beam4"]
    assert events[-1]["response_length"] == len(beam.texts[0])


def test_the_mix_sends_each_control_under_its_own_name_and_the_server_takes_every_one(server):
    events = []
    with grpc.insecure_channel(server) as channel:
        calls = TranslatorCalls(pb_grpc.TranslatorStub(channel), CallReporter(lambda **e: events.append(e)),
                                MixConfig(), ["학교에서 친구를 만났어요."], random.Random(0))
        for _ in range(40):
            calls.single_control()
    names = {e["name"] for e in events}
    assert names == {f"Translate/single/{name}" for name, _, _ in CONTROLS}
    assert all(e["context"] == {"code": "OK"} for e in events), [e for e in events if e["exception"]]


@pytest.mark.parametrize("options", [{"wait_min": 2.0, "wait_max": 1.0}, {"deadline": 0}, {"batch_min": 0}])
def test_a_mix_config_out_of_range_is_refused(options):
    with pytest.raises(ValueError):
        MixConfig(**options)


def test_each_call_is_reported_as_a_grpc_request_with_its_code(server):
    events = []
    with grpc.insecure_channel(server) as channel:
        def calls(**config):
            return TranslatorCalls(pb_grpc.TranslatorStub(channel), CallReporter(lambda **e: events.append(e)),
                                   MixConfig(**config), ["어제 카페에 갔어."], random.Random(0))

        response = calls().single_greedy()
        assert calls(model="nope").stream_greedy() is None
        assert calls(model="nope").single_beam() is None
        assert calls(deadline=1e-4).single_greedy() is None
    assert response.translations[0].hypotheses[0].text == "I went to the cafe yesterday."
    ok, stream, beam, late = events
    assert (ok["request_type"], ok["name"], ok["context"], ok["exception"]) == ("grpc", "Translate/single/greedy",
                                                                                {"code": "OK"}, None)
    assert ok["response_length"] == len("I went to the cafe yesterday.") and ok["response_time"] > 0
    for event, name in ((stream, "TranslateStream/4xsingle/greedy"), (beam, "Translate/single/beam4")):
        assert (event["name"], event["context"]) == (name, {"code": "NOT_FOUND"})
        assert isinstance(event["exception"], GrpcStatusError) and event["exception"].code == grpc.StatusCode.NOT_FOUND
        assert repr(event["exception"]).startswith("NOT_FOUND: model 'nope' not found")
    assert late["exception"].code == grpc.StatusCode.DEADLINE_EXCEEDED, late["exception"]


# --- reports from locust's CSVs --------------------------------------------------------------------------------------

STATS_COLUMNS = ("Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
                 "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
                 "99.99%,100%")
HISTORY_COLUMNS = ("Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,"
                   "100%,Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,"
                   "Total Min Response Time,Total Max Response Time,Total Average Content Size")


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines))


def write_locust_csvs(prefix: Path, exceptions: int = 0) -> None:
    """A 3-second run in locust's formats: two request names, three NOT_FOUND failures."""
    write_lines(Path(f"{prefix}_stats.csv"), [
        STATS_COLUMNS,
        "grpc,Translate/single/greedy,30,3,20,25.0,5.0,90.0,40.0,10.0,1.0,20,22,25,30,40,60,70,80,90,90,90",
        "grpc,Translate/batch/greedy,7,0,70,75.0,50.0,200.0,260.0,2.5,0.0,70,75,80,90,150,180,190,200,200,200,200",
        ",Aggregated,37,3,25,34.0,5.0,200.0,81.0,12.5,1.0,25,30,40,50,70,150,180,190,200,200,200",
    ])
    write_lines(Path(f"{prefix}_stats_history.csv"), [
        HISTORY_COLUMNS,
        "1000,2,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,0,0,0,0,0,0,0",
        "1001,4,grpc,Translate/single/greedy,9.000000,1.000000,20,22,25,30,40,60,70,80,90,90,90,15,2,20,25,5,90,40",
        "1001,4,,Aggregated,11.000000,1.000000,24,30,40,50,70,150,180,190,200,200,200,18,2,24,30,5,200,80",
        "1003,4,,Aggregated,12.500000,1.000000,25,30,40,50,70,150,180,190,200,200,200,37,3,25,34,5,200,81",
    ])
    Path(f"{prefix}_failures.csv").write_text(
        "Method,Name,Error,Occurrences,First Seen,Last Seen\n"
        "grpc,Translate/single/greedy,\"NOT_FOUND: model 'nope' not found\",2,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z\n"
        "grpc,Translate/single/greedy,\"NOT_FOUND: model 'nix' not found\",1,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z\n")
    rows = f'{exceptions},"ValueError(1)","Traceback ...",local\n' if exceptions else ""
    Path(f"{prefix}_exceptions.csv").write_text("Count,Message,Traceback,Nodes\n" + rows)


def test_results_read_totals_per_name_failures_by_code_and_history(tmp_path):
    write_locust_csvs(tmp_path / "locust")
    results = Results.read(tmp_path / "locust")
    assert [s.name for s in results.requests] == ["Translate/single/greedy", "Translate/batch/greedy"]
    assert (results.total.requests, results.total.failures, results.total.rps) == (37, 3, 12.5)
    assert results.failures_by_code() == {("Translate/single/greedy", "NOT_FOUND"): 3}
    assert [h.timestamp for h in results.history] == [1000, 1001, 1003], "only the Aggregated rows are history"
    assert math.isnan(results.history[0].p50) and results.history[2].p99 == 190
    assert results.duration == 3


def test_the_summary_gives_throughput_percentiles_per_name_and_failures_by_code(tmp_path):
    write_locust_csvs(tmp_path / "locust")
    summary = summary_markdown(Results.read(tmp_path / "locust"), RunInfo("127.0.0.1:50051", 4, 2, "3s"))
    assert "| users | 4 (spawned at 2/s; peak 4) |" in summary
    assert "| run time | 3s (stats history spans 3 s) |" in summary
    assert "| failures | 3 (8.11 %) |" in summary
    assert "| throughput | 12.50 requests/s |" in summary
    assert "| latency p50 / p95 / p99 | 25 / 150 / 190 ms |" in summary
    assert "| Translate/batch/greedy | 7 | 0 | 2.50 | 70 | 180 | 200 | 200 | 260 |" in summary
    assert "| **all** | 37 | 3 | 12.50 | 25 | 150 | 190 | 200 | 81 |" in summary
    assert "| Translate/single/greedy | NOT_FOUND | 3 |" in summary
    assert "NOT_FOUND: model 'nix' not found (×1)" in summary
    assert "![throughput and latency over time](loadtest.png)" in summary


def test_the_plot_is_a_png_of_throughput_and_latency(tmp_path):
    write_locust_csvs(tmp_path / "locust")
    plot_history(Results.read(tmp_path / "locust"), tmp_path / "plots" / "loadtest.png", title="test")
    data = (tmp_path / "plots" / "loadtest.png").read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 10_000


def test_missing_csvs_are_named():
    with pytest.raises(FileNotFoundError, match="nowhere_stats.csv: missing; did locust run with --csv"):
        Results.read(Path("nowhere"))


@pytest.mark.parametrize("exceptions, allow, code", [(0, False, 1), (0, True, 0), (2, True, 0)])
def test_failures_or_exceptions_make_the_exit_code_non_zero_unless_allowed(tmp_path, exceptions, allow, code):
    write_locust_csvs(tmp_path / "locust", exceptions)
    assert exit_code(Results.read(tmp_path / "locust"), allow) == code


def test_exceptions_alone_fail_the_run(tmp_path):
    write_locust_csvs(tmp_path / "locust", exceptions=2)
    results = Results.read(tmp_path / "locust")
    clean = replace(results, total=replace(results.total, failures=0), failures=[])
    assert (clean.exceptions, exit_code(clean, allow_failures=False)) == (2, 1)


# --- the command -----------------------------------------------------------------------------------------------------

def test_help_explains_every_flag(capsys):
    with pytest.raises(SystemExit) as done:
        parse_config(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for flag in ("--host", "--users", "--spawn-rate", "--run-time", "--out", "--model", "--deadline", "--wait-min",
                 "--wait-max", "--allow-failures", "--connect-timeout", "--quiet"):
        assert flag in text


def test_the_locust_command_is_headless_bounded_and_writes_every_report():
    config = parse_config(["--host", "grpc://127.0.0.1:1", "-u", "3", "-t", "5s", "--out", "r", "--model", "x",
                           "--", "--loglevel", "DEBUG"])
    command = locust_command(config)
    assert command[:3] == [sys.executable, "-m", "locust"] and "--headless" in command and "--csv-full-history" in command
    flags = dict(itertools.pairwise(command))
    assert (flags["--users"], flags["--run-time"], flags["--csv"], flags["--html"]) == ("3", "5s", "r/locust",
                                                                                         "r/report.html")
    assert (flags["--host"], flags["--model"]) == ("grpc://127.0.0.1:1", "x")
    assert command[-2:] == ["--loglevel", "DEBUG"]


def test_bad_arguments_are_refused_before_anything_runs(capsys):
    for argv in (["--wait-min", "3", "--wait-max", "1"], ["--users", "0"], ["--host", "http://x/y"]):
        with pytest.raises(SystemExit) as done:
            parse_config(argv)
        assert done.value.code == 2, argv
    assert "wait_min=3.0, wait_max=1.0" in capsys.readouterr().err


def test_an_unreachable_server_stops_the_run_at_once(tmp_path):
    result = run_loadtest("127.0.0.1:1", tmp_path, "--connect-timeout", "0.5")
    assert result.returncode == 2
    assert "no gRPC server answered at 127.0.0.1:1" in result.stderr
    assert not (tmp_path / "locust_stats.csv").exists()


# --- real runs -------------------------------------------------------------------------------------------------------

def test_a_headless_run_reports_every_request_kind_without_failures(server, tmp_path):
    result = run_loadtest(server, tmp_path, "--users", "4", "--spawn-rate", "4", "--run-time", "8s",
                          "--wait-min", "0", "--wait-max", "0.1")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    stats = {row["Name"]: row for row in read_csv(tmp_path / "locust_stats.csv")}
    assert set(stats) == NAMES | {"Aggregated"}
    for name in NAMES:
        assert stats[name]["Type"] == "grpc"
        assert int(stats[name]["Request Count"]) > 0 and stats[name]["Failure Count"] == "0", stats[name]
    assert int(stats["ListModels"]["Request Count"]) == 4, "every user lists the models once, at its start"
    assert read_csv(tmp_path / "locust_failures.csv") == []
    history = [r for r in read_csv(tmp_path / "locust_stats_history.csv") if r["Name"] == "Aggregated"]
    assert len(history) >= 6 and max(int(r["User Count"]) for r in history) == 4
    summary = (tmp_path / "summary.md").read_text()
    assert "| failures | 0 (0.00 %) |" in summary and all(f"| {name} |" in summary for name in NAMES)
    png = (tmp_path / "loadtest.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
    assert (tmp_path / "report.html").stat().st_size > 0
    total = stats["Aggregated"]["Request Count"]
    assert f"mt-loadtest: {total} requests, 0 failed, 0 exceptions" in result.stdout


def test_a_run_whose_requests_fail_reports_their_grpc_code_and_exits_non_zero(server, tmp_path):
    result = run_loadtest(server, tmp_path, "--users", "2", "--spawn-rate", "2", "--run-time", "3s", "--model", "nope",
                          "--wait-min", "0", "--wait-max", "0.2")
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    failures = read_csv(tmp_path / "locust_failures.csv")
    assert failures and {f["Method"] for f in failures} == {"grpc"}
    assert all(f["Error"].startswith("NOT_FOUND: model 'nope' not found") for f in failures), failures
    stats = {row["Name"]: row for row in read_csv(tmp_path / "locust_stats.csv")}
    assert stats["ListModels"]["Failure Count"] == "0", "listing models names no model, so it still succeeds"
    assert int(stats["Aggregated"]["Failure Count"]) == sum(int(f["Occurrences"]) for f in failures)
    assert "| Translate/single/greedy | NOT_FOUND |" in (tmp_path / "summary.md").read_text()
    assert "mt-loadtest: failed: Translate/single/greedy: NOT_FOUND" in result.stdout


def test_the_web_ui_swarms_with_the_options_given_in_its_form(server, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "locust.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "locust", "-f", "loadtest/locustfile.py", "--host", server,
                                    "--web-host", "127.0.0.1", "--web-port", str(port)],
                                   cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url, timeout=2).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, log.read_text()
                time.sleep(0.2)
        assert '"deadline"' in page and '"wait_max"' in page, "the mix's options are missing from the web UI"
        form = urllib.parse.urlencode({"user_count": 2, "spawn_rate": 2, "host": server, "model": "nope",
                                       "wait_min": 0, "wait_max": 0.1}).encode()
        assert json.load(urllib.request.urlopen(f"{url}/swarm", form, timeout=5))["success"]
        while not (errors := json.load(urllib.request.urlopen(f"{url}/stats/requests", timeout=5))["errors"]):
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert all(e["error"].startswith("NOT_FOUND: model 'nope' not found") for e in errors), errors
    finally:
        process.terminate()
        process.wait(timeout=30)
