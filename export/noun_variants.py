"""Training pairs where a common noun is written in English inside the Korean, so that the model learns a
placeholder that stands for a common noun.

At serving, a glossary term (계약 → "agreement", service/text/glossary.py) goes through as a placeholder, and
so does an HTML element's words when markup is placed (service/text/markup.py). The bundled models have
seen placeholders only for numbers, Latin-script words and names, so they write one as a name: with no
article ("I sent agreement."), and after constructions they never saw one in (-까지, 때문에) not at all
(docs/benchmarks.md, "Glossaries").

Here a share of the pairs that use a lexicon noun get that noun in English in the source, as the target
writes it (카페에 갔어요 / "I went to the cafe." → cafe에 갔어요), which `protect_pair` then masks on both
sides like any copied Latin word: "⦅0⦆에 갔어요" / "I went to the ⦅0⦆." The article stays in the target,
outside the placeholder: what a glossary target phrase needs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache

from service.text.glossary import Glossary, Term
from service.text.placeholders import whole_word

SHARE = 0.1
_ENGLISH_NOUN = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def lexicon_nouns() -> tuple[tuple[str, str], ...]:
    """(Korean, English) of the grammars' one-word common nouns and places, the first English per Korean."""
    from export.grammar import everyday_lexicon, lexicon

    candidates = [(t.ko, t.noun) for t in lexicon.THINGS if t.kind in ("count", "mass")]
    candidates += [(p.ko, p.en) for p in lexicon.PLACES]
    candidates += [(n.ko, n.en) for n in everyday_lexicon.NOUNS if n.kind in ("c", "m")]
    candidates += [(p.ko, p.en) for p in everyday_lexicon.PLACES]
    nouns: dict[str, str] = {}
    for ko, en in candidates:
        if ko and " " not in ko and _ENGLISH_NOUN.fullmatch(en or "") and len(en) > 2:
            nouns.setdefault(ko, en)
    return tuple(nouns.items())


def with_english_nouns(pairs: Sequence[tuple[str, str]], seed: int, share: float = SHARE,
                       nouns: Sequence[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """`pairs` with, in about `share` of those whose source has a lexicon noun (at a word start, before a
    particle or the copula, as a glossary matches it) whose English the target has exactly once as a whole
    word, that noun replaced in the source by the English as the target writes it. Deterministic for a
    seed; the other pairs are returned as they were."""
    if share <= 0:
        return list(pairs)
    rng = random.Random(f"english-nouns:{seed}")
    glossary = Glossary.of((Term(ko, en) for ko, en in (nouns if nouns is not None else lexicon_nouns())),
                           "lexicon nouns", limit=100_000)
    out = []
    for source, target in pairs:
        if rng.random() >= share:
            out.append((source, target))
            continue
        choices = []
        for start, end, term in glossary.find_terms(source):
            found = [m for form in (term.target, term.target.capitalize()) for m in whole_word(form).finditer(target)]
            if len(found) == 1:
                choices.append((start, end, found[0].group()))
        if not choices:
            out.append((source, target))
            continue
        start, end, english = rng.choice(choices)
        out.append((source[:start] + english + source[end:], target))
    return out
