package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.panama.PanamaBackend;
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
 * How a heap {@code double[]} should reach C: a critical downcall on the heap array itself, or a copy to off-heap
 * memory and back around a normal downcall; off-heap input as the floor. A 3-tap correlation, one thread, so the
 * call overhead and the copies dominate. Sets PanamaBackend's default critical-call limit.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HeapCallBenchmark {
    @Param({"16", "256", "4096", "8192", "65536", "524288"})
    public int samples;

    @Param({"critical", "copy", "offheap"})
    public String path;

    private static final double[] WEIGHTS = {0.25, 0.5, 0.25};

    private PanamaBackend backend;
    private Arena arena;
    private NdArray in;
    private NdArray out;

    @Setup(Level.Trial)
    public void setUp() {
        backend = new PanamaBackend(path.equals("copy") ? 0 : Long.MAX_VALUE);
        arena = Arena.ofConfined();
        if (path.equals("offheap")) {
            in = NdArray.allocate(DType.F64, arena, samples);
            out = NdArray.allocate(DType.F64, arena, samples);
        } else {
            in = NdArray.wrap(new double[samples], samples);
            out = NdArray.wrap(new double[samples], samples);
        }
        for (long i = 0; i < samples; i++) {
            in.set(Math.sin(i * 0.01), i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray correlate3() {
        backend.correlate1d(in, out, 0, WEIGHTS, 0, Mode.REFLECT, 0.0, 1);
        return out;
    }
}
