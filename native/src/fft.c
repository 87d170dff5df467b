/*
 * fft.c — plans (twiddle and bit-reversal tables, cached per size), the
 * filter spectrum, and the choice of the per-instruction-set FFT kernels
 * compiled from fft_impl.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fft.h"
#include "kk_internal.h"

#if defined(__GNUC__) || defined(__clang__)
#define KK_FFT_VECTOR_TARGETS 1
#endif

/* ---- the kernels, once per instruction set ---- */
#define KK_FN(name) kk_fft_##name##_generic
#define KK_TARGET
#define KK_VBYTES 16
#include "fft_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES

#if defined(__x86_64__) && defined(KK_FFT_VECTOR_TARGETS)
#define KK_FFT_X86 1
#define KK_FN(name) kk_fft_##name##_avx2
#define KK_TARGET __attribute__((target("avx2")))
#define KK_VBYTES 32
#include "fft_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES
#define KK_FN(name) kk_fft_##name##_avx512
#define KK_TARGET __attribute__((target("avx512f")))
#define KK_VBYTES 64
#include "fft_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES
#endif

kk_fft_correlate_fn kk_fft_correlate_select(int isa)
{
    switch (kk_isa_usable(isa)) {
#ifdef KK_FFT_X86
    case KK_ISA_AVX512:
        return kk_fft_correlate_avx512;
    case KK_ISA_AVX2:
        return kk_fft_correlate_avx2;
#endif
    default:
        return kk_fft_correlate_generic;
    }
}

/* ---- memory ---- */

double *kk_fft_alloc(int64_t count)
{
    size_t bytes = kk_mul_size(count, sizeof(double), 1);
    if (!bytes || bytes > SIZE_MAX - 63)
        return NULL;
    /* aligned_alloc wants a multiple of the alignment */
    return aligned_alloc(64, (bytes + 63) & ~(size_t)63);
}

void kk_fft_free(double *p)
{
    free(p);
}

/* ---- plans ---- */

/* e^{-2 pi i t / n} for 0 <= t < n/2, n a multiple of 4: the angle is reduced
 * to at most pi/4 first, so the table is as accurate as sin/cos there, and
 * the values at multiples of pi/2 are exact (0, +-1). */
static void unit_root(int64_t t, int64_t n, double *re, double *im)
{
    const double two_pi = 6.283185307179586476925286766559;
    const int64_t q = n / 4;
    double c, s; /* cos and sin of 2 pi t / n */
    if (t <= q) {
        if (2 * t <= q) {
            c = cos(two_pi * (double)t / (double)n);
            s = sin(two_pi * (double)t / (double)n);
        } else { /* pi/2 - phi */
            c = sin(two_pi * (double)(q - t) / (double)n);
            s = cos(two_pi * (double)(q - t) / (double)n);
        }
    } else { /* pi/2 + phi, phi < pi/2 */
        double cr, ci;
        unit_root(t - q, n, &cr, &ci);
        c = ci;    /* cos(pi/2 + phi) = -sin phi, and ci = -sin phi */
        s = cr;    /* sin(pi/2 + phi) = cos phi */
    }
    *re = c;
    *im = -s;
}

static void plan_free(kk_fft_plan *p)
{
    if (!p)
        return;
    free(p->twr);
    free(p->twi);
    free(p->spr);
    free(p->spi);
    free(p->rev);
    free(p);
}

static kk_fft_plan *plan_build(int log2n)
{
    kk_fft_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->log2n = log2n;
    p->n = (int64_t)1 << log2n;
    p->h = p->n / 2;
    const int64_t h = p->h;
    p->twr = malloc((size_t)(3 * h / 4 + 1) * sizeof(double));
    p->twi = malloc((size_t)(3 * h / 4 + 1) * sizeof(double));
    p->spr = malloc((size_t)(h / 2 + 1) * sizeof(double));
    p->spi = malloc((size_t)(h / 2 + 1) * sizeof(double));
    p->rev = malloc((size_t)h * sizeof(int64_t));
    if (!p->twr || !p->twi || !p->spr || !p->spi || !p->rev) {
        plan_free(p);
        return NULL;
    }
    for (int64_t t = 0; t < 3 * h / 4; t++) {
        if (t < h / 2) {
            unit_root(t, h, &p->twr[t], &p->twi[t]);
        } else { /* e^{-i pi} e^{-2 pi i (t - h/2) / h} */
            unit_root(t - h / 2, h, &p->twr[t], &p->twi[t]);
            p->twr[t] = -p->twr[t];
            p->twi[t] = -p->twi[t];
        }
    }
    for (int64_t k = 0; k <= h / 2; k++)
        unit_root(k, p->n, &p->spr[k], &p->spi[k]);
    const int bits = log2n - 1;
    for (int64_t i = 0; i < h; i++) {
        int64_t r = 0;
        for (int b = 0; b < bits; b++)
            r |= ((i >> b) & 1) << (bits - 1 - b);
        p->rev[i] = r;
    }
    return p;
}

/* Built plans, by log2 of the size; published once, never freed (a few per
 * process, all needed again by the next call). */
static kk_fft_plan *plans[KK_FFT_MAX_LOG2 + 1];

const kk_fft_plan *kk_fft_plan_get(int log2n)
{
    if (log2n < KK_FFT_MIN_LOG2 || log2n > KK_FFT_MAX_LOG2)
        return NULL;
    kk_fft_plan *p = __atomic_load_n(&plans[log2n], __ATOMIC_ACQUIRE);
    if (p)
        return p;
    kk_fft_plan *fresh = plan_build(log2n);
    if (!fresh)
        return NULL;
    kk_fft_plan *expected = NULL;
    /* Two threads may build the same plan; the first to publish wins. */
    if (__atomic_compare_exchange_n(&plans[log2n], &expected, fresh, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return fresh;
    plan_free(fresh);
    return expected;
}

/* ---- the filter ---- */

void kk_fft_filter_spectrum(const kk_fft_plan *p, const double *w, int64_t nw, double *cr,
                            double *ci, double *scratch)
{
    /* Lane 0 holds the weights, zero padded; the other lanes are zeros. */
    const int64_t n = p->n, h = p->h;
    memset(scratch, 0, (size_t)(n * KK_FFT_LANES) * sizeof(double));
    for (int64_t j = 0; j < nw; j++)
        scratch[j * KK_FFT_LANES] = w[j];
    kk_fft_dif_generic(p, scratch);
    /* X[k] = E + tO as in fft_impl.h's product (twice the true spectrum) */
    for (int64_t k = 0; k <= h; k++) {
        const int64_t kk = k == h ? 0 : k, m = k == 0 || k == h ? 0 : h - k;
        const double *a = scratch + 2 * p->rev[kk] * KK_FFT_LANES;
        const double *b = scratch + 2 * p->rev[m] * KK_FFT_LANES;
        const double ar = a[0], ai = a[KK_FFT_LANES], br = b[0], bi = b[KK_FFT_LANES];
        const double er = ar + br, ei = ai - bi, or_ = ai + bi, oi = br - ar;
        double tr, ti;
        if (k <= h / 2) {
            tr = p->spr[k];
            ti = p->spi[k];
        } else { /* e^{-2 pi i k/N} = -conj(e^{-2 pi i (h-k)/N}) */
            tr = -p->spr[h - k];
            ti = p->spi[h - k];
        }
        const double xr = er + (tr * or_ - ti * oi), xi = ei + (tr * oi + ti * or_);
        /* correlation: the conjugate; 2X from here, 2X from the data and
         * 2h from the inverse transform: divide by 4N (exact, a power of 2) */
        const double scale = 1.0 / (4.0 * (double)n);
        cr[k] = xr * scale;
        ci[k] = -xi * scale;
    }
}
