"""What removing nodes from the decoder step buys: the query's scale folded into its projection, timed side by side.

    python -m bench.fold_query_scale                       # the bundled ko-en, batch 1 and 32
    python -m bench.fold_query_scale --model ko-en --batches 1 8 32 --rounds 9

The exported step multiplies each attention's query by 1/sqrt(d_k) after its projection: one Mul per
attention, 6 in the bundled model. This rewrites a copy of decoder.onnx with the scale folded into the
query Gemm's weight and bias (no Mul), checks the log-probs agree, and times `session.run` of both on the
same random step inputs (a cache of 10 positions, 12 source tokens), alternating, best and median of the
rounds. The graph is not changed for serving: the CTranslate2 converter reads the query weights by name
and value (export/onnx_export.py, name_folded_weights), so a served fold would need its own naming.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

from model_store import ModelStore
from service.engine.onnx_model import session_options

STORE = Path(__file__).resolve().parent.parent / "model_store"


def fold_query_scale(graph: onnx.GraphProto) -> int:
    """Fold every Mul-by-a-constant that follows Reshape(Gemm(...)) into that Gemm; returns how many."""
    producer = {out: node for node in graph.node for out in node.output}
    initializers = {init.name: init for init in graph.initializer}
    constants = {node.output[0]: node for node in graph.node if node.op_type == "Constant"}
    folded = 0
    for node in list(graph.node):
        if node.op_type != "Mul" or node.input[1] not in constants:
            continue
        reshape = producer.get(node.input[0])
        gemm = producer.get(reshape.input[0]) if reshape is not None and reshape.op_type == "Reshape" else None
        if gemm is None or gemm.op_type != "Gemm":
            continue
        scale = np.float32(numpy_helper.to_array(constants[node.input[1]].attribute[0].t))
        for name in gemm.input[1:3]:
            scaled = numpy_helper.to_array(initializers[name]) * scale
            initializers[name].CopyFrom(numpy_helper.from_array(scaled.astype(np.float32), name))
        for other in graph.node:
            other.input[:] = [reshape.output[0] if i == node.output[0] else i for i in other.input]
        graph.node.remove(node)
        folded += 1
    return folded


def step_inputs(session: ort.InferenceSession, batch: int, cache: int = 10, source: int = 12) -> dict:
    rng = np.random.default_rng(0)
    feed = {"tokens": rng.integers(4, 900, (batch, 1)), "positions": np.full((batch, 1), cache, np.int64),
            "src_mask": np.ones((batch, source), np.int64), "cache_mask": np.ones((batch, cache), np.int64),
            "top_k": np.array([3], np.int64)}
    for node in session.get_inputs():
        if node.name.startswith(("cache_key", "cache_value", "cross_key", "cross_value")):
            heads, dim = node.shape[1], node.shape[3]
            length = cache if node.name.startswith("cache_") else source
            feed[node.name] = rng.standard_normal((batch, heads, length, dim)).astype(np.float32)
    return feed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fold_query_scale", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=STORE, help="(default: the repository's model_store)")
    p.add_argument("--model", default="ko-en", help="an fp32 model (default: %(default)s)")
    p.add_argument("--batches", type=int, nargs="+", default=[1, 32], help="(default: %(default)s)")
    p.add_argument("--rounds", type=int, default=7, help="alternating rounds of 500 runs (default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="(default: %(default)s)")
    args = p.parse_args(argv)
    folder = ModelStore(args.store).open(args.model).path  # its newest version
    model = onnx.load(str(folder / "decoder.onnx"))
    folded = fold_query_scale(model.graph)
    path = Path(tempfile.mkdtemp(prefix="folded-")) / "decoder.onnx"
    onnx.save(model, str(path))
    options = session_options(args.threads)
    sessions = {"as exported": ort.InferenceSession(str(folder / "decoder.onnx"), options,
                                                   providers=["CPUExecutionProvider"]),
                f"{folded} Mul folded": ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])}
    print(f"{args.model}/{folder.name}: {folded} query scales folded into their projections")
    print("| batch | graph | best µs per step | median µs | max abs difference of log-probs |")
    print("|---:|---|---:|---:|---:|")
    for batch in args.batches:
        feed = step_inputs(next(iter(sessions.values())), batch)
        outputs = [s.run(["log_probs"], feed)[0] for s in sessions.values()]
        times: dict[str, list[float]] = {name: [] for name in sessions}
        for _ in range(args.rounds):
            for name, session in sessions.items():
                started = time.perf_counter()
                for _ in range(500):
                    session.run(None, feed)
                times[name].append((time.perf_counter() - started) / 500 * 1e6)
        difference = float(np.abs(outputs[0] - outputs[1]).max())
        for name, measured in times.items():
            print(f"| {batch} | {name} | {min(measured):.1f} | {float(np.median(measured)):.1f} | {difference:.1e} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
