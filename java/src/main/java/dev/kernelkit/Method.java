package dev.kernelkit;

import java.util.Locale;

/**
 * How a correlation is computed, as scipy.signal.convolve's {@code method}: directly (one multiply-add per weight and
 * output), through FFTs (overlap-save: cost grows with the logarithm of the kernel length instead of the length), or
 * chosen per call by a cost model ({@link #AUTO}, the default).
 *
 * <p>{@link #DIRECT} gives SciPy's exact bits (scipy.ndimage sums directly too). {@link #FFT} results equal SciPy's
 * within the project's tolerances (float64: 1e-12 of the magnitude of the summed terms; float32: 1e-5), not bit for
 * bit, and still do not depend on the thread count.
 */
public enum Method {
    /** Direct summation: SciPy's bits; best for short kernels. */
    DIRECT("direct"),
    /** FFT overlap-save: within tolerance of SciPy; best for long kernels. */
    FFT("fft"),
    /** {@link MethodChoice}'s cost model picks DIRECT or FFT from the kernel length, line length, dtype and backend. */
    AUTO("auto");

    private final String cliName;

    Method(String cliName) {
        this.cliName = cliName;
    }

    /** The lower-case name used by {@link #parse} and the command line. */
    public String cliName() {
        return cliName;
    }

    /** Parses {@code direct}, {@code fft} or {@code auto}, case-insensitively. */
    public static Method parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("method: must not be null (allowed: direct, fft, auto)");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "direct" -> DIRECT;
            case "fft" -> FFT;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException("method: unknown '" + name + "' (allowed: direct, fft, auto)");
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
