"""The corpus-revision-5 constructions (export/grammar/everyday_rev5.py) and lexicon (the REV5_* lists of
export/grammar/everyday_lexicon.py): forms and English, and that revision 4 is still drawn exactly as before."""

from __future__ import annotations

import random
import re

import pytest

from export.corpus import EVERYDAY_REVISION, bundled_corpus
from export.grammar import everyday_corpus
from export.grammar import everyday_lexicon as lexicon
from export.grammar.everyday_corpus import EVERYDAY_REVISIONS, EverydayConfig, constructions, generate_everyday
from export.grammar.everyday_rev5 import REV5_CONSTRUCTIONS
from tests.test_everyday_extra import SMALL, _digest
from tests.test_everyday_grammar import (assert_one_translation_each, assert_revision_appended, assert_well_formed,
                                        sample_constructions)

# sha256 of generate_everyday(EverydayConfig(seed=13, train_size=3000, dev_size=50, test_size=50, revision=4)) as
# tests.test_everyday_extra._digest writes it, computed with the code before revision 5 existed.
REVISION_4_DIGEST = "22b6766e78bbdfd873b92e5b54ea9beaee767440bcb357b212d634a902d8619f"


@pytest.fixture(scope="module")
def samples():
    return sample_constructions(REV5_CONSTRUCTIONS, 5, 3000)


class _Made(dict):
    """{Korean: English} of the samples; a sentence not among them is drawn until made (up to 300,000 tries)."""

    def __missing__(self, korean):
        rng = random.Random(korean)
        makers = [make for make, _ in REV5_CONSTRUCTIONS.values()]
        for _ in range(300_000):
            s = rng.choice(makers)(rng)
            if s is not None:
                self.setdefault(s.ko, s.en)
                if s.ko == korean:
                    return s.en
        raise KeyError(korean)


@pytest.fixture(scope="module")
def pairs(samples):
    return _Made({s.ko: s.en for sentences in samples.values() for s in sentences})


# --------------------------------------------------------------------------- registration and revisions


def test_the_new_constructions_are_revision_5s_with_modest_weights():
    assert EVERYDAY_REVISIONS[:3] == (3, 4, 5) and EverydayConfig().revision == EVERYDAY_REVISIONS[-1] >= 5
    assert EverydayConfig().revision != EVERYDAY_REVISION
    assert_revision_appended(5, REV5_CONSTRUCTIONS, (0.12, 0.15))


def test_revision_4_reproduces_the_corpus_from_before_revision_5():
    assert _digest(generate_everyday(EverydayConfig(**SMALL, revision=4))) == REVISION_4_DIGEST


def test_revision_4_is_revision_5_without_the_new_constructions(monkeypatch):
    revision_4 = generate_everyday(EverydayConfig(**SMALL, revision=4))
    revision_5 = generate_everyday(EverydayConfig(**SMALL, revision=5))
    assert revision_5 != revision_4
    new_words = ("태어났", "그쳤", "남편", "잘생겼", " 영하 ", "오는데 ")
    assert any(w in ko for ko, _ in revision_5["train"] for w in new_words)
    assert not any(w in ko for ko, _ in revision_4["train"] for w in new_words)
    monkeypatch.setitem(everyday_corpus.REVISIONS, 5, ())
    assert generate_everyday(EverydayConfig(**SMALL, revision=5)) == revision_4


def test_the_revision_5_lexicon_is_kept_out_of_the_older_lists():
    assert lexicon.REV5_LEMMAS == {"nouns": 20, "verbs": 14, "adjectives": 2, "adverbs": 6}
    old_nouns = {n.ko for n in lexicon.NOUNS} | {p.ko for p in lexicon.PLACES}
    assert not {n.ko for n in lexicon.REV5_NOUNS} & old_nouns
    assert not {v.ko for v in lexicon.REV5_VERBS} & {a.ko for a in lexicon.ACTIONS}
    assert not {a.ko for a in lexicon.REV5_ADJECTIVES} & {a.ko for a in lexicon.ADJECTIVES}
    assert not {a for a, _ in lexicon.REV5_ADVERBS} & {a for a, _ in lexicon.ADVERBS}


def test_the_bundled_corpus_records_revision_5():
    newest = bundled_corpus(13, 3000, 30, 30, version=2, everyday_revision=5)
    assert newest.description["grammar"]["everyday_revision"] == 5


# --------------------------------------------------------------------------- every sentence


def test_one_korean_sentence_has_one_english_translation_beside_the_older_constructions():
    assert_one_translation_each(sample_constructions(constructions(5), 9, 600))


def test_sentences_are_punctuated_and_spelled_alike(samples):
    for name, sentences in samples.items():
        for s in sentences:
            assert_well_formed(name, s, strict=False)
            assert "n't" not in s.en, s
            assert s.pairs or name in ("set_phrases", "rev5_people"), s     # set phrases: always training


def test_every_construction_uses_all_three_speech_levels(samples):
    for name in ("relative_clause", "background", "rev5_events", "rev5_people", "set_phrases"):
        endings = {s.ko.rstrip(".?!")[-2:] for s in samples[name]}
        assert any(e.endswith("요") for e in endings) and any(e.endswith("다") for e in endings), name
        assert any(not e.endswith(("요", "다")) for e in endings), name


# --------------------------------------------------------------------------- each construction


def test_relative_clauses(samples, pairs):
    rel = samples["relative_clause"]
    past = [s for s in rel if re.search(r"(?:^|\s)(본|산|읽은|들은|만든|먹은) \S+[은는] ", s.ko)]
    assert len(past) > 200
    english = {"본": "saw", "산": "bought", "읽은": "read", "들은": "listened to", "만든": "made", "먹은": "ate"}
    for s in past:
        verb = re.search(r"(?:^|\s)(본|산|읽은|들은|만든|먹은) ", s.ko).group(1)
        assert re.match(rf"The (new )?[\w' -]+ I {english[verb]}\b", s.en), s
        assert (" were " in s.en or " are " in s.en) == bool(re.search(r"\b(were|are)\b", s.en)), s
        assert s.ko.startswith(("어제", "지난")) == any(w in s.en for w in ("yesterday", "last week")), s
        assert not ("새로 산" in s.ko) or " new " in s.en.lower() or s.en.startswith("The new"), s
    assert all(" was " in s.en or " were " in s.en for s in past if "새로" not in s.ko)
    assert not any("은데" in s.ko or "멋있은" in s.ko for s in rel)
    broke = [s for s in rel if s.ko.startswith(("새로 산", "제가 새로 산", "내가 새로 산")) and "고장 났" in s.ko]
    assert broke and all(re.fullmatch(r"The new [\w -]+ I bought broke\.", s.en) for s in broke)
    assert pairs.get("제가 좋아하는 과일은 딸기예요.", "My favorite fruit is strawberries.") == \
        "My favorite fruit is strawberries."
    favorite = [s for s in rel if "좋아하는 " in s.ko and s.ko.endswith(".")]
    assert favorite and all(s.en.startswith("My favorite ") for s in favorite)
    places = [s for s in rel if " 갈 곳은 " in s.ko]
    assert places and all(re.fullmatch(r"The place I will go to (tomorrow|this weekend|next week) is [A-Z]\w+\.",
                                       s.en) for s in places)
    lost = [s for s in rel if s.ko.endswith(("잃어버렸어요.", "잃어버렸어.", "잃어버렸습니다."))]
    assert lost and all(s.en.startswith("I lost the ") for s in lost)
    who = [s for s in rel if "만난 사람이" in s.ko]
    assert who and all(s.en.startswith("Who was the person you met ") for s in who)
    assert not any(s.ko.endswith("누구입니다?") for s in who)


def test_background_neunde(samples, pairs):
    bg = samples["background"]
    assert pairs["비가 오는데 우산이 없어요."] == "It is raining, but I do not have an umbrella."
    assert pairs["배고픈데 뭐 먹을까요?"] == "I am hungry; shall we eat something?"
    assert pairs["메시지를 보냈는데 답장이 없어요."] == "I sent a message, but there is no reply."
    assert all(re.search(r"(는데|[ㄴ-ㅎ가-힣]데) ", s.ko) for s in bg)
    assert not any(re.search(r"(있은데|없은데|춥은데|오은데)", s.ko) for s in bg)
    assert any("추운데" in s.ko for s in bg) and any("멋있는데" in s.ko for s in bg)
    shall = [s for s in bg if s.ko.endswith("까요?") or s.ko.endswith("까?")]
    assert shall and all("; shall we " in s.en and s.en.endswith("?") for s in shall)
    assert not any(s.ko.endswith("습니까?") for s in bg)
    clothes = [s for s in bg if s.ko.startswith("이 ")]
    for s in clothes:
        assert re.fullmatch(r"(This [\w -]+ is \w+, but it is|These [\w -]+ are \w+, but they are) too [\w ]+\.",
                            s.en), s


def test_events_over_the_revision_5_verbs(samples, pairs):
    ev = samples["rev5_events"]
    assert pairs["비가 그쳤어요."] == "The rain has stopped."
    assert pairs["요즘 물가가 너무 올랐어요."] == "Prices have gone up too much these days."
    assert pairs["차가 많이 막혀요."] == "The traffic is very heavy."
    assert pairs["문이 잠겨 있어요."] == "The door is locked."
    assert pairs["저는 서울에서 태어났어요."] == "I was born in Seoul."
    assert pairs["우리는 내일 떠나요."] == "We are leaving tomorrow."
    assert pairs["아내가 아기를 낳았어요."] == "My wife had a baby."
    assert pairs["아들이 올해 초등학교에 들어갔어요."] == "My son started elementary school this year."
    assert pairs["저는 대학교에서 경영학을 전공했습니다."] == "I majored in business administration at university."
    assert pairs["저는 그 의견에 동의해요."] == "I agree with that opinion."
    assert pairs["지갑을 집에 두고 왔어요."] == "I left my wallet at home."
    assert pairs["크리스마스가 일주일 남았어요."] == "Christmas is a week away."
    assert any(s.ko.endswith("고장 났어요.") and re.fullmatch(r"The [\w -]+ broke\.", s.en) for s in ev)
    assert not any(re.search(r"(그치었|오르았|떠나아|낳어)", s.ko) for s in ev)


def test_people_work_and_shopping(samples, pairs):
    people = samples["rev5_people"]
    assert pairs["남편은 요리사예요."] == "My husband is a chef."          # 요리사 as the older lists translate it
    assert pairs["형제가 있어요?"] == "Do you have any siblings?"
    assert pairs["동료들이 모두 친절해요."] == "My coworkers are all kind."
    assert pairs["저는 이 동네가 마음에 들어요."] == "I like this neighborhood."
    assert pairs["메뉴판 좀 주세요."] == "Please give me the menu."
    assert pairs["좀 더 큰 사이즈 있어요?"] == "Do you have a bigger size?"
    assert pairs["후식으로 아이스크림을 먹었어요."] == "I had ice cream for dessert."
    assert pairs["오른쪽으로 가세요."] == "Go to the right."
    assert pairs["전화번호가 어떻게 되세요?"] == "What is your phone number?"
    assert pairs["오늘이 며칠이에요?"] == "What is the date today?"
    assert pairs["한국말을 정말 잘하시네요."] == "You speak Korean really well."
    assert pairs["제 취미는 사진 찍기예요."] == "My hobby is taking pictures."
    names = [s for s in people if "이름은" in s.ko]
    assert names and all(re.fullmatch(r"My name is [A-Z][a-z]+ [A-Z][a-z]+\.", s.en) for s in names)
    cold = [s for s in people if " 영하 " in s.ko]
    assert cold and all(re.fullmatch(r"It (is|was) minus \d+ degrees? in [A-Z]\w+ (today|yesterday)\.", s.en)
                        for s in cold)
    assert all(("어제" in s.ko) == (" was " in s.en) for s in cold)
    handsome = [s for s in people if "잘생겼" in s.ko]
    assert handsome and all(" is " in s.en and s.en.endswith("handsome.") for s in handsome)


def test_set_phrases(samples, pairs):
    assert pairs["다음에 또 만나요."] == "See you next time."
    assert pairs["푹 쉬세요."] == "Get some good rest."
    assert pairs["처음 뵙겠습니다."] == "Nice to meet you."
    assert pairs["수고하셨습니다."] == "Thank you for your hard work."
    assert pairs["늦어서 죄송합니다."] == "I am sorry I am late."
    assert pairs["이 책 한번 읽어 보세요."] == "Try reading this book."
