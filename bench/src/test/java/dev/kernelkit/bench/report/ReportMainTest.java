package dev.kernelkit.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on a small fixture: JMH JSON of two benchmarks plus SciPy timings. */
class ReportMainTest {
    @TempDir
    Path tmp;

    private Path fixture() throws URISyntaxException {
        return Path.of(getClass().getResource("/report-fixture/HeadlineBenchmark.json").toURI()).getParent();
    }

    @Test
    void rendersMediansRangesRatiosAndScipyColumn() throws Exception {
        Path report = tmp.resolve("REPORT.md");
        ReportMain.render(fixture(), report, tmp.resolve("charts"), "- CPU: test machine\n");
        String md = Files.readString(report);
        assertTrue(md.contains("- CPU: test machine"), md);
        assertTrue(md.contains("- scipy: 1.10.1"), md);
        assertTrue(md.contains("- jdk: 25 (OpenJDK 64-Bit Server VM 25+36)"), md);
        // panama at 1 thread measured 110, 100, 400: median 110, range 100–400; java 290..310, median 300;
        // SciPy 0.8..1.0 s, median 0.9 s = 900 ms.
        assertTrue(md.contains(
                "| rows, 1 | 110 (100–400) | 300 (290–310) | 900 (800–1000) | ×2.73 | ×8.18 |"), md);
        assertTrue(md.contains(
                "| rows, 2 | 55.0 (50.0–60.0) | 160 (150–170) | — | ×2.91 | — |"), md);
        assertTrue(md.contains("| layout, threads | panama (ms/op) | java (ms/op) | scipy (ms/op) | java / panama "
                + "| scipy / panama |"), md);
        // Overhead: java:heap 0.2 µs vs panama:offheap 1.0 µs at n = 1; SciPy 5 µs.
        assertTrue(md.contains(
                "| 1 | 1.00 (0.900–1.10) | 0.200 (0.180–0.220) | 5.00 (5.00–5.00) | ×0.200 | ×5.00 |"), md);
        assertFalse(md.contains("Kernel length:"), "no kernel sweep in the fixture, so no section");
        assertTrue(md.contains("- JNA backend: the benchmarks take"), "no jna in the fixture: listed as pending");
    }

    @Test
    void writesLegiblePngCharts() throws Exception {
        Path charts = tmp.resolve("charts");
        ReportMain.render(fixture(), tmp.resolve("REPORT.md"), charts, "- CPU: test\n");
        for (String name : new String[] {"speedup_vs_threads.png", "overhead_per_call.png", "speedup_vs_size.png"}) {
            BufferedImage image = ImageIO.read(charts.resolve(name).toFile());
            assertEquals(900, image.getWidth(), name);
            assertEquals(560, image.getHeight(), name);
        }
        String md = Files.readString(tmp.resolve("REPORT.md"));
        assertTrue(md.contains("![speed-up vs threads](charts/speedup_vs_threads.png)"), md);
    }

    @Test
    void emptyResultsDirectoryIsAClearError() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ReportMain.render(empty, tmp.resolve("R.md"), tmp.resolve("c"), ""));
        assertTrue(e.getMessage().contains("no JMH measurements"), e.getMessage());
    }
}
