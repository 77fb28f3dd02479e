"""The reference decoder's rules: beam 1 is greedy, n-best order, scores, the length limit."""

import pytest
import torch

from export.config import EOS_ID, PAD_ID, ModelConfig
from export.decoding import LengthLimit, beam_search, greedy_decode, length_normalized
from export.model import make_model


@pytest.fixture(scope="module")
def model():
    torch.manual_seed(3)
    cfg = ModelConfig(src_vocab_size=20, tgt_vocab_size=12, d_model=32, n_heads=4, n_encoder_layers=1,
                      n_decoder_layers=1, d_ff=64, dropout=0.0)
    return make_model(cfg).eval()


@pytest.fixture(scope="module")
def batch():
    return torch.tensor([[5, 6, 7, 8, EOS_ID], [9, EOS_ID, PAD_ID, PAD_ID, PAD_ID], [10, 11, 12, EOS_ID, PAD_ID]])


def test_beam_of_one_is_greedy(model, batch):
    greedy = greedy_decode(model, batch)
    beam = [n[0] for n in beam_search(model, batch, beam_size=1)]
    assert [h.tokens for h in beam] == [h.tokens for h in greedy]
    assert [h.log_prob for h in beam] == pytest.approx([h.log_prob for h in greedy], abs=1e-4)


@pytest.mark.parametrize("beam_size", [2, 4, 5])
def test_n_best_comes_best_first_with_consistent_scores(model, batch, beam_size):
    for penalty in (0.0, 1.0):
        for hyps in beam_search(model, batch, beam_size=beam_size, n_best=beam_size, length_penalty=penalty):
            assert 1 <= len(hyps) <= beam_size
            scores = [h.score for h in hyps]
            assert scores == sorted(scores, reverse=True)
            for h in hyps:
                assert h.score == pytest.approx(
                    length_normalized(h.log_prob, len(h.tokens) + h.finished, penalty), rel=1e-6)
                assert EOS_ID not in h.tokens
            assert len({tuple(h.tokens) for h in hyps}) == len(hyps), "n-best holds duplicates"


def test_beam_search_finds_at_least_the_greedy_log_prob_without_length_penalty(model, batch):
    greedy = greedy_decode(model, batch, length_penalty=0.0)
    beam = [n[0] for n in beam_search(model, batch, beam_size=5, length_penalty=0.0)]
    for g, b in zip(greedy, beam):
        if g.finished:
            assert b.log_prob >= g.log_prob - 1e-5


@pytest.mark.parametrize("beam_size", [1, 3])
def test_output_stops_at_the_length_limit(model, batch, beam_size):
    limit = LengthLimit(a=0.0, b=2, hard_cap=100)
    for hyps in beam_search(model, batch, beam_size=beam_size, n_best=beam_size, limit=limit):
        for h in hyps:
            assert len(h.tokens) + h.finished <= 2
    for h in greedy_decode(model, batch, limit):
        assert len(h.tokens) + h.finished <= 2


def test_length_limit_formula_and_hard_cap():
    limit = LengthLimit(a=1.5, b=4, hard_cap=20)
    assert limit(2) == 7
    assert limit(100) == 20
    assert LengthLimit(a=0, b=0)(5) == 1  # always room for at least one token


def test_n_best_larger_than_the_beam_is_refused(model, batch):
    with pytest.raises(ValueError, match="n_best=3 must be between 1 and beam_size=2"):
        beam_search(model, batch, beam_size=2, n_best=3)
