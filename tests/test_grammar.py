"""The bundled grammar corpus: Hangul rules, conjugation, English morphology, and the splits."""

from __future__ import annotations

import pytest

from export.grammar import (LEXICON_SIZES, GrammarConfig, combinations, generate_corpus, generate_examples,
                            make_example, reserve_combinations)
from export.grammar import english as en
from export.grammar.hangul import (MEANS, OBJECT, SUBJECT, TOPIC, WITH, add_final, attach, decompose,
                                   has_final_consonant)
from export.grammar.korean import Form, conjugate, copula
from export.grammar.lexicon import PERSON, TIME, VERB

# --------------------------------------------------------------------------- Hangul and particles


@pytest.mark.parametrize("word, particle, expected", [
    ("책", TOPIC, "책은"), ("의자", TOPIC, "의자는"),
    ("책", SUBJECT, "책이"), ("의자", SUBJECT, "의자가"),
    ("책", OBJECT, "책을"), ("의자", OBJECT, "의자를"),
    ("책", WITH, "책과"), ("의자", WITH, "의자와"),
    ("집", MEANS, "집으로"), ("학교", MEANS, "학교로"), ("서울", MEANS, "서울로"), ("지하철", MEANS, "지하철로"),
    ("부산", MEANS, "부산으로"), ("연필", MEANS, "연필로"),
])
def test_particle_allomorph_follows_the_final_consonant(word, particle, expected):
    assert attach(word, particle) == expected


def test_first_and_second_person_pronouns_have_irregular_subject_forms():
    assert [attach(w, SUBJECT) for w in ("나", "저", "너")] == ["내가", "제가", "네가"]
    assert [attach(w, TOPIC) for w in ("나", "저", "너")] == ["나는", "저는", "너는"]
    assert attach("나무", SUBJECT) == "나무가"


def test_syllable_arithmetic_and_final_consonants():
    assert decompose("갔") == ("ㄱ", "ㅏ", "ㅆ")
    assert has_final_consonant("책") and not has_final_consonant("의자")
    assert [add_final("가", f) for f in "ㄹㅆㅂ"] == ["갈", "갔", "갑"]
    with pytest.raises(ValueError, match="not a Hangul syllable"):
        has_final_consonant("TV")
    with pytest.raises(ValueError, match="not a Hangul syllable"):
        attach("3", OBJECT)


# --------------------------------------------------------------------------- conjugation

P, R, F, G = "past", "present", "future", "progressive"


@pytest.mark.parametrize("verb, irregular, tense, level, negative, question, expected", [
    ("가다", None, P, "plain", False, False, "갔어"),
    ("가다", None, P, "polite", False, False, "갔어요"),
    ("가다", None, P, "formal", False, False, "갔습니다"),
    ("오다", None, P, "plain", False, False, "왔어"),
    ("보다", None, P, "plain", False, False, "봤어"),
    ("먹다", None, P, "plain", False, False, "먹었어"),
    ("읽다", None, P, "polite", False, False, "읽었어요"),
    ("마시다", None, P, "polite", False, False, "마셨어요"),
    ("공부하다", None, P, "formal", False, False, "공부했습니다"),
    ("쓰다", None, P, "plain", False, False, "썼어"),
    ("배우다", None, P, "plain", False, False, "배웠어"),
    ("기다리다", None, P, "plain", False, False, "기다렸어"),
    ("쉬다", None, P, "plain", False, False, "쉬었어"),
    ("끄다", None, P, "plain", False, False, "껐어"),
    ("듣다", "ㄷ", P, "plain", False, False, "들었어"),
    ("듣다", "ㄷ", F, "plain", False, False, "들을 거야"),
    ("듣다", "ㄷ", G, "plain", False, False, "듣고 있어"),
    ("듣다", "ㄷ", R, "formal", False, False, "듣습니다"),
    ("돕다", "ㅂ", P, "plain", False, False, "도왔어"),
    ("돕다", "ㅂ", F, "plain", False, False, "도울 거야"),
    ("굽다", "ㅂ", R, "polite", False, False, "구워요"),
    ("부르다", "르", P, "plain", False, False, "불렀어"),
    ("머무르다", "르", P, "polite", False, False, "머물렀어요"),
    ("만들다", None, R, "formal", False, False, "만듭니다"),
    ("만들다", None, F, "plain", False, False, "만들 거야"),
    ("살다", None, R, "polite", False, False, "살아요"),
    ("열다", None, R, "formal", False, True, "엽니까"),
    ("씻다", None, P, "plain", False, False, "씻었어"),
    ("닫다", None, P, "plain", False, False, "닫았어"),
    ("입다", None, R, "plain", False, False, "입어"),
    ("가다", None, F, "polite", False, False, "갈 거예요"),
    ("먹다", None, F, "formal", False, True, "먹을 겁니까"),
    ("가다", None, R, "formal", False, True, "갑니까"),
    ("먹다", None, R, "formal", False, True, "먹습니까"),
    ("가다", None, G, "polite", False, False, "가고 있어요"),
    ("먹다", None, P, "plain", True, False, "먹지 않았어"),
    ("먹다", None, R, "polite", True, False, "먹지 않아요"),
    ("공부하다", None, R, "formal", True, False, "공부하지 않습니다"),
    ("가다", None, F, "polite", True, False, "가지 않을 거예요"),
    ("가다", None, G, "plain", True, False, "가고 있지 않아"),
])
def test_conjugation_matches_hand_written_forms(verb, irregular, tense, level, negative, question, expected):
    assert conjugate(verb, Form(tense, level, negative, question), irregular) == expected


@pytest.mark.parametrize("verb, lexical, tense, level, negative, expected", [
    ("가다", None, P, "polite", False, "가셨어요"),
    ("가다", None, R, "polite", False, "가세요"),
    ("가다", None, R, "plain", False, "가셔"),
    ("읽다", None, R, "formal", False, "읽으십니다"),
    ("만들다", None, P, "plain", False, "만드셨어"),
    ("가다", None, G, "polite", False, "가고 계세요"),
    ("가다", None, P, "polite", True, "가지 않으셨어요"),
    ("먹다", "드시다", P, "formal", False, "드셨습니다"),
    ("먹다", "드시다", R, "polite", True, "드시지 않아요"),
    ("자다", "주무시다", R, "polite", False, "주무세요"),
])
def test_honorific_subjects_take_si_or_the_lexical_honorific(verb, lexical, tense, level, negative, expected):
    assert conjugate(verb, Form(tense, level, negative), None, True, lexical) == expected


def test_copula_chooses_its_allomorph():
    assert copula("학생", "present", "polite") == "학생이에요"
    assert copula("의사", "present", "polite") == "의사예요"
    assert copula("의사", "present", "plain") == "의사야"
    assert copula("학생", "present", "formal", question=True) == "학생입니까"
    assert copula("의사", "past", "plain") == "의사였어"
    assert copula("의사", "present", "polite", negative=True) == "의사가 아니에요"
    assert copula("학생", "past", "formal", negative=True) == "학생이 아니었습니다"


# --------------------------------------------------------------------------- English morphology

@pytest.mark.parametrize("function, word, expected", [
    (en.past, "go", "went"), (en.past, "eat", "ate"), (en.past, "buy", "bought"), (en.past, "read", "read"),
    (en.past, "study", "studied"), (en.past, "stop", "stopped"), (en.past, "visit", "visited"),
    (en.past, "like", "liked"), (en.past, "play", "played"),
    (en.third_person, "go", "goes"), (en.third_person, "watch", "watches"), (en.third_person, "study", "studies"),
    (en.third_person, "have", "has"), (en.third_person, "do", "does"), (en.third_person, "play", "plays"),
    (en.ing, "make", "making"), (en.ing, "run", "running"), (en.ing, "swim", "swimming"), (en.ing, "sit", "sitting"),
    (en.ing, "study", "studying"), (en.ing, "lie", "lying"), (en.ing, "see", "seeing"), (en.ing, "visit", "visiting"),
    (en.indefinite, "apple", "an apple"), (en.indefinite, "hour", "an hour"),
    (en.indefinite, "university", "a university"), (en.indefinite, "umbrella", "an umbrella"),
    (en.indefinite, "school uniform", "a school uniform"), (en.indefinite, "office worker", "an office worker"),
    (en.plural, "box", "boxes"), (en.plural, "cherry", "cherries"), (en.plural, "knife", "knives"),
    (en.plural, "child", "children"), (en.plural, "person", "people"), (en.plural, "fish", "fish"),
    (en.plural, "watch", "watches"), (en.plural, "day", "days"),
    (en.plural_phrase, "cup of coffee", "cups of coffee"), (en.plural_phrase, "comic book", "comic books"),
])
def test_english_morphology(function, word, expected):
    assert function(word) == expected


def test_english_do_support_and_number_words():
    assert en.verb_group("go", "past", False, True, 2, False) == ("did", "go")
    assert en.verb_group("eat", "present", True, False, 3, False) == (None, "does not eat")
    assert en.verb_group("turn on", "present", False, False, 3, False) == (None, "turns on")
    assert en.verb_group("read", "progressive", False, True, 3, True) == ("are", "reading")
    assert en.verb_group("go", "progressive", True, False, 1, False) == (None, "am not going")
    assert en.verb_group("go", "future", False, True, 2, False) == ("will", "go")
    assert [en.number_word(n) for n in (1, 12, 20)] == ["one", "twelve", "twenty"]


# --------------------------------------------------------------------------- sentences built from choices

@pytest.mark.parametrize("choices, korean, english", [
    (dict(verb="go", time="yesterday", place="cafe", particle="에"), "어제 카페에 갔어.",
     "I went to the cafe yesterday."),
    (dict(verb="go", time="yesterday", place="cafe", particle="에", question=True, level="polite"),
     "어제 카페에 갔어요?", "Did you go to the cafe yesterday?"),
    (dict(verb="go", tense="present", time="every_day", place="school", particle="에"), "매일 학교에 가.",
     "I go to school every day."),
    (dict(verb="go", subject="minsu", tense="future", time="tomorrow", place="home", particle="로", level="formal",
          question=True), "민수는 내일 집으로 갈 겁니까?", "Will Minsu go home tomorrow?"),
    (dict(verb="read", subject="minsu", topic=False, tense="progressive", time="now", obj="book", question=True),
     "지금 민수가 책을 읽고 있어?", "Is Minsu reading a book now?"),
    (dict(verb="watch", subject="geudeul", tense="progressive", obj="movie", level="polite"),
     "그들은 영화를 보고 있어요.", "They are watching a movie."),
    (dict(verb="go", subject="na", tense="progressive", negative=True, place="school", particle="에"),
     "나는 학교에 가고 있지 않아.", "I am not going to school."),
    (dict(verb="eat", subject="geunyeo", tense="present", negative=True, obj="meat", level="formal"),
     "그녀는 고기를 먹지 않습니다.", "She does not eat meat."),
    (dict(verb="drink", subject="geu", tense="present", time="every_day", obj="coffee", question=True,
          level="polite"), "그는 매일 커피를 마셔요?", "Does he drink coffee every day?"),
    (dict(verb="eat", tense="future", obj="bibimbap", level="formal", question=True), "비빔밥을 먹을 겁니까?",
     "Will you eat bibimbap?"),
    (dict(verb="buy", obj="apple", count=3, counter="개"), "사과 세 개를 샀어.", "I bought three apples."),
    (dict(verb="drink", obj="coffee", count=2, counter="잔", level="polite"), "커피 두 잔을 마셨어요.",
     "I drank two cups of coffee."),
    (dict(verb="buy", obj="water", count=1, counter="병"), "물 한 병을 샀어.", "I bought one bottle of water."),
    (dict(verb="see", obj="cat", count=3, counter="마리", place="park", particle="에서"),
     "공원에서 고양이 세 마리를 봤어.", "I saw three cats in the park."),
    (dict(verb="meet", obj="p_friend", place="cafe", particle="에서", time="yesterday"),
     "어제 카페에서 친구를 만났어.", "I met my friend at the cafe yesterday."),
    (dict(verb="go", companion="friend", place="park", particle="에", time="last_week", adjunct="bus"),
     "지난주에 친구와 같이 버스로 공원에 갔어.", "I went to the park by bus with my friend last week."),
    (dict(verb="go", subject="teacher", level="polite", place="school", particle="에", time="yesterday"),
     "선생님은 어제 학교에 가셨어요.", "The teacher went to school yesterday."),
    (dict(verb="eat", subject="grandma", topic=False, obj="apple", level="formal", time="yesterday"),
     "어제 할머니가 사과를 드셨습니다.", "My grandmother ate an apple yesterday."),
    (dict(verb="study", subject="students", tense="present", time="every_day", place="library", particle="에서"),
     "학생들은 매일 도서관에서 공부해.", "The students study at the library every day."),
    (dict(verb="be", subject="jiyoung", tense="present", obj="job_student", level="polite"), "지영은 학생이에요.",
     "Jiyoung is a student."),
    (dict(verb="be", subject="uri", tense="present", obj="job_engineer"), "우리는 엔지니어야.", "We are engineers."),
    (dict(verb="wash", subject="minsu", obj="hands"), "민수는 손을 씻었어.", "Minsu washed his hands."),
    (dict(verb="wear", subject="students", obj="uniform", tense="present", time="every_day"),
     "학생들은 매일 교복을 입어.", "The students wear school uniforms every day."),
    (dict(verb="wash", subject="parents", obj="face", level="polite"), "부모님은 얼굴을 씻으셨어요.",
     "My parents washed their faces."),
    (dict(verb="lose", subject="jiyoung", obj="key", question=True), "지영은 열쇠를 잃어버렸어?",
     "Did Jiyoung lose her keys?"),
    (dict(verb="arrive", subject="jeo", level="formal", place="seoul", particle="에", time="last_night"),
     "저는 어젯밤에 서울에 도착했습니다.", "I arrived in Seoul last night."),
    (dict(verb="visit", subject="friends", place="museum", tense="future", time="next_week"),
     "친구들은 다음 주에 박물관을 방문할 거야.", "My friends will visit the museum next week."),
    (dict(verb="borrow", obj="book", count=2, counter="권", place="library", particle="에서"),
     "도서관에서 책 두 권을 빌렸어.", "I borrowed two books from the library."),
    (dict(verb="turn_on", subject="hana", topic=False, obj="tv", time="this_morning"),
     "오늘 아침에 하나가 텔레비전을 켰어.", "Hana turned on the TV this morning."),
    (dict(verb="sleep", subject="grandpa", tense="progressive", time="now", place="home", particle="에서",
          level="polite"), "할아버지는 지금 집에서 주무시고 계세요.", "My grandfather is sleeping at home now."),
    (dict(verb="send", obj="letter", recipient="teacher", level="polite"), "선생님께 편지를 보냈어요.",
     "I sent a letter to the teacher."),
    (dict(verb="move", place="seoul", particle="로", time="last_year"), "작년에 서울로 이사했어.",
     "I moved to Seoul last year."),
    (dict(verb="eat", obj="ramen", place="home", particle="에서", adjunct="eat_chopsticks"),
     "집에서 젓가락으로 라면을 먹었어.", "I ate ramen at home with chopsticks."),
    (dict(verb="listen", subject="na", tense="progressive", obj="music"), "나는 음악을 듣고 있어.",
     "I am listening to music."),
    (dict(verb="like", subject="minsu", tense="present", obj="cat", question=True), "민수는 고양이를 좋아해?",
     "Does Minsu like cats?"),
])
def test_sentences_from_explicit_choices(choices, korean, english):
    ex = make_example(**choices)
    assert (ex.ko, ex.en) == (korean, english)


def test_politeness_levels_share_one_english_sentence():
    for choices in (dict(verb="go", time="yesterday", place="cafe", particle="에"),
                    dict(verb="eat", subject="grandma", obj="apple", tense="future", question=True),
                    dict(verb="read", tense="progressive", obj="book", negative=True)):
        examples = [make_example(level=level, **choices) for level in ("plain", "polite", "formal")]
        assert len({ex.ko for ex in examples}) == 3
        assert len({ex.en for ex in examples}) == 1
    assert make_example("go", subject="na", place="cafe", particle="에").en == \
        make_example("go", subject="jeo", level="polite", place="cafe", particle="에").en


def test_dropped_subject_is_i_in_statements_and_you_in_questions():
    statement = make_example("go", place="cafe", particle="에", time="yesterday")
    question = make_example("go", place="cafe", particle="에", time="yesterday", question=True)
    assert statement.en.startswith("I went") and question.en.startswith("Did you go")


def test_lexicon_meets_the_minimum_sizes():
    minimum = {"subjects": 40, "places": 30, "objects": 60, "verbs": 50, "times": 15}
    assert all(LEXICON_SIZES[k] >= n for k, n in minimum.items()), LEXICON_SIZES


# --------------------------------------------------------------------------- the corpus and its splits

SMALL = GrammarConfig(seed=5, train_size=3000, dev_size=100, test_size=100)


def test_same_seed_same_corpus_and_a_new_seed_a_new_one():
    first, again = generate_corpus(SMALL), generate_corpus(SMALL)
    assert first == again
    other = generate_corpus(GrammarConfig(seed=6, train_size=3000, dev_size=100, test_size=100))
    assert other["train"] != first["train"]
    assert {k: len(v) for k, v in first.items()} == {"train": 3000, "dev": 100, "test": 100}


@pytest.fixture(scope="module")
def corpus():
    config = GrammarConfig()
    return config, generate_examples(config)


def _words(text: str, lower: bool) -> list[str]:
    text = text.rstrip(".?")
    return (text.lower() if lower else text).split()


def test_splits_have_the_requested_sizes_and_no_duplicates(corpus):
    config, splits = corpus
    assert [len(splits[s]) for s in ("train", "dev", "test")] == [config.train_size, config.dev_size,
                                                                  config.test_size]
    for examples in splits.values():
        assert len({(ex.ko, ex.en) for ex in examples}) == len(examples)


def test_one_korean_sentence_has_one_english_translation(corpus):
    _, splits = corpus
    translation: dict[str, str] = {}
    for examples in splits.values():
        for ex in examples:
            assert translation.setdefault(ex.ko, ex.en) == ex.en, ex.ko


def test_no_heldout_pair_or_sentence_is_in_train(corpus):
    _, splits = corpus
    train_ko = {ex.ko for ex in splits["train"]}
    train_pairs = {(ex.ko, ex.en) for ex in splits["train"]}
    for split in ("dev", "test"):
        assert not train_pairs & {(ex.ko, ex.en) for ex in splits[split]}
        assert not train_ko & {ex.ko for ex in splits[split]}
    assert not {ex.ko for ex in splits["dev"]} & {ex.ko for ex in splits["test"]}


def test_every_heldout_sentence_has_a_reserved_combination_unseen_in_train(corpus):
    config, splits = corpus
    dev_reserved, test_reserved = reserve_combinations(config.seed, config.heldout_fraction)
    assert dev_reserved and test_reserved and not dev_reserved & test_reserved
    train_combos = set().union(*(combinations(ex) for ex in splits["train"]))
    assert not train_combos & (dev_reserved | test_reserved)
    for split, own, other in (("dev", dev_reserved, test_reserved), ("test", test_reserved, dev_reserved)):
        for ex in splits[split]:
            combos = combinations(ex)
            assert combos & own and not combos & other, (split, ex.ko)
            assert combos - train_combos, (split, ex.ko)


def test_every_word_of_the_heldout_splits_occurs_in_train(corpus):
    _, splits = corpus
    ko_vocab = {w for ex in splits["train"] for w in _words(ex.ko, False)}
    en_vocab = {w for ex in splits["train"] for w in _words(ex.en, True)}
    for split in ("dev", "test"):
        for ex in splits[split]:
            assert set(_words(ex.ko, False)) <= ko_vocab, ex.ko
            assert set(_words(ex.en, True)) <= en_vocab, ex.en


def test_time_words_agree_with_the_tense(corpus):
    _, splits = corpus
    for examples in splits.values():
        for ex in examples:
            if ex.time is not None:
                assert TIME[ex.time].tense == ex.tense, ex.ko


def test_honorific_subjects_always_get_honorific_verbs_and_pronouns_keep_their_register(corpus):
    _, splits = corpus
    for ex in splits["train"][:20000]:
        verb = VERB[ex.verb]
        if ex.subject is None or verb.frame == "copula":
            continue
        person = PERSON[ex.subject]
        form = conjugate(verb.ko, Form(ex.tense, ex.level, ex.negative, ex.question), verb.irregular,
                         person.honorific, verb.honorific_form)
        assert ex.ko[:-1].endswith(form), ex.ko
        if person.register == "plain":
            assert ex.level == "plain", ex.ko
        if person.register == "polite":
            assert ex.level != "plain", ex.ko


def test_sentences_are_punctuated_and_capitalised(corpus):
    _, splits = corpus
    for ex in splits["test"]:
        assert ex.ko[-1] == ex.en[-1] and ex.ko[-1] in ".?"
        assert ex.en[0].isupper()


def test_a_sentence_never_stacks_two_ro_phrases(corpus):
    _, splits = corpus
    for ex in splits["train"][:50000]:
        assert sum(w.endswith("로") for w in ex.ko.split()) <= 1, ex.ko   # not 버스로 학교로 갔어
