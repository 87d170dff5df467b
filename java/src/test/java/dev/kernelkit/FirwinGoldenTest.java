package dev.kernelkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fir.firwin against scipy.signal.firwin (golden-firwin/cases.tsv, written by tools/gen_firwin_goldens.py). */
class FirwinGoldenTest {
    /** Issue 4's tolerance: relative to max|expected|, float64. */
    private static final double TOLERANCE = 1e-12;

    /** One line of cases.tsv; {@code expected} is null for an error case, which names {@code errorParameter}. */
    record Case(String id, int numtaps, double[] cutoff, String window, String passZero, boolean scale, double fs,
                double[] expected, String errorParameter) {
        @Override
        public String toString() {
            return id;
        }

        double[] design() {
            return Fir.firwin(numtaps, cutoff, Window.parse(window), PassZero.parse(passZero), scale, fs);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> list = new ArrayList<>();
        try (InputStream in = FirwinGoldenTest.class.getResourceAsStream("/golden-firwin/cases.tsv")) {
            if (in == null) {
                throw new IOException("golden-firwin/cases.tsv is missing; run tools/gen_firwin_goldens.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    list.add(parse(line));
                }
            }
        }
        return list;
    }

    private static Case parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8) {
            throw new IllegalStateException("cases.tsv: expected 8 fields, got " + f.length + ": " + line);
        }
        boolean error = f[7].startsWith("error:");
        return new Case(f[0], Integer.parseInt(f[1]), f[2].equals("-") ? new double[0] : numbers(f[2]), f[3], f[4],
                Boolean.parseBoolean(f[5]), Double.parseDouble(f[6]), error ? null : numbers(f[7]),
                error ? f[7].substring("error:".length()) : null);
    }

    private static double[] numbers(String text) {
        return Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    static Stream<Case> designs() throws IOException {
        return cases().stream().filter(c -> c.expected() != null);
    }

    static Stream<Case> errors() throws IOException {
        return cases().stream().filter(c -> c.expected() == null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void matchesScipy(Case c) {
        double[] actual = c.design();
        assertEquals(c.expected().length, actual.length, "numtaps");
        double scale = Arrays.stream(c.expected()).map(Math::abs).max().orElse(0);
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs(actual[i] - c.expected()[i]);
            assertTrue(diff <= TOLERANCE * scale, () -> c.id() + ": tap mismatch, |diff| " + diff + " > "
                    + TOLERANCE * scale + "\nexpected " + Arrays.toString(c.expected())
                    + "\nactual   " + Arrays.toString(actual));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejectsWhatScipyRejects(Case c) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::design, c.id());
        assertTrue(e.getMessage().startsWith(c.errorParameter() + ": "),
                () -> c.id() + ": message should name " + c.errorParameter() + ": " + e.getMessage());
    }

    /** The manifest still covers what issue 4 asks for (it would pass vacuously if the generator lost a part). */
    @Test
    void coversEveryWindowPassTypeAndParity() throws IOException {
        List<Case> all = cases();
        for (String window : List.of("hamming", "hann", "blackman", "boxcar", "kaiser:")) {
            for (String passZero : List.of("true", "false", "lowpass", "highpass", "bandpass", "bandstop")) {
                for (int parity = 0; parity < 2; parity++) {
                    int p = parity;
                    boolean found = all.stream().anyMatch(c -> c.expected() != null && c.window().startsWith(window)
                            && c.passZero().equals(passZero) && c.numtaps() % 2 == p && c.numtaps() > 1);
                    boolean evenAllowed = p == 1 || passZero.equals("false") || passZero.equals("true")
                            || passZero.equals("bandpass") || passZero.equals("lowpass");
                    assertEquals(evenAllowed, found, window + " " + passZero + (p == 1 ? " odd" : " even"));
                }
            }
        }
        assertTrue(all.stream().anyMatch(c -> c.expected() != null && !c.scale()), "unscaled cases");
        assertTrue(all.stream().anyMatch(c -> c.expected() != null && c.fs() != 2.0), "cases with fs");
        assertTrue(all.stream().filter(c -> c.expected() == null).count() >= 16, "error cases");
    }
}
