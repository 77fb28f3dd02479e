"""The versioned model store shared by export/ (which writes it) and service/ (which reads it).

The Python package sits beside the store's data: model_store/<model>/<version>/ folders.
"""

from model_store.manifest import MANIFEST, REQUIRED_FILES, Manifest, ManifestError, sha256_file
from model_store.store import (
    DamagedVersion,
    ModelNotFound,
    ModelStore,
    ModelVersion,
    StoreError,
    VersionExists,
    VersionNotFound,
    verify_version_dir,
)

__all__ = ["MANIFEST", "REQUIRED_FILES", "DamagedVersion", "Manifest", "ManifestError", "ModelNotFound",
           "ModelStore", "ModelVersion", "StoreError", "VersionExists", "VersionNotFound", "sha256_file",
           "verify_version_dir"]
