#!/usr/bin/env bash
# geo: runs the Geo command line. On first use, or when a source or pom is newer than the
# built jar, it builds the jar first with Maven (JDK 17+ and Maven are all a newcomer needs).
set -euo pipefail

# The checkout this script lives in, through any chain of symbolic links (users put it on PATH
# with `ln -s /path/to/geo ~/bin/geo`). A loop on readlink, because `readlink -f` is not on
# every system (macOS before 12.3); relative link targets are relative to the link's directory.
src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  case "$src" in
    /*) ;;
    *) src="$dir/$src" ;;
  esac
done
root="$(cd -P "$(dirname "$src")" && pwd)"
jar="$root/cli/target/geo.jar"

# GEO_PRINT_ROOT=1: print the checkout and stop, without building or running anything (for tests).
if [ -n "${GEO_PRINT_ROOT:-}" ]; then
  echo "$root"
  exit 0
fi

command -v java >/dev/null 2>&1 || { echo "geo: java not found; install JDK 17 or newer" >&2; exit 69; }

stale() {
  [ -f "$jar" ] || return 0
  local newer
  newer="$(find "$root" \( -name target -o -name .git \) -prune -o \
      \( -name pom.xml -o -path '*/src/main/*' \) -type f -newer "$jar" -print -quit 2>/dev/null)"
  [ -n "$newer" ]
}

if stale; then
  command -v mvn >/dev/null 2>&1 || { echo "geo: mvn not found; install Maven 3.6+ to build Geo" >&2; exit 69; }
  echo "geo: building the command line (mvn -B -q -DskipTests -pl cli -am package)..." >&2
  log="$(mktemp "${TMPDIR:-/tmp}/geo-build.XXXXXX")"
  if ! (cd "$root" && mvn -B -q -DskipTests -pl cli -am package) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "geo: the build failed; see the Maven output above" >&2
    exit 70
  fi
  rm -f "$log"
  touch "$jar"
fi

# check, show and compile are short runs: the C1 compiler alone starts much faster on small
# machines (C2 threads compete for the cores); long numerical work keeps the full JIT.
jit=()
case "${1:-}" in
  check|show|compile) jit=(-XX:TieredStopAtLevel=1) ;;
esac

exec java ${jit[@]+"${jit[@]}"} ${GEO_JAVA_OPTS:-} -jar "$jar" "$@"
