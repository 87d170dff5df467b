package dev.kernelkit.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reach arithmetic, plan geometry, and block-wise filtering through the plan equal to the unsplit filter. */
class BlockPlanTest {
    private static final double[] WEIGHTS = {0.5, -1.25, 2.0, 0.75, -0.3}; // asymmetric, so origin shifts matter

    @Test
    void reachOfCorrelateFollowsTheOrigin() {
        assertEquals(new Reach(2, 2), Reach.correlate(5, 0));
        assertEquals(new Reach(0, 4), Reach.correlate(5, -2));
        assertEquals(new Reach(4, 0), Reach.correlate(5, 2));
        assertEquals(new Reach(2, 1), Reach.correlate(4, 0));
        assertEquals(new Reach(0, 0), Reach.correlate(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Reach.correlate(4, 2));
        assertThrows(IllegalArgumentException.class, () -> Reach.correlate(0, 0));
    }

    @Test
    void reachOfConvolveMirrorsCorrelate() {
        assertEquals(new Reach(2, 2), Reach.convolve(5, 0));
        assertEquals(new Reach(1, 2), Reach.convolve(4, 0));
        assertEquals(new Reach(0, 3), Reach.convolve(4, 1));
        assertEquals(new Reach(3, 0), Reach.convolve(4, -2));
    }

    @Test
    void reachOfGaussianAndLfilter() {
        assertEquals(new Reach(8, 8), Reach.gaussian(2.0, FilterOptions.defaults()));
        assertEquals(new Reach(3, 3), Reach.gaussian(2.0, FilterOptions.defaults().withRadius(3)));
        assertEquals(new Reach(6, 0), Reach.lfilter(7));
        assertThrows(IllegalArgumentException.class, () -> Reach.gaussian(0.0, FilterOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Reach.lfilter(0));
    }

    @Test
    void coresTileTheLineAndWindowsCarryTheClippedHalo() {
        BlockPlan plan = BlockPlan.along(new long[] {3, 100}, -1, new Reach(4, 2), Mode.REFLECT, 4);
        assertEquals(1, plan.axis());
        List<Block> blocks = plan.blocks();
        assertEquals(4, blocks.size());
        long next = 0;
        for (Block b : blocks) {
            assertEquals(next, b.start());
            assertEquals(Math.max(0, b.start() - 4), b.windowStart());
            assertEquals(Math.min(100, b.end() + 2), b.windowEnd());
            assertFalse(b.wrapped());
            next = b.end();
        }
        assertEquals(100, next);
    }

    @Test
    void noCoreIsShorterThanTheMinimumBlock() {
        Reach reach = new Reach(5, 3);
        for (int n = 1; n < 40; n++) {
            BlockPlan plan = BlockPlan.along(new long[] {n}, 0, reach, Mode.MIRROR, 16);
            if (plan.blocks().size() > 1) {
                for (Block b : plan.blocks()) {
                    assertTrue(b.size() >= reach.minimumBlock(), plan + " " + b);
                }
            } else {
                assertEquals(n, plan.blocks().get(0).windowSize());
            }
        }
    }

    @Test
    void wrapEndBlocksGatherTheFarEnd() {
        BlockPlan plan = BlockPlan.along(new long[] {12}, 0, new Reach(2, 3), Mode.WRAP, 3);
        List<Block> blocks = plan.blocks();
        assertTrue(blocks.get(0).wrapped());
        assertFalse(blocks.get(1).wrapped());
        assertTrue(blocks.get(2).wrapped());
        double[] x = new double[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        NdArray line = NdArray.wrap(x, 12);
        assertArrayEquals(new double[] {10, 11, 0, 1, 2, 3, 4, 5, 6}, blocks.get(0).gatherWindow(line).toDoubleArray());
        assertArrayEquals(new double[] {6, 7, 8, 9, 10, 11, 0, 1, 2}, blocks.get(2).gatherWindow(line).toDoubleArray());
        assertThrows(IllegalStateException.class, () -> blocks.get(0).window(line));
    }

    @Test
    void badArgumentsNameTheParameter() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BlockPlan.along(new long[] {10}, 0, Reach.NONE, Mode.REFLECT, 0));
        assertTrue(e.getMessage().startsWith("blocks:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlockPlan.across(new long[] {10}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Reach(-1, 0));
    }

    /** Filters block by block through the plan, serially, into out; the reference use of a plan. */
    private static void filterByBlocks(NdArray in, NdArray out, BlockPlan plan, FilterOptions o, Op op) {
        for (Block b : plan.blocks()) {
            NdArray window = b.wrapped() ? b.gatherWindow(in) : b.window(in);
            NdArray filtered = window.zerosLike();
            op.apply(window, filtered, o);
            b.core(out).copyFrom(b.coreOfWindow(filtered));
        }
    }

    interface Op {
        void apply(NdArray in, NdArray out, FilterOptions o);
    }

    static NdArray random(long seed, long... shape) {
        Random r = new Random(seed);
        NdArray a = NdArray.allocate(dev.kernelkit.DType.F64, shape);
        long n = a.size();
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void blockwiseEqualsUnsplitBitForBit(Mode mode) {
        for (String backend : dev.kernelkit.spi.Backends.names()) {
            for (int n : new int[] {5, 9, 23, 64, 257}) {
                for (int origin : new int[] {-2, 0, 2}) {
                    NdArray x = random(n * 31L + origin, 3, n);
                    FilterOptions o = FilterOptions.defaults().withMode(mode).withCval(0.25).withOrigin(origin)
                            .withBackend(backend).withMethod(Method.DIRECT);
                    check(x, o, Reach.correlate(WEIGHTS.length, origin),
                            (i, out, opt) -> Filters.correlate1d(i, out, WEIGHTS, opt));
                    check(x, o, Reach.convolve(WEIGHTS.length, origin),
                            (i, out, opt) -> Filters.convolve1d(i, out, WEIGHTS, opt));
                }
                NdArray x = random(n, 2, n);
                FilterOptions o = FilterOptions.defaults().withMode(mode).withBackend(backend)
                        .withMethod(Method.DIRECT);
                check(x, o, Reach.gaussian(1.5, o), (i, out, opt) -> Filters.gaussian1d(i, out, 1.5, opt));
            }
        }
    }

    private static void check(NdArray x, FilterOptions o, Reach reach, Op op) {
        NdArray expected = x.zerosLike();
        op.apply(x, expected, o);
        for (int blocks : new int[] {2, 3, 5, 8}) {
            BlockPlan plan = BlockPlan.along(x.shape(), -1, reach, o.mode(), blocks);
            NdArray got = x.zerosLike();
            filterByBlocks(x, got, plan, o, op);
            assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), 0.0, o + " " + plan);
        }
    }
}
