"""Self-contained checkpoints: weights, the ModelConfig, both SentencePiece models and the training
data summary, so that evaluation and export rebuild the model from the file alone."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sentencepiece as spm
import torch

from export.config import ModelConfig
from export.model import Transformer, make_model
from export.tokenizer import load_sentencepiece

FORMAT = 1


@dataclass
class LoadedModel:
    model: Transformer
    source_spm: spm.SentencePieceProcessor
    target_spm: spm.SentencePieceProcessor
    source_spm_bytes: bytes
    target_spm_bytes: bytes
    meta: dict[str, Any]  # everything else stored in the checkpoint (step, data summary, scores ...)


def save_checkpoint(path: Path, model: Transformer, source_spm: bytes, target_spm: bytes,
                    **meta: Any) -> None:
    """Write atomically (temp file + rename) so an interrupted save never leaves a torn checkpoint."""
    state = {"format": FORMAT, "model_config": model.config.to_dict(), "model": model.state_dict(),
             "source_spm": source_spm, "target_spm": target_spm, **meta}
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(state, tmp)
    tmp.replace(path)


def average_weights(paths: list[Path]) -> dict[str, torch.Tensor]:
    """The element-wise mean of the state dicts saved at `paths` (floating-point tensors; any other tensor is
    taken from the last file)."""
    states = [torch.load(p, map_location="cpu", weights_only=True) for p in paths]
    out = {}
    for name, last in states[-1].items():
        if last.is_floating_point():
            out[name] = torch.stack([s[name].to(torch.float64) for s in states]).mean(dim=0).to(last.dtype)
        else:
            out[name] = last.clone()
    return out


def read_checkpoint(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint not found: {path}")
    state = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"{path}: not a checkpoint of this project (format {FORMAT})")
    return state


def load_model(path: str | Path) -> LoadedModel:
    state = read_checkpoint(path)
    model = make_model(ModelConfig.from_dict(state["model_config"]))
    model.load_state_dict(state["model"])
    model.eval()
    meta = {k: v for k, v in state.items()
            if k not in ("model", "model_config", "source_spm", "target_spm", "optimizer")}
    return LoadedModel(model, load_sentencepiece(state["source_spm"]), load_sentencepiece(state["target_spm"]),
                       state["source_spm"], state["target_spm"], meta)
