#!/usr/bin/env python3
"""Averages the `geo lot --json` reports of run.sh into one markdown table: mean ± sd over seeds."""
import json
import pathlib
import statistics
import sys

results = pathlib.Path(sys.argv[1])
runs = {}
for f in sorted(results.glob("*-[0-9].json")):
    r = json.loads(f.read_text())
    runs.setdefault(r["task"], []).append(r)


def ms(values, fmt):
    if len(values) == 1:
        return fmt.format(values[0]) + " (1 seed)"
    return (fmt + " ± " + fmt).format(statistics.mean(values), statistics.stdev(values))


print("| task | seeds | method | marginal W₂² | transport cost | crossing | a point inside | time (s) |")
print("|---|---|---|---|---|---|---|---|")
for task in ["box", "slit", "hill", "well", "gmm", "vneck", "stunnel"]:
    rs = runs.get(task)
    if not rs:
        continue
    n = len(rs)
    for key, name, time in [("learned", "learned map T", lambda r: r["train_seconds"] + r["learned"]["seconds"]),
                            ("baseline", "discrete OT", lambda r: r["baseline"]["seconds"])]:
        print("| {} | {} | {} | {} | {} | {} | {} | {} |".format(
            task, n, name,
            ms([r[key]["marginal_w2"] for r in rs], "{:.4f}"),
            ms([r[key]["cost"] for r in rs], "{:.4f}"),
            ms([100 * r[key]["crossing"] for r in rs], "{:.1f}%"),
            ms([100 * r[key]["inside"] for r in rs], "{:.1f}%"),
            ms([time(r) for r in rs], "{:.0f}")))
print()
print("| task | seeds | pairs | amortised+refined reach the reference (within 1e-3) | without refinement | "
      "refined | time amortised+refined (s) | time from the straight line, tight (s) | ratio | "
      "time from the straight line, loose (s) | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for task in ["box", "slit", "hill", "well", "gmm", "vneck", "stunnel"]:
    rs = [r for r in runs.get(task, []) if "amortisation" in r]
    if not rs:
        continue
    a = [r["amortisation"] for r in rs]
    print("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
        task, len(a), a[0]["pairs"],
        ms([x["within_1e-3"] for x in a], "{:.0f}"),
        ms([x["within_1e-3_unrefined"] for x in a], "{:.0f}"),
        ms([x["refined"] for x in a], "{:.0f}"),
        ms([x["amortised_seconds"] for x in a], "{:.2f}"),
        ms([x["reference_seconds"] for x in a], "{:.2f}"),
        ms([x["amortised_seconds"] / x["reference_seconds"] for x in a], "{:.3f}"),
        ms([x["loose_straight_seconds"] for x in a], "{:.2f}"),
        ms([x["amortised_seconds"] / x["loose_straight_seconds"] for x in a], "{:.3f}")))
