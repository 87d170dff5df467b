package dev.kernelkit.panama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kernelkit.h promises that calls may run concurrently on disjoint outputs. Disjoint views of one array can still
 * interleave in memory (column blocks of a C-order array, every other column): a backend must then write the
 * view's elements and nothing else, also in place. The panama backend once copied the whole span a view covers
 * back after the call (off-heap in place: the span over itself; heap arrays: the staged span), putting old values
 * over the results other threads had just written next to it.
 */
class ConcurrentInPlaceTest {
    /** One filter entry point, called in place as {@code (in, out)}: two distinct but identical views. */
    @FunctionalInterface
    interface InPlaceCall {
        void run(Backend backend, NdArray in, NdArray out);
    }

    /** Times the neighbours are written and read back while the filter runs, per case. */
    private static final int PASSES = 200;

    /** In-place calls the filter thread makes at least, per case. */
    private static final int MIN_CALLS = 20;

    private static final double[] W = {0.5, -1.25, 2.0, 0.75, -0.3, 0.1};
    private static final double[] SMOOTH = {0.1, 0.2, 0.4, 0.2, 0.1};

    private static final List<Arguments> OPS = List.of(
            Arguments.of("correlate1d", (InPlaceCall) (b, in, out) ->
                    b.correlate1d(in, out, 0, W, 2, Mode.WRAP, 0.0, 1)),
            Arguments.of("convolve1d", (InPlaceCall) (b, in, out) ->
                    b.convolve1d(in, out, 0, W, -1, Mode.REFLECT, 0.0, 1)),
            Arguments.of("correlate1dFft", (InPlaceCall) (b, in, out) ->
                    b.correlate1dFft(in, out, 0, W, 0, Mode.MIRROR, 0.0, 1)),
            Arguments.of("gaussian1d", (InPlaceCall) (b, in, out) ->
                    b.gaussian1d(in, out, 0, 1.5, 0, 4, Mode.NEAREST, 0.0, 1)),
            Arguments.of("lfilter", (InPlaceCall) (b, in, out) ->
                    b.lfilter(in, out, 0, SMOOTH, null, null, 1)));

    @BeforeAll
    static void load() {
        NativeAssumptions.assumeNativeBuilt();
    }

    /**
     * Every backend, plus panama forced to stage heap arrays (no critical calls), with heap and off-heap arrays of
     * both dtypes, for every in-place entry point.
     */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<String> backends = new ArrayList<>(Backends.names());
        backends.add(STAGED);
        for (String backend : backends) {
            for (boolean heap : new boolean[] {true, false}) {
                for (DType dtype : DType.values()) {
                    for (Arguments op : OPS) {
                        cases.add(Arguments.of(backend, heap, dtype, op.get()[0], op.get()[1]));
                    }
                }
            }
        }
        return cases.stream();
    }

    /** panama with critical calls off: heap arrays always go through the staging buffer. */
    private static final String STAGED = "panama-staged";

    private static Backend backend(String name) {
        return name.equals(STAGED) ? new PanamaBackend(0) : Backends.get(name);
    }

    /**
     * While one thread filters the even columns in place over and over, another keeps writing the odd columns and
     * reading them back: any write of the filter outside its elements shows as a value the other thread did not
     * write.
     */
    @ParameterizedTest(name = "{0} heap={1} {2} {3}")
    @MethodSource("cases")
    void neighboursKeepTheirValues(String backendName, boolean heap, DType dtype, String op, InPlaceCall call)
            throws Exception {
        Backend backend = backend(backendName);
        int rows = 128, cols = 512;
        NdArray a = array(heap, dtype, 1, rows, cols);
        NdArray odd = a.slice(1, 1, cols, 2);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread filter = start(failure, () -> {
            while (!done.get()) {
                call.run(backend, a.slice(1, 0, cols, 2), a.slice(1, 0, cols, 2));
                calls.incrementAndGet();
            }
        });
        long stale = 0;
        try {
            // Until both sides have done enough, or a value went missing.
            for (long value = 1; (value <= PASSES || calls.get() < MIN_CALLS) && stale == 0
                    && failure.get() == null; value++) {
                fill(odd, value);
                stale = countOther(odd, value);
            }
        } finally {
            done.set(true);
        }
        filter.join();
        assertNull(failure.get(), "the filter thread failed");
        assertEquals(0, stale, "elements of the odd columns overwritten by a filter of the even columns");
    }

    /**
     * Engineer C's case: column blocks of one array filtered in place by seven threads at once equal the same
     * blocks filtered one after another. The shape makes heap views too large for a critical call, so panama stages
     * them.
     */
    @ParameterizedTest(name = "{0} heap={1} {2} {3}")
    @MethodSource("cases")
    void concurrentBlocksEqualSequentialBlocks(String backendName, boolean heap, DType dtype, String op,
                                               InPlaceCall call) throws Exception {
        Backend backend = backend(backendName);
        int rows = 80, cols = 1000, blocks = 7;
        NdArray expected = array(heap, dtype, 7, rows, cols);
        for (int b = 0; b < blocks; b++) {
            call.run(backend, block(expected, b, blocks), block(expected, b, blocks));
        }
        for (int rep = 0; rep < 6; rep++) {
            NdArray c = array(heap, dtype, 7, rows, cols);
            Thread[] threads = new Thread[blocks];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int b = 0; b < blocks; b++) {
                int blk = b;
                threads[b] = start(failure, () -> call.run(backend, block(c, blk, blocks), block(c, blk, blocks)));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get(), "a filter thread failed");
            assertArrayEquals(expected.toDoubleArray(), c.toDoubleArray(), "repetition " + rep);
        }
    }

    /** Every backend (and staged panama) with heap and off-heap arrays of both dtypes. */
    static Stream<Arguments> memories() {
        return cases().filter(c -> c.get()[3].equals("correlate1d")).map(c -> Arguments.of(c.get()[0], c.get()[1],
                c.get()[2]));
    }

    /**
     * kk_filterbank1d and the other backends' banks: seven threads each write the bank of one column block into
     * the matching column block of one shared output (interleaved in memory); equal to the blocks one after another.
     */
    @ParameterizedTest(name = "{0} heap={1} {2}")
    @MethodSource("memories")
    void bankBlocksOfOneOutput(String backendName, boolean heap, DType dtype) throws Exception {
        Backend backend = backend(backendName);
        int rows = 40, cols = 300, blocks = 7, nfilters = 3;
        double[] bank = {0.5, -1.25, 2.0, 0.1, 0.2, 0.4, 0.2, 0.1, 1, 0, 0, 0, 0, 0, -1};
        NdArray x = array(heap, dtype, 3, rows, cols);
        NdArray expected = array(heap, dtype, 0, nfilters, rows, cols);
        for (int b = 0; b < blocks; b++) {
            backend.filterBank(block(x, 1, b, blocks), block(expected, 2, b, blocks), 0, bank, nfilters, 0,
                    Mode.REFLECT, 0.0, 1);
        }
        for (int rep = 0; rep < 6; rep++) {
            NdArray out = array(heap, dtype, 0, nfilters, rows, cols);
            Thread[] threads = new Thread[blocks];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int b = 0; b < blocks; b++) {
                int blk = b;
                threads[b] = start(failure, () -> backend.filterBank(block(x, 1, blk, blocks),
                        block(out, 2, blk, blocks), 0, bank, nfilters, 0, Mode.REFLECT, 0.0, 1));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get(), "a filter thread failed");
            assertArrayEquals(expected.toDoubleArray(), out.toDoubleArray(), "repetition " + rep);
        }
    }

    /** A platform thread running {@code work}; what it throws lands in {@code failure}. */
    private static Thread start(AtomicReference<Throwable> failure, Runnable work) {
        return Thread.ofPlatform().start(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    /** Block b of n along the last axis: a view interleaved in memory with its neighbours, row by row. */
    private static NdArray block(NdArray a, int b, int n) {
        return block(a, a.ndim() - 1, b, n);
    }

    private static NdArray block(NdArray a, int axis, int b, int n) {
        long extent = a.shape(axis);
        return a.slice(axis, extent * b / n, extent * (b + 1) / n);
    }

    /** A C-order array of random values (seed 0: zeros), on the heap or off it. */
    private static NdArray array(boolean heap, DType dtype, long seed, int... shape) {
        long[] dims = java.util.Arrays.stream(shape).asLongStream().toArray();
        int size = java.util.Arrays.stream(shape).reduce(1, (p, q) -> p * q);
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[size];
        for (int i = 0; seed != 0 && i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        NdArray a;
        if (heap) {
            a = dtype == DType.F64 ? NdArray.wrap(new double[size], dims) : NdArray.wrap(new float[size], dims);
        } else {
            a = NdArray.allocate(dtype, dims);
        }
        a.copyFrom(NdArray.wrap(v, dims));
        return a;
    }

    private static void fill(NdArray a, double value) {
        for (long i = 0; i < a.shape(0); i++) {
            for (long j = 0; j < a.shape(1); j++) {
                a.set(value, i, j);
            }
        }
    }

    /** How many elements do not hold {@code value}. */
    private static long countOther(NdArray a, double value) {
        long n = 0;
        for (long i = 0; i < a.shape(0); i++) {
            for (long j = 0; j < a.shape(1); j++) {
                if (a.get(i, j) != value) {
                    n++;
                }
            }
        }
        return n;
    }
}
