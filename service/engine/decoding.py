"""Batched greedy and beam search over the cached decoder graph (numpy + ONNX Runtime).

The rules are those of the PyTorch reference (export/decoding.py), which these functions must match
token for token:
- a sentence may produce at most `options.length_limit(src_len)` tokens, EOS included;
- `score = log_prob / length ** length_penalty`, length counting EOS when the hypothesis finished;
- beam search ranks each sentence's candidates by cumulative log-prob and walks the best 2·k of them
  in order: EOS within the first k finishes a hypothesis, EOS further down is ignored, other tokens
  fill the k live beams; a sentence is done when its best candidate of a step is EOS and at least
  n_best hypotheses have finished, or when its limit is reached.

Speed comes from the data layout: rows are (sentence × beam), the encoder runs once and the
cross-attention keys and values are reused at every step, finished sentences leave the batch, and
the self-attention cache follows the beams with one gather per step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from service.config import DecodingOptions


class StepModel(Protocol):
    def encode(self, src: np.ndarray, src_mask: np.ndarray) -> list[np.ndarray]: ...

    def step(self, tokens: np.ndarray, positions: np.ndarray, src_mask: np.ndarray, self_mask: np.ndarray,
             past: list[np.ndarray], cross: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]: ...

    def empty_cache(self, batch: int) -> list[np.ndarray]: ...


@dataclass(frozen=True)
class SpecialTokens:
    pad: int
    bos: int
    eos: int


@dataclass(frozen=True)
class Hypothesis:
    tokens: list[int]  # target ids without BOS and EOS
    log_prob: float  # sum of the token log-probabilities (EOS included when finished)
    score: float  # log_prob / length ** length_penalty: the ranking key
    finished: bool  # False when cut by the length limit


def length_normalized(log_prob: float, length: int, length_penalty: float) -> float:
    return log_prob / (max(length, 1) ** length_penalty)


def _keep(arrays: list[np.ndarray], rows: np.ndarray) -> list[np.ndarray]:
    return [a[rows] for a in arrays]


def greedy_search(model: StepModel, src: np.ndarray, options: DecodingOptions,
                  special: SpecialTokens) -> list[Hypothesis]:
    """Greedy decoding of a padded int64 source batch (B, S); rows leave the batch as they finish."""
    batch = src.shape[0]
    src_mask = (src != special.pad).astype(np.int64)
    limits = np.array([options.length_limit(int(n)) for n in src_mask.sum(axis=1)])
    cross = model.encode(src, src_mask)
    past = model.empty_cache(batch)
    rows = np.arange(batch)  # original index of every live row
    tokens = np.full(batch, special.bos, np.int64)
    outputs: list[list[int]] = [[] for _ in range(batch)]
    log_probs = np.zeros(batch, np.float64)
    finished = np.zeros(batch, bool)
    for step in range(int(limits.max())):
        n = len(rows)
        step_lp, past = model.step(tokens[:, None], np.full((n, 1), step, np.int64), src_mask,
                                   np.ones((n, step + 1), np.int64), past, cross)
        if step < options.min_length:
            step_lp[:, special.eos] = -np.inf
        best = step_lp.argmax(axis=-1)
        log_probs[rows] += step_lp[np.arange(n), best]
        is_eos = best == special.eos
        for i in np.flatnonzero(~is_eos):
            outputs[rows[i]].append(int(best[i]))
        finished[rows[is_eos]] = True
        done = is_eos | (step + 1 >= limits[rows])
        if done.all():
            break
        if done.any():  # finished rows leave the batch: one gather per tensor
            keep = np.flatnonzero(~done)
            rows, best, src_mask = rows[keep], best[keep], src_mask[keep]
            past, cross = _keep(past, keep), _keep(cross, keep)
        tokens = best.astype(np.int64)
    return [Hypothesis(outputs[i], float(log_probs[i]),
                       length_normalized(float(log_probs[i]), len(outputs[i]) + int(finished[i]),
                                         options.length_penalty), bool(finished[i]))
            for i in range(batch)]


@dataclass
class _Sentence:
    """Beam-search state of one source sentence."""

    index: int  # position in the caller's batch
    limit: int
    finished: list[Hypothesis] = field(default_factory=list)


def beam_search(model: StepModel, src: np.ndarray, options: DecodingOptions,
                special: SpecialTokens) -> list[list[Hypothesis]]:
    """Beam search over a padded int64 source batch (B, S); per sentence the n_best hypotheses."""
    k = options.beam_size
    batch = src.shape[0]
    src_mask = (src != special.pad).astype(np.int64)
    sentences = [_Sentence(i, options.length_limit(int(n))) for i, n in enumerate(src_mask.sum(axis=1))]
    cross = [np.repeat(c, k, axis=0) for c in model.encode(src, src_mask)]  # rows: sentence-major, k each
    row_mask = np.repeat(src_mask, k, axis=0)
    past = model.empty_cache(batch * k)
    alive = list(sentences)
    # Every sentence starts from one beam: the k-1 copies get -inf so no candidate comes from them.
    scores = np.full((batch, k), -np.inf, np.float32)
    scores[:, 0] = 0.0
    history = np.full((batch * k, 0), special.bos, np.int64)  # tokens after BOS of every live row
    tokens = np.full(batch * k, special.bos, np.int64)
    for step in range(max(s.limit for s in sentences)):
        n = len(alive)
        step_lp, past = model.step(tokens[:, None], np.full((n * k, 1), step, np.int64), row_mask,
                                   np.ones((n * k, step + 1), np.int64), past, cross)
        if step < options.min_length:
            step_lp[:, special.eos] = -np.inf
        vocab = step_lp.shape[1]
        totals = (scores.reshape(-1, 1) + step_lp).reshape(n, k * vocab)  # float32, as the reference
        width = min(2 * k, k * vocab)
        top = np.argpartition(-totals, width - 1, axis=1)[:, :width]
        top_values = np.take_along_axis(totals, top, axis=1)
        order = np.lexsort((top, -top_values), axis=1)  # best first; ties by flat index (beam, token)
        cand, cand_values = np.take_along_axis(top, order, axis=1), np.take_along_axis(top_values, order, axis=1)
        beam, token = np.divmod(cand, vocab)
        is_eos = token == special.eos
        ranks = np.arange(width)[None, :]
        finishing = is_eos & (ranks < k) & np.isfinite(cand_values)
        live = ~is_eos
        live &= np.cumsum(live, axis=1) <= k  # the first k non-EOS candidates, in rank order

        for s_pos, c in zip(*np.nonzero(finishing)):
            sentence = alive[s_pos]
            origin = s_pos * k + beam[s_pos, c]
            value = float(cand_values[s_pos, c])
            prefix = history[origin].tolist()
            sentence.finished.append(Hypothesis(prefix, value, length_normalized(value, len(prefix) + 1,
                                                                                 options.length_penalty), True))
        live_cols = np.argsort(~live, axis=1, kind="stable")[:, :k]  # positions of the k live candidates
        origins = np.arange(n)[:, None] * k + np.take_along_axis(beam, live_cols, axis=1)  # (n, k) rows
        new_tokens = np.take_along_axis(token, live_cols, axis=1)
        new_scores = np.take_along_axis(cand_values, live_cols, axis=1)
        new_history = np.concatenate([history[origins.reshape(-1)], new_tokens.reshape(-1, 1)], axis=1)

        best_finished = finishing[:, 0]  # the top-ranked candidate ended its hypothesis
        keep = []
        for s_pos, sentence in enumerate(alive):
            if best_finished[s_pos] and len(sentence.finished) >= options.n_best:
                continue
            if step + 1 >= sentence.limit:  # cut by the length limit: live beams end here
                for b in range(k):
                    value = float(new_scores[s_pos, b])
                    if np.isfinite(value):
                        tokens_b = new_history[s_pos * k + b].tolist()
                        sentence.finished.append(Hypothesis(tokens_b, value, length_normalized(
                            value, len(tokens_b), options.length_penalty), False))
                continue
            keep.append(s_pos)
        if not keep:
            break
        kept_rows = (np.array(keep)[:, None] * k + np.arange(k)[None, :]).reshape(-1)
        past = _keep(past, origins.reshape(-1)[kept_rows])  # reorder by beam origin and drop done: one gather
        if len(keep) < n:
            cross, row_mask = _keep(cross, kept_rows), row_mask[kept_rows]
        alive = [alive[i] for i in keep]
        history, tokens = new_history[kept_rows], new_tokens.reshape(-1)[kept_rows]
        scores = new_scores[keep]
    return [sorted(s.finished, key=lambda h: h.score, reverse=True)[: options.n_best] for s in sentences]
