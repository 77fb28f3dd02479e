"""The Transformer's paper-defined behaviour: positions, masks, attention, and that it can learn."""

import math

import pytest
import torch

from export.config import BOS_ID, EOS_ID, PAD_ID, ModelConfig
from export.decoding import LengthLimit, greedy_decode
from export.model import (
    MASK_FILL,
    decoder_self_mask,
    look_ahead_mask,
    make_model,
    padding_mask,
    scaled_dot_product_attention,
    sinusoidal_table,
)


def tiny_config(**overrides) -> ModelConfig:
    base = dict(src_vocab_size=20, tgt_vocab_size=22, d_model=32, n_heads=4, n_encoder_layers=2,
                n_decoder_layers=2, d_ff=64, dropout=0.0, max_positions=64)
    return ModelConfig(**{**base, **overrides})


@pytest.fixture(params=[{}, {"norm": "pre"}, {"positional": "learned", "tie_output": False}],
                ids=["post-ln", "pre-ln", "learned-untied"])
def model(request):
    torch.manual_seed(0)
    return make_model(tiny_config(**request.param)).eval()


def test_positional_encoding_equals_the_papers_formula():
    d_model, table = 16, sinusoidal_table(50, 16)
    for pos in (0, 1, 7, 49):
        for i in range(d_model // 2):
            angle = pos / 10000 ** (2 * i / d_model)
            assert table[pos, 2 * i].item() == pytest.approx(math.sin(angle), abs=1e-6)
            assert table[pos, 2 * i + 1].item() == pytest.approx(math.cos(angle), abs=1e-6)


def test_masks_have_the_expected_shape_and_values():
    assert look_ahead_mask(3).tolist() == [[True, False, False], [True, True, False], [True, True, True]]
    tgt = torch.tensor([[BOS_ID, 5, PAD_ID]])
    mask = decoder_self_mask(tgt, PAD_ID)
    assert mask.shape == (1, 3, 3)
    assert mask[0].tolist() == [[True, False, False], [True, True, False], [True, True, False]]
    assert padding_mask(tgt, PAD_ID).tolist() == [[True, True, False]]


def test_changing_a_padded_source_token_changes_no_unmasked_output(model):
    src = torch.tensor([[5, 6, 7, EOS_ID, PAD_ID, PAD_ID]])
    src_mask = padding_mask(src, PAD_ID)
    tgt = torch.tensor([[BOS_ID, 8, 9]])
    changed = src.clone()
    changed[0, 4:] = torch.tensor([11, 12])  # garbage where the mask says padding
    with torch.no_grad():
        mem_a, mem_b = model.encode(src, src_mask), model.encode(changed, src_mask)
        out_a = model.decode(mem_a, src_mask, tgt, decoder_self_mask(tgt, PAD_ID))
        out_b = model.decode(mem_b, src_mask, tgt, decoder_self_mask(tgt, PAD_ID))
    torch.testing.assert_close(mem_a[:, :4], mem_b[:, :4])  # real positions of the memory
    torch.testing.assert_close(out_a, out_b)  # and everything the decoder produces
    assert not torch.allclose(mem_a[:, 4:], mem_b[:, 4:]), "the padded positions themselves did change"


def test_changing_a_future_target_token_changes_no_earlier_output(model):
    src = torch.tensor([[5, 6, 7, EOS_ID]])
    tgt = torch.tensor([[BOS_ID, 8, 9, 10, 11]])
    with torch.no_grad():
        before = model(src, tgt)
        tgt2 = tgt.clone()
        tgt2[0, 3] = 15
        after = model(src, tgt2)
    torch.testing.assert_close(before[:, :3], after[:, :3])  # positions 0..2 never see position 3
    assert not torch.allclose(before[:, 3:], after[:, 3:])


def test_attention_rows_sum_to_one_and_masked_keys_get_no_weight():
    torch.manual_seed(0)
    q, k, v = torch.randn(2, 3, 4, 8), torch.randn(2, 3, 5, 8), torch.randn(2, 3, 5, 8)
    mask = torch.tensor([[True, True, True, False, False], [True] * 5])[:, None, None, :]
    _, weights = scaled_dot_product_attention(q, k, v, mask)
    torch.testing.assert_close(weights.sum(-1), torch.ones(2, 3, 4))
    assert weights[0, :, :, 3:].abs().max().item() == 0.0


def test_fully_padded_row_gives_no_nan(model):
    src = torch.tensor([[5, 6, EOS_ID], [PAD_ID, PAD_ID, PAD_ID]])
    tgt = torch.tensor([[BOS_ID, 7], [PAD_ID, PAD_ID]])
    with torch.no_grad():
        logits = model(src, tgt)
    assert torch.isfinite(logits).all()
    _, weights = scaled_dot_product_attention(torch.randn(1, 1, 2, 4), torch.randn(1, 1, 3, 4),
                                              torch.randn(1, 1, 3, 4), torch.zeros(1, 1, 1, 3, dtype=torch.bool))
    assert torch.isfinite(weights).all()


def test_mask_fill_is_finite_in_half_precision():
    assert math.isfinite(torch.tensor(MASK_FILL, dtype=torch.float16).item())


def test_a_padded_batch_gives_each_sentence_its_unpadded_result(model):
    short, long = [5, 6, EOS_ID], [7, 8, 9, 10, EOS_ID]
    batch = torch.tensor([short + [PAD_ID, PAD_ID], long])
    together = greedy_decode(model, batch, LengthLimit(a=0, b=6))
    alone = [greedy_decode(model, torch.tensor([s]), LengthLimit(a=0, b=6))[0] for s in (short, long)]
    assert [h.tokens for h in together] == [h.tokens for h in alone]


def test_config_rejects_heads_that_do_not_divide_the_width():
    with pytest.raises(ValueError, match="not divisible"):
        tiny_config(d_model=30, n_heads=4)


def test_config_round_trips_through_a_dict():
    cfg = tiny_config(norm="pre", positional="learned")
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="unknown model config keys"):
        ModelConfig.from_dict({**cfg.to_dict(), "bogus": 1})


def test_the_concatenated_sinusoid_layout_holds_the_same_sines_then_the_cosines():
    interleaved, concatenated = sinusoidal_table(50, 16), sinusoidal_table(50, 16, "concatenated")
    assert torch.equal(concatenated[:, :8], interleaved[:, 0::2])
    assert torch.equal(concatenated[:, 8:], interleaved[:, 1::2])


def test_a_config_without_the_import_options_keeps_todays_behaviour():
    old = {k: v for k, v in tiny_config().to_dict().items()
           if k not in ("sinusoid_layout", "activation", "scale_embeddings", "share_embeddings", "output_bias",
                        "suppress_ids")}
    config = ModelConfig.from_dict(old)
    assert (config.sinusoid_layout, config.activation, config.scale_embeddings, config.share_embeddings,
            config.output_bias, config.suppress_ids) == ("interleaved", "relu", True, False, False, ())
    torch.manual_seed(0)
    model = make_model(config)
    assert model.src_embed is not model.tgt_embed and model.output_bias is None
    assert model.embed_scale == math.sqrt(config.d_model)


def test_suppressed_tokens_get_minus_infinity_and_the_others_keep_their_log_softmax():
    torch.manual_seed(0)
    model = make_model(tiny_config(suppress_ids=(5,), output_bias=True, share_embeddings=True, tgt_vocab_size=20,
                                   activation="swish", scale_embeddings=False)).eval()
    assert ModelConfig.from_dict(model.config.to_dict()) == model.config  # a JSON list comes back a tuple
    logits = torch.randn(3, 20)
    log_probs = model.log_probs(logits)
    assert torch.isinf(log_probs[:, 5]).all()
    keep = [i for i in range(20) if i != 5]
    assert torch.allclose(log_probs[:, keep], torch.log_softmax(logits, -1)[:, keep])
    src = torch.tensor([[4, 6, EOS_ID]])
    assert 5 not in greedy_decode(model, src, LengthLimit(a=0, b=30))[0].tokens


def test_a_start_token_equal_to_pad_is_not_masked():
    mask = decoder_self_mask(torch.tensor([[PAD_ID, 7, PAD_ID]]), PAD_ID)
    assert mask[0, :, 0].all() and not mask[0, 2, 2]
