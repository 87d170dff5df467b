/*
 * gaussian.c — the Gaussian kernel of scipy.ndimage._gaussian_kernel1d and
 * gaussian_filter1d on top of the correlation engine.
 *
 * SciPy computes the kernel with NumPy; to reproduce it closely the steps are
 * done the same way: exp(-0.5/sigma^2 * x^2) per tap, normalised by NumPy's
 * pairwise sum, then multiplied by the derivative polynomial whose
 * coefficients come from the same recurrence. Two places cannot be matched
 * bit for bit in portable C: NumPy may use its own SIMD exp (off by at most
 * an ulp from libm's), and the polynomial is evaluated by BLAS (see
 * eval_polynomial). The differences are a few ulps of the kernel, far below
 * the 1e-12 relative tolerance of the project.
 */
#include <math.h>
#include <stdlib.h>

#include "kk_internal.h"

#define KK_MAX_RADIUS ((int64_t)1 << 30)

static int sigma_ok(double sigma)
{
    return isfinite(sigma) && sigma > 0.0;
}

int kk_gaussian_radius(double sigma, double truncate, int64_t *radius)
{
    if (!radius)
        return KK_ERR_NULL_POINTER;
    if (!sigma_ok(sigma))
        return KK_ERR_SIGMA;
    if (!isfinite(truncate))
        return KK_ERR_TRUNCATE;
    /* Python's int() truncates toward zero, like the C cast; check the range
     * first so the cast is defined (this also rejects an infinite product). */
    double v = truncate * sigma + 0.5;
    if (!(v > -1.0) || !(v < (double)KK_MAX_RADIUS + 1.0))
        return KK_ERR_RADIUS;
    *radius = (int64_t)v;
    return KK_OK;
}

/* numpy's pairwise summation (pairwise_sum_DOUBLE), which np.sum uses for a
 * contiguous float64 array: blocks of up to 128 summed with 8 accumulators,
 * larger arrays split in two (at a multiple of 8) recursively. */
static double pairwise_sum(const double *a, int64_t n)
{
    if (n < 8) {
        double res = 0.;
        for (int64_t i = 0; i < n; i++)
            res += a[i];
        return res;
    }
    if (n <= 128) {
        double r[8];
        int64_t i;
        for (int k = 0; k < 8; k++)
            r[k] = a[k];
        for (i = 8; i < n - (n % 8); i += 8)
            for (int k = 0; k < 8; k++)
                r[k] += a[i + k];
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            res += a[i];
        return res;
    }
    int64_t n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise_sum(a, n2) + pairwise_sum(a + n2, n - n2);
}

/*
 * q(x) for order 1..3, from the coefficients q[0..order].
 *
 * SciPy evaluates (x[:, None] ** range(order + 1)).dot(q), a matrix-vector
 * product done by BLAS. OpenBLAS (NumPy's usual BLAS, in Debian and in the
 * wheels) fuses one product into an FMA for order 2 and none for orders 1 and
 * 3, which is what is verified against SciPy on x86-64; fma() is an exactly
 * rounded library function, not a compiler contraction, so it is the same on
 * every platform.
 */
static double eval_polynomial(const double *q, int order, int64_t x)
{
    const double x1 = (double)x;
    const double x2 = (double)(x * x);  /* |x| <= 2^30: exact */
    switch (order) {
    case 1: /* q = [+0, q1]; adding q0 gives SciPy's +0 (not -0) at x = 0 */
        return q[0] + x1 * q[1];
    case 2: /* q = [q0, 0, q2] */
        return fma(x2, q[2], q[0]);
    default: /* q = [0, q1, 0, q3]; NumPy's int64 x**3, rounded once */
        return x1 * q[1] + (x2 * x1) * q[3];
    }
}

int kk_gaussian_kernel1d(double sigma, int order, int64_t radius, double *kernel)
{
    if (!kernel)
        return KK_ERR_NULL_POINTER;
    if (!sigma_ok(sigma))
        return KK_ERR_SIGMA;
    if (order < 0 || order > 3)
        return KK_ERR_ORDER;
    if (radius < 0 || radius > KK_MAX_RADIUS)
        return KK_ERR_RADIUS;

    const int64_t n = 2 * radius + 1;
    const double sigma2 = sigma * sigma;
    const double c = -0.5 / sigma2;
    for (int64_t i = 0; i < n; i++) {
        int64_t x = i - radius;
        kernel[i] = exp(c * (double)(x * x));
    }
    const double sum = pairwise_sum(kernel, n);
    for (int64_t i = 0; i < n; i++)
        kernel[i] = kernel[i] / sum;
    if (order == 0)
        return KK_OK;

    /* f(x) = q(x) phi(x) with p'(x) = -x / sigma^2:
     * f'(x) = (q'(x) + q(x) p'(x)) phi(x), i.e. q <- (D + P) q on the
     * coefficients, D the derivative (q_k <- (k+1) q_{k+1}) and P the product
     * with -x/sigma^2 (q_k <- q_{k-1} / -sigma^2). */
    const double s = 1.0 / -sigma2;
    double q[4] = {1.0, 0.0, 0.0, 0.0};
    for (int step = 0; step < order; step++) {
        double next[4];
        for (int k = 0; k <= order; k++) {
            double d = k + 1 <= order ? (double)(k + 1) * q[k + 1] : 0.0;
            double p = k >= 1 ? s * q[k - 1] : 0.0;
            next[k] = d + p;
        }
        for (int k = 0; k <= order; k++)
            q[k] = next[k];
    }
    /* Odd orders: q has only odd powers, so q(-x) == -q(x) exactly and the
     * kernel is exactly antisymmetric (correlation folds it, as in SciPy). */
    for (int64_t i = 0; i < n; i++)
        kernel[i] = eval_polynomial(q, order, i - radius) * kernel[i];
    return KK_OK;
}

int kk_gaussian1d(int dtype, int ndim, const int64_t *shape,
                  const void *input, const int64_t *in_strides,
                  void *output, const int64_t *out_strides,
                  int axis, double sigma, int order, double truncate,
                  int64_t radius, int mode, double cval, int threads)
{
    int64_t size = 0;
    int status = kk_check_array_args(dtype, ndim, shape, input, in_strides, output,
                                     out_strides, axis, mode, &size);
    if (status != KK_OK)
        return status;
    if (!sigma_ok(sigma))
        return KK_ERR_SIGMA;
    if (order < 0 || order > 3)
        return KK_ERR_ORDER;
    if (radius < 0) {
        status = kk_gaussian_radius(sigma, truncate, &radius);
        if (status != KK_OK)
            return status;
    } else if (radius > KK_MAX_RADIUS) {
        return KK_ERR_RADIUS;
    }
    if (threads < 1)
        return KK_ERR_THREADS;
    if (size == 0)
        return KK_OK;

    const int64_t nw = 2 * radius + 1;
    const size_t bytes = kk_mul_size(nw, sizeof(double), 1);
    double *weights = bytes ? malloc(bytes) : NULL;
    if (!weights)
        return KK_ERR_NO_MEMORY;
    kk_gaussian_kernel1d(sigma, order, radius, weights);
    /* gaussian_filter1d correlates with the reversed kernel (so that order 1
     * of an increasing ramp is positive): reverse it in place. */
    for (int64_t j = 0, k = nw - 1; j < k; j++, k--) {
        const double t = weights[j];
        weights[j] = weights[k];
        weights[k] = t;
    }

    kk_filter_args a = {dtype, ndim, shape, input, in_strides, output, out_strides, axis,
                        weights, nw, 0, mode, cval, threads, KK_ISA_AUTO};
    status = kk_filter_lines(&a);
    free(weights);
    return status;
}
