"""The choice of particle allomorphs, on Hangul syllable arithmetic (service/text/hangul.py).

Korean particles and endings come in pairs whose choice depends only on whether the previous
syllable ends in a consonant (its batchim), which is why everything here needs that arithmetic.
"""

from __future__ import annotations

from functools import lru_cache

from service.text.hangul import compose, decompose, is_syllable

# Particle pairs: (form after a final consonant, form after a vowel).
TOPIC = ("은", "는")
SUBJECT = ("이", "가")
OBJECT = ("을", "를")
WITH = ("과", "와")
MEANS = ("으로", "로")          # instrument, means and direction
COPULA_POLITE = ("이에요", "예요")
COPULA_PLAIN = ("이야", "야")
COPULA_PAST = ("이었", "였")
VOCATIVE = ("아", "야")

# 나/저/너 + 가 are not 나가/저가/너가 but 내가/제가/네가: old contracted forms that the
# language kept only before the subject particle (나는, 저를, 너를 stay regular).
_IRREGULAR_SUBJECT = {"나": "내가", "저": "제가", "너": "네가"}


def _last_syllable(word: str) -> str:
    if not word:
        raise ValueError("empty word: no syllable to inspect")
    last = word[-1]
    if not is_syllable(last):
        raise ValueError(f"cannot choose a particle for {word!r}: its last character {last!r} is not a "
                         "Hangul syllable (write numbers and Latin words in Hangul, e.g. 텔레비전)")
    return last


def final_consonant(word: str) -> str:
    """The batchim of the last syllable, "" if it ends in a vowel."""
    return decompose(_last_syllable(word))[2]


def has_final_consonant(word: str) -> bool:
    return final_consonant(word) != ""


def last_vowel(word: str) -> str:
    return decompose(_last_syllable(word))[1]


def set_final(word: str, final: str) -> str:
    """Replace the batchim of the last syllable ("" removes it): 가 + ㄹ → 갈, 들 ← 듣."""
    initial, medial, _ = decompose(_last_syllable(word))
    return word[:-1] + compose(initial, medial, final)


def add_final(word: str, final: str) -> str:
    """Give an open last syllable a batchim: 가+ㄹ → 갈 (future), 가+ㅆ → 갔 (past), 가+ㅂ → 갑."""
    if has_final_consonant(word):
        raise ValueError(f"{word!r} already ends in a consonant; cannot add {final!r}")
    return set_final(word, final)


def set_medial(word: str, medial: str) -> str:
    """Replace the vowel of the last syllable, keeping its initial: 보 → 봐, 마시 → 마셔."""
    initial, _, final = decompose(_last_syllable(word))
    return word[:-1] + compose(initial, medial, final)


@lru_cache(maxsize=4096)
def attach(word: str, particle: tuple[str, str]) -> str:
    """word + the allomorph of `particle` that fits its last sound: 책은/의자는, 집으로/학교로."""
    if particle == SUBJECT and word in _IRREGULAR_SUBJECT:
        return _IRREGULAR_SUBJECT[word]
    final = final_consonant(word)
    after_consonant, after_vowel = particle
    # The 으 of 으로 only breaks up a consonant cluster; ㄹ flows into 로 without it, so a word
    # ending in ㄹ takes the vowel form: 서울로, 연필로, 지하철로 (but 집으로, 부산으로).
    if final == "ㄹ" and after_consonant.startswith("으"):
        return word + after_vowel
    return word + (after_consonant if final else after_vowel)
