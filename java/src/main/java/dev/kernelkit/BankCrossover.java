package dev.kernelkit;

/**
 * Where the GEMM filter bank beats the direct one, fitted from a measurement rather than guessed.
 *
 * <p>Source: bench/results/filterbank-2026-11-24.txt, 2026-11-24: FilterBankCrossover (direct and GEMM called
 * alternately, median time ratio per point, two runs) over the FilterBankBenchmark grid F in {1,2,4,6,8,16,32} x K in
 * {15,31,63,127,255,511}, float64 and float32, 4 x 16384 samples, one thread, 2 shared cores. GEMM must first copy
 * the extended line into a K x B matrix (K copies per output, whatever F), so it only wins when many filters share
 * that copy: float64 (dgemm) from F = 32 with K >= 255 (about 1.1x); float32 (sgemm, single precision) from F = 16
 * with K >= 127 and F = 32 with K >= 63 (1.1-1.8x). With fewer filters the direct kernel is up to 50x faster.
 */
final class BankCrossover {
    private BankCrossover() {
    }

    /** True when GEMM was measured faster for F filters of K taps in this dtype. */
    static boolean gemmFaster(int nfilters, int taps, DType dtype) {
        if (dtype == DType.F64) {
            return nfilters >= 32 && taps >= 255;
        }
        return (nfilters >= 16 && taps >= 127) || (nfilters >= 32 && taps >= 63);
    }
}
