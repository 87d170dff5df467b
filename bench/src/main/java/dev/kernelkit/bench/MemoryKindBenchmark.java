package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where the data lives: a Gaussian (sigma = 40) over 100 x 100 000 float64 samples along axis 1, one thread, with
 * input and output on the heap ({@code double[]}), off-heap (an arena) or memory-mapped {@code .npy} files (created
 * in a temporary directory and written once, so the pages are in the page cache: this measures the mapping, not
 * the disk).
 */
@State(Scope.Benchmark)
public class MemoryKindBenchmark extends SingleShotBenchmark {
    @Param({"heap", "offheap", "mapped"})
    public String memory;

    @Param({"panama", "java", "vector"})
    public String backend;

    @Param({"100"})
    public int channels;

    @Param({"100000"})
    public int samples;

    private Arena arena;
    private Path directory;
    private Workload workload;
    private NdArray in;
    private NdArray out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        arena = Arena.ofShared();
        in = allocate("in.npy");
        out = allocate("out.npy");
        SyntheticData.fill(in, true);
        workload = new Workload(BenchBackends.get(backend), 1);
    }

    private NdArray allocate(String fileName) throws IOException {
        return switch (memory) {
            case "heap" -> NdArray.wrap(new double[Math.multiplyExact(channels, samples)], channels, samples);
            case "offheap" -> NdArray.allocate(DType.F64, arena, channels, samples);
            case "mapped" -> {
                if (directory == null) {
                    directory = Files.createTempDirectory("kernelkit-bench");
                }
                yield Npy.create(directory.resolve(fileName), DType.F64, new long[] {channels, samples}, arena);
            }
            default -> throw new IllegalArgumentException("memory: unknown '" + memory
                    + "' (allowed: heap, offheap, mapped)");
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        if (directory != null) {
            try {
                Files.deleteIfExists(directory.resolve("in.npy"));
                Files.deleteIfExists(directory.resolve("out.npy"));
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public NdArray gaussianSigma40() {
        workload.gaussian(in, out, 1, 40.0);
        return out;
    }
}
