package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Fir.firwin's properties and the parts of its API the SciPy goldens do not exercise. */
class FirTest {

    @Test
    void defaultsAreScipys() {
        assertArrayEquals(Fir.firwin(21, new double[] {0.3}, Window.HAMMING, PassZero.TRUE, true, 2.0),
                Fir.firwin(21, 0.3));
    }

    @Test
    void scaledLowpassHasUnitGainAtDc() {
        double sum = 0;
        for (double t : Fir.firwin(51, 0.25)) {
            sum += t;
        }
        assertEquals(1.0, sum, 1e-14);
    }

    @Test
    void tapsAreSymmetric() {
        double[] h = Fir.firwin(30, new double[] {10, 40}, Window.kaiser(5), PassZero.BANDPASS, true, 100);
        for (int i = 0; i < h.length; i++) {
            assertEquals(h[i], h[h.length - 1 - i], 1e-16 * 10, "tap " + i);
        }
    }

    @Test
    void besselI0MatchesKnownValues() {
        // Abramowitz & Stegun, table 9.8: I0(1), I0(2), I0(5) (the last as e^5 * 0.1835408126).
        assertEquals(1.2660658777520082, Window.besselI0(1), 1e-15);
        assertEquals(2.2795853023360673, Window.besselI0(2), 1e-15);
        assertEquals(Math.exp(5) * 0.1835408126, Window.besselI0(5), 1e-8);
        assertEquals(1.0, Window.besselI0(0));
        assertEquals(Window.besselI0(3.5), Window.besselI0(-3.5));
    }

    @Test
    void kaiserWithBetaZeroIsABoxcar() {
        assertArrayEquals(Window.BOXCAR.values(9), Window.kaiser(0).values(9));
    }

    @Test
    void numtapsMustBePositive() {
        // SciPy 1.10 returns an empty array for numtaps=0; newer SciPy raises, as this does.
        for (int n : new int[] {0, -3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fir.firwin(n, 0.3));
            assertTrue(e.getMessage().startsWith("numtaps: "), e.getMessage());
        }
    }

    @Test
    void fsMustBeFiniteAndPositive() {
        for (double fs : new double[] {0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fir.firwin(11, new double[] {0.3}, Window.HAMMING, PassZero.TRUE, true, fs));
            assertTrue(e.getMessage().startsWith("fs: "), e.getMessage());
        }
    }

    @Test
    void nanCutoffIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fir.firwin(11, Double.NaN));
        assertTrue(e.getMessage().startsWith("cutoff: "), e.getMessage());
    }

    @Test
    void windowParsing() {
        assertEquals(Window.HANN, Window.parse(" Hann "));
        Window k = Window.parse("kaiser:8.6");
        assertEquals("kaiser", k.name());
        assertEquals(8.6, k.beta());
        assertEquals("kaiser:8.6", k.toString());
        for (String bad : new String[] {"kaiser", "kaiser:x", "hanning", "", "kaiser:inf"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Window.parse(bad));
            assertTrue(e.getMessage().startsWith("window: "), bad + " -> " + e.getMessage());
        }
    }

    @Test
    void passZeroParsing() {
        assertEquals(PassZero.TRUE, PassZero.parse("True"));
        assertEquals(PassZero.BANDSTOP, PassZero.parse("bandstop"));
        assertEquals("highpass", PassZero.HIGHPASS.scipyName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PassZero.parse("yes"));
        assertTrue(e.getMessage().startsWith("passZero: ") && e.getMessage().contains("bandpass"), e.getMessage());
    }
}
