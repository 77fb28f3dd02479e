"""Decoding controls: what a request may do to each row's next-token distribution before the selection.

The running batch (service/engine/running_batch.py) asks the decoder for whole log-probability rows while a
sequence with a control is live, and turns each such row into its candidates here; every other row keeps
the graph's own top-k, so a request without controls decodes exactly as before, whoever shares its steps.

Two kinds, kept apart on purpose:
- *reshaping* changes the distribution, which is then renormalized (the scores reported are log-probs of
  what was decoded): the repetition penalty;
- *removing* takes candidates away and leaves the others' log-probs as the model gave them (as the
  placeholder quota does): no-repeat n-grams, a target prefix's forced tokens.
Sampling draws from the result (temperature, top-k and top-p shape the draw only; the score is the token's
log-prob before them).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def log_normalized(log_probs: np.ndarray) -> np.ndarray:
    """Rows renormalized to log-probabilities (float32; -inf stays -inf)."""
    top = log_probs.max(axis=-1, keepdims=True)
    total = np.log(np.exp(log_probs - top).sum(axis=-1, keepdims=True))
    return (log_probs - top - total).astype(np.float32)


def repetition_penalized(log_probs: np.ndarray, history: np.ndarray, step: int, penalty: float) -> np.ndarray:
    """log_probs (R, V) of rows whose outputs are history[:, :step]: a token already output has its
    probability divided by `penalty` (> 1: less likely), then each row is renormalized. That is the logit
    minus log(penalty), whatever the logits' offset (CTranslate2 divides raw logits, which the graph does
    not return, and whose effect depends on their sign and offset)."""
    if step == 0 or penalty == 1.0:
        return log_probs
    seen = np.zeros(log_probs.shape, bool)
    np.put_along_axis(seen, history[:, :step], True, axis=1)
    return log_normalized(np.where(seen, log_probs - np.float32(np.log(penalty)), log_probs))


def repeated_ngram_tokens(output: np.ndarray, n: int) -> np.ndarray:
    """The tokens that would make the output's last n-1 tokens plus themselves an n-gram it already has."""
    step = len(output)
    if n == 1:
        return np.unique(output)
    if n < 1 or step < n:  # no n-gram yet
        return np.zeros(0, np.int64)
    windows = sliding_window_view(output, n)  # (step - n + 1, n): every n-gram so far
    match = (windows[:, :-1] == output[step - n + 1:]).all(axis=1)
    return np.unique(windows[match, -1])


def longest_repeat_run(tokens: list[int] | np.ndarray, max_n: int = 4) -> tuple[int, int]:
    """(n, times): the n-gram (n <= max_n) repeated back to back the most times in `tokens` ("late late
    late late" is (1, 4)); (0, 1) when nothing repeats. For counting degenerate loops in outputs."""
    best = (0, 1)
    seq = list(tokens)
    for n in range(1, max_n + 1):
        for start in range(len(seq) - 2 * n + 1):
            times = 1
            while seq[start + times * n: start + (times + 1) * n] == seq[start: start + n]:
                times += 1
            if times > best[1]:
                best = (n, times)
    return best


def sample_token(log_probs: np.ndarray, topk: int, topp: float, temperature: float,
                 rng: np.random.Generator) -> int:
    """One token drawn from softmax(log_probs / temperature), kept to the `topk` best (0: all) and then to
    the fewest best whose probability reaches `topp`. Ties rank the lower id first, as the graph's TopK;
    -inf (removed) tokens are never drawn. One uniform number per call, so a seeded draw depends on
    nothing but the row's own distribution."""
    finite = np.flatnonzero(np.isfinite(log_probs))
    scaled = log_probs[finite].astype(np.float64) / temperature
    order = np.lexsort((finite, -scaled))  # best first, ties to the lower id
    if topk:
        order = order[:topk]
    probs = np.exp(scaled[order] - scaled[order[0]])
    probs /= probs.sum()
    if topp < 1.0:
        before = np.cumsum(probs) - probs  # the probability of the better tokens: keep while it is below topp
        keep = int((before < topp).sum())
        probs = probs[:keep] / probs[:keep].sum()
        order = order[:keep]
    u = rng.random()
    choice = min(int(np.searchsorted(np.cumsum(probs), u, side="right")), len(order) - 1)
    return int(finite[order[choice]])
