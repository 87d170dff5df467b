/*
 * fft_lanes.c — moving data through the lane-parallel FFT for
 * kk_correlate1d_fft: lanes and their halos, extended samples into the
 * transforms (row by row, whole runs of neighbouring lines when they are
 * adjacent in memory), outputs back (non-temporal stores for float64 outputs
 * far larger than the caches), and one job's loop over its blocks.
 */
#include <stdint.h>
#include <string.h>

#include "fft_correlate.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define KK_STREAM_STORES 1
#endif

/* ---- lanes -------------------------------------------------------------- */

void kk_fft_make_lane(const fplan *P, int64_t li, double *halo, flane *L)
{
    /* lanes numbered piece-major: neighbouring lanes hold the same piece of
     * neighbouring lines, so a job's lanes start at the same offset */
    int64_t piece = li / P->nlines, ioff, ooff;
    kk_line_offsets(li % P->nlines, P->nouter, P->outer_n, P->outer_in, P->outer_out, &ioff, &ooff);
    L->in = P->in + ioff;
    L->out = P->out + ooff;
    L->b0 = piece * P->nblk / P->pieces;
    L->b1 = (piece + 1) * P->nblk / P->pieces;
    L->P0 = L->b0 * P->M;
    L->P1 = L->b1 * P->M < P->n ? L->b1 * P->M : P->n;
    L->halo = halo;
}

static inline double load_elem(const char *p, int dtype)
{
    return dtype == KK_FLOAT64 ? *(const double *)p : (double)*(const float *)p;
}

void kk_fft_capture_halo(const fplan *P, const flane *L)
{
    for (int64_t i = 0; i < P->nb + P->na; i++) {
        int64_t p = i < P->nb ? L->P0 - P->nb + i : L->P1 + (i - P->nb);
        int64_t src = kk_extend_index(p, P->n, P->mode);
        L->halo[i] = src < 0 ? P->cval : load_elem(L->in + src * P->in_step, P->dtype);
    }
}

/* Extended-line values p .. p+count-1 of the lane into dst[r * LN]. */
static void fill_lane(const fplan *P, const flane *L, int64_t p, int64_t count, double *dst)
{
    const int64_t end = p + count;
    int64_t r = 0;
    for (; p < end && p < L->P0; p++, r++)
        dst[r * LN] = L->halo[p - (L->P0 - P->nb)];
    if (p < end && p < L->P1) {
        const int64_t stop = end < L->P1 ? end : L->P1;
        const char *src = L->in + p * P->in_step;
        if (P->dtype == KK_FLOAT64) {
            for (; p < stop; p++, r++, src += P->in_step)
                dst[r * LN] = *(const double *)src;
        } else {
            for (; p < stop; p++, r++, src += P->in_step)
                dst[r * LN] = (double)*(const float *)src;
        }
    }
    for (; p < end && p < L->P1 + P->na; p++, r++)
        dst[r * LN] = L->halo[P->nb + (p - L->P1)];
    for (; p < end; p++, r++)
        dst[r * LN] = 0.0;
}

static void store_lane(const fplan *P, const flane *L, int64_t p, int64_t count,
                       const double *src)
{
    char *dst = L->out + p * P->out_step;
    if (P->dtype == KK_FLOAT64) {
        for (int64_t r = 0; r < count; r++, dst += P->out_step)
            *(double *)dst = src[r * LN];
    } else {
        for (int64_t r = 0; r < count; r++, dst += P->out_step)
            *(float *)dst = (float)src[r * LN];
    }
}

/* ---- one job: lanes first .. first+nl-1 ---------------------------------- */

/* Row 0 of job lane l: transform l / LN, column l % LN (row r: + r * LN). */
static inline double *lane_col(const fplan *P, double *v, int64_t l)
{
    return v + (l / LN) * P->N * LN + l % LN;
}

/* 1 when lane l's line starts esize bytes after lane l-1's, for every lane
 * (input, or output when `out`): then a row of lanes is one run of memory. */
static inline int rows_contiguous(const flane *lanes, int64_t nl, int out, int64_t esize)
{
    for (int64_t l = 1; l < nl; l++) {
        const char *a = out ? lanes[l - 1].out : lanes[l - 1].in;
        const char *b = out ? lanes[l].out : lanes[l].in;
        if (b - a != esize || lanes[l].b0 != lanes[0].b0)
            return 0;
    }
    return nl > 1;
}

/* Rows [ra, rb) of every lane straight from its own samples, row by row (a
 * whole row of lanes is written at once; each lane's input is read in order).
 * dtype is a constant in each call, so the compiler specialises the loops. */
static inline void fill_rows_t(const fplan *P, const flane *lanes, int64_t nl, int64_t s,
                               int64_t ra, int64_t rb, double *v, int dtype)
{
    const char *src[KK_FFT_JOB_LANES];
    double *dst[KK_FFT_JOB_LANES];
    const int64_t step = P->in_step, esize = dtype == KK_FLOAT64 ? 8 : 4;
    if (rows_contiguous(lanes, nl, 0, esize)) {
        /* the lanes' samples at one position are one run of memory */
        const int64_t pbase = (lanes[0].b0 + s) * P->M - P->nb;
        for (int64_t r = ra; r < rb; r++) {
            const char *row = lanes[0].in + (pbase + r) * step;
            for (int64_t l0 = 0; l0 < nl; l0 += LN) {
                double *d = lane_col(P, v, l0) + r * LN;
                const int64_t m = nl - l0 < LN ? nl - l0 : LN;
                for (int64_t l = 0; l < m; l++)
                    d[l] = dtype == KK_FLOAT64 ? ((const double *)(const void *)row)[l0 + l]
                                               : (double)((const float *)(const void *)row)[l0 + l];
            }
        }
        return;
    }
    for (int64_t l = 0; l < nl; l++) {
        src[l] = lanes[l].in + ((lanes[l].b0 + s) * P->M - P->nb + ra) * step;
        dst[l] = lane_col(P, v, l);
    }
    for (int64_t r = ra; r < rb; r++) {
        for (int64_t l = 0; l < nl; l++) {
            dst[l][r * LN] =
                dtype == KK_FLOAT64 ? *(const double *)src[l] : (double)*(const float *)src[l];
            src[l] += step;
        }
    }
}

static inline void store_rows_t(const fplan *P, const flane *lanes, int64_t nl, int64_t s,
                                 int64_t count, double *v, int dtype)
{
    char *dst[KK_FFT_JOB_LANES];
    const double *src[KK_FFT_JOB_LANES];
    const int64_t step = P->out_step, esize = dtype == KK_FLOAT64 ? 8 : 4;
    if (rows_contiguous(lanes, nl, 1, esize)) {
        const int64_t p = (lanes[0].b0 + s) * P->M;
        for (int64_t r = 0; r < count; r++) {
            char *row = lanes[0].out + (p + r) * step;
            for (int64_t l0 = 0; l0 < nl; l0 += LN) {
                const double *s = lane_col(P, v, l0) + r * LN;
                const int64_t m = nl - l0 < LN ? nl - l0 : LN;
                for (int64_t l = 0; l < m; l++) {
                    if (dtype == KK_FLOAT64)
                        ((double *)(void *)row)[l0 + l] = s[l];
                    else
                        ((float *)(void *)row)[l0 + l] = (float)s[l];
                }
            }
        }
        return;
    }
    for (int64_t l = 0; l < nl; l++) {
        dst[l] = lanes[l].out + (lanes[l].b0 + s) * P->M * step;
        src[l] = lane_col(P, v, l);
    }
    for (int64_t r = 0; r < count; r++) {
        for (int64_t l = 0; l < nl; l++) {
            if (dtype == KK_FLOAT64)
                *(double *)dst[l] = src[l][r * LN];
            else
                *(float *)dst[l] = (float)src[l][r * LN];
            dst[l] += step;
        }
    }
}

/* Segment rows [r0, N) of block `s` of every lane into W->v. */
static void fill_step(const fplan *P, const flane *lanes, int64_t nl, int64_t s, int64_t r0,
                      double *v)
{
    /* rows every lane takes from its own samples: [ra, rb) */
    int64_t ra = r0, rb = P->N, active = 0;
    for (int64_t l = 0; l < nl; l++) {
        const flane *L = &lanes[l];
        const int64_t b = L->b0 + s, pbase = b * P->M - P->nb;
        if (b >= L->b1)
            continue;
        active++;
        if (L->P0 - pbase > ra)
            ra = L->P0 - pbase;
        if (L->P1 - pbase < rb)
            rb = L->P1 - pbase;
    }
    if (active < nl || ra >= rb || lanes[0].b0 + s >= lanes[0].b1)
        ra = rb = r0; /* ragged: lane by lane */
    for (int64_t l = 0; l < nl; l++) {
        const flane *L = &lanes[l];
        const int64_t b = L->b0 + s, pbase = b * P->M - P->nb;
        double *col = lane_col(P, v, l);
        if (b >= L->b1) { /* a shorter lane: padding */
            for (int64_t r = r0; r < P->N; r++)
                col[r * LN] = 0.0;
            continue;
        }
        fill_lane(P, L, pbase + r0, ra - r0, col + r0 * LN);
        fill_lane(P, L, pbase + rb, P->N - rb, col + rb * LN);
    }
    if (ra < rb) { /* every lane active, and inside its own samples */
        if (P->dtype == KK_FLOAT64)
            fill_rows_t(P, lanes, nl, s, ra, rb, v, KK_FLOAT64);
        else
            fill_rows_t(P, lanes, nl, s, ra, rb, v, KK_FLOAT32);
    }
}

#ifdef KK_STREAM_STORES
/* Contiguous float64 output lane by lane with non-temporal stores: for
 * outputs much larger than the caches, writing around them saves reading
 * every output line from memory first (about a third of the traffic). */
static void store_stream(const fplan *P, const flane *lanes, int64_t nl, int64_t s,
                         int64_t count, double *v)
{
    for (int64_t l = 0; l < nl; l++) {
        double *d = (double *)(void *)(lanes[l].out) + (lanes[l].b0 + s) * P->M;
        const double *c = lane_col(P, v, l);
        int64_t r = 0;
        if (((uintptr_t)d & 15) && count > 0) {
            d[0] = c[0];
            r = 1;
        }
        for (; r + 1 < count; r += 2)
            _mm_stream_pd(d + r, _mm_set_pd(c[(r + 1) * LN], c[r * LN]));
        if (r < count)
            d[r] = c[r * LN];
    }
}
#endif

static void store_step(const fplan *P, const flane *lanes, int64_t nl, int64_t s, double *v)
{
    int full = 1;
    for (int64_t l = 0; l < nl; l++) {
        const flane *L = &lanes[l];
        full &= L->b0 + s < L->b1 && (L->b0 + s + 1) * P->M <= L->P1;
    }
    if (full) { /* M outputs in every lane */
#ifdef KK_STREAM_STORES
        if (P->stream) {
            store_stream(P, lanes, nl, s, P->M, v);
            return;
        }
#endif
        if (P->dtype == KK_FLOAT64)
            store_rows_t(P, lanes, nl, s, P->M, v, KK_FLOAT64);
        else
            store_rows_t(P, lanes, nl, s, P->M, v, KK_FLOAT32);
        return;
    }
    for (int64_t l = 0; l < nl; l++) {
        const flane *L = &lanes[l];
        const int64_t b = L->b0 + s;
        if (b >= L->b1)
            continue;
        const int64_t p = b * P->M, count = L->P1 - p < P->M ? L->P1 - p : P->M;
        store_lane(P, L, p, count, lane_col(P, v, l));
    }
}

void kk_fft_run_job(const fplan *P, int64_t first, int64_t nl, double *halos, int capture,
                    const fwork *W)
{
    flane lanes[KK_FFT_JOB_LANES];
    int64_t steps = 0;
    const int64_t K1 = P->K - 1, ng = (nl + LN - 1) / LN, tsize = P->N * LN;
    for (int64_t l = 0; l < nl; l++) {
        kk_fft_make_lane(P, first + l, halos + l * K1, &lanes[l]);
        if (capture)
            kk_fft_capture_halo(P, &lanes[l]);
        if (lanes[l].b1 - lanes[l].b0 > steps)
            steps = lanes[l].b1 - lanes[l].b0;
    }
    /* unused lanes stay zero */
    memset(W->v, 0, (size_t)(ng * tsize) * sizeof(double));
    for (int64_t s = 0; s < steps; s++) {
        const int64_t r0 = s == 0 ? 0 : K1;
        for (int64_t g = 0; g < ng && s > 0; g++)
            memcpy(W->v + g * tsize, W->carry + g * K1 * LN, (size_t)(K1 * LN) * sizeof(double));
        fill_step(P, lanes, nl, s, r0, W->v);
        for (int64_t g = 0; g < ng; g++) {
            memcpy(W->carry + g * K1 * LN, W->v + g * tsize + P->M * LN,
                   (size_t)(K1 * LN) * sizeof(double));
            P->fn(P->fp, W->v + g * tsize, P->cr, P->ci);
        }
        store_step(P, lanes, nl, s, W->v);
    }
#ifdef KK_STREAM_STORES
    if (P->stream)
        _mm_sfence(); /* streamed stores visible before the job counts as done */
#endif
}
