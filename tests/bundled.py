"""Where the tests find the bundled default model: the newest versions of ko-en and ko-en-int8 in the
repository's model_store/, so that bundling a new version does not mean editing every test."""

from pathlib import Path

from model_store import ModelStore

STORE = Path(__file__).resolve().parent.parent / "model_store"
VERSION = ModelStore(STORE).versions("ko-en")[-1]
INT8_VERSION = ModelStore(STORE).versions("ko-en-int8")[-1]
FOLDER = STORE / "ko-en" / str(VERSION)
# What a server on the bundled store gives requests that name no model, on the CPU: the int8 variant, which
# scores within 0.3 BLEU of ko-en (service/default_variant.py; tests/test_default_variant.py checks why).
SERVED, SERVED_VERSION = "ko-en-int8", INT8_VERSION


def copy_version(root: Path, version: int = 1, name: str = "ko-en") -> Path:
    """The bundled `name` copied into the store at `root` as `version` (its manifest says so): tests that
    publish, replace or damage versions work on their own copy."""
    import json
    import shutil

    source = STORE / name / str(VERSION if name == "ko-en" else INT8_VERSION)
    target = root / name / str(version)
    shutil.copytree(source, target)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    manifest["version"] = version
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return target
