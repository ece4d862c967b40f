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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.utility.UtilityByType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the plots show: shaded percentile bands, a logarithmic step axis, legends below the plot, a histogram that is
 * a density, and PNGs that decode.
 */
class TestPlots {
    private static final double[] SCORES = {0, 1, 2, 3};

    @TempDir
    Path dir;

    private static CollapseDiagnostics diagnostics() {
        List<GroupRewards> groups = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            double s = g / 100.0;
            groups.add(new GroupRewards("o" + g, "open", SCORES, new double[]{s, 0.3 + s, 0.6 + s, 0.9 + s}));
            groups.add(new GroupRewards("c" + g, "closed", SCORES, new double[]{s, s, 0.9 + s, 0.9 + s}));
        }
        return CollapseDiagnostics.of(groups, false,
                UtilityByType.fromSpecs(Map.of("open", "inverse", "closed", "linear"))).orElseThrow();
    }

    @Test
    void profilesShadeEachClassBandAndKeepTheLegendOffThePlot() throws IOException {
        CollapseDiagnostics collapse = diagnostics();
        XYChart chart = Plots.profilesChart(collapse, "profiles");
        assertEquals(Styler.LegendPosition.OutsideS, chart.getStyler().getLegendPosition());
        List<XYSeries> bands = chart.getSeriesMap().values().stream()
                .filter(s -> s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.PolygonArea).toList();
        assertEquals(2, bands.size());
        for (XYSeries band : bands) {
            // One closed polygon: along the upper curve, then back along the lower one.
            String type = band.getName().substring(0, band.getName().indexOf(':'));
            RewardProfiles.ClassProfile profile = collapse.classes().get(type).profile();
            double[] y = band.getYData();
            int n = profile.upper().length;
            assertEquals(2 * n, y.length);
            for (int i = 0; i < n; i++) {
                assertEquals(profile.upper()[i], y[i], 0.0);
                assertEquals(profile.lower()[i], y[2 * n - 1 - i], 0.0);
            }
            assertTrue(band.getFillColor().getAlpha() < 255, "the band is translucent");
        }
        Path png = dir.resolve("profiles.png");
        Plots.profiles(collapse, "profiles", png);
        assertDrawn(png);
    }

    @Test
    void theGapPlotHasALogarithmicStepAxisAndTellsRunsApart() throws IOException {
        Map<String, List<double[]>> gaps = new LinkedHashMap<>();
        gaps.put("a", List.of(new double[]{0, 0.0}, new double[]{16, 0.3}, new double[]{4096, 0.01}));
        gaps.put("b", List.of(new double[]{0, 0.0}, new double[]{16, 0.3}, new double[]{4096, 0.01}));
        XYChart chart = Plots.gapsChart(gaps, "gaps");
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        XYSeries a = chart.getSeriesMap().get("a");
        XYSeries b = chart.getSeriesMap().get("b");
        assertArrayEquals(new double[]{1, 16, 4096}, a.getXData(), "step 0 is drawn at 1");
        assertNotEquals(a.getLineStyle(), b.getLineStyle());
        assertNotEquals(a.getMarker().getClass(), b.getMarker().getClass());
        Path png = dir.resolve("gaps.png");
        Plots.gapsByStep(gaps, "gaps", png);
        assertDrawn(png);
    }

    @Test
    void theHistogramIsADensityAgainstTheLimitLaw() throws IOException {
        CollapseDiagnostics.ClassDiagnostics open = diagnostics().classes().get("open");
        XYChart chart = Plots.histogramChart("open", open);
        XYSeries bars = chart.getSeriesMap().values().stream()
                .filter(s -> s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.StepArea).findFirst().orElseThrow();
        double[] edges = bars.getXData();
        double[] density = bars.getYData();
        double area = 0;
        for (int i = 0; i + 1 < edges.length; i++) {
            area += density[i] * (edges[i + 1] - edges[i]);
        }
        assertEquals(1.0, area, 1e-9);
        // inverse tends to Uniform(0, 1): its density line is 1 everywhere.
        XYSeries law = chart.getSeriesMap().get("limit law Uniform(0, 1)");
        for (double v : law.getYData()) {
            assertEquals(1.0, v, 1e-12);
        }
        assertEquals(0.0, chart.getStyler().getXAxisMin(), 0.0);
        assertEquals(1.0, chart.getStyler().getXAxisMax(), 0.0);
        Path png = dir.resolve("histogram.png");
        Plots.histogram("open", open, png);
        assertDrawn(png);
    }

    /** The PNG decodes at the plots' size and is more than a blank canvas. */
    private static void assertDrawn(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(900, image.getWidth());
        assertTrue(image.getHeight() >= 600, "height " + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, colours.size() + " colours");
    }
    @Test
    void everyPromptTypeHasAHistogramFileOfItsOwn() {
        Set<String> files = new HashSet<>();
        for (String type : List.of("a/b", "a.b", "a_b", "A_b", "open", "закрытый", "x".repeat(300))) {
            String file = EvaluationWriter.histogramFile(type);
            assertTrue(files.add(file.toLowerCase(java.util.Locale.ROOT)), "two types share " + file);
            assertTrue(file.matches("histogram-[A-Za-z0-9_-]{1,80}\\.png"), file);
        }
        assertEquals("histogram-open.png", EvaluationWriter.histogramFile("open"));
    }

    @Test
    void chartsDrawTheLargestPromptTypesOnly() {
        List<GroupRewards> groups = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            for (int g = 0; g <= t; g++) {
                groups.add(new GroupRewards("t" + t + "-" + g, "type" + t, SCORES, new double[]{0, 0.2, 0.5, 0.9}));
            }
        }
        CollapseDiagnostics many = CollapseDiagnostics.of(groups, false, UtilityByType.fromSpecs(Map.of()))
                .orElseThrow();
        List<Map.Entry<String, CollapseDiagnostics.ClassDiagnostics>> drawn = Plots.largest(many.classes());
        assertEquals(EvaluationWriter.MAX_HISTOGRAMS, drawn.size());
        assertTrue(drawn.stream().allMatch(e -> e.getValue().profile().groups() > 40 - EvaluationWriter.MAX_HISTOGRAMS),
                "the types with the most prompts");
    }
}
