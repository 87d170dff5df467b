package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The measurements behind {@code dev.kernelkit.MethodChoice} (the cost model of method=auto): correlate1d's direct
 * and FFT methods, timed on one thread across kernel lengths and line lengths, for both dtypes, on a native backend
 * and the pure-Java one. Each point is the fastest of a few calls on the same data (after a warm-up call): on shared,
 * busy cores the minimum estimates a call's own cost far better than the median does. The total number of
 * samples per point is kept near {@link #SAMPLES} so every point costs about the same memory traffic.
 * Writes a TSV that {@code tools/fit_method_choice.py} fits the model's constants to.
 *
 * <p>Run: {@code bench/run --main dev.kernelkit.bench.MethodCrossoverTiming OUT.tsv [backend ...]} (default backends:
 * panama, java). A timing main rather than JMH: the grid has a few hundred points and the fit needs ratios, not
 * JMH's confidence intervals.
 */
public final class MethodCrossoverTiming {
    static final int[] TAPS = {4, 8, 16, 24, 32, 48, 64, 96, 128, 256, 512, 1024, 2048};
    static final int[] LINE_LENGTHS = {200, 2_000, 20_000, 200_000};
    static final long SAMPLES = 1_000_000;
    private static final int RUNS = 7;
    /** Direct points above this many multiply-adds are skipped (seconds per call in pure Java); FFT wins there. */
    private static final double MAX_DIRECT_WORK = 2.1e9;

    private MethodCrossoverTiming() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: MethodCrossoverTiming OUT.tsv [backend ...]");
            System.exit(2);
        }
        String[] backends = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"panama", "java"};
        Path out = Path.of(args[0]);
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(out), true, "UTF-8")) {
            tsv.println("# MethodCrossoverTiming, " + java.time.LocalDate.now() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, one thread per call; seconds per call "
                    + "(fastest of " + RUNS + ")");
            tsv.println("backend\tdtype\ttaps\tline\tlines\tdirect_s\tfft_s");
            for (String name : backends) {
                Backend backend = BenchBackends.get(name);
                for (DType dtype : DType.values()) {
                    for (int n : LINE_LENGTHS) {
                        measureLineLength(tsv, backend, dtype, n);
                    }
                }
            }
        }
    }

    private static void measureLineLength(PrintStream tsv, Backend backend, DType dtype, int n) {
        long lines = Math.max(1, SAMPLES / n);
        try (Arena arena = Arena.ofShared()) {
            NdArray in = NdArray.allocate(dtype, arena, lines, n);
            NdArray out = NdArray.allocate(dtype, arena, lines, n);
            SyntheticData.fill(in, true);
            for (int taps : TAPS) {
                double[] w = new double[taps];
                Arrays.fill(w, 1.0 / taps);
                boolean directToo = (double) taps * n * lines <= MAX_DIRECT_WORK;
                double direct = directToo ? fastest(() -> backend.correlate1d(in, out, 1, w, 0, Mode.REFLECT, 0, 1))
                        : Double.NaN;
                double fft = fastest(() -> backend.correlate1dFft(in, out, 1, w, 0, Mode.REFLECT, 0, 1));
                String row = String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%.6g\t%.6g", backend.name(),
                        dtype.numpyName(), taps, n, lines, direct, fft);
                tsv.println(row);
                System.err.println(row);
            }
        }
    }

    private static double fastest(Runnable call) {
        return fastest(call, RUNS);
    }

    /** The fastest of {@code runs} calls, after one warm-up call (JIT, plans, caches); seconds. */
    static double fastest(Runnable call, int runs) {
        call.run(); // warm-up (JIT, plans, caches)
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.run();
            t[i] = (System.nanoTime() - start) * 1e-9;
        }
        Arrays.sort(t);
        return t[0];
    }
}
