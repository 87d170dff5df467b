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
 */
#include <stdlib.h>
#include <string.h>

#include "kk_internal.h"

#ifdef _OPENMP
#define KK_PRAGMA(x) _Pragma(#x)
#else
#define KK_PRAGMA(x)
#endif

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
} fir_line_args;

/* Filters line `li` (lines numbered in C order over the non-axis dimensions);
 * work holds at least n + nb - 1 doubles. */
static void filter_line(const fir_line_args *a, int64_t li, double *work)
{
    const int64_t n = a->shape[a->axis], m = a->nb - 1;
    double *x = work, *state = work + n;
    /* Byte offsets of the line's first element. */
    int64_t in_off = 0, out_off = 0, rest = li;
    for (int d = a->ndim - 1; d >= 0; d--) {
        if (d == a->axis)
            continue;
        int64_t i = rest % a->shape[d];
        rest /= a->shape[d];
        in_off += i * a->in_strides[d];
        out_off += i * a->out_strides[d];
    }
    const int64_t is = a->in_strides[a->axis], os = a->out_strides[a->axis];
    if (a->dtype == KK_FLOAT32) {
        for (int64_t i = 0; i < n; i++)
            x[i] = *(const float *)(a->input + in_off + i * is);
    } else {
        for (int64_t i = 0; i < n; i++)
            x[i] = *(const double *)(a->input + in_off + i * is);
    }
    /* State of this line: C order over x's shape with the axis length m. */
    const int64_t outer = li / a->inner, lane = li % a->inner;
    const int64_t s0 = outer * m * a->inner + lane;
    for (int64_t k = 0; k < m; k++)
        state[k] = a->zi ? a->zi[s0 + k * a->inner] : 0.0;

    for (int64_t i = 0; i < n; i++) {
        double s = i < m ? state[i] : 0.0;
        int64_t kmax = i < m ? i : m;
        for (int64_t k = kmax; k >= 0; k--)
            s = a->b[k] * x[i - k] + s;
        if (a->dtype == KK_FLOAT32)
            *(float *)(a->output + out_off + i * os) = (float)s;
        else
            *(double *)(a->output + out_off + i * os) = s;
    }
    if (!a->zf)
        return;
    /* zf[k] = zi[k+n] (when still inside the state) + sum over j of
     * b[j] * x[n+k-j] for the samples of this line, oldest first. */
    for (int64_t k = 0; k < m; k++) {
        double s = k + n < m ? state[k + n] : 0.0;
        int64_t jtop = n + k < m ? n + k : m;
        for (int64_t j = jtop; j > k; j--)
            s = a->b[j] * x[n + k - j] + s;
        a->zf[s0 + k * a->inner] = s;
    }
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
    size_t work_bytes = kk_mul_size(n + nb, 1, (int64_t)sizeof(double));
    if (work_bytes == 0)
        return KK_ERR_NO_MEMORY;
    fir_line_args a = {dtype, ndim, shape, (const char *)input, in_strides, (char *)output,
                       out_strides, axis, b, nb, zi, zf, inner};

    int T = kk_cap_threads(threads);
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
