"""Prints the TaskMet results table from the JSON files of run.sh (standard library only)."""
import json
import statistics
import sys
from pathlib import Path

PUBLISHED = {  # normalised DQ, mean ± sd (Bansal et al. 2023, Table 1); DFL is the α = 0 row
    ("cubic", "mse"): "−0.96 ± 0.02", ("budget", "mse"): "0.54 ± 0.17", ("portfolio", "mse"): "0.33 ± 0.03",
    ("cubic", "dfl"): "0.61 ± 0.74", ("budget", "dfl"): "0.91 ± 0.06", ("portfolio", "dfl"): "0.25 ± 0.02",
    ("cubic", "taskmet"): "0.96 ± 0.005", ("budget", "taskmet"): "0.83 ± 0.12", ("portfolio", "taskmet"): "0.33 ± 0.03",
}


def pm(values, fmt):
    if not values:
        return "—"
    if len(values) == 1:
        return fmt.format(values[0])
    return (fmt + " ± " + fmt).format(statistics.mean(values), statistics.stdev(values))


def main(directory):
    runs = {}
    for f in sorted(Path(directory).glob("*.json")):
        r = json.loads(f.read_text())
        runs.setdefault((r["problem"], r["method"]), []).append(r)
    print("| problem | method | seeds | normalised DQ | published DQ | test prediction MSE | iterations (max) "
          "| settings other than the published | CG relative residual | wall per run (s) | CPU per run (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for p in ("cubic", "budget", "portfolio"):
        for m in ("mse", "dfl", "taskmet"):
            rs = runs.get((p, m), [])
            if not rs:
                continue
            seeds = ",".join(str(r["seed"]) for r in sorted(rs, key=lambda r: r["seed"]))
            dq = pm([r["normalizedDQ"] for r in rs], "{:.3f}")
            mse = pm([r["testMSE"] for r in rs], "{:.3g}")
            its = "{}–{} ({})".format(min(r["iterations"] for r in rs), max(r["iterations"] for r in rs),
                                      rs[0]["settings"]["maxIterations"])
            t = pm([r["seconds"] for r in rs], "{:.0f}")
            cpu = pm([r["cpuSeconds"] for r in rs if "cpuSeconds" in r], "{:.0f}")
            label = p if p == "cubic" else p + " (synthetic)"
            red = "; ".join(sorted({reductions(r) for r in rs})) or "none"
            res = pm([r["implicitSolves"]["meanRelativeResidual"] for r in rs if "implicitSolves" in r], "{:.2g}")
            print(f"| {label} | {m} | {seeds} | {dq} | {PUBLISHED[(p, m)]} | {mse} | {its} | {red} | {res} | {t} | {cpu} |")


def reductions(r):
    """The settings of a run that differ from the published ones (TaskMetOptions.of)."""
    s = r["settings"]
    out = []
    if s["maxIterations"] != 1000:
        out.append("at most {} iterations".format(s["maxIterations"]))
    if r["method"] == "taskmet":
        if s["innerSteps"] != "500/100":
            out.append("inner steps {} (500/100)".format(s["innerSteps"]))
        if s.get("cgIterations", 5) != 5:
            out.append("CG {} (5)".format(s["cgIterations"]))
    if r["method"] == "dfl" and s["dflAlpha"] != 1.0:
        out.append("α = {:g}".format(s["dflAlpha"]))
    return ", ".join(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results")
