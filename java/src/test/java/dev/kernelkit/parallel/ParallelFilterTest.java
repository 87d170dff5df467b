package dev.kernelkit.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Method;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backends;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Parallel.filter equals the unsplit filter bit for bit (method direct), along and across the filtered axis. */
class ParallelFilterTest {
    private static final double[] WEIGHTS = {0.5, -1.25, 2.0, 0.75, -0.3, 0.1};

    private enum Output { ALLOCATE, GIVEN, IN_PLACE }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void splitEqualsUnsplitForEveryModeAndOutputKind(Mode mode) {
        for (String backend : List.of(Backends.defaultBackend().name(), "java")) {
            for (long[] shape : new long[][] {{7}, {40}, {301}, {3, 50}, {50, 3}, {4, 5, 33}}) {
                for (int axis = 0; axis < shape.length; axis++) {
                    for (int split = 0; split < shape.length; split++) {
                        for (int origin : new int[] {-3, 0, 2}) {
                            FilterOptions o = FilterOptions.defaults().withAxis(axis).withMode(mode).withCval(-0.5)
                                    .withOrigin(origin).withBackend(backend).withMethod(Method.DIRECT);
                            for (Output kind : Output.values()) {
                                check(shape, split, o, BlockFilter.correlate1d(WEIGHTS), kind);
                                check(shape, split, o, BlockFilter.convolve1d(WEIGHTS), kind);
                            }
                        }
                        FilterOptions g = FilterOptions.defaults().withAxis(axis).withMode(mode).withOrder(1)
                                .withBackend(backend).withMethod(Method.DIRECT);
                        for (Output kind : Output.values()) {
                            check(shape, split, g, BlockFilter.gaussian1d(1.7), kind);
                        }
                    }
                }
            }
        }
    }

    private static void check(long[] shape, int split, FilterOptions o, BlockFilter f, Output kind) {
        NdArray x = BlockPlanTest.random(shape.length * 1000L + shape[shape.length - 1], shape);
        NdArray expected = x.zerosLike();
        f.apply(x, expected, o);
        for (int blocks : new int[] {2, 3, 7}) {
            Parallel p = Parallel.defaults().withBlocks(blocks).withWorkers(3);
            NdArray got;
            switch (kind) {
                case ALLOCATE -> got = p.filter(x, null, split, o, f);
                case GIVEN -> {
                    NdArray out = NdArray.allocate(x.dtype(), java.lang.foreign.Arena.ofAuto(), dev.kernelkit.Layout.F, shape); // other strides
                    assertSame(out, p.filter(x, out, split, o, f));
                    got = out;
                }
                default -> {
                    NdArray copy = x.copy();
                    assertSame(copy, p.filter(copy, copy, split, o, f));
                    got = copy;
                }
            }
            assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), 0.0,
                    kind + " split " + split + " blocks " + blocks + " " + o);
        }
        assertArrayEquals(BlockPlanTest.random(shape.length * 1000L + shape[shape.length - 1], shape)
                .toDoubleArray(), x.toDoubleArray(), 0.0, "the input changed");
    }

    @Test
    void aPartlyOverlappingOutputIsHandled() {
        NdArray base = BlockPlanTest.random(5, 100);
        NdArray in = base.slice(0, 0, 90);
        NdArray expected = in.zerosLike();
        FilterOptions o = FilterOptions.defaults().withMethod(Method.DIRECT);
        BlockFilter.gaussian1d(2.0).apply(in, expected, o);
        NdArray out = base.slice(0, 10, 100); // shifted by 10 samples over the input
        Parallel.defaults().withBlocks(4).filter(in, out, 0, o, BlockFilter.gaussian1d(2.0));
        assertArrayEquals(expected.toDoubleArray(), out.toDoubleArray(), 0.0);
    }

    @Test
    void fftBlocksAgreeWithinTolerance() {
        NdArray x = BlockPlanTest.random(9, 2, 4000);
        double[] w = new double[201];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(i * 0.1) / (1 + i);
        }
        FilterOptions o = FilterOptions.defaults().withMode(Mode.WRAP).withMethod(Method.FFT);
        NdArray expected = x.zerosLike();
        BlockFilter.correlate1d(w).apply(x, expected, o);
        NdArray got = Parallel.defaults().withBlocks(5).filter(x, null, 1, o, BlockFilter.correlate1d(w));
        double[] e = expected.toDoubleArray();
        double[] g = got.toDoubleArray();
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - g[i]) <= 1e-12 * Math.max(1, scale) * w.length, i + ": " + e[i] + " " + g[i]);
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyBlockRuns() {
        NdArray x = BlockPlanTest.random(1, 10, 10);
        FilterOptions o = FilterOptions.defaults();
        BlockFilter f = BlockFilter.gaussian1d(1.0);
        assertThrows(IllegalArgumentException.class, () -> Parallel.defaults().filter(x, NdArray.allocate(
                x.dtype(), 10, 9), 0, o, f));
        assertThrows(IllegalArgumentException.class, () -> Parallel.defaults().filter(x, null, 2, o, f));
        assertThrows(IllegalArgumentException.class, () -> Parallel.defaults().withWorkers(0));
        assertThrows(IllegalArgumentException.class, () -> Parallel.defaults().withBlocks(0));
    }
}
