#!/usr/bin/env bash
# Regenerates examples/motion-skills: the demonstrations, the results table (3 seeds, 20 obstacles per
# seed and test) and the pictures. About 10 minutes on a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
geo=../../geo
"$geo" motion demos --seed 0 -o demos.csv
start=$(date +%s)
"$geo" motion evaluate demos.csv --held-out 0 --seeds 1,2,3 --obstacles 20 --figures . -o table.md
echo "evaluate: $(( $(date +%s) - start )) s" >&2
cat table.md
