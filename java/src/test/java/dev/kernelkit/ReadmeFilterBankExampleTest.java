package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The README's "Filter banks" Java example, run as written (keep the two in step): a multichannel recording at
 * fs = 1000 Hz decomposed into the classic EEG bands with band-pass firwin filters. A 10 Hz channel must come out in
 * the alpha band and a 100 Hz channel in high-gamma, each with far more power than in any other band.
 */
class ReadmeFilterBankExampleTest {
    static NdArray recording(double fs, double[] hz, int samples) {
        NdArray x = NdArray.allocate(DType.F32, hz.length, samples);
        for (int c = 0; c < hz.length; c++) {
            for (int i = 0; i < samples; i++) {
                x.set(Math.sin(2 * Math.PI * hz[c] * i / fs), c, i);
            }
        }
        return x;
    }

    @Test
    void bandDecomposition() {
        NdArray recording = recording(1000, new double[] {10, 100}, 4000);

        // ---- README example, verbatim ----
        double fs = 1000;
        double[][] bands = {{1, 4}, {4, 8}, {8, 13}, {13, 30}, {30, 70}, {70, 150}}; // delta .. high-gamma, Hz
        double[][] bank = new double[bands.length][];
        for (int b = 0; b < bands.length; b++) {
            bank[b] = Fir.firwin(501, bands[b], Window.HAMMING, PassZero.BANDPASS, true, fs);
        }
        // recording: (channels, samples); the result: (channels, 6 bands, samples)
        NdArray decomposed = FilterBank.apply(recording, bank, FilterOptions.defaults().withAxis(-1),
                BankMethod.AUTO);
        // ---- end of the README example ----

        assertArrayEquals(new long[] {2, 6, 4000}, decomposed.shape());
        assertStrongest(decomposed, 0, 2); // 10 Hz: alpha
        assertStrongest(decomposed, 1, 5); // 100 Hz: high-gamma
    }

    /** Band {@code band} of channel c holds over 100 times the power of any other band (away from the edges). */
    private static void assertStrongest(NdArray y, int c, int band) {
        double[] power = new double[(int) y.shape(1)];
        for (int b = 0; b < power.length; b++) {
            for (long i = 500; i < y.shape(2) - 500; i++) {
                double v = y.get(c, b, i);
                power[b] += v * v;
            }
        }
        for (int b = 0; b < power.length; b++) {
            if (b != band) {
                assertTrue(power[band] > 100 * power[b], "channel " + c + ": band " + band + " power "
                        + power[band] + " vs band " + b + " " + power[b]);
            }
        }
    }
}
