"""Everyday constructions of corpus revision 6: what the development set still showed the model getting wrong after
revision 5 -- two clauses joined (so, if, but, and then, after), giving for someone (-아/어 주다), experience
(-아/어 본 적이 있다), permission and prohibition, and wh-questions. `REV6_CONSTRUCTIONS`, listed in
everyday_corpus.REVISIONS as added in revision 6, so that `EverydayConfig(revision=5)` (and older) still draws
exactly the older corpus. About 23% of the everyday draw, shared by how many different sentences each
construction can make (the corpus keeps a sentence once).

The words come from small tables in this module (never from edits to the older word lists, which would change
the older corpora), chosen so that the English is right for every combination: a cause is paired only with the
results it plausibly causes, and a verb is used only in the frames whose English it fits.

* cause, -아/어서 (so): 배가 고파서 라면을 먹었어요 (I was hungry, so I ate ramen), 너무 비싸서 안 샀어 (It was too
  expensive, so I did not buy it), 비가 와서 하루 종일 집에 있을 거예요 (It is raining, so I will stay home all
  day); -아/어서 never takes an imperative or a let's, so those go with -(으)니까;
* reason, -(으)니까 with let's, shall, imperatives and please: 날씨가 좋으니까 공원에서 산책하자 (The weather is
  nice, so let us take a walk in the park), 비가 오니까 우산을 가져가세요 (It is raining, so take an umbrella);
* condition, -(으)면, always "If ..., ...": 시간이 있으면 같이 커피 마실까요? (If you have time, shall we have
  coffee together?), 내일 비가 오면 밖에 안 나갈 거예요 (If it rains tomorrow, I will not go outside), 시간이
  있으면 전화해 (If you have time, call me), 커피를 마시면 잠이 안 와요 (If I drink coffee, I cannot sleep);
* contrast, -지만 and -는데/-(으)ㄴ데 (but): 저는 키가 작지만 농구를 좋아해요 (I am short, but I like basketball),
  약을 먹었는데 아직 아파요 (I took medicine, but I am still sick);
* sequence, -아/어서 after a motion (and), -고 (and) and -고 나서 (after): 집에 가서 샤워했어요 (I went home and
  took a shower), 집에 가서 샤워하고 잤어요 (I went home, took a shower and went to bed), 빵을 사서 먹었어요 (I
  bought bread and ate it), 밥을 먹고 나서 약을 드세요 (Take the medicine after eating);
* giving, -아/어 주다: 친구가 저한테 책을 빌려줬어요 (My friend lent me a book), 엄마가 불고기를 만들어
  주셨어요 (My mom made bulgogi for me), 저한테 사진 좀 보내 주세요 (Please send me the photos), 영수증 좀
  주시겠어요? (Could you give me the receipt?), 사진 좀 찍어 주실 수 있어요? (Could you take a picture for me?),
  이것 좀 들어 줄래? (Can you hold this for me?);
* experience, -아/어 본 적이 있다/없다: 말을 타 본 적이 있어요 (I have ridden a horse before), 한 번도 혼자
  여행해 본 적이 없어요 (I have never traveled alone), 그 영화를 본 적이 있어요? (Have you ever seen that movie?);
* permission and prohibition: 여기 앉아도 돼요? (Can I sit here? -- as everyday.request writes -아/어도 돼요?),
  지금 들어가도 돼요 (You may go in now), 내일은 안 와도 돼요 (You do not have to come tomorrow), 여기서 사진을
  찍으면 안 돼요 (You must not take pictures here);
* wh-questions with 뭐, 누구, 어디, 언제, 왜, 어떻게 and 몇: 주말에 보통 뭐 해요? (What do you usually do on
  weekends?), 누구랑 같이 갔어? (Who did you go with?), 어디서 샀어요? (Where did you buy it?), 왜 늦었어? (Why were
  you late?), 어떻게 알았어요? (How did you know?), 뭐 먹을까요? (What shall we eat?), 어제 몇 시에 잤어? (What
  time did you go to bed yesterday?).

The English follows the older constructions: no contractions, "let us" (as everyday_more.go_and writes it),
"Can I" for -아/어도 돼요?, "Could you" for -아/어 주시겠어요?, "shall we" for -(으)ㄹ까요?.
"""

from __future__ import annotations

import random

from . import english as en
from .everyday import _LEXICAL_HONORIFIC, _NAMES, Sentence, _adnominal_present, _sentence, predicate
from .everyday_more import _PERFECT_ACTIONS
from .hangul import MEANS, OBJECT, SUBJECT, TOPIC, attach
from .korean import Form, a_form, conjugate, eu, past_stem, stem_of
from .lexicon import PEOPLE

LEVELS = ("plain", "polite", "formal")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verb(phrase: str, tense: str, level: str, irregular: str | None = None, question: bool = False,
          negative: bool = False, honor: bool = False) -> str:
    """The last word of `phrase` conjugated, the words before it kept: 일찍 잤어요, 집에 있을 거예요."""
    head, _, last = phrase.rpartition(" ")
    lexical = _LEXICAL_HONORIFIC.get(last) if honor else None
    word = conjugate(last, Form(tense, level, negative, question), irregular, honor, lexical)
    return f"{head} {word}" if head else word


def _a(phrase: str, irregular: str | None = None) -> str:
    """The 아/어 form of a phrase's last word, the words before kept: 배가 고파, 집에 가."""
    return a_form(stem_of(phrase), irregular)


def _neg(words: str, verb: str) -> tuple[str, str]:
    """Short negation: 안 before the verb (and after its object): 학교에 안 + 가다; 샤워하다 → 샤워 안 하다."""
    head, _, last = verb.rpartition(" ")
    if not head and last.endswith("하다") and len(last) > 3 and last not in ("좋아하다", "싫어하다"):
        return f"{words} {last[:-2]} 안".strip(), "하다"
    return f"{words} {head} 안".replace("  ", " ").strip(), last


def _me(level: str, rng: random.Random, p: float = 0.35) -> str:
    if rng.random() >= p:
        return ""
    return "나는" if level == "plain" else "저는"


def _join(*parts: str) -> list[str]:
    return [p for p in parts if p]


# Names with he/she: the subject of a clause pair writes its name first, its pronoun after (Minsu was hungry, so he
# ate ramen).
_PEOPLE = [(p.ko, p.en, {"his": "he", "her": "she"}[p.possessive]) for p in _NAMES if p.possessive in ("his", "her")]


def _subject(rng: random.Random, level: str, p_name: float = 0.25, p_we: float = 0.1):
    """(Korean topic or "", English subject, English pronoun for a later clause, person, plural)."""
    r = rng.random()
    if r < p_name:
        ko, eng, pronoun = rng.choice(_PEOPLE)
        return attach(ko, TOPIC), eng, pronoun, 3, False
    if r < p_name + p_we:
        return ("우리는" if level == "plain" else rng.choice(("우리는", "저희는"))), "we", "we", 1, True
    return _me(level, rng, 0.4), "I", "I", 1, False


def _group(vp: str, tense: str, person: int, plural: bool, negative: bool = False, kind: str = "") -> str:
    """English verb group: ate ramen / will eat ramen / did not buy it / could not go / will not be able to go."""
    if kind == "mot":
        modal = {"past": "could not", "future": "will not be able to", "present": "cannot"}[tense]
        return f"{modal} {vp}"
    return en.verb_group(vp, tense, negative, False, person, plural)[1]


# --------------------------------------------------------------------------- cause: -아/어서 (so)

# key: (Korean clause in the dictionary form, irregular, kind, English body). kind: "be" a person's state (I was
# hungry), "it" the weather (it was cold), "rain" (it was raining), "thing" (it was too expensive), "event" a past
# event (I got up late: with past results only), "lack" (I did not have time).
_CAUSES = {
    "hungry": ("배가 고프다", None, "be", "hungry"),
    "tired": ("너무 피곤하다", None, "be", "very tired"),
    "sleepy": ("너무 졸리다", None, "be", "very sleepy"),
    "sick": ("몸이 아프다", None, "be", "sick"),
    "busy": ("너무 바쁘다", None, "be", "very busy"),
    "thirsty": ("목이 마르다", "르", "be", "thirsty"),
    "cold": ("날씨가 춥다", "ㅂ", "it", "cold"),
    "hot": ("날씨가 덥다", "ㅂ", "it", "hot"),
    "rain": ("비가 많이 오다", None, "rain", "raining hard"),
    "snow": ("눈이 많이 오다", None, "rain", "snowing a lot"),
    "expensive": ("너무 비싸다", None, "thing", "too expensive"),
    "late_up": ("늦게 일어나다", None, "event", "got up late"),
    "traffic": ("길이 많이 막히다", None, "traffic", "heavy"),
    "no_time": ("시간이 없다", None, "lack", "have time"),
    "cold_caught": ("감기에 걸리다", None, "event", "caught a cold"),
}
# key: (Korean words before the verb, verb, irregular, English verb phrase, negation: "" | "short" | "mot", tenses)
_RESULTS = {
    "ramen": ("라면을", "먹다", None, "eat ramen", "", "past future"),
    "gimbap": ("김밥을 두 줄", "먹다", None, "eat two rolls of gimbap", "", "past future"),
    "chicken": ("치킨을", "시켜 먹다", None, "order fried chicken", "", "past future"),
    "home_early": ("일찍 집에", "가다", None, "go home early", "", "past future"),
    "nap": ("낮잠을", "자다", None, "take a nap", "", "past future"),
    "no_exercise": ("운동을", "하다", None, "exercise", "short", "past future"),
    "rest_day": ("하루 종일", "쉬다", None, "rest all day", "", "past future"),
    "stay_in": ("하루 종일 집에", "있다", None, "stay home all day", "", "past future"),
    "coffee_two": ("커피를 두 잔", "마시다", None, "drink two cups of coffee", "", "past future"),
    "no_school": ("학교에", "가다", None, "go to school", "mot", "past future"),
    "no_work": ("회사에", "가다", None, "go to work", "mot", "past future"),
    "no_lunch": ("점심을", "먹다", None, "eat lunch", "mot", "past future"),
    "no_breakfast": ("아침을", "먹다", None, "eat breakfast", "mot", "past"),
    "no_friend": ("친구를", "만나다", None, "meet my friend", "mot", "past future"),
    "water_lot": ("물을 많이", "마시다", None, "drink a lot of water", "", "past future"),
    "cold_drink": ("시원한 주스를", "마시다", None, "drink some cold juice", "", "past future"),
    "warm_clothes": ("따뜻한 옷을", "입다", None, "wear warm clothes", "", "past future"),
    "fan": ("선풍기를", "켜다", None, "turn on the fan", "", "past future"),
    "umbrella_buy": ("편의점에서 우산을", "사다", None, "buy an umbrella at the convenience store", "",
                     "past future"),
    "taxi_home": ("택시를 타고 집에", "가다", None, "take a taxi home", "", "past future"),
    "taxi_work": ("택시를 타고 회사에", "가다", None, "take a taxi to work", "", "past"),
    "no_park": ("공원에", "가다", None, "go to the park", "mot", "past future"),
    "subway_instead": ("버스 대신 지하철을", "타다", None, "take the subway instead of the bus", "", "past future"),
    "not_buy": ("", "사다", None, "buy it", "short", "past future"),
    "other_store": ("다른 가게에서", "사다", None, "buy it at another store", "", "past future"),
    "late_work": ("회사에", "늦다", None, "be late for work", "", "past"),
    "late_meeting": ("회의에", "늦다", None, "be late for the meeting", "", "past"),
    "cold_medicine": ("감기약을", "먹다", None, "take cold medicine", "", "past future"),
}
_CAUSE_RESULTS = {
    "hungry": "ramen gimbap chicken", "tired": "home_early nap no_exercise rest_day",
    "sleepy": "coffee_two nap", "sick": "no_school no_work rest_day stay_in", "busy": "no_lunch no_friend no_exercise",
    "thirsty": "water_lot cold_drink", "cold": "warm_clothes stay_in no_park", "hot": "fan cold_drink no_exercise",
    "rain": "umbrella_buy stay_in taxi_home no_park", "snow": "subway_instead stay_in no_park",
    "expensive": "not_buy other_store", "late_up": "late_work taxi_work no_breakfast",
    "traffic": "late_work late_meeting", "no_time": "no_breakfast taxi_work no_lunch",
    "cold_caught": "no_school no_work cold_medicine rest_day",
}


def _cause_english(key: str, tense: str, subject: str, person: int, plural: bool) -> str:
    _, _, kind, body = _CAUSES[key]
    past = tense == "past"
    if kind == "be":
        return f"{subject} {en.be(person, plural, 'past' if past else 'present')} {body}"
    if kind == "it":
        return f"it {'was' if past else 'is'} {body}"
    if kind == "rain":
        return f"it {'was' if past else 'is'} {body}"
    if kind == "thing":
        return f"it {'was' if past else 'is'} {body}"
    if kind == "traffic":
        return f"the traffic {'was' if past else 'is'} {body}"
    if kind == "lack":
        return f"{subject} " + en.verb_group(body, "past" if past else "present", True, False, person, plural)[1]
    return f"{subject} {body}"                                         # a past event


def _result_korean(result: str, tense: str, level: str) -> str:
    words, verb, irregular, _, negation, _ = _RESULTS[result]
    if negation == "short":
        words, verb = _neg(words, verb)
    elif negation == "mot":
        words = f"{words} 못".strip()
    return " ".join(_join(words, _verb(verb, tense, level, irregular)))


def cause_so(rng: random.Random) -> Sentence | None:
    cause = rng.choice(sorted(_CAUSES))
    result = rng.choice(_CAUSE_RESULTS[cause].split())
    phrase, irregular, kind, _ = _CAUSES[cause]
    words, verb, r_irregular, vp, negation, tenses = _RESULTS[result]
    tense = "past" if kind == "event" or kind == "traffic" else rng.choice(("past", "past", "future"))
    if tense not in tenses.split():
        return None
    level = rng.choice(LEVELS)
    personal = kind in ("be", "lack", "event")
    subject_ko, subject_en, pronoun, person, plural = _subject(rng, level)
    if (cause == "expensive" and subject_en == "we") or (result == "no_friend" and subject_en != "I"):
        return None                                   # "we did not buy it" is fine; "Hana could not meet my friend" not
    clause = _a(phrase, irregular) + "서"
    main = _result_korean(result, tense, level)
    if personal:
        ko = _join(subject_ko, clause, main)
        first = _cause_english(cause, tense, subject_en, person, plural)
        second_subject = pronoun
    else:                                            # 비가 와서 저는 집에 있었어요: the subject goes with its verb
        ko = _join(clause, subject_ko, main)
        first = _cause_english(cause, tense, subject_en, person, plural)
        second_subject = subject_en
    text = f"{first}, so {second_subject} {_group(vp, tense, person, plural, negation == 'short', negation)}"
    return Sentence(_sentence(ko, False), en.sentence([text], False),
                    frozenset({("rev6-so", cause, result)}))


# --------------------------------------------------------------------------- reason: -(으)니까 + let's / imperative

# key: (Korean clause in the dictionary form, irregular, past?, English as a reason for let's, for an imperative)
_REASONS = {
    "rain": ("비가 오다", None, False, "it is raining", "it is raining"),
    "cold": ("날씨가 춥다", "ㅂ", False, "it is cold", "it is cold"),
    "hot": ("날씨가 덥다", "ㅂ", False, "it is hot", "it is hot"),
    "nice": ("날씨가 좋다", None, False, "the weather is nice", "the weather is nice"),
    "late": ("시간이 늦다", None, True, "it is late", "it is late"),
    "hungry": ("배가 고프다", None, False, "I am hungry", "you are hungry"),
    "tired": ("많이 피곤하다", None, False, "I am very tired", "you are very tired"),
    "time": ("시간이 있다", None, False, "we have time", "you have time"),
    "no_time": ("시간이 없다", None, False, "we do not have time", "we do not have time"),
    "danger": ("위험하다", None, False, "it is dangerous", "it is dangerous"),
    "exam": ("내일 시험이 있다", None, False, "we have a test tomorrow", "you have a test tomorrow"),
    "traffic": ("길이 막히다", None, False, "the traffic is heavy", "the traffic is heavy"),
}
# key: (Korean words, verb, irregular, English verb phrase, moods): lets (plain -자, formal -(으)ㅂ시다, polite
# -(으)ㄹ까요?), imp (imperative), please (-아/어 주세요), dont (-지 마세요)
_ACTS = {
    "walk": ("공원에서", "산책하다", None, "take a walk in the park", "lets"),
    "outside": ("밖에", "나가다", None, "go outside", "lets"),
    "not_outside": ("밖에", "나가다", None, "go outside", "dont"),
    "umbrella": ("우산을", "가져가다", None, "take an umbrella", "imp"),
    "coat": ("따뜻한 옷을", "입다", None, "wear warm clothes", "imp"),
    "home_rest": ("오늘은 집에서", "쉬다", None, "rest at home today", "lets imp"),
    "taxi": ("택시를", "타다", None, "take a taxi", "lets imp"),
    "eat": ("밥부터", "먹다", None, "eat first", "lets"),
    "coffee": ("커피 한잔", "하다", None, "have a cup of coffee", "lets"),
    "rest": ("좀", "쉬다", None, "get some rest", "lets imp"),
    "sleep": ("오늘은 일찍", "자다", None, "go to bed early tonight", "lets imp"),
    "hurry": ("", "서두르다", "르", "hurry", "lets imp"),
    "careful": ("", "조심하다", None, "be careful", "imp"),
    "study": ("열심히", "공부하다", None, "study hard", "lets imp"),
    "window": ("창문 좀", "닫다", None, "close the window", "please"),
    "aircon": ("에어컨 좀", "켜다", None, "turn on the air conditioner", "please"),
    "subway": ("지하철을", "타다", None, "take the subway", "lets imp"),
    "go_home": ("이제 집에", "가다", None, "go home now", "lets imp"),
    "there": ("거기에", "가다", None, "go there", "dont"),
    "ice_cream": ("아이스크림", "먹다", None, "eat some ice cream", "lets"),
    "movie": ("집에서 영화", "보다", None, "watch a movie at home", "lets"),
}
_REASON_ACTS = {
    "rain": "umbrella not_outside taxi home_rest movie", "cold": "coat window home_rest not_outside",
    "hot": "aircon not_outside ice_cream", "nice": "walk outside", "late": "go_home taxi",
    "hungry": "eat", "tired": "rest sleep home_rest", "time": "coffee walk movie", "no_time": "hurry taxi",
    "danger": "careful there", "exam": "study sleep", "traffic": "subway",
}


def reason_lets(rng: random.Random) -> Sentence | None:
    reason = rng.choice(sorted(_REASONS))
    act = rng.choice(_REASON_ACTS[reason].split())
    phrase, irregular, past, for_lets, for_you = _REASONS[reason]
    words, verb, v_irregular, vp, moods = _ACTS[act]
    mood = rng.choice(moods.split())
    level = rng.choice(LEVELS)
    head, _, last = phrase.rpartition(" ")
    stem = past_stem(stem_of(last), irregular) if past else stem_of(last)
    clause = " ".join(_join(head, eu(stem, "니까", None if past else irregular)))
    question = False
    if mood == "lets":
        if level == "polite":
            pred, question = eu(stem_of(verb), "ㄹ까요", v_irregular), True
            tail = f"shall we {vp}"
        else:
            pred, tail = predicate(verb, "lets", level, irregular=v_irregular), f"let us {vp}"
        reason_en = for_lets
    else:
        construction = {"imp": "imperative", "please": "please", "dont": "dont"}[mood]
        pred = predicate(verb, construction, level, irregular=v_irregular)
        if mood == "please":
            tail = f"{vp}, please" if level == "plain" else f"please {vp}"
        else:
            tail = f"do not {vp}" if mood == "dont" else vp
        reason_en = for_you
    ko = _join(clause, words, pred)
    return Sentence(_sentence(ko, question), en.sentence([f"{reason_en}, so {tail}"], question),
                    frozenset({("rev6-since", reason, act)}))


# --------------------------------------------------------------------------- condition: -(으)면 (if)

# key: (Korean words, predicate, irregular, English for "I", for "you", negative Korean (words, predicate) or None,
# negative English for "I", for "you", whether a time word may go first)
_CONDITIONS = {
    "rain": ("비가", "오다", None, "it rains", "it rains", ("비가 안", "오다"), "it does not rain", "it does not rain",
             True),
    "snow": ("눈이", "오다", None, "it snows", "it snows", None, "", "", True),
    "nice": ("날씨가", "좋다", None, "the weather is nice", "the weather is nice", ("날씨가 안", "좋다"),
             "the weather is not nice", "the weather is not nice", True),
    "cold": ("날씨가", "춥다", "ㅂ", "it is cold", "it is cold", None, "", "", True),
    "time": ("시간이", "있다", None, "I have time", "you have time", ("시간이", "없다"), "I do not have time",
             "you do not have time", True),
    "hungry": ("배가", "고프다", None, "I am hungry", "you are hungry", None, "", "", False),
    "tired": ("많이", "피곤하다", None, "I am very tired", "you are very tired", None, "", "", False),
    "question": ("질문이", "있다", None, "I have any questions", "you have any questions", None, "", "", False),
    "help": ("도움이", "필요하다", None, "I need help", "you need help", None, "", "", False),
    "sick": ("몸이", "아프다", None, "I am sick", "you are sick", None, "", "", False),
    "late": ("수업이 늦게", "끝나다", None, "class finishes late", "class finishes late", None, "", "", True),
    "early": ("일이 일찍", "끝나다", None, "work finishes early", "work finishes early", None, "", "", True),
}
_IF_TIMES = (("내일", "tomorrow"), ("이번 주말에", "this weekend"), ("오늘 오후에", "this afternoon"),
             ("토요일에", "on Saturday"))
# key: (Korean words, verb, irregular, English verb phrase, moods: will (I will), wont (I will not), imp, please,
# lets)
_IF_ACTS = {
    "read": ("집에서 책을", "읽다", None, "read a book at home", "will"),
    "park": ("공원에", "가다", None, "go to the park", "will lets"),
    "hike": ("친구들이랑 등산을", "가다", None, "go hiking with my friends", "will"),
    "friends": ("친구들을", "만나다", None, "meet my friends", "will"),
    "outside": ("밖에", "나가다", None, "go outside", "wont"),
    "walk": ("같이", "산책하다", None, "take a walk together", "lets"),
    "coffee": ("같이 커피", "마시다", None, "have coffee together", "lets"),
    "movie": ("같이 영화", "보다", None, "watch a movie together", "lets"),
    "call": ("", "전화하다", None, "call me", "imp please"),
    "tell": ("저한테", "말하다", None, "tell me", "imp please"),
    "rest": ("좀", "쉬다", None, "get some rest", "imp"),
    "doctor": ("병원에", "가 보다", None, "go see a doctor", "imp"),
    "eat_this": ("이거", "먹다", None, "eat this", "imp"),
    "umbrella": ("우산을", "가져가다", None, "take an umbrella", "imp"),
    "bike": ("자전거를 타고", "가다", None, "go by bike", "will"),
    "go_out": ("학교에", "가다", None, "go to school", "wont"),
    "no_meet": ("친구를", "만나다", None, "meet my friend", "wont"),
    "taxi": ("택시를 타고 집에", "가다", None, "take a taxi home", "will"),
    "home_early": ("일찍 집에", "가다", None, "go home early", "will"),
}
_CONDITION_ACTS = {
    "rain": "read outside umbrella taxi movie", "snow": "outside read", "nice": "park hike walk bike",
    "cold": "outside read", "time": "coffee movie call walk friends", "hungry": "eat_this",
    "tired": "rest home_early", "question": "call tell", "help": "call tell", "sick": "doctor rest go_out no_meet",
    "late": "taxi", "early": "friends park movie",
}
# With the condition negated (비가 안 오면, 날씨가 안 좋으면): what follows from that instead.
_NEGATED_ACTS = {"rain": "park hike bike", "nice": "read outside"}
# Generic presents: (condition Korean, English), (result Korean words, verb, irregular, English)
_GENERAL = (
    (("커피를", "마시다", None, "I drink coffee"), ("잠이 안", "오다", None, "I cannot sleep")),
    (("매운 음식을", "먹다", None, "I eat spicy food"), ("배가", "아프다", None, "my stomach hurts")),
    (("운동을", "하다", None, "I exercise"), ("기분이", "좋아지다", None, "I feel better")),
    (("음악을", "듣다", "ㄷ", "I listen to music"), ("기분이", "좋아지다", None, "I feel better")),
    (("창문을", "열다", None, "you open the window"), ("방이", "추워지다", None, "the room gets cold")),
    (("늦게", "자다", None, "I go to bed late"), ("아침에", "피곤하다", None, "I am tired in the morning")),
    (("술을", "마시다", None, "I drink alcohol"), ("얼굴이", "빨개지다", None, "my face turns red")),
    (("많이", "걷다", "ㄷ", "I walk a lot"), ("다리가", "아프다", None, "my legs hurt")),
    (("이 버튼을", "누르다", "르", "you press this button"), ("문이", "열리다", None, "the door opens")),
)


def condition_if(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    if rng.random() < 0.2:
        (c_words, c_verb, c_irr, c_en), (r_words, r_verb, r_irr, r_en) = rng.choice(_GENERAL)
        ko = _join(c_words, eu(stem_of(c_verb), "면", c_irr), r_words, _verb(r_verb, "present", level, r_irr))
        return Sentence(_sentence(ko, False), en.sentence([f"if {c_en}, {r_en}"], False),
                        frozenset({("rev6-if", c_verb, r_verb)}))
    cond = rng.choice(sorted(_CONDITIONS))
    words, pred, irregular, for_me, for_you, negative, neg_me, neg_you, timed = _CONDITIONS[cond]
    negated = cond in _NEGATED_ACTS and rng.random() < 0.25
    act = rng.choice((_NEGATED_ACTS if negated else _CONDITION_ACTS)[cond].split())
    a_words, verb, v_irregular, vp, moods = _IF_ACTS[act]
    mood = rng.choice(moods.split())
    if negated:
        if mood not in ("will", "wont"):
            return None
        words, pred, for_me, for_you = negative[0], negative[1], neg_me, neg_you
    time_ko, time_en = rng.choice(_IF_TIMES) if timed and mood != "imp" and rng.random() < 0.4 else ("", "")
    clause = " ".join(_join(time_ko, words, eu(stem_of(pred), "면", irregular)))
    condition_en = f"{for_me if mood in ('will', 'wont') else for_you} {time_en}".strip()
    question = False
    if mood in ("will", "wont"):
        subject_ko = _me(level, rng, 0.25)
        if mood == "wont":
            n_words, n_verb = _neg(a_words, verb)
            main = " ".join(_join(n_words, _verb(n_verb, "future", level, v_irregular)))
            tail = f"I will not {vp}"
        else:
            main = " ".join(_join(a_words, _verb(verb, "future", level, v_irregular)))
            tail = f"I will {vp}"
        ko = _join(subject_ko, clause, main)
    elif mood == "lets":
        if level == "polite":
            pred_ko, question, tail = eu(stem_of(verb), "ㄹ까요", v_irregular), True, f"shall we {vp}"
        else:
            pred_ko, tail = predicate(verb, "lets", level, irregular=v_irregular), f"let us {vp}"
        ko = _join(clause, a_words, pred_ko)
    else:
        pred_ko = predicate(verb, "imperative" if mood == "imp" else "please", level, irregular=v_irregular)
        if mood == "please":
            tail = f"{vp}, please" if level == "plain" else f"please {vp}"
        else:
            tail = vp
        if act == "tell" and level == "plain":
            a_words = "나한테"
        ko = _join(clause, a_words, pred_ko)
    return Sentence(_sentence(ko, question), en.sentence([f"if {condition_en}, {tail}"], question),
                    frozenset({("rev6-if", cond, act)}))


# --------------------------------------------------------------------------- contrast: -지만 / -는데 (but)

_SPORTS = (("농구", "basketball"), ("배구", "volleyball"))
_TREATS = (("피자", "pizza", "it"), ("라면", "ramen", "it"), ("케이크", "cake", "it"), ("초콜릿", "chocolate", "it"),
           ("떡볶이", "tteokbokki", "it"), ("햄버거", "hamburgers", "them"), ("아이스크림", "ice cream", "it"))
_WANTED = (("새 노트북", "a new laptop"), ("차", "a car"), ("새 휴대폰", "a new cell phone"), ("자전거", "a bike"))
_TRIPS = (("제주도", "Jeju Island"), ("유럽", "Europe"), ("일본", "Japan"), ("바다", "the beach"))
_HARD = (("한국어", "Korean"), ("수학", "math"), ("요리", "cooking"), ("이 일", "this work"), ("운전", "driving"))
_CALLED = [p for p in _PEOPLE] + [("엄마", "my mom", "she"), ("아빠", "my dad", "he")]


def _linked(phrase: str, irregular: str | None, kind: str, ending: str) -> str:
    """-지만 or -는데/-(으)ㄴ데 on a clause: kind verb (present), adj (present), past."""
    head, _, last = phrase.rpartition(" ")
    stem = stem_of(last)
    if ending == "지만":
        word = (past_stem(stem, irregular) if kind == "past" else stem) + "지만"
    elif kind == "past":
        word = past_stem(stem, irregular) + "는데"
    elif kind == "verb" or stem.endswith(("있", "없")):
        word = _adnominal_present(stem) + "데"
    else:
        word = eu(stem, "ㄴ데", irregular)
    return f"{head} {word}" if head else word


def contrast_but(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    ending = "지만" if rng.random() < 0.6 else "는데"
    kind = rng.choice(("short", "tall", "studied", "early", "medicine", "treat", "want_buy", "want_go", "called",
                       "hard", "slept", "exercise"))
    me = _me(level, rng, 0.35)
    pair = ("rev6-but", kind, "")
    if kind in ("short", "tall"):
        sport_ko, sport_en = rng.choice(_SPORTS)
        subject_ko, subject_en, pronoun, person, plural = _subject(rng, level, 0.35, 0.0)
        be = en.be(person, plural)
        if kind == "short":
            first = _linked("키가 작다", None, "adj", ending)
            second = _verb(f"{attach(sport_ko, OBJECT)} 좋아하다", "present", level)
            second_en = f"{pronoun} {en.verb_group('like', 'present', False, False, person, plural)[1]} {sport_en}"
        else:
            first = _linked("키가 크다", None, "adj", ending)
            second = f"{attach(sport_ko, OBJECT)} 잘 " + _verb("못하다", "present", level)
            second_en = f"{pronoun} {be} not good at {sport_en}"
        text = f"{subject_en} {be} {'short' if kind == 'short' else 'tall'}, but {second_en}"
        return Sentence(_sentence(_join(subject_ko, first, second), False), en.sentence([text], False),
                        frozenset({(*pair[:2], sport_ko)}))
    if kind == "treat":
        food_ko, food_en, it = rng.choice(_TREATS)
        first = _linked(f"{attach(food_ko, OBJECT)} 좋아하다", None, "verb", ending)
        second = "자주 안 " + _verb("먹다", "present", level)
        text = f"I like {food_en}, but I do not eat {it} often"
        return Sentence(_sentence(_join(me, first, second), False), en.sentence([text], False),
                        frozenset({(*pair[:2], food_ko)}))
    if kind in ("want_buy", "want_go"):
        if kind == "want_buy":
            thing_ko, thing_en = rng.choice(_WANTED)
            first = _linked(f"{attach(thing_ko, OBJECT)} 사고 싶다", None, "adj", ending)
            second, second_en, what = "돈이 " + _verb("없다", "present", level), "I do not have money", thing_ko
            first_en = f"I want to buy {thing_en}"
        else:
            place_ko, place_en = rng.choice(_TRIPS)
            first = _linked(f"{place_ko}에 가고 싶다", None, "adj", ending)
            second, second_en, what = "시간이 " + _verb("없다", "present", level), "I do not have time", place_ko
            first_en = f"I want to go to {place_en}"
        return Sentence(_sentence(_join(me, first, second), False),
                        en.sentence([f"{first_en}, but {second_en}"], False), frozenset({(*pair[:2], what)}))
    if kind == "called":
        who_ko, who_en, pronoun = rng.choice(_CALLED)
        to = "한테" if rng.random() < 0.7 else "에게"
        first = _linked(f"{who_ko}{to} 전화하다", None, "past", ending)
        second = "안 " + _verb("받다", "past", level)
        text = f"I called {who_en}, but {pronoun} did not answer"
        return Sentence(_sentence(_join(me, first, second), False), en.sentence([text], False),
                        frozenset({(*pair[:2], who_ko)}))
    if kind == "hard":
        what_ko, what_en = rng.choice(_HARD)
        first = _linked("어렵다", "ㅂ", "adj", ending)
        second = _verb("재미있다", "present", level)
        text = f"{what_en} is difficult, but it is fun"
        return Sentence(_sentence(_join(attach(what_ko, TOPIC), first, second), False), en.sentence([text], False),
                        frozenset({(*pair[:2], what_ko)}))
    # one-off pairs: (first phrase, irregular, kind, second Korean words, verb, tense, English)
    first_phrase, f_irr, f_kind, s_words, s_verb, s_tense, text = {
        "studied": ("열심히 공부하다", None, "past", "시험에", "떨어지다", "past",
                    "I studied hard, but I failed the test"),
        "early": ("일찍 일어나다", None, "past", "회사에", "늦다", "past", "I got up early, but I was late for work"),
        "medicine": ("약을 먹다", None, "past", "아직", "아프다", "present", "I took medicine, but I am still sick"),
        "slept": ("어제 많이 자다", None, "past", "아직", "피곤하다", "present",
                  "I slept a lot yesterday, but I am still tired"),
        "exercise": ("매일 운동하다", None, "verb", "살이 안", "빠지다", "present",
                     "I exercise every day, but I do not lose weight"),
    }[kind]
    first = _linked(first_phrase, f_irr, f_kind, ending)
    ko = _join(me, first, s_words, _verb(s_verb, s_tense, level))
    return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({pair}))


# --------------------------------------------------------------------------- sequence: -아/어서 (and), -고 나서

# (Korean words, verb, English base, English past): the first of two actions, the second done there or then
_FIRSTS = {
    "home": ("집에", "가다", "go home", "went home"),
    "home_come": ("집에", "오다", "come home", "came home"),
    "friend": ("친구를", "만나다", "meet a friend", "met a friend"),
    "early": ("일찍", "일어나다", "get up early", "got up early"),
    "sofa": ("소파에", "앉다", "sit on the sofa", "sat on the sofa"),
    "bus": ("버스에서", "내리다", "get off the bus", "got off the bus"),
}
# (Korean words, verb, irregular, English base)
_SECONDS = {
    "shower": ("", "샤워하다", None, "take a shower"), "rest": ("좀", "쉬다", None, "rest for a while"),
    "dinner": ("저녁을", "먹다", None, "have dinner"), "sleep": ("", "자다", None, "go to bed"),
    "tv": ("텔레비전을", "보다", None, "watch TV"), "lunch": ("같이 점심을", "먹다", None, "have lunch together"),
    "movie": ("같이 영화를", "보다", None, "watch a movie together"),
    "coffee": ("같이 커피를", "마시다", None, "have coffee together"),
    "exercise": ("", "운동하다", None, "exercise"), "breakfast": ("아침을", "먹다", None, "have breakfast"),
    "walk": ("공원에서", "산책하다", None, "take a walk in the park"), "book": ("책을", "읽다", None, "read a book"),
    "walk_home": ("집까지", "걷다", "ㄷ", "walk home"), "wash": ("손을", "씻다", None, "wash my hands"),
}
_FIRST_SECONDS = {
    "home": "shower rest dinner sleep tv wash", "home_come": "shower rest dinner sleep tv wash",
    "friend": "lunch movie coffee", "early": "exercise breakfast walk", "sofa": "tv book rest",
    "bus": "walk_home",
}
_BOUGHT = (("빵", "bread", "it"), ("김밥", "gimbap", "it"), ("아이스크림", "ice cream", "it"), ("과자", "snacks", "them"),
           ("떡볶이", "tteokbokki", "it"), ("샌드위치", "a sandwich", "it"))
# -고 나서: (Korean words, verb, irregular, English gerund phrase)
_AFTER = (("밥을", "먹다", None, "eating"), ("", "운동하다", None, "exercising"), ("", "샤워하다", None, "taking a shower"),
          ("일을", "끝내다", None, "finishing work"), ("수업을", "듣다", "ㄷ", "class"),
          ("영화를", "보다", None, "watching the movie"), ("숙제를", "끝내다", None, "finishing the homework"))
_AFTER_THEN = {"medicine": ("약을", "먹다", None, "take the medicine"), "coffee": ("커피를", "마시다", None, "drink coffee"),
               "rest": ("잠깐", "쉬다", None, "rest for a while"), "shower": ("", "샤워하다", None, "take a shower"),
               "walk": ("", "산책하다", None, "take a walk"), "sleep": ("", "자다", None, "go to bed"),
               "dinner": ("저녁을", "먹다", None, "have dinner")}


def _past_en(vp: str) -> str:
    return en.verb_group(vp, "past", False, False, 1, False)[1]


def sequence(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("motion", "motion", "motion", "bought", "after", "after"))
    mood = rng.choice(("past", "past", "future", "lets", "imp"))
    if mood == "lets" and level == "polite":
        return None
    if kind == "after":
        words1, verb1, irr1, gerund = rng.choice(_AFTER)
        then = rng.choice(sorted(_AFTER_THEN))
        words2, verb2, irr2, vp2 = _AFTER_THEN[then]
        if verb1 == verb2 or (gerund == "exercising" and then == "walk") or (then == "medicine" and gerund != "eating"):
            return None
        link = " ".join(_join(words1, stem_of(verb1) + "고 나서"))
        if mood in ("past", "future"):
            ko = _join(_me(level, rng, 0.25), link, words2, _verb(verb2, mood, level, irr2))
            group = _past_en(vp2) if mood == "past" else f"will {vp2}"
            text = f"I {group} after {gerund}"
        elif mood == "lets":
            if then in ("shower", "sleep", "medicine"):
                return None                              # "let us take a shower": not said together
            ko, text = _join(link, words2, predicate(verb2, "lets", level, irregular=irr2)), f"let us {vp2} after {gerund}"
        else:
            ko, text = _join(link, words2, predicate(verb2, "imperative", level, irregular=irr2)), f"{vp2} after {gerund}"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev6-after", verb1, then)}))
    if kind == "bought":
        food_ko, food_en, it = rng.choice(_BOUGHT)
        made = rng.random() < 0.3 and food_ko in ("김밥", "떡볶이", "샌드위치")
        link = attach(food_ko, OBJECT) + (" 만들어서" if made else " 사서")
        first_vp = f"{'make' if made else 'buy'} {food_en}"
        if mood == "imp":
            return None
        if mood == "lets":
            return Sentence(_sentence([link, predicate("먹다", "lets", level)], False),
                            en.sentence([f"let us {first_vp} and eat {it}"], False),
                            frozenset({("rev6-and", "사다" if not made else "만들다", food_ko)}))
        ko = _join(_me(level, rng, 0.25), link, _verb("먹다", mood, level))
        text = f"I {_past_en(first_vp)} and ate {it}" if mood == "past" else f"I will {first_vp} and eat {it}"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev6-and", "사다" if not made else "만들다", food_ko)}))
    first = rng.choice(sorted(_FIRSTS))
    f_words, f_verb, f_base, f_past = _FIRSTS[first]
    seconds = _FIRST_SECONDS[first].split()
    second = rng.choice(seconds)
    s_words, s_verb, s_irr, s_base = _SECONDS[second]
    link = f"{f_words} {_a(f_verb)}서"
    pairs = frozenset({("rev6-and", first, second)})
    if mood in ("lets", "imp"):
        if first in ("early", "bus", "home_come", "friend") or second == "wash" or (
                mood == "lets" and second in ("shower", "sleep")):
            return None
        if mood == "lets":
            pred, text = predicate(s_verb, "lets", level, irregular=s_irr), f"let us {f_base} and {s_base}"
        else:
            pred, text = predicate(s_verb, "imperative", level, irregular=s_irr), f"{f_base} and {s_base}"
        return Sentence(_sentence(_join(link, s_words, pred), False), en.sentence([text], False), pairs)
    me = _me(level, rng, 0.25)
    if mood == "past" and first != "friend" and len(seconds) > 2 and rng.random() < 0.35:   # 집에 가서 샤워하고 잤어요
        third = rng.choice([s for s in seconds if s != second])
        if second == "sleep" or third == "wash":          # nothing after going to bed; hands first
            return None
        t_words, t_verb, t_irr, t_base = _SECONDS[third]
        ko = _join(me, link, s_words, stem_of(s_verb) + "고", t_words, _verb(t_verb, "past", level, t_irr))
        text = f"I {f_past}, {_past_en(s_base)} and {_past_en(t_base)}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), pairs | {("rev6-and", second, third)})
    ko = _join(me, link, s_words, _verb(s_verb, mood, level, s_irr))
    text = f"I {f_past} and {_past_en(s_base)}" if mood == "past" else f"I will {f_base} and {s_base}"
    return Sentence(_sentence(ko, False), en.sentence([text], False), pairs)


# --------------------------------------------------------------------------- giving: -아/어 주다

# verb: (the word before 주다, joined to it?, English pattern with {n} for the thing, things: (Korean, English))
_GIVING = {
    "buy": ("사", False, "buy me {n}", (("책을", "a book"), ("가방을", "a bag"), ("운동화를", "sneakers"),
                                         ("시계를", "a watch"), ("아이스크림을", "ice cream"), ("점심을", "lunch"),
                                         ("커피를", "coffee"))),
    "make": ("만들어", False, "make {n} for me", (("김치찌개를", "kimchi stew"), ("불고기를", "bulgogi"),
                                                 ("케이크를", "a cake"), ("떡볶이를", "tteokbokki"),
                                                 ("샌드위치를", "a sandwich"))),
    "lend": ("빌려", True, "lend me {n}", (("책을", "a book"), ("우산을", "an umbrella"), ("펜을", "a pen"),
                                           ("돈을", "some money"), ("노트북을", "a laptop"), ("자전거를", "a bike"))),
    "teach": ("가르쳐", False, "teach me {n}", (("한국어를", "Korean"), ("수학을", "math"), ("영어를", "English"),
                                               ("피아노를", "the piano"))),
    "read": ("읽어", False, "read me {n}", (("책을", "a book"), ("동화책을", "a storybook"), ("편지를", "the letter"))),
    "send": ("보내", False, "send me {n}", (("사진을", "the photos"), ("이메일을", "an email"), ("선물을", "a present"))),
    "show": ("보여", False, "show me {n}", (("사진을", "the photos"), ("가족 사진을", "a family photo"))),
    "give": ("", False, "give me {n}", (("선물을", "a present"), ("꽃을", "flowers"), ("용돈을", "pocket money"),
                                        ("생일 카드를", "a birthday card"))),
    "help": ("도와", True, "help me{n}", (("", ""), ("숙제를", " with my homework"), ("이사를", " move"))),
}
_GIVERS = [(p.ko, p.en, p.honorific, p.plural) for p in PEOPLE
           if p.kind in ("name", "kin") and p.en != "my friends" and "baby" not in p.tags and p.ko != "동료"]
# Requests "to me": (verb key, things)
_REQUESTS = ("send", "show", "lend", "teach", "buy")
# N 좀 주시겠어요? → Could you give me N?
_ASK_FOR = (("영수증", "the receipt"), ("계산서", "the check"), ("메뉴판", "the menu"), ("물", "some water"),
            ("담요", "a blanket"), ("물티슈", "some wet wipes"), ("포크", "a fork"), ("숟가락", "a spoon"),
            ("봉투", "a bag"), ("앞접시", "a small plate"))
# Could you ... (for me)?: (Korean words, verb, irregular, English, whether "for me" goes after it)
_FAVORS = (("사진 좀", "찍다", None, "take a picture", True), ("이것 좀", "들다", None, "hold this", True),
           ("이 가방 좀", "들다", None, "carry this bag", True), ("창문 좀", "닫다", None, "close the window", True),
           ("문 좀", "열다", None, "open the door", True), ("잠깐만", "기다리다", None, "wait for me for a moment", False),
           ("천천히", "말하다", None, "speak slowly", False), ("다시 한 번", "설명하다", None, "explain it again", False),
           ("불 좀", "끄다", None, "turn off the light", True), ("이 편지 좀", "읽다", None, "read this letter", True),
           ("길 좀", "가르치다", None, "show me the way", False),
           ("주소 좀", "쓰다", None, "write down the address", True))


def benefactive(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("gave", "gave", "gave", "to_me", "could_give", "could_you", "for_me"))
    me_to = ("나한테" if level == "plain" else "저한테") if rng.random() < 0.8 else ("나에게" if level == "plain" else "저에게")
    if kind == "gave":
        verb_key = rng.choice(sorted(_GIVING))
        before, joined, pattern, things = _GIVING[verb_key]
        thing_ko, thing_en = rng.choice(things)
        giver_ko, giver_en, honor, plural = rng.choice(_GIVERS)
        if honor and rng.random() < 0.4:
            subject = giver_ko + "께서"
        else:
            subject = attach(giver_ko, SUBJECT)
        tense = "past" if rng.random() < 0.75 else "future"
        negative = tense == "past" and rng.random() < 0.15
        pred = _verb("주다", tense, level, honor=honor)
        if before:
            pred = f"{before}{pred}" if joined else f"{before} {pred}"
        if negative:
            pred = "안 " + pred
        if verb_key == "help":                          # 도와주다 takes its person with 을/를: 저를 도와줬어요
            recipient = ("나를" if level == "plain" else "저를") if not thing_ko and rng.random() < 0.5 else ""
        else:
            recipient = me_to if rng.random() < 0.6 or verb_key == "give" else ""
        ko = _join(subject, recipient, thing_ko, pred)
        group = _group(pattern.format(n=thing_en), tense, 3, plural, negative)
        return Sentence(_sentence(ko, False), en.sentence([giver_en, group], False),
                        frozenset({("rev6-give", verb_key, thing_ko or "-")}))
    if kind == "to_me":
        verb_key = rng.choice(_REQUESTS)
        before, joined, pattern, things = _GIVING[verb_key]
        thing_ko, thing_en = rng.choice(things)
        if verb_key == "buy" and level != "plain":
            return None                                   # 사 주세요 to a shop: "buy me" is a child's plea
        pred = {"plain": f"{before} 줘", "polite": f"{before} 주세요", "formal": f"{before} 주십시오"}[level]
        noun = thing_ko[:-1] if thing_ko.endswith(("을", "를")) else thing_ko
        recipient = "" if verb_key == "lend" and rng.random() < 0.5 else me_to
        ko = _join(recipient, f"{noun} 좀", pred)
        vp = pattern.format(n=thing_en)
        text = f"{vp}, please" if level == "plain" else f"please {vp}"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev6-give", verb_key, noun)}))
    if kind == "could_give":
        if level != "polite":
            return None
        thing_ko, thing_en = rng.choice(_ASK_FOR)
        ko = _join(thing_ko, "좀" if rng.random() < 0.6 else "", "주시겠어요")
        return Sentence(_sentence(ko, True), f"Could you give me {thing_en}?",
                        frozenset({("rev6-ask", thing_ko, "")}))
    words, verb, irregular, vp, for_me = rng.choice(_FAVORS)
    a = a_form(stem_of(verb), irregular)
    if kind == "could_you":
        if level != "polite":
            return None
        return Sentence(_sentence([words, f"{a} 주시겠어요"], True), en.sentence(["could you", vp], True),
                        frozenset({("rev6-favor", verb, words)}))
    full = f"{vp} for me" if for_me else vp
    if level == "plain":
        tail = rng.choice(("줄래", "줄 수 있어"))
        return Sentence(_sentence([words, f"{a} {tail}"], True), en.sentence(["can you", full], True),
                        frozenset({("rev6-favor", verb, words)}))
    tail = "주실 수 있어요" if level == "polite" else "주실 수 있습니까"
    return Sentence(_sentence([words, f"{a} {tail}"], True), en.sentence(["could you", full], True),
                    frozenset({("rev6-favor", verb, words)}))


# --------------------------------------------------------------------------- experience: -아/어 본 적이 있다

# (Korean words, verb, irregular, English past participle phrase)
_TRIED = (
    ("한국 음식을", "먹다", None, "eaten Korean food"), ("번지점프를", "하다", None, "done a bungee jump"),
    ("스키를", "타다", None, "skied"), ("말을", "타다", None, "ridden a horse"),
    ("비행기를", "타다", None, "been on a plane"), ("혼자", "여행하다", None, "traveled alone"),
    ("외국에서", "살다", None, "lived abroad"), ("외국에", "가다", None, "been abroad"),
    ("유럽에", "가다", None, "been to Europe"), ("제주도에", "가다", None, "been to Jeju Island"),
    ("그 영화를", "보다", None, "seen that movie"), ("그 노래를", "듣다", "ㄷ", "heard that song"),
    ("그 책을", "읽다", None, "read that book"), ("한국 드라마를", "보다", None, "watched a Korean drama"),
    ("캠핑을", "하다", None, "gone camping"), ("낚시를", "하다", None, "gone fishing"),
    ("고양이를", "키우다", None, "had a cat"), ("유명한 사람을", "만나다", None, "met a famous person"),
    ("외국 사람하고", "이야기하다", None, "talked with a foreigner"), ("노래방에", "가다", None, "been to a karaoke room"),
    ("한강에서 자전거를", "타다", None, "ridden a bike along the Han River"),
    ("김장을", "하다", None, "made kimchi for the winter"), ("한국 요리를", "배우다", None, "learned Korean cooking"),
    ("이 식당에", "오다", None, "been to this restaurant"), ("마라톤을", "뛰다", None, "run a marathon"),
)


def _perfect_pairs() -> set[tuple[str, str]]:
    """(object noun, verb) pairs everyday_more.perfect can already put before -아/어 본 적이: not redone here."""
    from .everyday import _OBJECTS
    return {(n.ko, a.ko) for a in _PERFECT_ACTIONS if a in _OBJECTS for n in _OBJECTS[a]}


_PERFECT_PAIRS = _perfect_pairs()
_TRIED = tuple(t for t in _TRIED if (t[0][:-1], t[1]) not in _PERFECT_PAIRS and (t[0], t[1]) not in _PERFECT_PAIRS)


def _tried_form(verb: str, irregular: str | None) -> str:
    """먹어 본, 타 본, 가 본; 보다 itself takes -(으)ㄴ: 본 (not 봐 본)."""
    stem = stem_of(verb)
    if verb == "보다":
        return "본"
    return a_form(stem, irregular) + " 본"


def experience(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    words, verb, irregular, pp = rng.choice(_TRIED)
    kind = rng.choice(("ever", "never", "never", "question"))
    question = kind == "question"
    frame = f"{_tried_form(verb, irregular)} 적이 " + conjugate("없다" if kind == "never" else "있다",
                                                              Form("present", level, False, question))
    pairs = frozenset({("rev6-tried", verb, words)})
    if question:
        return Sentence(_sentence([words, frame], True), en.sentence(["have you ever", pp], True), pairs)
    subject_ko, subject_en, _, person, plural = _subject(rng, level, 0.25, 0.0)
    have = "has" if person == 3 and not plural else "have"
    never_once = kind == "never" and rng.random() < 0.4
    ko = _join(subject_ko, "한 번도" if never_once else "", words, frame)
    if kind == "never":
        text = f"{subject_en} {have} never {pp}"
    else:
        text = f"{subject_en} {have} {pp} before"
    return Sentence(_sentence(ko, False), en.sentence([text], False), pairs)


# --------------------------------------------------------------------------- permission and prohibition

# (Korean words, verb, irregular, English verb phrase, may it be forbidden?)
_MAY = (("여기", "앉다", None, "sit here", True), ("여기서", "사진을 찍다", None, "take pictures here", True),
        ("여기서", "담배를 피우다", None, "smoke here", True), ("여기서", "기다리다", None, "wait here", True),
        ("여기에", "주차하다", None, "park here", True), ("여기서", "음식을 먹다", None, "eat here", True),
        ("지금", "들어가다", None, "go in now", True), ("잠깐", "쉬다", None, "take a short break", False),
        ("이거", "먹다", None, "eat this", True), ("이 펜", "쓰다", None, "use this pen", True),
        ("화장실 좀", "쓰다", None, "use the bathroom", False), ("오늘 일찍", "퇴근하다", None, "leave work early today", False),
        ("내일 늦게", "오다", None, "come late tomorrow", True), ("여기서", "수영하다", None, "swim here", True),
        ("이 옷", "입어 보다", None, "try on these clothes", False), ("지금 집에", "가다", None, "go home now", True),
        ("여기서", "전화하다", None, "make a phone call here", True), ("창문 좀", "열어 두다", None,
                                                                       "leave the window open", False))
# You do not have to ...: (Korean words, verb, irregular, English)
_NEED_NOT = (("내일은", "오다", None, "come tomorrow"), ("신발을", "벗다", None, "take off your shoes"),
             ("돈을", "내다", None, "pay"), ("예약을", "하다", None, "make a reservation"),
             ("지금", "대답하다", None, "answer now"), ("내일은 일찍", "일어나다", None, "get up early tomorrow"),
             ("오늘은", "요리하다", None, "cook today"), ("선물을", "사다", None, "buy a present"))


def permission(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("ask", "ask", "allow", "need_not", "forbid", "forbid"))
    if kind == "need_not":
        words, verb, irregular, vp = rng.choice(_NEED_NOT)
        stem = stem_of(verb.rpartition(" ")[2])
        if rng.random() < 0.5:
            n_words, n_verb = _neg(words, verb)
            ko = _join(n_words, a_form(stem_of(n_verb.rpartition(" ")[2]), irregular) + "도")
        else:
            ko = _join(words, stem + "지 않아도")
        ko.append(conjugate("되다", Form("present", level)))
        return Sentence(_sentence(ko, False), en.sentence([f"you do not have to {vp}"], False),
                        frozenset({("rev6-may", "need_not", verb)}))
    words, verb, irregular, vp, forbiddable = rng.choice(_MAY)
    head, _, last = verb.rpartition(" ")
    stem = stem_of(last)
    words = " ".join(_join(words, head))
    if kind == "forbid":
        if not forbiddable:
            return None
        ko = _join(words, eu(stem, "면", irregular), "안", conjugate("되다", Form("present", level)))
        return Sentence(_sentence(ko, False), en.sentence([f"you must not {vp}"], False),
                        frozenset({("rev6-may", "forbid", verb)}))
    question = kind == "ask"
    if not question and "좀" in words:
        return None                                     # 좀 asks; it does not go with a permission given
    ko = _join(words, a_form(stem, irregular) + "도", conjugate("되다", Form("present", level, False, question)))
    text = f"can I {vp}" if question else f"you may {vp}"
    return Sentence(_sentence(ko, question), en.sentence([text], question), frozenset({("rev6-may", kind, verb)}))


# --------------------------------------------------------------------------- wh-questions

_HABIT_TIMES = (("주말에 보통", "usually", "on weekends"), ("저녁에 보통", "usually", "in the evening"),
                ("퇴근하고", "", "after work"), ("수업 끝나고", "", "after class"), ("쉬는 날에", "", "on your days off"),
                ("요즘", "", "these days"))
_PAST_TIMES = (("어제", "yesterday"), ("지난 주말에", "last weekend"), ("어제 저녁에", "yesterday evening"),
               ("방학 때", "during the vacation"))
_FUTURE_TIMES = (("내일", "tomorrow"), ("이번 주말에", "this weekend"), ("오늘 저녁에", "this evening"),
                 ("다음 주에", "next week"))
_MEALS = (("점심", "lunch"), ("저녁", "dinner"), ("아침", "breakfast"))
_WITH = ((None, "영화를 보다", "watch the movie"), (None, "가다", "go"), (None, "점심을 먹다", "have lunch"),
         (None, "여행을 가다", "go on the trip"), (None, "살다", "live"))
_WHO_DID = (("", "오다", "came"), ("이거", "만들다", "made this"), ("", "전화하다", "called"), ("", "이기다", "won"),
            ("이 그림을", "그리다", "drew this picture"), ("창문을", "열다", "opened the window"))
_BOUGHT_THINGS = (("가방", "bag", False), ("신발", "shoes", True), ("옷", "clothes", True), ("모자", "hat", False),
                  ("시계", "watch", False), ("컵", "cup", False))
# (Korean words before the verb, verb, irregular, tense, English question)
_FIXED_WH = (
    ("왜", "늦다", None, "past", "Why were you late?"), ("왜 안", "오다", None, "past", "Why did you not come?"),
    ("어제 왜 안", "오다", None, "past", "Why did you not come yesterday?"),
    ("왜", "울다", None, "present", "Why are you crying?"), ("왜", "웃다", None, "present", "Why are you laughing?"),
    ("왜 전화 안", "받다", None, "past", "Why did you not answer the phone?"),
    ("왜 한국어를", "배우다", None, "present", "Why are you learning Korean?"),
    ("왜 그렇게", "생각하다", None, "present", "Why do you think so?"),
    ("왜 이렇게 일찍", "오다", None, "past", "Why did you come so early?"),
    ("어떻게", "알다", None, "past", "How did you know?"), ("여기 어떻게", "오다", None, "past", "How did you get here?"),
    ("학교에 어떻게", "가다", None, "present", "How do you get to school?"),
    ("이거 어떻게", "먹다", None, "present", "How do you eat this?"),
    ("이 단어 어떻게", "읽다", None, "present", "How do you read this word?"),
    ("이거 어떻게", "만들다", None, "past", "How did you make this?"),
    ("어디", "가다", None, "present", "Where are you going?"), ("어디에", "살다", None, "present", "Where do you live?"),
    ("어디서", "일하다", None, "present", "Where do you work?"), ("어디서", "사다", None, "past", "Where did you buy it?"),
    ("어디", "아프다", None, "present", "Where does it hurt?"),
    ("언제 한국에", "오다", None, "past", "When did you come to Korea?"),
    ("언제", "도착하다", None, "past", "When did you arrive?"), ("언제", "도착하다", None, "future", "When will you arrive?"),
    ("언제", "졸업하다", None, "past", "When did you graduate?"), ("언제", "이사하다", None, "past", "When did you move?"),
    ("언제", "결혼하다", None, "past", "When did you get married?"),
    ("언제 시간", "있다", None, "present", "When do you have time?"),
    ("누구를", "기다리다", None, "present", "Who are you waiting for?"),
    ("누구를", "만나다", None, "past", "Who did you meet?"), ("누구한테", "전화하다", None, "past", "Who did you call?"),
    ("하루에 커피를 몇 잔", "마시다", None, "present", "How many cups of coffee do you drink a day?"),
    ("일주일에 몇 번", "운동하다", None, "present", "How many times a week do you exercise?"),
)
_CLOCK = (("일어나다", "get up"), ("자다", "go to bed"), ("출근하다", "go to work"), ("퇴근하다", "leave work"),
          ("도착하다", "arrive"), ("출발하다", "leave"), ("점심을 먹다", "have lunch"))
_MEET_SHALL = (("어디서", "Where"), ("언제", "When"), ("몇 시에", "What time"))


def _ask(verb: str, tense: str, level: str, honor: bool, irregular: str | None = None) -> str:
    return _verb(verb, tense, level, irregular, question=True, honor=honor)


def _shall(verb: str, level: str) -> str:
    head, _, last = verb.rpartition(" ")
    word = eu(stem_of(last), "ㄹ까요" if level == "polite" else "ㄹ까")
    return f"{head} {word}" if head else word


def wh_more(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    honor = level != "plain" and rng.random() < 0.35
    kind = rng.choice(("what_do", "what_do", "what_eat", "who_with", "who_did", "where_bought", "shall", "clock",
                       "fixed", "fixed", "fixed"))
    what = "무엇을" if level == "formal" else "뭐"
    if kind == "what_do":
        tense = rng.choice(("present", "past", "future", "progressive", "shall"))
        if tense == "present":
            time_ko, usually, time_en = rng.choice(_HABIT_TIMES)
            ko, text = [time_ko, what, _ask("하다", "present", level, honor)], \
                f"What do you {usually} do {time_en}?".replace("  ", " ")
        elif tense == "past":
            time_ko, time_en = rng.choice(_PAST_TIMES)
            ko, text = [time_ko, what, _ask("하다", "past", level, honor)], f"What did you do {time_en}?"
        elif tense == "future":
            time_ko, time_en = rng.choice(_FUTURE_TIMES)
            ko, text = [time_ko, what, _ask("하다", "future", level, honor)], f"What will you do {time_en}?"
        elif tense == "progressive":
            ko, text = ["지금", what, _ask("하다", "progressive", level, honor)], "What are you doing now?"
        else:
            if level == "formal":
                return None
            time_ko, time_en = rng.choice(_FUTURE_TIMES)
            ko, text = ["우리" if rng.random() < 0.3 else "", time_ko, "뭐", _shall("하다", level)], \
                f"What shall we do {time_en}?"
        return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "what_do", tense)}))
    if kind == "what_eat":
        meal_ko, meal_en = rng.choice(_MEALS)
        if rng.random() < 0.5:
            ko, text = [attach(meal_ko, MEANS), what, _ask("먹다", "past", level, honor)], f"What did you eat for {meal_en}?"
        else:
            if level == "formal":
                return None
            today = rng.random() < 0.5
            if rng.random() < 0.3:
                ko, text = ["뭐", _shall("먹다", level)], "What shall we eat?"
            else:
                ko = ["오늘" if today else "", attach(meal_ko, TOPIC), "뭐", _shall("먹다", level)]
                text = f"What shall we eat for {meal_en}{' today' if today else ''}?"
        return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "what_eat", meal_ko)}))
    if kind == "who_with":
        _, verb, vp = rng.choice(_WITH)
        who = {"plain": "누구랑", "polite": rng.choice(("누구랑", "누구하고")), "formal": "누구와"}[level]
        together = "같이" if rng.random() < 0.5 and verb != "살다" else ""
        head, _, last = verb.rpartition(" ")
        if verb == "살다":
            tense = "present"
        else:
            tense = rng.choice(("past", "past", "future"))
        ko = _join(who, together, head, _ask(last, tense, level, honor))
        aux, group = en.verb_group(vp, tense, False, True, 2, False)
        text = f"Who {aux} you {group} with?"
        return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "who_with", verb)}))
    if kind == "who_did":
        words, verb, past_en = rng.choice(_WHO_DID)
        ko = _join("누가", words, _ask(verb, "past", level, False))
        return Sentence(_sentence(ko, True), f"Who {past_en}?", frozenset({("rev6-wh", "who_did", verb)}))
    if kind == "where_bought":
        noun_ko, noun_en, plural = rng.choice(_BOUGHT_THINGS)
        det_ko = rng.choice(("그", "이"))
        det_en = {"그": "those" if plural else "that", "이": "these" if plural else "this"}[det_ko]
        where = "어디에서" if level == "formal" else "어디서"
        ko = [f"{det_ko} {noun_ko}", where, _ask("사다", "past", level, honor)]
        return Sentence(_sentence(ko, True), f"Where did you buy {det_en} {noun_en}?",
                        frozenset({("rev6-wh", "where_bought", noun_ko)}))
    if kind == "shall":
        if level == "formal":
            return None
        wh_ko, wh_en = rng.choice(_MEET_SHALL)
        time_ko, time_en = rng.choice(_FUTURE_TIMES[:2]) if wh_ko != "언제" and rng.random() < 0.4 else ("", "")
        ko = _join(time_ko, wh_ko, _shall("만나다", level))
        text = f"{wh_en} shall we meet {time_en}".strip() + "?"
        return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "meet", wh_ko)}))
    if kind == "clock":
        verb, vp = rng.choice(_CLOCK)
        tense = rng.choice(("present", "past", "future"))
        head, _, last = verb.rpartition(" ")
        if tense == "present":
            time_ko, time_en = "보통", ""
            ko = _join(time_ko, "몇 시에", head, _ask(last, tense, level, honor))
            text = f"What time do you usually {vp}?"
        else:
            if tense == "past":
                time_ko, time_en = rng.choice((("어제", "yesterday"), ("어젯밤에", "last night"))) if verb == "자다" \
                    else ("어제", "yesterday")
            else:
                time_ko, time_en = rng.choice((("내일", "tomorrow"), ("오늘", "today")))
            ko = _join(time_ko, "몇 시에", head, _ask(last, tense, level, honor))
            aux, group = en.verb_group(vp, tense, False, True, 2, False)
            text = f"What time {aux} you {group} {time_en}?"
        return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "clock", verb)}))
    words, verb, irregular, tense, text = rng.choice(_FIXED_WH)
    if level == "formal" and words.startswith("어디서"):
        words = "어디에서" + words[3:]
    ko = _join(words, _ask(verb, tense, level, honor and verb not in ("아프다",), irregular))
    return Sentence(_sentence(ko, True), text, frozenset({("rev6-wh", "fixed", f"{words}|{verb}|{tense}")}))


REV6_CONSTRUCTIONS = {
    "cause_so": (cause_so, 5), "reason_lets": (reason_lets, 1), "condition_if": (condition_if, 3),
    "contrast_but": (contrast_but, 2), "sequence": (sequence, 3), "benefactive": (benefactive, 6),
    "experience": (experience, 3), "permission": (permission, 2), "wh_more": (wh_more, 3),
}

__all__ = ["REV6_CONSTRUCTIONS"]
