"""manifest.json of a model version (shared/DESIGN.md, "model_store/": a contract).

Everything a server or an outside tool needs to use the version without the code that made it:
languages, special token ids, hyper-parameters, opset, the sha256 of every file, evaluation scores
and a summary of the training data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
# The files every version holds besides its manifest.
REQUIRED_FILES = ("encoder.onnx", "decoder.onnx", "source.spm", "target.spm")
FORMAT_VERSION = 1


class ManifestError(ValueError):
    """A manifest that is missing, unreadable or incomplete; the message names the file."""


@dataclass(frozen=True)
class Manifest:
    name: str  # model name, the folder under model_store/
    version: int  # positive integer, the folder under model_store/<name>/
    source_language: str  # BCP-47 code, e.g. "ko"
    target_language: str  # e.g. "en"
    special_tokens: dict[str, int]  # pad, unk, bos, eos ids (both vocabularies share them)
    model: dict[str, Any]  # ModelConfig as a dict: the hyper-parameters
    opset: int
    files: dict[str, str]  # file name → sha256 hex digest
    variant: str = "fp32"  # "fp32", or "int8" for dynamically quantized weights
    contract: int = 1  # the graphs' input/output contract (shared/DESIGN.md, "ONNX graphs"); absent: 1
    # How text becomes ids (service/text/tokenizers.py): its kind and files; absent: our own SentencePiece models.
    tokenizer: dict[str, Any] = field(default_factory=lambda: {"kind": "sentencepiece"})
    scores: dict[str, Any] = field(default_factory=dict)  # e.g. {"test": {"bleu": .., "chrf": ..}}
    training_data: dict[str, Any] = field(default_factory=dict)
    created: str = ""  # ISO 8601 UTC
    format: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ManifestError(f"{path}: missing") from exc
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ManifestError(f"{path}: unreadable: {exc}") from exc
        if not isinstance(data, dict):
            raise ManifestError(f"{path}: expected a JSON object")
        names = {f.name for f in fields(cls)}
        required = {"name", "version", "source_language", "target_language", "special_tokens", "model", "opset",
                    "files"}
        missing = sorted(required - set(data))
        if missing:
            raise ManifestError(f"{path}: missing fields {missing}")
        if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
            raise ManifestError(f"{path}: format {data['format']} is not supported (expected {FORMAT_VERSION})")
        manifest = cls(**{k: v for k, v in data.items() if k in names})
        if not isinstance(manifest.version, int) or manifest.version < 1:
            raise ManifestError(f"{path}: version {manifest.version!r} is not a positive integer")
        absent = [f for f in REQUIRED_FILES if f not in manifest.files]
        if absent:
            raise ManifestError(f"{path}: lists no checksum for {absent}")
        return manifest


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()
