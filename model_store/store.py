"""The versioned model store: model_store/<model>/<version>/{manifest.json, encoder.onnx, ...}.

Reading verifies every file against the manifest's sha256 and refuses a damaged or incomplete
version with an error that names the file. Writing stages a complete version beside the others and
moves it into place with one rename, so a reader never sees a half-written version.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from model_store.manifest import MANIFEST, REQUIRED_FILES, Manifest, ManifestError, sha256_file


class StoreError(Exception):
    """Base of the store's errors; each message names the model, version or file concerned."""


class ModelNotFound(StoreError):
    pass


class VersionNotFound(StoreError):
    pass


class DamagedVersion(StoreError):
    """A version whose files are missing, unreadable or do not match their checksums."""


class VersionExists(StoreError):
    pass


@dataclass(frozen=True)
class ModelVersion:
    """A verified version on disk."""

    path: Path
    manifest: Manifest

    @property
    def name(self) -> str:
        return self.manifest.name

    @property
    def version(self) -> int:
        return self.manifest.version

    def file(self, name: str) -> Path:
        return self.path / name


def verify_version_dir(path: Path) -> Manifest:
    """Check a version folder against its manifest; raise DamagedVersion naming the first bad file."""
    try:
        manifest = Manifest.read(path / MANIFEST)
    except ManifestError as exc:
        raise DamagedVersion(str(exc)) from exc
    for name in (*REQUIRED_FILES, *sorted(set(manifest.files) - set(REQUIRED_FILES))):
        file = path / name
        if not file.is_file():
            raise DamagedVersion(f"{file}: missing")
        actual = sha256_file(file)
        if actual != manifest.files[name]:
            raise DamagedVersion(f"{file}: sha256 {actual[:12]}… does not match the manifest's "
                                 f"{manifest.files[name][:12]}… (file damaged or replaced)")
    return manifest


def _version_number(folder: Path) -> int | None:
    """'3' → 3; anything else ('03', 'latest', '.staging-3') is not a version folder."""
    name = folder.name
    if folder.is_dir() and name.isdigit() and str(int(name)) == name and int(name) > 0:
        return int(name)
    return None


class ModelStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def models(self) -> list[str]:
        """Names of the models with at least one version folder."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and self._numbers(p))

    def versions(self, name: str) -> list[int]:
        folder = self.root / name
        if not folder.is_dir() or not self._numbers(folder):
            raise ModelNotFound(f"model {name!r} not found in {self.root} (models: {self.models()})")
        return self._numbers(folder)

    def latest(self, name: str) -> int:
        return self.versions(name)[-1]

    def next_version(self, name: str) -> int:
        folder = self.root / name
        return (self._numbers(folder)[-1] + 1) if folder.is_dir() and self._numbers(folder) else 1

    def open(self, name: str, version: int | None = None) -> ModelVersion:
        """A verified version: the newest one unless `version` names another."""
        available = self.versions(name)
        if version is None:
            version = available[-1]
        elif version not in available:
            raise VersionNotFound(f"model {name!r} has no version {version} (versions: {available})")
        path = self.root / name / str(version)
        manifest = verify_version_dir(path)
        if (manifest.name, manifest.version) != (name, version):
            raise DamagedVersion(f"{path / MANIFEST}: describes {manifest.name}/{manifest.version}, "
                                 f"not {name}/{version}")
        return ModelVersion(path, manifest)

    def staging_dir(self, name: str, version: int) -> Path:
        """A fresh folder beside the versions to build a version in (same filesystem: rename is atomic)."""
        path = self.root / name / f".staging-{version}"
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(parents=True)
        return path

    def publish(self, staged: Path, force: bool = False) -> ModelVersion:
        """Verify a staged folder and move it into place as <name>/<version>."""
        manifest = verify_version_dir(staged)
        target = self.root / manifest.name / str(manifest.version)
        if target.exists():
            if not force:
                raise VersionExists(f"{target} exists: pass --force to replace it, or export as another version")
            retired = target.with_name(f".replaced-{manifest.version}")
            if retired.exists():
                shutil.rmtree(retired)
            target.rename(retired)
            staged.rename(target)
            shutil.rmtree(retired)
        else:
            staged.rename(target)
        return ModelVersion(target, manifest)

    @staticmethod
    def _numbers(folder: Path) -> list[int]:
        if not folder.is_dir():
            return []
        return sorted(n for p in folder.iterdir() if (n := _version_number(p)) is not None)
