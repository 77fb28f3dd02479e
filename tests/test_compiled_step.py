"""The compiled step (service/engine/_step.pyx) against the numpy reference it replaces
(service/engine/running_batch.py with compiled=False): the same tokens, scores and ends for staggered
joins with mixed beams, n-best, length penalties, limits, min_length, placeholder quotas and no-repeat
n-grams, on the bundled model and on random next-token tables; and each compiled routine against its
numpy twin."""

import random
from pathlib import Path

import numpy as np
import pytest

from service.config import DecodingOptions, EngineConfig
from service.engine import running_batch
from service.engine.engine import Engine
from service.engine.running_batch import RunningBatch, decode_all
from service.engine.sequence import Sequence
from tests.test_placeholder_coverage import B, P0, P1, SPECIAL, VOCAB, RandomModel

pytestmark = pytest.mark.skipif(running_batch._step is None, reason="the compiled step is not built")
_step = running_batch._step
STORE = Path(__file__).resolve().parent.parent / "model_store"


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2, warmup=False))


def run(batch: RunningBatch, make, n: int, seed: int) -> list[Sequence]:
    """Decode n sequences from `make` through `batch`, joining a few at random step boundaries (the same
    schedule for the same seed), as the server's scheduler does."""
    rng = random.Random(seed)
    waiting = [make(i) for i in range(n)]
    sequences, joins = list(waiting), 0
    while waiting or batch.sequences:
        arriving = [waiting.pop(0) for _ in range(min(len(waiting), rng.choice([0, 0, 1, 2, 3])))]
        joins += bool(arriving and batch.rows)
        batch.join(arriving)
        batch.leave(batch.step().finished)
    assert joins >= 3, "too few joins into a running batch to test anything"
    return sequences


def assert_equal(compiled: list[Sequence], reference: list[Sequence]) -> None:
    for i, (c, r) in enumerate(zip(compiled, reference)):
        assert [h.tokens for h in c.result()] == [h.tokens for h in r.result()], i
        assert [h.score for h in c.result()] == pytest.approx([h.score for h in r.result()], abs=1e-4), i
        assert [h.log_prob for h in c.result()] == pytest.approx([h.log_prob for h in r.result()], abs=1e-4), i
        assert [h.finished for h in c.result()] == [h.finished for h in r.result()], i


TEXTS = ["어제 친구하고 같이 시장에 가서 과일을 샀어요.", "그 신발은 3,500원이에요?", "최유나 씨가 전화했어요.",
         "내일 아침 7시 30분에 회의가 있어요.", "이 책은 정말 재미있어요.", "저는 주말마다 공원에서 달리기를 해요.",
         "Seoul에서 Busan까지 기차로 2시간 40분 걸려요.", "오늘 날씨가 좋네요.", "커피 두 잔 주세요.",
         "비가 와서 집에 있었어요.", "가격은 12,000원이고 배송비는 3,000원이에요.", "네.",
         "다음 주 금요일까지 보고서를 보내 주세요.", "김민수 씨와 박지영 씨가 회의에 늦었어요."]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_staggered_mixed_sequences_on_the_bundled_model_equal_the_reference(engine, seed):
    rng = random.Random(seed)
    ids = engine.encode(TEXTS)
    choices = []
    for i in range(24):
        beam = rng.choice([1, 1, 2, 3, 4, 6])
        choices.append((i % len(TEXTS), DecodingOptions(
            beam_size=beam, n_best=rng.randint(1, beam), length_penalty=rng.choice([0.0, 1.0, 1.6]),
            max_length=rng.choice([4, 12, 200]), min_length=rng.choice([0, 0, 3]),
            no_repeat_ngram_size=rng.choice([0, 0, 1, 2, 3]))))

    def make(i):
        text, options = choices[i]
        return engine.sequence(ids[text], options)

    compiled = run(engine.running_batch(compiled=True), make, len(choices), seed)
    reference = run(engine.running_batch(compiled=False), make, len(choices), seed)
    assert any(s.quota is not None for s in compiled), "no placeholder quota among the texts"
    assert len({s.beam_size for s in compiled}) >= 3
    assert_equal(compiled, reference)


def test_random_tables_with_quotas_equal_the_reference():
    """Random next-token tables over a small vocabulary: many ties of the bans and the quota, every
    beam size, ends by EOS and by the length limit."""
    rng = np.random.default_rng(5)
    for trial in range(20):
        model = RandomModel(trial)
        specs = []
        for _ in range(12):
            beam = int(rng.choice([1, 2, 3, 4]))
            specs.append(([B] * int(rng.integers(1, 5)), DecodingOptions(
                beam_size=beam, n_best=int(rng.integers(1, beam + 1)), length_penalty=float(rng.choice([0.0, 1.0])),
                min_length=int(rng.choice([0, 2])), no_repeat_ngram_size=int(rng.choice([0, 0, 1, 2]))),
                int(rng.choice([3, 6, 12])), [None, [1, 0], [0, 1], [1, 1], [2, 0]][rng.integers(5)]))

        def make(i):
            source, options, limit, quota = specs[i]
            s = Sequence(source, options, limit)
            s.quota = None if quota is None else np.array(quota)
            return s

        results = {}
        for compiled in (True, False):
            batch = RunningBatch(model, SPECIAL, 16, placeholder_ids=[P0, P1], compiled=compiled)
            results[compiled] = [make(i) for i in range(len(specs))]
            decode_all(batch, results[compiled], max_rows=7)
        assert_equal(results[True], results[False])


def test_the_cache_write_and_row_copy_equal_their_numpy_twins():
    rng = np.random.default_rng(0)
    buffers = [rng.normal(size=(9, 4, 16, 8)).astype(np.float32) for _ in range(3)]
    new = [rng.normal(size=(6, 4, 1, 8)).astype(np.float32) for _ in range(3)]
    positions = np.array([0, 5, 15, 3, 3, 9], np.int64)
    expected = [b.copy() for b in buffers]
    for b, kv in zip(expected, new):
        b[np.arange(6), :, positions] = kv[:, :, 0]
    _step.write_step(buffers, new, positions, 6)
    for b, e in zip(buffers, expected):
        np.testing.assert_array_equal(b, e)

    dest, src = np.array([7, 1, 4], np.int64), np.array([0, 8, 2], np.int64)
    for b in expected:
        b[dest, :, :11] = b[src, :, :11]
    _step.copy_rows(buffers, dest, src, 11)
    for b, e in zip(buffers, expected):
        np.testing.assert_array_equal(b, e)


def test_the_compiled_bans_equal_a_brute_force_scan():
    """Every row's bans from collect_bans: the n-grams it would repeat (a scan of its output), the
    placeholders used up, EOS while one is missing or before min_length; rows with a reshaping control
    this step ban nothing."""
    rng = np.random.default_rng(3)
    n, width, placeholders = 40, 30, np.array([6, 9], np.int64)
    history = rng.integers(4, 11, (n, width + 1)).astype(np.int64)
    positions = rng.integers(0, width, n).astype(np.int64)
    ngram = rng.choice([0, 1, 2, 3, 4], n).astype(np.int64)
    min_length = rng.choice([0, 5], n).astype(np.int64)
    reshape_until = rng.choice([0, 0, 0, 8, running_batch.ALWAYS], n).astype(np.int64)
    has_quota = rng.integers(0, 2, n).astype(np.uint8)
    quota = rng.integers(0, 3, (n, 2)).astype(np.int64)
    index = np.full(10, -1, np.int64)
    index[placeholders] = [0, 1]
    banned, counts = np.zeros((n, 2 + width + 1), np.int64), np.zeros(n, np.int64)
    eos_banned, banning = np.zeros(n, np.uint8), np.zeros(n, np.uint8)
    most = _step.collect_bans(history, positions, n, ngram, min_length, reshape_until, has_quota, quota,
                              placeholders, index, banned, counts, eos_banned, banning)
    assert most == counts.max() and banning.sum() >= 10
    for r in range(n):
        step, out = int(positions[r]), history[r, : positions[r]].tolist()
        bans = (has_quota[r] or ngram[r] > 0) and step >= reshape_until[r]
        assert banning[r] == bans, r
        if not bans:
            assert counts[r] == 0
            continue
        expected, missing = set(), False
        if has_quota[r]:
            for p, token in enumerate(placeholders.tolist()):
                used = out.count(token)
                if used >= quota[r, p]:
                    expected.add(token)
                missing |= used < quota[r, p]
        size = int(ngram[r])
        if size and step >= size:
            tail = out[step - size + 1:]
            expected |= {out[j + size - 1] for j in range(step - size + 1) if out[j: j + size - 1] == tail}
        assert set(banned[r, : counts[r]].tolist()) == expected, r
        assert bool(eos_banned[r]) == (missing or step < min_length[r]), r


def test_a_vocabulary_smaller_than_top_k_keeps_its_candidates():
    """The scripted models' vocabulary (8) is smaller than the top-k a wide beam asks for: the filter
    keeps what there is."""
    model = RandomModel(1)
    s = Sequence([B, B], DecodingOptions(beam_size=4, no_repeat_ngram_size=2), 10)
    s.quota = np.array([1, 0])
    decode_all(RunningBatch(model, SPECIAL, 16, placeholder_ids=[P0, P1], compiled=True), [s])
    assert s.result() and s.result()[0].tokens.count(P0) == 1 and VOCAB < 2 * 4 + 1
