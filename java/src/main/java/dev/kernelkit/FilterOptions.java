package dev.kernelkit;

import dev.kernelkit.spi.Backend;
import java.util.Objects;

/**
 * Options of the 1-D filters, with SciPy's defaults: {@code axis=-1, mode='reflect', cval=0.0, origin=0, order=0,
 * truncate=4.0, radius=None}. Immutable; each {@code withX} returns a modified copy. Options a filter does not use
 * are ignored (e.g. {@code order} by {@code correlate1d}, {@code origin} by {@code gaussian1d}).
 *
 * <p>Values are checked when a filter runs, against the array it runs on, so a bad value is reported with the
 * parameter's name and allowed range.
 */
public record FilterOptions(int axis, Mode mode, double cval, int origin, int order, double truncate, Integer radius,
                            int threads, String backend, Method method) {

    private static final FilterOptions DEFAULTS =
            new FilterOptions(-1, Mode.REFLECT, 0.0, 0, 0, 4.0, null, 0, null, Method.AUTO);

    public FilterOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(method, "method");
    }

    /**
     * SciPy's defaults; threads 0 = the default thread count; backend null = the default backend; method
     * {@link Method#AUTO} (as scipy.signal.convolve: FFT for long kernels, so results are SciPy's within tolerance,
     * not always bit for bit; pin {@link Method#DIRECT} for SciPy's exact bits).
     */
    public static FilterOptions defaults() {
        return DEFAULTS;
    }

    /** The axis to filter along; negative counts from the end. */
    public FilterOptions withAxis(int axis) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    public FilterOptions withMode(Mode mode) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** A SciPy mode name or alias, e.g. {@code "grid-wrap"}. */
    public FilterOptions withMode(String mode) {
        return withMode(Mode.parse(mode));
    }

    /** The value outside the line in {@link Mode#CONSTANT}. */
    public FilterOptions withCval(double cval) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Shifts the filter (correlate/convolve); allowed {@code -(n/2) .. (n-1)/2} for n weights. */
    public FilterOptions withOrigin(int origin) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Gaussian derivative order, 0..3. */
    public FilterOptions withOrder(int order) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Gaussian radius in units of sigma when no radius is given: radius = (int)(truncate*sigma + 0.5). */
    public FilterOptions withTruncate(double truncate) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Gaussian kernel radius (overrides truncate); null for "from truncate". */
    public FilterOptions withRadius(Integer radius) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Threads for one call; 0 means the default (the cores available to the JVM). */
    public FilterOptions withThreads(int threads) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Backend name ({@code panama}, {@code java}, ...); null for the default. */
    public FilterOptions withBackend(String backend) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** Backend instance shortcut. */
    public FilterOptions withBackend(Backend backend) {
        return withBackend(backend == null ? null : backend.name());
    }

    /**
     * How correlations are computed: {@link Method#DIRECT} (SciPy's exact bits), {@link Method#FFT} (overlap-save,
     * within tolerance of SciPy; fast for long kernels) or {@link Method#AUTO} (the default: {@link MethodChoice}).
     * Used by correlate1d, convolve1d, gaussian1d and lfilter.
     */
    public FilterOptions withMethod(Method method) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend, method);
    }

    /** {@code direct}, {@code fft} or {@code auto}. */
    public FilterOptions withMethod(String method) {
        return withMethod(Method.parse(method));
    }
}
