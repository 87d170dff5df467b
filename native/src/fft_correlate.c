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
 * segment into the next (fft_lanes.c). Float64 outputs far larger than the
 * caches are written with non-temporal stores.
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

#include "fft_correlate.h"

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
static int64_t count_jobs(int64_t nlines, int64_t pieces, int64_t jl, int aligned);

static int64_t choose_pieces(int64_t nlines, int64_t nblk, int64_t jl, int aligned, int T)
{
    int64_t best = 1;
    double best_cost = 0.0;
    for (int64_t p = 1; p <= nblk && p <= 8 * jl; p *= 2) {
        const int64_t jobs = count_jobs(nlines, p, jl, aligned);
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

/* Jobs of up to jl lanes. Aligned (several transforms per job, and at least
 * jl lines): a job never mixes pieces, so its lanes start at the same offset
 * and rows of neighbouring lines are copied whole (a job's last transforms
 * may be unused). Otherwise lanes are packed (piece-major) so that every
 * vector is full. */
static int64_t count_jobs(int64_t nlines, int64_t pieces, int64_t jl, int aligned)
{
    if (aligned)
        return pieces * ((nlines + jl - 1) / jl);
    return (nlines * pieces + jl - 1) / jl;
}

/* First lane (piece-major numbering) and lane count of job j. */
static void job_lanes(const fplan *P, int64_t jl, int64_t j, int64_t *first, int64_t *nl)
{
    if (P->aligned) {
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
    const int64_t nlanes = P->nlines * P->pieces;
    const int64_t njobs = count_jobs(P->nlines, P->pieces, jl, P->aligned);
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
                kk_fft_make_lane(P, li, shared_halos + li * (P->K - 1), &L);
                kk_fft_capture_halo(P, &L);
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
                kk_fft_run_job(P, first, nl,
                               shared_halos ? shared_halos + first * (P->K - 1) : W.halos, 0, &W);
            else
                kk_fft_run_job(P, first, nl, W.halos, 1, &W);
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
    P.aligned = P.G > 1 && P.nlines >= P.G * LN;
    P.pieces = choose_pieces(P.nlines, P.nblk, P.G * LN, P.aligned, T);
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
