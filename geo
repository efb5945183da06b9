#!/usr/bin/env bash
# geo: runs the Geo command line. On first use, or when a source or pom is newer than the
# built jar, it builds the jar first with Maven (JDK 17+ and Maven are all a newcomer needs).
# After each build it makes a class-data-sharing archive of the jar (cli/target/geo.jsa), which
# short commands start faster with (about a quarter less CPU for `geo check`); see "Start-up" in src/site/markdown/cli.md.
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
# The directory by parameter expansion rather than `dirname`: one process fewer per command (issue 23).
case "$src" in
  */*) dir="${src%/*}" ;;
  *) dir=. ;;
esac
root="$(cd -P -- "${dir:-/}" && pwd)"
jar="$root/cli/target/geo.jar"

# GEO_PRINT_ROOT=1: print the checkout and stop, without building or running anything (for tests).
if [ -n "${GEO_PRINT_ROOT:-}" ]; then
  echo "$root"
  exit 0
fi

command -v java >/dev/null 2>&1 || { echo "geo: java not found; install JDK 17 or newer" >&2; exit 69; }

# The jar is stale when it is missing or when any file it is built from is newer than it: the
# parent pom, and the pom and src/main tree of each module the jar holds (grammar, runtime,
# compiler, cli; `mvn -pl cli -am`). One find over just those paths: examples, bench, the docs,
# target and .git are not walked.
stale() {
  [ -f "$jar" ] || return 0
  local newer
  newer="$(cd "$root" && find pom.xml grammar/pom.xml runtime/pom.xml compiler/pom.xml cli/pom.xml \
      grammar/src/main runtime/src/main compiler/src/main cli/src/main \
      -type f -newer "$jar" -print -quit 2>/dev/null)"
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

# The class-data-sharing archive (AppCDS, JDK 12+): the classes that check, show and dist load,
# parsed and verified once by a training run (geo.cli.StartupTraining) and mapped by later runs.
# Made after each build (when missing or older than the jar), into a temporary file renamed into
# place only when the training succeeded: a truncated archive can crash the JVM. A failure (a
# read-only checkout, a JVM without dynamic archives) leaves no archive and a marker, geo.jsa.none,
# so that it is not tried again until the next build. A JVM that cannot use the archive (another
# JDK, a moved or rebuilt jar) ignores it; -Xshare:auto and -Xlog:cds*=off keep that silent.
# GEO_CDS=0 runs without the archive (for measurements).
jsa="$root/cli/target/geo.jsa"
if [ "${GEO_CDS:-1}" != 0 ] && { [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; } \
    && { [ ! -f "$jsa.none" ] || [ "$jar" -nt "$jsa.none" ]; }; then
  tmp="$jsa.$$.tmp"
  if java -XX:ArchiveClassesAtExit="$tmp" -Xshare:auto -Xlog:cds*=off -cp "$jar" geo.cli.StartupTraining \
      >/dev/null 2>&1 && [ -s "$tmp" ] && mv -f "$tmp" "$jsa" 2>/dev/null; then
    rm -f "$jsa.none"
  else
    rm -f "$tmp"
    : 2>/dev/null >"$jsa.none" || true
  fi
fi
cds=()
if [ "${GEO_CDS:-1}" != 0 ] && [ -f "$jsa" ] && [ ! "$jar" -nt "$jsa" ]; then
  cds=(-XX:SharedArchiveFile="$jsa" -Xshare:auto -Xlog:cds*=off)
fi

# JVM options by command: one line per case, so that a command's options are easy to add to.
# check, show and compile are short runs: the C1 compiler alone starts much faster on small
# machines (C2 threads compete for the cores), and -XX:-UsePerfData skips the hsperfdata file
# (jcmd and jps then do not see these runs). They keep the default collector, G1: on JDK 17 the
# archived heap objects of the JDK's own archive (the module graph among them) are used only
# with G1, and any other collector re-initialises the module system at every start (see "Start-up"
# in bench/RESULTS.md). Long numerical work (exp, log, dist, geodesic, plot, embed) keeps the
# JVM's defaults.
opts=()
vector=0
case "${1:-}" in
  check|show|compile) opts=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData) ;;
  # Commands whose inner loops run batch kernels over many points at once: they load the incubator
  # Vector API (jdk.incubator.vector), with which those kernels use whole SIMD vectors; without the
  # module the same kernels run their scalar loops and give the same results, only slower. Not
  # loaded for the other commands: it costs start-up (about 14% of `geo check`, bench/RESULTS.md).
  # `geo dist` batches only a pairs file (`--pairs`); one distance starts without the module.
  fit) vector=1 ;;
  dist) case " $* " in *" --pairs"*) vector=1 ;; esac ;;
esac
[ "${GEO_VECTOR:-1}" = 0 ] && vector=0

if [ "$vector" = 1 ]; then
  # JDK 17 prints "WARNING: Using incubator modules: jdk.incubator.vector" on standard error at
  # every start, and no JVM option silences it. Standard error goes through a filter that drops
  # exactly that line (standard output and input are untouched: fd 3 carries standard output past
  # the pipe). A pipeline rather than `exec`, so that the filter has finished writing before this
  # script returns, with the JVM's exit status.
  set +e
  { java ${cds[@]+"${cds[@]}"} --add-modules jdk.incubator.vector ${opts[@]+"${opts[@]}"} ${GEO_JAVA_OPTS:-} \
      -cp "$jar" geo.cli.Entry "$@" 2>&1 1>&3 3>&- \
      | grep -v -x 'WARNING: Using incubator modules: jdk.incubator.vector' >&2; } 3>&1
  status=("${PIPESTATUS[@]}")
  exit "${status[0]}"
fi

exec java ${cds[@]+"${cds[@]}"} ${opts[@]+"${opts[@]}"} ${GEO_JAVA_OPTS:-} -cp "$jar" geo.cli.Entry "$@"
