#!/usr/bin/python3
"""Golden vectors from SciPy for kernelkit's lfilter (causal FIR with state) tests.

What it writes (into java/src/test/resources/golden-lfilter/, replacing what is there):
  x_DT.npy                 the input signal, a (3, 4, 20) array (float64, and the same values rounded to float32)
  b_NB.npy                 FIR coefficients, float64, len(b) = NB for NB in 1, 2, 5, 33
  zi_DT_aA_bNB.npy         an initial state for axis A: x's shape with the axis length NB-1, dtype DT
  y_DT_aA_bNB.npy          scipy.signal.lfilter(b, [1.0], x, axis=A)                  (float64: SciPy's result dtype)
  yzi_DT_aA_bNB.npy        y of scipy.signal.lfilter(b, [1.0], x, axis=A, zi=zi)     (float64)
  zf_DT_aA_bNB.npy         zf of the same call                                        (float64)
for DT in f32, f64, every axis A of x (0, 1, 2) and every NB. The axis of length 3 with 5 or 33 taps covers
signals shorter than the filter. float32 cases use the float32 x and zi; SciPy computes them in float64 (the
result type of float64 b and float32 x), so the Java tests compare float32 outputs within 1e-5 of max|expected|.

How to run (deterministic: fixed seed; running it again rewrites identical files):
    /usr/bin/python3 tools/gen_lfilter_goldens.py
"""
import os

import numpy as np
import scipy
import scipy.signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources",
                   "golden-lfilter")
SHAPE = (3, 4, 20)
TAPS = (1, 2, 5, 33)
DTYPES = {"f32": np.float32, "f64": np.float64}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".npy") or name == "VERSIONS.txt":
            os.remove(os.path.join(OUT, name))
    rng = np.random.default_rng(20261124)
    x64 = rng.standard_normal(SHAPE)
    bs = {nb: rng.standard_normal(nb) for nb in TAPS}
    for nb, b in bs.items():
        np.save(os.path.join(OUT, f"b_{nb}.npy"), b)
    for dt, np_dtype in DTYPES.items():
        x = x64.astype(np_dtype)
        np.save(os.path.join(OUT, f"x_{dt}.npy"), x)
        for axis in range(x.ndim):
            for nb, b in bs.items():
                tag = f"{dt}_a{axis}_b{nb}"
                zshape = list(SHAPE)
                zshape[axis] = nb - 1
                zi = rng.standard_normal(zshape).astype(np_dtype)
                y = scipy.signal.lfilter(b, [1.0], x, axis=axis)
                yzi, zf = scipy.signal.lfilter(b, [1.0], x, axis=axis, zi=zi)
                np.save(os.path.join(OUT, f"zi_{tag}.npy"), zi)
                np.save(os.path.join(OUT, f"y_{tag}.npy"), np.asarray(y, dtype=np.float64))
                np.save(os.path.join(OUT, f"yzi_{tag}.npy"), np.asarray(yzi, dtype=np.float64))
                np.save(os.path.join(OUT, f"zf_{tag}.npy"), np.asarray(zf, dtype=np.float64))
    with open(os.path.join(OUT, "VERSIONS.txt"), "w") as f:
        f.write(f"scipy {scipy.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
