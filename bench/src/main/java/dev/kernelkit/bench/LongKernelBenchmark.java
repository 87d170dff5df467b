package dev.kernelkit.bench;

import dev.kernelkit.DType;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8's targets for the FFT method, through the public API ({@code Filters}, with its checks) at 2 threads:
 * {@code gaussianHeadline}, the headline Gaussian (sigma 40, 321 taps) over 100 x 400 000 float64 samples along
 * axis 1; and {@code lfilter1500}, a 1 500-tap FIR (every tap 1/15) over a (10, 20, 20 000) float64 array along
 * the last axis, as scipy.signal.lfilter(b, [1.0], x). Per method (direct, fft, auto). SciPy's times for the same
 * workloads come from tools/bench_scipy_fft.py in the same run ({@code bench/run-fft}).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class LongKernelBenchmark extends SingleShotBenchmark {
    /** The FIR's length and tap value (as the issue words it: ones/15). */
    public static final int FIR_TAPS = 1500;
    public static final double FIR_TAP = 1.0 / 15;

    @Param({"panama"})
    public String backend;

    @Param({"fft", "direct", "auto"})
    public String method;

    @Param({"2"})
    public int threads;

    private Arena arena;
    private NdArray recording;
    private NdArray smoothed;
    private NdArray stack;
    private NdArray filtered;
    private double[] taps;
    private FilterOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        recording = NdArray.allocate(DType.F64, arena, 100, 400_000);
        smoothed = NdArray.allocate(DType.F64, arena, 100, 400_000);
        SyntheticData.fill(recording, true);
        // The (10, 20, 20 000) stack: 200 channels of the same signal formula, viewed as 10 x 20.
        NdArray channels = NdArray.allocate(DType.F64, arena, 200, 20_000);
        SyntheticData.fill(channels, true);
        stack = NdArray.of(channels.segment(), DType.F64, 10, 20, 20_000);
        filtered = NdArray.allocate(DType.F64, arena, 10, 20, 20_000);
        taps = new double[FIR_TAPS];
        Arrays.fill(taps, FIR_TAP);
        options = FilterOptions.defaults().withBackend(backend).withThreads(threads).withMethod(method);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public NdArray gaussianHeadline() {
        Filters.gaussian1d(recording, smoothed, 40.0, options.withAxis(1));
        return smoothed;
    }

    @Benchmark
    public NdArray lfilter1500() {
        return Filters.lfilter(taps, stack, null, filtered, options).y();
    }
}
