"""Export a transformer-base-sized model with random weights (d_model 512, 6 + 6 layers, 8 heads,
FFN 2048, 8k vocabulary) with the project's own exporter.

    python -m bench.base_model OUT_DIR

Run as its own process by mt-bench: torch's OpenMP runtime in the benchmark's process would make
CTranslate2's threads spin against it (observed: ~50x slower).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BASE_CONFIG = dict(src_vocab_size=8000, tgt_vocab_size=8000, d_model=512, n_heads=8, n_encoder_layers=6,
                   n_decoder_layers=6, d_ff=2048, dropout=0.0, max_positions=256)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args and args[0] in ("-h", "--help") else 2
    import torch

    from export.config import ModelConfig
    from export.model import make_model
    from export.onnx_export import export_graphs

    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    config = ModelConfig(**BASE_CONFIG)
    model = make_model(config).eval()
    with torch.no_grad():  # a fresh model's norms and biases are identical tensors, which the exporter
        for p in model.parameters():  # would merge into one initializer; make each its own
            if p.dim() == 1:
                p.add_(0.02 * torch.randn_like(p))
    export_graphs(model, out)
    (out / "config.json").write_text(json.dumps(config.to_dict(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
