package dev.kernelkit.purejava;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;

/** PLACEHOLDER being replaced by the real FFM binding. */
public final class JavaBackend implements Backend {
    public static final String NAME = "java";

    public JavaBackend() {
        throw new IllegalStateException("java backend not written yet");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void correlate1d(NdArray in, NdArray out, int axis, double[] weights, int origin, Mode mode, double cval,
                            int threads) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void gaussian1d(NdArray in, NdArray out, int axis, double sigma, int order, int radius, Mode mode,
                           double cval, int threads) {
        throw new UnsupportedOperationException();
    }
}
