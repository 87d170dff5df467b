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
                            int threads, String backend) {

    private static final FilterOptions DEFAULTS =
            new FilterOptions(-1, Mode.REFLECT, 0.0, 0, 0, 4.0, null, 0, null);

    public FilterOptions {
        Objects.requireNonNull(mode, "mode");
    }

    /** SciPy's defaults; threads 0 = the default thread count; backend null = the default backend. */
    public static FilterOptions defaults() {
        return DEFAULTS;
    }

    /** The axis to filter along; negative counts from the end. */
    public FilterOptions withAxis(int axis) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    public FilterOptions withMode(Mode mode) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** A SciPy mode name or alias, e.g. {@code "grid-wrap"}. */
    public FilterOptions withMode(String mode) {
        return withMode(Mode.parse(mode));
    }

    /** The value outside the line in {@link Mode#CONSTANT}. */
    public FilterOptions withCval(double cval) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Shifts the filter (correlate/convolve); allowed {@code -(n/2) .. (n-1)/2} for n weights. */
    public FilterOptions withOrigin(int origin) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Gaussian derivative order, 0..3. */
    public FilterOptions withOrder(int order) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Gaussian radius in units of sigma when no radius is given: radius = (int)(truncate*sigma + 0.5). */
    public FilterOptions withTruncate(double truncate) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Gaussian kernel radius (overrides truncate); null for "from truncate". */
    public FilterOptions withRadius(Integer radius) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Threads for one call; 0 means the default (the cores available to the JVM). */
    public FilterOptions withThreads(int threads) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Backend name ({@code panama}, {@code java}, ...); null for the default. */
    public FilterOptions withBackend(String backend) {
        return new FilterOptions(axis, mode, cval, origin, order, truncate, radius, threads, backend);
    }

    /** Backend instance shortcut. */
    public FilterOptions withBackend(Backend backend) {
        return withBackend(backend == null ? null : backend.name());
    }
}
