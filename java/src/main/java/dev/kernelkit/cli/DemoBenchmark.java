package dev.kernelkit.cli;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.MethodChoice;
import dev.kernelkit.NdArray;
import dev.kernelkit.purejava.JavaBackend;
import dev.kernelkit.spi.Backend;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Runs the demo workload on each backend at each thread count (one warm-up, then {@link #TIMED_RUNS} timed runs),
 * and compares every result with the first one.
 */
final class DemoBenchmark {
    static final int TIMED_RUNS = 3;

    /** Results may differ between backends only by rounding: 1e-12 of the largest |value| (DESIGN.md). */
    static final double RELATIVE_TOLERANCE = 1e-12;

    /** Median time of one configuration and how far its result is from the first configuration's. */
    record Result(String backend, int threads, double seconds, double maxAbsDiff) {
    }

    /** All results, with the tolerance they were checked against and the method option they ran with. */
    record Outcome(List<Result> results, double tolerance, Method method) {
        /** An outcome of the default method, {@link Method#AUTO}. */
        Outcome(List<Result> results, double tolerance) {
            this(results, tolerance, Method.AUTO);
        }

        /**
         * What the method option means on one backend for this workload: the option itself, or for auto "auto: "
         * and the method {@link MethodChoice} picks there.
         */
        String methodOn(String backend, DemoWorkload w) {
            if (method != Method.AUTO) {
                return method.cliName();
            }
            return "auto: " + MethodChoice.choose(backend, w.dtype(), w.taps(), w.samples(), w.channels());
        }

        /** Median seconds of the pure-Java backend on one thread, the baseline of the speed-ups, if it ran. */
        OptionalDouble javaSingleThreadSeconds() {
            return results.stream()
                    .filter(r -> r.backend().equals(JavaBackend.NAME) && r.threads() == 1)
                    .mapToDouble(Result::seconds).findFirst();
        }

        /** The first result further from the reference than the tolerance (NaN counts as further), or null. */
        Result firstDisagreement() {
            return results.stream().filter(r -> !(r.maxAbsDiff() <= tolerance)).findFirst().orElse(null);
        }
    }

    /** Called before each configuration runs. */
    interface Progress {
        void running(String backend, int threads);
    }

    private DemoBenchmark() {
    }

    /**
     * The thread counts to measure: 1..nproc, or on machines with many cores the powers of two and nproc (every
     * count up to 64 would take minutes and show nothing new).
     */
    static int[] threadCounts(int nproc) {
        if (nproc <= 8) {
            return IntStream.rangeClosed(1, nproc).toArray();
        }
        List<Integer> counts = new ArrayList<>();
        for (int t = 1; t < nproc; t *= 2) {
            counts.add(t);
        }
        counts.add(nproc);
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    static Outcome run(DemoWorkload w, List<Backend> backends, int[] threadCounts, Method method,
                       Progress progress) {
        if (backends.isEmpty()) {
            throw new IllegalStateException("no backend is available to run the demo");
        }
        List<Result> results = new ArrayList<>();
        try (Arena arena = Arena.ofShared()) {
            NdArray x = w.synthesise(arena);
            NdArray reference = NdArray.allocate(w.dtype(), arena, w.shape());
            NdArray out = NdArray.allocate(w.dtype(), arena, w.shape());
            double tolerance = Double.NaN;
            for (Backend backend : backends) {
                for (int threads : threadCounts) {
                    progress.running(backend.name(), threads);
                    boolean first = results.isEmpty();
                    NdArray target = first ? reference : out;
                    double seconds = time(w, x, target, backend, threads, method);
                    double diff;
                    if (first) {
                        diff = 0.0;
                        tolerance = RELATIVE_TOLERANCE * maxAbs(reference.segment());
                    } else {
                        diff = maxAbsDiff(reference.segment(), out.segment());
                    }
                    results.add(new Result(backend.name(), threads, seconds, diff));
                }
            }
            return new Outcome(List.copyOf(results), tolerance, method);
        }
    }

    /** One warm-up run, then the median of the timed runs, in seconds. */
    private static double time(DemoWorkload w, NdArray x, NdArray target, Backend backend, int threads,
                               Method method) {
        FilterOptions options = FilterOptions.defaults()
                .withMethod(method)
                .withAxis(DemoWorkload.AXIS)
                .withTruncate(DemoWorkload.TRUNCATE)
                .withThreads(threads)
                .withBackend(backend);
        // All-ones bytes are a NaN: a backend that skipped part of the output cannot pass the comparison.
        target.segment().fill((byte) 0xFF);
        Filters.gaussian1d(x, target, w.sigma(), options);
        double[] seconds = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long t0 = System.nanoTime();
            Filters.gaussian1d(x, target, w.sigma(), options);
            seconds[i] = (System.nanoTime() - t0) * 1e-9;
        }
        Arrays.sort(seconds);
        return seconds[TIMED_RUNS / 2];
    }

    /** Largest |value|; NaN if any value is NaN. */
    static double maxAbs(MemorySegment a) {
        long n = a.byteSize() / Double.BYTES;
        double m = 0.0;
        for (long i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(a.getAtIndex(ValueLayout.JAVA_DOUBLE, i)));
        }
        return m;
    }

    /** Largest |a - b| over two equally long double segments; NaN if any difference is NaN. */
    static double maxAbsDiff(MemorySegment a, MemorySegment b) {
        long n = a.byteSize() / Double.BYTES;
        double m = 0.0;
        for (long i = 0; i < n; i++) {
            double d = a.getAtIndex(ValueLayout.JAVA_DOUBLE, i) - b.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
