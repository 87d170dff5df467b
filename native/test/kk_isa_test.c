/*
 * kk_isa_test.c — internal checks, linked against the static library:
 *  - the extension index map equals the reference's repeated reflection for
 *    every mode, line length 1..12 and position -80..90;
 *  - every instruction-set variant of the inner kernel compiled into the
 *    library (generic, AVX2, AVX-512) gives results bit-identical to the
 *    reference, across block / single-vector / scalar-tail paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kk_internal.h"
#include "kk_reference.h"

static int failures = 0;

static uint64_t state = 88172645463325252ull;
static double rnd_unit(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (double)(state >> 11) / 4503599627370496.0 - 1.0;
}

static void test_extend(void)
{
    for (int mode = 0; mode < 5; mode++)
        for (int64_t n = 1; n <= 12; n++)
            for (int64_t p = -80; p <= 90; p++)
                if (kk_extend_index(p, n, mode) != ref_source(p, n, mode)) {
                    if (failures++ < 20)
                        fprintf(stderr, "extend mode %d n %lld p %lld: %lld want %lld\n", mode,
                                (long long)n, (long long)p, (long long)kk_extend_index(p, n, mode),
                                (long long)ref_source(p, n, mode));
                }
}

/* A (rows x cols) C-order float64 array filtered along `axis` with `isa`. */
static void test_isa(int isa, int64_t rows, int64_t cols, int axis, int64_t K, int kind,
                     int threads)
{
    int64_t shape[2] = {rows, cols}, st[2] = {cols * 8, 8};
    int64_t n = rows * cols;
    double *in = malloc((size_t)n * 8), *out = malloc((size_t)n * 8), *ref = malloc((size_t)n * 8);
    double *w = malloc((size_t)K * 8);
    for (int64_t i = 0; i < n; i++)
        in[i] = rnd_unit();
    for (int64_t j = 0; j < K; j++)
        w[j] = rnd_unit();
    for (int64_t j = 1; j <= K / 2 && K % 2; j++)
        w[K / 2 + j] = kind == 0 ? w[K / 2 + j] : kind * w[K / 2 - j];
    int64_t origin = (K - 1) / 2 - (K > 2);
    kk_filter_args a = {KK_FLOAT64, 2, shape, in, st, out, st, axis, w, K, origin,
                        KK_MODE_REFLECT, 0.0, threads, isa};
    int status = kk_filter_lines(&a);
    ref_correlate(KK_FLOAT64, 2, shape, in, st, ref, st, axis, w, K, origin, KK_MODE_REFLECT, 0.0);
    if (status != KK_OK || memcmp(out, ref, (size_t)n * 8) != 0) {
        if (failures++ < 20)
            fprintf(stderr, "isa %d %lldx%lld axis %d K %lld kind %d threads %d: mismatch\n", isa,
                    (long long)rows, (long long)cols, axis, (long long)K, kind, threads);
    }
    free(in);
    free(out);
    free(ref);
    free(w);
}

int main(void)
{
    test_extend();
    int tested = 0;
    for (int isa = KK_ISA_BASELINE; isa <= KK_ISA_AVX512; isa++) {
        if (!kk_isa_available(isa))
            continue;
        printf("testing %s kernel\n", kk_isa_name(isa));
        tested++;
        static const int64_t Ks[] = {1, 2, 3, 4, 7, 16, 33, 161};
        for (int ki = 0; ki < 8; ki++)
            for (int kind = -1; kind <= 1; kind++)
                for (int axis = 0; axis < 2; axis++) {
                    test_isa(isa, 13, 203, axis, Ks[ki], kind, 1);
                    test_isa(isa, 203, 13, axis, Ks[ki], kind, 2);
                    test_isa(isa, 1, 1000, 1, Ks[ki], kind, 3);
                }
    }
    /* The public filters (KK_ISA_AUTO) run the kernel of the level chosen at load time. */
    if (kk_fir_select(KK_ISA_AUTO) != kk_fir_select(kk_isa())) {
        failures++;
        fprintf(stderr, "KK_ISA_AUTO does not select the kernel of kk_isa() = %s\n",
                kk_isa_name(kk_isa()));
    }
    if (getenv("KERNELKIT_ISA") == NULL && kk_isa() != kk_isa_detect()) {
        failures++;
        fprintf(stderr, "no KERNELKIT_ISA, yet kk_isa() = %s, not the detected %s\n",
                kk_isa_name(kk_isa()), kk_isa_name(kk_isa_detect()));
    }
    printf("detected: %s; %d kernels tested, %d failures\n", kk_isa_name(kk_isa_detect()), tested,
           failures);
    return failures ? 1 : 0;
}
