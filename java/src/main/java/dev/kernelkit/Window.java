package dev.kernelkit;

import java.util.Locale;

/**
 * A symmetric window for FIR design, as {@code scipy.signal.get_window(window, M, fftbins=False)} computes it:
 * {@code hamming}, {@code hann}, {@code blackman}, {@code boxcar}, and {@code kaiser} with a shape parameter beta
 * (SciPy's {@code ("kaiser", beta)}). The cosine windows are evaluated as SciPy's {@code general_cosine} does, on
 * {@code linspace(-pi, pi, M)}, so the values agree with SciPy's to the last bit or two.
 */
public final class Window {
    public static final Window HAMMING = new Window("hamming", 0, new double[] {0.54, 0.46});
    public static final Window HANN = new Window("hann", 0, new double[] {0.5, 0.5});
    public static final Window BLACKMAN = new Window("blackman", 0, new double[] {0.42, 0.50, 0.08});
    public static final Window BOXCAR = new Window("boxcar", 0, new double[] {1.0});

    private static final String ALLOWED = "hamming, hann, blackman, boxcar, kaiser:BETA";

    private final String name;
    private final double beta;
    /** Cosine-sum coefficients a_k (null for kaiser). */
    private final double[] cosines;

    private Window(String name, double beta, double[] cosines) {
        this.name = name;
        this.beta = beta;
        this.cosines = cosines;
    }

    /**
     * The Kaiser window with shape parameter {@code beta} (0 is a boxcar; about 8.6 resembles Blackman).
     *
     * @throws IllegalArgumentException when beta is not finite
     */
    public static Window kaiser(double beta) {
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("window: kaiser beta " + beta + " must be finite");
        }
        return new Window("kaiser", beta, null);
    }

    /**
     * Parses {@code hamming}, {@code hann}, {@code blackman}, {@code boxcar} or {@code kaiser:BETA} (e.g.
     * {@code kaiser:8.6}); case-insensitive.
     *
     * @throws IllegalArgumentException naming {@code window} and the allowed values
     */
    public static Window parse(String text) {
        String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (key) {
            case "hamming":
                return HAMMING;
            case "hann":
                return HANN;
            case "blackman":
                return BLACKMAN;
            case "boxcar":
                return BOXCAR;
            default:
                break;
        }
        if (key.equals("kaiser")) {
            throw new IllegalArgumentException("window: kaiser needs its beta, e.g. kaiser:8.6 (allowed: " + ALLOWED
                    + ")");
        }
        if (key.startsWith("kaiser:")) {
            String b = key.substring("kaiser:".length());
            try {
                return kaiser(Double.parseDouble(b));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("window: kaiser beta '" + b + "' is not a number", e);
            }
        }
        throw new IllegalArgumentException("window: unknown '" + text + "' (allowed: " + ALLOWED + ")");
    }

    /** SciPy's name: {@code hamming}, ..., {@code kaiser}. */
    public String name() {
        return name;
    }

    /** The Kaiser shape parameter (0 for the other windows). */
    public double beta() {
        return beta;
    }

    /** The {@code m} symmetric window values (m >= 1). */
    public double[] values(int m) {
        double[] w = new double[m];
        if (m == 1) {
            w[0] = 1.0; // SciPy's _len_guards: a single point is 1 for every window
            return w;
        }
        if (cosines == null) {
            kaiserValues(w);
        } else {
            cosineSum(w);
        }
        return w;
    }

    /** SciPy's general_cosine: sum_k a_k cos(k x) for x = linspace(-pi, pi, m). */
    private void cosineSum(double[] w) {
        int m = w.length;
        double step = (Math.PI - -Math.PI) / (m - 1);
        for (int n = 0; n < m; n++) {
            // NumPy's linspace: start + n*step, with the last point exactly the stop value.
            double x = n == m - 1 ? Math.PI : n * step + -Math.PI;
            double sum = 0.0;
            for (int k = 0; k < cosines.length; k++) {
                sum += cosines[k] * Math.cos(k * x);
            }
            w[n] = sum;
        }
    }

    /** I0(beta sqrt(1 - ((n - alpha)/alpha)^2)) / I0(beta), alpha = (m - 1)/2, as scipy.signal.windows.kaiser. */
    private void kaiserValues(double[] w) {
        double alpha = (w.length - 1) / 2.0;
        double norm = besselI0(beta);
        for (int n = 0; n < w.length; n++) {
            double r = (n - alpha) / alpha;
            w[n] = besselI0(beta * Math.sqrt(1 - r * r)) / norm;
        }
    }

    /**
     * The modified Bessel function of the first kind, order 0, from its power series
     * sum_k ((x/2)^k / k!)^2. Every term is positive, so the sum has no cancellation and is accurate to a few ulps
     * for any finite x; it needs about |x| + 20 terms, and Kaiser betas are small (typically below 20).
     */
    static double besselI0(double x) {
        double q = (x / 2) * (x / 2);
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; term > sum * 1e-17; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /** The spelling {@link #parse} reads: {@code hamming}, ..., {@code kaiser:8.6}. */
    @Override
    public String toString() {
        return cosines == null ? name + ":" + beta : name;
    }
}
