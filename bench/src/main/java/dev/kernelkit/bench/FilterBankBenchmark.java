package dev.kernelkit.bench;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filter banks, direct (native kk_filterbank1d through panama) against GEMM (OpenBLAS through JavaCPP), over
 * F in {1,2,4,6,8,16,32} filters x K in {15,31,63,127,255,511} taps, float64 and float32: 4 channels x 16 384
 * samples filtered along the samples, off-heap, one thread for both (OpenBLAS set to one thread), so the ratio is
 * the methods' and not the scheduler's. The fitted crossover is {@code BankCrossover} in the library; results in
 * bench/results/filterbank-*.txt. Average time per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class FilterBankBenchmark {
    @Param({"1", "2", "4", "6", "8", "16", "32"})
    public int filters;

    @Param({"15", "31", "63", "127", "255", "511"})
    public int taps;

    @Param({"float64", "float32"})
    public String dtype;

    @Param({"direct", "gemm"})
    public String method;

    @Param({"4"})
    public int channels;

    @Param({"16384"})
    public int samples;

    private Arena arena;
    private NdArray in;
    private NdArray out;
    private double[][] bank;
    private FilterOptions options;
    private BankMethod bankMethod;

    @Setup(Level.Trial)
    public void setUp() {
        bankMethod = BankMethod.parse(method);
        DType dt = DType.parse(dtype);
        Random random = new Random(42);
        bank = new double[filters][taps];
        for (double[] row : bank) {
            for (int k = 0; k < taps; k++) {
                row[k] = random.nextGaussian() / taps;
            }
        }
        arena = Arena.ofShared();
        in = NdArray.allocate(dt, arena, channels, samples);
        SyntheticData.fill(in, true);
        out = NdArray.allocate(dt, arena, FilterBank.outputShape(in.shape(), 1, filters));
        options = FilterOptions.defaults().withAxis(1).withThreads(1).withBackend("panama");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray bank() {
        FilterBank.apply(in, out, bank, options, bankMethod);
        return out;
    }
}
