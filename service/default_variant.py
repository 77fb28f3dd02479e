"""Which model serves requests that name none: the default model, or a faster variant of it at equal quality.

On the CPU the int8 variant of a model is 1.0-1.4× faster than its fp32 (docs/benchmarks.md) and, for the
bundled model, scores the same BLEU. A request that names no model gets it when its manifest proves
that: it was quantized from exactly the served fp32 version (its `scores.fp32` names that version) and
its BLEU is within QUALITY_TOLERANCE_BLEU of the fp32's on every evaluation set both record (the bundled
model's: the held-out test split and the hand-written everyday sentences). A request that names a model
gets that model, always. On CUDA dynamic int8 runs no faster, so the named model serves there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from model_store import Manifest

QUALITY_TOLERANCE_BLEU = 0.3  # issue 24: "at BLEU within 0.3 of fp32"
Policy = Literal["fastest", "named"]


@dataclass(frozen=True)
class DefaultChoice:
    name: str | None  # the model of requests that name none
    variant: str  # its newest version's variant ("fp32", "int8"); "" when there is none
    reason: str  # why, in words (ListModels and the log say it)


def shared_bleu(a: Manifest, b: Manifest) -> dict[str, tuple[float, float]]:
    """Evaluation set → (a's BLEU, b's BLEU), for every set with a BLEU in both manifests."""
    out = {}
    for name, score in a.scores.items():
        other = b.scores.get(name)
        if name != "fp32" and isinstance(score, dict) and isinstance(other, dict) \
                and isinstance(score.get("bleu"), (int, float)) and isinstance(other.get("bleu"), (int, float)):
            out[name] = (float(score["bleu"]), float(other["bleu"]))
    return out


def quality_gap(variant: Manifest, reference: Manifest, tolerance: float = QUALITY_TOLERANCE_BLEU) -> str | None:
    """None when `variant` is `reference` quantized, scoring within `tolerance` BLEU of it on every set
    both record; else why not."""
    origin = variant.scores.get("fp32") if isinstance(variant.scores.get("fp32"), dict) else {}
    if (origin.get("name"), origin.get("version")) != (reference.name, reference.version):
        return f"not quantized from {reference.name}/{reference.version}"
    if (variant.source_language, variant.target_language) != (reference.source_language, reference.target_language):
        return "other languages"
    sets = shared_bleu(variant, reference)
    if not sets:
        return "no evaluation set scored in both manifests"
    # 1e-9: scores are written with two decimals, so exactly `tolerance` below must not fail on rounding
    below = {name: ref - ours for name, (ours, ref) in sets.items() if ours < ref - tolerance - 1e-9}
    if below:
        return ", ".join(f"{gap:.2f} BLEU below on {name}" for name, gap in sorted(below.items()))
    return None


def choose_default(named: str | None, newest: dict[str, Manifest], on_cpu: dict[str, bool],
                   policy: Policy = "fastest", configured: bool = False) -> DefaultChoice:
    """named: the default model as configured or found (the first name in the store); newest: every served
    model's newest manifest; on_cpu: per model, whether it runs on ONNX Runtime's CPU provider."""
    how = "configured" if configured else "the first model in the store"
    if named is None or named not in newest:
        return DefaultChoice(named, "", f"{how}; not served")
    reference = newest[named]
    plain = DefaultChoice(named, reference.variant, f"{how}, {reference.variant}")
    if policy == "named" or reference.variant != "fp32":
        return plain
    if not on_cpu.get(named, False):
        return DefaultChoice(named, reference.variant, f"{how}; fp32 on CUDA, where int8 is no faster")
    refused = []
    for candidate in _int8_variants(newest.values()):
        gap = quality_gap(candidate, reference)
        if gap is None and on_cpu.get(candidate.name, False):
            sets = ", ".join(f"{name} {ours:.2f} vs {ref:.2f}"
                             for name, (ours, ref) in sorted(shared_bleu(candidate, reference).items()))
            return DefaultChoice(candidate.name, candidate.variant,
                                 f"the int8 variant of {named}/{reference.version} ({how}): faster on the CPU at BLEU "
                                 f"within {QUALITY_TOLERANCE_BLEU} of fp32 ({sets})")
        if gap is not None and not gap.startswith("not quantized from"):
            refused.append(f"{candidate.name}/{candidate.version}: {gap}")
    if refused:
        return DefaultChoice(named, reference.variant, f"{how}, fp32 (int8 variants refused: {'; '.join(refused)})")
    return plain


def _int8_variants(manifests: Iterable[Manifest]) -> list[Manifest]:
    return sorted((m for m in manifests if m.variant == "int8"), key=lambda m: m.name)
