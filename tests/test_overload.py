"""Overload control and hostile traffic (issue 11): refusals with retry hints, malformed bodies on every
method, tokenization off the event loop, store copies in progress, clients that retry well."""

import asyncio
import logging
import shutil
import threading
import time
from concurrent import futures
from dataclasses import replace

import grpc
import pytest

from proto.translate.v1 import translate_pb2 as pb
from service.admission import Demand, LoadModel
from service.client import TranslatorClient
from service.config import EngineConfig
from service.board import Board, Slot
from service.config import DecodingOptions
from service.errors import DeadlinePassed, InvalidRequest, NotServing, QueueFull, ServiceError
from service.front.engine_client import EngineClient
from service.front.guard import RateLimitedLog
from service.front.servicer import LargeRequests, encode_texts
from service.metrics import ServiceMetrics
from service.text.model import TextModel
from service.work import Priority, SchedulerConfig, WorkItem
from model_store import ModelStore
from prometheus_client import CollectorRegistry
from service.engine.models import ModelRegistry
from service.text.documents import MAX_TEXT_CHARS
from service.front.servicer import INLINE_TOKENIZE_CHARS, MAX_CHARS_PER_TOKEN
from tests.running_server import STORE, RunningServer
from tests.bundled import copy_version


@pytest.fixture(scope="module")
def server():
    running = RunningServer()
    yield running
    running.close()


# ---- malformed bodies ------------------------------------------------------------------------------

SENTENCE, EXPECTED = "어제 카페에 갔어.", "I went to the cafe yesterday."
GARBAGE = b"\xff\xff\xff"  # a truncated varint: no protobuf message parses it

METHODS = [  # (path, kind): the project's rpcs, the health service and reflection
    ("/translate.v1.Translator/Translate", "unary_unary"),
    ("/translate.v1.Translator/TranslateTokens", "unary_stream"),
    ("/translate.v1.Translator/ListModels", "unary_unary"),
    ("/grpc.health.v1.Health/Check", "unary_unary"),
    ("/grpc.health.v1.Health/Watch", "unary_stream"),
    ("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", "stream_stream"),
]


def _send_raw(address: str, path: str, kind: str, payload: bytes) -> grpc.RpcError:
    with grpc.insecure_channel(address) as channel:
        call = getattr(channel, kind)(path)
        with pytest.raises(grpc.RpcError) as err:
            if kind == "unary_unary":
                call(payload, timeout=10)
            elif kind == "unary_stream":
                list(call(payload, timeout=10))
            else:
                list(call(iter([payload]), timeout=10))
    return err.value


@pytest.mark.parametrize("path, kind", METHODS)
def test_every_method_answers_a_malformed_body_with_invalid_argument_and_logs_no_traceback(server, path, kind):
    logged = len(server.process.lines)
    method = path.rsplit("/", 1)[-1]
    counted = server.metric("translate_requests_total", method=method, code="INVALID_ARGUMENT")
    for _ in range(20):
        err = _send_raw(server.address, path, kind, GARBAGE)
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, (path, err.code(), err.details())
        assert len(err.details()) < 300
    # every call counted, the malformed ones included (ListModels, health and reflection too)
    assert server.metric("translate_requests_total", method=method, code="INVALID_ARGUMENT") == counted + 20
    with TranslatorClient(server.address) as client:  # and the server serves on
        assert client.translate([SENTENCE]) == [EXPECTED]
    lines = server.process.lines[logged:]
    assert not [line for line in lines if " ERROR " in line or "Traceback" in line], "".join(lines)
    # rate-limited: at most one line per front in the interval, not one per call
    assert len([line for line in lines if "malformed" in line]) <= 2, "".join(lines)


def test_a_malformed_message_in_the_translate_stream_fails_alone(server):
    with grpc.insecure_channel(server.address) as channel:
        call = channel.stream_stream("/translate.v1.Translator/TranslateStream",
                                     response_deserializer=pb.TranslateStreamResponse.FromString)
        good = pb.TranslateStreamRequest(id="good", request=pb.TranslateRequest(texts=[SENTENCE])).SerializeToString()
        responses = {r.id: r for r in call(iter([GARBAGE, good]), timeout=10)}
    assert responses[""].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert responses["good"].response.translations[0].hypotheses[0].text == EXPECTED


def test_the_rate_limited_log_says_one_line_per_interval_with_a_count_of_the_rest(caplog):
    limited = RateLimitedLog(interval=0.2)
    with caplog.at_level(logging.WARNING, logger="service.front.guard"):
        for _ in range(100):
            limited.warning("bad body")
        time.sleep(0.25)
        limited.warning("bad body")
    lines = [r.getMessage() for r in caplog.records if r.name == "service.front.guard"]
    assert lines == ["bad body", "bad body (99 more like it since the last such line)"]


# ---- per-text work off the event loop ------------------------------------------------------------------

def test_a_text_longer_than_the_model_could_take_is_refused_by_its_characters(server):
    with TranslatorClient(server.address) as client:
        max_source_tokens = next(m for m in client.list_models().models if m.name == "ko-en").limits.max_source_tokens
        limit = max_source_tokens * MAX_CHARS_PER_TOKEN
        for kwargs, text, message in [
                ({"whole_texts": True}, "가" * (limit + 1), f"texts[0] has {limit + 1} characters; a text sent whole"),
                ({}, "가" * (limit + 1), f"texts[0] sentence 0 ('가가가"),  # split: per sentence
                ({}, "가. " * (MAX_TEXT_CHARS // 3 + 1), "characters; a text may have at most 20000")]:
            with pytest.raises(grpc.RpcError) as err:
                client.translate([text], **kwargs)
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert message in err.value.details()


def test_large_requests_are_tokenized_off_the_event_loop_and_small_ones_on_it():
    model = TextModel.load(ModelStore(STORE).open("ko-en"))
    threads: list[threading.Thread] = []
    prepare = model.prepare

    def recording(texts, *rest):
        threads.append(threading.current_thread())
        return prepare(texts, *rest)

    model.prepare = recording
    sentence = "어제 카페에 갔어. "
    big = [sentence * 100] * 4  # > INLINE_TOKENIZE_CHARS characters in all, > 256 tokens each
    assert sum(map(len, big)) > INLINE_TOKENIZE_CHARS

    async def front():
        large = LargeRequests()
        sources, *_ = await encode_texts([SENTENCE], model, False, large)
        assert sources[0]
        with pytest.raises(InvalidRequest) as err:  # too many tokens per text: refused, after tokenizing
            await encode_texts(big, model, True, large)
        assert "tokens" in str(err.value)
        return threading.current_thread()

    loop_thread = asyncio.run(front())
    assert threads[0] is loop_thread  # the small one: inline, on the event loop's thread
    assert threads[1] is not loop_thread


# ---- admission: refusals with a retry hint ---------------------------------------------------------------

def test_the_load_model_fits_pass_time_to_rows_and_waits_only_when_the_batch_is_full():
    model = LoadModel(max_rows=64, flow_rows=56, join_seconds_per_token=1e-4)
    small = Demand(rows=4, steps=10, work=40, tokens=20)
    assert model.estimate(small) is None  # nothing measured: admit
    for _ in range(50):
        model.observe_pass(8, 0.010)
        model.observe_pass(64, 0.024)
    assert model.pass_seconds(36) == pytest.approx(0.017, rel=0.05)
    model.live_rows = 8
    assert model.estimate(small).wait == 0.0
    assert model.estimate(small).decoding == pytest.approx(10 * model.pass_seconds(12) + 20 * 1e-4)
    # a full batch: the work queued ahead in its class, of which each other waiting flow gets about as much
    # as the request itself before it (fair order); the batch class waits for everything queued
    model.live_rows, model.queued_rows, model.queued_work, model.queued_interactive_work = 64, 32, 640.0, 400.0
    model.waiting_flows = [20, 3]
    full_rate = model.pass_seconds(64) / 64
    assert model.estimate(small).wait == pytest.approx(400.0 * full_rate)
    model.waiting_flows = [2, 3]
    assert model.estimate(small).wait == pytest.approx(2 * 40 * full_rate)
    assert model.estimate(replace(small, priority=Priority.BATCH)).wait == pytest.approx(5 * 40 * full_rate)
    # a bulk request wider than one flow may hold decodes in waves: its row-steps at the flow's rate
    bulk = Demand(rows=112, steps=10, work=1120, tokens=0)
    assert model.decoding(112, bulk) == pytest.approx(1120 / 56 * model.pass_seconds(64))


def test_each_class_is_estimated_with_the_other_classes_steps_between_its_own():
    model = LoadModel(max_rows=64, batch_share=0.5)
    for _ in range(50):
        model.observe_pass(1, 0.001)
        model.observe_pass(64, 0.020)
    one, many = model.pass_seconds(2), model.pass_seconds(48)
    model.live_rows, model.live_batch_rows = 49, 48  # one interactive row beside a bulk batch
    interactive = Demand(rows=1, steps=10, work=10)
    assert model.estimate(interactive).decoding == pytest.approx(10 * 2 * one)  # half the time is the bulk's
    bulk = Demand(rows=8, steps=10, work=80, priority=Priority.BATCH)
    assert model.estimate(bulk).decoding == pytest.approx(10 * 2 * model.pass_seconds(56))
    model.live_rows = model.live_batch_rows = 48  # nothing else interactive: the bulk's steps still come between
    assert model.estimate(interactive).decoding == pytest.approx(10 * 2 * model.pass_seconds(1))
    model.batch_share = 1.0  # never held back: a whole bulk step between two of its own
    assert model.estimate(interactive).decoding == pytest.approx(10 * (model.pass_seconds(1) + many))
    model.live_batch_rows, model.live_rows = 0, 0
    assert model.estimate(interactive).decoding == pytest.approx(10 * model.pass_seconds(1))


def test_each_class_step_time_is_fitted_on_its_own_steps():
    model = LoadModel(max_rows=256)
    for _ in range(50):
        model.observe_pass(4, 0.002)
        model.observe_pass(64, 0.006)
    interactive = model.pass_seconds(60)
    assert model.pass_seconds(60, Priority.BATCH) == interactive  # no batch steps yet: the other class's fit
    for _ in range(50):  # wide beam-8 rows with long caches: dearer per row
        model.observe_pass(224, 0.090, Priority.BATCH)
        model.observe_pass(64, 0.030, Priority.BATCH)
    assert model.pass_seconds(60) == interactive
    assert model.pass_seconds(60, Priority.BATCH) > 3 * interactive


def test_joins_are_timed_apart_from_steps():
    model = LoadModel(max_rows=64, join_seconds_per_token=1e-4, smoothing=0.5)
    model.observe_join(100, 0.002)
    assert model.join_seconds_per_token == pytest.approx(0.5e-4 + 0.5 * 2e-5)
    demand = model.demand([(4, 10, 30), (1, 20, 60)])
    assert (demand.rows, demand.tokens) == (5, 30)
    assert demand.steps == model.steps(20, 60) and demand.work == 4 * model.steps(10, 30) + model.steps(20, 60)


def _pushback_ms(err: grpc.RpcError) -> int:
    return int(dict(err.trailing_metadata())["grpc-retry-pushback-ms"])


class Door:
    """A front's EngineClient on a board of its own, the engine said ready but absent: what it refuses, it
    refuses from the published load alone; what it admits fails to reach the engine (UNAVAILABLE)."""

    def __init__(self, tmp_path, max_queue_seconds: float) -> None:
        self.board = Board(tmp_path)
        self.board[Slot.ENGINE_EPOCH] = self.board[Slot.ENGINE_READY] = 1.0
        self.registry = CollectorRegistry()
        self.metrics = ServiceMetrics(self.registry)
        self.config = SchedulerConfig(max_queue_seconds=max_queue_seconds)
        self.model = TextModel.load(ModelStore(STORE).open("ko-en"))

    def submit(self, deadline_in: float | None) -> ServiceError:
        async def call():
            client = EngineClient(self.board, self.config, self.metrics, placeholder_beam=4, identity=b"door-test")
            sources, fills = self.model.prepare([SENTENCE])
            deadline = time.monotonic() + deadline_in if deadline_in is not None else None
            item = WorkItem(self.model, sources, DecodingOptions(), deadline, asyncio.get_running_loop().create_future(),
                            fills=fills)
            try:
                with pytest.raises(ServiceError) as err:
                    await client.submit(item)
            finally:
                await client.close()
            return err.value
        return asyncio.run(call())

    def publish(self, load: LoadModel) -> None:
        self.board.publish_load(load, pending_texts=0)


def test_a_front_refuses_at_the_door_from_the_load_the_engine_published(tmp_path):
    door = Door(tmp_path, max_queue_seconds=5.0)
    load = LoadModel(max_rows=256)
    assert isinstance(door.submit(2.0), NotServing)  # nothing measured yet: admitted (and no engine to reach)
    for _ in range(20):  # as if every pass took 0.5 s, whatever the rows
        load.observe_pass(8, 0.5)
        load.observe_pass(256, 0.5)
    load.queued_rows, load.queued_work = 10 ** 6, 512.0  # 1 s of queue ahead, then ~10 steps of 0.5 s
    load.queued_interactive_rows, load.queued_interactive_work, load.waiting_flows = 10 ** 6, 512.0, [1000, 0]
    door.publish(load)
    err = door.submit(2.0)
    assert isinstance(err, QueueFull) and "past its deadline" in str(err) and err.retry_after > 0
    load.queued_rows, load.queued_work, load.queued_interactive_rows, load.queued_interactive_work = 0, 0.0, 0, 0.0
    door.publish(load)
    err = door.submit(2.0)  # no queue: the deadline alone is too short, no retry hint
    assert isinstance(err, DeadlinePassed) and "cannot finish within its deadline" in str(err)
    assert isinstance(door.submit(None), NotServing)  # no deadline, no queue: admitted
    load.queued_rows, load.queued_work, load.queued_interactive_rows, load.queued_interactive_work = \
        10 ** 6, 1e7, 10 ** 6, 1e7
    door.publish(load)
    err = door.submit(None)
    assert isinstance(err, QueueFull) and "more than its bound of 5.0 s" in str(err) and err.retry_after > 1
    shed = {reason: door.registry.get_sample_value("translate_requests_shed_total", {"reason": reason})
            for reason in ("would miss its deadline", "queue over its time bound", "deadline too short")}
    assert shed == {"would miss its deadline": 1, "queue over its time bound": 1, "deadline too short": 1}
    door.board[Slot.ENGINE_READY] = 0.0  # the engine restarting: a new call waits for it, up to its deadline
    started = time.monotonic()
    err = door.submit(0.3)
    assert isinstance(err, NotServing) and "restarting" in str(err) and err.retry_after > 0
    assert 0.3 <= time.monotonic() - started < 1.0


def test_a_refusal_for_a_deadline_too_short_reaches_the_client_at_once(server):
    with TranslatorClient(server.address, timeout=None, attempts=1) as client:
        client.translate([SENTENCE])  # the engine has measured a pass
        started = time.monotonic()
        with pytest.raises(grpc.RpcError) as err:
            client.stub.Translate(client.request([SENTENCE] * 8, beam_size=16), timeout=0.05)
    assert err.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 1.0


# ---- clients: gRPC's retry policy, honouring the server's hint ----------------------------------------------

class RefusingTranslator:
    """A stand-in server: refuses the first `refusals` calls as overloaded with a retry hint."""

    def __init__(self, refusals: int, pushback_ms: int) -> None:
        self.refusals, self.pushback_ms, self.calls = refusals, pushback_ms, []

    def translate(self, request, context):
        self.calls.append(time.monotonic())
        if len(self.calls) <= self.refusals:
            context.set_trailing_metadata((("grpc-retry-pushback-ms", str(self.pushback_ms)),))
            context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "overloaded; retry later")
        return pb.TranslateResponse(model="stand-in")


@pytest.fixture
def refusing():
    servicer = RefusingTranslator(refusals=2, pushback_ms=300)
    server = grpc.server(futures.ThreadPoolExecutor(2))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler("translate.v1.Translator", {
        "Translate": grpc.unary_unary_rpc_method_handler(
            servicer.translate, request_deserializer=pb.TranslateRequest.FromString,
            response_serializer=pb.TranslateResponse.SerializeToString)}),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield servicer, f"127.0.0.1:{port}"
    server.stop(0)


def test_the_client_retries_refusals_after_the_servers_hint(refusing):
    servicer, address = refusing
    with TranslatorClient(address, timeout=10) as client:
        assert client.translate_request([SENTENCE]).model == "stand-in"
    assert len(servicer.calls) == 3
    gaps = [b - a for a, b in zip(servicer.calls, servicer.calls[1:])]
    assert min(gaps) >= 0.28  # the hint (300 ms), not the policy's own backoff (at most 100 ms at first)


def test_a_client_with_one_attempt_does_not_retry(refusing):
    servicer, address = refusing
    with TranslatorClient(address, timeout=10, attempts=1) as client, pytest.raises(grpc.RpcError) as err:
        client.translate([SENTENCE])
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert len(servicer.calls) == 1


# ---- the store: a version copied file by file -------------------------------------------------------------

def test_a_version_refused_while_its_files_are_copied_loads_once_the_copy_is_complete(tmp_path, caplog):
    source = copy_version(tmp_path / "copy")
    target = tmp_path / "ko-en" / "1"
    target.mkdir(parents=True)
    files = sorted(p for p in source.iterdir() if p.is_file())
    for f in files[:-1]:  # as `cp -r` does: one file after another; the last has not landed yet
        shutil.copy2(f, target / f.name)
    registry = ModelRegistry(tmp_path, EngineConfig(warmup=False))
    with caplog.at_level(logging.ERROR, logger="service.engine.models"):
        assert registry.refresh() == []
        assert registry.refresh() == []  # unchanged: not tried again (nor logged again)
    assert len([r for r in caplog.records if "refusing ko-en/1" in r.getMessage()]) == 1
    shutil.copy2(files[-1], target / files[-1].name)
    assert registry.refresh() == [("ko-en", 1)]
    assert registry.get("ko-en", 1).translate([SENTENCE])[0][0].text == EXPECTED


# ---- memory ---------------------------------------------------------------------------------------------

def test_memory_is_released_once_after_a_burst_of_large_requests(monkeypatch):
    from service.front import memory

    released = []
    monkeypatch.setattr(memory, "release", lambda: released.append(time.monotonic()))

    async def burst():
        releaser = memory.MemoryReleaser(quiet=0.05, longest=5.0)
        for _ in range(10):  # 10 large requests 10 ms apart: one burst
            releaser.after_large_request()
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)
        releaser.after_large_request()  # a later one: another release
        await asyncio.sleep(0.3)

    asyncio.run(burst())
    assert len(released) == 2
