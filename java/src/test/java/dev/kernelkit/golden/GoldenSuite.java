package dev.kernelkit.golden;

import dev.kernelkit.DType;
import dev.kernelkit.NdArray;
import dev.kernelkit.io.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads {@code golden/cases.tsv} and the .npy files it names (written by tools/gen_goldens.py), once per JVM.
 * Any inconsistency in the data (missing file, wrong shape or dtype, unknown key) fails loudly: a golden test that
 * silently ran fewer cases could not fail.
 */
final class GoldenSuite {
    /** "exp_gauss_vol_f64.npy[17]": row 17 of a stacked expected file. */
    private static final Pattern ROW_REF = Pattern.compile("(.+\\.npy)\\[(\\d+)]");

    private static List<GoldenCase> cases;
    /** Other manifests in the same format (e.g. golden-fft/, by tools/gen_goldens_fft.py), by resource folder. */
    private static final Map<String, List<GoldenCase>> OTHER_SUITES = new HashMap<>();

    private GoldenSuite() {
    }

    /** Every case in the manifest, in file order. */
    static synchronized List<GoldenCase> cases() {
        if (cases == null) {
            cases = List.copyOf(load(directory()));
        }
        return cases;
    }

    /** Every case of the manifest {@code /<folder>/cases.tsv} on the test class path, in file order. */
    static synchronized List<GoldenCase> cases(String folder) {
        return OTHER_SUITES.computeIfAbsent(folder, f -> List.copyOf(load(directory(f))));
    }

    private static Path directory() {
        return directory("golden");
    }

    private static Path directory(String folder) {
        URL url = GoldenSuite.class.getResource("/" + folder + "/cases.tsv");
        if (url == null) {
            throw new IllegalStateException(folder + "/cases.tsv is not on the test class path; run its generator "
                    + "under tools/ with /usr/bin/python3");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<GoldenCase> load(Path dir) {
        Map<String, NdArray> files = new HashMap<>();
        Map<String, double[]> values = new HashMap<>(); // stacked expected files, converted once
        List<GoldenCase> list = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve("cases.tsv"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                list.add(parse(line, dir, files, values));
            } catch (RuntimeException e) {
                throw new IllegalStateException("cases.tsv line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalStateException("cases.tsv holds no cases");
        }
        return list;
    }

    private static GoldenCase parse(String line, Path dir, Map<String, NdArray> files,
                                    Map<String, double[]> values) {
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields, found " + f.length);
        }
        String id = f[0];
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : f[3].trim().split(" +")) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || params.put(kv.substring(0, eq), kv.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(id + ": bad or repeated parameter '" + kv + "'");
            }
        }
        NdArray input = file(dir, f[2], files);
        Matcher m = ROW_REF.matcher(f[4]);
        if (!m.matches()) {
            throw new IllegalArgumentException(id + ": expected '" + f[4] + "' is not FILE.npy[ROW]");
        }
        NdArray stacked = file(dir, m.group(1), files);
        int row = Integer.parseInt(m.group(2));
        long[] rowShape = Arrays.copyOfRange(stacked.shape(), 1, stacked.ndim());
        if (stacked.dtype() != input.dtype() || !Arrays.equals(rowShape, input.shape()) || row >= stacked.shape(0)) {
            throw new IllegalArgumentException(id + ": " + f[4] + " (" + stacked + ") does not hold a row shaped "
                    + "like the input " + input);
        }
        double[] all = values.computeIfAbsent(m.group(1), k -> stacked.toDoubleArray());
        int n = Math.toIntExact(input.size());
        double[] expected = Arrays.copyOfRange(all, row * n, row * n + n);
        double[] weights = null;
        if (params.containsKey("weights")) {
            NdArray w = file(dir, params.get("weights"), files);
            if (w.ndim() != 1 || w.dtype() != DType.F64) {
                throw new IllegalArgumentException(id + ": weights file " + w + " is not 1-D float64");
            }
            weights = w.toDoubleArray();
        }
        double terms = Double.parseDouble(f[5]);
        if (!(terms >= 0) || Double.isInfinite(terms)) {
            throw new IllegalArgumentException(id + ": terms " + f[5] + " is not a finite magnitude");
        }
        return new GoldenCase(id, f[1], params, input.dtype(), input.shape(), input.toDoubleArray(), expected, weights,
                terms);
    }

    private static NdArray file(Path dir, String name, Map<String, NdArray> files) {
        return files.computeIfAbsent(name, n -> {
            try {
                return Npy.read(dir.resolve(n));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read golden file " + n, e);
            }
        });
    }
}
