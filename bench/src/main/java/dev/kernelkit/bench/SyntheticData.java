package dev.kernelkit.bench;

import dev.kernelkit.NdArray;

/**
 * The signal every benchmark filters, a formula that tools/bench_scipy.py evaluates too (so SciPy times the same
 * data): a channel-dependent sine plus a deterministic sawtooth "noise" in [-0.5, 0.5).
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** Sample {@code s} of channel {@code c}. */
    public static double value(long c, long s) {
        return Math.sin(0.001 * (c + 1) * s) + (double) ((s * 7919 + c * 104729) % 1009) / 1009 - 0.5;
    }

    /** Fills a 2-D array (channels x samples, any layout) or a 1-D array (one channel). */
    public static void fill(NdArray a, boolean channelsFirst) {
        if (a.ndim() == 1) {
            for (long s = 0; s < a.shape(0); s++) {
                a.set(value(0, s), s);
            }
            return;
        }
        int channelAxis = channelsFirst ? 0 : 1;
        long channels = a.shape(channelAxis);
        long samples = a.shape(1 - channelAxis);
        for (long c = 0; c < channels; c++) {
            for (long s = 0; s < samples; s++) {
                if (channelsFirst) {
                    a.set(value(c, s), c, s);
                } else {
                    a.set(value(c, s), s, c);
                }
            }
        }
    }
}
