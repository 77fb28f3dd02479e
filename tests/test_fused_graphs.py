"""The fused export graphs (export/fused_ops.py): ONNX Runtime's MultiHeadAttention and
SkipLayerNormalization in place of the plain operators, same contract, same numbers."""

import collections

import numpy as np
import onnx
import pytest
import torch

from export.config import ModelConfig
from export.model import make_model
from export.onnx_export import check_parity, export_graphs
from service.engine.onnx_model import OnnxModel


def _model(norm: str, activation: str = "relu"):
    torch.manual_seed(3)
    config = ModelConfig(src_vocab_size=50, tgt_vocab_size=40, d_model=32, n_heads=4, n_encoder_layers=2,
                         n_decoder_layers=2, d_ff=64, norm=norm, activation=activation)
    return make_model(config).eval()


def _ops(path) -> collections.Counter:
    return collections.Counter(n.op_type for n in onnx.load(str(path)).graph.node if n.op_type != "Constant")


@pytest.fixture(scope="module", params=["post", "pre"])
def graphs(request, tmp_path_factory):
    model = _model(request.param, "swish" if request.param == "pre" else "relu")
    folders = {}
    for fused in (True, False):
        folders[fused] = tmp_path_factory.mktemp(f"{request.param}-{'fused' if fused else 'plain'}")
        export_graphs(model, folders[fused], fused=fused)
    return model, folders


def test_fused_graphs_hold_the_contrib_operators_and_fewer_nodes(graphs):
    model, folders = graphs
    for graph in ("encoder.onnx", "decoder.onnx"):
        fused, plain = _ops(folders[True] / graph), _ops(folders[False] / graph)
        assert "MultiHeadAttention" not in plain and fused["MultiHeadAttention"] > 0
        assert sum(fused.values()) < sum(plain.values()), (graph, fused, plain)
    layers = model.config.n_decoder_layers
    assert _ops(folders[True] / "decoder.onnx")["MultiHeadAttention"] == 2 * layers
    skip_norms = _ops(folders[True] / "decoder.onnx")["SkipLayerNormalization"]
    assert skip_norms == (3 * layers if model.config.norm == "post" else 0)  # pre-LN has no Add + LayerNorm pair


def test_fused_graphs_match_pytorch(graphs):
    model, folders = graphs
    onnx_model = OnnxModel.load(folders[True], model.config.to_dict())
    assert check_parity(model, onnx_model) < 1e-4


def test_fused_and_plain_steps_agree_on_rows_at_different_positions(graphs):
    """Contract 2's step: each row reads only its own past columns of a wider cache; a padded source."""
    model, folders = graphs
    fused, plain = (OnnxModel.load(folders[f], model.config.to_dict()) for f in (True, False))
    rng = np.random.default_rng(0)
    batch, width = 4, 8
    src = rng.integers(4, 50, (batch, 6))
    src_mask = np.ones_like(src)
    src_mask[1, 3:] = 0
    src[1, 3:] = 0
    cross = fused.encode(src, src_mask)
    for a, b in zip(cross, plain.encode(src, src_mask)):
        np.testing.assert_allclose(a[src_mask[:, None, :, None].repeat(a.shape[1], 1).repeat(a.shape[3], 3) == 1],
                                   b[src_mask[:, None, :, None].repeat(b.shape[1], 1).repeat(b.shape[3], 3) == 1],
                                   atol=1e-4)
    cache = [rng.standard_normal((batch, 4, width, 8)).astype(np.float32) for _ in range(4)]
    positions = np.array([[0], [3], [8], [5]])
    cache_mask = (np.arange(width)[None, :] < positions).astype(np.int64)
    tokens = rng.integers(4, 40, (batch, 1))
    out_fused = fused.step_in_place(tokens, positions, src_mask, cache_mask, 3, cache, cross, want_log_probs=True)
    out_plain = plain.step_in_place(tokens, positions, src_mask, cache_mask, 3, cache, cross, want_log_probs=True)
    np.testing.assert_allclose(out_fused[0], out_plain[0], atol=1e-4)
    assert np.array_equal(out_fused[2], out_plain[2])
    for a, b in zip(out_fused[3], out_plain[3]):
        np.testing.assert_allclose(a, b, atol=1e-5)
    # A masked column's value must not matter: change it and nothing moves.
    poked = [c.copy() for c in cache]
    for c in poked:
        c[0, :, :] = 1e3
        c[1, :, 3:] = -1e3
    again = fused.step_in_place(tokens, positions, src_mask, cache_mask, 3, poked, cross, want_log_probs=True)
    np.testing.assert_allclose(again[0][:2], out_fused[0][:2], atol=1e-5)
