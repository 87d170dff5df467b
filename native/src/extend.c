/*
 * extend.c — boundary extension of a line, as an index map.
 *
 * SciPy's NI_ExtendLine fills the padding by copying outward from the line and,
 * once the line is used up, from the padding it has already written. The
 * result is therefore periodic beyond each end, which is what makes lines
 * shorter than the padding well defined:
 *
 *   reflect  d c b a | a b c d | d c b a   period 2n
 *   mirror     d c b | a b c d | c b a     period 2n-2 (n == 1: nearest)
 *   wrap     a b c d | a b c d | a b c d   period n
 *   nearest  a a a a | a b c d | d d d d
 *   constant k k k k | a b c d | k k k k
 *
 * Mapping an extended position straight to its source sample gives the same
 * values without building the padding serially, so any part of the extended
 * line can be produced on its own (needed to split one line across threads).
 */
#include "kk_internal.h"

/* p mod m in [0, m) for m > 0 and any p. */
static int64_t floor_mod(int64_t p, int64_t m)
{
    int64_t r = p % m;
    return r < 0 ? r + m : r;
}

int64_t kk_extend_index(int64_t p, int64_t n, int mode)
{
    if (p >= 0 && p < n)
        return p;
    switch (mode) {
    case KK_MODE_NEAREST:
        return p < 0 ? 0 : n - 1;
    case KK_MODE_WRAP:
        return floor_mod(p, n);
    case KK_MODE_REFLECT: {
        /* one period: a b c d d c b a (n <= 2^61, so 2n cannot overflow) */
        int64_t m = floor_mod(p, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
    case KK_MODE_MIRROR: {
        if (n == 1) /* SciPy switches a length-1 mirror to nearest */
            return 0;
        /* one period: a b c d c b */
        int64_t period = 2 * n - 2;
        int64_t m = floor_mod(p, period);
        return m < n ? m : period - m;
    }
    default: /* KK_MODE_CONSTANT */
        return -1;
    }
}
