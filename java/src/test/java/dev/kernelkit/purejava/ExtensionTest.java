package dev.kernelkit.purejava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kernelkit.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExtensionTest {

    /** The index map equals SciPy's buffer filling (as {@link NaiveCorrelate} simulates it), for any padding. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void indexMapMatchesBufferFilling(Mode mode) {
        for (int n = 1; n <= 7; n++) {
            double[] line = new double[n];
            for (int i = 0; i < n; i++) {
                line[i] = i;
            }
            int pad = 5 * n + 3;
            double[] ext = NaiveCorrelate.extend(line, pad, pad, mode, -1);
            for (int e = 0; e < ext.length; e++) {
                long src = Extension.source(e - pad, n, mode);
                assertEquals(ext[e], src < 0 ? -1 : (double) src, mode + " n=" + n + " position " + (e - pad));
            }
        }
    }
}
