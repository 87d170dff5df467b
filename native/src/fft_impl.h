/*
 * fft_impl.h — the lane-parallel FFT kernels, included once per instruction
 * set by fft.c with KK_FN(name) (a unique name), KK_TARGET (a function target
 * attribute, or nothing) and KK_VBYTES (vector width in bytes: 16, 32 or 64)
 * defined. A row of KK_FFT_LANES doubles is KK_FFT_LANES * 8 / KK_VBYTES
 * vectors; every operation is done on whole rows, i.e. on all lanes alike
 * (see fft.h for the layout; buffers are 64-byte aligned).
 *
 * Two radix-2 stages are done per pass over the data (radix 2^2: half the
 * memory traffic and a quarter fewer products than radix 2); an odd stage
 * count leaves one radix-2 pass.
 */
#define LN KK_FFT_LANES
#define VL (KK_VBYTES / 8)
#define NV (LN / VL)

typedef double KK_FN(vec) __attribute__((vector_size(KK_VBYTES)));
#define VEC KK_FN(vec)
#define RE(v, i) ((VEC *)(void *)((v) + 2 * (i) * LN))
#define IM(v, i) ((VEC *)(void *)((v) + (2 * (i) + 1) * LN))

/* Multiplications by -i and +i (exact). */
#define MUL_NEG_I(xr, xi) do { const VEC t_ = xr; xr = xi; xi = -t_; } while (0)
#define MUL_POS_I(xr, xi) do { const VEC t_ = xr; xr = -xi; xi = t_; } while (0)
/* (xr, xi) *= (wr, wi) */
#define CMUL(xr, xi, wr, wi) do { const VEC r_ = xr * wr - xi * wi; xi = xr * wi + xi * wr; xr = r_; } while (0)

/* The radix-2 stage of length 2 (twiddle 1), forward and inverse alike:
 * (a, b) <- (a + b, a - b) for neighbouring elements. */
KK_TARGET static void KK_FN(pairs)(int64_t g0, int64_t g1, double *restrict v)
{
        for (int64_t g = g0; g < g1; g += 2)
            for (int q = 0; q < NV; q++) {
                const VEC ar = RE(v, g)[q], ai = IM(v, g)[q];
                const VEC br = RE(v, g + 1)[q], bi = IM(v, g + 1)[q];
                RE(v, g)[q] = ar + br, IM(v, g)[q] = ai + bi;
                RE(v, g + 1)[q] = ar - br, IM(v, g + 1)[q] = ai - bi;
            }
}

/* Decimation in frequency over the h complex elements of v, natural order in,
 * bit-reversed order out. Two radix-2 stages per pass (len and len/2) with
 * the radix-2^2 factorisation: for quarter q = len/4 and w = e^{-2 pi i/len},
 *   t0 = a0 + a2, t1 = a1 + a3, t2 = a0 - a2, t3 = (a1 - a3)(-i),
 *   a0 = t0 + t1, a1 = (t0 - t1) w^2j, a2 = (t2 + t3) w^j, a3 = (t2 - t3) w^3j
 * (three complex products where two radix-2 stages take four). */
KK_TARGET static void KK_FN(dif_pass)(const kk_fft_plan *p, double *restrict v, int64_t len,
                                      int64_t g0, int64_t g1)
{
    const int64_t h = p->h;
    {
        const int64_t quarter = len / 4, ts = h / len;
        for (int64_t g = g0; g < g1; g += len) {
            for (int64_t j = 0; j < quarter; j++) {
                const VEC w1r = (VEC){0} + p->twr[j * ts], w1i = (VEC){0} + p->twi[j * ts];
                const VEC w2r = (VEC){0} + p->twr[2 * j * ts], w2i = (VEC){0} + p->twi[2 * j * ts];
                const VEC w3r = (VEC){0} + p->twr[3 * j * ts], w3i = (VEC){0} + p->twi[3 * j * ts];
                const int64_t i0 = g + j, i1 = i0 + quarter, i2 = i1 + quarter, i3 = i2 + quarter;
                for (int q = 0; q < NV; q++) {
                    const VEC a0r = RE(v, i0)[q], a0i = IM(v, i0)[q];
                    const VEC a1r = RE(v, i1)[q], a1i = IM(v, i1)[q];
                    const VEC a2r = RE(v, i2)[q], a2i = IM(v, i2)[q];
                    const VEC a3r = RE(v, i3)[q], a3i = IM(v, i3)[q];
                    const VEC t0r = a0r + a2r, t0i = a0i + a2i, t1r = a1r + a3r, t1i = a1i + a3i;
                    const VEC t2r = a0r - a2r, t2i = a0i - a2i;
                    VEC t3r = a1r - a3r, t3i = a1i - a3i;
                    MUL_NEG_I(t3r, t3i);
                    VEC y1r = t0r - t1r, y1i = t0i - t1i;
                    VEC y2r = t2r + t3r, y2i = t2i + t3i;
                    VEC y3r = t2r - t3r, y3i = t2i - t3i;
                    if (j != 0) { /* w^0 = 1 */
                        CMUL(y1r, y1i, w2r, w2i);
                        CMUL(y2r, y2i, w1r, w1i);
                        CMUL(y3r, y3i, w3r, w3i);
                    }
                    RE(v, i0)[q] = t0r + t1r, IM(v, i0)[q] = t0i + t1i;
                    RE(v, i1)[q] = y1r, IM(v, i1)[q] = y1i;
                    RE(v, i2)[q] = y2r, IM(v, i2)[q] = y2i;
                    RE(v, i3)[q] = y3r, IM(v, i3)[q] = y3i;
                }
            }
        }
    }
}

/* The whole forward transform: passes over all of v while the sub-transforms
 * are larger than KK_FFT_CHUNK elements, then each sub-transform to the end
 * while it is in the L1 cache (the same operations in another order). */
KK_TARGET static void KK_FN(dif)(const kk_fft_plan *p, double *restrict v)
{
    const int64_t h = p->h;
    int64_t len = h;
    for (; len >= 4 && len > KK_FFT_CHUNK; len /= 4)
        KK_FN(dif_pass)(p, v, len, 0, h);
    for (int64_t g0 = 0; len >= 2 && g0 < h; g0 += len) {
        int64_t l = len;
        for (; l >= 4; l /= 4)
            KK_FN(dif_pass)(p, v, l, g0, g0 + len);
        if (l == 2) /* odd number of stages: the last, twiddle 1 */
            KK_FN(pairs)(g0, g0 + len, v);
    }
}

/* The unnormalised inverse of dif: decimation in time with conjugate
 * twiddles, bit-reversed order in, natural order out. Per radix-2^2 pass,
 * with c = conj(w): p = a1 c^2j, u = a2 c^j, s = a3 c^3j,
 *   a0 = (a0 + p) + (u + s), a2 = (a0 + p) - (u + s),
 *   a1 = (a0 - p) + (u - s) i, a3 = (a0 - p) - (u - s) i. */
KK_TARGET static void KK_FN(dit_pass)(const kk_fft_plan *p, double *restrict v, int64_t len,
                                      int64_t g0, int64_t g1)
{
    const int64_t h = p->h;
    {
        const int64_t quarter = len / 4, ts = h / len;
        for (int64_t g = g0; g < g1; g += len) {
            for (int64_t j = 0; j < quarter; j++) {
                const VEC c1r = (VEC){0} + p->twr[j * ts], c1i = (VEC){0} - p->twi[j * ts];
                const VEC c2r = (VEC){0} + p->twr[2 * j * ts], c2i = (VEC){0} - p->twi[2 * j * ts];
                const VEC c3r = (VEC){0} + p->twr[3 * j * ts], c3i = (VEC){0} - p->twi[3 * j * ts];
                const int64_t i0 = g + j, i1 = i0 + quarter, i2 = i1 + quarter, i3 = i2 + quarter;
                for (int q = 0; q < NV; q++) {
                    const VEC a0r = RE(v, i0)[q], a0i = IM(v, i0)[q];
                    VEC pr = RE(v, i1)[q], pi = IM(v, i1)[q];
                    VEC ur = RE(v, i2)[q], ui = IM(v, i2)[q];
                    VEC sr = RE(v, i3)[q], si = IM(v, i3)[q];
                    if (j != 0) {
                        CMUL(pr, pi, c2r, c2i);
                        CMUL(ur, ui, c1r, c1i);
                        CMUL(sr, si, c3r, c3i);
                    }
                    const VEC e0r = a0r + pr, e0i = a0i + pi, e1r = a0r - pr, e1i = a0i - pi;
                    const VEC fr = ur + sr, fi = ui + si;
                    VEC dr = ur - sr, di = ui - si;
                    MUL_POS_I(dr, di);
                    RE(v, i0)[q] = e0r + fr, IM(v, i0)[q] = e0i + fi;
                    RE(v, i2)[q] = e0r - fr, IM(v, i2)[q] = e0i - fi;
                    RE(v, i1)[q] = e1r + dr, IM(v, i1)[q] = e1i + di;
                    RE(v, i3)[q] = e1r - dr, IM(v, i3)[q] = e1i - di;
                }
            }
        }
    }
}

/* The whole inverse transform: the first stages sub-transform by
 * sub-transform (each of up to KK_FFT_CHUNK elements, in the L1 cache), then
 * passes over all of v. */
KK_TARGET static void KK_FN(dit)(const kk_fft_plan *p, double *restrict v)
{
    const int64_t h = p->h;
    const int odd = p->log2n % 2 == 0; /* log2(h) odd: a first stage alone */
    const int64_t first = odd ? 8 : 4; /* first radix-2^2 pass */
    int64_t chunk = odd ? 2 : 1, len = first;
    for (; len <= h && len <= KK_FFT_CHUNK; len *= 4)
        chunk = len;
    for (int64_t g0 = 0; chunk >= 2 && g0 < h; g0 += chunk) {
        if (odd)
            KK_FN(pairs)(g0, g0 + chunk, v);
        for (int64_t l = first; l <= chunk; l *= 4)
            KK_FN(dit_pass)(p, v, l, g0, g0 + chunk);
    }
    for (; len <= h; len *= 4)
        KK_FN(dit_pass)(p, v, len, 0, h);
}

/*
 * Between the two transforms, for each pair k, h-k (k = 0..h/2, Z[h] = Z[0]):
 * the real spectrum X[k], X[h-k] from the complex one Z (at its bit-reversed
 * positions), times the filter, and back to the complex spectrum of the
 * result, written where Z was. With A = Z[k], B = Z[h-k], t = e^{-2 pi i k/N}:
 *   E = A + conj B, O = (A - conj B) / i, X[k] = E + tO, X[h-k] = conj(E - tO)
 *   (twice the true spectrum; the filter's scale absorbs the factor), and
 *   for Y = X * filter: E' = Y[k] + conj Y[h-k], O' = (Y[k] - conj Y[h-k]) conj t,
 *   Z'[k] = E' + iO', Z'[h-k] = conj E' + i conj O'.
 */
KK_TARGET static void KK_FN(product)(const kk_fft_plan *p, double *restrict v,
                                     const double *restrict cr, const double *restrict ci)
{
    const int64_t h = p->h;
    for (int64_t k = 0; k <= h / 2; k++) {
        const int64_t m = k == 0 ? h : h - k;
        const int64_t ia = p->rev[k], ib = p->rev[m == h ? 0 : m];
        const VEC tr = (VEC){0} + p->spr[k], ti = (VEC){0} + p->spi[k];
        const VEC ckr = (VEC){0} + cr[k], cki = (VEC){0} + ci[k];
        const VEC cmr = (VEC){0} + cr[m], cmi = (VEC){0} + ci[m];
        for (int q = 0; q < NV; q++) {
            const VEC ar = RE(v, ia)[q], ai = IM(v, ia)[q], br = RE(v, ib)[q], bi = IM(v, ib)[q];
            const VEC er = ar + br, ei = ai - bi;
            const VEC or_ = ai + bi, oi = br - ar; /* (A - conj B) / i */
            const VEC tor = tr * or_ - ti * oi, toi = tr * oi + ti * or_;
            const VEC xkr = er + tor, xki = ei + toi;
            const VEC xmr = er - tor, xmi = toi - ei; /* conj(E - tO) */
            const VEC ykr = xkr * ckr - xki * cki, yki = xkr * cki + xki * ckr;
            const VEC ymr = xmr * cmr - xmi * cmi, ymi = xmr * cmi + xmi * cmr;
            const VEC epr = ykr + ymr, epi = yki - ymi;
            const VEC dr = ykr - ymr, di = yki + ymi;
            const VEC opr = dr * tr + di * ti, opi = di * tr - dr * ti; /* D conj t */
            /* k == 0 and k == h/2 read and write one position: the k result last */
            RE(v, ib)[q] = epr + opi; /* conj E' + i conj O' */
            IM(v, ib)[q] = opr - epi;
            RE(v, ia)[q] = epr - opi;
            IM(v, ia)[q] = epi + opr;
        }
    }
}

KK_TARGET static void KK_FN(correlate)(const kk_fft_plan *p, double *v, const double *cr,
                                       const double *ci)
{
    KK_FN(dif)(p, v);
    KK_FN(product)(p, v, cr, ci);
    KK_FN(dit)(p, v);
}

#undef RE
#undef IM
#undef VEC
#undef MUL_NEG_I
#undef MUL_POS_I
#undef CMUL
#undef NV
#undef VL
#undef LN
