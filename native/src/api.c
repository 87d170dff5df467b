/*
 * api.c — version, error messages, build information and the argument
 * validation shared by every filter entry point.
 */
#include "kk_internal.h"

#define KK_STR2(x) #x
#define KK_STR(x) KK_STR2(x)

uint32_t kk_version(void)
{
    return ((uint32_t)KK_VERSION_MAJOR << 16) | ((uint32_t)KK_VERSION_MINOR << 8) |
           (uint32_t)KK_VERSION_PATCH;
}

const char *kk_version_string(void)
{
    return KK_STR(KK_VERSION_MAJOR) "." KK_STR(KK_VERSION_MINOR) "." KK_STR(KK_VERSION_PATCH);
}

const char *kk_strerror(int status)
{
    switch (status) {
    case KK_OK: return "success";
    case KK_ERR_NULL_POINTER: return "a required pointer argument is NULL";
    case KK_ERR_DTYPE: return "unsupported dtype (expected float32 or float64)";
    case KK_ERR_NDIM: return "ndim must be between 1 and " KK_STR(KK_MAX_NDIM);
    case KK_ERR_SHAPE: return "invalid shape: a negative extent, or a size that overflows int64";
    case KK_ERR_AXIS: return "axis out of range (must be 0 .. ndim-1)";
    case KK_ERR_MODE: return "unknown boundary mode";
    case KK_ERR_WEIGHTS: return "weights must have at least one element";
    case KK_ERR_ORIGIN: return "origin out of range (must be -(n/2) .. (n-1)/2 for n weights)";
    case KK_ERR_SIGMA: return "sigma must be finite and > 0";
    case KK_ERR_ORDER: return "Gaussian derivative order must be 0, 1, 2 or 3";
    case KK_ERR_RADIUS: return "kernel radius negative or too large (max 2^30)";
    case KK_ERR_THREADS: return "threads must be >= 1";
    case KK_ERR_NO_MEMORY: return "out of memory allocating a work buffer";
    case KK_ERR_TRUNCATE: return "truncate must be finite";
    default: return "unknown kernelkit status code";
    }
}

int kk_has_openmp(void)
{
#ifdef _OPENMP
    return 1;
#else
    return 0;
#endif
}

int64_t kk_dtype_size(int dtype)
{
    return dtype == KK_FLOAT32 ? 4 : 8;
}

int kk_check_array_args(int dtype, int ndim, const int64_t *shape,
                        const void *input, const int64_t *in_strides,
                        const void *output, const int64_t *out_strides,
                        int axis, int mode, int64_t *size)
{
    if (!shape || !input || !in_strides || !output || !out_strides)
        return KK_ERR_NULL_POINTER;
    if (dtype != KK_FLOAT32 && dtype != KK_FLOAT64)
        return KK_ERR_DTYPE;
    if (ndim < 1 || ndim > KK_MAX_NDIM)
        return KK_ERR_NDIM;

    /* The element count times the element size must fit in int64 (as for a
     * NumPy array); zero extents make the array empty but the others are still
     * checked, so a shape is valid or not regardless of the zeros in it. */
    int64_t limit = INT64_MAX / kk_dtype_size(dtype);
    int64_t nonzero = 1;
    int empty = 0;
    for (int d = 0; d < ndim; d++) {
        if (shape[d] < 0)
            return KK_ERR_SHAPE;
        if (shape[d] == 0) {
            empty = 1;
            continue;
        }
        if (nonzero > limit / shape[d])
            return KK_ERR_SHAPE;
        nonzero *= shape[d];
    }
    if (axis < 0 || axis >= ndim)
        return KK_ERR_AXIS;
    if (mode < KK_MODE_REFLECT || mode > KK_MODE_CONSTANT)
        return KK_ERR_MODE;
    *size = empty ? 0 : nonzero;
    return KK_OK;
}

size_t kk_mul_size(int64_t a, int64_t b, int64_t c)
{
    if (a <= 0 || b <= 0 || c <= 0)
        return 0;
    uint64_t r = (uint64_t)a;
    if ((uint64_t)b > SIZE_MAX / r)
        return 0;
    r *= (uint64_t)b;
    if ((uint64_t)c > SIZE_MAX / r)
        return 0;
    return (size_t)(r * (uint64_t)c);
}
