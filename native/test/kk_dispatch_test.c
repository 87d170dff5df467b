/*
 * kk_dispatch_test.c — the public dispatch ABI (kk_isa, kk_isa_supported,
 * kk_isa_name, kk_isa_reason) against the shared library. CTest runs it with
 * KERNELKIT_ISA unset, set to each level, and set to a name that is no level;
 * it checks the level chosen at load time from the environment it was given:
 *  - unset or empty: the best supported level;
 *  - a supported level: that level, reason "forced by ...";
 *  - an unsupported level or unknown name: the best level, and a reason that
 *    says why the request was not honoured.
 * On Linux x86-64 the supported levels are also checked against the CPU flags
 * in /proc/cpuinfo (the kernel's view, independent of the compiler's cpuid).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernelkit.h"

static int failures = 0;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static int best_supported(void)
{
    int best = 0;
    for (int level = KK_ISA_BASELINE; level <= KK_ISA_AVX512; level++)
        if (kk_isa_supported(level))
            best = level;
    return best;
}

static void test_names_and_range(void)
{
    static const char *const names[] = {"baseline", "avx2", "avx512"};
    for (int level = KK_ISA_BASELINE; level <= KK_ISA_AVX512; level++)
        CHECK(strcmp(kk_isa_name(level), names[level - 1]) == 0, "name of %d: %s", level,
              kk_isa_name(level));
    static const int bad[] = {-1, 0, 4, 1000};
    for (int i = 0; i < 4; i++) {
        CHECK(strcmp(kk_isa_name(bad[i]), "unknown") == 0, "name of %d: %s", bad[i],
              kk_isa_name(bad[i]));
        CHECK(kk_isa_supported(bad[i]) == 0, "level %d reported supported", bad[i]);
    }
    CHECK(kk_isa_supported(KK_ISA_BASELINE) == 1, "baseline not supported");
#if !defined(__x86_64__)
    CHECK(!kk_isa_supported(KK_ISA_AVX2) && !kk_isa_supported(KK_ISA_AVX512),
          "x86 levels reported on another architecture");
#endif
}

static void test_choice_follows_environment(void)
{
    const char *request = getenv("KERNELKIT_ISA");
    int best = best_supported(), level = kk_isa();
    const char *reason = kk_isa_reason();
    printf("KERNELKIT_ISA=%s -> %s (%s); best %s\n", request ? request : "(unset)",
           kk_isa_name(level), reason, kk_isa_name(best));
    CHECK(kk_isa_supported(level), "level in use %d is not supported", level);
    int wanted = 0;
    for (int l = KK_ISA_BASELINE; request && l <= KK_ISA_AVX512; l++)
        if (strcmp(request, kk_isa_name(l)) == 0)
            wanted = l;
    if (request == NULL || request[0] == '\0') {
        CHECK(level == best, "no request: %s, want %s", kk_isa_name(level), kk_isa_name(best));
        CHECK(strstr(reason, "best") != NULL, "reason: %s", reason);
    } else if (wanted == 0) {
        CHECK(level == best, "unknown request: %s, want %s", kk_isa_name(level), kk_isa_name(best));
        CHECK(strstr(reason, "is not one of baseline, avx2, avx512") != NULL, "reason: %s", reason);
    } else if (!kk_isa_supported(wanted)) {
        CHECK(level == best, "unsupported request: %s, want %s", kk_isa_name(level),
              kk_isa_name(best));
        CHECK(strstr(reason, "not supported") != NULL, "reason: %s", reason);
    } else {
        CHECK(level == wanted, "request %s: got %s", request, kk_isa_name(level));
        CHECK(strstr(reason, "forced by KERNELKIT_ISA=") != NULL, "reason: %s", reason);
    }
}

#if defined(__linux__) && defined(__x86_64__)
/* 1 when the first "flags" line of /proc/cpuinfo lists `flag`; -1 when unreadable. */
static int cpuinfo_has(const char *flag)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return -1;
    static char line[8192];
    int found = -1;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "flags", 5) != 0)
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            break;
        found = 0;
        for (char *tok = strtok(colon + 1, " \n"); tok; tok = strtok(NULL, " \n"))
            if (strcmp(tok, flag) == 0)
                found = 1;
        break;
    }
    fclose(f);
    return found;
}

static void test_levels_match_cpu_flags(void)
{
    int avx2 = cpuinfo_has("avx2"), avx512 = cpuinfo_has("avx512f");
    if (avx2 >= 0)
        CHECK(kk_isa_supported(KK_ISA_AVX2) == avx2, "avx2: library %d, cpuinfo %d",
              kk_isa_supported(KK_ISA_AVX2), avx2);
    if (avx512 >= 0)
        CHECK(kk_isa_supported(KK_ISA_AVX512) == avx512, "avx512f: library %d, cpuinfo %d",
              kk_isa_supported(KK_ISA_AVX512), avx512);
}
#else
static void test_levels_match_cpu_flags(void)
{
}
#endif

int main(void)
{
    test_names_and_range();
    test_choice_follows_environment();
    test_levels_match_cpu_flags();
    printf("%d failures\n", failures);
    return failures ? 1 : 0;
}
