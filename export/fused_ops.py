"""PyTorch functions that export as ONNX Runtime's fused contrib operators (domain com.microsoft).

Each is a `torch.autograd.Function` whose `forward` is the plain PyTorch computation (what tracing
runs, and what the model computes) and whose `symbolic` writes one fused node where the plain graph
would hold many. `mt-export --fused` / `mt-import --fused` use them; the default graphs do not,
because on this project's CPU (ONNX Runtime 1.31, 2 cores) they measured slower beyond batch 1
(docs/benchmarks.md, issue 14): a decoder step at 128 rows took 11.4 ms fused against 8.8 ms plain.
MultiHeadAttention with a past key/value copies the whole cache into its `present` output every
step, and SkipLayerNormalization's CPU kernel is slower than LayerNormalization plus Add; only the
cross-attention node broke even. At batch 1 the fused step is 5 % faster (half the nodes). The
GPU kernels of these operators are the ones ONNX Runtime tunes, so the option is kept for CUDA, where
it is untested here.

- `skip_layer_norm(x, skip, norm)` → SkipLayerNormalization: LayerNorm(x + skip), the post-LN
  residual, one node instead of Add + LayerNormalization (ONNX Runtime fuses it by itself only for
  GPU providers);
- `cached_self_attention(...)` → MultiHeadAttention with the caller's cache as past key/value and
  the step's own key/value appended last, masked by an additive bias: one node instead of about 15;
- `cross_attention(...)` → MultiHeadAttention over keys/values already split into heads;
- `padded_self_attention(...)` → MultiHeadAttention over (B, S, D) with a key padding mask: the
  encoder's, which also drops its per-layer head transposes.

The exported graphs are checked against the model's own `decode`/`encode` by export/onnx_export.py,
like the unfused ones; these forwards only have to give the traced shapes and the right values.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from export.model import MASK_FILL

MS = "com.microsoft::"


def _none(g):
    """An omitted optional input (ONNX's empty name)."""
    from torch.onnx._internal.torchscript_exporter.symbolic_helper import _optional_input_placeholder_tensor

    return _optional_input_placeholder_tensor(g)


def _axes(g, *axes: int):
    return g.op("Constant", value_t=torch.tensor(axes, dtype=torch.long))


def _typed(value, like):
    """Give a contrib node's output the type and shape of `like` (the exporter cannot infer them)."""
    value.setType(like.type())
    return value


def _softmax_attention(q: Tensor, k: Tensor, v: Tensor, bias: Tensor, scale: float) -> Tensor:
    return ((q @ k.transpose(-2, -1)) * scale + bias).softmax(dim=-1) @ v


class _SkipLayerNorm(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: Tensor, skip: Tensor, weight: Tensor, bias: Tensor, eps: float) -> Tensor:
        return nn.functional.layer_norm(x + skip, (x.shape[-1],), weight, bias, eps)

    @staticmethod
    def symbolic(g, x, skip, weight, bias, eps):
        return _typed(g.op(MS + "SkipLayerNormalization", x, skip, weight, bias, epsilon_f=eps), x)


def skip_layer_norm(x: Tensor, skip: Tensor, norm: nn.LayerNorm) -> Tensor:
    return _SkipLayerNorm.apply(x, skip, norm.weight, norm.bias, norm.eps)


class _CachedSelfAttention(torch.autograd.Function):
    """q, k, v: (B, D), the step's projections; cache_k, cache_v: (B, h, T, dk); bias: (B, 1, 1, T + 1),
    additive, the last column the step's own position → (B, D)."""

    @staticmethod
    def forward(ctx, q, k, v, cache_k, cache_v, bias, heads: int, scale: float) -> Tensor:
        rows, d = q.shape
        split = [t.reshape(rows, heads, 1, d // heads) for t in (q, k, v)]
        keys, values = torch.cat([cache_k, split[1]], dim=2), torch.cat([cache_v, split[2]], dim=2)
        return _softmax_attention(split[0], keys, values, bias, scale).reshape(rows, d)

    @staticmethod
    def symbolic(g, q, k, v, cache_k, cache_v, bias, heads, scale):
        q, k, v = (g.op("Unsqueeze", t, _axes(g, 1)) for t in (q, k, v))  # (B, 1, D)
        # The present key/value outputs are what makes the operator read the past; nothing uses them.
        out, _, _ = g.op(MS + "MultiHeadAttention", q, k, v, _none(g), _none(g), bias, cache_k, cache_v,
                         num_heads_i=heads, scale_f=scale, outputs=3)
        return g.op("Squeeze", _typed(out, q), _axes(g, 1))


class _CrossAttention(torch.autograd.Function):
    """q: (B, D); k, v: (B, h, S, dk), already split into heads; bias (B, 1, 1, S) → (B, D)."""

    @staticmethod
    def forward(ctx, q, k, v, bias, heads: int, scale: float) -> Tensor:
        rows, d = q.shape
        return _softmax_attention(q.reshape(rows, heads, 1, d // heads), k, v, bias, scale).reshape(rows, d)

    @staticmethod
    def symbolic(g, q, k, v, bias, heads, scale):
        q = g.op("Unsqueeze", q, _axes(g, 1))
        out = g.op(MS + "MultiHeadAttention", q, k, v, _none(g), _none(g), bias, num_heads_i=heads, scale_f=scale)
        return g.op("Squeeze", _typed(out, q), _axes(g, 1))


class _PaddedSelfAttention(torch.autograd.Function):
    """q, k, v: (B, S, D); key_mask: (B, S) int32, 1 = a real token → (B, S, D). Masked keys get
    MASK_FILL added, as `mask_filter_value`."""

    @staticmethod
    def forward(ctx, q, k, v, key_mask, heads: int, scale: float) -> Tensor:
        b, s, d = q.shape
        q, k, v = (t.reshape(b, s, heads, d // heads).transpose(1, 2) for t in (q, k, v))
        bias = (key_mask == 0).float()[:, None, None, :] * MASK_FILL
        return _softmax_attention(q, k, v, bias, scale).transpose(1, 2).reshape(b, s, d)

    @staticmethod
    def symbolic(g, q, k, v, key_mask, heads, scale):
        return _typed(g.op(MS + "MultiHeadAttention", q, k, v, _none(g), key_mask, num_heads_i=heads, scale_f=scale,
                           mask_filter_value_f=MASK_FILL), q)


def cached_self_attention(attn: nn.Module, y: Tensor, cache_k: Tensor, cache_v: Tensor, bias: Tensor,
                          scale: float) -> tuple[Tensor, Tensor, Tensor]:
    """The step's self-attention over the caller's cache → (output (B, D), the step's key and value
    (B, D), for the caller's cache)."""
    k, v = attn.w_k(y), attn.w_v(y)
    out = _CachedSelfAttention.apply(attn.w_q(y), k, v, cache_k, cache_v, bias, attn.n_heads, scale)
    return attn.w_o(out), k, v


def cross_attention(attn: nn.Module, y: Tensor, cross_k: Tensor, cross_v: Tensor, bias: Tensor, scale: float) -> Tensor:
    return attn.w_o(_CrossAttention.apply(attn.w_q(y), cross_k, cross_v, bias, attn.n_heads, scale))


def padded_self_attention(attn: nn.Module, x: Tensor, key_mask: Tensor, scale: float) -> Tensor:
    out = _PaddedSelfAttention.apply(attn.w_q(x), attn.w_k(x), attn.w_v(x), key_mask, attn.n_heads, scale)
    return attn.w_o(out)
