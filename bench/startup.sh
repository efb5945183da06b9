#!/usr/bin/env bash
# bench/startup.sh: start-up cost of the geo command line, as ratios to a bare `java -version`
# measured in the same run (issue 23: `geo check examples/sphere.geo` at most 2.5x).
#
#   bench/startup.sh [ROUNDS] [GEO...]
#
# ROUNDS (default 31) rounds; each round runs every command once, in a shuffled order, so slow
# phases of a shared machine hit all commands alike. Each GEO (default: ./geo of this checkout)
# is a launcher to measure; give two (e.g. an old checkout's ./geo and this one) to compare them
# in one run. The launchers must have built their jar already (run `GEO check FILE` once first).
# Reports, per command, the median wall time and the median CPU time (user + system of the
# process tree, which a busy machine disturbs less than wall time), and both as ratios to the
# median of `java -version`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-31}"
shift || true
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=("$here/geo")
model="$here/examples/sphere.geo"

labels=("java -version")
commands=("java -version")
for g in "${launchers[@]}"; do
  labels+=("$g check sphere" "$g show sphere" "$g dist sphere")
  commands+=("$g check $model" "$g show $model" "$g dist $model --x 0.5,0 --y 1,1")
done

# Warm the file cache and check that every command works before timing anything.
for c in "${commands[@]}"; do
  $c >/dev/null 2>&1 || { echo "startup.sh: failed: $c" >&2; exit 1; }
done

out="$(mktemp "${TMPDIR:-/tmp}/geo-startup.XXXXXX")"
trap 'rm -f "$out"' EXIT
n=${#commands[@]}
for ((r = 0; r < rounds; r++)); do
  for i in $(seq 0 $((n - 1)) | shuf); do
    # Wall, user and system seconds (the latter two of the command and its waited-for children),
    # to the millisecond; the command's own output is thrown away.
    t="$( { TIMEFORMAT='%3R %3U %3S'; time ${commands[$i]} >/dev/null 2>&1; } 2>&1 )"
    echo "$i $t" >>"$out"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
base_wall="$(awk '$1 == 0 { print $2 }' "$out" | median)"
base_cpu="$(awk '$1 == 0 { print $3 + $4 }' "$out" | median)"
echo "rounds: $rounds; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(java -version 2>&1 | head -n 1)"
printf '%-60s %9s %7s %9s %7s\n' command "wall (s)" ratio "cpu (s)" ratio
for ((i = 0; i < n; i++)); do
  w="$(awk -v i="$i" '$1 == i { print $2 }' "$out" | median)"
  c="$(awk -v i="$i" '$1 == i { print $3 + $4 }' "$out" | median)"
  printf '%-60s %9.3f %7.2f %9.3f %7.2f\n' "${labels[$i]}" "$w" "$(echo "$w / $base_wall" | bc -l)" \
      "$c" "$(echo "$c / $base_cpu" | bc -l)"
done
