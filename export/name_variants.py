"""Training pairs where a known given name stands in for a full name, so that the name placeholder is seen
in every construction.

The bundled grammars write people as a dozen given names (지영은 다음 주에 요리할 거예요 → "Jiyoung will
cook next week") in tens of thousands of pairs, and full names only in the few copy cases. At serving a
full name becomes a placeholder (service/text/names.py), so the model must know the placeholder wherever a
person can stand: here a share of the pairs with a given name get a random full name in its place on
both sides (김서윤은 ... → "Kim Seoyun will cook ..."), which `protect_pair` then masks. The full name
ends like the given name (a final consonant or not), so the particles after it stay right.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from export.grammar.everyday import random_name
from export.grammar.hangul import has_final_consonant
from export.grammar.lexicon import PEOPLE
from service.text.names import find_names
from service.text.romanize import romanize_name

GIVEN_NAMES = tuple((p.ko, p.en) for p in PEOPLE if p.kind == "name")
SHARE = 0.25


def _pattern(names: Sequence[tuple[str, str]]) -> re.Pattern:
    # a given name at the start of a Hangul word (지영은, 지영이랑), not inside another word (은지영)
    return re.compile(r"(?<![\uac00-\ud7a3])(" + "|".join(re.escape(ko) for ko, _ in names) + r")")


def with_full_names(pairs: Sequence[tuple[str, str]], seed: int, share: float = SHARE,
                    names: Sequence[tuple[str, str]] = GIVEN_NAMES) -> list[tuple[str, str]]:
    """`pairs` with, in about `share` of those that name a person by a given name the English also has,
    that name replaced by a random full name (Korean) and its romanization (English). Deterministic
    for a seed."""
    rng = random.Random(f"full-names:{seed}")
    english = dict(names)
    pattern = _pattern(names)
    out = []
    for ko, en in pairs:
        match = pattern.search(ko)
        if match is None or rng.random() >= share:
            out.append((ko, en))
            continue
        given = match.group(1)
        if ko.count(given) != 1 or re.search(re.escape(given) + "[아야],", ko):
            out.append((ko, en))  # 하나 may also be "one"; a full name is not called out with 아/야
            continue
        given_en = re.compile(r"\b" + re.escape(english[given]) + r"\b")
        full = random_name(rng)
        while has_final_consonant(full) != has_final_consonant(given):
            full = random_name(rng)
        new_ko = re.sub(r"(?<![\uac00-\ud7a3])" + re.escape(given), full, ko)
        found = [new_ko[s:e] for s, e in find_names(new_ko)]
        if not given_en.search(en) or found.count(full) != new_ko.count(full):
            out.append((ko, en))  # the English does not name them, or the finder would not see the name
            continue
        out.append((new_ko, given_en.sub(romanize_name(full), en)))
    return out


__all__ = ["GIVEN_NAMES", "SHARE", "with_full_names"]
