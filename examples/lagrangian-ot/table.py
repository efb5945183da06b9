#!/usr/bin/env python3
"""Averages the `geo lot --json` reports of run.sh into the markdown tables of README.md: mean ± sd over seeds."""
import json
import pathlib
import re
import statistics
import sys

results = pathlib.Path(sys.argv[1])
# --amortisation: only the amortisation table (for results/amortisation, the runs without the baseline).
ONLY_AMORTISATION = "--amortisation" in sys.argv[2:]
# --reports GLOB: which reports to read (default run.sh's, TASK-SEED.json); e.g. "*-eval1024.json" for the GMM runs
# evaluated on 1,024 samples a side.
REPORTS = sys.argv[sys.argv.index("--reports") + 1] if "--reports" in sys.argv[2:] else "*-[0-9].json"
TASKS = ["box", "slit", "hill", "well", "gmm", "vneck", "stunnel"]
runs = {}
for f in sorted(results.glob(REPORTS)):
    r = json.loads(f.read_text())
    runs.setdefault(r["task"], []).append(r)
# Whole-run wall and CPU time (user+sys of the JVM) from /usr/bin/time, appended by run.sh.
cpu = {}
wall = {}
timing = results / "time.txt"
if timing.exists():
    for line in timing.read_text().splitlines():
        m = re.match(r"(\w+) seed (\d+): ([\d.]+) s wall, ([\d.]+)\+([\d.]+) s cpu", line)
        if m:
            key = (m.group(1), int(m.group(2)))
            wall[key] = float(m.group(3))
            cpu[key] = float(m.group(4)) + float(m.group(5))


def ms(values, fmt):
    if not values:
        return "–"
    if len(values) == 1:
        return fmt.format(values[0]) + " (1 seed)"
    return (fmt + " ± " + fmt).format(statistics.mean(values), statistics.stdev(values))

if not ONLY_AMORTISATION:

    ms_ = sorted({r.get("subdivisions", 1) for rs in runs.values() for r in rs})
    print("Potential samples a segment (m): " + ", ".join(str(m) for m in ms_) + " (1 is the paper's 20-point action).")
    print()
    print("| task | seeds | method | marginal W₂² | transport cost | crossing | a point inside | time (s, wall) |")
    print("|---|---|---|---|---|---|---|---|")
    for task in TASKS:
        rs = runs.get(task)
        if not rs:
            continue
        n = len(rs)
        for key, name, time in [
                ("learned", "learned: c-transform push", lambda r: r["train_seconds"] + r["learned"]["seconds"]),
                ("map", "learned: T(x) push", lambda r: r["train_seconds"] + r["map"]["seconds"]),
                ("amortised", "T(x), amortised paths unrefined", lambda r: r["train_seconds"] + r["amortised"]["seconds"]),
                ("c_transform_global", "c-transform solved globally (diagnostic)",
                 lambda r: r["train_seconds"] + r["c_transform_global"]["seconds"]),
                ("baseline", "discrete OT", lambda r: r["baseline"]["seconds"])]:
            rk = [r for r in rs if key in r]
            if not rk:
                continue
            print("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
                task, len(rk), name,
                ms([r[key]["marginal_w2"] for r in rk], "{:.4f}"),
                ms([r[key]["cost"] for r in rk], "{:.4f}"),
                ms([100 * r[key]["crossing"] for r in rk], "{:.1f}%"),
                ms([100 * r[key]["inside"] for r in rk], "{:.1f}%"),
                ms([time(r) for r in rk], "{:.0f}")))
    print()
    print("| task | seeds | whole run: wall (s) | whole run: CPU (s) | training (s, wall) |")
    print("|---|---|---|---|---|")
    for task in TASKS:
        rs = runs.get(task)
        if not rs:
            continue
        keys = [(task, r["seed"]) for r in rs]
        print("| {} | {} | {} | {} | {} |".format(task, len(rs), ms([wall[k] for k in keys if k in wall], "{:.0f}"),
                                                 ms([cpu[k] for k in keys if k in cpu], "{:.0f}"),
                                                 ms([r["train_seconds"] for r in rs], "{:.0f}")))
def newton_table():
    """Session 11's Newton side: per-pair Newton from the straight line and lockstep Newton from the predictions."""
    rows = []
    for task in TASKS:
        a = [r["amortisation"] for r in runs.get(task, [])
             if r.get("amortisation", {}).get("newton", {}).get("status") == "RUN"]
        if a:
            rows.append((task, a))
    if not rows:
        return
    print()
    print("| task | seeds | Newton from the straight line (per pair): CPU µs a pair, evaluations a pair (Newton's with H, then L-BFGS's), reach "
          "| its ratio to tight L-BFGS | best straight-line solver | amortised, Newton refinement: check + refinement "
          "CPU µs a pair, reach | certified at the prediction / handed to L-BFGS / Newton steps a pair | "
          "one batched evaluation with H (CPU µs) | ratio amortised (Newton) / best straight | "
          "ratio amortised (L-BFGS) / best straight |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for task, a in rows:
        def us(c, x):
            return 1e6 * c["cpu_seconds"] / x["pairs"]

        def best(x):
            return min(x["tight_straight"]["cpu_seconds"], x["newton"]["straight"]["cpu_seconds"])
        names = sorted({"Newton" if x["newton"]["straight"]["cpu_seconds"] < x["tight_straight"]["cpu_seconds"]
                        else "L-BFGS" for x in a})
        print("| {} | {} | {}, {}, {} | {} | {} | {}, {} | {} / {} / {} | {} | {} | {} |".format(
            task, len(a),
            ms([us(x["newton"]["straight"], x) for x in a], "{:.0f}"),
            ms([x["newton"]["straight"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
            ms([x["newton"]["within_1e-3_straight"] for x in a], "{:.0f}"),
            ms([x["newton"]["straight"]["cpu_seconds"] / x["tight_straight"]["cpu_seconds"] for x in a], "{:.2f}"),
            "/".join(names),
            ms([us(x["newton"]["refine"], x) for x in a], "{:.1f}"),
            ms([x["newton"]["within_1e-3"] for x in a], "{:.0f}"),
            ms([x["newton"]["certified_at_prediction"] for x in a], "{:.0f}"),
            ms([x["newton"]["fallback"] for x in a], "{:.0f}"),
            ms([x["newton"]["steps"] / x["pairs"] for x in a], "{:.2f}"),
            ms([us(x["newton"]["one_batched_hessian"], x) for x in a], "{:.1f}"),
            ms([(x["amortised_predict"]["cpu_seconds"] + x["newton"]["refine"]["cpu_seconds"]) / best(x) for x in a],
               "{:.2f}"),
            ms([(x["amortised_predict"]["cpu_seconds"] + x["amortised_refine"]["cpu_seconds"]) / best(x) for x in a],
               "{:.2f}")))


def s12_table():
    """Session 12: heads, the gap of the predictions, the kinetic-decrement stop, the ratio seed by seed."""
    if not any("decrement_gap" in r.get("amortisation", {}) for rs in runs.values() for r in rs):
        return
    print()
    print("| task | seeds | amortiser: heads, fit CPU s, fit's predicted gap | decrement stop | reach the reference: "
          "amortised (+ refined) / unrefined / tight straight | unrefined predictions: gap median / 90% | crossing the "
          "obstacle | refined (decrement stops) | evaluations of S a pair: tight straight / amortised | CPU µs a pair: "
          "tight straight | prediction | check + refinement | one batched evaluation (all heads) | lockstep from the "
          "straight lines, same stops: CPU µs, reach | ratio amortised / tight | seed by seed | floor |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for task in TASKS:
        rs = [r for r in runs.get(task, []) if "decrement_gap" in r.get("amortisation", {})]
        if not rs:
            continue
        a = [r["amortisation"] for r in rs]
        fits = [r["amortiser_fit"] for r in rs if "amortiser_fit" in r]

        def us(x, k):
            return 1e6 * x[k]["cpu_seconds"] / x["pairs"]

        def ratio(x):
            return (x["amortised_predict"]["cpu_seconds"] + x["amortised_refine"]["cpu_seconds"]) \
                / x["tight_straight"]["cpu_seconds"]

        print("| {} | {} | {}, {}, {} | {} | {} / {} / {} | {} / {} | {} | {} ({}) | {} / {} | {} | {} | {} | {} | {}, {} "
              "| {} | {} | {} |".format(
                  task, len(a), "/".join(sorted({str(x["heads"]) for x in a})),
                  ms([f["cpu_seconds"] for f in fits], "{:.0f}"),
                  ms([f["predicted_relative_gap"] for f in fits], "{:.1e}"),
                  "/".join(sorted({"{:g}".format(x["decrement_gap"]) for x in a})),
                  ms([x["within_1e-3"] for x in a], "{:.0f}"),
                  ms([x["within_1e-3_unrefined"] for x in a], "{:.0f}"),
                  ms([x["within_1e-3_tight_straight"] for x in a], "{:.0f}"),
                  ms([x["unrefined_gaps"][0] for x in a], "{:.1e}"),
                  ms([x["unrefined_gaps"][1] for x in a], "{:.1e}"),
                  ms([x["crossing_unrefined"] for x in a], "{:.0f}"),
                  ms([x["refined"] for x in a], "{:.0f}"),
                  ms([x["refined_decrement_stops"] for x in a], "{:.0f}"),
                  ms([x["tight_straight"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
                  ms([x["amortised_refine"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
                  ms([us(x, "tight_straight") for x in a], "{:.0f}"),
                  ms([us(x, "amortised_predict") for x in a], "{:.1f}"),
                  ms([us(x, "amortised_refine") for x in a], "{:.1f}"),
                  ms([us(x, "one_batched_evaluation") for x in a], "{:.1f}"),
                  ms([us(x, "batched_straight") for x in a], "{:.0f}"),
                  ms([x["within_1e-3_batched_straight"] for x in a], "{:.0f}"),
                  ms([ratio(x) for x in a], "{:.3f}"),
                  ", ".join("{:.3f} (seed {})".format(ratio(r["amortisation"]), r["seed"]) for r in rs),
                  ms([(x["amortised_predict"]["cpu_seconds"] + x["one_batched_evaluation"]["cpu_seconds"])
                      / x["tight_straight"]["cpu_seconds"] for x in a], "{:.3f}")))


NEW = any("tight_straight" in r.get("amortisation", {}) for rs in runs.values() for r in rs)
if NEW:
    # Session 10's benchmark: the baseline is the per-pair straight-line solve with the O(T) spline
    # ("tight"); "reference" is the same with dense spline weights (the baseline of sessions 7-9); the
    # amortised side checks in batches and refines by lockstep L-BFGS.
    print()
    print("| task | seeds | pairs | reach the reference: amortised (+ refined) / unrefined / loose straight / "
          "tight straight | refined (model stops) | evaluations of S a pair: tight straight / loose straight / "
          "amortised | CPU µs a pair: reference (dense) | tight straight | loose straight | prediction | "
          "check + refinement | lockstep L-BFGS from the straight lines (no amortiser): CPU µs a pair, reach | "
          "ratio amortised / tight | amortised / reference | amortised / loose | "
          "one evaluation of S (CPU µs): per pair (dense) / batched | floor: (prediction + batched evaluation) / "
          "tight | batched predictions |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for task in TASKS:
        a = [r["amortisation"] for r in runs.get(task, []) if "tight_straight" in r.get("amortisation", {})]
        if not a:
            continue

        def us(x, k):
            return 1e6 * x[k]["cpu_seconds"] / x["pairs"]

        def amort(x):
            return x["amortised_predict"]["cpu_seconds"] + x["amortised_refine"]["cpu_seconds"]

        def ev(k):
            return ms([x[k]["evaluations"] / x["pairs"] for x in a], "{:.1f}")

        gaps = sorted({x.get("model_gap", 0) for x in a})
        print("| {} | {} | {} | {} / {} / {} / {} | {} ({}; model gap {}) | {} / {} / {} | {} | {} | {} | {} | {} | {}, {} "
              "| {} | {} | {} | {} / {} | {} | {} |".format(
                  task, len(a), a[0]["pairs"],
                  ms([x["within_1e-3"] for x in a], "{:.0f}"),
                  ms([x["within_1e-3_unrefined"] for x in a], "{:.0f}"),
                  ms([x["within_1e-3_loose_straight"] for x in a], "{:.0f}"),
                  ms([x["within_1e-3_tight_straight"] for x in a], "{:.0f}"),
                  ms([x["refined"] for x in a], "{:.0f}"),
                  ms([x["refined_model_stops"] for x in a], "{:.0f}"),
                  "/".join("{:g}".format(g) for g in gaps),
                  ev("tight_straight"), ev("loose_straight"), ev("amortised_refine"),
                  ms([us(x, "reference") for x in a], "{:.0f}"),
                  ms([us(x, "tight_straight") for x in a], "{:.0f}"),
                  ms([us(x, "loose_straight") for x in a], "{:.0f}"),
                  ms([us(x, "amortised_predict") for x in a], "{:.1f}"),
                  ms([us(x, "amortised_refine") for x in a], "{:.1f}"),
                  ms([us(x, "batched_straight") for x in a], "{:.0f}"),
                  ms([x["within_1e-3_batched_straight"] for x in a], "{:.0f}"),
                  ms([amort(x) / x["tight_straight"]["cpu_seconds"] for x in a], "{:.2f}"),
                  ms([amort(x) / x["reference"]["cpu_seconds"] for x in a], "{:.2f}"),
                  ms([amort(x) / x["loose_straight"]["cpu_seconds"] for x in a], "{:.2f}"),
                  ms([us(x, "one_evaluation") for x in a], "{:.1f}"),
                  ms([us(x, "one_batched_evaluation") for x in a], "{:.1f}"),
                  ms([(x["amortised_predict"]["cpu_seconds"] + x["one_batched_evaluation"]["cpu_seconds"])
                      / x["tight_straight"]["cpu_seconds"] for x in a], "{:.2f}"),
                  "/".join(sorted({("yes" if x.get("batched_predictions") else "no") for x in a}))))
    newton_table()
    s12_table()
    sys.exit(0)
print()
print("| task | seeds | pairs | reach the reference: amortised (+ refined) | amortised, unrefined | loose straight | "
      "refined | evaluations of S a pair: tight straight / loose straight / amortised | "
      "CPU µs a pair: tight straight | loose straight | prediction | check + refinement | "
      "ratio amortised / tight | ratio amortised / loose | one evaluation of S (CPU µs) | "
      "floor: (prediction + one evaluation) / tight | amortiser fit: steps, CPU s, predicted gap | batched predictions |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for task in TASKS:
    rs = [r for r in runs.get(task, []) if "amortisation" in r]
    if not rs:
        continue
    a = [r["amortisation"] for r in rs]
    p = a[0]["pairs"]

    def us(x, k):
        return 1e6 * x[k]["cpu_seconds"] / x["pairs"]

    def amort(x):
        return x["amortised_predict"]["cpu_seconds"] + x["amortised_refine"]["cpu_seconds"]

    ev = [x for x in a if "one_evaluation" in x]
    fits = [r["amortiser_fit"] for r in rs if "amortiser_fit" in r]
    fit = "–" if not fits else "{} / {} / {}".format(ms([f["steps"] for f in fits], "{:.0f}"),
                                                    ms([f["cpu_seconds"] for f in fits], "{:.0f}"),
                                                    ms([f["predicted_relative_gap"] for f in fits], "{:.1e}"))
    batched = "/".join(sorted({("yes" if x.get("batched_predictions") else "no") for x in a}))
    print("| {} | {} | {} | {} | {} | {} | {} | {} / {} / {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
        task, len(a), p,
        ms([x["within_1e-3"] for x in a], "{:.0f}"),
        ms([x["within_1e-3_unrefined"] for x in a], "{:.0f}"),
        ms([x["within_1e-3_loose_straight"] for x in a], "{:.0f}"),
        ms([x["refined"] for x in a], "{:.0f}"),
        ms([x["reference"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
        ms([x["loose_straight"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
        ms([x["amortised_refine"]["evaluations"] / x["pairs"] for x in a], "{:.1f}"),
        ms([us(x, "reference") for x in a], "{:.0f}"),
        ms([us(x, "loose_straight") for x in a], "{:.0f}"),
        ms([us(x, "amortised_predict") for x in a], "{:.0f}"),
        ms([us(x, "amortised_refine") for x in a], "{:.0f}"),
        ms([amort(x) / x["reference"]["cpu_seconds"] for x in a], "{:.2f}"),
        ms([amort(x) / x["loose_straight"]["cpu_seconds"] for x in a], "{:.2f}"),
        ms([us(x, "one_evaluation") for x in ev], "{:.1f}"),
        ms([(x["amortised_predict"]["cpu_seconds"] + x["one_evaluation"]["cpu_seconds"])
            / x["reference"]["cpu_seconds"] for x in ev], "{:.2f}"), fit, batched))
