package dev.kernelkit.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line charts with XChart: one series per backend, logarithmic axes where the swept quantity spans decades. */
final class Charts {
    /** One colour per backend in every chart; its variants (heap paths, layouts) differ by line style. */
    private static final Map<String, Color> BACKEND_COLORS = Map.of(
            "panama", new Color(0x1f77b4), "jna", new Color(0xff7f0e), "java", new Color(0xd62728),
            "vector", new Color(0x2ca02c), "scipy", new Color(0x7f7f7f));

    private Charts() {
    }

    /** One line: its name and its (x, y) points. */
    record Series(String name, List<double[]> xy) {
    }

    static void write(Path png, String title, String xTitle, String yTitle, boolean logX, boolean logY,
                      List<Series> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (logY) {
            // XChart labels a logarithmic axis at powers of ten only: span whole decades so at least two show.
            double[] range = decades(series);
            chart.getStyler().setYAxisMin(range[0]);
            chart.getStyler().setYAxisMax(range[1]);
        }
        for (Series s : series) {
            if (s.xy().isEmpty()) {
                continue;
            }
            double[] x = s.xy().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = s.xy().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries line = chart.addSeries(s.name(), x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
            Color color = BACKEND_COLORS.get(s.name().split("[: ]", 2)[0]);
            if (color != null) {
                line.setLineColor(color);
                line.setMarkerColor(color);
            }
            if (s.name().contains("critical") || s.name().contains("transposed")) {
                line.setLineStyle(SeriesLines.DASH_DASH);
            } else if (s.name().contains("copy")) {
                line.setLineStyle(SeriesLines.DOT_DOT);
            }
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * The powers of ten just below the smallest and just above the largest positive y (at least one decade apart);
     * 0.1 .. 10 when there is none.
     */
    private static double[] decades(List<Series> series) {
        DoubleSummaryStatistics ys = series.stream().flatMap(s -> s.xy().stream()).mapToDouble(p -> p[1])
                .filter(v -> v > 0).summaryStatistics();
        if (ys.getCount() == 0) {
            return new double[] {0.1, 10};
        }
        double low = Math.pow(10, Math.floor(Math.log10(ys.getMin())));
        double high = Math.pow(10, Math.ceil(Math.log10(ys.getMax())));
        return new double[] {low, Math.max(high, low * 10)};
    }
}
