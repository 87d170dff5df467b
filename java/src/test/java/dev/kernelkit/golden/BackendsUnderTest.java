package dev.kernelkit.golden;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The backends the golden tests run: every name in {@link Backends#names()}. A backend that does not load is a
 * test failure, not a skip, except a native one when the build ran without the native library
 * ({@code -Dkernelkit.native.skip=true}, passed to the tests by surefire); a native backend that loads anyway is
 * tested.
 */
final class BackendsUnderTest {
    /** Backends that need libkernelkit. */
    private static final Set<String> NATIVE = Set.of("panama", "jna");

    private BackendsUnderTest() {
    }

    static List<String> names() {
        return Backends.names();
    }

    /** True when the build told the tests there is no native library. */
    static boolean nativeSkipped() {
        return Boolean.getBoolean("kernelkit.native.skip");
    }

    /** True when this backend may be missing in this build. */
    static boolean excused(String name) {
        return NATIVE.contains(name) && nativeSkipped();
    }

    /** True when the backend loads here. */
    static boolean loads(String name) {
        try {
            Backends.get(name);
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Loads the backend; fails the test when it does not load, or aborts it when that is excused. */
    static Backend require(String name) {
        try {
            return Backends.get(name);
        } catch (RuntimeException | LinkageError e) {
            Assumptions.assumeFalse(excused(name), "native backend '" + name
                    + "' not tested: the build ran with -Dkernelkit.native.skip=true");
            return fail("backend '" + name + "' did not load (-Dkernelkit.native.skip=true excuses native backends "
                    + "only in builds without the native library): " + e, e);
        }
    }

    /** Every backend that loads, failing the test if one that must load does not. */
    static List<String> loaded() {
        List<String> list = new ArrayList<>();
        for (String name : names()) {
            if (loads(name)) {
                list.add(name);
            } else if (!excused(name)) {
                require(name); // fails with the reason
            }
        }
        return list;
    }
}
