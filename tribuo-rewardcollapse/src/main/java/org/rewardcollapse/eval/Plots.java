/*
 * Copyright (c) 2026 The tribuo-rewardcollapse authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.rewardcollapse.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rewardcollapse.eval.CollapseDiagnostics.ClassDiagnostics;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.theory.LimitLaw;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The collapse plots, as PNG files (XChart, no display needed):
 * <ul>
 *     <li>the paper's figure: mean reward against response index per prompt class, the 10th-90th percentile band
 *     across groups (shaded), and each class's theoretical optimum (dashed);</li>
 *     <li>per class, the histogram of its rewards against its utility's limit-law density;</li>
 *     <li>the collapse gap across training snapshots, on a logarithmic step axis (the rise and fall of the gap happens
 *     in the first steps).</li>
 * </ul>
 * Legends sit outside the plotting area, so they never cover data. Files are written atomically.
 */
public final class Plots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final java.awt.BasicStroke[] STROKES = {SeriesLines.SOLID, SeriesLines.DASH_DOT, SeriesLines.DOT_DOT,
            SeriesLines.DASH_DASH};
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 640;
    private static final int BINS = 20;
    private static final int BAND_ALPHA = 60;

    private Plots() {}

    /**
     * The paper's figure: class profiles with shaded bands and optima.
     * @param collapse The diagnostics.
     * @param title The chart title.
     * @param file The PNG to write.
     * @throws IOException If the file cannot be written.
     */
    public static void profiles(CollapseDiagnostics collapse, String title, Path file) throws IOException {
        write(profilesChart(collapse, title), file);
    }

    /** The chart {@link #profiles} draws. */
    /**
     * The classes a chart draws: the {@value EvaluationWriter#MAX_HISTOGRAMS} with the most groups (a chart of more
     * would be unreadable, and slow to draw), in the map's order.
     * @param classes The classes.
     * @return Their entries.
     */
    static List<Map.Entry<String, ClassDiagnostics>> largest(Map<String, ClassDiagnostics> classes) {
        List<Map.Entry<String, ClassDiagnostics>> all = new java.util.ArrayList<>(classes.entrySet());
        if (all.size() <= EvaluationWriter.MAX_HISTOGRAMS) {
            return all;
        }
        java.util.Set<String> kept = new java.util.HashSet<>();
        all.stream().sorted((a, b) -> Integer.compare(b.getValue().profile().groups(), a.getValue().profile().groups()))
                .limit(EvaluationWriter.MAX_HISTOGRAMS).forEach(e -> kept.add(e.getKey()));
        return all.stream().filter(e -> kept.contains(e.getKey())).toList();
    }

    static XYChart profilesChart(CollapseDiagnostics collapse, String title) {
        XYChart chart = chart(title, "response index (worst to best)",
                collapse.normalised() ? "reward (min-max normalised per group)" : "reward");
        chart.getStyler().setYAxisMin(-0.02).setYAxisMax(1.02).setYAxisDecimalPattern("0.0")
                .setXAxisDecimalPattern("0");
        double[] x = IntStream.rangeClosed(1, collapse.gridSize()).asDoubleStream().toArray();
        long utilities = collapse.classes().values().stream().map(ClassDiagnostics::utilitySpec).distinct().count();
        int c = 0;
        for (Map.Entry<String, ClassDiagnostics> entry : largest(collapse.classes())) {
            Color color = PALETTE[c++ % PALETTE.length];
            ClassDiagnostics d = entry.getValue();
            band(chart, entry.getKey() + ": 10th-90th percentile across groups", x, d.profile().lower(),
                    d.profile().upper(), color);
            line(chart, entry.getKey() + " (" + d.profile().groups() + " groups), mean", x, d.profile().mean(), color,
                    SeriesLines.SOLID, SeriesMarkers.CIRCLE);
        }
        // One dashed optimum per utility: black when every class shares it (the collapse), else in the class colour.
        c = 0;
        java.util.Set<String> drawn = new java.util.HashSet<>();
        for (Map.Entry<String, ClassDiagnostics> entry : largest(collapse.classes())) {
            Color color = utilities == 1 ? Color.BLACK : PALETTE[c % PALETTE.length];
            c++;
            ClassDiagnostics d = entry.getValue();
            if (d.optimum() != null && drawn.add(d.utilitySpec())) {
                line(chart, "optimum of " + d.utilitySpec() + " at n = " + collapse.gridSize()
                        + (utilities == 1 ? "" : " (" + entry.getKey() + ")"), x, d.optimum(), color,
                        SeriesLines.DASH_DASH, SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /**
     * The histogram of one class's rewards against its utility's limit-law density (where one is known; atoms are
     * named in the legend, as they have no density).
     * @param type The prompt type.
     * @param diagnostics The class's diagnostics.
     * @param file The PNG to write.
     * @throws IOException If the file cannot be written.
     */
    public static void histogram(String type, ClassDiagnostics diagnostics, Path file) throws IOException {
        write(histogramChart(type, diagnostics), file);
    }

    /** The chart {@link #histogram} draws. */
    static XYChart histogramChart(String type, ClassDiagnostics diagnostics) {
        XYChart chart = chart("Rewards of " + type + " prompts", "reward", "density");
        chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0#").setXAxisMin(0.0)
                .setXAxisMax(1.0).setYAxisMin(0.0).setXAxisTickMarkSpacingHint(90);
        double[] rewards = diagnostics.pooledRewards();
        Histogram histogram = new Histogram(Arrays.stream(rewards).boxed().toList(), BINS, 0.0, 1.0);
        double width = 1.0 / BINS;
        // A step series runs from each x to the next at that x's height: give it the bins' left edges and close
        // the last bin at 1.
        double[] edges = IntStream.rangeClosed(0, BINS).mapToDouble(i -> i * width).toArray();
        double[] counts = histogram.getyAxisData().stream().mapToDouble(Double::doubleValue).toArray();
        double[] density = IntStream.rangeClosed(0, BINS)
                .mapToDouble(i -> counts[Math.min(i, BINS - 1)] / (rewards.length * width)).toArray();
        XYSeries bars = chart.addSeries(type + " rewards (" + rewards.length + ")", edges, density);
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setFillColor(new Color(PALETTE[0].getRed(), PALETTE[0].getGreen(), PALETTE[0].getBlue(), 110));
        bars.setLineColor(PALETTE[0]);
        Optional<LimitLaw> law = Optional.ofNullable(diagnostics.limitLaw());
        if (law.isPresent()) {
            chart.setTitle("Rewards of " + type + " prompts against the limit law of " + diagnostics.utilitySpec());
            double[] grid = IntStream.rangeClosed(1, 199).mapToDouble(i -> i / 200.0).toArray();
            double[] values = Arrays.stream(grid).map(v -> law.get().density(v)).toArray();
            double[] atoms = law.get().atoms();
            line(chart, atoms.length == 0 ? "limit law " + law.get().name() : "limit law: continuous part", grid,
                    values, PALETTE[1], SeriesLines.DASH_DASH, SeriesMarkers.NONE);
            if (atoms.length > 0) {
                double mass = law.get().cdf(atoms[0]) - law.get().cdfBefore(atoms[0]);
                double top = Arrays.stream(density).max().orElse(1.0);
                XYSeries spikes = chart.addSeries(String.format(java.util.Locale.ROOT, "limit law: atoms of mass %.3f at %s",
                        mass, Arrays.toString(atoms)), atoms, Arrays.stream(atoms).map(a -> top).toArray());
                spikes.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                spikes.setMarker(SeriesMarkers.TRIANGLE_DOWN);
                spikes.setMarkerColor(PALETTE[1]);
            }
        } else {
            chart.setTitle("Rewards of " + type + " prompts (" + (diagnostics.utility() == null ? "utility unknown"
                    : diagnostics.utilitySpec() + ": no closed-form limit law") + ")");
        }
        return chart;
    }

    /**
     * The distribution of the within-prompt reward standard deviation, one step histogram (density) per prompt class,
     * or one for all prompts when there are no classes; the dashed line marks the "flat" threshold.
     * @param stdsByClass Class (and {@value RankingReport#ALL}) to within-group standard deviations.
     * @param flatBelow The standard deviation under which a prompt counts as flat (NaN for none).
     * @param title The chart title.
     * @param file The PNG to write.
     * @throws IOException If the file cannot be written.
     */
    public static void withinSpread(Map<String, double[]> stdsByClass, double flatBelow, String title, Path file)
            throws IOException {
        write(withinSpreadChart(stdsByClass, flatBelow, title), file);
    }

    /** The chart {@link #withinSpread} draws. */
    static XYChart withinSpreadChart(Map<String, double[]> stdsByClass, double flatBelow, String title) {
        Map<String, double[]> shown = new LinkedHashMap<>();
        stdsByClass.forEach((type, values) -> shown.put(type, Arrays.stream(values).filter(Double::isFinite).toArray()));
        if (shown.size() > 1) {
            shown.remove(RankingReport.ALL);
        }
        shown.values().removeIf(v -> v.length == 0);
        XYChart chart = chart(title, "standard deviation of the rewards within a prompt", "density");
        double top = shown.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1.0);
        double width = (top > 0 && Double.isFinite(top / BINS) ? top : 1.0) / BINS;
        // Plain decimals for ordinary scales; far from 1 (unbounded rewards can be huge or tiny) a plain pattern
        // would print hundreds of digits per tick label, so the axes switch to scientific notation.
        boolean scientific = width * BINS >= 1e4 || width * BINS < 1e-3;
        chart.getStyler().setXAxisDecimalPattern(scientific ? "0.0#E0" : "0.0##")
                .setYAxisDecimalPattern(scientific ? "0.0#E0" : "0.0#").setYAxisMin(0.0).setXAxisTickMarkSpacingHint(90);
        double[] edges = IntStream.rangeClosed(0, BINS).mapToDouble(i -> i * width).toArray();
        int c = 0;
        double highest = 0.0;
        for (Map.Entry<String, double[]> entry : shown.entrySet()) {
            double[] values = entry.getValue();
            double[] counts = new double[BINS];
            for (double v : values) {
                counts[Math.min((int) (v / width), BINS - 1)]++;
            }
            double[] density = IntStream.rangeClosed(0, BINS)
                    .mapToDouble(i -> counts[Math.min(i, BINS - 1)] / (values.length * width)).toArray();
            highest = Math.max(highest, Arrays.stream(density).max().orElse(0.0));
            Color color = PALETTE[c++ % PALETTE.length];
            XYSeries bars = chart.addSeries(entry.getKey() + " prompts (" + values.length + ")", edges, density);
            bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            bars.setMarker(SeriesMarkers.NONE);
            bars.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 80));
            bars.setLineColor(color);
        }
        if (Double.isFinite(flatBelow) && flatBelow > 0 && highest > 0) {
            line(chart, String.format(java.util.Locale.ROOT, "flat below %.3g (a tenth of all rewards' std)", flatBelow),
                    new double[]{flatBelow, flatBelow}, new double[]{0.0, highest}, Color.DARK_GRAY,
                    SeriesLines.DASH_DASH, SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * The collapse gap across training snapshots.
     * @param gapByStep Pairs {step, gap}, in step order.
     * @param title The chart title.
     * @param file The PNG to write.
     * @throws IOException If the file cannot be written.
     */
    public static void gapByStep(List<double[]> gapByStep, String title, Path file) throws IOException {
        gapsByStep(Map.of("collapse gap between classes", gapByStep), title, file);
    }

    /**
     * Several runs' collapse gaps across their training snapshots, on a logarithmic step axis (step 0 is drawn at 1);
     * runs that overlap stay visible through their different line and marker styles.
     * @param gaps Run name to pairs {step, gap}, in step order.
     * @param title The chart title.
     * @param file The PNG to write.
     * @throws IOException If the file cannot be written.
     */
    public static void gapsByStep(Map<String, List<double[]>> gaps, String title, Path file) throws IOException {
        write(gapsChart(gaps, title), file);
    }

    /** The chart {@link #gapsByStep} draws. */
    static XYChart gapsChart(Map<String, List<double[]>> gaps, String title) {
        XYChart chart = chart(title, "optimiser step (logarithmic; step 0 drawn at 1)", "collapse gap");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisDecimalPattern("0.00")
                .setXAxisDecimalPattern("#,##0");
        int c = 0;
        for (Map.Entry<String, List<double[]>> entry : gaps.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            double[] steps = entry.getValue().stream().mapToDouble(p -> Math.max(1.0, p[0])).toArray();
            double[] values = entry.getValue().stream().mapToDouble(p -> p[1]).toArray();
            line(chart, entry.getKey(), steps, values, PALETTE[c % PALETTE.length], STROKES[c % STROKES.length],
                    MARKERS[c % MARKERS.length]);
            c++;
        }
        return chart;
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Vertical)
                .setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
        return chart;
    }

    /** A shaded band between a lower and an upper curve, drawn as one polygon. */
    private static void band(XYChart chart, String name, double[] x, double[] lower, double[] upper, Color color) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lower[i];
        }
        XYSeries series = chart.addSeries(name, px, py);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        series.setMarker(SeriesMarkers.NONE);
        series.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
        series.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), BAND_ALPHA));
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color color,
                             java.awt.BasicStroke stroke, org.knowm.xchart.style.markers.Marker marker) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setMarker(marker);
        series.setMarkerColor(color);
    }

    /** Writes a chart as a PNG, atomically. */
    static void write(XYChart chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
