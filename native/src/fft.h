/*
 * fft.h — the real FFT used by the overlap-save correlation (fft_correlate.c).
 *
 * Everything works on KK_FFT_LANES independent signals at once, stored as a
 * structure of arrays: sample i of lane l is v[i * KK_FFT_LANES + l]. Every
 * lane goes through exactly the same sequence of IEEE operations, so a lane's
 * result never depends on the other lanes, on how many lanes are in use, or
 * on the instruction set (the variants differ only in vector width; FMA
 * contraction is disabled for the whole library).
 *
 * A real signal of length N = 2h is transformed as the complex signal
 * z[m] = x[2m] + i x[2m+1] of length h: in the lane layout that is element m
 * at v + 2m*LANES (real parts) and v + (2m+1)*LANES (imaginary parts), i.e.
 * the real samples need no repacking. The forward transform is a radix-2^2
 * decimation in frequency (natural order in, bit-reversed order out) and the
 * inverse a decimation in time (bit-reversed in, natural out); the pointwise
 * product in between is done in the bit-reversed order, so no reordering pass
 * is ever made.
 */
#ifndef KK_FFT_H
#define KK_FFT_H

#include <stdint.h>

enum {
    KK_FFT_LANES = 8,      /* signals transformed together: 64 bytes of doubles */
    KK_FFT_MIN_LOG2 = 3,   /* smallest real length: 8 */
    KK_FFT_MAX_LOG2 = 40,
    KK_FFT_CHUNK = 256     /* complex elements transformed in L1 at once: 32 KiB */
};

/* Tables for one real length N = 2h; immutable once built, shared by all
 * threads, cached for the life of the process (one per size). */
typedef struct kk_fft_plan {
    int log2n;
    int64_t n, h;
    double *twr, *twi;   /* e^{-2 pi i t / h}, t < 3h/4: complex FFT twiddles */
    double *spr, *spi;   /* e^{-2 pi i k / N}, k <= h/2: real/complex split */
    int64_t *rev;        /* bit reversal of log2(h) bits */
} kk_fft_plan;

/* count doubles aligned for the kernels (64 bytes), or NULL; count > 0.
 * Release with kk_fft_free. */
double *kk_fft_alloc(int64_t count);
void kk_fft_free(double *p);

/* The plan for N = 2^log2n (KK_FFT_MIN_LOG2 <= log2n <= KK_FFT_MAX_LOG2),
 * built on first use; NULL when out of memory. Thread-safe. */
const kk_fft_plan *kk_fft_plan_get(int log2n);

/*
 * The filter for the correlation y[i] = sum_j w[j] * x[i + j] (j < nw,
 * nw <= N) of a length-N block, as it is applied by kk_fft_correlate_fn:
 * cr/ci[k] for k = 0..h, scaled so that the forward and inverse transforms
 * need no normalisation. `scratch` holds N * KK_FFT_LANES doubles (kk_fft_alloc).
 */
void kk_fft_filter_spectrum(const kk_fft_plan *p, const double *w, int64_t nw, double *cr,
                            double *ci, double *scratch);

/*
 * In place on the lanes of v (N * KK_FFT_LANES doubles, kk_fft_alloc): the circular
 * correlation of each lane with the filter (cr, ci) of
 * kk_fft_filter_spectrum. Outputs 0 .. N - nw are the linear correlation.
 */
typedef void (*kk_fft_correlate_fn)(const kk_fft_plan *p, double *v, const double *cr,
                                    const double *ci);

/* The variant for the instruction set chosen at load time (kk_isa()), or for
 * `isa` (KK_ISA_* of kernelkit.h; KK_ISA_AUTO = 0 for the chosen one). */
kk_fft_correlate_fn kk_fft_correlate_select(int isa);

#endif /* KK_FFT_H */
