package dev.kernelkit.io;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test arrays with distinct values, and raw little-endian file contents read without the code under test. */
final class NpyTestData {
    private NpyTestData() {
    }

    /** An off-heap array in {@code layout} whose element at C-order position i is {@code i * 0.75 - 2}. */
    static NdArray ramp(DType dtype, Layout layout, long... shape) {
        NdArray a = NdArray.allocate(dtype, Arena.ofAuto(), layout, shape);
        fillRamp(a);
        return a;
    }

    /** Sets the element at C-order position i of {@code a} (any strides) to {@code i * 0.75 - 2}. */
    static void fillRamp(NdArray a) {
        long[] shape = a.shape();
        long[] index = new long[shape.length];
        for (long i = 0; i < a.size(); i++) {
            a.set(i * 0.75 - 2, index);
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /** The {@code count} little-endian values of {@code dtype} at byte {@code offset} of a file. */
    static double[] rawValues(Path file, long offset, long count, DType dtype) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(Math.toIntExact(offset));
        double[] v = new double[Math.toIntExact(count)];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype == DType.F64 ? b.getDouble() : b.getFloat();
        }
        return v;
    }

    /** The values as little-endian bytes of {@code dtype}. */
    static byte[] littleEndian(double[] values, DType dtype) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (dtype == DType.F64) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }

    /** The values in Fortran order (first axis fastest) of {@code a}. */
    static double[] fortranOrderValues(NdArray a) {
        return a.copy(Layout.F).transpose().toDoubleArray();
    }
}
