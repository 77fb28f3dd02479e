"""The benchmark's Marian case, built in its own process: a transformer-base-shaped OPUS-MT-style
checkpoint with random weights (export/marian_random.py), imported by mt-import (fp32 and int8) and
converted by CTranslate2's own TransformersConverter, so that no converter of ours sits on the
reference side.

    python -m bench.marian_model OUT_DIR [VOCAB_SIZE]

writes OUT_DIR/checkpoint (the Hugging Face folder), OUT_DIR/store (marian/1, marian-int8/1) and
OUT_DIR/ct2. Its own process for the reason of bench/base_model.py: torch's OpenMP runtime in the
benchmark's process makes CTranslate2's threads spin against it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2 or args[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if args and args[0] in ("-h", "--help") else 2
    import ctranslate2

    from export import import_cli
    from export.corpus import bundled_corpus
    from export.marian_random import MarianShape, build_random_marian

    out = Path(args[0])
    pairs = bundled_corpus(1, 3000, 10, 10).splits["train"]
    shape = MarianShape(vocab_size=int(args[1]) if len(args) > 1 else 32000, max_positions=256)
    checkpoint = build_random_marian(out / "checkpoint", [s for s, _ in pairs], [t for _, t in pairs], shape)
    if import_cli.main([str(checkpoint), "--store", str(out / "store"), "--name", "marian", "--languages", "ko", "en",
                        "--int8", "--check-sentences", "4", "--force"]) != 0:
        return 1
    ctranslate2.converters.TransformersConverter(str(checkpoint)).convert(str(out / "ct2"), force=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
