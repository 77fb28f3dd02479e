"""Export a trained Transformer to the two ONNX graphs and check them against PyTorch.

The checks fail loudly (`ExportCheckError`) rather than let a subtly wrong graph reach the store:
onnx.checker, log-prob parity with PyTorch on padded batches of several sizes, and greedy decoding
through ONNX Runtime giving exactly the PyTorch reference's tokens.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import onnx
import onnx.numpy_helper
import torch

from export.decoding import LengthLimit, greedy_decode
from export.model import Transformer, padding_mask
from export.onnx_graphs import DecoderStepGraph, EncoderGraph, cache_names
from service.config import DecodingOptions
from service.engine.decoding import SpecialTokens, greedy_search
from service.engine.onnx_model import OnnxModel  # the engine's sessions: the checks test what will serve

DEFAULT_OPSET = 17
GRAPH_CONTRACT = 2  # what export_graphs writes (export/onnx_graphs.py; the manifest's `contract`)
CONTRIB_OPSET = {"com.microsoft": 1}  # ONNX Runtime's contrib operators (export/fused_ops.py)
PARITY_TOLERANCE = 1e-4  # max abs difference of log-probs, ONNX Runtime vs PyTorch


class ExportCheckError(RuntimeError):
    """An exported graph that does not behave like the PyTorch model."""


def export_graphs(model: Transformer, out_dir: Path, opset: int = DEFAULT_OPSET,
                  fused: bool = False) -> tuple[Path, Path]:
    """Trace encoder.onnx and decoder.onnx into `out_dir` with batch, source length and cache
    length as dynamic axes; `fused`: with ONNX Runtime's fused operators (export/fused_ops.py)."""
    model = model.eval()
    cfg = model.config
    n = cfg.n_decoder_layers
    cross, cache, new = cache_names(n, "cross"), cache_names(n, "cache"), cache_names(n, "new")
    # The wrappers must be in eval mode themselves: the exporter restores each module's mode after
    # tracing, and a wrapper left in training mode would switch the wrapped model's dropout back on.
    encoder_graph, decoder_graph = EncoderGraph(model, fused).eval(), DecoderStepGraph(model, fused).eval()
    batch, src_len, cache_len = 2, 5, 3  # example sizes; every one of them is a dynamic axis
    src = torch.randint(4, cfg.src_vocab_size, (batch, src_len))
    src_mask = torch.ones(batch, src_len, dtype=torch.long)
    encoder_path, decoder_path = out_dir / "encoder.onnx", out_dir / "decoder.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python-side shape checks
        torch.onnx.export(
            encoder_graph, (src, src_mask), str(encoder_path), dynamo=False, opset_version=opset, custom_opsets=CONTRIB_OPSET if fused else None,
            input_names=["src_tokens", "src_mask"], output_names=cross,
            dynamic_axes={"src_tokens": {0: "batch", 1: "src_len"}, "src_mask": {0: "batch", 1: "src_len"},
                          **{name: {0: "batch", 2: "src_len"} for name in cross}})
        cross_kv = encoder_graph(src, src_mask)
        shape = (batch, cfg.n_heads, cache_len, cfg.head_dim)
        cache_kv = tuple(torch.randn(shape) for _ in cache)
        inputs = (torch.full((batch, 1), cfg.bos_id), torch.full((batch, 1), cache_len), src_mask,
                  torch.ones(batch, cache_len, dtype=torch.long), *cache_kv, *cross_kv)
        torch.onnx.export(
            decoder_graph, inputs, str(decoder_path), dynamo=False, opset_version=opset, custom_opsets=CONTRIB_OPSET if fused else None,
            input_names=["tokens", "positions", "src_mask", "cache_mask", *cache, *cross],
            output_names=["log_probs", *new],
            dynamic_axes={"tokens": {0: "batch"}, "positions": {0: "batch"},
                          "src_mask": {0: "batch", 1: "src_len"}, "cache_mask": {0: "batch", 1: "cache_len"},
                          **{name: {0: "batch", 2: "cache_len"} for name in cache},
                          **{name: {0: "batch", 2: "src_len"} for name in cross},
                          "log_probs": {0: "batch"}, **{name: {0: "batch"} for name in new}})
    add_top_k(decoder_path)
    assert not model.training, "export left the model in training mode"
    for path in (encoder_path, decoder_path):
        name_folded_weights(path, model)
    return encoder_path, decoder_path


def add_top_k(path: Path) -> None:
    """Append TopK to the decoder: each row's best `top_k` tokens and their log-probs, best first, so
    that beam search reads K candidates per row instead of the whole vocabulary. K is an input (the
    engine asks for 2·beam + 1 of the widest beam in the step)."""
    graph = onnx.load(str(path))
    graph.graph.input.insert(4, onnx.helper.make_tensor_value_info("top_k", onnx.TensorProto.INT64, [1]))
    graph.graph.node.append(onnx.helper.make_node("TopK", ["log_probs", "top_k"], ["top_log_probs", "top_ids"],
                                                  name="/top_k/TopK", axis=-1, largest=1, sorted=1))
    outputs = [onnx.helper.make_tensor_value_info("top_log_probs", onnx.TensorProto.FLOAT, ["batch", "top_k"]),
               onnx.helper.make_tensor_value_info("top_ids", onnx.TensorProto.INT64, ["batch", "top_k"])]
    for i, output in enumerate(outputs):
        graph.graph.output.insert(1 + i, output)
    onnx.save(graph, str(path))


def name_folded_weights(path: Path, model: torch.nn.Module) -> int:
    """Give the weights that constant folding stored transposed (as `onnx::MatMul_N`) the name of
    their PyTorch parameter plus `.T`, so tools (the CTranslate2 converter, people reading the graph)
    find every weight by name: `model.<parameter>` in PyTorch layout, `model.<parameter>.T` in
    [in, out] layout. Matched by value; returns how many were renamed."""
    graph = onnx.load(str(path))
    by_value: dict[bytes, list[str]] = {}
    for name, param in model.named_parameters(prefix="model", remove_duplicate=False):
        if param.dim() == 2:
            by_value.setdefault(param.detach().t().contiguous().numpy().tobytes(), []).append(name)
    renames: dict[str, str] = {}
    for init in graph.graph.initializer:
        if not init.name.startswith("onnx::"):
            continue
        names = by_value.get(onnx.numpy_helper.to_array(init).tobytes())
        if names is None:
            continue
        if len(set(names)) > 1 and not _tied(model, names):
            raise ExportCheckError(f"{path.name}: weight {init.name} matches several parameters: {names}")
        renames[init.name] = _preferred_name(names) + ".T"
        init.name = renames[init.name]
    for node in graph.graph.node:
        node.input[:] = [renames.get(i, i) for i in node.input]
    renamed = len(renames) + _name_position_tables(graph, model)
    onnx.save(graph, str(path))
    return renamed


def _name_position_tables(graph: onnx.ModelProto, model: torch.nn.Module) -> int:
    """The sinusoid tables are buffers the tracer inlines as anonymous Constant nodes; turn each into
    an initializer named after its buffer (`model.src_pos.table`, `model.tgt_pos.table`)."""
    tables = {f"model.{name}": buf.numpy() for name, buf in model.named_buffers() if name.endswith("pos.table")}
    existing = {init.name for init in graph.graph.initializer}
    kept = []
    for node in graph.graph.node:
        value = next((a.t for a in node.attribute if a.name == "value"), None) if node.op_type == "Constant" else None
        array = onnx.numpy_helper.to_array(value) if value is not None else None
        name = next((n for n, t in tables.items() if array is not None and array.shape == t.shape
                     and np.array_equal(array, t) and f"/{n.split('.')[1]}/" in node.name), None)
        if name is None:
            kept.append(node)
            continue
        if name not in existing:
            graph.graph.initializer.append(onnx.numpy_helper.from_array(array, name))
            existing.add(name)
        for other in graph.graph.node:
            other.input[:] = [name if i == node.output[0] else i for i in other.input]
    removed = len(graph.graph.node) - len(kept)
    del graph.graph.node[:]
    graph.graph.node.extend(kept)
    return removed


def _tied(model: torch.nn.Module, names: list[str]) -> bool:
    params = dict(model.named_parameters(prefix="model", remove_duplicate=False))
    return len({id(params[n]) for n in names}) == 1


def _preferred_name(names: list[str]) -> str:
    """A tied output projection is used transposed as `output.weight`; name it so."""
    return next((n for n in names if n.endswith("output.weight")), names[0])


def check_onnx_model(path: Path) -> None:
    try:
        onnx.checker.check_model(str(path), full_check=True)
    except onnx.checker.ValidationError as exc:
        raise ExportCheckError(f"{path.name}: onnx.checker: {exc}") from exc


def teacher_forced_log_probs(onnx_model: OnnxModel, src: np.ndarray, tgt: np.ndarray, pad_id: int) -> np.ndarray:
    """Log-probs (B, T, V) of every target position, one cached step at a time."""
    src_mask = (src != pad_id).astype(np.int64)
    cross = onnx_model.encode(src, src_mask)
    past = onnx_model.empty_cache(src.shape[0])
    out = []
    for t in range(tgt.shape[1]):
        self_mask = np.ones((src.shape[0], t + 1), np.int64)
        positions = np.full((src.shape[0], 1), t, np.int64)
        log_probs, past = onnx_model.step(tgt[:, t: t + 1], positions, src_mask, self_mask, past, cross)
        out.append(log_probs)
    return np.stack(out, axis=1)


def check_parity(model: Transformer, onnx_model: OnnxModel, seed: int = 0,
                 shapes: tuple[tuple[int, int, int], ...] = ((1, 1, 1), (3, 7, 5), (7, 20, 12), (16, 50, 30))) -> float:
    """Max abs log-prob difference between ONNX Runtime and PyTorch over padded random batches of
    (batch, src_len, tgt_len); raises ExportCheckError past PARITY_TOLERANCE."""
    cfg = model.config
    rng = np.random.default_rng(seed)
    worst = 0.0
    for batch, src_len, tgt_len in shapes:
        src = rng.integers(4, cfg.src_vocab_size, (batch, src_len), dtype=np.int64)
        for row in range(1, batch):  # rows of different real lengths, padded on the right
            src[row, rng.integers(1, src_len + 1):] = cfg.pad_id
        tgt = rng.integers(4, cfg.tgt_vocab_size, (batch, tgt_len), dtype=np.int64)
        tgt[:, 0] = cfg.bos_id
        with torch.no_grad():
            src_t, tgt_t = torch.from_numpy(src), torch.from_numpy(tgt)
            src_mask = padding_mask(src_t, cfg.pad_id)
            logits = model.decode(model.encode(src_t, src_mask), src_mask, tgt_t,
                                  torch.ones(tgt_len, tgt_len, dtype=torch.bool).tril().expand(batch, -1, -1))
            expected = model.log_probs(logits).numpy()
        actual = teacher_forced_log_probs(onnx_model, src, tgt, cfg.pad_id)
        with np.errstate(invalid="ignore"):  # a suppressed token is -inf on both sides: no difference
            diff = float(np.abs(np.where(actual == expected, 0.0, actual - expected)).max())
        worst = max(worst, diff)
        if not diff <= PARITY_TOLERANCE:
            raise ExportCheckError(f"ONNX Runtime log-probs differ from PyTorch by {diff:.2e} "
                                   f"(limit {PARITY_TOLERANCE:.0e}) on batch {batch}, source length {src_len}, "
                                   f"target length {tgt_len}")
    return worst


def onnx_greedy(onnx_model: OnnxModel, src: np.ndarray, model_config: dict, limit: LengthLimit) -> list[list[int]]:
    """Greedy tokens through the two graphs: the serving engine's own greedy search, with the
    reference's length limit."""
    options = DecodingOptions(max_length_a=limit.a, max_length_b=limit.b, max_length=limit.hard_cap)
    special = SpecialTokens(pad=model_config["pad_id"], bos=model_config["bos_id"], eos=model_config["eos_id"])
    return [h.tokens for h in greedy_search(onnx_model, src, options, special)]


def check_greedy_agreement(model: Transformer, onnx_model: OnnxModel, batches: list[np.ndarray],
                           limit: LengthLimit = LengthLimit()) -> int:
    """Greedy tokens through ONNX Runtime must equal the PyTorch reference's on every sentence;
    returns the number of sentences compared."""
    cfg = model.config
    compared = 0
    for src in batches:
        expected = [h.tokens for h in greedy_decode(model, torch.from_numpy(src), limit)]
        actual = onnx_greedy(onnx_model, src, cfg.to_dict(), limit)
        for row, (e, a) in enumerate(zip(expected, actual)):
            if e != a:
                raise ExportCheckError(f"greedy decoding through ONNX Runtime differs from PyTorch on sentence "
                                       f"{compared + row}: {a} vs {e}")
        compared += len(expected)
    return compared
