# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""The running batch's per-step bookkeeping, compiled (issue 24; docs/compiled_step.md).

Each function is the compiled twin of a numpy method of service/engine/running_batch.py, which stays the
reference: the same tokens and scores, tie for tie (tests/test_compiled_step.py holds them equal). They
loop over rows and beams in C with the GIL released, so a step's bookkeeping costs a few microseconds
whatever the batch, where the numpy reference pays a dozen array calls per beam group.

Typed memoryviews only (no numpy C API), so the build needs Cython and a C compiler, nothing else.
"""

from libc.math cimport INFINITY, isfinite
from libc.string cimport memcpy
from libc.stdint cimport int64_t, uint8_t

ctypedef int64_t i64


def write_step(list buffers, list new, const i64[::1] positions, Py_ssize_t n):
    """Contract 2's cache write: row r's new key/value (n, h, 1, d) goes to column positions[r] of its
    buffer (rows, h, T, d). The numpy twin is `b[rows, :, positions] = kv[:, :, 0]`."""
    cdef float[:, :, :, ::1] b
    cdef const float[:, :, :, ::1] kv
    cdef Py_ssize_t r, h, heads, d
    for i in range(len(buffers)):
        b, kv = buffers[i], new[i]
        heads, d = b.shape[1], b.shape[3]
        with nogil:
            for r in range(n):
                for h in range(heads):
                    memcpy(&b[r, h, positions[r], 0], &kv[r, h, 0, 0], d * sizeof(float))


def copy_rows(list buffers, const i64[::1] dest, const i64[::1] src, Py_ssize_t width):
    """Rows `dest` of each cache buffer (rows, h, T, d) take the first `width` positions of rows `src`
    (dest and src disjoint). The numpy twin is `b[dest, :, :width] = b[src, :, :width]`."""
    cdef float[:, :, :, ::1] b
    cdef Py_ssize_t i, h, heads, d
    for j in range(len(buffers)):
        b = buffers[j]
        heads, d = b.shape[1], b.shape[3]
        with nogil:
            for i in range(dest.shape[0]):
                for h in range(heads):
                    memcpy(&b[dest[i], h, 0, 0], &b[src[i], h, 0, 0], width * d * sizeof(float))


cdef inline bint _better(float a, i64 fa, float b, i64 fb) nogil:
    """Rank order of candidates: higher score first, ties to the lower (beam, token)."""
    return a > b or (a == b and fa < fb)


def collect_bans(const i64[:, ::1] history, const i64[::1] positions, Py_ssize_t n,
                 const i64[::1] ngram, const i64[::1] min_length, const i64[::1] reshape_until,
                 const uint8_t[::1] has_quota, const i64[:, ::1] quota, const i64[::1] placeholder_ids,
                 const i64[::1] placeholder_index, i64[:, ::1] banned, i64[::1] counts, uint8_t[::1] eos_banned,
                 uint8_t[::1] banning):
    """`RunningBatch._bans` for every row at once: which rows ban (a quota or a no-repeat size, and no
    reshaping control this step), each such row's banned ids (`banned[r, :counts[r]]`: placeholders used
    up, then tokens that would repeat an n-gram), and whether EOS is banned (a placeholder missing, or
    before min_length). Returns the most bans of a row, or -1 when no row bans. `banned` must have
    room for P + positions.max() ids per row; `placeholder_index` maps a token id to its placeholder's
    index (or -1) and covers every placeholder id."""
    cdef Py_ssize_t r, j, m, c, p, P = placeholder_ids.shape[0], lookup = placeholder_index.shape[0]
    cdef i64 step, size, token, most = -1, missing, left
    cdef i64 used[256]
    if P > 256:
        raise ValueError("at most 256 placeholder ids")
    with nogil:
        for r in range(n):
            step = positions[r]
            banning[r] = (has_quota[r] or ngram[r] > 0) and step >= reshape_until[r]
            counts[r] = 0
            eos_banned[r] = 0
            if not banning[r]:
                continue
            c = 0
            if has_quota[r]:
                for p in range(P):
                    used[p] = 0
                for j in range(step):
                    token = history[r, j]
                    if 0 <= token < lookup and placeholder_index[token] >= 0:
                        used[placeholder_index[token]] += 1
                missing = 0
                for p in range(P):
                    left = quota[r, p] - used[p]
                    if left <= 0:
                        banned[r, c] = placeholder_ids[p]
                        c += 1
                    else:
                        missing += left
                eos_banned[r] = missing > 0
            size = ngram[r]
            if size > 0 and step >= size:
                for j in range(step - size + 1):  # windows history[j : j + size] inside the output
                    for m in range(size - 1):
                        if history[r, j + m] != history[r, step - size + 1 + m]:
                            break
                    else:
                        banned[r, c] = history[r, j + size - 1]
                        c += 1
            if step < min_length[r]:
                eos_banned[r] = 1
            counts[r] = c
            if c > most:
                most = c
    return most


def filter_candidates(const float[:, ::1] values, const i64[:, ::1] ids, Py_ssize_t n, const uint8_t[::1] banning,
                      const i64[:, ::1] banned, const i64[::1] counts, const uint8_t[::1] eos_banned, i64 eos,
                      float[:, ::1] out_values, i64[:, ::1] out_ids):
    """`RunningBatch._remove`: each row's best out_values.shape[1] candidates of the graph's more. A banning
    row loses its banned ids (and EOS where banned) and is ranked by score, ties to the lower id; the
    others keep the graph's first ones."""
    cdef Py_ssize_t r, j, q, i, K = values.shape[1], top_k = out_values.shape[1], kept
    cdef i64 token
    cdef float v
    cdef bint gone
    with nogil:
        for r in range(n):
            if not banning[r]:
                for j in range(top_k):
                    out_values[r, j] = values[r, j]
                    out_ids[r, j] = ids[r, j]
                continue
            kept = 0
            for j in range(K):  # insertion into the sorted first top_k: banned ones count as -inf
                token, v = ids[r, j], values[r, j]
                gone = eos_banned[r] and token == eos
                for q in range(counts[r]):
                    if banned[r, q] == token:
                        gone = True
                        break
                if gone:
                    v = -INFINITY
                i = kept
                while i > 0 and (v > out_values[r, i - 1] or (v == out_values[r, i - 1] and token < out_ids[r, i - 1])):
                    if i < top_k:
                        out_values[r, i], out_ids[r, i] = out_values[r, i - 1], out_ids[r, i - 1]
                    i -= 1
                if i < top_k:
                    out_values[r, i], out_ids[r, i] = v, token
                if kept < top_k:
                    kept += 1


def select_beams(i64[:, ::1] slots, const float[:, ::1] top_values, const i64[:, ::1] top_ids,
                 float[::1] scores, i64[::1] tokens, i64[:, ::1] history, const i64[::1] positions,
                 const i64[::1] min_length, const i64[::1] limits, const i64[::1] n_best, i64[::1] n_finished,
                 i64 eos, i64[:, ::1] events, float[::1] event_values, i64[:, ::1] eos_prefixes,
                 i64[:, ::1] copies, uint8_t[::1] ended):
    """`RunningBatch._select` for one beam size k = slots.shape[1] (greedy included), sequence by sequence.

    Ranks each sequence's k·K candidates by cumulative log-prob (ties to the lower (beam, token)), walks
    its best 2k: EOS within the first k finishes a hypothesis, the first k others are the next beams;
    beams follow their origins (the first child takes the origin's row, further ones take rows no beam
    extends, which are copied: history here, the cache by the caller from `copies`); the new tokens
    are written. Outputs, for the caller to turn into hypotheses:
    - events[e] = (kind, sequence, row, length), event_values[e]: kind 0 a hypothesis ending in EOS
      (its tokens in eos_prefixes[row, :length]), kind 1 a live beam cut by the length limit (its
      tokens in history[row, :length]);
    - copies[c] = (dest row, src row, width): cache rows to copy;
    - ended[i]: the sequence is done.
    Returns (events, copies)."""
    cdef Py_ssize_t n = slots.shape[0], k = slots.shape[1], K = top_ids.shape[1]
    cdef Py_ssize_t width = 2 * k if 2 * k < k * K else k * K
    cdef Py_ssize_t i, b, j, c, m, q, e = 0, copied = 0, count, live_count
    cdef i64 step, row, token, flat, dest, low = (<i64>1 << 32) - 1
    cdef float total, base, key, value
    cdef bint ban_eos, best_finished, repeat, free, by_value = k == 1
    if k > 64:
        raise ValueError("beam sizes up to 64")
    cdef float cand_key[128]
    cdef float cand_value[128]
    cdef bint taken[128]
    cdef i64 cand_flat[128]
    cdef Py_ssize_t order[128]
    cdef i64 origins[64]
    cdef i64 new_tokens[64]
    cdef float new_scores[64]
    cdef i64 new_slots[64]
    with nogil:
        for i in range(n):  # greedy ranks by the token's own log-prob (the graph's order), unless a
            if positions[slots[i, 0]] < min_length[i]:  # min_length ban sends the group the general way
                by_value = False
        for i in range(n):
            step = positions[slots[i, 0]]
            ban_eos = step < min_length[i]
            count = 0
            for b in range(k):  # the best `width` of the k·K candidates, kept sorted
                row = slots[i, b]
                base = scores[row]
                for j in range(K):
                    token = top_ids[row, j]
                    value = -INFINITY if ban_eos and token == eos else top_values[row, j]
                    total = base + value  # float32, as the reference
                    key = value if by_value else total
                    flat = b * (<i64>1 << 32) + token
                    if count == width and not _better(key, flat, cand_key[count - 1], cand_flat[count - 1]):
                        continue
                    c = count if count < width else width - 1
                    while c > 0 and _better(key, flat, cand_key[c - 1], cand_flat[c - 1]):
                        cand_key[c], cand_value[c], cand_flat[c] = cand_key[c - 1], cand_value[c - 1], cand_flat[c - 1]
                        c -= 1
                    cand_key[c], cand_value[c], cand_flat[c] = key, total, flat
                    if count < width:
                        count += 1
            best_finished = False
            for c in range(k if k < width else width):  # hypotheses: EOS among the first k, from the old beams
                if (cand_flat[c] & low) == eos and (by_value or isfinite(cand_value[c])):
                    row = slots[i, cand_flat[c] >> 32]
                    for j in range(step):
                        eos_prefixes[e, j] = history[row, j]
                    events[e, 0], events[e, 1], events[e, 2], events[e, 3] = 0, i, e, step
                    event_values[e] = cand_value[c]
                    e += 1
                    n_finished[i] += 1
                    if c == 0:
                        best_finished = True
            live_count = 0  # the first k non-EOS candidates, in rank order; then the others (never in practice)
            for c in range(width):
                taken[c] = (cand_flat[c] & low) != eos and live_count < k
                if taken[c]:
                    order[live_count] = c
                    live_count += 1
            m = live_count
            for c in range(width):
                if m < k and not taken[c]:
                    order[m] = c
                    m += 1
            for b in range(k):
                c = order[b]
                origins[b] = slots[i, cand_flat[c] >> 32]
                new_tokens[b] = cand_flat[c] & low
                new_scores[b] = cand_value[c]
                new_slots[b] = origins[b]
            q = 0  # forks: a beam whose origin an earlier beam took gets the next row no beam extends
            for b in range(k):
                repeat = False
                for m in range(b):
                    if origins[m] == origins[b]:
                        repeat = True
                        break
                if not repeat:
                    continue
                while True:
                    free = True
                    for m in range(k):
                        if origins[m] == slots[i, q]:
                            free = False
                            break
                    if free:
                        break
                    q += 1
                dest = slots[i, q]
                q += 1
                new_slots[b] = dest
                for j in range(step):
                    history[dest, j] = history[origins[b], j]
                copies[copied, 0], copies[copied, 1], copies[copied, 2] = dest, origins[b], step + 1
                copied += 1
            for b in range(k):
                slots[i, b] = new_slots[b]
                history[new_slots[b], step] = new_tokens[b]
                tokens[new_slots[b]] = new_tokens[b]
                scores[new_slots[b]] = new_scores[b]
            ended[i] = 0
            if best_finished and n_finished[i] >= n_best[i]:
                ended[i] = 1
            elif step + 1 >= limits[i]:  # cut by the length limit: live beams end here
                for b in range(k):
                    if by_value or isfinite(new_scores[b]):  # greedy keeps even a beam with every token banned
                        events[e, 0], events[e, 1], events[e, 2], events[e, 3] = 1, i, new_slots[b], step + 1
                        event_values[e] = new_scores[b]
                        e += 1
                ended[i] = 1
    return e, copied
