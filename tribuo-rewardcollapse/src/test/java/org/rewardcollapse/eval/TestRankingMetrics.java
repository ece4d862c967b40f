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

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingMetrics {
    @Test
    void pairwiseAccuracyCountsPredictedTiesHalfAndSkipsTruthTies() {
        assertEquals(2.5 / 3, RankingMetrics.pairwiseAccuracy(new double[]{3, 2, 1}, new double[]{0.9, 0.9, 0.1}), 1e-15);
        assertEquals(0.5, RankingMetrics.pairwiseAccuracy(new double[]{1, 1, 0}, new double[]{0, 1, 0.5}), 1e-15);
        assertEquals(0.0, RankingMetrics.pairwiseAccuracy(new double[]{2, 1}, new double[]{-1, 3}));
        assertTrue(Double.isNaN(RankingMetrics.pairwiseAccuracy(new double[]{1, 1}, new double[]{0, 1})));
    }

    /** Kendall's tau-b by its definition: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)). */
    private static double bruteKendallTauB(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiesX = 0;
        long tiesY = 0;
        int n = x.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = Math.signum(x[i] - x[j]);
                double dy = Math.signum(y[i] - y[j]);
                if (dx == 0) {
                    tiesX++;
                }
                if (dy == 0) {
                    tiesY++;
                }
                if (dx * dy > 0) {
                    concordant++;
                } else if (dx * dy < 0) {
                    discordant++;
                }
            }
        }
        long n0 = (long) n * (n - 1) / 2;
        return (concordant - discordant) / Math.sqrt((double) (n0 - tiesX) * (n0 - tiesY));
    }

    /** Average ranks (ties share the mean of their positions), then Pearson's correlation of the ranks. */
    private static double bruteSpearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += rx[i] / x.length;
            my += ry[i] / x.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int below = 0;
            int equal = 0;
            for (double w : v) {
                below += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }

    @Test
    void kendallAndSpearmanMatchBruteForceWithTies() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + random.nextInt(12);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(4);
                y[i] = random.nextInt(5) / 2.0;
            }
            double tau = RankingMetrics.kendallTauB(x, y);
            double rho = RankingMetrics.spearmanRho(x, y);
            if (Double.isNaN(tau)) {
                assertTrue(java.util.Arrays.stream(x).distinct().count() < 2 || java.util.Arrays.stream(y).distinct().count() < 2);
                continue;
            }
            assertEquals(bruteKendallTauB(x, y), tau, 1e-12);
            assertEquals(bruteSpearman(x, y), rho, 1e-12);
        }
    }

    @Test
    void ndcgOfAWorkedExample() {
        // Labels of six documents in predicted order; gain 2^label - 1, discount 1 / log2(1 + position).
        double[] labels = {3, 2, 3, 0, 1, 2};
        double[] rewards = {6, 5, 4, 3, 2, 1};
        double log2 = Math.log(2);
        double dcg = 7 + 3 / (Math.log(3) / log2) + 7 / 2.0 + 0 + 1 / (Math.log(6) / log2) + 3 / (Math.log(7) / log2);
        double idcg = 7 + 7 / (Math.log(3) / log2) + 3 / 2.0 + 3 / (Math.log(5) / log2) + 1 / (Math.log(6) / log2);
        assertEquals(dcg / idcg, RankingMetrics.ndcg(labels, rewards, 6), 1e-12);
        assertEquals(0.9488, RankingMetrics.ndcg(labels, rewards, 6), 1e-4);
        double dcg3 = 7 + 3 / (Math.log(3) / log2) + 7 / 2.0;
        double idcg3 = 7 + 7 / (Math.log(3) / log2) + 3 / 2.0;
        assertEquals(dcg3 / idcg3, RankingMetrics.ndcg(labels, rewards, 3), 1e-12);
        assertEquals(1.0, RankingMetrics.ndcg(labels, new double[]{9, 3, 8, 0, 1, 4}, 10), 1e-12);
    }

    @Test
    void ndcgBreaksPredictedTiesPessimisticallyAndSkipsGroupsWithoutGain() {
        double[] labels = {0, 1, 2};
        double worst = RankingMetrics.ndcg(labels, new double[]{0, 0, 2}, 2);
        double[] reversed = {2, 1, 0};
        assertEquals(RankingMetrics.ndcg(labels, new double[]{1.0, 0.5, 0.0}, 3),
                RankingMetrics.ndcg(labels, new double[]{0, 0, 0}, 3), 1e-15, "a constant scorer earns the worst order");
        assertTrue(worst > RankingMetrics.ndcg(labels, reversed, 2));
        assertTrue(Double.isNaN(RankingMetrics.ndcg(new double[]{0, 0}, new double[]{1, 2}, 10)));
    }
}
