/*
 * kk_check.h — what the small C tests share: a CHECK that counts failures and
 * goes on (so one run reports every failing check), and a fixed-seed xorshift
 * source of test data, the same sequence on every platform.
 */
#ifndef KK_CHECK_H
#define KK_CHECK_H

#include <stdint.h>
#include <stdio.h>

static int failures = 0;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static uint64_t rng_state = 88172645463325252ull;

/* The next test value, uniform in [-1, 1). */
static inline double uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 4503599627370496.0 - 1.0;
}

#endif
