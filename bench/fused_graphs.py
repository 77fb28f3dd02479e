"""Plain against fused export graphs (export/fused_ops.py), step by step, on the same weights.

    python -m bench.fused_graphs                          # the bundled model, 2 threads
    python -m bench.fused_graphs --threads 1 --batches 1 32

Exports a stored fp32 version twice (plain ONNX operators, and ONNX Runtime's MultiHeadAttention and
SkipLayerNormalization), then times, alternating the two, the encoder on padded batches and a
contract-2 decoder step over a cache of rows at different positions; the best of --rounds counts.
Prints milliseconds per call and fused / plain for each batch size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from service.engine.onnx_model import OnnxModel


def export_both(version: Path, work: Path) -> dict[str, Path]:
    from export.onnx_export import export_graphs
    from export.onnx_import import loaded_from_version

    loaded = loaded_from_version(version)
    folders = {}
    for name, fused in (("plain", False), ("fused", True)):
        folders[name] = work / name
        folders[name].mkdir()
        export_graphs(loaded.model, folders[name], fused=fused)
    return folders


def best_of(calls: dict[str, callable], rounds: int, repeats: int) -> dict[str, float]:
    best = {name: float("inf") for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            call()
            start = time.perf_counter()
            for _ in range(repeats):
                call()
            best[name] = min(best[name], (time.perf_counter() - start) / repeats)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fused_graphs", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", type=Path, default=None,
                   help="fp32 version folder (default: the newest version of model_store/ko-en)")
    p.add_argument("--batches", type=int, nargs="+", default=[1, 4, 32, 128], help="rows per call (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads (default: all cores)")
    p.add_argument("--rounds", type=int, default=7, help="alternating rounds; the best counts (default: %(default)s)")
    args = p.parse_args(argv)
    from model_store import Manifest, ModelStore

    if args.version is None:
        args.version = ModelStore(Path("model_store")).open("ko-en").path
    config = Manifest.read(args.version / "manifest.json").model
    heads, head_dim = config["n_heads"], config["d_model"] // config["n_heads"]
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory(prefix="fused-bench-") as tmp:
        folders = export_both(args.version, Path(tmp))
        models = {name: OnnxModel.load(folder, config, "cpu", args.threads) for name, folder in folders.items()}
        lines = ["| call | rows | plain ms | fused ms | fused / plain |", "| --- | ---: | ---: | ---: | ---: |"]
        for batch in tqdm(args.batches, desc="batch sizes", unit="size"):
            src_len, width = 20, 48
            src = rng.integers(4, config["src_vocab_size"], (batch, src_len))
            src_mask = np.ones_like(src)
            src_mask[::3, src_len // 2:] = 0
            cross = models["plain"].encode(src, src_mask)
            cache = [rng.standard_normal((batch, heads, width, head_dim)).astype(np.float32)
                     for _ in range(2 * config["n_decoder_layers"])]
            positions = rng.integers(0, width, (batch, 1))
            cache_mask = (np.arange(width)[None, :] < positions).astype(np.int64)
            tokens = rng.integers(4, config["tgt_vocab_size"], (batch, 1))
            repeats = max(3, 256 // batch)
            encode = best_of({n: (lambda m=m: m.encode(src, src_mask)) for n, m in models.items()},
                             args.rounds, max(2, repeats // 8))
            step = best_of({n: (lambda m=m: m.step_in_place(tokens, positions, src_mask, cache_mask, 9, cache, cross))
                            for n, m in models.items()}, args.rounds, repeats)
            for call, timing in ((f"encoder ({src_len} tokens)", encode), (f"decoder step (cache {width})", step)):
                lines.append(f"| {call} | {batch} | {1e3 * timing['plain']:.3f} | {1e3 * timing['fused']:.3f} | "
                             f"{timing['fused'] / timing['plain']:.2f} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
