#!/usr/bin/env bash
# Regenerates the TaskMet results table (examples/taskmet/README.md): every problem x method x seed
# with `geo taskmet --json`, one JSON file per run in results/, then table.py prints the table.
#
#   examples/taskmet/run.sh                      # 3 problems x 3 methods x seeds 0-4 (settings below)
#   PROBLEMS="cubic" SEEDS="0 1" examples/taskmet/run.sh
#   ARGS_budget_taskmet="--inner 100 --cg-iterations 5" examples/taskmet/run.sh   # override one cell's settings
#
# Settings. Cubic runs the published settings. Budget and Portfolio run reductions that bring a
# run within 5 minutes of CPU on the 2-core machine (README, "Reductions"); each is a `geo taskmet`
# option, set per problem and method below and overridable through ARGS_<problem>_<method>
# (ARGS_x="" runs the published settings):
#   budget taskmet:    --inner 20 (published 100) --cg-iterations 2 (published 5) --iterations 200 (1000)
#   portfolio mse/dfl: --iterations 250 (1000)
#   portfolio taskmet: --inner 10 (100) --cg-iterations 2 (5) --iterations 100 (1000)
#
# Runs one after another (each run is single-threaded); existing result files are kept, so an
# interrupted run resumes (delete results/ to start over).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
geo="$here/../../geo"
out="${OUT:-$here/results}"
mkdir -p "$out"
problems="${PROBLEMS:-cubic budget portfolio}"
methods="${METHODS:-mse dfl taskmet}"
seeds="${SEEDS:-0 1 2 3 4}"
: "${ARGS_budget_taskmet=--inner 20 --cg-iterations 2 --iterations 200}"
: "${ARGS_portfolio_mse=--iterations 250}"
: "${ARGS_portfolio_dfl=--iterations 250}"
: "${ARGS_portfolio_taskmet=--inner 10 --cg-iterations 2 --iterations 100}"
for p in $problems; do
  for m in $methods; do
    extra_var="ARGS_${p}_$m"
    read -r -a extra <<< "${!extra_var:-}"
    for s in $seeds; do
      f="$out/$p-$m-$s.json"
      if [ -s "$f" ]; then
        continue
      fi
      args=(taskmet --problem "$p" --method "$m" --seed "$s" --json ${extra[@]+"${extra[@]}"})
      echo "geo ${args[*]}" >&2
      "$geo" "${args[@]}" 2>/dev/null > "$f.tmp"
      mv "$f.tmp" "$f"
    done
  done
done
python3 "$here/table.py" "$out"
