package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shape of {@link MethodChoice#chooseLfilter}'s decisions and of the work counts its direct model uses. */
class LfilterMethodChoiceTest {
    private static final String[] BACKENDS = {"panama", "jna", "java"};

    @Test
    void shortFiltersAreDirectAndLongOnesFft() {
        for (String backend : BACKENDS) {
            for (DType dtype : DType.values()) {
                assertEquals(Method.DIRECT, MethodChoice.chooseLfilter(backend, dtype, 1, 100_000, 10));
                assertEquals(Method.DIRECT, MethodChoice.chooseLfilter(backend, dtype, 9, 100_000, 10), backend);
                assertEquals(Method.FFT, MethodChoice.chooseLfilter(backend, dtype, 1500, 20_000, 200), backend);
                assertEquals(Method.DIRECT, MethodChoice.chooseLfilter(backend, dtype, 2001, 0, 0), "empty");
            }
        }
    }

    @Test
    void wellPastTheCrossoverFiltersStayFft() {
        // Near the crossover the choice may flicker: the FFT's cost steps up by a block whenever m - 1 more outputs
        // no longer fit the blocks. From twice the first FFT length up to the line length it must not.
        for (String backend : BACKENDS) {
            for (DType dtype : DType.values()) {
                for (long n : new long[] {1_000, 20_000, 400_000}) {
                    int first = 0;
                    for (int m = 2; m <= Math.min(n, 5_000); m++) {
                        boolean fft = MethodChoice.chooseLfilter(backend, dtype, m, n, 100) == Method.FFT;
                        if (fft && first == 0) {
                            first = m;
                        }
                        assertTrue(fft || first == 0 || m < 2 * first,
                                backend + " " + dtype + " n " + n + ": fft from " + first + ", direct again at " + m);
                    }
                    assertTrue(first > 0, backend + " " + dtype + " n " + n + ": never fft");
                }
            }
        }
    }

    @Test
    void causalProductsCountOnlyPastSamples() {
        // b of 3 taps over 5 samples: outputs sum 1, 2, 3, 3, 3 products.
        assertEquals(12, MethodChoice.causalProducts(5, 3));
        // A filter longer than the line: output i sums i + 1 products, whatever m.
        assertEquals(15, MethodChoice.causalProducts(5, 3000));
        assertEquals(MethodChoice.causalProducts(5, 5), MethodChoice.causalProducts(5, 3000));
        // The head: outputs before the first that sums all m taps (1 + 2 for m = 3).
        assertEquals(3, MethodChoice.headProducts(5, 3));
        assertEquals(15, MethodChoice.headProducts(5, 3000));
        assertEquals(0, MethodChoice.headProducts(5, 1));
    }
}
