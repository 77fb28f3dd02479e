"""Glossaries: "translate 계약 as *agreement*, always".

A term's source phrase found in a text goes through translation as a placeholder whose fill is the term's
target phrase, by the machinery that copies numbers and names (service/text/placeholders.py): the running
batch then makes the output carry it exactly once per occurrence (the quota), and the detokenizer puts
the target phrase in. So a glossary works for every model trained with placeholders, in the same running
batch as every other request, at no cost per step.

Matching (`find_terms`): a source phrase matches where a word starts and the rest of its last word is
what attaches to a noun (service/text/names.SUFFIXES: particles, stacked particles and the copula: 계약이,
계약을, 계약에서는, 계약이에요 all match 계약; 계약서, a longer noun, does not), longest phrase first.
The target phrase is used as given: English inflection (plural, articles) is out of scope, and a source
phrase used as a verb stem (계약했어요) is not a match.

Server glossaries are TSV files (source<TAB>target, `#` comments) in one folder (`Glossaries`), read again
when they change; a request may also carry its own terms.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from service.text.names import SUFFIXES
from service.text.placeholders import CLOSE, OPEN

log = logging.getLogger(__name__)

MAX_TERMS = 10_000  # per glossary file
MAX_REQUEST_TERMS = 256  # carried by one request
MAX_SOURCE_CHARS, MAX_TARGET_CHARS = 64, 128
GLOSSARY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")

# What may follow a noun inside its word: the name finder's particles and copula forms, plus the case
# particles a name rarely takes, alone or followed by a topic, additive or focus particle.
_MORE = ("에", "에서", "에게", "께", "한테", "로", "으로", "와", "과", "하고", "랑", "이랑", "부터", "까지", "처럼",
         "보다", "만", "도", "의", "이나", "나", "이든", "든", "마다", "밖에", "조차", "라도", "이라도", "인", "이고",
         "고", "이지만", "지만", "이면", "면", "이라서", "라서", "이었다", "였다", "이라는", "라는", "들")
_STACKED = ("", "은", "는", "도", "만", "의", "을", "를", "이", "가")
NOUN_SUFFIXES = frozenset({*SUFFIXES, *(m + s for m in _MORE for s in _STACKED)})
_LONGEST_SUFFIX = max(map(len, NOUN_SUFFIXES))
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class GlossaryError(ValueError):
    """A glossary or a term that cannot be used; the message names it."""


@dataclass(frozen=True)
class Term:
    source: str
    target: str


def check_term(term: Term, where: str) -> Term:
    source, target = term.source.strip(), term.target.strip()
    if not source or not target:
        raise GlossaryError(f"{where}: a term needs a source and a target phrase (got {term.source!r} → {term.target!r})")
    if len(source) > MAX_SOURCE_CHARS or len(target) > MAX_TARGET_CHARS:
        raise GlossaryError(f"{where}: a term's source may have at most {MAX_SOURCE_CHARS} characters and its target "
                            f"{MAX_TARGET_CHARS} ({len(source)} and {len(target)})")
    if any(ch in s for s in (source, target) for ch in (OPEN, CLOSE, "\t", "\n")):
        raise GlossaryError(f"{where}: {source!r} → {target!r} holds a tab, a line break or a placeholder bracket "
                            f"({OPEN} {CLOSE})")
    return Term(source, target)


@dataclass(frozen=True)
class Glossary:
    """Terms by source phrase (one target each); `find_terms` matches them."""

    name: str
    terms: tuple[Term, ...]
    _index: dict[str, list[Term]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, terms: Iterable[Term], name: str = "request", limit: int = MAX_TERMS) -> Glossary:
        """Checked terms; the same source twice with different targets is an error."""
        by_source: dict[str, Term] = {}
        for i, raw in enumerate(terms):
            if i >= limit:
                raise GlossaryError(f"glossary {name!r} has more than {limit} terms")
            term = check_term(raw, f"glossary {name!r} term {i}")
            old = by_source.get(term.source)
            if old is not None and old.target != term.target:
                raise GlossaryError(f"glossary {name!r} gives {term.source!r} two targets: {old.target!r} and "
                                    f"{term.target!r}")
            by_source[term.source] = term
        glossary = cls(name, tuple(by_source.values()))
        for term in sorted(glossary.terms, key=lambda t: len(t.source), reverse=True):  # longest first
            glossary._index.setdefault(term.source[0], []).append(term)
        return glossary

    def __len__(self) -> int:
        return len(self.terms)

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with `other`'s terms taking precedence (a request's own terms over a named glossary's)."""
        own = {t.source for t in other.terms}
        return Glossary.of([*(t for t in self.terms if t.source not in own), *other.terms], f"{self.name}+{other.name}",
                           MAX_TERMS + MAX_REQUEST_TERMS)

    def find_terms(self, text: str) -> list[tuple[int, int, Term]]:
        """(start, end, term) of each occurrence, in order, not overlapping: at a word start, the longest
        source phrase whose last word ends there or goes on only with what attaches to a noun."""
        found, i = [], 0
        while i < len(text):
            if i == 0 or not _word_char(text[i - 1]):
                for term in self._index.get(text[i], ()):
                    end = i + len(term.source)
                    if text.startswith(term.source, i) and _noun_ends(text, end):
                        found.append((i, end, term))
                        i = end
                        break
                else:
                    i += 1
                continue
            i += 1
        return found


def _word_char(ch: str) -> bool:
    return ch.isalnum() or bool(_HANGUL.match(ch))


def _noun_ends(text: str, end: int) -> bool:
    """Whether a phrase ending at `end` ends its word, or goes on only with particles or the copula."""
    rest = end
    while rest < len(text) and rest - end <= _LONGEST_SUFFIX and _word_char(text[rest]):
        rest += 1
    if rest < len(text) and _word_char(text[rest]):
        return False  # a longer word than any suffix
    return text[end:rest] in NOUN_SUFFIXES or end == rest


def read_glossary(path: str | Path) -> Glossary:
    """A TSV glossary file: source<TAB>target per line; blank lines and lines starting with # are skipped."""
    path = Path(path)
    terms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise GlossaryError(f"{path.name} line {number}: expected source<TAB>target, got {len(parts)} fields")
        terms.append(Term(*parts))
    return Glossary.of(terms, path.stem)


class Glossaries:
    """The server's glossaries: every `NAME.tsv` in a folder, read on first use and again when the file
    changes (its size or modification time); a file that stops parsing keeps serving its last good
    version, with an error in the log."""

    def __init__(self, folder: str | Path | None) -> None:
        self.folder = Path(folder) if folder else None
        self._loaded: dict[str, tuple[tuple[int, int], Glossary]] = {}

    def names(self) -> list[str]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.tsv") if GLOSSARY_NAME.fullmatch(p.stem))

    def get(self, name: str) -> Glossary:
        """The glossary `name` (raises KeyError when there is none, GlossaryError when it cannot be read)."""
        if not GLOSSARY_NAME.fullmatch(name) or self.folder is None:
            raise KeyError(name)
        path = self.folder / f"{name}.tsv"
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._loaded.pop(name, None)
            raise KeyError(name) from None
        stamp = (stat.st_mtime_ns, stat.st_size)
        held = self._loaded.get(name)
        if held is not None and held[0] == stamp:
            return held[1]
        try:
            glossary = read_glossary(path)
        except (GlossaryError, OSError, UnicodeDecodeError) as exc:
            if held is None:
                raise GlossaryError(f"glossary {name!r} cannot be read: {exc}") from exc
            log.error("glossary %s changed but cannot be read (%s); its last good version stays", path, exc)
            self._loaded[name] = (stamp, held[1])
            return held[1]
        log.info("glossary %s: %d terms from %s", name, len(glossary), path)
        self._loaded[name] = (stamp, glossary)
        return glossary


__all__ = ["NOUN_SUFFIXES", "Glossaries", "Glossary", "GlossaryError", "Term", "read_glossary"]
