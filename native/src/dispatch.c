/*
 * dispatch.c — which instruction-set level the filters use, chosen once when
 * the library is loaded (see kk_isa in kernelkit.h).
 *
 * Choosing at load time, rather than per call, keeps cpuid and getenv out of
 * the filters and makes the level a fixed property of the process that
 * kk_isa() can report. KERNELKIT_ISA lets tests and users force a lower level
 * (e.g. to compare speeds, or to rule out one kernel when chasing a bug).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kk_internal.h"

#define KK_ISA_ENV "KERNELKIT_ISA"

static const char *const isa_names[] = {"unknown", "baseline", "avx2", "avx512"};
#define KK_ISA_COUNT ((int)(sizeof isa_names / sizeof *isa_names))

static int chosen_isa;          /* 0 until choose_isa() ran */
static char chosen_reason[160]; /* kk_isa_reason() */

/* The level named `name`, or 0 when the name is not a level. */
static int isa_from_name(const char *name)
{
    for (int level = KK_ISA_BASELINE; level < KK_ISA_COUNT; level++)
        if (strcmp(name, isa_names[level]) == 0)
            return level;
    return 0;
}

static void choose_isa(void)
{
    const int best = kk_isa_detect();
    const char *request = getenv(KK_ISA_ENV);
    int isa = best;
    if (request == NULL || request[0] == '\0') {
        snprintf(chosen_reason, sizeof chosen_reason, "best level this CPU supports");
    } else {
        int wanted = isa_from_name(request);
        if (wanted == 0) {
            snprintf(chosen_reason, sizeof chosen_reason,
                     "%s=%.32s is not one of baseline, avx2, avx512; using %s", KK_ISA_ENV,
                     request, isa_names[best]);
        } else if (!kk_isa_available(wanted)) {
            snprintf(chosen_reason, sizeof chosen_reason,
                     "%s=%s is not supported by this CPU or build; using %s", KK_ISA_ENV, request,
                     isa_names[best]);
        } else {
            isa = wanted;
            snprintf(chosen_reason, sizeof chosen_reason, "forced by %s=%s", KK_ISA_ENV, request);
        }
    }
    chosen_isa = isa;
}

#if defined(__GNUC__) || defined(__clang__)
/* Runs when the library is loaded (dlopen, or program start for static links),
 * before any thread can call in, so the state above needs no locking. */
__attribute__((constructor)) static void choose_isa_at_load(void)
{
    choose_isa();
}
#endif

int kk_isa(void)
{
    if (chosen_isa == 0) /* compilers without constructors: first call decides */
        choose_isa();
    return chosen_isa;
}

int kk_isa_usable(int isa)
{
    if (isa == KK_ISA_AUTO)
        isa = kk_isa();
    return kk_isa_available(isa) ? isa : KK_ISA_BASELINE;
}

int kk_isa_supported(int level)
{
    return level >= KK_ISA_BASELINE && level < KK_ISA_COUNT && kk_isa_available(level);
}

const char *kk_isa_name(int level)
{
    return level >= KK_ISA_BASELINE && level < KK_ISA_COUNT ? isa_names[level] : isa_names[0];
}

const char *kk_isa_reason(void)
{
    kk_isa();
    return chosen_reason;
}
