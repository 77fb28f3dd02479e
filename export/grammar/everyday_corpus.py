"""The everyday grammar's corpus: which constructions each corpus revision draws, and the train/dev/test splits.

    from export.grammar.everyday_corpus import EverydayConfig, generate_everyday
    pairs = generate_everyday(EverydayConfig(seed=13, train_size=150_000))   # {"train": [...], "dev": ..., "test": ...}

The constructions are defined in six modules, each exporting its own dict of name -> (function, weight):
everyday.py (the base grammar), everyday_more.py (what the development set showed missing), everyday_extra.py
(revision 4), everyday_rev5.py (revision 5), everyday_rev6.py (revision 6) and everyday_rev7.py (revision 7).
They import helpers from older modules and nothing imports them back; this module alone puts them together. The
revisions are data (`REVISIONS`), not modules that add themselves to a shared dict when imported, so that what a revision draws, and in what order, is read in one place. The order
matters: the generator draws with `rng.choices` over the names, so an older revision's corpus is rebuilt exactly
only while its constructions, in their order, begin every later revision's.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from .everyday import BASE_CONSTRUCTIONS, Sentence, normal_korean
from .everyday_extra import EXTRA_CONSTRUCTIONS
from .everyday_more import MORE_CONSTRUCTIONS
from .everyday_rev5 import REV5_CONSTRUCTIONS
from .everyday_rev6 import REV6_CONSTRUCTIONS
from .everyday_rev7 import REV7_CONSTRUCTIONS

Construction = tuple[Callable[[random.Random], Sentence | None], int]   # (make a sentence, weight in the draw)

# The constructions each corpus revision added, oldest first; a revision draws every older row's, then its own. A
# new revision is a new row: editing a row would change the corpus of that revision and of every later one.
REVISIONS: dict[int, tuple[dict[str, Construction], ...]] = {
    3: (BASE_CONSTRUCTIONS, MORE_CONSTRUCTIONS),
    4: (EXTRA_CONSTRUCTIONS,),
    5: (REV5_CONSTRUCTIONS,),
    6: (REV6_CONSTRUCTIONS,),
    7: (REV7_CONSTRUCTIONS,),
}
EVERYDAY_REVISIONS = tuple(REVISIONS)
# From this revision on, a drawn sentence whose Korean was already drawn with another English is dropped rather
# than refused. Revision 3's everyday_more.perfect can say 신어 본 적이 있어요 both as "put on" (신다) and as "tried on"
# (신어 보다); older revisions keep refusing it (so that each is rebuilt exactly as before, error and all), later ones
# keep the first translation.
DROP_AMBIGUOUS_FROM = 6


def constructions(revision: int) -> dict[str, Construction]:
    """The constructions `revision` draws from, in draw order. A name listed twice is refused: the later entry
    would replace the earlier construction, changing the corpus of the revision that added it."""
    if revision not in REVISIONS:
        raise ValueError(f"unknown everyday revision {revision}; known: {EVERYDAY_REVISIONS}")
    out: dict[str, Construction] = {}
    for added_in, tables in REVISIONS.items():
        if added_in > revision:
            break
        for table in tables:
            if clash := sorted(set(table) & set(out)):
                raise ValueError(f"revision {added_in} would replace the constructions {clash} listed before it")
            out.update(table)
    return out


# --------------------------------------------------------------------------- the splits


@dataclass(frozen=True)
class EverydayConfig:
    seed: int = 13
    train_size: int = 150_000
    dev_size: int = 500
    test_size: int = 1000
    heldout_fraction: float = 0.1
    exclude: frozenset[str] = frozenset()       # Korean sentences never to generate (the hand-written set)
    revision: int = EVERYDAY_REVISIONS[-1]      # the corpus revision whose constructions are drawn


def _reserved(seed: int, fraction: float, pair: tuple[str, str, str]) -> str | None:
    if pair[0] == "copy":
        return None
    h = zlib.crc32(f"{seed}|{'|'.join(pair)}".encode()) % 10_000 / 10_000
    if h < fraction / 2:
        return "dev"
    if h < fraction:
        return "test"
    return None


def _tokens(text: str, lower: bool) -> list[str]:
    text = text.rstrip(".?!")
    return (text.lower() if lower else text).replace(",", "").split()


def generate_everyday(config: EverydayConfig = EverydayConfig()) -> dict[str, list[tuple[str, str]]]:
    """{"train", "dev", "test"}: (Korean, English) pairs. A dev (test) sentence holds a pairing reserved for
    dev (test) and none for the other split; training holds none; every held-out word occurs in training;
    one Korean sentence has one English translation."""
    drawn = constructions(config.revision)
    rng = random.Random(f"everyday:{config.seed}")
    names = list(drawn)
    weights = [drawn[n][1] for n in names]
    excluded = {normal_korean(s) for s in config.exclude}
    translation: dict[str, str] = {}
    seen: set[str] = set()
    chosen: dict[str, list[tuple[str, str]]] = {"train": [], "dev": [], "test": []}
    cap = {"train": config.train_size, "dev": 4 * config.dev_size + 200, "test": 4 * config.test_size + 200}
    attempts, limit = 0, 30 * (config.train_size + config.dev_size + config.test_size) + 50_000
    while attempts < limit and any(len(chosen[s]) < cap[s] for s in chosen):
        attempts += 1
        if len(chosen["train"]) >= cap["train"] and attempts > 3 * limit // 4:
            break
        sentence = drawn[rng.choices(names, weights)[0]][0](rng)
        if sentence is None:
            continue
        key = normal_korean(sentence.ko)
        if key in excluded:
            continue
        known = translation.setdefault(sentence.ko, sentence.en)
        if known != sentence.en:
            if config.revision >= DROP_AMBIGUOUS_FROM:
                continue
            raise AssertionError(f"{sentence.ko!r} would translate as both {known!r} and {sentence.en!r}")
        marks = {_reserved(config.seed, config.heldout_fraction, p) for p in sentence.pairs} - {None}
        split = "train" if not marks else marks.pop() if len(marks) == 1 else None
        if split is None or len(chosen[split]) >= cap[split]:
            continue
        if sentence.ko in seen:
            continue
        seen.add(sentence.ko)
        chosen[split].append((sentence.ko, sentence.en))
    ko_vocab = {w for ko, _ in chosen["train"] for w in _tokens(ko, False)}
    en_vocab = {w for _, e in chosen["train"] for w in _tokens(e, True)}
    out = {"train": chosen["train"]}
    for split, wanted in (("dev", config.dev_size), ("test", config.test_size)):
        known = [(k, e) for k, e in chosen[split]
                 if all(w in ko_vocab for w in _tokens(k, False)) and all(w in en_vocab for w in _tokens(e, True))]
        out[split] = known[:wanted]
    return out


__all__ = ["EVERYDAY_REVISIONS", "REVISIONS", "Construction", "EverydayConfig", "constructions", "generate_everyday"]
