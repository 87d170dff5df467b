package dev.kernelkit;

import java.util.Arrays;
import java.util.Objects;

/**
 * FIR filter design by the window method: {@code scipy.signal.firwin} with SciPy's names, defaults, semantics and
 * validation. The taps it returns are correlation/convolution weights for {@link Filters} (they are symmetric, so
 * both give the same result).
 *
 * <pre>{@code
 * double[] lowpass  = Fir.firwin(101, 0.2);                      // fs = 2: cutoffs as fractions of Nyquist
 * double[] alpha    = Fir.firwin(501, new double[] {8, 13}, Window.HAMMING, PassZero.BANDPASS, true, 1000.0);
 * double[] highpass = Fir.firwin(101, new double[] {0.2}, Window.kaiser(8.6), PassZero.FALSE, true, 2.0);
 * }</pre>
 */
public final class Fir {
    private Fir() {
    }

    /** A lowpass (one cutoff) or bandstop/multiband filter passing DC, Hamming window, scaled, fs = 2. */
    public static double[] firwin(int numtaps, double... cutoff) {
        return firwin(numtaps, cutoff, Window.HAMMING, PassZero.TRUE, true, 2.0);
    }

    /**
     * {@code scipy.signal.firwin(numtaps, cutoff, window=window, pass_zero=passZero, scale=scale, fs=fs)}.
     *
     * @param numtaps  filter length, >= 1; must be odd when the filter passes the Nyquist frequency
     * @param cutoff   band edges in the units of {@code fs}, strictly increasing, each in (0, fs/2)
     * @param window   the window applied to the ideal (sinc) response
     * @param passZero whether DC is in a passband (and, for the filter-type values, how many cutoffs are allowed)
     * @param scale    scale the taps so the response is exactly 1 at the centre of the first passband (at 0 when it
     *                 starts at DC, at Nyquist when it ends there)
     * @param fs       the sampling frequency, finite and > 0
     * @throws IllegalArgumentException naming the offending parameter
     */
    public static double[] firwin(int numtaps, double[] cutoff, Window window, PassZero passZero, boolean scale,
                                  double fs) {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(passZero, "passZero");
        double[] bands = bandEdges(numtaps, cutoff, passZero, fs);
        double alpha = 0.5 * (numtaps - 1);
        double[] m = new double[numtaps];
        for (int i = 0; i < numtaps; i++) {
            m[i] = i - alpha;
        }
        // The ideal response: each passband [left, right] is a lowpass at right minus a lowpass at left.
        double[] h = new double[numtaps];
        for (int j = 0; j < bands.length; j += 2) {
            double left = bands[j];
            double right = bands[j + 1];
            for (int i = 0; i < numtaps; i++) {
                h[i] += right * sinc(right * m[i]);
                h[i] -= left * sinc(left * m[i]);
            }
        }
        double[] w = window.values(numtaps);
        for (int i = 0; i < numtaps; i++) {
            h[i] *= w[i];
        }
        if (scale) {
            normalise(h, m, bands[0], bands[1]);
        }
        return h;
    }

    /**
     * Validates the arguments as SciPy does and returns the passband edges as fractions of Nyquist, in pairs
     * (left, right), with 0 prepended when DC passes and 1 appended when Nyquist passes.
     */
    private static double[] bandEdges(int numtaps, double[] cutoff, PassZero passZero, double fs) {
        if (numtaps < 1) {
            throw new IllegalArgumentException("numtaps: " + numtaps + " must be >= 1");
        }
        Objects.requireNonNull(cutoff, "cutoff");
        if (!Double.isFinite(fs) || fs <= 0) {
            throw new IllegalArgumentException("fs: " + fs + " must be finite and > 0");
        }
        if (cutoff.length == 0) {
            throw new IllegalArgumentException("cutoff: at least one cutoff frequency is required");
        }
        double nyq = 0.5 * fs;
        double[] c = new double[cutoff.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = cutoff[i] / nyq;
            if (!(c[i] > 0 && c[i] < 1)) {
                throw new IllegalArgumentException("cutoff: " + cutoff[i] + " is outside (0, fs/2) = (0, " + nyq
                        + ")");
            }
        }
        for (int i = 1; i < c.length; i++) {
            if (!(c[i] - c[i - 1] > 0)) {
                throw new IllegalArgumentException("cutoff: must be strictly increasing, got "
                        + Arrays.toString(cutoff));
            }
        }
        passZero.checkCutoffCount(c.length);
        boolean passesZero = passZero.passesZero();
        boolean passesNyquist = (c.length % 2 == 0) == passesZero;
        if (passesNyquist && numtaps % 2 == 0) {
            throw new IllegalArgumentException("numtaps: " + numtaps + " is even, but this filter passes the Nyquist "
                    + "frequency, where an even-length filter always has zero response; use an odd numtaps");
        }
        double[] edges = new double[c.length + (passesZero ? 1 : 0) + (passesNyquist ? 1 : 0)];
        System.arraycopy(c, 0, edges, passesZero ? 1 : 0, c.length);
        if (passesNyquist) {
            edges[edges.length - 1] = 1.0;
        }
        return edges;
    }

    /** Divides by the response at the first passband's centre (or at 0 or Nyquist when the band touches them). */
    private static void normalise(double[] h, double[] m, double left, double right) {
        double frequency = left == 0 ? 0.0 : right == 1 ? 1.0 : 0.5 * (left + right);
        double s = 0.0;
        for (int i = 0; i < h.length; i++) {
            s += h[i] * Math.cos(Math.PI * m[i] * frequency);
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= s;
        }
    }

    /** The normalised sinc, sin(pi x)/(pi x), 1 at 0. */
    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }
}
