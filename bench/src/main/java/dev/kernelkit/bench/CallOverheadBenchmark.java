package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.spi.Backend;
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
 * Per-call overhead: a 3-tap correlation of n = 1 .. 65 536 samples on one thread, so the cost of crossing into C
 * (and of reaching heap arrays) dominates at small n. {@code path} is {@code backend:memory}:
 * <ul>
 *   <li>{@code panama:offheap} — a plain downcall on off-heap segments (the floor);</li>
 *   <li>{@code panama:critical} — heap {@code double[]} passed in place by a critical downcall
 *       ({@code new PanamaBackend(Long.MAX_VALUE)});</li>
 *   <li>{@code panama:copy} — heap arrays copied off-heap and back around a plain downcall
 *       ({@code new PanamaBackend(0)});</li>
 *   <li>{@code java:heap}, {@code vector:heap} — pure Java and the Vector API contender on heap arrays.</li>
 * </ul>
 * Another backend (JNA) is one more value, e.g. {@code jna:heap}.
 *
 * <p>PanamaBackend's default critical-call limit was chosen from the panama paths:
 * {@code bench/heapcall-2026-11-24.txt} was measured by this benchmark's predecessor, HeapCallBenchmark, whose calls
 * are these with {@code bench/run
 * CallOverheadBenchmark -p path=panama:critical,panama:copy,panama:offheap -p samples=16,256,4096,8192,65536,524288
 * -wi 3 -w 1s -i 5 -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class CallOverheadBenchmark {
    @Param({"1", "16", "256", "4096", "65536"})
    public int samples;

    @Param({"panama:offheap", "panama:critical", "panama:copy", "java:heap", "vector:heap"})
    public String path;

    private static final double[] WEIGHTS = {0.25, 0.5, 0.25};

    private Arena arena;
    private Workload workload;
    private NdArray in;
    private NdArray out;

    @Setup(Level.Trial)
    public void setUp() {
        int colon = path.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("path: '" + path + "' is not backend:memory (e.g. panama:offheap)");
        }
        String backendName = path.substring(0, colon);
        String memory = path.substring(colon + 1);
        Backend backend = switch (memory) {
            case "critical", "copy" -> {
                if (!backendName.equals(PanamaBackend.NAME)) {
                    throw new IllegalArgumentException("path: '" + memory + "' applies to panama only, got " + path);
                }
                yield new PanamaBackend(memory.equals("critical") ? Long.MAX_VALUE : 0);
            }
            case "heap", "offheap" -> BenchBackends.get(backendName);
            default -> throw new IllegalArgumentException("path: unknown memory '" + memory
                    + "' (allowed: offheap, heap, critical, copy)");
        };
        arena = Arena.ofConfined();
        if (memory.equals("offheap")) {
            in = NdArray.allocate(DType.F64, arena, samples);
            out = NdArray.allocate(DType.F64, arena, samples);
        } else {
            in = NdArray.wrap(new double[samples], samples);
            out = NdArray.wrap(new double[samples], samples);
        }
        SyntheticData.fill(in, true);
        workload = new Workload(backend, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray correlate3() {
        workload.correlate(in, out, 0, WEIGHTS);
        return out;
    }
}
