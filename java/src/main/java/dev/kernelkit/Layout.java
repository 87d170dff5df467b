package dev.kernelkit;

/** Memory order of a contiguous array: C (row-major, last axis fastest) or Fortran (column-major, first axis fastest). */
public enum Layout {
    C,
    F;

    /** Contiguous strides, in elements, for {@code shape} in this order. */
    public long[] strides(long[] shape) {
        long[] s = new long[shape.length];
        long step = 1;
        if (this == C) {
            for (int d = shape.length - 1; d >= 0; d--) {
                s[d] = step;
                step *= Math.max(shape[d], 1);
            }
        } else {
            for (int d = 0; d < shape.length; d++) {
                s[d] = step;
                step *= Math.max(shape[d], 1);
            }
        }
        return s;
    }
}
