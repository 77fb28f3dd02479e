"""Revised Romanization: places, words and names, against their published romanizations."""

from __future__ import annotations

import pytest

from service.text.romanize import romanize, romanize_given_name, romanize_name, romanize_place, split_name


@pytest.mark.parametrize("korean, expected", [
    # plain syllables, and the final consonant's representative sound
    ("부산", "Busan"), ("제주", "Jeju"), ("인천", "Incheon"), ("대구", "Daegu"), ("광주", "Gwangju"),
    ("울산", "Ulsan"), ("서울", "Seoul"), ("의정부", "Uijeongbu"), ("여의도", "Yeouido"), ("한국", "Hanguk"),
    ("낙동강", "Nakdonggang"), ("압구정", "Apgujeong"),
    # liaison across the syllable boundary
    ("한국어", "Hangugeo"), ("백암", "Baegam"),
    # nasalisation: k/t/p before n/m, and ㄹ read as ㄴ
    ("종로", "Jongno"), ("독립", "Dongnip"), ("백마", "Baengma"), ("왕십리", "Wangsimni"), ("속리산", "Songnisan"),
    ("강릉", "Gangneung"), ("청량리", "Cheongnyangni"),
    # lateralisation
    ("신라", "Silla"), ("설날", "Seollal"), ("대관령", "Daegwallyeong"), ("울릉", "Ulleung"),
    # palatalisation
    ("해돋이", "Haedoji"),
    # ㅎ after ㄱ/ㅂ in nouns stays written
    ("묵호", "Mukho"), ("집현전", "Jiphyeonjeon"),
])
def test_places_follow_the_revised_romanization(korean, expected):
    assert romanize_place(korean) == expected


@pytest.mark.parametrize("korean, expected", [
    ("국물", "gungmul"), ("합니다", "hamnida"), ("같이", "gachi"), ("좋고", "joko"), ("좋아", "joa"),
    ("많다", "manta"), ("없어", "eopseo"), ("읽어", "ilgeo"), ("라면", "ramyeon"), ("부엌", "bueok"),
    ("밖", "bak"), ("꽃", "kkot"),
])
def test_words_assimilate_across_syllables(korean, expected):
    assert romanize(korean) == expected


def test_text_other_than_hangul_is_kept_and_words_stay_apart():
    assert romanize("서울 KTX 3.5km, 부산!") == "seoul KTX 3.5km, busan!"
    assert romanize("") == ""


@pytest.mark.parametrize("korean, expected", [
    ("김민준", "Kim Minjun"), ("김민수", "Kim Minsu"), ("이서연", "Lee Seoyeon"), ("박지은", "Park Jieun"),
    ("최하준", "Choi Hajun"), ("홍길동", "Hong Gildong"), ("장서윤", "Jang Seoyun"), ("한예린", "Han Yerin"),
    # no assimilation inside a given name (a word would read Hanbongnam)
    ("한복남", "Han Boknam"),
    # two-syllable family names
    ("남궁민", "Namgung Min"), ("황보지수", "Hwangbo Jisu"),
    # a family name without a customary spelling falls back to the standard
    ("빈지수", "Bin Jisu"),
])
def test_names_put_the_family_name_first_with_its_customary_spelling(korean, expected):
    assert romanize_name(korean) == expected


def test_a_name_needs_a_family_and_a_given_name():
    assert split_name("남궁민") == ("남궁", "민") and split_name("남궁") == ("남", "궁")
    with pytest.raises(ValueError, match="too short"):
        romanize_name("김")
    with pytest.raises(ValueError, match="not a Hangul syllable"):
        romanize_given_name("민A")
