"""Korean personal names in a text: found so that they go through translation as placeholders and come
out in Revised Romanization (`박서연 씨는 서울에 살아요` → "Park Seoyeon lives in Seoul.").

A model cannot know names it never saw, and a small one replaces them by names it knows (박서연 →
"Bae Seol"): a silent wrong answer. A name is a family name (service/romanize.SURNAMES) and a given
name of two syllables (one or two after a two-syllable family name) drawn from the syllables given
names are made of, as a word of its own or followed by what attaches to a name: 씨/님, a particle,
the copula (박서연 씨는, 이도윤한테, 저는 김민준입니다, 민준이는 is not a full name and stays text).

Everyday words can look like names (이상해 "Lee Sanghae", 정하다's 정해 ...): a word is taken only
when the rest after the family name is made of name syllables, and the words of that shape that the
bundled corpus uses as ordinary words are listed in `NOT_NAMES` (found by `python -m
export.name_audit`, which runs the finder over the corpus and reports every word it takes whose
English has no romanized name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.text.romanize import SURNAMES

# Syllables of given names (the bundled corpus draws its names from the same list).
GIVEN_SYLLABLES = frozenset(
    "민 준 서 연 지 은 하 윤 수 아 현 우 예 린 도 호 진 영 혜 성 재 태 희 경 주 원 다 채 유 나 빈 석 훈 규 정 미 소 결 온 별 "
    "건 시 율 로 이 안 선 승 찬 혁 욱 용 상 동 철 광 기 범 종 형 웅 택 환 완 명 식 근 효 인 숙 순 옥 자 "
    "란 화 애 향 심 봄 솔 슬 새 겸 한 강 산 담 람 샘 휘 률 언 비 의 해 가 라 리 루 세".split())

_PARTICLES = ("", "는", "은", "이", "가", "를", "을", "의", "도", "와", "과", "하고", "한테", "에게", "께", "께서",
              "한테서", "에게서", "랑", "이랑", "만", "나", "이나", "처럼", "보다", "부터", "까지", "라고", "이라고",
              "로", "으로", "예요", "이에요", "야", "이야", "입니다", "이다", "였어요", "이었어요", "이세요", "세요", "아")
_HONORIFICS = ("", "씨", "님")
# What may follow a name inside its word, longest first so that 씨한테 is not read as 씨 + 한테's rest.
SUFFIXES = tuple(sorted({h + p for h in _HONORIFICS for p in _PARTICLES}, key=len, reverse=True))

# Words of a name's shape that the bundled corpus uses as ordinary words (python -m export.name_audit).
NOT_NAMES = frozenset(
    "강아지 공유기 배우자 기다리 기다린 나가기 나가자 나가지 남기기 남기자 남기지 노선도 마시기 마시자 마시지 배우기 배우지 설명서 손수건 송아지 신나지 연하지 "
    "옥수수 유람선 이기기 이기자 이기지 정수기 지우기 지우자 지우지 지하철 진하지 채우기 채우지 현미경".split())

_WORD = re.compile(r"[\uac00-\ud7a3]+")


def is_name(word: str) -> bool:
    """Whether a word (without what attaches to it) is a Korean full name by its shape."""
    if word in NOT_NAMES:
        return False
    for family in (word[:2], word[:1]):
        given = word[len(family):]
        if family in SURNAMES and 1 <= len(given) <= 2 and (len(given) == 2 or len(family) == 2) \
                and all(ch in GIVEN_SYLLABLES for ch in given):
            return True
    return False


# One-syllable particles (지영은, 하나가, 민준아, 반지가, 여기서, 진주로): a three-syllable word ending in
# one is read as a two-syllable word and its particle, not as a full name, unless 씨 or 님 follows
# (정하은 씨는). The same for a given name's friendly 이 before a particle (지훈이랑, 서연이가).
_SHORT_PARTICLES = frozenset("은는이가을를도와과의아야로서")
# Verb and adjective forms end in these (정리해, 신선한, 전화하세요, 진하다); names rarely do.
_NOT_LAST = frozenset("해한하다")


@lru_cache(maxsize=65536)
def _name_in(word: str, titled: bool) -> str:
    """The name a Hangul word starts with, when the rest is what attaches to a name; "" otherwise.
    `titled`: the next word is 씨 or 님."""
    for suffix in SUFFIXES:
        if len(word) > len(suffix) and word.endswith(suffix) and is_name(stem := word[: len(word) - len(suffix)]):
            if stem[-1] in _NOT_LAST or len(stem) == 3 and not titled and (
                    stem[-1] in _SHORT_PARTICLES and not suffix
                    or stem[-1] == "이"):
                return ""
            return stem
    return ""


def find_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of each name in `text`, in order."""
    spans = []
    for match in _WORD.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isalnum():  # inside a mixed word (Zoom으로)
            continue
        after = text[match.end():match.end() + 3].lstrip(" ")
        name = _name_in(match.group(), after[:1] in ("씨", "님"))
        if name:
            spans.append((match.start(), match.start() + len(name)))
    return spans


__all__ = ["GIVEN_SYLLABLES", "NOT_NAMES", "SUFFIXES", "find_names", "is_name"]
