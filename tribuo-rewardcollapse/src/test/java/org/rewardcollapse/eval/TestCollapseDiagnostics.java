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
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.utility.UtilityByType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestCollapseDiagnostics {
    private static final double[] SCORES = {0, 1, 2, 3};

    private static GroupRewards group(String id, String type, double... rewards) {
        return new GroupRewards(id, type, Arrays.copyOf(SCORES, rewards.length), rewards);
    }

    @Test
    void identicalClassesHaveNoGap() {
        List<GroupRewards> groups = List.of(group("a", "open", 0, 0.2, 0.7, 1), group("b", "closed", 0, 0.2, 0.7, 1),
                group("c", "open", 0.1, 0.3, 0.6, 0.9), group("d", "closed", 0.1, 0.3, 0.6, 0.9));
        CollapseDiagnostics d = CollapseDiagnostics.of(groups, false, UtilityByType.NONE).orElseThrow();
        assertEquals(0.0, d.collapseGap());
        assertEquals(0.0, d.ksDistance());
        assertArrayEquals(new double[]{0.05, 0.25, 0.65, 0.95}, d.classes().get("open").profile().mean(), 1e-15);
    }

    @Test
    void gapAndTheoryDistanceOnConstructedProfiles() {
        // Closed prompts on the linear optimum (a step), open prompts on an even ramp; profiles follow the truth
        // order, not the list order.
        List<GroupRewards> groups = List.of(
                new GroupRewards("c1", "closed", new double[]{3, 0, 2, 1}, new double[]{1, 0, 1, 0}),
                group("c2", "closed", 0, 0, 1, 1),
                group("o1", "open", 0, 0.25, 0.75, 1),
                group("o2", "open", 0, 1 / 3.0, 2 / 3.0, 1));
        CollapseDiagnostics d = CollapseDiagnostics.of(groups, false,
                UtilityByType.fromSpecs(Map.of("closed", "linear", "open", "linear"))).orElseThrow();
        assertArrayEquals(new double[]{0, 0, 1, 1}, d.classes().get("closed").profile().mean(), 1e-15);
        double[] open = {0, (0.25 + 1 / 3.0) / 2, (0.75 + 2 / 3.0) / 2, 1};
        assertArrayEquals(open, d.classes().get("open").profile().mean(), 1e-15);
        assertEquals(open[1], d.collapseGap(), 1e-15);
        assertEquals(0.0, d.classes().get("closed").theoryDistance(), 1e-15);
        assertEquals(open[1], d.classes().get("open").theoryDistance(), 1e-15);
        assertEquals("linear", d.classes().get("open").utilitySpec());
        assertEquals(0.0, d.classes().get("closed").limitLawDistance(), 1e-15, "half at 0, half at 1: the two-point law");
        assertEquals(0.25, d.classes().get("open").limitLawDistance(), 1e-15, "F_n(0) = 1/4 where the law has 1/2");
    }

    @Test
    void unequalGroupSizesMeetOnTheModalGrid() {
        List<GroupRewards> groups = List.of(group("a", "x", 0, 0.2, 0.8, 1), group("b", "x", 0, 0.4, 0.6, 1),
                group("c", "x", 0, 1));
        CollapseDiagnostics d = CollapseDiagnostics.of(groups, false, UtilityByType.NONE).orElseThrow();
        assertEquals(4, d.gridSize());
        assertArrayEquals(new double[]{0, 0.2, 0.8, 1}, d.classes().get("x").profile().mean(), 1e-15);
        assertTrue(Double.isNaN(d.collapseGap()));
        assertTrue(d.note().contains("one prompt class"), d.note());
    }

    @Test
    void unboundedRewardsAreNormalisedPerGroup() {
        List<GroupRewards> groups = List.of(group("a", "x", -3, -1, 1, 3), group("b", "y", 10, 20, 30, 40));
        CollapseDiagnostics d = CollapseDiagnostics.of(groups, true, UtilityByType.NONE).orElseThrow();
        assertEquals(0.0, d.collapseGap(), 1e-15);
        assertArrayEquals(new double[]{0, 1 / 3.0, 2 / 3.0, 1}, d.classes().get("y").profile().mean(), 1e-15);
        assertTrue(CollapseDiagnostics.of(List.of(group("u", null, 0, 1)), false, UtilityByType.NONE).isEmpty());
    }

    @Test
    void theKsDistanceBetweenClassesIsTheSupremumOfTheirPooledRewardsWithTies() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            List<GroupRewards> groups = new ArrayList<>();
            int openGroups = 2 + random.nextInt(5);
            int closedGroups = 2 + random.nextInt(5);
            for (int g = 0; g < openGroups + closedGroups; g++) {
                boolean open = g < openGroups;
                double[] scores = {0, 1, 2, 3};
                // Quantised rewards, so that both classes hold many ties.
                double[] rewards = random.doubles(4).map(v -> Math.round(v * (open ? 4 : 3)) / (open ? 4.0 : 3.0))
                        .toArray();
                groups.add(new GroupRewards("g" + g, open ? "open" : "closed", scores, rewards));
            }
            double[] a = groups.stream().filter(g -> "closed".equals(g.promptType()))
                    .flatMapToDouble(g -> Arrays.stream(g.rewards())).toArray();
            double[] b = groups.stream().filter(g -> "open".equals(g.promptType()))
                    .flatMapToDouble(g -> Arrays.stream(g.rewards())).toArray();
            double sup = 0;
            for (double x : DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray()) {
                double fa = Arrays.stream(a).filter(v -> v <= x).count() / (double) a.length;
                double fb = Arrays.stream(b).filter(v -> v <= x).count() / (double) b.length;
                sup = Math.max(sup, Math.abs(fa - fb));
            }
            CollapseDiagnostics d = CollapseDiagnostics.of(groups, false, UtilityByType.NONE).orElseThrow();
            assertEquals(sup, d.ksDistance(), 1e-12, "trial " + trial);
        }
    }

    @Test
    void aUtilityWhoseOptimumCannotBeComputedLeavesATheoryDistanceOutWithANote() {
        List<GroupRewards> groups = new ArrayList<>();
        double[] scores = new double[100];
        Arrays.setAll(scores, i -> i);
        for (int g = 0; g < 4; g++) {
            groups.add(new GroupRewards("o" + g, "open", scores, Arrays.stream(scores).map(s -> s / 99).toArray()));
            groups.add(new GroupRewards("c" + g, "closed", scores, Arrays.stream(scores).map(s -> s < 50 ? 0 : 1).toArray()));
        }
        CollapseDiagnostics d = CollapseDiagnostics.of(groups, false, UtilityByType.fromSpecs(Map.of("*", "power:0.99"))).orElseThrow();
        assertTrue(Double.isNaN(d.classes().get("open").theoryDistance()));
        assertEquals(0.5, d.collapseGap(), 0.02, "the gap does not need the optimum");
        assertTrue(d.note().contains("the optimum of power:0.99 at n = 100 could not be computed"), d.note());
    }
}
