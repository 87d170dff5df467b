package dev.kernelkit.purejava;

import dev.kernelkit.Mode;

/**
 * Where a line's samples beyond its ends come from, as SciPy's {@code NI_ExtendLine} fills them. SciPy copies the
 * padding out of the buffer it is filling, so padding longer than the line keeps repeating with the mode's period;
 * that makes every mode an index map:
 * <ul>
 *   <li>reflect {@code d c b a | a b c d | d c b a}: period 2n;</li>
 *   <li>mirror {@code d c b | a b c d | c b a}: period 2n−2, and a line of one sample behaves as nearest;</li>
 *   <li>nearest: the end samples; wrap: period n; constant: no sample (cval).</li>
 * </ul>
 */
final class Extension {
    private Extension() {
    }

    /**
     * The index in {@code 0..n-1} whose value extends a line of {@code n >= 1} samples at position {@code i}
     * (any position; inside the line it is {@code i} itself), or -1 when the value is {@code cval}.
     */
    static long source(long i, long n, Mode mode) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (mode) {
            case REFLECT -> {
                long m = Math.floorMod(i, 2 * n);
                yield m < n ? m : 2 * n - 1 - m;
            }
            case MIRROR -> {
                if (n == 1) {
                    yield 0;
                }
                long period = 2 * n - 2;
                long m = Math.floorMod(i, period);
                yield m < n ? m : period - m;
            }
            case NEAREST -> i < 0 ? 0 : n - 1;
            case WRAP -> Math.floorMod(i, n);
            case CONSTANT -> -1;
        };
    }
}
