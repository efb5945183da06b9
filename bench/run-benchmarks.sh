#!/usr/bin/env bash
# Runs the JMH benchmarks and the C peer of ExpBenchmark; paste the output into bench/RESULTS.md
# with the machine and the date. Never part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl bench -am
gcc -O3 -march=native -o bench/target/poincare_exp bench/c/poincare_exp.c -lm
echo "== C peer (gcc -O3 -march=native)"
bench/target/poincare_exp
echo "== JMH"
java -jar bench/target/benchmarks.jar "${@:-SprayBenchmark|ExpBenchmark|DeriveBenchmark|FrontendBenchmark|NetworkLossBenchmark}"
