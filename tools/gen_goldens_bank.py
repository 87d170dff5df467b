#!/usr/bin/python3
"""Golden vectors from SciPy for kernelkit's filter banks (FilterBank, issue 4 section 3).

A filter bank's output is SciPy's correlate1d per filter, stacked along a new axis inserted immediately before the
filtered axis:
    np.stack([ndimage.correlate1d(x, w[f], axis, mode=mode, cval=cval, origin=origin) for f in range(F)], axis=axis)
(with axis normalised to 0..ndim-1, so np.stack puts the filter axis just before the filtered one).

What it writes (into java/src/test/resources/golden-bank/, replacing what is there):
  x_NAME_DT.npy    inputs (float64, and the same values rounded to float32)
  bank_NAME.npy    F x K banks, float64
  exp_ID.npy       SciPy's output for case ID (float32 for float32 input, as SciPy returns it)
  cases.tsv        one case per line, tab-separated: id input bank axis mode origin cval terms
                   terms: max over the outputs of sum_k |w_k||x_ext|, the size of the numbers each output sums (the
                   Java tests scale their tolerance by max(max|expected|, terms), as for the core goldens)
  VERSIONS.txt     the SciPy and NumPy versions used

Coverage: the five modes with a mixed bank (symmetric, antisymmetric, general rows) at the ends and middle of the
origin range; every axis of a 3-D array; even K; F = 1 and K = 1; lines shorter than the filters; a band-pass
firwin bank (the README's EEG bands: delta 1-4, theta 4-8, alpha 8-13, beta 13-30, gamma 30-70, high-gamma 70-150 Hz
at fs = 1000 Hz, 101 taps) along lines of 400 samples; both dtypes for every case. A non-zero cval is passed to every
case, so non-constant modes must ignore it.

How to run (deterministic: fixed seed; running it again rewrites identical files):
    /usr/bin/python3 tools/gen_goldens_bank.py
"""
import os

import numpy as np
import scipy
from scipy import ndimage, signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources",
                   "golden-bank")
DTYPES = {"f32": np.float32, "f64": np.float64}
MODES = ["reflect", "mirror", "nearest", "wrap", "constant"]
CVAL = 0.75
BANDS = [(1, 4), (4, 8), (8, 13), (13, 30), (30, 70), (70, 150)]


def bank_output(x, w, axis, mode, origin, cval):
    return np.stack([ndimage.correlate1d(x, row, axis, mode=mode, cval=cval, origin=origin) for row in w], axis=axis)


def terms(x, w, axis, mode, origin, cval):
    """max over outputs and filters of sum_k |w_k||x_ext| (in float64)."""
    ax = np.abs(np.asarray(x, dtype=np.float64))
    return max(float(np.max(ndimage.correlate1d(ax, np.abs(row), axis, mode=mode, cval=abs(cval), origin=origin)))
               for row in w)


def mixed_bank(rng, f, k):
    w = rng.standard_normal((f, k))
    if k % 2 == 1 and k > 1:
        c = k // 2
        w[0, c + 1:] = w[0, :c][::-1]           # symmetric
        if f > 1:
            w[1, c + 1:] = -w[1, :c][::-1]      # antisymmetric
    return w


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".npy") or name in ("cases.tsv", "VERSIONS.txt"):
            os.remove(os.path.join(OUT, name))
    rng = np.random.default_rng(20261124)
    inputs = {
        "cube": rng.standard_normal((3, 4, 30)),
        "eeg": rng.standard_normal((2, 400)) + np.sin(np.arange(400) * 2 * np.pi * 10 / 1000),
    }
    banks = {
        "mixed3x5": mixed_bank(rng, 3, 5),
        "even2x4": rng.standard_normal((2, 4)),
        "one1x7": mixed_bank(rng, 1, 7),
        "tap4x1": rng.standard_normal((4, 1)),
        "long3x9": mixed_bank(rng, 3, 9),
        "bands6x101": np.stack([signal.firwin(101, band, pass_zero=False, fs=1000.0) for band in BANDS]),
    }
    cases = []
    for mode in MODES:
        for origin in (-2, 0, 2):
            cases.append(("modes_%s_o%d" % (mode, origin), "cube", "mixed3x5", 2, mode, origin))
    for axis in range(3):
        for origin in (-2, 1):
            cases.append(("axis%d_o%d" % (axis, origin), "cube", "even2x4", axis, "reflect", origin))
    cases.append(("single_filter", "cube", "one1x7", 1, "mirror", 3))
    cases.append(("single_tap", "cube", "tap4x1", 0, "wrap", 0))
    for mode in MODES:  # axis 0 has 3 samples, axis 1 has 4: shorter than 9 taps
        cases.append(("short_%s" % mode, "cube", "long3x9", 0, mode, -4))
        cases.append(("short1_%s" % mode, "cube", "long3x9", 1, mode, 4))
    cases.append(("bands", "eeg", "bands6x101", 1, "reflect", 0))
    cases.append(("bands_axis0", "eeg", "bands6x101", 0, "constant", 0))

    for name, values in inputs.items():
        for dt, np_dtype in DTYPES.items():
            np.save(os.path.join(OUT, "x_%s_%s.npy" % (name, dt)), values.astype(np_dtype))
    for name, w in banks.items():
        np.save(os.path.join(OUT, "bank_%s.npy" % name), w)
    lines = ["# id\tinput\tbank\taxis\tmode\torigin\tcval\tterms"]
    for cid, inp, bank, axis, mode, origin in cases:
        w = banks[bank]
        for dt, np_dtype in DTYPES.items():
            x = inputs[inp].astype(np_dtype)
            out = bank_output(x, w, axis, mode, origin, CVAL)
            case_id = "%s_%s" % (cid, dt)
            np.save(os.path.join(OUT, "exp_%s.npy" % case_id), out)
            lines.append("\t".join([case_id, "x_%s_%s" % (inp, dt), "bank_" + bank, str(axis), mode, str(origin),
                                    repr(CVAL), repr(terms(x, w, axis, mode, origin, CVAL))]))
    with open(os.path.join(OUT, "cases.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, "VERSIONS.txt"), "w") as f:
        f.write("scipy %s\nnumpy %s\n" % (scipy.__version__, np.__version__))


if __name__ == "__main__":
    main()
