"""The hand-written everyday development set: its shape, that it is not the held-out set, and that
training never sees it."""

from __future__ import annotations

import pytest

from export.corpus import EVERYDAY_DEV, everyday_dev, everyday_heldout
from tests.test_everyday_heldout import (_normal, assert_korean_and_punctuated_english, assert_lines_are_pairs_or_comments,
                                         assert_no_repeats, default_corpus)


@pytest.fixture(scope="module")
def pairs():
    return everyday_dev()


def test_the_set_has_at_least_300_pairs_and_says_what_it_is_for(pairs):
    assert len(pairs) >= 300, f"{EVERYDAY_DEV} has only {len(pairs)} pairs"
    header = " ".join(EVERYDAY_DEV.read_text(encoding="utf-8").split("\n", 3)[:3])
    assert header.startswith("#") and "by hand" in header and "development" in header.lower()
    assert "NEVER used for training" in header and "never for reported quality claims" in header


def test_every_line_is_two_columns_or_a_comment():
    assert_lines_are_pairs_or_comments(EVERYDAY_DEV)


def test_no_sentence_is_repeated(pairs):
    assert_no_repeats(pairs)


def test_korean_side_is_korean_and_english_side_follows_the_conventions(pairs):
    assert_korean_and_punctuated_english(pairs)
    contracted = [en for _, en in pairs if "n't" in en or "'m " in en or "'re " in en]
    assert not contracted, f"contractions: {contracted[:5]}"


def test_it_shares_no_sentence_with_the_held_out_set(pairs):
    """Compared by count only, so that a failure does not show held-out sentences."""
    shared = {_normal(ko) for ko, _ in pairs} & {_normal(ko) for ko, _ in everyday_heldout()}
    assert not shared, f"{len(shared)} development sentence(s) are also in the held-out set"


def test_no_development_sentence_is_in_the_generated_corpus(pairs):
    dev = {_normal(ko): ko for ko, _ in pairs}
    for split, split_pairs in default_corpus(2).splits.items():
        leaked = sorted(dev[k] for k in {_normal(ko) for ko, _ in split_pairs} & dev.keys())
        assert not leaked, f"hand-written development sentences in the {split} split: {leaked[:5]}"
