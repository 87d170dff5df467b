#!/usr/bin/env python3
"""Compare cases written by `kk_test --dump DIR` with scipy.ndimage.

    mkdir -p /tmp/kkdump && ./kk_test --dump /tmp/kkdump
    python3 native/test/check_scipy.py /tmp/kkdump

Optional (needs NumPy and SciPy); the C tests do not depend on it. Reports,
per operation, how many cases are bit-identical to SciPy and the largest
difference relative to max|expected|; fails if any exceeds 1e-12 (float64)
or 1e-5 (float32).
"""
import sys

import numpy as np
import scipy
import scipy.ndimage as ndi


def main(d):
    stats = {}
    worst_fail = []
    with open(f"{d}/manifest.txt") as f:
        for line in f:
            t = line.split()
            cid, op, dt, ndim = int(t[0]), t[1], t[2], int(t[3])
            shape = tuple(int(v) for v in t[4:4 + ndim])
            axis, mode, cval, origin, sigma, order, radius, K = t[4 + ndim:12 + ndim]
            axis, cval, origin = int(axis), float(cval), int(origin)
            sigma, order, radius, K = float(sigma), int(order), int(radius), int(K)
            w = np.array([float(v) for v in t[12 + ndim:12 + ndim + K]])
            dtype = np.float64 if dt == "f64" else np.float32
            x = np.fromfile(f"{d}/case{cid}_in.f64", dtype=np.float64).reshape(shape).astype(dtype)
            got = np.fromfile(f"{d}/case{cid}_out.f64", dtype=np.float64).reshape(shape)
            if op == "correlate":
                want = ndi.correlate1d(x, w, axis, mode=mode, cval=cval, origin=origin)
            elif op == "convolve":
                want = ndi.convolve1d(x, w, axis, mode=mode, cval=cval, origin=origin)
            else:
                want = ndi.gaussian_filter1d(x, sigma, axis, order=order, mode=mode, cval=cval,
                                             truncate=4.0)
            want = want.astype(np.float64)
            scale = max(np.max(np.abs(want)), 1e-300)
            rel = float(np.max(np.abs(got - want)) / scale)
            exact = bool(np.array_equal(got.view(np.uint64), want.view(np.uint64)))
            key = f"{op} {dt}" + (f" order {order}" if op == "gaussian" else "")
            s = stats.setdefault(key, [0, 0, 0.0])
            s[0] += 1
            s[1] += exact
            s[2] = max(s[2], rel)
            if rel > (1e-12 if dt == "f64" else 1e-5):
                worst_fail.append((cid, key, shape, mode, rel))
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")
    for key in sorted(stats):
        n, exact, rel = stats[key]
        print(f"{key:28s} {n:3d} cases, {exact:3d} bit-identical, max rel diff {rel:.3g}")
    for f in worst_fail:
        print("FAIL", f)
    return 1 if worst_fail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
