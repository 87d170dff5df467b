package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Mode;

/**
 * The headline workload: a Gaussian with sigma = 40 along the samples of 100 channels x 400 000 float64 samples,
 * per backend and thread count. (The benchmark issue adds the rest of the suite and the report.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HeadlineBenchmark {
    @Param({"panama", "java"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"100"})
    public int channels;

    @Param({"400000"})
    public int samples;

    private Arena arena;
    private NdArray input;
    private NdArray output;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        input = NdArray.allocate(DType.F64, arena, channels, samples);
        output = NdArray.allocate(DType.F64, arena, channels, samples);
        SplittableRandom random = new SplittableRandom(42);
        for (long c = 0; c < channels; c++) {
            for (long s = 0; s < samples; s++) {
                input.set(Math.sin(s * 0.001 * (c + 1)) + random.nextGaussian(), c, s);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray gaussianSigma40() {
        Filters.gaussian1d(input, output, 40.0,
                FilterOptions.defaults().withAxis(1).withBackend(backend).withThreads(threads));
        return output;
    }
}
