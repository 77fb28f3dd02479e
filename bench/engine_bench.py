"""The engine beside CTranslate2 on the same weights: target tokens per second, side by side.

    mt-bench                                  # every case: default and transformer-base models,
                                              # beam 1 and 4, batch 1 and 32, fp32 and int8
    mt-bench --models base --beams 4 --batches 32 --precisions fp32 --rounds 5
    mt-bench --markdown docs/bench-engine.md --plot docs/img/bench-engine.png
    mt-bench --models marian                  # an OPUS-MT-shaped Marian checkpoint: mt-import against
                                              # CTranslate2's own TransformersConverter

For each case the engine and CTranslate2 decode the same sources (best of --rounds); CTranslate2
runs in each of its CPU settings (MKL or oneDNN, AVX-512 forced or not, packed GEMM or not), each in
its own process, and the fastest counts, named in the table. The command prints target tokens per second for each, the ratio engine / CTranslate2, the share
of the machine's measured matrix-multiply peak (ONNX Runtime's own MatMul, same threads) that the
engine's decoding reaches, and the share of each decoding step spent in Python outside ONNX Runtime.
It first checks that CTranslate2's greedy tokens equal the engine's on the default model (and on the
Marian one, to a fixed length: its random weights rarely end a sentence).

The Marian case (`--models marian`, bench/marian_model.py) builds a transformer-base-shaped OPUS-MT
checkpoint with random weights, imports it with mt-import (fp32 and its int8 variant) and converts it
with CTranslate2's own TransformersConverter, so that the reference side runs no converter of ours.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import onnx.helper
import onnxruntime as ort
from tqdm import tqdm

from bench.ct2_variants import VARIANTS, measure_variants
from bench.ctranslate2_convert import ExportedModelConverter, ct2_translate_ids
from model_store import ModelStore
from service.config import DecodingOptions
from service.engine.decoding import SpecialTokens, greedy_search
from service.engine.onnx_model import OnnxModel, session_options
from service.engine.running_batch import RunningBatch
from service.engine.sequence import Sequence

log = logging.getLogger("mt-bench")

class TimedModel:
    """Wraps an OnnxModel and adds up the seconds spent inside ONNX Runtime, and the rows of every step."""

    def __init__(self, model: OnnxModel) -> None:
        self.model, self.seconds, self.steps = model, 0.0, 0
        self.contract = model.contract
        self.rows_per_step: list[int] = []

    def _timed(self, call, *args, **kwargs):
        t = time.perf_counter()
        out = call(*args, **kwargs)
        self.seconds += time.perf_counter() - t
        return out

    def encode(self, *args):
        return self._timed(self.model.encode, *args)

    def step(self, *args):
        self.steps += 1
        self.rows_per_step.append(len(args[0]))
        return self._timed(self.model.step, *args)

    def step_in_place(self, *args, **kwargs):
        self.steps += 1
        self.rows_per_step.append(len(args[0]))
        return self._timed(self.model.step_in_place, *args, **kwargs)

    def empty_cache(self, *args):
        return self.model.empty_cache(*args)


@dataclass
class Subject:
    """A model as both systems see it."""

    name: str
    config: dict
    graphs: Path  # folder with encoder.onnx / decoder.onnx
    ct2_dir: Path
    sources: list[list[int]]  # source ids without EOS
    fixed_length: int | None  # decode exactly this many tokens (random weights), else until EOS
    ct2_special: dict | None = None  # ct2_translate_ids' eos_id, pad_id, source_eos where not our models'
    int8_graphs: Path | None = None  # the int8 variant to run (default: quantized here from `graphs`)


@dataclass
class Result:
    case: str
    engine_tps: float
    ct2_tps: float
    peak_share: float
    python_share: float
    ms_per_step: float
    ct2_variant: str = "default"

    @property
    def ratio(self) -> float:
        return self.engine_tps / self.ct2_tps


def matmul_peak_gflops(threads: int, n: int = 1024, repeats: int = 20) -> float:
    """The machine's float32 matrix-multiply rate through ONNX Runtime's MatMul, same threads."""
    a = onnx.helper.make_tensor_value_info("a", onnx.TensorProto.FLOAT, [n, n])
    b = onnx.helper.make_tensor_value_info("b", onnx.TensorProto.FLOAT, [n, n])
    c = onnx.helper.make_tensor_value_info("c", onnx.TensorProto.FLOAT, [n, n])
    graph = onnx.helper.make_graph([onnx.helper.make_node("MatMul", ["a", "b"], ["c"])], "mm", [a, b], [c])
    model = onnx.helper.make_model(graph, opset_imports=[onnx.helper.make_opsetid("", 17)], ir_version=8)
    session = ort.InferenceSession(model.SerializeToString(), session_options(threads), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    session.run(None, {"a": x, "b": x})
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        session.run(None, {"a": x, "b": x})
        best = min(best, time.perf_counter() - t)
    return 2 * n ** 3 / best / 1e9


def decoding_flops(cfg: dict, src_lens: list[int], rows_per_step: list[int], tgt_steps: int) -> float:
    """Multiply-adds × 2 of the encoder over the sources and of every decoder row-step (attention
    over the growing cache and the source included), the way the graphs compute them."""
    d, ff, v = cfg["d_model"], cfg["d_ff"], cfg["tgt_vocab_size"]
    enc = sum(s * cfg["n_encoder_layers"] * (4 * d * d + 2 * d * ff + 4 * s * d) for s in src_lens)
    enc += sum(s * cfg["n_decoder_layers"] * 2 * d * d for s in src_lens)  # cross K/V, once
    mean_src = sum(src_lens) / len(src_lens)
    dec = 0.0
    for t, rows in enumerate(rows_per_step[:tgt_steps]):
        per_row = cfg["n_decoder_layers"] * (6 * d * d + 2 * d * ff + 4 * (t + 1) * d + 4 * mean_src * d) + d * v
        dec += rows * per_row
    return 2.0 * (enc + dec)


def pad_batch(sources: list[list[int]], eos: int, pad: int) -> np.ndarray:
    src = np.full((len(sources), max(map(len, sources)) + 1), pad, np.int64)
    for row, ids in enumerate(sources):
        src[row, : len(ids) + 1] = [*ids, eos]
    return src


def options_for(subject: Subject, beam: int) -> DecodingOptions:
    if subject.fixed_length:
        n = subject.fixed_length
        return DecodingOptions(beam_size=beam, min_length=n, max_length=n, max_length_a=0.0, max_length_b=n)
    return DecodingOptions(beam_size=beam)


def run_engine(model: TimedModel, subject: Subject, beam: int, batch: int, special: SpecialTokens,
               compiled: bool | None = None) -> tuple[float, int, list[int]]:
    """Seconds, target tokens generated, and rows alive at each step (for the FLOP count): each chunk
    of `batch` sources decoded to the end by the running batch, as the service decodes (`compiled`:
    RunningBatch's; None, the compiled step where it is built)."""
    first = len(model.rows_per_step)
    start = time.perf_counter()
    sequences = decode_chunks(model, subject, beam, batch, special, compiled)
    seconds = time.perf_counter() - start
    tokens = sum(len(h.tokens) + h.finished for h in (s.result()[0] for s in sequences))
    return seconds, tokens, model.rows_per_step[first:]


def decode_chunks(model: TimedModel, subject: Subject, beam: int, batch: int, special: SpecialTokens,
                  compiled: bool | None = None) -> list[Sequence]:
    """Every source decoded, each chunk of `batch` through one running batch to its end."""
    options, done = options_for(subject, beam), []
    for i in range(0, len(subject.sources), batch):
        running = RunningBatch(model, special, int(subject.config["max_positions"]), compiled=compiled)
        sequences = [Sequence(ids, options, options.length_limit(len(ids) + 1)) for ids in subject.sources[i: i + batch]]
        running.join(sequences)
        while running.sequences:
            running.leave(running.step().finished)
        done.extend(sequences)
    return done


def build_base_subject(work: Path, n_sentences: int, src_len: int, out_len: int) -> Subject:
    """A transformer-base-sized model with random weights, exported by the project's own exporter in
    a separate process (see bench/base_model.py for why)."""
    graphs = work / "base"
    subprocess.run([sys.executable, "-m", "bench.base_model", str(graphs)], check=True)
    config = json.loads((graphs / "config.json").read_text())
    vocab = ["<pad>", "<unk>", "<s>", "</s>", *(f"t{i}" for i in range(4, config["tgt_vocab_size"]))]
    ct2_dir = ExportedModelConverter(config, graphs / "encoder.onnx", graphs / "decoder.onnx",
                                     vocab, vocab).convert(work / "base-ct2")
    rng = np.random.default_rng(1)
    sources = [rng.integers(4, config["src_vocab_size"], src_len).tolist() for _ in range(n_sentences)]
    return Subject("base", config, graphs, ct2_dir, sources, out_len)


def build_default_subject(work: Path, store: Path, n_sentences: int) -> Subject:
    from export.corpus import bundled_corpus_from_summary

    version = ModelStore(store).open("ko-en")
    grammar = version.manifest.training_data["grammar"]
    test = bundled_corpus_from_summary(grammar).splits["test"]
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(version.file("source.spm")))
    sources = sp.encode([s for s, _ in test[:n_sentences]])
    ct2_dir = ExportedModelConverter.from_version_dir(version.path).convert(work / "default-ct2")
    return Subject("default", version.manifest.model, version.path, ct2_dir, sources, None)


def build_marian_subject(work: Path, n_sentences: int, src_len: int, out_len: int, vocab_size: int) -> Subject:
    """An OPUS-MT-shaped Marian checkpoint with random weights, imported by mt-import and converted by
    CTranslate2's TransformersConverter, in a separate process (bench/marian_model.py)."""
    out = work / "marian"
    subprocess.run([sys.executable, "-m", "bench.marian_model", str(out), str(vocab_size)], check=True,
                   stdout=subprocess.DEVNULL)
    store = ModelStore(out / "store")
    fp32, int8 = store.open("marian"), store.open("marian-int8")
    config = fp32.manifest.model
    special = {config["pad_id"], config["eos_id"], config["unk_id"], config["bos_id"]}
    ordinary = np.array([i for i in range(config["src_vocab_size"]) if i not in special])
    rng = np.random.default_rng(1)
    sources = [rng.choice(ordinary, src_len).tolist() for _ in range(n_sentences)]
    return Subject("marian", config, fp32.path, out / "ct2", sources, out_len,
                   {"eos_id": config["eos_id"], "pad_id": config["pad_id"], "source_eos": True}, int8.path)


def quantized_graphs(subject: Subject, work: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if subject.int8_graphs:
        return subject.int8_graphs
    folder = work / f"{subject.name}-int8"
    folder.mkdir(exist_ok=True)
    for graph in ("encoder.onnx", "decoder.onnx"):
        if not (folder / graph).exists():
            quantize_dynamic(subject.graphs / graph, folder / graph, weight_type=QuantType.QInt8)
    return folder


def check_greedy_agreement(subject: Subject, threads: int) -> tuple[int, int]:
    import ctranslate2

    from bench.ctranslate2_convert import read_vocabularies

    model = OnnxModel.load(subject.graphs, subject.config, "cpu", threads)
    special = SpecialTokens(subject.config["pad_id"], subject.config["bos_id"], subject.config["eos_id"])
    translator = ctranslate2.Translator(str(subject.ct2_dir), device="cpu", intra_threads=threads)
    source_vocab, target_vocab = read_vocabularies(subject.ct2_dir)
    n = subject.fixed_length
    options = DecodingOptions(max_length=n, max_length_a=0.0, max_length_b=n) if n else DecodingOptions()
    equal = 0
    for i in range(0, len(subject.sources), 32):
        chunk = subject.sources[i: i + 32]
        ours = [h.tokens for h in greedy_search(model, pad_batch(chunk, special.eos, special.pad), options, special)]
        theirs = ct2_translate_ids(translator, chunk, target_vocab, beam_size=1, max_decoding_length=n or 200,
                                   source_vocab=source_vocab, **(subject.ct2_special or {}))
        equal += sum(a == b for a, b in zip(ours, theirs))
    return equal, len(subject.sources)


def bench_case(subject: Subject, precision: str, beam: int, batch: int, threads: int, rounds: int,
               work: Path, peak: float, ct2: tuple[float, str]) -> Result:
    """The engine on one case (best of `rounds`), beside CTranslate2's best variant measured for it."""
    graphs = subject.graphs if precision == "fp32" else quantized_graphs(subject, work)
    model = TimedModel(OnnxModel.load(graphs, subject.config, "cpu", threads))
    special = SpecialTokens(subject.config["pad_id"], subject.config["bos_id"], subject.config["eos_id"])
    run_engine(model, subject, beam, batch, special)  # warm-up
    best_engine = (float("inf"), 0, [], 0.0, 0)
    for _ in range(rounds):
        model.seconds, model.steps = 0.0, 0
        seconds, tokens, rows = run_engine(model, subject, beam, batch, special)
        if seconds < best_engine[0]:
            best_engine = (seconds, tokens, rows, model.seconds, model.steps)
    seconds, tokens, rows, in_ort, steps = best_engine
    src_lens = [len(s) + 1 for s in subject.sources]
    flops = decoding_flops(subject.config, src_lens, rows, len(rows))
    return Result(case=f"{subject.name} {precision} beam {beam} batch {batch}",
                  engine_tps=tokens / seconds, ct2_tps=ct2[0], ct2_variant=ct2[1],
                  peak_share=flops / seconds / 1e9 / peak, python_share=1 - in_ort / seconds,
                  ms_per_step=1000 * seconds / max(steps, 1))


def markdown(results: list[Result], peak: float, threads: int, agreement: dict[str, tuple[int, int]],
             variants: list[str]) -> str:
    lines = [f"Machine: {os.cpu_count()} cores, {threads or 'all'} threads; float32 MatMul peak through ONNX Runtime "
             f"{peak:.0f} GFLOP/s; onnxruntime {ort.__version__}, ctranslate2 {_ct2_version()}, each case against "
             f"the fastest of its CPU variants {', '.join(variants)} (bench/ct2_variants.py).", ""]
    for name, (equal, total) in agreement.items():
        what = "held-out sentences" if name == "default" else "sources"
        lines += [f"Greedy tokens, CTranslate2 = engine on the {name} model: {equal} / {total} {what}.", ""]
    lines += ["| case | engine tok/s | CTranslate2 best tok/s | its variant | engine / CT2 best | share of MatMul peak "
              "| Python share of a step | ms per step |",
              "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in results:
        lines.append(f"| {r.case} | {r.engine_tps:,.0f} | {r.ct2_tps:,.0f} | {r.ct2_variant} | **{r.ratio:.2f}×** | "
                     f"{100 * r.peak_share:.0f}% | {100 * r.python_share:.0f}% | {r.ms_per_step:.2f} |")
    return "\n".join(lines) + "\n"


def _ct2_version() -> str:
    import ctranslate2

    return ctranslate2.__version__


def plot(results: list[Result], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(max(8, 1.25 * len(results)), 4.8))
    x = np.arange(len(results))
    ax.bar(x - 0.2, [r.engine_tps for r in results], 0.4, label="engine (ONNX Runtime)")
    ax.bar(x + 0.2, [r.ct2_tps for r in results], 0.4, label="CTranslate2")
    for i, r in enumerate(results):
        ax.annotate(f"{r.ratio:.2f}×", (i, max(r.engine_tps, r.ct2_tps)), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [r.case.replace(" beam", "\nbeam") for r in results], fontsize=7)
    ax.set(ylabel="target tokens / s", yscale="log", title="engine vs CTranslate2, same weights (CPU)")
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mt-bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--models", nargs="+", choices=["default", "base", "marian"], default=["default", "base"],
                   help="default: the bundled model; base: transformer-base, random weights, our exporter; marian: "
                        "an OPUS-MT-shaped Marian checkpoint, random weights, mt-import against CTranslate2's "
                        "TransformersConverter (default: default base)")
    p.add_argument("--beams", nargs="+", type=int, default=[1, 4])
    p.add_argument("--batches", nargs="+", type=int, default=[1, 32])
    p.add_argument("--precisions", nargs="+", choices=["fp32", "int8"], default=["fp32", "int8"])
    p.add_argument("--sentences", type=int, default=64, help="sources per case (default: %(default)s)")
    p.add_argument("--base-source-length", type=int, default=24, help="(default: %(default)s)")
    p.add_argument("--base-output-length", type=int, default=32, help="fixed output length of the base model (default: %(default)s)")
    p.add_argument("--marian-vocab", type=int, default=32000, help="vocabulary of the Marian case (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads for both (default: all cores)")
    p.add_argument("--rounds", type=int, default=3, help="alternating timed rounds; the best counts (default: %(default)s)")
    p.add_argument("--ct2-variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS),
                   help="CTranslate2 settings to try, each in its own process; the fastest counts per case "
                        "(default: all)")
    p.add_argument("--markdown", type=Path, help="also write the results table here")
    p.add_argument("--plot", type=Path, help="also write a bar chart PNG here")
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log.setLevel(logging.INFO)
    args = build_parser().parse_args(argv)
    threads = args.threads or os.cpu_count() or 1
    peak = matmul_peak_gflops(threads)
    log.info("float32 MatMul peak through ONNX Runtime: %.0f GFLOP/s with %d threads", peak, threads)
    results: list[Result] = []
    agreement: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="mt-bench-") as tmp:
        work = Path(tmp)
        subjects = []
        if "default" in args.models:
            subjects.append(build_default_subject(work, args.store, max(args.sentences, 200)))
            agreement["default"] = check_greedy_agreement(subjects[-1], threads)
            subjects[-1].sources = subjects[-1].sources[: args.sentences]
        if "base" in args.models:
            subjects.append(build_base_subject(work, args.sentences, args.base_source_length, args.base_output_length))
        if "marian" in args.models:
            subjects.append(build_marian_subject(work, args.sentences, args.base_source_length,
                                                 args.base_output_length, args.marian_vocab))
            agreement["marian"] = check_greedy_agreement(subjects[-1], threads)
        for name, (equal, total) in agreement.items():
            log.info("greedy tokens, CTranslate2 = engine on the %s model: %d / %d", name, equal, total)
        cases = [(p, b, n) for p in args.precisions for b in args.beams for n in args.batches]
        with tqdm(total=len(subjects) * len(cases), desc="benchmark cases", unit="case") as progress:
            for subject in subjects:
                log.info("CTranslate2 on %s: %s, each in its own process", subject.name, ", ".join(args.ct2_variants))
                ct2 = measure_variants(subject.ct2_dir, subject.sources, subject.fixed_length, cases, threads,
                                       args.rounds, args.ct2_variants, subject.ct2_special)
                for precision, beam, batch in cases:
                    result = bench_case(subject, precision, beam, batch, threads, args.rounds, work, peak,
                                        ct2[(precision, beam, batch)])
                    tqdm.write(f"{result.case}: engine {result.engine_tps:,.0f} tok/s, CTranslate2 "
                               f"{result.ct2_tps:,.0f} tok/s ({result.ct2_variant}), ratio {result.ratio:.2f}, "
                               f"peak {100 * result.peak_share:.0f}%, Python {100 * result.python_share:.0f}% of a step")
                    results.append(result)
                    progress.update()
    table = markdown(results, peak, args.threads, agreement, args.ct2_variants)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    if args.plot:
        plot(results, args.plot)
    differ = {name: total - equal for name, (equal, total) in agreement.items() if equal != total}
    if differ:
        print(f"error: CTranslate2's greedy tokens differ from the engine's on {differ} sentences", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
