"""Decoding controls: what a request may do to each row's next-token distribution before the selection.

The running batch (service/engine/running_batch.py) applies them to all rows of a step at once, and to no
other row: a request without controls decodes exactly as before, whoever shares its steps.
- Bans (no-repeat n-grams, the placeholder quota) need no more than the graph's top-k: the step asks for as
  many more candidates as a row may lose, and drops the banned ones.
- The repetition penalty, a target prefix and sampling need the row's whole distribution, which the step
  then asks the graph for.

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


def log_normalized(log_probs: np.ndarray) -> np.ndarray:
    """Rows renormalized to log-probabilities (float32; -inf stays -inf)."""
    top = log_probs.max(axis=-1, keepdims=True)
    total = np.log(np.exp(log_probs - top).sum(axis=-1, keepdims=True))
    return (log_probs - top - total).astype(np.float32)


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
