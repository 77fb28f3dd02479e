"""Hangul syllable arithmetic: a precomposed syllable is U+AC00 + (initial * 21 + medial) * 28 + final,
so its jamo come back with divmod and a syllable is rebuilt from its jamo the same way. The serving side
needs it to find and romanize names (service/text/names.py); the training side's grammar builds on it."""

from __future__ import annotations

BASE = 0xAC00
LAST = 0xD7A3
N_MEDIALS = 21
N_FINALS = 28

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
          "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and BASE <= ord(ch) <= LAST


def decompose(ch: str) -> tuple[str, str, str]:
    """One syllable → (initial, medial, final) jamo; final is "" for an open syllable."""
    if not is_syllable(ch):
        raise ValueError(f"{ch!r} is not a precomposed Hangul syllable")
    index = ord(ch) - BASE
    initial, rest = divmod(index, N_MEDIALS * N_FINALS)
    medial, final = divmod(rest, N_FINALS)
    return INITIALS[initial], MEDIALS[medial], FINALS[final]


def compose(initial: str, medial: str, final: str = "") -> str:
    return chr(BASE + (INITIALS.index(initial) * N_MEDIALS + MEDIALS.index(medial)) * N_FINALS
               + FINALS.index(final))
