"""Export a checkpoint into the model store as a new, checked version.

    mt-export                                           # runs/ko-en/best.pt → model_store/ko-en/<next>/
    mt-export --checkpoint my.pt --name my-model --version 3 --force
    mt-export --int8                                    # also <name>-int8/<next>/, dynamically quantized
    mt-export --checkpoint model_store/ko-en/1 --version 1 --force --int8   # again, to the current graph contract

Nothing is written to the store until every check has passed: onnx.checker, ONNX Runtime against
PyTorch on padded batches (log-probs within 1e-4), and greedy decoding through ONNX Runtime giving
exactly the PyTorch reference's tokens on the held-out split. An existing version is replaced only
with --force.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from tqdm import tqdm

from export.batching import make_example, pad, token_budget_batches
from export.checkpoint import LoadedModel, load_model
from export.onnx_import import loaded_from_version
from export.corpus import CorpusError, Pair, everyday_heldout
from export.evaluate import held_out_pairs, score
from export.onnx_export import (
    DEFAULT_OPSET,
    GRAPH_CONTRACT,
    ExportCheckError,
    OnnxModel,
    check_greedy_agreement,
    check_onnx_model,
    check_parity,
    export_graphs,
    onnx_greedy,
)
from export.decoding import LengthLimit
from export.config import ModelConfig
from model_store import MANIFEST, Manifest, ModelStore, StoreError, sha256_file
from service.text.placeholders import encode_protected, restore

log = logging.getLogger("mt-export")


def source_batches(loaded: LoadedModel, sentences: list[str], max_tokens: int = 4000
                   ) -> tuple[list[np.ndarray], list[int], list[tuple[str, ...]]]:
    """Padded int64 source batches in length order, the sentence order they follow, and each
    sentence's placeholder spans (service/text/placeholders.py)."""
    ids, fills = encode_protected(loaded.source_spm, sentences)
    examples = [make_example(row, []) for row in ids]
    batches = token_budget_batches(examples, max_tokens, rng=None)
    return [pad([examples[i].src for i in b]).numpy() for b in batches], [i for b in batches for i in b], fills


def onnx_scores(onnx_model: OnnxModel, loaded: LoadedModel, pairs: list[Pair], desc: str) -> dict:
    """BLEU and chrF of greedy decoding through the graphs on `pairs`."""
    batches, order, fills = source_batches(loaded, [s for s, _ in pairs])
    hyps: list[str] = [""] * len(pairs)
    flat = []
    for src in tqdm(batches, desc=desc, unit="batch", leave=False):
        flat.extend(onnx_greedy(onnx_model, src, loaded.model.config.to_dict(), LengthLimit()))
    for i, tokens in zip(order, flat):
        hyps[i] = restore(loaded.target_spm.decode(tokens), fills[i])
    return {**score(hyps, [t for _, t in pairs]), "sentences": len(pairs), "beam": 1, "decoder": "onnxruntime"}


def write_manifest(folder: Path, cfg: ModelConfig, name: str, version: int, languages: tuple[str, str], opset: int,
                   variant: str, scores: dict, training_data: dict, tokenizer: dict | None = None) -> Manifest:
    """manifest.json for the files in `folder` (each with its checksum)."""
    manifest = Manifest(
        name=name, version=version, source_language=languages[0], target_language=languages[1],
        special_tokens={"pad": cfg.pad_id, "unk": cfg.unk_id, "bos": cfg.bos_id, "eos": cfg.eos_id},
        model=cfg.to_dict(), opset=opset, variant=variant, contract=GRAPH_CONTRACT,
        tokenizer=tokenizer or {"kind": "sentencepiece"},
        files={p.name: sha256_file(p) for p in sorted(folder.iterdir()) if p.name != MANIFEST},
        scores=scores, training_data=training_data,
        created=datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    (folder / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def quantize_int8(src_folder: Path, dst_folder: Path) -> None:
    """Dynamic int8 quantization of the weights of both graphs (activations stay float); the
    tokenizer files are copied as they are."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    for graph in ("encoder.onnx", "decoder.onnx"):
        quantize_dynamic(src_folder / graph, dst_folder / graph, weight_type=QuantType.QInt8)
    for f in sorted(src_folder.iterdir()):
        if f.suffix != ".onnx" and f.name != MANIFEST:
            shutil.copyfile(f, dst_folder / f.name)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mt-export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", type=Path, default=Path("runs/ko-en/best.pt"),
                   help="a training checkpoint, or an fp32 version folder of a store to export again, e.g. to "
                        "the current graph contract (default: %(default)s)")
    p.add_argument("--store", type=Path, default=Path("model_store"), help="model store root (default: %(default)s)")
    p.add_argument("--name", default="ko-en", help="model name (default: %(default)s)")
    p.add_argument("--version", type=int, help="version number (default: the next free one)")
    p.add_argument("--force", action="store_true", help="replace an existing version")
    p.add_argument("--languages", nargs=2, default=["ko", "en"], metavar=("SRC", "TGT"),
                   help="source and target language codes (default: ko en)")
    p.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="ONNX opset, 17 or newer (default: %(default)s)")
    p.add_argument("--test", nargs="+", metavar="PATH",
                   help="held-out pairs for the agreement check and scores (default: the bundled test split)")
    p.add_argument("--check-sentences", type=int, default=0,
                   help="check greedy agreement on the first N held-out sentences only (default: all)")
    p.add_argument("--int8", action="store_true", help="also export a dynamically quantized <name>-int8 variant")
    add_fused_argument(p)
    return p


def add_fused_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fused", action="store_true",
                   help="write ONNX Runtime's fused MultiHeadAttention and SkipLayerNormalization operators instead "
                        "of plain ONNX ones: slower on CPU here beyond batch 1 (docs/benchmarks.md), meant for "
                        "CUDA (untested)")


def main(argv: list[str] | None = None) -> int:
    return run_cli(build_parser(), run, log, argv)


def run_cli(parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], int], logger: logging.Logger,
            argv: list[str] | None) -> int:
    """Parse and run; the expected failures (bad input, a failed check, the store) print one line and exit 2."""
    # Our own progress at INFO; libraries (the quantizer logs every tensor at INFO) at WARNING.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logger.setLevel(logging.INFO)
    args = parser.parse_args(argv)
    try:
        if args.opset < 17:
            raise ValueError(f"--opset {args.opset}: the graphs need opset 17 or newer")
        return run(args)
    except (ExportCheckError, StoreError, CorpusError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    store = ModelStore(args.store)
    version = args.version or store.next_version(args.name)
    if version < 1:
        raise ValueError(f"--version {version}: versions are positive integers")
    target = args.store / args.name / str(version)
    if target.exists() and not args.force:  # refuse before doing any work
        raise StoreError(f"{target} exists: pass --force to replace it, or export as another version")
    started = time.monotonic()
    loaded = loaded_from_version(args.checkpoint) if args.checkpoint.is_dir() else load_model(args.checkpoint)
    pairs, where = held_out_pairs(loaded.meta, args.test)
    check_pairs = pairs[: args.check_sentences] if args.check_sentences else pairs

    staged = store.staging_dir(args.name, version)
    try:
        export_graphs(loaded.model, staged, args.opset, fused=args.fused)
        (staged / "source.spm").write_bytes(loaded.source_spm_bytes)
        (staged / "target.spm").write_bytes(loaded.target_spm_bytes)
        for graph in ("encoder.onnx", "decoder.onnx"):
            check_onnx_model(staged / graph)
        onnx_model = OnnxModel.load(staged, loaded.model.config.to_dict())
        worst = check_parity(loaded.model, onnx_model)
        log.info("parity: max |log-prob difference| %.2e over padded batches (limit 1e-4)", worst)
        batches, _, _ = source_batches(loaded, [s for s, _ in check_pairs])
        compared = check_greedy_agreement(loaded.model, onnx_model, batches)
        log.info("greedy agreement: ONNX Runtime = PyTorch on all %d sentences of %s", compared, where)
        scores = {"test": onnx_scores(onnx_model, loaded, pairs, "scoring fp32"), "test_split": where,
                  "checks": {"max_abs_log_prob_diff": worst, "greedy_agreement_sentences": compared},
                  **everyday_scores(onnx_model, loaded, "fp32")}
        write_manifest(staged, loaded.model.config, args.name, version, tuple(args.languages), args.opset, "fp32",
                       scores, loaded.meta.get("data", {}))
        published = store.publish(staged, force=args.force)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    log.info("exported %s/%s: BLEU %.2f, chrF %.2f (%s)", args.name, version, scores["test"]["bleu"],
             scores["test"]["chrf"], published.path)

    if args.int8:
        export_int8(args, store, loaded, published.path, scores, pairs, where)
    log.info("done in %.1f s", time.monotonic() - started)
    return 0


def everyday_scores(onnx_model: OnnxModel, loaded: LoadedModel, variant: str) -> dict:
    """BLEU and chrF on the hand-written everyday set (issue 13), for a model trained on the bundled
    Korean→English corpus; nothing for other models (their languages need not be Korean and English)."""
    if "grammar" not in loaded.meta.get("data", {}):
        return {}
    return {"everyday": onnx_scores(onnx_model, loaded, everyday_heldout(), f"scoring {variant} (everyday set)")}


def export_int8(args: argparse.Namespace, store: ModelStore, loaded: LoadedModel, fp32_folder: Path,
                fp32_scores: dict, pairs: list[Pair], where: str) -> None:
    name = f"{args.name}-int8"
    version = args.version or store.next_version(name)
    if (args.store / name / str(version)).exists() and not args.force:
        raise StoreError(f"{args.store / name / str(version)} exists: pass --force to replace it")
    staged = store.staging_dir(name, version)
    try:
        quantize_int8(fp32_folder, staged)
        for graph in ("encoder.onnx", "decoder.onnx"):
            check_onnx_model(staged / graph)
        onnx_model = OnnxModel.load(staged, loaded.model.config.to_dict())
        scores = {"test": onnx_scores(onnx_model, loaded, pairs, "scoring int8"), "test_split": where,
                  **everyday_scores(onnx_model, loaded, "int8"),
                  "fp32": {"name": args.name, "version": int(fp32_folder.name), "test": fp32_scores["test"],
                           **({"everyday": fp32_scores["everyday"]} if "everyday" in fp32_scores else {})}}
        write_manifest(staged, loaded.model.config, name, version, tuple(args.languages), args.opset, "int8", scores,
                       loaded.meta.get("data", {}))
        published = store.publish(staged, force=args.force)
    finally:
        if staged.exists():
            shutil.rmtree(staged)
    log.info("exported %s/%s: BLEU %.2f (fp32 %.2f) (%s)", name, version, scores["test"]["bleu"],
             fp32_scores["test"]["bleu"], published.path)


if __name__ == "__main__":
    sys.exit(main())
