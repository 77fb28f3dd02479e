"""Documents into sentences and back (service/text/segmentation.py): nothing lost, nothing added."""

from __future__ import annotations

import random

import pytest

from service.text.segmentation import Segmented, join, split


def segments(text: str) -> list[str]:
    return split(text).segments


def test_sentences_are_cut_after_final_punctuation():
    assert segments("어제 비가 왔어요. 그래서 집에 있었어요? 네!") == ["어제 비가 왔어요.", "그래서 집에 있었어요?", "네!"]
    assert segments("I went home. Then I slept.") == ["I went home.", "Then I slept."]


def test_paragraphs_and_line_breaks_come_back_exactly():
    text = "  첫 문장이에요. 둘째 문장이에요.\n\n\t셋째 문단이에요.\r\n넷째 줄이에요.  \n"
    doc = split(text)
    assert doc.segments == ["첫 문장이에요.", "둘째 문장이에요.", "셋째 문단이에요.", "넷째 줄이에요."]
    assert doc.separators == ["  ", " ", "\n\n\t", "\r\n", "  \n"]
    assert join(doc.segments, doc.separators) == text


def test_each_line_is_its_own_segment_even_without_punctuation():
    assert segments("제목\n본문이에요 마침표 없이\n끝") == ["제목", "본문이에요 마침표 없이", "끝"]


@pytest.mark.parametrize("text", [
    "오늘 3.5킬로미터를 뛰었어요.",
    "이 노트북은 1,200,000원이에요.",
    "www.example.com에 들어가 보세요.",
    "파일 이름은 report_final.docx예요.",
    "버전 2.0.1이 나왔어요.",
    "엄마가 \"밥 먹어.\"라고 했어요.",
    "그가 \"안녕?\" 하고 물었어요.",
    "Mr. Kim은 회사에 갔어요.",
    "Dr. Lee and Prof. Park came, e.g. to help.",
    "J. K. Rowling wrote it.",
    "We met at 3 p.m. yesterday.",
    "Well... maybe not.",
    "U.S. 에 갔어요.",
    "He has a Ph.D. in physics.",
])
def test_dots_inside_a_sentence_do_not_cut_it(text):
    assert segments(text) == [text]


def test_a_dotted_acronym_ends_a_sentence_only_before_a_capital():
    assert segments("I left at 3 a.m. Then I slept.") == ["I left at 3 a.m.", "Then I slept."]


def test_runs_of_punctuation_and_ellipses_are_one_boundary():
    assert segments("정말요?! 몰랐어요...") == ["정말요?!", "몰랐어요..."]
    assert segments("음… 잘 모르겠어요. 다시 물어볼게요!!") == ["음…", "잘 모르겠어요.", "다시 물어볼게요!!"]
    assert segments("음... 잘 모르겠어요.") == ["음...", "잘 모르겠어요."]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert segments("그녀가 말했어요. \"정말 맛있어요!\" 우리는 웃었어요.") == [
        "그녀가 말했어요.", "\"정말 맛있어요!\"", "우리는 웃었어요."]
    assert segments("(정말 맛있었어요.) 또 갈 거예요.") == ["(정말 맛있었어요.)", "또 갈 거예요."]
    assert segments("「좋아요。」 그럼 가요.") == ["「좋아요。」", "그럼 가요."]


def test_numbered_lists_keep_their_numbers():
    assert segments("1. 사과를 샀어요.\n2. 배를 샀어요.") == ["1. 사과를 샀어요.", "2. 배를 샀어요."]
    assert segments("할 일이 있어요. 1. 청소하기") == ["할 일이 있어요.", "1. 청소하기"]


def test_full_width_punctuation_needs_no_space_and_glue_fills_the_gap():
    doc = split("안녕하세요。반가워요！")
    assert doc.segments == ["안녕하세요。", "반가워요！"] and doc.separators == ["", "", ""]
    assert doc.join() == "안녕하세요。반가워요！"
    assert doc.join(["Hello.", "Nice to meet you!"], glue=" ") == "Hello. Nice to meet you!"


def test_translations_go_back_between_the_original_separators():
    doc = split("  비가 와요.  우산 있어요?\n\n네.\n")
    assert doc.join(["It is raining.", "Do you have an umbrella?", "Yes."]) == (
        "  It is raining.  Do you have an umbrella?\n\nYes.\n")


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n "])
def test_empty_and_blank_texts_have_no_segments(text):
    doc = split(text)
    assert doc == Segmented([], [text]) and join(doc.segments, doc.separators) == text


def test_join_needs_one_separator_more_than_segments():
    with pytest.raises(ValueError, match="2 segments need 3 separators, got 2"):
        join(["a", "b"], ["", ""])


_PIECES = ["어제", "비가", "왔어요", "사과를", "3.5", "1,200", "Mr.", "Kim", "hello", "World", "e.g.", "…", "...",
           ".", "?", "!", "?!", "。", "！", "\"", "”", "'", ")", "(", "「", "」", "1.", "12.", "www.a.com",
           "라고", "하고", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", " \n ", "\u3000"]


@pytest.mark.parametrize("seed", range(40))
def test_split_then_join_gives_back_any_text(seed):
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        doc = split(text)
        assert join(doc.segments, doc.separators) == text, repr(text)
        assert len(doc.separators) == len(doc.segments) + 1
        for segment in doc.segments:
            assert segment and segment == segment.strip() and "\n" not in segment, (repr(text), doc)
        for separator in doc.separators:
            assert separator.strip() == "", (repr(text), doc)
        for separator in doc.separators[1:-1]:
            assert separator or doc.segments, doc
