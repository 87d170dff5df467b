/*
 * kk_lfilter_test.c — kk_lfilter_fir through the public ABI: its argument
 * checks, a result worked out by hand, in-place calls, and the two properties
 * the Java tests rely on: filtering in chunks with the carried state gives the
 * same bits as one call (chunks of 0 and of fewer samples than taps included),
 * and the thread count changes nothing; the vectorised kernel gives exactly
 * the bits of the documented one-output-at-a-time order. (Agreement with SciPy is tested by the
 * Java goldens, java/src/test/resources/golden-lfilter.)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernelkit.h"
#include "kk_check.h"

static int lfilter_1d(const double *x, double *y, int64_t n, const double *b, int64_t nb,
                      const double *zi, double *zf, int threads)
{
    int64_t shape[1] = {n}, strides[1] = {sizeof(double)};
    return kk_lfilter_fir(KK_FLOAT64, 1, shape, x, strides, y, strides, 0, b, nb, zi, zf, threads);
}

static void argument_checks(void)
{
    double x[3] = {1, 2, 3}, y[3], b[2] = {1, 2};
    int64_t shape[1] = {3}, strides[1] = {sizeof(double)};
    CHECK(kk_lfilter_fir(KK_FLOAT64, 1, shape, x, strides, y, strides, 0, NULL, 2, NULL, NULL, 1)
          == KK_ERR_NULL_POINTER);
    CHECK(kk_lfilter_fir(KK_FLOAT64, 1, shape, NULL, strides, y, strides, 0, b, 2, NULL, NULL, 1)
          == KK_ERR_NULL_POINTER);
    CHECK(kk_lfilter_fir(7, 1, shape, x, strides, y, strides, 0, b, 2, NULL, NULL, 1) == KK_ERR_DTYPE);
    CHECK(kk_lfilter_fir(KK_FLOAT64, 1, shape, x, strides, y, strides, 1, b, 2, NULL, NULL, 1) == KK_ERR_AXIS);
    CHECK(kk_lfilter_fir(KK_FLOAT64, 1, shape, x, strides, y, strides, 0, b, 0, NULL, NULL, 1)
          == KK_ERR_WEIGHTS);
    CHECK(kk_lfilter_fir(KK_FLOAT64, 1, shape, x, strides, y, strides, 0, b, 2, NULL, NULL, 0)
          == KK_ERR_THREADS);
}

static void by_hand(void)
{
    /* b = {1, 2}, x = {1, 2, 3}, zi = {10}: y = {1+10, 2+2*1, 3+2*2} and zf = {2*3}. */
    double x[3] = {1, 2, 3}, y[3], b[2] = {1, 2}, zi[1] = {10}, zf[1];
    CHECK(lfilter_1d(x, y, 3, b, 2, zi, zf, 1) == KK_OK);
    CHECK(y[0] == 11 && y[1] == 4 && y[2] == 7 && zf[0] == 6);
    /* In place, and the state updated in place (zf == zi). */
    CHECK(lfilter_1d(x, x, 3, b, 2, zi, zi, 1) == KK_OK);
    CHECK(x[0] == 11 && x[1] == 4 && x[2] == 7 && zi[0] == 6);
    /* No samples: the state passes through. */
    double z2[1] = {5}, out2[1];
    CHECK(lfilter_1d(x, y, 0, b, 2, z2, out2, 1) == KK_OK);
    CHECK(out2[0] == 5);
}

/* A float32 (rows x n) array filtered along axis 1 with 4 threads equals
 * each row filtered alone in float64 and rounded, zf included. */
static void rows_and_threads(void)
{
    enum { ROWS = 7, N = 50, NB = 6 };
    float x[ROWS][N], y[ROWS][N];
    double b[NB], zi[ROWS][NB - 1], zf[ROWS][NB - 1];
    for (int i = 0; i < NB; i++)
        b[i] = 0.3 * i - 0.7;
    for (int r = 0; r < ROWS; r++) {
        for (int i = 0; i < N; i++)
            x[r][i] = (float)((r * 31 + i * 17) % 13) - 6.0f;
        for (int k = 0; k < NB - 1; k++)
            zi[r][k] = r - 0.5 * k;
    }
    int64_t shape[2] = {ROWS, N}, strides[2] = {N * sizeof(float), sizeof(float)};
    CHECK(kk_lfilter_fir(KK_FLOAT32, 2, shape, x, strides, y, strides, 1, b, NB, &zi[0][0], &zf[0][0], 4)
          == KK_OK);
    for (int r = 0; r < ROWS; r++) {
        double xd[N], yd[N], zfd[NB - 1];
        for (int i = 0; i < N; i++)
            xd[i] = x[r][i];
        CHECK(lfilter_1d(xd, yd, N, b, NB, zi[r], zfd, 1) == KK_OK);
        for (int i = 0; i < N; i++)
            CHECK(y[r][i] == (float)yd[i]);
        CHECK(memcmp(zfd, zf[r], sizeof zfd) == 0);
    }
}

/* Filters x in chunks of the given lengths, carrying `state` (updated in
 * place); returns the number of samples filtered. */
static int in_chunks(const double *x, double *y, const int *lengths, size_t count,
                     const double *b, int64_t nb, double *state)
{
    int at = 0;
    for (size_t c = 0; c < count; c++) {
        CHECK(lfilter_1d(x + at, y + at, lengths[c], b, nb, state, state, 1) == KK_OK);
        at += lengths[c];
    }
    return at;
}

/* Chunks of 0, 1, 3 (fewer than the 9 taps), 20 and the rest, state carried:
 * the same bits as one call. */
static void chunks(void)
{
    enum { N = 60, NB = 9 };
    double x[N], whole[N], parts[N], b[NB], zi[NB - 1], zf_whole[NB - 1], state[NB - 1];
    for (int i = 0; i < N; i++)
        x[i] = ((i * 37) % 23) / 7.0 - 1.3;
    for (int i = 0; i < NB; i++)
        b[i] = 1.0 / (i + 1.5) - 0.2;
    for (int k = 0; k < NB - 1; k++)
        zi[k] = 0.1 * k - 0.3;
    CHECK(lfilter_1d(x, whole, N, b, NB, zi, zf_whole, 2) == KK_OK);
    memcpy(state, zi, sizeof state);
    const int lengths[] = {0, 1, 3, 0, 20, N - 24};
    CHECK(in_chunks(x, parts, lengths, sizeof lengths / sizeof lengths[0], b, NB, state) == N);
    CHECK(memcmp(whole, parts, sizeof whole) == 0);
    CHECK(memcmp(zf_whole, state, sizeof state) == 0);
}

/* The documented summation order, one output at a time: the state (or +0.0),
 * then b[k] * x[i-k] from the oldest sample to the newest; zf likewise. */
static void reference_order(const double *x, double *y, int64_t n, const double *b, int64_t nb,
                            const double *zi, double *zf)
{
    const int64_t m = nb - 1;
    for (int64_t i = 0; i < n; i++) {
        double s = i < m ? zi[i] : 0.0;
        for (int64_t k = i < m ? i : m; k >= 0; k--)
            s = b[k] * x[i - k] + s;
        y[i] = s;
    }
    for (int64_t k = 0; k < m; k++) {
        double s = k + n < m ? zi[k + n] : 0.0;
        for (int64_t j = n + k < m ? n + k : m; j > k; j--)
            s = b[j] * x[n + k - j] + s;
        zf[k] = s;
    }
}

/* A small deterministic generator, so the test needs no libc rand(). */
static double next_value(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*seed >> 11) / 9007199254740992.0 - 0.5;
}

/* The vectorised path (blocks, ragged heads and tails of every shape) gives
 * exactly the bits of the one-output-at-a-time order, y and zf, for line
 * lengths shorter than, around and much longer than the filter. */
static void same_bits_as_scalar_order(void)
{
    enum { MAXN = 700, MAXB = 300 };
    static double x[MAXN], y[MAXN], yref[MAXN], b[MAXB], zi[MAXB], zf[MAXB], zfref[MAXB];
    const int64_t taps[] = {1, 2, 3, 5, 8, 33, 64, 65, 129, 300};
    const int64_t lengths[] = {0, 1, 2, 7, 31, 63, 64, 65, 100, 128, 200, 299, 300, 301, 700};
    uint64_t seed = 12345;
    for (size_t t = 0; t < sizeof taps / sizeof taps[0]; t++) {
        const int64_t nb = taps[t];
        for (int64_t k = 0; k < nb; k++)
            b[k] = next_value(&seed);
        for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++) {
            const int64_t n = lengths[l];
            for (int64_t i = 0; i < n; i++)
                x[i] = next_value(&seed);
            for (int64_t k = 0; k + 1 < nb; k++)
                zi[k] = next_value(&seed);
            reference_order(x, yref, n, b, nb, zi, zfref);
            CHECK(lfilter_1d(x, y, n, b, nb, zi, zf, 1) == KK_OK);
            CHECK(memcmp(y, yref, (size_t)n * sizeof *y) == 0);
            CHECK(memcmp(zf, zfref, (size_t)(nb - 1) * sizeof *zf) == 0);
        }
    }
}

/* A long filter fed in chunks of assorted lengths (shorter and longer than it,
 * crossing the kernel's 64-output blocks), and one call split among threads:
 * the same bits as one call on one thread. */
static void long_filter_chunks(void)
{
    enum { N = 1000, NB = 150 };
    static double x[N], whole[N], parts[N], b[NB], zi[NB - 1], zf_whole[NB - 1], state[NB - 1];
    uint64_t seed = 99;
    for (int i = 0; i < N; i++)
        x[i] = next_value(&seed);
    for (int i = 0; i < NB; i++)
        b[i] = next_value(&seed);
    for (int k = 0; k < NB - 1; k++)
        zi[k] = next_value(&seed);
    CHECK(lfilter_1d(x, whole, N, b, NB, zi, zf_whole, 1) == KK_OK);
    /* One line and several threads: its outputs are split among them. */
    for (int threads = 2; threads <= 3; threads++) {
        CHECK(lfilter_1d(x, parts, N, b, NB, zi, state, threads) == KK_OK);
        CHECK(memcmp(whole, parts, sizeof whole) == 0);
        CHECK(memcmp(zf_whole, state, sizeof state) == 0);
    }
    memcpy(state, zi, sizeof state);
    const int lengths[] = {5, 149, 150, 1, 0, 67, 300, 128, N - 800};
    CHECK(in_chunks(x, parts, lengths, sizeof lengths / sizeof lengths[0], b, NB, state) == N);
    CHECK(memcmp(whole, parts, sizeof whole) == 0);
    CHECK(memcmp(zf_whole, state, sizeof state) == 0);
}

int main(void)
{
    argument_checks();
    by_hand();
    rows_and_threads();
    chunks();
    same_bits_as_scalar_order();
    long_filter_chunks();
    if (failures) {
        fprintf(stderr, "kk_lfilter_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("kk_lfilter_test: ok\n");
    return 0;
}
