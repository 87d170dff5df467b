/*
 * lines.c — correlating every line of an N-d strided array along one axis:
 * arranging lines into jobs, building extended lines chunk by chunk, and
 * threading.
 *
 * Lanes and tiles. The kernel (fir_kernel.c) vectorises across the elements
 * of a window. A job computes up to KK_JOB_LANES "lanes" together; a lane is a
 * run of output rows [r0, r0 + len) of one line. The window holds the lanes'
 * extended input interleaved in tiles of up to 8 lanes (tile[row * lanes +
 * lane]: one 64-byte row of doubles), and the kernel runs once per tile with
 * tap stride = lanes of the tile, so every vector load is aligned and a
 * block's taps stay in L1. Three layouts make the lanes:
 *
 *   ADJACENT  the axis is strided (e.g. axis 0 of a C-order matrix) or lines
 *             are short: up to 64 neighbouring lines along the non-axis
 *             dimension with the smallest stride, the same rows of each; a row
 *             of 64 lanes is then one contiguous run in memory.
 *   SPLIT     long contiguous lines, 16 taps or more: one line cut into 8
 *             consecutive pieces (unaligned 64-byte loads, which a single
 *             line would need, straddle cache lines and cost ~1.4x with
 *             AVX-512).
 *   SINGLE    otherwise (few taps, or a lone strided line): one line, the
 *             kernel vectorised along it; memory traffic dominates, so the
 *             line is copied in and written out in whole runs.
 *
 * Chunks and halos. A job runs through its rows in chunks, in a window of
 * chunk + K - 1 rows per tile; the last K - 1 rows carry over to the next
 * chunk, so memory use does not grow with the line length. Values of the
 * extended line outside a lane's own rows — the boundary extension, or samples
 * that belong to another lane or thread — are captured in the lane's halo
 * before anything is written. Inside its own rows a lane reads input at least
 * one row ahead of the outputs it writes, so output == input (in place) is
 * safe: every input sample is read before its memory is overwritten. (Whole
 * lines that fit in one chunk need no halo: the window is complete before the
 * first output is written, so the extension is read straight from the input.)
 *
 * Threads. With many groups of lines, threads take whole groups (one job each)
 * dynamically. With fewer groups than about 8 per thread (a few very long
 * lines), the work (rows times lanes) is split evenly into one piece per
 * thread; each thread captures the halos of all its jobs, all threads meet at
 * a barrier (no halo is read after a neighbour wrote over it), then compute.
 * Splitting changes which thread or lane computes an output, never how:
 * results are bit-identical for every thread count and layout.
 */
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "kk_internal.h"

#if defined(__GNUC__) || defined(__clang__)
#define KK_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define KK_ALWAYS_INLINE inline
#endif

enum {
    KK_TILE = 8,               /* lanes per tile: 64 bytes of doubles */
    KK_JOB_LANES = 64,         /* lanes per ADJACENT job */
    KK_LONG_KERNEL = 4096,     /* more taps: ADJACENT jobs of one tile (window memory) */
    KK_SPLIT_LANES = 8,        /* pieces per SPLIT line */
    KK_SHORT_LINE = 32,        /* contiguous lines shorter than this are ADJACENT */
    KK_SPLIT_MIN_TAPS = 16,    /* SPLIT from this many taps */
    KK_SINGLE_CHUNK = 8192,    /* rows per chunk, SINGLE */
    KK_TILE_CHUNK = 512,       /* rows per chunk, tiled layouts */
    KK_GROUPS_PER_THREAD = 8,  /* below this, split work evenly instead of by group */
    KK_GRAIN_ELEMS = 32768     /* outputs per scheduling step, at least */
};

enum { KK_LAYOUT_SINGLE, KK_LAYOUT_ADJACENT, KK_LAYOUT_SPLIT };

/* The iteration plan derived from the arguments. Strides are in bytes. */
typedef struct plan {
    int dtype;
    int layout;                /* KK_LAYOUT_* */
    const char *in;
    char *out;
    int64_t n;                 /* line length */
    int64_t in_step, out_step; /* strides along the axis */
    int64_t lanes_max;         /* lanes per job, at most */
    int64_t job_lanes;         /* ADJACENT: lanes per job but the last of a row */
    int64_t lane_n;            /* ADJACENT: extent of the lane dimension */
    int64_t lane_in, lane_out; /* ADJACENT: strides along the lane dimension */
    int64_t nblocks;           /* ADJACENT: groups along the lane dimension, else 1 */
    int nouter;                /* remaining dimensions (extent > 1) */
    int64_t outer_n[KK_MAX_NDIM], outer_in[KK_MAX_NDIM], outer_out[KK_MAX_NDIM];
    int64_t ngroups;           /* lines, or blocks of adjacent lines */
    const double *w;           /* correlation weights */
    int64_t K;                 /* number of weights */
    int64_t nb, na;            /* extension before / after: size1 + origin, size2 - origin */
    int kind;                  /* KK_FIR_* */
    int mode;
    double cval;
    kk_fir_fn fir;
    int64_t chunk;             /* rows per chunk */
} plan;

/* One lane: output rows [r0, r0 + len) of a line, and its halo: the nb
 * extended-line values before r0, then the na values from r0 + len on. */
typedef struct lane {
    const char *in; /* element 0 of the line */
    char *out;
    int64_t r0, len;
    double *halo;
} lane;

/* Lanes computed together; rows = the longest lane (shorter ones padded). */
typedef struct job {
    int64_t L, rows;
    int uniform;   /* ADJACENT: every lane has the same rows, lanes lane_in apart */
    int no_halos;  /* whole lines in one chunk: extension read from the input */
    lane lane[KK_JOB_LANES];
} job;

/* Rows [r0, r1) of group `group`: what a thread is handed. */
typedef struct segment {
    int64_t group, r0, r1;
    double *halos; /* lanes_max * (K - 1) values */
} segment;

/* Per-thread buffers. Tile t of the window starts at win + t * tile_win,
 * of the output buffer at obuf + t * tile_out. */
typedef struct workspace {
    double *win, *obuf, *halos;
    int64_t tile_win, tile_out;
} workspace;

/* ---- memory ------------------------------------------------------------ */

/* 64-byte aligned allocation (aligned vector loads, whole cache lines)
 * without relying on aligned_alloc/posix_memalign availability. */
static void *alloc64(size_t bytes)
{
    if (bytes > SIZE_MAX - 64 - sizeof(void *))
        return NULL;
    void *raw = malloc(bytes + 64 + sizeof(void *));
    if (!raw)
        return NULL;
    uintptr_t p = ((uintptr_t)raw + sizeof(void *) + 63) & ~(uintptr_t)63;
    ((void **)p)[-1] = raw;
    return (void *)p;
}

static void free64(void *p)
{
    if (p)
        free(((void **)p)[-1]);
}

static void ws_free(workspace *ws)
{
    free64(ws->win);
    free64(ws->obuf);
    free64(ws->halos);
    ws->win = ws->obuf = ws->halos = NULL;
}

/* Buffers for jobs of the plan and halos for nseg segments. Returns 1, or 0
 * when out of memory (then nothing is left allocated). */
static int ws_alloc(workspace *ws, const plan *P, int64_t nseg)
{
    const int64_t K1 = P->K - 1, tile = P->lanes_max < KK_TILE ? P->lanes_max : KK_TILE;
    const int64_t ntiles = (P->lanes_max + KK_TILE - 1) / KK_TILE;
    ws->win = ws->obuf = ws->halos = NULL;
    if (K1 > INT64_MAX / 2 - P->chunk)
        return 0;
    /* tile strides rounded to whole cache lines */
    ws->tile_win = ((P->chunk + K1) * tile + 7) / 8 * 8;
    ws->tile_out = (P->chunk * tile + 7) / 8 * 8;
    size_t win = kk_mul_size(ws->tile_win, ntiles, sizeof(double));
    size_t obuf = kk_mul_size(ws->tile_out, ntiles, sizeof(double));
    size_t halos = 1;
    if (K1 > 0 && nseg > 0) {
        size_t halo = kk_mul_size(K1, P->lanes_max, sizeof(double));
        halos = halo ? kk_mul_size(nseg, (int64_t)halo, 1) : 0;
    }
    if (!win || !obuf || !halos)
        return 0;
    ws->win = alloc64(win);
    ws->obuf = alloc64(obuf);
    ws->halos = alloc64(halos);
    if (!ws->win || !ws->obuf || !ws->halos) {
        ws_free(ws);
        return 0;
    }
    return 1;
}

/* ---- plan --------------------------------------------------------------- */

static int64_t abs64(int64_t v)
{
    return v < 0 ? -v : v;
}

static void make_plan(const kk_filter_args *a, const double *w, plan *P)
{
    const int64_t esize = kk_dtype_size(a->dtype);
    memset(P, 0, sizeof *P);
    P->dtype = a->dtype;
    P->in = (const char *)a->input;
    P->out = (char *)a->output;
    P->n = a->shape[a->axis];
    P->in_step = a->in_strides[a->axis];
    P->out_step = a->out_strides[a->axis];
    P->K = a->nweights;

    /* The lane dimension for ADJACENT: the other dimension whose input stride
     * is smallest (ties: the later one). */
    int lane_dim = -1;
    for (int d = 0; d < a->ndim; d++) {
        if (d == a->axis || a->shape[d] < 2)
            continue;
        if (lane_dim < 0 || abs64(a->in_strides[d]) <= abs64(a->in_strides[lane_dim]))
            lane_dim = d;
    }
    if (lane_dim >= 0 && (abs64(P->in_step) != esize || P->n < KK_SHORT_LINE)) {
        P->layout = KK_LAYOUT_ADJACENT;
        P->lane_n = a->shape[lane_dim];
        P->lane_in = a->in_strides[lane_dim];
        P->lane_out = a->out_strides[lane_dim];
        P->job_lanes = P->K > KK_LONG_KERNEL ? KK_TILE : KK_JOB_LANES;
        P->lanes_max = P->lane_n < P->job_lanes ? P->lane_n : P->job_lanes;
        P->nblocks = (P->lane_n + P->job_lanes - 1) / P->job_lanes;
    } else {
        lane_dim = -1;
        if (P->K >= KK_SPLIT_MIN_TAPS && P->n >= 2 * KK_SPLIT_LANES) {
            P->layout = KK_LAYOUT_SPLIT;
            P->lanes_max = KK_SPLIT_LANES;
        } else {
            P->layout = KK_LAYOUT_SINGLE;
            P->lanes_max = 1;
        }
        P->lane_n = 1;
        P->nblocks = 1;
    }

    P->ngroups = P->nblocks;
    for (int d = 0; d < a->ndim; d++) {
        if (d == a->axis || d == lane_dim || a->shape[d] < 2)
            continue;
        P->outer_n[P->nouter] = a->shape[d];
        P->outer_in[P->nouter] = a->in_strides[d];
        P->outer_out[P->nouter] = a->out_strides[d];
        P->nouter++;
        P->ngroups *= a->shape[d]; /* <= number of elements: no overflow */
    }

    P->w = w;
    P->nb = a->nweights / 2 + a->origin;
    P->na = (a->nweights - a->nweights / 2 - 1) - a->origin;
    P->kind = kk_fir_classify(w, a->nweights);
    P->mode = a->mode;
    P->cval = a->cval;
    P->fir = kk_fir_select(a->isa);
    P->chunk = P->layout == KK_LAYOUT_SINGLE ? KK_SINGLE_CHUNK : KK_TILE_CHUNK;
}

void kk_line_offsets(int64_t line, int n, const int64_t *dims, const int64_t *in_strides,
                     const int64_t *out_strides, int64_t *in_off, int64_t *out_off)
{
    int64_t ioff = 0, ooff = 0;
    for (int d = n - 1; d >= 0; d--) {
        const int64_t i = line % dims[d];
        line /= dims[d];
        ioff += i * in_strides[d];
        ooff += i * out_strides[d];
    }
    *in_off = ioff;
    *out_off = ooff;
}

/* Lanes of group gi (ADJACENT: a block of lines, else one line). */
static int64_t group_lanes(const plan *P, int64_t gi)
{
    if (P->layout != KK_LAYOUT_ADJACENT)
        return 1; /* the work of a line, however it is split */
    int64_t first = (gi % P->nblocks) * P->job_lanes;
    return P->lane_n - first < P->job_lanes ? P->lane_n - first : P->job_lanes;
}

/* The job for rows [r0, r1) of group gi. Groups are numbered with the lane
 * block fastest (neighbouring groups are neighbours in memory), then the
 * outer dimensions, last one fastest. */
static void make_job(const plan *P, int64_t gi, int64_t r0, int64_t r1, double *halos, job *J)
{
    int64_t blk = gi % P->nblocks, ioff, ooff;
    kk_line_offsets(gi / P->nblocks, P->nouter, P->outer_n, P->outer_in, P->outer_out, &ioff, &ooff);
    const char *in = P->in + ioff;
    char *out = P->out + ooff;

    if (P->layout == KK_LAYOUT_ADJACENT) {
        int64_t first = blk * P->job_lanes;
        J->L = group_lanes(P, gi);
        J->rows = r1 - r0;
        J->uniform = 1;
        for (int64_t l = 0; l < J->L; l++) {
            J->lane[l].in = in + (first + l) * P->lane_in;
            J->lane[l].out = out + (first + l) * P->lane_out;
            J->lane[l].r0 = r0;
            J->lane[l].len = r1 - r0;
        }
    } else {
        /* pieces of q rows, the last possibly shorter */
        int64_t len = r1 - r0, q = (len + P->lanes_max - 1) / P->lanes_max;
        J->L = (len + q - 1) / q;
        J->rows = q;
        J->uniform = 0;
        for (int64_t l = 0; l < J->L; l++) {
            J->lane[l].in = in;
            J->lane[l].out = out;
            J->lane[l].r0 = r0 + l * q;
            J->lane[l].len = r1 - J->lane[l].r0 < q ? r1 - J->lane[l].r0 : q;
        }
    }
    for (int64_t l = 0; l < J->L; l++)
        J->lane[l].halo = halos ? halos + l * (P->K - 1) : NULL;
    J->no_halos = 0;
}

/* Lanes in tile t of a job. */
static int64_t tile_lanes(const job *J, int64_t t)
{
    return J->L - t * KK_TILE < KK_TILE ? J->L - t * KK_TILE : KK_TILE;
}

/* ---- moving samples between the array and the buffers ------------------- */

static KK_ALWAYS_INLINE double load_elem(const char *p, int dtype)
{
    return dtype == KK_FLOAT64 ? *(const double *)p : (double)*(const float *)p;
}

static KK_ALWAYS_INLINE void store_elem(char *p, double v, int dtype)
{
    if (dtype == KK_FLOAT64)
        *(double *)p = v;
    else
        *(float *)p = (float)v;
}

/* Input rows k0 .. k1-1 (relative to each lane's r0; inside every lane) into
 * the tiles, tile t's row k at win + t*tile_win + (row0 + k - k0) * lanes.
 * dtype is a constant in each call, so the compiler specialises the loops. */
static KK_ALWAYS_INLINE void gather_t(const plan *P, const job *J, int64_t k0, int64_t k1,
                                      double *win, int64_t tile_win, int64_t row0, int dtype)
{
    const int64_t L = J->L, esize = dtype == KK_FLOAT64 ? 8 : 4, step = P->in_step;
    if (L == 1) {
        const char *src = J->lane[0].in + (J->lane[0].r0 + k0) * step;
        double *dst = win + row0;
        if (dtype == KK_FLOAT64 && step == esize) {
            memcpy(dst, src, (size_t)(k1 - k0) * sizeof(double));
        } else {
            for (int64_t k = 0; k < k1 - k0; k++)
                dst[k] = load_elem(src + k * step, dtype);
        }
    } else if (J->uniform) {
        /* row by row, so each row of neighbouring lines is read in one run */
        const char *src = J->lane[0].in + (J->lane[0].r0 + k0) * step;
        const int64_t ls = P->lane_in;
        for (int64_t k = k0; k < k1; k++, src += step) {
            for (int64_t t = 0; t * KK_TILE < L; t++) {
                const int64_t Lt = tile_lanes(J, t);
                const char *s = src + t * KK_TILE * ls;
                double *d = win + t * tile_win + (row0 + k - k0) * Lt;
                if (ls == esize) {
                    for (int64_t i = 0; i < Lt; i++)
                        d[i] = load_elem(s + i * esize, dtype);
                } else {
                    for (int64_t i = 0; i < Lt; i++)
                        d[i] = load_elem(s + i * ls, dtype);
                }
            }
        }
    } else {
        /* SPLIT: one tile, a stream per lane */
        const char *src[KK_TILE];
        double *d = win + row0 * L;
        for (int64_t l = 0; l < L; l++)
            src[l] = J->lane[l].in + (J->lane[l].r0 + k0) * step;
        for (int64_t k = k0; k < k1; k++, d += L)
            for (int64_t l = 0; l < L; l++) {
                d[l] = load_elem(src[l], dtype);
                src[l] += step;
            }
    }
}

static void gather(const plan *P, const job *J, int64_t k0, int64_t k1, double *win,
                   int64_t tile_win, int64_t row0)
{
    if (P->dtype == KK_FLOAT64)
        gather_t(P, J, k0, k1, win, tile_win, row0, KK_FLOAT64);
    else
        gather_t(P, J, k0, k1, win, tile_win, row0, KK_FLOAT32);
}

/* Output rows c .. c+m-1 (relative to each lane's r0) from the tiles of
 * obuf; rows beyond a lane's length are padding and are not stored. */
static KK_ALWAYS_INLINE void store_t(const plan *P, const job *J, int64_t c, int64_t m,
                                     const double *obuf, int64_t tile_out, int dtype)
{
    const int64_t L = J->L, esize = dtype == KK_FLOAT64 ? 8 : 4, step = P->out_step;
    if (J->uniform) {
        char *dst = J->lane[0].out + (J->lane[0].r0 + c) * step;
        const int64_t ls = P->lane_out;
        for (int64_t k = 0; k < m; k++, dst += step) {
            for (int64_t t = 0; t * KK_TILE < L; t++) {
                const int64_t Lt = tile_lanes(J, t);
                char *d = dst + t * KK_TILE * ls;
                const double *s = obuf + t * tile_out + k * Lt;
                if (ls == esize) {
                    for (int64_t i = 0; i < Lt; i++)
                        store_elem(d + i * esize, s[i], dtype);
                } else {
                    for (int64_t i = 0; i < Lt; i++)
                        store_elem(d + i * ls, s[i], dtype);
                }
            }
        }
        return;
    }
    for (int64_t l = 0; l < L; l++) { /* SINGLE, SPLIT: one tile */
        const lane *ln = &J->lane[l];
        int64_t end = ln->len - c < m ? ln->len - c : m;
        char *dst = ln->out + (ln->r0 + c) * step;
        for (int64_t k = 0; k < end; k++, dst += step)
            store_elem(dst, obuf[k * L + l], dtype);
    }
}

static void store(const plan *P, const job *J, int64_t c, int64_t m, const double *obuf,
                  int64_t tile_out)
{
    if (P->dtype == KK_FLOAT64)
        store_t(P, J, c, m, obuf, tile_out, KK_FLOAT64);
    else
        store_t(P, J, c, m, obuf, tile_out, KK_FLOAT32);
}

/* Captures each lane's halo: the extended-line values it needs outside its
 * own rows (boundary extension, or samples other lanes or threads will
 * overwrite). Must run before any of those are written. */
static void capture_halos(const plan *P, const job *J)
{
    if (J->uniform) { /* the same positions in every lane */
        const int64_t r0 = J->lane[0].r0, len = J->lane[0].len;
        for (int64_t i = 0; i < P->nb + P->na; i++) {
            int64_t p = i < P->nb ? r0 - P->nb + i : r0 + len + (i - P->nb);
            int64_t src = kk_extend_index(p, P->n, P->mode);
            for (int64_t l = 0; l < J->L; l++) {
                const lane *ln = &J->lane[l];
                ln->halo[i] = src < 0 ? P->cval : load_elem(ln->in + src * P->in_step, P->dtype);
            }
        }
        return;
    }
    for (int64_t l = 0; l < J->L; l++) {
        const lane *ln = &J->lane[l];
        for (int64_t i = 0; i < P->nb + P->na; i++) {
            int64_t p = i < P->nb ? ln->r0 - P->nb + i : ln->r0 + ln->len + (i - P->nb);
            int64_t src = kk_extend_index(p, P->n, P->mode);
            ln->halo[i] = src < 0 ? P->cval : load_elem(ln->in + src * P->in_step, P->dtype);
        }
    }
}

/* Window rows row0 .. row0+count-1 hold lane rows k0 .. k0+count-1 (relative
 * to each lane's r0): k < 0 and k >= len come from the halo, and rows past
 * the halo of a shorter lane are padding (zeros; their outputs are dropped). */
static void fill(const plan *P, const job *J, int64_t k0, int64_t count, const workspace *ws,
                 int64_t row0)
{
    const int64_t k1 = k0 + count;
    if (J->no_halos) {
        /* Whole lines, all of the window filled before any output is written:
         * extension rows come straight from the input, a row of lanes at a time. */
        for (int64_t k = k0; k < k1; k++) {
            if (k >= 0 && k < P->n) {
                int64_t end = k1 < P->n ? k1 : P->n;
                gather(P, J, k, end, ws->win, ws->tile_win, row0 + (k - k0));
                k = end - 1;
                continue;
            }
            int64_t src = kk_extend_index(k, P->n, P->mode);
            if (src >= 0) {
                gather(P, J, src, src + 1, ws->win, ws->tile_win, row0 + (k - k0));
                continue;
            }
            for (int64_t t = 0; t * KK_TILE < J->L; t++) {
                const int64_t Lt = tile_lanes(J, t);
                double *d = ws->win + t * ws->tile_win + (row0 + k - k0) * Lt;
                for (int64_t i = 0; i < Lt; i++)
                    d[i] = P->cval;
            }
        }
        return;
    }
    int64_t common = J->rows; /* rows inside every lane */
    for (int64_t l = 0; l < J->L; l++)
        if (J->lane[l].len < common)
            common = J->lane[l].len;

    int64_t a = k0 > 0 ? k0 : 0, b = k1 < common ? k1 : common;
    if (a < b)
        gather(P, J, a, b, ws->win, ws->tile_win, row0 + (a - k0));

    for (int64_t l = 0; l < J->L; l++) {
        const lane *ln = &J->lane[l];
        const int64_t t = l / KK_TILE, Lt = tile_lanes(J, t);
        /* lane l's value for row k is d[(k - k0) * Lt] */
        double *d = ws->win + t * ws->tile_win + row0 * Lt + l % KK_TILE;
        for (int64_t k = k0; k < k1 && k < 0; k++)
            d[(k - k0) * Lt] = ln->halo[P->nb + k];
        int64_t c0 = k0 > common ? k0 : common, c1 = k1 < ln->len ? k1 : ln->len;
        const char *src = ln->in + (ln->r0 + c0) * P->in_step;
        for (int64_t k = c0; k < c1; k++, src += P->in_step)
            d[(k - k0) * Lt] = load_elem(src, P->dtype);
        for (int64_t k = k0 > ln->len ? k0 : ln->len; k < k1; k++) {
            int64_t j = k - ln->len;
            d[(k - k0) * Lt] = j < P->na ? ln->halo[P->nb + j] : 0.0;
        }
    }
}

/* ---- one job ------------------------------------------------------------ */

static void run_job(const plan *P, const job *J, const workspace *ws)
{
    const int64_t K1 = P->K - 1, ntiles = (J->L + KK_TILE - 1) / KK_TILE;
    /* SINGLE f64 lines contiguous in the output: the kernel writes there. */
    const int direct = P->dtype == KK_FLOAT64 && P->layout == KK_LAYOUT_SINGLE &&
                       P->out_step == (int64_t)sizeof(double);

    /* Output row k needs lane rows k - nb .. k + na, i.e. K window rows. */
    fill(P, J, -P->nb, K1, ws, 0);
    for (int64_t c = 0; c < J->rows;) {
        const int64_t m = J->rows - c < P->chunk ? J->rows - c : P->chunk;
        fill(P, J, c + P->na, m, ws, K1);
        for (int64_t t = 0; t < ntiles; t++) {
            const int64_t Lt = tile_lanes(J, t);
            double *win = ws->win + t * ws->tile_win;
            double *dst = direct ? (double *)(void *)(J->lane[0].out +
                                                      (J->lane[0].r0 + c) * P->out_step)
                                 : ws->obuf + t * ws->tile_out;
            P->fir(win, dst, m * Lt, Lt, P->w, P->K, P->kind);
            memmove(win, win + m * Lt, (size_t)(K1 * Lt) * sizeof(double));
        }
        if (!direct)
            store(P, J, c, m, ws->obuf, ws->tile_out);
        c += m;
    }
}

/* ---- threading ---------------------------------------------------------- */

static int thread_num(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

static int num_threads(void)
{
#ifdef _OPENMP
    return omp_get_num_threads();
#else
    return 1;
#endif
}

/* Many groups: each thread takes whole groups. */
static int run_by_groups(const plan *P, int T)
{
    int failed = 0;
    /* Hand out several small groups at a time (scheduling costs an atomic
     * operation per step), but keep at least 4 steps per thread for balance. */
    int64_t grain = KK_GRAIN_ELEMS / (P->lanes_max * P->n) + 1;
    if (grain > P->ngroups / (4 * (int64_t)T))
        grain = P->ngroups / (4 * (int64_t)T);
    if (grain < 1)
        grain = 1;
    (void)grain; /* unused without OpenMP */
    (void)T;
    KK_PRAGMA(omp parallel num_threads(T) if (T > 1) shared(failed))
    {
        workspace ws;
        if (!ws_alloc(&ws, P, 1)) {
            KK_PRAGMA(omp atomic write)
            failed = 1;
        }
        KK_PRAGMA(omp for schedule(dynamic, grain))
        for (int64_t gi = 0; gi < P->ngroups; gi++) {
            int stop;
            KK_PRAGMA(omp atomic read)
            stop = failed;
            if (stop)
                continue;
            job J;
            make_job(P, gi, 0, P->n, ws.halos, &J);
            /* No other thread touches these lines; if they fit in one chunk,
             * every input row is read before the first output is written. */
            J.no_halos = J.uniform && J.rows <= P->chunk; /* rows [0, n) */
            if (!J.no_halos)
                capture_halos(P, &J);
            run_job(P, &J, &ws);
        }
        ws_free(&ws);
    }
    return failed ? KK_ERR_NO_MEMORY : KK_OK;
}

/* Start of piece t of nt equal pieces of [0, total), without overflow. */
static int64_t piece_start(int64_t total, int nt, int t)
{
    int64_t q = total / nt, r = total % nt;
    return q * t + (t < r ? t : r);
}

/* Thread t's segments when the work (rows times lanes of every group) is cut
 * into nt equal pieces. A row boundary inside group g is ceil(x / lanes_g) for
 * work offset x, the same function on both sides of every cut, so the pieces
 * tile the rows exactly. Returns the number of segments (<= ngroups) written
 * to segs (NULL: only count). */
static int64_t piece_segments(const plan *P, int nt, int t, segment *segs)
{
    int64_t total = 0;
    for (int64_t g = 0; g < P->ngroups; g++)
        total += group_lanes(P, g) * P->n; /* <= elements: no overflow */
    const int64_t a = piece_start(total, nt, t), b = piece_start(total, nt, t + 1);
    int64_t nseg = 0, cum = 0;
    for (int64_t g = 0; g < P->ngroups && cum < b; g++) {
        const int64_t lanes = group_lanes(P, g), work = lanes * P->n;
        const int64_t x0 = a > cum ? a - cum : 0, x1 = b - cum < work ? b - cum : work;
        const int64_t r0 = (x0 + lanes - 1) / lanes, r1 = (x1 + lanes - 1) / lanes;
        if (x0 < x1 && r0 < r1) {
            if (segs) {
                segs[nseg].group = g;
                segs[nseg].r0 = r0;
                segs[nseg].r1 = r1;
            }
            nseg++;
        }
        cum += work;
    }
    return nseg;
}

/* Few groups: the work split evenly, one piece per thread. */
static int run_by_pieces(const plan *P, int T)
{
    int failed = 0;
    (void)T; /* unused without OpenMP */
    KK_PRAGMA(omp parallel num_threads(T) shared(failed))
    {
        const int t = thread_num(), nt = num_threads();
        const int64_t nseg = piece_segments(P, nt, t, NULL);
        workspace ws = {NULL, NULL, NULL, 0, 0};
        segment *segs = nseg > 0 ? malloc((size_t)nseg * sizeof *segs) : NULL;
        int ok = nseg == 0 || (segs && ws_alloc(&ws, P, nseg));
        if (ok && nseg > 0) {
            piece_segments(P, nt, t, segs);
            for (int64_t k = 0; k < nseg; k++) {
                job J;
                segs[k].halos = ws.halos + k * (P->K - 1) * P->lanes_max;
                make_job(P, segs[k].group, segs[k].r0, segs[k].r1, segs[k].halos, &J);
                capture_halos(P, &J);
            }
        } else if (!ok) {
            KK_PRAGMA(omp atomic write)
            failed = 1;
        }
        /* Every halo is captured before any thread writes output. */
        KK_PRAGMA(omp barrier)
        int stop;
        KK_PRAGMA(omp atomic read)
        stop = failed;
        for (int64_t k = 0; k < nseg && !stop; k++) {
            job J;
            make_job(P, segs[k].group, segs[k].r0, segs[k].r1, segs[k].halos, &J);
            run_job(P, &J, &ws);
        }
        ws_free(&ws);
        free(segs);
    }
    return failed ? KK_ERR_NO_MEMORY : KK_OK;
}

int kk_cap_threads(int threads)
{
#ifdef _OPENMP
    /* Oversubscribing a compute-bound kernel gains nothing, and asking the
     * OpenMP runtime for thousands of threads can make it abort; the cap is
     * invisible in the results. */
    int cap = 4 * omp_get_num_procs();
    if (cap < 1)
        cap = 1;
    return threads > cap ? cap : threads;
#else
    (void)threads;
    return 1;
#endif
}

int kk_filter_lines(const kk_filter_args *a)
{
    /* A private copy: the caller's weights may live anywhere, even in the
     * output array. */
    size_t wbytes = kk_mul_size(a->nweights, sizeof(double), 1);
    double *w = wbytes ? malloc(wbytes) : NULL;
    if (!w)
        return KK_ERR_NO_MEMORY;
    memcpy(w, a->weights, wbytes);

    plan P;
    make_plan(a, w, &P);

    int T = kk_cap_threads(a->threads);
    int status;
    if (T > 1 && P.ngroups < (int64_t)KK_GROUPS_PER_THREAD * T) {
        int64_t work = P.ngroups * P.n; /* at least one row per thread */
        status = run_by_pieces(&P, work < T ? (int)work : T);
    } else {
        status = run_by_groups(&P, P.ngroups < T ? (int)P.ngroups : T);
    }
    free(w);
    return status;
}
