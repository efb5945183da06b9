#!/usr/bin/env bash
# Both Spark jobs on the bundled data, on this machine (Spark local[2], no installation needed):
# the distances of pairs.csv under the learned metric of ../deep.geo with θ from theta.json, and
# the transport cost matrix between ../transport/source.csv and target.csv under the obstacle
# Lagrangian of ../obstacle.geo, read back and solved on the driver. Writes out/ (ignored by git);
# the README shows the output. Run from anywhere: examples/spark/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mkdir -p "$here/out"
set -x
./geo compile examples/deep.geo -o "$here/out/deep.jar"
./geo compile examples/obstacle.geo -o "$here/out/obstacle.jar"
./geo-spark dist "$here/out/deep.jar" examples/spark/pairs.csv --params examples/spark/theta.json --log \
    --master 'local[2]' --format csv --overwrite --out "$here/out/distances" || echo "exit $?"
./geo-spark cost "$here/out/obstacle.jar" examples/transport/source.csv examples/transport/target.csv \
    --master 'local[2]' --overwrite --out "$here/out/costs" --solve --plan "$here/out/plan.csv" || echo "exit $?"
