package dev.kernelkit.bench;

import dev.kernelkit.GaussianKernel;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;

/**
 * One backend at one thread count, called directly (Filters' argument checks are the same for every backend and
 * are left out), with SciPy's defaults: mode reflect, truncate 4, origin 0.
 */
public record Workload(Backend backend, int threads) {
    /** SciPy's default truncate. */
    public static final double TRUNCATE = 4.0;

    /** gaussian_filter1d(in, sigma, axis) into out. */
    public void gaussian(NdArray in, NdArray out, int axis, double sigma) {
        backend.gaussian1d(in, out, axis, sigma, 0, GaussianKernel.radius(sigma, TRUNCATE), Mode.REFLECT, 0.0,
                threads);
    }

    /** correlate1d(in, weights, axis) into out. */
    public void correlate(NdArray in, NdArray out, int axis, double[] weights) {
        backend.correlate1d(in, out, axis, weights, 0, Mode.REFLECT, 0.0, threads);
    }
}
