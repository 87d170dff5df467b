package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kernelkit.DType;
import dev.kernelkit.Layout;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import dev.kernelkit.spi.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input or usage: exit status 2, exactly one line on stderr naming the problem, nothing on
 * stdout, no output or temporary file left behind, and an existing output untouched.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** Arguments for one case; may create the bad files it needs in {@code dir}. */
    @FunctionalInterface
    interface Args {
        String[] make(Path dir) throws IOException;
    }

    record Case(String name, Args args, List<String> keywords) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, Args args, String... keywords) {
        return new Case(name, args, List.of(keywords));
    }

    private static String in(Path d) {
        return d.resolve("in.npy").toString();
    }

    private static String out(Path d) {
        return d.resolve("out.npy").toString();
    }

    private static String w(Path d) {
        return d.resolve("w.npy").toString();
    }

    private static String[] gaussian(Path d, String... options) {
        return Stream.concat(Stream.of("gaussian", in(d), out(d)), Arrays.stream(options)).toArray(String[]::new);
    }

    private static String[] correlate(Path d, String... options) {
        return Stream.concat(Stream.of("correlate", in(d), out(d)), Arrays.stream(options)).toArray(String[]::new);
    }

    /** A valid float64 .npy file with a truncated data section. */
    private static Path truncated(Path d) throws IOException {
        Path p = d.resolve("short.npy");
        Npy.write(p, FilterCommandsTest.sample(DType.F64, Layout.C, 3, 20));
        byte[] all = Files.readAllBytes(p);
        return Files.write(p, Arrays.copyOf(all, all.length - 8));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // input files
                c("input missing", d -> new String[] {"gaussian", d.resolve("missing.npy").toString(), out(d),
                        "--sigma", "1"}, "input file not found", "missing.npy"),
                c("input is a directory", d -> new String[] {"gaussian", Files.createDirectory(d.resolve("sub.npy"))
                        .toString(), out(d), "--sigma", "1"}, "directory", "sub.npy"),
                c("not an npy file", d -> new String[] {"gaussian", Files.writeString(d.resolve("text.npy"),
                        "hello, world\n").toString(), out(d), "--sigma", "1"}, "not an .npy file", "text.npy"),
                c("empty file", d -> new String[] {"gaussian", Files.write(d.resolve("empty.npy"), new byte[0])
                        .toString(), out(d), "--sigma", "1"}, "empty.npy"),
                c("truncated data", d -> new String[] {"gaussian", truncated(d).toString(), out(d), "--sigma", "1"},
                        "truncated", "short.npy"),
                c("int32 input", d -> new String[] {"gaussian", NpyFiles.handMade(d.resolve("int.npy"), "<i4",
                        "(2, 2)", new byte[16]).toString(), out(d), "--sigma", "1"}, "unsupported dtype '<i4'",
                        "int.npy"),
                c("big-endian input", d -> new String[] {"gaussian", NpyFiles.handMade(d.resolve("be.npy"), ">f8",
                        "(2,)", new byte[16]).toString(), out(d), "--sigma", "1"}, "'>f8'", "be.npy"),
                // gaussian parameters
                c("negative sigma", d -> gaussian(d, "--sigma", "-1"), "--sigma: -1.0 must be finite and > 0"),
                c("zero sigma", d -> gaussian(d, "--sigma", "0"), "--sigma: 0.0 must be finite and > 0"),
                c("NaN sigma", d -> gaussian(d, "--sigma", "NaN"), "--sigma: NaN"),
                c("sigma not a number", d -> gaussian(d, "--sigma", "abc"), "--sigma", "'abc'"),
                c("missing sigma", d -> gaussian(d), "Missing required option", "--sigma"),
                c("axis out of range", d -> gaussian(d, "--sigma", "1", "--axis", "3"),
                        "axis: 3 is out of range for an array of 2 dimensions (allowed -2..1)"),
                c("negative axis out of range", d -> gaussian(d, "--sigma", "1", "--axis", "-3"), "axis: -3"),
                c("axis not an integer", d -> gaussian(d, "--sigma", "1", "--axis", "1.5"), "--axis", "'1.5'"),
                c("order 4", d -> gaussian(d, "--sigma", "1", "--order", "4"), "--order: 4", "0..3"),
                c("unknown mode", d -> gaussian(d, "--sigma", "1", "--mode", "bogus"), "--mode", "'bogus'",
                        "reflect", "grid-wrap"),
                c("unknown method", d -> gaussian(d, "--sigma", "1", "--method", "fast"), "--method: unknown 'fast'",
                        "direct, fft, auto"),
                c("unknown method (correlate)", d -> correlate(d, "--weights", w(d), "--method", ""), "--method"),
                c("negative radius", d -> gaussian(d, "--sigma", "1", "--radius", "-1"), "--radius: -1"),
                c("infinite truncate", d -> gaussian(d, "--sigma", "1", "--truncate", "Infinity"), "--truncate"),
                c("negative threads", d -> gaussian(d, "--sigma", "1", "--threads", "-1"), "--threads: -1"),
                c("unknown backend", d -> gaussian(d, "--sigma", "1", "--backend", "nosuch"), "--backend",
                        "'nosuch'", "java"),
                c("unknown option", d -> gaussian(d, "--sigma", "1", "--foo"), "Unknown option", "--foo"),
                c("option of another command", d -> gaussian(d, "--sigma", "1", "--origin", "1"), "--origin"),
                c("missing OUT", d -> new String[] {"gaussian", in(d), "--sigma", "1"}, "Missing required",
                        "OUT"),
                c("extra argument", d -> gaussian(d, "--sigma", "1", "extra.npy"), "extra.npy"),
                // weights
                c("missing weights option", d -> correlate(d), "Missing required option", "--weights"),
                c("weights missing", d -> correlate(d, "--weights", d.resolve("nw.npy").toString()), "--weights",
                        "not found", "nw.npy"),
                c("weights 2-D", d -> {
                    Path p = d.resolve("w2.npy");
                    Npy.write(p, NdArray.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
                    return correlate(d, "--weights", p.toString());
                }, "--weights", "1-D", "[2, 3]"),
                c("weights int", d -> correlate(d, "--weights", NpyFiles.handMade(d.resolve("wi.npy"), "<i8",
                        "(3,)", new byte[24]).toString()), "--weights", "unsupported dtype '<i8'", "wi.npy"),
                c("weights empty", d -> {
                    Path p = d.resolve("w0.npy");
                    Npy.write(p, NdArray.wrap(new double[0], 0));
                    return correlate(d, "--weights", p.toString());
                }, "--weights", "empty"),
                c("origin out of range", d -> correlate(d, "--weights", w(d), "--origin", "2"),
                        "--origin: 2 is out of range for 3 weights (allowed -1..1)"),
                c("convolve origin out of range", d -> new String[] {"convolve", in(d), out(d), "--weights", w(d),
                        "--origin", "-2"}, "--origin: -2"),
                // output location
                c("output directory missing", d -> new String[] {"gaussian", in(d),
                        d.resolve("nodir").resolve("out.npy").toString(), "--sigma", "1"},
                        "output directory does not exist", "nodir"),
                c("output is a directory", d -> new String[] {"gaussian", in(d),
                        Files.createDirectory(d.resolve("outdir")).toString(), "--sigma", "1"},
                        "output is a directory"),
                c("output parent is a file", d -> new String[] {"gaussian", in(d),
                        d.resolve("in.npy").resolve("x.npy").toString(), "--sigma", "1"}, "not a directory"),
                // commands
                c("unknown command", d -> new String[] {"blur", in(d)}, "unknown command 'blur'", "gaussian"),
                c("no command", d -> new String[0], "missing command"),
                c("unknown demo size", d -> new String[] {"demo", "--size", "huge"}, "--size", "'huge'", "small"));
    }

    @BeforeEach
    void validFiles() throws IOException {
        Npy.write(dir.resolve("in.npy"), FilterCommandsTest.sample(DType.F64, Layout.C, 3, 20));
        Npy.write(dir.resolve("w.npy"), NdArray.wrap(new double[] {0.25, 0.5, 0.25}, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exitsWithTwoAndOneLineAndLeavesNoOutput(Case c) throws IOException {
        String[] args = c.args().make(dir);
        List<String> before = NpyFiles.names(dir);
        CliRun r = CliRun.of(args);
        assertBadInput(r, c.keywords());
        assertEquals(before, NpyFiles.names(dir), "no output or temporary file may be left behind");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anExistingOutputIsUnchanged(Case c) throws IOException {
        byte[] old = "an existing output file".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("out.npy"), old);
        String[] args = c.args().make(dir);
        List<String> before = NpyFiles.names(dir);
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r::toString);
        assertArrayEquals(old, Files.readAllBytes(dir.resolve("out.npy")));
        assertEquals(before, NpyFiles.names(dir));
    }

    static void assertBadInput(CliRun r, List<String> keywords) {
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out(), "stdout");
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr:\n" + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("kernelkit"), line);
        for (String k : keywords) {
            assertTrue(line.contains(k), () -> "'" + k + "' missing from: " + line);
        }
    }

    @Test
    void outputInAReadOnlyDirectory() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        try {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            CliRun r = CliRun.of("gaussian", in(dir), ro.resolve("out.npy").toString(), "--sigma", "1");
            assertBadInput(r, List.of("not writable", "ro"));
            assertEquals(List.of(), NpyFiles.names(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void outputWhereNoFileCanBeCreated() {
        // /sys refuses new files even to root, so this case runs in containers too.
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys) && !Files.exists(sys.resolve("kk-out.npy")));
        CliRun r = CliRun.of("gaussian", in(dir), sys.resolve("kk-out.npy").toString(), "--sigma", "1");
        assertBadInput(r, List.of("/sys"));
        assertTrue(Files.notExists(sys.resolve("kk-out.npy")));
    }

    @Test
    void unavailableBackend() {
        List<String> unavailable = Backends.names().stream().filter(n -> {
            try {
                Backends.get(n);
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }).toList();
        assumeFalse(unavailable.isEmpty(), "every backend loads here");
        CliRun r = CliRun.of(gaussian(dir, "--sigma", "1", "--backend", unavailable.get(0)));
        assertBadInput(r, List.of("--backend", unavailable.get(0), "not available"));
    }
}
