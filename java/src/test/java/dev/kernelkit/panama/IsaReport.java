package dev.kernelkit.panama;

import dev.kernelkit.FilterOptions;
import dev.kernelkit.Filters;
import dev.kernelkit.NdArray;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Child-JVM entry point: prints the instruction-set level the native library chose (under the KERNELKIT_ISA the
 * parent set), why, and a hash of the bits of a fixed Gaussian filtering, so the parent can compare levels.
 */
public final class IsaReport {
    private IsaReport() {
    }

    public static void main(String[] args) {
        PanamaBackend panama = new PanamaBackend();
        System.out.println("isa=" + panama.isa());
        System.out.println("reason=" + panama.isaReason());
        System.out.println("supported=" + String.join(",", panama.supportedIsas()));
        System.out.println("result=" + Long.toHexString(resultHash(PanamaBackend.NAME)));
    }

    /** A hash of the bits of a fixed Gaussian filtering along both axes on `backend`. */
    static long resultHash(String backend) {
        // Lines long enough for the vector blocks and a scalar tail; both axes (contiguous and strided lines).
        double[] data = new SplittableRandom(7).doubles(37 * 1001).toArray();
        NdArray x = NdArray.wrap(data, 37, 1001);
        long hash = 1;
        for (int axis = 0; axis < 2; axis++) {
            FilterOptions options = FilterOptions.defaults().withAxis(axis).withBackend(backend);
            NdArray y = Filters.gaussian1d(x, 3.5, options);
            hash = 31 * hash + Arrays.hashCode(Arrays.stream(y.toDoubleArray())
                    .mapToLong(Double::doubleToRawLongBits).toArray());
        }
        return hash;
    }
}
