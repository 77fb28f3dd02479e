"""Typed configuration of the engine and of one request's decoding."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MAX_BEAM_SIZE = 16
MAX_LENGTH_PENALTY = 10.0


@dataclass(frozen=True)
class EngineConfig:
    device: Literal["auto", "cpu", "cuda"] = "auto"  # auto: CUDA when a GPU and its provider are there
    intra_op_threads: int = 0  # ONNX Runtime intra-op threads; 0 lets it use every core
    spin: bool = True  # idle intra-op threads spin (lowest latency) rather than sleep
    max_batch_tokens: int = 8192  # per sub-batch: rows (sentences × beam) × longest source, padding included
    max_batch_sentences: int = 64  # per sub-batch, whatever their length
    warmup: bool = True  # run a few batches at load so the first request pays no allocation cost
    # Outputs carry each source placeholder (number, Latin word, name) exactly as often as the source
    # (RunningBatch); off only to compare raw decoding with another decoder token for token.
    cover_placeholders: bool = True
    # ... and such a text decodes with at least this beam: greedy search under the constraint has no
    # other path when the model's best one drops a number, and fills the output limit with junk
    # (docs/training.md, "Placeholder coverage").
    placeholder_beam: int = 4

    def __post_init__(self) -> None:
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device={self.device!r}: expected 'auto', 'cpu' or 'cuda'")
        if self.intra_op_threads < 0:
            raise ValueError(f"intra_op_threads={self.intra_op_threads} must be 0 (all cores) or more")
        if not 1 <= self.placeholder_beam <= MAX_BEAM_SIZE:
            raise ValueError(f"placeholder_beam={self.placeholder_beam} must be between 1 and {MAX_BEAM_SIZE}")
        if self.max_batch_tokens < 1 or self.max_batch_sentences < 1:
            raise ValueError("max_batch_tokens and max_batch_sentences must be at least 1")


@dataclass(frozen=True)
class DecodingOptions:
    """How one request is decoded. The output length limit is min(max_length, a·src_len + b), where
    src_len counts the source tokens including its EOS (see export/decoding.py, the reference)."""

    beam_size: int = 1  # 1 is greedy search
    n_best: int = 1  # hypotheses returned per text, best first; at most beam_size
    length_penalty: float = 1.0  # rank by log_prob / length**length_penalty; 0 ranks by raw log_prob
    max_length_a: float = 2.0
    max_length_b: int = 10
    max_length: int = 200  # hard cap on generated tokens (EOS included)
    min_length: int = 0  # EOS is not allowed before this many tokens (fixed-length benchmarks)

    def __post_init__(self) -> None:
        if not 1 <= self.beam_size <= MAX_BEAM_SIZE:
            raise ValueError(f"beam_size={self.beam_size} must be between 1 and {MAX_BEAM_SIZE}")
        if not 1 <= self.n_best <= self.beam_size:
            raise ValueError(f"n_best={self.n_best} must be between 1 and beam_size={self.beam_size}")
        if not (math.isfinite(self.length_penalty) and 0.0 <= self.length_penalty <= MAX_LENGTH_PENALTY):
            raise ValueError(f"length_penalty={self.length_penalty} must be between 0 and {MAX_LENGTH_PENALTY}")
        if self.max_length < 1:
            raise ValueError(f"max_length={self.max_length} must be at least 1")
        if not (math.isfinite(self.max_length_a) and self.max_length_a >= 0) or self.max_length_b < 0:
            raise ValueError(f"max_length_a={self.max_length_a} and max_length_b={self.max_length_b} "
                             "must be non-negative")
        if not 0 <= self.min_length <= self.max_length:
            raise ValueError(f"min_length={self.min_length} must be between 0 and max_length={self.max_length}")

    def length_limit(self, src_len: int) -> int:
        return max(1, min(self.max_length, math.floor(self.max_length_a * src_len + self.max_length_b)))
