#!/usr/bin/env python3
"""Session 13's rows (README "Session 13"): one row per JSON report of `geo lot --pairs` in DIR
(results/amortisation/s13 by default), named by its file: the amortiser's fit (CPU s, and for a
distillation its targets, loss, solve and regression CPU, the check's distance and gap), the
benchmark's reach (amortised / unrefined), the unrefined gap's median and 90%, predictions entering
the obstacle, evaluations of S a pair (tight straight / amortised), CPU us a pair and the ratio
amortised / tight. Usage: python3 s13.py [DIR]"""
import json
import os
import sys

d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "results/amortisation/s13")
print("| run | fit: CPU s (solve + regression + fine-tune) | distillation: targets, loss, steps, fine-tune; "
      "check: mean square a point, median gap | reach: amortised / unrefined | unrefined gap: median / 90% | "
      "predictions entering the obstacle | evaluations of S a pair: tight straight / amortised | CPU µs a pair: "
      "tight straight / prediction / check + refinement | ratio amortised / tight |")
print("|---|---|---|---|---|---|---|---|---|")
for name in sorted(f for f in os.listdir(d) if f.endswith(".json")):
    try:
        r = json.load(open(os.path.join(d, name)))
    except ValueError:
        continue  # a run still writing its report
    a = r["amortisation"]
    f = r.get("amortiser_fit", {})
    t = f.get("distillation")
    n = a["pairs"]

    def us(k):
        return 1e6 * a[k]["cpu_seconds"] / n

    if t:
        fit = "{:.0f} ({:.0f} + {:.0f} + {:.0f})".format(f["cpu_seconds"], t["solve_cpu_seconds"],
                                                         t["fit_cpu_seconds"],
                                                         f["cpu_seconds"] - t["solve_cpu_seconds"]
                                                         - t["fit_cpu_seconds"])
        dist = "{}, {}, {}, {}; {:.1e}, {:.1e}".format(t["targets"], t["loss"], t["steps"], f["steps"],
                                                       t["check_mean_square_per_point"],
                                                       t["check_median_relative_gap"])
    else:
        fit = "{:.0f} (action fit, {} steps)".format(f["cpu_seconds"], f["steps"]) if f else "– (saved)"
        dist = "–"
    ratio = (a["amortised_predict"]["cpu_seconds"] + a["amortised_refine"]["cpu_seconds"]) \
        / a["tight_straight"]["cpu_seconds"]
    print("| {} | {} | {} | {} / {} | {:.1e} / {:.1e} | {} | {:.1f} / {:.2f} | {:.0f} / {:.1f} / {:.1f} | **{:.3f}** |"
          .format(name[:-5], fit, dist, a["within_1e-3"], a["within_1e-3_unrefined"], a["unrefined_gaps"][0],
                  a["unrefined_gaps"][1], a["crossing_unrefined"], a["tight_straight"]["evaluations"] / n,
                  a["amortised_refine"]["evaluations"] / n, us("tight_straight"), us("amortised_predict"),
                  us("amortised_refine"), ratio))
