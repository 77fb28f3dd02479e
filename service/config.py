"""Typed configuration of the engine and of one request's decoding."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

MAX_BEAM_SIZE = 16
MAX_LENGTH_PENALTY = 10.0
MAX_NO_REPEAT_NGRAM = 16
MAX_REPETITION_PENALTY = 100.0
MIN_TEMPERATURE, MAX_TEMPERATURE = 0.01, 10.0
MAX_SEED = 2**63 - 1


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
    # Requests that leave options.no_repeat_ngram_size unset get this: 3 removes most of the bundled model's
    # loops ("late late late late") at no BLEU cost on the development set, and rules out fewer correct
    # outputs than 2 (docs/benchmarks.md, "Decoding controls"). 0: off. The engine's own API has no default.
    no_repeat_ngram_size: int = 3

    def __post_init__(self) -> None:
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"device={self.device!r}: expected 'auto', 'cpu' or 'cuda'")
        if self.intra_op_threads < 0:
            raise ValueError(f"intra_op_threads={self.intra_op_threads} must be 0 (all cores) or more")
        if not 1 <= self.placeholder_beam <= MAX_BEAM_SIZE:
            raise ValueError(f"placeholder_beam={self.placeholder_beam} must be between 1 and {MAX_BEAM_SIZE}")
        if not 0 <= self.no_repeat_ngram_size <= MAX_NO_REPEAT_NGRAM:
            raise ValueError(f"no_repeat_ngram_size={self.no_repeat_ngram_size} must be between 0 (off) and "
                             f"{MAX_NO_REPEAT_NGRAM}")
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
    # Controls (service/engine/controls.py), each off at its default; requests that differ in them still share
    # every step of the running batch.
    no_repeat_ngram_size: int = 0  # no n-gram of this size twice in one output (0: off)
    repetition_penalty: float = 1.0  # probabilities of tokens already in the output divided by this (> 1: rarer)
    sampling_topk: int = 1  # 1: search (greedy or beam); 0: sample from the whole vocabulary; k: from the k best
    sampling_topp: float = 1.0  # sample from the fewest best tokens whose probability reaches this
    sampling_temperature: float = 1.0  # the sampling distribution is softmax(log_prob / temperature)
    seed: int | None = None  # sampling's seed (None: a fresh one); text i of a request draws from (seed, i)
    # beam_size alternatives at the first position after the target prefix (its beam_size best tokens),
    # each continued greedily, in that order; n_best must be beam_size. For choosing among words.
    alternatives: bool = False

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
        if not 0 <= self.no_repeat_ngram_size <= MAX_NO_REPEAT_NGRAM:
            raise ValueError(f"no_repeat_ngram_size={self.no_repeat_ngram_size} must be between 0 (off) and "
                             f"{MAX_NO_REPEAT_NGRAM}")
        if not (math.isfinite(self.repetition_penalty) and 0 < self.repetition_penalty <= MAX_REPETITION_PENALTY):
            raise ValueError(f"repetition_penalty={self.repetition_penalty} must be above 0 and at most "
                             f"{MAX_REPETITION_PENALTY} (1: off)")
        if self.sampling_topk < 0:
            raise ValueError(f"sampling_topk={self.sampling_topk} must be 0 (whole vocabulary), 1 (off) or more")
        if not (math.isfinite(self.sampling_topp) and 0 < self.sampling_topp <= 1):
            raise ValueError(f"sampling_topp={self.sampling_topp} must be above 0 and at most 1")
        if not (math.isfinite(self.sampling_temperature)
                and MIN_TEMPERATURE <= self.sampling_temperature <= MAX_TEMPERATURE):
            raise ValueError(f"sampling_temperature={self.sampling_temperature} must be between {MIN_TEMPERATURE} "
                             f"and {MAX_TEMPERATURE}")
        if self.seed is not None and not 0 <= self.seed <= MAX_SEED:
            raise ValueError(f"seed={self.seed} must be between 0 and {MAX_SEED}")
        if self.sampling and self.beam_size != 1:
            raise ValueError(f"sampling (sampling_topk={self.sampling_topk}) draws one token at a time: beam_size must "
                             f"be 1, not {self.beam_size}")
        if self.alternatives and (self.sampling or self.n_best != self.beam_size):
            raise ValueError(f"alternatives returns beam_size={self.beam_size} hypotheses: n_best must equal it "
                             f"(not {self.n_best}) and sampling be off")

    @property
    def sampling(self) -> bool:
        return self.sampling_topk != 1

    @property
    def reshapes(self) -> bool:
        """Whether a row's next-token distribution is changed or drawn from (the step then reads all of it;
        no-repeat n-grams only ban tokens, which the graph's top-k serves)."""
        return self.sampling or self.repetition_penalty != 1.0

    def length_limit(self, src_len: int) -> int:
        return max(1, min(self.max_length, math.floor(self.max_length_a * src_len + self.max_length_b)))
