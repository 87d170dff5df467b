package dev.kernelkit.purejava;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The real FFT behind {@link FftCorrelation}, the native {@code fft.c}'s method in its radix-2 form: a real block of
 * length {@code N = 2h} is transformed as the complex signal {@code z[m] = x[2m] + i x[2m+1]} of length h, held as two
 * arrays {@code re[m] = x[2m]}, {@code im[m] = x[2m+1]} (no repacking). The forward transform is a radix-2
 * decimation in frequency (natural order in, bit-reversed out) and the inverse a decimation in time (bit-reversed in,
 * natural out); the pointwise product with the filter is done in the bit-reversed order, so no reordering pass is
 * made. Instances are immutable tables, one per size, cached for the life of the process and shared by all threads.
 */
final class RealFft {
    /** Smallest block: 8. */
    static final int MIN_LOG2 = 3;
    /** Largest block: 2^30. */
    static final int MAX_LOG2 = 30;

    private static final AtomicReferenceArray<RealFft> PLANS = new AtomicReferenceArray<>(MAX_LOG2 + 1);

    /** Block length N and half length h. */
    final int n;
    final int h;
    private final double[] twr; // e^{-2 pi i t/h}, t < h/2
    private final double[] twi;
    private final double[] spr; // e^{-2 pi i k/N}, k <= h/2
    private final double[] spi;
    private final int[] rev;    // bit reversal of log2(h) bits

    private RealFft(int log2n) {
        n = 1 << log2n;
        h = n / 2;
        twr = new double[h / 2];
        twi = new double[h / 2];
        for (int t = 0; t < h / 2; t++) {
            double[] r = unitRoot(t, h);
            twr[t] = r[0];
            twi[t] = r[1];
        }
        spr = new double[h / 2 + 1];
        spi = new double[h / 2 + 1];
        for (int k = 0; k <= h / 2; k++) {
            double[] r = unitRoot(k, n);
            spr[k] = r[0];
            spi[k] = r[1];
        }
        rev = new int[h];
        int bits = log2n - 1;
        for (int i = 0; i < h; i++) {
            rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
    }

    /** The tables for {@code N = 2^log2n}, built on first use. */
    static RealFft of(int log2n) {
        if (log2n < MIN_LOG2 || log2n > MAX_LOG2) {
            throw new IllegalArgumentException("FFT size 2^" + log2n + " outside 2^" + MIN_LOG2 + "..2^" + MAX_LOG2);
        }
        RealFft p = PLANS.get(log2n);
        if (p == null) {
            PLANS.compareAndSet(log2n, null, new RealFft(log2n));
            p = PLANS.get(log2n);
        }
        return p;
    }

    /**
     * {@code e^{-2 pi i t/n}} for {@code 0 <= t < n/2}, n a multiple of 4, as {re, im}: the angle is reduced to at
     * most pi/4 first, so values at multiples of pi/2 are exact.
     */
    private static double[] unitRoot(long t, long n) {
        long q = n / 4;
        double c;
        double s;
        if (t <= q) {
            if (2 * t <= q) {
                c = Math.cos(2 * Math.PI * t / n);
                s = Math.sin(2 * Math.PI * t / n);
            } else {
                c = Math.sin(2 * Math.PI * (q - t) / n);
                s = Math.cos(2 * Math.PI * (q - t) / n);
            }
        } else {
            double[] r = unitRoot(t - q, n); // pi/2 + phi
            c = r[1];
            s = r[0];
        }
        return new double[] {c, -s};
    }

    /**
     * The filter for the correlation {@code y[i] = sum_j w[j] x[i + j]} of a block ({@code w.length <= N}), as
     * {@link #correlate} applies it: {@code {cr, ci}} with h + 1 entries each, scaled so that neither transform needs
     * normalising.
     */
    double[][] filterSpectrum(double[] w) {
        double[] re = new double[h];
        double[] im = new double[h];
        for (int j = 0; j < w.length; j++) {
            if ((j & 1) == 0) {
                re[j >> 1] = w[j];
            } else {
                im[j >> 1] = w[j];
            }
        }
        forward(re, im);
        double[] cr = new double[h + 1];
        double[] ci = new double[h + 1];
        double scale = 1.0 / (4.0 * n); // 2X here, 2X from the data, h from the inverse: exact power of 2
        for (int k = 0; k <= h; k++) {
            int a = rev[k == h ? 0 : k];
            int b = rev[k == 0 || k == h ? 0 : h - k];
            double er = re[a] + re[b];
            double ei = im[a] - im[b];
            double or = im[a] + im[b];
            double oi = re[b] - re[a];
            double tr = k <= h / 2 ? spr[k] : -spr[h - k];
            double ti = k <= h / 2 ? spi[k] : spi[h - k];
            double xr = er + (tr * or - ti * oi);
            double xi = ei + (tr * oi + ti * or);
            cr[k] = xr * scale;
            ci[k] = -xi * scale; // correlation: the conjugate
        }
        return new double[][] {cr, ci};
    }

    /**
     * In place: the circular correlation of the block (even samples in {@code re}, odd in {@code im}) with the filter
     * of {@link #filterSpectrum}. Outputs {@code 0 .. N - K} are the linear correlation.
     */
    void correlate(double[] re, double[] im, double[] cr, double[] ci) {
        forward(re, im);
        product(re, im, cr, ci);
        inverse(re, im);
    }

    /** Radix-2 decimation in frequency: natural order in, bit-reversed out. */
    private void forward(double[] re, double[] im) {
        for (int len = h; len >= 2; len >>= 1) {
            int half = len >> 1;
            int ts = h / len;
            for (int g = 0; g < h; g += len) {
                for (int j = 0; j < half; j++) {
                    double wr = twr[j * ts];
                    double wi = twi[j * ts];
                    int a = g + j;
                    int b = a + half;
                    double ar = re[a];
                    double ai = im[a];
                    double br = re[b];
                    double bi = im[b];
                    double dr = ar - br;
                    double di = ai - bi;
                    re[a] = ar + br;
                    im[a] = ai + bi;
                    re[b] = dr * wr - di * wi;
                    im[b] = dr * wi + di * wr;
                }
            }
        }
    }

    /** Radix-2 decimation in time with conjugate twiddles (unnormalised inverse): bit-reversed in, natural out. */
    private void inverse(double[] re, double[] im) {
        for (int len = 2; len <= h; len <<= 1) {
            int half = len >> 1;
            int ts = h / len;
            for (int g = 0; g < h; g += len) {
                for (int j = 0; j < half; j++) {
                    double wr = twr[j * ts];
                    double wi = -twi[j * ts];
                    int a = g + j;
                    int b = a + half;
                    double br0 = re[b];
                    double bi0 = im[b];
                    double br = br0 * wr - bi0 * wi;
                    double bi = br0 * wi + bi0 * wr;
                    double ar = re[a];
                    double ai = im[a];
                    re[a] = ar + br;
                    im[a] = ai + bi;
                    re[b] = ar - br;
                    im[b] = ai - bi;
                }
            }
        }
    }

    /**
     * For each pair k, h-k (Z[h] = Z[0]): the real spectrum from the complex one, times the filter, back to the complex
     * spectrum of the result, in place at the bit-reversed positions. With A = Z[k], B = Z[h-k], t = e^{-2 pi i k/N}:
     * E = A + conj B, O = (A - conj B)/i, X[k] = E + tO, X[h-k] = conj(E - tO); then for Y = X * filter,
     * E' = Y[k] + conj Y[h-k], O' = (Y[k] - conj Y[h-k]) conj t, Z'[k] = E' + iO', Z'[h-k] = conj E' + i conj O'.
     */
    private void product(double[] re, double[] im, double[] cr, double[] ci) {
        for (int k = 0; k <= h / 2; k++) {
            int m = k == 0 ? h : h - k;
            int a = rev[k];
            int b = rev[m == h ? 0 : m];
            double tr = spr[k];
            double ti = spi[k];
            double ar = re[a];
            double ai = im[a];
            double br = re[b];
            double bi = im[b];
            double er = ar + br;
            double ei = ai - bi;
            double or = ai + bi;
            double oi = br - ar;
            double tor = tr * or - ti * oi;
            double toi = tr * oi + ti * or;
            double xkr = er + tor;
            double xki = ei + toi;
            double xmr = er - tor;
            double xmi = toi - ei;
            double ykr = xkr * cr[k] - xki * ci[k];
            double yki = xkr * ci[k] + xki * cr[k];
            double ymr = xmr * cr[m] - xmi * ci[m];
            double ymi = xmr * ci[m] + xmi * cr[m];
            double epr = ykr + ymr;
            double epi = yki - ymi;
            double dr = ykr - ymr;
            double di = yki + ymi;
            double opr = dr * tr + di * ti;
            double opi = di * tr - dr * ti;
            // k = 0 and k = h/2 read and write one position: the k result is written last.
            re[b] = epr + opi;
            im[b] = opr - epi;
            re[a] = epr - opi;
            im[a] = epi + opr;
        }
    }
}
