"""Token-budget batches of length-bucketed examples.

Sorting by length before cutting batches keeps padding low; a batch holds as many sentences as
fit `max_tokens` counted with padding (sentences × longest side), so short sentences come in big
batches and long ones in small batches, and every step costs about the same.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import torch

from export.config import BOS_ID, EOS_ID, PAD_ID


@dataclass(frozen=True)
class Example:
    src: list[int]  # source ids followed by EOS
    tgt: list[int]  # BOS, target ids, EOS


def make_example(src_ids: list[int], tgt_ids: list[int]) -> Example:
    return Example(src=[*src_ids, EOS_ID], tgt=[BOS_ID, *tgt_ids, EOS_ID])


def token_budget_batches(examples: list[Example], max_tokens: int, rng: random.Random | None) -> list[list[int]]:
    """Indices of `examples` cut into batches; shuffled within length ties and across batches when
    `rng` is given (training), in length order otherwise (evaluation)."""
    order = list(range(len(examples)))
    if rng is not None:
        rng.shuffle(order)  # the stable sort below then breaks length ties randomly
    order.sort(key=lambda i: (len(examples[i].src), len(examples[i].tgt)))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        length = max(len(examples[i].src), len(examples[i].tgt))
        if current and max(longest, length) * (len(current) + 1) > max_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, length)
    if current:
        batches.append(current)
    if rng is not None:
        rng.shuffle(batches)
    return batches


def pad(sequences: list[list[int]], pad_id: int = PAD_ID) -> torch.Tensor:
    width = max(len(s) for s in sequences)
    out = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    for row, seq in enumerate(sequences):
        out[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
    return out


def collate(examples: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    """(src (B, S), tgt (B, T)) padded with PAD_ID."""
    return pad([e.src for e in examples]), pad([e.tgt for e in examples])
