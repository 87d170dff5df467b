package dev.kernelkit.bench;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.Random;

/**
 * The direct/GEMM crossover of filter banks, measured as ratios on a shared, noisy machine: for each point of the
 * {@link FilterBankBenchmark} grid (same data, one thread) the two methods are called alternately, round after
 * round, and the median of the per-round time ratios is reported, so load that drifts over the minutes of a sweep
 * hits both sides of every ratio alike. (FilterBankBenchmark gives JMH's absolute times; its points run minutes
 * apart, so their ratios are only as good as the machine was quiet.)
 *
 * <p>Run: {@code bench/run --main dev.kernelkit.bench.FilterBankCrossover [rounds]}. Output: one line per point,
 * {@code dtype F K direct_ms gemm_ms ratio} (ratio = direct / gemm time; above 1 GEMM is faster).
 */
public final class FilterBankCrossover {
    static final int[] FILTERS = {1, 2, 4, 6, 8, 16, 32};
    static final int[] TAPS = {15, 31, 63, 127, 255, 511};

    private FilterBankCrossover() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println("# FilterBankCrossover: 4 x 16384 samples along axis 1, 1 thread, panama direct vs "
                + "OpenBLAS gemm, median of " + rounds + " alternating rounds");
        System.out.println("# dtype F K direct_ms gemm_ms ratio(direct/gemm)");
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            NdArray in = NdArray.allocate(dtype, Arena.ofAuto(), 4, 16384);
            SyntheticData.fill(in, true);
            for (int f : FILTERS) {
                for (int k : TAPS) {
                    point(in, dtype, f, k, rounds);
                }
            }
        }
    }

    private static void point(NdArray in, DType dtype, int f, int k, int rounds) {
        Random random = new Random(42);
        double[][] bank = new double[f][k];
        for (double[] row : bank) {
            for (int j = 0; j < k; j++) {
                row[j] = random.nextGaussian() / k;
            }
        }
        NdArray out = NdArray.allocate(dtype, Arena.ofAuto(), FilterBank.outputShape(in.shape(), 1, f));
        FilterOptions options = FilterOptions.defaults().withAxis(1).withThreads(1).withBackend("panama");
        for (int i = 0; i < 3; i++) { // warm-up: JIT, OpenBLAS buffers
            FilterBank.apply(in, out, bank, options, BankMethod.DIRECT);
            FilterBank.apply(in, out, bank, options, BankMethod.GEMM);
        }
        double[] direct = new double[rounds];
        double[] gemm = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            FilterBank.apply(in, out, bank, options, BankMethod.DIRECT);
            long t1 = System.nanoTime();
            FilterBank.apply(in, out, bank, options, BankMethod.GEMM);
            long t2 = System.nanoTime();
            direct[r] = (t1 - t0) / 1e6;
            gemm[r] = (t2 - t1) / 1e6;
            ratio[r] = direct[r] / gemm[r];
        }
        System.out.printf("%s %d %d %.3f %.3f %.3f%n", dtype.numpyName(), f, k, median(direct), median(gemm),
                median(ratio));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
