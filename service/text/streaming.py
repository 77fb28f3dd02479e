"""Incremental detokenization for token streaming.

Decoding a growing token list piece by piece can show text that later changes: a character split
over byte-fallback pieces decodes as U+FFFD until its last byte arrives, and a word-boundary piece
("▁") is a space only once another piece follows it. So each update decodes the whole prefix (cheap:
at most a few hundred ids) and shows only its stable part: up to the last whole character, without
trailing whitespace. What was shown is then always a prefix of the final text, for greedy search;
beam search may change its best beam, and then the update says `revised`. A text with placeholders
(numbers, Latin words, names) decodes with a beam even when greedy search was asked for
(EngineConfig.placeholder_beam), so its updates may be revised too. A text sent as sentences
(the default) shows its finished sentences and the stable part of the first unfinished one.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.text.documents import GLUE
from service.text.segmentation import join

REPLACEMENT = "\ufffd"  # what SentencePiece shows for an incomplete UTF-8 sequence


@dataclass(frozen=True)
class TextUpdate:
    text: str  # the stable text so far
    appended: str  # added to the end of the previous update's text ("" when revised)
    revised: bool  # the text does not extend the previous one


def stable(text: str) -> str:
    """The part of a partial translation that will not change: up to the last whole character, without
    trailing whitespace."""
    if REPLACEMENT in text:  # an incomplete character at the end: hold it back
        text = text[: text.index(REPLACEMENT)]
    return text.rstrip()


class TextView:
    """What a client was shown of one text, and the update that moves it to a new text."""

    def __init__(self) -> None:
        self.shown = ""

    def show(self, text: str, final: bool = False) -> TextUpdate | None:
        """The update to `text`, or None when there is nothing new. Before the end a shorter text is held
        (beam search may fall back to a shorter best for a step); the final text is always shown, revised
        when it is shorter than what was (a best beam, or placeholder coverage's held-back ending, can end
        before what was streamed)."""
        if text == self.shown or (not final and self.shown.startswith(text)):
            return None
        previous, self.shown = self.shown, text
        if text.startswith(previous):
            return TextUpdate(text, text[len(previous):], False)
        return TextUpdate(text, "", True)


class DocumentDetokenizer:
    """A text translated as several sentences (segments decoded side by side) → updates of the text: its
    finished sentences and then the first unfinished one's stable prefix, between the text's own
    separators, so that what was shown only grows (a later sentence shows once those before it are done)."""

    def __init__(self, decoders: list, separators: list[str]) -> None:  # one decoder per sentence
        self.decoders, self.separators = decoders, separators
        self.tokens: list[list[int] | None] = [None] * len(decoders)
        self.done = [False] * len(decoders)
        self.view = TextView()

    def update(self, segment: int, tokens: list[int], done: bool) -> TextUpdate | None:
        self.tokens[segment], self.done[segment] = tokens, done
        texts = []
        for decoder, ids, finished in zip(self.decoders, self.tokens, self.done):
            if ids is None:
                break
            texts.append(decoder.decode(ids) if finished else stable(decoder.decode(ids)))
            if not finished:
                break
        if len(texts) == len(self.decoders) and all(self.done):
            return self.view.show(join(texts, self.separators, GLUE), final=True)
        return self.view.show(stable(join(texts, self.separators[: len(texts) + 1], GLUE)))
