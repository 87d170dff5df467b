package dev.kernelkit;

import java.util.Arrays;

/**
 * The state arrays of {@link Filters#lfilter}: SciPy's shape rule for {@code zi}, and conversion between state
 * arrays and the C-ordered doubles the backends use.
 */
final class FirState {
    private FirState() {
    }

    /** x's shape with the axis extent replaced by {@code ntaps - 1}: the shape of zi and zf. */
    static long[] shape(long[] xShape, int axis, int ntaps) {
        long[] s = xShape.clone();
        s[axis] = ntaps - 1;
        return s;
    }

    /** The initial state as C-ordered doubles, after checking its dtype and shape; null when zi is null. */
    static double[] read(NdArray zi, NdArray x, int axis, int ntaps) {
        if (zi == null) {
            return null;
        }
        if (zi.dtype() != x.dtype()) {
            throw new IllegalArgumentException("zi: dtype " + zi.dtype().numpyName() + " does not match the input's "
                    + x.dtype().numpyName());
        }
        long[] expected = shape(x.shape(), axis, ntaps);
        if (!Arrays.equals(zi.shape(), expected)) {
            throw new IllegalArgumentException("zi: shape " + Arrays.toString(zi.shape()) + " must be "
                    + Arrays.toString(expected) + " (the input's shape with the axis length replaced by len(b)-1 = "
                    + (ntaps - 1) + ")");
        }
        if (!zi.segment().scope().isAlive()) {
            throw new IllegalStateException("zi: its memory has been freed (the arena is closed)");
        }
        return zi.toDoubleArray();
    }

    /** A new array of the signal's dtype holding the final state. */
    static NdArray toArray(double[] zf, long[] shape, DType dtype) {
        NdArray out = NdArray.allocate(dtype, shape);
        out.copyFrom(NdArray.wrap(zf, shape));
        return out;
    }
}
