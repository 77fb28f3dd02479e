"""Decoding controls (service/engine/controls.py): each changes what it must and nothing else, per request, in
one running batch shared with requests that have other controls or none."""

import math
import random
from pathlib import Path

import numpy as np
import pytest

from service.config import DecodingOptions, EngineConfig
from service.engine.controls import longest_repeat_run, sample_token
from service.engine.engine import Engine, InvalidPrefix
from service.engine.running_batch import decode_all

STORE = Path(__file__).resolve().parent.parent / "model_store"

# Written for these tests. The first three looped without controls on some bundled version ("late late late",
# "fruit fruit fruit", ko-en/5 "persimmmmmmon" for 감사합니다, and ko-en/6 "ppppppppppppp" for the laughter ㅋㅋㅋㅋㅋ);
# the test of no-repeat checks that one of them still does.
TEXTS = ["그는 늦게까지 늦게 일했어요.", "어제 친구하고 같이 시장에 가서 과일을 샀어요.", "ㅋㅋㅋㅋㅋ",
         "어제 카페에 갔어요.", "오늘은 날씨가 정말 좋네요.", "내일 아침에 회의가 있어요.", "동생이 책을 읽고 있어요.",
         "저는 매일 아침 커피를 마셔요."]


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


@pytest.fixture(scope="module")
def sources(engine):
    return engine.encode(TEXTS)


# ---- the controls alone ----------------------------------------------------------------------------------

def brute_force_ngram_bans(output: list[int], n: int) -> set[int]:
    return {output[j + n - 1] for j in range(len(output) - n + 1) if output[j: j + n - 1] == output[len(output) - n + 1:]}


def test_ngram_bans_of_all_rows_at_once_equal_a_scan_of_each_output(engine):
    """RunningBatch._ngram_bans (vectorized over rows of different lengths and sizes) against a plain scan."""
    rng = np.random.default_rng(2)
    batch = engine.running_batch()
    batch.history = rng.integers(4, 8, size=(12, 40))  # a small vocabulary: many repeats
    sequences = []
    for r in range(12):
        s = engine.sequence([5, 6], DecodingOptions(no_repeat_ngram_size=int(rng.integers(1, 5))))
        s.slots, s.step = np.array([r]), int(rng.integers(0, 40))
        sequences.append(s)
    banned = batch._ngram_bans(sequences, np.arange(12), np.array([s.step for s in sequences]))
    for s, row in zip(sequences, banned):
        output, n = batch.history[s.slots[0], : s.step].tolist(), s.options.no_repeat_ngram_size
        assert set(row[row >= 0].tolist()) == brute_force_ngram_bans(output, n), (output, n)
    assert brute_force_ngram_bans([5, 6, 7, 5, 6], 3) == {7} and brute_force_ngram_bans([5, 6, 5, 7, 5], 2) == {6, 7}
    assert brute_force_ngram_bans([5, 6, 7], 1) == {5, 6, 7}


def test_sampling_draws_by_the_distribution_within_top_k_and_top_p():
    log_probs = np.log(np.array([0.5, 0.3, 0.15, 0.05, 1.0], np.float32))
    log_probs[4] = -np.inf  # removed (a ban)
    draw = lambda k, p, t, seed: sample_token(log_probs, k, p, t, np.random.default_rng(seed))  # noqa: E731
    counts = np.bincount([draw(0, 1.0, 1.0, s) for s in range(4000)], minlength=5)
    assert counts[4] == 0
    assert counts[:4] / 4000 == pytest.approx([0.5, 0.3, 0.15, 0.05], abs=0.03)
    assert set(draw(2, 1.0, 1.0, s) for s in range(300)) == {0, 1}
    assert set(draw(0, 0.75, 1.0, s) for s in range(300)) == {0, 1}  # 0.5 < 0.75: token 1 is needed, 2 is not
    assert set(draw(0, 0.5, 1.0, s) for s in range(300)) == {0}
    cold = np.bincount([draw(0, 1.0, 0.1, s) for s in range(300)], minlength=5)
    assert cold[0] >= 295  # temperature 0.1: (0.5/0.3)^10 = 165 to 1
    assert [draw(0, 1.0, 1.0, 7) for _ in range(5)] == [draw(0, 1.0, 1.0, 7)] * 5  # the seed decides


def test_longest_repeat_run_finds_loops():
    assert longest_repeat_run([1, 2, 2, 2, 2, 3]) == (1, 4)
    assert longest_repeat_run([1, 5, 6, 5, 6, 5, 6, 9]) == (2, 3)
    assert longest_repeat_run([1, 2, 3, 4]) == (0, 1)


def test_no_repeat_ngrams_only_ban_so_they_ride_on_the_graphs_top_k():
    assert not DecodingOptions(no_repeat_ngram_size=3).reshapes
    assert DecodingOptions(repetition_penalty=2.0).reshapes and DecodingOptions(sampling_topk=0).reshapes


@pytest.mark.parametrize("bad", [dict(no_repeat_ngram_size=17), dict(repetition_penalty=0.0),
                                 dict(repetition_penalty=math.nan), dict(sampling_topk=0, beam_size=2),
                                 dict(sampling_topp=0.0), dict(sampling_temperature=0.0), dict(seed=-1),
                                 dict(alternatives=True, beam_size=3, n_best=2),
                                 dict(alternatives=True, sampling_topk=5)])
def test_options_out_of_range_are_refused(bad):
    with pytest.raises(ValueError):
        DecodingOptions(**bad)


# ---- in the running batch --------------------------------------------------------------------------------

def reference_greedy(engine, ids, options, prefix=(), seed_draw=0):
    """One text alone, by the plain definitions: the model's whole distribution at each step, the penalty
    as divided probabilities, bans by scanning the output, the prefix forced, sampling from what is left."""
    model, special = engine.model, engine.special
    src = np.array([ids + [special.eos]], np.int64)
    mask = np.ones_like(src)
    cross, past = model.encode(src, mask), model.empty_cache(1)
    limit = min(options.max_length, options.length_limit(len(ids) + 1) + len(prefix))
    rng = np.random.default_rng((options.seed, seed_draw)) if options.sampling else None
    out, total, token = [], np.float32(0.0), special.bos
    for step in range(limit):
        lp, past = model.step(np.array([[token]]), np.array([[step]]), mask, np.ones((1, step + 1), np.int64),
                              past, cross)
        lp = lp[0].astype(np.float64)
        if options.repetition_penalty != 1.0 and out:
            p = np.exp(lp)
            p[sorted(set(out))] /= options.repetition_penalty
            lp = np.log(p / p.sum())
        lp = lp.astype(np.float32)
        if step < len(prefix):
            token = prefix[step]
        else:
            allowed = lp.copy()
            n = options.no_repeat_ngram_size
            for j in range(len(out) - n + 1 if n else 0):
                if n == 1 or out[j: j + n - 1] == out[len(out) - n + 1:]:
                    allowed[out[j + n - 1]] = -np.inf
            token = sample_token(allowed, options.sampling_topk, options.sampling_topp, options.sampling_temperature,
                                 rng) if rng else int(np.argmax(allowed))
        total = np.float32(total + lp[token])
        if token == special.eos:
            return out, float(total), True
        out.append(int(token))
    return out, float(total), False


CONTROLLED = [DecodingOptions(no_repeat_ngram_size=2), DecodingOptions(no_repeat_ngram_size=3),
              DecodingOptions(repetition_penalty=3.0), DecodingOptions(repetition_penalty=2.0, no_repeat_ngram_size=4),
              DecodingOptions(sampling_topk=0, seed=11), DecodingOptions(sampling_topk=8, sampling_topp=0.9,
                                                                         sampling_temperature=0.7, seed=5)]


@pytest.mark.parametrize("options", CONTROLLED, ids=lambda o: f"nr{o.no_repeat_ngram_size}-rp{o.repetition_penalty}"
                                                               f"-k{o.sampling_topk}")
def test_greedy_controls_equal_the_plain_definition(engine, sources, options):
    for i, ids in enumerate(sources):
        (ours,) = engine.translate_ids([ids], options, draws=[i])
        tokens, log_prob, finished = reference_greedy(engine, ids, options, seed_draw=i)
        assert ours[0].tokens == tokens, TEXTS[i]
        assert ours[0].log_prob == pytest.approx(log_prob, abs=1e-3)
        assert ours[0].finished == finished


def test_a_target_prefix_is_forced_and_scored_as_the_model_scores_it(engine, sources):
    prefix = engine.text.encode_target("My friend")
    for i, ids in enumerate(sources[:4]):
        (ours,) = engine.translate_ids([ids], DecodingOptions(), prefixes=[prefix])
        tokens, log_prob, _ = reference_greedy(engine, ids, DecodingOptions(), prefix=prefix)
        assert ours[0].tokens[: len(prefix)] == prefix
        assert ours[0].tokens == tokens and ours[0].log_prob == pytest.approx(log_prob, abs=1e-3)
        text = engine.detokenizer().decode(ours[0].tokens)
        assert text.startswith("My friend"), text
        (beam,) = engine.translate_ids([ids], DecodingOptions(beam_size=4, n_best=4), prefixes=[prefix])
        assert all(h.tokens[: len(prefix)] == prefix for h in beam)
        assert len({tuple(h.tokens) for h in beam}) == 4  # the beams spread out after the prefix


def test_a_prefix_longer_than_the_output_may_be_is_refused(engine, sources):
    with pytest.raises(InvalidPrefix, match="at most 5"):
        engine.translate_ids([sources[0]], DecodingOptions(max_length=5), prefixes=[[20] * 5])


def test_no_repeat_ngrams_hold_for_every_hypothesis_of_beam_search(engine, sources):
    for n in (2, 3):
        for hyps in engine.translate_ids(sources, DecodingOptions(beam_size=4, n_best=4, no_repeat_ngram_size=n)):
            for h in hyps:
                grams = [tuple(h.tokens[j: j + n]) for j in range(len(h.tokens) - n + 1)]
                assert len(grams) == len(set(grams)), h.tokens
    plain = engine.translate_ids(sources[:3], DecodingOptions())
    assert max(longest_repeat_run(h[0].tokens)[1] for h in plain) >= 3  # the loops these texts were chosen for


def test_alternatives_branch_at_the_first_free_position_and_go_on_greedily(engine, sources):
    prefix = engine.text.encode_target("I")
    for i, ids in enumerate(sources[:5]):
        options = DecodingOptions(beam_size=3, n_best=3, alternatives=True)
        (alts,) = engine.translate_ids([ids], options)
        (greedy,) = engine.translate_ids([ids], DecodingOptions())
        assert len(alts) == 3 and alts[0].tokens[0] not in engine._bare, TEXTS[i]  # never the bare "▁" alone
        assert len({engine.detokenizer().decode(h.tokens) for h in alts}) == 3
        assert len({h.tokens[0] for h in alts}) == 3  # three different first tokens
        (with_prefix,) = engine.translate_ids([ids], options, prefixes=[prefix])
        assert all(h.tokens[: len(prefix)] == prefix for h in with_prefix)
        assert len({h.tokens[len(prefix)] for h in with_prefix}) == 3
        # Each alternative is its first token continued greedily: forcing it as a prefix gives the same (a
        # prefix also lengthens the limit by its own length: compare up to where the alternative was cut).
        for h in alts:
            (forced,) = engine.translate_ids([ids], DecodingOptions(), prefixes=[h.tokens[:1]])
            assert forced[0].tokens[: len(h.tokens)] == h.tokens
            if h.finished:
                assert forced[0].tokens == h.tokens and forced[0].log_prob == pytest.approx(h.log_prob, abs=1e-3)


def test_seeded_sampling_is_reproducible_and_seeds_differ(engine, sources):
    options = DecodingOptions(sampling_topk=0, seed=3)
    first = engine.translate_ids(sources, options)
    assert engine.translate_ids(sources, options) == first
    other = engine.translate_ids(sources, DecodingOptions(sampling_topk=0, seed=4))
    assert [h[0].tokens for h in other] != [h[0].tokens for h in first]
    same_text = engine.translate_ids([sources[1]] * 4, options)  # each text of a request has its own draws
    assert len({tuple(h[0].tokens) for h in same_text}) > 1


def test_staggered_requests_with_mixed_controls_each_get_what_they_get_alone(engine, sources):
    """Sequences with every control, and none, join a running batch at different steps (a row cap of 12
    makes them wait for each other) and share each step; each ends exactly as decoded alone."""
    rng = random.Random(1)
    menu = [DecodingOptions(), DecodingOptions(beam_size=4), DecodingOptions(beam_size=4, n_best=2,
                                                                             no_repeat_ngram_size=2),
            DecodingOptions(beam_size=3, n_best=3, alternatives=True), *CONTROLLED]
    prefix = engine.text.encode_target("The")
    work = []
    for k in range(24):
        i = rng.randrange(len(sources))
        options = rng.choice(menu)
        work.append((i, options, prefix if rng.random() < 0.3 else (), k))
    sequences = [engine.sequence(sources[i], o, prefix=p, draw=k) for i, o, p, k in work]
    batch = engine.running_batch()
    decode_all(batch, sequences, max_rows=12)
    for s, (i, o, p, k) in zip(sequences, work):
        (alone,) = engine.translate_ids([sources[i]], o, prefixes=[p], draws=[k])
        assert [h.tokens for h in s.result()] == [h.tokens for h in alone], (TEXTS[i], o, p)
        assert [h.score for h in s.result()] == pytest.approx([h.score for h in alone], abs=1e-4)
