/*
 * kk_bank_test.c — kk_filterbank1d through the public ABI: every filter's
 * slice of the output equals kk_correlate1d with that filter bit for bit
 * (general, symmetric and antisymmetric weights; all modes; origins; every
 * axis; float32 and float64; reversed input strides and permuted or padded
 * output layouts; lines shorter than the filters and lines longer than one
 * work item; 1..4 threads), and the argument checks in their documented order.
 * (Agreement with SciPy is tested by the Java goldens, golden-bank/.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernelkit.h"
#include "kk_check.h"

/* A bank of F filters of K taps: filter 0 symmetric, 1 antisymmetric (when K
 * is odd), the rest general. */
static double *make_bank(int64_t F, int64_t K)
{
    double *w = malloc((size_t)(F * K) * sizeof *w);
    for (int64_t f = 0; f < F; f++) {
        double *r = w + f * K;
        for (int64_t j = 0; j < K; j++)
            r[j] = uniform();
        if (f < 2 && (K & 1)) {
            for (int64_t j = 0; j < K / 2; j++)
                r[K - 1 - j] = f == 0 ? r[j] : -r[j];
        }
    }
    return w;
}

typedef struct bank_case {
    int dtype, ndim;
    int64_t shape[3];
    int axis;
    int64_t F, K, origin;
    int mode, threads;
    int reversed_input; /* negative stride along the axis */
    int out_layout;     /* 0: C order; 1: filter axis innermost; 2: every other element */
} bank_case;

static int64_t product(const int64_t *shape, int ndim)
{
    int64_t p = 1;
    for (int d = 0; d < ndim; d++)
        p *= shape[d];
    return p;
}

/* Byte strides of a C-ordered array of `shape`, element size es, spread by `gap`. */
static void c_strides(const int64_t *shape, int ndim, int64_t es, int64_t gap, int64_t *st)
{
    int64_t s = es * gap;
    for (int d = ndim - 1; d >= 0; d--) {
        st[d] = s;
        s *= shape[d];
    }
}

static void run_case(const bank_case *c)
{
    const int64_t es = c->dtype == KK_FLOAT64 ? 8 : 4, n = product(c->shape, c->ndim);
    const int64_t F = c->F, K = c->K;
    char *in = malloc((size_t)(n * es) + 1);
    for (int64_t i = 0; i < n; i++) {
        double v = uniform() * 100;
        if (c->dtype == KK_FLOAT64)
            ((double *)(void *)in)[i] = v;
        else
            ((float *)(void *)in)[i] = (float)v;
    }
    int64_t in_st[3];
    c_strides(c->shape, c->ndim, es, 1, in_st);
    const char *in0 = in;
    if (c->reversed_input) { /* element 0 at the end of the axis */
        in0 += (c->shape[c->axis] - 1) * in_st[c->axis];
        in_st[c->axis] = -in_st[c->axis];
    }

    /* The bank output: shape with F inserted before the axis. */
    int64_t oshape[4], ost[4];
    for (int d = 0, o = 0; d < c->ndim; d++) {
        if (d == c->axis)
            oshape[o++] = F;
        oshape[o++] = c->shape[d];
    }
    const int ond = c->ndim + 1;
    if (c->out_layout == 1) { /* filter axis innermost */
        int64_t pshape[4];
        int o = 0;
        for (int d = 0; d < ond; d++)
            if (d != c->axis)
                pshape[o++] = oshape[d];
        pshape[o] = F;
        int64_t pst[4];
        c_strides(pshape, ond, es, 1, pst);
        for (int d = 0, q = 0; d < ond; d++)
            ost[d] = d == c->axis ? pst[ond - 1] : pst[q++];
    } else {
        c_strides(oshape, ond, es, c->out_layout == 2 ? 2 : 1, ost);
    }
    const int64_t obytes = n * F * es * (c->out_layout == 2 ? 2 : 1);
    char *out = malloc((size_t)obytes + 1);
    memset(out, 0, (size_t)obytes);

    double *w = make_bank(F, K);
    CHECK(kk_filterbank1d(c->dtype, c->ndim, c->shape, in0, in_st, out, ost, c->axis, w, F, K,
                          c->origin, c->mode, 0.5, c->threads) == KK_OK);

    char *ref = malloc((size_t)(n * es) + 1);
    int64_t ref_st[3], slice_st[3];
    c_strides(c->shape, c->ndim, es, 1, ref_st);
    for (int d = 0; d < c->ndim; d++)
        slice_st[d] = ost[d < c->axis ? d : d + 1];
    int mismatches = 0;
    for (int64_t f = 0; f < F; f++) {
        CHECK(kk_correlate1d(c->dtype, c->ndim, c->shape, in0, in_st, ref, ref_st, c->axis,
                             w + f * K, K, c->origin, c->mode, 0.5, 1) == KK_OK);
        /* walk the slice in C order of the input's shape */
        for (int64_t i = 0; i < n; i++) {
            int64_t rest = i, off = f * ost[c->axis];
            for (int d = c->ndim - 1; d >= 0; d--) {
                off += (rest % c->shape[d]) * slice_st[d];
                rest /= c->shape[d];
            }
            if (memcmp(out + off, ref + i * es, (size_t)es) != 0)
                mismatches++;
        }
    }
    if (mismatches) {
        fprintf(stderr, "case dtype=%d shape=(%lld,%lld,%lld)/%d axis=%d F=%lld K=%lld origin=%lld "
                "mode=%d threads=%d rev=%d layout=%d: %d mismatches\n", c->dtype,
                (long long)c->shape[0], (long long)c->shape[1], (long long)c->shape[2], c->ndim,
                c->axis, (long long)F, (long long)K, (long long)c->origin, c->mode, c->threads,
                c->reversed_input, c->out_layout, mismatches);
        failures++;
    }
    free(in);
    free(out);
    free(ref);
    free(w);
}

static void matches_correlate(void)
{
    static const int64_t shapes[][3] = {{3, 40, 0}, {4, 3, 50}, {5000, 0, 0}, {2, 3, 0}};
    static const int ndims[] = {2, 3, 1, 2};
    static const int64_t Ks[] = {1, 2, 5, 8, 31};
    int count = 0;
    for (int s = 0; s < 4; s++)
        for (int axis = 0; axis < ndims[s]; axis++)
            for (int k = 0; k < 5; k++)
                for (int mode = KK_MODE_REFLECT; mode <= KK_MODE_CONSTANT; mode++) {
                    bank_case c;
                    memset(&c, 0, sizeof c);
                    c.ndim = ndims[s];
                    memcpy(c.shape, shapes[s], sizeof c.shape);
                    c.axis = axis;
                    c.K = Ks[k];
                    c.F = 1 + (count % 5);
                    c.dtype = count % 2 ? KK_FLOAT32 : KK_FLOAT64;
                    /* both ends of the origin range and the middle, in turn */
                    int64_t lo = -(c.K / 2), hi = (c.K - 1) / 2;
                    c.origin = count % 3 == 0 ? lo : count % 3 == 1 ? hi : 0;
                    c.mode = mode;
                    c.threads = 1 + count % 4;
                    c.reversed_input = count % 7 == 3;
                    c.out_layout = count % 3;
                    run_case(&c);
                    count++;
                }
}

static void thread_counts_agree(void)
{
    /* A few long lines (several work items each) and many short ones. */
    for (int threads = 1; threads <= 4; threads++) {
        bank_case a = {KK_FLOAT64, 2, {2, 9000, 0}, 1, 6, 63, 3, KK_MODE_MIRROR, threads, 0, 0};
        run_case(&a);
        bank_case b = {KK_FLOAT32, 2, {300, 17, 0}, 1, 3, 15, -7, KK_MODE_WRAP, threads, 1, 1};
        run_case(&b);
    }
}

static void argument_checks(void)
{
    double x[6] = {0}, y[12], w[4] = {1, 2, 3, 4};
    int64_t shape[2] = {2, 3}, st[2] = {24, 8}, ost[3] = {48, 24, 8};
    const int M = KK_MODE_REFLECT;
#define BANK(dt, nd, sh, in, out, os, ax, wt, F, K, org, md, th) \
    kk_filterbank1d(dt, nd, sh, in, st, out, os, ax, wt, F, K, org, md, 0.0, th)
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 2, 0, M, 1) == KK_OK);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, NULL, 2, 2, 0, M, 1) == KK_ERR_NULL_POINTER);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, NULL, 1, w, 2, 2, 0, M, 1) == KK_ERR_NULL_POINTER);
    CHECK(BANK(KK_FLOAT64, 2, shape, NULL, y, ost, 1, w, 2, 2, 0, M, 1) == KK_ERR_NULL_POINTER);
    CHECK(BANK(5, 2, shape, x, y, ost, 1, w, 0, 2, 0, M, 1) == KK_ERR_DTYPE);
    CHECK(BANK(KK_FLOAT64, 0, shape, x, y, ost, 1, w, 0, 2, 0, M, 1) == KK_ERR_NDIM);
    CHECK(BANK(KK_FLOAT64, KK_MAX_NDIM + 1, shape, x, y, ost, 1, w, 2, 2, 0, M, 1) == KK_ERR_NDIM);
    /* nfilters < 1 is a SHAPE error, reported before AXIS .. THREADS */
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 0, 2, 0, M, 1) == KK_ERR_SHAPE);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 7, w, 0, 2, 0, 9, 0) == KK_ERR_SHAPE);
    int64_t negative[2] = {2, -1};
    CHECK(BANK(KK_FLOAT64, 2, negative, x, y, ost, 1, w, 2, 2, 0, M, 1) == KK_ERR_SHAPE);
    /* the output (input's size times nfilters) overflows int64 bytes */
    int64_t big[2] = {(int64_t)1 << 30, (int64_t)1 << 29};
    CHECK(BANK(KK_FLOAT64, 2, big, x, y, ost, 1, w, 2, 2, 0, M, 1) == KK_ERR_SHAPE);
    CHECK(BANK(KK_FLOAT64, 2, big, x, y, ost, 1, w, 1, 2, 0, 9, 1) == KK_ERR_MODE);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 2, w, 2, 2, 0, M, 1) == KK_ERR_AXIS);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, -1, w, 2, 2, 0, M, 1) == KK_ERR_AXIS);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 2, 0, 5, 1) == KK_ERR_MODE);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 0, 0, M, 1) == KK_ERR_WEIGHTS);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 2, 1, M, 1) == KK_ERR_ORIGIN);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 2, -2, M, 1) == KK_ERR_ORIGIN);
    CHECK(BANK(KK_FLOAT64, 2, shape, x, y, ost, 1, w, 2, 2, -1, M, 0) == KK_ERR_THREADS);
    /* an empty array is checked, then nothing is touched */
    int64_t empty[2] = {0, 3};
    y[0] = 42;
    CHECK(BANK(KK_FLOAT64, 2, empty, x, y, ost, 1, w, 2, 2, 0, M, 1) == KK_OK);
    CHECK(y[0] == 42);
    CHECK(BANK(KK_FLOAT64, 2, empty, x, y, ost, 1, w, 2, 2, 0, M, 0) == KK_ERR_THREADS);
#undef BANK
}

static void by_hand(void)
{
    /* x = {1, 2, 3}, reflect: extended 1 | 1 2 3 | 3. Filters {1,0,0}
     * (shift right) and {0,0,1} (shift left); output (2 filters, 3 samples). */
    double x[3] = {1, 2, 3}, w[6] = {1, 0, 0, 0, 0, 1}, y[6];
    int64_t shape[1] = {3}, st[1] = {8}, ost[2] = {24, 8};
    CHECK(kk_filterbank1d(KK_FLOAT64, 1, shape, x, st, y, ost, 0, w, 2, 3, 0, KK_MODE_REFLECT,
                          0.0, 1) == KK_OK);
    CHECK(y[0] == 1 && y[1] == 1 && y[2] == 2);
    CHECK(y[3] == 2 && y[4] == 3 && y[5] == 3);
}

int main(void)
{
    argument_checks();
    by_hand();
    matches_correlate();
    thread_counts_agree();
    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("kk_bank_test: all passed\n");
    return 0;
}
