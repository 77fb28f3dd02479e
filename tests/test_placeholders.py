"""Placeholders for numbers and Latin-script words (service/text/placeholders.py): what is masked, how it
comes back, how training pairs are masked, and that tokenizers, training data and the engine agree."""

from __future__ import annotations

import pytest

from export.corpus import ParallelCorpus
from export.evaluate import translate
from export.tokenizer import load_sentencepiece, train_sentencepiece
from export.train import prepare_data
from service.text.placeholders import (SLOTS, SYMBOLS, Restoring, encode_protected, has_placeholders, protect,
                                  protect_pair, restore)


@pytest.mark.parametrize("text,masked,fills", [
    ("어제 Zoom으로 3,500원을 보냈어요.", "어제 ⦅0⦆으로 ⦅1⦆원을 보냈어요.", ("Zoom", "3,500")),
    ("1987년에 부산으로 이사했어요.", "⦅0⦆년에 부산으로 이사했어요.", ("1987",)),
    ("키가 1.75미터예요.", "키가 ⦅0⦆미터예요.", ("1.75",)),
    ("report_v2.pdf를 kim@example.com으로 보내 주세요.", "⦅0⦆를 ⦅1⦆으로 보내 주세요.",
     ("report_v2.pdf", "kim@example.com")),
    ("KTX는 10:30에 떠나요.", "⦅0⦆는 ⦅1⦆에 떠나요.", ("KTX", "10:30")),
    ("PDF. 그리고 PDF!", "⦅0⦆. 그리고 ⦅0⦆!", ("PDF",)),  # the same span, the same placeholder; "." stays text
    ("사과를 17개 샀어요.", "사과를 ⦅0⦆개 샀어요.", ("17",)),
    # Numbers whose English depends on their value stay text: one (singular), months, floors (ordinals),
    # single-digit minutes on the clock (1:05); 15분 and 23일 are copied.
    ("사과 1개, 3층, 11월 23일, 1시 5분, 15분", "사과 1개, 3층, 11월 ⦅0⦆일, 1시 5분, ⦅1⦆분", ("23", "15")),
    ("", "", ()),
])
def test_spans_to_copy_become_placeholders(text, masked, fills):
    assert protect(text) == (masked, fills)
    assert restore(masked, fills) == text


def test_a_text_that_already_has_the_brackets_is_left_alone():
    text = "⦅0⦆ 그리고 3,500원"
    assert protect(text) == (text, ())


def test_spans_beyond_the_last_slot_stay_text():
    words = [f"W{i}" for i in range(SLOTS + 2)]
    masked, fills = protect(" ".join(words))
    assert fills == tuple(words[:SLOTS])
    assert masked.split()[-2:] == words[-2:]
    assert restore(masked, fills) == " ".join(words)


def test_restore_drops_a_placeholder_the_source_did_not_have():
    assert restore("I paid ⦅0⦆ won ⦅1⦆.", ("3,500",)) == "I paid 3,500 won."
    assert restore("No placeholders here.", ("3,500",)) == "No placeholders here."


@pytest.mark.parametrize("pair,expected", [
    (("이 가방은 3,500원이에요.", "This bag is 3,500 won."), ("이 가방은 ⦅0⦆원이에요.", "This bag is ⦅0⦆ won.")),
    # The target does not copy 2,500 (another number format): both sides keep it as text, and the copied
    # span is numbered from 0 in source order.
    (("2,500원과 PDF", "2.500 won and a PDF"), ("2,500원과 ⦅0⦆", "2.500 won and a ⦅0⦆")),
    # Spelled out in English: the floor stays text, the count is copied.
    (("31층에 31명", "31 people on the 31st floor"), ("31층에 ⦅0⦆명", "⦅0⦆ people on the 31st floor")),
    # Whole words only: 350 is not the start of 3500.
    (("350개", "3500 pieces"), ("350개", "3500 pieces")),
    (("Zoom으로 Zoom 회의", "a Zoom meeting on Zoom"), ("⦅0⦆으로 ⦅0⦆ 회의", "a ⦅0⦆ meeting on ⦅0⦆")),
])
def test_training_pairs_are_masked_where_the_target_copies(pair, expected):
    assert protect_pair(*pair) == expected


def test_sentencepiece_keeps_each_placeholder_as_one_piece():
    text = ["이 가방은 ⦅0⦆원이에요.", "⦅1⦆ 파일을 보내 주세요.", "사과 세 개를 샀어요."] * 30
    with_symbols = load_sentencepiece(train_sentencepiece(text, 60, placeholders=True))
    without = load_sentencepiece(train_sentencepiece(text, 60))
    assert has_placeholders(with_symbols) and not has_placeholders(without)
    pieces = with_symbols.encode("가방 ⦅0⦆원 ⦅1⦆", out_type=str)
    assert "⦅0⦆" in pieces and "⦅1⦆" in pieces
    ids, fills = encode_protected(with_symbols, ["가방 3,500원 PDF"])
    assert fills == [("3,500", "PDF")] and ids[0] == with_symbols.encode("가방 ⦅0⦆원 ⦅1⦆")
    assert encode_protected(without, ["가방 3,500원"]) == ([without.encode("가방 3,500원")], [()])
    assert Restoring(with_symbols, ("3,500", "PDF")).decode(ids[0]) == "가방 3,500원 PDF"


PAIRS = [("이 가방은 3,500원이에요.", "This bag is 3,500 won."), ("제 아이디는 Zoom입니다.", "My ID is Zoom."),
         ("사과 세 개를 샀어요.", "I bought three apples."), ("그 신발은 12,000원이에요?", "Are those shoes 12,000 won?")] * 10


@pytest.fixture(scope="module")
def corpus():
    return ParallelCorpus(splits={"train": PAIRS, "dev": PAIRS[:4], "test": PAIRS[:4]}, source="test", description={})


@pytest.mark.parametrize("placeholders", [True, False])
def test_training_data_is_masked_only_with_placeholders(corpus, placeholders):
    data = prepare_data(corpus, None, None, 120, 120, seed=1, placeholders=placeholders)
    symbol_src, symbol_tgt = data.source_sp.piece_to_id(SYMBOLS[0]), data.target_sp.piece_to_id(SYMBOLS[0])
    with_symbol = [e for e in data.train if symbol_src in list(e.src)]
    if placeholders:
        assert len(with_symbol) == 30  # the three pairs with a span, ten times each
        assert all(symbol_tgt in list(e.tgt) for e in with_symbol)
        assert any(symbol_src in list(e.src) for e in data.dev)
    else:
        assert not has_placeholders(data.source_sp) and not with_symbol
    # A resumed run gets its tokenizers from the checkpoint and masks its data the same way.
    resumed = prepare_data(corpus, data.source_spm, data.target_spm, 120, 120, seed=1, placeholders=not placeholders)
    assert [list(e.src) for e in resumed.train] == [list(e.src) for e in data.train]
    assert [list(e.tgt) for e in resumed.train] == [list(e.tgt) for e in data.train]


def test_the_reference_translator_puts_each_sentences_spans_back(corpus, monkeypatch):
    """export.evaluate.translate (training's validation, mt-evaluate) masks the sources and restores
    the outputs: the decoder is replaced by one that records what it sees and answers each row with
    one placeholder sentence, so each output must get its own sentence's number back."""
    import export.evaluate as evaluate
    from service.engine.decoding import Hypothesis

    data = prepare_data(corpus, None, None, 120, 120, seed=1)
    seen = []

    def answer(model, src, limit, length_penalty):
        seen.extend(data.source_sp.decode([i for i in row if i > 3]) for row in src.tolist())
        return [Hypothesis(data.target_sp.encode("This bag is ⦅0⦆ won."), 0.0, 0.0, True) for _ in seen[-len(src):]]

    monkeypatch.setattr(evaluate, "greedy_decode", answer)

    class Model:
        def eval(self):
            return self

    hyps = translate(Model(), data.source_sp, data.target_sp, ["이 가방은 158,000원이에요.", "그 신발은 47,000원이에요."])
    assert hyps == ["This bag is 158,000 won.", "This bag is 47,000 won."]
    assert all("⦅0⦆" in text and "000" not in text for text in seen), seen


def test_a_corpus_with_nothing_to_mask_trains_without_placeholders():
    pairs = [("사과 세 개를 샀어요.", "I bought three apples."), ("어제 카페에 갔어.", "I went to the cafe yesterday.")] * 10
    corpus = ParallelCorpus(splits={"train": pairs, "dev": pairs[:2], "test": pairs[:2]}, source="test", description={})
    data = prepare_data(corpus, None, None, 80, 80, seed=1)  # 80 pieces: no room for 10 symbols here
    assert not has_placeholders(data.source_sp) and not has_placeholders(data.target_sp)
