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

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestUnpairedLabels {
    @Test
    void aucIsTheShareOfDesirableUndesirablePairsOrderedRightAndAccuracyCountsTheMedianSplit() {
        SplittableRandom random = new SplittableRandom(5);
        List<GroupRewards> groups = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            int n = 1 + random.nextInt(3);
            double[] labels = new double[n];
            double[] rewards = new double[n];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextBoolean() ? 1 : 0;
                rewards[i] = Math.round((labels[i] + random.nextGaussian()) * 4) / 4.0; // ties on purpose
                all.add(new double[]{rewards[i], labels[i]});
            }
            groups.add(new GroupRewards("p" + p, null, labels, rewards));
        }
        UnpairedLabels metrics = UnpairedLabels.of(groups).orElseThrow();
        // by brute force over every desirable/undesirable pair, ties half
        double right = 0;
        long pairs = 0;
        for (double[] a : all) {
            for (double[] b : all) {
                if (a[1] == 1 && b[1] == 0) {
                    pairs++;
                    right += a[0] > b[0] ? 1 : a[0] == b[0] ? 0.5 : 0;
                }
            }
        }
        assertEquals(right / pairs, metrics.auc(), 1e-12);
        double[] sorted = all.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        assertEquals(median, metrics.threshold(), 1e-12);
        long correct = all.stream().filter(r -> (r[0] > median) == (r[1] == 1)).count();
        assertEquals(correct / (double) all.size(), metrics.accuracy(), 1e-12);
        assertEquals(all.size(), metrics.responses());
        assertTrue(metrics.text().startsWith(String.format(java.util.Locale.ROOT, "accuracy %.4f at reward > ",
                metrics.accuracy())), metrics.text());
    }

    @Test
    void rankedOrPairedDataHasNone() {
        List<GroupRewards> pairs = List.of(new GroupRewards("a", null, new double[]{1, 0}, new double[]{0.3, 0.1}),
                new GroupRewards("b", null, new double[]{1, 0}, new double[]{0.2, 0.4}));
        assertTrue(UnpairedLabels.of(pairs).isEmpty(), "every prompt has a pair: paired data");
        List<GroupRewards> graded = List.of(new GroupRewards("a", null, new double[]{2}, new double[]{0.3}),
                new GroupRewards("b", null, new double[]{1, 0}, new double[]{0.2, 0.4}));
        assertTrue(UnpairedLabels.of(graded).isEmpty(), "scores other than 0 and 1 are grades");
    }
}
