#!/usr/bin/env bash
# Rebuild the bundled default model from scratch: generate the corpus, train (≈ 28 min on 2 quiet cores),
# export model_store/ko-en/4 and its int8 variant model_store/ko-en-int8/4, replacing what is there.
#   bash export/rebuild_default_model.sh [RUN_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
run=${1:-runs/ko-en-rebuild}
if [ -e "$run/last.pt" ]; then
  echo "error: $run already holds a run; give another directory or remove it" >&2
  exit 2
fi
# Version 4 is the bare mt-train (corpus version 2 with everyday revision 3, 4000 source pieces,
# placeholders for numbers, Latin words and names, 3000 steps); the time limit is lifted so that a
# slower machine still trains all 3000 steps. The revision and steps are named so that a later default
# does not change what this script builds.
mt-train --out "$run" --everyday-revision 3 --max-steps 3000 --time-limit 0
mt-export --checkpoint "$run/best.pt" --name ko-en --version 4 --force --int8
# Version 3 (in git history) was the same with --max-steps 2400 (its best checkpoint: step 2400).
# Version 2 (in git history: no name placeholders) was built by the mt-train of commit 93e8bb1 (before
# names): mt-train --out "$run" --time-limit 0, exported as --version 2.
# Version 1 (in git history: the first grammar alone) was:
#   mt-train --out "$run" --grammar-version 1 --src-vocab 1000 --max-steps 1400 --time-limit 0 --no-placeholders
#   mt-export --checkpoint "$run/best.pt" --name ko-en --version 1 --force --int8
