package dev.kernelkit.spi;

import dev.kernelkit.jna.JnaBackend;
import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.purejava.JavaBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finds backends by name and picks the default: {@code -Dkernelkit.backend=NAME} when set, otherwise the fastest
 * that loads ({@code panama}, then {@code jna}, then {@code java}). A fallback is logged once through
 * {@link System.Logger}.
 */
public final class Backends {
    /** System property that selects the default backend. */
    public static final String PROPERTY = "kernelkit.backend";

    private static final System.Logger LOG = System.getLogger("dev.kernelkit");

    /** Known backends, fastest first. */
    private static final Map<String, Supplier<Backend>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(PanamaBackend.NAME, PanamaBackend::new);
        FACTORIES.put(JnaBackend.NAME, JnaBackend::new);
        FACTORIES.put(JavaBackend.NAME, JavaBackend::new);
    }

    /** Created backends, or the reason one could not be created. */
    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private static volatile Backend defaultBackend;

    private Backends() {
    }

    /** Names of every known backend, fastest first (whether or not it loads here). */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The backends that load on this machine, fastest first. */
    public static List<Backend> available() {
        List<Backend> list = new ArrayList<>();
        for (String name : FACTORIES.keySet()) {
            if (load(name) instanceof Backend b) {
                list.add(b);
            }
        }
        return list;
    }

    /**
     * The backend with this name.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException when it cannot load here (with the reason)
     */
    public static Backend get(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!FACTORIES.containsKey(key)) {
            throw new IllegalArgumentException("backend: unknown '" + name + "' (allowed: "
                    + String.join(", ", FACTORIES.keySet()) + ")");
        }
        Object loaded = load(key);
        if (loaded instanceof Backend b) {
            return b;
        }
        Throwable cause = (Throwable) loaded;
        throw new IllegalStateException("backend: '" + key + "' is not available: " + cause.getMessage(), cause);
    }

    /** The default backend (see the class comment). */
    public static Backend defaultBackend() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Backends.class) {
                b = defaultBackend;
                if (b == null) {
                    b = chooseDefault();
                    defaultBackend = b;
                }
            }
        }
        return b;
    }

    private static Backend chooseDefault() {
        String requested = System.getProperty(PROPERTY);
        if (requested != null && !requested.isBlank()) {
            return get(requested);
        }
        Throwable firstFailure = null;
        for (String name : FACTORIES.keySet()) {
            Object loaded = load(name);
            if (loaded instanceof Backend b) {
                if (firstFailure != null) {
                    LOG.log(System.Logger.Level.WARNING, "kernelkit: native library unavailable ({0}); using the "
                            + "''{1}'' backend", firstFailure.getMessage(), b.name());
                }
                return b;
            }
            if (firstFailure == null) {
                firstFailure = (Throwable) loaded;
            }
        }
        throw new IllegalStateException("no kernelkit backend could be loaded", firstFailure);
    }

    private static Object load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            try {
                return FACTORIES.get(n).get();
            } catch (RuntimeException | LinkageError e) {
                return e;
            }
        });
    }
}
