/*
 * kernelkit.h — the whole C ABI of libkernelkit.
 *
 * 1-D filters along one axis of N-d strided arrays, with the semantics of
 * scipy.ndimage (correlate1d, convolve1d, gaussian_filter1d).
 *
 * Conventions shared by every function:
 *  - Every function returns an int status: KK_OK (0) or one of kk_status.
 *    kk_strerror() turns it into a message. Nothing aborts, exits or prints.
 *  - Arrays are described NumPy-style: element type (kk_dtype), ndim, shape[ndim]
 *    and strides[ndim] in BYTES (negative and, for inputs, zero strides allowed).
 *    The data pointer addresses element (0, ..., 0). Every element must be
 *    aligned to its size. The library cannot know the buffer bounds: the caller
 *    guarantees that every element the shape and strides reach is addressable.
 *  - Input and output share dtype and shape. The output may be the input itself
 *    (same pointer and strides: in-place); otherwise the two must not overlap,
 *    and no two output elements may share memory.
 *  - Every pointer argument is required (NULL_POINTER), also for empty arrays.
 *  - Arguments are checked in the order the "Errors:" line of each function
 *    lists them; the first failing check is returned. An array with an extent
 *    of 0 is checked like any other, then the call returns KK_OK without
 *    reading or writing any element.
 *  - Arithmetic is done in double for both dtypes, as SciPy does.
 *  - `threads` is the number of threads used by this call (>= 1). It is passed
 *    explicitly because OpenMP settings are per calling thread; the library never
 *    reads or changes global OpenMP state. Results are bit-identical for every
 *    thread count. In a build without OpenMP the value is validated and ignored.
 *    Fewer threads may run when there is less independent work than threads,
 *    and at most 4 per processor (more would only oversubscribe).
 *
 * Thread-safety: every function is reentrant and may be called concurrently from
 * any number of threads on disjoint outputs.
 */
#ifndef KERNELKIT_H
#define KERNELKIT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define KK_API __declspec(dllexport)
#else
#define KK_API __attribute__((visibility("default")))
#endif

#define KK_VERSION_MAJOR 0
#define KK_VERSION_MINOR 1
#define KK_VERSION_PATCH 0

/* Largest ndim accepted. */
#define KK_MAX_NDIM 32

typedef enum kk_status {
    KK_OK = 0,
    KK_ERR_NULL_POINTER = 1,  /* a required pointer argument is NULL */
    KK_ERR_DTYPE = 2,         /* dtype is not a kk_dtype */
    KK_ERR_NDIM = 3,          /* ndim outside 1..KK_MAX_NDIM */
    KK_ERR_SHAPE = 4,         /* a negative extent, or sizes that overflow int64 */
    KK_ERR_AXIS = 5,          /* axis outside 0..ndim-1 */
    KK_ERR_MODE = 6,          /* mode is not a kk_mode */
    KK_ERR_WEIGHTS = 7,       /* nweights < 1 */
    KK_ERR_ORIGIN = 8,        /* origin outside -(nweights/2) .. (nweights-1)/2 */
    KK_ERR_SIGMA = 9,         /* sigma not finite or <= 0 */
    KK_ERR_ORDER = 10,        /* Gaussian derivative order outside 0..3 */
    KK_ERR_RADIUS = 11,       /* radius (given or from truncate) negative or too large */
    KK_ERR_THREADS = 12,      /* threads < 1 */
    KK_ERR_NO_MEMORY = 13,    /* a work buffer could not be allocated */
    KK_ERR_TRUNCATE = 14      /* truncate not finite */
} kk_status;

typedef enum kk_dtype {
    KK_FLOAT32 = 0,
    KK_FLOAT64 = 1
} kk_dtype;

/* Boundary modes, as scipy.ndimage names them. SciPy's aliases map onto these:
 * grid-mirror = REFLECT, grid-wrap = WRAP, grid-constant = CONSTANT. */
typedef enum kk_mode {
    KK_MODE_REFLECT = 0,   /* d c b a | a b c d | d c b a  (period 2n) */
    KK_MODE_MIRROR = 1,    /*   d c b | a b c d | c b a    (period 2n-2; n == 1 acts as NEAREST) */
    KK_MODE_NEAREST = 2,   /* a a a a | a b c d | d d d d */
    KK_MODE_WRAP = 3,      /* a b c d | a b c d | a b c d  (period n) */
    KK_MODE_CONSTANT = 4   /* k k k k | a b c d | k k k k  (k = cval) */
} kk_mode;

/* Library version as (major << 16) | (minor << 8) | patch. */
KK_API uint32_t kk_version(void);

/* Library version as "major.minor.patch"; a static string. */
KK_API const char *kk_version_string(void);

/* A static, human-readable message for a status code; unknown codes get a
 * generic message (never NULL). */
KK_API const char *kk_strerror(int status);

/* 1 when the library was built with OpenMP (threads > 1 run in parallel),
 * 0 for a serial build. */
KK_API int kk_has_openmp(void);

/*
 * Run-time instruction-set dispatch. The hot kernels are compiled once per
 * level below and the library picks one when it is loaded: the best level the
 * CPU supports, or the level named by the environment variable KERNELKIT_ISA
 * (baseline, avx2 or avx512; read once, at load time) when the CPU supports
 * it. A level the CPU lacks, or an unknown name, falls back to the best
 * supported level, and kk_isa_reason() says so. Every level gives bit-identical
 * results (no FMA contraction anywhere); they differ only in speed.
 */
typedef enum kk_isa_level {
    KK_ISA_BASELINE = 1, /* any CPU of the architecture: SSE2 on x86-64, NEON on arm64 */
    KK_ISA_AVX2 = 2,     /* x86-64 with AVX2 (32-byte vectors; no FMA: SciPy's sums are unfused) */
    KK_ISA_AVX512 = 3    /* x86-64 with AVX-512F (64-byte vectors) */
} kk_isa_level;

/* The level the filters use in this process (a kk_isa_level). */
KK_API int kk_isa(void);

/* 1 when `level` is compiled into this library and this CPU can run it, else 0
 * (also for values that are not a kk_isa_level). KK_ISA_BASELINE always is. */
KK_API int kk_isa_supported(int level);

/* The name of a level as KERNELKIT_ISA spells it ("baseline", "avx2",
 * "avx512"), or "unknown"; a static string. */
KK_API const char *kk_isa_name(int level);

/* One static sentence saying how kk_isa() was chosen: "best level this CPU
 * supports", "forced by KERNELKIT_ISA=avx2", or why a request was not honoured,
 * e.g. "KERNELKIT_ISA=avx512 is not supported by this CPU or build; using avx2". */
KK_API const char *kk_isa_reason(void);

/*
 * Correlation along `axis`, exactly scipy.ndimage.correlate1d:
 *   out[i] = sum_j weights[j] * x[i + j - nweights/2 - origin]
 * with x extended beyond its ends by `mode` (cval for KK_MODE_CONSTANT). Lines
 * shorter than the padding are extended periodically exactly as SciPy does.
 * origin must lie in -(nweights/2) .. (nweights-1)/2 (integer division).
 * Symmetric and antisymmetric odd-length weights are folded, summing in SciPy's
 * order. As in SciPy the test has an absolute tolerance: weights count as
 * symmetric when |w[c+i] - w[c-i]| <= DBL_EPSILON for every i (c = nweights/2),
 * else antisymmetric when |w[c+i] + w[c-i]| <= DBL_EPSILON, and the fold then
 * uses the left weights w[c-i] for both sides. float64 results are
 * bit-identical to SciPy's; float32 results are SciPy's double sums rounded
 * once, also bit-identical.
 * Errors: NULL_POINTER, DTYPE, NDIM, SHAPE, AXIS, MODE, WEIGHTS, ORIGIN, THREADS,
 * NO_MEMORY. On error the output is untouched, except NO_MEMORY, after which its
 * contents are unspecified.
 */
KK_API int kk_correlate1d(int dtype, int ndim, const int64_t *shape,
                          const void *input, const int64_t *in_strides,
                          void *output, const int64_t *out_strides,
                          int axis, const double *weights, int64_t nweights,
                          int64_t origin, int mode, double cval, int threads);

/*
 * Convolution along `axis`, exactly scipy.ndimage.convolve1d: correlation with
 * the reversed weights and origin -origin, minus one more for even nweights.
 * Same origin range, arguments and errors as kk_correlate1d.
 */
KK_API int kk_convolve1d(int dtype, int ndim, const int64_t *shape,
                         const void *input, const int64_t *in_strides,
                         void *output, const int64_t *out_strides,
                         int axis, const double *weights, int64_t nweights,
                         int64_t origin, int mode, double cval, int threads);

/*
 * The radius scipy.ndimage.gaussian_filter1d uses when none is given:
 * (int64)(truncate * sigma + 0.5).
 * Errors: NULL_POINTER, SIGMA, TRUNCATE, RADIUS (negative, or above 2^30).
 */
KK_API int kk_gaussian_radius(double sigma, double truncate, int64_t *radius);

/*
 * The Gaussian kernel of scipy.ndimage._gaussian_kernel1d(sigma, order, radius):
 * 2*radius+1 values for x = -radius..radius, exp(-x^2 / (2 sigma^2)) normalised by
 * its sum, times the derivative polynomial for order 1..3. Written to
 * kernel[0 .. 2*radius] in that order (NOT reversed). The sum is NumPy's
 * pairwise sum, and order 2 is evaluated as fma(x^2, q2, q0) as NumPy's BLAS
 * (OpenBLAS) does, so the kernel equals SciPy's bit for bit when NumPy's exp
 * is the C library's; NumPy builds with their own SIMD exp (e.g. NumPy 1.24 on
 * AVX-512 CPUs) differ from it by at most 1 ulp per tap.
 * Errors: NULL_POINTER, SIGMA, ORDER, RADIUS (negative or above 2^30).
 */
KK_API int kk_gaussian_kernel1d(double sigma, int order, int64_t radius, double *kernel);

/*
 * Gaussian filter (or derivative of order 1..3) along `axis`, exactly
 * scipy.ndimage.gaussian_filter1d: the kernel above, reversed, correlated with
 * origin 0. radius >= 0 is used as given; radius < 0 means "from truncate" as
 * kk_gaussian_radius computes it (truncate is ignored otherwise).
 * Errors: those of kk_correlate1d (except WEIGHTS, ORIGIN), and SIGMA, ORDER,
 * RADIUS, TRUNCATE; checked in the order NULL_POINTER, DTYPE, NDIM, SHAPE,
 * AXIS, MODE, SIGMA, ORDER, TRUNCATE (only when radius < 0), RADIUS, THREADS,
 * NO_MEMORY.
 */
KK_API int kk_gaussian1d(int dtype, int ndim, const int64_t *shape,
                         const void *input, const int64_t *in_strides,
                         void *output, const int64_t *out_strides,
                         int axis, double sigma, int order, double truncate,
                         int64_t radius, int mode, double cval, int threads);

/*
 * Causal FIR filtering along `axis` with state, exactly
 * scipy.signal.lfilter(b, [1.0], x, axis, zi) (computed directly, no FFT):
 *   y[n] = sum over k of b[k] * x[n-k] (x[i < 0] = 0) + zi[n] for n < nb-1.
 * zi and zf are the filter state in SciPy's form (direct form II transposed):
 * C-contiguous arrays of DOUBLE (for both dtypes, so carried state loses
 * nothing between chunks) whose shape is x's shape with the axis extent
 * replaced by nb-1. zi may be NULL (zero initial state); zf may be NULL (final
 * state not wanted) and may equal zi (state updated in place). With zf,
 * filtering a signal in chunks (of any length, also shorter than the filter,
 * and also 0) with the state carried from each call to the next gives the
 * same bits as filtering it at once.
 * Output may be the input (in place). Each output is one sum in a fixed order
 * (the state value, or +0.0, first, then b[k] * x[n-k] from the oldest sample
 * to the newest; zf likewise), computed in double with the vectorised kernel
 * but without FMA contraction, so results do not depend on `threads` or on
 * the instruction set (kk_isa).
 * Errors: NULL_POINTER (b, then the array arguments), DTYPE, NDIM, SHAPE,
 * AXIS, WEIGHTS (nb < 1), THREADS, NO_MEMORY.
 */
KK_API int kk_lfilter_fir(int dtype, int ndim, const int64_t *shape,
                          const void *input, const int64_t *in_strides,
                          void *output, const int64_t *out_strides,
                          int axis, const double *b, int64_t nb,
                          const double *zi, double *zf, int threads);

/*
 * Correlation along `axis` computed with FFTs (overlap-save): the semantics,
 * arguments, origin range and errors of kk_correlate1d. Each line is extended
 * by `mode` exactly as in the direct path, then filtered block by block with a
 * real FFT written for this library (block length chosen for the cache, not
 * for the whole line). Results equal kk_correlate1d's up to FFT rounding
 * (float64: a few 1e-16 of sum |w||x| per output), not bit for bit; they do
 * not depend on `threads`. Worth it for long weights (see the method choice in
 * the Java API); any length is accepted.
 * Details: blocks of N = 2^p samples (p chosen from the line length and
 * nweights only) give N - nweights + 1 outputs each, at fixed positions of the
 * line; eight blocks are transformed at once (SIMD across blocks), so a
 * line's result is the same bits whatever `threads`, the other lines, and the
 * instruction set (kk_isa). A NaN or infinity in the input spreads to every
 * output of the blocks that read it (the direct path: only to the outputs
 * whose window holds it). Output may be the input (in place). Memory per
 * thread: 64 N bytes (along a strided axis up to 8 times that, but not over
 * 1 MiB unless N needs it), plus 8 (nweights - 1) bytes per piece of a line.
 */
KK_API int kk_correlate1d_fft(int dtype, int ndim, const int64_t *shape,
                              const void *input, const int64_t *in_strides,
                              void *output, const int64_t *out_strides,
                              int axis, const double *weights, int64_t nweights,
                              int64_t origin, int mode, double cval, int threads);

/*
 * A bank of `nfilters` FIR filters applied along `axis` in one pass: weights
 * is C-ordered nfilters x nweights, and filter f's output equals
 * kk_correlate1d with weights[f*nweights ...] and the same origin, mode and
 * cval, bit for bit. The output has ndim+1 dimensions: the input's shape with
 * a new axis of length nfilters inserted immediately before `axis`
 * ((channels, samples) along samples gives (channels, nfilters, samples));
 * out_strides has ndim+1 entries in bytes. The output must not overlap the
 * input. Results do not depend on `threads`.
 * Errors: NULL_POINTER, DTYPE, NDIM, SHAPE (also nfilters < 1), AXIS, MODE,
 * WEIGHTS, ORIGIN, THREADS, NO_MEMORY.
 */
KK_API int kk_filterbank1d(int dtype, int ndim, const int64_t *shape,
                           const void *input, const int64_t *in_strides,
                           void *output, const int64_t *out_strides,
                           int axis, const double *weights, int64_t nfilters,
                           int64_t nweights, int64_t origin, int mode,
                           double cval, int threads);

#ifdef __cplusplus
}
#endif

#endif /* KERNELKIT_H */
