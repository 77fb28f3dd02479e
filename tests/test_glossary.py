"""Glossaries (service/text/glossary.py): terms found after Korean particle handling, rendered exactly once per
occurrence through the placeholder quota, in running batches shared with other requests, and over gRPC."""

import os
import random
import time
from pathlib import Path

import grpc
import pytest

from service.client import TranslatorClient
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.engine.running_batch import decode_all
from service.text.glossary import Glossaries, Glossary, GlossaryError, Term, read_glossary
from service.text.placeholders import SYMBOLS, Phrase, protect, restore
from tests.running_server import RunningServer

STORE = Path(__file__).resolve().parent.parent / "model_store"
TERMS = Glossary.of([Term("계약", "agreement"), Term("서비스 계약", "service agreement"), Term("회의", "meeting"),
                     Term("줌", "Zoom"), Term("사과", "Apple Inc.")])


@pytest.mark.parametrize("text, masked", [
    ("계약이 끝났어요.", "⦅0⦆이 끝났어요."),
    ("계약을 보냈어요.", "⦅0⦆을 보냈어요."),
    ("계약에서는 그렇게 말했어요.", "⦅0⦆에서는 그렇게 말했어요."),
    ("그건 계약이에요.", "그건 ⦅0⦆이에요."),
    ("계약, 회의, 그리고 줌.", "⦅0⦆, ⦅1⦆, 그리고 ⦅2⦆."),
    ("서비스 계약이 있어요.", "⦅0⦆이 있어요."),  # the longer phrase first
    ("계약서를 보냈어요.", "계약서를 보냈어요."),  # a longer noun
    ("어제 계약했어요.", "어제 계약했어요."),  # a verb
    ("새계약은 없어요.", "새계약은 없어요."),  # not at a word start
    ("그 계약은 계약이 아니에요.", "그 ⦅0⦆은 ⦅0⦆이 아니에요."),  # one placeholder, twice: quota 2
])
def test_terms_match_at_word_starts_followed_by_particles_or_the_copula(text, masked):
    assert protect(text, glossary=TERMS)[0] == masked


def test_a_term_wins_over_a_span_it_overlaps_and_other_spans_stay():
    glossary = Glossary.of([Term("KTX", "the express train")])
    masked, fills = protect("3시에 KTX를 타요.", glossary=glossary)
    assert (masked, fills) == ("⦅0⦆시에 ⦅1⦆를 타요.", ("3", "the express train"))


@pytest.mark.parametrize("terms, message", [
    ([Term("", "x")], "needs a source and a target"),
    ([Term("계약", "a\tb")], "a tab"),
    ([Term("⦅0⦆", "x")], "placeholder bracket"),
    ([Term("계" * 65, "x")], "at most 64 characters"),
    ([Term("계약", "agreement"), Term("계약", "contract")], "two targets"),
])
def test_bad_terms_are_refused_by_name(terms, message):
    with pytest.raises(GlossaryError, match=message):
        Glossary.of(terms)


def test_server_glossaries_are_read_again_when_they_change_and_a_broken_file_keeps_the_last_good(tmp_path, caplog):
    folder = tmp_path / "glossaries"
    folder.mkdir()
    path = folder / "legal.tsv"
    path.write_text("# legal terms\n계약\tagreement\n\n", encoding="utf-8")
    glossaries = Glossaries(folder)
    assert glossaries.names() == ["legal"] and [t.target for t in glossaries.get("legal").terms] == ["agreement"]
    path.write_text("계약\tcontract\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # a new stamp even on a coarse clock
    assert [t.target for t in glossaries.get("legal").terms] == ["contract"]
    path.write_text("계약 contract without a tab\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 2 * 10**9))
    assert [t.target for t in glossaries.get("legal").terms] == ["contract"]
    assert "cannot be read" in caplog.text
    with pytest.raises(KeyError):
        glossaries.get("../legal")
    with pytest.raises(KeyError):
        glossaries.get("missing")
    with pytest.raises(GlossaryError, match="line 1: expected source<TAB>target"):
        read_glossary(path)


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


SENTENCES = ["계약을 내일 보낼게요.", "회의가 3시에 있어요.", "어제 계약에 대해 회의에서 이야기했어요.",
             "그 계약은 좋은 계약이에요.", "줌으로 회의해요.", "사과를 샀어요.", "계약서를 받았어요.", "오늘은 회의가 없어요."]


def test_every_occurrence_comes_out_once_in_staggered_mixed_batches(engine):
    """Texts with terms join a running batch at different steps beside texts without and with other
    options; each output carries each term's target exactly as often as its source has the term."""
    rng = random.Random(3)
    work = []
    for k in range(30):
        text = rng.choice(SENTENCES)
        options = rng.choice([DecodingOptions(), DecodingOptions(beam_size=2), DecodingOptions(no_repeat_ngram_size=3)])
        glossary = TERMS if rng.random() < 0.7 else None
        (ids,), (fills,) = engine.text.prepare([text], glossary)
        work.append((text, glossary, fills, engine.sequence(ids, options)))
    decode_all(engine.running_batch(), [s for *_, s in work], max_rows=10)
    checked = 0
    for text, glossary, fills, sequence in work:
        tokens = sequence.result()[0].tokens
        if glossary is None:
            assert "Apple Inc." not in engine.detokenizer(fills).decode(tokens), text
            continue
        raw = engine.target_tokenizer.decode(tokens)  # the placeholders before they are filled
        for term in glossary.terms:
            occurrences = sum(1 for *_, t in glossary.find_terms(text) if t == term)
            if occurrences:
                assert raw.count(SYMBOLS[fills.index(term.target)]) == occurrences, (text, raw)
                assert term.target.lower() in engine.detokenizer(fills).decode(tokens).lower()  # may start the text
                checked += occurrences
    assert checked >= 15  # the draw above gives 18 occurrences


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("glossaries")
    (folder / "office.tsv").write_text("회의\tmeeting\n계약\tcontract\n", encoding="utf-8")
    (folder / "broken.tsv").write_text("no tab here\n", encoding="utf-8")
    running = RunningServer(glossaries=folder)
    yield running
    running.close()


def test_a_request_with_terms_gets_them_and_is_told_which_came_out(server):
    texts = ["어제 계약에 대해 회의에서 이야기했어요.", "계약서를 받았어요.", "회의가 있어요. 그 계약은 좋은 계약이에요."]
    with TranslatorClient(server.address) as client:
        response = client.translate_request(texts, glossary={"계약": "agreement", "회의": "meeting"})
        first, second, third = response.translations
        assert "agreement" in first.hypotheses[0].text and "meeting" in first.hypotheses[0].text
        assert list(first.glossary_terms) == ["계약", "회의"]
        assert list(second.glossary_terms) == [] and "agreement" not in second.hypotheses[0].text
        # A term is listed when its target came out as often as the source has it: 계약 twice here, which ko-en/5
        # managed and ko-en/6 does not. Held to it, ko-en/6 wrote junk to its length limit; it now ends where it
        # wanted to, without the term (RunningBatch._note_held_back_ends). Either way the list says so.
        said = third.hypotheses[0].text.lower().count("agreement")
        assert third.hypotheses[0].finished, third
        assert list(third.glossary_terms) == (["회의", "계약"] if said == 2 else ["회의"]), third
        named = client.translate_request(texts[:1], glossary_name="office").translations[0]
        assert "contract" in named.hypotheses[0].text and list(named.glossary_terms) == ["계약", "회의"]
        both = client.translate_request(texts[:1], glossary_name="office", glossary={"계약": "deal"}).translations[0]
        assert "deal" in both.hypotheses[0].text and "contract" not in both.hypotheses[0].text  # the request's wins
        listed = {g.name: g.terms for g in client.list_models().glossaries}
        assert listed == {"office": 2, "broken": 0}


@pytest.mark.parametrize("kwargs, code, message", [
    (dict(glossary_name="nope"), grpc.StatusCode.NOT_FOUND, "glossary 'nope' not found; this server holds: broken, office"),
    (dict(glossary_name="broken"), grpc.StatusCode.FAILED_PRECONDITION, "line 1: expected source<TAB>target"),
    (dict(glossary={"계약": ""}), grpc.StatusCode.INVALID_ARGUMENT, "needs a source and a target"),
    (dict(glossary={f"용어{i}": "x" for i in range(257)}), grpc.StatusCode.INVALID_ARGUMENT, "at most 256"),
])
def test_bad_glossaries_get_their_code_and_a_message(server, kwargs, code, message):
    with TranslatorClient(server.address) as client, pytest.raises(grpc.RpcError) as err:
        client.translate_request(["계약이에요."], **kwargs)
    assert err.value.code() == code and message in err.value.details()


def test_a_term_that_starts_the_translation_is_capitalized_and_copied_spans_are_not():
    assert restore("⦅0⦆ ends tomorrow.", (Phrase("agreement"),)) == "Agreement ends tomorrow."
    assert restore("I sent the ⦅0⦆.", (Phrase("agreement"),)) == "I sent the agreement."
    assert restore("⦅0⦆ is new.", ("iPhone",)) == "iPhone is new."
    masked, fills = protect("계약이 끝났어요.", glossary=TERMS)
    assert isinstance(fills[0], Phrase)
