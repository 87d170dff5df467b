/*
 * kk_lfilter_test.c — kk_lfilter_fir through the public ABI: its argument
 * checks, a result worked out by hand, in-place calls, and the two properties
 * the Java tests rely on: filtering in chunks with the carried state gives the
 * same bits as one call (chunks of 0 and of fewer samples than taps included),
 * and the thread count changes nothing. (Agreement with SciPy is tested by the
 * Java goldens, java/src/test/resources/golden-lfilter.)
 */
#include <stdio.h>
#include <string.h>

#include "kernelkit.h"

static int failures = 0;

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

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
    int at = 0;
    for (size_t c = 0; c < sizeof lengths / sizeof lengths[0]; c++) {
        CHECK(lfilter_1d(x + at, parts + at, lengths[c], b, NB, state, state, 1) == KK_OK);
        at += lengths[c];
    }
    CHECK(at == N);
    CHECK(memcmp(whole, parts, sizeof whole) == 0);
    CHECK(memcmp(zf_whole, state, sizeof state) == 0);
}

int main(void)
{
    argument_checks();
    by_hand();
    rows_and_threads();
    chunks();
    if (failures) {
        fprintf(stderr, "kk_lfilter_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("kk_lfilter_test: ok\n");
    return 0;
}
