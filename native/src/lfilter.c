/*
 * lfilter.c — kk_lfilter_fir: causal FIR filtering with carried state,
 * scipy.signal.lfilter(b, [1.0], x, axis, zi) computed directly (no FFT).
 *
 * Each line is copied into a double buffer first (so in-place calls are safe),
 * then every output is one sum in a fixed order: the state value (if any)
 * first, then b[k]*x[n-k] from the oldest sample to the newest. The final
 * state is summed in the same order, so filtering in chunks with the carried
 * state adds exactly the same terms in exactly the same order as filtering at
 * once: chunked float64 results are bit-identical to one-shot results.
 *
 * Speed: the sums run through the vectorised causal kernel (kk_causal_select,
 * fir_kernel_impl.h): vectors across consecutive outputs, taps in the outer
 * loop, with b reversed so that tap j of output i reads x[i - (nb-1) + j].
 * Outputs near the start of a line (and the final state) sum fewer taps; see
 * ragged() for how they keep the same order. (A line correlated with reversed
 * b by kk_correlate1d would be as fast but sums in SciPy's correlate order,
 * newest tap first, which breaks the chunking guarantee.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kk_internal.h"

typedef struct fir_line_args {
    int dtype;
    int ndim;
    const int64_t *shape;
    const char *input;
    const int64_t *in_strides;
    char *output;
    const int64_t *out_strides;
    int axis;
    const double *b;
    int64_t nb;
    const double *zi;
    double *zf;
    int64_t inner;  /* lines per step of the dimensions before the axis */
    kk_causal_fn kernel;
} fir_line_args;

/* Outputs processed together by ragged(); a multiple of every vector block. */
#define KK_RAGGED_BLOCK 64

/*
 * Sums with per-output ranges of taps, through the vectorised causal kernel:
 * for q in [0, count), out[q] = init(q), then acc = x[q+j] * w[j] + acc for
 * j = lo(q) .. hi(q)-1, where lo(q) = max(0, L - q), hi(q) = min(nw, H - q)
 * and init(q) = q < ninit ? init[q] : 0.0. Both ranges shrink from the left
 * as q grows, so in a block of outputs the taps every output needs form one
 * common run: each output's first few taps are summed in scalar code, the
 * common run by the kernel, the last few in scalar code again — the same
 * operations in the same order as one scalar loop per output.
 */
static void ragged(kk_causal_fn kernel, const double *x, double *out, int64_t count,
                   const double *w, int64_t nw, int64_t L, int64_t H,
                   const double *init, int64_t ninit)
{
    double acc[KK_RAGGED_BLOCK];
    for (int64_t q0 = 0; q0 < count; q0 += KK_RAGGED_BLOCK) {
        const int64_t c = count - q0 < KK_RAGGED_BLOCK ? count - q0 : KK_RAGGED_BLOCK;
        /* The common run: from the first output's start to the last one's end. */
        const int64_t run0 = L - q0 > 0 ? L - q0 : 0;
        const int64_t run1 = H - (q0 + c - 1) < nw ? H - (q0 + c - 1) : nw;
        if (run0 == 0 && run1 == nw && q0 >= ninit) {
            /* The body of a line: every tap, from +0.0. */
            kernel(x + q0, out + q0, c, NULL, w, 0, nw);
            continue;
        }
        for (int64_t r = 0; r < c; r++) {
            const int64_t q = q0 + r;
            const int64_t lo = L - q > 0 ? L - q : 0;
            const int64_t stop = run1 > run0 ? run0 : (H - q < nw ? H - q : nw);
            double s = q < ninit ? init[q] : 0.0;
            for (int64_t j = lo; j < stop; j++)
                s = x[q + j] * w[j] + s;
            acc[r] = s;
        }
        if (run1 <= run0) { /* no common run: the scalar loop did it all */
            memcpy(out + q0, acc, (size_t)c * sizeof *acc);
            continue;
        }
        kernel(x + q0, acc, c, acc, w, run0, run1);
        for (int64_t r = 0; r < c; r++) {
            const int64_t q = q0 + r;
            const int64_t hi = H - q < nw ? H - q : nw;
            double s = acc[r];
            for (int64_t j = run1; j < hi; j++)
                s = x[q + j] * w[j] + s;
            out[q] = s;
        }
    }
}

/* Where line `li` (lines numbered in C order over the non-axis dimensions)
 * lives: byte offsets of its first element in the input and the output, and
 * the index of its first state value (the state is C order over x's shape
 * with the axis length nb-1). */
typedef struct line_place {
    int64_t in_off, out_off, s0;
} line_place;

static line_place place_line(const fir_line_args *a, int64_t li)
{
    line_place p = {0, 0, 0};
    int64_t rest = li;
    for (int d = a->ndim - 1; d >= 0; d--) {
        if (d == a->axis)
            continue;
        int64_t i = rest % a->shape[d];
        rest /= a->shape[d];
        p.in_off += i * a->in_strides[d];
        p.out_off += i * a->out_strides[d];
    }
    const int64_t outer = li / a->inner, lane = li % a->inner;
    p.s0 = outer * (a->nb - 1) * a->inner + lane;
    return p;
}

/* The work buffer of one line (2n + 4(nb - 1) + 1 doubles): xp = nb-1 zeros
 * then the line (a copy, so in-place calls are safe), y, the initial state,
 * the final state, and b reversed (w[j] = b[nb-1-j], oldest sample first). */
typedef struct line_work {
    double *xp, *x, *y, *state, *zf, *w;
} line_work;

static line_work split_work(const fir_line_args *a, double *work)
{
    const int64_t n = a->shape[a->axis], m = a->nb - 1;
    line_work lw;
    lw.xp = work;
    lw.x = work + m;
    lw.y = lw.x + n;
    lw.state = lw.y + n;
    lw.zf = lw.state + m;
    lw.w = lw.zf + m;
    return lw;
}

static void load_line(const fir_line_args *a, line_place p, const line_work *lw)
{
    const int64_t n = a->shape[a->axis], m = a->nb - 1;
    const int64_t is = a->in_strides[a->axis];
    memset(lw->xp, 0, (size_t)m * sizeof *lw->xp);
    if (a->dtype == KK_FLOAT32) {
        for (int64_t i = 0; i < n; i++)
            lw->x[i] = *(const float *)(a->input + p.in_off + i * is);
    } else {
        for (int64_t i = 0; i < n; i++)
            lw->x[i] = *(const double *)(a->input + p.in_off + i * is);
    }
    for (int64_t j = 0; j <= m; j++)
        lw->w[j] = a->b[m - j];
    for (int64_t k = 0; k < m; k++)
        lw->state[k] = a->zi ? a->zi[p.s0 + k * a->inner] : 0.0;
}

/* y[i] for i in [q0, q1): state[i] (i < m) + b[k] * x[i-k] for
 * k = min(i, m) .. 0, i.e. w[j] * xp[i + j] for j = max(0, m - i) .. m.
 * Each output's operations do not depend on the range, so a line may be
 * split among threads. */
static void filter_outputs(const fir_line_args *a, const line_work *lw, int64_t q0, int64_t q1)
{
    const int64_t m = a->nb - 1;
    ragged(a->kernel, lw->xp + q0, lw->y + q0, q1 - q0, lw->w, m + 1, m - q0,
           INT64_MAX / 2, q0 < m ? lw->state + q0 : NULL, m - q0);
}

/* Stores y and, when wanted, computes and stores the final state. */
static void store_line(const fir_line_args *a, line_place p, const line_work *lw)
{
    const int64_t n = a->shape[a->axis], m = a->nb - 1;
    const int64_t os = a->out_strides[a->axis];
    if (a->dtype == KK_FLOAT32) {
        for (int64_t i = 0; i < n; i++)
            *(float *)(a->output + p.out_off + i * os) = (float)lw->y[i];
    } else {
        for (int64_t i = 0; i < n; i++)
            *(double *)(a->output + p.out_off + i * os) = lw->y[i];
    }
    if (!a->zf)
        return;
    /* zf[k] = state[k + n] (when still inside the state) + b[j] * x[n+k-j]
     * for j = min(n + k, m) .. k+1, oldest sample first: w[j'] * xp[n+k+j'] for
     * j' = max(0, m - n - k) .. m-k-1. */
    ragged(a->kernel, lw->xp + n, lw->zf, m, lw->w, m + 1, m - n, m,
           n < m ? lw->state + n : NULL, m - n);
    for (int64_t k = 0; k < m; k++)
        a->zf[p.s0 + k * a->inner] = lw->zf[k];
}

static void filter_line(const fir_line_args *a, int64_t li, double *work)
{
    const line_place p = place_line(a, li);
    const line_work lw = split_work(a, work);
    load_line(a, p, &lw);
    filter_outputs(a, &lw, 0, a->shape[a->axis]);
    store_line(a, p, &lw);
}

/* Fewer lines than threads (e.g. one long recording): each line's outputs
 * are split among the threads instead. */
static int filter_lines_split(const fir_line_args *a, int64_t lines, int T, size_t work_bytes)
{
    double *work = malloc(work_bytes);
    if (!work)
        return KK_ERR_NO_MEMORY;
    const int64_t n = a->shape[a->axis];
    const line_work lw = split_work(a, work);
    for (int64_t li = 0; li < lines; li++) {
        const line_place p = place_line(a, li);
        load_line(a, p, &lw);
        KK_PRAGMA(omp parallel for num_threads(T) schedule(static))
        for (int part = 0; part < T; part++)
            filter_outputs(a, &lw, n * part / T, n * (part + 1) / T);
        store_line(a, p, &lw);
    }
    free(work);
    return KK_OK;
}

int kk_lfilter_fir(int dtype, int ndim, const int64_t *shape,
                   const void *input, const int64_t *in_strides,
                   void *output, const int64_t *out_strides,
                   int axis, const double *b, int64_t nb,
                   const double *zi, double *zf, int threads)
{
    if (!b)
        return KK_ERR_NULL_POINTER;
    int64_t size = 0;
    int status = kk_check_array_args(dtype, ndim, shape, input, in_strides, output,
                                     out_strides, axis, KK_MODE_REFLECT, &size);
    if (status != KK_OK)
        return status;
    if (nb < 1)
        return KK_ERR_WEIGHTS;
    if (threads < 1)
        return KK_ERR_THREADS;
    /* Lines: every dimension but the axis (there may be lines of length 0,
     * whose final state is the initial one). */
    int64_t lines = 1, inner = 1;
    for (int d = 0; d < ndim; d++) {
        if (d == axis)
            continue;
        lines *= shape[d];
        if (d > axis)
            inner *= shape[d];
    }
    if (lines == 0)
        return KK_OK;
    const int64_t n = shape[axis];
    size_t work_bytes = kk_mul_size(2 * n + 4 * nb, 1, (int64_t)sizeof(double));
    if (work_bytes == 0)
        return KK_ERR_NO_MEMORY;
    fir_line_args a = {dtype, ndim, shape, (const char *)input, in_strides, (char *)output,
                       out_strides, axis, b, nb, zi, zf, inner,
                       kk_causal_select(KK_ISA_AUTO)};

    int T = kk_cap_threads(threads);
    if (T > lines && n >= (int64_t)T * KK_RAGGED_BLOCK)
        return filter_lines_split(&a, lines, T, work_bytes);
    if (T > lines)
        T = (int)lines;
    int failed = 0;
    KK_PRAGMA(omp parallel num_threads(T) if (T > 1) shared(failed))
    {
        double *work = malloc(work_bytes);
        if (!work) {
            KK_PRAGMA(omp atomic write)
            failed = 1;
        }
        KK_PRAGMA(omp for schedule(static))
        for (int64_t li = 0; li < lines; li++) {
            if (work)
                filter_line(&a, li, work);
        }
        free(work);
    }
    return failed ? KK_ERR_NO_MEMORY : KK_OK;
}
