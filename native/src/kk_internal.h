/*
 * kk_internal.h — private declarations shared by the .c files of libkernelkit.
 * Nothing here is exported (the library is built with -fvisibility=hidden; only
 * KK_API functions of kernelkit.h are visible).
 */
#ifndef KK_INTERNAL_H
#define KK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kernelkit.h"

/* An OpenMP pragma that disappears in a serial build: KK_PRAGMA(omp parallel ...). */
#ifdef _OPENMP
#define KK_PRAGMA(x) _Pragma(#x)
#else
#define KK_PRAGMA(x)
#endif

/* ---- api.c: argument validation shared by the filters ------------------- */

/* Checks, in this order, NULL pointers (shape, input, in_strides, output,
 * out_strides), dtype, ndim, shape (negative extents; element count times
 * element size must fit in int64), axis and mode. On success stores the number
 * of elements in *size (0 for an empty array). */
int kk_check_array_args(int dtype, int ndim, const int64_t *shape,
                        const void *input, const int64_t *in_strides,
                        const void *output, const int64_t *out_strides,
                        int axis, int mode, int64_t *size);

/* correlate.c: kk_correlate1d's checks, in its documented order (weights
 * NULL, the array arguments as above, WEIGHTS, ORIGIN, THREADS); on success
 * *size is the input's element count. */
int kk_check_correlate_args(int dtype, int ndim, const int64_t *shape,
                            const void *input, const int64_t *in_strides,
                            void *output, const int64_t *out_strides, int axis,
                            const double *weights, int64_t nweights, int64_t origin,
                            int mode, int threads, int64_t *size);

/* Size in bytes of one element of a (valid) dtype. */
int64_t kk_dtype_size(int dtype);

/* ---- extend.c: boundary extension --------------------------------------- */

/* Index into a line of length n (n >= 1) that SciPy's NI_ExtendLine copies to
 * position p of the extended line (p relative to the first sample, any
 * integer), or -1 when the position holds cval (KK_MODE_CONSTANT outside the
 * line). For 0 <= p < n it is p. */
int64_t kk_extend_index(int64_t p, int64_t n, int mode);

/* ---- fir_kernel.c: the vectorised inner loop ---------------------------- */

/* How correlation weights are summed (SciPy's NI_Correlate1D). */
enum {
    KK_FIR_GENERAL = 0,       /* w[K-1] first, then w[0..K-2] */
    KK_FIR_SYMMETRIC = 1,     /* centre first, then (left + right) * w[left] */
    KK_FIR_ANTISYMMETRIC = -1 /* centre first, then (left - right) * w[left] */
};

/* SciPy's classification of a weight vector: odd length and
 * |w[c+i] - w[c-i]| <= DBL_EPSILON for all i (symmetric, checked first), or
 * |w[c+i] + w[c-i]| <= DBL_EPSILON (antisymmetric); otherwise general. Note
 * the absolute tolerance: SciPy folds weights that are only nearly symmetric,
 * and uses the left weight for both sides. */
int kk_fir_classify(const double *w, int64_t nw);

/* Instruction sets the inner kernel is compiled for: the public kk_isa_level
 * values, and KK_ISA_AUTO for "the level chosen at load time" (kk_isa()). */
enum { KK_ISA_AUTO = 0 };

/* 1 when `isa` is compiled in and this CPU can run it. */
int kk_isa_available(int isa);

/* The best available instruction set (never KK_ISA_AUTO). */
int kk_isa_detect(void);

/* The level a *_select call uses: AUTO is the load-time choice, and a level
 * this CPU or build lacks falls back to baseline. */
int kk_isa_usable(int isa);

/*
 * out[e] = sum over j of w[j] * x[e + j*stride], for e in [0, count), summed in
 * exactly the order of NI_Correlate1D for `kind` (see KK_FIR_*). With stride 1
 * x is one extended line; with stride L it holds L lines interleaved
 * (x[row*L + lane]) and out likewise. Every element gets the same sequence of
 * IEEE operations whichever code path (vector block, single vector, scalar
 * tail) computes it, so results never depend on count, alignment or ISA.
 */
typedef void (*kk_fir_fn)(const double *x, double *out, int64_t count,
                          int64_t stride, const double *w, int64_t nw, int kind);

/* The kernel for `isa` (KK_ISA_AUTO: the level chosen at load time, kk_isa()).
 * Falls back to baseline when the requested set is unavailable. */
kk_fir_fn kk_fir_select(int isa);

/*
 * The causal accumulation behind kk_lfilter_fir (stride 1): for e in
 * [0, count), out[e] = init[e] (0.0 when init is NULL), then
 * acc = x[e + j] * w[j] + acc for j = j0 .. j1-1 in that order. init may equal
 * out. Like kk_fir_fn, every element gets the same IEEE operations on every
 * code path and instruction set.
 */
typedef void (*kk_causal_fn)(const double *x, double *out, int64_t count,
                             const double *init, const double *w, int64_t j0, int64_t j1);

/* The causal kernel for `isa`, chosen as in kk_fir_select. */
kk_causal_fn kk_causal_select(int isa);

/* ---- lines.c: N-d iteration, extension, threading ------------------------ */

typedef struct kk_filter_args {
    int dtype;
    int ndim;
    const int64_t *shape;
    const void *input;
    const int64_t *in_strides;
    void *output;
    const int64_t *out_strides;
    int axis;
    const double *weights; /* correlation weights (convolve: already reversed) */
    int64_t nweights;
    int64_t origin;        /* correlation origin, already validated */
    int mode;
    double cval;
    int threads;           /* >= 1 */
    int isa;               /* KK_ISA_*; KK_ISA_AUTO in the public API */
} kk_filter_args;

/* Correlates every line along args->axis. Arguments must have been validated
 * (kk_check_array_args, weights, origin, threads) and the array must be
 * non-empty. Returns KK_OK or KK_ERR_NO_MEMORY. */
int kk_filter_lines(const kk_filter_args *args);

/* Byte offsets of line `line` (lines numbered in C order over the `n`
 * dimensions of extents dims[], the last fastest), given each dimension's
 * input and output strides: *in_off and *out_off. */
void kk_line_offsets(int64_t line, int n, const int64_t *dims, const int64_t *in_strides,
                     const int64_t *out_strides, int64_t *in_off, int64_t *out_off);

/* The number of threads to run for a request of `threads` (>= 1): capped
 * at 4 per processor with OpenMP, 1 without. */
int kk_cap_threads(int threads);

/* ---- memory ------------------------------------------------------------- */

/* a * b * c as a size in bytes, or 0 when it overflows (or is 0). */
size_t kk_mul_size(int64_t a, int64_t b, int64_t c);

#endif /* KK_INTERNAL_H */
