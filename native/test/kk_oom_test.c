/*
 * kk_oom_test.c — out-of-memory handling (Linux, GNU-compatible linkers).
 *
 * Linked with -Wl,--wrap=malloc,--wrap=free so that the library's allocations
 * go through the wrappers below, which fail after a given number of successful
 * allocations. For each call the budget grows from 0 until the call succeeds;
 * every failing call must return KK_ERR_NO_MEMORY and free everything it
 * allocated (also when the failure happens in one OpenMP thread while the
 * others are running), and the succeeding call must give the right result.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernelkit.h"
#include "kk_reference.h"

void *__real_malloc(size_t n);
void __real_free(void *p);

static atomic_int armed;
static atomic_long budget; /* successful allocations left while armed */
static atomic_long live;   /* allocations made while armed, not yet freed */

void *__wrap_malloc(size_t n)
{
    if (!atomic_load(&armed))
        return __real_malloc(n);
    if (atomic_fetch_sub(&budget, 1) <= 0)
        return NULL;
    void *p = __real_malloc(n);
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

void __wrap_free(void *p)
{
    if (p && atomic_load(&armed))
        atomic_fetch_sub(&live, 1);
    __real_free(p);
}

static int failures = 0;

/* op 0: correlate, 1: convolve, 2: gaussian */
static void run(int op, int64_t rows, int64_t cols, int axis, int threads)
{
    int64_t shape[2] = {rows, cols}, st[2] = {cols * 8, 8}, n = rows * cols;
    double *in = malloc((size_t)n * 8), *out = malloc((size_t)n * 8), *ref = malloc((size_t)n * 8);
    double w[25], g[25];
    for (int64_t i = 0; i < n; i++)
        in[i] = (double)((i * 7919) % 1000) / 100.0;
    for (int j = 0; j < 25; j++)
        w[j] = (double)(j % 7) - 3.0;
    kk_gaussian_kernel1d(3.0, 1, 12, g);
    double gr[25];
    for (int j = 0; j < 25; j++)
        gr[j] = g[24 - j];
    if (op == 0)
        ref_correlate(KK_FLOAT64, 2, shape, in, st, ref, st, axis, w, 25, 3, KK_MODE_REFLECT, 0);
    else if (op == 1)
        ref_convolve(KK_FLOAT64, 2, shape, in, st, ref, st, axis, w, 25, 3, KK_MODE_REFLECT, 0);
    else
        ref_correlate(KK_FLOAT64, 2, shape, in, st, ref, st, axis, gr, 25, 0, KK_MODE_REFLECT, 0);

    for (long b = 0;; b++) {
        atomic_store(&live, 0);
        atomic_store(&budget, b);
        atomic_store(&armed, 1);
        int status = op == 0 ? kk_correlate1d(KK_FLOAT64, 2, shape, in, st, out, st, axis, w, 25,
                                              3, KK_MODE_REFLECT, 0, threads)
                     : op == 1 ? kk_convolve1d(KK_FLOAT64, 2, shape, in, st, out, st, axis, w, 25,
                                               3, KK_MODE_REFLECT, 0, threads)
                               : kk_gaussian1d(KK_FLOAT64, 2, shape, in, st, out, st, axis, 3.0, 1,
                                               4.0, -1, KK_MODE_REFLECT, 0, threads);
        atomic_store(&armed, 0);
        if (atomic_load(&live) != 0) {
            failures++;
            fprintf(stderr, "op %d %lldx%lld axis %d threads %d budget %ld: %ld blocks leaked\n",
                    op, (long long)rows, (long long)cols, axis, threads, b, atomic_load(&live));
        }
        if (status == KK_OK) {
            if (memcmp(out, ref, (size_t)n * 8) != 0) {
                failures++;
                fprintf(stderr, "op %d: wrong result after %ld allocations\n", op, b);
            }
            break;
        }
        if (status != KK_ERR_NO_MEMORY) {
            failures++;
            fprintf(stderr, "op %d budget %ld: status %d\n", op, b, status);
            break;
        }
        if (b > 1000) {
            failures++;
            fprintf(stderr, "op %d: never succeeds\n", op);
            break;
        }
    }
    free(in);
    free(out);
    free(ref);
}

int main(void)
{
    for (int threads = 1; threads <= 4; threads++)
        for (int op = 0; op < 3; op++) {
            run(op, 40, 300, 1, threads);  /* many lines: by groups */
            run(op, 300, 40, 0, threads);  /* adjacent lines */
            run(op, 2, 3000, 1, threads);  /* few long lines: split across threads */
            run(op, 3000, 2, 0, threads);
        }
    printf("%d failures\n", failures);
    return failures ? 1 : 0;
}
