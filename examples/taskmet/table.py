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
    print("| problem | method | seeds | normalised DQ | published DQ | test prediction MSE | iterations (max) | time per run (s) | CPU per run (s) |")
    print("|---|---|---|---|---|---|---|---|---|")
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
            print(f"| {label} | {m} | {seeds} | {dq} | {PUBLISHED[(p, m)]} | {mse} | {its} | {t} | {cpu} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "results")
