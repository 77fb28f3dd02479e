"""Reference decoding in PyTorch: greedy and beam search, no cache, written for clarity.

This is the oracle that faster engines (the ONNX Runtime engine in service/) must agree with token
for token, so its rules are spelled out here and nowhere else:

- Output length limit: at most `min(hard_cap, floor(a * src_len + b))` generated tokens (EOS
  included), where src_len counts the real source tokens including the source EOS. A hypothesis
  that reaches it without EOS is cut there ("length").
- Scores: `log_prob` is the sum of the token log-probabilities (EOS included); the ranking `score`
  is `log_prob / length ** length_penalty` with `length` the number of generated tokens (EOS
  included). length_penalty 0 ranks by raw log-probability; 1 by the per-token average.
- Greedy: the argmax token at every step (first index on ties).
- Beam search: every live beam extends by every token; candidates are ranked by raw cumulative
  log-prob and the best 2·k considered in order. An EOS candidate within the first k finishes its
  hypothesis; an EOS candidate further down is ignored; the other candidates fill the k live beams.
  The search stops when the best candidate of a step is EOS (the best hypothesis has finished) and
  at least n_best hypotheses have finished, or when the length limit is met (live beams then finish
  as cut). The finished hypotheses are ranked by `score`. With k = 1 this is exactly greedy
  decoding. (Stopping as soon as k hypotheses have finished, as fairseq does, lets poor early
  endings of a peaked model end the search while a far better beam is still live.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import Tensor

from export.model import Transformer, decoder_self_mask, padding_mask


@dataclass(frozen=True)
class LengthLimit:
    """Output length limit a·src_len + b, never above `hard_cap`."""

    a: float = 2.0
    b: int = 10
    hard_cap: int = 200

    def __call__(self, src_len: int) -> int:
        return max(1, min(self.hard_cap, math.floor(self.a * src_len + self.b)))


@dataclass(frozen=True)
class Hypothesis:
    tokens: list[int]  # target ids, without BOS and EOS
    log_prob: float  # sum of token log-probabilities, EOS included when finished
    score: float  # log_prob / length ** length_penalty, the ranking key
    finished: bool  # False when cut by the length limit


def length_normalized(log_prob: float, length: int, length_penalty: float) -> float:
    return log_prob / (max(length, 1) ** length_penalty)


def _step_log_probs(model: Transformer, memory: Tensor, src_mask: Tensor, prefixes: Tensor) -> Tensor:
    """Log-probabilities (B, V) of the token after each prefix (B, t), recomputing the whole prefix."""
    logits = model.decode(memory, src_mask, prefixes, decoder_self_mask(prefixes, model.config.pad_id))
    return model.log_probs(logits[:, -1].float())


@torch.no_grad()
def greedy_decode(model: Transformer, src: Tensor, limit: LengthLimit = LengthLimit(),
                  length_penalty: float = 1.0) -> list[Hypothesis]:
    """Batched greedy decoding of a padded source batch (B, S); one hypothesis per sentence."""
    cfg = model.config
    src_mask = padding_mask(src, cfg.pad_id)
    memory = model.encode(src, src_mask)
    limits = [limit(int(n)) for n in src_mask.sum(dim=1)]
    batch = src.size(0)
    prefixes = torch.full((batch, 1), cfg.bos_id, dtype=torch.long)
    tokens: list[list[int]] = [[] for _ in range(batch)]
    log_probs = [0.0] * batch
    finished = [False] * batch
    done = [False] * batch
    for step in range(max(limits)):
        step_lp = _step_log_probs(model, memory, src_mask, prefixes)
        best = step_lp.argmax(dim=-1)
        next_tokens = torch.full((batch,), cfg.pad_id, dtype=torch.long)
        for row in range(batch):
            if done[row]:
                continue
            token = int(best[row])
            log_probs[row] += float(step_lp[row, token])
            next_tokens[row] = token
            if token == cfg.eos_id:
                finished[row] = done[row] = True
            else:
                tokens[row].append(token)
                done[row] = step + 1 >= limits[row]
        if all(done):
            break
        prefixes = torch.cat([prefixes, next_tokens[:, None]], dim=1)
    return [Hypothesis(t, lp, length_normalized(lp, len(t) + f, length_penalty), f)
            for t, lp, f in zip(tokens, log_probs, finished)]


@torch.no_grad()
def beam_search(model: Transformer, src: Tensor, beam_size: int = 4, n_best: int = 1,
                limit: LengthLimit = LengthLimit(), length_penalty: float = 1.0) -> list[list[Hypothesis]]:
    """Beam search over each sentence of a padded source batch (B, S), one sentence at a time.
    Returns, per sentence, the `n_best` best hypotheses, best first."""
    if not 1 <= n_best <= beam_size:
        raise ValueError(f"n_best={n_best} must be between 1 and beam_size={beam_size}")
    cfg = model.config
    results = []
    for row in range(src.size(0)):
        sentence = src[row: row + 1]
        sentence = sentence[:, : int(padding_mask(sentence, cfg.pad_id).sum())]  # drop padding
        results.append(_beam_search_one(model, sentence, beam_size, n_best, limit(sentence.size(1)),
                                        length_penalty)[:n_best])
    return results


def _beam_search_one(model: Transformer, src: Tensor, k: int, n_best: int, max_len: int,
                     length_penalty: float) -> list[Hypothesis]:
    cfg = model.config
    src_mask = padding_mask(src, cfg.pad_id)
    memory = model.encode(src, src_mask)
    live: list[tuple[list[int], float]] = [([], 0.0)]  # (tokens after BOS, cumulative log-prob)
    finished: list[Hypothesis] = []
    for step in range(max_len):
        prefixes = torch.tensor([[cfg.bos_id, *tokens] for tokens, _ in live], dtype=torch.long)
        n = len(live)
        step_lp = _step_log_probs(model, memory.expand(n, -1, -1), src_mask.expand(n, -1), prefixes)
        totals = torch.tensor([lp for _, lp in live], dtype=step_lp.dtype)[:, None] + step_lp  # (n, V)
        flat = totals.flatten()
        # Stable descending sort: equal totals keep flat-index order (beam, then token id).
        order = torch.sort(flat, descending=True, stable=True).indices[: 2 * k]
        next_live: list[tuple[list[int], float]] = []
        best_finished = False
        for rank, index in enumerate(order.tolist()):
            beam, token = divmod(index, step_lp.size(1))
            tokens, total = live[beam][0], float(flat[index])
            if token == cfg.eos_id:
                if rank < k and math.isfinite(total):
                    best_finished |= rank == 0
                    finished.append(Hypothesis(tokens, total, length_normalized(total, len(tokens) + 1,
                                                                                length_penalty), True))
            elif len(next_live) < k:
                next_live.append(([*tokens, token], total))
        if best_finished and len(finished) >= n_best:
            break
        live = next_live
        if step + 1 == max_len:  # cut by the length limit: the live beams end here
            finished.extend(Hypothesis(t, lp, length_normalized(lp, len(t), length_penalty), False)
                            for t, lp in live)
    return sorted(finished, key=lambda h: h.score, reverse=True)
