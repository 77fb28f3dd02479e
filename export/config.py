"""Typed configuration: the model's hyper-parameters and the training run's settings.

`ModelConfig` travels inside every checkpoint (and, later, every exported manifest), so a model
can be rebuilt from its files alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

# Special token ids, shared by the source and target SentencePiece models so that every part of the
# system (training, export, serving) agrees on them without looking them up.
PAD_ID = 0
UNK_ID = 1
BOS_ID = 2
EOS_ID = 3


@dataclass(frozen=True)
class ModelConfig:
    """Hyper-parameters of the encoder-decoder Transformer ("Attention Is All You Need")."""

    src_vocab_size: int
    tgt_vocab_size: int
    d_model: int = 256  # width of every residual stream; the paper's base model uses 512
    n_heads: int = 4  # d_model must split evenly into heads
    n_encoder_layers: int = 3
    n_decoder_layers: int = 3
    d_ff: int = 1024  # inner width of the position-wise feed-forward network
    dropout: float = 0.1  # on sub-layer outputs, embeddings+positions and attention weights
    max_positions: int = 256  # longest sequence the position table covers
    positional: Literal["sinusoidal", "learned"] = "sinusoidal"
    norm: Literal["post", "pre"] = "post"  # post-LN as in the paper; pre-LN trains more easily when deep
    tie_output: bool = True  # output projection shares the target embedding matrix
    pad_id: int = PAD_ID
    unk_id: int = UNK_ID
    bos_id: int = BOS_ID  # the decoder's start token (Marian starts from pad)
    eos_id: int = EOS_ID
    # Options that imported models (OPUS-MT / Marian, export/marian_import.py) need; the defaults are
    # our own models' behaviour, so checkpoints and manifests without these keys load as before.
    sinusoid_layout: Literal["interleaved", "concatenated"] = "interleaved"  # Marian: all sines, then all cosines
    activation: Literal["relu", "gelu", "swish"] = "relu"  # of the feed-forward network; OPUS-MT uses swish
    scale_embeddings: bool = True  # multiply token embeddings by sqrt(d_model)
    share_embeddings: bool = False  # source and target share one embedding matrix (one vocabulary)
    output_bias: bool = False  # a bias on the output projection (Marian's final_logits_bias)
    suppress_ids: tuple[int, ...] = ()  # never generated: log-prob -inf (Marian's bad_words_ids, the pad token)

    def __post_init__(self) -> None:
        if self.d_model % self.n_heads:
            raise ValueError(f"d_model={self.d_model} is not divisible by n_heads={self.n_heads}")
        if self.positional not in ("sinusoidal", "learned"):
            raise ValueError(f"positional={self.positional!r}: expected 'sinusoidal' or 'learned'")
        if self.norm not in ("post", "pre"):
            raise ValueError(f"norm={self.norm!r}: expected 'post' or 'pre'")
        for name in ("src_vocab_size", "tgt_vocab_size", "d_model", "n_heads", "d_ff", "max_positions"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name}={getattr(self, name)} must be positive")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout={self.dropout} must be in [0, 1)")
        if self.sinusoid_layout not in ("interleaved", "concatenated"):
            raise ValueError(f"sinusoid_layout={self.sinusoid_layout!r}: expected 'interleaved' or 'concatenated'")
        if self.activation not in ("relu", "gelu", "swish"):
            raise ValueError(f"activation={self.activation!r}: expected 'relu', 'gelu' or 'swish'")
        if self.share_embeddings and self.src_vocab_size != self.tgt_vocab_size:
            raise ValueError(f"share_embeddings needs one vocabulary: src_vocab_size={self.src_vocab_size}, "
                             f"tgt_vocab_size={self.tgt_vocab_size}")
        for value in self.suppress_ids:
            if not 0 <= value < self.tgt_vocab_size:
                raise ValueError(f"suppress_ids: {value} is outside the target vocabulary (0 to {self.tgt_vocab_size - 1})")

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown model config keys: {sorted(unknown)}")
        if "suppress_ids" in data:  # a JSON list; the frozen config keeps a tuple
            data = {**data, "suppress_ids": tuple(data["suppress_ids"])}
        return cls(**data)


@dataclass(frozen=True)
class TrainConfig:
    """Settings of one training run; the defaults train the bundled Korean→English model."""

    seed: int = 1
    max_steps: int = 3000  # optimizer updates; the run stops here (or at --time-limit)
    max_tokens: int = 3000  # per batch: sentences × longest side, padding included
    warmup_steps: int = 200
    lr_factor: float = 0.6  # scales the paper's d_model^-0.5 * min(step^-0.5, step * warmup^-1.5)
    adam_betas: tuple[float, float] = (0.9, 0.98)
    adam_eps: float = 1e-9
    label_smoothing: float = 0.1
    clip_norm: float = 1.0
    eval_every: int = 200  # steps between validations (loss + BLEU on the dev split)
    eval_sentences: int = 500  # dev sentences decoded for BLEU at each validation
    patience: int = 0  # stop after this many validations without a better BLEU (0: never)
    # The bare command must end within 30 minutes on a 2-core machine (issue 13). The limit is the whole
    # command's (train.TimeBudget): training stops early enough for the last validation and the final scores.
    # 3000 steps took 28.1 minutes for the whole command on the quiet machine (ko-en/4); a slower one stops
    # earlier (0: no limit). The 0.5 minute margin is for the interpreter's start and the estimate.
    time_limit_minutes: float = 29.5
    threads: int = 0  # torch intra-op threads (0: torch's default)
    precision: str = "fp32"  # "bf16": autocast matmuls to bfloat16 (fp32 master weights), ~1.5x on AVX-512 BF16 CPUs
    # Share of training pairs whose lexicon noun is written in English in the source, so that it trains as a
    # common-noun placeholder (export/noun_variants.py: what glossary terms become at serving). 0: off, the
    # recipe of ko-en/4 and ko-en/5.
    noun_placeholders: float = 0.0
    # Keep the weights of the last N validations (OUT/snapshots/) and validate their average at the end: it
    # becomes best.pt when it scores higher than every single checkpoint. 0: off, the recipe of ko-en/4.
    average_last: int = 0

    def __post_init__(self) -> None:
        if self.average_last < 0 or self.average_last == 1:
            raise ValueError(f"average_last={self.average_last}: 0 (off) or at least 2 checkpoints")
        if self.precision not in ("fp32", "bf16"):
            raise ValueError(f"precision={self.precision!r}: expected 'fp32' or 'bf16'")
        if not 0.0 <= self.noun_placeholders <= 1.0:
            raise ValueError(f"noun_placeholders={self.noun_placeholders} must be a share between 0 and 1")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
