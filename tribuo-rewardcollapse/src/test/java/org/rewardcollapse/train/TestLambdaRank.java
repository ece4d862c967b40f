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
package org.rewardcollapse.train;

import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.eval.RankingMetrics;
import org.rewardcollapse.train.PairWeighting;
import org.rewardcollapse.train.RankingLoss;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * LambdaRank pair weights: |delta NDCG| of swapping a pair, against NDCG computed before and after the swap by the
 * evaluation's own NDCG; and the weighted loss's gradient, with the weights held fixed, against finite differences.
 */
class TestLambdaRank {
    private static final double[] SCORES = {3, 0, 2, 1, 2, 0};

    private static RankingGroup group() {
        return new RankingGroup("q", null, new int[]{0, 1, 2, 3, 4, 5}, SCORES);
    }

    @Test
    void aPairWeighsTheChangeOfNdcgWhenItsResponsesSwap() {
        double[] rewards = {0.1, 0.9, 0.5, 0.3, 0.7, 0.2};
        RankingGroup g = group();
        int[] better = new int[g.numPairs()];
        int[] worse = new int[g.numPairs()];
        for (int k = 0; k < better.length; k++) {
            better[k] = g.better(k);
            worse[k] = g.worse(k);
        }
        double[] weights = PairWeighting.lambdaWeights(SCORES, rewards, better, worse);
        double ndcg = RankingMetrics.ndcg(SCORES, rewards, SCORES.length);
        for (int k = 0; k < better.length; k++) {
            double[] swapped = rewards.clone();
            swapped[better[k]] = rewards[worse[k]];
            swapped[worse[k]] = rewards[better[k]];
            assertEquals(Math.abs(ndcg - RankingMetrics.ndcg(SCORES, swapped, SCORES.length)), weights[k], 1e-12,
                    "pair " + better[k] + " > " + worse[k]);
        }
    }

    @Test
    void theGradientWithFixedWeightsMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        RankingLoss loss = new RankingLoss(0.0, 0.0, PairWeighting.LAMBDARANK);
        for (String spec : new String[]{"log-sigmoid:1", "inverse,eps=0.1"}) {
            Utility u = Utilities.parse(spec);
            double[] rewards = new double[SCORES.length];
            for (int i = 0; i < rewards.length; i++) {
                rewards[i] = rng.nextDouble();
            }
            double[] gradient = new double[rewards.length];
            loss.lossAndGradient(group(), u, rewards, gradient);
            for (int i = 0; i < rewards.length; i++) {
                double h = 1e-7; // far smaller than the gaps between rewards: no two swap, the weights stay
                double[] up = rewards.clone();
                double[] down = rewards.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (loss.loss(group(), u, up) - loss.loss(group(), u, down)) / (2 * h);
                assertEquals(numeric, gradient[i], 1e-5, spec + ", reward " + i);
            }
        }
    }

    @Test
    void gradesUpToTheLargestAllowedKeepTheirWeights() {
        // 2^1023 gains would overflow the ideal DCG's sum: the weights are computed on gains over 2^max
        double[] scores = {1023, 1023, 1023, 0};
        double[] rewards = {0.1, 0.2, 0.3, 0.4};
        double[] weights = PairWeighting.lambdaWeights(scores, rewards, new int[]{0, 1, 2}, new int[]{3, 3, 3});
        for (double w : weights) {
            assertEquals(true, w > 0.0 && Double.isFinite(w), "weight " + w);
        }
        // the same ratios as grades 3, 3, 3, 0 would give, up to the 2^-1023 offset of the gains
        double[] small = PairWeighting.lambdaWeights(new double[]{10, 10, 10, 0}, rewards, new int[]{0, 1, 2},
                new int[]{3, 3, 3});
        for (int k = 0; k < 3; k++) {
            assertEquals(small[k], weights[k], 1e-3 * small[k]);
        }
    }
}
