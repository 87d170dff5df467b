/*
 * kk_bench.c — timing of the headline workload (not a test; run by hand):
 *
 *   kk_bench [repeats [name-filter [isa]]]
 *
 * Gaussian sigma 40 (radius 160, 321 taps) on a 100 x 400000 array along
 * axis 1 (contiguous lines), and on its 400000 x 100 transpose along axis 0
 * (strided lines), float64 and float32, 1 and 2 threads; prints the median
 * and minimum of `repeats` runs (default 5). Also a short (5-tap) correlate,
 * which is bound by memory traffic rather than arithmetic. Only workloads whose
 * name contains name-filter run; isa 1/2/3 forces the baseline / AVX2 / AVX-512
 * kernel (the bench links the static library to reach that internal switch;
 * KERNELKIT_ISA does the same for the public calls).
 *
 *   kk_bench fft [repeats [what]]
 *
 * Direct (kk_correlate1d) against FFT (kk_correlate1d_fft) times, medians of
 * `repeats` (default 3), 1 and 2 threads. what = "headline": the Gaussian
 * above (f64 100x400000 axis 1, reflect) and a 1500-tap FIR (ones/15, constant
 * mode) over (10, 20, 20000) along the last axis; what = "table" (default:
 * both): weights 15..2047 at line lengths 1000, 20000, 400000 (as many lines as
 * make about 4M samples), float32 and float64 — the data the `auto` method
 * choice is fitted to. KK_BENCH_CPU=1 in the environment: CPU time instead
 * of wall-clock time.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kk_internal.h"

/* Wall-clock seconds, or with KK_BENCH_CPU set the process's CPU seconds
 * (all threads: robust to other load on a shared machine, but it does not
 * show a parallel speed-up). */
static double now(void)
{
    static int cpu = -1;
    if (cpu < 0)
        cpu = getenv("KK_BENCH_CPU") != NULL;
    struct timespec ts;
    clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    const char *name;
    int dtype, axis, ndim;
    int64_t shape[3];
    int taps; /* 0: gaussian sigma 40 */
} workload;

/* Median time of `reps` calls of direct (fft = 0) or FFT correlation. */
static double time_corr(int fft, int dtype, int ndim, const int64_t *shape, void *in, void *out,
                        int axis, const double *w, int64_t nw, int mode, int threads, int reps)
{
    int64_t es = dtype == KK_FLOAT64 ? 8 : 4, st[3];
    st[ndim - 1] = es;
    for (int d = ndim - 2; d >= 0; d--)
        st[d] = st[d + 1] * shape[d + 1];
    double t[64];
    if (reps > 64)
        reps = 64;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        int status = (fft ? kk_correlate1d_fft : kk_correlate1d)(dtype, ndim, shape, in, st, out, st,
                                                                 axis, w, nw, 0, mode, 0.0, threads);
        t[r] = now() - t0;
        if (status != KK_OK) {
            fprintf(stderr, "error: %s\n", kk_strerror(status));
            exit(1);
        }
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp_double);
    return t[reps / 2];
}

static int fft_bench(int repeats, const char *what)
{
    const size_t cap = 40000000;
    double *in = malloc(cap * sizeof(double)), *out = malloc(cap * sizeof(double));
    double *w = malloc(2047 * sizeof(double));
    if (!in || !out || !w)
        return 2;
    uint64_t s = 12345;
    for (size_t i = 0; i < cap; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        in[i] = (double)(s >> 11) / 9007199254740992.0;
    }
    printf("kernelkit %s, OpenMP %s, kernel %s, median of %d\n", kk_version_string(),
           kk_has_openmp() ? "yes" : "no", kk_isa_name(kk_isa()), repeats);
    if (!*what || strcmp(what, "headline") == 0) {
        double gw[321];
        kk_gaussian_kernel1d(40.0, 0, 160, gw);
        const int64_t g[2] = {100, 400000}, f[3] = {10, 20, 20000};
        for (int k = 0; k < 1500; k++)
            w[k] = 1.0 / 15.0;
        for (int threads = 1; threads <= 2; threads++) {
            double d = time_corr(0, KK_FLOAT64, 2, g, in, out, 1, gw, 321, KK_MODE_REFLECT, threads, repeats);
            double ff = time_corr(1, KK_FLOAT64, 2, g, in, out, 1, gw, 321, KK_MODE_REFLECT, threads, repeats);
            printf("gauss321 f64 100x400000 axis1 reflect  threads=%d  direct %.4f s  fft %.4f s\n",
                   threads, d, ff);
            d = time_corr(0, KK_FLOAT64, 3, f, in, out, 2, w, 1500, KK_MODE_CONSTANT, threads, repeats);
            ff = time_corr(1, KK_FLOAT64, 3, f, in, out, 2, w, 1500, KK_MODE_CONSTANT, threads, repeats);
            printf("fir1500  f64 10x20x20000 axis2 constant threads=%d  direct %.4f s  fft %.4f s\n",
                   threads, d, ff);
            fflush(stdout);
        }
    }
    if (!*what || strcmp(what, "table") == 0) {
        static const int64_t ks[] = {15, 31, 63, 127, 255, 511, 1023, 2047};
        static const int64_t ns[] = {1000, 20000, 400000};
        for (int k = 0; k < 2047; k++)
            w[k] = 1.0 / (1.0 + k);
        printf("%-7s %6s %7s %8s %7s %11s %11s %7s\n", "dtype", "K", "n", "lines", "threads",
               "direct_s", "fft_s", "ratio");
        for (int di = 0; di < 2; di++) {
            const int dtype = di ? KK_FLOAT32 : KK_FLOAT64;
            for (size_t ni = 0; ni < sizeof ns / sizeof *ns; ni++)
                for (size_t ki = 0; ki < sizeof ks / sizeof *ks; ki++)
                    for (int threads = 1; threads <= 2; threads++) {
                        const int64_t shape[2] = {4000000 / ns[ni], ns[ni]};
                        double d = time_corr(0, dtype, 2, shape, in, out, 1, w, ks[ki],
                                             KK_MODE_REFLECT, threads, repeats);
                        double f = time_corr(1, dtype, 2, shape, in, out, 1, w, ks[ki],
                                             KK_MODE_REFLECT, threads, repeats);
                        printf("%-7s %6lld %7lld %8lld %7d %11.5f %11.5f %7.2f\n",
                               di ? "float32" : "float64", (long long)ks[ki], (long long)ns[ni],
                               (long long)shape[0], threads, d, f, d / f);
                        fflush(stdout);
                    }
        }
    }
    free(in);
    free(out);
    free(w);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fft") == 0)
        return fft_bench(argc > 2 ? atoi(argv[2]) : 3, argc > 3 ? argv[3] : "");
    int repeats = argc > 1 ? atoi(argv[1]) : 5;
    const char *filter = argc > 2 ? argv[2] : "";
    int isa = argc > 3 ? atoi(argv[3]) : KK_ISA_AUTO;
    double gw[321];
    if (kk_gaussian_kernel1d(40.0, 0, 160, gw) != KK_OK)
        return 2;
    if (repeats < 1)
        repeats = 1;
    const int64_t R = 100, C = 400000;
    const workload loads[] = {
        {"gauss321 f64 100x400000 axis1", KK_FLOAT64, 1, 2, {R, C}, 0},
        {"gauss321 f64 400000x100 axis0", KK_FLOAT64, 0, 2, {C, R}, 0},
        {"gauss321 f32 100x400000 axis1", KK_FLOAT32, 1, 2, {R, C}, 0},
        {"gauss321 f32 400000x100 axis0", KK_FLOAT32, 0, 2, {C, R}, 0},
        {"corr5    f64 100x400000 axis1", KK_FLOAT64, 1, 2, {R, C}, 5},
        {"corr5    f64 400000x100 axis0", KK_FLOAT64, 0, 2, {C, R}, 5},
        {"gauss321 f64 1x40000000 axis1", KK_FLOAT64, 1, 2, {1, R * C}, 0},
        {"gauss321 f64 100x2000x200 axis1", KK_FLOAT64, 1, 3, {100, 2000, 200}, 0},
        {"corr5    f64 10000000x4 axis1", KK_FLOAT64, 1, 2, {R * C / 4, 4}, 5},
    };
    size_t n = (size_t)(R * C);
    double *in = malloc(n * sizeof(double)), *out = malloc(n * sizeof(double));
    if (!in || !out)
        return 2;
    uint64_t s = 12345;
    for (size_t i = 0; i < n; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        in[i] = (double)(s >> 11) / 9007199254740992.0;
    }
    const double w5[5] = {0.1, 0.2, 0.4, 0.2, 0.1};
    printf("kernelkit %s, OpenMP %s, kernel %s, %d repeats\n", kk_version_string(),
           kk_has_openmp() ? "yes" : "no", kk_isa_name(isa == KK_ISA_AUTO ? kk_isa() : isa),
           repeats);
    for (size_t k = 0; k < sizeof loads / sizeof *loads; k++) {
        const workload *L = &loads[k];
        if (!strstr(L->name, filter))
            continue;
        int64_t es = L->dtype == KK_FLOAT64 ? 8 : 4;
        int64_t st[3] = {es, es, es};
        for (int d = L->ndim - 2; d >= 0; d--)
            st[d] = st[d + 1] * L->shape[d + 1];
        if (L->dtype == KK_FLOAT32) { /* same values, as floats, in the same buffer */
            float *f = (float *)(void *)in;
            for (size_t i = 0; i < n; i++)
                f[i] = (float)((double)i / (double)n);
        }
        for (int threads = 1; threads <= 2; threads++) {
            double t[64];
            int reps = repeats < 64 ? repeats : 64;
            for (int r = 0; r < reps; r++) {
                double t0 = now();
                int status;
                if (isa == KK_ISA_AUTO) {
                    status = L->taps == 0
                                 ? kk_gaussian1d(L->dtype, L->ndim, L->shape, in, st, out, st, L->axis,
                                                 40.0, 0, 4.0, -1, KK_MODE_REFLECT, 0.0, threads)
                                 : kk_correlate1d(L->dtype, L->ndim, L->shape, in, st, out, st, L->axis,
                                                  w5, 5, 0, KK_MODE_REFLECT, 0.0, threads);
                } else { /* the same correlation, with the kernel variant forced */
                    kk_filter_args a = {L->dtype, L->ndim, L->shape, in, st, out, st, L->axis,
                                        L->taps ? w5 : gw, L->taps ? 5 : 321, 0,
                                        KK_MODE_REFLECT, 0.0, threads, isa};
                    status = kk_filter_lines(&a);
                }
                t[r] = now() - t0;
                if (status != KK_OK) {
                    fprintf(stderr, "error: %s\n", kk_strerror(status));
                    return 1;
                }
            }
            qsort(t, (size_t)reps, sizeof t[0], cmp_double);
            printf("%s  threads=%d  median %.3f s  min %.3f s\n", L->name, threads, t[reps / 2],
                   t[0]);
            fflush(stdout);
        }
    }
    free(in);
    free(out);
    return 0;
}
