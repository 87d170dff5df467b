package dev.kernelkit.parallel;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;

/**
 * A 1-D filter that {@link Parallel#filter} can run block by block: how to filter an array into an output of the
 * same shape (which may be the input itself), and how far it reads around each output along the filtered axis.
 */
public interface BlockFilter {
    /** Filters {@code in} into {@code out} (same shape; possibly the same array) with these options. */
    void apply(NdArray in, NdArray out, FilterOptions options);

    /** Samples read before and after each output along {@code options.axis()}. */
    Reach reach(FilterOptions options);

    /** A filter from a fixed reach and its operation (e.g. user code with a known footprint). */
    static BlockFilter of(Reach reach, Operation operation) {
        return new FilterWithReach(options -> reach, operation);
    }

    /** {@link Filters#gaussian1d(NdArray, NdArray, double, FilterOptions)}. */
    static BlockFilter gaussian1d(double sigma) {
        return new FilterWithReach(options -> Reach.gaussian(sigma, options),
                (in, out, options) -> Filters.gaussian1d(in, out, sigma, options));
    }

    /** {@link Filters#correlate1d(NdArray, NdArray, double[], FilterOptions)}. */
    static BlockFilter correlate1d(double[] weights) {
        double[] w = weights.clone();
        return new FilterWithReach(options -> Reach.correlate(w.length, options.origin()),
                (in, out, options) -> Filters.correlate1d(in, out, w, options));
    }

    /** {@link Filters#convolve1d(NdArray, NdArray, double[], FilterOptions)}. */
    static BlockFilter convolve1d(double[] weights) {
        double[] w = weights.clone();
        return new FilterWithReach(options -> Reach.convolve(w.length, options.origin()),
                (in, out, options) -> Filters.convolve1d(in, out, w, options));
    }

    /** The operation of {@link #of}. */
    @FunctionalInterface
    interface Operation {
        void apply(NdArray in, NdArray out, FilterOptions options);
    }
}
