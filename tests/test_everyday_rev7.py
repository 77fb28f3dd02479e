"""The corpus-revision-7 constructions (export/grammar/everyday_rev7.py): counting and prices, thanks and
apologies, food, weather, work and school, getting around, family, health and Latin-script names -- their Korean
forms and English -- and that revision 6 is still drawn exactly as before."""

from __future__ import annotations

import re

import pytest

from export.corpus import EVERYDAY_REVISION
from export.grammar import everyday_corpus
from export.grammar.everyday_corpus import EVERYDAY_REVISIONS, EverydayConfig, constructions, generate_everyday
from export.grammar.everyday_rev7 import REV7_CONSTRUCTIONS
from tests.test_everyday_extra import SMALL, _digest
from tests.test_everyday_grammar import (assert_all_three_speech_levels, assert_one_translation_each,
                                        assert_revision_appended, assert_well_formed, sample_constructions)

# sha256 of generate_everyday(EverydayConfig(seed=13, train_size=3000, dev_size=50, test_size=50, revision=6)) as
# tests.test_everyday_extra._digest writes it, computed with the code before revision 7 existed.
REVISION_6_DIGEST = "ce9462e143a7908be320ef189f7e070f3f2dd0a8387dd1ee44749995704202dc"
_LATIN = re.compile(r"[A-Za-z][A-Za-z-]*")


@pytest.fixture(scope="module")
def samples():
    return sample_constructions(REV7_CONSTRUCTIONS, 7, 2500)


# --------------------------------------------------------------------------- registration and revisions


def test_the_new_constructions_are_revision_7s_with_modest_weights():
    assert EVERYDAY_REVISIONS[-1] == 7 and EverydayConfig().revision == 7 != EVERYDAY_REVISION == 3
    assert_revision_appended(7, REV7_CONSTRUCTIONS, (0.20, 0.30))


def test_revision_6_reproduces_the_corpus_from_before_revision_7():
    assert _digest(generate_everyday(EverydayConfig(**SMALL, revision=6))) == REVISION_6_DIGEST


def test_revision_6_is_revision_7_without_the_new_constructions(monkeypatch):
    revision_6 = generate_everyday(EverydayConfig(**SMALL, revision=6))
    revision_7 = generate_everyday(EverydayConfig(**SMALL, revision=7))
    assert revision_7 != revision_6
    new_words = ("썰어 ", "iPhone", "킬로 ", "시켜 먹을까")
    assert sum(any(w in ko for ko, _ in revision_7["train"]) for w in new_words) >= 3
    assert not any(w in ko for ko, _ in revision_6["train"] for w in new_words)
    monkeypatch.setitem(everyday_corpus.REVISIONS, 7, ())
    assert generate_everyday(EverydayConfig(**SMALL, revision=7)) == revision_6


def test_a_large_revision_7_corpus_keeps_one_translation_per_sentence():
    """20,000 sentences draw every construction hundreds of times."""
    out = generate_everyday(EverydayConfig(seed=21, train_size=20_000, dev_size=100, test_size=100, revision=7))
    korean = [ko for ko, _ in out["train"]]
    assert len(korean) == len(set(korean)) == 20_000
    english: dict[str, str] = {}
    for ko, e in out["train"] + out["dev"] + out["test"]:
        assert english.setdefault(ko, e) == e, ko
    assert sum(bool(re.search(r"한 [가-힣]+에 |썰어|바람이|숙제|내려|싸워|약을|Zoom|iPhone", ko)) for ko in korean) > 400


# --------------------------------------------------------------------------- every sentence


def test_one_korean_sentence_has_one_english_translation_beside_the_older_constructions():
    assert_one_translation_each(sample_constructions(constructions(7), 9, 800))


def test_sentences_are_punctuated_and_spelled_alike(samples):
    for name, sentences in samples.items():
        for s in sentences:
            assert_well_formed(name, s, strict=True)                  # no contractions, pairs named
            assert "let's" not in s.en.lower() and "'" not in s.en.replace("o'clock", "").replace("'s ", " "), s
            assert not re.search(r"\b(\w+) \1\b", s.en), s               # no doubled words
            assert s.en.count("?") == s.ko.count("?") <= 1, s
            assert not re.search(r"[a-z]\.$", s.ko) and " ." not in s.en, s


def test_every_construction_uses_all_three_speech_levels(samples):
    assert_all_three_speech_levels(samples)


def test_each_construction_makes_many_different_sentences(samples):
    """The corpus keeps a sentence once: a construction earns its weight only by variety."""
    for name, sentences in samples.items():
        assert len({s.ko for s in sentences}) > 400, (name, len({s.ko for s in sentences}))


# --------------------------------------------------------------------------- each construction


def test_prices_say_each_and_a_unit_with_number_words_and_digits(samples):
    prices = [s for s in samples["count_price"] if " 원" in s.ko or "원" in s.ko.split()[-1]]
    for s in prices:
        if re.search(r"한 [가-힣]+에 ", s.ko):
            unit = re.search(r"한 ([가-힣]+)에 ", s.ko).group(1)
            ending = {"개": "each", "권": "each", "자루": "each", "봉지": "a bag", "상자": "a box", "켤레": "a pair",
                      "병": "a bottle", "캔": "a can", "잔": "a cup"}[unit]
            assert s.en.endswith(f" won {ending}."), s
        digits = re.search(r"([0-9,]+)원", s.ko)
        man = re.search(r"([0-9]+)만( ([0-9])천)? 원", s.ko)
        if man:
            value = int(man.group(1)) * 10_000 + int(man.group(3) or 0) * 1000
            assert f" {value:,} won" in s.en, s
        elif digits:
            assert f" {digits.group(1)} won" in s.en, s
        else:                                            # Korean number words: English number words
            assert not re.search(r"[0-9]", s.en) and re.search(r"\b(hundred|thousand)\b", s.en), s
    english = " ".join(s.en for s in prices)
    assert all(w in english for w in ("one thousand won each", "a bag", "a box", "a bottle", ",000 won"))


def test_counts_say_there_are_how_many_and_has(samples):
    for s in samples["count_price"]:
        if "몇 " in s.ko:
            assert s.en.startswith("How many ") and " are there " in s.en, s
        elif re.search(r"^[가-힣 ]+에(는)? [가-힣]+[이가] ", s.ko):
            assert s.en.startswith(("There are ", "There were ")) and (" were " in s.en) == ("었" in s.ko), s
            number = re.search(r"([0-9]+)(명|마리)", s.ko)
            assert number is None or f" {number.group(1)} " in s.en, s
        elif "층까지" in s.ko or re.search(r"는 [가-힣]+[이가] [0-9가-힣 ]*(명|마리)", s.ko):
            assert " has " in s.en, s
        elif re.search(r"(줘|주세요|주십시오)\.$", s.ko):
            assert s.en.endswith(", please.") and s.en.startswith("Just ") == ("만 " in s.ko), s


def test_thanks_sorry_and_wishes(samples):
    for s in samples["thanks_sorry"]:
        body = s.ko.split(", ", 1)[-1]
        if re.search(r"서 (정말 |너무 )?(미안|죄송)", body):
            assert s.en.startswith("I am ") and "sorry" in s.en, s
        elif re.search(r"(줘서|주셔서)", body):
            assert s.en.startswith("Thank you ") and " for " in s.en, s
            assert not ("주셔서" in body and body.endswith("고마워.")), s    # no 주셔서 with the plain 고마워
        elif "보내" in body:
            assert s.en.startswith("Have a good "), s
        if ", " in s.ko:                                 # someone addressed: named last in English
            called = s.ko.split(", ")[0]
            assert re.search(r"(아|야| 씨)$", called) or called in ("엄마", "아빠", "할머니", "할아버지"), s
            assert re.search(r", [A-Z][a-z]+\.$", s.en), s
    english = " ".join(s.en for s in samples["thanks_sorry"])
    assert all(w in english for w in ("Thank you for the meal", "Good night", "I am sorry I am late",
                                      "Thank you so much for helping me", "Have a good vacation"))


def test_food_tastes_orders_and_cutting(samples):
    for s in samples["food_more"]:
        if "썰" in s.ko:
            assert re.search(r"\bcut\b", s.en, re.I) and re.search(r"(into (small|big) pieces|thinly)", s.en), s
            assert "썰어 " in s.ko or "썰었" in s.ko, s
        if "시켜 먹" in s.ko:
            assert re.search(r"\b(order|ordered)\b", s.en), s
            assert s.ko.endswith("?") == s.en.startswith("Shall we "), s
        if re.search(r"(짜|매|달|싱거|싱겁|시|셔|쓰|써|셨|썼|짭|맵|답|싱겁습|씁)", s.ko.split()[-1]) and "은 " in s.ko + "는 ":
            if "별로 안" in s.ko:
                assert " not very " in s.en, s
            if " 좀 " in s.ko:
                assert " a little " in s.en, s
        if ", " in s.ko:
            assert s.en.startswith("Would you like ") and " or " in s.en, s
    words = " ".join(s.ko for s in samples["food_more"])
    for form in ("좀 짜", "매워", "다네", "썰어 주세요", "시켜 먹을까?", "마실래요, ", "먹어 봐"):
        assert form in words, form


def test_weather_wind_rain_seasons_and_remarks(samples):
    for s in samples["weather_more"]:
        if "바람이" in s.ko and not re.search(r"그[치쳤칠]", s.ko):
            assert " windy" in s.en, s
            assert ("많이" in s.ko) == (" very windy" in s.en), s
        if "그쳤" in s.ko or "그칠" in s.ko:
            assert " stopped" in s.en or " stop soon" in s.en, s
        if re.search(r"(봄|여름|가을|겨울)에", s.ko):
            assert re.search(r"\b(in spring|in summer|in the fall|in winter|this (spring|summer|fall|winter))", s.en), s
        if re.search(r"네(요)?\.$", s.ko):
            assert s.en.startswith(("It is ", "The weather is ")), s
        if " 좀 " in f" {s.ko}":
            assert " a little " in s.en, s
    words = " ".join(s.ko for s in samples["weather_more"])
    for form in ("바람이 많이 불어요", "밖에 비가 와요", "눈이 그쳤", "여름에는 너무 더워요", "좀 춥네", "스키를 타러 가요"):
        assert form in words, form


def test_work_and_school(samples):
    for s in samples["work_school"]:
        if "늦" in s.ko:
            assert " late for " in s.en, s
            assert (" will " in s.en) == bool(re.search(r"(거야|거예요|겁니다)\.$", s.ko)), s
        if "시험이 있" in s.ko:
            assert re.search(r"\b(have|had) an? [A-Za-z ]+ test\b", s.en), s
        if "시험을" in s.ko:
            assert " well on " in s.en and ("잘 못" in s.ko) == ("did not do well" in s.en), s
        if "숙제를" in s.ko:
            assert " homework" in s.en and ("아직" in s.ko) == (" yet" in s.en), s
        if "부터" in s.ko:
            assert re.search(r"\bstarts? working at ", s.en), s
        if re.search(r"(출근|퇴근)", s.ko) and "늦" not in s.ko:
            assert re.search(r"\bat [a-z]+( o'clock| thirty)\.$", s.en), s
    words = " ".join(s.ko for s in samples["work_school"])
    for form in ("회사에 늦었어요", "수학 시험이 있어요", "시험을 잘 봤어?", "숙제를 못 했어", "일이 너무 많아요",
                 "새 회사에 다녀요", "시에 출근해요"):
        assert form in words, form


def test_getting_around(samples):
    for s in samples["transport"]:
        if s.ko.startswith("이 버스"):
            assert s.en.startswith("Does this bus go to "), s
        if "내려" in s.ko or "내리" in s.ko:
            assert "get off" in s.en.lower(), s
        if "세워" in s.ko:
            assert "stop " in s.en.lower(), s
        if "걸어서" in s.ko:
            assert re.search(r"\bwalks? ", s.en), s
        if "이 근처에" in s.ko:
            assert s.en.endswith(" near here?" if s.ko.endswith("?") else " near here."), s
        if re.search(r"탈까(요)?\?$", s.ko):
            assert s.en.startswith("Shall we take "), s
    words = " ".join(s.ko for s in samples["transport"])
    for form in ("이 버스 시청에 가요?", "다음 역에서 내려야 해요", "여기서 세워 주세요", "택시를 탈까요?", "걸어서 가요"):
        assert form in words, form


def test_family_and_people(samples):
    elders = ("어머니", "아버지", "할머니", "할아버지", "삼촌", "이모", "고모")
    for s in samples["family_people"]:
        first = s.ko.split()[0]
        if "잘하" in s.ko or "못하" in s.ko:
            assert " good at " in s.en and ("못하" in s.ko) == (" not good at " in s.en), s
            assert first.startswith(elders) == ("하세요" in s.ko or "하십니다" in s.ko or "하셔" in s.ko), s
        if "싸" in s.ko:
            assert re.search(r"\b(fight|fought) with my ", s.en), s
        if "우리 집에" in s.ko:
            assert "to our house" in s.en, s
            assert first.startswith(elders + ("할머니",)) == ("오실" in s.ko or "오셨" in s.ko), s
        if "몇 살" in s.ko:
            assert s.en.startswith("How old is your "), s
        if "무슨 일" in s.ko:
            assert s.en.endswith(" do for a living?"), s
        if "동생" in s.ko and "남동생" not in s.ko and "여동생" not in s.ko:
            assert "younger sibling" in s.en, s
    words = " ".join(s.ko for s in samples["family_people"])
    for form in ("어머니는 요리를 잘하세요", "동생이랑 자주 싸워요", "삼촌이 내일 우리 집에 오실 거예요", "몇 살이에요?",
                 "무슨 일 하세요?", "저기 있는 사람이 누구예요?", "이분은 제 "):
        assert form in words, form


def test_health(samples):
    for s in samples["health_more"]:
        if "약" in s.ko:
            assert re.search(r"\b(take|took|Take)\b", s.en) and "medicine" in s.en or "painkiller" in s.en, s
        if "병원에" in s.ko:
            assert "see a doctor" in s.en, s
        if "푹" in s.ko:
            assert "good rest" in s.en or "slept well" in s.en, s
        if "살이" in s.ko:
            assert re.search(r"\b(gained|lost)\b", s.en) and ("쪘" in s.ko) == ("gained" in s.en), s
            kilos = re.search(r"([0-9]+)킬로", s.ko)
            assert kilos is None or f" {kilos.group(1)} kilograms" in s.en, s
    words = " ".join(s.ko for s in samples["health_more"])
    for form in ("약 먹었어요?", "약을 드세요", "병원에 가 봐", "푹 쉬세요", "살이 좀 쪘어요"):
        assert form in words, form


def test_latin_names_are_copied_and_take_the_particle_of_their_sound(samples):
    for s in samples["latin_nouns"]:
        for token in _LATIN.findall(s.ko):
            assert token in s.en, (token, s)
        for word in s.ko.rstrip(".?").split():
            latin = _LATIN.match(word)
            if latin and word != latin.group(0):
                particle = word[len(latin.group(0)):]
                sound = {"iPhone": True, "Zoom": True, "MacBook": True, "KakaoTalk": True, "Instagram": True,
                         "Gmail": True, "Excel": True, "Slack": True, "Google": True}.get(latin.group(0), False)
                if particle in ("을", "를"):
                    assert particle == ("을" if sound else "를"), s
                if particle in ("으로", "로"):
                    assert particle == ("으로" if sound else "로"), s
    english = " ".join(s.en for s in samples["latin_nouns"])
    for phrase in ("I use an iPhone.", "an iPhone case", "a Zoom meeting", "watched that video on YouTube",
                   "What is the Wi-Fi password?", "the KTX to Busan"):
        assert phrase in english, phrase
