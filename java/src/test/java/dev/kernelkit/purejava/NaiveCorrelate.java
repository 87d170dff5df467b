package dev.kernelkit.purejava;

import dev.kernelkit.DType;
import dev.kernelkit.Mode;
import dev.kernelkit.NdArray;

/**
 * A deliberately plain reference for correlate1d, written independently of the backend: the padding is produced the
 * way SciPy's {@code NI_ExtendLine} produces it (filling the buffer by copying out of itself, so long padding repeats),
 * not by the backend's index formulas, and the sums are straightforward loops in SciPy's order.
 */
final class NaiveCorrelate {
    private NaiveCorrelate() {
    }

    /** {@code line} with {@code before} and {@code after} samples of padding. */
    static double[] extend(double[] line, int before, int after, Mode mode, double cval) {
        int n = line.length;
        double[] buf = new double[before + n + after];
        System.arraycopy(line, 0, buf, before, n);
        int first = before;
        int last = before + n; // one past the line
        int end = buf.length;
        if (mode == Mode.MIRROR && n == 1) {
            mode = Mode.NEAREST;
        }
        switch (mode) {
            case NEAREST -> {
                for (int k = 0; k < first; k++) {
                    buf[k] = buf[first];
                }
                for (int k = last; k < end; k++) {
                    buf[k] = buf[last - 1];
                }
            }
            case WRAP -> {
                for (int k = first - 1; k >= 0; k--) {
                    buf[k] = buf[k + n];
                }
                for (int k = last; k < end; k++) {
                    buf[k] = buf[k - n];
                }
            }
            case REFLECT -> {
                int dst = first - 1;
                int src = first;
                while (dst >= 0 && src < last) {
                    buf[dst--] = buf[src++];
                }
                src = last - 1;
                while (dst >= 0) {
                    buf[dst--] = buf[src--];
                }
                dst = last;
                src = last - 1;
                while (dst < end && src >= first) {
                    buf[dst++] = buf[src--];
                }
                src = first;
                while (dst < end) {
                    buf[dst++] = buf[src++];
                }
            }
            case MIRROR -> {
                int dst = first - 1;
                int src = first + 1;
                while (dst >= 0 && src < last) {
                    buf[dst--] = buf[src++];
                }
                src = last - 2;
                while (dst >= 0) {
                    buf[dst--] = buf[src--];
                }
                dst = last;
                src = last - 2;
                while (dst < end && src >= first) {
                    buf[dst++] = buf[src--];
                }
                src = first + 1;
                while (dst < end) {
                    buf[dst++] = buf[src++];
                }
            }
            case CONSTANT -> {
                for (int k = 0; k < first; k++) {
                    buf[k] = cval;
                }
                for (int k = last; k < end; k++) {
                    buf[k] = cval;
                }
            }
        }
        return buf;
    }

    /** scipy.ndimage.correlate1d of one line, in double. */
    static double[] correlateLine(double[] line, double[] w, int origin, Mode mode, double cval) {
        int k = w.length;
        int size1 = k / 2;
        int size2 = k - size1 - 1;
        double[] ext = extend(line, size1 + origin, size2 - origin, mode, cval);
        int symmetry = symmetry(w);
        double[] out = new double[line.length];
        for (int i = 0; i < line.length; i++) {
            int c = i + size1; // ext index of the centre tap
            double acc;
            if (symmetry > 0) {
                acc = ext[c] * w[size1];
                for (int jj = -size1; jj < 0; jj++) {
                    acc += (ext[c + jj] + ext[c - jj]) * w[size1 + jj];
                }
            } else if (symmetry < 0) {
                acc = ext[c] * w[size1];
                for (int jj = -size1; jj < 0; jj++) {
                    acc += (ext[c + jj] - ext[c - jj]) * w[size1 + jj];
                }
            } else {
                acc = ext[c + size2] * w[size1 + size2];
                for (int jj = -size1; jj < size2; jj++) {
                    acc += ext[c + jj] * w[size1 + jj];
                }
            }
            out[i] = acc;
        }
        return out;
    }

    /** 1 symmetric, -1 antisymmetric, 0 neither, by SciPy's absolute DBL_EPSILON test (odd lengths only). */
    static int symmetry(double[] w) {
        if (w.length % 2 == 0) {
            return 0;
        }
        int c = w.length / 2;
        double eps = 2.220446049250313e-16;
        boolean sym = true;
        for (int k = 1; k <= c; k++) {
            if (Math.abs(w[c + k] - w[c - k]) > eps) {
                sym = false;
            }
        }
        if (sym) {
            return 1;
        }
        for (int k = 1; k <= c; k++) {
            if (Math.abs(w[c + k] + w[c - k]) > eps) {
                return 0;
            }
        }
        return -1;
    }

    /** correlate1d of every line of {@code a} along {@code axis}; the result in C order, rounded like the dtype. */
    static double[] correlate(NdArray a, int axis, double[] w, int origin, Mode mode, double cval) {
        long[] shape = a.shape();
        int n = (int) shape[axis];
        double[] result = new double[(int) a.size()];
        long[] cStrides = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            cStrides[d] = step;
            step *= shape[d];
        }
        long[] idx = new long[shape.length];
        long lines = n == 0 ? 0 : a.size() / n;
        for (long line = 0; line < lines; line++) {
            // idx holds the line's index with idx[axis] = 0; advance it over the other axes in C order.
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                idx[axis] = i;
                values[i] = a.get(idx);
            }
            double[] r = correlateLine(values, w, origin, mode, cval);
            for (int i = 0; i < n; i++) {
                idx[axis] = i;
                long flat = 0;
                for (int d = 0; d < shape.length; d++) {
                    flat += idx[d] * cStrides[d];
                }
                result[(int) flat] = a.dtype() == DType.F32 ? (double) (float) r[i] : r[i];
            }
            idx[axis] = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                if (d == axis) {
                    continue;
                }
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return result;
    }
}
