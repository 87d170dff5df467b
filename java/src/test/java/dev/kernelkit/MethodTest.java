package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Method} parsing, the option's default, and the shape of {@link MethodChoice}'s decisions. */
class MethodTest {
    @Test
    void parsesTheThreeNamesOnly() {
        assertEquals(Method.DIRECT, Method.parse("direct"));
        assertEquals(Method.FFT, Method.parse(" FFT "));
        assertEquals(Method.AUTO, Method.parse("Auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Method.parse("fast"));
        assertEquals("method: unknown 'fast' (allowed: direct, fft, auto)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Method.parse(null));
        assertThrows(IllegalArgumentException.class, () -> FilterOptions.defaults().withMethod("overlap"));
    }

    @Test
    void defaultIsAutoAndWithMethodKeepsTheRest() {
        assertEquals(Method.AUTO, FilterOptions.defaults().method());
        FilterOptions o = FilterOptions.defaults().withAxis(0).withOrder(2).withMethod("fft");
        assertEquals(Method.FFT, o.method());
        assertEquals(0, o.axis());
        assertEquals(2, o.order());
        assertEquals(Method.FFT, o.withThreads(3).withMode(Mode.WRAP).method());
    }

    @Test
    void shortKernelsAreDirectAndLongOnesFft() {
        for (String backend : new String[] {"panama", "jna", "java"}) {
            for (DType dtype : DType.values()) {
                assertEquals(Method.DIRECT, MethodChoice.choose(backend, dtype, 1, 100_000, 10));
                assertEquals(Method.DIRECT, MethodChoice.choose(backend, dtype, 9, 100_000, 10), backend);
                assertEquals(Method.FFT, MethodChoice.choose(backend, dtype, 2001, 100_000, 10), backend);
                assertEquals(Method.DIRECT, MethodChoice.choose(backend, dtype, 2001, 0, 0), "empty");
            }
        }
    }

    @Test
    void pureJavaSwitchesLaterThanNative() {
        // Measured (bench/results/method-crossover-2026-11-24.tsv): the native FFT pays off from a few dozen taps,
        // the pure-Java one only from a few hundred.
        for (DType dtype : DType.values()) {
            assertEquals(Method.FFT, MethodChoice.choose("panama", dtype, 100, 20_000, 50), dtype.numpyName());
            assertEquals(Method.FFT, MethodChoice.choose("jna", dtype, 100, 20_000, 50), dtype.numpyName());
            assertEquals(Method.DIRECT, MethodChoice.choose("java", dtype, 100, 20_000, 50), dtype.numpyName());
        }
    }

    @Test
    void fftOperationsFollowTheBlockLengthChoice() {
        // One block of 2^p >= 2m covers a short line: 1 block x 2^p x (p + 4).
        assertEquals(1 * 64 * (6 + 4), MethodChoice.fftOperations(10, 20));
        // A long line: more, cheaper-per-output blocks; never below one transform per output's share.
        double ops = MethodChoice.fftOperations(1_000_000, 321);
        assertTrue(ops > 1_000_000 && ops < 1_000_000 * 30.0, "ops " + ops);
        assertTrue(MethodChoice.fftOperations(1_000_000, 2001) > ops);
    }

    @Test
    void longerKernelsUpToTheLineLengthNeverSwitchBackToDirect() {
        for (String backend : new String[] {"panama", "java"}) {
            for (DType dtype : DType.values()) {
                for (long n : new long[] {50, 1_000, 400_000}) {
                    boolean fft = false;
                    // Up to the line length: beyond it the FFT's cost grows with m + n while the direct one's
                    // (n·m) can grow more slowly, so very short lines may rightly go back to direct.
                    for (int m = 1; m <= Math.min(n, 5_000); m++) {
                        boolean now = MethodChoice.choose(backend, dtype, m, n, 100) == Method.FFT;
                        assertTrue(now || !fft, backend + " " + dtype + " n " + n + ": direct again at " + m);
                        fft = now;
                    }
                }
            }
        }
    }
}
