"""The everyday word lists of the second grammar: nouns, actions, adjectives and adverbs of daily life.

Written as tables, one entry a line, `|` between the fields, so that the lists read like a
dictionary and grow by adding lines:

    nouns       Korean | English | kind | categories          kind: c count, m mass, p plural only
    actions     Korean | English | irregular | object categories | place categories
    adjectives  Korean | English | irregular | categories | comparative
    adverbs     Korean | English

The English of an action may hold `{o}` where the object goes when it is not right after the verb
("take {o} out" is not written; phrasal verbs keep the particle after the object slot only where
English wants it). A Korean action of the form noun+하다 (공부하다, 청소하다) splits for 안/못
(공부 안 해요), which `Action.ha_noun` records. Categories join the lists: an action names the
noun categories it takes as objects and the place categories it happens at; an adjective names
the noun categories it describes.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import english as en


@dataclass(frozen=True)
class Noun:
    ko: str
    en: str
    kind: str                      # c | m | p
    cats: frozenset[str]

    def bare(self) -> str:
        """The object of an action: an apple, water, pants."""
        if self.kind == "c":
            return en.indefinite(self.en)
        return self.en

    def plural(self) -> str:
        return self.en if self.kind in ("m", "p") else en.plural_phrase(self.en)

    @property
    def is_plural(self) -> bool:
        return self.kind == "p"


@dataclass(frozen=True)
class Place:
    ko: str
    en: str                        # "the market", "school", "home"
    prep: str                      # at | in | on
    cats: frozenset[str]

    @property
    def destination(self) -> str:
        return "home" if self.en == "home" else f"to {self.en}"

    @property
    def location(self) -> str:
        return "at home" if self.en == "home" else f"{self.prep} {self.en}"


@dataclass(frozen=True)
class Action:
    ko: str                        # dictionary form
    en: str                        # English base form; `{o}` marks the object's place if not at the end
    irregular: str | None
    objects: frozenset[str]        # noun categories; empty: no object
    places: frozenset[str]         # place categories (에서)

    @property
    def ha_noun(self) -> str:
        """공부 of 공부하다: Sino-Korean noun + 하다 verbs put 안/못 before 하다."""
        stem = self.ko[:-1]
        return stem[:-1] if stem.endswith("하") and len(stem) > 2 and stem not in ("좋아하", "싫어하") else ""


@dataclass(frozen=True)
class Adjective:
    ko: str
    en: str
    irregular: str | None
    cats: frozenset[str]
    comparative: str               # "bigger", "more expensive"


_IRREGULAR_COMPARATIVE = {"good": "better", "bad": "worse", "far": "farther", "quiet": "quieter",
                          "clever": "cleverer"}


def comparative(adjective: str) -> str:
    """bigger, nicer, busier, better; more expensive for long adjectives."""
    if adjective in _IRREGULAR_COMPARATIVE:
        return _IRREGULAR_COMPARATIVE[adjective]
    if " " in adjective:
        return f"more {adjective}"
    vowels = "aeiou"
    spoken = adjective[:-1] if adjective.endswith("e") else adjective      # the e of nice is silent
    groups = sum(1 for i, ch in enumerate(spoken) if ch in vowels and (i == 0 or spoken[i - 1] not in vowels))
    if adjective.endswith("y") and groups <= 2 and adjective[-2] not in vowels:
        return adjective[:-1] + "ier"
    if groups > 1 or adjective.endswith("ed"):
        return f"more {adjective}"
    if adjective.endswith("e"):
        return adjective + "r"
    if (len(adjective) >= 3 and adjective[-1] not in vowels + "wxy" and adjective[-2] in vowels
            and adjective[-3] not in vowels):
        return adjective + adjective[-1] + "er"          # big → bigger, hot → hotter
    return adjective + "er"


def _rows(table: str) -> list[list[str]]:
    out = []
    for line in table.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append([field.strip() for field in line.split("|")])
    return out


def _irr(field: str) -> str | None:
    return None if field in ("", "-") else field


# --------------------------------------------------------------------------- nouns

_NOUNS = """
# fruit and vegetables
사과 | apple | c | food fruit
배 | pear | c | food fruit
바나나 | banana | c | food fruit
포도 | grapes | p | food fruit
딸기 | strawberries | p | food fruit
수박 | watermelon | c | food fruit
참외 | Korean melon | c | food fruit
복숭아 | peach | c | food fruit
귤 | tangerine | c | food fruit
감 | persimmon | c | food fruit
레몬 | lemon | c | food fruit
망고 | mango | c | food fruit
토마토 | tomato | c | food vegetable
감자 | potato | c | food vegetable
고구마 | sweet potato | c | food vegetable
양파 | onion | c | food vegetable
당근 | carrot | c | food vegetable
오이 | cucumber | c | food vegetable
배추 | napa cabbage | m | food vegetable
양배추 | cabbage | m | food vegetable
버섯 | mushrooms | p | food vegetable
마늘 | garlic | m | food vegetable
고추 | chili pepper | c | food vegetable
파 | green onions | p | food vegetable
콩 | beans | p | food vegetable
옥수수 | corn | m | food vegetable
# meals, dishes and groceries
밥 | rice | m | food dish
죽 | porridge | m | food dish
국 | soup | m | food dish
수프 | soup | m | food dish
찌개 | stew | m | food dish
된장찌개 | soybean paste stew | m | food dish
김치찌개 | kimchi stew | m | food dish
김치 | kimchi | m | food dish
비빔밥 | bibimbap | m | food dish
불고기 | bulgogi | m | food dish
삼겹살 | pork belly | m | food dish meat
갈비 | galbi | m | food dish meat
냉면 | cold noodles | m | food dish
국수 | noodles | p | food dish
라면 | ramen | m | food dish
떡볶이 | tteokbokki | m | food dish
김밥 | gimbap | m | food dish
만두 | dumplings | p | food dish
짜장면 | jajangmyeon | m | food dish
볶음밥 | fried rice | m | food dish
카레 | curry | m | food dish
스파게티 | spaghetti | m | food dish
피자 | pizza | m | food dish
햄버거 | hamburger | c | food dish
샌드위치 | sandwich | c | food dish
샐러드 | salad | m | food dish
치킨 | fried chicken | m | food dish
스테이크 | steak | c | food dish
도시락 | lunch box | c | food dish
반찬 | side dishes | p | food dish
빵 | bread | m | food bakery
케이크 | cake | m | food bakery
쿠키 | cookies | p | food bakery
과자 | snacks | p | food snack
초콜릿 | chocolate | m | food snack
사탕 | candy | m | food snack
아이스크림 | ice cream | m | food snack
떡 | rice cake | m | food snack
계란 | eggs | p | food grocery
고기 | meat | m | food grocery meat
소고기 | beef | m | food grocery meat
돼지고기 | pork | m | food grocery meat
닭고기 | chicken | m | food grocery meat
생선 | fish | m | food grocery meat
두부 | tofu | m | food grocery
치즈 | cheese | m | food grocery
버터 | butter | m | food grocery
쌀 | rice | m | grocery
소금 | salt | m | grocery seasoning
설탕 | sugar | m | grocery seasoning
간장 | soy sauce | m | grocery seasoning
기름 | oil | m | grocery seasoning
# drinks
물 | water | m | drink
커피 | coffee | m | drink
차 | tea | m | drink
녹차 | green tea | m | drink
우유 | milk | m | drink
주스 | juice | m | drink
콜라 | cola | m | drink
맥주 | beer | m | drink alcohol
와인 | wine | m | drink alcohol
소주 | soju | m | drink alcohol
술 | alcohol | m | drink alcohol
# clothes and accessories
옷 | clothes | p | clothes
셔츠 | shirt | c | clothes
티셔츠 | T-shirt | c | clothes
바지 | pants | p | clothes
청바지 | jeans | p | clothes
치마 | skirt | c | clothes
원피스 | dress | c | clothes
코트 | coat | c | clothes
재킷 | jacket | c | clothes
스웨터 | sweater | c | clothes
잠옷 | pajamas | p | clothes
양복 | suit | c | clothes
교복 | school uniform | c | clothes
수영복 | swimsuit | c | clothes
모자 | hat | c | accessory
장갑 | gloves | p | accessory
목도리 | scarf | c | accessory
양말 | socks | p | footwear
신발 | shoes | p | footwear
운동화 | sneakers | p | footwear
구두 | dress shoes | p | footwear
안경 | glasses | p | accessory item
선글라스 | sunglasses | p | accessory item
가방 | bag | c | item accessory openable
지갑 | wallet | c | item accessory
시계 | watch | c | item accessory fixable
반지 | ring | c | item accessory
우산 | umbrella | c | item
# things at home
열쇠 | key | c | item
휴대폰 | phone | c | item device
컴퓨터 | computer | c | device
노트북 | laptop | c | item device
텔레비전 | TV | c | device
냉장고 | fridge | c | device openable
세탁기 | washing machine | c | device
에어컨 | air conditioner | c | device
선풍기 | fan | c | device
전자레인지 | microwave | c | device
카메라 | camera | c | item device
이어폰 | earphones | p | item device
충전기 | charger | c | item device
침대 | bed | c | furniture
소파 | sofa | c | furniture
책상 | desk | c | furniture
의자 | chair | c | furniture
식탁 | dining table | c | furniture
옷장 | closet | c | furniture
책장 | bookshelf | c | furniture
거울 | mirror | c | furniture item
이불 | blanket | c | item
베개 | pillow | c | item
수건 | towel | c | item
비누 | soap | m | item
치약 | toothpaste | m | item
칫솔 | toothbrush | c | item
휴지 | toilet paper | m | item
쓰레기 | trash | m | trash
접시 | plate | c | item dish_ware
그릇 | bowl | c | item dish_ware
컵 | cup | c | item dish_ware
숟가락 | spoon | c | item dish_ware
젓가락 | chopsticks | p | item dish_ware
냄비 | pot | c | item dish_ware
꽃 | flowers | p | item plant
화분 | potted plant | c | item plant
상자 | box | c | item openable
선물 | present | c | item openable
장난감 | toy | c | item
인형 | doll | c | item
# school and work
책 | book | c | item book
공책 | notebook | c | item book
교과서 | textbook | c | item book
사전 | dictionary | c | item book
소설 | novel | c | item book
잡지 | magazine | c | item book
신문 | newspaper | c | item book
만화책 | comic book | c | item book
편지 | letter | c | item writing
이메일 | email | c | writing
보고서 | report | c | writing
숙제 | homework | m | homework
일기 | diary | c | writing
메모 | note | c | writing
연필 | pencil | c | item
볼펜 | pen | c | item
지우개 | eraser | c | item
가위 | scissors | p | item
종이 | paper | m | item
서류 | documents | p | item writing
표 | ticket | c | item
영수증 | receipt | c | item
여권 | passport | c | item
카드 | card | c | item
돈 | money | m | money
현금 | cash | m | money
# leisure
영화 | movie | c | show
드라마 | drama | c | show
뉴스 | the news | n | show
노래 | song | c | song
음악 | music | m | music
사진 | picture | c | photo
그림 | picture | c | art
게임 | games | p | game
단어 | words | p | vocab
# chores, done with 하다
설거지 | the dishes | n | chore
빨래 | the laundry | n | chore
집안일 | the housework | n | chore
# animals
개 | dog | c | animal pet
강아지 | puppy | c | animal pet
고양이 | cat | c | animal pet
새 | bird | c | animal
물고기 | fish | c | animal pet
토끼 | rabbit | c | animal pet
말 | horse | c | animal rideable
소 | cow | c | animal
돼지 | pig | c | animal
닭 | chicken | c | animal
호랑이 | tiger | c | animal
곰 | bear | c | animal
원숭이 | monkey | c | animal
코끼리 | elephant | c | animal
# transport
버스 | bus | c | vehicle
택시 | taxi | c | vehicle
지하철 | subway | m | vehicle
기차 | train | c | vehicle
비행기 | plane | c | vehicle
배 | ship | c | vehicle
자전거 | bike | c | vehicle item rideable fixable
자동차 | car | c | vehicle
# body
머리 | head | c | body
눈 | eyes | p | body
귀 | ears | p | body
코 | nose | c | body
입 | mouth | c | body
이 | teeth | p | body
목 | throat | c | body
어깨 | shoulder | c | body
팔 | arm | c | body
손 | hand | c | body
다리 | leg | c | body
발 | foot | c | body
배 | stomach | c | body
허리 | back | c | body
# rooms and buildings as things
방 | room | c | room
거실 | living room | c | room
부엌 | kitchen | c | room
화장실 | bathroom | c | room
창문 | window | c | house_part
문 | door | c | house_part
불 | light | c | switch
집 | house | c | building
아파트 | apartment | c | building
건물 | building | c | building
# study subjects, languages, sports and instruments
영어 | English | m | subject language
한국어 | Korean | m | subject language
중국어 | Chinese | m | subject language
일본어 | Japanese | m | subject language
프랑스어 | French | m | subject language
수학 | math | m | subject
과학 | science | m | subject
역사 | history | m | subject
경제학 | economics | m | subject
음악 | music | m | subject
미술 | art | m | subject
축구 | soccer | m | sport
야구 | baseball | m | sport
농구 | basketball | m | sport
배구 | volleyball | m | sport
테니스 | tennis | m | sport
탁구 | table tennis | m | sport
배드민턴 | badminton | m | sport
골프 | golf | m | sport
요가 | yoga | m | sport
수영 | swimming | m | activity
등산 | hiking | m | activity
요리 | cooking | m | activity
운동 | exercise | m | activity
피아노 | the piano | n | instrument
기타 | the guitar | n | instrument
바이올린 | the violin | n | instrument
드럼 | the drums | n | instrument
"""

# --------------------------------------------------------------------------- places

_PLACES = """
집 | home | at | home
학교 | school | at | school
회사 | work | at | work
도서관 | the library | at | study public
카페 | the cafe | at | food_place study public
식당 | the restaurant | at | food_place public
시장 | the market | at | shop public
마트 | the supermarket | at | shop
편의점 | the convenience store | at | shop
백화점 | the department store | at | shop
빵집 | the bakery | at | shop
서점 | the bookstore | at | shop
약국 | the pharmacy | at | shop
꽃집 | the flower shop | at | shop
가게 | the store | at | shop
병원 | the hospital | at | public
치과 | the dentist | at | public
은행 | the bank | at | public
우체국 | the post office | at | public
공원 | the park | in | outdoor public
바다 | the beach | at | outdoor far
산 | the mountains | in | outdoor far
강 | the river | at | outdoor
수영장 | the pool | at | sport_place
헬스장 | the gym | at | sport_place
운동장 | the playground | on | sport_place outdoor
영화관 | the movie theater | at | fun
노래방 | the karaoke room | at | fun
박물관 | the museum | at | fun
미술관 | the art museum | at | fun
동물원 | the zoo | at | fun outdoor
놀이공원 | the amusement park | at | fun outdoor
공항 | the airport | at | transit
역 | the station | at | transit
버스 정류장 | the bus stop | at | transit
호텔 | the hotel | at | stay
교회 | church | at | public
시골 | the countryside | in | far
고향 | my hometown | in | far
교실 | the classroom | in | school
사무실 | the office | at | work
부엌 | the kitchen | in | home_room
거실 | the living room | in | home_room
"""

_CITIES = "서울 부산 대구 인천 광주 대전 울산 수원 전주 강릉 춘천 포항 경주 제주 여수 청주 목포 안동"

# --------------------------------------------------------------------------- actions

_ACTIONS = """
# eating and cooking
먹다 | eat | - | food | food_place home school
마시다 | drink | - | drink | food_place home
요리하다 | cook | - | dish | home
만들다 | make | - | dish bakery | home
끓이다 | make | - | dish | home
굽다 | grill | ㅂ | meat | home food_place
자르다 | cut | 르 | fruit vegetable bakery meat | home
씻다 | wash | - | fruit vegetable dish_ware | home
주문하다 | order | - | dish drink bakery | food_place
시키다 | order | - | dish drink | food_place home
# shopping and money
사다 | buy | - | food drink clothes accessory footwear item device book furniture grocery | shop
팔다 | sell | - | fruit vegetable clothes footwear item book | shop
고르다 | choose | 르 | clothes item book | shop
찾다 | look for | - | item clothes book | home shop school
바꾸다 | exchange | - | clothes item | shop
빌리다 | borrow | - | book item money | study school
모으다 | save | - | money | -
쓰다 | spend | - | money | shop
# clothes and body
입다 | wear | - | clothes | -
벗다 | take off | - | clothes footwear accessory | home
신다 | put on | - | footwear | home
# reading, writing, school
읽다 | read | - | book writing | study home school
쓰다 | write | - | writing | study home school
보내다 | send | - | writing item | home work
받다 | get | - | writing item money | home work
배우다 | learn | - | subject sport instrument | school study
가르치다 | teach | - | subject sport instrument | school
공부하다 | study | - | subject | study school home
외우다 | memorize | - | song vocab | study home
준비하다 | prepare | - | dish writing | home work
끝내다 | finish | - | writing | home work study
복사하다 | copy | - | writing | work school
# leisure
보다 | watch | - | show | home fun
듣다 | listen to | ㄷ | song music | home
부르다 | sing | 르 | song | home fun school
찍다 | take | - | photo | outdoor fun
그리다 | draw | - | art animal | home school outdoor
하다 | play | - | sport game | sport_place outdoor home
하다 | do | - | chore | home
좋아하다 | like | - | fruit dish bakery snack drink sport activity show song music animal subject | -
싫어하다 | hate | - | vegetable dish sport activity show animal subject | -
치다 | play | - | instrument | home school
연습하다 | practice | - | instrument sport song | home school sport_place
타다 | ride | - | rideable | outdoor
# home and chores
청소하다 | clean | - | room | home
닫다 | close | - | house_part | home school
열다 | open | - | house_part openable | home school
켜다 | turn on | - | device switch | home
끄다 | turn off | - | device switch | home
고치다 | fix | - | device furniture fixable | home
버리다 | throw away | - | trash item food | home
빨다 | wash | - | clothes | home
정리하다 | tidy | - | room furniture | home
잃어버리다 | lose | - | item | school outdoor public
가져오다 | bring | - | item book | -
# people
만나다 | meet | - | person | food_place public
기다리다 | wait for | - | person vehicle | transit public
돕다 | help | ㅂ | person | home school work
부르다 | call | 르 | person | -
"""

# intransitive actions (no object), with where they happen
_INTRANSITIVE = """
가다 | go | - | - | -
오다 | come | - | - | -
자다 | sleep | - | - | home stay
일어나다 | get up | - | - | -
쉬다 | rest | - | - | home outdoor
일하다 | work | - | - | work public shop food_place
운동하다 | exercise | - | - | sport_place outdoor home
산책하다 | take a walk | - | - | outdoor
놀다 | play | - | - | outdoor home fun
수영하다 | swim | - | - | sport_place outdoor
걷다 | walk | ㄷ | - | outdoor
뛰다 | run | - | - | outdoor sport_place
웃다 | laugh | - | - | -
울다 | cry | - | - | -
기다리다 | wait | - | - | transit public
출발하다 | leave | - | - | -
도착하다 | arrive | - | - | -
쇼핑하다 | go shopping | - | - | shop
여행하다 | travel | - | - | -
이사하다 | move | - | - | -
"""

# --------------------------------------------------------------------------- adjectives

_ADJECTIVES = """
# food and drink
맛있다 | delicious | - | food drink |
맵다 | spicy | ㅂ | dish vegetable |
짜다 | salty | - | dish |
달다 | sweet | - | fruit bakery snack drink |
싱겁다 | bland | ㅂ | dish |
뜨겁다 | hot | ㅂ | dish drink |
차갑다 | cold | ㅂ | drink |
신선하다 | fresh | - | fruit vegetable grocery |
# things
비싸다 | expensive | - | clothes item device furniture food |
싸다 | cheap | - | clothes item device furniture food |
크다 | big | - | clothes item device furniture building room animal |
작다 | small | - | clothes item device furniture building room animal |
무겁다 | heavy | ㅂ | item device furniture |
가볍다 | light | ㅂ | item device clothes |
예쁘다 | pretty | - | clothes item plant |
좋다 | good | - | item device clothes book show song |
길다 | long | - | clothes book show song |
짧다 | short | - | clothes book show song |
편하다 | comfortable | - | clothes furniture |
불편하다 | uncomfortable | - | clothes furniture |
깨끗하다 | clean | - | room building clothes |
더럽다 | dirty | ㅂ | room building clothes |
# places
넓다 | spacious | - | room building place |
좁다 | small | - | room building place |
조용하다 | quiet | - | room place |
시끄럽다 | noisy | ㅂ | room place |
복잡하다 | crowded | - | place |
멀다 | far | - | place |
가깝다 | close | ㅂ | place |
아름답다 | beautiful | ㅂ | place plant |
# animals
귀엽다 | cute | ㅂ | animal |
무섭다 | scary | ㅂ | animal show |
빠르다 | fast | 르 | animal vehicle |
느리다 | slow | - | animal vehicle |
# books, shows, lessons
재미있다 | interesting | - | book show subject game |
재미없다 | boring | - | book show subject game |
어렵다 | difficult | ㅂ | book subject game |
쉽다 | easy | ㅂ | book subject game |
슬프다 | sad | - | book show song |
# how people are
피곤하다 | tired | - | state |
바쁘다 | busy | - | state |
아프다 | sick | - | state |
배고프다 | hungry | - | state |
목마르다 | thirsty | 르 | state |
졸리다 | sleepy | - | state |
심심하다 | bored | - | state |
행복하다 | happy | - | state |
기쁘다 | glad | - | state |
외롭다 | lonely | ㅂ | state |
괜찮다 | okay | - | state |
# weather
춥다 | cold | ㅂ | weather |
덥다 | hot | ㅂ | weather |
따뜻하다 | warm | - | weather |
시원하다 | cool | - | weather |
맑다 | clear | - | weather |
흐리다 | cloudy | - | weather |
"""

_ADVERBS = """
정말 | really
너무 | too
아주 | very
조금 | a little
자주 | often
가끔 | sometimes
항상 | always
보통 | usually
빨리 | quickly
천천히 | slowly
일찍 | early
늦게 | late
열심히 | hard
혼자 | alone
같이 | together
다시 | again
먼저 | first
벌써 | already
곧 | soon
오늘 | today
"""


def _load():
    nouns = []
    for ko, eng, kind, cats in _rows(_NOUNS):
        nouns.append(Noun(ko, eng, kind, frozenset(cats.split())))
    places = [Place(ko, eng, prep, frozenset(cats.split())) for ko, eng, prep, cats in _rows(_PLACES)]
    actions = []
    for table in (_ACTIONS, _INTRANSITIVE):
        for ko, eng, irregular, objects, where in _rows(table):
            actions.append(Action(ko, eng, _irr(irregular), frozenset(objects.split()) - {"-"},
                                  frozenset(where.split()) - {"-"}))
    adjectives = []
    for ko, eng, irregular, cats, comp in _rows(_ADJECTIVES):
        adjectives.append(Adjective(ko, eng, _irr(irregular), frozenset(cats.split()) - {"-"},
                                    comp or comparative(eng)))
    adverbs = [(ko, eng) for ko, eng in _rows(_ADVERBS)]
    return tuple(nouns), tuple(places), tuple(actions), tuple(adjectives), tuple(adverbs)


NOUNS, PLACES, ACTIONS, ADJECTIVES, ADVERBS = _load()
CITIES = tuple(_CITIES.split())

LEMMAS: dict[str, int] = {
    "nouns": len({n.ko for n in NOUNS} | {p.ko for p in PLACES} | set(CITIES)),
    "verbs": len({a.ko for a in ACTIONS}),
    "adjectives": len({a.ko for a in ADJECTIVES}),
    "adverbs": len({a for a, _ in ADVERBS}),
}
