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

Korean full names (service/text/names.py) go through the same way, their placeholder standing for the name
in Revised Romanization (`박서연 씨는` → `⦅0⦆ 씨는`, restored as "Park Seoyeon"). A model trained so has
one more source piece, `NAMES_MARKER`, so ko-en/2 (numbers and Latin words only) keeps its behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.text.names import find_names
from service.text.romanize import romanize_name

if TYPE_CHECKING:
    from service.text.glossary import Glossary

OPEN, CLOSE = "\u2985", "\u2986"  # ⦅ ⦆: NFKC (SentencePiece's normalization) leaves them as they are
SLOTS = 10  # placeholders per segment; later spans stay text
SYMBOLS = [f"{OPEN}{i}{CLOSE}" for i in range(SLOTS)]

_SPAN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.,:/@#&+=\-]*[A-Za-z0-9])?")
_SYMBOL = re.compile(r"( ?)" + re.escape(OPEN) + r"([0-9])" + re.escape(CLOSE))


NAMES_MARKER = f"{OPEN}names{CLOSE}"  # a source piece of models trained with name placeholders

_SPELLED_AFTER = ("월", "층")  # 11월 → November, 3층 → 3rd floor


def _copied(span: str, after: str) -> bool:
    """Whether a span goes through as a placeholder; `after` is the character that follows it ("" at
    the end of the text)."""
    if not span.isdigit():
        return True
    return span != "1" and not after.startswith(_SPELLED_AFTER) and not (len(span) == 1 and after.startswith("분"))


@dataclass(frozen=True)
class Masking:
    """Which spans go through as placeholders: what must be copied (numbers, Latin-script words and
    codes) and Korean full names (romanized)."""
    copies: bool = True
    names: bool = True

    def __bool__(self) -> bool:
        return self.copies or self.names


NO_MASKING = Masking(copies=False, names=False)


def protect(text: str, masking: Masking = Masking(), glossary: Glossary | None = None,
            markers: Mapping[str, str] | None = None) -> tuple[str, tuple[str, ...]]:
    """`text` with each span to copy or romanize, and each glossary term (service/text/glossary.py), replaced
    by a placeholder (the same span, the same placeholder), and what the placeholders stand for, in order
    (a term: its target phrase). `markers`: characters that stand for markup (service/text/markup.py), each
    a placeholder of its own whose fill is given; they always get one (numbers and names stay text when the
    SLOTS run out). A text that already holds the placeholder brackets is left as it is (its brackets would
    be read as placeholders on the way back), unless it has markers (an error then)."""
    if OPEN in text or CLOSE in text:
        if markers:
            raise ValueError(f"a text with markup may not hold the placeholder brackets {OPEN} {CLOSE}")
        return text, ()
    spans = _spans(text, masking, glossary)
    if markers:
        marked = [(i, i + 1, markers[ch]) for i, ch in enumerate(text) if ch in markers]
        if len(marked) > SLOTS:
            raise ValueError(f"a sentence has {len(marked)} inline elements; at most {SLOTS} go in one sentence")
        room = SLOTS - len(marked)
        spans = [span for span in spans if not any(span[0] <= i < span[1] for i, _, _ in marked)]
        kept = list(dict.fromkeys(fill for _, _, fill in spans))[:room]
        spans = sorted(marked + [span for span in spans if span[2] in kept])
    return _mask(text, spans)


class Phrase(str):
    """A fill that is a glossary's target phrase (ordinary words, unlike a copied span or a name): it is
    capitalized where it starts the translation."""


def restore(text: str, fills: Sequence[str]) -> str:
    """The placeholders of a translation replaced by their spans. A placeholder the source did not
    have (the model made it up) is dropped, with the space before it."""
    if OPEN not in text:
        return text

    def replace(match: re.Match) -> str:
        i = int(match.group(2))
        if i >= len(fills):
            return ""
        fill = fills[i]
        if isinstance(fill, Phrase) and match.start() == 0:
            fill = fill[:1].upper() + fill[1:]
        return match.group(1) + fill

    return _SYMBOL.sub(replace, text)


def protect_pair(source: str, target: str, masking: Masking = Masking()) -> tuple[str, str]:
    """A training pair masked as `protect` masks a source at serving time: each span of the source
    that the target also has as a whole word (a name: its romanization) becomes the same placeholder on
    both sides. A span the target does not copy (a number it spells out or turns into an ordinal, a
    name it leaves out) stays text on both."""
    if OPEN in source or CLOSE in source:
        return source, target
    spans = [span for span in _spans(source, masking) if whole_word(span[2]).search(target)]
    masked, fills = _mask(source, spans)
    for i, fill in enumerate(fills):
        target = whole_word(fill).sub(SYMBOLS[i], target)
    return masked, target


def _spans(text: str, masking: Masking, glossary: Glossary | None = None) -> list[tuple[int, int, str]]:
    """(start, end, what the placeholder stands for) of each span to mask, in order; a glossary term
    wins over a span it overlaps."""
    spans = []
    if masking.copies:
        spans += [(m.start(), m.end(), m.group()) for m in _SPAN.finditer(text)
                  if _copied(m.group(), text[m.end(): m.end() + 1])]  # one character: no copy of the rest
    if masking.names:
        spans += [(start, end, romanize_name(text[start:end])) for start, end in find_names(text)]
    if glossary:
        terms = [(start, end, Phrase(term.target)) for start, end, term in glossary.find_terms(text)]
        spans = terms + [span for span in spans if not any(span[0] < end and start < span[1] for start, end, _ in terms)]
    return sorted(spans)


def _mask(text: str, spans: list[tuple[int, int, str]]) -> tuple[str, tuple[str, ...]]:
    fills: list[str] = []
    parts, pos = [], 0
    for start, end, fill in spans:
        if fill not in fills:
            if len(fills) == SLOTS:  # later spans stay text
                continue
            fills.append(fill)
        parts += [text[pos:start], SYMBOLS[fills.index(fill)]]
        pos = end
    return "".join(parts) + text[pos:], tuple(fills)


def whole_word(span: str) -> re.Pattern:
    """`span` as a whole word: not inside a longer run of letters or digits ("5" not in "15:00")."""
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(span) + r"(?![A-Za-z0-9])")


def has_placeholders(processor) -> bool:
    """Whether a SentencePiece model was trained with the placeholder symbols as pieces of their own."""
    return all(processor.piece_to_id(s) != processor.unk_id() for s in SYMBOLS)


def masking_of(processor) -> Masking:
    """What a model's source SentencePiece model says it was trained to see as placeholders."""
    copies = has_placeholders(processor)
    return Masking(copies=copies, names=copies and processor.piece_to_id(NAMES_MARKER) != processor.unk_id())


class Restoring:
    """A target detokenizer that puts one segment's spans back (anything with `decode(ids) -> str`). With
    `escape` (a text with markup), the model's words are escaped for the format first, and every fill but
    markup (a `str` subclass the caller marks with `is_markup`) too."""

    def __init__(self, target, fills: Sequence[str], escape=None, is_markup=None) -> None:
        self.target, self.fills, self.escape = target, fills, escape
        if escape is not None:
            self.fills = [f if is_markup(f) else type(f)(escape(f)) for f in fills]

    def decode(self, ids: Sequence[int]) -> str:
        text = self.target.decode(ids)
        return restore(self.escape(text) if self.escape else text, self.fills)


def encode_protected(processor, texts: Sequence[str], masking: Masking | None = None,
                     glossary: Glossary | None = None, markers: Sequence[Mapping[str, str]] | None = None
                     ) -> tuple[list[list[int]], list[tuple[str, ...]]]:
    """Source ids of each text, with the placeholders of `masking` (default: what the model was trained
    with, `masking_of`), and what each text's placeholders stand for. One `encode` call per text:
    SentencePiece encodes a list on a thread pool it starts per call (130 µs for one short text against
    2 µs alone; it was a quarter of the server's event loop at 32 clients)."""
    masking = masking_of(processor) if masking is None else masking
    if not masking:
        return [processor.encode(text) for text in texts], [()] * len(texts)
    protected = [protect(text, masking, glossary, markers[i] if markers else None) for i, text in enumerate(texts)]
    return [processor.encode(masked) for masked, _ in protected], [fills for _, fills in protected]
