"""The served default model on everyday constructions, one sentence at a time, as a user would try them.

The sentences were written by hand for this test (issue 26), none generated and none from the everyday
development or held-out sets. A translation passes when it carries the construction's meaning: for a causal
clause "so" or "because" with both events, for a conditional "if", for permission "may" or "can" in a
question, for a benefactive whom it was done for, for a negation "not". The words each check needs are
alternatives, not one reference, so that any correct English passes and a fluent wrong one does not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from tests.bundled import SERVED, SERVED_VERSION

STORE = Path(__file__).resolve().parent.parent / "model_store"
SERVED_OPTIONS = DecodingOptions(no_repeat_ngram_size=EngineConfig().no_repeat_ngram_size)

# (construction, Korean, patterns the English must all match; each pattern is a regex searched case-insensitively)
CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("causal", "비가 와서 우산을 샀어요.", (r"\b(so|because)\b", r"\brain", r"\bumbrella\b", r"\bbought\b")),
    ("causal", "감기에 걸려서 병원에 갔어요.", (r"\b(so|because)\b", r"\bcold\b", r"\bhospital\b")),
    ("causal", "너무 더워서 창문을 열었어요.", (r"\b(so|because)\b", r"\bhot\b", r"\bopened\b", r"\bwindow\b")),
    ("conditional", "내일 눈이 오면 회사에 안 갈 거예요.", (r"\bif it snows\b", r"\b(work|office|company)\b",
                                                 r"\b(will not|won't|am not going to|'m not going to) go\b")),
    ("conditional", "시간이 있으면 영화를 봐요.", (r"\bif\b", r"\btime\b", r"\b(movie|film)s?\b")),
    ("conditional", "배가 고프면 빵을 드세요.", (r"\bif you('re| are) hungry\b", r"\bbread\b",
                                         r"\b(please eat|eat some|have some|eat the|eat bread)\b")),
    ("permission", "창문을 열어도 돼요?", (r"^(may|can) (i|we)\b", r"\bopen\b", r"\bwindow\b", r"\?$")),
    ("permission", "이 의자에 앉아도 돼요?", (r"^(may|can) (i|we)\b", r"\bsit\b", r"\bchair\b", r"\?$")),
    ("permission", "여기서 사진을 찍으면 안 돼요.",
     (r"\b(must not|mustn't|cannot|can not|can't|may not|should not|not allowed)\b", r"\b(picture|photo)s?\b")),
    ("benefactive", "친구가 저한테 선물을 사 줬어요.", (r"\bfriend\b", r"\bbought\b", r"\b(me|for me)\b",
                                                   r"\b(present|gift)\b")),
    ("benefactive", "엄마가 저한테 케이크를 만들어 줬어요.", (r"\b(mom|mother)\b", r"\bmade\b", r"\bme\b", r"\bcake\b")),
    ("benefactive", "제가 동생한테 책을 읽어 줬어요.", (r"^I\b", r"\bread\b", r"\bbook\b", r"\b(brother|sister|sibling)\b")),
    ("negation", "동생은 우유를 안 마셔요.", (r"\b(brother|sister|sibling)\b", r"\b(not|n't|never)\b", r"\bdrinks?\b",
                                          r"\bmilk\b")),
    ("negation", "어제는 숙제를 못 했어요.", (r"\b(not|n't)\b", r"\bhomework\b", r"\byesterday\b")),
    ("negation", "그 식당은 비싸지 않아요.", (r"\b(not|n't)\b", r"\brestaurant\b", r"\bexpensive\b")),
]

# What the bundled version still gets wrong, by version. Each is a strict xfail: a model that gets one right
# fails the test until its entry goes, and a version with no entry must get every sentence right.
KNOWN_MISSES: dict[int, frozenset[str]] = {
    # ko-en/6 (everyday revision 6) gets 11 of 15; ko-en/5 (revision 3) got 6. It turns the snow conditional's
    # negation around, drops the bread and the imperative, reads 동생한테 as "me", and garbles a sentence that
    # begins with 동생은 ("My stir-fried mushippos."; with 동생이 it says "I did not drink milk.").
    6: frozenset({"내일 눈이 오면 회사에 안 갈 거예요.", "배가 고프면 빵을 드세요.", "제가 동생한테 책을 읽어 줬어요.",
                  "동생은 우유를 안 마셔요."}),
}


@pytest.fixture(scope="module")
def translations() -> dict[str, str]:
    engine = Engine.from_store(STORE, SERVED, config=EngineConfig(intra_op_threads=2))
    korean = [ko for _, ko, _ in CASES]
    return {ko: hyps[0].text for ko, hyps in zip(korean, engine.translate(korean, SERVED_OPTIONS))}


def test_the_sentences_are_none_of_the_everyday_sets_and_not_in_the_served_models_corpus():
    """A sentence the model trained on would test its memory, not the construction."""
    from export.corpus import bundled_corpus_from_summary, everyday_dev, everyday_heldout
    from export.grammar.everyday import normal_korean
    from model_store import ModelStore

    korean = {normal_korean(ko) for _, ko, _ in CASES}
    assert len(korean) == len(CASES)
    assert all(miss <= {ko for _, ko, _ in CASES} for miss in KNOWN_MISSES.values())  # no excuse for a typo
    listed = {normal_korean(ko) for ko, _ in everyday_dev() + everyday_heldout()}
    assert not korean & listed
    grammar = ModelStore(STORE).open(SERVED).manifest.training_data["grammar"]
    for split, pairs in bundled_corpus_from_summary(grammar).splits.items():
        seen = sorted(ko for _, ko, _ in CASES if normal_korean(ko) in {normal_korean(k) for k, _ in pairs})
        assert not seen, f"in the {split} split of the served model's corpus: {seen}"


@pytest.mark.parametrize("construction, korean, patterns", CASES, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_the_served_model_translates_the_construction_with_its_meaning(request, translations, construction, korean,
                                                                       patterns):
    if korean in KNOWN_MISSES.get(SERVED_VERSION, ()):
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"a known miss of {SERVED}/{SERVED_VERSION}"))
    english = translations[korean].strip()
    missing = [p for p in patterns if not re.search(p, english, flags=re.IGNORECASE)]
    assert not missing, f"{construction}: {korean!r} -> {english!r} lacks {missing}"
