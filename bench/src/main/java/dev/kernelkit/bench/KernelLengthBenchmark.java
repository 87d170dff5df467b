package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
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
 * Kernel length sweep: correlate1d of 10 channels x 100 000 float64 samples (axis 1, off-heap, one thread) with a
 * symmetric Gaussian-shaped kernel of K = 3 .. 2 049 taps. {@code method} is {@code direct} only for now; the FFT
 * path becomes one more value when it exists. Average time over short iterations: the short kernels take about a
 * millisecond, too little for single shots.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class KernelLengthBenchmark {
    @Param({"3", "9", "33", "129", "513", "2049"})
    public int taps;

    @Param({"panama", "java", "vector"})
    public String backend;

    @Param({"direct"})
    public String method;

    @Param({"10"})
    public int channels;

    @Param({"100000"})
    public int samples;

    private Arena arena;
    private Workload workload;
    private double[] weights;
    private NdArray in;
    private NdArray out;

    @Setup(Level.Trial)
    public void setUp() {
        if (!method.equals("direct")) {
            throw new IllegalArgumentException("method: unknown '" + method + "' (allowed: direct)");
        }
        if (taps < 1 || taps % 2 == 0) {
            throw new IllegalArgumentException("taps: must be odd and >= 1, got " + taps);
        }
        int radius = taps / 2;
        weights = GaussianKernel.weights(Math.max(radius, 1) / 4.0, 0, radius);
        arena = Arena.ofShared();
        in = NdArray.allocate(DType.F64, arena, channels, samples);
        out = NdArray.allocate(DType.F64, arena, channels, samples);
        SyntheticData.fill(in, true);
        workload = new Workload(BenchBackends.get(backend), 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray correlate() {
        workload.correlate(in, out, 1, weights);
        return out;
    }
}
