package dev.kernelkit.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Vector API contender gives exactly the pure-Java backend's (= SciPy's) results, bit for bit. */
class VectorBackendTest {
    private final Backend reference = Backends.get("java");
    private final Backend vector = new VectorBackend();
    private final SplittableRandom random = new SplittableRandom(7);

    private NdArray randomArray(long rows, long cols) {
        double[] d = new double[(int) (rows * cols)];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble(-1, 1);
        }
        return NdArray.wrap(d, rows, cols);
    }

    private void assertSame(NdArray in, int axis, double[] w, int origin, Mode mode, int threads) {
        NdArray expected = in.zerosLike();
        NdArray actual = in.zerosLike();
        reference.correlate1d(in, expected, axis, w, origin, mode, 0.5, 1);
        vector.correlate1d(in, actual, axis, w, origin, mode, 0.5, threads);
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(),
                "axis " + axis + " weights " + w.length + " origin " + origin + " mode " + mode);
    }

    @Test
    void everyModeFoldOriginAndAxisMatchesBitForBit() {
        double[][] weights = {
            {0.25, 0.5, 0.25},                                  // symmetric
            {-1, 0, 1},                                         // antisymmetric
            {0.1, 0.7, 0.2},                                    // neither
            {0.3, 0.7},                                         // even length
            {1, 2, 3, 4, 5, 4, 3, 2, 1},                        // symmetric, longer than the short lines
        };
        NdArray in = randomArray(5, 37);
        NdArray shortLines = randomArray(6, 3);
        for (Mode mode : Mode.values()) {
            for (double[] w : weights) {
                for (int origin = -(w.length / 2); origin <= (w.length - 1) / 2; origin++) {
                    for (int axis = 0; axis < 2; axis++) {
                        assertSame(in, axis, w, origin, mode, 2);
                        assertSame(shortLines, axis, w, origin, mode, 1);
                    }
                }
            }
        }
    }

    @Test
    void gaussianMatchesTheLibraryBackend() {
        NdArray in = randomArray(4, 500);
        NdArray expected = in.zerosLike();
        NdArray actual = in.zerosLike();
        reference.gaussian1d(in, expected, 1, 7.5, 1, 30, Mode.REFLECT, 0, 1);
        vector.gaussian1d(in, actual, 1, 7.5, 1, 30, Mode.REFLECT, 0, 2);
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray());
    }
}
