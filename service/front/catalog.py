"""The model versions a front can take requests for: the ones the engine serves, as TextModels.

The engine publishes the versions it has loaded and warmed (service/board.py, models.json); a front
loads their manifests and tokenizers (no ONNX Runtime) and only then offers them, so a new version
takes over in a front once both sides hold it, and no call fails in between. The API is the engine's
ModelRegistry's (`get`, `snapshot`, `default_model`), which the servicer reads.
"""

from __future__ import annotations

import logging
from pathlib import Path

from model_store import MANIFEST, Manifest, ModelStore, StoreError
from service.default_variant import DefaultChoice
from service.served import ServedModels
from service.text.model import TextModel

log = logging.getLogger(__name__)


class FrontCatalog:
    def __init__(self, store_root: str | Path, cover_placeholders: bool = True) -> None:
        self.store = ModelStore(store_root)
        self.cover_placeholders = cover_placeholders
        self.snapshot = ServedModels({})
        self.default = DefaultChoice(None, "", "the engine serves nothing yet")

    @property
    def default_model(self) -> str | None:
        return self.snapshot.default_model(self.default.name)

    def refresh(self, served: list[tuple[str, int]], default: DefaultChoice) -> list[tuple[str, int]]:
        """Hold exactly the versions the engine serves; returns the ones added. The store's files were
        verified by the engine: a front reads only the manifest and the tokenizers."""
        models = {name: dict(versions) for name, versions in self.snapshot.engines.items()}
        wanted = {(name, version) for name, version in served}
        added = []
        for name, version in sorted(wanted):
            if version in models.get(name, {}):
                continue
            try:
                path = self.store.root / name / str(version)
                manifest = Manifest.read(path / MANIFEST)
                models.setdefault(name, {})[version] = TextModel(path, manifest, self.cover_placeholders)
                added.append((name, version))
            except (StoreError, OSError, RuntimeError, ValueError) as exc:
                log.error("the engine serves %s/%s but this front cannot read its tokenizers: %s", name, version, exc)
        models = {name: {v: m for v, m in versions.items() if (name, v) in wanted}
                  for name, versions in models.items()}
        self.snapshot = ServedModels({name: versions for name, versions in models.items() if versions})
        self.default = default
        return added

    def get(self, name: str | None, version: int | None) -> TextModel:
        return self.snapshot.pick(name, version, self.default_model)
