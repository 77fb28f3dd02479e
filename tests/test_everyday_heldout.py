"""The hand-written everyday evaluation set: its shape, and that training never sees it."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from export.corpus import EVERYDAY_HELDOUT, bundled_corpus, everyday_heldout

HANGUL = re.compile("[\uac00-\ud7a3]")


def _normal(korean: str) -> str:
    """Spacing and final punctuation do not make a sentence new."""
    return re.sub(r"[\s.?!…]+", "", korean)


@pytest.fixture(scope="module")
def pairs():
    return everyday_heldout()


def test_the_set_has_at_least_300_pairs_and_says_it_is_hand_written(pairs):
    assert len(pairs) >= 300, f"{EVERYDAY_HELDOUT} has only {len(pairs)} pairs"
    header = EVERYDAY_HELDOUT.read_text(encoding="utf-8").split("\n", 3)[:3]
    assert all(line.startswith("#") for line in header)
    assert "by hand" in " ".join(header) and "NEVER used for training" in EVERYDAY_HELDOUT.read_text(encoding="utf-8")


def assert_lines_are_pairs_or_comments(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("#"):
            assert line.count("\t") == 1, f"{path}:{number}: expected Korean<TAB>English"
            assert line == line.strip(), f"{path}:{number}: leading or trailing whitespace"


def assert_no_repeats(pairs):
    korean = [_normal(ko) for ko, _ in pairs]
    repeated = sorted({k for k in korean if korean.count(k) > 1})
    assert not repeated, f"Korean sentences listed twice: {repeated}"
    assert len(set(pairs)) == len(pairs)


def assert_korean_and_punctuated_english(pairs):
    for ko, en in pairs:
        assert HANGUL.search(ko), f"no Hangul in the Korean side {ko!r}"
        assert not HANGUL.search(en), f"Hangul left in the English side {en!r}"
        assert en[0].isupper() or en[0].isdigit(), f"English does not start a sentence: {en!r}"
        assert en[-1] in ".?!", f"English does not end a sentence: {en!r}"


def test_every_line_is_two_columns_or_a_comment():
    assert_lines_are_pairs_or_comments(EVERYDAY_HELDOUT)


def test_no_sentence_is_repeated(pairs):
    assert_no_repeats(pairs)


def test_korean_side_is_korean_and_english_side_is_a_punctuated_sentence(pairs):
    assert_korean_and_punctuated_english(pairs)


# The set was written without looking at the generator; one sentence turned out to be one that the
# first grammar (the corpus of model_store/ko-en/1) also generates. That corpus must stay as it is (the
# bundled model's held-out split is regenerated from it), so the coincidence is listed here, and the
# scores of that model on the everyday set are reported with it. The second grammar's corpus (version
# 2, the default of `mt-train`) drops every sentence of the set.
KNOWN_GRAMMAR_V1_OVERLAP = {"토요일마다 테니스를 쳐요."}


@lru_cache(maxsize=2)
def default_corpus(version: int):
    """The bundled corpus as the bare `mt-train` generates it."""
    return bundled_corpus(13, 200_000, 1000, 2000, version=version)


@pytest.mark.parametrize("version, allowed", [(1, KNOWN_GRAMMAR_V1_OVERLAP), (2, set())])
def test_no_everyday_sentence_is_in_the_generated_corpus(pairs, version, allowed):
    """The bundled corpus as `mt-train` makes it (the default sizes) contains none of them."""
    corpus = default_corpus(version).splits
    everyday = {_normal(ko): ko for ko, _ in pairs}
    for split, split_pairs in corpus.items():
        leaked = {everyday[k] for k in {_normal(ko) for ko, _ in split_pairs} & everyday.keys()}
        assert leaked <= allowed, f"hand-written held-out sentences in the {split} split: {sorted(leaked - allowed)[:5]}"


def test_export_scores_the_everyday_set_only_for_bundled_korean_models():
    from types import SimpleNamespace

    from export.export_cli import everyday_scores
    assert everyday_scores(None, SimpleNamespace(meta={"data": {"source": "files:my.tsv"}}), "fp32") == {}


def test_every_listed_noun_verb_and_adjective_occurs_in_the_default_corpus():
    """The lemma counts reported for the everyday grammar count only words it actually generates."""
    from export.grammar.everyday_lexicon import ACTIONS, ADJECTIVES, NOUNS, PLACES
    text = "\n".join(ko for ko, _ in default_corpus(2).splits["train"])
    missing = [n.ko for n in NOUNS if n.ko not in text] + [p.ko for p in PLACES if p.ko not in text]
    missing += [a.ko for a in ACTIONS + ADJECTIVES if a.ko[:-1].split(" ")[0][:-1] not in text]
    assert len(missing) <= 5, f"{len(missing)} lemmas never generated: {missing[:20]}"
