#!/usr/bin/env bash
# bench/compile-time.sh: cold `geo compile` of the network metric of examples/deep.geo as its
# width grows (issue 23: the 128-unit network in under 1 s cold, to a class under 500 KB).
#
#   bench/compile-time.sh [ROUNDS] [GEO...]
#
# ROUNDS (default 5) rounds; each round compiles every width once with every launcher, in a
# shuffled order. Each GEO (default: ./geo of this checkout) is a launcher to measure; give two
# (an old checkout's ./geo and this one) to compare them in one run. Reports per width and
# launcher the median wall and CPU time (user + system) of the whole command, JVM start
# included, and the class size. The in-process split (front end, derivations, emission; warm
# and first compilation) is geo.bench.CompileProfile.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
shift || true
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=("$here/geo")
widths=(4 8 16 32 64 128 256)

dir="$(mktemp -d "${TMPDIR:-/tmp}/geo-compile-time.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
for w in "${widths[@]}"; do
  sed "s/\b32\b/$w/g" "$here/examples/deep.geo" >"$dir/net$w.geo"
done

runs=()
for li in "${!launchers[@]}"; do
  for w in "${widths[@]}"; do
    runs+=("$li $w")
    # Build the jar and the archive, and check that the command works, before timing anything.
    "${launchers[$li]}" compile "$dir/net$w.geo" -o "$dir/out.jar" >/dev/null 2>&1 \
      || { echo "compile-time.sh: failed: ${launchers[$li]} compile net$w.geo" >&2; exit 1; }
  done
done

out="$dir/times"
for ((r = 0; r < rounds; r++)); do
  for i in $(seq 0 $((${#runs[@]} - 1)) | shuf); do
    read -r li w <<<"${runs[$i]}"
    t="$( { TIMEFORMAT='%3R %3U %3S'; time "${launchers[$li]}" compile "$dir/net$w.geo" -o "$dir/out$i.jar" \
        >/dev/null 2>&1; } 2>&1 )"
    size="$(unzip -l "$dir/out$i.jar" 'geo/models/*.class' | awk '/\.class$/ { s += $1 } END { print s }')"
    echo "$i $t $size" >>"$out"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "rounds: $rounds; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(java -version 2>&1 | head -n 1)"
printf '%-40s %6s %9s %9s %9s\n' launcher width "wall (s)" "cpu (s)" "class KB"
for ((i = 0; i < ${#runs[@]}; i++)); do
  read -r li w <<<"${runs[$i]}"
  wall="$(awk -v i="$i" '$1 == i { print $2 }' "$out" | median)"
  cpu="$(awk -v i="$i" '$1 == i { print $3 + $4 }' "$out" | median)"
  kb="$(awk -v i="$i" '$1 == i { print $5 / 1024 }' "$out" | median)"
  printf '%-40s %6d %9.3f %9.3f %9.1f\n' "${launchers[$li]}" "$w" "$wall" "$cpu" "$kb"
done
