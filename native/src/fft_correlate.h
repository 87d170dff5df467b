/*
 * fft_correlate.h — private to kk_correlate1d_fft: the plan of one call
 * (fft_correlate.c) and the lanes and jobs that move data through the FFT
 * (fft_lanes.c). See fft_correlate.c for the method.
 */
#ifndef KK_FFT_CORRELATE_H
#define KK_FFT_CORRELATE_H

#include "fft.h"
#include "kk_internal.h"

#define LN KK_FFT_LANES

enum {
    KK_FFT_CACHE_LOG2 = 13,        /* largest block chosen for speed: N * LN doubles = 512 KiB */
    KK_FFT_STREAM_ELEMS = 1 << 23, /* outputs (64 MiB of float64) past which stores bypass caches */
    KK_FFT_MAX_G = 8,              /* transforms per job, at most */
    KK_FFT_JOB_LANES = KK_FFT_MAX_G * LN,
    KK_FFT_WIDE_BYTES = 1 << 20    /* buffers of a job of several transforms, at most */
};

typedef struct fplan {
    int dtype, mode;
    double cval;
    const char *in;
    char *out;
    int64_t n, in_step, out_step;
    int nouter;
    int64_t outer_n[KK_MAX_NDIM], outer_in[KK_MAX_NDIM], outer_out[KK_MAX_NDIM];
    int64_t nlines;
    int64_t K, nb, na;      /* weights, extension before / after */
    int64_t N, M, nblk;     /* block length, outputs per block, blocks per line */
    int64_t pieces;         /* lanes per line */
    int stream;             /* output bypasses the caches (see store_stream) */
    int64_t G;              /* transforms (of LN lanes) per job */
    int aligned;            /* jobs never mix pieces of lines (count_jobs) */
    const kk_fft_plan *fp;
    const double *cr, *ci;  /* filter spectrum */
    kk_fft_correlate_fn fn;
} fplan;

typedef struct flane {
    const char *in; /* element 0 of the line */
    char *out;
    int64_t b0, b1; /* blocks */
    int64_t P0, P1; /* own samples */
    double *halo;   /* nb values before P0, then na from P1 */
} flane;

typedef struct fwork {
    double *v;     /* G * N * LN: the transforms */
    double *carry; /* G * (K - 1) * LN: overlap between consecutive segments */
    double *halos; /* G * LN * (K - 1), for jobs that capture their own halos */
} fwork;

/* Lane li (piece-major: li = piece * nlines + line) of the plan, with its
 * halo at `halo` (K - 1 values). */
void kk_fft_make_lane(const fplan *P, int64_t li, double *halo, flane *L);

/* The lane's halo: the extended-line values it needs from outside its own
 * samples. Must run before anything those samples' owners write. */
void kk_fft_capture_halo(const fplan *P, const flane *L);

/* Lanes first .. first+nl-1 (nl <= G * KK_FFT_LANES), block by block:
 * extended samples in, correlation, outputs out. capture: take the halos
 * first (else they were taken already). */
void kk_fft_run_job(const fplan *P, int64_t first, int64_t nl, double *halos, int capture,
                    const fwork *W);

#endif /* KK_FFT_CORRELATE_H */
