/*
 * correlate.c — kk_correlate1d and kk_convolve1d: argument checks and the
 * convolve-to-correlate transformation; lines.c does the work.
 */
#include <stdlib.h>

#include "kk_internal.h"

/* Checks shared by correlate and convolve, in the documented order. */
static int check_filter_args(int dtype, int ndim, const int64_t *shape,
                             const void *input, const int64_t *in_strides,
                             void *output, const int64_t *out_strides, int axis,
                             const double *weights, int64_t nweights, int64_t origin,
                             int mode, int threads, int64_t *size)
{
    if (!weights)
        return KK_ERR_NULL_POINTER;
    int status = kk_check_array_args(dtype, ndim, shape, input, in_strides, output,
                                     out_strides, axis, mode, size);
    if (status != KK_OK)
        return status;
    if (nweights < 1)
        return KK_ERR_WEIGHTS;
    /* SciPy's range, the same for correlate and convolve. */
    if (origin < -(nweights / 2) || origin > (nweights - 1) / 2)
        return KK_ERR_ORIGIN;
    if (threads < 1)
        return KK_ERR_THREADS;
    return KK_OK;
}

/* Validates, then correlates with `weights` (convolve: with the weights
 * reversed and the origin mapped as scipy.ndimage.convolve1d does). */
static int filter1d(int convolve, int dtype, int ndim, const int64_t *shape,
                    const void *input, const int64_t *in_strides,
                    void *output, const int64_t *out_strides,
                    int axis, const double *weights, int64_t nweights,
                    int64_t origin, int mode, double cval, int threads)
{
    int64_t size = 0;
    int status = check_filter_args(dtype, ndim, shape, input, in_strides, output, out_strides,
                                   axis, weights, nweights, origin, mode, threads, &size);
    if (status != KK_OK || size == 0)
        return status;

    double *reversed = NULL;
    if (convolve) {
        /* scipy.ndimage.convolve1d: reversed weights, origin negated, and one
         * further step left for even lengths (so both keep the same origin range). */
        size_t bytes = kk_mul_size(nweights, sizeof(double), 1);
        reversed = bytes ? malloc(bytes) : NULL;
        if (!reversed)
            return KK_ERR_NO_MEMORY;
        for (int64_t j = 0; j < nweights; j++)
            reversed[j] = weights[nweights - 1 - j];
        weights = reversed;
        origin = -origin - ((nweights & 1) ? 0 : 1);
    }

    kk_filter_args a = {dtype, ndim, shape, input, in_strides, output, out_strides, axis,
                        weights, nweights, origin, mode, cval, threads, KK_ISA_AUTO};
    status = kk_filter_lines(&a);
    free(reversed);
    return status;
}

int kk_check_correlate_args(int dtype, int ndim, const int64_t *shape,
                            const void *input, const int64_t *in_strides,
                            void *output, const int64_t *out_strides, int axis,
                            const double *weights, int64_t nweights, int64_t origin,
                            int mode, int threads, int64_t *size)
{
    return check_filter_args(dtype, ndim, shape, input, in_strides, output, out_strides,
                             axis, weights, nweights, origin, mode, threads, size);
}

int kk_correlate1d(int dtype, int ndim, const int64_t *shape,
                   const void *input, const int64_t *in_strides,
                   void *output, const int64_t *out_strides,
                   int axis, const double *weights, int64_t nweights,
                   int64_t origin, int mode, double cval, int threads)
{
    return filter1d(0, dtype, ndim, shape, input, in_strides, output, out_strides, axis,
                    weights, nweights, origin, mode, cval, threads);
}

int kk_convolve1d(int dtype, int ndim, const int64_t *shape,
                  const void *input, const int64_t *in_strides,
                  void *output, const int64_t *out_strides,
                  int axis, const double *weights, int64_t nweights,
                  int64_t origin, int mode, double cval, int threads)
{
    return filter1d(1, dtype, ndim, shape, input, in_strides, output, out_strides, axis,
                    weights, nweights, origin, mode, cval, threads);
}
