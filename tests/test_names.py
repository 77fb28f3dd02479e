"""Korean names found in text (service/text/names.py) and put through as romanized placeholders
(service/text/placeholders.py). The sentences and names are written here by hand."""

from __future__ import annotations

import pytest

from service.text.names import find_names, is_name
from service.text.romanize import romanize_name
from service.text.placeholders import NAMES_MARKER, NO_MASKING, SYMBOLS, Masking, masking_of, protect, protect_pair, restore


def names_in(text: str) -> list[str]:
    return [text[start:end] for start, end in find_names(text)]


@pytest.mark.parametrize("text, expected", [
    ("박서연 씨는 서울에 살아요.", ["박서연"]),
    ("이도윤한테 이메일을 보냈어요.", ["이도윤"]),
    ("저는 김민준입니다.", ["김민준"]),
    ("최지호는 제 친구예요.", ["최지호"]),
    ("정하은 씨가 전화했어요.", ["정하은"]),          # ends in 은, but 씨 follows
    ("정하은은 학생이에요.", ["정하은"]),
    ("박서연씨한테 물어보세요.", ["박서연"]),           # 씨 written together with the name
    ("남궁민 님이 오셨어요.", ["남궁민"]),              # two-syllable family name, one-syllable given name
    ("김민준 씨와 이서연 씨가 만났어요.", ["김민준", "이서연"]),
])
def test_full_names_are_found_with_what_attaches_to_them(text, expected):
    assert names_in(text) == expected


@pytest.mark.parametrize("text", [
    "지영은 다음 주에 요리할 거예요.",    # a given name alone and its particle (지 + 영은 is a name's shape)
    "지훈이랑 같이 빨래했어요.",          # the friendly 이 of a given name
    "하나가 공을 잡고 있어요.",
    "여기서 공항까지 얼마나 걸려요?",
    "반지가 어디에 있어요?",
    "1985년에 진주로 이사했어요.",
    "친구가 침대를 정리해야 돼요.",        # verb forms
    "신선한 닭고기를 샀어요.",
    "지금 공원에서 강아지를 그리고 있어요.",  # ordinary words of a name's shape (NOT_NAMES)
    "우유를 마시지 않을 거야.",
    "오늘 날씨가 정말 좋네요.",
    "Zoom으로 회의해요.",
])
def test_ordinary_words_are_not_names(text):
    assert names_in(text) == []


def test_a_name_is_a_family_name_and_name_syllables():
    assert is_name("김민준") and is_name("남궁민") and is_name("이서연")
    assert not is_name("민준")          # a given name alone is the model's to translate
    assert not is_name("김말똥")        # 말, 똥: not syllables of given names
    assert not is_name("가나다")        # 가 is no family name


def test_names_become_placeholders_that_stand_for_their_romanization():
    masked, fills = protect("어제 박서연 씨한테 3,500원을 보냈어요.")
    assert masked == f"어제 {SYMBOLS[0]} 씨한테 {SYMBOLS[1]}원을 보냈어요."
    assert fills == ("Park Seoyeon", "3,500")
    assert restore(f"I sent {SYMBOLS[1]} won to {SYMBOLS[0]} yesterday.", fills) == \
        "I sent 3,500 won to Park Seoyeon yesterday."


def test_the_same_name_twice_is_one_placeholder_and_masking_can_leave_names_alone():
    text = "이도윤 씨는 학생이에요. 이도윤 씨는 바빠요."
    masked, fills = protect(text)
    assert masked.count(SYMBOLS[0]) == 2 and fills == ("Lee Doyun",)
    assert protect(text, Masking(names=False)) == (text, ())
    assert protect("2,000원이에요.", NO_MASKING) == ("2,000원이에요.", ())


def test_training_pairs_mask_a_name_only_where_the_english_romanizes_it():
    assert protect_pair("최지호 씨는 서울에 살아요.", "Choi Jiho lives in Seoul.") == \
        (f"{SYMBOLS[0]} 씨는 서울에 살아요.", f"{SYMBOLS[0]} lives in Seoul.")
    # the English says something else (a nickname): nothing to copy, the pair stays as it is
    assert protect_pair("최지호 씨는 서울에 살아요.", "Jay lives in Seoul.") == \
        ("최지호 씨는 서울에 살아요.", "Jay lives in Seoul.")
    # numbers and names numbered together, in source order
    assert protect_pair("2019년에 김민준 씨를 만났어요.", "I met Kim Minjun in 2019.") == \
        (f"{SYMBOLS[0]}년에 {SYMBOLS[1]} 씨를 만났어요.", f"I met {SYMBOLS[1]} in {SYMBOLS[0]}.")


class _Pieces:
    """A SentencePiece stand-in that knows some pieces."""

    def __init__(self, pieces) -> None:
        self.pieces = list(pieces)

    def unk_id(self) -> int:
        return 1

    def piece_to_id(self, piece: str) -> int:
        return self.pieces.index(piece) + 10 if piece in self.pieces else 1


def test_the_source_tokenizer_says_which_spans_a_model_was_trained_to_mask():
    assert masking_of(_Pieces([])) == NO_MASKING                                     # ko-en/1, OPUS-MT
    assert masking_of(_Pieces(SYMBOLS)) == Masking(copies=True, names=False)          # ko-en/2
    assert masking_of(_Pieces(SYMBOLS + [NAMES_MARKER])) == Masking(copies=True, names=True)


def _corpus(pairs):
    from export.corpus import ParallelCorpus
    return ParallelCorpus(splits={"train": pairs * 10, "dev": pairs[:2], "test": pairs[:2]}, source="test",
                          description={})


def test_training_masks_names_and_marks_the_source_tokenizer():
    from export.train import prepare_data

    pairs = [("박서연 씨는 서울에 살아요.", "Park Seoyeon lives in Seoul."), ("사과를 17개 샀어요.", "I bought 17 apples."),
             ("어제 카페에 갔어.", "I went to the cafe yesterday.")]
    data = prepare_data(_corpus(pairs), None, None, 120, 120, seed=1)
    assert masking_of(data.source_sp) == Masking(copies=True, names=True)
    symbol = data.source_sp.piece_to_id(SYMBOLS[0])
    named = [e for e in data.train if symbol in list(e.src) and data.source_sp.piece_to_id("씨") in list(e.src)]
    assert len(named) == 10
    assert all("Park" not in data.target_sp.decode(list(e.tgt)) for e in data.train)
    # without names in the corpus there is no mark: serving then leaves names as text
    data = prepare_data(_corpus(pairs[1:]), None, None, 120, 120, seed=1)
    assert masking_of(data.source_sp) == Masking(copies=True, names=False)


def test_given_names_give_way_to_full_names_in_a_share_of_the_training_pairs():
    from export.name_variants import with_full_names
    from export.grammar.hangul import has_final_consonant

    pairs = [("지영은 다음 주에 요리할 거예요.", "Jiyoung will cook next week."),
             ("하나가 공을 잡고 있어요.", "Hana is catching a ball."),
             ("민준아, 오랜만이야.", "Long time no see, Minjun."),          # called out: stays
             ("사과 하나를 하나한테 줬어요.", "I gave one apple to Hana."),  # 하나 twice: stays
             ("어제 카페에 갔어.", "I went to the cafe yesterday.")] * 40
    varied = with_full_names(pairs, seed=3, share=0.5)
    assert varied == with_full_names(pairs, seed=3, share=0.5)            # deterministic for a seed
    changed = [(old, new) for old, new in zip(pairs, varied) if old != new]
    assert 20 <= len(changed) <= 60                                       # about half of the 80 that can change
    for (ko, en), (new_ko, new_en) in changed:
        assert ko in (pairs[0][0], pairs[1][0])
        [(start, end)] = find_names(new_ko)
        full = new_ko[start:end]
        given = ko.split()[0][:2]
        assert has_final_consonant(full) == has_final_consonant(given)   # 은/가 still fit
        assert new_ko == ko.replace(given, full) and new_en == en.replace(en.split()[0], romanize_name(full))


def test_no_word_of_the_bundled_corpus_or_the_development_set_is_misread_as_a_name():
    """Every word the finder takes in the bundled corpus (and the everyday development set) is a name the
    English romanizes: an ordinary word of a name's shape would come out as a romanized name."""
    from export.name_audit import audit

    assert audit() == {}
