#!/usr/bin/env bash
# The Spark distance job against the single-JVM `geo dist --pairs` on the same pairs (bench/RESULTS.md,
# "Geodesic distances on Spark"): geo dist on 1 and 2 threads, geo-spark dist on local[1] and local[2],
# each timed end to end (wall and CPU seconds, /usr/bin/time) and, for Spark, by the job's own summary
# (the solve-and-write job, without the JVM's and Spark's start). Usage: bench/spark.sh [PAIRS] [OUT.tsv]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-100000}"
table="${2:-/dev/stdout}"
work="$(mktemp -d "${TMPDIR:-/tmp}/geo-spark-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# n pairs of points of the Poincaré disc within radius 0.9, seed 5.
python3 - "$n" "$work/pairs.csv" <<'PY'
import random, sys
random.seed(5)
n, out = int(sys.argv[1]), sys.argv[2]
def pt():
    while True:
        x, y = random.uniform(-0.9, 0.9), random.uniform(-0.9, 0.9)
        if x * x + y * y < 0.81:
            return x, y
with open(out, "w") as f:
    f.write("x0,x1,y0,y1\n")
    for _ in range(n):
        f.write("%.6f,%.6f,%.6f,%.6f\n" % (pt() + pt()))
PY
"$root/geo" compile "$root/examples/poincare.geo" -o "$work/poincare.jar" >/dev/null
"$root/geo-spark" --help >/dev/null   # builds the jar first if needed, outside the timings

solver=(--method rk4 --steps 100)
printf 'run\twall_s\tcpu_s\tjob_s\tpairs_per_s_wall\tpairs_per_s_job\tconverged\n' >"$table"
run() {
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || true
  # The last line: /usr/bin/time puts "Command exited with non-zero status" first when some pair failed.
  read -r wall user sys < <(tail -1 "$work/time")
  local cpu job conv
  cpu="$(echo "$user + $sys" | bc)"
  job="$(sed -n 's/.* pairs in \([0-9.]*\) s .*/\1/p' "$work/stdout")"
  conv="$(sed -n 's/^ *CONVERGED *\([0-9]*\)$/\1/p' "$work/stdout")"
  if [ -z "$conv" ] && [ -f "$work/geo.csv" ]; then
    conv="$(grep -c ',CONVERGED,' "$work/geo.csv" || true)"
  fi
  printf '%s\t%s\t%s\t%s\t%.0f\t%s\t%s\n' "$label" "$wall" "$cpu" "${job:--}" "$(echo "$n / $wall" | bc -l)" \
    "$( [ -n "$job" ] && printf '%.0f' "$(echo "$n / $job" | bc -l)" || echo -)" "${conv:--}" >>"$table"
  rm -f "$work/geo.csv"
}
for threads in 1 2; do
  run "geo dist --threads $threads" "$root/geo" dist "$work/poincare.jar" --pairs "$work/pairs.csv" "${solver[@]}" \
    --threads "$threads" --out "$work/geo.csv"
done
for cores in 1 2; do
  run "geo-spark dist local[$cores]" "$root/geo-spark" dist "$work/poincare.jar" "$work/pairs.csv" "${solver[@]}" \
    --master "local[$cores]" --progress 0 --overwrite --out "$work/spark-out"
done
