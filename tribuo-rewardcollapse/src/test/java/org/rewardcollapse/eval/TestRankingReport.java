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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.utility.UtilityByType;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingReport {
    @TempDir
    Path dir;

    private static final List<GroupRewards> GROUPS = List.of(
            new GroupRewards("a", "open", new double[]{2, 1, 0}, new double[]{0.9, 0.5, 0.1}),
            new GroupRewards("b", "open", new double[]{0, 1, 2}, new double[]{0.2, 0.1, 0.8}),
            new GroupRewards("c", "closed", new double[]{1, 0}, new double[]{0.0, 1.0}),
            new GroupRewards("d", "closed", new double[]{5}, new double[]{0.3}),
            new GroupRewards("e", null, new double[]{1, 1}, new double[]{0.4, 0.6}));

    @Test
    void lengthBaselinesArePairwiseAccuracyWithLengthAsTheRewardBesideTheModel() {
        // a: scores 2 > 1 > 0 with lengths 10, 30, 20: longer wins (0 vs 1) no, (0 vs 2) no, (1 vs 2) yes: 1 of 3.
        // c: one pair, equal lengths: half. Pooled: 1.5 of 4.
        List<GroupRewards> groups = List.of(
                new GroupRewards("a", "open", new double[]{2, 1, 0}, new double[]{0.9, 0.5, 0.1}),
                new GroupRewards("c", "closed", new double[]{1, 0}, new double[]{0.0, 1.0}));
        Map<String, double[]> lengths = Map.of("a", new double[]{10, 30, 20}, "c", new double[]{5, 5});
        RankingReport report = RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE,
                lengths);
        assertEquals(1.5 / 4, report.lengthBaselines().get(RankingReport.ALL).longerWins(), 1e-12);
        assertEquals(2.5 / 4, report.lengthBaselines().get(RankingReport.ALL).shorterWins(), 1e-12);
        assertEquals(1.0 / 3, report.lengthBaselines().get("open").longerWins(), 1e-12);
        assertEquals(0.5, report.lengthBaselines().get("closed").shorterWins(), 1e-12);
        String table = ReportTable.of(report);
        assertTrue(table.contains("  longer wins          0.3750       0.5000       0.3333"), table);
        ObjectNode json = ReportJson.of(report);
        assertEquals(0.625, json.get("length_baselines").get("all").get("shorter_wins").asDouble(), 1e-12);
        assertTrue(RankingReport.of(groups, 10, RankingReport.Normalisation.NO, UtilityByType.NONE)
                .lengthBaselines().isEmpty(), "no text, no baselines");
    }

    @Test
    void metricsArePooledOrAveragedAsDefined() {
        RankingReport report = RankingReport.of(GROUPS, 10, RankingReport.Normalisation.AUTO, UtilityByType.NONE);
        RankingReport.Metrics all = report.overall();
        assertEquals(5, all.groups());
        assertEquals(3, all.groupsWithPairs());
        assertEquals(7, all.pairs());
        // a: 3 of 3, b: 2 of 3 (0 vs 1 is swapped), c: 0 of 1.
        assertEquals(5.0 / 7, all.pairwiseAccuracy(), 1e-15);
        assertEquals((1 + 2.0 / 3 + 0) / 3, all.groupPairwiseAccuracy(), 1e-15);
        assertEquals((1 + 1.0 / 3 - 1) / 3, all.kendallTau(), 1e-12);
        assertEquals(java.util.List.of("closed", "open", RankingReport.UNTYPED), java.util.List.copyOf(
                report.perClass().keySet()), "the untyped group has a column of its own");
        assertEquals(1, report.perClass().get(RankingReport.UNTYPED).groups());
        RankingReport.Metrics closed = report.perClass().get("closed");
        assertEquals(2, closed.groups());
        assertEquals(1, closed.groupsWithPairs());
        assertEquals(0.0, closed.pairwiseAccuracy());
        assertEquals(5.0 / 6, report.perClass().get("open").pairwiseAccuracy(), 1e-15);
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("2 groups have no strictly ordered pair")));
    }

    @Test
    void jsonHasTheContractKeysAndNullForUndefinedValues() {
        ObjectNode json = ReportJson.of(RankingReport.of(GROUPS, 10, RankingReport.Normalisation.NO,
                UtilityByType.fromSpecs(Map.of("*", "linear"))));
        for (String key : List.of("pairwise_accuracy", "kendall_tau", "spearman_rho", "ndcg@10", "per_class", "collapse")) {
            assertTrue(json.has(key), key);
        }
        ObjectNode collapse = (ObjectNode) json.get("collapse");
        assertTrue(collapse.has("collapse_gap") && collapse.has("ks_distance"));
        assertEquals("linear", collapse.get("classes").get("open").get("utility").asText());
        assertEquals(3, collapse.get("classes").get("open").get("profile").size());
        ObjectNode single = ReportJson.of(RankingReport.of(List.of(GROUPS.get(0)), 10, RankingReport.Normalisation.NO,
                UtilityByType.NONE));
        assertTrue(single.get("collapse").get("collapse_gap").isNull());
        assertTrue(single.get("collapse").get("note").asText().contains("one prompt class"));
    }

    @Test
    void nanRewardsAndEmptyInputGiveOneClearError() {
        Example<Regressor> example = RankingMetadata.example("p7", null, 1.0, List.of(new Feature("x", 1)),
                "prompt_id", "prompt_type");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> ScoredGroups.fromPredictions(
                List.of(new Prediction<>(new Regressor("reward", Double.NaN), 1, example)), "prompt_id", "prompt_type"));
        assertEquals("prompt 'p7', response 0 has a non-finite reward NaN", nan.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RankingReport.of(List.of(), 10, RankingReport.Normalisation.AUTO, UtilityByType.NONE));
        assertEquals("no prompt group to evaluate", empty.getMessage());
    }

    @Test
    void writerWritesMetricsAndReadablePlots() throws IOException {
        RankingReport report = RankingReport.of(GROUPS, 10, RankingReport.Normalisation.NO,
                UtilityByType.fromSpecs(Map.of("*", "inverse")));
        List<Path> files = EvaluationWriter.write(report, null, List.of(new double[]{0, 0.4}, new double[]{10, 0.1}),
                "test", dir);
        assertEquals(List.of("metrics.json", "profiles.png", "histogram-closed.png", "histogram-open.png", "within-std.png",
                "gap.png"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path file : files.subList(1, files.size())) {
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4), file.toString());
            assertTrue(bytes.length > 5000, file + " has " + bytes.length + " bytes");
        }
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"gap_by_step\" : [ [ 0, 0.4 ], [ 10, 0.1 ] ]"));
    }

    @Test
    void scoresThatAreNotRelevanceGradesLeaveNdcgOutWithANote() {
        List<GroupRewards> groups = List.of(new GroupRewards("elo", null, new double[]{1500, 1200, 900},
                        new double[]{3, 2, 1}), new GroupRewards("graded", null, new double[]{2, 0, 1},
                        new double[]{3, 1, 2}));
        RankingReport report = RankingReport.of(groups, 10, RankingReport.Normalisation.AUTO, UtilityByType.NONE);
        assertEquals(1.0, report.overall().ndcg(), 1e-12, "only the graded group counts");
        assertEquals(1, report.overall().ndcgGroups());
        assertTrue(report.notes().contains("1 groups have scores outside [0, 1023], which are not relevance grades "
                + "(first: prompt 'elo', score 1500.0): left out of NDCG@10"), report.notes().toString());
        assertEquals(1.0, report.overall().pairwiseAccuracy(), 1e-12, "pairwise metrics use every group");
    }
}
