"""The two ONNX graphs of a model version, as PyTorch modules that torch.onnx traces.

The names, shapes and meanings are a contract (shared/DESIGN.md, "ONNX graphs"); this module writes
contract 2 (the manifest's `contract`; the serving side also loads contract 1, see
service/onnx_model.py):

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
    """One decoding step for a batch of rows that may be at different positions (contract 2). TopK is
    appended to the traced graph afterwards (export/onnx_export.py), with K as an input."""

    def __init__(self, model: Transformer) -> None:
        super().__init__()
        self.model = model
        self.n_layers = len(model.decoder_layers)

    def forward(self, tokens: Tensor, positions: Tensor, src_mask: Tensor, cache_mask: Tensor,
                *caches: Tensor) -> tuple[Tensor, ...]:
        n = self.n_layers
        cache, cross = caches[: 2 * n], caches[2 * n:]
        m = self.model
        x = m.tgt_pos(m.tgt_embed(tokens) * m.embed_scale, positions)  # (B, 1, D)
        cache_attn_mask = (cache_mask != 0)[:, None, None, :]  # (B, 1, 1, T)
        cross_attn_mask = (src_mask != 0)[:, None, None, :]  # (B, 1, 1, S)
        new: list[Tensor] = []
        for i, layer in enumerate(m.decoder_layers):
            x, k, v = layer.step_in_place(x, cache[2 * i], cache[2 * i + 1], cache_attn_mask, cross[2 * i],
                                          cross[2 * i + 1], cross_attn_mask)
            new.extend((k, v))
        logits = m.output(m.decoder_norm(x))[:, 0]  # (B, V)
        return (torch.log_softmax(logits, dim=-1), *new)
