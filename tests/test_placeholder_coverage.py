"""Placeholder coverage (service/running_batch.py, service/engine.py): a text whose source holds
placeholders gets each of them in its output exactly as often as the source has it. The model below
is scripted to do what the bundled model did to "그 신발은 3,500원이에요?" (end before the price) and to
"최유나 씨가 전화했어요." (say the name twice)."""

from pathlib import Path

import numpy as np
import pytest

from service.config import DecodingOptions, EngineConfig
from service.decoding import SpecialTokens
from service.engine import Engine
from service.running_batch import RunningBatch, decode_all
from service.sequence import Sequence

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
    assert s.beam_size == EngineConfig().placeholder_beam == 4 and s.quota is not None and s.quota.tolist() == [1] + [0] * 9
    assert s.options.n_best == 1
    assert engine.sequence(with_price, DecodingOptions(beam_size=6)).beam_size == 6
    s = engine.sequence(plain, DecodingOptions())
    assert s.beam_size == 1 and s.quota is None
    s = engines[False].sequence(with_price, DecodingOptions())
    assert s.beam_size == 1 and s.quota is None

