package dev.kernelkit.panama;

import dev.kernelkit.threads.ThreadGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads libkernelkit once per JVM.
 *
 * <p>{@code -Dkernelkit.library.path=} names the library file, or a directory holding it, and wins when set.
 * Otherwise the library comes from the jar, under {@code native/<platform>/} (e.g. {@code native/linux-x86_64/}),
 * and is extracted to {@code <tmpdir>/kernelkit-<user>/<sha256 prefix>/}. The folder is named by the library's
 * content hash and filled through a temporary file and an atomic rename, so JVMs starting together never see a
 * half-written library, and a stale library from another build is never reused.
 */
public final class NativeLibrary {
    /** System property naming the library file or its directory. */
    public static final String PATH_PROPERTY = "kernelkit.library.path";

    private static final Object LOCK = new Object();
    private static volatile Loaded loaded;

    /** A loaded library: where it came from and its symbols. */
    record Loaded(Path path, SymbolLookup symbols) {
    }

    private NativeLibrary() {
    }

    /** The platform folder name for this JVM, e.g. {@code linux-x86_64} or {@code macos-aarch64}. */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("linux") ? "linux"
                : (os.contains("mac") || os.contains("darwin")) ? "macos"
                : os.contains("windows") ? "windows" : os.replaceAll("[^a-z0-9]", "");
        String archName = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch.replaceAll("[^a-z0-9_]", "");
        };
        return osName + "-" + archName;
    }

    /** The library's file name on this OS: {@code libkernelkit.so} or {@code libkernelkit.dylib}. */
    public static String fileName() {
        return System.mapLibraryName("kernelkit");
    }

    /** The path the library was loaded from, loading it if needed. */
    public static Path path() {
        return load().path();
    }

    /** Loads the library (once); throws IllegalStateException with the reason when it cannot. */
    static Loaded load() {
        Loaded l = loaded;
        if (l != null) {
            return l;
        }
        synchronized (LOCK) {
            if (loaded == null) {
                Path file = locate();
                // -Dkernelkit.threads=n must reach the environment before libkernelkit pulls in its OpenMP
                // runtime, which reads OMP_NUM_THREADS once, when it starts.
                ThreadGuard.applySystemProperty();
                SymbolLookup symbols;
                try {
                    symbols = SymbolLookup.libraryLookup(file, Arena.global());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("kernelkit: cannot load " + file + ": " + e.getMessage(), e);
                }
                loaded = new Loaded(file, symbols);
            }
            return loaded;
        }
    }

    private static Path locate() {
        String override = System.getProperty(PATH_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (Files.isDirectory(p)) {
                p = p.resolve(fileName());
            }
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("kernelkit: -D" + PATH_PROPERTY + "=" + override
                        + " does not name the library (" + p + " not found)");
            }
            return p.toAbsolutePath();
        }
        return fromJar(platform());
    }

    /** Extracts the jar's library for {@code platform}; throws, naming the platforms the jar has, if none. */
    static Path fromJar(String platform) {
        String resource = "/native/" + platform + "/" + fileName();
        try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                List<String> bundled = bundledPlatforms();
                throw new IllegalStateException("kernelkit: this jar has no native library for platform "
                        + platform + " (looked for " + resource + "; it has "
                        + (bundled.isEmpty() ? "none" : "only " + String.join(", ", bundled))
                        + "); build it with CMake here, or set -D" + PATH_PROPERTY);
            }
            return extract(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("kernelkit: cannot extract the native library: " + e.getMessage(), e);
        }
    }

    /**
     * The platforms whose library this jar (or class directory) carries under {@code native/<platform>/}, sorted;
     * empty when there are none or the classes' location cannot be read.
     */
    public static List<String> bundledPlatforms() {
        try {
            return platformsIn(Path.of(NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of(); // only informative: the caller is already reporting a missing library
        }
    }

    /** The platform folders under {@code native/} holding a kernelkit library, in a class directory or jar. */
    static List<String> platformsIn(Path classesOrJar) throws IOException {
        if (Files.isDirectory(classesOrJar)) {
            return platformsUnder(classesOrJar.resolve("native"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(classesOrJar)) {
            return platformsUnder(jar.getPath("/native"));
        }
    }

    private static List<String> platformsUnder(Path nativeDir) throws IOException {
        if (!Files.isDirectory(nativeDir)) {
            return List.of();
        }
        List<String> platforms = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nativeDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                if (Files.isRegularFile(dir.resolve("libkernelkit.so"))
                        || Files.isRegularFile(dir.resolve("libkernelkit.dylib"))
                        || Files.isRegularFile(dir.resolve("kernelkit.dll"))) {
                    platforms.add(dir.getFileName().toString().replace("/", ""));
                }
            }
        }
        Collections.sort(platforms);
        return platforms;
    }

    private static Path extract(byte[] bytes) throws IOException {
        String hash = sha256(bytes).substring(0, 16);
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kernelkit-" + user, hash);
        Path target = dir.resolve(fileName());
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            return target;
        }
        createPrivateDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + fileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        Path parent = dir.getParent();
        for (Path d : new Path[] {parent, dir}) {
            if (Files.isDirectory(d)) {
                continue;
            }
            try {
                if (d.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectory(d, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(d);
                }
            } catch (FileAlreadyExistsException raced) {
                // another JVM created it first: fine
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
