package dev.kernelkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelkit.DType;
import dev.kernelkit.Fir;
import dev.kernelkit.NdArray;
import dev.kernelkit.PassZero;
import dev.kernelkit.Window;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code kernelkit firwin} writes Fir.firwin's taps, and turns bad parameters into exit 2 and one line. */
class FirwinCommandTest {
    @TempDir
    Path dir;

    private double[] run(String... args) throws IOException {
        Path out = dir.resolve("taps.npy");
        String[] full = new String[args.length + 2];
        full[0] = "firwin";
        full[1] = out.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        CliRun r = CliRun.of(full);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "stderr of a successful run");
        NdArray taps = Npy.read(out);
        assertEquals(DType.F64, taps.dtype());
        assertEquals(1, taps.ndim());
        return taps.toDoubleArray();
    }

    @Test
    void defaultsAreScipys() throws IOException {
        assertArrayEquals(Fir.firwin(21, 0.3), run("--numtaps", "21", "--cutoff", "0.3"), 0.0);
    }

    @Test
    void passesEveryOption() throws IOException {
        double[] expected = Fir.firwin(30, new double[] {8, 13}, Window.BLACKMAN, PassZero.BANDPASS, false, 1000);
        assertArrayEquals(expected, run("--numtaps", "30", "--cutoff", "8", "13", "--pass-zero", "bandpass",
                "--window", "blackman", "--no-scale", "--fs", "1000"), 0.0);
    }

    @Test
    void kaiserBetaBothWays() throws IOException {
        double[] expected = Fir.firwin(31, new double[] {0.4}, Window.kaiser(8.6), PassZero.FALSE, true, 2);
        assertArrayEquals(expected, run("--numtaps", "31", "--cutoff", "0.4", "--pass-zero", "false",
                "--window", "kaiser:8.6"), 0.0);
        assertArrayEquals(expected, run("--numtaps", "31", "--cutoff", "0.4", "--pass-zero", "false",
                "--kaiser-beta", "8.6"), 0.0);
        assertArrayEquals(expected, run("--numtaps", "31", "--cutoff", "0.4", "--pass-zero", "false",
                "--window", "kaiser", "--kaiser-beta", "8.6"), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--numtaps 8 --cutoff 0.3 --pass-zero false | --numtaps: ",
            "--numtaps 0 --cutoff 0.3 | --numtaps: ",
            "--numtaps 7 --cutoff 0.5 0.3 | --cutoff: ",
            "--numtaps 7 --cutoff 1.0 | --cutoff: ",
            "--numtaps 7 --cutoff 0.2 0.4 --pass-zero lowpass | --cutoff: ",
            "--numtaps 7 --cutoff 0.3 --pass-zero maybe | --pass-zero: ",
            "--numtaps 7 --cutoff 0.3 --window hanning | --window: ",
            "--numtaps 7 --cutoff 0.3 --window kaiser | --window: ",
            "--numtaps 7 --cutoff 0.3 --window hann --kaiser-beta 5 | --kaiser-beta: ",
            "--numtaps 7 --cutoff 0.3 --kaiser-beta NaN | --kaiser-beta: ",
            "--numtaps 7 --cutoff 0.3 --fs 0 | --fs: ",
            "--numtaps 7 | --cutoff",
            "--numtaps x --cutoff 0.3 | --numtaps"})
    void badParametersExitTwoWithOneLine(String args, String mentions) throws IOException {
        Path out = dir.resolve("bad.npy");
        List<String> full = new java.util.ArrayList<>(List.of("firwin", out.toString()));
        full.addAll(List.of(args.strip().split(" +")));
        CliRun r = CliRun.of(full.toArray(String[]::new));
        assertEquals(2, r.exit(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.errLines().get(0).startsWith("kernelkit firwin: "), r::toString);
        assertTrue(r.errLines().get(0).contains(mentions.strip()), r::toString);
        assertEquals(List.of(), NpyFiles.names(dir), "no output (or temporary) file is left behind");
    }
}
