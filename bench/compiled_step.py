"""The running batch's compiled step (service/engine/_step.pyx) against its numpy reference, side by side.

    python -m bench.compiled_step                         # bundled fp32, greedy and beam 4, batch 1 and 32
    python -m bench.compiled_step --precisions fp32 int8 --rounds 7
    python -m bench.compiled_step --profile               # also: where one step's time goes, operator by operator

Both decode the same held-out sources of the bundled model with the same ONNX Runtime sessions, as
mt-bench's engine side does (each chunk of --batch sources through one RunningBatch to the end), the two
alternating round by round; the best round of each counts. Prints, for each case, milliseconds per step,
target tokens per second, the share of the step outside ONNX Runtime (Python and the compiled
bookkeeping) and compiled / numpy speed. The tokens of the two are checked equal first.

--profile runs each case once more with ONNX Runtime's profiler on and prints the decoder graph's time per
step by operator type, beside the time outside the graph: the profile of one step that issue 24 asks for.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import onnxruntime as ort
from tqdm import tqdm

from bench.engine_bench import Subject, TimedModel, decode_chunks, quantized_graphs, run_engine
from model_store import ModelStore
from service.engine.decoding import SpecialTokens
from service.engine.onnx_model import OnnxModel, session_options
from service.engine.running_batch import compiled_step_built

IMPLEMENTATIONS = {"numpy": False, "compiled": True}


def held_out_subject(store: Path, n_sentences: int) -> Subject:
    """The newest fp32 ko-en and the first `n_sentences` of its test split (never trained on)."""
    import sentencepiece as spm

    from export.corpus import bundled_corpus_from_summary

    version = ModelStore(store).open("ko-en")
    test = bundled_corpus_from_summary(version.manifest.training_data["grammar"]).splits["test"]
    sp = spm.SentencePieceProcessor(model_file=str(version.file("source.spm")))
    sources = sp.encode([s for s, _ in test[:n_sentences]])
    return Subject("default", version.manifest.model, version.path, Path(), sources, None)


def load(graphs: Path, config: dict, threads: int, profile_prefix: str | None = None) -> OnnxModel:
    """OnnxModel.load, with ONNX Runtime's profiler on when a prefix is given."""
    if profile_prefix is None:
        return OnnxModel.load(graphs, config, "cpu", threads)
    options = session_options(threads)
    options.enable_profiling = True
    options.profile_file_prefix = profile_prefix
    sessions = [ort.InferenceSession(str(graphs / f), options, providers=["CPUExecutionProvider"])
                for f in ("encoder.onnx", "decoder.onnx")]
    return OnnxModel(*sessions, config["n_decoder_layers"], config["n_heads"],
                     config["d_model"] // config["n_heads"], contract=2)


def tokens_of(model: TimedModel, subject: Subject, beam: int, batch: int, special: SpecialTokens, compiled: bool
              ) -> list[list[int]]:
    return [h.tokens for s in decode_chunks(model, subject, beam, batch, special, compiled) for h in s.result()]


def side_by_side(model: TimedModel, subject: Subject, beam: int, batch: int, special: SpecialTokens, rounds: int
                 ) -> dict[str, tuple[float, float, float]]:
    """Per implementation, best of `rounds` alternating: (ms per step, tokens/s, share outside ONNX Runtime)."""
    best: dict[str, tuple[float, float, float]] = {}
    for name, compiled in IMPLEMENTATIONS.items():
        run_engine(model, subject, beam, batch, special, compiled)  # warm-up: first-touch pages, pooled buffers
    for _ in range(rounds):
        for name, compiled in IMPLEMENTATIONS.items():
            model.seconds, model.steps = 0.0, 0
            seconds, tokens, _ = run_engine(model, subject, beam, batch, special, compiled)
            figures = (1000 * seconds / max(model.steps, 1), tokens / seconds, 1 - model.seconds / seconds)
            if name not in best or figures[0] < best[name][0]:
                best[name] = figures
    return best


def kernel_times(profile: str, steps: int) -> dict[str, float]:
    """µs per step by operator type, from one of ONNX Runtime's profile files."""
    per_op: dict[str, float] = defaultdict(float)
    for event in json.loads(Path(profile).read_text()):
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            per_op[event["args"]["op_name"]] += event["dur"] / steps
    return dict(per_op)


def operator_profile(graphs: Path, subject: Subject, beam: int, batch: int, special: SpecialTokens, threads: int,
                     work: Path) -> tuple[dict[str, float], dict[str, float], int]:
    """For one run of a case: (the decoder graph's µs per step by operator type; the rest of a step's µs:
    the encoder's kernels, ONNX Runtime's own time between kernels, and everything outside ONNX Runtime;
    steps)."""
    model = TimedModel(load(graphs, subject.config, threads, str(work / f"profile-b{beam}-n{batch}")))
    seconds, _, _ = run_engine(model, subject, beam, batch, special, True)
    steps = model.steps
    decoder = kernel_times(model.model.decoder.end_profiling(), steps)
    encoder = sum(kernel_times(model.model.encoder.end_profiling(), steps).values())
    in_ort, total = 1e6 * model.seconds / steps, 1e6 * seconds / steps
    rest = {"encoder graph (joining sentences)": encoder,
            "ONNX Runtime between kernels": in_ort - encoder - sum(decoder.values()),
            "outside ONNX Runtime (Python and the compiled bookkeeping)": total - in_ort}
    return decoder, rest, steps


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.compiled_step", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--beams", nargs="+", type=int, default=[1, 4], help="(default: %(default)s)")
    p.add_argument("--batches", nargs="+", type=int, default=[1, 32], help="(default: %(default)s)")
    p.add_argument("--precisions", nargs="+", choices=["fp32", "int8"], default=["fp32"], help="(default: %(default)s)")
    p.add_argument("--sentences", type=int, default=64, help="held-out sources per case (default: %(default)s)")
    p.add_argument("--threads", type=int, default=0, help="ONNX Runtime threads (default: all cores)")
    p.add_argument("--rounds", type=int, default=5, help="alternating rounds; the best counts (default: %(default)s)")
    p.add_argument("--profile", action="store_true", help="also profile one run of each case by operator type")
    args = p.parse_args(argv)
    if not compiled_step_built():
        print("error: the compiled step is not built (pip install -e . builds service/engine/_step.pyx)", file=sys.stderr)
        return 1
    threads = args.threads or os.cpu_count() or 1
    subject = held_out_subject(args.store, args.sentences)
    special = SpecialTokens(subject.config["pad_id"], subject.config["bos_id"], subject.config["eos_id"])
    cases = [(p, b, n) for p in args.precisions for b in args.beams for n in args.batches]
    rows, profiles = [], []
    with tempfile.TemporaryDirectory(prefix="compiled-step-") as tmp:
        work = Path(tmp)
        for precision in args.precisions:
            graphs = subject.graphs if precision == "fp32" else quantized_graphs(subject, work)
            model = TimedModel(load(graphs, subject.config, threads))
            for _, beam, batch in (c for c in tqdm(cases, desc=f"{precision} cases", unit="case") if c[0] == precision):
                reference, compiled = (tokens_of(model, subject, beam, batch, special, c) for c in (False, True))
                if reference != compiled:
                    differ = sum(a != b for a, b in zip(reference, compiled))
                    print(f"error: {precision} beam {beam} batch {batch}: the compiled step's tokens differ from the "
                          f"reference's on {differ} hypotheses", file=sys.stderr)
                    return 1
                best = side_by_side(model, subject, beam, batch, special, args.rounds)
                rows.append((precision, beam, batch, best))
                if args.profile:
                    profiles.append((precision, beam, batch,
                                     *operator_profile(graphs, subject, beam, batch, special, threads, work)))
    print(f"{os.cpu_count()} cores, {threads} threads, onnxruntime {ort.__version__}, {len(subject.sources)} held-out "
          f"sentences per case, best of {args.rounds} alternating rounds; tokens equal in every case\n")
    print("| case | numpy ms/step | compiled ms/step | compiled / numpy speed | numpy tok/s | compiled tok/s "
          "| outside ORT, numpy | outside ORT, compiled |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for precision, beam, batch, best in rows:
        (n_ms, n_tps, n_out), (c_ms, c_tps, c_out) = best["numpy"], best["compiled"]
        print(f"| {precision} beam {beam} batch {batch} | {n_ms:.2f} | {c_ms:.2f} | **{n_ms / c_ms:.2f}×** | {n_tps:,.0f} "
              f"| {c_tps:,.0f} | {100 * n_out:.0f}% | {100 * c_out:.0f}% |")
    for precision, beam, batch, per_op, rest, steps in profiles:
        total = sum(per_op.values()) + sum(rest.values())
        print(f"\n{precision} beam {beam} batch {batch}, compiled step: {total:.0f} µs per step over {steps} steps")
        print("| where | µs per step | share |\n| --- | ---: | ---: |")
        ranked = sorted(per_op.items(), key=lambda kv: -kv[1])
        shown = [(f"decoder {op}", us) for op, us in ranked[:10]]
        shown.append(("decoder, other operators", sum(us for _, us in ranked[10:])))
        for where, us in [*shown, *rest.items()]:
            print(f"| {where} | {us:.1f} | {100 * us / total:.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
