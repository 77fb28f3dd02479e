"""Parallel corpora: the bundled grammar corpus, or a user's own (a TSV file or two aligned files).

A malformed file is refused with a `CorpusError` that names the file and the line, before any
training starts: a silently dropped or misaligned line would corrupt every later step.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

Pair = tuple[str, str]


class CorpusError(ValueError):
    """A corpus file that cannot be read as a parallel corpus; the message names file and line."""


@dataclass(frozen=True)
class ParallelCorpus:
    """Named splits of (source, target) pairs and where they came from."""

    splits: dict[str, list[Pair]]
    source: str  # "bundled:<seed>" or the file paths
    description: dict[str, object] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        """What a checkpoint or manifest records about its training data."""
        out: dict[str, object] = {"source": self.source, **self.description}
        for name, pairs in self.splits.items():
            digest = hashlib.sha256("\n".join(f"{s}\t{t}" for s, t in pairs).encode()).hexdigest()
            out[name] = {"pairs": len(pairs), "sha256": digest}
        return out


def _read_lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # a final newline ends the last line; it does not start a new one
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path}:{number}: not valid UTF-8 (byte {exc.start})") from exc
        out.append(text.removesuffix("\r"))
    return out


def read_tsv(path: str | Path, comments: bool = False) -> list[Pair]:
    """One pair per line: source TAB target. Empty sides and extra columns are errors. With
    `comments`, lines starting with # are skipped (line numbers in errors still count them)."""
    path = Path(path)
    pairs = []
    for number, line in enumerate(_read_lines(path), start=1):
        if comments and line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2:
            raise CorpusError(f"{path}:{number}: expected 2 tab-separated columns (source, target), "
                              f"found {len(columns)}")
        pairs.append(_checked_pair(columns[0], columns[1], f"{path}:{number}"))
    if not pairs:
        raise CorpusError(f"{path}: no sentence pairs")
    return pairs


def read_aligned(source_path: str | Path, target_path: str | Path) -> list[Pair]:
    """Two files, line i of one translating line i of the other."""
    source_path, target_path = Path(source_path), Path(target_path)
    sources, targets = _read_lines(source_path), _read_lines(target_path)
    if len(sources) != len(targets):
        shorter, n = (source_path, len(sources)) if len(sources) < len(targets) else (target_path, len(targets))
        raise CorpusError(f"{shorter}:{n + 1}: files are not aligned: {source_path} has {len(sources)} lines, "
                          f"{target_path} has {len(targets)}")
    pairs = []
    for number, (s, t) in enumerate(zip(sources, targets), start=1):
        pairs.append(_checked_pair(s, t, f"{source_path}:{number} / {target_path}:{number}"))
    if not pairs:
        raise CorpusError(f"{source_path}: no sentence pairs")
    return pairs


def _checked_pair(source: str, target: str, where: str) -> Pair:
    source, target = source.strip(), target.strip()
    if not source:
        raise CorpusError(f"{where}: empty source sentence")
    if not target:
        raise CorpusError(f"{where}: empty target sentence")
    return source, target


# Hand-written everyday sentences with reference translations (issue 13): scored beside the grammar's
# held-out split, never trained on or used to pick a checkpoint.
EVERYDAY_HELDOUT = Path(__file__).parent / "data" / "everyday_heldout.tsv"


def everyday_heldout() -> list[Pair]:
    """The hand-written everyday evaluation set, (Korean, English) pairs in file order."""
    return read_tsv(EVERYDAY_HELDOUT, comments=True)


# Hand-written everyday sentences for development: they guide what the grammars generate and may pick a
# checkpoint, so they are never trained on and never quoted as a quality figure.
EVERYDAY_DEV = Path(__file__).parent / "data" / "everyday_dev.tsv"


def everyday_dev() -> list[Pair]:
    """The hand-written everyday development set, (Korean, English) pairs in file order."""
    return read_tsv(EVERYDAY_DEV, comments=True)


def hand_written() -> list[Pair]:
    """Every hand-written everyday pair (held-out and development): none of them may be generated."""
    return everyday_heldout() + everyday_dev()


def read_pairs(paths: list[str]) -> list[Pair]:
    """A split given on the command line: one TSV path, or a source and a target path."""
    if len(paths) == 1:
        return read_tsv(paths[0])
    if len(paths) == 2:
        return read_aligned(paths[0], paths[1])
    raise CorpusError(f"expected one TSV file or two aligned files, got {len(paths)} paths: {paths}")


# The bundled corpus's grammars: 1 is the first grammar alone (the corpus of model_store/ko-en/1, kept so
# that its held-out split can be rebuilt exactly); 2 adds the everyday grammar (issue 13).
GRAMMAR_VERSIONS = (1, 2)
DEFAULT_GRAMMAR_VERSION = 2
# Version 2: the share of training pairs from the first grammar (the rest are the everyday grammar's). A
# summary that records none was built with 0.4, the only share before it was recorded.
FIRST_GRAMMAR_SHARE = 0.4
FIRST_GRAMMAR_SHARE_UNRECORDED = 0.4
# Version 2's everyday grammar keeps growing (it is not a bundled model's corpus yet); its revision is recorded
# in the summary so that a checkpoint says which one it was trained on. 3: the development set's constructions;
# 4: the constructions the development set still lacked (everyday_extra.py); 5: relative clauses, -는데 and the
# development set's missing vocabulary (everyday_rev5.py, the lexicon's REV5_* lists). An older revision is
# rebuilt exactly (EverydayConfig.revision); a summary that records none is revision 3.
# mt-train builds revision 3 unless told otherwise: it is the bundled ko-en/3's corpus, and revisions 4 and 5
# scored lower on the development set (docs/training.md, "Revisions 4 and 5").
EVERYDAY_REVISION = 3
EVERYDAY_REVISION_UNRECORDED = 3


def bundled_corpus(seed: int, train_size: int, dev_size: int, test_size: int, version: int = 1,
                   everyday_revision: int = EVERYDAY_REVISION,
                   first_grammar_share: float = FIRST_GRAMMAR_SHARE) -> ParallelCorpus:
    """The project's own Korean→English grammar corpus; the same arguments give the same corpus.
    `everyday_revision` and `first_grammar_share` (version 2 only) pick the everyday grammar's revision and
    the share of training pairs the first grammar gives."""
    from export.grammar import LEXICON_SIZES, GrammarConfig, generate_corpus

    if version not in GRAMMAR_VERSIONS:
        raise CorpusError(f"unknown bundled grammar version {version}; known: {GRAMMAR_VERSIONS}")
    grammar = {"seed": seed, "train_size": train_size, "dev_size": dev_size, "test_size": test_size}
    if version == 1:
        config = GrammarConfig(seed=seed, train_size=train_size, dev_size=dev_size, test_size=test_size)
        return ParallelCorpus(splits=generate_corpus(config), source=f"bundled-grammar:seed={seed}",
                              description={"grammar": {**grammar, "lexicon": dict(LEXICON_SIZES)}})
    return _bundled_corpus_v2(seed, train_size, dev_size, test_size, everyday_revision, first_grammar_share)


def _bundled_corpus_v2(seed: int, train_size: int, dev_size: int, test_size: int,
                       everyday_revision: int = EVERYDAY_REVISION,
                       first_grammar_share: float = FIRST_GRAMMAR_SHARE) -> ParallelCorpus:
    """The first grammar's corpus and the everyday grammar's, merged so that the merged corpus keeps both
    promises: one Korean sentence has one English translation, and no dev or test sentence (and no
    sentence of the hand-written everyday sets) is in training."""
    import random

    from export.grammar import LEXICON_SIZES, GrammarConfig, generate_corpus
    from export.grammar.everyday import normal_korean
    from export.grammar.everyday_corpus import EVERYDAY_REVISIONS, EverydayConfig, generate_everyday
    from export.grammar.everyday_lexicon import LEMMAS

    if everyday_revision not in EVERYDAY_REVISIONS:
        raise CorpusError(f"unknown everyday grammar revision {everyday_revision}; known: {EVERYDAY_REVISIONS}")
    if not 0.0 < first_grammar_share < 1.0:
        raise CorpusError(f"first_grammar_share={first_grammar_share}: expected a share between 0 and 1, "
                          "both grammars giving training pairs")

    excluded = {normal_korean(ko) for ko, _ in hand_written()}
    first_train = round(train_size * first_grammar_share)
    first = generate_corpus(GrammarConfig(seed=seed, train_size=first_train, dev_size=dev_size // 2,
                                          test_size=test_size // 2))
    everyday = generate_everyday(EverydayConfig(seed=seed, train_size=train_size - first_train,
                                                dev_size=dev_size - dev_size // 2,
                                                test_size=test_size - test_size // 2,
                                                exclude=frozenset(ko for ko, _ in hand_written()),
                                                revision=everyday_revision))
    translation: dict[str, str] = {}
    for ko, en in first["train"] + first["dev"] + first["test"]:
        translation[ko] = en
    splits: dict[str, list[Pair]] = {}
    heldout = {ko for name in ("dev", "test") for part in (first, everyday) for ko, _ in part[name]}
    train_ko = set()
    for name in ("train", "dev", "test"):
        pairs = []
        for ko, en in first[name] + everyday[name]:
            if normal_korean(ko) in excluded or translation.setdefault(ko, en) != en:
                continue                      # a hand-written sentence, or a Korean sentence the grammars disagree on
            if name == "train" and (ko in heldout or ko in train_ko):
                continue
            if name != "train" and ko in train_ko:
                continue
            if name == "train":
                train_ko.add(ko)
            pairs.append((ko, en))
        splits[name] = pairs
    random.Random(f"merge:{seed}").shuffle(splits["train"])
    return ParallelCorpus(
        splits=splits, source=f"bundled-grammar-v2:seed={seed}",
        description={"grammar": {"version": 2, "everyday_revision": everyday_revision,
                                 "first_grammar_share": first_grammar_share, "seed": seed,
                                 "train_size": train_size, "dev_size": dev_size,
                                 "test_size": test_size,
                                 "lexicon": {**LEXICON_SIZES, **{f"everyday_{k}": v for k, v in LEMMAS.items()}}}})


def bundled_corpus_from_summary(grammar: dict) -> ParallelCorpus:
    """The bundled corpus again, from the "grammar" entry its summary recorded (in a checkpoint or a
    manifest's training_data): its recorded everyday revision and share rebuild that corpus. A summary
    without a version is the first grammar's; a version-2 summary without an everyday revision is revision 3's,
    and one without a share has the first grammar's 0.4."""
    return bundled_corpus(grammar["seed"], grammar["train_size"], grammar["dev_size"], grammar["test_size"],
                          grammar.get("version", 1),
                          everyday_revision=grammar.get("everyday_revision", EVERYDAY_REVISION_UNRECORDED),
                          first_grammar_share=grammar.get("first_grammar_share", FIRST_GRAMMAR_SHARE_UNRECORDED))


def user_corpus(train: list[str], dev: list[str] | None, test: list[str] | None,
                dev_fraction: float = 0.01, seed: int = 1) -> ParallelCorpus:
    """A user's files. Without a dev split, a seeded sample of the training pairs is held out."""
    import random

    splits = {"train": read_pairs(train)}
    if dev:
        splits["dev"] = read_pairs(dev)
    else:
        pairs = list(splits["train"])
        random.Random(seed).shuffle(pairs)
        n_dev = max(1, int(len(pairs) * dev_fraction))
        if len(pairs) - n_dev < 1:
            raise CorpusError(f"{train[0]}: {len(pairs)} pair(s) are too few to hold out a dev split; "
                              "give --dev")
        splits["dev"], splits["train"] = pairs[:n_dev], pairs[n_dev:]
    if test:
        splits["test"] = read_pairs(test)
    return ParallelCorpus(splits=splits, source="files:" + " ".join(train))


def write_tsv(pairs: list[Pair], path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for s, t in pairs:
            f.write(f"{s}\t{t}\n")
