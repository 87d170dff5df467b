#!/usr/bin/python3
"""Golden vectors from scipy.signal.firwin for kernelkit's Fir.firwin tests.

What it writes (java/src/test/resources/golden-firwin/cases.tsv, replacing it): one case per line, tab-separated
    id  numtaps  cutoff  window  pass_zero  scale  fs  expected
  cutoff:    space-separated cutoffs in the units of fs
  window:    hamming | hann | blackman | boxcar | kaiser:BETA (the CLI's spelling of SciPy's ("kaiser", BETA))
  pass_zero: true | false | lowpass | highpass | bandpass | bandstop
  scale:     true | false
  expected:  the taps, space-separated, or "error:PARAM" when SciPy raises ValueError; PARAM is the parameter the
             Java IllegalArgumentException must name
Floats are written with repr(), which round-trips exactly. Lines starting with '#' are comments; the first ones
record the SciPy and NumPy versions used.

How to run (from anywhere): /usr/bin/python3 tools/gen_firwin_goldens.py
The output is deterministic: running it again rewrites identical files.

Coverage: every window (hamming, hann, blackman, boxcar, kaiser with beta 0.5 and 8.6) x every pass type (lowpass,
highpass, bandpass, bandstop, multiband with 3 and 4 edges, each with pass_zero as a bool and, where one applies,
as a filter-type string) x numtaps 1, 7, 8, 31, 30 (even ones only where SciPy allows them; where it does not,
the case records SciPy's error) x scale on/off x fs 2 (SciPy's default) and 1000 (cutoffs scaled to match).
Invalid cutoffs, counts and pass_zero strings are listed at the end, each confirmed to raise in SciPy.
"""

import os

import numpy as np
import scipy
from scipy import signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources",
                   "golden-firwin", "cases.tsv")

WINDOWS = ["hamming", "hann", "blackman", "boxcar", ("kaiser", 0.5), ("kaiser", 8.6)]

# (label, cutoffs as fractions of Nyquist, pass_zero values to try)
PASS_TYPES = [
    ("lowpass", [0.3], [True, "lowpass"]),
    ("highpass", [0.3], [False, "highpass"]),
    ("bandpass", [0.2, 0.5], [False, "bandpass"]),
    ("bandstop", [0.2, 0.5], [True, "bandstop"]),
    ("multiband3", [0.1, 0.4, 0.7], [True, False]),
    ("multiband4", [0.1, 0.3, 0.5, 0.7], [False, "bandstop"]),
]

NUMTAPS = [1, 7, 8, 31, 30]

# Invalid arguments SciPy rejects: (numtaps, cutoff, pass_zero, fs, the parameter named).
ERRORS = [
    (7, [], True, 2.0, "cutoff"),
    (7, [0.0], True, 2.0, "cutoff"),
    (7, [1.0], True, 2.0, "cutoff"),
    (7, [-0.2], True, 2.0, "cutoff"),
    (7, [500.0], True, 1000.0, "cutoff"),
    (7, [0.5, 0.3], True, 2.0, "cutoff"),
    (7, [0.3, 0.3], False, 2.0, "cutoff"),
    (7, [0.3, 1.5], False, 2.0, "cutoff"),
    (7, [0.2, 0.5], "lowpass", 2.0, "cutoff"),
    (7, [0.2, 0.5], "highpass", 2.0, "cutoff"),
    (7, [0.2], "bandpass", 2.0, "cutoff"),
    (7, [0.2], "bandstop", 2.0, "cutoff"),
    (7, [0.2], "notch", 2.0, "passZero"),
    (8, [0.3], False, 2.0, "numtaps"),
    (8, [0.2, 0.5], True, 2.0, "numtaps"),
    (8, [0.1, 0.3, 0.5], False, 2.0, "numtaps"),
]
# Not here: numtaps < 1. SciPy 1.10 returns an empty array for numtaps=0, newer SciPy raises (get_window's
# "Nx is not a positive integer"); Fir.firwin raises, and its unit test checks that.


def fmt(x):
    return repr(float(x))


def pass_zero_text(p):
    return str(p).lower()


def window_text(w):
    return w if isinstance(w, str) else "%s:%s" % (w[0], fmt(w[1]))


def row(case_id, numtaps, cutoff, window, pass_zero, scale, fs, expected):
    return "\t".join([case_id, str(numtaps), " ".join(fmt(c) for c in cutoff) or "-", window_text(window),
                      pass_zero_text(pass_zero), str(scale).lower(), fmt(fs), expected])


def design(numtaps, cutoff, window, pass_zero, scale, fs):
    """SciPy's taps as text, or error:None when it raises ValueError (the caller names the parameter)."""
    try:
        h = signal.firwin(numtaps, cutoff, window=window, pass_zero=pass_zero, scale=scale, fs=fs)
    except ValueError:
        if numtaps % 2 == 1:
            raise  # only an even numtaps with a passband at Nyquist is invalid in this grid
        return None
    return " ".join(fmt(v) for v in np.asarray(h, dtype=np.float64))


def main():
    lines = ["# scipy %s numpy %s" % (scipy.__version__, np.__version__),
             "# id\tnumtaps\tcutoff\twindow\tpass_zero\tscale\tfs\texpected"]
    n = 0
    for window in WINDOWS:
        for label, cutoff, pass_zeros in PASS_TYPES:
            for pass_zero in pass_zeros:
                for numtaps in NUMTAPS:
                    for scale in (True, False):
                        for fs in (2.0, 1000.0):
                            edges = [c * fs / 2 for c in cutoff]
                            taps = design(numtaps, edges, window, pass_zero, scale, fs)
                            n += 1
                            case_id = "%s-%s-%s-n%d-%s-fs%g" % (label, window_text(window), pass_zero_text(pass_zero),
                                                                numtaps, "scaled" if scale else "raw", fs)
                            lines.append(row(case_id, numtaps, edges, window, pass_zero, scale, fs,
                                             taps if taps is not None else "error:numtaps"))
    for i, (numtaps, cutoff, pass_zero, fs, param) in enumerate(ERRORS):
        try:
            signal.firwin(numtaps, cutoff, pass_zero=pass_zero, fs=fs)
        except ValueError:
            lines.append(row("error%d" % i, numtaps, cutoff, "hamming", pass_zero, True, fs, "error:" + param))
            continue
        raise SystemExit("SciPy accepted error case %d: %r" % (i, (numtaps, cutoff, pass_zero, fs)))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %d cases and %d error cases to %s" % (n, len(ERRORS), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
