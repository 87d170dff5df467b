package dev.kernelkit.parallel;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.GaussianKernel;

/**
 * How far a 1-D filter reads around each output along the filtered axis: output {@code i} reads input samples
 * {@code i - before .. i + after} (boundary extension applies outside the line). A block of outputs therefore needs a
 * halo of {@code before} samples in front of it and {@code after} behind it to be computed exactly as in the whole
 * line.
 *
 * @param before samples read before each output (&ge; 0)
 * @param after  samples read after each output (&ge; 0)
 */
public record Reach(int before, int after) {
    /** A pointwise operation (or a split across the filtered axis): no halo. */
    public static final Reach NONE = new Reach(0, 0);

    public Reach {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("reach: before " + before + " and after " + after + " must be >= 0");
        }
    }

    /**
     * {@code correlate1d} with {@code nweights} weights and {@code origin}: {@code out[i] = sum_j w[j] x[i + j - n/2 -
     * origin]}, so before = n/2 + origin and after = n - 1 - n/2 - origin.
     */
    public static Reach correlate(int nweights, int origin) {
        if (nweights < 1) {
            throw new IllegalArgumentException("weights: " + nweights + " weights given, at least 1 needed");
        }
        int lo = -(nweights / 2);
        int hi = (nweights - 1) / 2;
        if (origin < lo || origin > hi) {
            throw new IllegalArgumentException("origin: " + origin + " is out of range for " + nweights
                    + " weights (allowed " + lo + ".." + hi + ")");
        }
        return new Reach(nweights / 2 + origin, nweights - 1 - nweights / 2 - origin);
    }

    /**
     * {@code convolve1d}: SciPy correlates with the reversed weights, origin negated and, for an even count, moved
     * one further ({@code -origin - 1}).
     */
    public static Reach convolve(int nweights, int origin) {
        correlate(nweights, origin); // validates in convolve's own terms
        return correlate(nweights, -origin - (nweights % 2 == 0 ? 1 : 0));
    }

    /** {@code gaussian1d} with a kernel of this radius: 2·radius + 1 centred weights. */
    public static Reach gaussianRadius(int radius) {
        if (radius < 0 || radius > GaussianKernel.MAX_RADIUS) {
            throw new IllegalArgumentException("radius: " + radius + " is out of range (allowed 0.."
                    + GaussianKernel.MAX_RADIUS + ")");
        }
        return new Reach(radius, radius);
    }

    /** {@code gaussian1d(sigma)} with the options' radius, or the radius from its truncate as SciPy computes it. */
    public static Reach gaussian(double sigma, FilterOptions options) {
        if (options.radius() != null) {
            return gaussianRadius(options.radius());
        }
        return gaussianRadius(GaussianKernel.radius(sigma, options.truncate()));
    }

    /** Causal FIR {@code lfilter} with {@code ntaps} coefficients: {@code ntaps - 1} samples before, none after. */
    public static Reach lfilter(int ntaps) {
        if (ntaps < 1) {
            throw new IllegalArgumentException("b: " + ntaps + " coefficients given, at least 1 needed");
        }
        return new Reach(ntaps - 1, 0);
    }

    /** The halo on both sides: {@code before + after}. */
    public long total() {
        return (long) before + after;
    }

    /**
     * The shortest core a block may have when it is filtered in a window clipped at a line end, so that the
     * boundary extension the filter computes on the window equals the one of the whole line: max(before, after) + 1
     * (mirror, the most demanding mode, reflects about the edge sample and so reads one sample further than the
     * halo; shorter windows would also make the extension repeat periodically, differently from the whole line).
     */
    public long minimumBlock() {
        return Math.max(before, after) + 1L;
    }
}
