package dev.kernelkit.cli;

import dev.kernelkit.spi.Backends;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which backends cannot load here, and why, for {@code demo} and {@code --version}. */
final class BackendStatus {
    private BackendStatus() {
    }

    /** Known backends that cannot load here, with the reason (e.g. the native library is missing). */
    static Map<String, String> unavailable() {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String name : Backends.names()) {
            try {
                Backends.get(name);
            } catch (IllegalStateException e) {
                reasons.put(name, reason(e));
            }
        }
        return reasons;
    }

    /** Backends.get wraps the loader's reason in a sentence of its own; in a list the reason alone reads better. */
    static String reason(IllegalStateException e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    }
}
