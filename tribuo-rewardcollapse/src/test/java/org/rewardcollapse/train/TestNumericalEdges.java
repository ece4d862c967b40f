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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extreme logits and reward differences do not overflow the sigmoid head, the activations, the training utilities
 * or the loss.
 */
class TestNumericalEdges {
    private static final double[] EXTREMES = {-Double.MAX_VALUE, -1e308, -1e6, -745, -710, -40, -1e-300, 0.0, 1e-300,
            40, 710, 745, 1e6, 1e308, Double.MAX_VALUE};

    @Test
    void sigmoidHeadAndActivationsStayInRange() {
        for (double z : EXTREMES) {
            double s = RewardHead.sigmoid(z);
            assertTrue(s >= 0.0 && s <= 1.0, "sigmoid(" + z + ") = " + s);
            for (Activation a : Activation.values()) {
                double value = a.apply(z);
                assertTrue(!Double.isNaN(value), a + "(" + z + ")");
                assertTrue(Double.isFinite(a.derivative(z, value)), a + "'(" + z + ")");
            }
        }
        assertEquals(0.0, RewardHead.sigmoid(-1e308));
        assertEquals(1.0, RewardHead.sigmoid(1e308));
        assertEquals(0.5, RewardHead.sigmoid(0.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "log", "inverse", "power:0.5", "neg-power:0.5", "neg-power:2", "power:2",
            "log-sigmoid:0.25", "log-sigmoid:1", "log-sigmoid:100"})
    void trainingUtilitiesAreFiniteEverywhereOnTheBoundedRangeAndBeyond(String spec) {
        Utility u = Utilities.parseForTraining(spec);
        for (double x : new double[]{-1.0, -0.5, -1e-12, 0.0, 1e-12, 0.5, 1.0, -1e6, 1e6}) {
            assertTrue(Double.isFinite(u.value(x)), spec + " U(" + x + ")");
            assertTrue(Double.isFinite(u.derivative(x)) && u.derivative(x) >= 0.0, spec + " U'(" + x + ")");
        }
    }

    @Test
    void logSigmoidNeitherOverflowsNorLosesItsSlopeAtHugeDifferences() {
        Utility u = Utilities.parse("log-sigmoid:1");
        assertEquals(-1e6, u.value(-1e6), 1e-6);
        assertEquals(0.0, u.value(1e6), 1e-300);
        assertEquals(1.0, u.derivative(-1e6));
        assertEquals(0.0, u.derivative(1e6), 1e-300);
        assertEquals(-Math.log(2), u.value(0.0), 1e-15);
    }

    @Test
    void lossAndGradientStayFiniteAtExtremeRewards() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(3, 5, 1);
        RankingGroups groups = RankingGroups.of(data);
        for (String spec : new String[]{"log-sigmoid:1", "inverse", "log", "linear"}) {
            Utility u = Utilities.parseForTraining(spec);
            for (double magnitude : new double[]{1e3, 1e100, 1e300}) {
                double[] rewards = {magnitude, -magnitude, 0.0, magnitude / 2, -magnitude / 3};
                double[] gradient = new double[5];
                double loss = new RankingLoss(0.0, 0.0).lossAndGradient(groups.groups().get(0), u, rewards, gradient);
                assertTrue(!Double.isNaN(loss), spec + " loss at " + magnitude);
                for (double g : gradient) {
                    assertTrue(Double.isFinite(g), spec + " gradient at " + magnitude);
                }
            }
        }
    }
}
