#!/usr/bin/python3
"""SciPy's side of bench/run-fft: times the two workloads of LongKernelBenchmark (issue 8's FFT targets) with
SciPy on the same data, reads the JMH results of the same run and writes the comparison.

  gaussianHeadline: scipy.ndimage.gaussian_filter1d(x, 40, axis=1), x = 100 x 400 000 float64
  lfilter1500:      scipy.signal.lfilter(ones(1500)/15, [1.0], x, axis=-1), x = (10, 20, 20 000) float64

SciPy is single-threaded; kernelkit runs at the thread count in the JMH results (2). Times are medians.

Usage: /usr/bin/python3 tools/bench_scipy_fft.py --jmh bench/results/long-kernels/LongKernelBenchmark.json --out FILE.txt
"""
import argparse
import datetime
import json
import os

import numpy as np
import scipy
from scipy import ndimage, signal

from bench_scipy import synthetic, time_runs

TAPS = 1500


def scipy_times(repeats):
    rows = synthetic(100, 400_000)
    out = np.empty_like(rows)
    gauss, _ = time_runs(lambda: ndimage.gaussian_filter1d(rows, 40.0, axis=1, output=out), repeats)
    del rows, out
    stack = synthetic(200, 20_000).reshape(10, 20, 20_000)
    b = np.ones(TAPS) / 15
    lfilter, _ = time_runs(lambda: signal.lfilter(b, [1.0], stack, axis=-1), repeats)
    return {"gaussianHeadline": gauss, "lfilter1500": lfilter}


def jmh_times(path):
    """{(benchmark, method): (median seconds, threads, backend)} from a JMH JSON file (single-shot, ms)."""
    with open(path) as f:
        results = json.load(f)
    times = {}
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[1]
        p = r["params"]
        raw = sorted(x for fork in r["primaryMetric"]["rawData"] for x in fork)
        times[(name, p["method"])] = (raw[len(raw) // 2] / 1e3, p["threads"], p["backend"])
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jmh", required=True, help="LongKernelBenchmark JSON of the same run")
    parser.add_argument("--out", required=True, help="text file to write")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    ref = scipy_times(args.repeats)
    ours = jmh_times(args.jmh)
    lines = ["# Long kernels: the FFT method vs SciPy (bench/run-fft, %s)" % datetime.date.today(),
             "# scipy %s numpy %s, %d cores, load average %s" % (scipy.__version__, np.__version__, os.cpu_count(),
                                                                 " ".join(open("/proc/loadavg").read().split()[:3])),
             "# workload           method  backend threads  kernelkit_s   scipy_s   speed-up"]
    for (name, method), (seconds, threads, backend) in sorted(ours.items()):
        lines.append("%-20s %-7s %-7s %7s %12.4f %9.3f %9.1fx" % (name, method, backend, threads, seconds,
                                                                   ref[name], ref[name] / seconds))
    text = "\n".join(lines) + "\n"
    with open(args.out, "w") as f:
        f.write(text)
    print(text, end="")


if __name__ == "__main__":
    main()
