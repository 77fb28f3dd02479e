"""Hugging Face Marian (OPUS-MT) checkpoints, read into our own Transformer.

    files = check_checkpoint(Path("opus-mt-ko-en"))         # every file checked before any work
    original = load_original(files)                          # transformers' MarianMTModel, eval mode
    model = to_transformer(original, marian_model_config(files))

Marian is the paper's post-LN Transformer with a few differences, each an option of our ModelConfig
(export/config.py) rather than a special case: the sinusoid table holds all sines then all cosines,
the embeddings may or may not be scaled by sqrt(d_model), source and target may share one embedding
matrix, the output projection has a bias (final_logits_bias), the feed-forward activation comes from
the config (swish for OPUS-MT), decoding starts from the pad token, and generate() never produces the
tokens of `bad_words_ids` (the pad token). Once loaded, the model exports, is checked and is
quantized by exactly the code that serves our own models.

Weights load from model.safetensors. pytorch_model.bin is a pickle: loading it can run code from the
file, so it is refused unless the caller says so (`allow_pickle`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from export.config import ModelConfig
from export.decoding import LengthLimit, greedy_decode
from export.model import Transformer, make_model, padding_mask
from service.text import tokenizers

SAFE_WEIGHTS = "model.safetensors"
PICKLE_WEIGHTS = "pytorch_model.bin"
PARITY_TOLERANCE = 1e-4  # max abs log-prob difference, our Transformer vs transformers' MarianMTModel
ACTIVATIONS = {"swish": "swish", "silu": "swish", "gelu": "gelu", "relu": "relu"}  # transformers' name → ours
EXPECTED = (f"a MarianMTModel saved by save_pretrained (config.json, {SAFE_WEIGHTS}) with its MarianTokenizer "
            "files (source.spm, target.spm, vocab.json)")


class CheckpointError(ValueError):
    """A checkpoint that cannot be imported; the message names the file and what was expected."""


@dataclass(frozen=True)
class MarianFiles:
    """A checked checkpoint folder: its parsed configs and the paths of every file the import reads."""

    folder: Path
    config: dict[str, Any]  # config.json
    generation: dict[str, Any]  # generation_config.json ({} when absent: config.json holds the same keys)
    tokenizer: dict[str, Any]  # tokenizer_config.json ({} when absent)
    weights: Path
    source_spm: Path
    target_spm: Path
    vocab: Path
    target_vocab: Path | None  # separate target vocabulary (tokenizer_config.json: separate_vocabs)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CheckpointError(f"{path}: unreadable ({exc}); expected a JSON file") from exc


def _need(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise CheckpointError(f"{path} is missing: expected {EXPECTED}")
    return path


def check_checkpoint(folder: Path, allow_pickle: bool = False) -> MarianFiles:
    """Every file of the checkpoint present and consistent (architecture, vocabulary sizes, special
    ids), before anything is loaded; raises CheckpointError naming the file and what was expected."""
    if not folder.is_dir():
        raise CheckpointError(f"{folder} is not a folder: expected {EXPECTED}")
    config_path = _need(folder, "config.json")
    config = _read_json(config_path)
    architectures = config.get("architectures") or ["MarianMTModel"]
    if config.get("model_type") != "marian" or "MarianMTModel" not in architectures:
        raise CheckpointError(f"{config_path}: model_type {config.get('model_type')!r}, architectures {architectures}: "
                              "expected a Marian translation model (model_type 'marian', MarianMTModel)")
    weights = folder / SAFE_WEIGHTS
    if not weights.is_file():
        pickled = folder / PICKLE_WEIGHTS
        if not pickled.is_file():
            raise CheckpointError(f"{weights} is missing: expected the weights as safetensors")
        if not allow_pickle:
            raise CheckpointError(f"{pickled} is a pickle, and loading a pickle can run code from the file; "
                                  f"expected {SAFE_WEIGHTS}. Convert it, or pass --allow-pickle if you trust where "
                                  "the file comes from")
        weights = pickled
    generation_path, tokenizer_path = folder / "generation_config.json", folder / "tokenizer_config.json"
    generation = _read_json(generation_path) if generation_path.is_file() else {}
    tokenizer = _read_json(tokenizer_path) if tokenizer_path.is_file() else {}
    files = MarianFiles(folder, config, generation, tokenizer, weights, _need(folder, "source.spm"),
                        _need(folder, "target.spm"), _need(folder, "vocab.json"),
                        _need(folder, "target_vocab.json") if tokenizer.get("separate_vocabs") else None)
    _check_vocabularies(files)
    return files


def read_vocab(path: Path) -> dict[str, int]:
    try:
        return tokenizers.read_vocab(path)  # as the serving side will read it
    except (OSError, ValueError) as exc:
        raise CheckpointError(f"{path}: unreadable ({exc}); expected a JSON object of piece → integer id") from exc


def _check_vocabularies(files: MarianFiles) -> None:
    cfg = files.config
    source_size = int(cfg.get("vocab_size", 0))
    target_size = int(cfg.get("decoder_vocab_size") or source_size)
    for path, size, key in ((files.vocab, source_size, "vocab_size"),
                            (files.target_vocab or files.vocab, target_size, "decoder_vocab_size")):
        vocab = read_vocab(path)
        if sorted(vocab.values()) != list(range(size)):
            raise CheckpointError(f"{path}: {len(vocab)} pieces with ids up to {max(vocab.values(), default=-1)}, "
                                  f"but config.json says {key}={size}: expected ids 0 to {size - 1}, each once "
                                  "(the vocabulary does not belong to this model)")
        for piece, key_id in (("</s>", "eos_token_id"), ("<pad>", "pad_token_id")):
            if piece in vocab and vocab[piece] != cfg.get(key_id):
                raise CheckpointError(f"{path}: {piece!r} has id {vocab[piece]}, but config.json says "
                                      f"{key_id}={cfg.get(key_id)}")
    if "<unk>" not in read_vocab(files.vocab):
        raise CheckpointError(f"{files.vocab}: no '<unk>' piece: expected one for pieces outside the vocabulary")


def _suppressed(files: MarianFiles) -> tuple[int, ...]:
    """transformers' generate() never produces the tokens of `bad_words_ids` (OPUS-MT: [[pad]])."""
    bad = files.generation.get("bad_words_ids", files.config.get("bad_words_ids")) or []
    if any(len(words) != 1 for words in bad):
        raise CheckpointError(f"{files.folder}: bad_words_ids {bad}: only single tokens can be banned here")
    return tuple(sorted({int(words[0]) for words in bad}))


def marian_model_config(files: MarianFiles) -> ModelConfig:
    """Marian's config.json as our ModelConfig (dropout 0: an imported model is only decoded)."""
    cfg, path = files.config, files.folder / "config.json"
    for ours, a, b in (("n_heads", "encoder_attention_heads", "decoder_attention_heads"),
                       ("d_ff", "encoder_ffn_dim", "decoder_ffn_dim")):
        if cfg.get(a) != cfg.get(b):
            raise CheckpointError(f"{path}: {a}={cfg.get(a)} and {b}={cfg.get(b)}: expected equal ({ours} is one value)")
    activation = cfg.get("activation_function", "gelu")
    if activation not in ACTIVATIONS:
        raise CheckpointError(f"{path}: activation_function {activation!r}: expected one of {sorted(ACTIVATIONS)}")
    eos = cfg.get("eos_token_id", 0)
    if not isinstance(eos, int):
        raise CheckpointError(f"{path}: eos_token_id {eos!r}: expected one id")
    pad = int(cfg["pad_token_id"])
    try:
        return ModelConfig(
            src_vocab_size=int(cfg["vocab_size"]), tgt_vocab_size=int(cfg.get("decoder_vocab_size") or cfg["vocab_size"]),
            d_model=int(cfg["d_model"]), n_heads=int(cfg["encoder_attention_heads"]),
            n_encoder_layers=int(cfg["encoder_layers"]), n_decoder_layers=int(cfg["decoder_layers"]),
            d_ff=int(cfg["encoder_ffn_dim"]), dropout=0.0, max_positions=int(cfg["max_position_embeddings"]),
            positional="sinusoidal", norm="post", tie_output=bool(cfg.get("tie_word_embeddings", True)),
            pad_id=pad, unk_id=read_vocab(files.vocab)["<unk>"], eos_id=eos,
            bos_id=int(cfg.get("decoder_start_token_id", pad)), sinusoid_layout="concatenated",
            activation=ACTIVATIONS[activation], scale_embeddings=bool(cfg.get("scale_embedding", False)),
            share_embeddings=bool(cfg.get("share_encoder_decoder_embeddings", True)), output_bias=True,
            suppress_ids=_suppressed(files))
    except (KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{path}: {exc!r}: expected a complete MarianConfig") from exc


def load_original(files: MarianFiles) -> torch.nn.Module:
    """transformers' MarianMTModel from the checked files; every weight must be in the file (transformers
    would initialize a missing one at random and only warn)."""
    from transformers import MarianMTModel

    try:
        model, info = MarianMTModel.from_pretrained(files.folder, use_safetensors=files.weights.name == SAFE_WEIGHTS,
                                                    output_loading_info=True)
    except (OSError, RuntimeError, ValueError) as exc:
        raise CheckpointError(f"{files.weights}: could not be loaded as this config's MarianMTModel: {exc}") from exc
    optional = ("embed_positions", "final_logits_bias")  # computed, or zeros when absent (as transformers does)
    missing = [k for k in info["missing_keys"] if not any(o in k for o in optional)]
    mismatched = info.get("mismatched_keys") or []
    if missing or mismatched:
        raise CheckpointError(f"{files.weights}: missing weights {missing[:5]}, wrong shapes {mismatched[:5]}: "
                              "expected every weight of the model config.json describes")
    return model.eval()


def _attention(ours: str, theirs: str) -> dict[str, str]:
    pairs = (("w_q", "q_proj"), ("w_k", "k_proj"), ("w_v", "v_proj"), ("w_o", "out_proj"))
    return {f"{ours}.{a}.{p}": f"{theirs}.{b}.{p}" for a, b in pairs for p in ("weight", "bias")}


def _layer_norm(ours: str, theirs: str) -> dict[str, str]:
    return {f"{ours}.{p}": f"{theirs}.{p}" for p in ("weight", "bias")}


def _feed_forward(ours: str, theirs: str) -> dict[str, str]:
    return {f"{ours}.{a}.{p}": f"{theirs}.{b}.{p}" for a, b in (("w_1", "fc1"), ("w_2", "fc2"))
            for p in ("weight", "bias")}


def weight_names(config: ModelConfig) -> dict[str, str]:
    """Our parameter name → MarianMTModel's, for every weight."""
    names = {"src_embed.weight": "model.encoder.embed_tokens.weight",
             "tgt_embed.weight": "model.decoder.embed_tokens.weight", "output.weight": "lm_head.weight"}
    for i in range(config.n_encoder_layers):
        ours, theirs = f"encoder_layers.{i}", f"model.encoder.layers.{i}"
        names |= _attention(f"{ours}.self_attn", f"{theirs}.self_attn")
        names |= _layer_norm(f"{ours}.sublayers.0.norm", f"{theirs}.self_attn_layer_norm")
        names |= _feed_forward(f"{ours}.ffn", theirs)
        names |= _layer_norm(f"{ours}.sublayers.1.norm", f"{theirs}.final_layer_norm")
    for i in range(config.n_decoder_layers):
        ours, theirs = f"decoder_layers.{i}", f"model.decoder.layers.{i}"
        names |= _attention(f"{ours}.self_attn", f"{theirs}.self_attn")
        names |= _layer_norm(f"{ours}.sublayers.0.norm", f"{theirs}.self_attn_layer_norm")
        names |= _attention(f"{ours}.cross_attn", f"{theirs}.encoder_attn")
        names |= _layer_norm(f"{ours}.sublayers.1.norm", f"{theirs}.encoder_attn_layer_norm")
        names |= _feed_forward(f"{ours}.ffn", theirs)
        names |= _layer_norm(f"{ours}.sublayers.2.norm", f"{theirs}.final_layer_norm")
    return names


def to_transformer(original: torch.nn.Module, config: ModelConfig) -> Transformer:
    """Our Transformer holding the original's weights (eval mode)."""
    theirs = dict(original.named_parameters(remove_duplicate=False))
    theirs.update(original.named_buffers())
    state = {ours: theirs[name].detach().clone() for ours, name in weight_names(config).items()}
    state["output_bias"] = theirs["final_logits_bias"].detach().reshape(-1).clone()
    model = make_model(config)
    if config.tie_output and not torch.equal(state["output.weight"], state["tgt_embed.weight"]):
        raise CheckpointError("lm_head.weight differs from the decoder embeddings although tie_word_embeddings is set")
    model.load_state_dict(state, strict=True)
    table = theirs.get("model.encoder.embed_positions.weight")
    if table is not None and not torch.allclose(table[: config.max_positions], model.src_pos.table, atol=1e-6):
        raise CheckpointError("the checkpoint's sinusoid table is not Marian's (sines, then cosines)")
    return model.eval()


def random_sources(config: ModelConfig, count: int = 16, seed: int = 0, max_len: int = 24) -> list[list[int]]:
    """Source id sequences (without EOS) drawn from the vocabulary's ordinary pieces, for the checks:
    they need no text in the model's source language."""
    rng = np.random.default_rng(seed)
    special = {config.pad_id, config.eos_id, config.unk_id, config.bos_id}
    ordinary = np.array([i for i in range(config.src_vocab_size) if i not in special])
    return [rng.choice(ordinary, int(rng.integers(1, max_len))).tolist() for _ in range(count)]


def padded(sources: list[list[int]], eos: int, pad: int) -> np.ndarray:
    """(B, S) int64: each source with its EOS, padded on the right."""
    out = np.full((len(sources), max(len(s) for s in sources) + 1), pad, np.int64)
    for i, s in enumerate(sources):
        out[i, : len(s) + 1] = [*s, eos]
    return out


@torch.no_grad()
def check_against_original(model: Transformer, original: torch.nn.Module, sources: list[list[int]],
                           limit: LengthLimit = LengthLimit()) -> dict[str, float]:
    """Our Transformer against transformers' MarianMTModel: teacher-forced log-probs on a padded batch
    within PARITY_TOLERANCE, and greedy tokens identical to `generate(num_beams=1, do_sample=False)`
    with the same length limit (and no forced EOS at the limit: see README, "OPUS-MT models").
    Raises CheckpointError; returns the figures for the manifest."""
    cfg = model.config
    src = torch.from_numpy(padded(sources, cfg.eos_id, cfg.pad_id))
    src_mask = padding_mask(src, cfg.pad_id)
    tgt = torch.from_numpy(np.random.default_rng(1).integers(0, cfg.tgt_vocab_size, (len(sources), 12)))
    tgt[:, 0] = cfg.bos_id
    ours = model.log_probs(model.decode(model.encode(src, src_mask), src_mask, tgt,
                                        torch.ones(12, 12, dtype=torch.bool).tril().expand(len(sources), -1, -1)))
    logits = original(input_ids=src, attention_mask=src_mask.long(), decoder_input_ids=tgt).logits
    theirs = model.log_probs(logits)  # the same suppression, so that -inf meets -inf
    diff = float(torch.where(ours == theirs, 0.0, ours - theirs).abs().max())
    if not diff <= PARITY_TOLERANCE:
        raise CheckpointError(f"the imported model's log-probs differ from transformers' MarianMTModel by {diff:.2e} "
                              f"(limit {PARITY_TOLERANCE:.0e})")
    expected = greedy_decode(model, src, limit)
    for i, s in enumerate(sources):
        generated = original_greedy(original, s, cfg, limit(len(s) + 1))
        if generated != expected[i].tokens:
            raise CheckpointError(f"greedy decoding of the imported model differs from transformers' generate() on "
                                  f"source {i}: {expected[i].tokens} vs {generated}")
    return {"max_abs_log_prob_diff_vs_transformers": diff, "greedy_agreement_with_transformers": len(sources)}


def original_greedy(original: torch.nn.Module, source: list[int], config: ModelConfig, limit: int) -> list[int]:
    """transformers' greedy tokens for one source (without EOS), cut as ours are: at most `limit` tokens
    EOS included, no EOS forced at the limit, without the start token and the EOS."""
    out = original.generate(input_ids=torch.tensor([[*source, config.eos_id]]), num_beams=1, do_sample=False,
                            max_length=limit + 1, min_new_tokens=0, forced_eos_token_id=None)[0].tolist()[1:]
    return out[: out.index(config.eos_id)] if config.eos_id in out else out
