package dev.kernelkit;

/**
 * The Gaussian kernel exactly as scipy.ndimage builds it ({@code _gaussian_kernel1d}), and its default radius.
 */
public final class GaussianKernel {
    /** Largest radius accepted: the kernel (2r+1 doubles) must fit a Java array. */
    public static final int MAX_RADIUS = (1 << 30) - 1;

    private GaussianKernel() {
    }

    /**
     * SciPy's default radius, {@code int(truncate * sigma + 0.5)}.
     *
     * @throws IllegalArgumentException when sigma or truncate is invalid or the radius is negative or too large
     */
    public static int radius(double sigma, double truncate) {
        checkSigma(sigma);
        if (!Double.isFinite(truncate)) {
            throw new IllegalArgumentException("truncate: " + truncate + " is not finite");
        }
        double r = truncate * sigma + 0.5;
        if (r < 0 || r >= MAX_RADIUS + 1.0) {
            throw new IllegalArgumentException("truncate: gives radius (int)(truncate*sigma+0.5) = " + (long) r
                    + ", outside the allowed 0.." + MAX_RADIUS);
        }
        return (int) r; // truncation toward zero, like Python's int()
    }

    /**
     * The 2·radius+1 weights for x = -radius..radius: {@code exp(-x²/2σ²)} normalised by its sum, times the derivative
     * polynomial for order 1..3. Not reversed (gaussian1d correlates with the reversed kernel).
     */
    public static double[] weights(double sigma, int order, int radius) {
        checkSigma(sigma);
        checkOrder(order);
        checkRadius(radius);
        int n = 2 * radius + 1;
        double sigma2 = sigma * sigma;
        double scale = -0.5 / sigma2;
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            long x = i - radius;
            phi[i] = Math.exp(scale * (double) (x * x)); // as close to correctly rounded as C libraries
        }
        double sum = pairwiseSum(phi, 0, n);
        for (int i = 0; i < n; i++) {
            phi[i] = phi[i] / sum;
        }
        if (order == 0) {
            return phi;
        }
        // q(x) starts at 1; each derivative maps q to q' + q * p' with p'(x) = -x / sigma².
        double[] q = new double[order + 1];
        q[0] = 1.0;
        double minusInvSigma2 = 1.0 / -sigma2;
        for (int step = 0; step < order; step++) {
            double[] next = new double[order + 1];
            for (int i = 0; i <= order; i++) {
                double v = 0.0;
                if (i > 0) {
                    v += minusInvSigma2 * q[i - 1];
                }
                if (i < order) {
                    v += (i + 1) * q[i + 1];
                }
                next[i] = v;
            }
            q = next;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = polynomial(q, order, i - radius) * phi[i];
        }
        return out;
    }

    /**
     * q(x) as SciPy evaluates it, {@code (x[:, None] ** range(order + 1)).dot(q)}: a BLAS product in which OpenBLAS
     * fuses the order-2 step into one FMA. Written term by term as the native library does, so both give the same
     * bits (Math.fma is exactly rounded on every platform).
     */
    private static double polynomial(double[] q, int order, long x) {
        double x1 = (double) x;
        double x2 = (double) (x * x); // exact for |x| <= 2^26
        return switch (order) {
            case 1 -> q[0] + x1 * q[1]; // q[0] is +0: gives SciPy's +0 (not -0) at x = 0
            case 2 -> Math.fma(x2, q[2], q[0]);
            default -> x1 * q[1] + (x2 * x1) * q[3];
        };
    }

    /** NumPy's pairwise summation (what {@code phi.sum()} does), so the normalisation rounds as SciPy's does. */
    private static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    static void checkSigma(double sigma) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma: " + sigma + " must be finite and > 0");
        }
    }

    static void checkOrder(int order) {
        if (order < 0 || order > 3) {
            throw new IllegalArgumentException("order: " + order + " is out of range (allowed 0..3)");
        }
    }

    static void checkRadius(int radius) {
        if (radius < 0 || radius > MAX_RADIUS) {
            throw new IllegalArgumentException("radius: " + radius + " is out of range (allowed 0.." + MAX_RADIUS + ")");
        }
    }
}
