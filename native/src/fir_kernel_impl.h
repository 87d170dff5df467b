/*
 * fir_kernel_impl.h — body of the inner correlation kernel, included by
 * fir_kernel.c once per instruction set with these macros defined:
 *
 *   KK_FN(name)  the name with the instruction set's suffix
 *   KK_TARGET    function attributes that select the instruction set
 *   KK_VBYTES    vector width in bytes (16, 32 or 64; 8: plain C, no vectors)
 *
 * The kernel computes out[e] = sum_j w[j] * x[e + j*S] for a run of e, with
 * vectors across consecutive e (consecutive outputs of one line when S == 1,
 * lanes interleaved row by row when S is the number of lanes), NA vector
 * accumulators per block held in registers, and taps in the outer loop of a
 * block. Every output gets exactly SciPy's sequence of operations:
 *
 *   general:   acc = x[K-1]*w[K-1];       acc += x[j]*w[j]            j = 0..K-2
 *   symmetric: acc = x[c]*w[c];           acc += (x[j] + x[K-1-j])*w[j]  j = 0..c-1
 *   antisym.:  acc = x[c]*w[c];           acc += (x[j] - x[K-1-j])*w[j]  j = 0..c-1
 *
 * (x here relative to e, step S; c = K/2). Vector lanes are independent IEEE
 * operations and the build forbids FMA contraction, so the block, single-vector
 * and scalar paths and all instruction sets give bit-identical results.
 */

#define KK_VL (KK_VBYTES / 8) /* doubles per vector */
#define KK_NA 8               /* vector accumulators per block */

#if KK_VBYTES > 8
typedef double KK_FN(vec) __attribute__((vector_size(KK_VBYTES)));
#else
typedef double KK_FN(vec); /* portable C: 8 scalar accumulators */
#endif

KK_TARGET static inline KK_FN(vec) KK_FN(load)(const double *p)
{
    KK_FN(vec) v;
    memcpy(&v, p, sizeof v); /* unaligned load */
    return v;
}

KK_TARGET static inline void KK_FN(store)(double *p, KK_FN(vec) v)
{
    memcpy(p, &v, sizeof v);
}

/* The three block functions compute na vectors (na*KK_VL outputs) starting at
 * x / out. They are always inlined with a constant na, so the accumulator
 * array is unrolled into registers. */

/* general: acc = x[K-1]*w[K-1]; acc += x[j]*w[j] for j = 0..K-2 */
KK_TARGET KK_FORCE_INLINE void
KK_FN(block_general)(const double *x, double *out, int64_t S, const double *w,
                     int64_t K, const int na, const int anti)
{
    (void)anti; /* same arguments as block_folded, for KK_RUN */
    KK_FN(vec) acc[KK_NA];
    const double *xl = x + (K - 1) * S;
    const double wl = w[K - 1];
    for (int a = 0; a < na; a++)
        acc[a] = KK_FN(load)(xl + a * KK_VL) * wl;
    const double *xj = x;
    for (int64_t j = 0; j < K - 1; j++, xj += S) {
        const double wj = w[j];
        for (int a = 0; a < na; a++)
            acc[a] += KK_FN(load)(xj + a * KK_VL) * wj;
    }
    for (int a = 0; a < na; a++)
        KK_FN(store)(out + a * KK_VL, acc[a]);
}

/* symmetric (anti = 0) / antisymmetric (anti = 1): acc = x[c]*w[c];
 * acc += (x[j] +/- x[K-1-j])*w[j] for j = 0..c-1. `anti` is a constant at
 * every (force-inlined) call, so the choice folds away. */
KK_TARGET KK_FORCE_INLINE void
KK_FN(block_folded)(const double *x, double *out, int64_t S, const double *w,
                    int64_t K, const int na, const int anti)
{
    KK_FN(vec) acc[KK_NA];
    const int64_t c = K / 2;
    const double *xc = x + c * S;
    const double wc = w[c];
    for (int a = 0; a < na; a++)
        acc[a] = KK_FN(load)(xc + a * KK_VL) * wc;
    const double *xl = x;
    const double *xr = x + (K - 1) * S;
    for (int64_t j = 0; j < c; j++, xl += S, xr -= S) {
        const double wj = w[j];
        for (int a = 0; a < na; a++) {
            const KK_FN(vec) l = KK_FN(load)(xl + a * KK_VL);
            const KK_FN(vec) r = KK_FN(load)(xr + a * KK_VL);
            acc[a] += (anti ? l - r : l + r) * wj;
        }
    }
    for (int a = 0; a < na; a++)
        KK_FN(store)(out + a * KK_VL, acc[a]);
}

/* The scalar form of the same sums, for the last count % KK_VL outputs. */
KK_TARGET static double KK_FN(scalar)(const double *x, int64_t S, const double *w,
                                      int64_t K, int kind)
{
    double acc;
    if (kind == KK_FIR_GENERAL) {
        acc = x[(K - 1) * S] * w[K - 1];
        for (int64_t j = 0; j < K - 1; j++)
            acc += x[j * S] * w[j];
    } else {
        const int64_t c = K / 2;
        acc = x[c * S] * w[c];
        if (kind == KK_FIR_SYMMETRIC) {
            for (int64_t j = 0; j < c; j++)
                acc += (x[j * S] + x[(K - 1 - j) * S]) * w[j];
        } else {
            for (int64_t j = 0; j < c; j++)
                acc += (x[j * S] - x[(K - 1 - j) * S]) * w[j];
        }
    }
    return acc;
}

#define KK_RUN(block, anti)                                                     \
    do {                                                                        \
        for (; e + KK_NA * KK_VL <= count; e += KK_NA * KK_VL)                  \
            KK_FN(block)(x + e, out + e, S, w, K, KK_NA, anti);                 \
        for (; e + KK_VL <= count; e += KK_VL)                                  \
            KK_FN(block)(x + e, out + e, S, w, K, 1, anti);                     \
    } while (0)

KK_TARGET static void KK_FN(fir)(const double *x, double *out, int64_t count,
                                 int64_t S, const double *w, int64_t K, int kind)
{
    int64_t e = 0;
    if (kind == KK_FIR_SYMMETRIC)
        KK_RUN(block_folded, 0);
    else if (kind == KK_FIR_ANTISYMMETRIC)
        KK_RUN(block_folded, 1);
    else
        KK_RUN(block_general, 0);
    for (; e < count; e++)
        out[e] = KK_FN(scalar)(x + e, S, w, K, kind);
}

/* ---- the causal (lfilter) accumulation, stride 1 ----
 * out[e] = init[e] (0.0 when init is NULL), then acc = x[e+j]*w[j] + acc for
 * j = j0 .. j1-1, oldest sample first: the order kk_lfilter_fir promises, so
 * that a sum can be continued later (chunking) with the same bits. init may
 * equal out. */
KK_TARGET KK_FORCE_INLINE void
KK_FN(block_causal)(const double *x, double *out, const double *init, const double *w,
                    int64_t j0, int64_t j1, const int na)
{
    KK_FN(vec) acc[KK_NA];
    for (int a = 0; a < na; a++) {
        if (init) {
            acc[a] = KK_FN(load)(init + a * KK_VL);
        } else {
            memset(&acc[a], 0, sizeof acc[a]); /* +0.0 in every lane */
        }
    }
    for (int64_t j = j0; j < j1; j++) {
        const double wj = w[j];
        for (int a = 0; a < na; a++)
            acc[a] = KK_FN(load)(x + j + a * KK_VL) * wj + acc[a];
    }
    for (int a = 0; a < na; a++)
        KK_FN(store)(out + a * KK_VL, acc[a]);
}

KK_TARGET static void KK_FN(causal)(const double *x, double *out, int64_t count,
                                    const double *init, const double *w, int64_t j0,
                                    int64_t j1)
{
    int64_t e = 0;
    for (; e + KK_NA * KK_VL <= count; e += KK_NA * KK_VL)
        KK_FN(block_causal)(x + e, out + e, init ? init + e : NULL, w, j0, j1, KK_NA);
    for (; e + KK_VL <= count; e += KK_VL)
        KK_FN(block_causal)(x + e, out + e, init ? init + e : NULL, w, j0, j1, 1);
    for (; e < count; e++) {
        double acc = init ? init[e] : 0.0;
        for (int64_t j = j0; j < j1; j++)
            acc = x[e + j] * w[j] + acc;
        out[e] = acc;
    }
}

#undef KK_RUN
#undef KK_NA
#undef KK_VL
