#!/usr/bin/env bash
# Rebuild the bundled default model from scratch: generate the corpus, train (≈ 24 min on 2 quiet cores),
# export model_store/ko-en/2 and its int8 variant model_store/ko-en-int8/2, replacing what is there.
#   bash export/rebuild_default_model.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/ko-en-rebuild}
if [ -e "$run/last.pt" ]; then
  echo "error: $run already holds a run; give another directory or remove it" >&2
  exit 2
fi
# Version 2 is the bare mt-train (corpus version 2, 4000 source pieces, placeholders, 2400 steps); the
# time limit is lifted so that a slower machine still trains all 2400 steps.
mt-train --out "$run" --time-limit 0
mt-export --checkpoint "$run/best.pt" --name ko-en --version 2 --force --int8
# Version 1 (in git history: the first grammar alone) was:
#   mt-train --out "$run" --grammar-version 1 --src-vocab 1000 --max-steps 1400 --time-limit 0 --no-placeholders
#   mt-export --checkpoint "$run/best.pt" --name ko-en --version 1 --force --int8
