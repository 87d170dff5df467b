package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.Method;
import dev.kernelkit.NdArray;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The measurements behind lfilter's part of {@code dev.kernelkit.MethodChoice}: {@code Filters.lfilter}'s direct and
 * FFT methods (no state), timed on one thread over the grid of {@link MethodCrossoverTiming} (kernel lengths and line
 * lengths, both dtypes, a native backend and the pure-Java one), each point the fastest of a few calls after a
 * warm-up. Writes the same TSV columns, so {@code tools/fit_method_choice.py --prefix LFILTER_} fits it.
 * lfilter gets its own constants because its direct kernel is not correlate1d's (no boundary extension, one
 * fixed summation order, no symmetric folding) and its FFT path adds state handling around the overlap-save.
 *
 * <p>Run: {@code bench/run --main dev.kernelkit.bench.LfilterCrossoverTiming OUT.tsv [backend ...]} (default
 * backends: panama, java).
 */
public final class LfilterCrossoverTiming {
    private static final int RUNS = 5;
    /** Direct points above this many multiply-adds are skipped: seconds per call, and FFT wins there anyway. */
    private static final double MAX_DIRECT_WORK_NATIVE = 2.1e9;
    private static final double MAX_DIRECT_WORK_JAVA = 3e8;

    private LfilterCrossoverTiming() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LfilterCrossoverTiming OUT.tsv [backend ...]");
            System.exit(2);
        }
        String[] backends = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"panama", "java"};
        try (PrintStream tsv = new PrintStream(Files.newOutputStream(Path.of(args[0])), true, "UTF-8")) {
            tsv.println("# LfilterCrossoverTiming, " + java.time.LocalDate.now() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, one thread per call; seconds per call "
                    + "(fastest of " + RUNS + ")");
            tsv.println("backend\tdtype\ttaps\tline\tlines\tdirect_s\tfft_s");
            for (String backend : backends) {
                for (DType dtype : DType.values()) {
                    for (int n : MethodCrossoverTiming.LINE_LENGTHS) {
                        measureLineLength(tsv, backend, dtype, n);
                    }
                }
            }
        }
    }

    private static void measureLineLength(PrintStream tsv, String backend, DType dtype, int n) {
        long lines = Math.max(1, MethodCrossoverTiming.SAMPLES / n);
        double maxDirect = "java".equals(backend) ? MAX_DIRECT_WORK_JAVA : MAX_DIRECT_WORK_NATIVE;
        FilterOptions options = FilterOptions.defaults().withAxis(1).withThreads(1).withBackend(backend);
        FilterOptions direct = options.withMethod(Method.DIRECT);
        FilterOptions fft = options.withMethod(Method.FFT);
        try (Arena arena = Arena.ofShared()) {
            NdArray in = NdArray.allocate(dtype, arena, lines, n);
            NdArray out = NdArray.allocate(dtype, arena, lines, n);
            SyntheticData.fill(in, true);
            for (int taps : MethodCrossoverTiming.TAPS) {
                double[] b = new double[taps];
                Arrays.fill(b, 1.0 / taps);
                double directS = (double) taps * n * lines <= maxDirect
                        ? MethodCrossoverTiming.fastest(() -> Filters.lfilter(b, in, null, out, direct), RUNS)
                        : Double.NaN;
                double fftS = MethodCrossoverTiming.fastest(() -> Filters.lfilter(b, in, null, out, fft), RUNS);
                String row = String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%.6g\t%.6g", backend,
                        dtype.numpyName(), taps, n, lines, directS, fftS);
                tsv.println(row);
                System.err.println(row);
            }
        }
    }
}
