/*
 * kk_fft_test.c — the real FFT of fft.c against a naive DFT, and
 * kk_correlate1d_fft against kk_correlate1d (the direct path, itself tested
 * against SciPy) over modes, origins, odd and even weight counts 1..2000,
 * line lengths from 1 to several blocks, axes, strides (negative too), both
 * dtypes and in-place calls; results must be the same bits for 1, 2 and 3
 * threads and for every instruction set. Links the static library to reach
 * the internal FFT.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/fft.h"
#include "kk_internal.h"
#include "kk_check.h"

static int64_t cases = 0;

/* ---- the FFT itself ------------------------------------------------------ */

/* The filter spectrum is conj(DFT(w)) / (2N); the correlation of random
 * lanes equals the naive circular correlation; every ISA gives the same bits. */
static void fft_vs_naive(void)
{
    for (int lg = KK_FFT_MIN_LOG2; lg <= 11; lg++) {
        const kk_fft_plan *p = kk_fft_plan_get(lg);
        CHECK(p != NULL && p->n == ((int64_t)1 << lg));
        CHECK(kk_fft_plan_get(lg) == p); /* cached */
        if (!p)
            continue;
        const int64_t N = p->n, h = p->h, nw = N / 3 + 1;
        double *w = malloc(N * sizeof(double)), *cr = malloc((h + 1) * sizeof(double));
        double *ci = malloc((h + 1) * sizeof(double));
        double *scratch = kk_fft_alloc(N * KK_FFT_LANES);
        double *x = kk_fft_alloc(N * KK_FFT_LANES);
        double *v = kk_fft_alloc(N * KK_FFT_LANES);
        double *v2 = kk_fft_alloc(N * KK_FFT_LANES);
        for (int64_t j = 0; j < nw; j++)
            w[j] = uniform();
        kk_fft_filter_spectrum(p, w, nw, cr, ci, scratch);
        double err = 0, scale = 0;
        for (int64_t k = 0; k <= h; k++) {
            long double re = 0, im = 0;
            for (int64_t j = 0; j < nw; j++) {
                long double a = -2.0L * 3.14159265358979323846264338327950288L * j * k / N;
                re += w[j] * cosl(a);
                im += w[j] * sinl(a);
            }
            double er = (double)(re / (2 * N)) - cr[k], ei = (double)(-im / (2 * N)) - ci[k];
            err = fmax(err, fmax(fabs(er), fabs(ei)));
            scale = fmax(scale, (double)(fabsl(re) + fabsl(im)) / (2 * N));
        }
        CHECK(err <= 1e-14 * scale * lg);
        CHECK(ci[0] == 0 && ci[h] == 0);

        for (int64_t i = 0; i < N * KK_FFT_LANES; i++)
            x[i] = uniform();
        memcpy(v, x, N * KK_FFT_LANES * sizeof(double));
        kk_fft_correlate_select(KK_ISA_BASELINE)(p, v, cr, ci);
        double cerr = 0, cscale = 0;
        for (int l = 0; l < KK_FFT_LANES; l++)
            for (int64_t i = 0; i < N; i++) {
                long double s = 0, a = 0;
                for (int64_t j = 0; j < nw; j++) {
                    double t = w[j] * x[((i + j) % N) * KK_FFT_LANES + l];
                    s += t;
                    a += fabs(t);
                }
                cerr = fmax(cerr, fabs((double)s - v[i * KK_FFT_LANES + l]));
                cscale = fmax(cscale, (double)a);
            }
        CHECK(cerr <= 1e-15 * cscale * lg);
        for (int isa = KK_ISA_AVX2; isa <= KK_ISA_AVX512; isa++) {
            if (!kk_isa_available(isa))
                continue;
            memcpy(v2, x, N * KK_FFT_LANES * sizeof(double));
            kk_fft_correlate_select(isa)(p, v2, cr, ci);
            CHECK(memcmp(v, v2, N * KK_FFT_LANES * sizeof(double)) == 0);
        }
        free(w), free(cr), free(ci);
        kk_fft_free(scratch), kk_fft_free(x), kk_fft_free(v), kk_fft_free(v2);
    }
}

/* ---- kk_correlate1d_fft against kk_correlate1d --------------------------- */

typedef struct layout {
    int ndim, axis;
    int64_t shape[3];
    int64_t order[3]; /* dims from slowest to fastest in memory */
    int negate;       /* reverse the axis (negative stride) */
    int gap;          /* stride padding, in elements */
} layout;

/* Elements strides (in bytes) for a layout in a buffer; returns the byte
 * offset of element 0 and the buffer size in elements. */
static int64_t make_strides(const layout *L, int64_t esize, int64_t *strides, int64_t *total)
{
    int64_t s = 1 + L->gap;
    for (int k = L->ndim - 1; k >= 0; k--) {
        int d = (int)L->order[k];
        strides[d] = s;
        s *= L->shape[d] + L->gap;
    }
    *total = s;
    int64_t off = 0;
    for (int d = 0; d < L->ndim; d++) {
        if (L->negate && d == L->axis) {
            off += (L->shape[d] - 1) * strides[d];
            strides[d] = -strides[d];
        }
        strides[d] *= esize;
    }
    return off * esize;
}

static double elem(const char *base, int dtype)
{
    return dtype == KK_FLOAT64 ? *(const double *)base : *(const float *)base;
}

/* max |a - b| and max |a| over every element of the layout. */
static void compare(const layout *L, int dtype, const char *a, const char *b,
                    const int64_t *st, double *diff, double *amax)
{
    int64_t n0 = L->shape[0], n1 = L->ndim > 1 ? L->shape[1] : 1, n2 = L->ndim > 2 ? L->shape[2] : 1;
    int64_t s0 = st[0], s1 = L->ndim > 1 ? st[1] : 0, s2 = L->ndim > 2 ? st[2] : 0;
    *diff = 0;
    *amax = 0;
    for (int64_t i = 0; i < n0; i++)
        for (int64_t j = 0; j < n1; j++)
            for (int64_t k = 0; k < n2; k++) {
                int64_t o = i * s0 + j * s1 + k * s2;
                double x = elem(a + o, dtype), y = elem(b + o, dtype);
                *diff = fmax(*diff, fabs(x - y));
                *amax = fmax(*amax, fabs(x));
                if (x != x || y != y)
                    *diff = INFINITY;
            }
}

static void one_case(const layout *L, int dtype, const double *w, int64_t K, int64_t origin,
                     int mode, int inplace)
{
    const int64_t es = dtype == KK_FLOAT64 ? 8 : 4;
    int64_t st[3], total;
    const int64_t off = make_strides(L, es, st, &total);
    char *in = malloc(total * es), *ref = malloc(total * es), *out = malloc(total * es);
    char *out2 = malloc(total * es);
    double xmax = 0;
    for (int64_t i = 0; i < total; i++) {
        double v = uniform() * 4;
        xmax = fmax(xmax, fabs(v));
        if (dtype == KK_FLOAT64)
            ((double *)in)[i] = v;
        else
            ((float *)in)[i] = (float)v;
    }
    const double cval = 0.75;
    memcpy(ref, in, total * es);
    int rc = kk_correlate1d(dtype, L->ndim, L->shape, in + off, st, ref + off, st, L->axis, w, K,
                            origin, mode, cval, 1);
    CHECK(rc == KK_OK);
    double wsum = 0;
    for (int64_t j = 0; j < K; j++)
        wsum += fabs(w[j]);
    for (int threads = 1; threads <= 3; threads++) {
        char *dst = threads == 1 ? out : out2;
        memcpy(dst, in, total * es);
        const char *src = inplace ? dst : in;
        rc = kk_correlate1d_fft(dtype, L->ndim, L->shape, src + off, st, dst + off, st, L->axis,
                                w, K, origin, mode, cval, threads);
        CHECK(rc == KK_OK);
        if (threads == 1) {
            double diff, amax;
            compare(L, dtype, ref + off, out + off, st, &diff, &amax);
            double scale = fmax(amax, wsum * fmax(xmax, cval));
            double tol = dtype == KK_FLOAT64 ? 1e-12 * scale : 1e-5 * scale;
            if (!(diff <= tol)) {
                fprintf(stderr, "mismatch: dtype %d ndim %d axis %d shape %lld,%lld,%lld K %lld "
                        "origin %lld mode %d inplace %d: diff %g tol %g\n", dtype, L->ndim,
                        L->axis, (long long)L->shape[0], (long long)L->shape[1],
                        (long long)L->shape[2], (long long)K, (long long)origin, mode, inplace,
                        diff, tol);
                failures++;
            }
        } else {
            CHECK(memcmp(out, out2, total * es) == 0);
        }
    }
    cases++;
    free(in), free(ref), free(out), free(out2);
}

static void against_direct(void)
{
    static const int64_t ks[] = {1, 2, 3, 4, 5, 8, 15, 16, 31, 64, 127, 256, 321, 1000, 1023, 2000};
    static const int64_t ns[] = {1, 2, 3, 7, 40, 333, 1000, 5000, 23456};
    const int nk = sizeof ks / sizeof *ks, nn = sizeof ns / sizeof *ns;
    double *w = malloc(2000 * sizeof(double));
    for (int ik = 0; ik < nk; ik++) {
        const int64_t K = ks[ik];
        for (int64_t j = 0; j < K; j++)
            w[j] = uniform();
        for (int in_ = 0; in_ < nn; in_++) {
            const int64_t n = ns[in_];
            if (n * K > 40000000)
                continue;
            for (int mode = KK_MODE_REFLECT; mode <= KK_MODE_CONSTANT; mode++) {
                /* origins: both ends of the range and the centre, in turn */
                const int64_t origins[3] = {-(K / 2), 0, (K - 1) / 2};
                const int64_t origin = origins[(ik + in_ + mode) % 3];
                const int dtype = (ik + mode) % 2 ? KK_FLOAT32 : KK_FLOAT64;
                const int inplace = (in_ + mode) % 2;
                /* few lines along the last axis (lines split into pieces) */
                layout a = {2, 1, {2, n, 1}, {0, 1, 0}, (int)(ik % 2), 0};
                one_case(&a, dtype, w, K, origin, mode, inplace);
                if (n <= 5000 && K <= 1000) {
                    /* many lines along axis 0, strided, one dimension reversed */
                    layout b = {3, 0, {n, 3, 7}, {0, 2, 1}, 1, 1};
                    one_case(&b, dtype ^ 1, w, K, origin, mode, !inplace);
                    /* the middle axis, lines interleaved */
                    layout c = {3, 1, {5, n, 4}, {2, 1, 0}, 0, 0};
                    one_case(&c, dtype, w, K, origin, mode, inplace);
                    /* axis 0 of a C-ordered matrix: the lines' samples at one
                     * position are contiguous (rows copied whole) */
                    layout d = {2, 0, {n, 70, 1}, {0, 1, 0}, (int)(mode % 2), 0};
                    one_case(&d, dtype ^ (int)(ik % 2), w, K, origin, mode, inplace);
                }
                if (n >= 1000 && n <= 5000 && K <= 1000) {
                    /* a dozen contiguous lines: whole jobs of lines, cut into
                     * pieces for 2 and 3 threads */
                    layout e = {2, 1, {12, n, 1}, {0, 1, 0}, 0, 0};
                    one_case(&e, dtype, w, K, origin, mode, !inplace);
                    /* 64 strided lines: one job of whole rows, cut into
                     * pieces for 2 and 3 threads */
                    layout f = {2, 0, {n, 64, 1}, {0, 1, 0}, 0, 0};
                    one_case(&f, dtype ^ 1, w, K, origin, mode, inplace);
                }
            }
        }
    }
    free(w);
}

/* Lines split across calls give the same bits as one call (a line's result
 * does not depend on the other lines). */
static void lines_independent(void)
{
    enum { R = 20, N = 3000, K = 301 };
    double *x = malloc(R * N * sizeof(double)), *y = malloc(R * N * sizeof(double));
    double *z = malloc(N * sizeof(double)), w[K];
    for (int i = 0; i < R * N; i++)
        x[i] = uniform();
    for (int j = 0; j < K; j++)
        w[j] = uniform();
    int64_t shape[2] = {R, N}, st[2] = {N * 8, 8}, shape1[1] = {N}, st1[1] = {8};
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 2, shape, x, st, y, st, 1, w, K, 3, KK_MODE_MIRROR, 0, 2)
          == KK_OK);
    for (int r = 0; r < R; r++) {
        CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape1, x + r * N, st1, z, st1, 0, w, K, 3,
                                 KK_MODE_MIRROR, 0, 1 + r % 3) == KK_OK);
        CHECK(memcmp(z, y + r * N, N * sizeof(double)) == 0);
    }
    free(x), free(y), free(z);
}

/* Outputs beyond the caches are stored differently (streamed): the same
 * results, in place too. */
static void large_output(void)
{
    const int64_t R = 2, N = 4300000, K = 101;
    double *x = malloc(R * N * sizeof(double)), *ref = malloc(R * N * sizeof(double));
    double *y = malloc(R * N * sizeof(double)), w[101], wsum = 0;
    for (int64_t i = 0; i < R * N; i++)
        x[i] = uniform();
    for (int j = 0; j < K; j++)
        wsum += fabs(w[j] = uniform());
    int64_t shape[2] = {R, N}, st[2] = {N * 8, 8};
    CHECK(kk_correlate1d(KK_FLOAT64, 2, shape, x, st, ref, st, 1, w, K, -7, KK_MODE_WRAP, 0, 2) == KK_OK);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 2, shape, x, st, y, st, 1, w, K, -7, KK_MODE_WRAP, 0, 1)
          == KK_OK);
    double diff = 0;
    for (int64_t i = 0; i < R * N; i++)
        diff = fmax(diff, fabs(y[i] - ref[i]));
    CHECK(diff <= 1e-12 * wsum);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 2, shape, x, st, x, st, 1, w, K, -7, KK_MODE_WRAP, 0, 2)
          == KK_OK);
    CHECK(memcmp(x, y, R * N * sizeof(double)) == 0);
    free(x), free(ref), free(y);
}

static void argument_checks(void)
{
    double x[4] = {1, 2, 3, 4}, y[4], w[3] = {1, 2, 3};
    int64_t shape[1] = {4}, st[1] = {8};
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, NULL, 3, 0, 0, 0, 1)
          == KK_ERR_NULL_POINTER);
    CHECK(kk_correlate1d_fft(5, 1, shape, x, st, y, st, 0, w, 3, 0, 0, 0, 1) == KK_ERR_DTYPE);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 1, w, 3, 0, 0, 0, 1) == KK_ERR_AXIS);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, w, 3, 0, 9, 0, 1) == KK_ERR_MODE);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, w, 0, 0, 0, 0, 1)
          == KK_ERR_WEIGHTS);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, w, 3, 2, 0, 0, 1) == KK_ERR_ORIGIN);
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, w, 3, 0, 0, 0, 0) == KK_ERR_THREADS);
    int64_t empty[1] = {0};
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, empty, x, st, y, st, 0, w, 3, 0, 0, 0, 1) == KK_OK);
    /* by hand: [1 2 3 4] reflect-extended, weights 1 2 3, origin 0:
     * y[0] = 1*1 + 2*1 + 3*2 = 9 */
    CHECK(kk_correlate1d_fft(KK_FLOAT64, 1, shape, x, st, y, st, 0, w, 3, 0, KK_MODE_REFLECT, 0, 1)
          == KK_OK);
    CHECK(fabs(y[0] - 9) < 1e-13 && fabs(y[1] - 14) < 1e-13 && fabs(y[3] - 1 * 3 - 2 * 4 - 3 * 4) < 1e-13);
}

int main(void)
{
    argument_checks();
    fft_vs_naive();
    lines_independent();
    large_output();
    against_direct();
    printf("kk_fft_test: %lld correlate cases, %d failures\n", (long long)cases, failures);
    return failures ? 1 : 0;
}
