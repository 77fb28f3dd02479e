"""Every model and version of the store, loaded, verified and warmed up; the newest version of a
model serves requests that name none.

`refresh()` picks up versions that appeared in the store since: each is loaded and warmed beside
the ones serving, then added in one assignment, so no request ever sees a half-loaded version. A
version that fails to load or verify is refused with a log line and the others go on serving.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from model_store import ModelStore, StoreError
from service.config import EngineConfig
from service.engine import Engine
from service.errors import NotServing, UnknownModel

log = logging.getLogger(__name__)


def shown(name: str, limit: int = 64) -> str:
    """A client-given name as an error message shows it: quoted, and cut when long (a 16 KB name
    echoed whole overflows the client's metadata limit and turns NOT_FOUND into RESOURCE_EXHAUSTED)."""
    return repr(name) if len(name) <= limit else f"{name[:limit]!r}... ({len(name)} characters)"


@dataclass(frozen=True)
class ServedModels:
    """An immutable snapshot: readers take it without a lock."""

    engines: dict[str, dict[int, Engine]]  # name → version → engine

    def newest(self, name: str) -> int:
        return max(self.engines[name])


class ModelRegistry:
    def __init__(self, store_root: str | Path, engine_config: EngineConfig = EngineConfig(),
                 default_model: str | None = None) -> None:
        self.store = ModelStore(store_root)
        self.engine_config = engine_config
        self.snapshot = ServedModels({})
        # Versions that failed, with what their folder held then: tried again only once it changes (a copy
        # in progress, file by file, fails until its last file lands; then it loads).
        self.refused: dict[tuple[str, int], tuple] = {}
        self._default = default_model
        self._lock = threading.Lock()  # one refresh at a time

    @property
    def default_model(self) -> str | None:
        if self._default:
            return self._default
        names = sorted(self.snapshot.engines)
        return names[0] if names else None

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
        if self._default and self._default not in self.snapshot.engines:
            log.error("default model %r is not in the store %s", self._default, self.store.root)
        return added

    def _fingerprint(self, name: str, version: int) -> tuple:
        """Names, sizes and modification times of a version's files: what changes as a copy goes on."""
        folder = self.store.root / name / str(version)
        try:
            return tuple(sorted((f.name, (st := f.stat()).st_size, st.st_mtime_ns) for f in folder.iterdir()))
        except OSError:
            return ()

    def get(self, name: str | None, version: int | None) -> Engine:
        snapshot = self.snapshot
        if not snapshot.engines:  # still loading: a balancer or client should try another replica
            raise NotServing("the server is still loading its models; retry, or send the request to another replica")
        name = name or self.default_model
        if not name or name not in snapshot.engines:
            raise UnknownModel(f"model {shown(name)} not found (models: {sorted(snapshot.engines)})")
        versions = snapshot.engines[name]
        if version is None:
            return versions[snapshot.newest(name)]
        if version not in versions:
            raise UnknownModel(f"model {shown(name)} has no version {version} (versions: {sorted(versions)})")
        return versions[version]
