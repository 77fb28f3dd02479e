"""Placeholder coverage (service/engine/running_batch.py, service/engine/engine.py): a text whose source holds
placeholders gets each of them in its output exactly as often as the source has it. The model below
is scripted to do what the bundled model did to "그 신발은 3,500원이에요?" (end before the price) and to
"최유나 씨가 전화했어요." (say the name twice)."""

from pathlib import Path

import numpy as np
import pytest

from service.config import DecodingOptions, EngineConfig
from service.engine.decoding import SpecialTokens
from service.engine.engine import Engine
from service.engine import running_batch
from service.engine.running_batch import RunningBatch, decode_all
from service.engine.sequence import Sequence

SPECIAL = SpecialTokens(pad=0, bos=2, eos=3)
A, B, P0, P1 = 4, 5, 6, 7  # two words and two placeholders
VOCAB = 8
# Next-token probabilities by the previous token: after A the model would rather end than write P0,
# after P0 it would rather write P0 again than end.
NEXT = {
    SPECIAL.bos: {A: 0.7, P0: 0.2, B: 0.1},
    A: {SPECIAL.eos: 0.6, P0: 0.25, B: 0.15},
    P0: {P0: 0.5, SPECIAL.eos: 0.4, B: 0.1},
    P1: {SPECIAL.eos: 0.9, B: 0.1},
    B: {SPECIAL.eos: 0.9, A: 0.05, P1: 0.05},
}


class ScriptedModel:
    """Contract 1 (full log-probs, whole cache returned): the next token depends on the last one only."""

    contract = 1

    def encode(self, src, src_mask):
        return [np.zeros((len(src), 1, src.shape[1], 1), np.float32) for _ in range(2)]

    def step(self, tokens, positions, src_mask, self_mask, past, cross):
        log_probs = np.full((len(tokens), VOCAB), -30.0, np.float32)
        for row, token in enumerate(tokens[:, 0]):
            for nxt, p in NEXT.get(int(token), NEXT[B]).items():  # rows of dead beams: anything
                log_probs[row, nxt] = np.log(p)
        return log_probs, [np.concatenate([p, np.zeros((len(tokens), 1, 1, 1), np.float32)], axis=2) for p in past]

    def empty_cache(self, batch, length=0):
        return [np.zeros((batch, 1, length, 1), np.float32) for _ in range(2)]


def decode(quotas, beam_size=1):
    batch = RunningBatch(ScriptedModel(), SPECIAL, 16, placeholder_ids=[P0, P1])
    sequences = []
    for quota in quotas:
        s = Sequence([B, B], DecodingOptions(beam_size=beam_size), 10)
        s.quota = None if quota is None else np.array(quota)
        sequences.append(s)
    decode_all(batch, sequences)
    return [s.result()[0].tokens for s in sequences]


@pytest.mark.parametrize("beam_size", [1, 4])
def test_a_placeholder_the_model_would_drop_or_repeat_comes_out_once(beam_size):
    assert decode([None], beam_size) == [[A]]  # left alone, the model drops it
    assert decode([[1, 0]], beam_size) == [[A, P0]]  # EOS waits for P0; P0 twice is banned


def test_a_placeholder_the_source_has_twice_comes_out_twice_and_one_it_lacks_never():
    twice, other = decode([[2, 0], [0, 1]], beam_size=4)
    assert twice.count(P0) == 2 and P1 not in twice, twice
    assert other.count(P1) == 1 and P0 not in other, other


def test_sequences_without_placeholders_decode_as_before_beside_those_with():
    plain, covered, plain_again = decode([None, [1, 0], None], beam_size=2)
    assert plain == plain_again == [A] and covered == [A, P0]


@pytest.fixture(scope="module")
def engines():
    store = Path(__file__).resolve().parent.parent / "model_store"
    return {on: Engine.from_store(store, "ko-en", config=EngineConfig(cover_placeholders=on, warmup=False))
            for on in (True, False)}


def test_a_text_with_placeholders_decodes_with_a_beam_held_to_its_placeholders(engines):
    engine = engines[True]
    with_price, plain = engine.encode(["그 신발은 3,500원이에요?", "그 신발은 비싸요?"])
    s = engine.sequence(with_price, DecodingOptions())
    assert s.beam_size == EngineConfig().placeholder_beam == 4
    assert s.quota is not None and s.quota.tolist() == [1] + [0] * 9
    assert s.options.n_best == 1
    assert engine.sequence(with_price, DecodingOptions(beam_size=6)).beam_size == 6
    s = engine.sequence(plain, DecodingOptions())
    assert s.beam_size == 1 and s.quota is None
    s = engines[False].sequence(with_price, DecodingOptions())
    assert s.beam_size == 1 and s.quota is None


class RandomModel(ScriptedModel):
    """A fixed random next-token table over VOCAB tokens (the two placeholders included)."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        logits = rng.normal(0, 2, (VOCAB, VOCAB))
        logits[:, [SPECIAL.pad, 1, SPECIAL.bos]] = -30.0  # never pad, unk or BOS
        self.table = (logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))).astype(np.float32)

    def step(self, tokens, positions, src_mask, self_mask, past, cross):
        return self.table[tokens[:, 0]], [np.concatenate([p, np.zeros((len(tokens), 1, 1, 1), np.float32)], axis=2)
                                          for p in past]


def test_sequences_joining_at_different_steps_each_get_what_they_get_alone():
    rng = np.random.default_rng(7)
    for trial in range(12):
        model = RandomModel(trial)

        def make():
            quota = [None, [1, 0], [0, 1], [1, 1], [2, 0]][rng.integers(5)]
            s = Sequence([B] * int(rng.integers(1, 5)), DecodingOptions(beam_size=int(rng.choice([1, 2, 4]))),
                         int(rng.choice([3, 6, 12])))
            s.quota = None if quota is None else np.array(quota)
            return s

        together = [make() for _ in range(10)]
        alone = [Sequence(s.source, s.options, s.limit) for s in together]
        for a, s in zip(alone, together):
            a.quota = s.quota
            decode_all(RunningBatch(model, SPECIAL, 16, placeholder_ids=[P0, P1]), [a])
        decode_all(RunningBatch(model, SPECIAL, 16, placeholder_ids=[P0, P1]), together, max_rows=6)  # staggered
        for a, s in zip(alone, together):
            assert [h.tokens for h in s.result()] == [h.tokens for h in a.result()], trial
            assert [h.score for h in s.result()] == pytest.approx([h.score for h in a.result()], abs=1e-5)
            for h in s.finished:
                if h.finished and s.quota is not None:
                    assert [h.tokens.count(P0), h.tokens.count(P1)] == s.quota.tolist(), (trial, h)


def test_warm_up_decodes_ordinary_pieces_not_placeholders(engines, monkeypatch):
    engine, seen = engines[True], []
    monkeypatch.setattr(engine, "translate_ids", lambda sources, options: seen.append(sources))
    engine.warm_up()
    placeholders = set(engine.encode(["⦅0⦆ ⦅1⦆"])[0]) & set(engine._placeholders[0].tolist())
    assert len(placeholders) == 2
    assert seen and not any(set(ids) & placeholders for sources in seen for ids in sources)
    assert all(engine.sequence(ids).quota is None for sources in seen for ids in sources)


def test_the_placeholder_beam_is_a_beam_the_service_accepts():
    with pytest.raises(ValueError):
        EngineConfig(placeholder_beam=17)
    with pytest.raises(ValueError):
        EngineConfig(placeholder_beam=0)


class TableModel(ScriptedModel):
    """Next-token probabilities from `table` by the previous token (the rest at the floor, below every word)."""

    def __init__(self, table: dict) -> None:
        self.table = table

    def step(self, tokens, positions, src_mask, self_mask, past, cross):
        log_probs, cache = super().step(tokens, positions, src_mask, self_mask, past, cross)
        log_probs[:] = -30.0
        for row, token in enumerate(tokens[:, 0]):
            for nxt, p in self.table.get(int(token), self.table[B]).items():
                log_probs[row, nxt] = np.log(p)
        return log_probs, cache


# Never writes P0 and would end after A: coverage can never be met, and held to it the model writes
# A B A B ... to its length limit.
NEVER_PLACING = {SPECIAL.bos: {A: 0.9, B: 0.1}, A: {SPECIAL.eos: 0.8, B: 0.2}, B: {A: 0.6, SPECIAL.eos: 0.4}}


def decode_held(table: dict, beam_size: int, compiled: bool, beside: int | None = None) -> tuple[Sequence, Sequence]:
    """A sequence that must place P0 once, decoded beside one without a quota (of beam `beside`, or its own)."""
    if compiled and running_batch._step is None:
        pytest.skip("the compiled step is not built")
    batch = RunningBatch(TableModel(table), SPECIAL, 16, placeholder_ids=[P0, P1], compiled=compiled)
    held = Sequence([B, B], DecodingOptions(beam_size=beam_size), 10)
    free = Sequence([B, B], DecodingOptions(beam_size=beside or beam_size), 10)
    held.quota = np.array([1, 0])
    decode_all(batch, [held, free])
    return held, free


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize("beam_size", [1, 4])
def test_a_quota_the_model_cannot_meet_returns_its_best_held_back_ending_not_its_output_to_the_limit(
        compiled, beam_size):
    held, free = decode_held(NEVER_PLACING, beam_size, compiled)
    (best,) = held.result()
    assert best.tokens == [A] and best.finished, best  # what it would have said: A, then the end
    assert best.log_prob == pytest.approx(np.log(0.9) + np.log(0.8), abs=1e-5)
    assert free.result()[0].tokens == [A]


@pytest.mark.parametrize("compiled", [False, True])
def test_the_held_back_ending_is_the_first_one_not_a_longer_loop_that_scores_better_per_token(compiled):
    # After A the model is torn between the end and B (EOS first on the tie: the lower id); B leads back to A.
    # [A] + EOS scores (ln .9 + ln .5) / 2 = -0.40 a token, [A B A] + EOS (... + ln .99 + ln .5) / 4 = -0.38.
    loop = {SPECIAL.bos: {A: 0.9, B: 0.1}, A: {SPECIAL.eos: 0.5, B: 0.5}, B: {A: 0.99, SPECIAL.eos: 0.01}}
    held, _ = decode_held(loop, 1, compiled)
    assert held.result()[0].tokens == [A]


@pytest.mark.parametrize("compiled", [False, True])
def test_what_a_held_sequence_returns_does_not_depend_on_the_beams_beside_it(compiled):
    # EOS is A's second candidate: a greedy sequence would never have ended there, so it has no held-back
    # ending, alone or beside a beam of 4 (whose rows make the batch ask the graph for more candidates).
    second = {SPECIAL.bos: {A: 0.9, B: 0.1}, A: {B: 0.6, SPECIAL.eos: 0.4}, B: {A: 0.7, SPECIAL.eos: 0.3}}
    alone, _ = decode_held(second, 1, compiled)
    beside, _ = decode_held(second, 1, compiled, beside=4)
    assert alone.result() == beside.result()
    assert alone.held_back is None and beside.held_back is None and not alone.result()[0].finished
