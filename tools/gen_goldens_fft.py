#!/usr/bin/python3
"""Golden vectors from SciPy for the FFT method (issue 8, section 1): long kernels, where kernelkit's FFT path and
its automatic method choice matter.

Writes java/src/test/resources/golden-fft/ in the format of tools/gen_goldens.py (whose case builders and writer it
reuses; see there for the manifest's columns and the meaning of `terms`). The Java tests (FftGoldenTest) run every
case with method=fft (and direct, and auto) on every backend and compare with SciPy within the core tolerances.

Coverage:
  - gaussian1d, sigma 40 (the headline's 321 taps) on lines of 1200: the five base modes at order 0, orders 1..3 in
    reflect and constant;
  - gaussian1d, sigma 12 (97 taps) along each axis of a (2, 300, 3) array: strided and contiguous lines, and lines
    of 2 (far shorter than the kernel, extended periodically by the modes), in reflect, wrap and constant;
  - correlate1d and convolve1d with random kernels of 301, 1001 and 2001 taps on a line of 2400 (the 2001-tap kernel
    also at its extreme origins), the 1001-tap one in all five base modes;
  - correlate1d and convolve1d with kernels of 16..128 taps (around the auto crossover) on lines of 400, at origin 0
    and the most negative origin, and a 64-tap kernel in constant mode at origin 5;
  - a 301-tap kernel along lines of 1..7 samples (lines shorter than the kernel) in the five base modes.
Both dtypes everywhere. Deterministic (fixed seeds). Run: /usr/bin/python3 tools/gen_goldens_fft.py
"""

import os

import numpy as np

import gen_goldens as base

base.OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources",
                            "golden-fft")

BASE_MODES = base.BASE_MODES


def build():
    g = base.Goldens()
    rng = np.random.default_rng(20261124)

    rows = g.add_input("rows", rng.normal(0.2, 1.0, size=(2, 1200)))
    base.gaussian(g, "s40", rows, 40.0, axes=(-1,), modes=BASE_MODES, orders=[0])
    base.gaussian(g, "s40d", rows, 40.0, axes=(-1,), modes=["reflect", "constant"], orders=[1, 2, 3])

    vol = g.add_input("vol", rng.normal(-0.1, 1.0, size=(2, 300, 3)))
    base.gaussian(g, "vol", vol, 12.0, axes=(0, 1, -1), modes=["reflect", "wrap", "constant"], orders=[0])
    base.gaussian(g, "vold2", vol, 12.0, axes=(1,), modes=["mirror"], orders=[2])

    wrng = np.random.default_rng(8)
    line = g.add_input("line", rng.normal(0.05, 1.0, size=(1, 2400)))
    for n in (301, 1001, 2001):
        g.add_weights("len%d" % n, wrng.normal(0.0, 1.0, size=n))
    base.fir(g, "line", line, [("len1001", [0])], axes=(-1,), modes=BASE_MODES)
    base.fir(g, "line", line, [("len301", [0, -150]), ("len2001", [-1000, 1000])], axes=(-1,),
             modes=["reflect", "constant"])

    mid = g.add_input("mid", rng.normal(0.3, 1.0, size=(2, 400)))
    crossover = []
    for n in (16, 33, 48, 64, 96, 128):
        g.add_weights("len%d" % n, wrng.normal(0.0, 1.0, size=n))
        crossover.append(("len%d" % n, [0, -(n // 2)]))
    base.fir(g, "mid", mid, crossover, axes=(-1,), modes=["reflect"])
    base.fir(g, "midc", mid, [("len64", [5])], axes=(-1,), modes=["constant"])

    for length in (1, 2, 7):
        short = g.add_input("short%d" % length, rng.normal(0.5, 1.0, size=(length, 2, length)))
        base.fir(g, "short%d" % length, short, [("len301", [0, 150])], axes=(0, -1), modes=BASE_MODES)
    return g


def main():
    g = build()
    g.write()
    manifest = os.path.join(base.OUT_DIR, "cases.tsv")
    with open(manifest, encoding="utf-8") as f:
        text = f.read()
    with open(manifest, "w", encoding="utf-8", newline="\n") as f:
        f.write(text.replace("written by tools/gen_goldens.py", "written by tools/gen_goldens_fft.py", 1))
    files = os.listdir(base.OUT_DIR)
    total = sum(os.path.getsize(os.path.join(base.OUT_DIR, f)) for f in files)
    print("wrote %d cases, %d files, %d bytes to %s" % (len(g.lines), len(files), total,
                                                         os.path.normpath(base.OUT_DIR)))


if __name__ == "__main__":
    main()
