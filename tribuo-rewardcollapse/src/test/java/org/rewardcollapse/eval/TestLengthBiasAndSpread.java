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

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.utility.UtilityByType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Length bias (reward-length rank correlation, length-controlled accuracy) and the within-prompt reward spread,
 * against values worked by hand and by brute force.
 */
class TestLengthBiasAndSpread {
    @Test
    void lengthBiasByHand() {
        // a: scores 3 > 2 > 1, lengths 10, 30, 20, rewards 0.5, 0.9, 0.1. Pairs whose better response is the shorter:
        // (0, 1) 10 < 30, rewards 0.5 < 0.9: wrong; (0, 2) 10 < 20, 0.5 > 0.1: right; (1, 2) 30 > 20: not counted.
        // Spearman of lengths (ranks 1 3 2) and rewards (ranks 2 3 1): d = -1 0 1, rho = 1 - 6 * 2 / (3 * 8) = 0.5.
        // b: scores 1 > 0, lengths 5, 9, rewards tied: one shorter-better pair, half right; rewards constant: no rho.
        List<GroupRewards> groups = List.of(
                new GroupRewards("a", "open", new double[]{3, 2, 1}, new double[]{0.5, 0.9, 0.1}),
                new GroupRewards("b", "closed", new double[]{1, 0}, new double[]{0.4, 0.4}));
        Map<String, double[]> lengths = Map.of("a", new double[]{10, 30, 20}, "b", new double[]{5, 9});
        RankingReport report = RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                lengths);
        RankingReport.LengthBias all = report.lengthBias().get(RankingReport.ALL);
        assertEquals(3, all.shorterBetterPairs());
        assertEquals(1.5 / 3, all.lengthControlledAccuracy(), 1e-12);
        assertEquals(0.5, all.rewardLengthRho(), 1e-12);
        assertEquals(1, all.rhoGroups());
        assertEquals(0.5, report.lengthBias().get("open").lengthControlledAccuracy(), 1e-12);
        assertTrue(Double.isNaN(report.lengthBias().get("closed").rewardLengthRho()));
        JsonNode json = ReportJson.of(report).get("length_bias");
        assertEquals(0.5, json.get("all").get("length_controlled_accuracy").asDouble(), 1e-12);
        assertTrue(json.get("closed").get("reward_length_spearman").isNull());
        assertTrue(ReportTable.of(report).contains("reward~length rho      0.5000       -            0.5000"),
                ReportTable.of(report));
        assertTrue(RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE).lengthBias()
                .isEmpty());
    }

    @Test
    void lengthControlledAccuracyEqualsBruteForceOverRandomGroups() {
        SplittableRandom rng = new SplittableRandom(17);
        List<GroupRewards> groups = new ArrayList<>();
        Map<String, double[]> lengths = new java.util.HashMap<>();
        double right = 0;
        long pairs = 0;
        for (int g = 0; g < 200; g++) {
            int n = 2 + rng.nextInt(5);
            double[] s = rng.ints(n, 0, 4).asDoubleStream().toArray();
            double[] r = rng.ints(n, 0, 5).asDoubleStream().toArray();
            double[] len = rng.ints(n, 1, 8).asDoubleStream().toArray();
            groups.add(new GroupRewards("p" + g, null, s, r));
            lengths.put("p" + g, len);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (s[i] > s[j] && len[i] < len[j]) {
                        pairs++;
                        right += r[i] > r[j] ? 1 : r[i] == r[j] ? 0.5 : 0;
                    }
                }
            }
        }
        RankingReport.LengthBias bias = RankingReport.of(groups, 10, RankingReport.Normalisation.NO,
                UtilityByType.NONE, lengths).lengthBias().get(RankingReport.ALL);
        assertEquals(pairs, bias.shorterBetterPairs());
        assertEquals(right / pairs, bias.lengthControlledAccuracy(), 1e-12);
    }

    @Test
    void spreadQuantilesOfKnownStandardDeviations() {
        // Group k holds rewards {0, 2k}: its population standard deviation is k, for k = 2..9; group 1 holds
        // {0, 0.2}, standard deviation 0.1.
        double[] stds = {0.1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<GroupRewards> groups = new ArrayList<>();
        for (int k = 1; k <= 9; k++) {
            groups.add(new GroupRewards("p" + k, k % 2 == 0 ? "open" : "closed", new double[]{1, 0},
                    new double[]{2.0 * stds[k - 1], 0.0}));
        }
        groups.add(new GroupRewards("single", "open", new double[]{1}, new double[]{3.0}));
        RankingReport report = RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE);
        RankingReport.Spread spread = report.overall().withinGroupSpread();
        assertEquals(9, spread.groups());
        assertEquals(0.1, spread.min(), 1e-12);
        assertEquals(9.0, spread.max(), 1e-12);
        // Commons Math's default estimate: position p (N + 1) / 100, so the median is the 5th of 9 values, q10 the
        // 1st, q90 the 9th and q25 halfway between the 2nd and the 3rd.
        assertEquals(5.0, spread.median(), 1e-12);
        assertEquals(0.1, spread.q10(), 1e-12);
        assertEquals(2.5, spread.q25(), 1e-12);
        assertEquals(9.0, spread.q90(), 1e-12);
        // All 19 rewards: 0 nine times, 2 stds[k], and 3. Flat means a std under a tenth of theirs, in every class.
        double[] all = new double[19];
        for (int k = 0; k < 9; k++) {
            all[k] = 2.0 * stds[k];
        }
        all[18] = 3.0;
        double threshold = 0.1 * new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(all);
        long flat = Arrays.stream(stds).filter(v -> v < threshold).count();
        assertEquals(1, flat, "threshold " + threshold);
        assertEquals(1.0 / 9, spread.flatShare(), 1e-12);
        assertEquals(1.0 / 5, report.perClass().get("closed").withinGroupSpread().flatShare(), 1e-12);
        assertEquals(0.0, report.perClass().get("open").withinGroupSpread().flatShare(), 1e-12);
        assertEquals(9, report.withinGroupStds().get(RankingReport.ALL).length);
    }

    @Test
    void spreadOfNoGroupWithPairsIsUndefined() {
        RankingReport.Spread spread = RankingReport.Spread.of(new double[0], 1.0);
        assertEquals(0, spread.groups());
        assertTrue(Double.isNaN(spread.median()));
    }

    @Test
    void evaluationDirectoryHoldsTheSpreadPlot(@TempDir Path dir) throws IOException {
        List<GroupRewards> groups = List.of(
                new GroupRewards("a", "open", new double[]{2, 1, 0}, new double[]{0.9, 0.5, 0.1}),
                new GroupRewards("b", "closed", new double[]{1, 0}, new double[]{0.6, 0.5}));
        RankingReport report = RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE);
        List<Path> written = EvaluationWriter.write(report, null, List.of(), "test", dir);
        Path plot = dir.resolve(EvaluationWriter.WITHIN_SPREAD);
        assertTrue(written.contains(plot), written.toString());
        byte[] png = Files.readAllBytes(plot);
        assertTrue(Arrays.equals(Arrays.copyOf(png, 4), new byte[]{(byte) 0x89, 'P', 'N', 'G'}));
        JsonNode quantiles = ReportJson.of(report).get("per_class").get("open")
                .get("reward_std_within_group_quantiles");
        assertEquals(new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation(false)
                .evaluate(new double[]{0.9, 0.5, 0.1}), quantiles.get("median").asDouble(), 1e-12);
        assertNull(report.lengthBias().get(RankingReport.ALL));
    }

    @Test
    void hugeAndConstantRewardsStillGiveASpreadAndPlots(@TempDir Path dir) throws IOException {
        // rewards near the top of the double range: squares overflow unless the spread is computed on scaled values
        List<GroupRewards> huge = List.of(new GroupRewards("a", null, new double[]{1, 0}, new double[]{1e300, -1e300}),
                new GroupRewards("b", null, new double[]{1, 0}, new double[]{3e299, 1e299}));
        RankingReport report = RankingReport.of(huge, 10, RankingReport.Normalisation.NO, UtilityByType.NONE);
        assertEquals(1e300, report.overall().withinGroupSpread().max(), 1e285);
        assertEquals(1e299, report.overall().withinGroupSpread().min(), 1e284);
        assertTrue(ReportTable.of(report).contains("  median               5.500e+299"), ReportTable.of(report));
        assertTrue(EvaluationWriter.write(report, null, List.of(), "huge", dir.resolve("huge"))
                .contains(dir.resolve("huge").resolve(EvaluationWriter.WITHIN_SPREAD)));
        // every reward equal (a collapsed model): every prompt is flat
        List<GroupRewards> constant = List.of(new GroupRewards("a", null, new double[]{1, 0}, new double[]{0.5, 0.5}),
                new GroupRewards("b", null, new double[]{2, 1, 0}, new double[]{0.5, 0.5, 0.5}));
        RankingReport flat = RankingReport.of(constant, 10, RankingReport.Normalisation.NO, UtilityByType.NONE);
        assertEquals(1.0, flat.overall().withinGroupSpread().flatShare(), 0.0);
        EvaluationWriter.write(flat, null, List.of(), "constant", dir.resolve("constant"));
    }
}
