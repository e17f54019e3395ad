#!/usr/bin/env python3
"""quality.py - article quality on the benchmark pages, in one table.

Runs ../shared/bench/run.py (the scorer that ships with the benchmark pages)
over every set and rendering, and prints one table: set x rendering -> P, R,
F1 and empty outputs, with the bars of the quality issues beside them.  The
metric is the set's own: shingle F1 (SH) for scrapinghub, cleaneval and
l3s-gn1, snippet F1 (SNIP) for trafilatura's set.

    bench/quality.py                          # build/declutter, every set
    bench/quality.py --input lynx,html --dataset scrapinghub

It needs the benchmark pages beside the repository (../shared/bench); without
them it says so and exits 2.  It never runs under `meson test`.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SETS = ["scrapinghub", "cleaneval", "l3s-gn1", "trafilatura"]
INPUTS = ["lynx", "html2text", "gettext", "html"]

# The bars: text renderings from issue 4, HTML from issue 6.
BARS = {
    ("seeds", "raw"): 0.99,
    ("scrapinghub", "lynx"): 0.90, ("scrapinghub", "html2text"): 0.90,
    ("scrapinghub", "gettext"): 0.88, ("scrapinghub", "html"): 0.96,
    ("cleaneval", "lynx"): 0.90, ("cleaneval", "html2text"): 0.85,
    ("cleaneval", "gettext"): 0.90, ("cleaneval", "html"): 0.90,
    ("l3s-gn1", "lynx"): 0.93, ("l3s-gn1", "html2text"): 0.85,
    ("l3s-gn1", "gettext"): 0.93, ("l3s-gn1", "html"): 0.955,
    ("trafilatura", "lynx"): 0.90, ("trafilatura", "html2text"): 0.88,
    ("trafilatura", "gettext"): 0.90, ("trafilatura", "html"): 0.90,
}

LINE = re.compile(r"^(?P<set>[\w-]+)/(?P<input>\w+) \|.*?\b(?P<metric>SH|SNIP) "
                  r"F1=(?P<f1>[\d.]+) P=(?P<p>[\d.]+) R=(?P<r>[\d.]+)"
                  r".*\bempty=(?P<empty>\d+)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--declutter", default=os.path.join(ROOT, "build", "declutter"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--dataset", default=",".join(SETS))
    ap.add_argument("--input", default=",".join(INPUTS))
    ap.add_argument("--jobs", default="2")
    args = ap.parse_args()

    run_py = os.path.join(args.shared, "run.py")
    if not os.path.exists(run_py):
        print(f"quality.py: no benchmark pages at {args.shared} "
              "(run.py is missing); nothing measured", file=sys.stderr)
        return 2
    if not os.access(args.declutter, os.X_OK):
        print(f"quality.py: {args.declutter} is not built", file=sys.stderr)
        return 2

    # The five seeds (raw scraped text) first: they must stay at 0.99.
    runs = [("seeds", "raw"), (args.dataset, args.input)]
    rows = {}
    for dataset, inputs in runs:
        cmd = [sys.executable, run_py, "--cmd",
               os.path.abspath(args.declutter), "--dataset", dataset,
               "--input", inputs, "--jobs", args.jobs]
        print("$ " + " ".join(cmd), flush=True)
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.stderr.write(out.stderr)
            return 1
        for line in out.stdout.splitlines():
            m = LINE.match(line)
            if m:
                rows[(m["set"], m["input"])] = m

    print(f"{'set':13s} {'input':10s} {'metric':6s} {'P':>6s} {'R':>6s} "
          f"{'F1':>6s} {'empty':>5s} {'bar':>6s}")
    misses = 0
    for datasets, inputs in runs:
        for d in datasets.split(","):
            for i in inputs.split(","):
                m = rows.get((d, i))
                if not m:
                    continue
                bar = BARS.get((d, i))
                f1 = float(m["f1"])
                mark = "" if bar is None else (" ok" if f1 >= bar else " below")
                misses += bar is not None and f1 < bar
                print(f"{d:13s} {i:10s} {m['metric']:6s} {float(m['p']):6.3f} "
                      f"{float(m['r']):6.3f} {f1:6.3f} {int(m['empty']):5d} "
                      f"{bar if bar is not None else '':>6}{mark}")
    print(f"{misses} of {len(rows)} below their bar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
