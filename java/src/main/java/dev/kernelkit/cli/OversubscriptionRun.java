package dev.kernelkit.cli;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Method;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import dev.kernelkit.threads.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * One scenario of {@code kernelkit oversubscription}: k Java threads each filter their share of the channels with
 * the native Gaussian, optionally beside a thread running a fixed number of OpenBLAS GEMMs; timed until all are done,
 * with the running native threads sampled meanwhile. Unguarded, every Gaussian call asks for all cores and OpenBLAS
 * keeps its own (process-wide, all cores) pool; guarded, the Gaussian calls leave their thread count to the
 * {@link ThreadBudget} and each GEMM runs in a {@link ThreadBudget#blas()} scope. A round of a scenario is two
 * runs: one sampled for the running threads, one timed without the sampler ({@link RunningThreads#none}).
 */
final class OversubscriptionRun {
    /** Name prefix of every thread a scenario starts; the native threads they create inherit it. */
    static final String PREFIX = "kk-";
    private static final int GEMM_N = 384;
    /** Name of the GEMM thread, and of the thread that loads OpenBLAS (so OpenBLAS's workers carry it too). */
    private static final String GEMM_THREAD = PREFIX + "gemm";
    /**
     * Pause before each scenario, so that pool threads still busy-waiting after the previous one (OpenBLAS's workers
     * spin for a while after their last job) are asleep and not counted against the next.
     */
    private static final long SETTLE_MILLIS = 200;

    /** The measured outcome of one scenario. */
    record Result(String name, boolean guarded, double seconds, OptionalInt maxNativeThreads) {
    }

    /** The data of a run: each caller's input and output, and the GEMM matrices (off-heap, JavaCPP). */
    static final class Data implements AutoCloseable {
        final List<NdArray> inputs = new ArrayList<>();
        final List<NdArray> outputs = new ArrayList<>();
        final double sigma;
        final int repeats;
        final int gemms;
        private DoublePointer a;
        private DoublePointer b;
        private DoublePointer c;

        Data(int callers, int channels, int samples, double sigma, int repeats, int gemms) {
            this.sigma = sigma;
            this.repeats = repeats;
            this.gemms = gemms;
            SplittableRandom rng = new SplittableRandom(42);
            for (int i = 0; i < callers; i++) {
                int rows = channels * (i + 1) / callers - channels * i / callers; // the caller's share
                NdArray x = NdArray.allocate(DType.F64, Math.max(1, rows), samples);
                MemorySegment seg = x.segment(); // C order from offset 0: element i at byte 8i
                for (long j = 0; j < x.size(); j++) {
                    seg.setAtIndex(ValueLayout.JAVA_DOUBLE, j, rng.nextDouble() - 0.5);
                }
                inputs.add(x);
                outputs.add(x.zerosLike());
            }
        }

        /** Loads OpenBLAS from a thread named like the GEMM thread: its workers are created now, named so. */
        void prepareGemm() throws InterruptedException {
            Thread t = Thread.ofPlatform().name(GEMM_THREAD).start(() -> Loader.load(openblas.class));
            t.join();
            int n2 = GEMM_N * GEMM_N;
            a = new DoublePointer(n2);
            b = new DoublePointer(n2);
            c = new DoublePointer(n2);
            for (int i = 0; i < n2; i++) {
                a.put(i, (i % 7) * 0.25);
                b.put(i, (i % 5) * 0.5);
            }
        }

        void gemm() {
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, GEMM_N, GEMM_N,
                    GEMM_N, 1.0, a, GEMM_N, b, GEMM_N, 0.0, c, GEMM_N);
        }

        @Override
        public void close() {
            for (DoublePointer p : new DoublePointer[] {a, b, c}) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    private OversubscriptionRun() {
    }

    /** Rounds of one scenario as one result: the median seconds, the largest thread count. */
    static Result summary(List<Result> rounds) {
        double[] seconds = rounds.stream().mapToDouble(Result::seconds).sorted().toArray();
        int n = seconds.length;
        double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
        OptionalInt max = rounds.stream().map(Result::maxNativeThreads).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max();
        Result first = rounds.get(0);
        return new Result(first.name(), first.guarded(), median, max);
    }

    /** One round of a scenario: a sampled run for the thread count, then a timed run without the sampler. */
    static Result round(String name, boolean guarded, boolean withGemm, Data data) throws InterruptedException {
        Result sampled = run(name, guarded, withGemm, data, true);
        Result timed = run(name, guarded, withGemm, data, false);
        return new Result(name, guarded, timed.seconds(), sampled.maxNativeThreads());
    }

    static Result run(String name, boolean guarded, boolean withGemm, Data data, boolean sampling)
            throws InterruptedException {
        int cores = ThreadBudget.global().cores();
        FilterOptions options = FilterOptions.defaults().withThreads(guarded ? 0 : cores).withMethod(Method.DIRECT);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long t0;
        Thread.sleep(SETTLE_MILLIS);
        try (RunningThreads sampler = sampling ? RunningThreads.start(PREFIX) : RunningThreads.none(PREFIX)) {
            t0 = System.nanoTime();
            for (int i = 0; i < data.inputs.size(); i++) {
                NdArray in = data.inputs.get(i);
                NdArray out = data.outputs.get(i);
                String callerName = PREFIX + "caller-" + i;
                RunningThreads.Caller caller = sampler.expect(callerName, 0); // its calls all hold budget leases
                threads.add(start(callerName, failures, () -> {
                    caller.attach();
                    for (int r = 0; r < data.repeats; r++) {
                        Filters.gaussian1d(in, out, data.sigma, options); // counted while it holds its lease
                    }
                }));
            }
            if (withGemm) {
                // Unguarded, the GEMM runs outside the budget on OpenBLAS's default pool: all cores.
                RunningThreads.Caller me = sampler.expect(GEMM_THREAD, cores);
                threads.add(start(GEMM_THREAD, failures, () -> {
                    me.attach();
                    // Guarded: one lease for the whole batch, OpenBLAS limited to it (see ThreadBudget.blas()).
                    try (ThreadBudget.BlasScope scope = guarded ? ThreadBudget.blas() : null) {
                        me.enter();
                        for (int g = 0; g < data.gemms; g++) {
                            data.gemm();
                        }
                        me.exit();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!failures.isEmpty()) {
                throw new IllegalStateException(name + " failed: " + failures.get(0), failures.get(0));
            }
            return new Result(name, guarded, seconds, sampler.max());
        }
    }

    private static Thread start(String name, List<Throwable> failures, Runnable work) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }
}
