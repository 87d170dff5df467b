package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Oversubscription, unguarded: k Java threads each filter their share of 100 x 200 000 float64 samples (Gaussian
 * sigma = 40, axis 1), each backend call given n native threads directly (no thread budget involved), so k x n
 * threads compete for the cores (k = 2, n = 2 is 4 threads on this 2-core machine, against k = 2, n = 1).
 * The total work is the same for every k and n. The guarded comparison (calls sized by the ThreadBudget) is
 * {@code kernelkit oversubscription}.
 */
@State(Scope.Benchmark)
@Measurement(iterations = 5)
public class OversubscriptionBenchmark extends SingleShotBenchmark {
    @Param({"1", "2"})
    public int javaThreads;

    @Param({"1", "2"})
    public int nativeThreads;

    @Param({"panama", "java"})
    public String backend;

    @Param({"100"})
    public int channels;

    @Param({"200000"})
    public int samples;

    private Arena arena;
    private ExecutorService pool;
    private Workload workload;
    private final List<NdArray[]> shares = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        if (javaThreads < 1 || channels % javaThreads != 0) {
            throw new IllegalArgumentException("javaThreads: must be >= 1 and divide channels (" + channels
                    + "), got " + javaThreads);
        }
        arena = Arena.ofShared();
        NdArray in = NdArray.allocate(DType.F64, arena, channels, samples);
        NdArray out = NdArray.allocate(DType.F64, arena, channels, samples);
        SyntheticData.fill(in, true);
        int rows = channels / javaThreads;
        for (int k = 0; k < javaThreads; k++) {
            shares.add(new NdArray[] {in.slice(0, k * rows, (k + 1) * rows), out.slice(0, k * rows, (k + 1) * rows)});
        }
        pool = Executors.newFixedThreadPool(javaThreads);
        workload = new Workload(BenchBackends.get(backend), nativeThreads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
        arena.close();
    }

    @Benchmark
    public int gaussianSigma40() throws InterruptedException, ExecutionException {
        List<Future<?>> running = new ArrayList<>();
        for (NdArray[] share : shares) {
            running.add(pool.submit(() -> workload.gaussian(share[0], share[1], 1, 40.0)));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return running.size();
    }
}
