package dev.kernelkit.cli;

import dev.kernelkit.DType;
import dev.kernelkit.GaussianKernel;
import dev.kernelkit.NdArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The demo's data: a multichannel float64 recording (channels × samples, C order, off-heap) filtered with a
 * Gaussian along the samples axis. {@code full} is the headline workload (100 × 400 000, σ = 40, 321 taps);
 * {@code small} a quick version of it.
 */
record DemoWorkload(String size, int channels, int samples, double sigma) {
    static final DemoWorkload FULL = new DemoWorkload("full", 100, 400_000, 40.0);
    static final DemoWorkload SMALL = new DemoWorkload("small", 16, 50_000, 40.0);

    /** The samples axis of the C-ordered channels × samples array. */
    static final int AXIS = 1;
    static final double TRUNCATE = 4.0;

    private static final long SEED = 0x6b65726e656c6bL; // "kernelk": any fixed value makes the data reproducible

    static DemoWorkload forSize(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "small" -> SMALL;
            default -> throw new BadInputException("--size: unknown '" + name + "' (allowed: small, full)");
        };
    }

    DType dtype() {
        return DType.F64;
    }

    long[] shape() {
        return new long[] {channels, samples};
    }

    /** Kernel length 2·radius + 1 with SciPy's default radius int(truncate·σ + 0.5). */
    int taps() {
        return 2 * GaussianKernel.radius(sigma, TRUNCATE) + 1;
    }

    /** Size of one array of this workload in bytes. */
    long bytes() {
        return (long) channels * samples * dtype().byteSize();
    }

    /**
     * Deterministic synthetic data: per channel, three sinusoids of channel-specific frequency, amplitude and phase
     * plus uniform noise, all from a seeded generator. The sinusoids use the recurrence
     * {@code s[n] = 2cos(w)·s[n-1] - s[n-2]} rather than 120 million {@code Math.sin} calls: the values only need to
     * look like a recording, and the recurrence is exact enough for that and deterministic (strict Java arithmetic).
     */
    NdArray synthesise(Arena arena) { // arena: shared or automatic (channels are filled in parallel)
        NdArray x = NdArray.allocate(dtype(), arena, shape());
        MemorySegment seg = x.segment();
        IntStream.range(0, channels).parallel().forEach(c -> fillChannel(seg, (long) c * samples, c));
        return x;
    }

    private void fillChannel(MemorySegment seg, long first, int channel) {
        SplittableRandom rng = new SplittableRandom(SEED + 0x9e3779b97f4a7c15L * channel);
        int components = 3;
        double[] twoCos = new double[components];
        double[] prev = new double[components];
        double[] cur = new double[components];
        for (int k = 0; k < components; k++) {
            double w = 2 * Math.PI * (0.0005 + rng.nextDouble() * 0.02 * (k + 1)); // cycles per sample
            double amp = 1.0 / (k + 1) * (0.5 + rng.nextDouble());
            double phase = 2 * Math.PI * rng.nextDouble();
            twoCos[k] = 2 * Math.cos(w);
            prev[k] = amp * Math.sin(phase - w); // s[-1]
            cur[k] = amp * Math.sin(phase); // s[0]
        }
        double noise = 0.25;
        for (int n = 0; n < samples; n++) {
            double v = noise * (rng.nextDouble() - 0.5);
            for (int k = 0; k < components; k++) {
                v += cur[k];
                double next = twoCos[k] * cur[k] - prev[k];
                prev[k] = cur[k];
                cur[k] = next;
            }
            seg.setAtIndex(ValueLayout.JAVA_DOUBLE, first + n, v);
        }
    }
}
