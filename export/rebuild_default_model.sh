#!/usr/bin/env bash
# Rebuild the bundled default model from scratch: generate the corpus, train (≈ 16 min on 2 cores),
# export model_store/ko-en/1 and its int8 variant model_store/ko-en-int8/1, replacing what is there.
#   bash export/rebuild_default_model.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/ko-en-rebuild}
if [ -e "$run/last.pt" ]; then
  echo "error: $run already holds a run; give another directory or remove it" >&2
  exit 2
fi
# Version 1 was trained on the first grammar alone with 1000 source pieces (the defaults of its day);
# the bare mt-train now uses corpus version 2 and 4000 pieces, for the next default model.
mt-train --out "$run" --grammar-version 1 --src-vocab 1000 --max-steps 1400 --time-limit 0 --no-placeholders
mt-export --checkpoint "$run/best.pt" --name ko-en --version 1 --force --int8
