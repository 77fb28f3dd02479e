"""The Transformer of "Attention Is All You Need", section by section.

    from export.model import make_model
    model = make_model(ModelConfig(src_vocab_size=1000, tgt_vocab_size=1000))
    memory = model.encode(src, src_mask)                     # (B, S, D)
    logits = model.decode(memory, src_mask, tgt, tgt_mask)   # (B, T, V)

`encode` and `decode` are separate so that the two halves export as two ONNX graphs. Masks are
boolean, True where attention is allowed.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor, nn

from export.config import ModelConfig

# Masked attention scores are *filled* with this value rather than -inf: it stays finite in fp16
# (max 65504), so a row whose every position is masked (a fully padded sentence) becomes a uniform
# softmax instead of NaN.
MASK_FILL = -1e4


# --- 3.5 Positional encoding ------------------------------------------------------------------


def sinusoidal_table(max_positions: int, d_model: int, layout: str = "interleaved") -> Tensor:
    """PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)).

    "interleaved": sines on even dimensions and cosines on odd ones, as in the paper.
    "concatenated": the same sines in the first half and the cosines in the second, as tensor2tensor,
    Marian and CTranslate2 lay them out (which is why the table is exported with the model).
    """
    position = torch.arange(max_positions, dtype=torch.float64).unsqueeze(1)  # (P, 1)
    div = torch.pow(10000.0, torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)  # (D/2,)
    table = torch.zeros(max_positions, d_model, dtype=torch.float64)
    if layout == "concatenated":
        half = (d_model + 1) // 2
        table[:, :half] = torch.sin(position / div)
        table[:, half:] = torch.cos(position / div[: d_model // 2])
    else:
        table[:, 0::2] = torch.sin(position / div)
        table[:, 1::2] = torch.cos(position / div[: d_model // 2])
    return table.float()


class PositionalEncoding(nn.Module):
    """Adds a position vector to every (already scaled) token embedding, then dropout."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.learned = config.positional == "learned"
        table = sinusoidal_table(config.max_positions, config.d_model, config.sinusoid_layout)
        if self.learned:
            self.table = nn.Parameter(table.clone())
        else:
            self.register_buffer("table", table, persistent=False)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: Tensor, positions: Tensor | None = None) -> Tensor:
        # x: (B, T, D); positions: (B, T) int64, default 0..T-1 for every row
        if positions is None:
            if x.size(1) > self.table.size(0):
                raise ValueError(f"sequence length {x.size(1)} exceeds max_positions={self.table.size(0)}")
            return self.dropout(x + self.table[: x.size(1)])
        return self.dropout(x + self.table[positions])


# --- 3.2 Attention ------------------------------------------------------------------------------


def scaled_dot_product_attention(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | None,
                                 dropout: nn.Module | None = None) -> tuple[Tensor, Tensor]:
    """softmax(Q K^T / sqrt(d_k)) V.  q: (B, h, Tq, dk); k, v: (B, h, Tk, dk); mask: broadcastable
    to (B, h, Tq, Tk), True where allowed. Returns the output (B, h, Tq, dk) and the weights."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))  # (B, h, Tq, Tk)
    if mask is not None:
        scores = scores.masked_fill(~mask, MASK_FILL)
    weights = scores.softmax(dim=-1)
    if dropout is not None:
        weights = dropout(weights)
    return weights @ v, weights


class MultiHeadAttention(nn.Module):
    """MultiHead(Q, K, V) = Concat(head_1..head_h) W_O, head_i = Attention(Q W_Q_i, K W_K_i, V W_V_i)."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.n_heads = config.n_heads
        self.head_dim = config.head_dim
        self.w_q = nn.Linear(config.d_model, config.d_model)
        self.w_k = nn.Linear(config.d_model, config.d_model)
        self.w_v = nn.Linear(config.d_model, config.d_model)
        self.w_o = nn.Linear(config.d_model, config.d_model)
        self.dropout = nn.Dropout(config.dropout)

    def split_heads(self, x: Tensor) -> Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)  # (B, h, T, dk)

    def project_kv(self, x: Tensor) -> tuple[Tensor, Tensor]:
        """Keys and values of `x`, split into heads: what the decoder caches (and what the encoder
        graph hands the decoder for cross-attention, computed once per sentence)."""
        return self.split_heads(self.w_k(x)), self.split_heads(self.w_v(x))

    def attend(self, query: Tensor, k: Tensor, v: Tensor, mask: Tensor | None) -> Tensor:
        q = self.split_heads(self.w_q(query))  # (B, h, Tq, dk)
        out, _ = scaled_dot_product_attention(q, k, v, mask, self.dropout)
        b, _, t, _ = out.shape
        return self.w_o(out.transpose(1, 2).reshape(b, t, self.n_heads * self.head_dim))  # (B, Tq, D)

    def forward(self, query: Tensor, key_value: Tensor, mask: Tensor | None) -> Tensor:
        k, v = self.project_kv(key_value)
        return self.attend(query, k, v, mask)


# --- 3.3 Position-wise feed-forward --------------------------------------------------------------


ACTIVATIONS = {"relu": torch.relu, "gelu": nn.functional.gelu, "swish": nn.functional.silu}


class FeedForward(nn.Module):
    """FFN(x) = max(0, x W_1 + b_1) W_2 + b_2 (ReLU as in the paper; GELU or swish as an option)."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.w_1 = nn.Linear(config.d_model, config.d_ff)
        self.w_2 = nn.Linear(config.d_ff, config.d_model)
        self.activation = ACTIVATIONS[config.activation]
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: Tensor) -> Tensor:
        return self.w_2(self.dropout(self.activation(self.w_1(x))))


# --- 3.1 Residual connection and layer normalization ---------------------------------------------


class SublayerConnection(nn.Module):
    """Post-LN (the paper): LayerNorm(x + Dropout(Sublayer(x))).
    Pre-LN (option):       x + Dropout(Sublayer(LayerNorm(x)))."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.pre_norm = config.norm == "pre"
        self.norm = nn.LayerNorm(config.d_model)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x: Tensor, sublayer) -> Tensor:
        if self.pre_norm:
            return x + self.dropout(sublayer(self.norm(x)))
        return self.norm(x + self.dropout(sublayer(x)))


class EncoderLayer(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.self_attn = MultiHeadAttention(config)
        self.ffn = FeedForward(config)
        self.sublayers = nn.ModuleList([SublayerConnection(config) for _ in range(2)])

    def forward(self, x: Tensor, mask: Tensor) -> Tensor:
        x = self.sublayers[0](x, lambda y: self.self_attn(y, y, mask))
        return self.sublayers[1](x, self.ffn)


class DecoderLayer(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.self_attn = MultiHeadAttention(config)
        self.cross_attn = MultiHeadAttention(config)
        self.ffn = FeedForward(config)
        self.sublayers = nn.ModuleList([SublayerConnection(config) for _ in range(3)])

    def forward(self, x: Tensor, memory: Tensor, src_mask: Tensor, tgt_mask: Tensor) -> Tensor:
        x = self.sublayers[0](x, lambda y: self.self_attn(y, y, tgt_mask))
        x = self.sublayers[1](x, lambda y: self.cross_attn(y, memory, src_mask))
        return self.sublayers[2](x, self.ffn)


# --- Masks ------------------------------------------------------------------------------------


def padding_mask(tokens: Tensor, pad_id: int) -> Tensor:
    """(B, T) → (B, T), True for real tokens."""
    return tokens != pad_id


def look_ahead_mask(length: int, device: torch.device | None = None) -> Tensor:
    """(T, T) lower-triangular: position i may attend to positions ≤ i only."""
    return torch.ones(length, length, dtype=torch.bool, device=device).tril()


def decoder_self_mask(tgt_tokens: Tensor, pad_id: int) -> Tensor:
    """Look-ahead mask combined with the target padding mask: (B, T, T). Position 0 is the start token,
    never padding, even where it is the pad id (Marian starts decoding from pad)."""
    t = tgt_tokens.size(1)
    real = padding_mask(tgt_tokens, pad_id)
    real[:, 0] = True
    return look_ahead_mask(t, tgt_tokens.device).unsqueeze(0) & real.unsqueeze(1)


# --- The encoder-decoder ----------------------------------------------------------------------


class Transformer(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.src_embed = nn.Embedding(config.src_vocab_size, config.d_model, padding_idx=config.pad_id)
        self.tgt_embed = (self.src_embed if config.share_embeddings
                          else nn.Embedding(config.tgt_vocab_size, config.d_model, padding_idx=config.pad_id))
        self.src_pos = PositionalEncoding(config)
        self.tgt_pos = PositionalEncoding(config)
        self.encoder_layers = nn.ModuleList([EncoderLayer(config) for _ in range(config.n_encoder_layers)])
        self.decoder_layers = nn.ModuleList([DecoderLayer(config) for _ in range(config.n_decoder_layers)])
        # Pre-LN leaves the residual stream un-normalized, so each stack ends with a LayerNorm.
        self.encoder_norm = nn.LayerNorm(config.d_model) if config.norm == "pre" else nn.Identity()
        self.decoder_norm = nn.LayerNorm(config.d_model) if config.norm == "pre" else nn.Identity()
        self.output = nn.Linear(config.d_model, config.tgt_vocab_size, bias=False)
        # A separate parameter rather than the Linear's bias: the graph then keeps MatMul + Add, whose
        # weight ONNX Runtime's int8 quantizer handles even when tied to the embedding (a Gemm sharing
        # the embedding's initializer with a Gather breaks it).
        self.output_bias = nn.Parameter(torch.zeros(config.tgt_vocab_size)) if config.output_bias else None
        self.embed_scale = math.sqrt(config.d_model) if config.scale_embeddings else 1.0
        if config.suppress_ids:  # added to the log-probs: -inf for tokens never generated
            suppress = torch.zeros(config.tgt_vocab_size)
            suppress[list(config.suppress_ids)] = -math.inf
            self.register_buffer("suppress", suppress, persistent=False)
        self._init_weights()
        if config.tie_output:
            self.output.weight = self.tgt_embed.weight

    def _init_weights(self) -> None:
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)
        # Embeddings are multiplied by sqrt(d_model); N(0, d^-1/2) keeps the product near unit scale
        # (and suits the tied output projection).
        for emb in (self.src_embed, self.tgt_embed):
            nn.init.normal_(emb.weight, mean=0.0, std=self.config.d_model ** -0.5)
            with torch.no_grad():
                emb.weight[self.config.pad_id].zero_()
        if self.config.positional == "learned":
            with torch.no_grad():
                for pe in (self.src_pos, self.tgt_pos):
                    pe.table.copy_(sinusoidal_table(self.config.max_positions, self.config.d_model,
                                                    self.config.sinusoid_layout))

    def encode(self, src: Tensor, src_mask: Tensor) -> Tensor:
        """src: (B, S) token ids; src_mask: (B, S) True for real tokens → memory (B, S, D)."""
        x = self.src_pos(self.src_embed(src) * self.embed_scale)
        attn_mask = src_mask[:, None, None, :]  # (B, 1, 1, S): every query may see every real key
        for layer in self.encoder_layers:
            x = layer(x, attn_mask)
        return self.encoder_norm(x)

    def decode(self, memory: Tensor, src_mask: Tensor, tgt: Tensor, tgt_mask: Tensor) -> Tensor:
        """tgt: (B, T) ids starting with BOS; tgt_mask: (B, T, T) from `decoder_self_mask`
        → logits (B, T, V) for the token after each position."""
        x = self.tgt_pos(self.tgt_embed(tgt) * self.embed_scale)
        cross_mask = src_mask[:, None, None, :]  # (B, 1, 1, S)
        self_mask = tgt_mask[:, None, :, :]  # (B, 1, T, T)
        for layer in self.decoder_layers:
            x = layer(x, memory, cross_mask, self_mask)
        return self.project(self.decoder_norm(x))

    def project(self, x: Tensor) -> Tensor:
        """(..., D) → logits (..., V): the output projection, and its bias where the model has one."""
        logits = self.output(x)
        return logits + self.output_bias if self.output_bias is not None else logits

    def log_probs(self, logits: Tensor) -> Tensor:
        """Log-softmax over the vocabulary, then -inf for the suppressed tokens (after normalizing, as
        transformers applies bad_words_ids, so that the other tokens' log-probs are the model's own)."""
        log_probs = torch.log_softmax(logits, dim=-1)
        return log_probs + self.suppress if self.config.suppress_ids else log_probs

    def forward(self, src: Tensor, tgt: Tensor) -> Tensor:
        """Teacher-forced logits (B, T, V) for a padded batch."""
        src_mask = padding_mask(src, self.config.pad_id)
        memory = self.encode(src, src_mask)
        return self.decode(memory, src_mask, tgt, decoder_self_mask(tgt, self.config.pad_id))


def make_model(config: ModelConfig) -> Transformer:
    return Transformer(config)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())  # shared (tied) weights count once
