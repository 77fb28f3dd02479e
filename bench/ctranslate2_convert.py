"""Convert an exported model version into a CTranslate2 model that runs the same weights.

    python -m bench.ctranslate2_convert model_store/ko-en/1 --output /tmp/ct2-ko-en [--force] [--quantization int8]

    converter = ExportedModelConverter.from_version_dir("model_store/ko-en/1")
    converter.convert("/tmp/ct2-ko-en")
    translator = ctranslate2.Translator("/tmp/ct2-ko-en", device="cpu")
    ct2_translate_ids(translator, [[1042, 17, 3]], converter.target_vocab, source_vocab=converter.source_vocab)

CTranslate2 is the benchmark's speed reference, so it must compute the function our ONNX graphs
compute. The weights are read by name from the two fp32 graphs (`model.<parameter>` in PyTorch
layout, `model.<parameter>.T` stored [in, out]; export/onnx_export.py: name_folded_weights) and laid
out in a `TransformerSpec` the way CTranslate2's own converters do (converters/opennmt_py.py and
fairseq.py; specs/transformer_spec.py):

- Post-LN (our default) is `pre_norm=False`: CTranslate2 then applies each sub-layer's `layer_norm`
  after the residual add, LayerNorm(x + Sublayer(x)) (src/layers/transformer.cc, attention.cc), and
  the spec has no final encoder/decoder `layer_norm` (it exists only for pre-norm). Pre-LN is
  `pre_norm=True`: the sub-layer norms apply to the sub-layer input and the stacks' final norms are
  our `encoder_norm` / `decoder_norm`.
- Self-attention Q, K, V are fused into one linear ([3d, d]); cross-attention keeps Q alone and
  fuses K, V ([2d, d]); the output projection comes last. Cross-attention K/V live in encoder.onnx,
  the rest of the decoder in decoder.onnx.
- Positions: CTranslate2's built-in sinusoid concatenates [sin | cos], ours interleaves sin (even
  dimensions) and cos (odd), so `position_encodings.encodings` is set to our exported tables
  (`model.src_pos.table`, `model.tgt_pos.table`; row p is position p, the first token is at 0).
- Embeddings are scaled by sqrt(d_model) (`scale_embeddings`); the output projection has no bias;
  a tied output projection is the target embedding matrix (CTranslate2 stores it once, as an alias).
- Vocabularies are the SentencePiece pieces in id order, so CTranslate2's token ids are ours, <pad>
  at id 0 included (CTranslate2 masks padding by length, it never needs a pad token). unk/bos/eos
  are the pieces at our unk/bos/eos ids ("<unk>", "<s>", "</s>"), decoding starts from BOS
  (`decoder_start_token`), and `add_source_eos` makes CTranslate2 end every source with EOS, as
  our encoder input does; the sources it is given are therefore the pieces without EOS.
- LayerNorm epsilon 1e-5 (PyTorch's default), ReLU feed-forward, biases on every attention and
  feed-forward linear.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from export.config import ModelConfig
from model_store import MANIFEST, DamagedVersion, Manifest, ManifestError, sha256_file, verify_version_dir

LAYER_NORM_EPSILON = 1e-5  # torch.nn.LayerNorm's default, what the exported graphs use
# CTranslate2's weight types (ctranslate2.specs.model_spec.ACCEPTED_MODEL_TYPES), listed here so
# that --help works without CTranslate2 installed; convert() checks them against the library.
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
# Operators of a quantized graph (onnxruntime.quantization): such a graph holds no fp32 weights.
QUANTIZED_OPS = frozenset({"MatMulInteger", "DynamicQuantizeLinear", "QuantizeLinear", "DequantizeLinear",
                           "QLinearMatMul", "ConvInteger", "QLinearConv", "MatMulNBits"})
PROVENANCE_FILE = "kotranslate_conversion.json"  # written beside CTranslate2's files: what was converted
DEFAULT_MAX_DECODING_LENGTH = 256


class ConversionError(ValueError):
    """An input the converter cannot turn into the same model; the message names the file (and weight)."""


def _ctranslate2():
    try:
        import ctranslate2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("CTranslate2 is not installed: pip install 'ctranslate2>=4.4,<5'") from exc
    return ctranslate2


# --- Reading the graphs -------------------------------------------------------------------------


class GraphWeights:
    """The named float32 initializers of one exported ONNX graph, handed out in PyTorch layout."""

    def __init__(self, path: Path) -> None:
        import onnx
        from onnx import numpy_helper

        self.path = Path(path)
        if not self.path.is_file():
            raise ConversionError(f"{self.path}: missing")
        try:
            graph = onnx.load(str(self.path)).graph
        except Exception as exc:  # onnx raises protobuf DecodeError, OSError, ...
            raise ConversionError(f"{self.path}: not a readable ONNX model: {exc}") from exc
        quantized = sorted({node.op_type for node in graph.node} & QUANTIZED_OPS)
        if quantized:
            raise ConversionError(
                f"{self.path}: a quantized graph (operators {', '.join(quantized)}): its weights are no longer "
                "float32. Convert the fp32 version; CTranslate2 quantizes itself (--quantization int8 here, "
                "or compute_type when loading)")
        self._arrays: dict[str, np.ndarray] = {}
        for init in graph.initializer:
            if not init.name.startswith("model."):
                continue  # shape constants and the like, not weights
            array = numpy_helper.to_array(init)
            if array.dtype != np.float32:
                raise ConversionError(f"{self.path}: initializer {init.name!r} is {array.dtype}, expected float32 "
                                      "(a quantized or half-precision graph? convert the fp32 version)")
            self._arrays[init.name] = array
        self._used: set[str] = set()

    def has(self, name: str) -> bool:
        return name in self._arrays or f"{name}.T" in self._arrays

    def get(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Parameter `name` in PyTorch layout, stored either as `name` or transposed as `name.T`."""
        if name in self._arrays:
            stored, array = name, self._arrays[name].copy()  # CTranslate2 quantizes in place
            expected_stored = shape
        elif f"{name}.T" in self._arrays:
            stored = f"{name}.T"
            array = np.ascontiguousarray(self._arrays[stored].T)
            expected_stored = shape[::-1]
        else:
            raise ConversionError(
                f"{self.path}: missing initializer {name!r} (nor {name + '.T'!r}): not a graph exported by "
                "export/onnx_export.py, or one the model config does not describe")
        if tuple(array.shape) != tuple(shape):
            raise ConversionError(
                f"{self.path}: initializer {stored!r} has shape {list(self._arrays[stored].shape)}, expected "
                f"{list(expected_stored)} from the model config")
        self._used.add(stored)
        return array

    def unused(self) -> list[str]:
        return sorted(set(self._arrays) - self._used)


# --- The converter ------------------------------------------------------------------------------


class ExportedModelConverter:
    """Converts an exported model (encoder.onnx, decoder.onnx, vocabularies, model config) to the
    CTranslate2 format, in the style of CTranslate2's own converters (`convert(output_dir, ...)`).

    `model_config` is the manifest's "model" (export.config.ModelConfig as a dict); the
    vocabularies are the token strings in id order (the SentencePiece pieces, or made-up strings
    such as "<pad>", "<unk>", "<s>", "</s>", "t4", ... for a model without SentencePiece models).
    Inputs are checked here and in `convert`, before anything is written.
    """

    def __init__(self, model_config: dict[str, Any] | ModelConfig, encoder_onnx: str | Path,
                 decoder_onnx: str | Path, source_vocab: Sequence[str], target_vocab: Sequence[str]) -> None:
        try:
            self.config = (model_config if isinstance(model_config, ModelConfig)
                           else ModelConfig.from_dict(dict(model_config)))
        except (TypeError, ValueError) as exc:
            raise ConversionError(f"model config: {exc}") from exc
        self.model_config = self.config.to_dict()
        self.encoder_onnx = Path(encoder_onnx)
        self.decoder_onnx = Path(decoder_onnx)
        for path in (self.encoder_onnx, self.decoder_onnx):
            if not path.is_file():
                raise ConversionError(f"{path}: missing")
        self.source_vocab = list(source_vocab)
        self.target_vocab = list(target_vocab)
        self._check_vocabularies()
        self.version_dir: Path | None = None  # set by from_version_dir
        self.manifest: Manifest | None = None

    @classmethod
    def from_version_dir(cls, path: str | Path) -> ExportedModelConverter:
        """A verified model_store version folder: manifest.json, both graphs, source.spm, target.spm."""
        import sentencepiece as spm

        path = Path(path)
        if not path.is_dir():
            raise ConversionError(f"{path}: not a directory (expected a model_store/<name>/<version>/ folder)")
        if not (path / MANIFEST).is_file():
            raise ConversionError(f"{path}: not an exported model version: {path / MANIFEST} is missing")
        try:
            manifest = verify_version_dir(path)  # every file present and matching its sha256
        except DamagedVersion as exc:
            raise ConversionError(f"{path}: not a complete exported model version: {exc}") from exc
        except ManifestError as exc:  # pragma: no cover - verify_version_dir wraps these
            raise ConversionError(str(exc)) from exc
        if manifest.variant != "fp32":
            raise ConversionError(
                f"{path / MANIFEST}: variant {manifest.variant!r}: its weights are quantized. Convert the fp32 "
                "version; CTranslate2 quantizes itself (--quantization int8 here, or compute_type when loading)")
        vocabularies = []
        for name in ("source.spm", "target.spm"):
            processor = spm.SentencePieceProcessor()
            try:
                processor.LoadFromSerializedProto((path / name).read_bytes())
            except (OSError, RuntimeError) as exc:
                raise ConversionError(f"{path / name}: not a readable SentencePiece model: {exc}") from exc
            ids = (processor.pad_id(), processor.unk_id(), processor.bos_id(), processor.eos_id())
            expected = tuple(manifest.model.get(k) for k in ("pad_id", "unk_id", "bos_id", "eos_id"))
            if ids != expected:
                raise ConversionError(f"{path / name}: special ids (pad, unk, bos, eos) = {ids}, the manifest says "
                                      f"{expected}")
            vocabularies.append([processor.id_to_piece(i) for i in range(processor.get_piece_size())])
        converter = cls(manifest.model, path / "encoder.onnx", path / "decoder.onnx", *vocabularies)
        converter.version_dir, converter.manifest = path, manifest
        return converter

    def _check_vocabularies(self) -> None:
        cfg = self.config
        for side, vocab, size in (("source", self.source_vocab, cfg.src_vocab_size),
                                  ("target", self.target_vocab, cfg.tgt_vocab_size)):
            if len(vocab) != size:
                raise ConversionError(f"{side} vocabulary: {len(vocab)} tokens, the model config says {size}")
            first: dict[str, int] = {}
            for i, token in enumerate(vocab):
                if not isinstance(token, str) or not token:
                    raise ConversionError(f"{side} vocabulary: token {i} is {token!r}, expected a non-empty string")
                if token in first:  # CTranslate2 maps strings to ids: a duplicate would shift ids
                    raise ConversionError(f"{side} vocabulary: token {token!r} appears at ids {first[token]} and {i}")
                first[token] = i
        for name in ("pad_id", "unk_id", "bos_id", "eos_id"):
            i = getattr(cfg, name)
            if not 0 <= i < min(cfg.src_vocab_size, cfg.tgt_vocab_size):
                raise ConversionError(f"model config: {name}={i} is outside the vocabularies")
        if len({cfg.pad_id, cfg.unk_id, cfg.bos_id, cfg.eos_id}) != 4:
            raise ConversionError("model config: pad, unk, bos and eos ids must differ")
        # CTranslate2 has one unk/bos/eos token string for both vocabularies.
        for name in ("unk_id", "bos_id", "eos_id"):
            i = getattr(cfg, name)
            if self.source_vocab[i] != self.target_vocab[i]:
                raise ConversionError(f"{name}={i} is {self.source_vocab[i]!r} in the source vocabulary but "
                                      f"{self.target_vocab[i]!r} in the target vocabulary")

    # --- the specification ---

    def build_spec(self):
        """The validated `ctranslate2.specs.TransformerSpec` holding this model's weights (nothing written)."""
        _ctranslate2()
        from ctranslate2.converters.utils import fuse_linear
        from ctranslate2.specs import common_spec, transformer_spec

        cfg = self.config
        d, ff, p = cfg.d_model, cfg.d_ff, cfg.max_positions
        enc, dec = GraphWeights(self.encoder_onnx), GraphWeights(self.decoder_onnx)
        pre_norm = cfg.norm == "pre"

        def linear(spec, weights: GraphWeights, prefix: str, n_out: int, n_in: int) -> None:
            spec.weight = weights.get(f"{prefix}.weight", (n_out, n_in))
            spec.bias = weights.get(f"{prefix}.bias", (n_out,))

        def fused(spec, parts: list[tuple[GraphWeights, str]]) -> None:
            linears = []
            for weights, prefix in parts:
                part = common_spec.LinearSpec()
                linear(part, weights, prefix, d, d)
                linears.append(part)
            fuse_linear(spec, linears)

        def layer_norm(spec, weights: GraphWeights, prefix: str) -> None:
            spec.gamma = weights.get(f"{prefix}.weight", (d,))
            spec.beta = weights.get(f"{prefix}.bias", (d,))

        def ffn(spec, weights: GraphWeights, prefix: str, norm: str) -> None:
            layer_norm(spec.layer_norm, weights, norm)
            linear(spec.linear_0, weights, f"{prefix}.ffn.w_1", ff, d)
            linear(spec.linear_1, weights, f"{prefix}.ffn.w_2", d, ff)

        encoder = transformer_spec.TransformerEncoderSpec(cfg.n_encoder_layers, cfg.n_heads, pre_norm=pre_norm,
                                                          activation=common_spec.Activation.RELU)
        decoder = transformer_spec.TransformerDecoderSpec(cfg.n_decoder_layers, cfg.n_heads, pre_norm=pre_norm,
                                                          activation=common_spec.Activation.RELU)

        encoder.embeddings[0].weight = enc.get("model.src_embed.weight", (cfg.src_vocab_size, d))
        encoder.scale_embeddings = True
        encoder.position_encodings.encodings = enc.get("model.src_pos.table", (p, d))
        if pre_norm:
            layer_norm(encoder.layer_norm, enc, "model.encoder_norm")
        for i, layer in enumerate(encoder.layer):
            prefix = f"model.encoder_layers.{i}"
            attn = layer.self_attention
            layer_norm(attn.layer_norm, enc, f"{prefix}.sublayers.0.norm")
            fused(attn.linear[0], [(enc, f"{prefix}.self_attn.w_{x}") for x in "qkv"])
            linear(attn.linear[1], enc, f"{prefix}.self_attn.w_o", d, d)
            ffn(layer.ffn, enc, prefix, f"{prefix}.sublayers.1.norm")

        decoder.scale_embeddings = True
        decoder.position_encodings.encodings = dec.get("model.tgt_pos.table", (p, d))
        vocab_shape = (cfg.tgt_vocab_size, d)
        if dec.has("model.output.weight"):
            decoder.projection.weight = dec.get("model.output.weight", vocab_shape)
        elif cfg.tie_output:
            decoder.projection.weight = dec.get("model.tgt_embed.weight", vocab_shape)
        else:
            dec.get("model.output.weight", vocab_shape)  # raises, naming the missing weight
        if dec.has("model.tgt_embed.weight") or not cfg.tie_output:
            decoder.embeddings.weight = dec.get("model.tgt_embed.weight", vocab_shape)
        else:
            decoder.embeddings.weight = decoder.projection.weight
        if cfg.tie_output and not np.array_equal(decoder.embeddings.weight, decoder.projection.weight):
            raise ConversionError(f"{self.decoder_onnx}: the model config says tie_output, but the output projection "
                                  "differs from the target embedding matrix")
        if pre_norm:
            layer_norm(decoder.layer_norm, dec, "model.decoder_norm")
        for i, layer in enumerate(decoder.layer):
            prefix = f"model.decoder_layers.{i}"
            attn = layer.self_attention
            layer_norm(attn.layer_norm, dec, f"{prefix}.sublayers.0.norm")
            fused(attn.linear[0], [(dec, f"{prefix}.self_attn.w_{x}") for x in "qkv"])
            linear(attn.linear[1], dec, f"{prefix}.self_attn.w_o", d, d)
            cross = layer.attention
            layer_norm(cross.layer_norm, dec, f"{prefix}.sublayers.1.norm")
            linear(cross.linear[0], dec, f"{prefix}.cross_attn.w_q", d, d)
            fused(cross.linear[1], [(enc, f"{prefix}.cross_attn.w_{x}") for x in "kv"])
            linear(cross.linear[2], dec, f"{prefix}.cross_attn.w_o", d, d)
            ffn(layer.ffn, dec, prefix, f"{prefix}.sublayers.2.norm")

        # Every weight of the graphs must have found its place: a left-over one means the config does
        # not describe the graphs (pre-LN graphs under a post-LN config, more layers than declared...).
        for weights in (enc, dec):
            if weights.unused():
                raise ConversionError(f"{weights.path}: initializers {weights.unused()} have no place in a "
                                      f"{cfg.norm}-LN model with {cfg.n_encoder_layers} encoder and "
                                      f"{cfg.n_decoder_layers} decoder layers: does the model config describe "
                                      "this graph?")

        spec = transformer_spec.TransformerSpec(encoder, decoder)
        tokens = self.target_vocab
        spec.config.unk_token = tokens[cfg.unk_id]
        spec.config.bos_token = tokens[cfg.bos_id]
        spec.config.eos_token = tokens[cfg.eos_id]
        spec.config.decoder_start_token = tokens[cfg.bos_id]
        spec.config.add_source_bos = False
        spec.config.add_source_eos = True
        spec.config.layer_norm_epsilon = LAYER_NORM_EPSILON
        spec.register_source_vocabulary(self.source_vocab)
        spec.register_target_vocabulary(self.target_vocab)
        try:
            spec.validate()
        except ValueError as exc:
            raise ConversionError(f"CTranslate2 refuses the specification: {exc}") from exc
        return spec

    # --- writing ---

    def convert(self, output_dir: str | Path, force: bool = False, quantization: str | None = None) -> Path:
        """Write the CTranslate2 model to `output_dir` and return it. Everything is read and checked
        first, the model is saved to a staging folder beside `output_dir` and loaded back, and only
        then moved into place: an existing `output_dir` is replaced only with `force`."""
        ct2 = _ctranslate2()
        output = Path(output_dir)
        if (output.exists() or output.is_symlink()) and not force:
            raise FileExistsError(f"{output} exists: pass force=True (--force) to replace it")
        accepted = ct2.specs.model_spec.ACCEPTED_MODEL_TYPES
        if quantization is not None and quantization not in accepted:
            raise ConversionError(f"quantization {quantization!r}: expected one of {', '.join(accepted)}")
        self._refuse_to_replace_inputs(output)
        spec = self.build_spec()
        spec.optimize(quantization=quantization)

        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.converting-", dir=output.parent))
        try:
            staging.chmod(0o755)
            spec.save(str(staging))
            self._write_provenance(staging / PROVENANCE_FILE, quantization, ct2.__version__)
            ct2.Translator(str(staging), device="cpu", intra_threads=1)  # the saved model loads
            _move_into_place(staging, output)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return output

    def _refuse_to_replace_inputs(self, output: Path) -> None:
        target = output.resolve()
        inputs = [self.encoder_onnx, self.decoder_onnx] + ([self.version_dir / MANIFEST] if self.version_dir else [])
        for path in inputs:
            if target in path.resolve().parents:
                raise ConversionError(f"output {output} holds the converter's own input {path}")

    def _write_provenance(self, path: Path, quantization: str | None, ct2_version: str) -> None:
        record = {
            "converter": "bench.ctranslate2_convert",
            "ctranslate2": ct2_version,
            "quantization": quantization,
            "model": self.model_config,
            "inputs": {p.name: {"path": str(p), "sha256": sha256_file(p)}
                       for p in (self.encoder_onnx, self.decoder_onnx)},
        }
        if self.manifest is not None:
            record["version"] = {"name": self.manifest.name, "version": self.manifest.version,
                                 "path": str(self.version_dir)}
        path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _move_into_place(staging: Path, output: Path) -> None:
    if not (output.exists() or output.is_symlink()):
        staging.rename(output)
        return
    retired = output.with_name(f".{output.name}.replaced-{os.getpid()}")
    _remove(retired)
    output.rename(retired)
    staging.rename(output)
    _remove(retired)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def read_vocabularies(ct2_dir: str | Path) -> tuple[list[str], list[str]]:
    """(source, target) token lists of a converted model folder."""
    ct2_dir = Path(ct2_dir)
    shared = ct2_dir / "shared_vocabulary.json"
    if shared.is_file():
        tokens = json.loads(shared.read_text(encoding="utf-8"))
        return tokens, list(tokens)
    return (json.loads((ct2_dir / "source_vocabulary.json").read_text(encoding="utf-8")),
            json.loads((ct2_dir / "target_vocabulary.json").read_text(encoding="utf-8")))


# --- Translating token ids ----------------------------------------------------------------------


def ct2_translate_ids(translator, src_ids_batch: Sequence[Sequence[int]], target_vocab: Sequence[str],
                      beam_size: int = 1, max_decoding_length: int | Callable[[int], int] = DEFAULT_MAX_DECODING_LENGTH,
                      min_decoding_length: int = 0, *, source_vocab: Sequence[str], eos_id: int = 3, pad_id: int = 0,
                      source_eos: bool = False, length_penalty: float = 1.0, **options: Any) -> list[list[int]]:
    """Translate source id lists with a converted model; returns target ids without BOS and EOS.

    `src_ids_batch` rows are the project's encoder inputs: SentencePiece ids followed by EOS (a
    right-padded row may keep its trailing pads). The converted model appends EOS itself
    (add_source_eos), so trailing pads and the final EOS are removed before the ids become token
    strings (`source_vocab`: CTranslate2 takes strings, and the translator does not expose its
    vocabularies; `read_vocabularies(ct2_dir)` reads them back from a converted folder). A row
    without its EOS therefore gets the same encoder input as with it. `source_eos` gives the EOS
    token with every source, for models whose converter leaves add_source_eos off (CTranslate2's
    TransformersConverter for Marian: its tokenizer's output ends with "</s>").

    `max_decoding_length` counts generated tokens, EOS included, like export.decoding.LengthLimit;
    a callable (such as a LengthLimit) is a per-sentence limit of the source length with its EOS,
    and the batch is then translated in groups of equal limit. `min_decoding_length` 0 lets EOS come
    first (an empty translation), as the project's decoders do; CTranslate2's own default is 1.
    Other keyword options go to `translator.translate_batch`.
    """
    rows: list[list[str]] = []
    src_lengths: list[int] = []
    for ids in src_ids_batch:
        ids = [int(i) for i in ids]
        while ids and ids[-1] == pad_id:
            ids.pop()
        if ids and ids[-1] == eos_id:
            ids.pop()
        if any(not 0 <= i < len(source_vocab) for i in ids):
            raise ValueError(f"source ids {ids} are outside the source vocabulary ({len(source_vocab)} tokens)")
        rows.append([source_vocab[i] for i in ids] + ([source_vocab[eos_id]] if source_eos else []))
        src_lengths.append(len(ids) + 1)  # the encoder input ends with EOS
    if callable(max_decoding_length):
        limits = [int(max_decoding_length(n)) for n in src_lengths]
    else:
        limits = [int(max_decoding_length)] * len(rows)
    token_id = {token: i for i, token in enumerate(target_vocab)}
    out: list[list[int]] = [[] for _ in rows]
    for limit in sorted(set(limits)):
        group = [i for i, n in enumerate(limits) if n == limit]
        results = translator.translate_batch(
            [rows[i] for i in group], beam_size=beam_size, max_decoding_length=limit,
            min_decoding_length=min_decoding_length, length_penalty=length_penalty, max_input_length=0,
            return_end_token=False, **options)
        for i, result in zip(group, results, strict=True):
            out[i] = [token_id[token] for token in result.hypotheses[0]]
    return out


# --- Command line -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.ctranslate2_convert",
        description="Convert an exported model version (model_store/<name>/<version>/) into a CTranslate2 model "
                    "with the same weights, the speed reference of the benchmark.",
        epilog="The version must be an fp32 one: CTranslate2 quantizes the fp32 weights itself (--quantization, "
               "or compute_type when loading the model).")
    p.add_argument("version_dir", type=Path, help="exported version folder, e.g. model_store/ko-en/1")
    p.add_argument("--output", "-o", type=Path, required=True, help="CTranslate2 model folder to write")
    p.add_argument("--force", action="store_true", help="replace --output if it exists")
    p.add_argument("--quantization", choices=QUANTIZATIONS, default=None,
                   help="weight type of the saved model (default: float32, as exported)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        converter = ExportedModelConverter.from_version_dir(args.version_dir)
        output = converter.convert(args.output, force=args.force, quantization=args.quantization)
    except (ConversionError, FileExistsError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import ctranslate2

    cfg = converter.config
    print(f"{args.version_dir} → {output} (CTranslate2 {ctranslate2.__version__}, weights "
          f"{args.quantization or 'float32'}; {cfg.norm}-LN, d_model {cfg.d_model}, "
          f"{cfg.n_encoder_layers}+{cfg.n_decoder_layers} layers, vocab {cfg.src_vocab_size}/{cfg.tgt_vocab_size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
