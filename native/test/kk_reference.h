/*
 * kk_reference.h — a naive, obviously-correct model of scipy.ndimage's 1-D
 * correlation for the tests: the boundary extension by repeated reflection
 * (a definition independent of the library's modular index map), one line at
 * a time, every output summed in NI_Correlate1D's order.
 */
#ifndef KK_REFERENCE_H
#define KK_REFERENCE_H

#include <stdint.h>

/* Source index of extended position p in a line of n samples, -1 for cval. */
int64_t ref_source(int64_t p, int64_t n, int mode);

/* 1 symmetric, -1 antisymmetric, 0 general — SciPy's test. */
int ref_classify(const double *w, int64_t K);

/* Correlates one line of doubles (out must not alias line). */
void ref_correlate_line(const double *line, int64_t n, const double *w, int64_t K,
                        int64_t origin, int mode, double cval, double *out);

/* Correlates an N-d strided array (dtype as kernelkit.h) along axis, line by
 * line, converting to double and back like SciPy. in and out must not overlap. */
int ref_correlate(int dtype, int ndim, const int64_t *shape, const void *in,
                  const int64_t *in_strides, void *out, const int64_t *out_strides,
                  int axis, const double *w, int64_t K, int64_t origin, int mode,
                  double cval);

/* scipy's convolve1d in terms of ref_correlate. */
int ref_convolve(int dtype, int ndim, const int64_t *shape, const void *in,
                 const int64_t *in_strides, void *out, const int64_t *out_strides,
                 int axis, const double *w, int64_t K, int64_t origin, int mode,
                 double cval);

#endif
