"""The running batch (iteration-level batching): sequences that join at different steps, with
different beam sizes, n_best, length penalties and limits, share decoder calls and still get exactly
what the PyTorch reference gives each of them alone."""

import random
from pathlib import Path

import pytest

from export.batching import pad
from export.corpus import bundled_corpus_from_summary
from export.decoding import LengthLimit
from export.decoding import beam_search as reference_beam_search
from export.onnx_import import transformer_from_version
from model_store import ModelStore
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.engine.running_batch import decode_all
from tests.bundled import FOLDER

STORE = Path(__file__).resolve().parent.parent / "model_store"


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


@pytest.fixture(scope="module")
def reference():
    return transformer_from_version(FOLDER)


@pytest.fixture(scope="module")
def sentences():
    grammar = ModelStore(STORE).open("ko-en").manifest.training_data["grammar"]
    held_out = [s for s, _ in bundled_corpus_from_summary(grammar).splits["test"]]
    long = [" ".join(held_out[i: i + 4]) for i in range(0, 12, 4)]  # 40-70 tokens: many more steps
    return held_out[:21] + long


def alone_through_pytorch(reference, engine, ids, options):
    """What the reference gives this one text decoded alone."""
    src = pad([ids + [engine.special.eos]])
    limit = LengthLimit(options.max_length_a, options.max_length_b, options.max_length)
    return reference_beam_search(reference, src, options.beam_size, options.n_best, limit,
                                 options.length_penalty)[0]


def mixed_options(rng: random.Random) -> DecodingOptions:
    beam = rng.choice([1, 1, 2, 4, 5])
    return DecodingOptions(beam_size=beam, n_best=rng.randint(1, beam), length_penalty=rng.choice([0.0, 1.0, 1.6]),
                           max_length=rng.choice([3, 12, 200]))


def assert_same(ours, theirs, what):
    assert [h.tokens for h in ours] == [h.tokens for h in theirs], what
    assert [h.score for h in ours] == pytest.approx([h.score for h in theirs], abs=1e-4), what
    assert [h.finished for h in ours] == [h.finished for h in theirs], what


@pytest.mark.parametrize("seed", [0, 1])
def test_staggered_mixed_requests_equal_the_reference_decoding_each_alone(engine, reference, sentences, seed):
    rng = random.Random(seed)
    texts = sentences[:]
    rng.shuffle(texts)
    sequences = [engine.sequence(ids, mixed_options(rng)) for ids in engine.source_spm.encode(texts)]
    batch = engine.running_batch()
    waiting, joined_at_step, live_rows = list(sequences), set(), []
    step = 0
    while waiting or batch.sequences:
        arriving = [waiting.pop(0) for _ in range(min(len(waiting), rng.choice([0, 0, 1, 2, 3])))]
        batch.join(arriving)
        if arriving and batch.rows > sum(s.beam_size for s in arriving):
            joined_at_step.add(step)  # joined rows already decoding
        live_rows.append(batch.rows)
        batch.leave(batch.step().finished)
        step += 1
    assert len(joined_at_step) >= 5, "too few joins into a running batch to test anything"
    assert len({s.beam_size for s in sequences}) >= 3
    for text, s in zip(texts, sequences):
        assert_same(s.result(), alone_through_pytorch(reference, engine, s.source, s.options),
                    f"{text!r} with {s.options}")


def test_a_sequence_that_leaves_mid_decoding_frees_its_rows_and_others_are_unaffected(engine, sentences):
    ids = engine.source_spm.encode(sentences[:6])
    options = DecodingOptions(beam_size=4, n_best=2)
    alone = engine.translate_ids(ids, options)
    batch = engine.running_batch()
    sequences = [engine.sequence(i, options) for i in ids]
    batch.join(sequences)
    assert batch.rows == 24
    batch.leave(batch.step().finished)
    batch.leave([sequences[2]])  # cancelled after one step
    assert batch.rows == 20 and sequences[2].slots is None
    assert sorted(int(r) for s in batch.sequences for r in s.slots) == list(range(20))
    decode_all(batch, [])
    for i, s in enumerate(sequences):
        if i != 2:
            assert_same(s.result(), alone[i], sentences[i])
    assert batch.rows == 0 and batch.cache_bytes == engine.running_batch().cache_bytes, "an empty batch keeps big buffers"


def test_buffers_grow_past_their_capacity_and_results_hold(engine, sentences):
    texts = sentences[:20] + sentences[-3:]  # long sources join last: the source axis grows too
    options = DecodingOptions(beam_size=5)
    ids = engine.source_spm.encode(texts)
    batch = engine.running_batch()
    start_rows, start_src = batch.capacity
    sequences = [engine.sequence(i, options) for i in ids]
    batch.join(sequences[:20])
    for _ in range(3):
        batch.leave(batch.step().finished)
    batch.join(sequences[20:])  # into a running batch: rows and source columns grow
    assert batch.capacity[0] > start_rows and batch.capacity[1] > start_src
    decode_all(batch, [])
    for text, s, alone in zip(texts, sequences, engine.translate_ids(ids, options)):
        assert_same(s.result(), alone, text)


def test_the_row_cap_of_the_offline_driver_holds(engine, sentences):
    ids = engine.source_spm.encode(sentences[:12])
    batch = engine.running_batch()
    seen = []
    original_step = batch.step

    def step():
        seen.append(batch.rows)
        return original_step()

    batch.step = step
    decode_all(batch, [engine.sequence(i, DecodingOptions(beam_size=4)) for i in ids], max_rows=10)
    assert max(seen) <= 10 and max(seen) == 8
