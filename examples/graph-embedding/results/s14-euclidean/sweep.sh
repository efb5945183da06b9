#!/bin/bash
# The measurements behind README.md "Session 14: Euclidean rows": every graph in d = 2, 5, 10, seeds 0-2, one
# `geo embed --row` per variant. VARIANTS picks them (default: all); each line printed is "VARIANT ROW CPU-SECONDS",
# as in before-mds-trained.txt and alternating-*.txt. Run from the repository root:
#   VARIANTS="cur mds trained" examples/graph-embedding/results/s14-euclidean/sweep.sh > before-mds-trained.txt
#   VARIANTS=alt8 examples/graph-embedding/results/s14-euclidean/sweep.sh > alternating-8.txt
set -euo pipefail
D=examples/graph-embedding/data
t="$(mktemp)"
trap 'rm -f "$t"' EXIT
for d in 2 5 10; do
  for g in tree6 cycle10 tree40 regular_sphere100 grid:2,2,2 grid:3,3,3; do
    src="$D/$g.edges"; case $g in grid*) src=$g ;; esac
    for v in ${VARIANTS:-cur mds trained alt alt8}; do
      case $v in
        cur) a="--scale --worst-case 3000" ;;
        mds) a="--worst-case 3000 --worst-case-method annealed --worst-case-from layout --init mds --init-scales 1 --starts 4" ;;
        trained) a="--scale --worst-case 3000 --worst-case-method annealed --starts 4" ;;
        alt) a="--scale --worst-case 3000 --worst-case-method annealed --worst-case-from layout,trained --init mds --starts 4" ;;
        alt8) a="--scale --worst-case 3000 --worst-case-method annealed --worst-case-from layout,trained --init mds --starts 8" ;;
      esac
      # shellcheck disable=SC2086
      line=$(/usr/bin/time -f "%U %S" -o "$t" nice -n 10 ./geo embed "$src" --space euclidean --dim "$d" --epochs 3000 \
        --batch 64 --patience 200 --loss relative-squared $a --seed 0,1,2 --threads 1 --row 2>/dev/null)
      echo "$v $line $(awk '{print $1 + $2}' "$t")"
    done
  done
done
