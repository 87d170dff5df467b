package dev.kernelkit.panama;

import org.junit.jupiter.api.Assumptions;

/** Native tests run unless the build was told to skip the native library (-Dkernelkit.native.skip=true). */
final class NativeAssumptions {
    private NativeAssumptions() {
    }

    static void assumeNativeBuilt() {
        Assumptions.assumeFalse(Boolean.getBoolean("kernelkit.native.skip"),
                "native build skipped (-Dkernelkit.native.skip=true)");
    }
}
