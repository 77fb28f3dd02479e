"""English morphology: articles, plurals, verb forms, do-support and number words.

Regular forms come from spelling rules; the irregulars are listed, as English has no rule for
them (went, ate, bought). Where spelling misleads the article (an hour, a university) an explicit
exception list decides, because a/an follows the first sound, not the first letter.
"""

from __future__ import annotations

from functools import lru_cache

_VOWELS = set("aeiou")

IRREGULAR_PAST = {
    "be": "was", "bring": "brought", "buy": "bought", "catch": "caught", "choose": "chose", "come": "came",
    "cut": "cut", "do": "did", "draw": "drew", "drink": "drank", "drive": "drove", "eat": "ate", "fall": "fell",
    "feel": "felt", "find": "found", "fly": "flew", "get": "got", "give": "gave", "go": "went", "have": "had",
    "hear": "heard", "keep": "kept", "know": "knew", "leave": "left", "lend": "lent", "lie": "lay", "lose": "lost",
    "make": "made", "meet": "met", "pay": "paid", "put": "put", "read": "read", "ride": "rode", "run": "ran",
    "say": "said", "see": "saw", "sell": "sold", "send": "sent", "sing": "sang", "sit": "sat", "sleep": "slept",
    "speak": "spoke", "spend": "spent", "stand": "stood", "swim": "swam", "take": "took", "teach": "taught",
    "tell": "told", "think": "thought", "throw": "threw", "wear": "wore", "win": "won", "write": "wrote",
    # the everyday grammar's verbs
    "feed": "fed", "fight": "fought", "forget": "forgot", "freeze": "froze", "grow": "grew", "hang": "hung",
    "hide": "hid", "hold": "held", "house-sit": "house-sat", "hurt": "hurt", "quit": "quit", "spread": "spread",
    "tear": "tore", "understand": "understood", "wake": "woke", "withdraw": "withdrew",
}
# Past participles that differ from the past tense (present perfect: "have eaten", "have never seen").
IRREGULAR_PARTICIPLE = {
    "be": "been", "choose": "chosen", "come": "come", "do": "done", "draw": "drawn", "drink": "drunk",
    "drive": "driven", "eat": "eaten", "fall": "fallen", "fly": "flown", "forget": "forgotten", "freeze": "frozen",
    "get": "gotten", "give": "given", "go": "gone", "grow": "grown", "hide": "hidden", "know": "known", "lie": "lain",
    "ride": "ridden", "run": "run", "see": "seen", "sing": "sung", "speak": "spoken", "swim": "swum", "take": "taken",
    "tear": "torn", "throw": "thrown", "wake": "woken", "wear": "worn", "withdraw": "withdrawn", "write": "written",
}
IRREGULAR_THIRD = {"be": "is", "have": "has", "do": "does", "go": "goes"}
IRREGULAR_PLURAL = {
    "child": "children", "person": "people", "man": "men", "woman": "women", "fish": "fish", "sheep": "sheep",
    "mouse": "mice", "tooth": "teeth", "foot": "feet", "knife": "knives", "leaf": "leaves", "wife": "wives",
    "life": "lives", "potato": "potatoes", "tomato": "tomatoes", "hero": "heroes",
}
# Consonant doubling is decided by stress; the rule below covers one-syllable verbs, these the rest.
_DOUBLE_FINAL = {"begin", "prefer", "refer", "admit", "forget", "occur", "permit", "regret", "upset"}
# Words whose first letter misleads: a vowel letter read as /j/ or /w/, or a silent h.
_AN_BEFORE = ("hour", "honest", "honor", "honour", "heir")
_A_BEFORE = ("uni", "use", "usu", "uti", "euro", "eu", "one", "once", "ukulele", "u-")

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty")


def number_word(n: int) -> str:
    if not 0 <= n < len(NUMBER_WORDS):
        raise ValueError(f"no number word for {n}")
    return NUMBER_WORDS[n]


def indefinite(phrase: str) -> str:
    """a/an + phrase, by the sound of the first word: an apple, a university, an hour."""
    first = phrase.split()[0].lower()
    if first.startswith(_AN_BEFORE):
        article = "an"
    elif first.startswith(_A_BEFORE):
        article = "a"
    else:
        article = "an" if first[0] in _VOWELS else "a"
    return f"{article} {phrase}"


def _ends_cvc(word: str) -> bool:
    """consonant-vowel-consonant at the end (stop, swim), not w/x/y which never double."""
    return (len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS
            and word[-3] not in _VOWELS)


def _syllables(word: str) -> int:
    groups, previous = 0, False
    for ch in word:
        vowel = ch in _VOWELS
        groups += vowel and not previous
        previous = vowel
    return groups


def _doubles(word: str) -> bool:
    return word in _DOUBLE_FINAL or (_syllables(word) == 1 and _ends_cvc(word))


def plural(noun: str) -> str:
    """boxes, cherries, knives, children, people; the regular -s otherwise."""
    if noun in IRREGULAR_PLURAL:
        return IRREGULAR_PLURAL[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def plural_phrase(phrase: str) -> str:
    """Pluralise the head of a noun phrase: comic book → comic books, cup of coffee → cups of coffee."""
    if " of " in phrase:
        head, rest = phrase.split(" of ", 1)
        return f"{plural_phrase(head)} of {rest}"
    words = phrase.split(" ")
    return " ".join(words[:-1] + [plural(words[-1])])


@lru_cache(maxsize=None)
def third_person(verb: str) -> str:
    """watches, studies, goes, has, does, plays."""
    if verb in IRREGULAR_THIRD:
        return IRREGULAR_THIRD[verb]
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


@lru_cache(maxsize=None)
def past(verb: str) -> str:
    """went, ate, bought; studied, stopped, liked, played, visited."""
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    if _doubles(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


@lru_cache(maxsize=None)
def participle(verb: str) -> str:
    """The past participle of a verb phrase's first word: eaten, bought, taken a walk."""
    head, _, tail = verb.partition(" ")
    return (IRREGULAR_PARTICIPLE.get(head) or past(head)) + (f" {tail}" if tail else "")


def ing(verb: str) -> str:
    """making, running, swimming, sitting, studying, lying, seeing."""
    if verb == "be":
        return "being"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith(("ee", "ye", "oe")):
        return verb + "ing"
    if verb.endswith("e"):
        return verb[:-1] + "ing"
    if _doubles(verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def be(person: int, plural_subject: bool, tense: str = "present") -> str:
    """am/is/are, was/were."""
    singular_like = not plural_subject and person != 2
    if tense == "past":
        return "was" if singular_like else "were"
    if person == 1 and not plural_subject:
        return "am"
    return "is" if singular_like else "are"


@lru_cache(maxsize=None)
def verb_group(verb: str, tense: str, negative: bool, question: bool, person: int,
               plural_subject: bool) -> tuple[str | None, str]:
    """(auxiliary that moves before the subject in a question, the rest of the verb group).

    `verb` may be a phrasal verb or verb + complement ("turn on", "take a walk"): only its first
    word inflects. Questions and negatives use do-support in the simple tenses.
    """
    head, _, tail = verb.partition(" ")
    tail = f" {tail}" if tail else ""
    third = person == 3 and not plural_subject
    if head == "be":
        if tense not in ("present", "past"):
            raise ValueError("'be' is used in the present and past only")
        form = be(person, plural_subject, tense)
        if question:
            return form, tail.strip()
        return None, f"{form} not{tail}" if negative else f"{form}{tail}"
    if tense == "past":
        aux, plain = "did", past(head)
    elif tense == "present":
        aux, plain = ("does" if third else "do"), (third_person(head) if third else head)
    elif tense == "future":
        aux, plain = "will", None
    elif tense == "progressive":
        form = be(person, plural_subject)
        if question:
            return form, ing(head) + tail
        return None, f"{form} {'not ' if negative else ''}{ing(head)}{tail}"
    else:
        raise ValueError(f"unknown tense {tense!r}")
    if question:
        return aux, head + tail
    if negative:
        return None, f"{aux} not {head}{tail}"
    if plain is None:
        return None, f"will {head}{tail}"
    return None, plain + tail


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def sentence(words: list[str], question: bool) -> str:
    """Join the non-empty parts, capitalise the first word, end with . or ?."""
    text = " ".join(w for w in words if w)
    return capitalize_first(text) + ("?" if question else ".")
