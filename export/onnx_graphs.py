"""The two ONNX graphs of a model version, as PyTorch modules that torch.onnx traces.

The names, shapes and meanings are a contract (shared/DESIGN.md, "ONNX graphs"); this module writes
contract 2 (the manifest's `contract`; the serving side also loads contract 1, see
service/engine/onnx_model.py):

encoder.onnx   src_tokens int64 (B, S), src_mask int64 (B, S) 1 = real token
               → cross_key_{i}, cross_value_{i} float (B, h, S, dk) for every decoder layer i
decoder.onnx   tokens int64 (B, 1), positions int64 (B, 1), src_mask int64 (B, S),
               cache_mask int64 (B, T) 1 = a past position of the row, top_k int64 (1,),
               cache_key_{i}, cache_value_{i} (B, h, T, dk), cross_key_{i}, cross_value_{i}
               → log_probs float (B, V), top_log_probs float (B, K), top_ids int64 (B, K) (each row's
                 best K tokens, best first, ties to the lower id), new_key_{i}, new_value_{i} (B, h, 1, dk)
               The cache is the caller's: the graph reads it (T may be a capacity larger than any row's
               past, masked) and returns only the step's keys and values, which the caller writes
               into it, so no step copies the cache. (Contract 1 took past_key/past_value (B, h, P, dk)
               and self_mask (B, P + 1), and returned the whole grown cache, present_key/present_value.)
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from export.fused_ops import cached_self_attention, cross_attention, padded_self_attention, skip_layer_norm
from export.model import MASK_FILL, SublayerConnection, Transformer
from service.engine.onnx_model import cache_names  # noqa: F401  (the names are the serving side's contract)


def residual(sublayer: SublayerConnection, x: Tensor, f, fused: bool) -> Tensor:
    """The sublayer's residual connection; post-LN's Add + LayerNorm as one fused node when `fused`."""
    if fused and not sublayer.pre_norm:
        return skip_layer_norm(f(x), x, sublayer.norm)
    return sublayer(x, f)


class EncoderGraph(nn.Module):
    """Encodes the source once and projects it into every decoder layer's cross-attention keys and
    values, so that no decoding step ever recomputes them. `fused`: attention and the residual
    LayerNorms as ONNX Runtime's fused operators (export/fused_ops.py; not the default)."""

    def __init__(self, model: Transformer, fused: bool = False) -> None:
        super().__init__()
        self.model, self.fused = model, fused
        self.scale = 1.0 / math.sqrt(model.config.head_dim)

    def forward(self, src_tokens: Tensor, src_mask: Tensor) -> tuple[Tensor, ...]:
        memory = self._encode_fused(src_tokens, src_mask) if self.fused else self.model.encode(src_tokens, src_mask != 0)
        out: list[Tensor] = []
        for layer in self.model.decoder_layers:
            out.extend(layer.cross_attn.project_kv(memory))  # 2 × (B, h, S, dk)
        return tuple(out)

    def _encode_fused(self, src_tokens: Tensor, src_mask: Tensor) -> Tensor:
        """`Transformer.encode`, attention over (B, S, D) with the padding mask as one node per layer."""
        m = self.model
        x = m.src_pos(m.src_embed(src_tokens) * m.embed_scale)
        key_mask = src_mask.to(torch.int32)
        for layer in m.encoder_layers:
            x = residual(layer.sublayers[0], x,
                         lambda y: padded_self_attention(layer.self_attn, y, key_mask, self.scale), True)
            x = residual(layer.sublayers[1], x, layer.ffn, True)
        return m.encoder_norm(x)


class DecoderStepGraph(nn.Module):
    """One decoding step for a batch of rows that may be at different positions (contract 2), written
    for the step rather than reusing the training code path: every tensor is (rows, d_model) except
    inside attention, so each projection is one Gemm with its bias, heads are split and merged by
    reshapes (no transposes: a single query position needs none), and the masks become additive
    biases once per step instead of a Where per layer. TopK is appended to the traced graph
    afterwards (export/onnx_export.py), with K as an input. `fused` (`mt-export --fused`): each attention and
    each residual LayerNorm is one ONNX Runtime contrib node (export/fused_ops.py), slower on CPU
    beyond batch 1, so not the default. The checks compare either with the model's own `decode`."""

    def __init__(self, model: Transformer, fused: bool = False) -> None:
        super().__init__()
        self.model, self.fused = model, fused
        self.n_layers = len(model.decoder_layers)
        self.heads, self.head_dim = model.config.n_heads, model.config.head_dim
        self.scale = 1.0 / math.sqrt(model.config.head_dim)

    def forward(self, tokens: Tensor, positions: Tensor, src_mask: Tensor, cache_mask: Tensor,
                *caches: Tensor) -> tuple[Tensor, ...]:
        n = self.n_layers
        cache, cross = caches[: 2 * n], caches[2 * n:]
        m = self.model
        x = m.tgt_pos(m.tgt_embed(tokens) * m.embed_scale, positions)[:, 0]  # (B, D)
        cache_bias = ((cache_mask == 0).float() * MASK_FILL)[:, None, None, :]  # (B, 1, 1, T)
        cross_bias = ((src_mask == 0).float() * MASK_FILL)[:, None, None, :]  # (B, 1, 1, S)
        new: list[Tensor] = []
        if self.fused:  # the step's own position is the last column, after the cache
            self_bias = torch.cat([cache_bias, torch.zeros_like(cache_bias[..., :1])], dim=-1)
        for i, layer in enumerate(m.decoder_layers):
            if self.fused:
                x = residual(layer.sublayers[0], x, lambda y: self._fused_self_attention(
                    layer.self_attn, y, cache[2 * i], cache[2 * i + 1], self_bias, new), True)
                x = residual(layer.sublayers[1], x, lambda y: cross_attention(
                    layer.cross_attn, y, cross[2 * i], cross[2 * i + 1], cross_bias, self.scale), True)
            else:
                x = layer.sublayers[0](x, lambda y: self._self_attention(
                    layer.self_attn, y, cache[2 * i], cache[2 * i + 1], cache_bias, new))
                x = layer.sublayers[1](x, lambda y: self._cross_attention(
                    layer.cross_attn, y, cross[2 * i], cross[2 * i + 1], cross_bias))
            x = residual(layer.sublayers[2], x, layer.ffn, self.fused)
        logits = m.project(m.decoder_norm(x))  # (B, V)
        return (m.log_probs(logits), *new)

    def _heads(self, x: Tensor) -> Tensor:
        return x.reshape(-1, self.heads, 1, self.head_dim)  # (B, D) → (B, h, 1, dk)

    def _fused_self_attention(self, attn: nn.Module, y: Tensor, cache_k: Tensor, cache_v: Tensor, bias: Tensor,
                              new: list[Tensor]) -> Tensor:
        out, k, v = cached_self_attention(attn, y, cache_k, cache_v, bias, self.scale)
        new.extend((self._heads(k), self._heads(v)))
        return out

    def _self_attention(self, attn: nn.Module, y: Tensor, cache_k: Tensor, cache_v: Tensor, bias: Tensor,
                        new: list[Tensor]) -> Tensor:
        """Attention over the caller's cache (B, h, T, dk) and the step's own key/value, which is
        returned for the caller to write into its cache: the cache is never concatenated or copied."""
        q = self._heads(attn.w_q(y)) * self.scale
        k, v = self._heads(attn.w_k(y)), self._heads(attn.w_v(y))
        new.extend((k, v))
        own = (q * k).sum(dim=-1, keepdim=True)  # (B, h, 1, 1): always attended
        past = q @ cache_k.transpose(-2, -1) + bias  # (B, h, 1, T)
        # The step's own score goes first, so that splitting the weights takes constant slices.
        weights = torch.cat([own, past], dim=-1).softmax(dim=-1)
        out = weights[..., :1] * v + weights[..., 1:] @ cache_v  # (B, h, 1, dk)
        return attn.w_o(out.reshape(-1, self.heads * self.head_dim))

    def _cross_attention(self, attn: nn.Module, y: Tensor, cross_k: Tensor, cross_v: Tensor, bias: Tensor) -> Tensor:
        q = self._heads(attn.w_q(y)) * self.scale
        weights = (q @ cross_k.transpose(-2, -1) + bias).softmax(dim=-1)  # (B, h, 1, S)
        return attn.w_o((weights @ cross_v).reshape(-1, self.heads * self.head_dim))
