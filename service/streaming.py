"""Incremental detokenization for token streaming.

Decoding a growing token list piece by piece can show text that later changes: a character split
over byte-fallback pieces decodes as U+FFFD until its last byte arrives, and a word-boundary piece
("▁") is a space only once another piece follows it. So each update decodes the whole prefix (cheap:
at most a few hundred ids) and shows only its stable part: up to the last whole character, without
trailing whitespace. What was shown is then always a prefix of the final text, for greedy search;
beam search may change its best beam, and then the update says `revised`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sentencepiece as spm

REPLACEMENT = "\ufffd"  # what SentencePiece shows for an incomplete UTF-8 sequence


@dataclass(frozen=True)
class TextUpdate:
    text: str  # the stable text so far
    appended: str  # added to the end of the previous update's text ("" when revised)
    revised: bool  # the text does not extend the previous one


class IncrementalDetokenizer:
    def __init__(self, target_spm: spm.SentencePieceProcessor) -> None:
        self.spm = target_spm
        self.shown = ""

    def update(self, tokens: list[int]) -> TextUpdate | None:
        """The stable text of `tokens`, or None when it shows nothing new."""
        text = self.spm.decode(tokens)
        if REPLACEMENT in text:  # an incomplete character at the end: hold it back
            text = text[: text.index(REPLACEMENT)]
        text = text.rstrip()
        if self.shown.startswith(text):  # nothing new (beam search may fall back to a shorter best: hold)
            return None
        previous, self.shown = self.shown, text
        if text.startswith(previous):
            return TextUpdate(text, text[len(previous):], False)
        return TextUpdate(text, "", True)

