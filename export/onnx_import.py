"""Rebuild the PyTorch Transformer from an exported version's ONNX graphs alone.

Every weight in the graphs carries its parameter's name (`model.<param>`, or `model.<param>.T` when
stored transposed; see export/onnx_export.py), so the model round-trips without its checkpoint: the
tests use this to run the PyTorch reference decoder on the committed model.
"""

from __future__ import annotations

from pathlib import Path

import onnx
import onnx.numpy_helper
import torch

from export.checkpoint import LoadedModel
from export.config import ModelConfig
from export.model import Transformer, make_model
from export.tokenizer import load_sentencepiece
from model_store import Manifest


def transformer_from_version(folder: str | Path) -> Transformer:
    folder = Path(folder)
    manifest = Manifest.read(folder / "manifest.json")
    if manifest.variant != "fp32":
        raise ValueError(f"{folder}: a {manifest.variant} variant holds quantized weights; rebuild from the fp32 one")
    model = make_model(ModelConfig.from_dict(manifest.model))
    weights: dict[str, torch.Tensor] = {}
    for graph in ("encoder.onnx", "decoder.onnx"):
        for init in onnx.load(str(folder / graph)).graph.initializer:
            if not init.name.startswith("model."):
                continue
            name, array = init.name.removeprefix("model."), onnx.numpy_helper.to_array(init)
            if name.endswith(".T"):
                name, array = name.removesuffix(".T"), array.T
            weights[name] = torch.from_numpy(array.copy())
    state = model.state_dict()
    # A tied weight (shared embeddings, tied output) is in the graphs once, under one of its names.
    params = dict(model.named_parameters(remove_duplicate=False))
    for name, param in params.items():
        if name not in weights:
            weights.update({name: weights[other] for other, p in params.items() if p is param and other in weights})
    missing = [n for n in state if n not in weights and not n.endswith("pos.table")]
    if missing:
        raise ValueError(f"{folder}: the graphs hold no weight for {missing[:5]}")
    model.load_state_dict({n: weights.get(n, state[n]) for n in state})
    return model.eval()


def loaded_from_version(folder: str | Path) -> LoadedModel:
    """A version folder as if it were its checkpoint: the model rebuilt from its graphs, its tokenizers
    and its training-data summary, so that `mt-export` can export it again (e.g. to a newer graph
    contract) and run every check it runs on a fresh checkpoint."""
    folder = Path(folder)
    manifest = Manifest.read(folder / "manifest.json")
    source, target = (folder / "source.spm").read_bytes(), (folder / "target.spm").read_bytes()
    return LoadedModel(transformer_from_version(folder), load_sentencepiece(source), load_sentencepiece(target),
                       source, target, {"data": manifest.training_data, "from_version": str(folder)})
