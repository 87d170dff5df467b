package dev.kernelkit.openblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.BankMethod;
import dev.kernelkit.DType;
import dev.kernelkit.FilterBank;
import dev.kernelkit.FilterOptions;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.Test;

/** OpenBLAS's thread count around GEMM banks, and GEMM's blocking against direct on lines of every block shape. */
class GemmFilterBankTest {
    private static NdArray ramp(DType dtype, long... shape) {
        NdArray a = NdArray.allocate(dtype, shape);
        double[] v = new double[(int) a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(0.37 * i) + 0.01 * (i % 17);
        }
        a.copyFrom(NdArray.wrap(v, shape));
        return a;
    }

    @Test
    void loadsAndRestoresTheBlasThreadCount() {
        assertNull(GemmFilterBank.loadError());
        assertTrue(GemmFilterBank.available());
        int before = openblas.blas_get_num_threads();
        openblas.blas_set_num_threads(2);
        try {
            NdArray x = ramp(DType.F64, 3, 500);
            NdArray out = NdArray.allocate(DType.F64, 3, 2, 500);
            GemmFilterBank.apply(x, out, 1, new double[] {1, 2, 3, 4, 5, 6}, 2, 0, Mode.REFLECT, 0.0, 1);
            assertEquals(2, openblas.blas_get_num_threads(), "the previous count is restored");
        } finally {
            openblas.blas_set_num_threads(before);
        }
    }

    @Test
    void longFiltersAndLongLinesMatchDirect() {
        // K = 700 gives blocks of 187 columns: units of 2048 rows hold several blocks and a partial one.
        double[][] bank = new double[3][700];
        for (int f = 0; f < 3; f++) {
            for (int k = 0; k < 700; k++) {
                bank[f][k] = Math.cos(0.01 * (f + 1) * k) / 700;
            }
        }
        for (DType dtype : DType.values()) {
            NdArray x = ramp(dtype, 2, 5000);
            FilterOptions options = FilterOptions.defaults().withMode("nearest").withOrigin(-100);
            double[] direct = FilterBank.apply(x, bank, options, BankMethod.DIRECT).toDoubleArray();
            double[] gemm = FilterBank.apply(x, bank, options, BankMethod.GEMM).toDoubleArray();
            // |x| <= 1.2 and sum |w| <= 1: the core tolerances times those terms
            assertArrayEquals(direct, gemm, dtype == DType.F64 ? 1e-12 * 1.2 : 1e-5 * 1.2, dtype.numpyName());
        }
    }

    @Test
    void concurrentCallsEachGetTheirOwnThreadCount() throws Exception {
        int before = openblas.blas_get_num_threads();
        double[][] bank = {{0.2, 0.6, 0.2}, {-0.5, 0, 0.5}};
        NdArray x = ramp(DType.F32, 8, 3000);
        double[] expected = FilterBank.apply(x, bank, FilterOptions.defaults(), BankMethod.DIRECT).toDoubleArray();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 1; t <= 8; t++) {
                int threads = 1 + t % 3;
                results.add(pool.submit(() -> FilterBank.apply(x, bank,
                        FilterOptions.defaults().withThreads(threads), BankMethod.GEMM).toDoubleArray()));
            }
            for (Future<double[]> r : results) {
                assertArrayEquals(expected, r.get(), 1e-5);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(before, openblas.blas_get_num_threads());
    }
}
