/*
 * fft_correlate.c — kk_correlate1d_fft: overlap-save correlation along one
 * axis with the real FFT of fft.c.
 *
 * Blocks. A line of length n is extended by the mode exactly as in the direct
 * path (ext[e] = x[kk_extend_index(e - nb)], e < n + K - 1, nb = K/2 + origin
 * values before the line, na = K - 1 - nb after). Output block b covers
 * y[bM, bM + M) and is the circular correlation of the segment ext[bM, bM + N)
 * with the weights, N = M + K - 1 a power of two chosen from n and K only
 * (rows past the end of ext are zeros). The partition into blocks is fixed,
 * so every output is computed from the same values by the same operations
 * whatever the thread count or the other lines.
 *
 * Lanes. KK_FFT_LANES blocks are transformed together (fft.h). A lane is a run
 * of consecutive blocks [b0, b1) of one line: a whole line when there are
 * enough lines to keep every thread's vectors full, otherwise a piece of one.
 * A job runs G transforms of KK_FFT_LANES lanes (G = 1 for contiguous lines;
 * up to 8 along a strided axis, so that a job reads and writes whole runs of
 * neighbouring lines) block by block, carrying the last K - 1 rows of each
 * segment into the next. Float64 outputs far larger than the caches are
 * written with non-temporal stores.
 *
 * In place (output == input). A lane's own samples [P0, P1) are read at least
 * na rows ahead of the outputs it writes, so each is read before it is
 * overwritten; the values it needs from elsewhere (nb before P0, na from P1
 * on: boundary extension, or other lanes' samples) are captured in its halo
 * first — for pieces of lines, by all threads before any writes (a barrier).
 */
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "fft.h"
#include "kk_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define KK_STREAM_STORES 1
#endif

#ifdef _OPENMP
#define KK_PRAGMA(x) _Pragma(#x)
#else
#define KK_PRAGMA(x)
#endif

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

/* ---- plan --------------------------------------------------------------- */

static int ceil_log2(int64_t v)
{
    int p = 0;
    while (((int64_t)1 << p) < v)
        p++;
    return p;
}

/* log2 of the block length: the fewest operations (blocks times N log N, plus
 * a per-row cost for moving data), among lengths that fit the cache unless K
 * itself needs more. Depends on n and K only. */
static int choose_log2(int64_t n, int64_t K)
{
    int lo = ceil_log2(2 * K);
    if (lo < KK_FFT_MIN_LOG2)
        lo = KK_FFT_MIN_LOG2;
    int hi = lo > KK_FFT_CACHE_LOG2 ? lo : KK_FFT_CACHE_LOG2;
    int best = lo;
    double best_cost = 0.0;
    for (int p = lo; p <= hi; p++) {
        const int64_t N = (int64_t)1 << p, M = N - K + 1;
        const double blocks = (double)((n + M - 1) / M);
        const double cost = blocks * (double)N * (double)(p + 4);
        if (p == lo || cost < best_cost) {
            best = p;
            best_cost = cost;
        }
        if (M >= n)
            break; /* one block already covers the line */
    }
    return best;
}

/* Lanes per line: whole lines when they fill every thread's vectors evenly;
 * otherwise lines are cut into pieces so that the jobs (jl lanes each) spread
 * evenly over the T threads: the fewest pieces minimising jobs per thread
 * times the length of a piece. Pieces change who computes a block, not how. */
static int64_t count_jobs(int64_t nlines, int64_t pieces, int64_t jl);

static int64_t choose_pieces(int64_t nlines, int64_t nblk, int64_t jl, int T)
{
    int64_t best = 1;
    double best_cost = 0.0;
    for (int64_t p = 1; p <= nblk && p <= 8 * jl; p *= 2) {
        const int64_t jobs = count_jobs(nlines, p, jl);
        const double cost = (double)((jobs + T - 1) / T) / (double)p;
        if (p == 1 || cost < best_cost * 0.97) {
            best = p;
            best_cost = cost;
        }
        if (nlines * p >= (int64_t)64 * jl * T)
            break; /* plenty of jobs: balanced enough */
    }
    return best;
}

static void make_plan(fplan *P, int dtype, int ndim, const int64_t *shape, const void *input,
                      const int64_t *in_strides, void *output, const int64_t *out_strides,
                      int axis, int64_t K, int64_t origin, int mode, double cval)
{
    memset(P, 0, sizeof *P);
    P->dtype = dtype;
    P->mode = mode;
    P->cval = cval;
    P->in = (const char *)input;
    P->out = (char *)output;
    P->n = shape[axis];
    P->in_step = in_strides[axis];
    P->out_step = out_strides[axis];
    P->nlines = 1;
    for (int d = 0; d < ndim; d++) {
        if (d == axis || shape[d] < 2)
            continue;
        P->outer_n[P->nouter] = shape[d];
        P->outer_in[P->nouter] = in_strides[d];
        P->outer_out[P->nouter] = out_strides[d];
        P->nouter++;
        P->nlines *= shape[d];
    }
    P->K = K;
    P->nb = K / 2 + origin;
    P->na = K - 1 - P->nb;
}

/* ---- lanes -------------------------------------------------------------- */

static void make_lane(const fplan *P, int64_t li, double *halo, flane *L)
{
    /* lanes numbered piece-major: neighbouring lanes hold the same piece of
     * neighbouring lines, so a job's lanes start at the same offset */
    int64_t line = li % P->nlines, piece = li / P->nlines;
    int64_t ioff = 0, ooff = 0;
    for (int d = P->nouter - 1; d >= 0; d--) {
        int64_t i = line % P->outer_n[d];
        line /= P->outer_n[d];
        ioff += i * P->outer_in[d];
        ooff += i * P->outer_out[d];
    }
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

static void capture_halo(const fplan *P, const flane *L)
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

typedef struct fwork {
    double *v;     /* G * N * LN: the transforms */
    double *carry; /* G * (K - 1) * LN: overlap between consecutive segments */
    double *halos; /* G * LN * (K - 1), for jobs that capture their own halos */
} fwork;

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

static void run_job(const fplan *P, int64_t first, int64_t nl, double *halos, int capture,
                    const fwork *W)
{
    flane lanes[KK_FFT_JOB_LANES];
    int64_t steps = 0;
    const int64_t K1 = P->K - 1, ng = (nl + LN - 1) / LN, tsize = P->N * LN;
    for (int64_t l = 0; l < nl; l++) {
        make_lane(P, first + l, halos + l * K1, &lanes[l]);
        if (capture)
            capture_halo(P, &lanes[l]);
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

/* ---- threading ---------------------------------------------------------- */

static void work_free(fwork *W)
{
    kk_fft_free(W->v);
    free(W->carry);
    free(W->halos);
    W->v = W->carry = W->halos = NULL;
}

static int work_alloc(fwork *W, const fplan *P, int own_halos)
{
    const int64_t K1 = P->K - 1;
    size_t c = K1 > 0 ? kk_mul_size(K1, LN * P->G, sizeof(double)) : 1;
    size_t h = own_halos && K1 > 0 ? c : 1;
    W->v = kk_fft_alloc(P->G * P->N * LN);
    W->carry = c ? malloc(c) : NULL;
    W->halos = h ? malloc(h) : NULL;
    if (!W->v || !W->carry || !W->halos) {
        work_free(W);
        return 0;
    }
    return 1;
}

/* Jobs of up to jl lanes. With at least jl lines a job never mixes pieces
 * (its lanes then start at the same offset, and rows of neighbouring lines
 * are copied whole); with fewer, lanes are packed (piece-major) so that the
 * vectors are full. */
static int64_t count_jobs(int64_t nlines, int64_t pieces, int64_t jl)
{
    if (nlines >= jl)
        return pieces * ((nlines + jl - 1) / jl);
    return (nlines * pieces + jl - 1) / jl;
}

/* First lane (piece-major numbering) and lane count of job j. */
static void job_lanes(const fplan *P, int64_t jl, int64_t j, int64_t *first, int64_t *nl)
{
    if (P->nlines >= jl) {
        const int64_t per_piece = (P->nlines + jl - 1) / jl, c = j % per_piece;
        *first = (j / per_piece) * P->nlines + c * jl;
        *nl = P->nlines - c * jl < jl ? P->nlines - c * jl : jl;
    } else {
        const int64_t nlanes = P->nlines * P->pieces;
        *first = j * jl;
        *nl = nlanes - *first < jl ? nlanes - *first : jl;
    }
}

static int run(const fplan *P, int T)
{
    const int64_t jl = P->G * LN; /* lanes per job */
    const int64_t nlanes = P->nlines * P->pieces, njobs = count_jobs(P->nlines, P->pieces, jl);
    const int split = P->pieces > 1;
    double *shared_halos = NULL;
    if (split && P->K > 1) {
        size_t bytes = kk_mul_size(nlanes, P->K - 1, sizeof(double));
        shared_halos = bytes ? malloc(bytes) : NULL;
        if (!shared_halos)
            return KK_ERR_NO_MEMORY;
    }
    if (T > njobs)
        T = (int)njobs;
    int failed = 0;
    (void)T;
    KK_PRAGMA(omp parallel num_threads(T) if (T > 1) shared(failed))
    {
        fwork W;
        if (!work_alloc(&W, P, !split)) {
            KK_PRAGMA(omp atomic write)
            failed = 1;
        }
        if (split && P->K > 1) {
            /* every halo before any output is written (the barrier ending the loop) */
            KK_PRAGMA(omp for schedule(static))
            for (int64_t li = 0; li < nlanes; li++) {
                flane L;
                make_lane(P, li, shared_halos + li * (P->K - 1), &L);
                capture_halo(P, &L);
            }
        }
        KK_PRAGMA(omp for schedule(dynamic, 1))
        for (int64_t j = 0; j < njobs; j++) {
            int stop;
            KK_PRAGMA(omp atomic read)
            stop = failed;
            if (stop)
                continue;
            int64_t first, nl;
            job_lanes(P, jl, j, &first, &nl);
            if (split)
                run_job(P, first, nl, shared_halos ? shared_halos + first * (P->K - 1) : W.halos,
                        0, &W);
            else
                run_job(P, first, nl, W.halos, 1, &W);
        }
        work_free(&W);
    }
    free(shared_halos);
    return failed ? KK_ERR_NO_MEMORY : KK_OK;
}

int kk_correlate1d_fft(int dtype, int ndim, const int64_t *shape,
                       const void *input, const int64_t *in_strides,
                       void *output, const int64_t *out_strides,
                       int axis, const double *weights, int64_t nweights,
                       int64_t origin, int mode, double cval, int threads)
{
    int64_t size = 0;
    int status = kk_check_correlate_args(dtype, ndim, shape, input, in_strides, output,
                                         out_strides, axis, weights, nweights, origin, mode,
                                         threads, &size);
    if (status != KK_OK || size == 0)
        return status;

    fplan P;
    make_plan(&P, dtype, ndim, shape, input, in_strides, output, out_strides, axis, nweights,
              origin, mode, cval);
    const int log2n = choose_log2(P.n, nweights);
    P.fp = log2n <= KK_FFT_MAX_LOG2 ? kk_fft_plan_get(log2n) : NULL;
    if (!P.fp)
        return KK_ERR_NO_MEMORY;
    P.N = P.fp->n;
    P.M = P.N - nweights + 1;
    P.nblk = (P.n + P.M - 1) / P.M;
    P.fn = kk_fft_correlate_select(KK_ISA_AUTO);

    const int T = kk_cap_threads(threads);
    /* Lines along a strided axis: several transforms per job, so that the
     * lanes of a job are up to 64 neighbouring lines whose samples at one
     * position are one run of memory (a job of 8 would touch one cache line
     * per row and jump). Contiguous lines gain nothing from it. */
    P.G = 1;
    if (P.in_step != kk_dtype_size(dtype) || P.out_step != kk_dtype_size(dtype)) {
        P.G = KK_FFT_WIDE_BYTES / (P.N * LN * (int64_t)sizeof(double));
        P.G = P.G < 1 ? 1 : P.G > KK_FFT_MAX_G ? KK_FFT_MAX_G : P.G;
        while (P.G > 1 && P.G * LN > 2 * P.nlines)
            P.G /= 2;
    }
    P.pieces = choose_pieces(P.nlines, P.nblk, P.G * LN, T);
    P.stream = dtype == KK_FLOAT64 && P.out_step == (int64_t)sizeof(double) &&
               size > KK_FFT_STREAM_ELEMS;

    /* The filter spectrum, before anything is written (the weights may live
     * in the output). */
    const int64_t h = P.fp->h;
    size_t cbytes = kk_mul_size(h + 1, 2, sizeof(double));
    double *scratch = kk_fft_alloc(P.N * LN);
    double *spec = cbytes ? malloc(cbytes) : NULL;
    if (!scratch || !spec) {
        kk_fft_free(scratch);
        free(spec);
        return KK_ERR_NO_MEMORY;
    }
    kk_fft_filter_spectrum(P.fp, weights, nweights, spec, spec + h + 1, scratch);
    kk_fft_free(scratch);
    P.cr = spec;
    P.ci = spec + h + 1;

    status = run(&P, T);
    free(spec);
    return status;
}
