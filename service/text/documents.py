"""A request's texts → the sentences the model reads, and their translations → the texts again.

By default a text is a document: it is cut into sentences (service/text/segmentation.py), every sentence
of every text decodes in the same batch, and each text's translation is its sentences' translations
put back between the text's own separators (paragraph breaks and spacing kept). The model's token
limit then applies per sentence, and MAX_TEXT_CHARS to the whole text. `whole_texts` sends each text
as one segment, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from service.errors import InvalidRequest
from service.text.segmentation import join, split

MAX_TEXT_CHARS = 20_000  # a document's characters at most (split mode)
MAX_SENTENCES_PER_REQUEST = 1024  # sentences of all a request's texts together
GLUE = " "  # between two translated sentences that were written with nothing between them


@dataclass(frozen=True)
class Layout:
    """Where one request text's segments sit among the request's segments."""

    start: int
    count: int
    separators: list[str] | None  # None: the text was sent whole (one segment, nothing around it)


class SegmentHypothesis(Protocol):
    """What decoding gives per segment (the engine's Hypothesis, or service.messages.Hyp on a front)."""

    tokens: list[int]
    score: float
    log_prob: float
    finished: bool


@dataclass(frozen=True)
class TextHypothesis:
    text: str
    score: float  # a document's: the mean of its sentences' scores
    log_prob: float  # the sum of its sentences'
    finished: bool  # every sentence decoded to its end
    tokens: int  # generated tokens, all sentences together


def excerpt(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "..."


def check_lengths(texts: list[str], whole: bool, max_segment_chars: int) -> None:
    """The per-text character limits, before anything is split or tokenized (cheap: len() of each)."""
    limit = max_segment_chars if whole else MAX_TEXT_CHARS
    for i, text in enumerate(texts):
        if len(text) > limit:
            raise InvalidRequest(f"texts[{i}] has {len(text)} characters; a text {'sent whole ' if whole else ''}may "
                                 f"have at most {limit}")


def segment(texts: list[str], whole: bool, max_segment_chars: int) -> tuple[list[str], list[Layout]]:
    """The segments of all texts, in order, and each text's layout; InvalidRequest past a sentence limit
    (the texts' own lengths are checked before, by `check_lengths`)."""
    segments: list[str] = []
    layouts: list[Layout] = []
    for i, text in enumerate(texts):
        if whole:
            layouts.append(Layout(len(segments), 1, None))
            segments.append(text)
            continue
        doc = split(text)
        for j, sentence in enumerate(doc.segments):
            if len(sentence) > max_segment_chars:
                raise InvalidRequest(f"texts[{i}] sentence {j} ({excerpt(sentence)}) has {len(sentence)} characters; "
                                     f"a sentence may have at most {max_segment_chars}")
        layouts.append(Layout(len(segments), len(doc.segments), doc.separators))
        segments += doc.segments
        if len(segments) > MAX_SENTENCES_PER_REQUEST:
            raise InvalidRequest(f"the texts hold more than {MAX_SENTENCES_PER_REQUEST} sentences; send fewer per "
                                 "request")
    return segments, layouts


def where(layouts: list[Layout], segments: list[str], index: int) -> str:
    """How an error names segment `index`: the text, and the sentence when the text was split."""
    for i, layout in enumerate(layouts):
        if layout.start <= index < layout.start + layout.count:
            if layout.separators is None:
                return f"texts[{i}]"
            return f"texts[{i}] sentence {index - layout.start} ({excerpt(segments[index])})"
    raise IndexError(index)


def assemble(layout: Layout, results: list[list[SegmentHypothesis]], decode, first_only: bool = False
             ) -> list[TextHypothesis]:
    """One text's hypotheses from its segments' (`results[k]`: segment k's, best first; `decode(k,
    ids)`: segment k's token ids → text). A document's k-th hypothesis joins its sentences' k-th (as
    many as every sentence has); with `first_only` (alternatives, which branch in the first sentence), its
    first sentence's k-th and the others' best. A blank document is its whitespace, unchanged."""
    mine = results[layout.start: layout.start + layout.count]
    if layout.separators is None:
        return [TextHypothesis(decode(layout.start, h.tokens), h.score, h.log_prob, h.finished, len(h.tokens))
                for h in mine[0]]
    if not mine:
        return [TextHypothesis(join([], layout.separators), 0.0, 0.0, True, 0)]
    out = []
    for rank in range(len(mine[0]) if first_only else min(len(hyps) for hyps in mine)):
        chosen = [hyps[rank if k == 0 or not first_only else 0] for k, hyps in enumerate(mine)]
        out.append(TextHypothesis(join([decode(layout.start + k, h.tokens) for k, h in enumerate(chosen)],
                                       layout.separators, GLUE),
                                  sum(h.score for h in chosen) / len(chosen), sum(h.log_prob for h in chosen),
                                  all(h.finished for h in chosen), sum(len(h.tokens) for h in chosen)))
    return out
