"""Every model and version of the store, loaded, verified and warmed up; the newest version of a
model serves requests that name none.

`refresh()` picks up versions that appeared in the store since: each is loaded and warmed beside
the ones serving, then added in one assignment, so no request ever sees a half-loaded version. A
version that fails to load or verify is refused with a log line and the others go on serving.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from model_store import ModelStore, StoreError
from service.config import EngineConfig
from service.default_variant import DefaultChoice, Policy, choose_default
from service.engine.engine import Engine
from service.engine.onnx_model import CPU
from service.served import ServedModels

log = logging.getLogger(__name__)


class ModelRegistry:
    def __init__(self, store_root: str | Path, engine_config: EngineConfig = EngineConfig(),
                 default_model: str | None = None, default_variant: Policy = "fastest") -> None:
        """default_variant: "fastest" serves requests that name no model with the default model's int8
        variant where it runs on the CPU at equal quality (service/default_variant.py); "named"
        with the default model itself."""
        self.store = ModelStore(store_root)
        self.engine_config = engine_config
        self.snapshot = ServedModels({})
        # Versions that failed, with what their folder held then: tried again only once it changes (a copy
        # in progress, file by file, fails until its last file lands; then it loads).
        self.refused: dict[tuple[str, int], tuple] = {}
        self._default = default_model
        self._policy = default_variant
        self.default = DefaultChoice(default_model, "", "nothing served yet")
        self._lock = threading.Lock()  # one refresh at a time

    @property
    def default_model(self) -> str | None:
        return self.default.name

    def refresh(self) -> list[tuple[str, int]]:
        """Load every version not yet served; returns the ones added."""
        added = []
        with self._lock:
            engines = {name: dict(versions) for name, versions in self.snapshot.engines.items()}
            for name in self.store.models():
                for version in self.store.versions(name):
                    if version in engines.get(name, {}):
                        continue
                    files = self._fingerprint(name, version)
                    if self.refused.get((name, version)) == files:
                        continue
                    try:
                        engine = Engine(self.store.open(name, version), self.engine_config)
                    except (StoreError, OSError, RuntimeError, ValueError) as exc:
                        again = " again" if (name, version) in self.refused else ""
                        self.refused[(name, version)] = files
                        log.error("refusing %s/%s%s: %s (the versions already loaded go on serving; it is tried again "
                                  "when its files change)", name, version, again, exc)
                        continue
                    self.refused.pop((name, version), None)
                    engines.setdefault(name, {})[version] = engine
                    added.append((name, version))
                    log.info("serving %s/%s%s", name, version,
                             " (newest)" if version == max(engines[name]) else "")
            self.snapshot = ServedModels(engines)
            self._choose_default()
        if self._default and self._default not in self.snapshot.engines:
            log.error("default model %r is not in the store %s", self._default, self.store.root)
        return added

    def _choose_default(self) -> None:
        engines = self.snapshot.engines
        newest = {name: versions[max(versions)] for name, versions in engines.items()}
        choice = choose_default(self.snapshot.default_model(self._default),
                                {name: e.manifest for name, e in newest.items()},
                                {name: e.model.provider == CPU for name, e in newest.items()},
                                self._policy, configured=self._default is not None)
        if choice != self.default and choice.name in engines:
            log.info("requests that name no model: %s/%s, %s", choice.name, max(engines[choice.name]), choice.reason)
        self.default = choice

    def _fingerprint(self, name: str, version: int) -> tuple:
        """Names, sizes and modification times of a version's files: what changes as a copy goes on."""
        folder = self.store.root / name / str(version)
        try:
            return tuple(sorted((f.name, (st := f.stat()).st_size, st.st_mtime_ns) for f in folder.iterdir()))
        except OSError:
            return ()

    def get(self, name: str | None, version: int | None) -> Engine:
        return self.snapshot.pick(name, version, self.default_model)
