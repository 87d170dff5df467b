package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.FirStream;
import dev.kernelkit.LfilterResult;
import dev.kernelkit.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Filters.lfilter and FirStream reject bad arguments with a message naming the parameter. */
class LfilterValidationTest {
    private static final double[] B = {1, 2, 3};
    private static final FilterOptions OPTS = FilterOptions.defaults();

    private static void rejects(String prefix, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        NdArray x = NdArray.allocate(DType.F64, 2, 6);
        rejects("b: ", () -> Filters.lfilter(new double[0], x, null, OPTS));
        rejects("b: ", () -> Filters.lfilter(null, x, null, OPTS));
        rejects("axis: ", () -> Filters.lfilter(B, x, null, OPTS.withAxis(2)));
        rejects("axis: ", () -> Filters.lfilter(B, x, null, OPTS.withAxis(-3)));
        rejects("threads: ", () -> Filters.lfilter(B, x, null, OPTS.withThreads(-1)));
        rejects("zi: shape [2, 3] must be [2, 2]", () -> Filters.lfilter(B, x, NdArray.allocate(DType.F64, 2, 3),
                OPTS));
        rejects("zi: shape", () -> Filters.lfilter(B, x, NdArray.allocate(DType.F64, 2), OPTS));
        // Along axis 0 the state is (len(b)-1, 6).
        rejects("zi: shape [2, 2] must be [2, 6]", () -> Filters.lfilter(B, x, NdArray.allocate(DType.F64, 2, 2),
                OPTS.withAxis(0)));
        rejects("zi: dtype float32", () -> Filters.lfilter(B, x, NdArray.allocate(DType.F32, 2, 2), OPTS));
        rejects("out: dtype float32", () -> Filters.lfilter(B, x, null, NdArray.allocate(DType.F32, 2, 6), OPTS));
        rejects("out: shape", () -> Filters.lfilter(B, x, null, NdArray.allocate(DType.F64, 2, 5), OPTS));
    }

    @Test
    void emptySignalPassesTheStateThrough() {
        NdArray x = NdArray.allocate(DType.F64, 2, 0);
        NdArray zi = NdArray.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        LfilterResult r = Filters.lfilter(B, x, zi, OPTS);
        assertArrayEquals(new long[] {2, 0}, r.y().shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, r.zf().toDoubleArray());
    }

    @Test
    void singleTapHasAnEmptyState() {
        NdArray x = NdArray.wrap(new double[] {1, -2, 3}, 1, 3);
        LfilterResult r = Filters.lfilter(new double[] {2}, x, NdArray.allocate(DType.F64, 1, 0), OPTS);
        assertArrayEquals(new double[] {2, -4, 6}, r.y().toDoubleArray());
        assertEquals(0, r.zf().size());
    }

    @Test
    void firStreamRejectsBadChunks() {
        rejects("b: ", () -> new FirStream(new double[0], 2));
        rejects("channels: ", () -> new FirStream(B, 0));
        FirStream s = new FirStream(B, 2);
        rejects("chunk: 3 channels, expected 2", () -> s.push(new double[3][4]));
        rejects("chunk: channel 1 has 3 samples", () -> s.push(new double[][] {{1, 2}, {1, 2, 3}}));
        rejects("chunk: dtype float32", () -> s.push(NdArray.allocate(DType.F32, 2, 4)));
        rejects("chunk: shape [3, 4]", () -> s.push(NdArray.allocate(DType.F64, 3, 4)));
        assertEquals(2, s.channels());
    }

    @Test
    void firStreamResetForgetsThePast() {
        FirStream s = new FirStream(new double[] {1, 1}, 1);
        assertArrayEquals(new double[] {5}, s.push(new double[][] {{5}})[0]);
        assertArrayEquals(new double[] {12}, s.push(new double[][] {{7}})[0]);
        s.reset();
        assertArrayEquals(new double[] {7}, s.push(new double[][] {{7}})[0]);
    }
}
