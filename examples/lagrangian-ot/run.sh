#!/usr/bin/env bash
# Regenerates the table of README.md: for each task and seeds 0, 1, 2, `geo lot` trains the learned
# map, scores it and the exact discrete baseline on 128 x 128 held-out points and runs the
# amortisation benchmark on 1,000 new pairs; table.py averages the JSON reports into table.md.
# Usage (from the repository root): examples/lagrangian-ot/run.sh [task ...]   (default: all four LSB tasks)
# Set SEQUENTIAL=1 to run the tasks one after the other, SEEDS="0" to run fewer seeds; AMORTISATION=1 runs
# without the baseline into results/amortisation/newton/ (session 11's benchmark: session 10's batched checks
# and lockstep refinement against per-pair solves with the O(T) spline, plus the Newton side; the amortiser
# fit and benchmark with the trained networks saved in results/amortisation/newton/TASK-SEED-run, not
# committed; table: python3 table.py results/amortisation/newton --amortisation; session 10's reports stay
# in results/amortisation/lanes*/, session 9's in results/amortisation/). Each run's wall and CPU time (user+sys,
# of the whole JVM) is appended to the output directory's time.txt.
# PARAMS=DIR (session 12): the amortisation benchmark only, from saved dual networks DIR/TASK-SEED (theta-dual.json,
# as written by --out), with a fresh amortiser (AMORTISER, default amortiser-small.geo: 2 x 64) fitted for new pairs
# (8,000 steps) and the refinement's kinetic-decrement stop DECREMENT (default 1e-4), no Newton side, into
# results/amortisation/${OUT:-s12}/ (the fitted amortiser in TASK-SEED-fit/); then the same fitted amortiser
# benchmarked again with the gradient stop alone (gradient/TASK-SEED.json; GRADIENT=0 skips it); table:
# python3 table.py results/amortisation/s12 --amortisation (and .../s12/gradient).
# FIT="..." (session 13) adds options to that fit, e.g. FIT="--amortiser-targets 10000 --amortiser-loss mse
# --amortiser-fine-tune 8000" (the amortiser distilled from 10,000 solved minimal paths, then the action fit);
# with OUT=s13/NAME the reports go to results/amortisation/s13/NAME/.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=examples/lagrangian-ot
out="$dir/results"
baseline=(--baseline)
if [ "${AMORTISATION:-0}" = 1 ]; then
  out="$dir/results/amortisation/newton"
  baseline=()
fi
if [ -n "${PARAMS:-}" ]; then
  out="$dir/results/amortisation/${OUT:-s12}"
  baseline=()
fi
mkdir -p "$out"
# GEO: the command to run (default ./geo; a copy of the jar, e.g. GEO="java -jar /tmp/geo.jar", keeps
# long runs independent of rebuilds).
read -r -a geo <<< "${GEO:-./geo}"
tasks=("$@")
if [ ${#tasks[@]} -eq 0 ]; then
  tasks=(box slit hill well)
fi
from_params() {
  local task=$1 seed=$2 am="$dir/${AMORTISER:-amortiser-small.geo}"
  local fit=()
  read -r -a fit <<< "${FIT:-}"
  local common=(lot --task "$task" --model "$dir/$task.geo" --nets "$dir/nets.geo" --amortiser "$am" --seed "$seed"
    --eval 2 --pairs 1000 --json --skip-newton)
  /usr/bin/time -f "$task seed $seed: %e s wall, %U+%S s cpu" -a -o "$out/time.txt" \
    "${geo[@]}" "${common[@]}" --load "$PARAMS/$task-$seed" --fresh-amortiser --amortiser-fit 8000 \
        ${fit[@]+"${fit[@]}"} --decrement-gap "${DECREMENT:-1e-4}" --out "$out/$task-$seed-fit" > "$out/$task-$seed.json"
  tail -n 1 "$out/time.txt"
  [ "${GRADIENT:-1}" = 1 ] || return 0
  mkdir -p "$out/gradient"
  /usr/bin/time -f "$task seed $seed: %e s wall, %U+%S s cpu" -a -o "$out/gradient/time.txt" \
    "${geo[@]}" "${common[@]}" --load "$out/$task-$seed-fit" > "$out/gradient/$task-$seed.json"
  tail -n 1 "$out/gradient/time.txt"
}
one_task() {
  local task=$1
  for seed in ${SEEDS:-0 1 2}; do
    if [ -n "${PARAMS:-}" ]; then from_params "$task" "$seed"; continue; fi
    plot=()
    if [ "${AMORTISATION:-0}" = 1 ]; then
      plot=(--out "$out/$task-$seed-run")
    elif [ "$seed" = 0 ]; then
      plot=(--plot "$dir/$task.png" --out "$out/$task-run")
    fi
    /usr/bin/time -f "$task seed $seed: %e s wall, %U+%S s cpu" -a -o "$out/time.txt" \
    "${geo[@]}" lot --task "$task" --model "$dir/$task.geo" --nets "$dir/nets.geo" --amortiser "$dir/amortiser.geo" \
        --seed "$seed" "${baseline[@]}" --pairs 1000 --json "${plot[@]}" > "$out/$task-$seed.json"
    tail -n 1 "$out/time.txt"
  done
}
# SEQUENTIAL=1 runs the tasks one after the other (for timing on a quiet machine); the default runs
# the tasks side by side, one process each.
for task in "${tasks[@]}"; do
  if [ "${SEQUENTIAL:-0}" = 1 ]; then one_task "$task"; else one_task "$task" & fi
done
wait
if [ "${AMORTISATION:-0}" = 1 ] || [ -n "${PARAMS:-}" ]; then
  python3 "$dir/table.py" "$out" --amortisation > "$out/table.md"
  cat "$out/table.md"
else
  python3 "$dir/table.py" "$dir/results" > "$dir/table.md"
  cat "$dir/table.md"
fi
