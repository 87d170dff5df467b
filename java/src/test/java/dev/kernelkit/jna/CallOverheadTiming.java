package dev.kernelkit.jna;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.Arrays;

/**
 * A quick per-call timing of the jna backend against panama (not a test, and not JMH: the bench module charts the
 * real numbers). correlate1d with 3 taps, one thread, over lines of N float64 samples, on heap and off-heap arrays;
 * prints the median of 15 batches in ns per call (the better of two interleaved runs). Run:
 * <pre>java --enable-native-access=ALL-UNNAMED -cp CLASSES:TEST-CLASSES:JNA:PICOCLI dev.kernelkit.jna.CallOverheadTiming</pre>
 */
public final class CallOverheadTiming {
    private static final double[] WEIGHTS = {0.25, 0.5, 0.25};
    private static final String[] NAMES = {"panama", "jna"};

    private CallOverheadTiming() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {16, 1024, 65536, 1 << 20};
        System.out.printf("%-8s %-9s %10s %14s%n", "backend", "memory", "samples", "ns/call");
        for (int n : sizes) {
            for (boolean heap : new boolean[] {false, true}) {
                // Each backend runs twice, interleaved (panama, jna, panama, jna), and keeps its better run, so
                // neither profits from running second (warmer caches, a quieter neighbour) on a noisy machine.
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                for (int round = 0; round < 4; round++) {
                    best[round % 2] = Math.min(best[round % 2], nsPerCall(Backends.get(NAMES[round % 2]), n, heap));
                }
                for (int b = 0; b < 2; b++) {
                    System.out.printf("%-8s %-9s %10d %14.0f%n", NAMES[b], heap ? "heap" : "off-heap", n, best[b]);
                }
            }
        }
    }

    private static double nsPerCall(Backend backend, int n, boolean heap) {
        NdArray in = heap ? NdArray.wrap(new double[n], n) : NdArray.allocate(dev.kernelkit.DType.F64, n);
        NdArray out = heap ? NdArray.wrap(new double[n], n) : NdArray.allocate(dev.kernelkit.DType.F64, n);
        int calls = (int) Math.max(20, Math.min(200_000, 50_000_000L / n));
        double[] batches = new double[15];
        for (int warm = 0; warm < 3; warm++) {
            batch(backend, in, out, calls);
        }
        for (int b = 0; b < batches.length; b++) {
            batches[b] = batch(backend, in, out, calls);
        }
        Arrays.sort(batches);
        return batches[batches.length / 2];
    }

    private static double batch(Backend backend, NdArray in, NdArray out, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            backend.correlate1d(in, out, 0, WEIGHTS, 0, Mode.REFLECT, 0.0, 1);
        }
        return (System.nanoTime() - t0) / (double) calls;
    }
}
