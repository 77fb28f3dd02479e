"""Common nouns as placeholders in training pairs (export/noun_variants.py): what glossary terms and markup
become at serving, taught with the article outside the placeholder."""

import pytest

from export.config import TrainConfig
from export.noun_variants import lexicon_nouns, with_english_nouns
from export.train import build_parser, configs_from_args
from service.text.placeholders import protect_pair

NOUNS = [("사과", "apple"), ("버스", "bus"), ("카페", "cafe"), ("계약", "agreement")]


def test_a_noun_the_target_has_once_is_written_in_english_and_masked_on_both_sides_with_its_article_outside():
    pairs = [("사과를 샀어요.", "I bought an apple."), ("회사까지 버스로 가요.", "I go to the company by bus."),
             ("카페는 조용해요.", "The cafe is quiet."), ("카페에서 카페 이야기를 했어요.", "We talked about the cafe at the cafe."),
             ("계약서를 보냈어요.", "I sent the contract."), ("버스가 와요.", "The train is coming.")]
    out = with_english_nouns(pairs, 1, share=1.0, nouns=NOUNS)
    assert out[:3] == [("apple를 샀어요.", "I bought an apple."), ("회사까지 bus로 가요.", "I go to the company by bus."),
                       ("cafe는 조용해요.", "The cafe is quiet.")]
    assert out[3:] == pairs[3:]  # twice in the target; 계약서 is a longer noun; the target lacks "bus"
    assert protect_pair(*out[0]) == ("⦅0⦆를 샀어요.", "I bought an ⦅0⦆.")
    assert protect_pair(*out[2]) == ("⦅0⦆는 조용해요.", "The ⦅0⦆ is quiet.")


def test_the_share_is_taken_deterministically_and_zero_changes_nothing():
    pairs = [("사과를 샀어요.", "I bought an apple.")] * 400
    out = with_english_nouns(pairs, 7, share=0.25, nouns=NOUNS)
    assert out == with_english_nouns(pairs, 7, share=0.25, nouns=NOUNS)
    assert 60 < sum(s != p[0] for (s, _), p in zip(out, pairs)) < 140
    assert with_english_nouns(pairs, 7, share=0.0, nouns=NOUNS) == pairs


def test_the_lexicon_gives_one_word_nouns_and_mt_train_takes_the_share():
    nouns = dict(lexicon_nouns())
    assert len(nouns) > 300 and nouns["사과"] == "apple" and all(" " not in en for en in nouns.values())
    assert configs_from_args(build_parser().parse_args(["--noun-placeholders", "0.1"])).noun_placeholders == 0.1
    assert TrainConfig().noun_placeholders == 0.0  # the bare mt-train keeps the bundled models' recipe: no noun placeholders
    with pytest.raises(ValueError, match="between 0 and 1"):
        TrainConfig(noun_placeholders=1.5)
