package dev.kernelkit.golden;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * The memory layouts a golden case is run in. Each builds an input holding the case's values and an output (or the
 * input itself, in place); the expected values are the same for all. Strided views live inside larger buffers whose
 * other elements hold a guard value: NaN on the input side (reading one would poison the result) and a sentinel on
 * the output side (writing one is detected afterwards).
 */
enum ArrayVariant {
    /** C-ordered off-heap input and output in a confined arena (the usual try-with-resources use). */
    OFF_HEAP_C(false),
    /** Both wrapped Java arrays ({@code double[]} / {@code float[]}). */
    HEAP(false),
    /** Both Fortran-ordered off-heap arrays. */
    FORTRAN(false),
    /** Heap input, Fortran-ordered off-heap output. */
    HEAP_TO_FORTRAN(false),
    /** Input is a step-2 view along every axis of a larger NaN-filled buffer; output C-ordered. */
    STRIDED_INPUT(false),
    /** Output is a step-2 view along every axis of a larger sentinel-filled buffer; input C-ordered. */
    STRIDED_OUTPUT(false),
    /** Input and output are views with every axis reversed (negative strides); the output's buffer is F-ordered. */
    REVERSED(false),
    /** Out-of-place overload: the filter returns a new array. */
    RETURNED(false),
    /** out == in, C-ordered off-heap. */
    IN_PLACE(true),
    /** out == in, a wrapped Java array. */
    IN_PLACE_HEAP(true),
    /** out == in, a step-2 view of a larger sentinel-filled buffer. */
    IN_PLACE_STRIDED(true);

    /** Written into the gaps around strided outputs; never a plausible filter result. */
    static final double SENTINEL = -12345.5;

    private final boolean inPlace;

    ArrayVariant(boolean inPlace) {
        this.inPlace = inPlace;
    }

    boolean inPlace() {
        return inPlace;
    }

    /**
     * The arrays for one run.
     *
     * @param out       null for {@link #RETURNED}
     * @param guard     the larger buffer around a strided view, or null
     * @param guardFill the value every element of {@code guard} outside the view must keep
     * @param guarded   the view inside {@code guard}
     */
    record Setup(NdArray in, NdArray out, NdArray guard, double guardFill, NdArray guarded) {
    }

    Setup setup(DType dtype, long[] shape, double[] values, Arena arena) {
        NdArray source = heap(dtype, shape, values);
        switch (this) {
            case OFF_HEAP_C, RETURNED -> {
                NdArray in = filled(NdArray.allocate(dtype, arena, Layout.C, shape), source);
                return plain(in, this == RETURNED ? null : NdArray.allocate(dtype, arena, Layout.C, shape));
            }
            case HEAP -> {
                return plain(source, heap(dtype, shape, new double[values.length]));
            }
            case FORTRAN -> {
                NdArray in = filled(NdArray.allocate(dtype, arena, Layout.F, shape), source);
                return plain(in, NdArray.allocate(dtype, arena, Layout.F, shape));
            }
            case HEAP_TO_FORTRAN -> {
                return plain(source, NdArray.allocate(dtype, arena, Layout.F, shape));
            }
            case STRIDED_INPUT -> {
                NdArray buffer = constant(dtype, arena, padded(shape), Double.NaN);
                NdArray in = filled(everyOther(buffer), source);
                return new Setup(in, NdArray.allocate(dtype, arena, Layout.C, shape), buffer, Double.NaN, in);
            }
            case STRIDED_OUTPUT -> {
                NdArray in = filled(NdArray.allocate(dtype, arena, Layout.C, shape), source);
                NdArray buffer = constant(dtype, arena, padded(shape), SENTINEL);
                NdArray out = everyOther(buffer);
                return new Setup(in, out, buffer, SENTINEL, out);
            }
            case REVERSED -> {
                NdArray in = filled(reversed(NdArray.allocate(dtype, arena, Layout.C, shape)), source);
                return plain(in, reversed(NdArray.allocate(dtype, arena, Layout.F, shape)));
            }
            case IN_PLACE -> {
                NdArray a = filled(NdArray.allocate(dtype, arena, Layout.C, shape), source);
                return plain(a, a);
            }
            case IN_PLACE_HEAP -> {
                return plain(source, source);
            }
            case IN_PLACE_STRIDED -> {
                NdArray buffer = constant(dtype, arena, padded(shape), SENTINEL);
                NdArray a = filled(everyOther(buffer), source);
                return new Setup(a, a, buffer, SENTINEL, a);
            }
            default -> throw new AssertionError(this);
        }
    }

    private static Setup plain(NdArray in, NdArray out) {
        return new Setup(in, out, null, 0, null);
    }

    /** A wrapped Java array of the dtype holding {@code values} (rounded to float for F32). */
    static NdArray heap(DType dtype, long[] shape, double[] values) {
        if (dtype == DType.F64) {
            return NdArray.wrap(values.clone(), shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return NdArray.wrap(f, shape);
    }

    private static NdArray filled(NdArray target, NdArray source) {
        target.copyFrom(source);
        return target;
    }

    private static NdArray constant(DType dtype, Arena arena, long[] shape, double value) {
        NdArray a = NdArray.allocate(dtype, arena, Layout.C, shape);
        double[] v = new double[Math.toIntExact(a.size())];
        Arrays.fill(v, value);
        return filled(a, heap(dtype, shape, v));
    }

    /** Room for a step-2 view with a gap before, between and after its elements on every axis. */
    private static long[] padded(long[] shape) {
        long[] p = new long[shape.length];
        for (int d = 0; d < p.length; d++) {
            p[d] = 2 * shape[d] + 1;
        }
        return p;
    }

    /** Elements 1, 3, 5, ... of every axis. */
    private static NdArray everyOther(NdArray buffer) {
        NdArray v = buffer;
        for (int d = 0; d < v.ndim(); d++) {
            v = v.slice(d, 1, v.shape(d), 2);
        }
        return v;
    }

    private static NdArray reversed(NdArray a) {
        NdArray v = a;
        for (int d = 0; d < v.ndim(); d++) {
            v = v.slice(d, v.shape(d) - 1, -1, -1);
        }
        return v;
    }

    /**
     * Null when every element of the guard buffer outside the view still holds the guard value. Overwrites the
     * view, so call it after reading the results.
     */
    static String guardViolation(String context, Setup s) {
        if (s.guard() == null) {
            return null;
        }
        double[] fill = new double[Math.toIntExact(s.guarded().size())];
        Arrays.fill(fill, s.guardFill());
        s.guarded().copyFrom(heap(s.guarded().dtype(), s.guarded().shape(), fill));
        double[] all = s.guard().toDoubleArray();
        for (int i = 0; i < all.length; i++) {
            if (Double.compare(all[i], s.guardFill()) != 0) {
                return context + ": element " + Compare.index(s.guard().shape(), i) + " of the buffer around the "
                        + "strided view was changed from " + s.guardFill() + " to " + all[i];
            }
        }
        return null;
    }
}
