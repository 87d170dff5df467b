package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TapsTest {

    @Test
    void splitsAroundTheCentreLikeSciPy() {
        Taps even = new Taps(new double[] {1, 2, 3, 4});
        assertEquals(2, even.size1());
        assertEquals(1, even.size2());
        assertEquals(Taps.Fold.NONE, even.fold());
        Taps one = new Taps(new double[] {7});
        assertEquals(0, one.size1());
        assertEquals(0, one.size2());
        assertEquals(Taps.Fold.SYMMETRIC, one.fold());
    }

    @Test
    void foldUsesSciPysAbsoluteEpsilon() {
        double eps = Math.ulp(1.0);
        assertEquals(Taps.Fold.SYMMETRIC, new Taps(new double[] {1, 5, 1}).fold());
        assertEquals(Taps.Fold.SYMMETRIC, new Taps(new double[] {0.5, 5, Math.nextUp(0.5)}).fold());
        assertEquals(Taps.Fold.SYMMETRIC, new Taps(new double[] {1e-20, 5, 1e-17}).fold());
        assertEquals(Taps.Fold.NONE, new Taps(new double[] {1, 5, 1 + 2 * eps}).fold());
        assertEquals(Taps.Fold.ANTISYMMETRIC, new Taps(new double[] {-2, 0, 2}).fold());
        assertEquals(Taps.Fold.ANTISYMMETRIC, new Taps(new double[] {-0.5, 3, Math.nextUp(0.5)}).fold());
        assertEquals(Taps.Fold.NONE, new Taps(new double[] {-1, 4, 2, 0.5, 1}).fold());
        assertEquals(Taps.Fold.NONE, new Taps(new double[] {1, 2, 3}).fold());
        // C's fabs(NaN) > eps is false, so SciPy treats NaN weights as symmetric.
        assertEquals(Taps.Fold.SYMMETRIC, new Taps(new double[] {Double.NaN, 1, 2}).fold());
    }

    @Test
    void rejectsEmptyWeights() {
        assertThrows(IllegalArgumentException.class, () -> new Taps(new double[0]));
    }
}
