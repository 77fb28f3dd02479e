"""Print the pip requirements of the project's base and named extras, read from pyproject.toml.

    python docker/requirements.py serving --onnxruntime cpu > requirements.txt   # CPU image
    python docker/requirements.py serving > requirements.txt                     # GPU image

The images install these, then the project itself with --no-deps, so pyproject.toml stays the one
list of dependencies. `--onnxruntime cpu` swaps onnxruntime-gpu (what the serving extra names) for the
CPU build of the same range: a third of the size, and no CUDA libraries to load on a CPU-only host.
A requirement on torch is refused: serving never imports it (shared/DESIGN.md).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
FORBIDDEN = {"torch"}  # the training side's; an image that serves must never pull it in


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;@]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def requirements(extras: list[str], onnxruntime: str = "gpu", pyproject: Path = PYPROJECT) -> list[str]:
    """Base dependencies plus every extra named (and the extras those name), in order, without repeats."""
    project = tomllib.loads(pyproject.read_text())["project"]
    own, optional = project["name"].lower(), project.get("optional-dependencies", {})
    out: list[str] = []
    seen: set[str] = set()

    def add(items: list[str], where: str) -> None:
        for item in items:
            if _name(item) == own:  # "kotranslate[serving]": expand the extras it names
                inner = re.search(r"\[(.*?)\]", item)
                for extra in (inner.group(1).split(",") if inner else []):
                    add_extra(extra.strip(), where)
                continue
            if _name(item) in FORBIDDEN:
                raise SystemExit(f"error: {where} requires {item!r}: a serving image must not hold {_name(item)}")
            if onnxruntime == "cpu" and _name(item) == "onnxruntime-gpu":
                item = "onnxruntime" + item.strip()[len("onnxruntime-gpu"):]
            if item not in out:
                out.append(item)

    def add_extra(extra: str, where: str) -> None:
        if extra in seen:
            return
        if extra not in optional:
            raise SystemExit(f"error: {where} names extra {extra!r}, which {pyproject.name} does not define "
                             f"(extras: {', '.join(sorted(optional))})")
        seen.add(extra)
        add(optional[extra], f"extra {extra!r}")

    add(project.get("dependencies", []), "the base dependencies")
    for extra in extras:
        add_extra(extra, "the command line")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="docker/requirements.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("extras", nargs="*", help="extras of pyproject.toml to include (e.g. serving)")
    p.add_argument("--onnxruntime", choices=["gpu", "cpu"], default="gpu",
                   help="cpu: install the CPU build of onnxruntime instead of onnxruntime-gpu (default: %(default)s)")
    args = p.parse_args(argv)
    print("\n".join(requirements(args.extras, args.onnxruntime)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
