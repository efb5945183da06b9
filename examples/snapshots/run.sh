#!/usr/bin/env bash
# Regenerates RESULTS.md: Circle, Mass Splitting and X Paths x (Lagrangian-OT, Scarvelis & Solomon) x seeds,
# alignment mean +- sd beside the published numbers and the isotropic baseline, with the time per run.
#   examples/snapshots/run.sh                 # seeds 0 1 2, the settings below
#   SEEDS="0" METHODS="lagrangian" FIELDS="circle" examples/snapshots/run.sh
#   RERUN=1 examples/snapshots/run.sh        # run again the runs that already have a result
# Every run is one `geo learn-metric ... --json`; its JSON is kept in results/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# GEO=/path/to/geo runs another build (e.g. a copy of a jar kept fixed while the sources change)
geo="${GEO:-$here/../../geo}"
cd "$here"
SEEDS="${SEEDS:-0 1 2}"
METHODS="${METHODS:-lagrangian scarvelis}"
FIELDS="${FIELDS:-circle mass-splitting x-paths}"
THREADS="${THREADS:-2}"
# Reductions against the papers (stated in README.md): Lagrangian-OT 300 metric steps, exact OT between whole
# snapshots (BATCH 200 >= every snapshot: 100, 100, 200 points),
# plans every 5 steps; Scarvelis one alternation (the paper's A-iterations since session 12).
# 300 metric steps on every set: 1000 were measured on Circle and Mass Splitting (results/steps-1000/) and did
# not raise the mean (Circle 0.9959 against 0.9958) or lowered it (Mass Splitting 0.9716 against 0.9835)
STEPS="${STEPS:-300}"
BATCH="${BATCH:-200}"
# The paper's constant rate and the last iterate (session 7). Session 12 measured a cosine decay with the mean of the
# last 20% of the iterates (LR_SCHEDULE=cosine AVERAGE_TAIL=0.2) and the mean alone (AVERAGE_TAIL=0.2) on 3 seeds of
# every set: neither lowers the summed shortfall below the papers (README "What changed in session 12")
LR_SCHEDULE="${LR_SCHEDULE:-constant}"
AVERAGE_TAIL="${AVERAGE_TAIL:-0}"
# Scarvelis & Solomon: A-iterations per set (below; the paper: 20000 / 6000 / 20000) in ALTERNATIONS (phi-step, A-step)
# pairs (the first-commit notebook: 1 / 3 / 2; later alternations collapse the co-metric to its 1e-3 I floor,
# measured in README.md), lambda per set (the notebook's Circle 1e3 is verified, but with gamma_phi 1 below it would
# put A at its floor, so Circle uses 1e-2 with the paper's 20000 A-iterations (measured on tuning seed 3: 0.9969;
# with 2000 iterations 1e-3 was better, 0.9968 / 0.9921 on seeds 3-4, README "What changed in session 10"); the others [unknown], our measured choice
# (X Paths: see lambda_for; LAMBDA=... overrides all). Initial values: PyTorch's nn.Linear default, declared
# in scarvelis.geo.
# A-iterations per set (A_EPOCHS=... overrides all): the paper's 20000 / 6000 / 20000 on every set since session 12
# (before: 2000 on Mass Splitting and X Paths; on X Paths the paper's count lifts the empty wedges between the arms,
# README "What changed in session 12"); at most about 400 s of CPU a run
a_epochs_for() {
  if [ -n "${A_EPOCHS:-}" ]; then echo "$A_EPOCHS"; return; fi
  case "$1" in
    mass-splitting) echo 6000 ;;
    *) echo 20000 ;;
  esac
}
ALTERNATIONS="${ALTERNATIONS:-1}"
lambda_for() {
  if [ -n "${LAMBDA:-}" ]; then echo "$LAMBDA"; return; fi
  case "$1" in
    circle) echo 1e-2 ;;
    # session 12: 1e3, the better of 1e3 and 1e4 on tuning seed 3 with the paper's 20000 A-iterations on the session 11
    # data (0.9646 against 0.9512; A's scale 159, that of the released weights); the table's X Paths row ran 1e4
    x-paths) echo 1e3 ;;
    *) echo 1e3 ;;
  esac
}
# gamma_phi of the first phi-step: the notebook's 1e-3 / 2 / 1e-2, except Circle: 1, so that the penalty
# softplus(-1 + |grad phi|/2) binds (|grad phi| 2.2 instead of 822; README.md "What changed in session 9"),
# with lambda 1e-2 to keep A's scale (A ~ sigma(z) g g^T / (4 lambda)) far above its 1e-3 floor
gp_phi_for() {
  if [ -n "${GP_PHI:-}" ]; then echo "$GP_PHI"; return; fi
  case "$1" in
    circle) echo 1 ;;
    mass-splitting) echo 2 ;;
    x-paths) echo 1e-2 ;;
  esac
}
mkdir -p data results figures

box() {
  case "$1" in
    mass-splitting) echo "-2.5,15,-15,15" ;;
    *) echo "-1.5,1.5,-1.5,1.5" ;;
  esac
}

for f in $FIELDS; do
  # The data depend on the build that made them (X Paths and Mass Splitting fit a velocity network per pair, which
  # carries a last-bit change of tanh to 3e-3 in a point: README "The X Paths row at the end of session 12"), so a
  # set is made again whenever the build line of `geo --version` differs from the one stamped beside it.
  build="$("$geo" --version | sed -n 2p)"
  if [ ! -f "data/$f.csv" ] || [ "$(cat "data/$f.build" 2>/dev/null)" != "$build" ]; then
    "$geo" snapshots --field "$f" --seed 0 --out "data/$f.csv" --threads "$THREADS"
    echo "$build" > "data/$f.build"
  fi
  "$geo" align --model flat.geo --truth "$f.geo" --box="$(box "$f")" --json > "results/$f-isotropic.json"
  for m in $METHODS; do
    for s in $SEEDS; do
      out="results/$f-$m-$s.json"
      # a finished run is kept unless RERUN=1 (so an interrupted table resumes where it stopped)
      if [ "${RERUN:-0}" != "1" ] && grep -q '"alignment"' "$out" 2>/dev/null; then continue; fi
      plot=()
      [ "$s" = "0" ] && plot=(--plot "figures/$f-$m.png")
      if [ "$m" = "lagrangian" ]; then
        extra=(--model lagrangian.geo --steps "$STEPS" --batch "$BATCH" --lr-schedule "$LR_SCHEDULE" --average-tail "$AVERAGE_TAIL")
      else
        extra=(--model scarvelis.geo --recipe "$f" --a-epochs "$(a_epochs_for "$f")" --alternations "$ALTERNATIONS"
               --lambda "$(lambda_for "$f")" --gp-phi-initial "$(gp_phi_for "$f")")
      fi
      echo "== $f $m seed $s" >&2
      # wall and CPU seconds (user, sys) of the whole process into results/*.time
      /usr/bin/time -f '%e %U %S' -o "results/$f-$m-$s.time" \
        "$geo" learn-metric "data/$f.csv" --method "$m" "${extra[@]}" --seed "$s" --threads "$THREADS" \
        --truth "$f.geo" --box="$(box "$f")" --save-params "results/$f-$m-$s.params.json" "${plot[@]}" --json > "$out"
    done
  done
done

python3 - "$SEEDS" <<'PY'
import json, os, statistics, sys, datetime, platform
seeds = sys.argv[1].split()
published = {"scarvelis": {"circle": 0.995, "mass-splitting": 0.839, "x-paths": 0.916},
             "lagrangian": {"circle": 0.997, "mass-splitting": 0.986, "x-paths": 0.957}}
names = {"circle": "Circle", "mass-splitting": "Mass Splitting", "x-paths": "X Paths"}
label = {"lagrangian": "Lagrangian-OT (exact assignment OT between whole snapshots, not the neural dual)",
         "scarvelis": "Scarvelis & Solomon (own dual potentials)"}
rows = []
for m in ["lagrangian", "scarvelis"]:
    for f in ["circle", "mass-splitting", "x-paths"]:
        runs = [json.load(open(p)) for p in (f"results/{f}-{m}-{s}.json" for s in seeds) if os.path.exists(p)]
        if not runs:
            continue
        iso = json.load(open(f"results/{f}-isotropic.json"))["alignment"]
        a = [r["alignment"] for r in runs]
        times = [open(p).read().split() for p in (f"results/{f}-{m}-{s}.time" for s in seeds) if os.path.exists(p)]
        wall = [float(x[0]) for x in times]
        cpu = [float(x[1]) + float(x[2]) for x in times]
        sd = f"{statistics.stdev(a):.4f}" if len(a) > 1 else "— (one seed)"
        met = published[m][f]
        st = sorted({str(r.get("settings", {}).get("steps", r.get("settings", {}).get("aEpochs", "?"))) for r in runs})
        rows.append(f"| {label[m]} | {names[f]} | {statistics.mean(a):.4f} ± {sd} | "
                    + ", ".join(f"{x:.4f}" for x in a) + f" | {met:.3f} | "
                    + ("yes" if statistics.mean(a) >= met else "**no**") + f" | {iso:.3f} | "
                    + (f"{max(wall):.0f} s wall, {max(cpu):.0f} s CPU" if len(times) == len(runs)
                       else f"{max(r['seconds'] for r in runs):.0f} s wall (CPU not recorded)") + f" | {'/'.join(st)} | {len(a)} |")
with open("RESULTS.md", "w") as out:
    out.write("# Results: metric learning from population snapshots\n\n")
    out.write(f"Generated by `examples/snapshots/run.sh` on {datetime.date.today()} ({platform.machine()}, "
              f"{os.cpu_count()} cores; the times are those of this machine as it was: on a shared, loaded machine upper bounds). "
              "The data are `geo snapshots --seed 0` with each set's default paths (Circle geodesics; X Paths and Mass "
              "Splitting the original code's velocity networks, since session 11); README.md says which build ran each row.\n\n")
    out.write("| method | set | alignment mean ± sd | per seed | published | reached | isotropic | slowest run | metric steps (Lagrangian) or A-iterations (Scarvelis) | seeds |\n")
    out.write("|---|---|---|---|---|---|---|---|---|---|\n")
    out.write("\n".join(rows) + "\n")
print(open("RESULTS.md").read())
PY
