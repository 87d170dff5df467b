#!/usr/bin/env python3
"""kernelkit on a NumPy array in shared memory, with no files in between.

Puts a (channels, samples) recording into a named shared memory segment, runs
``kernelkit gaussian shm:NAME shm:NAME --sigma 40`` (in place), and checks the result, read straight from the
segment, against scipy.ndimage.gaussian_filter1d. Extra arguments go to kernelkit, e.g. ``--processes 2``.

    python3 examples/shm_gaussian.py [--processes N] [--threads N]

The launcher is bin/kernelkit of this checkout (build first: mvn -B package -DskipTests) unless $KERNELKIT names
another one.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from scipy.ndimage import gaussian_filter1d

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kernelkit_shm  # noqa: E402

launcher = os.environ.get("KERNELKIT", str(Path(__file__).resolve().parents[1] / "bin" / "kernelkit"))
rng = np.random.default_rng(0)
recording = rng.standard_normal((64, 200_000))  # float64, 100 MB

shm, data = kernelkit_shm.create(recording)
try:
    start = time.perf_counter()
    subprocess.run([launcher, "gaussian", f"shm:{shm.name}", f"shm:{shm.name}", "--sigma", "40", *sys.argv[1:]],
                   check=True)
    elapsed = time.perf_counter() - start
    # `data` is a view of the segment: it now holds the filtered recording.
    expected = gaussian_filter1d(recording, 40)
    error = np.max(np.abs(data - expected)) / np.max(np.abs(expected))
    print(f"kernelkit on shm:{shm.name} {recording.shape} {recording.dtype}: {elapsed:.2f} s (with JVM start-up),"
          f" max relative difference from SciPy {error:.1e}")
    assert error <= 1e-12, error
finally:
    del data  # release the buffer before closing
    shm.close()
    shm.unlink()
