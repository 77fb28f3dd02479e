"""The everyday grammar (issue 13): particles and conjugation of its constructions, copy cases, and
the splits of the merged bundled corpus."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from export.corpus import bundled_corpus, everyday_heldout
from export.grammar import everyday_corpus
from export.grammar.everyday import BASE_CONSTRUCTIONS, _reason_clause, normal_korean, predicate, random_name
from export.grammar.everyday_corpus import EVERYDAY_REVISIONS, EverydayConfig, generate_everyday
from export.grammar.everyday_lexicon import ACTIONS, ADJECTIVES, LEMMAS, NOUNS, comparative
from export.grammar.everyday_more import MORE_CONSTRUCTIONS
from export.grammar.hangul import OBJECT, SUBJECT, TOPIC, attach
from export.grammar.korean import Form, a_form, conjugate, eu
from service.text.romanize import romanize_name

# --------------------------------------------------------------------------- endings and constructions


@pytest.mark.parametrize("stem, ending, irregular, expected", [
    ("가", "면", None, "가면"), ("먹", "면", None, "먹으면"), ("먹", "ㄹ 때", None, "먹을 때"),
    ("만들", "면", None, "만들면"), ("만들", "니까", None, "만드니까"), ("만들", "ㅂ시다", None, "만듭시다"),
    ("만들", "ㄹ 때", None, "만들 때"), ("알", "니까", None, "아니까"), ("살", "ㄹ게요", None, "살게요"),
    ("듣", "면", "ㄷ", "들으면"), ("춥", "면", "ㅂ", "추우면"), ("춥", "ㄹ 때", "ㅂ", "추울 때"),
    ("낫", "면", "ㅅ", "나으면"), ("갔", "니까", None, "갔으니까"), ("갔", "ㄹ 때", None, "갔을 때"),
    ("하", "ㅂ시다", None, "합시다"), ("먹", "ㅂ시다", None, "먹읍시다"), ("있", "면", None, "있으면"),
])
def test_endings_with_eu_follow_the_stem(stem, ending, irregular, expected):
    assert eu(stem, ending, irregular) == expected


def test_b_irregular_stems_take_wo_except_dopda_and_gopda():
    assert conjugate("외롭다", Form("past", "plain"), "ㅂ") == "외로웠어"
    assert conjugate("고맙다", Form("present", "polite"), "ㅂ") == "고마워요"
    assert conjugate("돕다", Form("past", "plain"), "ㅂ") == "도왔어"


def test_s_irregular_stems_drop_their_s_before_vowels():
    assert a_form("낫", "ㅅ") == "나아" and a_form("짓", "ㅅ") == "지어"
    assert conjugate("낫다", Form("past", "polite"), "ㅅ") == "나았어요"
    assert conjugate("짓다", Form("future", "plain"), "ㅅ") == "지을 거야"


P, R, F = "past", "present", "future"


@pytest.mark.parametrize("verb, construction, level, tense, irregular, question, expected", [
    ("먹다", "want", "polite", R, None, False, "먹고 싶어요"),
    ("가다", "want", "formal", P, None, False, "가고 싶었습니다"),
    ("보다", "want", "plain", R, None, True, "보고 싶어"),
    ("듣다", "can", "polite", R, "ㄷ", False, "들을 수 있어요"),
    ("만들다", "cannot", "plain", P, None, False, "만들 수 없었어"),
    ("돕다", "can", "formal", R, "ㅂ", True, "도울 수 있습니까"),
    ("쓰다", "must", "polite", R, None, False, "써야 해요"),
    ("부르다", "must", "plain", P, "르", False, "불러야 했어"),
    ("마시다", "must_doe", "polite", R, None, False, "마셔야 돼요"),
    ("기다리다", "must", "formal", F, None, False, "기다려야 할 겁니다"),
    ("읽다", "intend", "polite", R, None, False, "읽으려고 해요"),
    ("만들다", "intend", "plain", P, None, False, "만들려고 했어"),
    ("먹다", "promise", "polite", R, None, False, "먹을게요"),
    ("가다", "promise", "plain", R, None, False, "갈게"),
    ("하다", "promise", "formal", R, None, False, "하겠습니다"),
    ("닫다", "please", "polite", R, None, False, "닫아 주세요"),
    ("쓰다", "please", "plain", R, None, False, "써 줘"),
    ("기다리다", "please", "formal", R, None, False, "기다려 주십시오"),
    ("듣다", "please", "polite", R, "ㄷ", False, "들어 주세요"),
    ("먹다", "must_not", "polite", R, None, False, "먹으면 안 돼요"),
    ("만들다", "must_not", "formal", R, None, False, "만들면 안 됩니다"),
    ("열다", "can_i", "polite", R, None, True, "열어도 돼요"),
    ("켜다", "may_i", "polite", R, None, True, "켜도 될까요"),
    ("먹다", "lets", "formal", R, None, False, "먹읍시다"),
    ("만들다", "lets", "formal", R, None, False, "만듭시다"),
    ("듣다", "lets", "formal", R, "ㄷ", False, "들읍시다"),
    ("가다", "lets", "plain", R, None, False, "가자"),
    ("닫다", "shall", "polite", R, None, True, "닫을까요"),
    ("만들다", "shall", "plain", R, None, True, "만들까"),
    ("굽다", "shall", "polite", R, "ㅂ", True, "구울까요"),
    ("읽다", "imperative", "polite", R, None, False, "읽으세요"),
    ("가다", "imperative", "formal", R, None, False, "가십시오"),
    ("먹다", "imperative", "polite", R, None, False, "드세요"),
    ("자다", "imperative", "formal", R, None, False, "주무십시오"),
    ("만들다", "imperative", "polite", R, None, False, "만드세요"),
    ("듣다", "imperative", "polite", R, "ㄷ", False, "들으세요"),
    ("돕다", "imperative", "formal", R, "ㅂ", False, "도우십시오"),
    ("쓰다", "imperative", "plain", R, None, False, "써"),
    ("먹다", "dont", "polite", R, None, False, "먹지 마세요"),
    ("열다", "dont", "formal", R, None, False, "열지 마십시오"),
    ("가다", "dont", "plain", R, None, False, "가지 마"),
])
def test_modal_request_and_suggestion_predicates(verb, construction, level, tense, irregular, question, expected):
    assert predicate(verb, construction, level, tense, irregular, question) == expected


@pytest.mark.parametrize("stem, expected", [("먹", "먹는"), ("가", "가는"), ("만들", "만드는"), ("듣", "듣는"),
                                             ("살", "사는"), ("굽", "굽는")])
def test_present_adnominal_drops_a_final_l(stem, expected):
    from export.grammar.everyday import _adnominal_present
    assert _adnominal_present(stem) == expected


def test_polite_lets_is_refused_because_it_reads_as_a_statement():
    with pytest.raises(ValueError, match="reads as a statement"):
        predicate("가다", "lets", "polite")


@pytest.mark.parametrize("reason, ending, past, expected", [
    ("cold", "서", False, "추워서"), ("cold", "니까", False, "추우니까"), ("cold", "니까", True, "추웠으니까"),
    ("tired", "서", False, "피곤해서"), ("tired", "ㄹ 때", False, "피곤할 때"), ("thirsty", "서", False, "목말라서"),
    ("busy", "서", False, "바빠서"), ("rain", "면", False, "비가 오면"), ("rain", "서", False, "비가 와서"),
    ("snow", "ㄹ 때", False, "눈이 올 때"), ("time", "면", False, "시간이 있으면"), ("nice", "니까", False,
                                                                                   "날씨가 좋으니까"),
])
def test_connective_clauses(reason, ending, past, expected):
    assert _reason_clause(reason, ending, past) == expected


def test_negations_put_an_and_mot_where_korean_puts_them():
    from export.grammar.everyday import _neg_predicate
    by_ko = {(a.ko, a.en): a for a in ACTIONS}
    study, eat, like = by_ko["공부하다", "study"], by_ko["먹다", "eat"], by_ko["좋아하다", "like"]
    assert _neg_predicate(study, P, "polite", "short") == "공부 안 했어요"
    assert _neg_predicate(study, P, "polite", "mot") == "공부하지 못했어요"
    assert _neg_predicate(study, R, "formal", "long") == "공부하지 않습니다"
    assert _neg_predicate(eat, R, "plain", "mot") == "못 먹어"
    assert _neg_predicate(eat, F, "polite", "short") == "안 먹을 거예요"
    assert _neg_predicate(like, R, "polite", "short") == "안 좋아해요"      # 좋아하다 is not noun + 하다


@pytest.mark.parametrize("adjective, expected", [
    ("big", "bigger"), ("hot", "hotter"), ("cheap", "cheaper"), ("busy", "busier"), ("easy", "easier"),
    ("nice", "nicer"), ("expensive", "more expensive"), ("tired", "more tired"), ("good", "better"),
    ("far", "farther"), ("slow", "slower"), ("delicious", "more delicious"), ("quiet", "quieter"),
    ("fun", "more fun"), ("stylish", "more stylish"),
])
def test_english_comparatives(adjective, expected):
    assert comparative(adjective) == expected


def test_the_lexicon_is_broad():
    assert LEMMAS["nouns"] >= 300 and LEMMAS["verbs"] >= 60 and LEMMAS["adjectives"] >= 50, LEMMAS
    for adjective in ADJECTIVES:          # every adjective conjugates: 비싸요, 추워요, 빨라요
        assert conjugate(adjective.ko, Form("present", "polite"), adjective.irregular).endswith("요")


# --------------------------------------------------------------------------- generated sentences


def sample_constructions(constructions: dict, seed: int, per_construction: int) -> dict:
    """{name: sentences}: the first `per_construction` sentences each construction makes."""
    rng = random.Random(seed)
    out = {}
    for name, (make, _) in constructions.items():
        got = []
        while len(got) < per_construction:
            sentence = make(rng)
            if sentence is not None:
                got.append(sentence)
        out[name] = got
    return out


def assert_one_translation_each(samples: dict) -> None:
    """No Korean sentence among `samples` ({name: sentences}) comes with two different English ones."""
    seen = {}
    for sentences in samples.values():
        for s in sentences:
            assert seen.setdefault(s.ko, s.en) == s.en, (s.ko, seen[s.ko], s.en)


_POLITE_END = re.compile(r"요[.?!]$")
_FORMAL_END = re.compile(r"(니다|니까|십시오|ㅂ시다|읍시다|합시다|[가-힣]시다)[.?!]$")


def assert_all_three_speech_levels(samples: dict) -> None:
    """Every construction of `samples` ({name: sentences}) has polite (-요), formal (-니다, -십시오, -시다)
    and plain sentences."""
    for name, sentences in samples.items():
        polite = [s for s in sentences if _POLITE_END.search(s.ko)]
        formal = [s for s in sentences if _FORMAL_END.search(s.ko)]
        plain = [s for s in sentences if not _POLITE_END.search(s.ko) and not _FORMAL_END.search(s.ko)]
        assert polite and formal and plain, (name, len(polite), len(formal), len(plain))


def assert_revision_appended(revision: int, table: dict, share: tuple[float, float]) -> None:
    """`table` is revision `revision`'s own row, drawn after every older revision's constructions in their order
    (so that the older corpora rebuild exactly), with a share of the draw within `share` and modest weights."""
    assert everyday_corpus.REVISIONS[revision] == (table,)
    newest = everyday_corpus.constructions(revision)
    assert list(newest) == list(everyday_corpus.constructions(revision - 1)) + list(table)   # appended, old order kept
    assert all(newest[name] is table[name] for name in table)
    drawn = sum(w for _, w in table.values()) / sum(w for _, w in newest.values())
    assert share[0] <= drawn <= share[1], drawn
    assert all(1 <= w <= 6 for _, w in table.values())


@pytest.fixture(scope="module")
def samples():
    return sample_constructions(everyday_corpus.constructions(EVERYDAY_REVISIONS[-1]), 7, 400)


_PARTICLES = {"을": OBJECT, "를": OBJECT, "이": SUBJECT, "가": SUBJECT, "은": TOPIC, "는": TOPIC}
_KNOWN = sorted({n.ko for n in NOUNS}, key=len, reverse=True)


def test_every_particle_after_a_known_noun_fits_its_last_sound(samples):
    """A particle glued on by hand (사과을, 책가) would fail here; the allomorph comes from attach()."""
    known = set(_KNOWN)
    checked = 0
    for sentences in samples.values():
        for s in sentences:
            for word in re.sub(r"[.?!,]", "", s.ko).split():
                noun, particle = word[:-1], word[-1:]
                if particle in _PARTICLES and noun in known and len(noun) > 1:   # 입는 is a verb, not 입 + 는
                    assert attach(noun, _PARTICLES[particle]) in (word, "내가", "제가", "네가"), (word, s.ko)
                    checked += 1
    assert checked > 1000


def assert_well_formed(name: str, s, strict: bool = True) -> None:
    """One generated sentence pair is written alike in both languages: the same final punctuation, English
    starting with a capital (or a digit), single spaces, a/an before the right sound. `strict` (the
    constructions of revision 4 on): no contractions either, and the sentence names its lemma pairs."""
    assert s.ko[-1] in ".?!" and s.ko[-1] == s.en[-1], (name, s)      # ! only in set phrases (축하해요!)
    assert s.en[0].isupper() or s.en[0].isdigit(), (name, s)
    assert "  " not in s.ko and "  " not in s.en and " ," not in s.en and not s.ko.startswith(" "), (name, s)
    assert not re.search(r"\ba (?!one|uni|use|usu|eu)[aeiou]", s.en), (name, s)
    assert not re.search(r"\ban [bcdfgjklmnpqrstvwxz]", s.en), (name, s)
    if strict:
        assert "n't" not in s.en and s.pairs, (name, s)


def test_sentences_are_punctuated_alike_in_both_languages(samples):
    for name, sentences in samples.items():
        for s in sentences:
            assert_well_formed(name, s, strict=False)


def test_copy_cases_keep_numbers_and_latin_words_and_romanize_names(samples):
    for s in samples["copy"]:
        for token in re.findall(r"[0-9][0-9,.:]*[0-9]|[0-9]|[A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9]", s.ko):
            assert token in s.en, f"{token!r} of {s.ko!r} is not copied into {s.en!r}"
    names = 0
    for s in samples["copy"]:
        for roman in re.findall(r"\b(?!City\b|The\b|This\b|These\b|My\b|Our\b|Please\b|Send\b|I\b)[A-Z][a-z]+ [A-Z][a-z]+\b",
                                s.en):
            heads = [w[:3] for w in re.sub(r"[.?!,]", "", s.ko).split() if len(w) >= 3]
            assert any(_romanized(h) == roman for h in heads), f"{roman!r} in {s.en!r} is no name of {s.ko!r}"
            names += 1
    assert names > 20


def _romanized(head: str) -> str:
    try:
        return romanize_name(head)
    except ValueError:
        return ""


def test_random_names_are_korean_full_names():
    rng = random.Random(1)
    for _ in range(50):
        name = random_name(rng)
        assert len(name) == 3 and " " in romanize_name(name)


# --------------------------------------------------------------------------- revisions


def test_the_grammar_module_does_not_import_the_constructions_built_on_it():
    """The later constructions import everyday.py's helpers and everyday_corpus.py puts them together; were
    everyday.py to import them (for them to register themselves in it), the imports would go in a circle."""
    code = ("import json, sys, export.grammar.everyday; "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('export.grammar.everyday'))))")
    run = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == ["export.grammar.everyday", "export.grammar.everyday_lexicon"]


def test_each_revision_draws_the_older_revisions_constructions_first_and_unchanged():
    drawn = {revision: everyday_corpus.constructions(revision) for revision in EVERYDAY_REVISIONS}
    assert list(drawn[3]) == list(BASE_CONSTRUCTIONS) + list(MORE_CONSTRUCTIONS)
    for older, newer in zip(EVERYDAY_REVISIONS, EVERYDAY_REVISIONS[1:]):
        assert len(drawn[newer]) > len(drawn[older])
        assert list(drawn[newer])[:len(drawn[older])] == list(drawn[older])          # the draw order rests on it
        assert all(drawn[newer][name] is drawn[older][name] for name in drawn[older])


def test_a_revision_cannot_replace_an_older_construction(monkeypatch):
    monkeypatch.setitem(everyday_corpus.REVISIONS, 5, ({"statement": BASE_CONSTRUCTIONS["modal"]},))
    with pytest.raises(ValueError, match="statement"):
        everyday_corpus.constructions(5)
    assert everyday_corpus.constructions(4)["statement"] is BASE_CONSTRUCTIONS["statement"]


# --------------------------------------------------------------------------- splits


@pytest.fixture(scope="module")
def corpus():
    start = time.monotonic()
    out = generate_everyday(EverydayConfig(seed=5, train_size=20_000, dev_size=200, test_size=200,
                                           exclude=frozenset(ko for ko, _ in everyday_heldout())))
    return out, time.monotonic() - start


def test_everyday_splits_are_disjoint_and_held_out_words_are_known(corpus):
    splits, _ = corpus
    assert len(splits["train"]) == 20_000 and len(splits["dev"]) == 200 and len(splits["test"]) == 200
    train = {ko for ko, _ in splits["train"]}
    assert not train & {ko for ko, _ in splits["dev"] + splits["test"]}
    assert not {ko for ko, _ in splits["dev"]} & {ko for ko, _ in splits["test"]}
    def words_of(ko: str) -> list[str]:
        return re.sub(r"[.?!,]", "", ko).split()
    words = {w for ko, _ in splits["train"] for w in words_of(ko)}
    for ko, _ in splits["dev"] + splits["test"]:
        assert all(w in words for w in words_of(ko)), ko


def test_everyday_generation_is_fast_and_deterministic(corpus):
    _, seconds = corpus
    assert seconds < 10, f"20,000 everyday sentences took {seconds:.1f} s"
    again = generate_everyday(EverydayConfig(seed=5, train_size=2_000, dev_size=20, test_size=20))
    assert again == generate_everyday(EverydayConfig(seed=5, train_size=2_000, dev_size=20, test_size=20))


def test_merged_corpus_keeps_one_translation_per_sentence_and_no_heldout_in_train():
    corpus = bundled_corpus(3, 20_000, 200, 400, version=2)
    assert corpus.description["grammar"]["version"] == 2
    seen: dict[str, str] = {}
    for pairs in corpus.splits.values():
        for ko, en in pairs:
            assert seen.setdefault(ko, en) == en, ko
    train = {ko for ko, _ in corpus.splits["train"]}
    assert not train & {ko for name in ("dev", "test") for ko, _ in corpus.splits[name]}
    everyday = {normal_korean(ko) for ko, _ in everyday_heldout()}
    assert not everyday & {normal_korean(ko) for pairs in corpus.splits.values() for ko, _ in pairs}
    # both grammars are in every split
    assert any("싶" in ko or "주세요" in ko for ko, _ in corpus.splits["test"])
    assert len(corpus.splits["train"]) > 19_000


@pytest.mark.parametrize("n, native, sino, english", [
    (1, "한", "일", "one"), (3, "세", "삼", "three"), (10, "열", "십", "ten"), (11, "열한", "십일", "eleven"),
    (20, "스무", "이십", "twenty"), (25, "스물다섯", "이십오", "twenty-five"), (30, "서른", "삼십", "thirty"),
    (99, "아흔아홉", "구십구", "ninety-nine"),
])
def test_number_words(n, native, sino, english):
    from export.grammar.everyday import english_number, native_number, sino_number
    assert (native_number(n), sino_number(n), english_number(n)) == (native, sino, english)


def test_sino_korean_thousands_and_ten_thousands():
    from export.grammar.everyday import sino_number
    assert [sino_number(n) for n in (100, 1000, 5000, 10_000, 15_000, 25_500)] == [
        "백", "천", "오천", "만", "만 오천", "이만 오천오백"]


def test_number_sentences_agree_in_both_languages(samples):
    from export.grammar.everyday import native_number
    for s in samples["numbers"]:
        for hour in range(1, 13):
            if re.search(rf"(?<![가-힣]){native_number(hour)} 시(?!간)", s.ko):
                assert f"at {en_words(hour)}" in s.en, s
        if re.search(r" 원(이|입|예)", s.ko):
            assert s.en.endswith(" won."), s


def en_words(n: int) -> str:
    from export.grammar.everyday import english_number
    return english_number(n)


def test_every_listed_adverb_is_used(samples):
    """The lemma count includes the adverbs: each must turn up in generated sentences."""
    from export.grammar.everyday_lexicon import ADVERBS
    rng = random.Random(3)
    text = " ".join(s.ko for sentences in samples.values() for s in sentences)
    more = []
    while len(more) < 4000:
        sentence = BASE_CONSTRUCTIONS["statement"][0](rng)
        if sentence is not None:
            more.append(sentence.ko)
    words = set(re.sub(r"[.?!,]", "", text + " " + " ".join(more)).split())
    missing = [ko for ko, _ in ADVERBS if ko not in words]
    assert not missing, f"adverbs never generated: {missing}"


def test_an_and_mot_go_before_the_verb_of_a_verb_with_its_own_object():
    from export.grammar.everyday import _neg_predicate
    by_ko = {a.ko: a for a in ACTIONS}
    assert _neg_predicate(by_ko["늦잠을 자다"], P, "polite", "short") == "늦잠을 안 잤어요"
    assert _neg_predicate(by_ko["장을 보다"], P, "plain", "mot") == "장을 못 봤어"
    assert _neg_predicate(by_ko["입어 보다"], P, "polite", "short") == "안 입어 봤어요"


def test_every_action_has_a_right_english_past():
    from export.grammar import english
    regularised = {"feeded", "fighted", "forgetted", "freezed", "growed", "hanged", "hided", "holded", "quited",
                   "spreaded", "teared", "understanded", "waked", "withdrawed", "hurted"}
    pasts = {english.past(a.en.split()[0]) for a in ACTIONS} | {english.past("hurt")}
    assert not pasts & regularised, pasts & regularised
