package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The headline workload: a Gaussian with sigma = 40 (321 taps with SciPy's default truncate 4) over 100 channels x
 * 400 000 float64 samples, off-heap. {@code rows}: C-order channels x samples along axis 1 (contiguous lines);
 * {@code transposed}: samples x channels along axis 0 (lines strided by 100 elements). Per backend and thread count.
 */
@State(Scope.Benchmark)
public class HeadlineBenchmark extends SingleShotBenchmark {
    @Param({"panama", "java", "vector"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"rows", "transposed"})
    public String layout;

    @Param({"100"})
    public int channels;

    @Param({"400000"})
    public int samples;

    private Arena arena;
    private Workload workload;
    private NdArray input;
    private NdArray output;
    private int axis;

    @Setup(Level.Trial)
    public void setUp() {
        boolean rows = switch (layout) {
            case "rows" -> true;
            case "transposed" -> false;
            default -> throw new IllegalArgumentException("layout: unknown '" + layout
                    + "' (allowed: rows, transposed)");
        };
        arena = Arena.ofShared();
        long[] shape = rows ? new long[] {channels, samples} : new long[] {samples, channels};
        input = NdArray.allocate(DType.F64, arena, shape);
        output = NdArray.allocate(DType.F64, arena, shape);
        SyntheticData.fill(input, rows);
        axis = rows ? 1 : 0;
        workload = new Workload(BenchBackends.get(backend), threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray gaussianSigma40() {
        workload.gaussian(input, output, axis, 40.0);
        return output;
    }
}
