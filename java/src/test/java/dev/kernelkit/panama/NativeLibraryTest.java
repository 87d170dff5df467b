package dev.kernelkit.panama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading libkernelkit from the jar, by several JVMs at once, and through the override property. */
class NativeLibraryTest {

    @BeforeAll
    static void nativeBuildPresent() {
        NativeAssumptions.assumeNativeBuilt();
    }

    @Test
    void platformNameMatchesTheJarFolderConvention() {
        assertTrue(NativeLibrary.platform().matches("(linux|macos|windows)-(x86_64|aarch64)"),
                NativeLibrary.platform());
        assertTrue(NativeLibrary.class.getResource("/native/" + NativeLibrary.platform() + "/"
                + NativeLibrary.fileName()) != null, "the build puts the library under native/<platform>/");
    }

    @Test
    void severalJvmsExtractingAtOnceAllLoadTheSameLibrary(@TempDir Path tmp) throws Exception {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            children.add(ChildJvm.start(LoadAndReport.class, List.of("-Djava.io.tmpdir=" + tmp)));
        }
        List<String> libraries = new ArrayList<>();
        for (Process p : children) {
            String result = ChildJvm.finish(p);
            assertTrue(result.startsWith("0\n"), result);
            assertTrue(result.contains("backend=panama"), result);
            libraries.add(result.lines().filter(l -> l.startsWith("library=")).findFirst().orElseThrow());
        }
        assertEquals(1, libraries.stream().distinct().count(), "all children load one extracted file: " + libraries);
        try (Stream<Path> files = Files.walk(tmp)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertEquals(1, regular.size(), "no temporary files left behind: " + regular);
            assertEquals(NativeLibrary.fileName(), regular.get(0).getFileName().toString());
        }
    }

    @Test
    void overridePropertyLoadsTheNamedDirectory(@TempDir Path tmp) throws Exception {
        Path dir = NativeLibrary.path().getParent();
        String result = ChildJvm.finish(ChildJvm.start(LoadAndReport.class,
                List.of("-D" + NativeLibrary.PATH_PROPERTY + "=" + dir, "-Djava.io.tmpdir=" + tmp)));
        assertTrue(result.startsWith("0\n"), result);
        assertTrue(result.contains("library=" + dir.resolve(NativeLibrary.fileName())), result);
    }

    @Test
    void badOverrideFallsBackToJavaWithOneWarningNamingTheProperty(@TempDir Path tmp) throws Exception {
        String result = ChildJvm.finish(ChildJvm.start(LoadAndReport.class,
                List.of("-D" + NativeLibrary.PATH_PROPERTY + "=" + tmp.resolve("missing"))));
        assertTrue(result.startsWith("0\n"), result);
        assertTrue(result.contains("backend=java"), result);
        assertEquals(1, result.lines().filter(l -> l.contains(NativeLibrary.PATH_PROPERTY)).count(), result);
    }

    @Test
    void explicitlyRequestedBackendThatCannotLoadIsAnError(@TempDir Path tmp) throws Exception {
        String result = ChildJvm.finish(ChildJvm.start(LoadAndReport.class,
                List.of("-D" + NativeLibrary.PATH_PROPERTY + "=" + tmp.resolve("missing"),
                        "-Dkernelkit.backend=panama")));
        assertTrue(!result.startsWith("0\n") && result.contains("'panama' is not available"), result);
    }

    @Test
    void theBuildsOwnPlatformIsAmongTheBundledOnes() {
        assertTrue(NativeLibrary.bundledPlatforms().contains(NativeLibrary.platform()),
                NativeLibrary.bundledPlatforms().toString());
    }

    @Test
    void aMissingPlatformIsReportedWithThePlatformsTheJarHas() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NativeLibrary.fromJar("plan9-mips"));
        String message = e.getMessage();
        assertTrue(message.contains("no native library for platform plan9-mips"), message);
        assertTrue(message.contains("it has only " + String.join(", ", NativeLibrary.bundledPlatforms())), message);
        assertTrue(message.contains("-D" + NativeLibrary.PATH_PROPERTY), message);
    }

    @Test
    void bundledPlatformsAreReadFromAJarAndFromADirectory(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> entries = Map.of(
                "native/macos-aarch64/libkernelkit.dylib", new byte[] {1},
                "native/linux-x86_64/libkernelkit.so", new byte[] {2},
                "native/linux-riscv64/README.txt", new byte[] {3}, // a folder without a library does not count
                "dev/kernelkit/Some.class", new byte[] {4});
        Path jar = tmp.resolve("all-platforms.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        Path classes = tmp.resolve("classes");
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            Path file = classes.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        List<String> expected = List.of("linux-x86_64", "macos-aarch64");
        assertEquals(expected, NativeLibrary.platformsIn(jar));
        assertEquals(expected, NativeLibrary.platformsIn(classes));
        assertEquals(List.of(), NativeLibrary.platformsIn(Files.createDirectories(tmp.resolve("empty"))));
    }
}
