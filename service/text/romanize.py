"""Revised Romanization of Korean (the 2000 standard) for words the model must not translate.

    romanize("한국어")        # 'hangugeo'
    romanize_place("종로")    # 'Jongno'
    romanize_name("김민준")   # 'Kim Minjun'

A word is read syllable by syllable, and every boundary between two syllables decides how the
final consonant of the first and the initial of the second are written, as the standard asks:

* liaison: a final consonant before a silent ㅇ is read as the next syllable's initial
  (한국어 hangugeo, 읽어 ilgeo, 없어 eopseo); ㅎ before ㅇ is silent (좋아 joa);
* nasalisation: ㄱ/ㄷ/ㅂ before ㄴ or ㅁ become ng/n/m (국물 gungmul, 합니다 hamnida), and ㄹ
  after any final but ㄴ/ㄹ is read ㄴ (종로 Jongno, 독립 dongnip, 왕십리 Wangsimni);
* lateralisation: ㄴ and ㄹ next to each other are ll (신라 Silla, 설날 Seollal);
* palatalisation: ㄷ/ㅌ before 이 are j/ch (같이 gachi, 해돋이 haedoji);
* aspiration after ㅎ: 좋고 joko, 많다 manta (after ㄱ/ㄷ/ㅂ the h stays written, as in nouns:
  묵호 Mukho, 집현전 Jiphyeonjeon);
* a final consonant before another consonant or at the end is its representative sound
  (부엌 bueok, 밖 bak, 꽃 kkot).

Tensing is not written (the standard does not). Personal names follow the rules for names: given
names are romanised syllable by syllable with no assimilation between them (한복남 Han Boknam), and
the family name takes its customary spelling, as on passports (김 Kim, 이 Lee, 박 Park), since
that, not the letter of the standard (Gim, I, Bak), is what an English text writes.
"""

from __future__ import annotations

from service.text.hangul import decompose, is_syllable

_INITIAL = {"ㄱ": "g", "ㄲ": "kk", "ㄴ": "n", "ㄷ": "d", "ㄸ": "tt", "ㄹ": "r", "ㅁ": "m", "ㅂ": "b", "ㅃ": "pp",
            "ㅅ": "s", "ㅆ": "ss", "ㅇ": "", "ㅈ": "j", "ㅉ": "jj", "ㅊ": "ch", "ㅋ": "k", "ㅌ": "t", "ㅍ": "p",
            "ㅎ": "h"}
_VOWEL = {"ㅏ": "a", "ㅐ": "ae", "ㅑ": "ya", "ㅒ": "yae", "ㅓ": "eo", "ㅔ": "e", "ㅕ": "yeo", "ㅖ": "ye", "ㅗ": "o",
          "ㅘ": "wa", "ㅙ": "wae", "ㅚ": "oe", "ㅛ": "yo", "ㅜ": "u", "ㅝ": "wo", "ㅞ": "we", "ㅟ": "wi", "ㅠ": "yu",
          "ㅡ": "eu", "ㅢ": "ui", "ㅣ": "i"}
# A final consonant is pronounced as one of seven sounds before a consonant or at the end of a word.
_CODA = {"": "", "ㄱ": "k", "ㄲ": "k", "ㅋ": "k", "ㄳ": "k", "ㄺ": "k", "ㄴ": "n", "ㄵ": "n", "ㄶ": "n",
         "ㄷ": "t", "ㅅ": "t", "ㅆ": "t", "ㅈ": "t", "ㅊ": "t", "ㅌ": "t", "ㅎ": "t", "ㄹ": "l", "ㄼ": "l",
         "ㄽ": "l", "ㄾ": "l", "ㅀ": "l", "ㅁ": "m", "ㄻ": "m", "ㅂ": "p", "ㅍ": "p", "ㅄ": "p", "ㄿ": "p",
         "ㅇ": "ng"}
# Before a silent ㅇ the final moves over: (what stays, what becomes the next initial).
_LIAISON = {"ㄱ": ("", "g"), "ㄲ": ("", "kk"), "ㅋ": ("", "k"), "ㄴ": ("", "n"), "ㄷ": ("", "d"), "ㄹ": ("", "r"),
            "ㅁ": ("", "m"), "ㅂ": ("", "b"), "ㅅ": ("", "s"), "ㅆ": ("", "ss"), "ㅈ": ("", "j"), "ㅊ": ("", "ch"),
            "ㅌ": ("", "t"), "ㅍ": ("", "p"), "ㅎ": ("", ""), "ㅇ": ("ng", ""), "ㄳ": ("k", "s"), "ㄵ": ("n", "j"),
            "ㄶ": ("", "n"), "ㄺ": ("l", "g"), "ㄻ": ("l", "m"), "ㄼ": ("l", "b"), "ㄽ": ("l", "s"),
            "ㄾ": ("l", "t"), "ㄿ": ("l", "p"), "ㅀ": ("", "r"), "ㅄ": ("p", "s")}
_NASAL = {"k": "ng", "t": "n", "p": "m"}
_ASPIRATED = {"ㄱ": "k", "ㄷ": "t", "ㅈ": "ch"}

# Customary spellings of family names (passports, the press); two-syllable names first.
SURNAMES = {
    "남궁": "Namgung", "황보": "Hwangbo", "제갈": "Jegal", "선우": "Seonu", "독고": "Dokgo", "사공": "Sagong",
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jeong", "강": "Kang", "조": "Cho", "윤": "Yoon",
    "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang",
    "안": "Ahn", "송": "Song", "류": "Ryu", "유": "Yoo", "홍": "Hong", "전": "Jeon", "고": "Ko", "문": "Moon",
    "양": "Yang", "손": "Son", "배": "Bae", "백": "Baek", "허": "Heo", "노": "Noh", "남": "Nam", "심": "Shim",
    "하": "Ha", "곽": "Kwak", "성": "Sung", "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min",
    "나": "Na", "진": "Jin", "지": "Ji", "엄": "Eom", "채": "Chae", "원": "Won", "천": "Cheon", "방": "Bang",
    "공": "Kong", "현": "Hyun", "함": "Ham", "변": "Byun", "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do",
    "석": "Seok", "설": "Seol", "마": "Ma", "길": "Gil", "연": "Yeon", "표": "Pyo", "명": "Myung", "기": "Ki",
    "반": "Ban", "왕": "Wang", "금": "Geum", "옥": "Ok", "육": "Yuk", "인": "In", "맹": "Maeng", "탁": "Tak",
}


def _boundary(final: str, initial: str, medial: str) -> tuple[str, str]:
    """How the final of one syllable and the initial of the next are written, side by side."""
    if initial == "ㅇ":
        if final in ("ㄷ", "ㅌ") and medial == "ㅣ":          # 해돋이 haedoji, 같이 gachi
            return "", "j" if final == "ㄷ" else "ch"
        return _LIAISON.get(final, ("", ""))
    coda = _CODA[final]
    if final in ("ㅎ", "ㄶ", "ㅀ") and initial in _ASPIRATED:  # 좋고 joko, 많다 manta, 싫다 silta
        return {"ㅎ": "", "ㄶ": "n", "ㅀ": "l"}[final], _ASPIRATED[initial]
    if initial == "ㄹ":
        if coda in ("n", "l"):                                 # 신라 Silla, 설렁탕 seolleongtang
            return "l", "l"
        if coda == "":
            return "", "r"
        return _NASAL.get(coda, coda), "n"                     # 종로 Jongno, 독립 dongnip, 십리 simni
    if initial in ("ㄴ", "ㅁ"):
        if coda == "l" and initial == "ㄴ":                    # 설날 seollal
            return "l", "l"
        return _NASAL.get(coda, coda), _INITIAL[initial]       # 국물 gungmul, 합니다 hamnida
    return coda, _INITIAL[initial]


def _romanize_run(syllables: str, assimilate: bool = True) -> str:
    """A run of Hangul syllables (one word) in lower case."""
    jamo = [decompose(s) for s in syllables]
    out = []
    onset = _INITIAL[jamo[0][0]]
    for i, (_, medial, final) in enumerate(jamo):
        if i + 1 == len(jamo):
            coda, next_onset = _CODA[final], ""
        elif assimilate:
            coda, next_onset = _boundary(final, jamo[i + 1][0], jamo[i + 1][1])
        else:
            coda, next_onset = _CODA[final], _INITIAL[jamo[i + 1][0]]
        out.append(onset + _VOWEL[medial] + coda)
        onset = next_onset
    return "".join(out)


def romanize(text: str) -> str:
    """Every run of Hangul syllables romanised (lower case); all other characters kept as they are."""
    out, run = [], []
    for ch in text:
        if is_syllable(ch):
            run.append(ch)
            continue
        if run:
            out.append(_romanize_run("".join(run)))
            run = []
        out.append(ch)
    if run:
        out.append(_romanize_run("".join(run)))
    return "".join(out)


def romanize_place(name: str) -> str:
    """A place name, each word capitalised: 부산 Busan, 종로 Jongno, 대관령 Daegwallyeong."""
    return " ".join(w[:1].upper() + w[1:] for w in romanize(name).split(" "))


def split_name(name: str) -> tuple[str, str]:
    """(family name, given name) of a Korean full name; a two-syllable family name is taken only when
    a given name of at least one syllable is left (남궁민 → 남궁 + 민, 남궁 alone stays a given name)."""
    if len(name) >= 3 and name[:2] in SURNAMES:
        return name[:2], name[2:]
    if len(name) >= 2:
        return name[:1], name[1:]
    raise ValueError(f"{name!r} is too short to be a full name (family name + given name)")


def romanize_given_name(given: str) -> str:
    """A given name: syllable by syllable, no assimilation between them (복남 Boknam, 민준 Minjun)."""
    for ch in given:
        if not is_syllable(ch):
            raise ValueError(f"cannot romanize the name {given!r}: {ch!r} is not a Hangul syllable")
    text = _romanize_run(given, assimilate=False)
    return text[:1].upper() + text[1:]


def romanize_name(name: str) -> str:
    """A Korean full name, family name first: 김민준 Kim Minjun, 이서연 Lee Seoyeon, 남궁민 Namgung Min."""
    family, given = split_name(name)
    surname = SURNAMES.get(family) or romanize_given_name(family)
    return f"{surname} {romanize_given_name(given)}"


__all__ = ["SURNAMES", "romanize", "romanize_given_name", "romanize_name", "romanize_place", "split_name"]
