"""Korean verb conjugation from the dictionary form, by rule.

Every form is built from three stem shapes, as Korean grammars describe them:

* the 아/어 form (가, 먹어, 해, 마셔): vowel harmony plus contraction of the stem's last vowel
  with the ending; it gives the plain and polite present and, with ㅆ, the past stem (갔, 먹었);
* the (으)-form before endings that start with 으 (갈, 먹을, 가시, 읽으시);
* the bare stem before consonant endings (가고, 먹지, 먹습니다).

Irregular classes (ㄷ: 듣다, ㅂ: 돕다, 르: 부르다) are flagged per verb, as dictionaries do; the
ㄹ-stems (만들다, 살다) and 하다 verbs are recognised from the stem itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .hangul import (COPULA_PAST, COPULA_PLAIN, COPULA_POLITE, SUBJECT, add_final, attach, decompose,
                     final_consonant, last_vowel, set_final, set_medial)

TENSES = ("past", "present", "future", "progressive")
LEVELS = ("plain", "polite", "formal")   # 반말 (해체), 해요체, 합니다체
IRREGULAR_CLASSES = ("ㄷ", "ㅂ", "르", "ㅅ")

_BRIGHT = {"ㅏ", "ㅗ", "ㅑ"}  # "bright" vowels take 아; all others take 어
# Open-syllable stem vowel + 아/어 → contracted vowel (가+아 → 가, 보+아 → 봐, 마시+어 → 마셔).
_CONTRACT = {"ㅏ": "ㅏ", "ㅓ": "ㅓ", "ㅕ": "ㅕ", "ㅐ": "ㅐ", "ㅔ": "ㅔ",
             "ㅗ": "ㅘ", "ㅜ": "ㅝ", "ㅣ": "ㅕ", "ㅚ": "ㅙ"}


@dataclass(frozen=True)
class Form:
    tense: str                # past | present | future | progressive
    level: str                # plain | polite | formal
    negative: bool = False
    question: bool = False

    def __post_init__(self) -> None:
        if self.tense not in TENSES or self.level not in LEVELS:
            raise ValueError(f"unknown form {self}")


def stem_of(dictionary_form: str) -> str:
    if len(dictionary_form) < 2 or not dictionary_form.endswith("다"):
        raise ValueError(f"{dictionary_form!r} is not a dictionary form ending in 다")
    return dictionary_form[:-1]


def _harmony(stem: str) -> str:
    """아 after a bright last vowel, 어 otherwise (먹어, 닫아, 살아, 않아)."""
    return "아" if last_vowel(stem) in _BRIGHT else "어"


def a_form(stem: str, irregular: str | None = None) -> str:
    """The 아/어 connective form: 가, 와, 봐, 마셔, 해, 써, 배워, 먹어, 들어, 도와, 불러."""
    if stem.endswith("하"):
        return stem[:-1] + "해"
    final = final_consonant(stem)
    if irregular == "ㄷ" and final == "ㄷ":          # 듣+어 → 들어: ㄷ becomes ㄹ before a vowel
        return set_final(stem, "ㄹ") + _harmony(stem)
    if irregular == "ㅂ" and final == "ㅂ":          # 돕+아 → 도와, 굽+어 → 구워, 외롭+어 → 외로워
        # Only 돕다 and 곱다 keep 와 in today's standard; every other ㅂ-stem takes 워 (고마워, 아름다워).
        return set_final(stem, "") + ("와" if stem[-1] in ("돕", "곱") else "워")
    if irregular == "ㅅ" and final == "ㅅ":          # 낫+아 → 나아, 짓+어 → 지어: the ㅅ drops, no contraction
        return set_final(stem, "") + _harmony(stem)
    if irregular == "르" and stem.endswith("르") and len(stem) > 1:
        # 부르+어 → 불러, 모르+아 → 몰라: the ㅡ drops and the ㄹ doubles onto the syllable before.
        before = stem[:-1]
        return add_final(before, "ㄹ") + ("라" if last_vowel(before) in _BRIGHT else "러")
    if final:
        return stem + _harmony(stem)
    vowel = last_vowel(stem)
    if vowel == "ㅡ":                                # 쓰 → 써, 끄 → 꺼, 바쁘 → 바빠: ㅡ drops
        # (the syllable before must be of the same word: 키가 크 → 커)
        harmony = "ㅏ" if len(stem) > 1 and stem[-2] != " " and last_vowel(stem[:-1]) in _BRIGHT else "ㅓ"
        return set_medial(stem, harmony)
    if vowel in _CONTRACT:
        return set_medial(stem, _CONTRACT[vowel])
    return stem + "어"                                # 쉬+어 → 쉬어, 뛰+어 → 뛰어 (no contraction)


def past_stem(stem: str, irregular: str | None = None) -> str:
    """아/어 form + ㅆ: 갔, 먹었, 했, 들었, 도왔, 불렀."""
    return add_final(a_form(stem, irregular), "ㅆ")


def prospective(stem: str, irregular: str | None = None) -> str:
    """The (으)ㄹ adnominal used by the future: 갈, 먹을, 만들, 들을, 도울."""
    if irregular == "ㅅ":
        return eu(stem, "ㄹ", irregular)
    final = final_consonant(stem)
    if not final:
        return add_final(stem, "ㄹ")
    if final == "ㄹ":                                 # ㄹ-stems already end in the ㄹ: 만들, 살
        return stem
    if irregular == "ㄷ" and final == "ㄷ":
        return set_final(stem, "ㄹ") + "을"
    if irregular == "ㅂ" and final == "ㅂ":
        return set_final(stem, "") + "울"
    return stem + "을"


def honorific(stem: str, irregular: str | None = None) -> str:
    """Subject honorific -(으)시-: 가시, 읽으시, 만드시 (ㄹ drops before ㅅ), 들으시, 도우시."""
    final = final_consonant(stem)
    if not final:
        return stem + "시"
    if final == "ㄹ":
        return set_final(stem, "") + "시"
    if irregular == "ㄷ" and final == "ㄷ":
        return set_final(stem, "ㄹ") + "으시"
    if irregular == "ㅂ" and final == "ㅂ":
        return set_final(stem, "") + "우시"
    return stem + "으시"


def eu(stem: str, ending: str, irregular: str | None = None) -> str:
    """stem + an ending that takes 으 after a consonant. `ending` is written without the 으, and an
    ending that starts with a final consonant (ㄹ 때, ㄹ게요, ㅂ시다, ㄴ) puts it on the stem's
    last open syllable:

        eu("가", "면") 가면        eu("먹", "면") 먹으면      eu("먹", "ㄹ 때") 먹을 때
        eu("만들", "면") 만들면    eu("만들", "니까") 만드니까  eu("만들", "ㅂ시다") 만듭시다
        eu("듣", "면", "ㄷ") 들으면  eu("춥", "면", "ㅂ") 추우면  eu("낫", "면", "ㅅ") 나으면

    ㄹ-stems lose the ㄹ before ㄴ, ㅂ, ㅅ and before a final ㄹ/ㅂ (만드니까, 만드세요, 만들 때)."""
    final = final_consonant(stem)
    on_final = ending[0] in ("ㄹ", "ㅂ", "ㄴ")
    if final == "ㄹ" and irregular is None:
        if not (on_final or decompose(ending[0])[0] in ("ㄴ", "ㅂ", "ㅅ")):
            return stem + ending                          # 만들면, 만들러
        base = set_final(stem, "")
    elif not final:
        base = stem
    elif irregular == "ㄷ" and final == "ㄷ":
        base = set_final(stem, "ㄹ") + "으"
    elif irregular == "ㅂ" and final == "ㅂ":
        base = set_final(stem, "") + "우"
    elif irregular == "ㅅ" and final == "ㅅ":
        base = set_final(stem, "") + "으"
    else:
        base = stem + "으"
    if on_final:
        return add_final(base, ending[0]) + ending[1:]
    return base + ending


def formal(stem: str, question: bool = False) -> str:
    """합니다체: -ㅂ니다 after a vowel or ㄹ (which drops: 만듭니다), -습니다 after a consonant."""
    ending = "니까" if question else "니다"
    final = final_consonant(stem)
    if not final:
        return add_final(stem, "ㅂ") + ending
    if final == "ㄹ":
        return set_final(stem, "ㅂ") + ending
    return stem + "습" + ending


def _predicate(stem: str, irregular: str | None, tense: str, level: str, question: bool,
               honorific_stem: bool) -> str:
    """The sentence-final word of `stem` in a simple tense (past, present or future)."""
    if tense == "present":
        if level == "plain":
            return a_form(stem, irregular)
        if level == "polite":
            # -(으)시- + 어요 is 세요 in today's standard usage (가세요, 드세요, 계세요), not 가셔요.
            return stem[:-1] + "세요" if honorific_stem else a_form(stem, irregular) + "요"
        return formal(stem, question)
    if tense == "past":
        past = past_stem(stem, irregular)
        # After the past marker the ending is always 어, whatever the stem's vowel (갔어, not 갔아).
        return {"plain": past + "어", "polite": past + "어요"}.get(level) or formal(past, question)
    if tense == "future":
        tail = {"plain": " 거야", "polite": " 거예요", "formal": " 겁니까" if question else " 겁니다"}[level]
        return prospective(stem, irregular) + tail
    raise ValueError(f"no simple predicate for tense {tense!r}")


@lru_cache(maxsize=None)
def conjugate(dictionary_form: str, form: Form, irregular: str | None = None, honorific_subject: bool = False,
              honorific_form: str | None = None) -> str:
    """The verb as it ends a sentence, without punctuation.

    Negation is long negation (-지 않다), the future is -(으)ㄹ 거야/거예요/겁니다, the
    progressive is -고 있다. With an honorific subject the final predicate takes -(으)시-
    (가셨어요, 가지 않으셨어요, 가고 계세요); verbs with a lexical honorific (먹다/마시다 → 드시다,
    자다 → 주무시다) use it instead, so the honorific is never marked twice.
    """
    if irregular not in (None, *IRREGULAR_CLASSES):
        raise ValueError(f"unknown irregular class {irregular!r}")
    stem = stem_of(dictionary_form)
    lexical = honorific_subject and honorific_form is not None
    main = stem_of(honorific_form) if lexical else stem
    main_irregular = None if lexical else irregular
    add_si = honorific_subject and not lexical        # -(으)시- still to be placed on the last word
    tense = form.tense
    prefix = ""
    if tense == "progressive":
        # 있다 has its own honorific, 계시다: 가고 계세요 (not 가고 있으세요).
        aux = "계시" if honorific_subject else "있"
        if form.negative:
            prefix, final, final_irregular = f"{main}고 {aux}지 ", "않", None
        else:
            prefix, final, final_irregular = f"{main}고 ", aux, None
        add_si = False
        hon_stem = aux == "계시" and not form.negative
        tense = "present"
    elif form.negative:
        prefix, final, final_irregular = f"{main}지 ", "않", None
        hon_stem = False
    else:
        final, final_irregular = main, main_irregular
        hon_stem = lexical
    if add_si:
        final, final_irregular, hon_stem = honorific(final, final_irregular), None, True
    return prefix + _predicate(final, final_irregular, tense, form.level, form.question, hon_stem)


def copula(noun: str, tense: str, level: str, negative: bool = False, question: bool = False) -> str:
    """noun + 이다 (학생이야, 의사예요, 학생입니다, 의사였어) or + 이/가 아니다 (학생이 아니에요)."""
    if tense not in ("present", "past"):
        raise ValueError("the copula is used in the present and past only")
    if negative:
        head = attach(noun, SUBJECT) + " 아니"
        if tense == "past":   # 아니었어: the copula's past does not contract (not 아녔어) in the standard
            return {"plain": head + "었어", "polite": head + "었어요"}.get(level) or formal(head + "었", question)
        return {"plain": head + "야", "polite": head + "에요"}.get(level) or formal(head, question)
    if tense == "past":
        past = attach(noun, COPULA_PAST)
        return {"plain": past + "어", "polite": past + "어요"}.get(level) or formal(past, question)
    if level == "plain":
        return attach(noun, COPULA_PLAIN)
    if level == "polite":
        return attach(noun, COPULA_POLITE)
    return formal(noun + "이", question)   # 입니다 after vowels too: 의사입니다


__all__ = ["Form", "TENSES", "LEVELS", "IRREGULAR_CLASSES", "a_form", "past_stem", "prospective", "honorific",
           "formal", "conjugate", "copula", "stem_of", "eu"]
