"""Everyday constructions of corpus revision 7: the everyday vocabulary and set frames the development set still
showed the model getting wrong after revision 6 -- counting and prices, thanks and apologies, food, weather,
work and school, getting around, family, health, and Latin-script brand names used as nouns.
`REV7_CONSTRUCTIONS`, listed in everyday_corpus.REVISIONS as added in revision 7, so that
`EverydayConfig(revision=6)` (and older) still draws exactly the older corpus. About 23% of the everyday draw.

Most of what the model missed was not grammar but words and set frames, seen too seldom: the corpus keeps a
sentence once, so a set phrase drawn whole (잘 먹겠습니다) is seen once however often it is drawn. Each frame here
is therefore a slot filled from a table -- whose thanks, which vegetable, which bus stop, which brand -- so that
the frame is seen in hundreds of different sentences. The tables live in this module (never in edits to the older
word lists, which would change the older corpora), and every entry is paired only with the frames whose English
it fits.

* counting and prices: 사과는 한 개에 천 원이에요 (Apples are one thousand won each), 이 귤은 한 봉지에 오천
  원이에요 (These tangerines are five thousand won a bag), 이 가방은 12만 원이에요 (This bag is 120,000 won),
  교실에 학생이 스무 명 있어요 (There are twenty students in the classroom), 공원에 사람이 몇 명 있어요? (How many
  people are there in the park?), 우리 회사는 직원이 150명이에요 (Our company has 150 employees), 이 건물은
  20층까지 있어요 (This building has 20 floors), 맥주 두 병만 주세요 (Just two bottles of beer, please);
* thanks, apologies and wishes: 도와주셔서 감사합니다 (Thank you for helping me), 늦어서 정말 미안해 (I am really
  sorry I am late), 휴가 잘 보내세요 (Have a good vacation), 엄마, 잘 먹겠습니다 (Thank you for the meal, Mom),
  할머니, 안녕히 주무세요 (Good night, Grandma);
* food: 이 국은 좀 짜요 (This soup is a little salty), 저녁에 피자를 시켜 먹을까? (Shall we order pizza for
  dinner?), 양파를 작게 썰어 주세요 (Please cut the onion into small pieces), 커피 마실래요, 차 마실래요? (Would
  you like coffee or tea?), 이 김치 좀 먹어 봐 (Try some of this kimchi);
* weather: 바람이 많이 불어요 (It is very windy), 밖에 비가 와요 (It is raining outside), 눈이 그쳤어요 (The snow
  has stopped), 서울은 여름에 너무 더워요 (It is too hot in Seoul in summer), 오늘은 좀 춥네 (It is a little
  cold today), 겨울에는 스키를 타러 가요 (I go skiing in winter);
* work and school: 오늘 회사에 늦었어요 (I was late for work today), 내일 수학 시험이 있어요 (I have a math test
  tomorrow), 영어 시험을 잘 봤어? (Did you do well on the English test?), 아직 과학 숙제를 못 했어 (I have not
  done my science homework yet), 요즘 일이 너무 많아요 (I have too much work these days), 다음 달부터 새 회사에
  다녀요 (I start working at a new company next month), 보통 아홉 시에 출근해요 (I usually go to work at nine
  o'clock);
* getting around: 이 버스 시청에 가요? (Does this bus go to City Hall?), 다음 역에서 내려야 해요 (I have to get
  off at the next station), 여기서 세워 주세요 (Please stop here), 공항까지 택시를 탈까요? (Shall we take a taxi to
  the airport?), 학교까지 걸어서 가요 (I walk to school), 이 근처에 약국 있어요? (Is there a pharmacy near here?);
* family and people: 어머니는 요리를 잘하세요 (My mother is good at cooking), 동생이랑 자주 싸워요 (I often fight
  with my younger sibling), 삼촌이 내일 우리 집에 오실 거예요 (My uncle will come to our house tomorrow), 이쪽은
  제 아내예요 (This is my wife), 동생은 몇 살이에요? (How old is your younger sibling?), 아버지는 무슨 일
  하세요? (What does your father do for a living?), 저기 있는 사람이 누구예요? (Who is that person over there?);
* health: 약 먹었어요? (Did you take the medicine?), 하루에 세 번 약을 드세요 (Take the medicine three times a
  day), 병원에 가 봐 (Go see a doctor), 오늘은 푹 쉬세요 (Get some good rest today), 살이 좀 쪘어요 (I gained
  some weight), 살이 3킬로 빠졌어요 (I lost 3 kilograms);
* Latin-script names as nouns and noun modifiers: 저는 iPhone을 써요 (I use an iPhone), iPhone 케이스를
  샀어요 (I bought an iPhone case), 오후에 Zoom 회의가 있어요 (I have a Zoom meeting this afternoon), YouTube에서
  그 영상을 봤어요 (I watched that video on YouTube), Wi-Fi 비밀번호가 뭐예요? (What is the Wi-Fi password?), 내일
  KTX를 타고 부산에 갈 거예요 (I will take the KTX to Busan tomorrow).

The English follows the older constructions: no contractions, "let us", "shall we" for -(으)ㄹ까요?, 동생 is
"younger sibling", seasons without "the" (in summer, in the fall), Korean number words become English number
words and digits stay digits (12만 원 is 120,000 won).
"""

from __future__ import annotations

import random

from . import english as en
from .everyday import _NAMES, CITIES, Sentence, _sentence, english_number, native_number, predicate, sino_number
from .everyday_rev6 import _join, _verb
from .hangul import OBJECT, SUBJECT, TOPIC, VOCATIVE, attach, final_consonant, set_final
from .korean import Form, conjugate, copula, eu, stem_of
from service.text.romanize import romanize_place

LEVELS = ("plain", "polite", "formal")


def _ne(phrase: str, level: str) -> str:
    """-네/-네요 on a phrase's last word (the ㄹ of a stem drops: 달다 → 다네요); the formal level has no -네 and
    takes -습니다/-ㅂ니다."""
    head, _, last = phrase.rpartition(" ")
    stem = stem_of(last)
    if level == "formal":
        word = conjugate(last, Form("present", "formal"))
    else:
        base = set_final(stem, "") if final_consonant(stem) == "ㄹ" else stem
        word = base + ("네" if level == "plain" else "네요")
    return f"{head} {word}" if head else word


def _price_words(value: int) -> str:
    """English number words for a price of up to 99,999 won: five hundred, one thousand five hundred, twelve
    thousand, twenty-five thousand."""
    thousands, rest = divmod(value, 1000)
    hundreds = rest // 100
    words = []
    if thousands:
        words.append(f"{english_number(thousands)} thousand")
    if hundreds:
        words.append(f"{english_number(hundreds)} hundred")
    return " ".join(words)


def _vocative(rng: random.Random, level: str, kin_p: float = 0.5) -> tuple[str, str]:
    """Someone spoken to, first in Korean and last in English: (엄마, Mom), (민준아, Minjun), (민준 씨, Minjun)."""
    if rng.random() < kin_p:
        return rng.choice(_ADDRESSED_KIN)
    name = rng.choice(_NAMES)
    return (attach(name.ko, VOCATIVE) if level == "plain" else f"{name.ko} 씨"), name.en


_ADDRESSED_KIN = (("엄마", "Mom"), ("아빠", "Dad"), ("할머니", "Grandma"), ("할아버지", "Grandpa"))


# --------------------------------------------------------------------------- counting and prices

# Priced per unit: (Korean noun, English, English is plural?, units: (Korean counter, English "each"/"a bag"))
_PER_UNIT = (
    ("사과", "apples", True, (("개", "each"), ("봉지", "a bag"), ("상자", "a box"))),
    ("귤", "tangerines", True, (("개", "each"), ("봉지", "a bag"), ("상자", "a box"))),
    ("복숭아", "peaches", True, (("개", "each"), ("상자", "a box"))),
    ("레몬", "lemons", True, (("개", "each"),)),
    ("계란", "eggs", True, (("개", "each"),)),
    ("공책", "notebooks", True, (("권", "each"),)),
    ("볼펜", "ballpoint pens", True, (("자루", "each"),)),
    ("양말", "socks", True, (("켤레", "a pair"),)),
    ("맥주", "beer", False, (("병", "a bottle"), ("캔", "a can"))),
    ("생수", "bottled water", False, (("병", "a bottle"),)),
    ("커피", "coffee", False, (("잔", "a cup"),)),
)
# Prices that fit the unit: one of a thing, a bag or bottle of it, a box of it.
_UNIT_PRICES = {"each": (500, 1000, 1500, 2000, 2500, 3000), "box": (10_000, 12_000, 15_000, 20_000, 25_000, 30_000),
                "other": (1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 7000, 8000)}
# Priced things for N만 원: (Korean, English, plural?)
_DEAR = (("가방", "bag", False), ("신발", "shoes", True), ("시계", "watch", False), ("코트", "coat", False),
         ("청바지", "jeans", True), ("운동화", "sneakers", True), ("자전거", "bike", False), ("의자", "chair", False),
         ("셔츠", "shirt", False), ("이어폰", "earphones", True), ("원피스", "dress", False), ("안경", "glasses", True))
# Counted beings: (Korean, English singular, counter)
_BEINGS = {"학생": ("student", "명"), "사람": ("person", "명"), "손님": ("customer", "명"), "아이": ("child", "명"),
           "강아지": ("puppy", "마리"), "고양이": ("cat", "마리"), "새": ("bird", "마리"), "물고기": ("fish", "마리")}
# Where they are: (Korean with 에, English, beings)
_WHERE = (("교실에", "in the classroom", "학생"), ("식당에", "in the restaurant", "손님 사람"),
          ("카페에", "in the cafe", "손님 사람"), ("공원에", "in the park", "사람 아이 강아지 새"),
          ("버스에", "on the bus", "사람 학생"), ("회의실에", "in the meeting room", "사람"),
          ("우리 반에", "in our class", "학생"), ("어항에", "in the fish tank", "물고기"),
          ("놀이터에", "at the playground", "아이"), ("마당에", "in the yard", "강아지 고양이 새"))
# Who has how many: (Korean owner, English, Korean noun, English plural)
_CLASSES = ("교실에", "우리 반에", "회의실에")
_ORGS = (("우리 회사", "our company", "직원", "employees"), ("그 회사", "that company", "직원", "employees"),
         ("우리 학교", "our school", "학생", "students"), ("우리 학교", "our school", "선생님", "teachers"),
         ("우리 팀", "our team", "팀원", "team members"), ("이 동아리", "this club", "회원", "members"))
_BUILDINGS = (("이 건물", "this building"), ("저 건물", "that building"), ("우리 아파트", "our apartment building"),
              ("그 호텔", "that hotel"), ("이 병원", "this hospital"))
# Ordered: (Korean thing, counter or "" (counted bare), English unit or "", English noun, counted noun plural?)
_ORDERS = (("맥주", "병", "bottle of beer"), ("생수", "병", "bottle of water"), ("콜라", "캔", "can of Coke"),
           ("커피", "잔", "cup of coffee"), ("녹차", "잔", "cup of green tea"), ("김밥", "줄", "roll of gimbap"),
           ("표", "장", "ticket"), ("사과", "개", "apple"), ("햄버거", "개", "hamburger"), ("피자", "판", "pizza"),
           ("이거", "개", "of these"))


def _count_ko(n: int, counter: str, words: bool) -> str:
    return f"{native_number(n)} {counter}" if words else f"{n}{counter}"


def _count_en(n: int, words: bool) -> str:
    return english_number(n) if words else str(n)


def count_price(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("each", "each", "each", "man", "man", "there", "there", "there", "how_many", "has", "floors",
                       "order", "order"))
    if kind == "each":
        noun_ko, noun_en, plural, units = rng.choice(_PER_UNIT)
        unit_ko, unit_en = rng.choice(units)
        value = rng.choice(_UNIT_PRICES.get(unit_en.rpartition(" ")[2], _UNIT_PRICES["other"]))
        digits = rng.random() < 0.3
        price_ko = f"{value:,}원" if digits else f"{sino_number(value)} 원"
        price_en = f"{value:,} won" if digits else f"{_price_words(value)} won"
        this = rng.random() < 0.4
        head_ko = f"이 {noun_ko}" if this else noun_ko
        head_en = ("these " if plural else "this ") + noun_en if this else noun_en
        ko = [attach(head_ko, TOPIC), f"한 {unit_ko}에", copula(price_ko, "present", level)]
        text = f"{head_en} {'are' if plural else 'is'} {price_en} {unit_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-each", noun_ko, unit_ko)}))
    if kind == "man":
        noun_ko, noun_en, plural = rng.choice(_DEAR)
        det_ko = rng.choice(("이", "이", "그", "저"))
        det_en = {"이": "these" if plural else "this"}.get(det_ko, "those" if plural else "that")
        tens = rng.randint(1, 50)
        thousands = rng.choice((0, 0, 0, 5)) if tens < 20 else 0
        price_ko = f"{tens}만 {thousands}천 원" if thousands else f"{tens}만 원"
        price_en = f"{tens * 10_000 + thousands * 1000:,} won"
        past = rng.random() < 0.2
        ko = [attach(f"{det_ko} {noun_ko}", TOPIC), copula(price_ko, "past" if past else "present", level)]
        be = ("were" if plural else "was") if past else ("are" if plural else "is")
        return Sentence(_sentence(ko, False), en.sentence([f"{det_en} {noun_en} {be} {price_en}"], False),
                        frozenset({("rev7-man", noun_ko, "")}))
    if kind in ("there", "how_many"):
        where_ko, where_en, beings = rng.choice(_WHERE)
        being = rng.choice(beings.split())
        singular, counter = _BEINGS[being]
        topic = rng.random() < 0.3
        place = where_ko + ("는" if topic else "")
        if kind == "how_many":
            ko = [place, attach(being, SUBJECT), f"몇 {counter}", conjugate("있다", Form("present", level, False, True))]
            text = f"how many {en.plural(singular)} are there {where_en}"
            return Sentence(_sentence(ko, True), en.sentence([text], True),
                            frozenset({("rev7-how-many", where_ko, being)}))
        n = rng.randint(2, 10 if counter == "마리" else 40)       # a few animals, up to a crowd of people
        words = n <= 30 or rng.random() < 0.5
        count = _count_ko(n, counter, words)
        past = not topic and rng.random() < 0.2
        if topic and counter == "명" and where_ko in _CLASSES and rng.random() < 0.5:   # 우리 반에는 학생이 서른 명이에요
            pred = [copula(count, "present", level)]
        else:
            pred = [count, conjugate("있다", Form("past" if past else "present", level))]
        ko = [place, attach(being, SUBJECT), *pred]
        text = f"there {'were' if past else 'are'} {_count_en(n, words)} {en.plural(singular)} {where_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-there", where_ko, being)}))
    if kind == "has":
        owner_ko, owner_en, noun_ko, noun_en = rng.choice(_ORGS)
        n = rng.choice((rng.randint(3, 30), rng.randint(31, 300)))
        words = n <= 30 and rng.random() < 0.7
        count = _count_ko(n, "명", words)
        pred = copula(count, "present", level) if rng.random() < 0.6 else f"{count} {conjugate('있다', Form('present', level))}"
        ko = [attach(owner_ko, TOPIC), attach(noun_ko, SUBJECT), pred]
        return Sentence(_sentence(ko, False), en.sentence([f"{owner_en} has {_count_en(n, words)} {noun_en}"], False),
                        frozenset({("rev7-has", owner_ko, noun_ko)}))
    if kind == "floors":
        building_ko, building_en = rng.choice(_BUILDINGS)
        n = rng.randint(3, 60)
        ko = [attach(building_ko, TOPIC), f"{n}층까지", conjugate("있다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([f"{building_en} has {n} floors"], False),
                        frozenset({("rev7-floors", building_ko, "")}))
    thing_ko, counter, unit_en = rng.choice(_ORDERS)
    n = rng.randint(1, 5)
    just = rng.random() < 0.3
    if thing_ko == "이거":
        count_ko = "하나" if n == 1 else f"{native_number(n)} 개"
        what_en = f"{english_number(n)} of these"
    else:
        count_ko = f"{native_number(n)} {counter}"
        what_en = f"{english_number(n)} {unit_en if n == 1 else en.plural_phrase(unit_en)}"
    pred = {"plain": "줘", "polite": "주세요", "formal": "주십시오"}[level]
    ko = [thing_ko, count_ko + ("만" if just else ""), pred]
    text = f"{'just ' if just else ''}{what_en}, please"
    return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-order", thing_ko, counter)}))


# --------------------------------------------------------------------------- thanks, apologies, wishes

# Thanked for: (the 아/어 form before 주다, joined to it?, English gerund phrase)
_THANKS = (("도와", True, "helping me"), ("와", False, "coming"), ("초대해", False, "inviting me"),
           ("기다려", False, "waiting"), ("전화해", False, "calling"), ("알려", False, "letting me know"),
           ("들어", False, "listening"), ("태워", False, "giving me a ride"), ("시간 내", False, "taking the time"),
           ("연락해", False, "contacting me"), ("이해해", False, "understanding"),
           ("책을 빌려", True, "lending me the book"), ("길을 가르쳐", False, "showing me the way"),
           ("맛있는 저녁을 만들어", False, "making a delicious dinner"))
# Sorry for: (Korean clause ending in -아/어서, English after "I am sorry")
_SORRY = (("늦어서", "I am late"), ("전화를 못 받아서", "I could not answer the phone"),
          ("연락을 못 해서", "I could not contact you"), ("기다리게 해서", "I kept you waiting"),
          ("약속을 잊어버려서", "I forgot our appointment"), ("어제 못 가서", "I could not go yesterday"),
          ("답장이 늦어서", "my reply is late"), ("귀찮게 해서", "I bothered you"),
          ("못 도와줘서", "I could not help you"), ("생일을 잊어버려서", "I forgot your birthday"))
_SORRY_WORD = {"plain": ("미안해",), "polite": ("미안해요", "죄송해요"), "formal": ("죄송합니다", "미안합니다")}
_THANK_WORD = {"plain": ("고마워",), "polite": ("고마워요", "감사해요"), "formal": ("감사합니다", "고맙습니다")}
# Have a good ...: (Korean noun, English), with 잘 보내다 or 좋은 N 보내다
_SPANS = (("주말", "weekend"), ("휴가", "vacation"), ("방학", "vacation"), ("연휴", "holiday"),
          ("하루", "day"), ("저녁", "evening"), ("명절", "holiday"))
# Set phrases at mealtime and bedtime: (English, {level: Korean})
_MEAL_NIGHT = (("Thank you for the meal.", {"plain": "잘 먹을게", "polite": "잘 먹을게요", "formal": "잘 먹겠습니다"}),
               ("I enjoyed the meal.", {"plain": "잘 먹었어", "polite": "잘 먹었어요", "formal": "잘 먹었습니다"}),
               ("Good night.", {"plain": "잘 자", "polite": "안녕히 주무세요", "formal": "안녕히 주무십시오"}))


def thanks_sorry(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("thanks", "thanks", "sorry", "sorry", "wish", "meal"))
    call_ko, call_en = _vocative(rng, level) if rng.random() < 0.3 else ("", "")
    if kind == "thanks":
        before, joined, gerund = rng.choice(_THANKS)
        give = "줘서" if level == "plain" or (level == "polite" and rng.random() < 0.4) else "주셔서"
        clause = f"{before}{give}" if joined else f"{before} {give}"
        very_ko, very_en = rng.choice((("", ""), ("", ""), ("정말", " so much"), ("너무", " so much")))
        ko = _join(clause, very_ko, rng.choice(_THANK_WORD[level]))
        text, pair = f"Thank you{very_en} for {gerund}", ("rev7-thanks", before, "")
    elif kind == "sorry":
        clause, reason = rng.choice(_SORRY)
        very_ko, very_en = rng.choice((("", ""), ("", ""), ("정말", "really "), ("너무", "so ")))
        ko = _join(clause, very_ko, rng.choice(_SORRY_WORD[level]))
        text, pair = f"I am {very_en}sorry {reason}", ("rev7-sorry", clause, "")
    elif kind == "wish":
        span_ko, span_en = rng.choice(_SPANS)
        send = {"plain": "보내", "polite": "보내세요", "formal": "보내십시오"}[level]
        good = rng.random() < 0.4 or span_ko in ("하루", "저녁")
        ko = ["좋은" if good else "", span_ko if good else f"{span_ko} 잘", send]
        text, pair = f"Have a good {span_en}", ("rev7-wish", span_ko, "")
    else:
        english, forms = rng.choice(_MEAL_NIGHT)
        if not call_ko:
            call_ko, call_en = _vocative(rng, level, 0.7)
        ko, text, pair = [forms[level]], english[:-1], ("rev7-set", english, "")
    ko_text = " ".join(p for p in ko if p)
    if call_ko:
        return Sentence(f"{call_ko}, {ko_text}.", f"{text}, {call_en}.", frozenset({pair}))
    return Sentence(ko_text + ".", text + ".", frozenset({pair}))


# --------------------------------------------------------------------------- food

# Tastes: (dictionary form, irregular, English)
_TASTES = {"짜다": (None, "salty"), "맵다": ("ㅂ", "spicy"), "달다": (None, "sweet"), "싱겁다": ("ㅂ", "bland"),
           "시다": (None, "sour"), "쓰다": (None, "bitter")}
# Dishes and the tastes they can have: (Korean, English, tastes)
_DISHES = (("국", "soup", "짜다 싱겁다 맵다"), ("찌개", "stew", "짜다 맵다 싱겁다"), ("김치", "kimchi", "짜다 맵다 시다"),
           ("떡볶이", "tteokbokki", "맵다 달다 짜다"), ("라면", "ramen", "짜다 맵다"), ("커피", "coffee", "쓰다 달다"),
           ("케이크", "cake", "달다"), ("소스", "sauce", "짜다 맵다 달다 시다"), ("주스", "juice", "달다 시다"),
           ("카레", "curry", "맵다 짜다"), ("반찬", "side dish", "짜다 맵다 싱겁다"), ("레몬차", "lemon tea", "시다 달다"))
_TASTE_DEGREE = (("좀", "a little"), ("너무", "too"), ("정말", "really"), ("별로 안", "not very"))
# Ordered in: (Korean, English)
_DELIVERY = (("피자", "pizza"), ("치킨", "fried chicken"), ("짜장면", "jajangmyeon"), ("떡볶이", "tteokbokki"),
             ("햄버거", "hamburgers"), ("초밥", "sushi"), ("중국 음식", "Chinese food"), ("족발", "jokbal"))
_SHALL_WHEN = (("", ""), ("저녁에", "for dinner"), ("점심에", "for lunch"), ("오늘 저녁에", "for dinner tonight"))
_ORDERED_WHEN = (("", ""), ("어제", "yesterday"), ("어젯밤에", "last night"), ("점심에", "for lunch"),
                 ("저녁에", "for dinner"))
# Cut: (Korean noun, English), (adverb, English)
_CUT = (("양파", "onion"), ("당근", "carrot"), ("감자", "potato"), ("파", "green onion"), ("고기", "meat"),
        ("두부", "tofu"), ("오이", "cucumber"), ("사과", "apple"), ("호박", "zucchini"))
_CUT_HOW = (("작게", "into small pieces"), ("크게", "into big pieces"), ("얇게", "thinly"))
# Would you like A or B?: (Korean A, Korean B, English A, English B, verb)
_CHOICES = (("커피", "차", "coffee", "tea", "마시다"), ("물", "주스", "water", "juice", "마시다"),
            ("맥주", "와인", "beer", "wine", "마시다"), ("커피", "녹차", "coffee", "green tea", "마시다"),
            ("밥", "빵", "rice", "bread", "먹다"), ("피자", "파스타", "pizza", "pasta", "먹다"),
            ("짜장면", "짬뽕", "jajangmyeon", "jjamppong", "먹다"), ("케이크", "아이스크림", "cake", "ice cream", "먹다"))
# Try some of this: (Korean, English)
_TRY = (("김치", "kimchi"), ("케이크", "cake"), ("빵", "bread"), ("국", "soup"), ("떡볶이", "tteokbokki"),
        ("잡채", "japchae"), ("불고기", "bulgogi"), ("수박", "watermelon"), ("치즈", "cheese"))


def food_more(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("taste", "taste", "taste", "order", "order", "cut", "choice", "try"))
    if kind == "taste":
        dish_ko, dish_en, tastes = rng.choice(_DISHES)
        taste = rng.choice(tastes.split())
        irregular, taste_en = _TASTES[taste]
        degree_ko, degree_en = rng.choice(_TASTE_DEGREE)
        det_ko, det_en = rng.choice((("이", "this"), ("이", "this"), ("그", "that"), ("오늘", "today's")))
        past = det_ko == "그" and rng.random() < 0.5
        if past or rng.random() < 0.4:
            pred = conjugate(taste, Form("past" if past else "present", level), irregular)
        else:
            pred = _ne(taste, level)
        ko = [attach(f"{det_ko} {dish_ko}", TOPIC), degree_ko, pred]
        be = "was" if past else "is"
        text = f"{det_en} {dish_en} {be} {degree_en} {taste_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-taste", dish_ko, taste)}))
    if kind == "order":
        food_ko, food_en = rng.choice(_DELIVERY)
        obj = attach(food_ko, OBJECT)
        if rng.random() < 0.5:
            when_ko, when_en = rng.choice(_SHALL_WHEN)
            if level == "formal":
                ko, text, question = [when_ko, obj, "시켜 먹읍시다"], f"let us order {food_en} {when_en}", False
            elif level == "plain" and rng.random() < 0.4:
                ko, text, question = [when_ko, obj, "시켜 먹자"], f"let us order {food_en} {when_en}", False
            else:
                end = "시켜 먹을까요" if level == "polite" else "시켜 먹을까"
                ko, text, question = [when_ko, obj, end], f"shall we order {food_en} {when_en}", True
        else:
            when_ko, when_en = rng.choice(_ORDERED_WHEN)
            ko, text, question = [when_ko, obj, "시켜 " + _verb("먹다", "past", level)], \
                f"I ordered {food_en} {when_en}", False
        return Sentence(_sentence(ko, question), en.sentence([text.strip()], question),
                        frozenset({("rev7-order-in", food_ko, "")}))
    if kind == "cut":
        noun_ko, noun_en = rng.choice(_CUT)
        how_ko, how_en = rng.choice(_CUT_HOW)
        if rng.random() < 0.7:
            ko = [attach(noun_ko, OBJECT), how_ko, predicate("썰다", "please", level)]
            vp = f"cut the {noun_en} {how_en}"
            text = f"{vp}, please" if level == "plain" else f"please {vp}"
        else:
            ko = [attach(noun_ko, OBJECT), how_ko, _verb("썰다", "past", level)]
            text = f"I cut the {noun_en} {how_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-cut", noun_ko, how_ko)}))
    if kind == "choice":
        a_ko, b_ko, a_en, b_en, verb = rng.choice(_CHOICES)
        if level == "formal":
            word = "드시겠습니까"
        else:
            word = eu(stem_of(verb), "ㄹ래요" if level == "polite" else "ㄹ래")
        return Sentence(f"{a_ko} {word}, {b_ko} {word}?", f"Would you like {a_en} or {b_en}?",
                        frozenset({("rev7-choice", a_ko, b_ko)}))
    food_ko, food_en = rng.choice(_TRY)
    word = {"plain": "먹어 봐", "polite": "드셔 보세요", "formal": "드셔 보십시오"}[level]
    return Sentence(f"이 {food_ko} 좀 {word}.", f"Try some of this {food_en}.", frozenset({("rev7-try", food_ko, "")}))


# --------------------------------------------------------------------------- weather

_WIND_TIMES = {"present": (("", ""), ("오늘", "today"), ("밖에", "outside"), ("지금", "now")),
               "past": (("어제", "yesterday"), ("어젯밤에", "last night"), ("아침에", "in the morning")),
               "future": (("내일", "tomorrow"), ("오후에", "this afternoon"), ("주말에", "on the weekend"))}
# Seasons, as everyday.weather writes them, and what they are like: (Korean, English, adjectives)
_SEASON_ADJ = (("여름", "in summer", "덥다 습하다"), ("겨울", "in winter", "춥다"), ("봄", "in spring", "따뜻하다"),
               ("가을", "in the fall", "시원하다"))
_WEATHER_ADJ = {"덥다": ("ㅂ", "hot"), "춥다": ("ㅂ", "cold"), "따뜻하다": (None, "warm"), "시원하다": (None, "cool"),
                "습하다": (None, "humid")}
_HARSH = ("덥다", "춥다", "습하다")                    # too hot, very cold; never "too warm"
_WEATHER_DEGREE = (("너무", "too"), ("정말", "really"), ("좀", "a little"), ("많이", "very"))
# Season outings: (season, Korean purpose, English gerund phrase)
_OUTINGS = (("겨울", "스키를 타러", "skiing"), ("겨울", "스노보드를 타러", "snowboarding"),
            ("여름", "바다에 수영하러", "swimming at the beach"), ("여름", "캠핑하러", "camping"),
            ("가을", "등산하러", "hiking"), ("가을", "캠핑하러", "camping"), ("봄", "꽃구경하러", "to see the flowers"),
            ("여름", "낚시하러", "fishing"))
_SEASON_EN = {"봄": "in spring", "여름": "in summer", "가을": "in the fall", "겨울": "in winter"}


def weather_more(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("wind", "wind", "outside", "stopped", "season", "season", "remark", "remark", "outing"))
    if kind == "wind":
        tense = rng.choice(("present", "present", "past", "future"))
        time_ko, time_en = rng.choice(_WIND_TIMES[tense])
        very = rng.random() < 0.6
        ko = [time_ko, "바람이", "많이" if very else "", conjugate("불다", Form(tense, level))]
        be = {"present": "is", "past": "was", "future": "will be"}[tense]
        text = f"it {be} {'very ' if very else ''}windy {time_en}"
        return Sentence(_sentence(ko, False), en.sentence([text.strip()], False),
                        frozenset({("rev7-wind", tense, time_ko)}))
    if kind == "outside":
        what_ko, what_en = rng.choice((("비가", "raining"), ("눈이", "snowing")))
        hard = rng.random() < 0.4
        hard_en = {"raining": "raining hard", "snowing": "snowing a lot"}[what_en] if hard else what_en
        ko = ["밖에", what_ko, "많이" if hard else "", conjugate("오다", Form("present", level))]
        return Sentence(_sentence(ko, False), en.sentence([f"it is {hard_en} outside"], False),
                        frozenset({("rev7-outside", what_ko, "")}))
    if kind == "stopped":
        what_ko, what_en = rng.choice((("눈이", "the snow"), ("비가", "the rain"), ("바람이", "the wind")))
        shape = rng.choice(("done", "not_yet", "soon"))
        if shape == "done":
            if what_ko == "비가":
                return None                               # 비가 그쳤어요: revision 5's
            ko, text = [what_ko, _verb("그치다", "past", level)], f"{what_en} has stopped"
        elif shape == "not_yet":
            ko, text = [what_ko, "아직 안", _verb("그치다", "past", level)], f"{what_en} has not stopped yet"
        else:
            if what_ko == "비가":
                return None                               # 비가 곧 그칠 거예요: revision 5's
            ko, text = [what_ko, "곧", _verb("그치다", "future", level)], f"{what_en} will stop soon"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-stop", what_ko, shape)}))
    if kind == "season":
        season_ko, season_en, adjectives = rng.choice(_SEASON_ADJ)
        adjective = rng.choice(adjectives.split())
        irregular, adjective_en = _WEATHER_ADJ[adjective]
        degree_ko, degree_en = rng.choice(_WEATHER_DEGREE if adjective in _HARSH else _WEATHER_DEGREE[1:3])
        city = rng.choice(CITIES) if rng.random() < 0.5 else None
        if city:
            ko = [attach(city, TOPIC), season_ko + "에", degree_ko]
            where_en = f" in {romanize_place(city)}"
        else:
            ko = [season_ko + "에는", degree_ko]
            where_en = ""
        ko.append(conjugate(adjective, Form("present", level), irregular))
        text = f"it is {degree_en} {adjective_en}{where_en} {season_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev7-season", season_ko, adjective)}))
    if kind == "remark":
        if level == "formal":
            return None                                   # -네 has no formal form
        if rng.random() < 0.3:
            degree_ko, degree_en = "정말", "really"
            ko = ["오늘", "날씨가", degree_ko, _ne("좋다", level)]
            return Sentence(_sentence(ko, False), f"The weather is {degree_en} nice today.",
                            frozenset({("rev7-remark", "좋다", degree_ko)}))
        adjective = rng.choice(("덥다", "춥다", "따뜻하다", "시원하다"))
        adjective_en = _WEATHER_ADJ[adjective][1]
        degree_ko, degree_en = rng.choice((("좀", "a little"), ("정말", "really"), ("많이", "very")))
        today = rng.random() < 0.6
        ko = ["오늘은" if today else "", degree_ko, _ne(adjective, level)]
        text = f"it is {degree_en} {adjective_en}{' today' if today else ''}"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev7-remark", adjective, degree_ko)}))
    season_ko, purpose_ko, purpose_en = rng.choice(_OUTINGS)
    who_ko, who_en, third = rng.choice((("", "I", False), ("", "I", False), ("저는", "I", False),
                                        ("우리 가족은", "my family", True), ("친구들이랑", "I", False)))
    if who_ko == "저는" and level == "plain":
        who_ko = "나는"
    friends = who_ko == "친구들이랑"
    if rng.random() < 0.3:                               # 저는 이번 겨울에 스키를 타러 갈 거예요
        when = ["이번", season_ko + "에"]
        ko = [*when, who_ko] if friends else [who_ko, *when]
        ko += [purpose_ko, _verb("가다", "future", level)]
        this = "this fall" if season_ko == "가을" else f"this {_SEASON_EN[season_ko][3:]}"
        text = f"{who_en} will go {purpose_en}{' with my friends' if friends else ''} {this}"
    else:
        ko = [season_ko + "에는", who_ko, purpose_ko, _verb("가다", "present", level)]
        go = "goes" if third else "go"
        text = f"{who_en} {go} {purpose_en}{' with my friends' if friends else ''} {_SEASON_EN[season_ko]}"
    return Sentence(_sentence(ko, False), en.sentence([text], False),
                    frozenset({("rev7-outing", season_ko, purpose_ko)}))


# --------------------------------------------------------------------------- work and school

# Late for: (Korean, English)
_LATE_FOR = (("회사에", "work"), ("학교에", "school"), ("수업에", "class"), ("회의에", "the meeting"),
             ("약속 시간에", "the appointment"), ("출근 시간에", "work"))
_SUBJECTS = (("수학", "math"), ("영어", "English"), ("과학", "science"), ("역사", "history"), ("한국어", "Korean"),
             ("중국어", "Chinese"), ("음악", "music"), ("미술", "art"), ("국어", "Korean language"),
             ("화학", "chemistry"), ("물리", "physics"))
_TEST_WHEN = {"present": (("내일", "tomorrow"), ("다음 주에", "next week"), ("금요일에", "on Friday"),
                          ("오늘", "today"), ("모레", "the day after tomorrow")),
              "past": (("어제", "yesterday"), ("지난주에", "last week"), ("오늘 아침에", "this morning"))}
# A lot of ...: (Korean, English, count noun?)
_LOADS = (("일이", "work", False), ("숙제가", "homework", False), ("시험이", "tests", True), ("회의가", "meetings", True),
          ("할 일이", "things to do", True))
_LOAD_WHEN = (("요즘", "these days"), ("오늘", "today"), ("이번 주에", "this week"), ("", ""))
_NEW_JOBS = (("새 회사에", "a new company"), ("은행에", "a bank"), ("병원에", "a hospital"), ("작은 회사에", "a small company"),
             ("큰 회사에", "a big company"), ("출판사에", "a publishing company"), ("여행사에", "a travel agency"))
_STARTING = (("다음 달부터", "next month"), ("다음 주부터", "next week"), ("내일부터", "tomorrow"),
             ("월요일부터", "on Monday"), ("내년부터", "next year"), ("3월부터", "in March"), ("9월부터", "in September"))
_WORKDAY = (("출근하다", "go to work", "출근 시간", "start work", 7, 10), ("퇴근하다", "leave work", "퇴근 시간", "finish work", 5, 9))


def _someone(rng: random.Random, level: str, p_name: float = 0.25):
    """(Korean topic or "", English subject, third person?)."""
    if rng.random() < p_name:
        name = rng.choice(_NAMES)
        return attach(name.ko, TOPIC), name.en, True
    if rng.random() < 0.3:
        return ("나는" if level == "plain" else "저는"), "I", False
    return "", "I", False


def work_school(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("late", "late", "test", "test", "did_well", "did_well", "homework", "load", "job", "commute"))
    if kind == "late":
        for_ko, for_en = rng.choice(_LATE_FOR)
        who_ko, who_en, third = _someone(rng, level)
        tense = rng.choice(("past", "past", "future"))
        if tense == "past":
            when_ko, when_en = rng.choice((("오늘", "today"), ("어제", "yesterday"), ("또", "again"), ("", "")))
            negative = rng.random() < 0.15 and when_ko != "또"
            pred = ("안 " if negative else "") + _verb("늦다", "past", level)
            text = f"{who_en} was{' not' if negative else ''} late for {for_en} {when_en}"
            ko = [who_ko, when_ko if when_ko != "오늘" or not negative else "오늘은", for_ko, pred]
        else:
            when_ko, when_en = rng.choice((("내일", "tomorrow"), ("오늘", "today")))
            little = rng.random() < 0.5
            ko = [who_ko, when_ko, for_ko, "좀" if little else "", _verb("늦다", "future", level)]
            text = f"{who_en} will be {'a little ' if little else ''}late for {for_en} {when_en}"
        return Sentence(_sentence(ko, False), en.sentence([text.strip()], False),
                        frozenset({("rev7-late", for_ko, tense)}))
    if kind == "test":
        subject_ko, subject_en = rng.choice(_SUBJECTS)
        tense = rng.choice(("present", "present", "past"))
        when_ko, when_en = rng.choice(_TEST_WHEN[tense])
        question = tense == "present" and rng.random() < 0.25
        ko = [when_ko, subject_ko, "시험이", conjugate("있다", Form(tense, level, False, question))]
        art = en.indefinite(subject_en).split()[0]
        if question:
            text = f"do you have {art} {subject_en} test {when_en}"
        else:
            text = f"I {'had' if tense == 'past' else 'have'} {art} {subject_en} test {when_en}"
        return Sentence(_sentence(ko, question), en.sentence([text], question),
                        frozenset({("rev7-test", subject_ko, tense)}))
    if kind == "did_well":
        subject_ko, subject_en = rng.choice(_SUBJECTS) if rng.random() < 0.6 else ("", "")
        test_en = f"the {subject_en} test".replace("  ", " ")
        test_ko = f"{subject_ko} 시험을".strip()
        shape = rng.choice(("asked", "well", "not_well", "will"))
        if shape == "asked":
            ko, text, question = [test_ko, "잘", _verb("보다", "past", level, question=True)], \
                f"did you do well on {test_en}", True
        elif shape == "will":
            who_ko, who_en, third = _someone(rng, level, 0.0)
            ko, text, question = [who_ko, "이번", test_ko, "잘", _verb("보다", "future", level)], \
                f"I will do well on this {subject_en + ' ' if subject_en else ''}test", False
        else:
            who_ko, who_en, third = _someone(rng, level, 0.35)
            negative = shape == "not_well"
            ko = [who_ko, test_ko, "잘 못" if negative else "잘", _verb("보다", "past", level)]
            text = f"{who_en} {'did not do' if negative else 'did'} well on {test_en}"
            question = False
            if not subject_ko and not who_ko:
                return None                               # 시험을 잘 (못) 봤어요: the older revisions' own
        return Sentence(_sentence(ko, question), en.sentence([text], question),
                        frozenset({("rev7-did-well", subject_ko or "-", shape)}))
    if kind == "homework":
        subject_ko, subject_en = rng.choice(_SUBJECTS)
        shape = rng.choice(("not_yet", "done", "much"))
        if shape == "not_yet":
            neg = rng.choice(("못", "안"))
            ko = ["아직", f"{subject_ko} 숙제를", neg, _verb("하다", "past", level)]
            text = f"I have not done my {subject_en} homework yet"
        elif shape == "done":
            ko = [f"{subject_ko} 숙제를", "다", _verb("하다", "past", level)]
            text = f"I have finished my {subject_en} homework"
        else:
            degree_ko, degree_en = rng.choice((("너무", "too much"), ("정말", "really a lot of")))
            if degree_ko == "정말":
                ko, text = [f"{subject_ko} 숙제가", "정말", _verb("많다", "present", level)], \
                    f"I really have a lot of {subject_en} homework"
            else:
                ko, text = [f"{subject_ko} 숙제가", degree_ko, _verb("많다", "present", level)], \
                    f"I have {degree_en} {subject_en} homework"
        return Sentence(_sentence(ko, False), en.sentence([text], False),
                        frozenset({("rev7-homework", subject_ko, shape)}))
    if kind == "load":
        load_ko, load_en, count = rng.choice(_LOADS)
        when_ko, when_en = rng.choice(_LOAD_WHEN)
        degree_ko = rng.choice(("너무", ""))
        amount = ("too many" if count else "too much") if degree_ko else ("a lot of")
        ko = [when_ko, load_ko, degree_ko, _verb("많다", "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([f"I have {amount} {load_en} {when_en}".strip()], False),
                        frozenset({("rev7-load", load_ko, degree_ko)}))
    if kind == "job":
        place_ko, place_en = rng.choice(_NEW_JOBS)
        start_ko, start_en = rng.choice(_STARTING)
        who_ko, who_en, third = _someone(rng, level, 0.25)
        start = "starts" if third else "start"
        ko = [who_ko, start_ko, place_ko, _verb("다니다", "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([f"{who_en} {start} working at {place_en} {start_en}"], False),
                        frozenset({("rev7-job", place_ko, start_ko)}))
    verb, vp, noun_ko, noun_vp, first, last = rng.choice(_WORKDAY)
    hour = rng.randint(first, last)
    half = rng.random() < 0.25
    when_ko = f"{native_number(hour)} 시{' 반' if half else ''}"
    when_en = f"{english_number(hour)} thirty" if half else f"{english_number(hour)} o'clock"
    if rng.random() < 0.4:
        ko = [noun_ko + "은", copula(when_ko, "present", level)]
        return Sentence(_sentence(ko, False), en.sentence([f"I {noun_vp} at {when_en}"], False),
                        frozenset({("rev7-commute", noun_ko, "")}))
    who_ko, who_en, third = _someone(rng, level, 0.3)
    group = en.verb_group(vp, "present", False, False, 3 if third else 1, False)[1]
    ko = [who_ko, "보통", when_ko + "에", _verb(verb, "present", level)]
    return Sentence(_sentence(ko, False), en.sentence([f"{who_en} usually {group} at {when_en}"], False),
                    frozenset({("rev7-commute", verb, "")}))


# --------------------------------------------------------------------------- getting around

# Stops: (Korean, English after "to")
_STOPS = (("시청", "City Hall"), ("서울역", "Seoul Station"), ("강남역", "Gangnam Station"), ("공항", "the airport"),
          ("인천공항", "Incheon Airport"), ("명동", "Myeongdong"), ("동대문", "Dongdaemun"), ("홍대", "Hongdae"),
          ("시장", "the market"), ("대학교", "the university"), ("병원", "the hospital"), ("종로", "Jongno"),
          ("이태원", "Itaewon"), ("잠실", "Jamsil"), ("신촌", "Sinchon"), ("여의도", "Yeouido"), ("광화문", "Gwanghwamun"),
          ("남대문시장", "Namdaemun Market"), ("터미널", "the bus terminal"))
_GET_OFF = (("다음 역", "the next station"), ("다음 정류장", "the next stop"), ("이번 역", "this station"),
            ("시청역", "City Hall Station"), ("강남역", "Gangnam Station"), ("서울역", "Seoul Station"),
            ("종로", "Jongno"), ("명동역", "Myeongdong Station"), ("잠실역", "Jamsil Station"),
            ("신촌역", "Sinchon Station"), ("여의도역", "Yeouido Station"), ("광화문역", "Gwanghwamun Station"),
            ("다음 정거장", "the next stop"))
_STOP_AT = (("여기서", "here"), ("저기서", "over there"), ("편의점 앞에서", "in front of the convenience store"),
            ("은행 앞에서", "in front of the bank"), ("병원 앞에서", "in front of the hospital"),
            ("학교 앞에서", "in front of the school"), ("저 건물 앞에서", "in front of that building"))
# Rides: (Korean, English)
_RIDES = (("택시를", "a taxi"), ("버스를", "the bus"), ("지하철을", "the subway"), ("기차를", "the train"))
_RIDE_TO = (("", ""), ("공항까지", " to the airport"), ("역까지", " to the station"), ("시내까지", " downtown"),
            ("집까지", " home"))
# Walked or ridden to: (Korean, English)
_GOING_TO = (("학교까지", "to school"), ("회사까지", "to work"), ("역까지", "to the station"),
             ("공원까지", "to the park"), ("도서관까지", "to the library"), ("집까지", "home"))
_NEAR = (("맛있는 식당", "a good restaurant"), ("약국", "a pharmacy"), ("은행", "a bank"), ("편의점", "a convenience store"),
         ("지하철역", "a subway station"), ("조용한 카페", "a quiet cafe"), ("싼 호텔", "a cheap hotel"),
         ("큰 마트", "a big supermarket"), ("병원", "a hospital"), ("주유소", "a gas station"), ("빵집", "a bakery"),
         ("서점", "a bookstore"), ("버스 정류장", "a bus stop"), ("꽃집", "a flower shop"), ("세탁소", "a dry cleaner"),
         ("싼 식당", "a cheap restaurant"))


def transport(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("goes", "goes", "get_off", "get_off", "stop", "shall_ride", "walk", "near", "near"))
    if kind == "goes":
        stop_ko, stop_en = rng.choice(_STOPS)
        head = "이 버스가" if rng.random() < 0.3 else "이 버스"
        ko = [head, stop_ko + "에", _verb("가다", "present", level, question=True)]
        return Sentence(_sentence(ko, True), f"Does this bus go to {stop_en}?",
                        frozenset({("rev7-goes", stop_ko, "")}))
    if kind == "get_off":
        at_ko, at_en = rng.choice(_GET_OFF)
        shape = rng.choice(("must", "must", "imp", "where"))
        if shape == "where":
            if level == "plain":
                return None
            ko = [attach("어디", ("에서", "에서")) if level == "formal" else "어디서",
                  predicate("내리다", "must", level, question=True)]
            return Sentence(_sentence(ko, True), "Where do I have to get off?", frozenset({("rev7-off", "어디", "")}))
        if shape == "must":
            ko = [at_ko + "에서", predicate("내리다", "must", level)]
            text = f"I have to get off at {at_en}"
        else:
            ko = [at_ko + "에서", predicate("내리다", "imperative", level)]
            text = f"get off at {at_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-off", at_ko, shape)}))
    if kind == "stop":
        at_ko, at_en = rng.choice(_STOP_AT)
        ko = [at_ko, predicate("세우다", "please", level)]
        text = f"stop {at_en}, please" if level == "plain" else f"please stop {at_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-stop-car", at_ko, "")}))
    if kind == "shall_ride":
        ride_ko, ride_en = rng.choice(_RIDES)
        to_ko, to_en = rng.choice(_RIDE_TO)
        if ride_ko == "기차를" and to_ko in ("집까지", "시내까지"):
            return None
        if level == "formal":
            ko, text, question = [to_ko, ride_ko, "탑시다"], f"let us take {ride_en}{to_en}", False
        else:
            ko, text, question = [to_ko, ride_ko, "탈까요" if level == "polite" else "탈까"], \
                f"shall we take {ride_en}{to_en}", True
        return Sentence(_sentence(ko, question), en.sentence([text], question),
                        frozenset({("rev7-ride", ride_ko, to_ko)}))
    if kind == "walk":
        to_ko, to_en = rng.choice(_GOING_TO)
        who_ko, who_en, third = _someone(rng, level, 0.25)
        if rng.random() < 0.5:
            ko = [who_ko, to_ko, "걸어서", _verb("가다", "present", level)]
            text = f"{who_en} {'walks' if third else 'walk'} {to_en}"
        else:
            ride_ko, ride_en = rng.choice(_RIDES[1:3])
            ko = [who_ko, to_ko, ride_ko, "타고", _verb("가다", "present", level)]
            text = f"{who_en} {'takes' if third else 'take'} {ride_en} {to_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-walk", to_ko, "")}))
    place_ko, place_en = rng.choice(_NEAR)
    if rng.random() < 0.7:
        ko = ["이 근처에", place_ko, _verb("있다", "present", level, question=True)]
        return Sentence(_sentence(ko, True), f"Is there {place_en} near here?", frozenset({("rev7-near", place_ko, "")}))
    ko = ["이 근처에는", attach(place_ko, SUBJECT), _verb("없다", "present", level)]
    return Sentence(_sentence(ko, False), f"There is no {place_en.split(' ', 1)[1]} near here.",
                    frozenset({("rev7-near", place_ko, "no")}))


# --------------------------------------------------------------------------- family and people

# Kin: (Korean, English, honorific?)
_KIN = (("어머니", "mother", True), ("아버지", "father", True), ("엄마", "mom", False), ("아빠", "dad", False),
        ("할머니", "grandmother", True), ("할아버지", "grandfather", True), ("형", "older brother", False),
        ("누나", "older sister", False), ("언니", "older sister", False), ("오빠", "older brother", False),
        ("동생", "younger sibling", False), ("남동생", "younger brother", False), ("여동생", "younger sister", False),
        ("남편", "husband", False), ("아내", "wife", False), ("아들", "son", False), ("딸", "daughter", False),
        ("삼촌", "uncle", True), ("이모", "aunt", True), ("고모", "aunt", True), ("사촌", "cousin", False))
_GOOD_AT = (("요리", "cooking"), ("노래", "singing"), ("운전", "driving"), ("수영", "swimming"), ("축구", "soccer"),
            ("수학", "math"), ("운동", "sports"), ("청소", "cleaning"), ("농구", "basketball"), ("게임", "games"))
_SIBLINGS = ("동생", "남동생", "여동생", "형", "누나", "언니", "오빠", "남편", "아내", "사촌")
_VISITORS = ("삼촌", "이모", "고모", "할머니", "할아버지", "사촌", "형", "누나")
_YOUNG = ("동생", "남동생", "여동생", "아들", "딸", "사촌")
_CALLED_THIS = ("동생", "남동생", "여동생", "남편", "아내", "아들", "딸", "사촌")
_OVER_THERE = (("사람", "person"), ("아이", "child"), ("남자", "man"), ("여자", "woman"))


def family_people(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("good_at", "good_at", "fight", "fight", "visit", "intro", "how_old", "job", "over_there"))
    kin = {k[0]: k for k in _KIN}
    if kind == "good_at":
        kin_ko, kin_en, honor = rng.choice(_KIN)
        what_ko, what_en = rng.choice(_GOOD_AT)
        negative = rng.random() < 0.25
        pred = conjugate("못하다" if negative else "잘하다", Form("present", level), None, honor)
        ko = [attach(kin_ko, TOPIC), attach(what_ko, OBJECT), ("잘 " + pred) if negative else pred]
        text = f"my {kin_en} is {'not ' if negative else ''}good at {what_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-good-at", kin_ko, what_ko)}))
    if kind == "fight":
        kin_ko, kin_en, _ = kin[rng.choice(_SIBLINGS)]
        with_ko = kin_ko + rng.choice((("이랑" if final_consonant(kin_ko) else "랑"), "하고"))
        shape = rng.choice(("often", "sometimes", "daily", "yesterday", "not"))
        if shape == "yesterday":
            ko, text = ["어제", with_ko, _verb("싸우다", "past", level)], f"I fought with my {kin_en} yesterday"
        elif shape == "not":
            ko, text = ["요즘은", with_ko, "안", _verb("싸우다", "present", level)], \
                f"I do not fight with my {kin_en} these days"
        else:
            often_ko, often_en = {"often": ("자주", "often"), "sometimes": ("가끔", "sometimes"),
                                  "daily": ("매일", "every day")}[shape]
            ko = [with_ko, often_ko, _verb("싸우다", "present", level)]
            text = f"I fight with my {kin_en} {often_en}" if shape == "daily" else f"I {often_en} fight with my {kin_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-fight", kin_ko, shape)}))
    if kind == "visit":
        kin_ko, kin_en, honor = kin[rng.choice(_VISITORS)]
        tense = rng.choice(("future", "future", "past"))
        when_ko, when_en = rng.choice((("내일", "tomorrow"), ("이번 주말에", "this weekend"), ("다음 주에", "next week"))
                                      if tense == "future" else (("어제", "yesterday"), ("지난 주말에", "last weekend")))
        ko = [attach(kin_ko, SUBJECT), when_ko, "우리 집에", _verb("오다", tense, level, honor=honor)]
        verb = "will come" if tense == "future" else "came"
        return Sentence(_sentence(ko, False), en.sentence([f"my {kin_en} {verb} to our house {when_en}"], False),
                        frozenset({("rev7-visit", kin_ko, tense)}))
    if kind == "intro":
        kin_ko, kin_en, honor = rng.choice(_KIN)
        my = "내" if level == "plain" else "제"
        if honor:                                         # 이분은 제 어머니세요: an elder is introduced with -(이)시다
            if level == "plain":
                return None
            this = rng.choice(("이분은", "이쪽은"))
            if level == "polite":
                pred = f"{my} {kin_ko}{'이세요' if final_consonant(kin_ko) else '세요'}"
            else:
                pred = f"{my} {kin_ko}이십니다"
        else:                                             # 이 사람은 for those one may call so: not 엄마 or 형
            this = rng.choice(("이 사람은", "이쪽은")) if kin_ko in _CALLED_THIS else "이쪽은"
            pred = copula(f"{my} {kin_ko}", "present", level)
        return Sentence(_sentence([this, pred], False), f"This is my {kin_en}.",
                        frozenset({("rev7-intro", kin_ko, "")}))
    if kind == "how_old":
        kin_ko, kin_en, _ = kin[rng.choice(_YOUNG)]
        ko = [attach(kin_ko, TOPIC), copula("몇 살", "present", level, question=True)]
        return Sentence(_sentence(ko, True), f"How old is your {kin_en}?", frozenset({("rev7-how-old", kin_ko, "")}))
    if kind == "job":
        if rng.random() < 0.3:
            if level == "plain":
                return None
            word = "하세요" if level == "polite" else "하십니까"
            return Sentence(f"무슨 일 {word}?", "What do you do for a living?", frozenset({("rev7-job-q", "", "")}))
        kin_ko, kin_en, honor = rng.choice([k for k in _KIN if k[0] not in ("아들", "딸")])
        honor = honor or kin_ko in ("엄마", "아빠")           # someone else's parents: 엄마는 무슨 일 하세요?
        word = conjugate("하다", Form("present", level, False, True), None, honor)
        return Sentence(_sentence([attach(kin_ko, TOPIC), "무슨 일", word], True),
                        f"What does your {kin_en} do for a living?", frozenset({("rev7-job-q", kin_ko, "")}))
    who_ko, who_en = rng.choice(_OVER_THERE)
    where_ko, where_en = rng.choice((("저기 있는", "over there"), ("저기 서 있는", "standing over there"),
                                     ("저기 앉아 있는", "sitting over there")))
    ko = [where_ko, attach(who_ko, SUBJECT), copula("누구", "present", level, question=True)]
    text = f"Who is that {who_en} {where_en}?" if where_en == "over there" else f"Who is the {who_en} {where_en}?"
    return Sentence(_sentence(ko, True), text, frozenset({("rev7-who", who_ko, where_ko)}))


# --------------------------------------------------------------------------- health

_WEIGHT_DEGREE = (("", ""), ("좀", "some "), ("많이", "a lot of "))
_WEIGHT_WHEN = (("", ""), ("방학 동안", "during the vacation"), ("겨울 동안", "over the winter"),
                ("요즘", "recently"), ("한 달 만에", "in a month"))
_MEDICINES = (("약", "the medicine"), ("감기약", "cold medicine"), ("진통제", "a painkiller"), ("두통약", "headache medicine"))
_REST_WHEN = (("", ""), ("오늘은", " today"), ("주말에는", " on the weekend"), ("집에서", " at home"))


def health_more(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    kind = rng.choice(("medicine", "medicine", "doctor", "rest", "weight", "weight", "kilos"))
    if kind == "medicine":
        medicine_ko, medicine_en = rng.choice(_MEDICINES)
        shape = rng.choice(("asked", "took", "times"))
        if shape == "asked":
            obj = medicine_ko if rng.random() < 0.5 else attach(medicine_ko, OBJECT)
            ko = [obj, _verb("먹다", "past", level, question=True)]
            return Sentence(_sentence(ko, True), f"Did you take {medicine_en}?",
                            frozenset({("rev7-medicine", medicine_ko, shape)}))
        if shape == "took":
            when_ko, when_en = rng.choice((("아침에", " in the morning"), ("어젯밤에", " last night"), ("아까", " earlier")))
            ko = [when_ko, attach(medicine_ko, OBJECT), _verb("먹다", "past", level)]
            return Sentence(_sentence(ko, False), f"I took {medicine_en}{when_en}.",
                            frozenset({("rev7-medicine", medicine_ko, shape)}))
        if medicine_ko != "약":
            return None
        n = rng.randint(2, 3)
        ko = ["하루에", f"{native_number(n)} 번", "약을", predicate("먹다", "imperative", level)]
        return Sentence(_sentence(ko, False), f"Take the medicine {'twice' if n == 2 else 'three times'} a day.",
                        frozenset({("rev7-medicine", medicine_ko, shape)}))
    if kind == "doctor":
        shape = rng.choice(("imp", "imp", "asked", "will"))
        if shape == "imp":
            soon = rng.random() < 0.3
            ko = ["빨리" if soon else "", "병원에", "가 " + predicate("보다", "imperative", level)]
            text = "Go see a doctor soon." if soon else "Go see a doctor."
        elif shape == "asked":
            ko, text = ["병원에", "가 " + _verb("보다", "past", level, question=True)], "Did you see a doctor?"
            return Sentence(_sentence(ko, True), text, frozenset({("rev7-doctor", shape, "")}))
        else:
            when_ko, when_en = rng.choice((("내일", " tomorrow"), ("오후에", " this afternoon"), ("", "")))
            ko, text = [when_ko, "병원에", "가 " + _verb("보다", "future", level)], f"I will go see a doctor{when_en}."
        return Sentence(_sentence(ko, False), text, frozenset({("rev7-doctor", shape, "")}))
    if kind == "rest":
        when_ko, when_en = rng.choice(_REST_WHEN)
        if rng.random() < 0.6:
            ko = [when_ko, "푹", predicate("쉬다", "imperative", level)]
            text = f"Get some good rest{when_en}."
        elif rng.random() < 0.5:
            ko = [when_ko, "푹", _verb("쉬다", "past", level)]
            text = f"I got some good rest{when_en}."
        else:
            night_ko, night_en = rng.choice((("어젯밤에", " last night"), ("", "")))
            ko, text = [night_ko, "푹", _verb("자다", "past", level)], f"I slept well{night_en}."
        return Sentence(_sentence(ko, False), text, frozenset({("rev7-rest", when_ko, "")}))
    who_ko, who_en, third = _someone(rng, level, 0.3)
    gained = rng.random() < 0.5
    if kind == "kilos":
        n = rng.randint(2, 10)
        ko = [who_ko, "살이", f"{n}킬로", _verb("찌다" if gained else "빠지다", "past", level)]
        text = f"{who_en} {'gained' if gained else 'lost'} {n} kilograms"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-kilos", str(gained), "")}))
    degree_ko, degree_en = rng.choice(_WEIGHT_DEGREE)
    when_ko, when_en = rng.choice(_WEIGHT_WHEN)
    if not degree_ko and not when_ko:
        return None                                       # 살이 쪘어요: revision 5's own
    ko = [who_ko, when_ko, "살이", degree_ko, _verb("찌다" if gained else "빠지다", "past", level)]
    text = f"{who_en} {'gained' if gained else 'lost'} {degree_en}weight {when_en}"
    return Sentence(_sentence(ko, False), en.sentence([text.strip()], False),
                    frozenset({("rev7-weight", str(gained), degree_ko + when_ko)}))


# --------------------------------------------------------------------------- Latin-script names as nouns

# Brands as they are written in Korean text: (Latin, read ending in a consonant? (iPhone을, Zoom을, YouTube를),
# English as the object of "use" or "" (never used so), modifier nouns: (Korean, English))
_BRANDS = (
    ("iPhone", True, "an iPhone", (("케이스", "case"), ("충전기", "charger"))),
    ("Galaxy", False, "a Galaxy", (("케이스", "case"), ("충전기", "charger"))),
    ("MacBook", True, "a MacBook", (("충전기", "charger"), ("케이스", "case"))),
    ("iPad", False, "an iPad", (("케이스", "case"), ("충전기", "charger"))),
    ("AirPods", False, "AirPods", (("케이스", "case"),)),
    ("Zoom", True, "Zoom", (("회의", "meeting"), ("링크", "link"))),
    ("Teams", False, "Teams", (("회의", "meeting"), ("링크", "link"))),
    ("YouTube", False, "YouTube", (("영상", "video"), ("채널", "channel"))),
    ("Netflix", False, "Netflix", (("드라마", "drama"), ("비밀번호", "password"), ("계정", "account"))),
    ("KakaoTalk", True, "KakaoTalk", (("메시지", "message"), ("계정", "account"))),
    ("Instagram", True, "Instagram", (("사진", "photo"), ("계정", "account"))),
    ("Gmail", True, "Gmail", (("계정", "account"), ("비밀번호", "password"))),
    ("Excel", True, "Excel", (("파일", "file"),)),
    ("PowerPoint", False, "PowerPoint", (("파일", "file"),)),
    ("Slack", True, "Slack", (("메시지", "message"),)),
    ("Wi-Fi", False, "", (("비밀번호", "password"),)),
    ("Google", True, "Google", (("계정", "account"),)),
)
# Seen, heard or got on a site: (Latin, particle, Korean object, verb, irregular, English)
_SEEN_ON = (("YouTube", "에서", "영상을", "보다", None, "watched that video"),
            ("YouTube", "에서", "노래를", "듣다", "ㄷ", "heard that song"),
            ("Netflix", "에서", "드라마를", "보다", None, "watched that drama"),
            ("Netflix", "에서", "영화를", "보다", None, "watched that movie"),
            ("Instagram", "에서", "사진을", "보다", None, "saw that photo"),
            ("KakaoTalk", "으로", "메시지를", "받다", None, "got that message"))
# Fast trains and the cities they go to.
_RIDES_LATIN = (("KTX", "the KTX", ("서울", "부산", "대전", "대구", "광주", "울산", "목포", "여수", "강릉", "경주", "전주",
                                     "포항")),
                ("SRT", "the SRT", ("부산", "대전", "대구", "광주", "목포", "울산")))


def _obj(word: str, consonant: bool) -> str:
    return word + ("을" if consonant else "를")


def latin_nouns(rng: random.Random) -> Sentence | None:
    level = rng.choice(LEVELS)
    latin, consonant, use_en, modified = rng.choice(_BRANDS)
    noun_ko, noun_en = rng.choice(modified)
    phrase_ko, phrase_en = f"{latin} {noun_ko}", f"{latin} {noun_en}"
    kind = rng.choice(("use", "use", "thing", "thing", "seen_on", "ride"))
    pair = frozenset({("rev7-latin", latin, noun_ko)})
    if kind == "use":
        if not use_en:
            return None
        question = rng.random() < 0.25
        who_ko, who_en, third = ("", "you", False) if question else _someone(rng, level, 0.25)
        verb = rng.choice(("쓰다", "쓰다", "사용하다"))
        ko = [who_ko, _obj(latin, consonant), _verb(verb, "present", level, question=question)]
        if question:
            return Sentence(_sentence(ko, True), f"Do you use {use_en}?", pair)
        return Sentence(_sentence(ko, False), f"{who_en} {'uses' if third else 'use'} {use_en}.", pair)
    if kind == "seen_on":
        site, particle, what_ko, verb, irregular, seen_en = rng.choice(_SEEN_ON)
        ko = [site + particle, "그", what_ko, _verb(verb, "past", level, irregular)]
        return Sentence(_sentence(ko, False), en.sentence([f"I {seen_en} on {site}"], False),
                        frozenset({("rev7-latin-on", site, what_ko)}))
    if kind == "ride":
        ride, ride_en, cities = rng.choice(_RIDES_LATIN)
        city = rng.choice(cities)
        future = rng.random() < 0.5
        when_ko, when_en = rng.choice((("내일", " tomorrow"), ("주말에", " on the weekend"))) if future else ("", "")
        ko = [when_ko, _obj(ride, False), "타고", city + "에", _verb("가다", "future" if future else "present", level)]
        text = f"I {'will take' if future else 'take'} {ride_en} to {romanize_place(city)}{when_en}"
        return Sentence(_sentence(ko, False), en.sentence([text], False), frozenset({("rev7-latin-ride", ride, "")}))
    # a brand name modifying a noun
    if noun_en in ("case", "charger"):
        shape = rng.choice(("bought", "have", "lost"))
        if shape == "bought":
            ko, text, q = [attach(phrase_ko, OBJECT), _verb("사다", "past", level)], f"I bought {en.indefinite(phrase_en)}", False
        elif shape == "have":
            ko, text, q = [phrase_ko, _verb("있다", "present", level, question=True)], \
                f"do you have {en.indefinite(phrase_en)}", True
        else:
            ko, text, q = [attach(f"{'내' if level == 'plain' else '제'} {phrase_ko}", OBJECT),
                           _verb("잃어버리다", "past", level)], f"I lost my {phrase_en}", False
    elif noun_en == "meeting":
        shape = rng.choice(("have", "start"))
        if shape == "have":
            when_ko, when_en = rng.choice((("오후에", "this afternoon"), ("내일", "tomorrow"), ("세 시에", "at three o'clock"),
                                           ("오늘", "today")))
            ko, text, q = [when_ko, attach(phrase_ko, SUBJECT), _verb("있다", "present", level)], \
                f"I have {en.indefinite(phrase_en)} {when_en}", False
        else:
            ko, text, q = [attach(phrase_ko, TOPIC), "몇 시에", _verb("시작하다", "present", level, question=True)], \
                f"what time does the {phrase_en} start", True
    elif noun_en in ("link", "file"):
        ko = [attach(phrase_ko, OBJECT), predicate("보내다", "please", level)]
        text, q = (f"send the {phrase_en}, please" if level == "plain" else f"please send the {phrase_en}"), False
    elif noun_en in ("password",):
        ko, text, q = [attach(phrase_ko, SUBJECT), copula("뭐", "present", level, question=True)
                       if level != "formal" else "무엇입니까"], f"what is the {phrase_en}", True
    elif noun_en == "account":
        if rng.random() < 0.5:
            ko, text, q = [attach(phrase_ko, SUBJECT), _verb("있다", "present", level, question=True)], \
                f"do you have {en.indefinite(phrase_en)}", True
        else:
            ko, text, q = [attach(phrase_ko, OBJECT), _verb("만들다", "past", level)], \
                f"I made {en.indefinite(phrase_en)}", False
    elif noun_en in ("video", "drama", "channel"):
        if noun_en == "channel":
            ko, text, q = ["그", attach(phrase_ko, OBJECT), "자주", _verb("보다", "present", level)], \
                f"I often watch that {phrase_en}", False
        else:
            ko, text, q = [attach(phrase_ko, OBJECT), "자주", _verb("보다", "present", level)], \
                f"I often watch {en.plural_phrase(phrase_en)}", False
    elif noun_en == "message":
        ko, text, q = [attach(phrase_ko, OBJECT), _verb("보내다", "past", level)], \
            f"I sent {en.indefinite(phrase_en)}", False
    else:                                                 # photo: Instagram에 사진을 올렸어요
        ko, text, q = [latin + "에", "사진을", _verb("올리다", "past", level)], f"I posted a photo on {latin}", False
    return Sentence(_sentence(ko, q), en.sentence([text], q), pair)


REV7_CONSTRUCTIONS = {
    "count_price": (count_price, 6), "thanks_sorry": (thanks_sorry, 3), "food_more": (food_more, 4),
    "weather_more": (weather_more, 3), "work_school": (work_school, 5), "transport": (transport, 3),
    "family_people": (family_people, 4), "health_more": (health_more, 3), "latin_nouns": (latin_nouns, 4),
}

__all__ = ["REV7_CONSTRUCTIONS"]
