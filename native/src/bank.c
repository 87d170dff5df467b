/*
 * bank.c — kk_filterbank1d: a bank of FIR filters applied along one axis.
 *
 * The work is cut into items: rows [r0, r1) of one line. An item extends its
 * rows once into a window (the rows plus the K - 1 values the filters reach
 * beyond them, produced by kk_extend_index exactly as the direct path does),
 * then runs every filter of the bank over that window while it is hot in
 * cache. Each filter goes through the same inner kernel (kk_fir_select) with
 * the same classification (kk_fir_classify) as kk_correlate1d, and the kernel
 * gives every output the same sequence of IEEE operations whatever the run
 * length or position, so filter f's outputs equal kk_correlate1d's bit for
 * bit, for every thread count.
 *
 * Items rather than whole lines are handed to threads, so a few long lines
 * still keep every thread busy; the output never overlaps the input, so no
 * item needs to see another's writes.
 */
#include <stdlib.h>
#include <string.h>

#include "kk_internal.h"

/* Rows per item: the window (rows + K - 1 doubles) stays in L1/L2 while all
 * filters read it. */
enum {
    KK_BANK_ROWS = 2048,  /* rows per item */
    KK_BANK_GRAIN = 32768 /* outputs per scheduling step, at least */
};

typedef struct bank_plan {
    int dtype;
    const char *in;
    char *out;
    int64_t n;                  /* line length */
    int64_t in_step, out_step;  /* strides along the axis (bytes) */
    int64_t filter_step;        /* output stride along the new filter axis */
    int nouter;                 /* the other input dimensions */
    int64_t outer_n[KK_MAX_NDIM], outer_in[KK_MAX_NDIM], outer_out[KK_MAX_NDIM];
    int64_t chunks;             /* items per line */
    const double *w;            /* private copy, nfilters x K */
    const int *kind;            /* KK_FIR_* per filter */
    int64_t F, K;
    int64_t nb;                 /* extension before the line: K/2 + origin */
    int mode;
    double cval;
    kk_fir_fn fir;
} bank_plan;

static double load_elem(const char *p, int dtype)
{
    return dtype == KK_FLOAT64 ? *(const double *)p : (double)*(const float *)p;
}

/* Extended-line values for positions r0 - nb .. r0 - nb + count - 1. */
static void extend_rows(const bank_plan *P, const char *line, int64_t r0, int64_t count,
                        double *win)
{
    const int64_t p0 = r0 - P->nb;
    for (int64_t i = 0; i < count; i++) {
        const int64_t p = p0 + i;
        if (p >= 0 && p < P->n) { /* the inside in one run */
            const int64_t end = p0 + count < P->n ? count : P->n - p0;
            const char *src = line + p * P->in_step;
            for (; i < end; i++, src += P->in_step)
                win[i] = load_elem(src, P->dtype);
            i--;
            continue;
        }
        const int64_t src = kk_extend_index(p, P->n, P->mode);
        win[i] = src < 0 ? P->cval : load_elem(line + src * P->in_step, P->dtype);
    }
}

static void store_rows(const bank_plan *P, char *dst, const double *v, int64_t m)
{
    if (P->dtype == KK_FLOAT64) {
        for (int64_t k = 0; k < m; k++, dst += P->out_step)
            *(double *)(void *)dst = v[k];
    } else {
        for (int64_t k = 0; k < m; k++, dst += P->out_step)
            *(float *)(void *)dst = (float)v[k];
    }
}

/* Item `it`: line it / chunks, rows of chunk it % chunks, every filter. */
static void run_item(const bank_plan *P, int64_t it, double *win, double *obuf)
{
    int64_t ioff, ooff;
    kk_line_offsets(it / P->chunks, P->nouter, P->outer_n, P->outer_in, P->outer_out, &ioff, &ooff);
    const int64_t r0 = (it % P->chunks) * KK_BANK_ROWS;
    const int64_t m = P->n - r0 < KK_BANK_ROWS ? P->n - r0 : KK_BANK_ROWS;
    extend_rows(P, P->in + ioff, r0, m + P->K - 1, win);

    /* float64 outputs contiguous along the axis: the kernel writes there */
    const int direct = P->dtype == KK_FLOAT64 && P->out_step == (int64_t)sizeof(double);
    char *out = P->out + ooff + r0 * P->out_step;
    for (int64_t f = 0; f < P->F; f++, out += P->filter_step) {
        double *dst = direct ? (double *)(void *)out : obuf;
        P->fir(win, dst, m, 1, P->w + f * P->K, P->K, P->kind[f]);
        if (!direct)
            store_rows(P, out, obuf, m);
    }
}

static int run_items(const bank_plan *P, int64_t items, int T)
{
    int failed = 0;
    /* Several short items per scheduling step (each step is an atomic
     * operation), but at least 4 steps per thread for balance. */
    int64_t grain = KK_BANK_GRAIN / (P->n < KK_BANK_ROWS ? P->n : KK_BANK_ROWS) / P->F + 1;
    if (grain > items / (4 * (int64_t)T))
        grain = items / (4 * (int64_t)T);
    if (grain < 1)
        grain = 1;
    (void)grain; /* unused without OpenMP */
    (void)T;
    KK_PRAGMA(omp parallel num_threads(T) if (T > 1) shared(failed))
    {
        const int64_t rows = P->n < KK_BANK_ROWS ? P->n : KK_BANK_ROWS;
        size_t wbytes = kk_mul_size(rows + P->K - 1, sizeof(double), 1);
        double *win = wbytes ? malloc(wbytes) : NULL;
        double *obuf = malloc((size_t)rows * sizeof(double));
        if (!win || !obuf) {
            KK_PRAGMA(omp atomic write)
            failed = 1;
        }
        KK_PRAGMA(omp for schedule(dynamic, grain))
        for (int64_t it = 0; it < items; it++) {
            int stop;
            KK_PRAGMA(omp atomic read)
            stop = failed;
            if (!stop)
                run_item(P, it, win, obuf);
        }
        free(win);
        free(obuf);
    }
    return failed ? KK_ERR_NO_MEMORY : KK_OK;
}

/* SHAPE checks of the bank on top of kk_correlate1d's: nfilters >= 1 and the
 * output's element count (input's times nfilters) times the element size
 * fitting in int64. Shape is valid here (kk_check_array_args passed it). */
static int bank_shape_ok(int dtype, int ndim, const int64_t *shape, int64_t nfilters)
{
    if (nfilters < 1)
        return 0;
    int64_t limit = INT64_MAX / kk_dtype_size(dtype) / nfilters, count = 1;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] == 0)
            continue;
        if (count > limit / shape[d])
            return 0;
        count *= shape[d];
    }
    return 1;
}

int kk_filterbank1d(int dtype, int ndim, const int64_t *shape,
                    const void *input, const int64_t *in_strides,
                    void *output, const int64_t *out_strides,
                    int axis, const double *weights, int64_t nfilters,
                    int64_t nweights, int64_t origin, int mode,
                    double cval, int threads)
{
    int64_t size = 0;
    int status = kk_check_correlate_args(dtype, ndim, shape, input, in_strides, output,
                                         out_strides, axis, weights, nweights, origin, mode,
                                         threads, &size);
    /* SHAPE (nfilters) comes before AXIS .. THREADS in the documented order. */
    if (status == KK_OK || status > KK_ERR_SHAPE) {
        if (!bank_shape_ok(dtype, ndim, shape, nfilters))
            return KK_ERR_SHAPE;
    }
    if (status != KK_OK || size == 0)
        return status;

    /* Private copies: the caller's weights may live anywhere, even in the output. */
    size_t wbytes = kk_mul_size(nfilters, nweights, sizeof(double));
    double *w = wbytes ? malloc(wbytes) : NULL;
    int *kind = malloc((size_t)nfilters * sizeof(int));
    if (!w || !kind) {
        free(w);
        free(kind);
        return KK_ERR_NO_MEMORY;
    }
    memcpy(w, weights, wbytes);
    for (int64_t f = 0; f < nfilters; f++)
        kind[f] = kk_fir_classify(w + f * nweights, nweights);

    bank_plan P;
    memset(&P, 0, sizeof P);
    P.dtype = dtype;
    P.in = (const char *)input;
    P.out = (char *)output;
    P.n = shape[axis];
    P.in_step = in_strides[axis];
    P.filter_step = out_strides[axis];
    P.out_step = out_strides[axis + 1];
    P.chunks = (P.n + KK_BANK_ROWS - 1) / KK_BANK_ROWS;
    int64_t lines = 1;
    for (int d = 0; d < ndim; d++) {
        if (d == axis || shape[d] < 2)
            continue;
        P.outer_n[P.nouter] = shape[d];
        P.outer_in[P.nouter] = in_strides[d];
        P.outer_out[P.nouter] = out_strides[d < axis ? d : d + 1];
        P.nouter++;
        lines *= shape[d];
    }
    P.w = w;
    P.kind = kind;
    P.F = nfilters;
    P.K = nweights;
    P.nb = nweights / 2 + origin;
    P.mode = mode;
    P.cval = cval;
    P.fir = kk_fir_select(KK_ISA_AUTO);

    const int64_t items = lines * P.chunks; /* <= elements: no overflow */
    int T = kk_cap_threads(threads);
    status = run_items(&P, items, items < T ? (int)items : T);
    free(w);
    free(kind);
    return status;
}
