"""The second grammar: everyday constructions over the everyday word lists (issue 13), and the helpers that the
later constructions (everyday_more.py, everyday_extra.py, everyday_rev5.py) build on. The corpus is drawn by
everyday_corpus.py, which holds which constructions each corpus revision draws:

    from export.grammar.everyday_corpus import EverydayConfig, generate_everyday
    pairs = generate_everyday(EverydayConfig(seed=13, train_size=150_000))   # {"train": [...], "dev": ..., "test": ...}

Each construction is one small function that makes its choices with a seeded `random.Random` and
returns a `Sentence`: the Korean, the English, and the pairings it contains (the unit of the
held-out split, as in the first grammar). The constructions:

* statements over the new actions in four tenses and three speech levels, with the three
  negations: 안 (short), -지 않다 (long), 못 (could not / cannot);
* modals: -고 싶다 (want to), -(으)ㄹ 수 있다/없다 (can, cannot), -아/어야 하다/되다 (have to),
  -(으)려고 하다 (be going to), -(으)ㄹ게요 (I will);
* requests and suggestions: -아/어 주세요 (please), -(으)면 안 되다 (must not), -아/어도 되다
  (can I), -(으)ㅂ시다 / -자 (let's), -(으)ㄹ까요 (shall we / shall I);
* wh-questions: 뭐, 어디에서, 언제, 왜, 누구, 몇;
* adjectives with determiners and degree adverbs, comparison with 보다, how people feel,
  weather (비가 오다, 눈이 오다, 날씨가 춥다);
* connective clauses: -고, -아/어서, -(으)니까, -지만, -(으)면, -(으)ㄹ 때;
* existence, possession and kinship (냉장고에 우유가 있어요, 형이 두 명 있어요);
* copy cases: Korean names romanized (김민준 → Kim Minjun), cities romanized, Arabic numbers,
  prices, times and decimals copied, Latin-script words and codes copied verbatim.

The English follows the hand-written evaluation set's conventions: no contractions, digits stay
digits, number words stay words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import english as en
from .everyday_lexicon import ACTIONS, ADJECTIVES, CITIES, NOUNS, PLACES, Action, Adjective, Noun, Place
from .hangul import MEANS, OBJECT, SUBJECT, TOPIC, WITH, attach
from .hangul import add_final
from .korean import Form, a_form, conjugate, copula, eu, honorific, past_stem, stem_of
from .lexicon import NUMBERS_KO, PEOPLE, TIMES, Person, Time
from service.text.names import GIVEN_SYLLABLES
from service.text.romanize import SURNAMES, romanize_name, romanize_place

LEVELS = ("plain", "polite", "formal")
I_SUBJECT = Person("drop_i", "", "I", person=1, possessive="my", kind="pronoun")
YOU_SUBJECT = Person("drop_you", "", "you", person=2, possessive="your", kind="pronoun")
_PRONOUN = {"my": "I", "your": "you", "our": "we", "his": "he", "her": "she", "their": "they"}


@dataclass(frozen=True)
class Sentence:
    ko: str
    en: str
    pairs: frozenset[tuple[str, str, str]]     # (kind, a, b): the unit of the held-out split


# --------------------------------------------------------------------------- choices


def _subjects(level: str, question: bool) -> list[Person]:
    """Subjects that fit the speech level: 나/너/우리 in 반말, 저/저희 in the polite levels; no
    honorific subjects (their -(으)시- forms of the new constructions are left to the first grammar)."""
    return [p for p in PEOPLE if not p.honorific and "baby" not in p.tags
            and (p.register is None or (p.register == "plain") == (level == "plain"))
            and not (question and p.person == 1)]


def _subject(rng: random.Random, level: str, question: bool, drop: float = 0.35) -> Person:
    if rng.random() < drop:
        return YOU_SUBJECT if question else I_SUBJECT
    return rng.choice(_subjects(level, question))


_ELDERS = [p for p in PEOPLE if p.honorific]
_COMPANIONS = [p for p in PEOPLE if p.kind in ("name", "kin") and not p.plural and "baby" not in p.tags]


def _subject_ko(person: Person, rng: random.Random) -> str:
    if not person.ko:
        return ""
    if person.honorific and rng.random() < 0.5:
        return person.ko + rng.choice(("께서", "께서는"))      # the honorific subject particle
    return attach(person.ko, TOPIC if rng.random() < 0.6 else SUBJECT)


def _first_singular(person: Person) -> bool:
    return person.person == 1 and not person.plural


def _sentence(parts: list[str], question: bool) -> str:
    return " ".join(p for p in parts if p) + ("?" if question else ".")


_TIMES = {tense: [t for t in TIMES if t.tense == tense] for tense in ("past", "present", "future", "progressive")}
_DAY_TIMES = {tense: [t for t in times if t.span == "day"] for tense, times in _TIMES.items()}
# More time words of the everyday grammar: (Korean, English, tense); topic-marked forms (어제는) too.
_MORE_TIMES = [Time(f"x{i}", ko, eng, tense) for i, (ko, eng, tense) in enumerate((
    ("요즘", "these days", "present"), ("아침에", "in the morning", "present"), ("저녁에", "in the evening", "present"),
    ("주말에", "on weekends", "present"), ("오후에", "in the afternoon", "present"), ("밤에", "at night", "present"),
    ("평일에", "on weekdays", "present"), ("올해", "this year", "future"), ("오늘 오후에", "this afternoon", "future"),
    ("이따가", "later", "future"), ("오늘 저녁에", "this evening", "future"), ("어제 저녁에", "yesterday evening", "past"),
    ("오늘 점심에", "at lunch today", "past"), ("아까", "a little while ago", "past"), ("방금", "just now", "past"),
    ("어제는", "yesterday", "past"), ("내일은", "tomorrow", "future"), ("주말에는", "on weekends", "present"),
    ("월요일에", "on Monday", "future"), ("금요일에", "on Friday", "future"), ("토요일에", "on Saturday", "past"),
    ("일요일에", "on Sunday", "past"), ("작년 여름에", "last summer", "past"), ("다음 달에", "next month", "future"),
))]
for _t in _MORE_TIMES:
    _TIMES[_t.tense].append(_t)

_NOUNS_BY_CAT: dict[str, list[Noun]] = {}
for _n in NOUNS:
    for _c in _n.cats:
        _NOUNS_BY_CAT.setdefault(_c, []).append(_n)
# People as objects (meet, help, wait for): names and roles, English as it is ("Minsu", "the doctor"); no
# "my ..." (whose?) and no elders (돕다/만나다 would need 도와드리다/뵙다).
_NOUNS_BY_CAT["person"] = _NOUNS_BY_CAT.get("person", []) + [
    Noun(p.ko, p.en, "n", frozenset({"person"})) for p in PEOPLE
    if p.kind in ("name", "role") and not p.honorific and not p.plural]
_PLACES_BY_CAT: dict[str, list[Place]] = {}
for _p in PLACES:
    for _c in _p.cats:
        _PLACES_BY_CAT.setdefault(_c, []).append(_p)

_DEFINITE_OBJECT = {"청소하다", "닫다", "열다", "켜다", "끄다", "고치다", "정리하다", "끝내다", "복사하다", "기다리다",
                    "취소하다", "확인하다", "반납하다", "닦다", "옮기다", "데우다", "주차하다", "비우다", "지키다",
                    "내다", "올려다보다", "바라보다"}
_GENERIC_OBJECT = {"좋아하다", "싫어하다", "팔다", "배우다", "가르치다", "공부하다", "연습하다", "외우다"}
_TRANSITIVE = [a for a in ACTIONS if a.objects]
_STATIVE = {"좋아하다", "싫어하다"}
_NAMES = [p for p in PEOPLE if p.kind == "name"]
_ONCE = {"잃어버리다", "잊어버리다"}          # what happens by accident: past statements only, never wanted or asked for
_HOMONYMS = {a.ko for a in ACTIONS if sum(b.ko == a.ko for b in ACTIONS) > 1}   # 쓰다 write / spend


def _objects(action: Action) -> list[Noun]:
    seen, out = set(), []
    for cat in sorted(action.objects):
        for noun in _NOUNS_BY_CAT.get(cat, []):
            if noun.ko not in seen:
                seen.add(noun.ko)
                out.append(noun)
    return out


_OBJECTS = {a: _objects(a) for a in _TRANSITIVE}
_PLACES_OF = {a: [p for c in sorted(a.places) for p in _PLACES_BY_CAT.get(c, [])] for a in ACTIONS}


def object_en(action: Action, noun: Noun, form: str | None = None) -> str:
    """English object: a bag / the window / apples / the piano."""
    form = form or ("the" if action.ko in _DEFINITE_OBJECT else "gen" if action.ko in _GENERIC_OBJECT else "a")
    if noun.kind == "n":
        return noun.en
    if form == "the":
        return f"the {noun.en}"
    if form == "gen":
        return noun.plural()
    return noun.bare()


def _key(action: Action) -> str:
    return f"{action.ko}:{action.en}"


def _vp(rng: random.Random, action: Action, place_p: float = 0.35, level: str = "formal"):
    """An action with an object (if it takes one) and maybe a place: Korean words, English words
    after the verb, and the pairings. In 반말 and 해요체 the object's 을/를 is sometimes dropped, as in
    speech (밥 먹었어?)."""
    ko, en_tail, pairs = [], [], set()
    noun = None
    place = None
    if _PLACES_OF[action] and rng.random() < place_p:
        place = rng.choice(_PLACES_OF[action])
        ko.append(place.ko + "에서")
        pairs.add(("action-place", _key(action), place.ko))
    if action in _OBJECTS:
        noun = rng.choice(_OBJECTS[action])
        ko.append(noun.ko if level != "formal" and rng.random() < 0.2 else attach(noun.ko, OBJECT))
        en_tail.append(object_en(action, noun))
        pairs.add(("action-object", _key(action), noun.ko + ":" + noun.en))
    if place is not None:
        en_tail.append(place.location)
    return ko, en_tail, pairs, noun


def _neg_predicate(action: Action, tense: str, level: str, kind: str, question: bool = False) -> str:
    """The verb at the end of a clause: plain, 안 (short), -지 않다 (long) or 못 (inability)."""
    form = Form(tense, level, False, question)
    if kind == "none":
        return conjugate(action.ko, form, action.irregular)
    if kind == "long":
        return conjugate(action.ko, Form(tense, level, True, question), action.irregular)
    stem = stem_of(action.ko)
    # 늦잠을 자다, 장을 보다: 안/못 go before the verb (늦잠을 안 잤어요); V-아 보다/주다 take them whole
    # (안 입어 봤어요).
    head, _, last = action.ko.rpartition(" ")
    if head and not (last in ("보다", "주다") and not head.endswith(("을", "를"))):
        if kind in ("short", "mot"):
            word = "안" if kind == "short" else "못"
            return f"{head} {word} " + conjugate(last, form, action.irregular)
    if kind == "short":
        if action.ha_noun:
            return f"{action.ha_noun} 안 " + conjugate("하다", form)
        return "안 " + conjugate(action.ko, form, action.irregular)
    if kind == "mot":
        if action.ha_noun:
            return f"{stem}지 " + conjugate("못하다", form)
        return "못 " + conjugate(action.ko, form, action.irregular)
    raise ValueError(f"unknown negation {kind!r}")


def predicate(dictionary_form: str, construction: str, level: str, tense: str = "present",
              irregular: str | None = None, question: bool = False, negative: bool = False) -> str:
    """The Korean predicate of a modal, request or suggestion construction:

        want      먹고 싶어요        can      먹을 수 있어요      cannot   먹을 수 없어요
        must      먹어야 해요        must_doe 먹어야 돼요         intend   먹으려고 해요
        promise   먹을게요 / 먹을게 / 먹겠습니다                  please   먹어 주세요 / 줘 / 주십시오
        must_not  먹으면 안 돼요     can_i    먹어도 돼요?        may_i    먹어도 될까요?
        lets      먹자 / 먹읍시다    shall    먹을까요? / 먹을까?
        imperative 읽으세요 / 읽어 / 읽으십시오 (먹다 → 드세요)   dont  먹지 마세요 / 마 / 마십시오
    """
    stem = stem_of(dictionary_form)
    form = Form(tense, level, negative, question)
    if construction == "want":
        return f"{stem}고 " + conjugate("싶다", form)
    if construction in ("can", "cannot"):
        return eu(stem, "ㄹ 수 ", irregular) + conjugate("있다" if construction == "can" else "없다", form)
    if construction in ("must", "must_doe"):
        return a_form(stem, irregular) + "야 " + conjugate("하다" if construction == "must" else "되다", form)
    if construction == "intend":
        return eu(stem, "려고 ", irregular) + conjugate("하다", form)
    if construction == "promise":
        return {"plain": eu(stem, "ㄹ게", irregular), "polite": eu(stem, "ㄹ게요", irregular),
                "formal": stem + "겠습니다"}[level]
    if construction == "please":
        return a_form(stem, irregular) + {"plain": " 줘", "polite": " 주세요", "formal": " 주십시오"}[level]
    if construction == "imperative":
        lexical = _LEXICAL_HONORIFIC.get(dictionary_form)
        if level == "plain":
            return a_form(stem, irregular)
        polite = stem_of(lexical) if lexical else honorific(stem, irregular)       # 가시, 읽으시, 드시
        return polite[:-1] + "세요" if level == "polite" else add_final(polite, "ㅂ") + "시오"
    if construction == "dont":
        return stem + {"plain": "지 마", "polite": "지 마세요", "formal": "지 마십시오"}[level]
    if construction == "must_not":
        return eu(stem, "면 ", irregular) + "안 " + conjugate("되다", Form("present", level))
    if construction == "can_i":
        return a_form(stem, irregular) + "도 " + conjugate("되다", Form("present", level, False, True))
    if construction == "may_i":
        return a_form(stem, irregular) + "도 될까요"
    if construction == "lets":
        if level == "polite":
            raise ValueError("the polite let's (-아/어요) reads as a statement; use plain -자 or formal -(으)ㅂ시다")
        return stem + "자" if level == "plain" else eu(stem, "ㅂ시다", irregular)
    if construction == "shall":
        if level == "formal":
            raise ValueError("shall-we has no formal form here (-(으)ㄹ까요 is polite)")
        return eu(stem, "ㄹ까요" if level == "polite" else "ㄹ까", irregular)
    raise ValueError(f"unknown construction {construction!r}")


# --------------------------------------------------------------------------- constructions


# Verbs whose -(으)시- form is another word: 드세요, not 먹으세요.
_LEXICAL_HONORIFIC = {"먹다": "드시다", "마시다": "드시다", "자다": "주무시다"}
_FREQUENCY = (("자주", "often"), ("가끔", "sometimes"), ("항상", "always"), ("보통", "usually"), ("늘", "always"),
              ("종종", "often"), ("때때로", "sometimes"))
_MANNER = (("빨리", "quickly"), ("천천히", "slowly"), ("다시", "again"), ("혼자", "alone"), ("먼저", "first"),
           ("늦게", "late"), ("일찍", "early"), ("조용히", "quietly"), ("조심히", "carefully"), ("바로", "right away"),
           ("즐겁게", "happily"), ("한 번 더", "one more time"))
_INTRANSITIVE_DEGREE = (("잘", "well"), ("많이", "a lot"), ("조금", "a little"), ("오래", "for a long time"))
_NO_PROGRESSIVE = {"집에 있다", "잠이 들다", "잠에서 깨다", "도착하다", "출발하다", "감기에 걸리다", "길을 잃다",
                   "졸업하다", "결혼하다", "시험을 잘 보다"}
_NOT_HABITUAL = {"도착하다", "출발하다", "이사하다", "바꾸다", "벗다", "잃어버리다", "고치다", "끝내다", "시험을 잘 보다"}
_EFFORT = {"공부하다", "연습하다", "배우다", "일하다", "운동하다", "준비하다"}
_MOTION = {"가다", "오다"}


def _adverb(rng: random.Random, action: Action, tense: str, subject: Person, negation: str, question: bool):
    """(Korean before the object, Korean before the verb, English after the subject, English at the end)."""
    if negation != "none" or rng.random() > 0.3:
        return "", "", "", ""
    if tense == "present":
        ko, eng = rng.choice(_FREQUENCY)
        return ko, "", eng, ""
    if question:
        return "", "", "", ""
    if tense == "past" and rng.random() < 0.2:
        return rng.choice((("벌써", "", "already", ""), ("드디어", "", "finally", "")))
    if not action.objects and " " not in action.ko and rng.random() < 0.3:     # not 잘 감기에 걸렸어요
        ko, eng = rng.choice(_INTRANSITIVE_DEGREE)
        return "", ko, "", eng
    if tense == "future" and rng.random() < 0.2:
        return "", "곧", "", "soon"
    if tense == "future" and rng.random() < 0.15:
        return "아마", "", "probably", ""                 # 아마 ... 거예요: will probably
    if subject.plural and rng.random() < 0.3:
        return "같이", "", "", "together"
    if action.ko in _EFFORT and rng.random() < 0.5:
        return "", "열심히", "", "hard"
    ko, eng = rng.choice(_MANNER)
    return "", ko, "", eng


def statement(rng: random.Random) -> Sentence | None:
    """S (time) (place) (O) V in a tense, a level and maybe a negation, with an adverb now and then:
    저는 어제 시장에서 사과를 안 샀어요; 민수는 자주 도서관에서 책을 읽어요; 우리는 공원에 갔어요."""
    action = rng.choice(ACTIONS)
    stative = action.ko in _STATIVE
    tense = "present" if stative else rng.choice(("past", "past", "present", "future", "progressive"))
    if (action.ko in _ONCE and tense != "past") or (action.ko in _NOT_HABITUAL and tense == "present") or (
            action.ko in _NO_PROGRESSIVE and tense == "progressive"):
        return None
    level = rng.choice(LEVELS)
    question = rng.random() < 0.25
    negation = "none" if question or rng.random() < 0.55 else rng.choice(("short", "long", "mot"))
    if tense == "progressive" and negation != "none":
        return None
    subject = _subject(rng, level, question)
    if rng.random() < 0.15 and negation in ("none", "long") and not (question and level == "plain"):
        subject = rng.choice(_ELDERS)                  # 할머니께서 신문을 읽으세요: -(으)시- on the verb
    if action.ko in _MOTION:
        place = rng.choice(PLACES)
        vko, ven = [place.ko + "에"], [place.destination]
        pairs = {("action-place", _key(action), place.ko)}
        noun = None
    else:
        vko, ven, pairs, noun = _vp(rng, action, place_p=0.35 if action.objects else 0.7, level=level)
    if noun is not None and noun.kind == "c" and tense == "present" and action.ko not in _GENERIC_OBJECT:
        return None                                  # "I eat an apple every day": generic, not one apple
    before_object, before_verb, after_subject, at_end = _adverb(rng, action, tense, subject, negation, question)
    companion_ko = companion_en = ""
    if not at_end and not stative and rng.random() < 0.15:
        companion = rng.choice([p for p in _COMPANIONS if not p.mine or _first_singular(subject)])
        if companion.referent != subject.referent:
            companion_ko = rng.choice((attach(companion.ko, WITH), companion.ko + "하고",
                                       attach(companion.ko, ("이랑", "랑")))) + " 같이"
            companion_en = f"with {companion.en}"
    if stative and negation == "none" and rng.random() < 0.25:
        before_verb, at_end = "제일", "the most"             # 과학을 제일 좋아해요: I like science the most
    if stative:
        before_object = after_subject = ""
    time = None
    if tense in ("past", "future") and rng.random() < 0.6:
        time = rng.choice(_TIMES[tense])
    elif tense == "present" and not stative and not after_subject:
        time = rng.choice(_TIMES["present"])
    elif tense == "progressive" and rng.random() < 0.4:
        time = _TIMES["progressive"][0]
    if subject.honorific:
        verb = conjugate(action.ko, Form(tense, level, negation == "long", question), action.irregular, True,
                         _LEXICAL_HONORIFIC.get(action.ko))
    else:
        verb = _neg_predicate(action, tense, level, negation, question)
    ko = [_subject_ko(subject, rng), time.ko if time else "", companion_ko, before_object, *vko, before_verb, verb]
    if negation == "mot":
        modal = {"past": "could not", "present": "cannot", "future": "will not be able to"}[tense]
        words = [subject.en, modal, action.en, *ven]
    else:
        aux, group = en.verb_group(action.en, tense, negation != "none", question, subject.person, subject.plural)
        if after_subject and not question and tense != "present":
            head, _, rest = group.partition(" ")    # will/am stays first: "I already ate", "will soon"
            group = f"{after_subject} {group}" if tense == "past" else f"{head} {after_subject} {rest}"
        elif after_subject:
            group = f"{after_subject} {group}"
        words = [aux, subject.en, group, *ven] if question else [subject.en, group, *ven]
    words += [at_end, companion_en, time.en if time else ""]
    pairs.add(("construction-action", f"{tense}:{negation}", _key(action)))
    return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset(pairs))


_MODALS = ("want", "can", "cannot", "must", "intend", "promise")


def modal(rng: random.Random) -> Sentence | None:
    """want to / can / cannot / have to / be going to / I will: 저는 영화를 보고 싶어요."""
    action = rng.choice(ACTIONS)
    if action.ko in _STATIVE or action.ko in _ONCE or action.ko in ("가다", "오다"):
        return None
    kind = rng.choice(_MODALS)
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "past")) if kind in ("want", "can", "cannot", "must", "intend") else "future"
    if kind == "must" and rng.random() < 0.2:
        tense = "future"
    question = kind in ("want", "can", "must") and rng.random() < 0.3
    if kind in ("want", "promise", "intend"):           # 3rd-person desire is -고 싶어하다: left out
        subject = YOU_SUBJECT if question else (I_SUBJECT if rng.random() < 0.5 else rng.choice(
            [p for p in _subjects(level, False) if _first_singular(p)]))
    else:
        subject = _subject(rng, level, question)
    vko, ven, pairs, _ = _vp(rng, action, level=level)
    irr = action.irregular
    if kind == "want":
        negative = not question and rng.random() < 0.2
        pred = predicate(action.ko, "want", level, tense, irr, question, negative)
        if question and tense == "present" and level != "formal" and rng.random() < 0.4:
            pred = eu(stem_of(action.ko), "ㄹ래" if level == "plain" else "ㄹ래요", irr)   # 먹을래? Do you want to eat?
        aux, group = en.verb_group(f"want to {action.en}", tense, negative, question, subject.person, subject.plural)
    elif kind in ("can", "cannot"):
        pred = predicate(action.ko, kind, level, tense, irr, question)
        if question:
            aux, group = ("can" if tense == "present" else "could"), action.en
            if kind == "cannot":
                return None
        else:
            aux = None
            group = {("can", "present"): "can", ("can", "past"): "could", ("cannot", "present"): "cannot",
                     ("cannot", "past"): "could not"}[kind, tense] + " " + action.en
    elif kind == "must":
        pred = predicate(action.ko, "must" if rng.random() < 0.5 else "must_doe", level, tense, irr, question)
        if tense == "future":
            if question:
                return None
            aux, group = None, f"will have to {action.en}"
        else:
            aux, group = en.verb_group(f"have to {action.en}", tense, False, question, subject.person, subject.plural)
    elif kind == "intend":
        pred = predicate(action.ko, "intend", level, tense, irr)
        aux, group = None, f"{en.be(subject.person, subject.plural, tense)} going to {action.en}"
    else:                                               # promise: -(으)ㄹ게요, -겠습니다
        if not _first_singular(subject):
            return None
        pred = predicate(action.ko, "promise", level, irregular=irr)
        aux, group = None, f"will {action.en}"
        if rng.random() < 0.15:
            pred, ven = "금방 " + pred, [*ven, "shortly"]     # 금방 갈게요: I will go shortly
    ko = [_subject_ko(subject, rng), *vko, pred]
    words = [aux, subject.en, group, *ven] if question else [subject.en, group, *ven]
    pairs.add(("construction-action", kind, _key(action)))
    return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset(pairs))


def request(rng: random.Random) -> Sentence | None:
    """please / must not / can I / let's / shall we: 창문 좀 닫아 주세요."""
    action = rng.choice(ACTIONS)
    if action.ko in _STATIVE or action.ko in _ONCE or action.ko in ("가다", "오다", "웃다", "울다", "도착하다"):
        return None
    kind = rng.choice(("please", "please", "imperative", "imperative", "dont", "must_not", "can_i", "may_i", "lets",
                       "shall_we", "shall_i"))
    level = "polite" if kind == "may_i" else rng.choice(LEVELS)
    vko, ven, pairs, noun = _vp(rng, action, place_p=0.2, level=level)
    if noun is not None and rng.random() < 0.3 and kind in ("please", "can_i"):
        vko = vko[:-1] + [noun.ko + " 좀"]               # 창문 좀 열어 주세요: 좀 takes the particle's place
    irr = action.irregular
    question = kind in ("can_i", "may_i", "shall_we", "shall_i")
    together = ""
    giving = action.ko.endswith(" 주다")                  # 보여 주다: its imperative is already a please
    if giving and kind == "imperative":
        return None
    if kind == "please":
        pred = predicate(action.ko, "imperative" if giving else "please", level, irregular=irr)
        english = (f"{action.en} {' '.join(ven)}".strip() + ", please") if level == "plain" else \
            f"please {action.en} {' '.join(ven)}"
    elif kind == "imperative":
        if level == "plain" and not vko:
            return None                                # 먹어. alone is a statement as much as an order
        pred = predicate(action.ko, "imperative", level, irregular=irr)
        english = f"{action.en} {' '.join(ven)}"
        if level != "plain" and rng.random() < 0.15:
            pred, english = "꼭 " + pred, "be sure to " + english     # 꼭 오세요: be sure to come
    elif kind == "dont":
        pred = predicate(action.ko, "dont", level, irregular=irr)
        english = f"do not {action.en} {' '.join(ven)}"
    elif kind == "must_not":
        pred = predicate(action.ko, "must_not", level, irregular=irr)
        english = f"you must not {action.en} {' '.join(ven)}"
    elif kind in ("can_i", "may_i"):
        pred = predicate(action.ko, kind, level, irregular=irr)
        english = f"{'may' if kind == 'may_i' else 'can'} I {action.en} {' '.join(ven)}"
    elif kind == "lets":
        if level == "polite":
            return None
        pred = predicate(action.ko, "lets", level, irregular=irr)
        together = "같이" if rng.random() < 0.4 else ""
        english = f"let's {action.en} {' '.join(ven)}" + (" together" if together else "")
    else:
        if level == "formal":
            return None
        pred = predicate(action.ko, "shall", level, irregular=irr)
        if kind == "shall_we":
            together = "같이"
        english = f"shall {'we' if together else 'I'} {action.en} {' '.join(ven)}" + (" together" if together else "")
    ko = [together, *vko, pred]
    pairs.add(("construction-action", kind, _key(action)))
    return Sentence(_sentence(ko, question), en.sentence([" ".join(english.split())], question), frozenset(pairs))


def _gerund(action: Action) -> str:
    head, _, tail = action.en.partition(" ")
    return f"{en.ing(head)} {tail}".strip()


def _adnominal_present(stem: str) -> str:
    """-는: 먹는, 가는, 듣는, 만드는 (ㄹ drops)."""
    return (stem[:-1] + _drop_l(stem[-1]) if stem.endswith(tuple(_L_FINAL)) else stem) + "는"


_L_FINAL = {chr(0xAC00 + i) for i in range(11172) if i % 28 == 8}      # syllables ending in ㄹ


def _drop_l(syllable: str) -> str:
    return chr(ord(syllable) - 8)


def linked(rng: random.Random) -> Sentence | None:
    """Purpose -(으)러 가다, -기 전에, -(으)ㄴ 후에, -는 것을 좋아하다, -(으)ㄹ 줄 알다:
    시장에 사과를 사러 갔어요 → I went to the market to buy apples."""
    kind = rng.choice(("purpose", "purpose", "before", "after", "like_doing", "know_how"))
    level = rng.choice(LEVELS)
    action = rng.choice([a for a in ACTIONS if a.ko not in _STATIVE | _ONCE | _MOTION])
    stem = stem_of(action.ko)
    irr = action.irregular
    if kind == "purpose":
        places = [p for p in _PLACES_OF[action] if p.en != "home"]
        if not places:
            return None
        place = rng.choice(places)
        tense = rng.choice(("past", "future", "progressive"))
        question = rng.random() < 0.2
        subject = _subject(rng, level, question)
        noun = rng.choice(_OBJECTS[action]) if action in _OBJECTS else None
        obj_ko = attach(noun.ko, OBJECT) if noun else ""
        obj_en = object_en(action, noun) if noun else ""
        go = conjugate("가다", Form(tense, level, False, question))
        ko = [_subject_ko(subject, rng), place.ko + "에", obj_ko, eu(stem, "러", irr), go]
        aux, group = en.verb_group("go", tense, False, question, subject.person, subject.plural)
        body = [group, place.destination, "to", action.en, obj_en]
        words = [aux, subject.en, *body] if question else [subject.en, *body]
        pairs = {("construction-action", "purpose", _key(action)), ("action-place", _key(action), place.ko)}
        if noun:
            pairs.add(("action-object", _key(action), noun.ko + ":" + noun.en))
        return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset(pairs))
    if kind in ("before", "after"):
        second = rng.choice([a for a in _TRANSITIVE if a.ko not in _STATIVE | _ONCE and a != action])
        tense = rng.choice(("past", "future", "present"))
        subject = _subject(rng, level, False)
        n1 = rng.choice(_OBJECTS[action]) if action in _OBJECTS else None
        n2 = rng.choice(_OBJECTS[second])
        if tense == "present" and (n2.kind == "c" and second.ko not in _GENERIC_OBJECT):
            return None
        link = stem + "기 전에" if kind == "before" else eu(stem, "ㄴ 후에", irr)
        ko = [_subject_ko(subject, rng), attach(n1.ko, OBJECT) if n1 else "", link, attach(n2.ko, OBJECT),
              conjugate(second.ko, Form(tense, level), second.irregular)]
        if tense == "present":
            ko.insert(1, "보통")
        _, group = en.verb_group(second.en, tense, False, False, subject.person, subject.plural)
        words = [subject.en, "usually" if tense == "present" else "", group, object_en(second, n2), kind,
                 _gerund(action), object_en(action, n1) if n1 else ""]
        pairs = frozenset({("construction-action", kind, _key(action)),
                           ("action-object", _key(second), n2.ko + ":" + n2.en)})
        return Sentence(_sentence(ko, False), en.sentence(words, False), pairs)
    subject = _subject(rng, level, kind == "know_how" and rng.random() < 0.4)
    question = subject.person == 2
    noun = rng.choice(_OBJECTS[action]) if action in _OBJECTS else None
    obj_ko = attach(noun.ko, OBJECT) if noun else ""
    if kind == "like_doing":
        negative = rng.random() < 0.3
        verb_ko, verb_en = ("싫어하다", "hate") if negative else ("좋아하다", "like")
        ko = [_subject_ko(subject, rng), obj_ko, _adnominal_present(stem) + " 것을",
              conjugate(verb_ko, Form("present", level, False, question))]
        aux, group = en.verb_group(verb_en, "present", False, question, subject.person, subject.plural)
        body = [group, _gerund(action), object_en(action, noun, "gen") if noun else ""]
    else:
        negative = not question and rng.random() < 0.3
        ko = [_subject_ko(subject, rng), obj_ko, eu(stem, "ㄹ 줄 ", irr) +
              conjugate("모르다" if negative else "알다", Form("present", level, False, question),
                        "르" if negative else None)]
        aux, group = en.verb_group("know", "present", negative, question, subject.person, subject.plural)
        body = [group, "how to", action.en, object_en(action, noun, "gen") if noun else ""]
    words = [aux, subject.en, *body] if question else [subject.en, *body]
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("construction-action", kind, _key(action))}))


def wh_question(rng: random.Random) -> Sentence | None:
    """뭐 먹었어요? → What did you eat? / 어디에서 가방을 샀어? → Where did you buy the bag?"""
    action = rng.choice(_TRANSITIVE)
    kind = rng.choice(("what", "where", "when", "why", "how_many"))
    if action.ko in _STATIVE or action.ko in _ONCE or (kind == "what" and action.ko in _HOMONYMS):
        return None
    tense = rng.choice(("past", "past", "future", "progressive")) if kind == "what" else rng.choice(("past", "future"))
    level = rng.choice(LEVELS)
    subject = _subject(rng, level, True, drop=0.6)
    noun = rng.choice(_OBJECTS[action])
    pairs = {("construction-action", f"wh:{kind}", _key(action))}
    pred = conjugate(action.ko, Form(tense, level, False, True), action.irregular)
    aux, group = en.verb_group(action.en, tense, False, True, subject.person, subject.plural)
    subj_ko = _subject_ko(subject, rng)
    if kind == "what":
        what = {"plain": "뭐", "polite": "뭐", "formal": "무엇을"}[level]
        return Sentence(_sentence([subj_ko, what, pred], True), en.sentence(["what", aux, subject.en, group], True),
                        frozenset(pairs))
    pairs.add(("action-object", _key(action), noun.ko + ":" + noun.en))
    obj_ko = attach(noun.ko, OBJECT)
    obj_en = object_en(action, noun, "the" if noun.kind == "c" else None)
    if kind == "how_many":
        counter = _counter(noun)
        if counter is None or tense == "progressive":
            return None
        ko_word, unit = counter
        what_en = f"how many {en.plural(unit) + ' of ' + noun.plural() if unit else noun.plural()}"
        return Sentence(_sentence([subj_ko, attach(noun.ko, OBJECT), f"몇 {ko_word}", pred], True),
                        en.sentence([what_en, aux, subject.en, group], True), frozenset(pairs))
    wh_ko = {"where": "어디에서", "when": "언제", "why": "왜"}[kind]
    return Sentence(_sentence([subj_ko, wh_ko, obj_ko, pred], True),
                    en.sentence([kind, aux, subject.en, group, obj_en], True), frozenset(pairs))


def _counter(noun: Noun) -> tuple[str, str | None] | None:
    """(Korean counter, English unit or None) for counting a noun: 개, 권, 마리, 대, 켤레:pair, 잔:cup."""
    if "footwear" in noun.cats:
        return "켤레", "pair"
    if noun.kind != "c":
        if "drink" in noun.cats and noun.ko not in ("술",):
            return "잔", "glass" if noun.ko in ("물", "우유", "주스", "콜라", "와인", "맥주") else "cup"
        return None
    for cat, counter in (("book", "권"), ("animal", "마리"), ("device", "대"), ("vehicle", "대"), ("clothes", "벌")):
        if cat in noun.cats:
            return counter, None
    if noun.cats & {"dish", "bakery", "snack", "grocery", "seasoning", "writing", "photo", "art", "show", "song"}:
        return None
    return "개", None


def _determiner(rng: random.Random, level: str, noun: Noun) -> tuple[str, str]:
    """(Korean determiner, English one): 이 this/these, 그/저 that/those, 제/내 my, 우리 our, or none: the."""
    plural = noun.kind == "p"
    choice = rng.choice(("이", "그", "저", "my", "우리", "", ""))
    if choice == "이":
        return "이", "these" if plural else "this"
    if choice in ("그", "저"):
        return choice, "those" if plural else "that"
    if choice == "my":
        return ("내" if level == "plain" else "제"), "my"
    if choice == "우리":
        return "우리", "our"
    return "", "the"


def _adj_pred(adjective: Adjective, tense: str, level: str, negative: bool, question: bool,
              honorific: bool = False) -> str:
    return conjugate(adjective.ko, Form(tense, level, negative, question), adjective.irregular, honorific)


def _be_adj(subject_en: str, person: int, plural: bool, tense: str, negative: bool, question: bool,
            adjective: str) -> list[str]:
    if tense == "future":
        if question:
            return ["will", subject_en, "be", adjective]
        return [subject_en, "will not be" if negative else "will be", adjective]
    form = en.be(person, plural, tense)
    if question:
        return [form, subject_en, adjective]
    return [subject_en, f"{form} not" if negative else form, adjective]


_DEGREE = (("정말", "really"), ("너무", "too"), ("아주", "very"), ("조금", "a little"))


def describe(rng: random.Random) -> Sentence | None:
    """이 가방은 너무 비싸요 → This bag is too expensive."""
    adjective = rng.choice([a for a in ADJECTIVES if a.cats - {"state", "weather", "place"}])
    nouns = [n for c in sorted(adjective.cats) for n in _NOUNS_BY_CAT.get(c, []) if n.kind != "n"]
    if not nouns:
        return None
    noun = rng.choice(nouns)
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "present", "past", "future"))
    question = rng.random() < 0.2
    negative = not question and rng.random() < 0.25
    det_ko, det_en = _determiner(rng, level, noun)
    degree_ko, degree_en = rng.choice(_DEGREE[:3]) if not negative and rng.random() < 0.4 else ("", "")
    head = f"{det_ko} {noun.ko}".strip()
    ko = [attach(head, TOPIC if rng.random() < 0.5 else SUBJECT), degree_ko,
          _adj_pred(adjective, tense, level, negative, question)]
    words = _be_adj(f"{det_en} {noun.en}", 3, noun.kind == "p", tense, negative, question,
                    f"{degree_en} {adjective.en}".strip())
    pairs = frozenset({("adjective-noun", adjective.ko, noun.ko + ":" + noun.en)})
    return Sentence(_sentence(ko, question), en.sentence(words, question), pairs)


def compare(rng: random.Random) -> Sentence | None:
    """이 가방이 저 가방보다 더 싸요 → This bag is cheaper than that bag."""
    adjective = rng.choice([a for a in ADJECTIVES if a.cats - {"weather", "place"}])
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "past"))
    if "state" in adjective.cats:
        a, b = rng.sample(_NAMES, 2)
        left_ko, right_ko, left_en, right_en, plural = a.ko, b.ko, a.en, b.en, False
    else:
        nouns = [n for c in sorted(adjective.cats) for n in _NOUNS_BY_CAT.get(c, []) if n.kind == "c"]
        if not nouns:
            return None
        noun = rng.choice(nouns)
        left_ko, right_ko = f"이 {noun.ko}", f"저 {noun.ko}"
        left_en, right_en, plural = f"this {noun.en}", f"that {noun.en}", False
    more = "더 " if rng.random() < 0.6 else ""
    predicate_ko = _adj_pred(adjective, tense, level, False, False)
    if " " in predicate_ko and more:                   # 키가 더 커요, not 더 키가 커요
        head, _, last = predicate_ko.rpartition(" ")
        predicate_ko, more = f"{head} {more}{last}", ""
    ko = [attach(left_ko, SUBJECT if rng.random() < 0.5 else TOPIC), right_ko + "보다", more + predicate_ko]
    form = en.be(3, plural, tense)
    words = [left_en, form, adjective.comparative, "than", right_en]
    pairs = frozenset({("construction-adjective", "compare", adjective.ko)})
    return Sentence(_sentence(ko, False), en.sentence(words, False), pairs)


def feeling(rng: random.Random) -> Sentence | None:
    """How someone is: 저는 오늘 너무 피곤해요 → I am too tired today. Honorific subjects take -(으)시-."""
    adjective = rng.choice([a for a in ADJECTIVES if "state" in a.cats])
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "present", "past"))
    question = rng.random() < 0.25
    negative = not question and rng.random() < 0.2 and adjective.ko != "괜찮다"
    pool = [p for p in PEOPLE if "baby" not in p.tags and (p.register is None or
                                                            (p.register == "plain") == (level == "plain"))
            and not (question and p.person == 1)]
    subject = (YOU_SUBJECT if question else I_SUBJECT) if rng.random() < 0.35 else rng.choice(pool)
    if adjective.ko == "고맙다" and subject is I_SUBJECT and tense == "present":
        return None                       # (정말) 고마워요 is "Thank you (so much)": a set phrase, not "I am thankful"
    today = rng.random() < 0.3
    degree_ko, degree_en = rng.choice(_DEGREE) if not negative and rng.random() < 0.4 else ("", "")
    ko = [_subject_ko(subject, rng), ("오늘" if tense == "present" else "어제") if today else "", degree_ko,
          _adj_pred(adjective, tense, level, negative, question, subject.honorific)]
    words = _be_adj(subject.en, subject.person, subject.plural, tense, negative, question,
                    f"{degree_en} {adjective.en}".strip())
    words.append(("today" if tense == "present" else "yesterday") if today else "")
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("subject-adjective", subject.key, adjective.ko)}))


def health(rng: random.Random) -> Sentence | None:
    """머리가 아파요 → My head hurts; 민수는 다리를 다쳤어요 → Minsu hurt his leg."""
    level = rng.choice(LEVELS)
    noun = rng.choice(_NOUNS_BY_CAT["body"])
    question = rng.random() < 0.2
    subject = (YOU_SUBJECT if question else I_SUBJECT) if rng.random() < 0.5 else rng.choice(
        [p for p in PEOPLE if p.possessive and p.register in (None, "plain" if level == "plain" else "polite")
         and not (question and p.person == 1)])
    owner = f"{subject.en}'s" if subject.kind in ("name", "role", "kin") else subject.possessive
    plural = noun.kind == "p"
    if rng.random() < 0.6:
        tense = rng.choice(("present", "present", "past"))
        ko = [_subject_ko(subject, rng), attach(noun.ko, SUBJECT),
              conjugate("아프다", Form(tense, level, False, question), None, subject.honorific)]
        aux, group = en.verb_group("hurt", tense, False, question, 3, plural)
        words = [aux, owner, noun.en, group] if question else [owner, noun.en, group]
        pairs = frozenset({("health", "hurt", noun.ko + ":" + noun.en)})
        return Sentence(_sentence(ko, question), en.sentence(words, question), pairs)
    if question:
        return None
    ko = [_subject_ko(subject, rng), attach(noun.ko, OBJECT),
          conjugate("다치다", Form("past", level), None, subject.honorific)]
    pairs = frozenset({("health", "injure", noun.ko + ":" + noun.en)})
    return Sentence(_sentence(ko, False), en.sentence([subject.en, "hurt", subject.possessive, noun.en], False), pairs)


def describe_place(rng: random.Random) -> Sentence | None:
    """도서관은 조용해요 → The library is quiet."""
    adjective = rng.choice([a for a in ADJECTIVES if "place" in a.cats])
    place = rng.choice([p for p in PLACES if p.en.startswith("the ")])
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "present", "past"))
    question = rng.random() < 0.2
    negative = not question and rng.random() < 0.2
    degree_ko, degree_en = rng.choice(_DEGREE[:3]) if not negative and rng.random() < 0.4 else ("", "")
    ko = [attach(place.ko, TOPIC if rng.random() < 0.6 else SUBJECT), degree_ko,
          _adj_pred(adjective, tense, level, negative, question)]
    words = _be_adj(place.en, 3, place.en == "the mountains", tense, negative, question,
                    f"{degree_en} {adjective.en}".strip())
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("adjective-place", adjective.ko, place.ko)}))


_SEASONS = (("봄에는", "in spring"), ("여름에는", "in summer"), ("가을에는", "in the fall"), ("겨울에는", "in winter"))


def weather(rng: random.Random) -> Sentence | None:
    """비가 와요 → It is raining; 내일 부산에 눈이 올 거예요 → It will snow in Busan tomorrow."""
    level = rng.choice(LEVELS)
    city = rng.choice(CITIES) if rng.random() < 0.3 else None
    where_ko, where_en = (city + "에", "in " + romanize_place(city)) if city else ("", "")
    kind = rng.choice(("rain", "snow", "adjective", "adjective"))
    if kind in ("rain", "snow"):
        tense = rng.choice(("past", "future", "progressive", "present"))
        question = rng.random() < 0.2
        negative = tense != "progressive" and not question and rng.random() < 0.2
        time_ko = time_en = ""
        if tense == "present":
            time_ko, time_en = rng.choice(_SEASONS)
            many = rng.random() < 0.5
            pred = ("많이 " if many else "자주 ") + conjugate("오다", Form(tense, level, False, question))
            if negative or question:
                return None
            verb = ("a lot" if many else "")
            ko = [time_ko, where_ko, "비가" if kind == "rain" else "눈이", pred]
            words = ["it", "often" if not many else "", en.third_person(kind), verb, where_en, time_en]
            return Sentence(_sentence(ko, False), en.sentence(words, False),
                            frozenset({("weather", kind, city or "")}))
        if tense in ("past", "future") and rng.random() < 0.6:
            t = rng.choice(_DAY_TIMES[tense])
            time_ko, time_en = t.ko, t.en
        ko = [time_ko, where_ko, "비가" if kind == "rain" else "눈이",
              conjugate("오다", Form(tense, level, negative, question))]
        aux, group = en.verb_group(kind, tense, negative, question, 3, False)
        words = [aux, "it", group, where_en, time_en] if question else ["it", group, where_en, time_en]
        return Sentence(_sentence(ko, question), en.sentence(words, question),
                        frozenset({("weather", kind, time_en)}))
    adjective = rng.choice([a for a in ADJECTIVES if "weather" in a.cats])
    tense = rng.choice(("present", "past", "future"))
    question = rng.random() < 0.2
    negative = not question and rng.random() < 0.15
    t = rng.choice(_DAY_TIMES[tense]) if tense != "present" and rng.random() < 0.5 else None
    today = tense == "present" and rng.random() < 0.5
    time_ko = t.ko if t else ("오늘은" if today else "")
    time_en = t.en if t else ("today" if today else "")
    degree_ko, degree_en = rng.choice(_DEGREE[:3]) if not negative and rng.random() < 0.3 else ("", "")
    pred = _adj_pred(adjective, tense, level, negative, question)
    if rng.random() < 0.5:
        ko = [time_ko, where_ko, "날씨가", degree_ko, pred]
        subject_en = "the weather"
    else:
        ko = [time_ko, where_ko, degree_ko, pred]
        subject_en = "it"
    words = _be_adj(subject_en, 3, False, tense, negative, question, f"{degree_en} {adjective.en}".strip())
    words += [where_en, time_en]
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("weather", adjective.ko, time_en)}))


# Reasons (state or weather) and what follows from them, for -아/어서, -(으)니까, -(으)면, -(으)ㄹ 때.
_REASONS = {
    # key: (Korean subject words or "", Korean predicate dictionary form, irregular, English clause body, kind)
    "tired": ("", "피곤하다", None, "tired", "state"),
    "busy": ("", "바쁘다", None, "busy", "state"),
    "sick": ("", "아프다", None, "sick", "state"),
    "hungry": ("", "배고프다", None, "hungry", "state"),
    "thirsty": ("", "목마르다", "르", "thirsty", "state"),
    "bored": ("", "심심하다", None, "bored", "state"),
    "sleepy": ("", "졸리다", None, "sleepy", "state"),
    "cold": ("", "춥다", "ㅂ", "cold", "weather"),
    "hot": ("", "덥다", "ㅂ", "hot", "weather"),
    "rain": ("비가", "오다", None, "rain", "weather_verb"),
    "snow": ("눈이", "오다", None, "snow", "weather_verb"),
    "nice": ("날씨가", "좋다", None, "nice", "weather_subject"),
    "time": ("시간이", "있다", None, "have time", "have"),
}
# Consequences: (Korean words before the verb, dictionary form, irregular, English verb phrase)
_CONSEQUENCES = {
    "stay_home": ("집에", "있다", None, "stay home"),
    "sleep_early": ("일찍", "자다", None, "go to bed early"),
    "rest": ("집에서", "쉬다", None, "rest at home"),
    "coffee": ("커피를", "마시다", None, "drink coffee"),
    "water": ("물을", "마시다", None, "drink water"),
    "eat": ("밥을", "먹다", None, "eat"),
    "pizza": ("피자를", "시키다", None, "order pizza"),
    "hospital": ("병원에", "가다", None, "go to the hospital"),
    "medicine": ("약을", "먹다", None, "take medicine"),
    "taxi": ("택시를", "타다", None, "take a taxi"),
    "umbrella": ("우산을", "가져가다", None, "take an umbrella"),
    "coat": ("코트를", "입다", None, "wear a coat"),
    "window": ("창문을", "닫다", None, "close the window"),
    "aircon": ("에어컨을", "켜다", None, "turn on the air conditioner"),
    "ice_cream": ("아이스크림을", "먹다", None, "eat ice cream"),
    "beach": ("바다에", "가다", None, "go to the beach"),
    "walk": ("공원에서", "산책하다", None, "take a walk in the park"),
    "movie": ("영화를", "보다", None, "watch a movie"),
    "music": ("음악을", "듣다", "ㄷ", "listen to music"),
    "game": ("게임을", "하다", None, "play games"),
    "snowman": ("눈사람을", "만들다", None, "make a snowman"),
    "subway": ("지하철을", "타다", None, "take the subway"),
    "lunch_skip": ("점심을", "굶다", None, "skip lunch"),
    "friend": ("친구를", "만나다", None, "meet a friend"),
    "travel": ("여행을", "가다", None, "go on a trip"),
}
_FOLLOWS = {
    "tired": "stay_home sleep_early rest coffee", "busy": "taxi lunch_skip", "sick": "hospital medicine stay_home rest",
    "hungry": "eat pizza", "thirsty": "water", "bored": "movie music game friend", "sleepy": "coffee sleep_early",
    "cold": "coat window stay_home", "hot": "aircon ice_cream beach water",
    "rain": "umbrella stay_home taxi movie", "snow": "snowman subway stay_home",
    "nice": "walk beach friend", "time": "movie friend travel walk",
}


def _reason_clause(key: str, ending: str, past: bool) -> str:
    words, verb, irregular, *_ = _REASONS[key]
    stem = stem_of(verb)
    if ending == "서":
        form = a_form(stem, irregular) + "서"
    elif past:
        form = eu(past_stem(stem, irregular), ending)
    else:
        form = eu(stem, ending, irregular)
    return f"{words} {form}".strip()


def _reason_english(key: str, subject: Person, tense: str) -> str:
    _, _, _, body, kind = _REASONS[key]
    if kind in ("weather_verb",):
        _, group = en.verb_group(body, tense, False, False, 3, False)
        return f"it {group}"
    if kind == "weather":
        return f"it {en.be(3, False, tense)} {body}"
    if kind == "weather_subject":
        return f"the weather {en.be(3, False, tense)} {body}"
    if kind == "have":
        _, group = en.verb_group(body, tense, False, False, subject.person, subject.plural)
        return f"{_pronoun(subject)} {group}"
    return f"{_pronoun(subject)} {en.be(subject.person, subject.plural, tense)} {body}"


def _pronoun(person: Person) -> str:
    return _PRONOUN.get(person.possessive or "", person.en) if person.kind != "pronoun" else person.en


def connective(rng: random.Random) -> Sentence | None:
    """-아/어서, -(으)니까 (so), -(으)면 (if), -(으)ㄹ 때 (when), -지만 (but), -고 (and)."""
    kind = rng.choice(("so", "so", "because", "if", "when", "but", "and"))
    level = rng.choice(LEVELS)
    if kind == "and":
        return _and_clauses(rng, level)
    if kind == "but":
        return _but_clause(rng, level)
    reason = rng.choice(sorted(_REASONS))
    consequence = rng.choice(_FOLLOWS[reason].split())
    words, verb, irregular, body = _CONSEQUENCES[consequence]
    personal = _REASONS[reason][4] in ("state", "have")
    subject = I_SUBJECT if not personal or rng.random() < 0.5 else rng.choice(
        [p for p in _subjects(level, False) if p.possessive and p.kind != "pronoun"] or [I_SUBJECT])
    if kind in ("so", "because"):
        tense = rng.choice(("past", "future"))
        clause = _reason_clause(reason, "서" if kind == "so" else "니까", kind == "because" and tense == "past")
        main = conjugate(verb, Form(tense, level), irregular)
        reason_tense = "past" if tense == "past" else "present"
    elif kind == "if":
        tense = "future"
        clause = _reason_clause(reason, "면", False)
        main = conjugate(verb, Form(tense, level), irregular)
        reason_tense = "present"
    else:                                                # when: habitual
        tense = "present"
        clause = _reason_clause(reason, "ㄹ 때", False)
        main = conjugate(verb, Form(tense, level), irregular)
        reason_tense = "present"
    subject_ko = _subject_ko(subject, rng)
    ko = [subject_ko, clause + ("," if rng.random() < 0.2 else ""), words, main]
    first = _reason_english(reason, subject, reason_tense)
    _, group = en.verb_group(body, tense, False, False, subject.person, subject.plural)
    if subject.kind != "pronoun" and subject.ko:
        # the name or noun goes into the first clause, the pronoun into the second
        first = first.replace(_pronoun(subject), subject.en, 1) if _REASONS[reason][4] in ("state", "have") else first
        second_subject = _pronoun(subject) if _REASONS[reason][4] in ("state", "have") else subject.en
    else:
        second_subject = subject.en
    if kind in ("so", "because"):
        text = f"{first}, so {second_subject} {group}"
    elif kind == "if":
        text = f"if {first}, {second_subject} {group}"
    else:
        text = f"when {first}, {second_subject} {group}"
    pairs = frozenset({("reason-consequence", f"{kind}:{reason}", consequence)})
    return Sentence(_sentence(ko, False), en.sentence([text], False), pairs)


def _and_clauses(rng: random.Random, level: str) -> Sentence | None:
    """저는 빵을 먹고 우유를 마셨어요 → I ate bread and drank milk."""
    first, second = rng.sample([a for a in _TRANSITIVE if a.ko not in _STATIVE], 2)
    if first.ko == second.ko:
        return None
    tense = rng.choice(("past", "future"))
    subject = _subject(rng, level, False)
    n1, n2 = rng.choice(_OBJECTS[first]), rng.choice(_OBJECTS[second])
    time = rng.choice(_TIMES[tense]) if rng.random() < 0.5 else None
    ko = [_subject_ko(subject, rng), time.ko if time else "", attach(n1.ko, OBJECT), stem_of(first.ko) + "고",
          attach(n2.ko, OBJECT), conjugate(second.ko, Form(tense, level), second.irregular)]
    if tense == "past":
        v1 = en.verb_group(first.en, "past", False, False, subject.person, subject.plural)[1]
        v2 = en.verb_group(second.en, "past", False, False, subject.person, subject.plural)[1]
        words = [subject.en, v1, object_en(first, n1), "and", v2, object_en(second, n2)]
    else:
        words = [subject.en, "will", first.en, object_en(first, n1), "and", second.en, object_en(second, n2)]
    words.append(time.en if time else "")
    pairs = frozenset({("action-object", _key(first), n1.ko + ":" + n1.en),
                       ("action-object", _key(second), n2.ko + ":" + n2.en),
                       ("construction-action", "and", _key(first))})
    return Sentence(_sentence(ko, False), en.sentence(words, False), pairs)


_POSITIVE = {"delicious", "good", "pretty", "comfortable", "cheap", "clean", "spacious", "quiet", "close", "beautiful",
             "cute", "interesting", "easy", "fast", "fresh", "light", "sweet"}
_NEGATIVE = {"expensive", "heavy", "dirty", "noisy", "crowded", "far", "scary", "difficult", "boring", "slow",
             "uncomfortable", "salty", "spicy", "small", "bland", "long"}


_ANTONYMS = {frozenset(pair) for pair in (
    ("dirty", "clean"), ("expensive", "cheap"), ("big", "small"), ("heavy", "light"), ("long", "short"),
    ("spacious", "small"), ("quiet", "noisy"), ("far", "close"), ("fast", "slow"), ("difficult", "easy"),
    ("interesting", "boring"), ("hot", "cold"), ("soft", "hard"), ("thick", "thin"), ("bright", "dark"),
    ("high", "low"), ("dangerous", "safe"), ("comfortable", "uncomfortable"))}


def _but_clause(rng: random.Random, level: str) -> Sentence | None:
    """이 가방은 비싸지만 (비싼데) 예뻐요 → This bag is expensive, but it is pretty."""
    bad = rng.choice([a for a in ADJECTIVES if a.en in _NEGATIVE and a.cats - {"place", "state", "weather"}])
    nouns = [n for c in sorted(bad.cats) for n in _NOUNS_BY_CAT.get(c, []) if n.kind != "n"]
    noun = rng.choice(nouns)
    goods = [a for a in ADJECTIVES if a.en in _POSITIVE and a.cats & noun.cats]
    if not goods:
        return None
    good = rng.choice(goods)
    if frozenset((good.en, bad.en)) in _ANTONYMS:
        return None                                    # not "dirty, but clean"
    first, second = (bad, good) if rng.random() < 0.5 else (good, bad)
    tense = rng.choice(("present", "past"))
    det_ko, det_en = _determiner(rng, level, noun)
    head = f"{det_ko} {noun.ko}".strip()
    stem = stem_of(first.ko)
    if rng.random() < 0.6:
        linked = (past_stem(stem, first.irregular) if tense == "past" else stem) + "지만"
    elif tense == "past" or stem.endswith(("있", "없")):
        linked = (past_stem(stem, first.irregular) if tense == "past" else stem) + "는데"   # 비쌌는데, 맛있는데
    else:
        linked = eu(stem, "ㄴ데", first.irregular)                                           # 비싼데, 더운데
    ko = [attach(head, TOPIC), linked, _adj_pred(second, tense, level, False, False)]
    plural = noun.kind == "p"
    form = en.be(3, plural, tense)
    pronoun = "they" if plural else "it"
    text = f"{det_en} {noun.en} {form} {first.en}, but {pronoun} {form} {second.en}"
    pairs = frozenset({("adjective-noun", first.ko, noun.ko + ":" + noun.en),
                       ("adjective-noun", second.ko, noun.ko + ":" + noun.en)})
    return Sentence(_sentence(ko, False), en.sentence([text], False), pairs)


_CONTAINERS = (("냉장고에", "in the fridge", "food drink"), ("방에", "in the room", "furniture item device"),
               ("가방 안에", "in the bag", "book item"), ("책상 위에", "on the desk", "book item"),
               ("교실에", "in the classroom", "furniture device"), ("집에", "at home", "pet device"),
               ("공원에", "in the park", "animal"))
_KIN = (("형", "older brother"), ("오빠", "older brother"), ("누나", "older sister"), ("언니", "older sister"),
        ("남동생", "younger brother"), ("여동생", "younger sister"), ("동생", "younger sibling"), ("아들", "son"),
        ("딸", "daughter"), ("사촌", "cousin"), ("친구", "friend"))


def existence(rng: random.Random) -> Sentence | None:
    """냉장고에 우유가 있어요 → There is milk in the fridge; 저는 형이 두 명 있어요 → I have two older brothers."""
    level = rng.choice(LEVELS)
    kind = rng.choice(("there", "have", "kin"))
    question = rng.random() < 0.2
    negative = not question and rng.random() < 0.3
    verb = "없다" if negative else "있다"
    pred = conjugate(verb, Form("present", level, False, question))
    if kind == "kin":
        subject = YOU_SUBJECT if question else I_SUBJECT
        ko_kin, en_kin = rng.choice(_KIN)
        me = "" if question or rng.random() < 0.5 else _subject_ko(
            next(p for p in _subjects(level, False) if _first_singular(p)), rng)
        if negative or rng.random() < 0.3:
            ko = [me, attach(ko_kin, SUBJECT), pred]
            verb = "do you have" if question else "I do not have" if negative else "I have"
            words = [verb, en.indefinite(en_kin)]
        else:
            n = rng.randint(1, 4)
            ko = [me, attach(ko_kin, SUBJECT), f"{NUMBERS_KO[n]} 명", pred]
            words = ["do you have" if question else "I have", en.number_word(n),
                     en_kin if n == 1 else en.plural_phrase(en_kin)]
        return Sentence(_sentence(ko, question), en.sentence(words, question),
                        frozenset({("kin", ko_kin, str(negative))}))
    if kind == "have":
        subject = _subject(rng, level, question)
        nouns = [n for c in ("item", "device", "pet", "accessory") for n in _NOUNS_BY_CAT[c]
                 if n.kind == "c"] + [n for n in NOUNS if n.ko in ("자동차",)]
        noun = rng.choice(nouns)
        ko = [_subject_ko(subject, rng), attach(noun.ko, SUBJECT), pred]
        aux, group = en.verb_group("have", "present", negative, question, subject.person, subject.plural)
        obj = noun.bare()
        words = [aux, subject.en, group, obj] if question else [subject.en, group, obj]
        return Sentence(_sentence(ko, question), en.sentence(words, question),
                        frozenset({("have", noun.ko + ":" + noun.en, str(negative))}))
    where_ko, where_en, cats = rng.choice(_CONTAINERS)
    nouns = [n for c in cats.split() for n in _NOUNS_BY_CAT.get(c, []) if n.kind != "n"]
    noun = rng.choice(nouns)
    ko = [where_ko, attach(noun.ko, SUBJECT), pred]
    if noun.kind == "m":
        phrase = ("is there any " if question else "there is no " if negative else "there is ") + noun.en
    elif noun.kind == "p":
        phrase = ("are there any " if question else "there are no " if negative else "there are ") + noun.en
    else:
        phrase = (("is there " + noun.bare()) if question else
                  ("there are no " + noun.plural()) if negative else ("there is " + noun.bare()))
    return Sentence(_sentence(ko, question), en.sentence([phrase, where_en], question),
                    frozenset({("container-noun", where_ko, noun.ko + ":" + noun.en)}))


_TENS_KO = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_UNITS_KO = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_SINO = ("", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_TENS_EN = ("", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_WEEKDAYS = (("월요일", "Monday"), ("화요일", "Tuesday"), ("수요일", "Wednesday"), ("목요일", "Thursday"),
             ("금요일", "Friday"), ("토요일", "Saturday"), ("일요일", "Sunday"))


def native_number(n: int) -> str:
    """Native Korean numbers before a counter, 1-99: 한, 스무, 스물다섯, 아흔아홉."""
    if not 1 <= n <= 99:
        raise ValueError(f"no native number word for {n}")
    if n == 20:
        return "스무"
    return _TENS_KO[n // 10] + _UNITS_KO[n % 10]


def sino_number(n: int) -> str:
    """Sino-Korean numbers, 1-99,999: 삼십, 천, 오천, 만, 이만 오천 (a 1 before 십/백/천/만 is not said)."""
    if not 1 <= n <= 99_999:
        raise ValueError(f"no Sino-Korean number word for {n}")
    words = []
    for value, name in ((10_000, "만"), (1000, "천"), (100, "백"), (10, "십"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            words.append(("" if digit == 1 and name else _SINO[digit]) + name)
    text = "".join(words)
    return text.replace("만", "만 ", 1).strip() if "만" in text else text


def english_number(n: int) -> str:
    """one ... ninety-nine."""
    if n < 20:
        return en.number_word(n) if n <= 20 else ""
    tens, units = divmod(n, 10)
    return _TENS_EN[tens] + (f"-{en.number_word(units)}" if units else "")


def _times_en(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{english_number(n)} times")


def numbers(rng: random.Random) -> Sentence | None:
    """Numbers with counters, Sino-Korean and native: ages, prices, durations, clock times, how often, dates."""
    level = rng.choice(LEVELS)
    kind = rng.choice(("age", "price", "duration", "clock", "often", "ago", "date", "weekday"))
    pairs = frozenset({("numbers", kind, "")})
    if kind == "age":
        n = rng.randint(1, 99)
        subject = _subject(rng, level, False, drop=0.3)
        ko = [_subject_ko(subject, rng), copula(f"{native_number(n)} 살", "present", level)]
        be = en.be(subject.person, subject.plural)
        return Sentence(_sentence(ko, False), en.sentence([subject.en, be, english_number(n),
                                                           "year old" if n == 1 else "years old"], False), pairs)
    if kind == "price":
        noun = rng.choice([n for n in NOUNS if n.cats & {"clothes", "item", "book", "food"} and n.kind != "n"])
        value = rng.choice((1, 2, 3, 5, 8)) * rng.choice((1000, 10_000)) + rng.choice((0, 0, 500, 5000)) // 1
        value = value if value < 100_000 else 50_000
        det_ko, det_en = "이", "these" if noun.kind == "p" else "this"
        ko = [attach(f"{det_ko} {noun.ko}", TOPIC), copula(f"{sino_number(value)} 원", "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([det_en, noun.en, "are" if noun.kind == "p" else "is",
                                                           f"{value:,}", "won"], False), pairs)
    if kind == "duration":
        action = rng.choice([a for a in ACTIONS if a.ko in ("공부하다", "일하다", "자다", "운동하다", "기다리다",
                                                            "걷다", "쉬다", "수영하다", "요리하다", "운전하다")
                             and not a.objects])
        unit = rng.choice(("hour", "minute", "day"))
        n = rng.randint(1, 12) if unit != "minute" else rng.choice((5, 10, 15, 20, 30, 40, 50))
        if unit == "hour":
            span_ko, span_en = f"{native_number(n)} 시간", f"{english_number(n)} {'hour' if n == 1 else 'hours'}"
        elif unit == "day":
            span_ko = f"{sino_number(n)} 일" if n > 1 else "하루"
            span_en = f"{english_number(n)} {'day' if n == 1 else 'days'}"
        else:
            span_ko, span_en = f"{n}분", f"{n} minutes"
        verb = conjugate(action.ko, Form("past", level), action.irregular)
        _, group = en.verb_group(action.en, "past", False, False, 1, False)
        return Sentence(_sentence([span_ko, "동안", verb], False), en.sentence(["I", group, "for", span_en], False),
                        pairs)
    if kind == "clock":
        half = rng.random() < 0.3
        part_ko, part_en, first, last = rng.choice((("", "", 1, 12), ("아침", "in the morning", 5, 11),
                                                    ("오후", "in the afternoon", 1, 5), ("저녁", "in the evening", 5, 9),
                                                    ("밤", "at night", 8, 12)))
        hour = rng.randint(first, last)
        event_ko, event_en = rng.choice((("일어났어", "I got up"), ("잤어", "I went to bed"), ("집에 왔어", "I came home"),
                                         ("출발했어", "I left"), ("점심을 먹었어", "I had lunch")))
        ending = {"plain": "", "polite": "요", "formal": None}[level]
        if ending is None:
            return None
        when_ko = f"{part_ko} {native_number(hour)} 시{' 반' if half else ''}에".strip()
        when_en = f"at {english_number(hour)}{' thirty' if half else ''}" + ("" if half or part_en else " o'clock")
        return Sentence(_sentence([when_ko, event_ko + ending], False),
                        en.sentence([event_en, when_en, part_en], False), pairs)
    if kind == "often":
        n = rng.randint(1, 5)
        span_ko, span_en = rng.choice((("하루에", "a day"), ("일주일에", "a week"), ("한 달에", "a month")))
        action = rng.choice([a for a in ACTIONS if not a.objects and a.ko not in _ONCE | _MOTION | _NOT_HABITUAL])
        subject = _subject(rng, level, False)
        _, group = en.verb_group(action.en, "present", False, False, subject.person, subject.plural)
        ko = [_subject_ko(subject, rng), span_ko, f"{native_number(n)} 번", conjugate(action.ko, Form("present", level),
                                                                                     action.irregular)]
        return Sentence(_sentence(ko, False), en.sentence([subject.en, group, _times_en(n), span_en], False), pairs)
    if kind == "ago":
        n = rng.randint(1, 30)
        unit_ko, unit_en = rng.choice((("년", "year"), ("달", "month"), ("주", "week"), ("일", "day")))
        number_ko = native_number(n) if unit_ko == "달" else sino_number(n)
        if unit_ko == "달" and n > 12:
            return None
        city = rng.choice(CITIES)
        ko = [f"{number_ko} {unit_ko} 전에", city + "에", conjugate("가다", Form("past", level))]
        span = f"{english_number(n)} {unit_en if n == 1 else unit_en + 's'} ago"
        return Sentence(_sentence(ko, False), en.sentence(["I went to", romanize_place(city), span], False), pairs)
    if kind == "date":
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        what_ko, what_en = rng.choice((("시험은", "the exam"), ("회의는", "the meeting"), ("파티는", "the party"),
                                       ("결혼식은", "the wedding"), ("졸업식은", "the graduation ceremony"),
                                       ("방학은", "vacation")))
        ko = [what_ko, copula(f"{month}월 {day}일", "present", level)]
        verb = "starts on" if what_en == "vacation" else "is on"
        if what_en == "vacation":
            ko = [what_ko.replace("은", "이"), f"{month}월 {day}일에", conjugate("시작하다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([what_en, verb, _MONTHS[month - 1], str(day)], False), pairs)
    day_ko, day_en = rng.choice(_WEEKDAYS)
    when_ko, when_en, tense = rng.choice((("오늘은", "today", "present"), ("내일은", "tomorrow", "present"),
                                          ("어제는", "yesterday", "past")))
    ko = [when_ko, copula(day_ko, tense, level)]
    return Sentence(_sentence(ko, False), en.sentence([when_en, "was" if tense == "past" else "is", day_en], False),
                    pairs)


# --------------------------------------------------------------------------- copy cases

_GIVEN_SYLLABLES = sorted(GIVEN_SYLLABLES)  # the syllables the name finder knows (service/text/names.py)
_COMMON_SURNAMES = [s for s in SURNAMES if len(s) == 1]


def random_name(rng: random.Random) -> str:
    """A Korean full name: a common family name and a two-syllable given name (김서윤)."""
    return rng.choice(_COMMON_SURNAMES) + "".join(rng.sample(_GIVEN_SYLLABLES, 2))


def _latin_word(rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    kind = rng.choice(("brand", "acronym", "code", "file"))
    if kind == "brand":
        return "".join(rng.choice(letters) for _ in range(rng.randint(3, 8))).capitalize()
    if kind == "acronym":
        return "".join(rng.choice(letters.upper()) for _ in range(rng.randint(2, 4)))
    if kind == "code":
        return ("".join(rng.choice(letters) for _ in range(rng.randint(2, 5)))
                + str(rng.randint(0, 9999)))
    stem = "_".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(1, 2)))
    return f"{stem}.{rng.choice(('pdf', 'txt', 'docx', 'xlsx', 'png', 'py', 'zip'))}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def copy_case(rng: random.Random) -> Sentence | None:
    """Words the model must copy or romanize, never replace: names, cities, numbers, Latin words."""
    level = rng.choice(LEVELS)
    polite = level != "plain"
    kind = rng.choice(("name_work", "name_went", "name_is", "name_send", "i_am", "city_live", "count", "price",
                       "clock", "year", "floor", "decimal", "latin_password", "latin_on", "latin_file", "latin_work",
                       "latin_id"))
    name = random_name(rng)
    roman = romanize_name(name)
    honor = " 씨" if polite and rng.random() < 0.5 else ""
    pairs = frozenset({("copy", kind, "")})
    if kind == "name_work":
        place = rng.choice(_PLACES_BY_CAT["public"] + _PLACES_BY_CAT["shop"])
        ko = [attach(name + honor, TOPIC), place.ko + "에서", conjugate("일하다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([roman, "works", place.location], False), pairs)
    if kind == "name_went":
        city = rng.choice(CITIES)
        t = rng.choice(_TIMES["past"]) if rng.random() < 0.5 else None
        ko = [attach(name + honor, SUBJECT if rng.random() < 0.5 else TOPIC), t.ko if t else "", city + "에",
              conjugate("가다", Form("past", level))]
        return Sentence(_sentence(ko, False), en.sentence([roman, "went to", romanize_place(city), t.en if t else ""],
                                                          False), pairs)
    if kind == "name_is":
        role_ko, role_en = rng.choice((("제 친구", "my friend"), ("우리 선생님", "our teacher"),
                                       ("제 동료", "my coworker"), ("제 동생", "my younger sibling")))
        if level == "plain":
            role_ko = role_ko.replace("제 ", "내 ")
        ko = [attach(name + honor, TOPIC), copula(role_ko, "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([roman, "is", role_en], False), pairs)
    if kind == "name_send":
        thing_ko, thing_en = rng.choice((("이메일을", "an email"), ("편지를", "a letter"), ("선물을", "a present"),
                                         ("문자를", "a text message")))
        to = "에게" if rng.random() < 0.5 else "한테"
        ko = [name + honor + to, thing_ko, conjugate("보내다", Form("past", level))]
        return Sentence(_sentence(ko, False), en.sentence(["I sent", thing_en, "to", roman], False), pairs)
    if kind == "i_am":
        if level == "plain":
            return None
        ko = [attach("저", TOPIC), copula(name, "present", level)]
        return Sentence(_sentence(ko, False), en.sentence(["I am", roman], False), pairs)
    if kind == "city_live":
        city = rng.choice(CITIES)
        subject = _subject(rng, level, False)
        _, group = en.verb_group("live", "present", False, False, subject.person, subject.plural)
        ko = [_subject_ko(subject, rng), city + "에", conjugate("살다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([subject.en, group, "in", romanize_place(city)], False),
                        pairs)
    if kind == "count":
        action = rng.choice([a for a in _TRANSITIVE if a.ko in ("사다", "팔다", "주문하다", "먹다", "받다")])
        nouns = [n for n in _OBJECTS[action] if _counter(n) is not None]
        if not nouns:
            return None
        noun = rng.choice(nouns)
        counter, unit = _counter(noun)
        n = rng.randint(2, 999)
        ko = [attach(noun.ko, OBJECT), f"{n}{counter}", conjugate(action.ko, Form("past", level), action.irregular)]
        what = f"{n} {en.plural(unit)} of {noun.plural()}" if unit else f"{n} {noun.plural()}"
        verb = en.past(action.en.split()[0])
        return Sentence(_sentence(ko, False), en.sentence(["I", verb, what], False), pairs)
    if kind == "price":
        noun = rng.choice([n for n in NOUNS if n.cats & {"clothes", "item", "device", "book"} and n.kind != "n"])
        price = rng.randint(1, 500) * rng.choice((100, 1000, 10000))
        written = f"{price:,}"
        det_ko, det_en = ("이", "these" if noun.kind == "p" else "this")
        ko = [attach(f"{det_ko} {noun.ko}", TOPIC), copula(written + "원", "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([det_en, noun.en, "are" if noun.kind == "p" else "is",
                                                           written, "won"], False), pairs)
    if kind == "clock":
        hour = rng.randint(1, 12)
        minute = rng.choice((0, 0, 10, 15, 20, 30, 40, 45, 50))
        action_ko, action_en = rng.choice((("일어났어", "I got up"), ("잤어", "I went to bed"),
                                           ("출발했어", "I left"), ("도착했어", "I arrived")))
        when_ko = f"{hour}시 {minute}분에" if minute else f"{hour}시에"
        when_en = f"at {hour}:{minute:02d}" if minute else f"at {hour} o'clock"
        ending = {"plain": "", "polite": "요", "formal": None}[level]
        if ending is None:
            return None
        return Sentence(_sentence([when_ko, action_ko + ending], False), en.sentence([action_en, when_en], False),
                        pairs)
    if kind == "year":
        year = rng.randint(1950, 2030)
        future = year > 2026
        city = rng.choice(CITIES)
        verb = conjugate("이사하다", Form("future" if future else "past", level))
        ko = [f"{year}년에", attach(city, MEANS), verb]
        return Sentence(_sentence(ko, False), en.sentence(["I", "will move" if future else "moved", "to",
                                                           romanize_place(city), "in", str(year)], False), pairs)
    if kind == "floor":
        n = rng.randint(1, 60)
        place_ko, place_en = rng.choice((("회의실은", "the meeting room"), ("제 사무실은", "my office"),
                                         ("식당은", "the restaurant"), ("화장실은", "the bathroom")))
        ko = [place_ko, f"{n}층에", conjugate("있다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([place_en, "is on the", _ordinal(n), "floor"], False),
                        pairs)
    if kind == "decimal":
        value = f"{rng.randint(1, 42)}.{rng.randint(1, 9)}"
        unit_ko, unit_en, verb_ko, verb_en = rng.choice((("킬로미터를", "kilometers", "뛰다", "ran"),
                                                         ("킬로그램이", "kilograms", None, "weigh"),
                                                         ("킬로미터를", "kilometers", "걷다", "walked")))
        if verb_ko is None:
            ko = [f"이 가방은 {value}{unit_ko}", conjugate("나가다", Form("present", level))]
            return Sentence(_sentence(ko, False), en.sentence(["this bag weighs", value, unit_en], False), pairs)
        ko = ["오늘", f"{value}{unit_ko}", conjugate(verb_ko, Form("past", level), "ㄷ" if verb_ko == "걷다" else None)]
        return Sentence(_sentence(ko, False), en.sentence(["I", verb_en, value, unit_en, "today"], False), pairs)
    word = _latin_word(rng)
    formal = "입니다"
    if kind == "latin_password":
        return Sentence(_sentence(["비밀번호는", word + formal], False),
                        en.sentence(["the password is", word], False), pairs)
    if kind == "latin_id":
        return Sentence(_sentence(["제 아이디는", word + formal], False), en.sentence(["my ID is", word], False), pairs)
    if kind == "latin_on":
        show_ko, show_en = rng.choice((("영화를", "a movie"), ("드라마를", "a drama"), ("뉴스를", "the news")))
        ko = [word + "에서", show_ko, conjugate("보다", Form("past", level))]
        return Sentence(_sentence(ko, False), en.sentence(["I watched", show_en, "on", word], False), pairs)
    if kind == "latin_file":
        ko = [word, "파일을", {"plain": "보내 줘", "polite": "보내 주세요", "formal": "보내 주십시오"}[level]]
        english = f"send the {word} file, please" if level == "plain" else f"please send the {word} file"
        return Sentence(_sentence(ko, False), en.sentence([english], False), pairs)
    ko = [word + "에서", conjugate("일하다", Form("present", level))]
    return Sentence(_sentence(ko, False), en.sentence(["I work at", word], False), pairs)


# name -> (function, weight in the draw): the first constructions of every corpus revision (everyday_corpus.py).
BASE_CONSTRUCTIONS = {
    "statement": (statement, 5), "modal": (modal, 4), "request": (request, 3), "wh_question": (wh_question, 2),
    "describe": (describe, 3), "compare": (compare, 1), "feeling": (feeling, 2), "weather": (weather, 2),
    "connective": (connective, 3), "existence": (existence, 2), "copy": (copy_case, 3), "linked": (linked, 3),
    "numbers": (numbers, 2), "health": (health, 1), "describe_place": (describe_place, 1),
}


def normal_korean(text: str) -> str:
    """What makes two Korean sentences the same: not spacing, not final punctuation."""
    return "".join(ch for ch in text if ch not in " .?!…,")


__all__ = [
    "BASE_CONSTRUCTIONS",
    "Sentence",
    "normal_korean",
    "object_en",
    "random_name",
]
