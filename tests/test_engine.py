"""The ONNX Runtime engine on the bundled model: agreement with the PyTorch reference, the decoding
options, batching and ordering."""

import random
from pathlib import Path

import numpy as np
import pytest
import sacrebleu

from export.batching import pad
from export.corpus import bundled_corpus_from_summary
from export.decoding import LengthLimit
from export.decoding import beam_search as reference_beam_search
from export.decoding import greedy_decode as reference_greedy
from export.onnx_import import transformer_from_version
from model_store import ModelStore
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine, InputTooLong
from tests.bundled import FOLDER

STORE = Path(__file__).resolve().parent.parent / "model_store"


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


@pytest.fixture(scope="module")
def held_out():
    grammar = ModelStore(STORE).open("ko-en").manifest.training_data["grammar"]
    return bundled_corpus_from_summary(grammar).splits["test"]


@pytest.fixture(scope="module")
def reference():
    return transformer_from_version(FOLDER)


@pytest.mark.parametrize("beam_size", [1, 2, 3, 4, 5])
def test_engine_equals_the_pytorch_reference_on_the_held_out_split(engine, reference, held_out, beam_size):
    sentences = [s for s, _ in held_out[beam_size * 40: beam_size * 40 + 40]]
    ids = engine.source_spm.encode(sentences)
    n_best = min(2, beam_size)
    ours = engine.translate_ids(ids, DecodingOptions(beam_size=beam_size, n_best=n_best))
    src = pad([i + [engine.special.eos] for i in ids])
    if beam_size == 1:
        theirs = [[h] for h in reference_greedy(reference, src, LengthLimit())]
    else:
        theirs = reference_beam_search(reference, src, beam_size, n_best, LengthLimit())
    for sentence, a, b in zip(sentences, ours, theirs):
        assert [h.tokens for h in a] == [h.tokens for h in b], sentence
        assert [h.score for h in a] == pytest.approx([h.score for h in b], abs=1e-4)


def test_beam_4_scores_at_least_greedy_bleu(engine, held_out):
    sources, references = [s for s, _ in held_out], [t for _, t in held_out]
    bleu = {}
    for beam in (1, 4):
        hyps = [t[0].text for t in engine.translate(sources, DecodingOptions(beam_size=beam))]
        bleu[beam] = sacrebleu.corpus_bleu(hyps, [references]).score
    assert bleu[1] >= 90
    assert bleu[4] >= bleu[1]


@pytest.mark.parametrize("length_penalty", [0.0, 1.0, 2.0])
def test_n_best_comes_in_score_order_with_the_documented_length_penalty(engine, held_out, length_penalty):
    options = DecodingOptions(beam_size=5, n_best=5, length_penalty=length_penalty)
    for translations in engine.translate([s for s, _ in held_out[:20]], options):
        assert len(translations) == 5
        scores = [t.score for t in translations]
        assert scores == sorted(scores, reverse=True)
        assert len({tuple(t.tokens) for t in translations}) == 5
        for t in translations:
            length = len(t.tokens) + t.finished
            assert t.score == pytest.approx(t.log_prob / length ** length_penalty, rel=1e-5)


def test_max_length_cuts_the_output_and_says_so(engine):
    text = "지난주에 친구와 같이 버스로 공원에 갔어."
    for beam in (1, 3):
        full = engine.translate([text], DecodingOptions(beam_size=beam))[0][0]
        assert full.finished and len(full.tokens) > 3
        cut = engine.translate([text], DecodingOptions(beam_size=beam, max_length=3))[0][0]
        assert not cut.finished and len(cut.tokens) == 3
        assert cut.tokens == full.tokens[:3] or beam > 1
        by_formula = engine.translate([text], DecodingOptions(beam_size=beam, max_length_a=0.0, max_length_b=2))[0][0]
        assert len(by_formula.tokens) == 2


def test_min_length_holds_off_the_end_of_sentence(engine):
    fixed = DecodingOptions(min_length=30, max_length=30, max_length_a=0.0, max_length_b=30)  # as benchmarks ask
    t = engine.translate(["우산을 잃어버렸어."], fixed)[0][0]
    assert len(t.tokens) == 30 and not t.finished
    assert engine.special.eos not in t.tokens


def test_a_batch_mixing_very_short_and_very_long_sentences_gives_each_its_own_result(engine, held_out):
    long = " ".join(s for s, _ in held_out[:6])  # ~80 tokens
    texts = ["네.", long, "어제 카페에 갔어.", long[:40], "집."]
    for beam in (1, 4):
        together = engine.translate(texts, DecodingOptions(beam_size=beam))
        alone = [engine.translate([t], DecodingOptions(beam_size=beam))[0] for t in texts]
        assert [r[0].tokens for r in together] == [r[0].tokens for r in alone]


def test_results_come_back_in_the_callers_order_across_sub_batches(held_out):
    small = Engine.from_store(STORE, "ko-en", config=EngineConfig(max_batch_tokens=64, max_batch_sentences=3,
                                                                  warmup=False))
    texts = [s for s, _ in held_out[:25]]
    shuffled = texts[:]
    random.Random(4).shuffle(shuffled)
    by_text = {t: r[0].text for t, r in zip(texts, small.translate(texts))}
    assert [r[0].text for r in small.translate(shuffled)] == [by_text[t] for t in shuffled]
    ids = small.source_spm.encode(texts)
    batches = small.sub_batches(list(range(len(ids))), ids, beam_size=2)
    assert sorted(i for b in batches for i in b) == list(range(len(ids)))
    for b in batches:
        assert len(b) <= 3
        assert len(b) == 1 or len(b) * 2 * (max(len(ids[i]) for i in b) + 1) <= 64
    beams = {i: 4 if i % 3 == 0 else 1 for i in range(len(ids))}  # texts with placeholders decode wider
    batches = small.sub_batches(list(range(len(ids))), ids, beams)
    assert sorted(i for b in batches for i in b) == list(range(len(ids)))
    for b in batches:
        assert len(b) == 1 or sum(beams[i] for i in b) * (max(len(ids[i]) for i in b) + 1) <= 64


def test_empty_inputs(engine):
    assert engine.translate([]) == []
    result = engine.translate(["", "   ", "어제 카페에 갔어."], DecodingOptions(beam_size=2, n_best=2))
    assert [t.text for t in result[0]] == [""] and [t.text for t in result[1]] == [""]
    assert result[2][0].text == "I went to the cafe yesterday."


def test_a_text_longer_than_the_model_accepts_is_refused_by_name(engine):
    with pytest.raises(InputTooLong, match=r"text 1 has \d+ tokens \(with EOS\); the model accepts at most 256"):
        engine.translate(["네.", "사과 " * 300])


@pytest.mark.parametrize("kwargs, message", [
    ({"beam_size": 0}, "beam_size=0 must be between 1 and 16"),
    ({"beam_size": 17}, "beam_size=17 must be between 1 and 16"),
    ({"beam_size": 2, "n_best": 3}, "n_best=3 must be between 1 and beam_size=2"),
    ({"length_penalty": -1.0}, "length_penalty=-1.0 must be between 0 and 10"),
    ({"length_penalty": float("nan")}, "length_penalty=nan"),
    ({"max_length": 0}, "max_length=0 must be at least 1"),
    ({"min_length": 5, "max_length": 4}, "min_length=5 must be between 0 and max_length=4"),
])
def test_decoding_options_out_of_range_name_the_value_and_the_limit(kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        DecodingOptions(**kwargs)


def test_int8_variant_serves_too(held_out):
    int8 = Engine.from_store(STORE, "ko-en-int8", config=EngineConfig(warmup=False))
    hyps = [t[0].text for t in int8.translate([s for s, _ in held_out[:200]])]
    assert sacrebleu.corpus_bleu(hyps, [[t for _, t in held_out[:200]]]).score >= 90


def test_engine_reports_the_provider_it_runs_on(engine):
    assert engine.model.provider in ("CPUExecutionProvider", "CUDAExecutionProvider")
    assert isinstance(engine.model.encode(np.array([[5, 3]]), np.array([[1, 1]]))[0], np.ndarray)
