"""The word lists, with the attributes the rules need to build sentences that make sense.

Every entry has an ASCII key (used in tests and in the held-out bookkeeping), its Korean form and
its English form. Semantic classes connect the lists: a verb names the object classes it takes
(eat → food), the places it happens at and, for verbs like "buy" whose place depends on the
object (books at the bookstore, bread at the bakery), `offer_check` asks each place whether it
offers the object's category.
"""

from __future__ import annotations

from dataclasses import dataclass

ADULT, CHILD, BABY = "adult", "child", "baby"
ALL_TENSES = ("past", "present", "future", "progressive")


# --------------------------------------------------------------------------- people

@dataclass(frozen=True)
class Person:
    key: str
    ko: str
    en: str                           # as a subject/object: "I", "Minsu", "my mom", "the teacher"
    person: int = 3
    plural: bool = False
    honorific: bool = False           # takes -(으)시- as a subject, 께 as a recipient
    register: str | None = None       # "plain": 반말 only (나, 너, 우리); "polite": 해요/합니다 only (저, 저희)
    possessive: str | None = None     # my/your/his/her/our/their; None where English would have to guess
    kind: str = "role"                # pronoun | name | kin | role
    mine: bool = False                # "my X": only next to a first-person-singular subject, else whose?
    tags: frozenset[str] = frozenset({ADULT})
    count_noun: str | None = None     # "friend": counted as 친구 두 명 → two friends
    ref: str = ""                     # one referent (엄마 = 어머니) is never two roles of one clause

    @property
    def referent(self) -> str:
        return self.ref or self.key


def _p(key, ko, en, poss=None, kind="role", **kw) -> Person:
    return Person(key=key, ko=ko, en=en, possessive=poss, kind=kind, **kw)


_ADULT_CHILD = frozenset({ADULT, CHILD})

PEOPLE: tuple[Person, ...] = (
    # pronouns: 나/너/우리 in 반말, 저/저희 in the polite levels
    _p("na", "나", "I", "my", "pronoun", person=1, register="plain"),
    _p("jeo", "저", "I", "my", "pronoun", person=1, register="polite"),
    _p("neo", "너", "you", "your", "pronoun", person=2, register="plain"),
    _p("uri", "우리", "we", "our", "pronoun", person=1, plural=True, register="plain"),
    _p("jeohui", "저희", "we", "our", "pronoun", person=1, plural=True, register="polite"),
    _p("geu", "그", "he", "his", "pronoun"),
    _p("geunyeo", "그녀", "she", "her", "pronoun"),
    _p("geudeul", "그들", "they", "their", "pronoun", plural=True),
    # names, with and without a final consonant
    _p("minsu", "민수", "Minsu", "his", "name"),
    _p("hana", "하나", "Hana", "her", "name"),
    _p("junho", "준호", "Junho", "his", "name"),
    _p("yuna", "유나", "Yuna", "her", "name"),
    _p("hyunwoo", "현우", "Hyunwoo", "his", "name"),
    _p("jiyoung", "지영", "Jiyoung", "her", "name"),
    _p("seoyeon", "서연", "Seoyeon", "her", "name"),
    _p("minjun", "민준", "Minjun", "his", "name"),
    _p("sujin", "수진", "Sujin", "her", "name"),
    _p("donghyun", "동현", "Donghyun", "his", "name"),
    _p("jihun", "지훈", "Jihun", "his", "name"),
    _p("eunji", "은지", "Eunji", "her", "name"),
    # family and friends: "my ..."
    _p("mom", "엄마", "my mom", "her", "kin", mine=True, ref="mother"),
    _p("dad", "아빠", "my dad", "his", "kin", mine=True, ref="father"),
    _p("mother", "어머니", "my mother", "her", "kin", mine=True, honorific=True, ref="mother"),
    _p("father", "아버지", "my father", "his", "kin", mine=True, honorific=True, ref="father"),
    _p("grandma", "할머니", "my grandmother", "her", "kin", mine=True, honorific=True),
    _p("grandpa", "할아버지", "my grandfather", "his", "kin", mine=True, honorific=True),
    _p("parents", "부모님", "my parents", "their", "kin", mine=True, honorific=True, plural=True),
    _p("hyung", "형", "my older brother", "his", "kin", mine=True, ref="older_brother"),
    _p("oppa", "오빠", "my older brother", "his", "kin", mine=True, ref="older_brother"),
    _p("nuna", "누나", "my older sister", "her", "kin", mine=True, ref="older_sister"),
    _p("eonni", "언니", "my older sister", "her", "kin", mine=True, ref="older_sister"),
    _p("brother", "남동생", "my little brother", "his", "kin", mine=True, tags=_ADULT_CHILD),
    _p("sister", "여동생", "my little sister", "her", "kin", mine=True, tags=_ADULT_CHILD),
    _p("uncle", "삼촌", "my uncle", "his", "kin", mine=True),
    _p("aunt", "이모", "my aunt", "her", "kin", mine=True),
    _p("friend", "친구", "my friend", None, "kin", mine=True, count_noun="friend"),
    _p("friends", "친구들", "my friends", "their", "kin", mine=True, plural=True, ref="friend"),
    _p("coworker", "동료", "my coworker", None, "kin", mine=True, count_noun="coworker"),
    _p("neighbor", "이웃", "my neighbor", None, "kin", mine=True),
    # roles: "the ..."
    _p("teacher", "선생님", "the teacher", honorific=True, count_noun="teacher"),
    _p("professor", "교수님", "the professor", honorific=True, count_noun="professor"),
    _p("boss", "사장님", "the boss", honorific=True),
    _p("guest", "손님", "the guest", honorific=True, count_noun="guest"),
    _p("doctor", "의사", "the doctor", count_noun="doctor"),
    _p("nurse", "간호사", "the nurse", count_noun="nurse"),
    _p("officer", "경찰관", "the police officer", count_noun="police officer"),
    _p("chef", "요리사", "the chef", count_noun="chef"),
    _p("student", "학생", "the student", count_noun="student", tags=_ADULT_CHILD),
    _p("students", "학생들", "the students", "their", plural=True, tags=_ADULT_CHILD, ref="student"),
    _p("children", "아이들", "the children", "their", plural=True, tags=frozenset({CHILD})),
    _p("baby", "아기", "the baby", tags=frozenset({BABY})),
)
PERSON = {p.key: p for p in PEOPLE}
# A dropped subject is "I" in a statement and "you" in a question.
DROPPED_STATEMENT = Person("drop_i", "", "I", person=1, possessive="my", kind="pronoun")
DROPPED_QUESTION = Person("drop_you", "", "you", person=2, possessive="your", kind="pronoun")


# --------------------------------------------------------------------------- things

@dataclass(frozen=True)
class Counter:
    ko: str                   # 개, 잔, 권 ...
    unit: str | None = None   # English measure word ("cup of coffee"); None counts the noun itself


@dataclass(frozen=True)
class Thing:
    key: str
    ko: str
    noun: str                          # English head noun: "apple" (count), "coffee" (mass), "cookie"
    kind: str                          # count ("an apple") | mass ("coffee") | plural ("cookies") | fixed
    classes: frozenset[str]
    cat: str = ""                      # what a place must offer for it (see Place.offers)
    counters: tuple[Counter, ...] = ()
    max_count: int = 5
    fixed: str = ""                    # exact phrase for kind "fixed": "the newspaper", "TV", "my mom"
    definite: str = ""                 # "the TV" where fixed is "TV"
    poss_noun: str = ""                # after a possessive: "keys", "hands", "teeth"
    learn_as: str = ""                 # object of "learn" where English wants a verb: "to swim"
    mine: bool = False                 # people things: "my friend"
    honorific: bool = False
    ref: str = ""


def _counters(spec: str) -> tuple[Counter, ...]:
    """"개" or "잔:cup 병:bottle" → counters."""
    out = []
    for item in spec.split():
        ko, _, unit = item.partition(":")
        out.append(Counter(ko, unit or None))
    return tuple(out)


def _t(key, ko, noun, kind, classes, cat="", counters="", max_count=5, fixed="", definite="",
       poss_noun="", learn_as="") -> Thing:
    return Thing(key=key, ko=ko, noun=noun, kind=kind, classes=frozenset(classes.split()), cat=cat,
                 counters=_counters(counters), max_count=max_count, fixed=fixed, definite=definite,
                 poss_noun=poss_noun, learn_as=learn_as)


THINGS: tuple[Thing, ...] = (
    # fruit
    _t("apple", "사과", "apple", "count", "food buyable sellable likeable giftable", "fruit", "개", 10),
    _t("banana", "바나나", "banana", "count", "food buyable sellable likeable", "fruit", "개", 10),
    _t("strawberry", "딸기", "strawberry", "plural", "food buyable sellable likeable", "fruit", "개", 20),
    _t("tangerine", "귤", "tangerine", "count", "food buyable sellable likeable", "fruit", "개", 10),
    _t("peach", "복숭아", "peach", "count", "food buyable sellable likeable", "fruit", "개", 10),
    _t("orange", "오렌지", "orange", "count", "food buyable sellable likeable", "fruit", "개", 10),
    _t("watermelon", "수박", "watermelon", "count", "food buyable sellable likeable", "fruit", "통", 3),
    _t("grape", "포도", "grape", "plural", "food buyable sellable likeable", "fruit", "송이:bunch", 5),
    # meals and snacks
    _t("bibimbap", "비빔밥", "bibimbap", "mass", "food makeable orderable likeable", "meal", "그릇:bowl", 3),
    _t("kimchi_stew", "김치찌개", "kimchi stew", "mass", "food makeable orderable likeable", "meal", "그릇:bowl", 3),
    _t("bulgogi", "불고기", "bulgogi", "mass", "food makeable orderable likeable", "meal"),
    _t("cold_noodles", "냉면", "cold noodles", "mass", "food orderable likeable", "meal", "그릇:bowl", 3),
    _t("jajangmyeon", "짜장면", "jajangmyeon", "mass", "food orderable likeable", "meal", "그릇:bowl", 3),
    _t("rice", "밥", "rice", "mass", "food likeable", "meal", "그릇:bowl", 3),
    _t("fried_chicken", "치킨", "fried chicken", "mass", "food buyable orderable likeable", "meal"),
    _t("pizza", "피자", "pizza", "mass", "food buyable makeable bakeable orderable likeable", "meal", "판", 3),
    _t("hamburger", "햄버거", "hamburger", "count", "food buyable makeable orderable likeable", "meal", "개", 5),
    _t("tteokbokki", "떡볶이", "tteokbokki", "mass", "food buyable makeable orderable likeable", "snack"),
    _t("gimbap", "김밥", "gimbap", "mass", "food buyable makeable likeable", "snack", "줄:roll", 5),
    _t("ramen", "라면", "ramen", "mass", "food buyable likeable", "snack"),
    _t("popcorn", "팝콘", "popcorn", "mass", "food buyable likeable", "popcorn"),
    _t("sandwich", "샌드위치", "sandwich", "count", "food buyable makeable orderable likeable", "cafe_food", "개", 5),
    _t("salad", "샐러드", "salad", "mass", "food makeable orderable likeable", "cafe_food"),
    # bakery and sweets
    _t("cake", "케이크", "cake", "mass", "food buyable orderable likeable", "bakery", "조각:piece", 5),
    _t("bread", "빵", "bread", "mass", "food buyable sellable bakeable likeable", "bakery"),
    _t("cookie", "쿠키", "cookie", "plural", "food buyable makeable bakeable likeable giftable", "bakery", "개", 20),
    _t("donut", "도넛", "donut", "count", "food buyable likeable", "bakery", "개", 10),
    _t("muffin", "머핀", "muffin", "plural", "food buyable bakeable", "bakery", "개", 10),
    _t("ice_cream", "아이스크림", "ice cream", "mass", "food buyable likeable", "sweet"),
    _t("chocolate", "초콜릿", "chocolate", "mass", "food buyable likeable giftable", "sweet"),
    _t("rice_cake", "떡", "rice cake", "mass", "food buyable sellable makeable likeable", "sweet"),
    # groceries
    _t("meat", "고기", "meat", "mass", "food buyable sellable likeable", "grocery"),
    _t("fish_food", "생선", "fish", "mass", "food buyable sellable likeable", "grocery"),
    _t("egg", "계란", "egg", "plural", "food buyable sellable", "grocery", "개", 12),
    _t("vegetables", "채소", "vegetables", "mass", "food buyable sellable likeable", "grocery"),
    _t("tofu", "두부", "tofu", "mass", "food buyable", "grocery", "모:block", 3),
    # drinks
    _t("coffee", "커피", "coffee", "mass", "drink buyable sellable orderable likeable adult_only", "cafe_drink", "잔:cup"),
    _t("green_tea", "녹차", "green tea", "mass", "drink buyable orderable likeable adult_only", "cafe_drink", "잔:cup", 3),
    _t("black_tea", "홍차", "black tea", "mass", "drink orderable likeable adult_only", "cafe_drink", "잔:cup", 3),
    _t("latte", "라테", "latte", "count", "drink buyable orderable likeable adult_only", "cafe_drink", "잔", 3),
    _t("juice", "주스", "juice", "mass", "drink buyable orderable likeable", "juice", "잔:glass 병:bottle"),
    _t("water", "물", "water", "mass", "drink buyable", "water", "잔:glass 병:bottle"),
    _t("milk", "우유", "milk", "mass", "drink buyable likeable", "milk", "잔:glass 팩:carton"),
    _t("cola", "콜라", "cola", "mass", "drink buyable orderable likeable", "soda", "잔:glass 병:bottle 캔:can"),
    # things to read and write
    _t("book", "책", "book", "count", "readable buyable sellable borrowable giftable likeable", "book", "권"),
    _t("magazine", "잡지", "magazine", "count", "readable buyable borrowable", "book", "권"),
    _t("novel", "소설", "novel", "count", "readable buyable borrowable likeable", "book", "권"),
    _t("comic_book", "만화책", "comic book", "count", "readable buyable borrowable likeable", "book", "권", 10),
    _t("newspaper", "신문", "newspaper", "fixed", "readable buyable", "book", fixed="the newspaper"),
    _t("letter", "편지", "letter", "count", "readable writable sendable giftable", "letter", "통", 3),
    _t("email", "이메일", "email", "count", "readable writable sendable", "", "통"),
    _t("poem", "시", "poem", "count", "readable writable", "", "편", 3),
    _t("report", "보고서", "report", "count", "readable writable"),
    _t("text", "문자", "text message", "count", "sendable"),
    _t("card", "카드", "card", "count", "writable sendable giftable buyable makeable", "stationery", "장"),
    # things to watch and listen to
    _t("movie", "영화", "movie", "count", "watchable likeable", "movie", "편", 3),
    _t("documentary", "다큐멘터리", "documentary", "count", "watchable likeable", "movie", "편", 3),
    _t("drama", "드라마", "drama", "count", "watchable likeable", "tv"),
    _t("news", "뉴스", "news", "fixed", "watchable listenable", "tv", fixed="the news"),
    _t("tv", "텔레비전", "TV", "fixed", "watchable switchable", "tv", fixed="TV", definite="the TV"),
    _t("baseball_game", "야구 경기", "baseball game", "count", "watchable", "baseball"),
    _t("soccer_game", "축구 경기", "soccer game", "count", "watchable", "soccer"),
    _t("musical", "뮤지컬", "musical", "count", "watchable likeable", "show", "편", 3),
    _t("stage_play", "연극", "play", "count", "watchable", "show", "편", 3),
    _t("music", "음악", "music", "mass", "listenable likeable skill subject"),
    _t("radio", "라디오", "radio", "fixed", "listenable switchable", fixed="the radio"),
    _t("song", "노래", "song", "count", "listenable song", "", "곡"),
    _t("podcast", "팟캐스트", "podcast", "count", "listenable"),
    _t("anthem", "애국가", "national anthem", "fixed", "song", fixed="the national anthem"),
    _t("lullaby", "자장가", "lullaby", "count", "song", "", "곡", 3),
    _t("childrens_song", "동요", "children's song", "count", "song listenable", "", "곡", 3),
    # clothes
    _t("coat", "코트", "coat", "count", "wearable buyable", "clothes", "벌", 3),
    _t("shirt", "셔츠", "shirt", "count", "wearable buyable", "clothes", "장"),
    _t("tshirt", "티셔츠", "T-shirt", "count", "wearable buyable sellable", "clothes", "장"),
    _t("skirt", "치마", "skirt", "count", "wearable buyable feminine", "clothes", "벌", 3),
    _t("pants", "바지", "pants", "mass", "wearable buyable", "clothes", "벌:pair", 3),
    _t("dress", "원피스", "dress", "count", "wearable buyable feminine", "clothes", "벌", 3),
    _t("jacket", "재킷", "jacket", "count", "wearable buyable", "clothes", "벌", 3),
    _t("hanbok", "한복", "hanbok", "count", "wearable buyable", "clothes", "벌", 2),
    _t("uniform", "교복", "school uniform", "count", "wearable buyable", "clothes", "벌", 2),
    _t("shoes", "신발", "shoes", "mass", "buyable sellable giftable", "shoes", "켤레:pair", 3),
    _t("socks", "양말", "socks", "mass", "buyable sellable giftable", "shoes", "켤레:pair"),
    # everyday objects
    _t("gift", "선물", "gift", "count", "buyable giftable sendable", "gift", "개"),
    _t("flower", "꽃", "flower", "plural", "buyable sellable giftable sendable drawable likeable", "flower", "송이",
       20),
    _t("umbrella", "우산", "umbrella", "count", "buyable borrowable losable", "accessory", "개", 3),
    _t("bag", "가방", "bag", "count", "buyable giftable losable openable", "accessory", "개", 3),
    _t("watch", "시계", "watch", "count", "buyable giftable losable fixable", "accessory", "개", 3),
    _t("wallet", "지갑", "wallet", "count", "buyable giftable losable", "accessory", "개", 2),
    _t("key", "열쇠", "key", "count", "losable", poss_noun="keys"),
    _t("box", "상자", "box", "count", "openable"),
    _t("pen", "펜", "pen", "count", "buyable borrowable giftable", "stationery", "자루"),
    _t("pencil", "연필", "pencil", "count", "buyable borrowable", "stationery", "자루", 10),
    _t("notebook", "공책", "notebook", "count", "buyable borrowable", "stationery", "권"),
    _t("phone", "휴대폰", "phone", "count", "buyable losable fixable", "gadget", "대", 2),
    _t("computer", "컴퓨터", "computer", "count", "buyable fixable switchable", "gadget", "대", 2),
    _t("laptop", "노트북", "laptop", "count", "buyable borrowable fixable", "gadget", "대", 2),
    _t("aircon", "에어컨", "air conditioner", "count", "buyable switchable", "gadget", "대", 2),
    _t("fridge", "냉장고", "fridge", "count", "buyable openable", "gadget", "대", 2),
    _t("bike", "자전거", "bike", "count", "buyable borrowable rideable fixable", "bike", "대", 3),
    _t("car", "차", "car", "count", "buyable fixable", "", "대", 2),
    _t("ticket", "표", "ticket", "count", "buyable", "ticket", "장", 10),
    _t("toy", "장난감", "toy", "count", "buyable giftable", "toy", "개"),
    _t("doll", "인형", "doll", "count", "buyable giftable makeable", "toy", "개"),
    _t("ball", "공", "ball", "count", "buyable catchable", "toy", "개"),
    _t("photo", "사진", "photo", "count", "photo sendable", "", "장", 10),
    _t("video", "영상", "video", "count", "photo sendable"),
    _t("picture", "그림", "picture", "count", "drawable", "", "장"),
    _t("map", "지도", "map", "count", "drawable buyable", "stationery", "장", 3),
    _t("money", "돈", "money", "mass", "borrowable giftable"),
    _t("chair", "의자", "chair", "count", "buyable fixable", "furniture", "개"),
    _t("desk", "책상", "desk", "count", "buyable fixable", "furniture", "개", 3),
    _t("medicine", "약", "medicine", "mass", "buyable", "medicine"),
    _t("door", "문", "door", "count", "openable fixable"),
    _t("window", "창문", "window", "count", "openable"),
    _t("light", "불", "light", "count", "switchable"),
    _t("roller_coaster", "롤러코스터", "roller coaster", "count", "rideable", "ride"),
    _t("bus", "버스", "bus", "fixed", "waitable", "bus", fixed="the bus"),
    _t("train", "기차", "train", "fixed", "waitable", "train", fixed="the train"),
    _t("taxi", "택시", "taxi", "count", "catchable"),
    # rooms to clean
    _t("room", "방", "room", "count", "cleanable"),
    _t("kitchen_room", "부엌", "kitchen", "count", "cleanable"),
    _t("bathroom_room", "화장실", "bathroom", "count", "cleanable"),
    _t("classroom_room", "교실", "classroom", "count", "cleanable"),
    _t("house", "집", "house", "count", "cleanable"),
    # body parts, always with a possessive
    _t("hands", "손", "hands", "count", "washable", poss_noun="hands"),
    _t("feet", "발", "feet", "count", "washable", poss_noun="feet"),
    _t("face", "얼굴", "face", "count", "washable"),
    _t("teeth", "이", "teeth", "count", "teeth", poss_noun="teeth"),
    # animals
    _t("cat", "고양이", "cat", "count", "seeable pet likeable drawable", "pet", "마리"),
    _t("puppy", "강아지", "puppy", "count", "seeable pet likeable drawable", "pet", "마리"),
    _t("dog", "개", "dog", "count", "seeable pet likeable", "pet", "마리"),
    _t("rabbit", "토끼", "rabbit", "count", "seeable pet likeable drawable", "pet", "마리"),
    _t("hamster", "햄스터", "hamster", "count", "pet", "pet", "마리", 3),
    _t("bird", "새", "bird", "count", "seeable pet drawable", "bird", "마리", 10),
    _t("fish", "물고기", "fish", "count", "seeable pet catchable", "fish", "마리", 10),
    _t("bug", "벌레", "bug", "count", "catchable", "", "마리", 3),
    _t("horse", "말", "horse", "count", "seeable rideable", "horse", "마리", 3),
    _t("lion", "사자", "lion", "count", "seeable drawable", "zoo_animal", "마리", 3),
    _t("elephant", "코끼리", "elephant", "count", "seeable drawable likeable", "zoo_animal", "마리", 3),
    _t("monkey", "원숭이", "monkey", "count", "seeable", "zoo_animal", "마리", 5),
    # counted people who are not in PEOPLE
    _t("people", "사람", "person", "count", "person_count", "person", "명", 10),
    _t("kids", "아이", "child", "count", "person_count", "person", "명", 10),
    # languages, school subjects and skills
    _t("english", "영어", "English", "mass", "skill subject likeable"),
    _t("korean", "한국어", "Korean", "mass", "skill subject"),
    _t("chinese", "중국어", "Chinese", "mass", "skill subject"),
    _t("japanese", "일본어", "Japanese", "mass", "skill subject"),
    _t("math", "수학", "math", "mass", "skill subject likeable"),
    _t("history", "역사", "history", "mass", "skill subject likeable"),
    _t("science", "과학", "science", "mass", "skill subject likeable"),
    _t("art", "미술", "art", "mass", "skill subject likeable"),
    _t("taekwondo", "태권도", "taekwondo", "mass", "skill likeable"),
    _t("cooking", "요리", "cooking", "mass", "skill likeable", learn_as="to cook"),
    _t("swimming", "수영", "swimming", "mass", "skill likeable", learn_as="to swim"),
    # instruments and games played with 치다
    _t("piano", "피아노", "piano", "fixed", "playable", "instrument", fixed="the piano"),
    _t("guitar", "기타", "guitar", "fixed", "playable", "instrument", fixed="the guitar"),
    _t("tennis", "테니스", "tennis", "mass", "playable likeable", "racket"),
    _t("table_tennis", "탁구", "table tennis", "mass", "playable likeable", "racket"),
    _t("badminton", "배드민턴", "badminton", "mass", "playable likeable", "racket"),
    _t("golf", "골프", "golf", "mass", "playable likeable", "golf"),
)

# Occupations for the copula: 민수는 의사야 → Minsu is a doctor.
JOBS: tuple[Thing, ...] = tuple(
    _t("job_" + key, ko, noun, "count", "job") for key, ko, noun in (
        ("student", "학생", "student"), ("college_student", "대학생", "college student"),
        ("doctor", "의사", "doctor"), ("nurse", "간호사", "nurse"), ("teacher", "선생님", "teacher"),
        ("officer", "경찰관", "police officer"), ("chef", "요리사", "chef"), ("singer", "가수", "singer"),
        ("actor", "배우", "actor"), ("office_worker", "회사원", "office worker"), ("reporter", "기자", "reporter"),
        ("lawyer", "변호사", "lawyer"), ("engineer", "엔지니어", "engineer"), ("writer", "작가", "writer"),
        ("painter", "화가", "painter"), ("soldier", "군인", "soldier"), ("firefighter", "소방관", "firefighter"),
    ))


def _person_thing(p: Person) -> Thing:
    """People as objects (meet, help, wait for, see) share the Thing interface."""
    classes = {"person", "seeable", "waitable", "meetable"}
    if not p.honorific and p.kind != "pronoun":
        classes.add("person_plain")          # 돕다/주다 to an elder would need 도와드리다/드리다
    if p.kind in ("name", "role"):
        classes.add("knowable")              # "I know Minsu", not "I know my mom"
    counters = (Counter("분" if p.honorific else "명"),) if p.count_noun else ()
    return Thing(key="p_" + p.key, ko=p.ko, noun=p.count_noun or p.en, kind="fixed", classes=frozenset(classes),
                 cat="person", counters=counters, max_count=3 if p.honorific else 5, fixed=p.en,
                 mine=p.mine, honorific=p.honorific, ref=p.referent)


PERSON_THINGS = tuple(_person_thing(p) for p in PEOPLE if p.kind != "pronoun" and BABY not in p.tags)
ALL_THINGS = THINGS + JOBS + PERSON_THINGS
THING = {t.key: t for t in ALL_THINGS}

NUMBERS_KO = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열한", "열두", "열세", "열네",
              "열다섯", "열여섯", "열일곱", "열여덟", "열아홉", "스무")


# --------------------------------------------------------------------------- places

@dataclass(frozen=True)
class Place:
    key: str
    ko: str
    en: str                      # "the library", "school", "home", "Seoul"
    prep: str = "at"             # at the library, in the park, on Jeju Island
    kind: str = "local"          # local | home | city | far  (which means of transport fit)
    offers: frozenset[str] = frozenset()
    mine: bool = False           # "my friend's house"
    owner: str = ""              # referent of the owner, never also the companion

    @property
    def destination(self) -> str:
        return "home" if self.kind == "home" else f"to {self.en}"

    @property
    def location(self) -> str:
        return f"{self.prep} {self.en}"


_HOME_FOOD = "meal snack sweet bakery fruit cafe_food cafe_drink juice water milk soda popcorn"


def _pl(key, ko, en, prep="at", kind="local", offers="", **kw) -> Place:
    return Place(key=key, ko=ko, en=en, prep=prep, kind=kind, offers=frozenset(offers.split()), **kw)


PLACES: tuple[Place, ...] = (
    _pl("cafe", "카페", "the cafe", offers="cafe_drink cafe_food bakery juice water person"),
    _pl("restaurant", "식당", "the restaurant", offers="meal water soda person"),
    _pl("library", "도서관", "the library", offers="book person"),
    _pl("bookstore", "서점", "the bookstore", offers="book stationery"),
    _pl("supermarket", "마트", "the supermarket", offers="fruit grocery snack sweet bakery juice water milk soda"),
    _pl("market", "시장", "the market", offers="fruit grocery snack clothes shoes flower"),
    _pl("convenience_store", "편의점", "the convenience store", offers="snack sweet juice water milk soda"),
    _pl("bakery", "빵집", "the bakery", offers="bakery"),
    _pl("department_store", "백화점", "the department store",
        offers="clothes shoes accessory gadget gift furniture"),
    _pl("flower_shop", "꽃집", "the flower shop", offers="flower"),
    _pl("pharmacy", "약국", "the pharmacy", offers="medicine"),
    _pl("stationery_store", "문구점", "the stationery store", offers="stationery toy"),
    _pl("cinema", "영화관", "the movie theater", offers="movie popcorn soda ticket"),
    _pl("theater", "극장", "the theater", offers="show ticket"),
    _pl("ballpark", "야구장", "the ballpark", offers="baseball ticket"),
    _pl("school", "학교", "school", offers="meal fruit milk water instrument racket stationery toy person"),
    _pl("university", "대학교", "the university", offers="person"),
    _pl("office", "회사", "the office", offers="cafe_drink water person"),
    _pl("gym", "헬스장", "the gym"),
    _pl("pool", "수영장", "the pool"),
    _pl("hospital", "병원", "the hospital"),
    _pl("bank", "은행", "the bank"),
    _pl("post_office", "우체국", "the post office", offers="letter stationery gift"),
    _pl("station", "역", "the station", offers="person train"),
    _pl("bus_stop", "버스 정류장", "the bus stop", offers="person bus"),
    _pl("airport", "공항", "the airport", offers="person"),
    _pl("museum", "박물관", "the museum"),
    _pl("art_museum", "미술관", "the art museum"),
    _pl("zoo", "동물원", "the zoo", offers="zoo_animal horse bird person"),
    _pl("amusement_park", "놀이공원", "the amusement park", offers="ride popcorn person"),
    _pl("hotel", "호텔", "the hotel"),
    _pl("church", "교회", "church"),
    _pl("home", "집", "home", kind="home",
        offers=_HOME_FOOD + " movie tv baseball soccer instrument stationery toy"),
    _pl("friends_house", "친구 집", "my friend's house", mine=True, owner="friend"),
    _pl("grandmas_house", "할머니 댁", "my grandmother's house", mine=True, owner="grandma"),
    _pl("kitchen", "부엌", "the kitchen", "in", offers="meal snack bakery cafe_food"),
    _pl("bathroom", "화장실", "the bathroom", "in"),
    _pl("classroom", "교실", "the classroom", "in", offers="person"),
    _pl("park", "공원", "the park", "in", offers="snack cafe_food fruit water juice racket pet bird bike toy person"),
    _pl("beach", "바다", "the beach", offers="bird fish person"),
    _pl("mountains", "산", "the mountains", "in", offers="bird"),
    _pl("river", "강", "the river", "in", offers="fish bird"),
    _pl("seoul", "서울", "Seoul", "in", "city", offers="person"),
    _pl("busan", "부산", "Busan", "in", "city", offers="person"),
    _pl("incheon", "인천", "Incheon", "in", "city", offers="person"),
    _pl("daejeon", "대전", "Daejeon", "in", "city", offers="person"),
    _pl("gyeongju", "경주", "Gyeongju", "in", "city", offers="person"),
    _pl("jeju", "제주도", "Jeju Island", "on", "far", offers="horse person"),
    _pl("japan", "일본", "Japan", "in", "far"),
    _pl("china", "중국", "China", "in", "far"),
    _pl("usa", "미국", "the US", "in", "far"),
    _pl("canada", "캐나다", "Canada", "in", "far"),
)
PLACE = {p.key: p for p in PLACES}

_CITIES = "seoul busan incheon daejeon gyeongju jeju japan china usa canada"


# --------------------------------------------------------------------------- adjuncts

@dataclass(frozen=True)
class Adjunct:
    """A (으)로 phrase: means of transport (버스로 → by bus) or instrument (젓가락으로 → with chopsticks)."""
    key: str
    ko: str
    en: str                        # may contain {poss}: "on {poss} phone"
    kinds: frozenset[str] = frozenset()   # for means: the place kinds it can reach
    objects: frozenset[str] = frozenset()  # for instruments: the objects it fits (empty: any)


MEANS: tuple[Adjunct, ...] = tuple(
    Adjunct(k, ko, en, frozenset(kinds.split())) for k, ko, en, kinds in (
        ("bus", "버스", "by bus", "local home city"), ("subway", "지하철", "by subway", "local home"),
        ("taxi", "택시", "by taxi", "local home"), ("bike", "자전거", "by bike", "local home"),
        ("car", "차", "by car", "local home city"), ("train", "기차", "by train", "city"),
        ("plane", "비행기", "by plane", "far"),
    ))

INSTRUMENTS: dict[str, tuple[Adjunct, ...]] = {
    cls: tuple(Adjunct(f"{cls}_{k}", ko, en, objects=frozenset(objects.split())) for k, ko, en, objects in items)
    for cls, items in {
        "eat": (("chopsticks", "젓가락", "with chopsticks",
                 "bibimbap kimchi_stew bulgogi cold_noodles jajangmyeon rice ramen tteokbokki gimbap rice_cake"),
                ("spoon", "숟가락", "with a spoon", "bibimbap kimchi_stew rice ice_cream"),
                ("fork", "포크", "with a fork", "salad cake tteokbokki")),
        "write": (("pen", "펜", "with a pen", "letter poem card"),
                  ("pencil", "연필", "with a pencil", "letter poem card"),
                  ("computer", "컴퓨터", "on the computer", "email report novel")),
        "draw": (("pencil", "연필", "with a pencil", ""), ("colored_pencils", "색연필", "with colored pencils", ""),
                 ("crayons", "크레파스", "with crayons", "")),
        "watch": (("tv", "텔레비전", "on TV", "movie documentary drama news baseball_game soccer_game"),
                  ("phone", "휴대폰", "on {poss} phone", "movie documentary drama news baseball_game soccer_game"),
                  ("laptop", "노트북", "on {poss} laptop", "movie documentary drama")),
        "photo": (("phone", "휴대폰", "with {poss} phone", ""), ("camera", "카메라", "with a camera", "")),
        "send": (("email", "이메일", "by email", "photo video"), ("mail", "우편", "by mail", "letter gift card")),
        "buy": (("online", "인터넷", "online", ""),),
        "order": (("online", "인터넷", "online", ""), ("phone", "전화", "by phone", "")),
    }.items()
}


@dataclass(frozen=True)
class Time:
    key: str
    ko: str
    en: str
    tense: str          # the tense it goes with: past | future | present (habitual) | progressive
    span: str = "day"   # day | week | month | year: a verb says which spans make sense with it


TIMES: tuple[Time, ...] = tuple(Time(*row) for row in (
    ("yesterday", "어제", "yesterday", "past"),
    ("day_before_yesterday", "그저께", "the day before yesterday", "past"),
    ("last_night", "어젯밤에", "last night", "past"),
    ("this_morning", "오늘 아침에", "this morning", "past"),
    ("last_week", "지난주에", "last week", "past", "week"),
    ("last_weekend", "지난 주말에", "last weekend", "past", "week"),
    ("last_month", "지난달에", "last month", "past", "month"),
    ("last_year", "작년에", "last year", "past", "year"),
    ("tomorrow", "내일", "tomorrow", "future"),
    ("day_after_tomorrow", "모레", "the day after tomorrow", "future"),
    ("tonight", "오늘 밤에", "tonight", "future"),
    ("this_weekend", "이번 주말에", "this weekend", "future", "week"),
    ("next_week", "다음 주에", "next week", "future", "week"),
    ("next_month", "다음 달에", "next month", "future", "month"),
    ("next_year", "내년에", "next year", "future", "year"),
    ("every_day", "매일", "every day", "present"),
    ("every_morning", "아침마다", "every morning", "present"),
    ("every_evening", "저녁마다", "every evening", "present"),
    ("every_weekend", "주말마다", "every weekend", "present", "week"),
    ("every_week", "매주", "every week", "present", "week"),
    ("every_sunday", "일요일마다", "every Sunday", "present", "week"),
    ("every_saturday", "토요일마다", "every Saturday", "present", "week"),
    ("now", "지금", "now", "progressive"),
))
TIME = {t.key: t for t in TIMES}


# --------------------------------------------------------------------------- verbs

@dataclass(frozen=True)
class Verb:
    key: str
    ko: str                                  # dictionary form
    en: str                                  # English verb; words after the first do not inflect
    frame: str                               # motion | activity | transitive | place_object | copula
    irregular: str | None = None             # ㄷ | ㅂ | 르 (ㄹ-stems and 하다 are found by rule)
    honorific_form: str | None = None        # 드시다 for 먹다: a lexical honorific replaces -(으)시-
    objects: frozenset[str] = frozenset()    # object classes
    object_form: str = "bare"                # bare | definite | generic | possessive
    places: tuple[str, ...] = ()
    place_required: bool = False
    place_particle: str = "에서"              # 에서 (activity) | 에 (destination, 살다) | 로 ((으)로 only)
    place_prep: str = ""                     # English preposition overriding the place's: "from"
    offer_check: bool = False
    tenses: tuple[str, ...] = ALL_TENSES
    habitual: bool = True                    # present tense with 매일/주말마다 ...
    generic_present: bool = False            # present tense with no time word (I live in Seoul)
    spans: frozenset[str] = frozenset({"day", "week"})   # which time words fit (see Time.span)
    subjects: frozenset[str] = _ADULT_CHILD
    negatable: bool = True
    countable: bool = False                  # object may be counted: 사과 세 개
    companion: bool = False                  # 친구와 같이
    instruments: str = ""
    recipient: str = ""                      # "any" | "plain" (no honorific recipient)
    recipient_is_object: bool = False        # 전화하다: "called my mom"
    means: bool = False


_DAY = frozenset({"day"})              # tomorrow or every morning; not next month or every week
_ALL_SPANS = frozenset({"day", "week", "month", "year"})
_LONG_SPANS = frozenset({"week", "month", "year"})


def _v(key, ko, en, frame, objects="", places="", **kw) -> Verb:
    if isinstance(places, str):
        places = tuple(places.split())
    return Verb(key=key, ko=ko, en=en, frame=frame, objects=frozenset(objects.split()), places=places, **kw)


_GO_PLACES = tuple(p.key for p in PLACES if p.key not in ("kitchen", "bathroom"))
_BACK_PLACES = "home school office hotel library seoul busan incheon daejeon gyeongju jeju japan china usa canada"
_STUDY_PLACES = "library cafe home school university classroom"

VERBS: tuple[Verb, ...] = (
    # motion to a destination (에, or (으)로 for direction)
    _v("go", "가다", "go", "motion", places=_GO_PLACES, place_required=True, companion=True, means=True,
       spans=_ALL_SPANS),
    _v("come", "오다", "come", "motion", places=_GO_PLACES, place_required=True, companion=True, means=True,
       spans=_ALL_SPANS),
    _v("go_back", "돌아가다", "go back", "motion", places=_BACK_PLACES, place_required=True, companion=True,
       means=True),
    _v("come_back", "돌아오다", "come back", "motion", places=_BACK_PLACES, place_required=True, companion=True,
       means=True),
    _v("arrive", "도착하다", "arrive", "motion", places=tuple(k for k in _GO_PLACES if k not in
                                                            ("beach", "mountains", "river", "park")),
       place_required=True, tenses=("past", "future"), habitual=False, negatable=False),
    _v("move", "이사하다", "move", "motion", places=_CITIES, place_required=True, place_particle="로",
       tenses=("past", "future"), spans=_LONG_SPANS, subjects=frozenset({ADULT}), companion=True),
    # activities at a place (에서)
    _v("study", "공부하다", "study", "activity", places=_STUDY_PLACES, companion=True),
    _v("work", "일하다", "work", "activity",
       places="office cafe restaurant hospital bank bookstore supermarket bakery hotel pharmacy post_office "
              "department_store airport school library", place_required=True, generic_present=True,
       subjects=frozenset({ADULT}), spans=_ALL_SPANS),
    _v("exercise", "운동하다", "exercise", "activity", places="gym park home school", companion=True),
    _v("play", "놀다", "play", "activity", places="park home amusement_park beach", companion=True,
       subjects=frozenset({CHILD})),
    _v("rest", "쉬다", "rest", "activity", places="home park hotel cafe"),
    _v("swim", "수영하다", "swim", "activity", places="pool beach river", companion=True),
    _v("take_walk", "산책하다", "take a walk", "activity", places="park beach mountains", companion=True),
    _v("sleep", "자다", "sleep", "activity", honorific_form="주무시다",
       places="home hotel friends_house grandmas_house", place_required=True,
       tenses=("past", "future", "progressive"),
       habitual=False, subjects=frozenset({ADULT, CHILD, BABY})),
    _v("wait", "기다리다", "wait", "activity", places="station airport cafe bus_stop hospital bank",
       tenses=("past", "future", "progressive"), habitual=False),
    _v("cook", "요리하다", "cook", "activity", places="home kitchen restaurant"),
    _v("dance", "춤추다", "dance", "activity", places="home school park", companion=True),
    _v("shop", "쇼핑하다", "shop", "activity", places="department_store market supermarket seoul busan",
       place_required=True, companion=True),
    _v("walk", "걷다", "walk", "activity", irregular="ㄷ", places="park beach mountains", place_required=True,
       companion=True),
    _v("run", "뛰다", "run", "activity", places="park gym", place_required=True),
    _v("drive", "운전하다", "drive", "activity", places="seoul busan incheon daejeon gyeongju jeju usa canada",
       place_required=True, generic_present=True, subjects=frozenset({ADULT})),
    _v("live", "살다", "live", "activity", places=_CITIES, place_required=True, place_particle="에",
       habitual=False, generic_present=True, spans=frozenset({"month", "year"})),
    _v("stay", "머무르다", "stay", "activity", irregular="르",
       places="hotel friends_house grandmas_house seoul busan gyeongju jeju", place_required=True,
       place_particle="에", tenses=("past", "future", "progressive"), habitual=False, spans=_ALL_SPANS),
    _v("cry", "울다", "cry", "activity", tenses=("past", "progressive"), habitual=False,
       subjects=frozenset({ADULT, CHILD, BABY})),
    _v("laugh", "웃다", "laugh", "activity", tenses=("past", "progressive"), habitual=False,
       subjects=frozenset({ADULT, CHILD, BABY})),
    _v("dishes", "설거지하다", "do the dishes", "activity"),
    _v("laundry", "빨래하다", "do the laundry", "activity"),
    _v("homework", "숙제하다", "do {poss} homework", "activity", places="home library cafe",
       subjects=frozenset({CHILD})),
    # transitive verbs
    _v("eat", "먹다", "eat", "transitive", "food", "restaurant home cafe school park convenience_store cinema",
       honorific_form="드시다", offer_check=True, countable=True, companion=True, instruments="eat"),
    _v("drink", "마시다", "drink", "transitive", "drink", "cafe home restaurant office park convenience_store",
       honorific_form="드시다", offer_check=True, countable=True, companion=True),
    _v("read", "읽다", "read", "transitive", "readable", "library cafe home park bookstore", countable=True),
    _v("watch", "보다", "watch", "transitive", "watchable", "cinema home theater ballpark", offer_check=True,
       countable=True, companion=True, instruments="watch"),
    _v("see", "보다", "see", "transitive", "seeable person_count", "park zoo school station beach river",
       offer_check=True, countable=True, tenses=("past", "present", "future")),
    _v("buy", "사다", "buy", "transitive", "buyable",
       "supermarket market convenience_store bakery bookstore department_store cafe flower_shop pharmacy "
       "stationery_store cinema theater ballpark", offer_check=True, countable=True, companion=True,
       instruments="buy"),
    _v("sell", "팔다", "sell", "transitive", "sellable", "market cafe bakery bookstore flower_shop",
       object_form="generic", offer_check=True, countable=True, generic_present=True,
       subjects=frozenset({ADULT})),
    _v("meet", "만나다", "meet", "transitive", "meetable person_count",
       "cafe restaurant school park station airport office library seoul busan"),
    _v("make", "만들다", "make", "transitive", "makeable", "home kitchen school", offer_check=True,
       countable=True, companion=True),
    _v("write", "쓰다", "write", "transitive", "writable", "home library cafe school office", countable=True,
       instruments="write"),
    _v("listen", "듣다", "listen to", "transitive", "listenable", "home cafe park", irregular="ㄷ",
       countable=True, companion=True),
    _v("sing", "부르다", "sing", "transitive", "song", "home school church", irregular="르", countable=True,
       companion=True),
    _v("help", "돕다", "help", "transitive", "person_plain", "home school office library", irregular="ㅂ"),
    _v("learn", "배우다", "learn", "transitive", "skill", "school university", spans=_ALL_SPANS),
    _v("teach", "가르치다", "teach", "transitive", "skill", "school university", generic_present=True,
       subjects=frozenset({ADULT}), spans=_ALL_SPANS),
    _v("study_subject", "공부하다", "study", "transitive", "subject", _STUDY_PLACES, companion=True),
    _v("play_instrument", "치다", "play", "transitive", "playable", "home school park", offer_check=True,
       companion=True),
    _v("ride", "타다", "ride", "transitive", "rideable", "park amusement_park jeju", offer_check=True,
       companion=True),
    _v("wear", "입다", "wear", "transitive", "wearable"),
    _v("close", "닫다", "close", "transitive", "openable", object_form="definite", spans=_DAY),
    _v("open", "열다", "open", "transitive", "openable", object_form="definite", spans=_DAY),
    _v("wash", "씻다", "wash", "transitive", "washable", "bathroom", object_form="possessive", spans=_DAY),
    _v("brush", "닦다", "brush", "transitive", "teeth", "bathroom", object_form="possessive", spans=_DAY),
    _v("take_photo", "찍다", "take", "transitive", "photo", "park beach mountains zoo museum amusement_park jeju "
       "seoul gyeongju", countable=True, companion=True, instruments="photo"),
    _v("draw", "그리다", "draw", "transitive", "drawable", "home school park", countable=True, instruments="draw"),
    _v("borrow", "빌리다", "borrow", "transitive", "borrowable", "library", place_prep="from",
       offer_check=True, countable=True, tenses=("past", "future")),
    _v("give", "주다", "give", "transitive", "giftable", "school cafe", countable=True, recipient="plain",
       tenses=("past", "future")),
    _v("send", "보내다", "send", "transitive", "sendable", "post_office", place_prep="from", offer_check=True,
       countable=True, recipient="any", instruments="send"),
    _v("wait_for", "기다리다", "wait for", "transitive", "waitable", "station airport cafe bus_stop",
       offer_check=True, tenses=("past", "future", "progressive"), habitual=False),
    _v("call", "전화하다", "call", "transitive", recipient="any", recipient_is_object=True),
    _v("like", "좋아하다", "like", "transitive", "likeable", object_form="generic", tenses=("present",),
       habitual=False, generic_present=True),
    _v("know", "알다", "know", "transitive", "knowable", tenses=("present",), habitual=False,
       generic_present=True, negatable=False),
    _v("have_pet", "키우다", "have", "transitive", "pet", tenses=("present",), habitual=False,
       generic_present=True, countable=True),
    _v("clean", "청소하다", "clean", "transitive", "cleanable", object_form="definite"),
    _v("fix", "고치다", "fix", "transitive", "fixable", object_form="definite",
       tenses=("past", "future", "progressive"), habitual=False),
    _v("catch", "잡다", "catch", "transitive", "catchable", "river beach park", offer_check=True,
       countable=True, tenses=("past", "future", "progressive"), habitual=False),
    _v("turn_on", "켜다", "turn on", "transitive", "switchable", object_form="definite", spans=_DAY),
    _v("turn_off", "끄다", "turn off", "transitive", "switchable", object_form="definite", spans=_DAY),
    _v("bake", "굽다", "bake", "transitive", "bakeable", "home bakery", irregular="ㅂ", offer_check=True,
       countable=True, companion=True),
    _v("order", "주문하다", "order", "transitive", "orderable", "restaurant cafe home", offer_check=True,
       countable=True, instruments="order"),
    _v("lose", "잃어버리다", "lose", "transitive", "losable", "school park cafe library restaurant station",
       object_form="possessive", tenses=("past",), habitual=False),
    # a place as the object (을/를)
    _v("visit", "방문하다", "visit", "place_object",
       places="museum art_museum zoo hospital grandmas_house friends_house seoul busan gyeongju jeju japan "
              "china usa canada", tenses=("past", "present", "future"), spans=_ALL_SPANS),
    _v("leave", "떠나다", "leave", "place_object",
       places="home office hotel seoul busan incheon daejeon gyeongju jeju japan china usa canada",
       tenses=("past", "future", "progressive"), habitual=False, spans=_ALL_SPANS),
    # the copula: 민수는 학생이야
    _v("be", "이다", "be", "copula", "job", tenses=("present", "past"), habitual=False, generic_present=True,
       spans=frozenset({"year"})),
)
VERB = {v.key: v for v in VERBS}

LEXICON_SIZES: dict[str, int] = {
    "subjects": len(PEOPLE),
    "places": len(PLACES),
    "objects": len(THINGS),
    "verbs": len({v.ko for v in VERBS}),
    "times": len(TIMES),
}
