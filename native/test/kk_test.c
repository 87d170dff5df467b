/*
 * kk_test.c — tests of libkernelkit's public API against kk_reference.c.
 *
 * Every float64 result must be bit-identical to the naive reference (same
 * summation order as SciPy's NI_Correlate1D), every float32 result too (the
 * reference rounds its double result once, as SciPy does), for every thread
 * count, layout (C, Fortran, permuted, gapped, negative strides) and for
 * in-place calls. Gaps between elements of gapped arrays are filled with a
 * sentinel and checked afterwards, to catch stray writes.
 *
 *   kk_test                run everything (exit status 0 on success)
 *   kk_test --dump DIR     also write cases for check_scipy.py (needs Python
 *                          with SciPy; optional, not part of the CTest run)
 */
#if defined(__unix__) || defined(__APPLE__)
#define KK_TEST_PTHREADS 1
#include <pthread.h>
#endif
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernelkit.h"
#include "kk_reference.h"

static int failures = 0;
static long checks = 0;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            if (failures <= 30) {                                              \
                fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
                fprintf(stderr, __VA_ARGS__);                                  \
                fprintf(stderr, "\n");                                         \
            }                                                                  \
        }                                                                      \
    } while (0)

/* ---- random numbers (deterministic) ------------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int64_t rnd_int(int64_t lo, int64_t hi) /* inclusive */
{
    return lo + (int64_t)(rnd() % (uint64_t)(hi - lo + 1));
}

static double rnd_unit(void) /* [-1, 1) */
{
    return (double)(rnd() >> 11) / 4503599627370496.0 - 1.0;
}

/* ---- strided arrays ------------------------------------------------------ */

enum { LAYOUT_C, LAYOUT_F, LAYOUT_RANDOM, LAYOUT_COUNT };

typedef struct array {
    int dtype, ndim;
    int64_t shape[8], strides[8];
    int64_t esize;
    unsigned char *buf; /* whole allocation */
    size_t bytes;
    char *data;         /* element (0, ..., 0) */
} array;

static const unsigned char SENTINEL = 0xA5;

/* Layout: order of dimensions in memory, gaps (stride multipliers) and
 * reversed (negative-stride) dimensions. */
static void array_make(array *a, int dtype, int ndim, const int64_t *shape, int layout)
{
    memset(a, 0, sizeof *a);
    a->dtype = dtype;
    a->ndim = ndim;
    a->esize = dtype == KK_FLOAT64 ? 8 : 4;
    int order[8];
    for (int d = 0; d < ndim; d++) {
        a->shape[d] = shape[d];
        order[d] = layout == LAYOUT_F ? d : ndim - 1 - d; /* fastest first */
    }
    if (layout == LAYOUT_RANDOM) {
        for (int d = ndim - 1; d > 0; d--) {
            int k = (int)rnd_int(0, d);
            int t = order[d];
            order[d] = order[k];
            order[k] = t;
        }
    }
    int64_t step = a->esize, offset = 0;
    for (int k = 0; k < ndim; k++) {
        int d = order[k];
        int64_t mult = layout == LAYOUT_RANDOM ? rnd_int(1, 2) : 1;
        int64_t s = step * mult;
        int64_t ext = shape[d] > 0 ? shape[d] : 1;
        int neg = layout == LAYOUT_RANDOM && rnd_int(0, 2) == 0;
        a->strides[d] = neg ? -s : s;
        if (neg)
            offset += (ext - 1) * s;
        step = s * ext;
    }
    a->bytes = (size_t)step + 64;
    a->buf = malloc(a->bytes);
    memset(a->buf, SENTINEL, a->bytes);
    a->data = (char *)a->buf + offset;
}

static int64_t array_size(const array *a)
{
    int64_t n = 1;
    for (int d = 0; d < a->ndim; d++)
        n *= a->shape[d];
    return n;
}

/* Pointer to the element with flat C-order index i. */
static char *array_at(const array *a, int64_t i)
{
    char *p = a->data;
    for (int d = a->ndim - 1; d >= 0; d--) {
        p += (i % a->shape[d]) * a->strides[d];
        i /= a->shape[d];
    }
    return p;
}

static double array_get(const array *a, int64_t i)
{
    const char *p = array_at(a, i);
    return a->dtype == KK_FLOAT64 ? *(const double *)p : (double)*(const float *)p;
}

static void array_fill_random(array *a)
{
    for (int64_t i = 0, n = array_size(a); i < n; i++) {
        char *p = array_at(a, i);
        double v = rnd_unit() * 10.0;
        if (a->dtype == KK_FLOAT64)
            *(double *)p = v;
        else
            *(float *)p = (float)v;
    }
}

/* Bytes of the allocation that are not elements must still be the sentinel. */
static int array_gaps_intact(const array *a)
{
    unsigned char *mask = calloc(a->bytes, 1);
    for (int64_t i = 0, n = array_size(a); i < n; i++)
        memset(mask + (array_at(a, i) - (char *)a->buf), 1, (size_t)a->esize);
    int ok = 1;
    for (size_t b = 0; b < a->bytes; b++)
        if (!mask[b] && a->buf[b] != SENTINEL)
            ok = 0;
    free(mask);
    return ok;
}

/* Same shape; 1 when every element is bitwise equal. */
static int64_t array_first_diff(const array *x, const array *y)
{
    for (int64_t i = 0, n = array_size(x); i < n; i++)
        if (memcmp(array_at(x, i), array_at(y, i), (size_t)x->esize) != 0)
            return i;
    return -1;
}

static void array_copy_values(array *dst, const array *src)
{
    for (int64_t i = 0, n = array_size(src); i < n; i++)
        memcpy(array_at(dst, i), array_at(src, i), (size_t)src->esize);
}

static void array_free(array *a)
{
    free(a->buf);
    a->buf = NULL;
}

/* ---- one test case --------------------------------------------------------- */

enum { OP_CORRELATE, OP_CONVOLVE, OP_GAUSSIAN };
static const char *op_names[] = {"correlate", "convolve", "gaussian"};
static const char *mode_names[] = {"reflect", "mirror", "nearest", "wrap", "constant"};

typedef struct tcase {
    int op, dtype, ndim, axis, mode;
    int64_t shape[8];
    int in_layout, out_layout, inplace;
    const double *w; /* correlate / convolve */
    int64_t K, origin;
    double sigma, truncate; /* gaussian */
    int order;
    int64_t radius;
    double cval;
} tcase;

static int call_kk(const tcase *c, const array *in, array *out, int threads)
{
    switch (c->op) {
    case OP_CORRELATE:
        return kk_correlate1d(c->dtype, c->ndim, c->shape, in->data, in->strides, out->data,
                              out->strides, c->axis, c->w, c->K, c->origin, c->mode, c->cval,
                              threads);
    case OP_CONVOLVE:
        return kk_convolve1d(c->dtype, c->ndim, c->shape, in->data, in->strides, out->data,
                             out->strides, c->axis, c->w, c->K, c->origin, c->mode, c->cval,
                             threads);
    default:
        return kk_gaussian1d(c->dtype, c->ndim, c->shape, in->data, in->strides, out->data,
                             out->strides, c->axis, c->sigma, c->order, c->truncate, c->radius,
                             c->mode, c->cval, threads);
    }
}

static void describe(const tcase *c, char *buf, size_t len)
{
    int k = snprintf(buf, len, "%s %s shape=(", op_names[c->op],
                     c->dtype == KK_FLOAT64 ? "f64" : "f32");
    for (int d = 0; d < c->ndim; d++)
        k += snprintf(buf + k, len - (size_t)k, "%lld,", (long long)c->shape[d]);
    snprintf(buf + k, len - (size_t)k,
             ") axis=%d mode=%s K=%lld origin=%lld layouts=%d/%d inplace=%d sigma=%g order=%d",
             c->axis, mode_names[c->mode], (long long)c->K, (long long)c->origin, c->in_layout,
             c->out_layout, c->inplace, c->sigma, c->order);
}

static FILE *dump_manifest = NULL;
static const char *dump_dir = NULL;
static int dump_count = 0;

static void dump_case(const tcase *c, const array *in, const array *out, const double *w,
                      int64_t K)
{
    char path[1024];
    int id = dump_count++;
    int64_t n = array_size(in);
    double *v = malloc((size_t)n * sizeof(double));
    for (int64_t i = 0; i < n; i++)
        v[i] = array_get(in, i);
    snprintf(path, sizeof path, "%s/case%d_in.f64", dump_dir, id);
    FILE *f = fopen(path, "wb");
    fwrite(v, sizeof(double), (size_t)n, f);
    fclose(f);
    for (int64_t i = 0; i < n; i++)
        v[i] = array_get(out, i);
    snprintf(path, sizeof path, "%s/case%d_out.f64", dump_dir, id);
    f = fopen(path, "wb");
    fwrite(v, sizeof(double), (size_t)n, f);
    fclose(f);
    free(v);
    fprintf(dump_manifest, "%d %s %s %d", id, op_names[c->op], c->dtype == KK_FLOAT64 ? "f64" : "f32",
            c->ndim);
    for (int d = 0; d < c->ndim; d++)
        fprintf(dump_manifest, " %lld", (long long)c->shape[d]);
    fprintf(dump_manifest, " %d %s %.17g %lld %.17g %d %lld %lld", c->axis, mode_names[c->mode],
            c->cval, (long long)c->origin, c->sigma, c->order, (long long)c->radius,
            (long long)K);
    for (int64_t j = 0; j < K; j++)
        fprintf(dump_manifest, " %.17g", w[j]);
    fprintf(dump_manifest, "\n");
}

/* Runs c with 1..4 threads and compares with the reference. */
static void run_case(const tcase *c, int dump)
{
    char desc[512];
    describe(c, desc, sizeof desc);

    array in, orig, ref;
    array_make(&in, c->dtype, c->ndim, c->shape, c->in_layout);
    array_fill_random(&in);
    array_make(&orig, c->dtype, c->ndim, c->shape, LAYOUT_C);
    array_copy_values(&orig, &in);
    array_make(&ref, c->dtype, c->ndim, c->shape, LAYOUT_C);

    /* The correlation weights and origin the reference uses. */
    const double *w = c->w;
    int64_t K = c->K;
    double *gw = NULL;
    if (c->op == OP_GAUSSIAN) {
        int64_t r = c->radius;
        if (r < 0)
            CHECK(kk_gaussian_radius(c->sigma, c->truncate, &r) == KK_OK, "radius %s", desc);
        K = 2 * r + 1;
        gw = malloc((size_t)K * sizeof(double));
        double *kern = malloc((size_t)K * sizeof(double));
        CHECK(kk_gaussian_kernel1d(c->sigma, c->order, r, kern) == KK_OK, "kernel %s", desc);
        for (int64_t j = 0; j < K; j++)
            gw[j] = kern[K - 1 - j];
        free(kern);
        w = gw;
        ref_correlate(c->dtype, c->ndim, c->shape, orig.data, orig.strides, ref.data,
                      ref.strides, c->axis, w, K, 0, c->mode, c->cval);
    } else if (c->op == OP_CONVOLVE) {
        ref_convolve(c->dtype, c->ndim, c->shape, orig.data, orig.strides, ref.data, ref.strides,
                     c->axis, w, K, c->origin, c->mode, c->cval);
    } else {
        ref_correlate(c->dtype, c->ndim, c->shape, orig.data, orig.strides, ref.data,
                      ref.strides, c->axis, w, K, c->origin, c->mode, c->cval);
    }

    for (int threads = 1; threads <= 4; threads++) {
        array out;
        if (c->inplace) {
            array_copy_values(&in, &orig);
            out = in;
        } else {
            array_make(&out, c->dtype, c->ndim, c->shape, c->out_layout);
        }
        int st = call_kk(c, &in, &out, threads);
        CHECK(st == KK_OK, "status %d (%s) threads=%d %s", st, kk_strerror(st), threads, desc);
        int64_t i = array_first_diff(&out, &ref);
        CHECK(i < 0, "element %lld: got %.17g want %.17g, threads=%d %s", (long long)i,
              i >= 0 ? array_get(&out, i) : 0.0, i >= 0 ? array_get(&ref, i) : 0.0, threads,
              desc);
        CHECK(array_gaps_intact(&out), "write outside the output elements, threads=%d %s",
              threads, desc);
        if (!c->inplace) {
            CHECK(array_first_diff(&in, &orig) < 0, "input modified, threads=%d %s", threads,
                  desc);
            CHECK(array_gaps_intact(&in), "input gaps modified, threads=%d %s", threads, desc);
            if (dump && threads == 2)
                dump_case(c, &in, &out, w, K);
            array_free(&out);
        }
    }
    free(gw);
    array_free(&in);
    array_free(&orig);
    array_free(&ref);
}

/* ---- weights --------------------------------------------------------------- */

enum { W_RANDOM, W_SYMMETRIC, W_ANTISYMMETRIC, W_NEAR_SYMMETRIC, W_ZERO, W_KINDS };

static void make_weights(double *w, int64_t K, int kind)
{
    for (int64_t j = 0; j < K; j++)
        w[j] = kind == W_ZERO ? 0.0 : rnd_unit();
    int64_t c = K / 2;
    for (int64_t i = 1; i <= c && K % 2 == 1; i++) {
        if (kind == W_SYMMETRIC)
            w[c + i] = w[c - i];
        else if (kind == W_ANTISYMMETRIC)
            w[c + i] = -w[c - i];
        else if (kind == W_NEAR_SYMMETRIC) /* SciPy folds these too */
            w[c + i] = w[c - i] + (rnd() & 1 ? 1e-16 : -1e-16);
    }
}

/* ---- test groups ----------------------------------------------------------- */

/* Every origin, every mode, short lines (padding longer than the line). */
static void test_small_kernels(void)
{
    static const int64_t lengths[] = {1, 2, 3, 5, 7};
    double w[8];
    for (int64_t K = 1; K <= 5; K++) {
        for (int64_t origin = -(K / 2); origin <= (K - 1) / 2; origin++) {
            for (int mode = 0; mode < 5; mode++) {
                for (size_t li = 0; li < sizeof lengths / sizeof *lengths; li++) {
                    for (int wk = 0; wk < W_KINDS; wk++) {
                        make_weights(w, K, wk);
                        tcase c = {0};
                        c.op = wk % 2 ? OP_CONVOLVE : OP_CORRELATE;
                        c.dtype = li % 2 ? KK_FLOAT32 : KK_FLOAT64;
                        c.ndim = 1;
                        c.shape[0] = lengths[li];
                        c.mode = mode;
                        c.w = w;
                        c.K = K;
                        c.origin = origin;
                        c.cval = 1.5;
                        c.inplace = wk == W_ZERO;
                        run_case(&c, 0);
                    }
                }
            }
        }
    }
}

/* Random shapes, layouts, axes, weights, modes, dtypes, in-place. */
static void test_random(int ncases)
{
    static const int64_t extents[] = {1, 2, 3, 5, 8, 13, 40, 100};
    static const int64_t Ks[] = {1, 2, 3, 4, 5, 8, 21};
    double w[400];
    for (int k = 0; k < ncases; k++) {
        tcase c = {0};
        c.ndim = (int)rnd_int(1, 3);
        int64_t size = 1;
        for (int d = 0; d < c.ndim; d++) {
            c.shape[d] = extents[rnd_int(0, 7)];
            size *= c.shape[d];
        }
        if (rnd_int(0, 4) == 0) { /* one long axis */
            int d = (int)rnd_int(0, c.ndim - 1);
            c.shape[d] = rnd_int(200, 3000);
            size = 1;
            for (int e = 0; e < c.ndim; e++)
                size *= c.shape[e];
        }
        if (size > 200000)
            continue;
        c.axis = (int)rnd_int(0, c.ndim - 1);
        c.dtype = rnd_int(0, 1) ? KK_FLOAT64 : KK_FLOAT32;
        c.mode = (int)rnd_int(0, 4);
        c.cval = rnd_unit();
        c.in_layout = (int)rnd_int(0, LAYOUT_COUNT - 1);
        c.out_layout = (int)rnd_int(0, LAYOUT_COUNT - 1);
        c.inplace = rnd_int(0, 2) == 0;
        c.op = (int)rnd_int(0, 5);
        if (c.op > OP_GAUSSIAN)
            c.op = OP_CORRELATE;
        if (c.op == OP_GAUSSIAN) {
            c.sigma = 0.2 + 8.0 * (rnd_unit() + 1.0);
            c.order = (int)rnd_int(0, 3);
            c.truncate = 4.0;
            c.radius = rnd_int(0, 3) == 0 ? rnd_int(0, 30) : -1;
        } else {
            c.K = rnd_int(0, 9) == 0 ? rnd_int(22, 321) : Ks[rnd_int(0, 6)];
            c.origin = rnd_int(-(c.K / 2), (c.K - 1) / 2);
            make_weights(w, c.K, (int)rnd_int(0, W_KINDS - 1));
            c.w = w;
        }
        run_case(&c, 0);
    }
}

/* Long lines: one line split across threads, and line groups on strided axes. */
static void test_long_lines(void)
{
    struct {
        int ndim;
        int64_t shape[3];
        int axis;
    } shapes[] = {
        {1, {100000}, 0},    {2, {3, 30000}, 1},  {2, {30000, 3}, 0},
        {2, {20000, 37}, 0}, {2, {37, 3000}, 0},  {3, {5, 2000, 9}, 1},
        {2, {2, 9}, 1},      {2, {9, 5000}, 1},   {2, {3000, 100}, 0},
        {2, {2000, 130}, 0}, {3, {700, 3, 70}, 0}, {2, {1, 20}, 1},
    };
    for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
        for (int variant = 0; variant < 4; variant++) {
            tcase c = {0};
            c.op = OP_GAUSSIAN;
            c.ndim = shapes[s].ndim;
            memcpy(c.shape, shapes[s].shape, sizeof c.shape[0] * 3);
            c.axis = shapes[s].axis;
            c.dtype = variant & 1 ? KK_FLOAT32 : KK_FLOAT64;
            c.inplace = variant >= 2;
            c.in_layout = variant == 3 ? LAYOUT_F : LAYOUT_C;
            c.out_layout = LAYOUT_C;
            c.mode = (int)(s % 5);
            c.sigma = variant ? 40.0 : 3.0;
            c.order = variant;
            c.truncate = 4.0;
            c.radius = -1;
            run_case(&c, 0);
        }
    }
}

/* More than KK_LONG_KERNEL taps: jobs of one tile on strided axes. */
static void test_long_kernel(void)
{
    enum { K = 4101 };
    double *w = malloc(K * sizeof(double));
    make_weights(w, K, W_SYMMETRIC);
    tcase c = {0};
    c.op = OP_CORRELATE;
    c.dtype = KK_FLOAT64;
    c.ndim = 2;
    c.shape[0] = 300;
    c.shape[1] = 21;
    c.axis = 0;
    c.mode = KK_MODE_MIRROR;
    c.w = w;
    c.K = K;
    c.origin = -7;
    c.inplace = 1;
    run_case(&c, 0);
    c.shape[0] = 21;
    c.shape[1] = 300;
    c.axis = 1;
    c.inplace = 0;
    c.op = OP_CONVOLVE;
    run_case(&c, 0);
    free(w);
}

static int near(double a, double b, double tol)
{
    return fabs(a - b) <= tol * (fabs(b) > 1 ? fabs(b) : 1);
}

/* The kernel against values computed by hand (sigma 1, radius 1 and 2) and
 * SciPy's _gaussian_kernel1d. */
static void test_gaussian_kernel(void)
{
    double k[9];
    const double e = exp(-0.5), s1 = 1.0 + 2.0 * e; /* sigma 1, radius 1 */
    CHECK(kk_gaussian_kernel1d(1.0, 0, 1, k) == KK_OK, "kernel order 0");
    CHECK(near(k[0], e / s1, 1e-15) && near(k[1], 1 / s1, 1e-15) && near(k[2], e / s1, 1e-15),
          "order 0: %.17g %.17g %.17g", k[0], k[1], k[2]);
    CHECK(k[0] == k[2], "order 0 symmetric");
    /* order 1: -x phi */
    CHECK(kk_gaussian_kernel1d(1.0, 1, 1, k) == KK_OK, "kernel order 1");
    CHECK(near(k[0], e / s1, 1e-15) && k[1] == 0.0 && near(k[2], -e / s1, 1e-15),
          "order 1: %.17g %.17g %.17g", k[0], k[1], k[2]);
    CHECK(k[0] == -k[2], "order 1 antisymmetric");
    CHECK(!signbit(k[1]), "order 1: +0 at the centre, as SciPy");
    /* order 2: (x^2 - 1) phi */
    CHECK(kk_gaussian_kernel1d(1.0, 2, 1, k) == KK_OK, "kernel order 2");
    CHECK(k[0] == 0.0 && near(k[1], -1 / s1, 1e-15) && k[2] == 0.0,
          "order 2: %.17g %.17g %.17g", k[0], k[1], k[2]);
    /* order 3: (3x - x^3) phi */
    CHECK(kk_gaussian_kernel1d(1.0, 3, 1, k) == KK_OK, "kernel order 3");
    CHECK(near(k[0], -2 * e / s1, 1e-15) && k[1] == 0.0 && near(k[2], 2 * e / s1, 1e-15),
          "order 3: %.17g %.17g %.17g", k[0], k[1], k[2]);
    CHECK(k[0] == -k[2], "order 3 antisymmetric");

    /* sigma 2, radius 4: scipy.ndimage._filters._gaussian_kernel1d(2.0, order, 4) */
    static const double want[4][9] = {
        {0.027630550638898826, 0.06628224528636122, 0.12383153680577533, 0.1801738229113809,
         0.20416368871516757, 0.1801738229113809, 0.12383153680577533, 0.06628224528636122,
         0.027630550638898826},
        {0.027630550638898826, 0.04971168396477091, 0.061915768402887664, 0.045043455727845225,
         0.0, -0.045043455727845225, -0.061915768402887664, -0.04971168396477091,
         -0.027630550638898826},
        {0.02072291297917412, 0.02071320165198788, 0.0, -0.033782591795883915,
         -0.051040922178791893, -0.033782591795883915, 0.0, 0.02071320165198788,
         0.02072291297917412},
        {0.006907637659724707, -0.009320940743394545, -0.030957884201443832,
         -0.03096737581289359, 0.0, 0.03096737581289359, 0.030957884201443832,
         0.009320940743394545, -0.006907637659724707},
    };
    for (int order = 0; order <= 3; order++) {
        CHECK(kk_gaussian_kernel1d(2.0, order, 4, k) == KK_OK, "kernel sigma 2 order %d", order);
        for (int i = 0; i < 9; i++)
            CHECK(near(k[i], want[order][i], 4e-16), "sigma 2 order %d [%d]: %.17g want %.17g",
                  order, i, k[i], want[order][i]);
        for (int i = 0; i < 4; i++)
            CHECK(order % 2 ? k[i] == -k[8 - i] : k[i] == k[8 - i],
                  "sigma 2 order %d: exact (anti)symmetry at %d", order, i);
    }

    /* radius 0: a single 1 (order 0) or 0 */
    CHECK(kk_gaussian_kernel1d(3.0, 0, 0, k) == KK_OK && k[0] == 1.0, "radius 0");
    CHECK(kk_gaussian_kernel1d(3.0, 1, 0, k) == KK_OK && k[0] == 0.0, "radius 0 order 1");

    int64_t r = -7;
    CHECK(kk_gaussian_radius(40.0, 4.0, &r) == KK_OK && r == 160, "radius 40*4: %lld", (long long)r);
    CHECK(kk_gaussian_radius(1.3, 4.0, &r) == KK_OK && r == 5, "radius 1.3*4: %lld", (long long)r);
    CHECK(kk_gaussian_radius(1.0, -1.2, &r) == KK_OK && r == 0, "radius of -0.7 is int(-0.7) = 0");
    CHECK(kk_gaussian_radius(0.5, 3.0, &r) == KK_OK && r == 2, "radius 0.5*3+0.5 = 2");
}

#define BAD(call, code)                                                                     \
    do {                                                                                    \
        int st_ = (call);                                                                   \
        CHECK(st_ == (code), "%s returned %d (%s), want %d", #call, st_, kk_strerror(st_),  \
              (int)(code));                                                                 \
    } while (0)

/* Every error code, and that a failed call leaves the output untouched. */
static void test_errors(void)
{
    double in[12] = {0}, out[12], out2[12], w[3] = {1, 2, 3};
    const double NaN = nan(""), Inf = HUGE_VAL;
    int64_t shape[2] = {3, 4}, st[2] = {32, 8};
    for (int i = 0; i < 12; i++)
        out[i] = 42.0;

    BAD(kk_correlate1d(KK_FLOAT64, 2, NULL, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, NULL, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, NULL, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, NULL, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, NULL, 1, w, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, NULL, 3, 0, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(2, 2, shape, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_DTYPE);
    BAD(kk_correlate1d(-1, 2, shape, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_DTYPE);
    BAD(kk_correlate1d(KK_FLOAT64, 0, shape, in, st, out, st, 0, w, 3, 0, 0, 0, 1), KK_ERR_NDIM);
    BAD(kk_correlate1d(KK_FLOAT64, KK_MAX_NDIM + 1, shape, in, st, out, st, 0, w, 3, 0, 0, 0, 1), KK_ERR_NDIM);
    int64_t neg[2] = {3, -1}, huge[2] = {INT64_MAX / 4, 4}, huge0[3] = {0, INT64_MAX / 2, 4};
    BAD(kk_correlate1d(KK_FLOAT64, 2, neg, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_SHAPE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, huge, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_ERR_SHAPE);
    int64_t st3[3] = {8, 8, 8};
    BAD(kk_correlate1d(KK_FLOAT64, 3, huge0, in, st3, out, st3, 1, w, 3, 0, 0, 0, 1), KK_ERR_SHAPE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 2, w, 3, 0, 0, 0, 1), KK_ERR_AXIS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, -1, w, 3, 0, 0, 0, 1), KK_ERR_AXIS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 0, 5, 0, 1), KK_ERR_MODE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 0, -1, 0, 1), KK_ERR_MODE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 0, 0, 0, 0, 1), KK_ERR_WEIGHTS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, -3, 0, 0, 0, 1), KK_ERR_WEIGHTS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 2, 0, 0, 1), KK_ERR_ORIGIN);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, -2, 0, 0, 1), KK_ERR_ORIGIN);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 2, 1, 0, 0, 1), KK_ERR_ORIGIN);
    BAD(kk_convolve1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 2, 1, 0, 0, 1), KK_ERR_ORIGIN);
    BAD(kk_convolve1d(KK_FLOAT64, 2, shape, in, st, out2, st, 1, w, 2, -1, 0, 0, 1), KK_OK);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out2, st, 1, w, 2, -1, 0, 0, 1), KK_OK);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 0, 0, 0, 0), KK_ERR_THREADS);
    BAD(kk_convolve1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 0, 0, 0, -2), KK_ERR_THREADS);
    /* first failing check wins: NULL before dtype, dtype before ndim, ... */
    BAD(kk_correlate1d(7, 0, shape, in, st, NULL, st, 9, w, 0, 5, 9, 0, 0), KK_ERR_NULL_POINTER);
    BAD(kk_correlate1d(7, 0, shape, in, st, out, st, 9, w, 0, 5, 9, 0, 0), KK_ERR_DTYPE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 9, w, 0, 5, 9, 0, 0), KK_ERR_AXIS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 0, 5, 9, 0, 0), KK_ERR_MODE);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 0, 5, 0, 0, 0), KK_ERR_WEIGHTS);
    BAD(kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, w, 3, 5, 0, 0, 0), KK_ERR_ORIGIN);
    int untouched = 1;
    for (int i = 0; i < 12; i++)
        untouched &= out[i] == 42.0;
    CHECK(untouched, "a failed call wrote output");

    /* empty arrays: valid, nothing written; other arguments still checked */
    int64_t empty[2] = {0, 4}, empty2[2] = {3, 0};
    BAD(kk_correlate1d(KK_FLOAT64, 2, empty, in, st, out, st, 1, w, 3, 0, 0, 0, 1), KK_OK);
    BAD(kk_convolve1d(KK_FLOAT32, 2, empty2, in, st, out, st, 1, w, 3, 0, 0, 0, 4), KK_OK);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, empty, in, st, out, st, 0, 1.0, 0, 4.0, -1, 0, 0, 1), KK_OK);
    BAD(kk_correlate1d(KK_FLOAT64, 2, empty, in, st, out, st, 1, w, 3, 7, 0, 0, 1), KK_ERR_ORIGIN);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, empty, in, st, out, st, 0, -1.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_SIGMA);
    untouched = 1;
    for (int i = 0; i < 12; i++)
        untouched &= out[i] == 42.0;
    CHECK(untouched, "an empty-array call wrote output");

    /* gaussian1d */
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, NULL, st, 1, 1.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_NULL_POINTER);
    BAD(kk_gaussian1d(KK_FLOAT32 + 5, 2, shape, in, st, out, st, 1, 1.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_DTYPE);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 3, 1.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_AXIS);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, 4.0, -1, 6, 0, 1), KK_ERR_MODE);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 0.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_SIGMA);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, -1.0, 0, 4.0, -1, 0, 0, 1), KK_ERR_SIGMA);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, NaN, 0, 4.0, -1, 0, 0, 1), KK_ERR_SIGMA);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, Inf, 0, 4.0, -1, 0, 0, 1), KK_ERR_SIGMA);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 4, 4.0, -1, 0, 0, 1), KK_ERR_ORDER);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, -1, 4.0, -1, 0, 0, 1), KK_ERR_ORDER);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, NaN, -1, 0, 0, 1), KK_ERR_TRUNCATE);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, -Inf, -1, 0, 0, 1), KK_ERR_TRUNCATE);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, NaN, 2, 0, 0, 1), KK_OK); /* truncate unused */
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, -3.0, -1, 0, 0, 1), KK_ERR_RADIUS);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1e300, 0, 1e300, -1, 0, 0, 1), KK_ERR_RADIUS);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, 4.0, ((int64_t)1 << 30) + 1, 0, 0, 1), KK_ERR_RADIUS);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, 4.0, -1, 0, 0, 0), KK_ERR_THREADS);
    BAD(kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, 1, 1.0, 0, 4.0, -1, 0, 0, 2), KK_OK);

    /* the kernel and radius helpers */
    double k[3];
    int64_t r;
    BAD(kk_gaussian_kernel1d(1.0, 0, 1, NULL), KK_ERR_NULL_POINTER);
    BAD(kk_gaussian_kernel1d(0.0, 0, 1, k), KK_ERR_SIGMA);
    BAD(kk_gaussian_kernel1d(NaN, 0, 1, k), KK_ERR_SIGMA);
    BAD(kk_gaussian_kernel1d(1.0, 4, 1, k), KK_ERR_ORDER);
    BAD(kk_gaussian_kernel1d(1.0, 0, -1, k), KK_ERR_RADIUS);
    BAD(kk_gaussian_kernel1d(1.0, 0, ((int64_t)1 << 30) + 1, k), KK_ERR_RADIUS);
    BAD(kk_gaussian_radius(1.0, 4.0, NULL), KK_ERR_NULL_POINTER);
    BAD(kk_gaussian_radius(-1.0, 4.0, &r), KK_ERR_SIGMA);
    BAD(kk_gaussian_radius(1.0, Inf, &r), KK_ERR_TRUNCATE);
    BAD(kk_gaussian_radius(1.0, -1.5, &r), KK_ERR_RADIUS);
    BAD(kk_gaussian_radius(1.0, 1073741825.0, &r), KK_ERR_RADIUS);
    BAD(kk_gaussian_radius(1.0, 1073741824.0, &r), KK_OK);
    CHECK(r == 1073741824, "largest radius, 2^30");

    /* strerror and version */
    for (int code = 0; code <= KK_ERR_TRUNCATE; code++)
        CHECK(kk_strerror(code) && strlen(kk_strerror(code)) > 0, "strerror %d", code);
    CHECK(kk_strerror(999) != NULL && kk_strerror(-1) != NULL, "strerror unknown");
    CHECK(strcmp(kk_strerror(999), kk_strerror(KK_OK)) != 0, "unknown code is not success");
    CHECK(kk_version() == ((KK_VERSION_MAJOR << 16) | (KK_VERSION_MINOR << 8) | KK_VERSION_PATCH),
          "version");
    char v[32];
    snprintf(v, sizeof v, "%d.%d.%d", KK_VERSION_MAJOR, KK_VERSION_MINOR, KK_VERSION_PATCH);
    CHECK(strcmp(kk_version_string(), v) == 0, "version string %s", kk_version_string());
}

/* Zero input strides (a broadcast input) and a reversed, gapped output. */
static void test_broadcast_input(void)
{
    double in[5] = {1, 2, 3, 4, 5}, w[3] = {0.25, 0.5, 0.25};
    double out[4 * 5 * 2], ref[4 * 5];
    int64_t shape[2] = {4, 5}, ist[2] = {0, 8}, ost[2] = {-80, 16}, rst[2] = {40, 8};
    for (int threads = 1; threads <= 3; threads++) {
        CHECK(kk_correlate1d(KK_FLOAT64, 2, shape, in, ist, out + 30, ost, 0, w, 3, 0,
                             KK_MODE_WRAP, 0, threads) == KK_OK, "broadcast");
        ref_correlate(KK_FLOAT64, 2, shape, in, ist, ref, rst, 0, w, 3, 0, KK_MODE_WRAP, 0);
        int ok = 1;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 5; j++)
                ok &= out[30 - 10 * i + 2 * j] == ref[5 * i + j];
        CHECK(ok, "broadcast input, threads=%d", threads);
    }
}

#ifdef KK_TEST_PTHREADS
/* Reentrancy: several threads call the library at once, each with its own
 * thread count; results must equal a one-thread call made beforehand. */
typedef struct concurrent_job {
    int id, ok;
    int64_t shape[2], strides[2];
    int axis;
    double *in, *out, *expected;
} concurrent_job;

static int concurrent_call(concurrent_job *j, int threads)
{
    if (j->id % 2)
        return kk_gaussian1d(KK_FLOAT64, 2, j->shape, j->in, j->strides, j->out, j->strides,
                             j->axis, 2.0 + j->id, j->id % 4, 4.0, -1, j->id % 5, 0.5, threads);
    double w[7] = {1, -2, 3, 0.5, 3, -2, 1.25};
    return kk_correlate1d(KK_FLOAT64, 2, j->shape, j->in, j->strides, j->out, j->strides, j->axis,
                          w, 7 - j->id % 3, 1, j->id % 5, -1.0, threads);
}

static void *concurrent_main(void *arg)
{
    concurrent_job *j = arg;
    j->ok = 1;
    for (int rep = 0; rep < 20; rep++) {
        int threads = 1 + (rep + j->id) % 4;
        int64_t n = j->shape[0] * j->shape[1];
        if (concurrent_call(j, threads) != KK_OK ||
            memcmp(j->out, j->expected, (size_t)n * sizeof(double)) != 0)
            j->ok = 0;
    }
    return NULL;
}

static void test_concurrent_callers(void)
{
    enum { NJOBS = 6 };
    concurrent_job jobs[NJOBS];
    pthread_t tid[NJOBS];
    for (int k = 0; k < NJOBS; k++) {
        concurrent_job *j = &jobs[k];
        j->id = k;
        j->shape[0] = k % 2 ? 300 : 7;
        j->shape[1] = k % 2 ? 40 : 3000;
        j->strides[0] = j->shape[1] * 8;
        j->strides[1] = 8;
        j->axis = k % 3 == 0 ? 1 : 0;
        int64_t n = j->shape[0] * j->shape[1];
        j->in = malloc((size_t)n * sizeof(double));
        j->out = malloc((size_t)n * sizeof(double));
        j->expected = malloc((size_t)n * sizeof(double));
        for (int64_t i = 0; i < n; i++)
            j->in[i] = rnd_unit();
        CHECK(concurrent_call(j, 1) == KK_OK, "concurrent setup %d", k);
        memcpy(j->expected, j->out, (size_t)n * sizeof(double));
    }
    for (int k = 0; k < NJOBS; k++)
        CHECK(pthread_create(&tid[k], NULL, concurrent_main, &jobs[k]) == 0, "pthread_create");
    for (int k = 0; k < NJOBS; k++) {
        pthread_join(tid[k], NULL);
        CHECK(jobs[k].ok, "concurrent caller %d got a different result", k);
        free(jobs[k].in);
        free(jobs[k].out);
        free(jobs[k].expected);
    }
}
#endif

/* Cases written for check_scipy.py (kk_test --dump DIR). */
static void dump_scipy_cases(void)
{
    double w[21];
    for (int mode = 0; mode < 5; mode++) {
        for (int64_t n = 1; n <= 5; n++) {
            static const int64_t Ks[] = {2, 5, 21};
            for (int ki = 0; ki < 3; ki++) {
                int64_t K = Ks[ki];
                for (int end = 0; end < 2; end++) {
                    make_weights(w, K, W_RANDOM);
                    tcase c = {0};
                    c.op = end ? OP_CONVOLVE : OP_CORRELATE;
                    c.dtype = KK_FLOAT64;
                    c.ndim = 1;
                    c.shape[0] = n;
                    c.mode = mode;
                    c.cval = -0.75;
                    c.w = w;
                    c.K = K;
                    c.origin = end ? (K - 1) / 2 : -(K / 2);
                    run_case(&c, 1);
                }
            }
        }
    }
    static const double sigmas[] = {0.3, 0.7, 1.5, 3.0, 10.0, 40.0};
    for (int order = 0; order <= 3; order++) {
        for (int si = 0; si < 6; si++) {
            tcase c = {0};
            c.op = OP_GAUSSIAN;
            c.dtype = si == 5 && order == 2 ? KK_FLOAT32 : KK_FLOAT64;
            c.ndim = 2;
            c.shape[0] = 3 + si;
            c.shape[1] = 700;
            c.axis = (order + si) % 2;
            c.mode = (order + si) % 5;
            c.cval = 0.5;
            c.sigma = sigmas[si];
            c.order = order;
            c.truncate = 4.0;
            c.radius = -1;
            run_case(&c, 1);
        }
    }
    for (int k = 0; k < 24; k++) {
        tcase c = {0};
        c.op = k % 3;
        c.dtype = k % 4 == 3 ? KK_FLOAT32 : KK_FLOAT64;
        c.ndim = 2 + k % 2;
        c.shape[0] = 7 + k;
        c.shape[1] = 300 + 10 * k;
        c.shape[2] = 3;
        c.axis = k % c.ndim;
        c.mode = k % 5;
        c.cval = 2.5;
        c.in_layout = k % 3;
        c.out_layout = (k + 1) % 3;
        make_weights(w, 5 + k % 3, k % 4);
        c.w = w;
        c.K = 5 + k % 3;
        c.origin = -(c.K / 2) + k % c.K;
        c.sigma = k % 2 ? 40.0 : 1.5 + k;
        c.order = k % 4;
        c.truncate = 4.0;
        c.radius = -1;
        run_case(&c, 1);
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--dump") == 0) {
        dump_dir = argv[2];
        char path[1024];
        snprintf(path, sizeof path, "%s/manifest.txt", dump_dir);
        dump_manifest = fopen(path, "w");
        if (!dump_manifest) {
            perror(path);
            return 2;
        }
    }
    printf("kernelkit %s, OpenMP %s\n", kk_version_string(), kk_has_openmp() ? "yes" : "no");
    test_errors();
    test_gaussian_kernel();
    test_broadcast_input();
#ifdef KK_TEST_PTHREADS
    test_concurrent_callers();
#endif
    test_small_kernels();
    test_random(1500);
    test_long_lines();
    test_long_kernel();
    if (dump_manifest) {
        dump_scipy_cases();
        fclose(dump_manifest);
        printf("wrote %d cases to %s\n", dump_count, dump_dir);
    }
    printf("%ld checks, %d failures\n", checks, failures);
    return failures ? 1 : 0;
}
