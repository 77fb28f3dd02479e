"""Regenerate the Python stubs of the wire API from the .proto files (never edit them by hand).

    mt-protos            # rewrite proto/translate/v1/*_pb2*.py(i)
    mt-protos --check    # exit 1 when the committed stubs differ from what the .proto gives
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the stubs import each other as proto.translate.v1
PROTOS = ["proto/translate/v1/translate.proto"]
STUB_SUFFIXES = ("_pb2.py", "_pb2.pyi", "_pb2_grpc.py")


def generate(out_dir: Path) -> list[Path]:
    from grpc_tools import protoc  # a dev dependency: serving only needs the generated files

    for proto in PROTOS:
        code = protoc.main(["grpc_tools.protoc", f"-I{ROOT}", f"--python_out={out_dir}", f"--pyi_out={out_dir}",
                            f"--grpc_python_out={out_dir}", str(ROOT / proto)])
        if code != 0:
            raise RuntimeError(f"protoc failed on {proto} (exit {code})")
    stems = [out_dir / Path(proto).with_suffix("") for proto in PROTOS]  # only this API's stubs, not .venv's
    return sorted(Path(f"{stem}{suffix}") for stem in stems for suffix in STUB_SUFFIXES)


def stale_stubs() -> list[str]:
    """Stub files whose committed content differs from a fresh generation (or that are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.relative_to(tmp): p.read_bytes() for p in generate(Path(tmp))}
    return [str(rel) for rel, content in fresh.items()
            if not (ROOT / rel).is_file() or (ROOT / rel).read_bytes() != content]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="mt-protos", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="only check that the committed stubs are up to date")
    args = p.parse_args(argv)
    if args.check:
        stale = stale_stubs()
        for name in stale:
            print(f"stale: {name} (run mt-protos)", file=sys.stderr)
        return 1 if stale else 0
    for path in generate(ROOT):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
