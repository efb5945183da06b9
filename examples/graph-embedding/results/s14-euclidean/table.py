#!/usr/bin/env python3
"""The table of README.md "Session 14: Euclidean rows" from sweep.sh's outputs in this folder."""
import pathlib

here = pathlib.Path(__file__).parent
published = {('tree6', 2): '3.14', ('tree6', 5): '1.43', ('tree6', 10): '1.51', ('tree40', 2): '44.64',
             ('tree40', 5): '7.85', ('tree40', 10): '5.62', ('cycle10', 2): '1.67', ('cycle10', 5): '1.91',
             ('cycle10', 10): '1.79', ('cube1', 2): '6.21', ('cube1', 5): '1.83', ('cube1', 10): '1.74',
             ('cube2', 2): '4.37', ('cube2', 10): '2.05', ('regular_sphere100', 2): '42.64',
             ('regular_sphere100', 5): '2.85', ('regular_sphere100', 10): '2.82'}
name = {'tree6.edges': 'tree6', 'cycle10.edges': 'cycle10', 'tree40.edges': 'tree40',
        'regular_sphere100.edges': 'regular_sphere100', 'grid:2,2,2': 'cube1', 'grid:3,3,3': 'cube2'}
rows = {}
for f in ['before-mds-trained.txt', 'alternating-8.txt']:
    for line in (here / f).read_text().splitlines():
        p = line.split('|')
        rows[(name[p[1].strip()], int(p[2]), p[0].strip())] = (p[4].strip(), float(p[-1]))
print("| graph | d | before: relative-squared, then Adam on the worst case | annealed from the MDS layout, 4 starts "
      "| annealed after relative-squared, 4 starts | **run.sh now: both, alternating, 8 starts** | published |")
print("|---|---|---|---|---|---|---|")
for d in [2, 5, 10]:
    for g in ['tree6', 'cycle10', 'tree40', 'regular_sphere100', 'cube1', 'cube2']:
        cells = []
        for i, v in enumerate(['cur', 'mds', 'trained', 'alt8']):
            w, cpu = rows[(g, d, v)]
            cells.append(f"**{w}** ({cpu:.0f} s)" if v == 'alt8' else f"{w} ({cpu:.0f} s)")
        print(f"| {g} | {d} | " + " | ".join(cells) + f" | {published.get((g, d), '–')} |")
