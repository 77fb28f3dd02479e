"""Everyday constructions of corpus revision 5: verb relative clauses, the background -는데, and the vocabulary
the development set uses that revisions 3 and 4 never generate (the `REV5_*` lists of everyday_lexicon.py, which
no older construction draws from). `REV5_CONSTRUCTIONS`, listed in everyday_corpus.REVISIONS as added in
revision 5, so that `EverydayConfig(revision=4)` (and 3) still draws exactly the older corpus. About 13%
of the everyday draw.

* verb relative clauses before nouns, -(으)ㄴ/-는/-(으)ㄹ: 어제 본 영화는 정말 재미있었어요 (The movie I saw
  yesterday was really interesting), 새로 산 휴대폰이 고장 났어요 (The new phone I bought broke), 어제 산 가방을
  잃어버렸어요 (I lost the bag I bought yesterday), 제가 좋아하는 과일은 딸기예요 (My favorite fruit is
  strawberries), 좋아하는 음식이 뭐예요? (What is your favorite food?), 내일 갈 곳은 부산이에요 (The place I will
  go to tomorrow is Busan), 오늘 할 일이 많아요 (I have a lot of things to do today), 어제 만난 사람이 누구예요?
  (Who was the person you met yesterday?);
* background, -는데/-(으)ㄴ데: 비가 오는데 우산이 없어요 (It is raining, but I do not have an umbrella), 배고픈데
  뭐 먹을까요? (I am hungry; shall we eat something?), 메시지를 보냈는데 답장이 없어요 (I sent a message, but there
  is no reply), 이 옷은 예쁜데 너무 비싸요 (These clothes are pretty, but they are too expensive);
* events over the revision-5 verbs: 비가 그쳤어요 (The rain has stopped), 요즘 물가가 너무 올랐어요 (Prices have
  gone up too much these days), 차가 많이 막혀요 (The traffic is very heavy), 문이 잠겨 있어요 (The door is locked),
  저는 서울에서 태어났어요 (I was born in Seoul), 우리는 내일 떠나요 (We are leaving tomorrow), 아내가 아기를
  낳았어요 (My wife had a baby), 아들이 올해 초등학교에 들어갔어요 (My son started elementary school this year),
  저는 은행에 다녀요 (I work at a bank), 저는 대학교에서 경영학을 전공했어요 (I majored in business administration
  at university), 저는 그 의견에 동의해요 (I agree with that opinion), 지갑을 집에 두고 왔어요 (I left my wallet at
  home), 크리스마스가 일주일 남았어요 (Christmas is a week away), 컴퓨터가 고장 났어요 (The computer broke);
* people, work and shopping over the revision-5 nouns: 남편은 요리사예요 (My husband is a chef), 제 이름은
  김민준이에요 (My name is Kim Minjun), 제 취미는 사진 찍기예요 (My hobby is taking pictures), 형제가 있어요? (Do you
  have any siblings?), 동료들이 모두 친절해요 (My coworkers are all kind), 저는 이 동네가 마음에 들어요 (I like this
  neighborhood), 그 친구는 잘생겼어요 (That friend is handsome), 이번 학기에 수업을 다섯 개 들어요 (I am taking five
  classes this semester), 메뉴판 좀 주세요 (Please give me the menu), 좀 더 큰 사이즈 있어요? (Do you have a
  bigger size?), 후식으로 아이스크림을 먹었어요 (I had ice cream for dessert), 오른쪽으로 가세요 (Go to the right),
  전화번호가 어떻게 되세요? (What is your phone number?), 서울은 어제 영하 10도였어요 (It was minus 10 degrees in
  Seoul yesterday), 오늘이 며칠이에요? (What is the date today?), 한국말을 정말 잘하시네요 (You speak Korean really
  well), 어릴 때 부산에 살았어요 (I lived in Busan when I was young), 제 생각에는 이게 더 좋아요 (I think this one
  is better);
* set phrases and the revision-5 adverbs: 다음에 또 만나요 (See you next time), 푹 쉬세요 (Get some good rest),
  처음 뵙겠습니다 (Nice to meet you), 수고하셨습니다 (Thank you for your hard work), 늦어서 죄송합니다 (I am sorry I
  am late), 이 책 한번 읽어 보세요 (Try reading this book).
"""

from __future__ import annotations

import random

from . import english as en
from .everyday import (ADJECTIVES, CITIES, NOUNS, _NEGATIVE, _NOUNS_BY_CAT, Sentence,
                       _adnominal_present, _sentence, random_name)
from .everyday_lexicon import REV5_ADJECTIVES, REV5_ADVERBS, REV5_NOUNS, REV5_VERBS
from .everyday_more import _ROLES
from .hangul import OBJECT, SUBJECT, TOPIC, attach
from .korean import Form, a_form, conjugate, copula, eu, past_stem, stem_of
from service.text.romanize import romanize_name, romanize_place

_R5_NOUN = {n.ko: n for n in REV5_NOUNS}
_R5_VERB = {v.ko: v for v in REV5_VERBS}
_R5_ADJ = {a.ko: a for a in REV5_ADJECTIVES}
_R5_ADV = dict(REV5_ADVERBS)
_NOUN = {n.ko: n for n in NOUNS}
_DEGREE = (("정말", "really"), ("너무", "too"), ("아주", "very"), ("", ""))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _conj(verb: str, tense: str, level: str, question: bool = False, negative: bool = False) -> str:
    irregular = _R5_VERB[verb].irregular if verb in _R5_VERB else None
    head, _, last = verb.rpartition(" ")
    return (head + " " if head else "") + conjugate(last, Form(tense, level, negative, question), irregular)


def _the(noun) -> str:
    return f"the {noun.en}"


def _be(noun, tense: str) -> str:
    plural = noun.kind == "p"
    return en.be(3, plural, tense)


# --------------------------------------------------------------------------- relative clauses

_WHEN_PAST = (("어제", "yesterday"), ("지난주에", "last week"), ("지난 주말에", "last weekend"), ("", ""))
# verb, irregular, English past, noun categories of the head noun
_REL_VERBS = (("보다", None, "saw", ("show",)), ("사다", None, "bought", ("clothes", "device", "footwear", "accessory")),
              ("읽다", None, "read", ("book",)), ("듣다", "ㄷ", "listened to", ("song",)),
              ("만들다", None, "made", ("dish",)), ("먹다", None, "ate", ("dish",)))
_FAVORITE = (("과일", "fruit", "fruit"), ("음식", "food", "dish"), ("운동", "sport", "sport"))
_FUTURE_WHEN = (("내일", "tomorrow"), ("이번 주말에", "this weekend"), ("다음 주에", "next week"))


def _past_relative(verb: str, irregular: str | None) -> str:
    return eu(stem_of(verb), "ㄴ", irregular)


def _head_nouns(cats) -> list:
    """Head nouns whose English agrees plainly: not mass nouns that read as plurals (chewy noodles)."""
    return [n for c in cats for n in _NOUNS_BY_CAT.get(c, []) if " " not in n.ko and n.kind in ("c", "p", "m")
            and not (n.kind == "m" and n.en.endswith("s"))]


def _degree(rng: random.Random, adjective) -> tuple[str, str]:
    """정말/아주/(nothing), and 너무 (too) only before what is too much of a bad thing."""
    options = _DEGREE if adjective.en in _NEGATIVE else tuple(d for d in _DEGREE if d[0] != "너무")
    return rng.choice(options)


def _rel_pick(rng: random.Random):
    verb, irregular, past, cats = rng.choice(_REL_VERBS)
    nouns = _head_nouns(cats)
    noun = rng.choice(nouns)
    return verb, irregular, past, noun


def relative_clause(rng: random.Random) -> Sentence | None:
    level = rng.choice(("plain", "polite", "formal"))
    kind = rng.choice(("subject", "subject", "new", "object", "favorite", "future", "todo", "who"))
    me = {"plain": "내가", "polite": "제가", "formal": "제가"}[level] if rng.random() < 0.3 else ""
    if kind in ("subject", "object"):
        verb, irregular, past, noun = _rel_pick(rng)
        when_ko, when_en = rng.choice(_WHEN_PAST)
        if not when_ko and not me:
            me = {"plain": "내가", "polite": "제가", "formal": "제가"}[level]
        clause_ko = " ".join(w for w in (when_ko, me, _past_relative(verb, irregular), noun.ko) if w)
        clause_en = " ".join(w for w in (f"the {noun.en} I {past}", when_en) if w)
        pairs = frozenset({("relative", verb, noun.ko + ":" + noun.en)})
        if kind == "object":
            if verb != "사다":
                return None
            if rng.random() < 0.5:
                ko = [clause_ko.replace(noun.ko, attach(noun.ko, OBJECT)), _conj("잃어버리다", "past", level)]
                return Sentence(_sentence(ko, False), en.sentence(["I lost", clause_en], False), pairs)
            ko = [clause_ko.replace(noun.ko, attach(noun.ko, OBJECT)), "환불하고 " + _conj("싶다", "present", level)]
            return Sentence(_sentence(ko, False), en.sentence(["I want to get a refund for", clause_en], False), pairs)
        adjectives = [a for a in ADJECTIVES if a.cats & noun.cats and a.ko != "좋다"]
        if not adjectives:
            return None
        adjective = rng.choice(adjectives)
        degree_ko, degree_en = _degree(rng, adjective)
        tense = "past"
        ko = [clause_ko.replace(noun.ko, attach(noun.ko, TOPIC)), degree_ko,
              conjugate(adjective.ko, Form(tense, level), adjective.irregular)]
        words = [clause_en, _be(noun, tense), degree_en, adjective.en]
        return Sentence(_sentence(ko, False), en.sentence(words, False),
                        pairs | {("relative-adj", noun.ko, adjective.ko)})
    if kind == "new":
        noun = rng.choice(_head_nouns(("device", "clothes", "footwear")))
        pairs = frozenset({("relative-new", "사다", noun.ko + ":" + noun.en)})
        clause_ko = " ".join(w for w in (me, "새로 산") if w)
        if "device" in noun.cats and rng.random() < 0.6:
            ko = [clause_ko, attach(noun.ko, SUBJECT), _conj("고장 나다", "past", level)]
            return Sentence(_sentence(ko, False), en.sentence([f"the new {noun.en} I bought", "broke"], False), pairs)
        adjectives = [a for a in ADJECTIVES if a.cats & noun.cats and a.ko != "좋다"]
        adjective = rng.choice(adjectives)
        degree_ko, degree_en = _degree(rng, adjective)
        ko = [clause_ko, attach(noun.ko, TOPIC), degree_ko,
              conjugate(adjective.ko, Form("present", level), adjective.irregular)]
        words = [f"the new {noun.en} I bought", _be(noun, "present"), degree_en, adjective.en]
        return Sentence(_sentence(ko, False), en.sentence(words, False),
                        pairs | {("relative-adj", noun.ko, adjective.ko)})
    if kind == "favorite":
        head_ko, head_en, cat = rng.choice(_FAVORITE)
        if rng.random() < 0.3:
            if level == "formal":
                return None
            ko = ["좋아하는", attach(head_ko, SUBJECT), "뭐야" if level == "plain" else "뭐예요"]
            return Sentence(_sentence(ko, True), f"What is your favorite {head_en}?",
                            frozenset({("favorite", head_ko, "?")}))
        noun = rng.choice([n for n in _NOUNS_BY_CAT[cat] if " " not in n.ko])
        ko = [me or {"plain": "내가", "polite": "제가", "formal": "제가"}[level], "좋아하는", attach(head_ko, TOPIC),
              copula(noun.ko, "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([f"my favorite {head_en} is", noun.plural()], False),
                        frozenset({("favorite", head_ko, noun.ko + ":" + noun.en)}))
    if kind == "future":
        when_ko, when_en = rng.choice(_FUTURE_WHEN)
        city = rng.choice(CITIES)
        ko = [when_ko, "갈", "곳은", copula(city, "present", level)]
        return Sentence(_sentence(ko, False),
                        en.sentence([f"the place I will go to {when_en} is", romanize_place(city)], False),
                        frozenset({("relative-go", when_ko, city)}))
    if kind == "todo":
        when_ko, when_en = rng.choice((("오늘", "today"), ("내일", "tomorrow"), ("이번 주에", "this week")))
        ko = [when_ko, "할", "일이", "많" + {"plain": "아", "polite": "아요", "formal": "습니다"}[level]]
        return Sentence(_sentence(ko, False), en.sentence(["I have a lot of things to do", when_en], False),
                        frozenset({("relative-todo", when_ko, "많다")}))
    # who
    if level == "formal":
        return None
    when_ko, when_en = rng.choice(_WHEN_PAST[:3])
    ko = [when_ko, "만난", "사람이", "누구야" if level == "plain" else "누구예요"]
    return Sentence(_sentence(ko, True), f"Who was the person you met {when_en}?",
                    frozenset({("relative-who", when_ko, "만나다")}))


# --------------------------------------------------------------------------- -는데 / -(으)ㄴ데

# key: (Korean before the predicate, predicate, kind, English)
_BACKGROUND = {
    "rain": ("비가", "오다", "verb", "it is raining"),
    "snow": ("눈이", "오다", "verb", "it is snowing"),
    "hungry": ("", "배고프다", "adj", "I am hungry"),
    "tired": ("", "피곤하다", "adj", "I am tired"),
    "bored": ("", "심심하다", "adj", "I am bored"),
    "nice": ("날씨가", "좋다", "adj", "the weather is nice"),
    "cold": ("날씨가", "춥다", "adj", "it is cold"),
    "message": ("메시지를", "보내다", "past", "I sent a message"),
    "studied": ("열심히", "공부하다", "past", "I studied hard"),
    "called": ("전화를", "하다", "past", "I called"),
}
# key: (Korean before the predicate, predicate, tense, mood, English)
_FOLLOW = {
    "umbrella": ("우산이", "없다", "present", "statement", "I do not have an umbrella"),
    "home": ("집에 있고", "싶다", "present", "statement", "I want to stay home"),
    "eat": ("뭐", "먹다", "present", "shall", "shall we eat something"),
    "walk": ("같이", "산책하다", "present", "shall", "shall we take a walk together"),
    "movie": ("같이 영화", "보다", "present", "shall", "shall we watch a movie together"),
    "reply": ("답장이", "없다", "present", "statement", "there is no reply"),
    "work": ("일이", "많다", "present", "statement", "I have a lot of work"),
    "sleep": ("일찍 자고", "싶다", "present", "statement", "I want to go to bed early"),
    "test": ("시험을 잘 못", "보다", "past", "statement", "I did not do well on the test"),
    "nobody": ("아무도 안", "받다", "past", "statement", "nobody answered"),
    "fridge": ("냉장고에 음식이", "없다", "present", "statement", "there is no food in the fridge"),
}
_COMBOS = (("rain", "umbrella", "but"), ("rain", "home", "so"), ("snow", "home", "so"), ("snow", "umbrella", "but"),
           ("hungry", "eat", ";"), ("hungry", "fridge", "but"), ("tired", "work", "but"), ("tired", "sleep", "so"),
           ("bored", "movie", ";"), ("bored", "walk", ";"), ("nice", "walk", ";"), ("cold", "home", "so"),
           ("message", "reply", "but"), ("studied", "test", "but"), ("called", "nobody", "but"))
_IRREGULAR = {"춥다": "ㅂ", "배고프다": None}
_BUT_NOUNS = ("clothes", "footwear", "accessory", "device")


def _neunde(predicate: str, kind: str) -> str:
    stem = stem_of(predicate)
    if kind == "past":
        return past_stem(stem) + "는데"
    if kind == "verb" or stem.endswith(("있", "없")):
        return _adnominal_present(stem) + "데"
    return eu(stem, "ㄴ데", _IRREGULAR.get(predicate))


def _neunde_adj(adjective) -> str:
    stem = stem_of(adjective.ko)
    if stem.endswith(("있", "없")):
        return stem + "는데"                          # 멋있는데, 재미없는데
    return eu(stem, "ㄴ데", adjective.irregular)


def background(rng: random.Random) -> Sentence | None:
    level = rng.choice(("plain", "polite", "formal"))
    if rng.random() < 0.25:                       # 이 옷은 예쁜데 너무 비싸요
        noun = rng.choice([n for c in _BUT_NOUNS for n in _NOUNS_BY_CAT[c] if " " not in n.ko])
        good = [a for a in ADJECTIVES if a.ko in ("예쁘다", "편하다", "멋있다", "가볍다", "귀엽다", "편리하다")
                and a.cats & noun.cats]
        bad = [a for a in ADJECTIVES if a.ko in ("비싸다", "무겁다", "작다", "크다", "불편하다") and a.cats & noun.cats]
        if not good or not bad:
            return None
        first, second = rng.choice(good), rng.choice(bad)
        ko = ["이", attach(noun.ko, TOPIC), _neunde_adj(first), "너무",
              conjugate(second.ko, Form("present", level), second.irregular)]
        plural = noun.kind == "p"
        subject = f"{'these' if plural else 'this'} {noun.en}"
        text = (f"{_capital(subject)} {en.be(3, plural)} {first.en}, but {'they' if plural else 'it'} "
                f"{en.be(3, plural)} too {second.en}.")
        return Sentence(_sentence(ko, False), text, frozenset({("neunde-adj", first.ko, second.ko)}))
    first, second, joiner = rng.choice(_COMBOS)
    before, predicate, kind, first_en = _BACKGROUND[first]
    after, verb, tense, mood, second_en = _FOLLOW[second]
    if mood == "shall":
        if level == "formal":
            return None
        end = eu(stem_of(verb), "ㄹ까요" if level == "polite" else "ㄹ까")
        ko = [before, _neunde(predicate, kind), after, end]
        return Sentence(_sentence(ko, True), _capital(f"{first_en}; {second_en}?"),
                        frozenset({("neunde", first, second)}))
    ko = [before, _neunde(predicate, kind), after, conjugate(verb, Form(tense, level))]
    text = f"{first_en}, {joiner} {second_en}." if joiner in ("but", "so") else f"{first_en}; {second_en}."
    return Sentence(_sentence(ko, False), _capital(text), frozenset({("neunde", first, second)}))


# --------------------------------------------------------------------------- events over the revision-5 verbs

_KIDS = (("아들", "my son"), ("딸", "my daughter"))
_SCHOOLS = (("초등학교", "elementary school"), ("중학교", "middle school"), ("고등학교", "high school"))
_WORKPLACES = (("회사", "a company"), ("은행", "a bank"), ("병원", "a hospital"), ("학교", "a school"))
_LEFT_AT = (("집에", "at home"), ("회사에", "at work"), ("차에", "in the car"), ("식당에", "at the restaurant"))
_AWAY = (("크리스마스", "Christmas"), ("제 생일", "my birthday"), ("시험", "the test"), ("방학", "vacation"))
_SPANS = (("일주일", "a week"), ("이틀", "two days"), ("한 달", "a month"), ("삼 일", "three days"))


def events(rng: random.Random) -> Sentence | None:
    level = rng.choice(("plain", "polite", "formal"))
    me = {"plain": "나는", "polite": "저는", "formal": "저는"}[level]
    kind = rng.choice(("stop", "prices", "traffic", "locked", "born", "leave", "baby", "school", "work", "major",
                       "agree", "left", "away", "broke"))
    pairs = frozenset({("rev5-verb", kind, level)})
    if kind == "stop":
        if rng.random() < 0.6:
            return Sentence(_sentence(["비가", _conj("그치다", "past", level)], False), "The rain has stopped.", pairs)
        return Sentence(_sentence(["비가", "곧", _conj("그치다", "future", level)], False), "The rain will stop soon.",
                        pairs)
    if kind == "prices":
        degree_ko, degree_en = rng.choice((("많이", "a lot"), ("너무", "too much"), ("조금", "a little")))
        lately = rng.random() < 0.5
        ko = ["요즘" if lately else "", "물가가", degree_ko, _conj("오르다", "past", level)]
        return Sentence(_sentence(ko, False),
                        en.sentence(["prices have gone up", degree_en, "these days" if lately else ""], False), pairs)
    if kind == "traffic":
        degree_ko, degree_en = rng.choice((("많이", "very heavy"), ("조금", "a little heavy"), ("", "heavy")))
        tense = rng.choice(("present", "past"))
        ko = ["차가", degree_ko, _conj("막히다", tense, level)]
        return Sentence(_sentence(ko, False), f"The traffic {'is' if tense == 'present' else 'was'} {degree_en}.",
                        pairs)
    if kind == "locked":
        thing_ko, thing_en = rng.choice((("문이", "door"), ("창문이", "window"), ("차가", "car")))
        tense = rng.choice(("present", "past"))
        ko = [thing_ko, a_form("잠기") + " " + conjugate("있다", Form(tense, level))]
        return Sentence(_sentence(ko, False), f"The {thing_en} {'is' if tense == 'present' else 'was'} locked.",
                        pairs)
    if kind == "born":
        if rng.random() < 0.3 and level != "formal":
            ko = ["어디에서", _conj("태어나다", "past", level, question=True)]
            return Sentence(_sentence(ko, True), "Where were you born?", pairs)
        city = rng.choice(CITIES)
        ko = [me, city + "에서", _conj("태어나다", "past", level)]
        return Sentence(_sentence(ko, False), f"I was born in {romanize_place(city)}.", pairs)
    if kind == "leave":
        who_ko, who_en = rng.choice(((me, "I am"), ("우리는", "we are")))
        when_ko, when_en = rng.choice((("내일", "tomorrow"), ("다음 주에", "next week"), ("오늘 밤에", "tonight")))
        ko = [who_ko, when_ko, _conj("떠나다", "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([who_en, "leaving", when_en], False), pairs)
    if kind == "baby":
        who_ko, who_en = rng.choice((("아내가", "my wife"), ("언니가", "my older sister"), ("누나가", "my older sister")))
        ko = [who_ko, "아기를", _conj("낳다", "past", level)]
        return Sentence(_sentence(ko, False), en.sentence([who_en, "had a baby"], False), pairs)
    if kind == "school":
        kid_ko, kid_en = rng.choice(_KIDS)
        school_ko, school_en = rng.choice(_SCHOOLS)
        ko = [attach(kid_ko, SUBJECT), "올해", school_ko + "에", _conj("들어가다", "past", level)]
        return Sentence(_sentence(ko, False), en.sentence([kid_en, "started", school_en, "this year"], False),
                        frozenset({("rev5-school", kid_ko, school_ko)}))
    if kind == "work":
        place_ko, place_en = rng.choice(_WORKPLACES)
        if place_ko == "학교":
            return None
        tense = rng.choice(("present", "past"))
        ko = [me, place_ko + "에", _conj("다니다", tense, level)]
        return Sentence(_sentence(ko, False),
                        f"I {'work' if tense == 'present' else 'worked'} at {place_en}.",
                        frozenset({("rev5-work", place_ko, tense)}))
    if kind == "major":
        subject = rng.choice([n for n in _NOUNS_BY_CAT["subject"] if " " not in n.ko])
        ko = [me, "대학교에서", attach(subject.ko, OBJECT), _conj("전공하다", "past", level)]
        return Sentence(_sentence(ko, False), f"I majored in {subject.en} at university.",
                        frozenset({("rev5-major", "전공하다", subject.ko)}))
    if kind == "agree":
        negative = rng.random() < 0.3
        ko = [me, "그", "의견에", _conj("동의하다", "present", level, negative=negative)]
        return Sentence(_sentence(ko, False),
                        f"I {'do not agree' if negative else 'agree'} with that opinion.", pairs)
    if kind == "left":
        item = _NOUN[rng.choice(("열쇠", "지갑", "가방", "우산", "휴대폰", "안경"))]
        if rng.random() < 0.3 and level != "formal":
            ko = [attach(item.ko, OBJECT), "어디에", _conj("두다", "past", level, question=True)]
            return Sentence(_sentence(ko, True), f"Where did you put the {item.en}?",
                            frozenset({("rev5-put", item.ko, "?")}))
        where_ko, where_en = rng.choice(_LEFT_AT)
        ko = [attach(item.ko, OBJECT), where_ko, "두고", _conj("오다", "past", level)]
        return Sentence(_sentence(ko, False), f"I left my {item.en} {where_en}.",
                        frozenset({("rev5-left", item.ko, where_ko)}))
    if kind == "away":
        what_ko, what_en = rng.choice(_AWAY)
        span_ko, span_en = rng.choice(_SPANS)
        if what_ko == "제 생일" and level == "plain":
            what_ko = "내 생일"
        ko = [attach(what_ko, SUBJECT), span_ko, _conj("남다", "past", level)]
        return Sentence(_sentence(ko, False), en.sentence([what_en, "is", span_en, "away"], False),
                        frozenset({("rev5-away", what_ko, span_ko)}))
    # broke
    device = rng.choice([n for n in _NOUNS_BY_CAT["device"] if " " not in n.ko and n.kind == "c"])
    ko = [attach(device.ko, SUBJECT), _conj("고장 나다", "past", level)]
    return Sentence(_sentence(ko, False), f"The {device.en} broke.", frozenset({("rev5-broke", device.ko, "")}))


# --------------------------------------------------------------------------- people, work and shopping

_JOBS = [(ko, e) for ko, e in _ROLES if " 사람" not in ko and ko != "외동"]
_HOBBIES = (("사진 찍기", "taking pictures"), ("요리", "cooking"), ("독서", "reading"), ("등산", "hiking"),
            ("여행", "traveling"), ("음악 듣기", "listening to music"), ("영화 보기", "watching movies"),
            ("수영", "swimming"))
_ASK = (("이름이", "What is your name?"), ("전화번호가", "What is your phone number?"),
        ("주소가", "What is your address?"), ("나이가", "How old are you?"))


def people(rng: random.Random) -> Sentence | None:
    level = rng.choice(("plain", "polite", "formal"))
    kind = rng.choice(("spouse", "name", "hobby", "siblings", "coworkers", "like", "looks", "semester", "menu",
                       "size", "dessert", "direction", "ask", "temperature", "date", "korean", "young", "opinion"))
    if kind == "temperature":
        city = rng.choice(CITIES)
        n = rng.randint(1, 15)
        tense, when_ko, when_en = rng.choice((("present", "오늘", "today"), ("past", "어제", "yesterday")))
        ko = [attach(city, TOPIC), when_ko, "영하", copula(f"{n}도", tense, level)]
        text = f"It {'is' if tense == 'present' else 'was'} minus {n} degree{'' if n == 1 else 's'} in {romanize_place(city)} {when_en}."
        return Sentence(_sentence(ko, False), text, frozenset({("rev5-temperature", city, tense)}))
    if kind == "date":
        if level == "formal":
            return None
        what_ko, text = rng.choice((("오늘이", "What is the date today?"), ("생일이", "When is your birthday?")))
        return Sentence(_sentence([what_ko, "며칠이야" if level == "plain" else "며칠이에요"], True), text,
                        _FIXED)
    if kind == "korean":
        if level == "polite" and rng.random() < 0.5:
            degree_ko, degree_en = rng.choice((("정말", "really "), ("아주", "very "), ("", "")))
            return Sentence(_sentence(["한국말을", degree_ko, "잘하시네요"], False),
                            f"You speak Korean {degree_en}well.", _FIXED)
        degree_ko, degree_en = rng.choice((("잘", "well"), ("조금", "a little")))
        ko = ["나는" if level == "plain" else "저는", "한국말을", degree_ko, conjugate("하다", Form("present", level))]
        text = "I speak Korean well." if degree_ko == "잘" else "I speak a little Korean."
        return Sentence(_sentence(ko, False), text, frozenset({("rev5-korean", degree_ko, "")}))
    if kind == "young":
        city = rng.choice(CITIES)
        ko = ["어릴", "때", city + "에", conjugate("살다", Form("past", level))]
        return Sentence(_sentence(ko, False), f"I lived in {romanize_place(city)} when I was young.",
                        frozenset({("rev5-young", city, "")}))
    if kind == "opinion":
        mine = "내" if level == "plain" else "제"
        what = rng.choice(((["이게", "더"], "좋다", "this one is better"), (["그게", "더"], "좋다", "that one is better"),
                           (["내일", "비가"], "오다", "it will rain tomorrow")))
        words, verb, text = what
        tense = "future" if verb == "오다" else "present"
        ko = [mine, "생각에는", *words, conjugate(verb, Form(tense, level))]
        return Sentence(_sentence(ko, False), f"I think {text}.", frozenset({("rev5-opinion", verb, "")}))
    if kind == "spouse":
        who = _R5_NOUN[rng.choice(("남편", "아내"))]
        job_ko, job_en = rng.choice(_JOBS)
        ko = [attach(who.ko, TOPIC), copula(job_ko, "present", level)]
        return Sentence(_sentence(ko, False), f"My {who.en} is {job_en}.", frozenset({("rev5-spouse", who.ko, job_ko)}))
    if kind == "name":
        name = random_name(rng)
        mine = "내" if level == "plain" else "제"
        ko = [mine, "이름은", copula(name, "present", level)]
        return Sentence(_sentence(ko, False), f"My name is {romanize_name(name)}.", frozenset({("copy", name, "")}))
    if kind == "hobby":
        if rng.random() < 0.3 and level != "formal":
            ko = ["취미가", "뭐야" if level == "plain" else "뭐예요"]
            return Sentence(_sentence(ko, True), "What is your hobby?", _FIXED)
        hobby_ko, hobby_en = rng.choice(_HOBBIES)
        ko = ["내" if level == "plain" else "제", "취미는", copula(hobby_ko, "present", level)]
        return Sentence(_sentence(ko, False), f"My hobby is {hobby_en}.", frozenset({("rev5-hobby", hobby_ko, "")}))
    if kind == "siblings":
        if rng.random() < 0.5:
            ko = ["형제가", conjugate("있다", Form("present", level, False, True))]
            return Sentence(_sentence(ko, True), "Do you have any siblings?", _FIXED)
        ko = ["나는" if level == "plain" else "저는", "형제가", conjugate("없다", Form("present", level))]
        return Sentence(_sentence(ko, False), "I do not have any siblings.", _FIXED)
    if kind == "coworkers":
        who_ko, who_en = rng.choice((("동료들이", "my coworkers"), ("친구들이", "my friends")))
        adj_ko, adj_en = rng.choice((("친절하다", "kind"), ("착하다", "nice"), ("바쁘다", "busy")))
        ko = [who_ko, "모두", conjugate(adj_ko, Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([who_en, "are all", adj_en], False),
                        frozenset({("rev5-all", who_ko, adj_ko)}))
    if kind == "like":
        what_ko, what_en = rng.choice((("이 동네가", "this neighborhood"), ("새 직장이", "my new job"),
                                       ("이 집이", "this house")))
        negative = rng.random() < 0.3
        ko = ["나는" if level == "plain" else "저는", what_ko, "마음에",
              ("안 " if negative else "") + conjugate("들다", Form("present", level))]
        return Sentence(_sentence(ko, False), f"I {'do not like' if negative else 'like'} {what_en}.",
                        frozenset({("rev5-like", what_ko, str(negative))}))
    if kind == "looks":
        who_ko, who_en = rng.choice((("그 친구는", "that friend"), ("그 배우는", "that actor"),
                                     ("제 남편은", "my husband")))
        if level == "plain" and who_ko.startswith("제 "):
            who_ko = "내 " + who_ko[2:]
        adjective = _R5_ADJ[rng.choice(("잘생기다", "착하다"))]
        degree_ko, degree_en = rng.choice((("정말", "really"), ("", "")))
        tense = "past" if adjective.ko == "잘생기다" else "present"       # 잘생겼어요: is handsome
        ko = [who_ko, degree_ko, conjugate(adjective.ko, Form(tense, level))]
        return Sentence(_sentence(ko, False), en.sentence([who_en, "is", degree_en, adjective.en], False),
                        frozenset({("rev5-looks", who_ko, adjective.ko)}))
    if kind == "semester":
        n = rng.choice((2, 3, 4, 5, 6))
        from .everyday import english_number, native_number
        ko = ["이번", "학기에", "수업을", native_number(n), "개", conjugate("듣다", Form("present", level), "ㄷ")]
        return Sentence(_sentence(ko, False), f"I am taking {english_number(n)} classes this semester.",
                        frozenset({("rev5-semester", "학기", str(n))}))
    if kind == "menu":
        if level == "plain":
            return None
        ko = ["메뉴판", "좀", "주세요" if level == "polite" else "주십시오"]
        return Sentence(_sentence(ko, False), "Please give me the menu.", _FIXED)
    if kind == "size":
        if level == "formal":
            return None
        size_ko, size_en = rng.choice((("큰", "bigger"), ("작은", "smaller")))
        ko = ["좀", "더", size_ko, "사이즈", "있어" if level == "plain" else "있어요"]
        return Sentence(_sentence(ko, True), f"Do you have a {size_en} size?", _FIXED)
    if kind == "dessert":
        food = _NOUN[rng.choice(("아이스크림", "케이크"))] if "케이크" in _NOUN else _NOUN["아이스크림"]
        ko = ["후식으로", attach(food.ko, OBJECT), conjugate("먹다", Form("past", level))]
        return Sentence(_sentence(ko, False), f"I had {food.en} for dessert.", frozenset({("rev5-dessert", food.ko, "")}))
    if kind == "direction":
        side = _R5_NOUN[rng.choice(("오른쪽", "왼쪽"))]
        if rng.random() < 0.5:
            end = {"plain": "가", "polite": "가세요", "formal": "가십시오"}[level]
            return Sentence(_sentence([side.ko + "으로", end], False), f"Go to {side.en}.",
                            frozenset({("rev5-direction", side.ko, "go")}))
        ko = [side.ko + "에", conjugate("있다", Form("present", level))]
        return Sentence(_sentence(ko, False), f"It is on {side.en}.", frozenset({("rev5-direction", side.ko, "on")}))
    # ask
    if level != "polite":
        return None
    what_ko, text = rng.choice(_ASK)
    return Sentence(_sentence([what_ko, "어떻게", "되세요"], True), text, _FIXED)


# --------------------------------------------------------------------------- set phrases and adverbs

# Set phrases and fixed questions pair nothing that could be held out: they are always training sentences.
_FIXED: frozenset = frozenset()

_TRY = (("읽다", "책", "reading this book"), ("먹다", "김치", "this kimchi"), ("입다", "옷", "on these clothes"),
        ("듣다", "노래", "listening to this song"))


def phrases(rng: random.Random) -> Sentence | None:
    level = rng.choice(("plain", "polite", "formal"))
    kind = rng.choice(("again", "rest", "first", "thanks", "sorry", "try"))
    pairs = _FIXED
    if kind == "again":
        if rng.random() < 0.5:
            end = {"plain": "만나", "polite": "만나요", "formal": "만납시다"}[level]
            return Sentence(_sentence(["다음에", "또", end], False), "See you next time.", pairs)
        verb, text = rng.choice((("늦다", "I was late again."), ("잃어버리다", "I lost it again.")))
        return Sentence(_sentence(["또", conjugate(verb, Form("past", level))], False), text,
                        _FIXED)
    if kind == "rest":
        if rng.random() < 0.5:
            end = {"plain": "쉬어", "polite": "쉬세요", "formal": "쉬십시오"}[level]
            return Sentence(_sentence(["푹", end], False), "Get some good rest.", pairs)
        return Sentence(_sentence(["어제", "푹", conjugate("자다", Form("past", level))], False), "I slept well last night.",
                        pairs)
    if kind == "first":
        if level == "formal":
            return Sentence(_sentence(["처음", "뵙겠습니다"], False), "Nice to meet you.", pairs)
        city = rng.choice(CITIES)
        ko = [attach(city, TOPIC), copula("처음", "present", level)]
        return Sentence(_sentence(ko, False), f"This is my first time in {romanize_place(city)}.",
                        _FIXED)
    if kind == "thanks":
        if level == "formal":
            return Sentence(_sentence(["수고하셨습니다"], False), "Thank you for your hard work.", pairs)
        if level == "plain":
            return None
        what_ko, what_en = rng.choice((("도와주셔서", "helping me"), ("와 주셔서", "coming")))
        so_ko, so_en = rng.choice((("", ""), ("정말", " so much")))
        return Sentence(_sentence([what_ko, so_ko, "감사합니다"], False), f"Thank you{so_en} for {what_en}.", _FIXED)
    if kind == "sorry":
        end = {"plain": "미안해", "polite": "죄송해요", "formal": "죄송합니다"}[level]
        what_ko, what_en = rng.choice((("늦어서", "I am sorry I am late."), ("", "I am sorry.")))
        return Sentence(_sentence([what_ko, end], False), what_en, _FIXED)
    verb, noun, text = rng.choice(_TRY)
    end = {"plain": "봐", "polite": "보세요", "formal": "보십시오"}[level]
    irregular = "ㄷ" if verb == "듣다" else None
    ko = ["이", noun, "한번", a_form(stem_of(verb), irregular), end]
    return Sentence(_sentence(ko, False), en.sentence(["try", text], False), _FIXED)


REV5_CONSTRUCTIONS = {
    "relative_clause": (relative_clause, 4), "background": (background, 3), "rev5_events": (events, 3),
    "rev5_people": (people, 2), "set_phrases": (phrases, 1),
}
