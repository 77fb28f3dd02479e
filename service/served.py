"""The model versions a process serves, as one immutable snapshot, and how a request picks one. The
engine's ModelRegistry holds Engines in it, each front's catalog TextModels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from service.errors import NotServing, UnknownModel

M = TypeVar("M")


def shown(name: str | None, limit: int = 64) -> str:
    """A client-given name as an error message shows it: quoted, and cut when long (a 16 KB name
    echoed whole overflows the client's metadata limit and turns NOT_FOUND into RESOURCE_EXHAUSTED)."""
    if name is None or len(name) <= limit:
        return repr(name)
    return f"{name[:limit]!r}... ({len(name)} characters)"


@dataclass(frozen=True)
class ServedModels(Generic[M]):
    """An immutable snapshot: readers take it without a lock."""

    engines: dict[str, dict[int, M]]  # name → version → engine (or a front's TextModel)

    def default_model(self, configured: str | None) -> str | None:
        """The model of requests that name none: the configured one, else the first name served."""
        if configured:
            return configured
        return min(self.engines, default=None)

    def newest(self, name: str) -> int:
        return max(self.engines[name])

    def pick(self, name: str | None, version: int | None, default_model: str | None) -> M:
        """The version a request names, or the newest of its model (of the default model when it names none)."""
        if not self.engines:  # still loading: a balancer or client should try another replica
            raise NotServing("the server is still loading its models; retry, or send the request to another replica")
        name = name or default_model
        if not name or name not in self.engines:
            raise UnknownModel(f"model {shown(name)} not found (models: {sorted(self.engines)})")
        versions = self.engines[name]
        if version is None:
            return versions[self.newest(name)]
        if version not in versions:
            raise UnknownModel(f"model {shown(name)} has no version {version} (versions: {sorted(versions)})")
        return versions[version]
