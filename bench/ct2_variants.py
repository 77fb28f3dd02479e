"""CTranslate2 in each of its CPU configurations, each in its own process, so the engine is compared
with CTranslate2's best one per case.

CTranslate2 chooses its GEMM backend (Intel MKL or oneDNN), instruction set and weight packing by
CPU vendor, read once from the environment at import (CT2_USE_MKL, CT2_FORCE_CPU_ISA,
CT2_PACKED_GEMM): on one machine the best setting differs by model and case (4x between backends on
the bundled model here). `measure_variants` runs this module once per setting and keeps, per case,
the fastest with its name. The worker:

    python -m bench.ct2_variants SPEC.json OUT.json      # SPEC: ct2_dir, sources, cases, threads, ...
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Each a setting CTranslate2 documents; "default" is what it picks for this CPU by itself.
VARIANTS: dict[str, dict[str, str]] = {
    "default": {},
    "DNNL": {"CT2_USE_MKL": "0"},
    "DNNL AVX512": {"CT2_USE_MKL": "0", "CT2_FORCE_CPU_ISA": "AVX512"},
    "MKL": {"CT2_USE_MKL": "1"},
    "MKL AVX512": {"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "AVX512"},
    "MKL unpacked": {"CT2_USE_MKL": "1", "CT2_PACKED_GEMM": "0"},
    "MKL AVX512 unpacked": {"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "AVX512", "CT2_PACKED_GEMM": "0"},
}


def run_ct2(translator, sources: list[list[int]], beam: int, batch: int, fixed_length: int | None,
            vocabs: tuple[list[str], list[str]], special: dict | None = None) -> tuple[float, int]:
    """Seconds and target tokens (EOS counted, as the engine counts it) to translate `sources`."""
    from bench.ctranslate2_convert import ct2_translate_ids

    tokens = 0
    n = fixed_length
    start = time.perf_counter()
    for i in range(0, len(sources), batch):
        out = ct2_translate_ids(translator, sources[i: i + batch], vocabs[1], beam_size=beam,
                                max_decoding_length=n or 200, min_decoding_length=n or 0, source_vocab=vocabs[0],
                                **(special or {}))
        tokens += sum(len(t) + (0 if n else 1) for t in out)
    return time.perf_counter() - start, tokens


def measure(spec: dict) -> dict[str, float]:
    """Tokens/s per case key "precision beam batch", best of spec["rounds"], in this process's setting."""
    import ctranslate2

    from bench.ctranslate2_convert import read_vocabularies

    vocabs = read_vocabularies(Path(spec["ct2_dir"]))
    results: dict[str, float] = {}
    translators = {}
    for precision, beam, batch in spec["cases"]:
        compute_type = "float32" if precision == "fp32" else "int8"
        if compute_type not in translators:
            translators[compute_type] = ctranslate2.Translator(spec["ct2_dir"], device="cpu", inter_threads=1,
                                                               intra_threads=spec["threads"], compute_type=compute_type)
        translator = translators[compute_type]
        special = spec.get("special")  # eos_id, pad_id, source_eos where not our own models' (ct2_translate_ids)
        run_ct2(translator, spec["sources"], beam, batch, spec["fixed_length"], vocabs, special)  # warm-up
        best = max(tokens / seconds for seconds, tokens in
                   (run_ct2(translator, spec["sources"], beam, batch, spec["fixed_length"], vocabs, special)
                    for _ in range(spec["rounds"])))
        results[f"{precision} {beam} {batch}"] = best
    return results


def measure_variants(ct2_dir: Path, sources: list[list[int]], fixed_length: int | None,
                     cases: list[tuple[str, int, int]], threads: int, rounds: int,
                     variants: list[str], special: dict | None = None) -> dict[tuple[str, int, int], tuple[float, str]]:
    """Per case, CTranslate2's best tokens/s over `variants` and the variant that gave it. A variant
    this build or CPU cannot run (e.g. MKL on a build without it) is skipped with a note."""
    spec = {"ct2_dir": str(ct2_dir), "sources": sources, "fixed_length": fixed_length,
            "cases": [list(c) for c in cases], "threads": threads, "rounds": rounds, "special": special}
    best: dict[tuple[str, int, int], tuple[float, str]] = {}
    with tempfile.TemporaryDirectory(prefix="ct2-variants-") as tmp:
        spec_path, out_path = Path(tmp) / "spec.json", Path(tmp) / "out.json"
        spec_path.write_text(json.dumps(spec))
        for name in variants:
            env = {k: v for k, v in os.environ.items() if not k.startswith("CT2_")} | VARIANTS[name]
            run = subprocess.run([sys.executable, "-m", "bench.ct2_variants", str(spec_path), str(out_path)],
                                 env=env, capture_output=True, text=True)
            if run.returncode != 0:
                print(f"CTranslate2 variant {name!r} skipped: {run.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                continue
            for key, tps in json.loads(out_path.read_text()).items():
                precision, beam, batch = key.split()
                case = (precision, int(beam), int(batch))
                if tps > best.get(case, (0.0, ""))[0]:
                    best[case] = (tps, name)
    return best


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2 or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args and args[0] in ("-h", "--help") else 2
    spec = json.loads(Path(args[0]).read_text())
    Path(args[1]).write_text(json.dumps(measure(spec)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
