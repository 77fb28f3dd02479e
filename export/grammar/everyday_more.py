"""More everyday constructions (corpus v3): what the hand-written development set showed the everyday
grammar lacked. `MORE_CONSTRUCTIONS`, drawn from revision 3 on (everyday_corpus.py); same `Sentence` contract.

* set phrases at the three speech levels (감사합니다 / 고마워요 / 고마워), alone or after 네/아니요;
* 이것/그것/저것 and their short forms (이거, 이게, 이건): what, how much, whose, identity;
* the present perfect: 벌써/이미 (already), 아직 안 (not yet), -아/어 본 적이 있다/없다 and
  -(으)ㄴ 적이 있다 (ever, never), -에 가 봤다 (have been to);
* verb frames: -아/어 보다 (try), -기 시작하다 (start), -게 되다 (end up), -기 싫다 (not want to);
* how many people: 우리 가족은 네 명이에요 (There are four people in my family);
* favourites: 저는 봄을 제일 좋아해요, 제가 제일 좋아하는 과일은 사과예요, 무슨 운동을 제일 좋아해요?;
* remarks: -네요/-군요, 별로 (not very), 어때요/어땠어요 (how is/was);
* the clock and the day: 지금 세 시 반이에요, 오늘은 수요일이에요;
* where and who: 제 가방이 어디에 있어요?, 화장실이 어디예요?, 여기 있어요, 저 사람은 누구예요?;
* adjectives before nouns: 매운 음식을 좋아해요, 큰 가방을 샀어요;
* where things are: 책상 위에, 은행 옆에, 학교 앞에 편의점이 있어요;
* how long it takes: 집에서 회사까지 삼십 분 걸려요, 여기서 공항까지 얼마나 걸려요?;
* to someone: 엄마한테 전화했어요, 민수에게 이메일을 보낼게, 할머니께 선물을 드렸어요 (께 + 드리다);
* who someone is: 저는 회사원이에요, 아버지는 선생님이세요 (-(이)시다), 한국 사람이에요?;
* by when: 금요일까지 보고서를 끝내야 해요, 내일까지 보낼게요;
* go and do: 도서관에 가서 책을 읽었어요, 시장에 가서 사과를 사자;
* since: 한국에 온 지 삼 년 됐어요 (It has been three years since I came to Korea);
* when things start and end: 수업이 몇 시에 끝나요?, 회의는 세 시에 시작해요, 영화가 벌써 끝났어요;
* countries and languages: 어느 나라에서 왔어요?, 미국에서 왔어요, 일본에 살아요, 한국어를 잘해요.
"""

from __future__ import annotations

import random

from . import english as en
from .everyday import (I_SUBJECT, YOU_SUBJECT, _HOMONYMS, _MOTION, _NAMES, _NOUNS_BY_CAT, _ONCE, _STATIVE, _WEEKDAYS, ACTIONS, ADJECTIVES,
                       PLACES,
                       CITIES, LEVELS, Sentence, _adj_pred, _be_adj, _determiner, _key, _sentence, _subject,
                       _subject_ko, _vp, english_number, native_number, sino_number)
from .hangul import OBJECT, SUBJECT, TOPIC, VOCATIVE, attach, has_final_consonant
from .korean import Form, a_form, conjugate, copula, eu, stem_of
from .lexicon import JOBS
from service.text.romanize import romanize_place

# --------------------------------------------------------------------------- set phrases

# English | plain | polite | formal ("-": none) | whether 네/아니요 may go first. Variants are separated by
# spaces; "_" joins the words of one variant. "no!": only after 아니요 (alone, 괜찮아요 is "I am okay").
_PHRASES = """
Thank you. | 고마워 | 고마워요 감사해요 | 감사합니다 고맙습니다 | -
Thank you so much. | 정말_고마워 너무_고마워 | 정말_고마워요 정말_감사해요 | 정말_감사합니다 대단히_감사합니다 | -
I am sorry. | 미안해 | 미안해요 죄송해요 | 죄송합니다 미안합니다 | -
It is okay. | 괜찮아 | 괜찮아요 | 괜찮습니다 | no!
Hello. | 안녕 | 안녕하세요 | 안녕하십니까 | -
Goodbye. | 잘_가 | 안녕히_가세요 안녕히_계세요 | 안녕히_가십시오 안녕히_계십시오 | -
Good night. | 잘_자 | 잘_자요 | - | -
See you tomorrow. | 내일_봐 | 내일_봐요 내일_만나요 | 내일_뵙겠습니다 | -
Nice to meet you. | 반가워 | 반가워요 만나서_반가워요 | 반갑습니다 만나서_반갑습니다 | -
Thank you for the meal. | 잘_먹을게 | 잘_먹을게요 | - | -
I enjoyed the meal. | 잘_먹었어 | 잘_먹었어요 | 잘_먹었습니다 | -
Thank you for your hard work. | 수고했어 | 수고하셨어요 | 수고하셨습니다 | -
Congratulations! | 축하해 | 축하해요 축하드려요 | 축하합니다 축하드립니다 | -
Happy birthday! | 생일_축하해 | 생일_축하해요 | 생일_축하합니다 생일_축하드립니다 | -
Long time no see. | 오랜만이야 | 오랜만이에요 | 오랜만입니다 | -
I understand. | 알겠어 | 알겠어요 | 알겠습니다 | yes
Okay. | 알았어 좋아 | 알았어요 좋아요 | 알았습니다 좋습니다 | yes
I do not know. | 몰라 | 몰라요 | 모릅니다 | no
I am not sure. | 잘_모르겠어 | 잘_모르겠어요 | 잘_모르겠습니다 | no
That is right. | 맞아 | 맞아요 | 맞습니다 | yes
That is not right. | 아니야 | 아니에요 | 아닙니다 | no
You are welcome. | - | 천만에요 | 천만에요 | -
Just a moment. | 잠깐만 | 잠깐만요 잠시만요 | - | -
Be careful. | 조심해 | 조심하세요 | 조심하십시오 | -
Help! | 도와줘 | 도와주세요 | - | -
Excuse me. | - | 저기요 실례합니다 | 실례합니다 | -
Really? | 진짜 정말 | 진짜요 정말요 | - | -
Me too. | 나도 | 저도요 | 저도_그렇습니다 | yes
Of course. | 물론이지 당연하지 | 물론이에요 당연하죠 | 물론입니다 | yes
It is delicious. | 맛있어 | 맛있어요 | 맛있습니다 | yes
I am full. | 배불러 | 배불러요 | 배부릅니다 | yes no
I am hungry. | 배고파 | 배고파요 | 배고픕니다 | yes no
I am busy. | 바빠 | 바빠요 | 바쁩니다 | yes no
I am fine. | 잘_지내 | 잘_지내요 | 잘_지냅니다 | yes
How have you been? | 잘_지냈어 | 잘_지냈어요 잘_지내셨어요 | 잘_지내셨습니까 | -
Have a good day. | - | 좋은_하루_보내세요 | 좋은_하루_보내십시오 | -
Have a good weekend. | 주말_잘_보내 | 주말_잘_보내세요 | 주말_잘_보내십시오 | -
Happy New Year. | 새해_복_많이_받아 | 새해_복_많이_받으세요 | 새해_복_많이_받으십시오 | -
Get well soon. | 빨리_나아 | 빨리_나으세요 | - | -
"""
_ANSWER = {"yes": {"plain": ("응", "Yes"), "polite": ("네", "Yes"), "formal": ("네", "Yes")},
           "no": {"plain": ("아니", "No"), "polite": ("아니요", "No"), "formal": ("아니요", "No")}}


def _phrase_rows():
    rows = []
    for line in _PHRASES.strip().splitlines():
        english, *levels, answers = (f.strip() for f in line.split("|"))
        forms = {lvl: [] if ko == "-" else [v.replace("_", " ") for v in ko.split()] for lvl, ko in zip(LEVELS, levels)}
        rows.append((english, forms, [] if answers == "-" else answers.split()))
    return rows


_PHRASE_ROWS = _phrase_rows()


def phrases(rng: random.Random) -> Sentence | None:
    """감사합니다 → Thank you. / 아니요, 괜찮아요 → No, it is okay. No pairing is held out: a set phrase
    is learnt whole or not at all."""
    english, forms, answers = rng.choice(_PHRASE_ROWS)
    level = rng.choice([lvl for lvl in LEVELS if forms[lvl]])
    ko, text = rng.choice(forms[level]), english
    if answers and (rng.random() < 0.35 or answers[0].endswith("!")):
        a_ko, a_en = _ANSWER[rng.choice(answers).rstrip("!")][level]
        ko, text = f"{a_ko}, {ko}", f"{a_en}, {english if english.startswith('I ') else english[0].lower() + english[1:]}"
    end = english[-1] if english[-1] in "?!" else "."
    if rng.random() < 0.25 and level != "formal":       # 민준아, 고마워 / 민준 씨, 고마워요 → Thank you, Minjun.
        name = rng.choice(_NAMES)
        ko = f"{attach(name.ko, VOCATIVE) if level == 'plain' else name.ko + ' 씨'}, {ko}"
        text = f"{text[:-1]}, {name.en}{end}"
    return Sentence(ko + end, text, frozenset())


# --------------------------------------------------------------------------- this, that


_DEMONSTRATIVE = {"이": ("this", "these"), "그": ("that", "those"), "저": ("that", "those")}
_OWNABLE = [n for c in ("item", "accessory", "clothes", "device", "footwear", "stationery", "book") for n in
            _NOUNS_BY_CAT.get(c, []) if n.kind in ("c", "p")]


def _pronoun_ko(det: str, level: str, case: str) -> str:
    """이거/이게/이건 in speech, 이것은/이것이 in 합니다체."""
    if level == "formal":
        return attach(det + "것", TOPIC if case == "topic" else SUBJECT)
    return det + {"bare": "거", "topic": "건", "subject": "게"}[case]


def demonstrative(rng: random.Random) -> Sentence | None:
    """이거 뭐예요? → What is this? / 그 가방 얼마예요? → How much is that bag? / 이건 제 거예요 → This is mine."""
    det = rng.choice(tuple(_DEMONSTRATIVE))
    this = _DEMONSTRATIVE[det][0]
    level = rng.choice(LEVELS)
    case = rng.choice(("bare", "topic", "subject"))
    kind = rng.choice(("what", "price", "price_noun", "whose", "mine", "name", "identity", "identity"))
    subject = _pronoun_ko(det, level, case)
    if kind == "what":
        what = copula("무엇" if level == "formal" else "뭐", "present", level, question=True)
        return Sentence(f"{subject} {what}?", f"What is {this}?", frozenset())
    if kind in ("price", "price_noun"):
        how_much = copula("얼마", "present", level, question=True)
        if kind == "price":
            return Sentence(f"{subject} {how_much}?", f"How much is {this}?", frozenset())
        noun = rng.choice(_OWNABLE)
        plural = noun.kind == "p"
        det_en = _DEMONSTRATIVE[det][plural]
        return Sentence(f"{det} {noun.ko} {how_much}?", f"How much {'are' if plural else 'is'} {det_en} {noun.en}?",
                        frozenset({("demonstrative", "price", noun.ko)}))
    if kind == "whose":
        return Sentence(f"{subject} {copula('누구 거', 'present', level, question=True)}?", f"Whose is {this}?",
                        frozenset())
    if kind == "mine":
        owner_ko, owner_en = ("내", "mine") if level == "plain" else ("제", "mine")
        if rng.random() < 0.5:
            person = rng.choice(_NAMES)
            owner_ko, owner_en = person.ko, person.en + "'s"
        question = owner_en != "mine" and rng.random() < 0.3
        pred = copula(f"{owner_ko} 거" if level != "formal" else f"{owner_ko} 것", "present", level,
                      question=question)
        words = (["is", this, owner_en] if question else [this, "is", owner_en])
        return Sentence(_sentence([subject, pred], question), en.sentence(words, question),
                        frozenset({("demonstrative", "owner", owner_ko)}))
    noun = rng.choice(_OWNABLE)
    question = rng.random() < 0.3
    negative = not question and rng.random() < 0.2
    pred = copula(noun.ko, "present", level, negative, question)
    plural = noun.kind == "p"
    det_en = _DEMONSTRATIVE[det][plural]
    be = "are" if plural else "is"
    obj = noun.en if plural else en.indefinite(noun.en)
    words = [be, det_en, obj] if question else [det_en, f"{be} not" if negative else be, obj]
    return Sentence(_sentence([subject, pred], question), en.sentence(words, question),
                    frozenset({("demonstrative", "identity", noun.ko)}))


# --------------------------------------------------------------------------- the present perfect


_PERFECT_ACTIONS = [a for a in ACTIONS if a.ko not in _STATIVE | _ONCE | _MOTION | _HOMONYMS and "{o}" not in a.en
                    and not a.en.startswith("be ")]


def _have(subject) -> str:
    return "has" if subject.person == 3 and not subject.plural else "have"


def perfect(rng: random.Random) -> Sentence | None:
    """벌써 점심을 먹었어요? → Have you already eaten lunch? / 아직 숙제를 안 했어 → I have not done ... yet. /
    스키를 타 본 적이 있어요? → Have you ever ridden ...? / 부산에 가 봤어요 → I have been to Busan."""
    kind = rng.choice(("already", "already", "not_yet", "ever", "ever", "never", "been"))
    level = rng.choice(LEVELS)
    action = rng.choice(_PERFECT_ACTIONS)
    if kind in ("ever", "never") and not (action.objects or " " in action.ko):
        return None                                    # "I have slept before": experience needs an object
    question = kind in ("already", "ever") and rng.random() < 0.45
    subject = _subject(rng, level, question, drop=0.6)
    have = _have(subject)
    if kind == "been":
        if rng.random() < 0.6:
            city = rng.choice(CITIES)
            where_ko, where_en = city, romanize_place(city)
        else:
            return None
        times = rng.choice((0, 0, 1, 2, 3))
        count_ko = f"{native_number(times)} 번 " if times else ""
        count_en = {0: "", 1: "once", 2: "twice"}.get(times, f"{english_number(times)} times")
        ever = rng.random() < 0.4 and not times
        ko_pred = "가 본 적이 " + conjugate("있다", Form("present", level, False, ever and question)) if ever else \
            "가 " + conjugate("보다", Form("past", level, False, False))
        question = ever and question
        words = ([have, subject.en, "ever been to", where_en] if question else
                 [subject.en, have, "been to", where_en, count_en])
        return Sentence(_sentence([_subject_ko(subject, rng), where_ko + "에", count_ko + ko_pred], question),
                        en.sentence(words, question), frozenset({("perfect", "been", city)}))
    vko, ven, pairs, noun = _vp(rng, action, place_p=0.0, level=level)
    stem = stem_of(action.ko)
    pp = en.participle(action.en)
    pairs.add(("construction-action", f"perfect:{kind}", _key(action)))
    if kind == "already":
        adverb = "벌써" if question or rng.random() < 0.6 else "이미"
        ko = [_subject_ko(subject, rng), adverb, *vko,
              conjugate(action.ko, Form("past", level, False, question), action.irregular)]
        # statements as everyday.statement writes 벌써: "I already ate"; questions in the perfect
        past = en.verb_group(action.en, "past", False, False, subject.person, subject.plural)[1]
        words = [have, subject.en, "already", pp, *ven] if question else [subject.en, "already", past, *ven]
    elif kind == "not_yet":
        from .everyday import _neg_predicate
        ko = [_subject_ko(subject, rng), "아직", *vko, _neg_predicate(action, "past", level, rng.choice(("short", "mot")))]
        words = [subject.en, have, "not", pp, *ven, "yet"]
    else:
        tried = rng.random() < 0.7 or action.irregular or stem.endswith(tuple(_L_STEMS))
        frame = a_form(stem, action.irregular) + " 본" if tried else eu(stem, "ㄴ", action.irregular)
        exists = "없다" if kind == "never" else "있다"
        never = kind == "never" and rng.random() < 0.4
        ko = [_subject_ko(subject, rng), "한 번도" if never else "", *vko,
              f"{frame} 적이 " + conjugate(exists, Form("present", level, False, question))]
        if question:
            words = [have, subject.en, "ever", pp, *ven]
        elif kind == "never":
            words = [subject.en, have, "never", pp, *ven]
        else:
            words = [subject.en, have, pp, *ven, "before"]
    return Sentence(_sentence(ko, question), en.sentence(words, question), frozenset(pairs))


_L_STEMS = {chr(0xAC00 + i) for i in range(11172) if i % 28 == 8}


# --------------------------------------------------------------------------- verb frames


_FRAME_ACTIONS = [a for a in ACTIONS if a.ko not in _STATIVE | _ONCE | _HOMONYMS and "{o}" not in a.en
                  and not a.en.startswith("be ")]


def _gerund(verb: str) -> str:
    head, _, tail = verb.partition(" ")
    return f"{en.ing(head)} {tail}".strip()


_LEXICAL_TRY = {a.ko for a in ACTIONS if a.ko.endswith(" 보다")}


def frame(rng: random.Random) -> Sentence | None:
    """먹어 보세요 → Try eating ... / 기타를 배우기 시작했어요 → I started learning the guitar. /
    요리하게 됐어요 → I ended up cooking. / 가기 싫어 → I do not want to go. (-(으)ㄹ 줄 알다 and
    -는 것을 좋아하다 are everyday.linked's.)"""
    action = rng.choice(_FRAME_ACTIONS)
    kind = rng.choice(("try", "tried", "start", "end_up", "hate_to"))
    level = rng.choice(LEVELS)
    if action.ko in _MOTION:
        return None
    vko, ven, pairs, noun = _vp(rng, action, place_p=0.2, level=level)
    stem = stem_of(action.ko)
    pairs.add(("construction-action", f"frame:{kind}", _key(action)))
    gerund = _gerund(action.en)
    if kind in ("try", "tried") and f"{a_form(stem, action.irregular)} 보다" in _LEXICAL_TRY:
        return None                                    # 입어 보다 is its own lemma: try on
    if kind == "try":
        ending = {"plain": " 봐", "polite": " 보세요", "formal": " 보십시오"}[level]
        return Sentence(_sentence([*vko, a_form(stem, action.irregular) + ending], False),
                        en.sentence(["try", gerund, *ven], False), frozenset(pairs))
    question = kind == "tried" and rng.random() < 0.4
    subject = _subject(rng, level, question, drop=0.6)
    if kind == "tried":
        pred = a_form(stem, action.irregular) + " " + conjugate("보다", Form("past", level, False, question))
        words = ["did", subject.en, "try", gerund, *ven] if question else [subject.en, "tried", gerund, *ven]
    elif kind == "start":
        pred = stem + "기 " + conjugate("시작하다", Form("past", level))
        words = [subject.en, "started", gerund, *ven]
    elif kind == "end_up":
        pred = stem + "게 " + conjugate("되다", Form("past", level))
        words = [subject.en, "ended up", gerund, *ven]
    else:
        if subject.person != 1:
            return None
        pred = stem + "기 " + conjugate("싫다", Form("present", level))
        words = [subject.en, "do not want to", action.en, *ven]
    return Sentence(_sentence([_subject_ko(subject, rng), *vko, pred], question), en.sentence(words, question),
                    frozenset(pairs))


# --------------------------------------------------------------------------- how many people


_GROUPS = (("가족", "my family", "our family", "people", "명"), ("반", "my class", "our class", "students", "명"),
           ("팀", "my team", "our team", "people", "명"), ("회사", "my company", "our company", "employees", "명"))


def people_count(rng: random.Random) -> Sentence | None:
    """우리 가족은 네 명이에요 → There are four people in my family. / 가족이 몇 명이에요? → How many
    people are there in your family? / 우리 반에는 학생이 스무 명 있어요."""
    ko_group, mine, ours, who, counter = rng.choice(_GROUPS)
    level = rng.choice(LEVELS)
    n = rng.choice(range(2, 10)) if ko_group == "가족" else rng.choice(range(3, 41))
    digits = ko_group == "회사" or (n > 10 and rng.random() < 0.4)
    number_ko, number_en = (f"{n}", str(n)) if digits else (native_number(n) + " ", english_number(n))
    owner = "저희" if level != "plain" and rng.random() < 0.3 else "우리"
    owner_en = mine if ko_group == "가족" else ours        # 우리 가족: "my family" in English
    if ko_group == "가족" and rng.random() < 0.25:
        pred = copula("몇 명", "present", level, question=True)
        return Sentence(f"{attach(ko_group, SUBJECT)} {pred}?", "How many people are there in your family?",
                        frozenset())
    head = f"{owner} {ko_group}"
    if ko_group == "가족" or rng.random() < 0.5:
        ko = f"{attach(head, TOPIC)} {copula(number_ko.strip() + (' ' if not digits else '') + counter, 'present', level)}."
    else:
        member = {"people": "사람", "students": "학생", "employees": "직원"}[who]
        ko = f"{head}에는 {attach(member, SUBJECT)} {number_ko}{counter} {conjugate('있다', Form('present', level))}."
    return Sentence(ko.replace("  ", " "), f"There are {number_en} {who} in {owner_en}.", frozenset({("count", ko_group, str(n))}))


# --------------------------------------------------------------------------- favourites


_SEASONS = (("봄", "spring"), ("여름", "summer"), ("가을", "fall"), ("겨울", "winter"))
_KINDS = (("과일", "fruit", "fruit"), ("운동", "sport", "sport"), ("음식", "food", "dish"), ("동물", "animal", "animal"),
          ("계절", "season", None), ("과목", "subject", "subject"), ("음료", "drink", "drink"))


def _kind_items(cat: str | None) -> list[tuple[str, str, str]]:
    """(Korean, English as liked in general, English as one thing) of a kind."""
    if cat is None:
        return [(ko, e, e) for ko, e in _SEASONS]
    return [(n.ko, n.plural() if n.kind == "c" else n.en, n.en) for n in _NOUNS_BY_CAT.get(cat, []) if n.kind != "n"]


def favourite(rng: random.Random) -> Sentence | None:
    """저는 봄을 제일 좋아해요 → I like spring the most. / 제가 제일 좋아하는 과일은 사과예요 → My favorite
    fruit is apples. / 여름보다 겨울을 더 좋아해요 → I like winter more than summer."""
    kind_ko, kind_en, cat = rng.choice(_KINDS)
    items = _kind_items(cat)
    if len(items) < 2:
        return None
    (x_ko, x_en, _), (y_ko, y_en, _) = rng.sample(items, 2)
    level = rng.choice(LEVELS)
    me = {"plain": ("나는", "내가"), "polite": ("저는", "제가"), "formal": ("저는", "제가")}[level]
    like = conjugate("좋아하다", Form("present", level))
    form = rng.choice(("most", "most", "favorite", "which", "more"))
    pairs = frozenset({("favourite", kind_ko, x_ko)})
    if form == "most":
        ko = [me[0] if rng.random() < 0.6 else "", attach(x_ko, OBJECT), "제일" if rng.random() < 0.7 else "가장", like]
        return Sentence(_sentence(ko, False), f"I like {x_en} the most.", pairs)
    if form == "favorite":
        ko = [me[1], "제일", f"좋아하는 {attach(kind_ko, TOPIC)}", copula(x_ko, "present", level)]
        return Sentence(_sentence(ko, False), f"My favorite {kind_en} is {x_en}.", pairs)
    if form == "which":
        ko = ["무슨", attach(kind_ko, OBJECT), "제일", conjugate("좋아하다", Form("present", level, False, True))]
        return Sentence(_sentence(ko, True), f"What {kind_en} do you like the most?", frozenset())
    ko = [me[0] if rng.random() < 0.5 else "", x_ko + "보다", attach(y_ko, OBJECT), "더", like]
    return Sentence(_sentence(ko, False), f"I like {y_en} more than {x_en}.", pairs)


# --------------------------------------------------------------------------- remarks


_REMARK_ADJECTIVES = [a for a in ADJECTIVES if a.cats - {"state", "weather", "place"} and not a.en.startswith("be ")]


def remark(rng: random.Random) -> Sentence | None:
    """이 김치 정말 맛있네요 → This kimchi is really delicious. / 그 식당은 별로 안 좋았어 → That
    restaurant was not very good. / 그 영화 어땠어요? → How was that movie?"""
    adjective = rng.choice(_REMARK_ADJECTIVES)
    nouns = [n for c in sorted(adjective.cats) for n in _NOUNS_BY_CAT.get(c, []) if n.kind != "n"]
    if not nouns:
        return None
    noun = rng.choice(nouns)
    level = rng.choice(LEVELS)
    det_ko, det_en = _determiner(rng, level, noun) if rng.random() < 0.6 else ("그", "that")
    if det_ko == "그" and noun.kind == "p":
        det_en = "those"
    head = f"{det_ko} {noun.ko}".strip()
    plural = noun.kind == "p"
    kind = rng.choice(("exclaim", "exclaim", "not_very", "how"))
    pairs = frozenset({("adjective-noun", adjective.ko, noun.ko + ":" + noun.en)})
    subject_ko = head if rng.random() < 0.4 else attach(head, rng.choice((TOPIC, SUBJECT)))
    if kind == "how":
        tense = rng.choice(("present", "past"))
        how = _HOW[tense][level]
        be = en.be(3, plural, tense)
        return Sentence(f"{subject_ko} {how}?", f"How {be} {det_en} {noun.en}?", frozenset({("how", noun.ko, "")}))
    if kind == "exclaim":
        stem = stem_of(adjective.ko)
        degree_ko, degree_en = rng.choice((("정말", "really"), ("진짜", "really"), ("너무", "so"), ("", "")))
        ending = {"plain": rng.choice(("네", "구나")), "polite": rng.choice(("네요", "군요")), "formal": "군요"}[level]
        words = _be_adj(f"{det_en} {noun.en}", 3, plural, "present", False, False, f"{degree_en} {adjective.en}".strip())
        return Sentence(_sentence([subject_ko, degree_ko, _exclaim(stem, ending, adjective.irregular)], False),
                        en.sentence(words, False), pairs)
    tense = rng.choice(("present", "past"))
    words = _be_adj(f"{det_en} {noun.en}", 3, plural, tense, True, False, f"very {adjective.en}")
    return Sentence(_sentence([subject_ko, "별로", _adj_pred(adjective, tense, level, True, False)], False),
                    en.sentence(words, False), pairs)


# 어떻다 is ㅎ-irregular, a class the conjugator does not have; its six question forms are listed.
_HOW = {"present": {"plain": "어때", "polite": "어때요", "formal": "어떻습니까"},
        "past": {"plain": "어땠어", "polite": "어땠어요", "formal": "어땠습니까"}}


def _exclaim(stem: str, ending: str, irregular: str | None) -> str:
    """-네(요) drops a stem's ㄹ (머네요, not 멀네요); -구나/-군요 keep it (멀군요)."""
    if ending.startswith("네"):
        return eu(stem, ending, irregular) if stem.endswith(tuple(_L_STEMS)) else stem + ending
    return stem + ending


# --------------------------------------------------------------------------- the clock and the day


def clock(rng: random.Random) -> Sentence | None:
    """지금 세 시 반이에요 → It is half past three now. / 오늘은 수요일이에요 → Today is Wednesday."""
    level = rng.choice(LEVELS)
    if rng.random() < 0.4:
        day_ko, day_en = rng.choice(_WEEKDAYS)
        when_ko, when_en = rng.choice((("오늘은", "Today"), ("내일은", "Tomorrow"), ("오늘이", "Today")))
        tense_en = "is"
        return Sentence(f"{when_ko} {copula(day_ko, 'present', level)}.", f"{when_en} {tense_en} {day_en}.",
                        frozenset({("day", day_ko, when_ko)}))
    hour = rng.randint(1, 12)
    minute = rng.choice((0, 0, 30, 30, 10, 15, 20, 40, 45, 50, 5))
    hour_ko = native_number(hour) + " 시"
    if minute == 30 and rng.random() < 0.7:
        pred, time_en = hour_ko + " 반", f"half past {english_number(hour)}"
    elif minute:
        pred, time_en = f"{hour_ko} {minute}분" if rng.random() < 0.5 else f"{hour}시 {minute}분", f"{hour}:{minute:02d}"
    else:
        pred, time_en = hour_ko, f"{english_number(hour)} o'clock"
    now = rng.random() < 0.6
    return Sentence(_sentence(["지금" if now else "", copula(pred, "present", level)], False),
                    f"It is {time_en}{' now' if now else ''}.", frozenset({("clock", str(hour), str(minute))}))


# --------------------------------------------------------------------------- where and who


_FINDABLE = [n for c in ("item", "accessory", "device", "stationery", "book", "pet", "clothes") for n in
             _NOUNS_BY_CAT.get(c, []) if n.kind in ("c", "p")]
_SPOTS = (("여기", "here"), ("저기", "over there"), ("거기", "there"))


def where_who(rng: random.Random) -> Sentence | None:
    """제 가방이 어디에 있어요? → Where is my bag? / 화장실이 어디예요? → Where is the restroom? /
    여기 있어요 → It is here. / 저 사람은 누구예요? → Who is that person?"""
    level = rng.choice(LEVELS)
    kind = rng.choice(("where_thing", "where_thing", "where_place", "here", "who"))
    if kind == "who":
        det_ko, det_en = rng.choice((("이", "this"), ("그", "that"), ("저", "that")))
        who = copula("누구", "present", level, question=True)
        head = f"{det_ko} 사람" if level != "formal" else f"{det_ko}분"
        return Sentence(f"{attach(head, TOPIC)} {who}?", f"Who is {det_en} person?", frozenset())
    if kind == "where_place":
        place = rng.choice([p for p in PLACES if p.en.startswith("the ")])
        where = copula("어디", "present", level, question=True)
        return Sentence(f"{attach(place.ko, SUBJECT if rng.random() < 0.6 else TOPIC)} {where}?",
                        f"Where is {place.en}?", frozenset({("where", place.ko, "")}))
    noun = rng.choice(_FINDABLE)
    det_ko, det_en = _determiner(rng, level, noun)
    head = f"{det_ko} {noun.ko}".strip()
    be = "are" if noun.kind == "p" else "is"
    if kind == "here":
        spot_ko, spot_en = rng.choice(_SPOTS)
        tense = rng.choice(("present", "present", "past"))
        be = {"present": be, "past": "were" if noun.kind == "p" else "was"}[tense]
        pred = conjugate("있다", Form(tense, level))
        return Sentence(_sentence([attach(head, SUBJECT), spot_ko, pred], False),
                        en.sentence([f"{det_en} {noun.en}", be, spot_en], False),
                        frozenset({("where", noun.ko, spot_ko)}))
    pred = conjugate("있다", Form("present", level, False, True))
    where = rng.choice(("어디에", "어디"))
    return Sentence(f"{attach(head, SUBJECT)} {where} {pred}?", en.sentence(["where", be, f"{det_en} {noun.en}"], True),
                    frozenset({("where", noun.ko, "")}))


# --------------------------------------------------------------------------- adjectives before nouns


def adnominal(adjective) -> str:
    """The adjective before a noun: 매운 (ㅂ), 긴 (ㄹ drops), 빠른, 맛있는 (있다/없다 take -는)."""
    stem = stem_of(adjective.ko)
    return stem + "는" if stem.endswith(("있", "없")) else eu(stem, "ㄴ", adjective.irregular)


_ATTRIBUTIVE = [a for a in ADJECTIVES if " " not in a.en and " " not in a.ko and a.cats - {"state", "weather"}]


def modified_object(rng: random.Random) -> Sentence | None:
    """저는 매운 음식을 좋아해요 → I like spicy food. / 큰 가방을 샀어요 → I bought a big bag."""
    from .everyday import _DEFINITE_OBJECT, _GENERIC_OBJECT, _OBJECTS, _TRANSITIVE
    action = rng.choice(_TRANSITIVE)
    if action.ko in _ONCE | _HOMONYMS or "{o}" in action.en:
        return None
    noun = rng.choice(_OBJECTS[action])
    adjectives = [a for a in _ATTRIBUTIVE if a.cats & noun.cats]
    if not adjectives or noun.kind == "n":
        return None
    adjective = rng.choice(adjectives)
    generic = action.ko in _STATIVE | _GENERIC_OBJECT
    tense = "present" if generic else rng.choice(("past", "past", "future"))
    level = rng.choice(LEVELS)
    question = rng.random() < 0.2
    subject = _subject(rng, level, question)
    phrase = f"{adjective.en} {noun.en}"
    if noun.kind in ("m", "p"):
        obj = phrase
    elif generic:
        obj = en.plural_phrase(phrase)
    elif action.ko in _DEFINITE_OBJECT:
        obj = f"the {phrase}"
    else:
        obj = en.indefinite(phrase)
    aux, group = en.verb_group(action.en, tense, False, question, subject.person, subject.plural)
    ko = [_subject_ko(subject, rng), adnominal(adjective), attach(noun.ko, OBJECT),
          conjugate(action.ko, Form(tense, level, False, question), action.irregular)]
    words = [aux, subject.en, group, obj] if question else [subject.en, group, obj]
    pairs = frozenset({("adjective-noun", adjective.ko, noun.ko + ":" + noun.en),
                       ("action-object", _key(action), noun.ko + ":" + noun.en)})
    return Sentence(_sentence(ko, question), en.sentence(words, question), pairs)


# --------------------------------------------------------------------------- where things are


_POSITIONS = (("앞", "in front of"), ("뒤", "behind"), ("옆", "next to"), ("위", "on"), ("밑", "under"),
              ("아래", "under"), ("안", "in"), ("근처", "near"))
_BUILDING_POSITIONS = ("앞", "뒤", "옆", "근처")
_FURNITURE = [n for n in _NOUNS_BY_CAT.get("furniture", []) if n.kind == "c"]
_SMALL_THINGS = [n for c in ("item", "accessory", "stationery", "book", "device", "pet") for n in
                 _NOUNS_BY_CAT.get(c, []) if n.kind == "c"]
# Buildings one walks to ("at" places), not rooms ("in the kitchen") or regions.
_BUILDINGS = [p for p in PLACES if p.prep == "at" and (p.en.startswith("the ") or p.ko in ("학교", "회사", "교회"))]


def _the(place) -> str:
    return place.en if place.en.startswith("the ") else f"the {'office' if place.ko == '회사' else place.en}"


def location(rng: random.Random) -> Sentence | None:
    """책상 위에 책이 있어요 → There is a book on the desk. / 은행은 우체국 옆에 있어요 → The bank is
    next to the post office. / 학교 앞에 편의점이 있어요."""
    level = rng.choice(LEVELS)
    if rng.random() < 0.5:
        ref = rng.choice(_FURNITURE)
        ref_ko, ref_en = ref.ko, f"the {ref.en}"
        pos_ko, pos_en = rng.choice(_POSITIONS[:-1])
        thing = rng.choice(_SMALL_THINGS)
        thing_ko, a_thing, the_thing = thing.ko, en.indefinite(thing.en), f"the {thing.en}"
    else:
        ref_place, place = rng.sample(_BUILDINGS, 2)
        ref_ko, ref_en = ref_place.ko, _the(ref_place)
        pos_ko, pos_en = rng.choice([p for p in _POSITIONS if p[0] in _BUILDING_POSITIONS])
        thing_ko, the_thing = place.ko, _the(place)
        a_thing = en.indefinite(the_thing[4:])
    where_ko = f"{ref_ko} {pos_ko}에"
    pairs = frozenset({("location", pos_ko, thing_ko)})
    question = rng.random() < 0.2
    exists = conjugate("있다", Form("present", level, False, question))
    if rng.random() < 0.5:
        ko = [where_ko, attach(thing_ko, SUBJECT), exists]
        words = ["is there", a_thing, pos_en, ref_en] if question else ["there is", a_thing, pos_en, ref_en]
    else:
        ko = [attach(thing_ko, TOPIC), where_ko, exists]
        words = ["is", the_thing, pos_en, ref_en] if question else [the_thing, "is", pos_en, ref_en]
    return Sentence(_sentence(ko, question), en.sentence(words, question), pairs)


# --------------------------------------------------------------------------- how long it takes


def travel_time(rng: random.Random) -> Sentence | None:
    """집에서 회사까지 삼십 분 걸려요 → It takes thirty minutes from home to work. / 여기서 공항까지
    얼마나 걸려요? → How long does it take from here to the airport?"""
    level = rng.choice(LEVELS)
    origin, goal = rng.sample(_BUILDINGS, 2)
    place_from = rng.random()
    if place_from < 0.3:
        from_ko, from_en = "여기서", "from here"
    elif place_from < 0.5:
        from_ko, from_en = "집에서", "from home"
    else:
        from_ko, from_en = origin.ko + "에서", "from " + origin.en
    to_ko, to_en = goal.ko + "까지", "to " + goal.en
    question = rng.random() < 0.35
    take = conjugate("걸리다", Form("present", level, False, question))
    pairs = frozenset({("travel", from_ko, goal.ko)})
    if question:
        return Sentence(_sentence([from_ko, to_ko, "얼마나", take], True),
                        f"How long does it take {from_en} {to_en}?", pairs)
    if rng.random() < 0.5:
        n = rng.choice((5, 10, 15, 20, 30, 40, 50))
        span_ko, span_en = (f"{n}분", f"{n} minutes") if rng.random() < 0.5 else (f"{sino_number(n)} 분", f"{english_number(n)} minutes")
    else:
        n = rng.choice((1, 2, 3, 4, 5))
        span_ko = f"{native_number(n)} 시간"
        span_en = "an hour" if n == 1 else f"{english_number(n)} hours"
    by = rng.random() < 0.3
    vehicle_ko, vehicle_en = rng.choice((("버스로", "by bus"), ("지하철로", "by subway"), ("차로", "by car"),
                                         ("걸어서", "on foot"), ("택시로", "by taxi")))
    ko = [from_ko, to_ko, vehicle_ko if by else "", span_ko, take]
    return Sentence(_sentence(ko, False), en.sentence(["it takes", span_en, vehicle_en if by else "", from_en, to_en],
                                                      False), pairs)


# --------------------------------------------------------------------------- to someone


_THINGS_SENT = (("문자", "a text message"), ("이메일", "an email"), ("사진", "a picture"), ("편지", "a letter"),
                ("선물", "a present"), ("메시지", "a message"))
# Korean, its form towards an elder (께 + 드리다), English with {p} for the person and {o} for the thing.
_TO_SOMEONE = (("전화하다", "전화드리다", "call {p}", False), ("말하다", "말씀드리다", "tell {p}", False),
               ("물어보다", "여쭤보다", "ask {p}", False), ("보내다", "보내드리다", "send {p} {o}", True),
               ("주다", "드리다", "give {p} {o}", True), ("답장하다", None, "reply to {p}", False),
               ("빌려주다", "빌려드리다", "lend {p} {o}", True))


def to_someone(rng: random.Random) -> Sentence | None:
    """엄마한테 전화했어요 → I called my mom. / 할머니께 선물을 드렸어요 → I gave my grandmother a present. /
    민수에게 이메일을 보낼게 → I will send Minsu an email."""
    from .everyday import _COMPANIONS
    verb, humble, english, takes_object = rng.choice(_TO_SOMEONE)
    person = rng.choice(_COMPANIONS)
    level = rng.choice(LEVELS)
    tense = rng.choice(("past", "past", "future", "promise"))
    question = tense != "promise" and rng.random() < 0.25
    if person.honorific:
        if humble is None:
            return None
        verb, to = humble, "께"
    else:
        to = "에게" if level == "formal" or rng.random() < 0.3 else "한테"
    if question and person.mine:
        return None                                    # "Did you call my mom?": whose?
    thing_ko, thing_en = rng.choice(_THINGS_SENT) if takes_object else ("", "")
    if takes_object and verb in ("빌려주다", "빌려드리다"):
        noun = rng.choice(_OWNABLE)
        thing_ko, thing_en = noun.ko, noun.bare()
    stem = stem_of(verb)
    if tense == "promise":
        pred = {"plain": eu(stem, "ㄹ게"), "polite": eu(stem, "ㄹ게요"), "formal": stem + "겠습니다"}[level]
        form_tense = "future"
    else:
        pred = conjugate(verb, Form(tense, level, False, question))
        form_tense = tense
    phrase = english.format(p=person.en, o=thing_en).strip()
    subject = YOU_SUBJECT if question else I_SUBJECT
    aux, group = en.verb_group(phrase, form_tense, False, question, subject.person, subject.plural)
    words = [aux, subject.en, group] if question else [subject.en, group]
    ko = [person.ko + to, attach(thing_ko, OBJECT) if thing_ko else "", pred]
    return Sentence(_sentence(ko, question), en.sentence(words, question),
                    frozenset({("to_someone", verb, person.ko)}))


# --------------------------------------------------------------------------- who someone is


# The first grammar's occupations (its English kept, so that both grammars agree) and more.
_ROLES = [(j.ko, en.indefinite(j.noun)) for j in JOBS] + [(ko, en.indefinite(e)) for ko, e in (
    ("고등학생", "high school student"), ("중학생", "middle school student"), ("초등학생", "elementary school student"),
    ("대학원생", "graduate student"), ("공무원", "civil servant"), ("은행원", "bank teller"), ("약사", "pharmacist"),
    ("교수", "professor"), ("디자이너", "designer"), ("프로그래머", "programmer"), ("미용사", "hairdresser"),
    ("주부", "homemaker"), ("운전기사", "driver"), ("채식주의자", "vegetarian"), ("외동", "only child"),
    ("유학생", "international student"), ("신입 사원", "new employee"), ("간호 학생", "nursing student"))] + [
    (f"{country} 사람", nationality) for country, nationality in (
        ("한국", "Korean"), ("미국", "American"), ("일본", "Japanese"), ("중국", "Chinese"), ("영국", "British"),
        ("캐나다", "Canadian"), ("호주", "Australian"), ("프랑스", "French"), ("독일", "German"),
        ("베트남", "Vietnamese"))]


def _honorific_copula(noun: str, tense: str, level: str, question: bool) -> str:
    """이시다: 회사원이세요, 의사세요, 선생님이십니까, 교수셨어요."""
    base = noun + ("이" if has_final_consonant(noun) else "")
    if tense == "past":
        return base + ("셨어요" if level == "polite" else "셨습니까" if question else "셨습니다")
    return base + ("세요" if level == "polite" else "십니까" if question else "십니다")


def identity(rng: random.Random) -> Sentence | None:
    """저는 회사원이에요 → I am an office worker. / 아버지는 선생님이세요 → My father is a teacher. /
    한국 사람이에요? → Are you Korean?"""
    from .everyday import _ELDERS
    role_ko, role_en = rng.choice(_ROLES)
    level = rng.choice(LEVELS)
    tense = rng.choice(("present", "present", "present", "past"))
    question = rng.random() < 0.2
    negative = not question and rng.random() < 0.15
    elder = level != "plain" and not negative and rng.random() < 0.25
    subject = rng.choice([p for p in _ELDERS if not p.plural]) if elder else _subject(rng, level, question)
    if subject.plural:
        return None
    pred = (_honorific_copula(role_ko, tense, level, question) if elder
            else copula(role_ko, tense, level, negative, question))
    be = en.be(subject.person, False, tense)
    words = [be, subject.en, role_en] if question else [subject.en, f"{be} not" if negative else be, role_en]
    return Sentence(_sentence([_subject_ko(subject, rng) if subject.ko else "", pred], question),
                    en.sentence(words, question), frozenset({("identity", role_ko, subject.key)}))


# --------------------------------------------------------------------------- by when


_DEADLINES = (("내일까지", "by tomorrow"), ("금요일까지", "by Friday"), ("월요일까지", "by Monday"),
              ("이번 주까지", "by the end of this week"), ("다음 주까지", "by next week"), ("주말까지", "by the weekend"),
              ("오늘까지", "by today"), ("이번 달까지", "by the end of this month"))
# Tasks that have deadlines (not "plant lilies by Friday").
_TASKS = {"주문하다", "사다", "읽다", "보내다", "외우다", "준비하다", "끝내다", "복사하다", "청소하다", "고치다", "정리하다",
          "예약하다", "확인하다", "번역하다", "신청하다", "인쇄하다", "수리하다", "결제하다"}


def deadline(rng: random.Random) -> Sentence | None:
    """금요일까지 보고서를 끝내야 해요 → I have to finish the report by Friday. / 내일까지 보낼게요 → I will send it ..."""
    from .everyday import predicate
    action = rng.choice([a for a in _FRAME_ACTIONS if a.objects and a.ko in _TASKS])
    level = rng.choice(LEVELS)
    when_ko, when_en = rng.choice(_DEADLINES)
    if rng.random() < 0.3:
        hour = rng.randint(1, 12)
        when_ko, when_en = f"{native_number(hour)} 시까지", f"by {english_number(hour)} o'clock"
    vko, ven, pairs, _ = _vp(rng, action, place_p=0.0, level=level)
    kind = rng.choice(("must", "promise", "can"))
    question = kind == "can" and rng.random() < 0.5
    pred = predicate(action.ko, kind, level, "present", action.irregular, question)
    modal = {"must": "have to", "promise": "will", "can": "can"}[kind]
    words = (["can I", action.en, *ven, when_en] if question else ["I", modal, action.en, *ven, when_en])
    pairs.add(("construction-action", f"deadline:{kind}", _key(action)))
    return Sentence(_sentence([when_ko, *vko, pred], question), en.sentence(words, question), frozenset(pairs))


# --------------------------------------------------------------------------- go and do, since when


def go_and(rng: random.Random) -> Sentence | None:
    """도서관에 가서 책을 읽었어요 → I went to the library and read a book. / 시장에 가서 사과를 사자 →
    Let us go to the market and buy apples."""
    from .everyday import _PLACES_OF
    action = rng.choice(_FRAME_ACTIONS)
    places = [p for p in _PLACES_OF[action] if p.en != "home"]
    if action.ko in _MOTION or not places:
        return None
    place = rng.choice(places)
    level = rng.choice(LEVELS)
    vko, ven, pairs, _ = _vp(rng, action, place_p=0.0, level=level)
    verb = rng.choice(("가다", "가다", "오다"))
    go_ko, go_en = ("가서", "go to") if verb == "가다" else ("와서", "come to")
    kind = rng.choice(("past", "past", "future", "lets"))
    pairs.add(("action-place", _key(action), place.ko))
    if kind == "lets":
        if level == "polite":
            return None
        from .everyday import predicate
        pred = predicate(action.ko, "lets", level, irregular=action.irregular)
        words = ["let us", go_en, place.en, "and", action.en, *ven]
        return Sentence(_sentence([place.ko + "에", go_ko, *vko, pred], False), en.sentence(words, False),
                        frozenset(pairs))
    subject = _subject(rng, level, False)
    pred = conjugate(action.ko, Form(kind, level), action.irregular)
    go = en.verb_group(go_en, kind, False, False, subject.person, subject.plural)[1]
    second = en.past(action.en.split()[0]) + action.en[len(action.en.split()[0]):] if kind == "past" else action.en
    words = [subject.en, go, place.en, "and", second, *ven]
    return Sentence(_sentence([_subject_ko(subject, rng), place.ko + "에", go_ko, *vko, pred], False),
                    en.sentence(words, False), frozenset(pairs))


_SINCE_EVENTS = (("한국에 오다", "I came to Korea", "오"), ("이사하다", "I moved", "이사하"), ("결혼하다", "I got married", "결혼하"),
                 ("여기서 일하다", "I started working here", "일하"), ("한국어를 배우다", "I started learning Korean", "배우"),
                 ("서울에 살다", "I started living in Seoul", "살"), ("운동을 시작하다", "I started exercising", "시작하"),
                 ("졸업하다", "I graduated", "졸업하"), ("회사에 들어가다", "I joined the company", "들어가"))


def since(rng: random.Random) -> Sentence | None:
    """한국에 온 지 삼 년 됐어요 → It has been three years since I came to Korea."""
    event_ko, event_en, stem = rng.choice(_SINCE_EVENTS)
    head = event_ko.rsplit(" ", 1)[0] + " " if " " in event_ko else ""
    level = rng.choice(LEVELS)
    unit_ko, unit_en, top = rng.choice((("년", "year", 20), ("달", "month", 11), ("주", "week", 3),
                                        ("개월", "month", 11), ("일", "day", 6)))
    n = rng.randint(1, top)
    if unit_ko == "달":                                 # 달 counts with native numbers: 세 달
        number_ko = f"{native_number(n)} {unit_ko}" if n > 1 else f"한 {unit_ko}"
    else:
        number_ko = f"{sino_number(n)} {unit_ko}" if rng.random() < 0.6 or n > 10 else f"{n}{unit_ko}"
    digits = number_ko[0].isdigit()
    amount = str(n) if digits else ("a" if n == 1 else english_number(n))
    span_en = f"{amount} {unit_en}" if n == 1 else f"{amount} {en.plural(unit_en)}"
    ko = [f"{head}{eu(stem, 'ㄴ')} 지", number_ko + ("이" if has_final_consonant(number_ko) else "가")
          if rng.random() < 0.3 else number_ko, conjugate("되다", Form("past", level))]
    return Sentence(_sentence(ko, False), f"It has been {span_en} since {event_en}.",
                    frozenset({("since", event_ko, unit_ko)}))


# --------------------------------------------------------------------------- when things start and end


_EVENTS = (("수업", "class"), ("회의", "meeting"), ("영화", "movie"), ("경기", "game"), ("콘서트", "concert"),
           ("파티", "party"), ("시험", "exam"), ("공연", "show"), ("축제", "festival"), ("결혼식", "wedding"),
           ("방학", "vacation"), ("세일", "sale"), ("영어 수업", "English class"), ("야구 경기", "baseball game"))


def event_time(rng: random.Random) -> Sentence | None:
    """수업이 몇 시에 끝나요? → What time does the class end? / 회의는 세 시에 시작해요 → The meeting starts
    at three o'clock. / 영화가 벌써 끝났어요 → The movie has already ended."""
    event_ko, event_en = rng.choice(_EVENTS)
    level = rng.choice(LEVELS)
    verb_ko, verb_en = rng.choice((("시작하다", "start"), ("끝나다", "end")))
    kind = rng.choice(("when", "at", "at", "already", "when_day"))
    det_ko, det_en = rng.choice((("", "the"), ("", "the"), ("오늘", "today's"), ("내일", "tomorrow's"), ("이번", "this")))
    head = f"{det_ko} {event_ko}".strip()
    the = f"{det_en} {event_en}"
    pairs = frozenset({("event", event_ko, verb_ko)})
    if kind == "already":
        if det_ko == "내일":
            return None                                # not "tomorrow's game has already started"
        pred = conjugate(verb_ko, Form("past", level))
        return Sentence(_sentence([attach(head, SUBJECT), "벌써", pred], False),
                        en.sentence([the, "has already", en.participle(verb_en) if verb_en == "end" else "started"],
                                    False), pairs)
    if kind in ("when", "when_day"):
        pred = conjugate(verb_ko, Form("present", level, False, True))
        when_ko, when_en = ("몇 시에", "what time") if kind == "when" else ("언제", "when")
        return Sentence(_sentence([attach(head, SUBJECT if rng.random() < 0.6 else TOPIC), when_ko, pred], True),
                        en.sentence([when_en, "does", the, verb_en], True), pairs)
    hour = rng.randint(1, 12)
    half = rng.random() < 0.3
    when_ko = f"{native_number(hour)} 시{' 반' if half else ''}에"
    when_en = f"at {'half past ' + english_number(hour) if half else english_number(hour) + ' o' + chr(39) + 'clock'}"
    pred = conjugate(verb_ko, Form("present", level))
    return Sentence(_sentence([attach(head, TOPIC), when_ko, pred], False),
                    en.sentence([the, en.third_person(verb_en), when_en], False), pairs)


# --------------------------------------------------------------------------- countries


_COUNTRIES = (("한국", "Korea", "한국어"), ("미국", "America", "영어"), ("일본", "Japan", "일본어"), ("중국", "China", "중국어"),
              ("영국", "England", "영어"), ("프랑스", "France", "프랑스어"), ("독일", "Germany", "독일어"),
              ("호주", "Australia", "영어"), ("캐나다", "Canada", "영어"), ("베트남", "Vietnam", "베트남어"),
              ("태국", "Thailand", "태국어"), ("스페인", "Spain", "스페인어"), ("이탈리아", "Italy", "이탈리아어"),
              ("러시아", "Russia", "러시아어"), ("유럽", "Europe", None))
_LANGUAGE_EN = {n.ko: n.en for n in _NOUNS_BY_CAT.get("language", [])}


def countries(rng: random.Random) -> Sentence | None:
    """어느 나라에서 왔어요? → Which country are you from? / 저는 미국에서 왔어요 → I am from America. /
    일본에 가 본 적이 있어요? → Have you ever been to Japan? / 한국에 산 지 ... / 한국말을 잘해요."""
    country_ko, country_en, language = rng.choice(_COUNTRIES)
    level = rng.choice(LEVELS)
    kind = rng.choice(("from", "from", "which", "live", "travel", "been", "speak"))
    pairs = frozenset({("country", country_ko, kind)})
    if kind == "which":
        came = conjugate("오다", Form("past", level, False, True))
        which = rng.random() < 0.6
        return Sentence(_sentence(["어느 나라에서" if which else "어디에서", came], True),
                        "Which country are you from?" if which else "Where are you from?", frozenset())
    subject = _subject(rng, level, False)
    if kind == "from":
        came = conjugate("오다", Form("past", level))
        be = en.be(subject.person, subject.plural)
        return Sentence(_sentence([_subject_ko(subject, rng), country_ko + "에서", came], False),
                        en.sentence([subject.en, be, "from", country_en], False), pairs)
    if kind == "live":
        tense = rng.choice(("present", "past"))
        verb = conjugate("살다", Form(tense, level))
        group = en.verb_group("live", tense, False, False, subject.person, subject.plural)[1]
        return Sentence(_sentence([_subject_ko(subject, rng), country_ko + "에", verb], False),
                        en.sentence([subject.en, group, "in", country_en], False), pairs)
    if kind == "travel":
        pred = "여행을 " + conjugate("가다", Form("future", level))
        return Sentence(_sentence([_subject_ko(subject, rng), country_ko + "로" if rng.random() < 0.3 else country_ko + "에",
                                   pred], False),
                        en.sentence([subject.en, "will travel to", country_en], False), pairs)
    if kind == "been":
        pred = "가 본 적이 " + conjugate("있다", Form("present", level, False, True))
        return Sentence(_sentence([country_ko + "에", pred], True), f"Have you ever been to {country_en}?", pairs)
    if language is None:
        return None
    language_en = _LANGUAGE_EN.get(language)
    if language_en is None:
        return None
    speak = rng.choice((("잘하다", "speak {l} well"), ("공부하다", "study {l}")))
    obj = attach(language, OBJECT)
    pred = conjugate(speak[0], Form("present", level))
    group = en.verb_group(speak[1].format(l=language_en), "present", False, False, subject.person, subject.plural)[1]
    return Sentence(_sentence([_subject_ko(subject, rng), obj, pred], False), en.sentence([subject.en, group], False),
                    frozenset({("language", language, speak[0])}))


MORE_CONSTRUCTIONS = {
    "event_time": (event_time, 1), "countries": (countries, 1),
    "go_and": (go_and, 2), "since": (since, 1),
    "identity": (identity, 2), "deadline": (deadline, 1),
    "to_someone": (to_someone, 2),
    "modified_object": (modified_object, 3), "location": (location, 2), "travel_time": (travel_time, 1),
    "where_who": (where_who, 2),
    "phrases": (phrases, 1), "demonstrative": (demonstrative, 2), "perfect": (perfect, 3), "frame": (frame, 3),
    "people_count": (people_count, 1), "favourite": (favourite, 1), "remark": (remark, 2), "clock": (clock, 1),
}
