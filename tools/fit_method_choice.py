#!/usr/bin/python3
"""Fits the constants of dev.kernelkit.MethodChoice (the cost model behind method=auto) to the timings written by
bench/.../MethodCrossoverTiming (a TSV: backend, dtype, taps, line, lines, direct_s, fft_s; seconds per call).

Model (nanoseconds per call; `lines` lines of n samples, m taps):
    direct = lines * n * (A + D * m)
    fft    = lines * (F * ops(n, m) + P) + C
ops(n, m) is the overlap-save's operation count with the block length the implementations choose (native
choose_log2, Java FftCorrelation.blockLog2): blocks * N * (log2 N + 4), minimised over N = 2^p from the smallest
power of two >= 2m up to 2^13 (MethodChoice.fftOperations computes the same). The fit minimises log-ratio residuals
with a soft-L1 loss (scipy.optimize.least_squares): the timings come from shared, busy cores, and a relative,
outlier-tolerant fit keeps a few disturbed points from moving the constants. Rows are grouped by (backend kind,
dtype): "native" pools panama and jna (the same C code), "java" is the pure-Java backend. Prints the Java constants
and, per group, how often the model picks the faster method, the worst loss when it does not, and the crossover
kernel length for a few shapes.

With --lfilter (timings from bench/.../LfilterCrossoverTiming) the direct model counts lfilter's multiply-adds,
which stop growing with m once the filter is longer than the line (output i sums min(i, m-1) + 1 products), and
adds a term for the head of each line (its first m-1 outputs, which sum fewer products than the rest and are
vectorised less well):
    direct = lines * (A * n + D * causal_products(n, m) + H * head_products(n, m))
and the constants are printed as LFILTER_* (MethodChoice's lfilter costs, in the order A, D, F, P, C, H).

Usage: /usr/bin/python3 tools/fit_method_choice.py [--lfilter] TIMINGS.tsv [...]
"""
import math
import sys

import numpy as np
from scipy.optimize import least_squares

MIN_LOG2 = 3
CACHE_LOG2 = 13


def fft_operations(n, m):
    lo = max(MIN_LOG2, math.ceil(math.log2(2 * m)))
    best = None
    for p in range(lo, max(lo, CACHE_LOG2) + 1):
        size = 1 << p
        outputs = size - m + 1
        cost = -(-n // outputs) * size * (p + 4)
        if best is None or cost < best:
            best = cost
        if outputs >= n:
            break
    return best


def causal_products(n, m):
    """Products lfilter's direct method sums over a line of n samples with m taps (MethodChoice.causalProducts)."""
    if n <= m:
        return n * (n + 1) // 2
    return m * (m + 1) // 2 + (n - m) * m


def head_products(n, m):
    """Products of a line's head: the outputs before the first that sums all m taps (MethodChoice.headProducts)."""
    h = min(n, m - 1)
    return h * (h + 1) // 2


LFILTER = "--lfilter" in sys.argv


def direct_work(m, n):
    """Multiply-adds per line of the direct method: correlate1d sums every weight, lfilter only the past."""
    return causal_products(n, m) if LFILTER else n * m


def kind(backend):
    return "java" if backend == "java" else "native"


def read(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith(("#", "backend", "WARNING")) or not line.strip():
                    continue
                b, dt, m, n, lines, direct, fft = line.rstrip("\n").split("\t")
                rows.append((kind(b), dt, int(m), int(n), int(lines), float(direct) * 1e9, float(fft) * 1e9))
    return rows


def direct_model(c, m, n, lines):
    work = np.vectorize(direct_work)(m, n) if isinstance(m, np.ndarray) else direct_work(m, n)
    if not LFILTER:
        return lines * (n * c[0] + c[1] * work)
    head = np.vectorize(head_products)(n, m) if isinstance(m, np.ndarray) else head_products(n, m)
    return lines * (n * c[0] + c[1] * work + c[2] * head)


def fft_model(c, m, n, lines, ops):
    return lines * (c[0] * ops + c[1]) + c[2]


def robust_fit(model, start, measured):
    ok = ~np.isnan(measured)
    r = least_squares(lambda c: (np.log(model(c)) - np.log(measured))[ok], start, bounds=(0, np.inf),
                      loss="soft_l1", f_scale=0.2)
    return r.x


def fit(group):
    m = np.array([r[2] for r in group], float)
    n = np.array([r[3] for r in group], float)
    lines = np.array([r[4] for r in group], float)
    ops = np.array([fft_operations(r[3], r[2]) for r in group], float)
    direct = robust_fit(lambda c: direct_model(c, m, n, lines), [0.5, 0.1, 0.1] if LFILTER else [0.5, 0.1],
                        np.array([r[5] for r in group]))
    fft = robust_fit(lambda c: fft_model(c, m, n, lines, ops), [0.1, 100.0, 1000.0], np.array([r[6] for r in group]))
    return direct, fft


def picks_fft(direct, fft, m, n, lines):
    return fft_model(fft, m, n, lines, fft_operations(n, m)) < direct_model(direct, m, n, lines)


def main():
    paths = [a for a in sys.argv[1:] if a != "--lfilter"]
    if not paths:
        sys.exit("usage: fit_method_choice.py [--lfilter] TIMINGS.tsv [...]")
    groups = {}
    for r in read(paths):
        groups.setdefault((r[0], r[1]), []).append(r)
    for (k, dt), group in sorted(groups.items()):
        direct, fft = fit(group)
        name = "%s%s_%s" % ("LFILTER_" if LFILTER else "", k.upper(), "F64" if dt == "float64" else "F32")
        head = ", %.4g" % direct[2] if LFILTER else ""
        print("static final Costs %s = new Costs(%.4g, %.4g, %.4g, %.4g, %.4g%s);"
              % (name, direct[0], direct[1], fft[0], fft[1], fft[2], head))
        right, compared, worst = 0, 0, 1.0
        for _, _, m, n, lines, d, f in group:
            if math.isnan(d):
                continue
            chosen = f if picks_fft(direct, fft, m, n, lines) else d
            compared += 1
            right += chosen == min(d, f)
            worst = max(worst, chosen / min(d, f))
        print("    // %s %s: %d points; the faster method at %d of %d; worst pick %.2fx the faster"
              % (k, dt, len(group), right, compared, worst))
        for n, lines in ((200, 5000), (2000, 500), (20000, 50), (400000, 100)):
            cross = next((m for m in range(2, 20000) if picks_fft(direct, fft, m, n, lines)), None)
            print("    //   %d lines of %d: %s" % (lines, n, "fft from %d taps" % cross if cross else "never fft"))


if __name__ == "__main__":
    main()
