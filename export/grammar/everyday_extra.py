"""Everyday constructions of corpus revision 4: what the development set still showed missing after v3.
`EXTRA_CONSTRUCTIONS`, listed in everyday_corpus.REVISIONS as added in revision 4, so that
`EverydayConfig(revision=3)` still draws exactly the revision-3 corpus. Same `Sentence` contract; about 17% of
the everyday draw.

* from and until, -부터/-까지: 저는 아홉 시부터 다섯 시까지 일해요 (I work from nine o'clock to five o'clock),
  9시부터 5시까지 (from 9 o'clock to 5 o'clock), 월요일부터 금요일까지 (from Monday to Friday), 아침부터 비가
  와요 (It has been raining since this morning), 내일부터 운동할 거예요 (I will exercise starting tomorrow);
* because, 때문에: 비 때문에 못 갔어요 (I could not go because of the rain), 바빴기 때문에 못 갔어요 (I could not
  go because I was busy);
* in the middle of, -는 중이다: 지금 케이크를 만드는 중이에요 (I am making a cake now), 집에 가는 중이야 (I am on
  my way home);
* tag questions, -지?/-죠?/-지요?: 이 가방 비싸죠? (This bag is expensive, is it not?), 춥죠? (It is cold, is it
  not?), 피곤하지? (You are tired, are you not?), as the development set writes them;
* becoming, -아/어지다: 날씨가 따뜻해졌어요 (The weather got warm), 추워지고 있어요 (It is getting cold), 식당이
  시끄러워질 거예요 (The restaurant will get noisy), 기분이 좋아졌어요 (I feel better);
* -겠-: 맛있겠다! (That looks delicious!), 피곤하겠어요 (You must be tired), 내일 비가 오겠어요 (It looks like it
  will rain tomorrow), 이제 숙제를 해야겠어요 (I should do homework now), 창문을 열어 주시겠어요? (Could you open
  the window?);
* means and tools, -(으)로: 지하철로 학교에 가요 (I go to school by subway), 버스를 타고 가요 (by bus), 학교에
  걸어서 가요 (I walk to school), 카드로 계산할게요 (I will pay by card), Zoom으로 회의해요 (I have a meeting on
  Zoom; Latin-script names carry their particle as said), 젓가락으로 먹어요 (I eat with chopsticks);
* the plain -다 exclamation: 너무 귀엽다! (So cute!), 그거 진짜 재미있다 (That is really fun), 오늘 너무 덥다! (It is
  so hot today!);
* ordering, N (count) 주세요: 커피 한 잔 주세요 (One cup of coffee, please), 사과 세 개 주세요 (Three apples,
  please), 물 좀 주세요 (Please give me some water), 이거 하나 주세요 (One of these, please).
"""

from __future__ import annotations

import random

from . import english as en
from .everyday import (ACTIONS, ADJECTIVES, I_SUBJECT, LEVELS, PLACES, YOU_SUBJECT, _HOMONYMS,
                       _MOTION, _NO_PROGRESSIVE, _NOUNS_BY_CAT, _ONCE, _STATIVE, Sentence,
                       _adnominal_present, _counter, _determiner, _key, _sentence, _subject, _subject_ko, _vp, predicate,
                       english_number, native_number)
from .hangul import MEANS, OBJECT, SUBJECT, attach
from .korean import Form, a_form, conjugate, copula, past_stem, stem_of


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _me(level: str, rng: random.Random, p: float = 0.4) -> str:
    """저는/나는 or nothing: the speaker as a (dropped) topic."""
    if rng.random() >= p:
        return ""
    return "나는" if level == "plain" else "저는"


def _plain_action(action) -> bool:
    return (action.ko not in _STATIVE and action.ko not in _ONCE and action.ko not in _MOTION
            and action.ko not in _HOMONYMS and "{o}" not in action.en)


# What one starts doing from a day on (a new habit): 내일부터 운동할 거예요 → I will exercise starting tomorrow.
_HABITS = [a for a in ACTIONS if a.ko in ("배우다", "가르치다", "치다", "연습하다", "일하다", "운동하다", "산책하다",
                                          "수영하다", "걷다", "출근하다", "등산하다", "아르바이트하다", "일어나다")
           and _plain_action(a)]
# (not 집에 가다 and the like: 집에 가는 중이야 is "I am on my way home", below)
_PROGRESSIVE_ACTIONS = [a for a in ACTIONS if _plain_action(a) and a.ko not in _NO_PROGRESSIVE
                        and not a.ko.endswith(("에 가다", "에 오다"))]

# --------------------------------------------------------------------------- -부터 ... -까지

_HOURS = list(range(1, 13))
_SINCE = (("아침부터", "since this morning"), ("어제부터", "since yesterday"), ("어젯밤부터", "since last night"),
          ("오후부터", "since this afternoon"), ("지난주부터", "since last week"))
_STARTING = (("내일부터", "starting tomorrow"), ("다음 주부터", "starting next week"), ("다음 달부터", "starting next month"),
             ("월요일부터", "starting Monday"), ("오늘부터", "starting today"), ("내년부터", "starting next year"))
_SPAN_VERBS = (("일하다", "work"), ("공부하다", "study"), ("수업을 듣다", "take classes"), ("운동하다", "exercise"))
_WEEKDAY_PAIRS = ((("월요일", "Monday"), ("금요일", "Friday")), (("월요일", "Monday"), ("토요일", "Saturday")),
                  (("화요일", "Tuesday"), ("목요일", "Thursday")), (("수요일", "Wednesday"), ("금요일", "Friday")))


def from_until(rng: random.Random) -> Sentence | None:
    """-부터 (from, since, starting) and -까지 (to, until)."""
    level = rng.choice(LEVELS)
    kind = rng.choice(("hours", "hours", "days", "since", "starting"))
    if kind in ("hours", "days"):
        verb_ko, verb_en = rng.choice(_SPAN_VERBS)
        irregular = "ㄷ" if verb_ko.endswith("듣다") else None
        if kind == "hours":
            start = rng.choice(_HOURS)
            end = rng.choice([h for h in _HOURS if h != start])
            if rng.random() < 0.3:                  # digits stay digits: 9시부터 5시까지 → from 9 o'clock to 5 o'clock
                span_ko = [f"{start}시부터", f"{end}시까지"]
                span_en = f"from {start} o'clock to {end} o'clock"
            else:
                span_ko = [f"{native_number(start)} 시부터", f"{native_number(end)} 시까지"]
                span_en = f"from {english_number(start)} o'clock to {english_number(end)} o'clock"
            pair = ("span", verb_ko, f"{start}-{end}")
        else:
            (a_ko, a_en), (b_ko, b_en) = rng.choice(_WEEKDAY_PAIRS)
            span_ko, span_en = [a_ko + "부터", b_ko + "까지"], f"from {a_en} to {b_en}"
            pair = ("span", verb_ko, a_ko + b_ko)
        tense = rng.choice(("present", "present", "past", "future"))
        question = rng.random() < 0.2
        subject = _subject(rng, level, question)
        if subject.honorific:
            return None
        pred = conjugate(verb_ko, Form(tense, level, False, question), irregular)
        ko = [_subject_ko(subject, rng), *span_ko, pred]
        if kind == "hours" and tense == "past" and rng.random() < 0.5:
            ko.insert(1, "어제")
            span_en += " yesterday"
        aux, group = en.verb_group(verb_en, tense, False, question, subject.person, subject.plural)
        words = [aux, subject.en, group, span_en] if question else [subject.en, group, span_en]
        return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset({pair}))
    if kind == "since":
        since_ko, since_en = rng.choice(_SINCE)
        what = rng.choice(("rain", "snow", "head", "busy"))
        if what in ("rain", "snow"):
            ko = [since_ko, "비가" if what == "rain" else "눈이", conjugate("오다", Form("present", level))]
            words = ["it has been", "raining" if what == "rain" else "snowing", since_en]
        elif what == "head":
            part_ko, part_en = rng.choice((("머리", "a headache"), ("배", "a stomachache"), ("목", "a sore throat")))
            ko = [since_ko, attach(part_ko, SUBJECT), conjugate("아프다", Form("present", level))]
            words = ["I have had", part_en, since_en]
        else:
            ko = [_me(level, rng), since_ko, rng.choice(("계속 ", "")) + conjugate("바쁘다", Form("present", level))]
            words = ["I have been busy", since_en]
        return Sentence(_sentence(ko, False), en.sentence(words, False), frozenset({("since", what, since_ko)}))
    action = rng.choice(_HABITS)
    start_ko, start_en = rng.choice(_STARTING)
    vko, ven, pairs, _ = _vp(rng, action, place_p=0.2, level=level)
    if action.ko == "일어나다":
        vko, ven = ["일찍"], ["early"]                    # 내일부터 일찍 일어날 거예요: get up early
    intend = rng.random() < 0.3
    if intend:
        pred = conjugate(a_form(stem_of(action.ko), action.irregular) + "야 하다", Form("present", level))
        group = "have to " + action.en
    else:
        pred = conjugate(action.ko, Form("future", level), action.irregular)
        group = "will " + action.en
    ko = [_me(level, rng), start_ko, *vko, pred]
    pairs.add(("starting", start_ko, _key(action)))
    return Sentence(_sentence(ko, False), en.sentence(["I", group, *ven, start_en], False), frozenset(pairs))


# --------------------------------------------------------------------------- 때문에

# (Korean noun, English after "because of", which consequences fit)
_CAUSES = (("비", "the rain", "weather"), ("눈", "the snow", "weather"), ("태풍", "the typhoon", "weather"),
           ("시험", "the exam", "work"), ("일", "work", "work"), ("숙제", "my homework", "work"),
           ("회의", "the meeting", "work"), ("감기", "my cold", "body"), ("교통사고", "the car accident", "weather"),
           ("아이들", "the kids", "work"))
# (Korean predicate words before the conjugated verb, verb, irregular, English by tense, which causes fit)
_EFFECTS = (
    ("못 ", "가다", None, {"past": "I could not go", "present": "I cannot go"}, "weather work body"),
    ("", "늦다", None, {"past": "I was late", "future": "I will be late"}, "weather work"),
    ("집에 ", "있다", None, {"past": "I stayed home", "future": "I will stay home"}, "weather body"),
    ("", "바쁘다", None, {"present": "I am busy", "past": "I was busy"}, "work"),
    ("", "피곤하다", None, {"present": "I am tired", "past": "I was tired"}, "work body"),
    ("잠을 못 ", "자다", None, {"past": "I could not sleep"}, "work body"),
    ("", "걱정되다", None, {"present": "I am worried"}, "work weather"),
    ("약속을 ", "취소하다", None, {"past": "I canceled my plans"}, "weather work body"),
)
# V-기 때문에: (Korean dictionary form, irregular, English clause by tense)
_CLAUSE_REASONS = (("바쁘다", None, {"past": "I was busy", "present": "I am busy"}, "가다 취소하다"),
                   ("피곤하다", None, {"past": "I was tired", "present": "I am tired"}, "가다 있다 취소하다"),
                   ("아프다", None, {"past": "I was sick", "present": "I am sick"}, "가다 있다 취소하다 늦다"),
                   ("시간이 없다", None, {"past": "I did not have time", "present": "I do not have time"}, "가다"),
                   ("늦게 일어나다", None, {"past": "I got up late"}, "늦다"),
                   ("돈이 없다", None, {"past": "I did not have money", "present": "I do not have money"}, "가다"))


def because(rng: random.Random) -> Sentence | None:
    """N 때문에 (because of N) and V-기 때문에 (because ...)."""
    level = rng.choice(LEVELS)
    if rng.random() < 0.6:
        noun_ko, noun_en, fits = rng.choice(_CAUSES)
        effects = [e for e in _EFFECTS if fits in e[4].split()]
        prefix, verb, irregular, english, _ = rng.choice(effects)
        tense = rng.choice(sorted(english))
        pred = prefix + conjugate(verb, Form(tense, level), irregular)
        ko = [_me(level, rng, 0.25), noun_ko + " 때문에", pred]
        return Sentence(_sentence(ko, False), en.sentence([english[tense], "because of", noun_en], False),
                        frozenset({("because", noun_ko, verb)}))
    reason, irregular, reason_en, fits = rng.choice(_CLAUSE_REASONS)
    tense = rng.choice(sorted(reason_en))
    stem = stem_of(reason)
    clause = (past_stem(stem, irregular) if tense == "past" else stem) + "기 때문에"
    effects = [e for e in _EFFECTS if tense in e[3] and e[1] in fits.split()]
    if not effects:
        return None
    prefix, verb, v_irregular, english, _ = rng.choice(effects)
    pred = prefix + conjugate(verb, Form(tense, level), v_irregular)
    ko = [_me(level, rng, 0.25), clause, pred]
    return Sentence(_sentence(ko, False), en.sentence([english[tense], "because", reason_en[tense]], False),
                    frozenset({("because-clause", reason, verb)}))


# --------------------------------------------------------------------------- -는 중이다

_WAY = [p for p in PLACES if p.en == "home" or p.en.startswith("the ")]


def in_the_middle(rng: random.Random) -> Sentence | None:
    """-는 중이다: 지금 밥을 먹는 중이에요 (I am eating a meal now); 집에 가는 중이야 (I am on my way home)."""
    level = rng.choice(LEVELS)
    question = rng.random() < 0.25
    now = rng.random() < 0.5
    if rng.random() < 0.25:
        place = rng.choice(_WAY)
        subject = YOU_SUBJECT if question else I_SUBJECT
        ko = ["지금" if now else "", place.ko + "에", "가는 " + copula("중", "present", level, question=question)]
        be = "are" if question else "am"
        way = f"on {subject.possessive} way {place.destination}"            # on my way home / to the bank
        words = [be, subject.en, way, "now" if now else ""] if question else [subject.en, be, way, "now" if now else ""]
        return Sentence(_sentence(ko, question), en.sentence(words, question),
                        frozenset({("on-the-way", "가다", place.ko)}))
    action = rng.choice(_PROGRESSIVE_ACTIONS)
    subject = _subject(rng, level, question)
    if subject.honorific:
        return None
    vko, ven, pairs, _ = _vp(rng, action, place_p=0.25, level=level)
    pred = _adnominal_present(stem_of(action.ko)) + " " + copula("중", "present", level, question=question)
    ko = [_subject_ko(subject, rng), "지금" if now else "", *vko, pred]
    aux, group = en.verb_group(action.en, "progressive", False, question, subject.person, subject.plural)
    words = [aux, subject.en, group, *ven] if question else [subject.en, group, *ven]
    words.append("now" if now else "")
    pairs.add(("construction-action", "in-the-middle", _key(action)))
    return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset(pairs))


# --------------------------------------------------------------------------- -지/-죠/-지요

_TAG_ENDING = {"plain": "지", "polite": "죠", "formal": "지요"}
_THING_ADJECTIVES = [a for a in ADJECTIVES if a.cats - {"state", "weather", "place", "sky"}]
_WEATHER_ADJECTIVES = [a for a in ADJECTIVES if "weather" in a.cats]
_FEELINGS = [a for a in ADJECTIVES if "state" in a.cats
             and a.ko not in ("괜찮다", "미안하다", "고맙다", "젊다", "늙다", "신나다", "키가 크다", "키가 작다")]
_EXCLAIM_THINGS = [a for a in _THING_ADJECTIVES if not a.cats & {"weather", "room"}
                   and not a.ko.endswith(("붐비다", "늙다", "신나다"))]
# With no noun (이거/그거, or none) one Korean adjective has one English: 재미있다 is "fun", as in the dev set.
_BARE_THINGS = list({a.ko: a for a in _EXCLAIM_THINGS if "state" not in a.cats}.values())


def _adjective_stem(adjective, tense: str) -> str:
    stem = stem_of(adjective.ko)
    return past_stem(stem, adjective.irregular) if tense == "past" else stem


def _thing(rng: random.Random, adjective, level: str):
    """(Korean noun phrase, English noun phrase, plural) for a thing the adjective describes."""
    nouns = [n for c in sorted(adjective.cats) for n in _NOUNS_BY_CAT.get(c, []) if n.kind != "n"]
    if not nouns:
        return None
    noun = rng.choice(nouns)
    det_ko, det_en = _determiner(rng, level, noun)
    return noun, f"{det_ko} {noun.ko}".strip(), f"{det_en} {noun.en}", noun.kind == "p"


def tag_question(rng: random.Random) -> Sentence | None:
    """-지?/-죠?/-지요?: asking for agreement. 이 케이크 맛있죠? → This cake is delicious, is it not?"""
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "present", "past"))
    kind = rng.choice(("thing", "weather", "you"))
    degree_ko, degree_en = rng.choice((("", ""), ("", ""), ("정말", "really"), ("많이", "very"), ("너무", "so")))
    if kind == "thing" and rng.random() < 0.3:          # 맛있죠? → It is delicious, is it not?
        adjective = rng.choice(_BARE_THINGS)
        subject_ko, subject_en, pronoun, person, plural = "", "it", "it", 3, False
        pair = ("tag", adjective.ko, "")
    elif kind == "thing":
        adjective = rng.choice(_THING_ADJECTIVES)
        thing = _thing(rng, adjective, level)
        if thing is None:
            return None
        noun, head_ko, head_en, plural = thing
        subject_ko = attach(head_ko, SUBJECT) if rng.random() < 0.5 else head_ko
        subject_en, pronoun, person = head_en, "they" if plural else "it", 3
        pair = ("tag", adjective.ko, noun.ko + ":" + noun.en)
    elif kind == "weather":
        adjective = rng.choice(_WEATHER_ADJECTIVES)
        weather = rng.random() < 0.5
        subject_ko = "날씨가" if weather else ""
        subject_en, pronoun, person, plural = ("the weather" if weather else "it"), "it", 3, False
        pair = ("tag", adjective.ko, "weather")
    else:
        adjective = rng.choice(_FEELINGS)
        subject_ko, subject_en, pronoun, person, plural = "", "you", "you", 2, False
        pair = ("tag", adjective.ko, "you")
    adjective_en = f"{degree_en} {adjective.en}".strip()
    if kind != "thing" and rng.random() < 0.3:          # 오늘 (많이) 춥죠? → It is (very) cold today, is it not?
        subject_ko = (("오늘 " if tense == "present" else "어제 ") + subject_ko).strip()
        adjective_en += " today" if tense == "present" else " yesterday"
    pred = _adjective_stem(adjective, tense) + _TAG_ENDING[level]
    if degree_ko:
        head, _, last = pred.rpartition(" ")            # 키가 정말 커 ...: the degree goes before the last word
        pred = f"{head} {degree_ko} {last}".strip()
    ko = [subject_ko, pred]
    be = en.be(person, plural, tense)
    text = f"{_capital(subject_en)} {be} {adjective_en}, {be} {pronoun} not?"
    return Sentence(_sentence(ko, True), text, frozenset({pair}))


# --------------------------------------------------------------------------- -아/어지다

_BECOME_PLACES = [p for p in PLACES if p.en.startswith("the ")]
_BETTER = (("기분이", {"past": "I feel better", "future": "You will feel better"}),
           ("몸이", {"past": "I feel better", "future": "You will get better"}),
           ("한국어 실력이", {"past": "My Korean got better", "progressive": "My Korean is getting better"}),
           ("영어 실력이", {"past": "My English got better", "progressive": "My English is getting better"}),
           ("날씨가", {"past": "The weather got better", "future": "The weather will get better"}))


def become(rng: random.Random) -> Sentence | None:
    """-아/어지다: 날씨가 따뜻해졌어요 → The weather got warm; 도서관이 조용해질 거예요 → The library will get quiet."""
    level = rng.choice(LEVELS)
    tense = rng.choice(("past", "past", "future", "progressive"))
    if rng.random() < 0.15:
        subject_ko, english = rng.choice(_BETTER)
        tense = rng.choice(sorted(english))
        much = tense == "past" and rng.random() < 0.4
        ko = [subject_ko, "많이" if much else "", conjugate("좋아지다", Form(tense, level))]
        text = english[tense].replace(" better", " a lot better") if much else english[tense]
        return Sentence(_sentence(ko, False), text + ".", frozenset({("become", "좋다", subject_ko)}))
    if rng.random() < 0.6:
        adjective = rng.choice([a for a in _WEATHER_ADJECTIVES if a.ko not in ("상쾌하다",)])
        weather = rng.random() < 0.6
        subject_ko, subject_en = ("날씨가", "the weather") if weather else ("", "it")
        pair = ("become", adjective.ko, "weather")
        plural = False
    else:
        adjective = rng.choice([a for a in ADJECTIVES if a.ko in ("조용하다", "시끄럽다", "복잡하다", "어둡다")])
        place = rng.choice(_BECOME_PLACES)
        subject_ko, subject_en = attach(place.ko, SUBJECT), place.en
        pair = ("become", adjective.ko, place.ko)
        plural = place.en == "the mountains"
    stem = stem_of(adjective.ko)
    verb = a_form(stem, adjective.irregular) + "지다"
    degree_ko, degree_en = rng.choice((("", ""), ("", ""), ("많이", "a lot"), ("갑자기", "suddenly")))
    if degree_en and tense != "past":
        degree_ko = degree_en = ""
    ko = [subject_ko, degree_ko, conjugate(verb, Form(tense, level))]
    if tense == "past":
        group = "got"
    elif tense == "future":
        group = "will get"
    else:
        group = f"{en.be(3, plural)} getting"
    if degree_en == "suddenly":
        words = [subject_en, "suddenly", group, adjective.en]
    else:
        words = [subject_en, group, adjective.en, degree_en]
    if degree_en == "a lot":
        words = [subject_en, group, "a lot", adjective.comparative]
    return Sentence(_sentence(ko, False), en.sentence(words, False), frozenset({pair}))


# --------------------------------------------------------------------------- -겠-

_GUESS_THINGS = [a for a in _THING_ADJECTIVES if a.cats & {"food", "drink", "dish", "fruit", "bakery", "snack",
                                                            "clothes", "item", "device", "show"}]
_RAIN_TIMES = (("내일", "tomorrow"), ("오늘 밤에", "tonight"), ("오후에", "this afternoon"), ("곧", "soon"), ("", ""))
_REQUEST_ACTIONS = [a for a in ACTIONS if _plain_action(a) and a.objects]


def guess(rng: random.Random) -> Sentence | None:
    """-겠-: looks (맛있겠다!), must be (피곤하겠어요), will probably (비가 오겠어요), should (-아/어야겠다) and
    the polite request -아/어 주시겠어요?"""
    level = rng.choice(LEVELS)
    kind = rng.choice(("looks", "must_be", "rain", "should", "should", "could_you", "could_you"))
    if kind == "looks":
        adjective = rng.choice(_GUESS_THINGS)
        thing = _thing(rng, adjective, level) if rng.random() < 0.6 else None
        if level == "formal":
            return None
        stem = stem_of(adjective.ko) + "겠"
        exclaim = level == "plain"
        pred = stem + ("다" if exclaim else "어요")
        if thing is None:
            ko, subject_en, plural, pair = [pred], "that", False, ("looks", adjective.ko, "")
        else:
            noun, head_ko, head_en, plural = thing
            ko, subject_en, pair = [head_ko, pred], head_en, ("looks", adjective.ko, noun.ko + ":" + noun.en)
        text = f"{_capital(subject_en)} {'look' if plural else 'looks'} {adjective.en}" + ("!" if exclaim else ".")
        return Sentence(" ".join(w for w in ko if w) + ("!" if exclaim else "."), text, frozenset({pair}))
    if kind == "must_be":
        adjective = rng.choice(_FEELINGS)
        stem = stem_of(adjective.ko) + "겠"
        pred = {"plain": stem + "다", "polite": stem + "어요", "formal": stem + "습니다"}[level]
        degree_ko, degree_en = rng.choice((("", ""), ("", ""), ("많이", "very"), ("정말", "really")))
        ko = [degree_ko, pred] if " " not in pred else [pred]
        words = ["you must be", degree_en if " " not in pred else "", adjective.en]
        return Sentence(_sentence(ko, False), en.sentence(words, False), frozenset({("must-be", adjective.ko, "")}))
    if kind == "rain":
        what = rng.choice(("rain", "snow"))
        time_ko, time_en = rng.choice(_RAIN_TIMES)
        stem = "오겠"
        pred = {"plain": stem + "다", "polite": stem + "어요", "formal": stem + "습니다"}[level]
        ko = [time_ko, "비가" if what == "rain" else "눈이", pred]
        words = ["it looks like it will", what, time_en]
        return Sentence(_sentence(ko, False), en.sentence(words, False), frozenset({("will-guess", what, time_ko)}))
    action = rng.choice(_REQUEST_ACTIONS)
    vko, ven, pairs, _ = _vp(rng, action, place_p=0.15, level=level)
    stem = stem_of(action.ko)
    if kind == "should":
        head = a_form(stem, action.irregular) + "야겠"
        pred = {"plain": head + ("다" if rng.random() < 0.5 else "어"), "polite": head + "어요",
                "formal": head + "습니다"}[level]
        now = rng.random() < 0.3
        ko = [_me(level, rng, 0.2), "이제" if now else "", *vko, pred]
        pairs.add(("construction-action", "should", _key(action)))
        return Sentence(_sentence(ko, False), en.sentence(["I should", action.en, *ven, "now" if now else ""], False),
                        frozenset(pairs))
    pred = a_form(stem, action.irregular) + " 주시겠어요"
    ko = [*vko, pred]
    pairs.add(("construction-action", "could-you", _key(action)))
    return Sentence(_sentence(ko, True), en.sentence(["could you", action.en, *ven], True), frozenset(pairs))


# --------------------------------------------------------------------------- -(으)로: means and tools

_TRANSPORT = (("버스", "by bus"), ("지하철", "by subway"), ("택시", "by taxi"), ("기차", "by train"),
              ("자전거", "by bike"), ("차", "by car"), ("비행기", "by plane"))
_TRANSPORT_PLACES = [p for p in PLACES if p.en == "home" or p.en.startswith("the ") or p.en in ("school", "work")]
# (means Korean, means English, verb Korean, irregular, verb English, object Korean (with particle) or "")
_TOOLS = (
    ("카드", "by card", "계산하다", None, "pay", ""), ("현금", "in cash", "계산하다", None, "pay", ""),
    ("카드", "by card", "내다", None, "pay", ""),
    ("Zoom으로", "on Zoom", "회의하다", None, "have a meeting", ""),
    ("Teams로", "on Teams", "회의하다", None, "have a meeting", ""),
    ("Skype로", "on Skype", "통화하다", None, "talk", ""),
    ("전화", "on the phone", "이야기하다", None, "talk", ""),
    ("Netflix로", "on Netflix", "보다", None, "watch a movie", "영화를"),
    ("YouTube로", "on YouTube", "보다", None, "watch videos", "영상을"),
    ("이메일", "by email", "보내다", None, "send the file", "파일을"),
    ("카톡", "on KakaoTalk", "연락하다", None, "contact my friends", "친구들한테"),
    ("젓가락", "with chopsticks", "먹다", None, "eat", ""), ("숟가락", "with a spoon", "먹다", None, "eat", ""),
    ("포크", "with a fork", "먹다", None, "eat", ""), ("손", "with my hands", "먹다", None, "eat", ""),
    ("연필", "with a pencil", "쓰다", None, "write", ""), ("펜", "with a pen", "쓰다", None, "write", ""),
    ("한국어", "in Korean", "말하다", None, "speak", ""), ("영어", "in English", "말하다", None, "speak", ""),
)


def _means(word: str) -> str:
    """word + (으)로; Latin-script names carry their particle already (Zoom으로, Netflix로: as they are said)."""
    return word if word[0].isascii() else attach(word, MEANS)


def means(rng: random.Random) -> Sentence | None:
    """-(으)로: 지하철로 학교에 가요 (I go to school by subway), 카드로 계산할게요 (I will pay by card)."""
    level = rng.choice(LEVELS)
    question = rng.random() < 0.15
    if rng.random() < 0.4:
        means_ko, means_en = rng.choice(_TRANSPORT)
        place = rng.choice(_TRANSPORT_PLACES)
        tense = rng.choice(("present", "past", "future"))
        subject = _subject(rng, level, question)
        if subject.honorific:
            return None
        verb = "가다" if place.en != "home" or rng.random() < 0.5 else "오다"
        verb_en = "go" if verb == "가다" else "come"
        how = rng.random()
        if how < 0.15:                                   # 학교에 걸어서 가요 → I walk to school
            means_ko, means_en, verb_en = "", "", "walk"
            how_ko = "걸어서"
        elif how < 0.4 and means_ko != "비행기":          # 버스를 타고 가요 → I go by bus
            how_ko = attach(means_ko, OBJECT) + " 타고"
        else:
            how_ko = attach(means_ko, MEANS)
        parts = [how_ko, place.ko + "에"] if rng.random() < 0.5 else [place.ko + "에", how_ko]
        ko = [_subject_ko(subject, rng), *parts, conjugate(verb, Form(tense, level, False, question))]
        aux, group = en.verb_group(verb_en, tense, False, question, subject.person, subject.plural)
        tail = [place.destination, means_en]
        words = [aux, subject.en, group, *tail] if question else [subject.en, group, *tail]
        return Sentence(_sentence(ko, question), en.sentence(words, question),
                        frozenset({("means", means_ko or "걸어서", place.ko)}))
    means_ko, means_en, verb, irregular, verb_en, obj_ko = rng.choice(_TOOLS)
    kind = rng.choice(("present", "past", "future", "promise"))
    if kind == "promise":
        pred = predicate(verb, "promise", level, irregular=irregular)
        group, aux, subject = f"will {verb_en}", None, I_SUBJECT
        question = False
    else:
        subject = _subject(rng, level, question)
        if subject.honorific:
            return None
        pred = conjugate(verb, Form(kind, level, False, question), irregular)
        aux, group = en.verb_group(verb_en, kind, False, question, subject.person, subject.plural)
    if ("my " in verb_en or "my " in means_en) and (question or subject.person != 1 or subject.plural):
        return None                                      # with my hands: the speaker's own
    ko = [_subject_ko(subject, rng) if subject is not I_SUBJECT else _me(level, rng, 0.2),
          _means(means_ko), obj_ko, pred]
    words = [aux, subject.en, group, means_en] if question else [subject.en, group, means_en]
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("means", means_ko, verb + ":" + verb_en)}))


# --------------------------------------------------------------------------- the plain -다 exclamation

_EXCLAIM_FEELINGS = [a for a in _FEELINGS if a.ko not in ("붐비다",)]


def exclaim(rng: random.Random) -> Sentence | None:
    """The plain -다 form as an exclamation: 너무 귀엽다! (So cute!), 그거 진짜 재미있다 (That is really fun)."""
    tense = rng.choice(("present", "present", "present", "past"))
    degree_ko, degree_en = rng.choice((("너무", "so"), ("진짜", "really"), ("정말", "really"), ("", "")))
    mark = "!" if rng.random() < 0.5 else "."
    kind = rng.choice(("that", "that", "thing", "weather", "you"))
    tail = ""
    if kind == "you":
        adjective = rng.choice(_FEELINGS)
        subject_ko, subject_en = rng.choice((("너", "you"), ("너", "you"), ("나", "I")))
        be = en.be(2 if subject_en == "you" else 1, False, tense)
        pair = ("exclaim", adjective.ko, subject_en)
    elif kind == "weather":
        adjective = rng.choice(_WEATHER_ADJECTIVES)
        subject_ko, subject_en = rng.choice((("날씨", "the weather"), ("", "it"), ("오늘", "it")))
        if subject_ko == "오늘":
            if tense != "present":
                return None
            tail = "today"
        be = en.be(3, False, tense)
        pair = ("exclaim", adjective.ko, "weather")
    else:
        adjective = rng.choice(_BARE_THINGS if kind == "that" else _EXCLAIM_THINGS)
        plural = False
        if kind == "that":
            subject_ko, subject_en = rng.choice((("이거", "this"), ("그거", "that"), ("저거", "that"), ("", "that")))
        else:
            thing = _thing(rng, adjective, "plain")
            if thing is None:
                return None
            _, subject_ko, subject_en, plural = thing
        be = en.be(3, plural, tense)
        pair = ("exclaim", adjective.ko, subject_ko)
    pred = _adjective_stem(adjective, tense) + "다"
    if degree_ko:
        head, _, last = pred.rpartition(" ")            # 키가 너무 크다: the degree goes before the last word
        pred = f"{head} {degree_ko} {last}".strip()
    ko = " ".join(w for w in (subject_ko, pred) if w) + mark
    adjective_en = f"{degree_en} {adjective.en}".strip()
    if kind == "that" and not subject_ko and degree_en == "so" and mark == "!" and tense == "present":
        text = f"So {adjective.en}!"                     # 너무 귀엽다! → So cute!
    else:
        text = _capital(" ".join(w for w in (subject_en, be, adjective_en, tail) if w)) + mark
    return Sentence(ko, text, frozenset({pair}))


# --------------------------------------------------------------------------- ordering: N (count) 주세요

_ORDER_NOUNS = sorted({n for c in ("food", "drink", "fruit", "bakery", "snack") for n in _NOUNS_BY_CAT.get(c, [])
                       if n.kind != "n" and " 한 " not in f" {n.ko} "}, key=lambda n: (n.ko, n.en))
_GIVE = {"plain": "줘", "polite": "주세요", "formal": "주십시오"}


def order(rng: random.Random) -> Sentence | None:
    """커피 한 잔 주세요 → One cup of coffee, please; 사과 세 개 주세요 → Three apples, please;
    물 좀 주세요 → Please give me some water."""
    level = rng.choice(LEVELS)
    if rng.random() < 0.1:                               # 이거 하나 주세요 → One of these, please.
        n = rng.choice((1, 1, 2, 3))
        ko = ["이거", "하나" if n == 1 else f"{native_number(n)} 개", _GIVE[level]]
        return Sentence(_sentence(ko, False), f"{_capital(english_number(n))} of these, please.",
                        frozenset({("order", "이거", str(n))}))
    noun = rng.choice(_ORDER_NOUNS)
    counter = _counter(noun)
    if counter is not None and rng.random() < 0.7:
        counter_ko, unit = counter
        n = rng.choice((1, 1, 2, 2, 3, 4, 5))
        number_en = english_number(n)
        if unit:
            phrase = f"{number_en} {unit if n == 1 else en.plural(unit)} of {noun.en}"
        elif noun.kind == "c":
            phrase = f"{number_en} {noun.en if n == 1 else en.plural_phrase(noun.en)}"
        else:
            return None
        ko = [noun.ko, f"{native_number(n)} {counter_ko}", _GIVE[level]]
        return Sentence(_sentence(ko, False), f"{_capital(phrase)}, please.",
                        frozenset({("order", noun.ko + ":" + noun.en, str(n))}))
    if noun.kind == "c":
        return None
    ko = [noun.ko, "좀", _GIVE[level]]
    if level == "plain":
        text = f"Give me some {noun.en}, please."
    else:
        text = f"Please give me some {noun.en}."
    return Sentence(_sentence(ko, False), text, frozenset({("order", noun.ko + ":" + noun.en, "some")}))


EXTRA_CONSTRUCTIONS = {
    "from_until": (from_until, 2), "because": (because, 2), "in_the_middle": (in_the_middle, 1),
    "tag_question": (tag_question, 1), "become": (become, 1), "guess": (guess, 2), "means": (means, 2),
    "exclaim": (exclaim, 1), "order": (order, 2),
}
