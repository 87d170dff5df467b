package dev.kernelkit.cli;

import dev.kernelkit.panama.PanamaBackend;
import dev.kernelkit.spi.Backend;
import dev.kernelkit.spi.Backends;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Java library's version, the native library's ({@code kk_version_string}) when it loads,
 * and the Java runtime, because a bug report needs all three.
 */
final class VersionProvider implements IVersionProvider {
    /** Written into the jar by Maven; absent when running from target/classes. */
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.kernelkit/kernelkit/pom.properties";

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("kernelkit " + javaVersion());
        lines.add("native library: " + nativeVersion());
        lines.add("Java runtime: " + Runtime.version() + " (" + System.getProperty("java.vm.name", "?") + ")");
        return lines.toArray(String[]::new);
    }

    /** The jar's Implementation-Version or Maven's pom.properties, else "development build". */
    static String javaVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null) {
                    return pv;
                }
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "(development build)";
    }

    private static String nativeVersion() {
        try {
            Backend b = Backends.get(PanamaBackend.NAME);
            if (b instanceof PanamaBackend panama) {
                return panama.versionString() + (panama.hasOpenMP() ? " (OpenMP)" : " (serial, no OpenMP)");
            }
            return "loaded";
        } catch (IllegalStateException e) {
            return "not available (" + BackendStatus.reason(e) + ")";
        }
    }
}
