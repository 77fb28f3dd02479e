"""The bundled model fails honestly on words it cannot know (issue 13): numbers and Latin-script words
come out as they went in (placeholders, service/text/placeholders.py), names come out romanized, instead
of being replaced by a known word, each as often as the source has it (service/engine/running_batch.py); through the engine and through the service, documents and
streams included.

The sentences are written here, in frames a user would write; the names, numbers and words are
chosen here, not taken from the grammar's lists."""

import re
from functools import lru_cache
from pathlib import Path

import pytest

from export.grammar.hangul import TOPIC, attach
from service.text.romanize import romanize_name
from service.engine.engine import Engine
from tests.test_service import client, server  # noqa: F401  (fixtures: a server of this module's own)

STORE = Path(__file__).resolve().parent.parent / "model_store"

# Given names of two syllables with common family names; written by hand for this test.
NAMES = ["박서연", "이도윤", "최지호", "정하은", "강민서", "윤서준", "장지우", "임채원", "한예준", "오수빈",
         "서지안", "신유나"]
PRICES = [3500, 12000, 47000, 158000, 2300000]
YEARS = [1987, 1999, 2004, 2013, 2021]
LATIN = ["Zoom", "Slack", "GitHub", "KTX", "PDF", "Netflix", "report_v2", "abc123"]


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine.from_store(STORE, "ko-en")


def translate(texts: list[str]) -> list[str]:
    return [t[0].text for t in engine().translate(texts)]


def test_names_are_romanized_not_replaced():
    frames = ["{} 씨는 서울에 살아요.", "{}#TOPIC 제 친구예요.", "어제 {}한테 이메일을 보냈어요."]
    texts = [frame.format(name).replace(name + "#TOPIC", attach(name, TOPIC)) for name in NAMES for frame in frames]
    outputs = translate(texts)
    romanized = [romanize_name(name) for name in NAMES for _ in frames]
    right = [out for out, roman in zip(outputs, romanized) if roman in out]
    # A name the model romanizes wrongly still must not become another known name: its family name
    # (the first word of the romanization) is a short, well-covered syllable and must survive.
    family_kept = [out for out, roman in zip(outputs, romanized) if roman.split()[0] in out]
    assert len(right) >= 0.75 * len(texts), list(zip(texts, outputs))
    assert len(family_kept) >= 0.9 * len(texts), list(zip(texts, outputs))


ONCE = [("그 신발은 3,500원이에요?", ["3,500"]), ("최유나 씨가 전화했어요.", ["Choi Yuna"]),
        ("박지훈 씨가 전화했어요?", ["Park Jihun"]), ("김민준 씨가 3,500원을 냈어요.", ["Kim Minjun", "3,500"]),
        ("Zoom 회의는 3시에 시작해요.", ["Zoom", "3"])]
# What the bundled version gets wrong here, by version: strict xfails, so that a version that gets one right
# fails until its entry goes. ko-en/6 gets them all; ko-en/5 could not say "Zoom 회의" (a Latin word before a
# noun), and coverage then forced the 3 it never placed into a garbled output.
ONCE_MISSES: dict[int, set[str]] = {}


@pytest.mark.parametrize("text,wanted", ONCE, ids=[f"once-{i}" for i in range(len(ONCE))])
def test_each_number_and_name_comes_out_once_not_dropped_nor_repeated(request, text, wanted):
    if text in ONCE_MISSES.get(engine().version, ()):
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"a known miss of ko-en/{engine().version}"))
    (out,) = translate([text])
    for span in wanted:
        assert out.count(span) == 1, (text, out)


@pytest.mark.parametrize("frame,expected", [
    ("이 가방은 {:,}원이에요.", "{:,}"),
    ("그 신발은 {:,}원이에요?", "{:,}"),
])
def test_prices_come_out_with_the_same_digits(frame, expected):
    texts = [frame.format(p) for p in PRICES]
    for text, out, price in zip(texts, translate(texts), PRICES):
        assert expected.format(price) in out, (text, out)


def test_years_and_counts_keep_their_digits():
    texts = [f"{year}년에 부산으로 이사했어요." for year in YEARS] + [f"사과를 {n}개 샀어요." for n in (17, 243, 58)]
    numbers = [str(y) for y in YEARS] + ["17", "243", "58"]
    for text, out, number in zip(texts, translate(texts), numbers):
        assert re.search(rf"\b{number}\b", out), (text, out)


def test_latin_script_words_are_copied_verbatim():
    texts = [f"제 아이디는 {w}입니다." for w in LATIN] + [f"{w} 파일을 보내 주세요." for w in LATIN]
    outputs = translate(texts)
    copied = [out for text, out, w in zip(texts, outputs, LATIN * 2) if w in out]
    assert len(copied) >= 0.85 * len(texts), list(zip(texts, outputs))


def test_the_service_puts_each_sentences_numbers_back_in_that_sentence(client):
    document = "이 가방은 158,000원이에요. 그 신발은 47,000원이에요.\n\n제 아이디는 GitHub입니다. 오수빈 씨는 서울에 살아요."
    text = client.translate_request([document]).translations[0].hypotheses[0].text
    first, second = text.split("\n\n")
    assert "158,000" in first.split(". ")[0] and "47,000" in first.split(". ")[1], text
    assert "GitHub" in second.split(". ")[0] and "Oh Subin" in second.split(". ")[1], text
    assert "⦅" not in text, text


def test_streamed_updates_show_spans_never_placeholders(client):
    texts = ["이 가방은 2,300,000원이에요.", "Netflix 파일을 보내 주세요.", "어제 임채원한테 이메일을 보냈어요."]
    messages = list(client.translate_tokens(texts))
    updates = [m.update for m in messages[:-1]]
    finals = [t.hypotheses[0].text for t in messages[-1].response.translations]
    assert "2,300,000" in finals[0] and "Netflix" in finals[1] and "Lim Chaewon" in finals[2], finals
    assert updates and not any("⦅" in u.text or "⦆" in u.text for u in updates)
    assert [u.text for u in updates if u.index == 0][-1] == finals[0]
