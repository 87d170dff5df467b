/*
 * fir_kernel.c — the inner correlation kernel, compiled once per instruction
 * set, and the run-time choice between them.
 *
 * The shipped library must run on any x86-64, so it is not built with -march;
 * instead fir_kernel_impl.h is compiled three times (baseline, AVX2, AVX-512F)
 * with function target attributes; dispatch.c picks the level once, when the
 * library is loaded (kk_isa()). Because FMA contraction is
 * disabled and each output's summation order is fixed, all variants give
 * bit-identical results; they differ only in speed. Elsewhere (arm64, other
 * compilers) only the portable variant exists.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "kk_internal.h"

/* KK_NO_VECTOR_EXTENSIONS (for testing) builds the plain C variant only. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(KK_NO_VECTOR_EXTENSIONS)
#define KK_VECTOR_EXTENSIONS 1
#endif
#if defined(__GNUC__) || defined(__clang__)
#define KK_FORCE_INLINE static inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define KK_FORCE_INLINE static __forceinline
#else
#define KK_FORCE_INLINE static inline
#endif

#if defined(__x86_64__) && defined(KK_VECTOR_EXTENSIONS)
#define KK_X86_DISPATCH 1
#endif

/* ---- portable variant (16-byte vectors: SSE2 on x86-64, NEON on arm64;
 *      plain C where GCC/Clang vector extensions are unavailable) ---- */
#define KK_FN(name) kk_fir_##name##_generic
#define KK_TARGET
#ifdef KK_VECTOR_EXTENSIONS
#define KK_VBYTES 16
#else
#define KK_VBYTES 8
#endif
#include "fir_kernel_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES

#ifdef KK_X86_DISPATCH
/* ---- AVX2 (32-byte vectors) ---- */
#define KK_FN(name) kk_fir_##name##_avx2
#define KK_TARGET __attribute__((target("avx2")))
#define KK_VBYTES 32
#include "fir_kernel_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES

/* ---- AVX-512F (64-byte vectors) ---- */
#define KK_FN(name) kk_fir_##name##_avx512
#define KK_TARGET __attribute__((target("avx512f")))
#define KK_VBYTES 64
#include "fir_kernel_impl.h"
#undef KK_FN
#undef KK_TARGET
#undef KK_VBYTES
#endif

int kk_isa_available(int isa)
{
    switch (isa) {
    case KK_ISA_BASELINE:
        return 1;
#ifdef KK_X86_DISPATCH
    case KK_ISA_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") ? 1 : 0;
    case KK_ISA_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") ? 1 : 0;
#endif
    default:
        return 0;
    }
}

int kk_isa_detect(void)
{
    if (kk_isa_available(KK_ISA_AVX512))
        return KK_ISA_AVX512;
    if (kk_isa_available(KK_ISA_AVX2))
        return KK_ISA_AVX2;
    return KK_ISA_BASELINE;
}

kk_fir_fn kk_fir_select(int isa)
{
    switch (kk_isa_usable(isa)) {
#ifdef KK_X86_DISPATCH
    case KK_ISA_AVX512:
        return kk_fir_fir_avx512;
    case KK_ISA_AVX2:
        return kk_fir_fir_avx2;
#endif
    default:
        return kk_fir_fir_generic;
    }
}

kk_causal_fn kk_causal_select(int isa)
{
    switch (kk_isa_usable(isa)) {
#ifdef KK_X86_DISPATCH
    case KK_ISA_AVX512:
        return kk_fir_causal_avx512;
    case KK_ISA_AVX2:
        return kk_fir_causal_avx2;
#endif
    default:
        return kk_fir_causal_generic;
    }
}

int kk_fir_classify(const double *w, int64_t nw)
{
    /* Literally SciPy's test (NI_Correlate1D), including its absolute
     * tolerance and its treatment of NaN (a comparison with NaN is false, so
     * NaN never breaks symmetry): matching it decides which weights are used
     * and in which order the products are summed. */
    if (!(nw & 1))
        return KK_FIR_GENERAL;
    const int64_t c = nw / 2;
    int symmetric = 1;
    for (int64_t i = 1; i <= c; i++) {
        if (fabs(w[c + i] - w[c - i]) > DBL_EPSILON) {
            symmetric = 0;
            break;
        }
    }
    if (symmetric)
        return KK_FIR_SYMMETRIC;
    for (int64_t i = 1; i <= c; i++) {
        if (fabs(w[c + i] + w[c - i]) > DBL_EPSILON)
            return KK_FIR_GENERAL;
    }
    return KK_FIR_ANTISYMMETRIC;
}
