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
import org.rewardcollapse.train.PairWeighting;
import org.rewardcollapse.train.RankingLoss;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Llama 2 margin in the ranking loss: the loss against the formula written out pair by pair, its gradient against
 * central finite differences, and margin 0 giving exactly the loss without one (so earlier runs reproduce).
 */
class TestMarginLoss {
    /** Ratings of five responses, as a rating-difference margin takes them. */
    private static final double[] RATINGS = {4, 1, 3, 3, 2};
    private static final double[] REWARDS = {0.8, -0.4, 0.9, 0.1, 0.0};

    private static RankingGroup group() {
        return new RankingGroup("q", null, new int[]{0, 1, 2, 3, 4}, RATINGS);
    }

    @Test
    void lossIsTheUtilityOfTheRewardLeadMinusTheMarginPairByPair() {
        Utility u = Utilities.parse("log-sigmoid:1");
        double mu = 0.3;
        double expected = 0.0;
        int pairs = 0;
        for (int i = 0; i < RATINGS.length; i++) {
            for (int j = 0; j < RATINGS.length; j++) {
                if (RATINGS[i] > RATINGS[j]) {
                    double x = REWARDS[i] - REWARDS[j] - mu * (RATINGS[i] - RATINGS[j]);
                    expected += Math.log1p(Math.exp(-x)); // -log sigmoid(x)
                    pairs++;
                }
            }
        }
        assertEquals(9, pairs); // 4 > 3 = 3 > 2 > 1: one tie, so 10 - 1 ordered pairs
        RankingLoss loss = new RankingLoss(0.0, 0.0, PairWeighting.UNIFORM, mu);
        assertEquals(expected, loss.loss(group(), u, REWARDS), 1e-12);
        // the margin makes a correctly ordered pair that leads by too little cost more than without it
        assertEquals(true, expected > new RankingLoss(0.0, 0.0).loss(group(), u, REWARDS));
    }

    @Test
    void gradientMatchesFiniteDifferencesForEveryFamily() {
        for (String spec : new String[]{"linear", "log,eps=0.1", "inverse,eps=0.1", "log-sigmoid:0.25"}) {
            Utility u = Utilities.parseForTraining(spec);
            RankingLoss loss = new RankingLoss(0.2, 0.0, PairWeighting.SCORE_DIFFERENCE, 0.15);
            double[] gradient = new double[REWARDS.length];
            loss.lossAndGradient(group(), u, REWARDS, gradient);
            double h = 1e-6;
            for (int k = 0; k < REWARDS.length; k++) {
                double[] up = REWARDS.clone();
                double[] down = REWARDS.clone();
                up[k] += h;
                down[k] -= h;
                double numeric = (loss.loss(group(), u, up) - loss.loss(group(), u, down)) / (2 * h);
                assertEquals(numeric, gradient[k], 1e-6 + 1e-6 * Math.abs(numeric), spec + " reward " + k);
            }
        }
    }

    @Test
    void marginZeroIsTheLossWithoutOne() {
        Utility u = Utilities.parseForTraining("inverse");
        double[] with = new double[REWARDS.length];
        double[] without = new double[REWARDS.length];
        double a = new RankingLoss(0.1, 0.5, PairWeighting.UNIFORM, 0.0).lossAndGradient(group(), u, REWARDS, with);
        double b = new RankingLoss(0.1, 0.5).lossAndGradient(group(), u, REWARDS, without);
        assertEquals(Double.doubleToLongBits(b), Double.doubleToLongBits(a));
        assertArrayEquals(without, with, 0.0);
    }

    @Test
    void aNegativeOrInfiniteMarginIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RankingLoss(0.0, 0.0, PairWeighting.UNIFORM, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new RankingLoss(0.0, 0.0, PairWeighting.UNIFORM, Double.POSITIVE_INFINITY));
    }
}
