"""The iteration-level scheduler: texts leave the running batch at the next step when their deadline
passes or their caller goes away, the caps on rows and cache memory hold under a burst, and a wide
request is not starved by a stream of small ones."""

import asyncio
import time
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry

from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.errors import DeadlinePassed
from service.engine.iteration_scheduler import IterationScheduler
from service.metrics import ServiceMetrics
from service.work import SchedulerConfig, WorkItem
from tests.bundled import VERSION

STORE = Path(__file__).resolve().parent.parent / "model_store"
TEXT = "어제 카페에 갔어."
LONG = DecodingOptions(beam_size=16, max_length_a=50, max_length=200, min_length=200)  # 200 steps of 16 rows: seconds of work


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


class Harness:
    def __init__(self, engine, **config):
        self.engine = engine
        self.registry = CollectorRegistry()
        self.scheduler = IterationScheduler(SchedulerConfig(**config), ServiceMetrics(self.registry))

    def metric(self, name, **labels):
        return self.registry.get_sample_value(name, labels) or 0.0

    def left(self, reason):
        return self.metric("translate_rows_left_total", model="ko-en", version=str(VERSION), reason=reason)

    def item(self, texts, options, timeout=None):
        deadline = time.monotonic() + timeout if timeout is not None else None
        sources = self.engine.source_spm.encode(texts)
        return WorkItem(self.engine, sources, options, deadline, asyncio.get_running_loop().create_future())

    def run(self, body):
        async def main():
            self.scheduler.start()
            try:
                return await body(self)
            finally:
                await self.scheduler.close()
        return asyncio.run(main())


def test_a_deadline_mid_decoding_frees_its_rows_at_the_next_step(engine):
    async def body(h):
        with pytest.raises(DeadlinePassed, match="deadline passed after"):
            await h.scheduler.submit(h.item([TEXT], LONG, timeout=0.3))
        assert h.left("expired") == 16
        assert h.metric("translate_live_rows") == 0
        steps = h.metric("translate_step_rows_count", model="ko-en", version=str(VERSION))
        assert 0 < steps < 200, "the expired text kept decoding"
        await asyncio.sleep(0.2)
        assert h.metric("translate_step_rows_count", model="ko-en", version=str(VERSION)) <= steps + 1
    Harness(engine).run(body)


def test_a_cancelled_call_leaves_the_running_batch_at_the_next_step(engine):
    async def body(h):
        task = asyncio.ensure_future(h.scheduler.submit(h.item([TEXT, TEXT], LONG)))
        while h.metric("translate_live_rows") < 32:
            await asyncio.sleep(0.01)
        task.cancel()
        cancelled_at = time.monotonic()
        while h.left("cancelled") < 32:
            await asyncio.sleep(0.005)
            assert time.monotonic() - cancelled_at < 2, "rows of a cancelled call still live"
        assert h.metric("translate_live_rows") == 0
        (after,) = await h.scheduler.submit(h.item([TEXT], DecodingOptions()))
        assert after[0].tokens == engine.translate_ids(engine.source_spm.encode([TEXT]))[0][0].tokens
    Harness(engine).run(body)


@pytest.mark.parametrize("cap", ["rows", "memory"])
def test_a_burst_of_wide_requests_waits_within_the_row_and_memory_caps(engine, cap):
    options = DecodingOptions(beam_size=16, max_length_a=50, max_length=12, min_length=12)
    one_text = engine.sequence(engine.source_spm.encode([TEXT])[0], options)
    probe = IterationScheduler(SchedulerConfig(), ServiceMetrics(CollectorRegistry()))
    bound_mb = probe._bound(one_text, engine) / 2 ** 20
    config = {"max_rows": 40} if cap == "rows" else {"max_cache_mb": 2.5 * bound_mb}

    async def body(h):
        results = await asyncio.gather(*(h.scheduler.submit(h.item([TEXT], options)) for _ in range(6)))
        assert all(len(r[0][0].tokens) == 12 for r in results)
        steps = h.metric("translate_step_rows_count", model="ko-en", version=str(VERSION))
        within = h.metric("translate_step_rows_bucket", model="ko-en", version=str(VERSION), le="32.0")
        assert within == steps, "a step ran more than two beam-16 texts"
        assert h.metric("translate_step_rows_sum", model="ko-en", version=str(VERSION)) == 6 * 16 * 12
    Harness(engine, **config).run(body)


def test_a_stream_of_short_requests_does_not_starve_a_wide_one(engine):
    async def body(h):
        stop = False

        async def flood():
            while not stop:
                await h.scheduler.submit(h.item([TEXT], DecodingOptions(max_length_a=50, max_length=30, min_length=30)))

        flooders = [asyncio.ensure_future(flood()) for _ in range(6)]
        await asyncio.sleep(0.3)
        wide = DecodingOptions(beam_size=16, max_length_a=50, max_length=5, min_length=5)
        started = time.monotonic()
        result = await asyncio.wait_for(h.scheduler.submit(h.item([TEXT], wide)), 20)
        stop = True
        await asyncio.gather(*flooders)
        assert len(result[0][0].tokens) == 5
        assert time.monotonic() - started < 10
    Harness(engine, max_rows=16).run(body)
