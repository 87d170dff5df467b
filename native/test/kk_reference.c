/* kk_reference.c — see kk_reference.h. Written for clarity, not speed. */
#include "kk_reference.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kernelkit.h"

int64_t ref_source(int64_t p, int64_t n, int mode)
{
    if (mode == KK_MODE_MIRROR && n == 1)
        mode = KK_MODE_NEAREST;
    /* Fold p into the line one reflection (or one period) at a time. */
    while (p < 0 || p >= n) {
        switch (mode) {
        case KK_MODE_CONSTANT:
            return -1;
        case KK_MODE_NEAREST:
            return p < 0 ? 0 : n - 1;
        case KK_MODE_WRAP:
            p = p < 0 ? p + n : p - n;
            break;
        case KK_MODE_REFLECT: /* mirror about the sample edge: -1 -> 0 */
            p = p < 0 ? -1 - p : 2 * n - 1 - p;
            break;
        case KK_MODE_MIRROR:  /* mirror about the sample centre: -1 -> 1 */
            p = p < 0 ? -p : 2 * n - 2 - p;
            break;
        default:
            abort();
        }
    }
    return p;
}

int ref_classify(const double *w, int64_t K)
{
    if (K % 2 == 0)
        return 0;
    int64_t c = K / 2;
    int sym = 1, anti = 1;
    for (int64_t i = 1; i <= c; i++) {
        if (fabs(w[c + i] - w[c - i]) > DBL_EPSILON)
            sym = 0;
        if (fabs(w[c + i] + w[c - i]) > DBL_EPSILON)
            anti = 0;
    }
    return sym ? 1 : anti ? -1 : 0;
}

void ref_correlate_line(const double *line, int64_t n, const double *w, int64_t K,
                        int64_t origin, int mode, double cval, double *out)
{
    int64_t size1 = K / 2, size2 = K - size1 - 1;
    int64_t before = size1 + origin, after = size2 - origin;
    int64_t len = n + before + after;
    double *ext = malloc((size_t)len * sizeof(double));
    for (int64_t e = 0; e < len; e++) {
        int64_t src = ref_source(e - before, n, mode);
        ext[e] = src < 0 ? cval : line[src];
    }
    int kind = ref_classify(w, K);
    const double *fw = w + size1;
    for (int64_t i = 0; i < n; i++) {
        const double *p = ext + i + size1; /* sample under the centre tap */
        double acc;
        if (kind > 0) {
            acc = p[0] * fw[0];
            for (int64_t jj = -size1; jj < 0; jj++)
                acc += (p[jj] + p[-jj]) * fw[jj];
        } else if (kind < 0) {
            acc = p[0] * fw[0];
            for (int64_t jj = -size1; jj < 0; jj++)
                acc += (p[jj] - p[-jj]) * fw[jj];
        } else {
            acc = p[size2] * fw[size2];
            for (int64_t jj = -size1; jj < size2; jj++)
                acc += p[jj] * fw[jj];
        }
        out[i] = acc;
    }
    free(ext);
}

int ref_correlate(int dtype, int ndim, const int64_t *shape, const void *in,
                  const int64_t *in_strides, void *out, const int64_t *out_strides,
                  int axis, const double *w, int64_t K, int64_t origin, int mode,
                  double cval)
{
    int64_t n = shape[axis], lines = 1;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] == 0)
            return 0;
        if (d != axis)
            lines *= shape[d];
    }
    double *line = malloc((size_t)n * sizeof(double));
    double *res = malloc((size_t)n * sizeof(double));
    int64_t idx[32] = {0};
    for (int64_t l = 0; l < lines; l++) {
        /* idx: the line's multi-index, axis entry 0; last dimension fastest */
        int64_t rest = l;
        for (int d = ndim - 1; d >= 0; d--) {
            if (d == axis) {
                idx[d] = 0;
                continue;
            }
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        const char *pi = in;
        char *po = out;
        for (int d = 0; d < ndim; d++) {
            pi += idx[d] * in_strides[d];
            po += idx[d] * out_strides[d];
        }
        for (int64_t i = 0; i < n; i++) {
            const char *p = pi + i * in_strides[axis];
            line[i] = dtype == KK_FLOAT64 ? *(const double *)p : (double)*(const float *)p;
        }
        ref_correlate_line(line, n, w, K, origin, mode, cval, res);
        for (int64_t i = 0; i < n; i++) {
            char *p = po + i * out_strides[axis];
            if (dtype == KK_FLOAT64)
                *(double *)p = res[i];
            else
                *(float *)p = (float)res[i];
        }
    }
    free(line);
    free(res);
    return 0;
}

int ref_convolve(int dtype, int ndim, const int64_t *shape, const void *in,
                 const int64_t *in_strides, void *out, const int64_t *out_strides,
                 int axis, const double *w, int64_t K, int64_t origin, int mode,
                 double cval)
{
    double *rw = malloc((size_t)K * sizeof(double));
    for (int64_t j = 0; j < K; j++)
        rw[j] = w[K - 1 - j];
    origin = -origin;
    if (K % 2 == 0)
        origin -= 1;
    int r = ref_correlate(dtype, ndim, shape, in, in_strides, out, out_strides, axis, rw, K,
                          origin, mode, cval);
    free(rw);
    return r;
}
