"""The model committed under model_store/ is complete, intact and as good as its docs say."""

from pathlib import Path

from model_store import ModelStore

STORE = Path(__file__).resolve().parent.parent / "model_store"


def test_bundled_default_model_verifies_and_scores_at_least_90_bleu():
    store = ModelStore(STORE)
    assert {"ko-en", "ko-en-int8"} <= set(store.models())
    fp32 = store.open("ko-en")  # verifies every file's sha256
    assert (fp32.manifest.source_language, fp32.manifest.target_language) == ("ko", "en")
    assert fp32.manifest.scores["test"]["bleu"] >= 90
    assert fp32.manifest.scores["checks"]["greedy_agreement_sentences"] == fp32.manifest.scores["test"]["sentences"]
    int8 = store.open("ko-en-int8")
    assert int8.manifest.variant == "int8" and int8.manifest.scores["test"]["bleu"] >= 90


def test_bundled_model_is_small_enough_to_ship():
    total = sum(f.stat().st_size for f in STORE.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
    assert total < 50 * 2 ** 20, f"model_store/ holds {total / 2 ** 20:.1f} MiB"


def test_the_rebuild_script_builds_the_bundled_version_with_its_recipe():
    """export/rebuild_default_model.sh names the bundled version, and the norm and corpus revision its manifest
    records: a new bundled model without a new recipe fails here."""
    import re

    script = (STORE.parent / "export" / "rebuild_default_model.sh").read_text(encoding="utf-8")
    manifest = ModelStore(STORE).open("ko-en").manifest
    recipe = next(line for line in script.splitlines() if line.startswith("steps=("))
    assert f"--norm {manifest.model['norm']}" in recipe
    assert f"--everyday-revision {manifest.training_data['grammar']['everyday_revision']}" in recipe
    assert "--time-limit 0" in recipe  # a slower machine still trains every step
    exports = re.findall(r"^mt-export .*--version (\d+)", script, flags=re.MULTILINE)
    assert exports == [str(manifest.version)]
