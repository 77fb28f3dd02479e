"""The corpus-v3 constructions (export/grammar/everyday_more.py): particles, conjugation and English."""

from __future__ import annotations

import random
import re

import pytest

from export.grammar import english as en
from export.grammar.everyday import _but_clause
from export.grammar.everyday_corpus import constructions
from export.grammar.everyday_more import (MORE_CONSTRUCTIONS, _PHRASE_ROWS, _exclaim, _pronoun_ko, adnominal, clock,
                                          people_count, perfect)
from tests.test_everyday_grammar import assert_one_translation_each, sample_constructions


@pytest.fixture(scope="module")
def samples():
    return sample_constructions(MORE_CONSTRUCTIONS, 11, 600)


def test_the_new_constructions_are_drawn_by_the_everyday_generator():
    assert set(MORE_CONSTRUCTIONS) <= set(constructions(3))


def test_one_korean_sentence_has_one_english_translation(samples):
    assert_one_translation_each(samples)


def test_set_phrases_have_a_form_at_some_level_and_answers_keep_the_english(samples):
    assert all(any(forms.values()) for _, forms, _ in _PHRASE_ROWS)
    for s in samples["phrases"]:
        if s.ko.startswith(("네, ", "응, ")):
            assert s.en.startswith("Yes, "), s
        if s.ko.startswith(("아니요, ", "아니, ")):
            assert s.en.startswith("No, "), s
    assert any(s.ko == "아니요, 괜찮아요." and s.en == "No, it is okay." for s in samples["phrases"])


def test_demonstrative_pronouns_take_their_short_forms_in_speech_and_particles_in_formal_speech():
    assert [_pronoun_ko("이", "polite", c) for c in ("bare", "topic", "subject")] == ["이거", "이건", "이게"]
    assert _pronoun_ko("그", "formal", "topic") == "그것은" and _pronoun_ko("저", "formal", "subject") == "저것이"


def test_copula_after_a_final_consonant_or_a_vowel(samples):
    for s in samples["demonstrative"]:
        m = re.search(r"(\S+)(이에요|예요)[.?]$", s.ko)
        if m and m.group(1)[-1] != " ":
            final = (ord(m.group(1)[-1]) - 0xAC00) % 28 if "가" <= m.group(1)[-1] <= "힣" else None
            if final is not None:
                assert (m.group(2) == "이에요") == (final != 0), s.ko


def test_plural_nouns_agree_in_english(samples):
    for s in samples["demonstrative"]:
        assert not re.search(r"\b(these|those) \w+ is\b|\bis (these|those)\b", s.en), s


def test_irregular_verbs_in_the_perfect_and_the_try_frame(samples):
    text = "\n".join(f"{s.ko} | {s.en}" for s in samples["perfect"] + samples["frame"])
    assert "걷어 본" not in text and "듣어" not in text and "돕아" not in text and "만들은" not in text
    assert "have ever eaten" not in text            # questions invert: "Have you ever eaten"
    assert re.search(r"Have you ever \w+", text)


def test_participles():
    assert [en.participle(v) for v in ("eat", "buy", "take a walk", "play", "write", "be")] == [
        "eaten", "bought", "taken a walk", "played", "written", "been"]


def test_been_to_counts_visits_with_native_numbers():
    rng = random.Random(3)
    found = set()
    for _ in range(3000):
        s = perfect(rng)
        if s is not None and "번 가 봤" in s.ko:
            found.add((s.ko.split(" 번")[0].split()[-1], s.en.rstrip(".").split()[-1]))
    assert {("한", "once"), ("두", "twice"), ("세", "times")} <= found


def test_people_are_counted_with_native_numbers_or_digits():
    rng = random.Random(5)
    for _ in range(500):
        s = people_count(rng)
        for n in re.findall(r"(\d+)명", s.ko):
            assert f" {n} " in s.en, s
        if "스무 명" in s.ko:
            assert "twenty" in s.en


def test_exclamations_drop_the_l_of_a_stem_only_before_ne():
    assert _exclaim("멀", "네요", None) == "머네요" and _exclaim("멀", "군요", None) == "멀군요"
    assert _exclaim("맛있", "네요", None) == "맛있네요" and _exclaim("춥", "네", "ㅂ") == "춥네"


def test_neunde_clauses_conjugate_irregular_adjectives():
    rng = random.Random(2)
    seen = []
    for _ in range(4000):
        s = _but_clause(rng, "polite")
        if s is not None and "데 " in s.ko:
            seen.append(s)
            assert ", but " in s.en, s
    words = {w for s in seen for w in s.ko.split() if w.endswith("데")}
    assert words and not any(w.endswith(("덥은데", "춥은데", "맵은데", "있은데", "없은데", "멀은데")) for w in words)


def test_the_clock_reads_half_past_and_digits():
    rng = random.Random(9)
    got = {clock(rng) for _ in range(400)}
    assert any("반이" in s.ko and "half past" in s.en for s in got)
    for s in got:
        for hm in re.findall(r"(\d+)시 (\d+)분", s.ko):
            assert f"{hm[0]}:{int(hm[1]):02d}" in s.en, s


def test_adjectives_before_nouns_conjugate_and_take_articles(samples):
    from export.grammar.everyday_lexicon import Adjective
    forms = {ko: adnominal(Adjective(ko, "x", irr, frozenset(), "x")) for ko, irr in (
        ("맵다", "ㅂ"), ("길다", None), ("맛있다", None), ("빠르다", "르"), ("작다", None), ("예쁘다", None))}
    assert forms == {"맵다": "매운", "길다": "긴", "맛있다": "맛있는", "빠르다": "빠른", "작다": "작은", "예쁘다": "예쁜"}
    for s in samples["modified_object"]:
        assert not re.search(r"\ba [aeiou]", s.en), s


def test_locations_take_subject_and_topic_particles_by_the_final_consonant(samples):
    from export.grammar.hangul import SUBJECT, TOPIC, attach
    for s in samples["location"]:
        first = s.ko.split()[0]
        if first[-1] in "은는":
            assert attach(first[:-1], TOPIC) == first, s.ko
            assert s.en.split()[0] in ("The", "Is"), s
        elif s.ko.split()[-2][-1] in "이가":
            assert attach(s.ko.split()[-2][:-1], SUBJECT) == s.ko.split()[-2], s.ko


def test_to_someone_uses_kke_and_humble_verbs_for_elders(samples):
    for s in samples["to_someone"]:
        first = s.ko.split()[0]
        if first.endswith("께"):
            assert any(w in s.ko for w in ("드렸", "드릴", "드리겠", "여쭤")), s.ko
        else:
            assert first.endswith(("한테", "에게")) and "드리" not in s.ko, s.ko


def test_spoken_levels_sometimes_drop_the_object_particle_and_formal_speech_never_does():
    from export.grammar.everyday import ACTIONS, _vp
    action = next(a for a in ACTIONS if a.ko == "먹다")
    rng = random.Random(1)
    plain = [_vp(rng, action, 0.0, "plain")[0][-1] for _ in range(300)]
    formal = [_vp(rng, action, 0.0, "formal")[0][-1] for _ in range(300)]
    assert any(w[-1] not in "을를" for w in plain) and any(w[-1] in "을를" for w in plain)
    assert all(w[-1] in "을를" for w in formal)


def test_the_honorific_copula_follows_the_final_consonant():
    from export.grammar.everyday_more import _honorific_copula
    assert _honorific_copula("회사원", "present", "polite", False) == "회사원이세요"
    assert _honorific_copula("의사", "present", "polite", False) == "의사세요"
    assert _honorific_copula("선생님", "present", "formal", True) == "선생님이십니까"
    assert _honorific_copula("가수", "past", "formal", False) == "가수셨습니다"


def test_identity_agrees_with_the_first_grammars_occupations(samples):
    from export.grammar.lexicon import JOBS
    english = {j.ko: j.noun for j in JOBS}
    for s in samples["identity"]:
        for ko, noun in english.items():
            if re.search(rf"(^| ){ko}(이|가|였|이었|이에|예|입|이야|야|이세|세|이십|십|이셨|셨)", s.ko):
                assert noun in s.en, s


def test_since_counts_months_natively_and_years_in_sino_korean(samples):
    for s in samples["since"]:
        assert " 지 " in s.ko and s.en.startswith("It has been "), s
        assert not re.search(r"(삼|사|오|육|칠|팔|구|이) 달", s.ko), s.ko          # 세 달, not 삼 달
        assert not re.search(r"(세|네|다섯) (년|주|일|개월)", s.ko), s.ko           # 삼 년, not 세 년


def test_go_and_links_with_a_seo(samples):
    for s in samples["go_and"]:
        assert re.search(r"에 (가서|와서) ", s.ko) and " and " in s.en, s


def test_events_start_and_end_with_third_person_verbs(samples):
    for s in samples["event_time"]:
        if s.en.endswith("o'clock.") or "half past" in s.en:
            assert re.search(r" (starts|ends) at ", s.en), s
        if "벌써" in s.ko:
            assert "has already" in s.en and not s.ko.startswith("내일"), s


def test_countries_take_eseo_for_from_and_e_for_living(samples):
    for s in samples["countries"]:
        if " from " in s.en and "?" not in s.en:
            assert "에서 왔" in s.ko, s
        if " live" in s.en:
            assert re.search(r"에 (살|삽)", s.ko), s
