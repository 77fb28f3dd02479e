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
mt-train --out "$run"
mt-export --checkpoint "$run/best.pt" --name ko-en --version 1 --force --int8
