"""Placeholders for what a translation must copy: numbers and Latin-script words and codes.

A small model learns to copy "2,300,000" or "report_v2" digit by digit and letter by letter, and gets
it wrong ("2,80,000", "drrrro"): a silent wrong answer. So such a span is replaced by a placeholder
symbol before the source is tokenized (`어제 Zoom으로 3,500원을 보냈어요` → `어제 ⦅0⦆으로 ⦅1⦆원을
보냈어요`), the model translates the placeholders as words (it was trained on pairs masked the same way,
`protect_pair`), and the spans go back in after decoding (`restore`). The symbols are user-defined
pieces of the model's SentencePiece models, so a model carries the choice itself (`has_placeholders`):
models trained without them (OPUS-MT imports, ko-en/1) are left alone.

Which spans: any run of ASCII letters, digits and the joiners of codes, numbers and addresses
(`_ . , : / @ # & + = -`, inside the run only) that has a Latin letter or a digit, except numbers
whose English depends on their value, which the model must see: "1" (one apple, three apples), a
number before 월 or 층 ("11월" → "November", "3층" → "3rd floor") and a single digit before 분
("1시 5분" → "1:05"). In the bundled corpus these are the contexts where English does not copy a
number (`protect_pair` masks only what the target copies, so training and serving agree).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

OPEN, CLOSE = "\u2985", "\u2986"  # ⦅ ⦆: NFKC (SentencePiece's normalization) leaves them as they are
SLOTS = 10  # placeholders per segment; later spans stay text
SYMBOLS = [f"{OPEN}{i}{CLOSE}" for i in range(SLOTS)]

_SPAN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.,:/@#&+=\-]*[A-Za-z0-9])?")
_SYMBOL = re.compile(r"( ?)" + re.escape(OPEN) + r"([0-9])" + re.escape(CLOSE))


_SPELLED_AFTER = ("월", "층")  # 11월 → November, 3층 → 3rd floor


def _copied(span: str, after: str) -> bool:
    """Whether a span goes through as a placeholder; `after` is the character that follows it ("" at
    the end of the text)."""
    if not span.isdigit():
        return True
    return span != "1" and not after.startswith(_SPELLED_AFTER) and not (len(span) == 1 and after.startswith("분"))


def protect(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each span to copy replaced by a placeholder (the same span, the same placeholder),
    and the spans in placeholder order. A text that already holds the placeholder brackets is left
    as it is (its brackets would be read as placeholders on the way back)."""
    if OPEN in text or CLOSE in text:
        return text, ()
    return _mask(text, _copied)


def restore(text: str, fills: Sequence[str]) -> str:
    """The placeholders of a translation replaced by their spans. A placeholder the source did not
    have (the model made it up) is dropped, with the space before it."""
    if OPEN not in text:
        return text

    def replace(match: re.Match) -> str:
        i = int(match.group(2))
        return match.group(1) + fills[i] if i < len(fills) else ""

    return _SYMBOL.sub(replace, text)


def protect_pair(source: str, target: str) -> tuple[str, str]:
    """A training pair masked as `protect` masks a source at serving time: each span of the source
    that the target also has, as a whole word, becomes the same placeholder on both sides. A span the
    target does not copy (a number it spells out or turns into an ordinal) stays text on both."""
    masked, fills = protect(source)
    if not fills:
        return source, target
    kept = {span for span in fills if _whole(span).search(target)}
    if len(kept) < len(fills):  # mask only what the target copies, numbered in source order
        masked, fills = _mask(source, lambda span, after: span in kept and _copied(span, after))
    for i, span in enumerate(fills):
        target = _whole(span).sub(SYMBOLS[i], target)
    return masked, target


def _mask(text: str, wanted: Callable[[str, str], bool]) -> tuple[str, tuple[str, ...]]:
    fills: list[str] = []

    def replace(match: re.Match) -> str:
        span = match.group()
        if not wanted(span, text[match.end(): match.end() + 1]):  # one character: no copy of the rest
            return span
        if span not in fills:
            if len(fills) == SLOTS:
                return span
            fills.append(span)
        return SYMBOLS[fills.index(span)]

    return _SPAN.sub(replace, text), tuple(fills)


def _whole(span: str) -> re.Pattern:
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(span) + r"(?![A-Za-z0-9])")


def has_placeholders(processor) -> bool:
    """Whether a SentencePiece model was trained with the placeholder symbols as pieces of their own."""
    return all(processor.piece_to_id(s) != processor.unk_id() for s in SYMBOLS)


class Restoring:
    """A target detokenizer that puts one segment's spans back (anything with `decode(ids) -> str`)."""

    def __init__(self, target, fills: Sequence[str]) -> None:
        self.target, self.fills = target, fills

    def decode(self, ids: Sequence[int]) -> str:
        return restore(self.target.decode(ids), self.fills)


def encode_protected(processor, texts: Sequence[str], enabled: bool | None = None
                     ) -> tuple[list[list[int]], list[tuple[str, ...]]]:
    """Source ids of each text, with placeholders when `enabled` (default: when the model has them),
    and the spans each text's placeholders stand for. One `encode` call per text: SentencePiece
    encodes a list on a thread pool it starts per call (130 µs for one short text against 2 µs alone;
    it was a quarter of the server's event loop at 32 clients)."""
    if not (has_placeholders(processor) if enabled is None else enabled):
        return [processor.encode(text) for text in texts], [()] * len(texts)
    protected = [protect(text) for text in texts]
    return [processor.encode(masked) for masked, _ in protected], [fills for _, fills in protected]
