"""Documents into sentences and back: what lets `Translate` take a text of several paragraphs.

    from service.text.segmentation import split, join
    doc = split("어제 비가 왔어요. 그래서 집에 있었어요.\n\n오늘은 맑아요!")
    doc.segments     # ['어제 비가 왔어요.', '그래서 집에 있었어요.', '오늘은 맑아요!']
    doc.separators   # ['', ' ', '\n\n', '']   (one more than the segments)
    join(doc.segments, doc.separators) == text        # always: nothing is lost or added
    join(translations, doc.separators, glue=" ")      # the translated document, paragraphs kept

A text is cut at every line break (a run of whitespace holding a newline is one separator, so a blank
line between paragraphs comes back as it was) and, inside a line, after sentence-final punctuation
(. ? ! … and runs of them such as ?! or ..., and the full-width 。？！) with any closing quotes or
brackets after it, where whitespace or the end of the line follows. It is not cut:

* inside numbers, addresses and names with dots (3.5, www.example.com, report_final.docx): no
  whitespace follows the dot;
* after abbreviations (Mr. Kim, Dr. Lee, e.g. apples), dotted acronyms (U.S., Ph.D.) and single
  initials (J. K. Rowling);
* after a list number that opens a segment ("1. 사과를 샀어요" stays whole);
* before a lowercase Latin letter (English sentences start with a capital: "3 p.m. tomorrow");
* after a quoted question or exclamation that the sentence goes on from: "안녕?" 하고 말했어요.

Pure Python, no dependencies: the servicer calls it before the scheduler, which then sees sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Sentence-final punctuation, then closing quotes and brackets that belong to the sentence.
_FINAL = re.compile(r"(?:[.?!…]+|[。？！]+)[\"'”’»)\]}」』》〉]*")
_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")            # whitespace holding at least one newline
_CLOSERS = "\"'”’»)]}」』》〉"
_WIDE = "。？！"
# Lowercase, without the final dot. Titles before a name, Latin abbreviations inside a sentence.
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "e.g", "i.e", "cf", "fig",
                           "approx", "dept"})
# Korean words that go on from a quotation: "안녕?" 하고 / 라고 / 이라고 말했어요.
_DOTTED = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}")     # u.s, ph.d, a.m (lowercased)
_QUOTATIVE = ("하고", "라고", "이라고", "하며", "라며", "하는", "하면서", "고 ")


@dataclass(frozen=True)
class Segmented:
    """A text cut into sentences: separators[i] comes before segments[i], separators[-1] after the last."""
    segments: list[str]
    separators: list[str]

    def join(self, replacements: Sequence[str] | None = None, glue: str = "") -> str:
        return join(self.segments if replacements is None else replacements, self.separators, glue)


def _word_before(line: str, end: int) -> str:
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _is_boundary(line: str, match: re.Match, segment_start: int) -> bool:
    """Whether the punctuation `match` in `line` (no newlines) ends a sentence."""
    end = match.end()
    rest = line[end:]
    after = rest.lstrip()
    if not after:
        return True                                           # end of the line
    punct = match.group()
    spaced = len(rest) > len(after)
    if not spaced and not any(ch in _WIDE for ch in punct):
        return False                                          # 3.5, www.example.com, "?"라고
    if punct == ".":
        word = _word_before(line, match.start())
        bare = word.lstrip(_CLOSERS + "(").lower()
        if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha() and bare.isascii()):
            return False                                      # Mr. Kim, J. K. Rowling
        if _DOTTED.fullmatch(bare) and not after[0].isupper():
            return False                                      # U.S. 에 갔어요 (but "at 3 a.m. Then ..." is cut)
        if word.isdigit() and line[segment_start:match.start()].strip() == word:
            return False                                      # "1. 사과를 샀어요": a list number
    if after[0].isascii() and after[0].islower():
        return False                                          # e.g. apples, 3 p.m. tomorrow
    if punct[-1] in _CLOSERS and after.startswith(_QUOTATIVE):
        return False                                          # "안녕?" 하고 말했어요
    return True


def _split_line(line: str) -> tuple[list[str], list[str]]:
    """A line without newlines and without surrounding whitespace → segments and the separators between."""
    segments, separators = [], []
    start = 0
    for match in _FINAL.finditer(line):
        if not _is_boundary(line, match, start):
            continue
        segment = line[start:match.end()]
        gap_end = match.end()
        while gap_end < len(line) and line[gap_end].isspace():
            gap_end += 1
        if gap_end == len(line):
            break                                             # the line's last sentence: taken below
        segments.append(segment)
        separators.append(line[match.end():gap_end])
        start = gap_end
    segments.append(line[start:])
    return segments, separators


def split(text: str) -> Segmented:
    """Cut `text` into sentences; `join(result.segments, result.separators) == text` always holds."""
    body = text.strip()
    if not body:
        return Segmented([], [text])
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    segments: list[str] = []
    separators: list[str] = [lead]
    position = 0
    for line_break in [*_LINE_BREAK.finditer(body), None]:
        line = body[position: line_break.start() if line_break else len(body)]
        line_segments, gaps = _split_line(line)
        segments += line_segments
        separators += gaps
        if line_break is not None:
            separators.append(line_break.group())
            position = line_break.end()
    separators.append(trail)
    return Segmented(segments, separators)


def join(segments: Sequence[str], separators: Sequence[str], glue: str = "") -> str:
    """segments put back between their separators. `glue` stands in for an empty separator between two
    segments (two Korean sentences written 。-to-。 with no space come back as English with one)."""
    if len(separators) != len(segments) + 1:
        raise ValueError(f"{len(segments)} segments need {len(segments) + 1} separators, got {len(separators)}")
    parts = [separators[0]]
    for i, segment in enumerate(segments):
        parts.append(segment)
        separator = separators[i + 1]
        if not separator and glue and 0 < i + 1 < len(segments):
            separator = glue
        parts.append(separator)
    return "".join(parts)


__all__ = ["ABBREVIATIONS", "Segmented", "join", "split"]
