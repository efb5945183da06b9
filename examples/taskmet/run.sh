#!/usr/bin/env bash
# Regenerates the TaskMet results table (examples/taskmet/README.md): every problem x method x seed
# with `geo taskmet --json`, one JSON file per run in results/, then table.py prints the table.
#
#   examples/taskmet/run.sh                      # 3 problems x 3 methods x seeds 0-4, published settings
#   PROBLEMS="cubic" SEEDS="0 1" examples/taskmet/run.sh
#   ITERATIONS_budget=100 examples/taskmet/run.sh          # cap a problem's outer iterations
#   ITERATIONS_budget_taskmet=30 examples/taskmet/run.sh   # ... or one method's (say so next to the numbers)
#
# Runs one after another (each run is single-threaded); existing result files are kept, so an
# interrupted run resumes (delete results/ to start over).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
geo="$here/../../geo"
out="$here/results"
mkdir -p "$out"
problems="${PROBLEMS:-cubic budget portfolio}"
methods="${METHODS:-mse dfl taskmet}"
seeds="${SEEDS:-0 1 2 3 4}"
for p in $problems; do
  for m in $methods; do
    cap_var="ITERATIONS_${p}_$m"
    cap="${!cap_var:-}"
    if [ -z "$cap" ]; then
      cap_var="ITERATIONS_$p"
      cap="${!cap_var:-}"
    fi
    for s in $seeds; do
      f="$out/$p-$m-$s.json"
      if [ -s "$f" ]; then
        continue
      fi
      args=(taskmet --problem "$p" --method "$m" --seed "$s" --json)
      if [ -n "$cap" ]; then
        args+=(--iterations "$cap")
      fi
      echo "geo ${args[*]}" >&2
      "$geo" "${args[@]}" 2>/dev/null > "$f.tmp"
      mv "$f.tmp" "$f"
    done
  done
done
python3 "$here/table.py" "$out"
