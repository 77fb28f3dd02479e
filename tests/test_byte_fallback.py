"""Source-side byte fallback (corpus version 2): a Hangul syllable the training text never had encodes as
byte pieces, not <unk>, in training and in the server's tokenizer alike."""

from __future__ import annotations

import pytest

from export.config import UNK_ID
from export.corpus import ParallelCorpus
from export.grammar.everyday_corpus import EverydayConfig, generate_everyday
from export.train import prepare_data
from service.text.tokenizers import load_tokenizers

UNSEEN = "뷁 쀍 햏"          # syllables no grammar generates


@pytest.fixture(scope="module")
def pairs():
    pairs = generate_everyday(EverydayConfig(seed=3, train_size=3000, dev_size=20, test_size=20))
    assert not any(ch in ko for ko, _ in pairs["train"] for ch in UNSEEN.split())
    return pairs


def _data(pairs, version: int):
    corpus = ParallelCorpus(splits=pairs, source="test", description={"grammar": {"version": version}})
    return prepare_data(corpus, None, None, 2000, 500, seed=1)


def test_version_2_source_encodes_unseen_syllables_as_bytes_and_decodes_them_back(pairs, tmp_path):
    data = _data(pairs, 2)
    text = f"{UNSEEN} 주세요."
    ids = data.source_sp.encode(text)
    assert UNK_ID not in ids
    assert data.source_sp.decode(ids) == text
    assert UNK_ID in data.target_sp.encode("뷁")          # only the source side falls back to bytes
    (tmp_path / "source.spm").write_bytes(data.source_spm)
    (tmp_path / "target.spm").write_bytes(data.target_spm)
    source, _ = load_tokenizers(tmp_path, {"kind": "sentencepiece"}, {})
    assert source.encode(text) == ids


def test_version_1_recipe_is_unchanged(pairs):
    assert UNK_ID in _data(pairs, 1).source_sp.encode(UNSEEN)
