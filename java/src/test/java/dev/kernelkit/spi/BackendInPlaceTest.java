package dev.kernelkit.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.NdArray;
import org.junit.jupiter.api.Test;

class BackendInPlaceTest {
    @Test
    void sameViewIsInPlace() {
        NdArray a = NdArray.wrap(new double[12], 3, 4);
        assertTrue(Backend.inPlace(a, a));
        assertTrue(Backend.inPlace(a.slice(1, 0, 4, 2), a.slice(1, 0, 4, 2)));
    }

    @Test
    void disjointViewsAreNot() {
        double[] data = new double[12];
        NdArray a = NdArray.wrap(data, 3, 4);
        assertFalse(Backend.inPlace(a.slice(0, 0, 1), a.slice(0, 1, 3)));
        assertFalse(Backend.inPlace(a, NdArray.wrap(new double[12], 3, 4)));
    }
}
