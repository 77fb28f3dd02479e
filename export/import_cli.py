"""Import a Hugging Face Marian (OPUS-MT) checkpoint into the model store as a new, checked version.

    mt-import path/to/opus-mt-ko-en                     # a local folder → model_store/opus-mt-ko-en/<next>/
    mt-import Helsinki-NLP/opus-mt-ko-en --int8         # a hub name (needs the hub), and an int8 variant
    mt-import ./my-marian --name ko-en-opus --languages ko en --version 2 --force

The folder is what transformers' `save_pretrained` writes for a MarianMTModel and its MarianTokenizer:
config.json, model.safetensors, source.spm, target.spm, vocab.json (generation_config.json and
tokenizer_config.json when present). pytorch_model.bin is a pickle, which can run code when loaded: it
is refused unless --allow-pickle says you trust the file.

Nothing is written to the store until every check has passed: our Transformer against transformers'
MarianMTModel (log-probs within 1e-4, greedy tokens identical to generate()), then the exported graphs
against our Transformer, exactly as mt-export checks our own models (onnx.checker, log-probs within
1e-4 on padded batches, identical greedy tokens through ONNX Runtime). An existing version is replaced
only with --force.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from export.export_cli import add_fused_argument, quantize_int8, run_cli, write_manifest
from export.marian_import import (
    MarianFiles,
    CheckpointError,
    check_against_original,
    check_checkpoint,
    load_original,
    marian_model_config,
    padded,
    random_sources,
    to_transformer,
)
from export.model import Transformer
from export.onnx_export import (
    DEFAULT_OPSET,
    OnnxModel,
    check_greedy_agreement,
    check_onnx_model,
    check_parity,
    export_graphs,
    onnx_greedy,
)
from export.decoding import LengthLimit
from model_store import ModelStore, StoreError

log = logging.getLogger("mt-import")
HUB_FILES = ["config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json",
             "target_vocab.json", "tokenizer_config.json"]


def resolve(checkpoint: str, allow_pickle: bool) -> Path:
    """A local folder as it is; otherwise a hub name, downloaded: the configs, tokenizer files and
    safetensors weights (the pickle too only when allowed; many older OPUS-MT repositories have no other)."""
    path = Path(checkpoint)
    if path.exists() or checkpoint.count("/") != 1:
        return path
    try:
        from huggingface_hub import snapshot_download

        patterns = HUB_FILES + (["pytorch_model.bin"] if allow_pickle else [])
        return Path(snapshot_download(checkpoint, allow_patterns=patterns))
    except Exception as exc:  # no network, unknown repository, ...: one clear line
        raise CheckpointError(f"{checkpoint}: not a local folder, and the hub could not provide it ({exc})") from exc


def languages(args: argparse.Namespace, files: MarianFiles) -> tuple[str, str]:
    """--languages, else tokenizer_config.json's, else the OPUS-MT name's (opus-mt-ko-en → ko, en)."""
    if args.languages:
        return tuple(args.languages)  # type: ignore[return-value]
    tok = files.tokenizer
    if tok.get("source_lang") and tok.get("target_lang"):
        return tok["source_lang"], tok["target_lang"]
    parts = args.name.split("-")
    return (parts[-2], parts[-1]) if len(parts) >= 2 else ("und", "und")


def tokenizer_spec(files: MarianFiles) -> dict:
    return {"kind": "marian", "source": "source.spm", "target": "target.spm", "vocab": "vocab.json",
            "target_vocab": "target_vocab.json" if files.target_vocab else "vocab.json"}


def copy_tokenizer(files: MarianFiles, folder: Path) -> None:
    for path in (files.source_spm, files.target_spm, files.vocab, files.target_vocab):
        if path is not None:
            shutil.copyfile(path, folder / path.name)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mt-import", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint", help="a Marian checkpoint folder, or a hub name such as Helsinki-NLP/opus-mt-ko-en "
                                      "(downloaded only when the machine can reach the hub)")
    p.add_argument("--store", type=Path, default=Path("model_store"), help="model store root (default: %(default)s)")
    p.add_argument("--name", help="model name in the store (default: the checkpoint's folder or hub name)")
    p.add_argument("--version", type=int, help="version number (default: the next free one)")
    p.add_argument("--force", action="store_true", help="replace an existing version")
    p.add_argument("--languages", nargs=2, metavar=("SRC", "TGT"),
                   help="source and target language codes (default: tokenizer_config.json's, else the name's "
                        "last two parts, as in opus-mt-ko-en)")
    p.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="ONNX opset, 17 or newer (default: %(default)s)")
    p.add_argument("--check-sentences", type=int, default=16,
                   help="random source sentences (drawn from the vocabulary) decoded by every check (default: "
                        "%(default)s)")
    p.add_argument("--allow-pickle", action="store_true",
                   help="load pytorch_model.bin when there is no model.safetensors: this RUNS CODE FROM THE FILE "
                        "(a pickle); only for files whose origin you trust")
    p.add_argument("--int8", action="store_true", help="also write a dynamically quantized <name>-int8 variant")
    add_fused_argument(p)
    return p


def main(argv: list[str] | None = None) -> int:
    return run_cli(build_parser(), run, log, argv)  # a CheckpointError is a ValueError: one line, exit 2


def run(args: argparse.Namespace) -> int:
    if args.check_sentences < 1:
        raise ValueError(f"--check-sentences {args.check_sentences}: at least 1")
    started = time.monotonic()
    folder = resolve(args.checkpoint, args.allow_pickle)
    args.name = args.name or Path(args.checkpoint.rstrip("/")).name  # a folder's name, or the hub name's last part
    store = ModelStore(args.store)
    names = [args.name, *([f"{args.name}-int8"] if args.int8 else [])]
    versions = {n: args.version or store.next_version(n) for n in names}
    for n, v in versions.items():  # refuse before doing any work
        if v < 1:
            raise ValueError(f"--version {v}: versions are positive integers")
        if (args.store / n / str(v)).exists() and not args.force:
            raise StoreError(f"{args.store / n / str(v)} exists: pass --force to replace it, or import as another version")

    with tqdm(total=5 + args.int8, desc="mt-import", unit="stage") as bar:
        files = check_checkpoint(folder, args.allow_pickle)
        config = marian_model_config(files)
        original = load_original(files)
        model = to_transformer(original, config)
        bar.update()
        sources = random_sources(config, args.check_sentences)
        vs_original = check_against_original(model, original, sources)
        log.info("against transformers: max |log-prob difference| %.2e, greedy tokens identical on %d sentences",
                 vs_original["max_abs_log_prob_diff_vs_transformers"], len(sources))
        bar.update()
        context = {"files": files, "languages": languages(args, files), "sources": sources,
                   "imported_from": {"checkpoint": args.checkpoint, "weights": files.weights.name,
                                     "transformers_config": files.config}}
        fp32 = publish_fp32(args, store, versions[args.name], model, vs_original, context, bar)
        if args.int8:
            publish_int8(args, store, versions[f"{args.name}-int8"], model, fp32, context)
            bar.update()
    log.info("done in %.1f s", time.monotonic() - started)
    return 0


def publish_fp32(args: argparse.Namespace, store: ModelStore, version: int, model: Transformer, vs_original: dict,
                 context: dict, bar: tqdm) -> Path:
    cfg = model.config
    staged = store.staging_dir(args.name, version)
    try:
        export_graphs(model, staged, args.opset, fused=args.fused)
        copy_tokenizer(context["files"], staged)
        for graph in ("encoder.onnx", "decoder.onnx"):
            check_onnx_model(staged / graph)
        bar.update()
        onnx_model = OnnxModel.load(staged, cfg.to_dict())
        worst = check_parity(model, onnx_model)
        compared = check_greedy_agreement(model, onnx_model, [padded(context["sources"], cfg.eos_id, cfg.pad_id)])
        log.info("graphs: max |log-prob difference| %.2e, greedy tokens identical on %d sentences", worst, compared)
        bar.update()
        scores = {"checks": {**vs_original, "max_abs_log_prob_diff": worst, "greedy_agreement_sentences": compared}}
        write_manifest(staged, cfg, args.name, version, context["languages"], args.opset, "fp32", scores,
                       {"imported_from": context["imported_from"]}, tokenizer_spec(context["files"]))
        published = store.publish(staged, force=args.force)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    bar.update()
    log.info("imported %s/%s (%s)", args.name, version, published.path)
    return published.path


def publish_int8(args: argparse.Namespace, store: ModelStore, version: int, model: Transformer, fp32_folder: Path,
                 context: dict) -> None:
    """The int8 variant; its check is how often its greedy tokens equal the fp32 graphs' (quantization
    changes the numbers, so it is a figure, not a pass/fail)."""
    cfg, name = model.config, f"{args.name}-int8"
    staged = store.staging_dir(name, version)
    try:
        quantize_int8(fp32_folder, staged)
        for graph in ("encoder.onnx", "decoder.onnx"):
            check_onnx_model(staged / graph)
        src = padded(context["sources"], cfg.eos_id, cfg.pad_id)
        int8 = onnx_greedy(OnnxModel.load(staged, cfg.to_dict()), src, cfg.to_dict(), LengthLimit())
        fp32 = onnx_greedy(OnnxModel.load(fp32_folder, cfg.to_dict()), src, cfg.to_dict(), LengthLimit())
        same = float(np.mean([a == b for a, b in zip(int8, fp32)]))
        scores = {"checks": {"greedy_same_as_fp32": same},
                  "fp32": {"name": args.name, "version": int(fp32_folder.name)}}
        write_manifest(staged, cfg, name, version, context["languages"], args.opset, "int8", scores,
                       {"imported_from": context["imported_from"]}, tokenizer_spec(context["files"]))
        published = store.publish(staged, force=args.force)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    log.info("imported %s/%s: greedy tokens as fp32's on %.0f%% of the check sentences (%s)", name, version,
             100 * same, published.path)


if __name__ == "__main__":
    sys.exit(main())
