"""The two ONNX graphs of a model version, as PyTorch modules that torch.onnx traces.

The names, shapes and meanings are a contract (shared/DESIGN.md, "ONNX graphs"):

encoder.onnx   src_tokens int64 (B, S), src_mask int64 (B, S) 1 = real token
               → cross_key_{i}, cross_value_{i} float (B, h, S, dk) for every decoder layer i
decoder.onnx   tokens int64 (B, 1), positions int64 (B, 1), src_mask int64 (B, S),
               self_mask int64 (B, P + 1), past_key_{i}, past_value_{i} (B, h, P, dk), cross_key_{i},
               cross_value_{i} → log_probs float (B, V), present_key_{i}, present_value_{i} (B, h, P + 1, dk)
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from export.model import Transformer
from service.onnx_model import cache_names  # noqa: F401  (the names are the serving side's contract)


class EncoderGraph(nn.Module):
    """Encodes the source once and projects it into every decoder layer's cross-attention keys and
    values, so that no decoding step ever recomputes them."""

    def __init__(self, model: Transformer) -> None:
        super().__init__()
        self.model = model

    def forward(self, src_tokens: Tensor, src_mask: Tensor) -> tuple[Tensor, ...]:
        memory = self.model.encode(src_tokens, src_mask != 0)  # (B, S, D)
        out: list[Tensor] = []
        for layer in self.model.decoder_layers:
            out.extend(layer.cross_attn.project_kv(memory))  # 2 × (B, h, S, dk)
        return tuple(out)


class DecoderStepGraph(nn.Module):
    """One decoding step for a batch of rows that may be at different positions."""

    def __init__(self, model: Transformer) -> None:
        super().__init__()
        self.model = model
        self.n_layers = len(model.decoder_layers)

    def forward(self, tokens: Tensor, positions: Tensor, src_mask: Tensor, self_mask: Tensor,
                *caches: Tensor) -> tuple[Tensor, ...]:
        n = self.n_layers
        past, cross = caches[: 2 * n], caches[2 * n:]
        m = self.model
        x = m.tgt_pos(m.tgt_embed(tokens) * m.embed_scale, positions)  # (B, 1, D)
        self_attn_mask = (self_mask != 0)[:, None, None, :]  # (B, 1, 1, P+1)
        cross_attn_mask = (src_mask != 0)[:, None, None, :]  # (B, 1, 1, S)
        presents: list[Tensor] = []
        for i, layer in enumerate(m.decoder_layers):
            x, k, v = layer.step(x, past[2 * i], past[2 * i + 1], cross[2 * i], cross[2 * i + 1],
                                 self_attn_mask, cross_attn_mask)
            presents.extend((k, v))
        logits = m.output(m.decoder_norm(x))[:, 0]  # (B, V)
        return (torch.log_softmax(logits, dim=-1), *presents)
