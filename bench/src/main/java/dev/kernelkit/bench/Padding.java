package dev.kernelkit.bench;

import dev.kernelkit.Mode;

/**
 * Fills the samples around a line in a padded buffer as scipy.ndimage extends lines (its {@code NI_ExtendLine}):
 * padding longer than the line repeats with the mode's period, so each padded sample is a copy of one line sample.
 */
final class Padding {
    private Padding() {
    }

    /** {@code buf[before .. before+n)} holds the line; every other element of {@code buf} is filled. */
    static void extend(double[] buf, int before, int n, Mode mode, double cval) {
        for (int p = 0; p < buf.length; p++) {
            if (p == before) {
                p += n - 1; // skip the line itself
                continue;
            }
            long j = lineIndex(p - (long) before, n, mode);
            buf[p] = j < 0 ? cval : buf[before + (int) j];
        }
    }

    /** The line sample at padded position {@code i} (outside 0..n-1), or -1 for cval. */
    private static long lineIndex(long i, int n, Mode mode) {
        switch (mode) {
            case CONSTANT:
                return -1;
            case NEAREST:
                return i < 0 ? 0 : n - 1;
            case WRAP:
                return Math.floorMod(i, (long) n);
            case REFLECT: // d c b a | a b c d | d c b a
                return fold(Math.floorMod(i, 2L * n), n, 2L * n - 1);
            case MIRROR: // d c b | a b c d | c b a
                return n == 1 ? 0 : fold(Math.floorMod(i, 2L * n - 2), n, 2L * n - 2);
            default:
                throw new IllegalArgumentException("mode: unsupported " + mode);
        }
    }

    /** Position {@code m} of one period mapped back into the line: the second half runs backwards. */
    private static long fold(long m, int n, long mirrorAt) {
        return m < n ? m : mirrorAt - m;
    }
}
