"""Training curves as a PNG: losses, dev BLEU and the learning rate against the step."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display on training machines
import matplotlib.pyplot as plt  # noqa: E402


def plot_training_curves(history: dict, path: Path, title: str = "training") -> None:
    train, evals = history.get("train", []), history.get("eval", [])
    fig, (ax_loss, ax_bleu, ax_lr) = plt.subplots(1, 3, figsize=(15, 4))
    if train:
        ax_loss.plot([r["step"] for r in train], [r["loss"] for r in train], label="train (label-smoothed)",
                     alpha=0.8)
        ax_lr.plot([r["step"] for r in train], [r["lr"] for r in train], color="tab:purple")
    if evals:
        steps = [r["step"] for r in evals]
        ax_loss.plot(steps, [r["dev_loss"] for r in evals], "o-", label="dev (NLL)")
        parts = evals[-1].get("parts_bleu", {})
        ax_bleu.plot(steps, [r["dev_bleu"] for r in evals], "o-", color="tab:green",
                     label="selection score (all parts)" if parts else None)
        for name in parts:  # the checkpoint is chosen on all parts together; each part on its own
            ax_bleu.plot(steps, [r.get("parts_bleu", {}).get(name) for r in evals], "--", alpha=0.7, label=name)
        if parts:
            ax_bleu.legend()
        best = max(evals, key=lambda r: r["dev_bleu"])
        ax_bleu.annotate(f"best {best['dev_bleu']:.1f}", (best["step"], best["dev_bleu"]),
                         textcoords="offset points", xytext=(-40, -15))
    ax_loss.set(xlabel="step", ylabel="loss per target token", title="loss", yscale="log")
    ax_loss.legend()
    ax_bleu.set(xlabel="step", ylabel="BLEU", title="dev BLEU (greedy)")
    ax_lr.set(xlabel="step", ylabel="learning rate", title="learning rate")
    for ax in (ax_loss, ax_bleu, ax_lr):
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
