#!/usr/bin/python3
"""Golden vectors from SciPy for kernelkit's cross-backend tests.

What it writes (into java/src/test/resources/golden/, replacing what is there):
  in_*.npy       inputs, each stored once and shared by many cases (float64, and the same values as float32)
  weights_*.npy  correlate/convolve weights (float64, as SciPy uses them)
  exp_*.npy      SciPy's outputs, stacked: row k of exp_G_DT.npy is the output of one case, with the input's shape
                 and dtype (SciPy returns float32 for float32 input)
  cases.tsv      the manifest the Java tests read, one case per line, tab-separated:
                     id  function  input  params  expected  terms
                 function: gaussian1d | correlate1d | convolve1d
                 params:   space-separated key=value (sigma, order, radius, truncate, weights, origin, axis, mode,
                           cval); floats are written with repr(), which round-trips exactly
                 expected: FILE.npy[ROW]
                 terms:    max over the outputs of sum_j |w_j|*|x_ext|, the size of the numbers each output sums.
                           The Java tests scale their tolerance by max(max|expected|, terms): where SciPy's result
                           is a cancellation (derivative kernels on short lines), max|expected| alone would demand
                           more than double precision can give. On AVX-512 machines NumPy's exp differs from libm's
                           by an ulp, so even SciPy's own Gaussian kernels are not bit-reproducible across machines.
                 Lines starting with '#' are comments; the first ones record the SciPy and NumPy versions used.

How to run (from anywhere; needs SciPy >= 1.10 for gaussian_filter1d's radius=):
    /usr/bin/python3 tools/gen_goldens.py
The output is deterministic (fixed seeds): running it again rewrites identical files.

Coverage (issue 2, section 7; java GoldenCoverageTest checks the manifest still has it):
  - gaussian1d: all eight mode names (reflect, mirror, nearest, wrap, constant and the grid-* aliases) x orders 0..3
    x float32/float64 x first/middle/last axis of a (4, 5, 6) array; sigmas 0.5 (radius=2), 1.5, 3, truncate=2.5,
    radius=7 overriding truncate=1, and truncate=0.1 (radius 0, a single tap) along lines of 40; sigma 40 (the
    headline workload's 321 taps) along lines of 1000;
  - short lines: lengths 1, 2, 3, 5 with radius 4 and 12, along a strided (first) and a contiguous (last) axis, in
    the five base modes (the aliases are the same Mode once parsed, and are checked against them here);
  - correlate1d and convolve1d: weight lengths 1, 2, 3, 4, 5 at every allowed origin, 8 at four origins, a symmetric
    odd, an antisymmetric odd and a symmetric even kernel at every origin, in the five base modes; the grid-* aliases
    with a 3- and a 4-tap kernel at every origin; all three axes of the 3-D array; lines shorter than the kernel;
    a 65-tap kernel along lines of 1000.
A non-zero cval is passed to every case, so non-constant modes must ignore it. Memory layouts (Fortran order,
strided and reversed views, in place) are the Java tests' business: they copy these inputs into those layouts and
expect the same values.
"""

import os
import sys

import numpy as np
import scipy
from scipy import ndimage
from scipy.ndimage._filters import _gaussian_kernel1d  # private, but the kernel gaussian_filter1d uses

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources", "golden")

DTYPES = {"f64": np.float64, "f32": np.float32}
CVAL = 0.75  # non-zero, so constant mode is distinguishable from zero padding
MODES = ["reflect", "mirror", "nearest", "wrap", "constant", "grid-mirror", "grid-wrap", "grid-constant"]
BASE_MODES = ["reflect", "mirror", "nearest", "wrap", "constant"]
ORDERS = [0, 1, 2, 3]


class Goldens:
    """Collects inputs, weights and cases, then writes them with one stacked expected file per group and dtype."""

    def __init__(self):
        self.files = {}      # file name -> array to save
        self.groups = {}     # expected file name -> list of output arrays
        self.lines = []      # manifest lines
        self.ids = set()

    def add_input(self, name, values64):
        """Stores float64 values and their float32 rounding; returns {dtype key: file name}."""
        names = {}
        for key, dt in DTYPES.items():
            fname = "in_%s_%s.npy" % (name, key)
            self.files[fname] = np.ascontiguousarray(values64.astype(dt))
            names[key] = fname
        return names

    def add_weights(self, name, values):
        fname = "weights_%s.npy" % name
        self.files[fname] = np.ascontiguousarray(np.asarray(values, dtype=np.float64))
        return fname

    def add_case(self, case_id, function, input_file, params, group, result, terms):
        if case_id in self.ids:
            raise ValueError("duplicate case id " + case_id)
        self.ids.add(case_id)
        x = self.files[input_file]
        if result.dtype != x.dtype or result.shape != x.shape:
            raise AssertionError("%s: SciPy returned %s %s for %s %s" % (case_id, result.dtype, result.shape,
                                                                       x.dtype, x.shape))
        rows = self.groups.setdefault(group, [])
        rows.append(result)
        param_text = " ".join("%s=%s" % (k, fmt(v)) for k, v in params)
        self.lines.append("\t".join([case_id, function, input_file, param_text, "%s[%d]" % (group, len(rows) - 1),
                                     repr(float(terms))]))

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        for old in os.listdir(OUT_DIR):
            if old.endswith(".npy") or old == "cases.tsv":
                os.remove(os.path.join(OUT_DIR, old))
        for fname, arr in sorted(self.files.items()):
            np.save(os.path.join(OUT_DIR, fname), arr)
        for group, rows in sorted(self.groups.items()):
            np.save(os.path.join(OUT_DIR, group), np.ascontiguousarray(np.stack(rows)))
        with open(os.path.join(OUT_DIR, "cases.tsv"), "w", encoding="utf-8", newline="\n") as f:
            f.write("# kernelkit golden cases, written by tools/gen_goldens.py -- do not edit by hand\n")
            f.write("# scipy %s numpy %s\n" % (scipy.__version__, np.__version__))
            f.write("# id\tfunction\tinput\tparams\texpected\tterms\n")
            for line in self.lines:
                f.write(line + "\n")


def fmt(v):
    if isinstance(v, float):
        return repr(v)
    return str(v)


def mode_params(mode):
    return [("mode", mode), ("cval", CVAL)]


def gaussian(g, prefix, inputs, sigma, axes, radius=None, truncate=None, modes=MODES, orders=ORDERS):
    """gaussian_filter1d cases for every dtype x axis x mode x order of one sigma/radius/truncate setting."""
    group_stem = "exp_gauss_" + prefix
    for key, input_file in inputs.items():
        x = g.files[input_file]
        for axis in axes:
            for mode in modes:
                for order in orders:
                    kwargs = {}
                    params = [("sigma", float(sigma)), ("order", order)]
                    if radius is not None:
                        kwargs["radius"] = radius
                        params.append(("radius", radius))
                    if truncate is not None:
                        kwargs["truncate"] = truncate
                        params.append(("truncate", float(truncate)))
                    params += [("axis", axis)] + mode_params(mode)
                    y = run_scipy(ndimage.gaussian_filter1d, x, sigma, axis=axis, order=order, mode=mode, cval=CVAL,
                                  **kwargs)
                    lw = radius if radius is not None else int((4.0 if truncate is None else truncate) * sigma + 0.5)
                    kernel = _gaussian_kernel1d(sigma, order, lw)[::-1]  # what gaussian_filter1d correlates with
                    if not np.array_equal(y, ndimage.correlate1d(x, kernel, axis=axis, mode=mode, cval=CVAL)):
                        sys.exit("%s: gaussian_filter1d no longer correlates with _gaussian_kernel1d[::-1]" % mode)
                    terms = term_scale(ndimage.correlate1d, x, kernel, axis, mode, 0)
                    case_id = "gauss-%s-%s-ax%d-%s-o%d" % (prefix, key, axis, mode, order)
                    g.add_case(case_id, "gaussian1d", input_file, params, "%s_%s.npy" % (group_stem, key), y,
                               terms)


def fir(g, prefix, inputs, kernels, axes, modes=MODES):
    """correlate1d and convolve1d cases for every dtype x axis x kernel/origin x mode."""
    for key, input_file in inputs.items():
        x = g.files[input_file]
        for function, scipy_fn in (("correlate1d", ndimage.correlate1d), ("convolve1d", ndimage.convolve1d)):
            short = function[:4]
            for axis in axes:
                for wname, origins in kernels:
                    wfile = "weights_%s.npy" % wname
                    w = g.files[wfile]
                    for origin in origins:
                        for mode in modes:
                            y = run_scipy(scipy_fn, x, w, axis=axis, mode=mode, cval=CVAL, origin=origin)
                            terms = term_scale(scipy_fn, x, w, axis, mode, origin)
                            params = [("weights", wfile), ("origin", origin), ("axis", axis)] + mode_params(mode)
                            case_id = "%s-%s-%s-ax%d-%s-org%d-%s" % (short, prefix, key, axis, wname, origin, mode)
                            g.add_case(case_id, function, input_file, params,
                                       "exp_%s_%s_%s.npy" % (short, prefix, key), y, terms)


def term_scale(fn, x, weights, axis, mode, origin):
    """max over outputs of sum_j |w_j| * |x_ext|: the size of the numbers each output sums. The same filter on |x|
    with |w| and |cval| (every mode extends a line by copying its values, or cval)."""
    mags = fn(np.abs(x.astype(np.float64)), np.abs(weights), axis=axis, mode=mode, cval=abs(CVAL), origin=origin)
    return mags.max()


def all_origins(n):
    return list(range(-(n // 2), (n - 1) // 2 + 1))


def build():
    g = Goldens()
    rng = np.random.default_rng(20240611)

    # Values around a non-zero mean so constant mode with cval, and derivative filters, give distinct results.
    vol = g.add_input("vol", rng.normal(0.3, 1.0, size=(4, 5, 6)))
    rows = g.add_input("rows", rng.normal(-0.2, 1.0, size=(2, 40)))
    fir_rows = g.add_input("fir", rng.normal(0.1, 1.0, size=(2, 11)))
    # Short lines of length L along axis 0 (strided) and axis 2 (contiguous).
    long_rows = g.add_input("long", rng.normal(0.0, 1.0, size=(2, 1000)))
    short = {L: g.add_input("short%d" % L, rng.normal(0.5, 1.0, size=(L, 2, L))) for L in (1, 2, 3, 5)}

    # gaussian1d: every mode x order x first/middle/last axis of a 3-D array (sigma 0.8 -> radius 3).
    gaussian(g, "vol", vol, 0.8, axes=(0, 1, -1))
    # Several sigmas, explicit radius= and truncate= along long lines.
    gaussian(g, "s05r2", rows, 0.5, axes=(-1,), radius=2)
    gaussian(g, "s15", rows, 1.5, axes=(-1,))
    gaussian(g, "s3", rows, 3.0, axes=(-1,))
    gaussian(g, "s2t25", rows, 2.0, axes=(-1,), truncate=2.5)           # radius int(5.5) = 5
    gaussian(g, "s15r7t1", rows, 1.5, axes=(-1,), radius=7, truncate=1.0)  # radius= wins over truncate=
    gaussian(g, "s1t01", rows, 1.0, axes=(-1,), truncate=0.1)           # radius 0: a single tap
    # The headline sigma (40 -> 321 taps) on lines of 1000, where a backend may take a different path for long kernels.
    for mode, order in (("reflect", 0), ("constant", 0), ("reflect", 1), ("wrap", 2)):
        gaussian(g, "long", long_rows, 40.0, axes=(-1,), modes=[mode], orders=[order])
    # Short lines: radius 4 and 12 on lines of length 1, 2, 3, 5 (SciPy extends them periodically).
    for L, inputs in short.items():
        if L < 5:
            gaussian(g, "short%d-s1" % L, inputs, 1.0, axes=(0, -1), modes=BASE_MODES)
        gaussian(g, "short%d-s3" % L, inputs, 3.0, axes=(0, -1), modes=BASE_MODES)

    # correlate1d / convolve1d weights: odd and even lengths, symmetric and antisymmetric kernels.
    wrng = np.random.default_rng(7)
    kernels = []
    for n in (1, 2, 3, 4, 5):
        g.add_weights("len%d" % n, wrng.normal(0.0, 1.0, size=n))
        kernels.append(("len%d" % n, all_origins(n)))
    g.add_weights("len8", wrng.normal(0.0, 1.0, size=8))
    kernels.append(("len8", [-4, -1, 0, 3]))
    half = wrng.normal(0.0, 1.0, size=3)
    g.add_weights("sym5", np.concatenate([half, half[1::-1]]))                      # a b c b a
    kernels.append(("sym5", all_origins(5)))
    g.add_weights("anti5", np.concatenate([half[:2], [0.0], -half[1::-1]]))         # a b 0 -b -a
    kernels.append(("anti5", all_origins(5)))
    g.add_weights("sym4", np.concatenate([half[:2], half[1::-1]]))                  # a b b a
    kernels.append(("sym4", all_origins(4)))

    fir(g, "rows", fir_rows, kernels, axes=(-1,), modes=BASE_MODES)
    # The grid-* aliases once per function, with an odd and an even kernel at every origin.
    fir(g, "alias", fir_rows, [k for k in kernels if k[0] in ("len3", "len4")], axes=(-1,),
        modes=[m for m in MODES if m.startswith("grid-")])
    fir(g, "vol", vol, [("len4", [-1]), ("len8", [3])], axes=(0, 1, -1), modes=BASE_MODES)
    g.add_weights("len65", wrng.normal(0.0, 1.0, size=65))
    fir(g, "long", long_rows, [("len65", [0])], axes=(-1,), modes=["reflect"])
    fir(g, "long", long_rows, [("len65", [-32])], axes=(-1,), modes=["constant"])
    for L in (1, 2, 3):
        fir(g, "short%d" % L, short[L], [("len8", [-4, 3]), ("sym5", [2])], axes=(0, -1), modes=BASE_MODES)

    return g


ALIAS_OF = {"grid-mirror": "reflect", "grid-wrap": "wrap", "grid-constant": "constant"}


def run_scipy(fn, x, *args, mode, **kwargs):
    """Calls SciPy; for a grid-* alias also checks that the base mode gives the same bits, because kernelkit's Java
    API maps the aliases onto the base modes before any backend runs."""
    y = fn(x, *args, mode=mode, **kwargs)
    if mode in ALIAS_OF and not np.array_equal(y, fn(x, *args, mode=ALIAS_OF[mode], **kwargs)):
        sys.exit("SciPy %s: mode %s differs from %s for %s%r" % (scipy.__version__, mode, ALIAS_OF[mode],
                                                                 fn.__name__, kwargs))
    return y


def main():
    g = build()
    g.write()
    total = sum(os.path.getsize(os.path.join(OUT_DIR, f)) for f in os.listdir(OUT_DIR))
    print("wrote %d cases, %d files, %d bytes to %s (scipy %s, numpy %s)"
          % (len(g.lines), len(os.listdir(OUT_DIR)), total, os.path.normpath(OUT_DIR), scipy.__version__,
             np.__version__))


if __name__ == "__main__":
    main()
