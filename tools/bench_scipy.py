#!/usr/bin/env python3
"""Times scipy.ndimage on the data the JMH benchmarks filter, for bench/REPORT.md's SciPy column.

The signal is the formula of dev.kernelkit.bench.SyntheticData, evaluated here with NumPy (same values up to the
last bit of sin). Cases mirror the JMH benchmarks: the headline Gaussian (rows and transposed layouts), the kernel
length sweep (correlate1d) and the per-call overhead (3-tap correlate1d). SciPy is single-threaded, so these
compare with the JMH points at one thread. Writes JSON: {"environment": {...}, "results": [{"benchmark",
"params", "median_s", "runs_s"}]}.

Usage: /usr/bin/python3 tools/bench_scipy.py --out bench/results/scipy.json [--quick]
"""
import argparse
import json
import platform
import statistics
import time

import numpy as np
import scipy
from scipy import ndimage


def synthetic(channels, samples):
    c = np.arange(channels, dtype=np.int64)[:, None]
    s = np.arange(samples, dtype=np.int64)[None, :]
    return np.sin(0.001 * (c + 1) * s) + ((s * 7919 + c * 104729) % 1009) / 1009 - 0.5


def gaussian_weights(taps):
    """A symmetric Gaussian-shaped kernel of `taps` (odd) weights, sigma = radius/4, as KernelLengthBenchmark."""
    radius = taps // 2
    sigma = max(radius, 1) / 4.0
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    phi = np.exp(-0.5 * x * x / (sigma * sigma))
    return phi / phi.sum()


def time_runs(fn, repeats, min_seconds=0.0):
    """Median seconds per call over `repeats` runs; each run loops until it lasts min_seconds (for tiny calls)."""
    fn()  # warm-up
    loops = 1
    while min_seconds > 0:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        if time.perf_counter() - start >= min_seconds:
            break
        loops *= 4
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        runs.append((time.perf_counter() - start) / loops)
    return statistics.median(runs), runs


def cases(quick):
    reps = 1 if quick else 3
    rows = synthetic(100, 400_000)
    transposed = np.ascontiguousarray(rows.T)
    out = np.empty_like(rows)
    out_t = np.empty_like(transposed)
    yield ("HeadlineBenchmark", {"layout": "rows"}, reps, 0,
           lambda: ndimage.gaussian_filter1d(rows, 40.0, axis=1, output=out))
    yield ("HeadlineBenchmark", {"layout": "transposed"}, reps, 0,
           lambda: ndimage.gaussian_filter1d(transposed, 40.0, axis=0, output=out_t))
    del rows, transposed, out, out_t
    sweep_in = synthetic(10, 100_000)
    sweep_out = np.empty_like(sweep_in)
    for taps in (3, 9, 33, 129, 513, 2049):
        w = gaussian_weights(taps)
        yield ("KernelLengthBenchmark", {"taps": str(taps)}, reps, 0,
               lambda w=w: ndimage.correlate1d(sweep_in, w, axis=1, output=sweep_out))
    for n in (1, 16, 256, 4096, 65536):
        x = synthetic(1, n)[0]
        y = np.empty_like(x)
        w3 = np.array([0.25, 0.5, 0.25])
        yield ("CallOverheadBenchmark", {"samples": str(n)}, reps, 0.2,
               lambda x=x, y=y, w3=w3: ndimage.correlate1d(x, w3, axis=0, output=y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("--quick", action="store_true", help="one measured run per case")
    args = parser.parse_args()
    results = []
    for benchmark, params, repeats, min_seconds, fn in cases(args.quick):
        median, runs = time_runs(fn, repeats, min_seconds)
        results.append({"benchmark": benchmark, "params": params, "median_s": median, "runs_s": runs})
        print(f"scipy {benchmark} {params}: {median * 1e3:.3f} ms", flush=True)
    environment = {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__}
    with open(args.out, "w") as f:
        json.dump({"environment": environment, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
