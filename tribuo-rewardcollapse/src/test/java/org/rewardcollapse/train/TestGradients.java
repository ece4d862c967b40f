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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.RewardHead;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.policy.FixedUtilityPolicy;
import org.rewardcollapse.policy.UtilityAssignment;
import org.tribuo.MutableDataset;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.regression.Regressor;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer's analytic gradient of the batch loss against central finite differences, for every utility family,
 * bounded and unbounded rewards, a linear and a two-layer network, with and without the centring term and the margin.
 */
class TestGradients {
    static Stream<Arguments> cases() {
        String[] utilities = {"linear", "log,eps=0.1", "inverse,eps=0.1", "power:0.5,eps=0.1", "neg-power:0.5,eps=0.1",
                "power:2", "log-sigmoid:0.25", "log-sigmoid:1"};
        return Stream.of(utilities).flatMap(u -> Stream.of(
                Arguments.of(u, true, new int[0], 0.0, 0.0), Arguments.of(u, false, new int[0], 0.0, 0.0),
                Arguments.of(u, true, new int[]{5, 3}, 0.0, 0.0), Arguments.of(u, false, new int[]{5, 3}, 0.3, 0.0),
                Arguments.of(u, true, new int[0], 0.0, 0.05), Arguments.of(u, false, new int[]{5, 3}, 0.3, 0.4)));
    }

    @ParameterizedTest(name = "{0} bounded={1} hidden={2} centring={3} margin={4}")
    @MethodSource("cases")
    void analyticGradientMatchesFiniteDifferences(String utility, boolean bounded, int[] hidden, double centring,
                                                  double margin) {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(6, 4, 11);
        RankingGroups groups = RankingGroups.of(data);
        SparseFeatures[] features = data.getData().stream()
                .map(e -> SparseFeatures.of(e, data.getFeatureIDMap())).toArray(SparseFeatures[]::new);
        TrainableNetwork network = new TrainableNetwork(data.getFeatureIDMap().size(), hidden, Activation.TANH, 5,
                new SplittableRandom(3));
        randomise(network, new SplittableRandom(5));
        UtilityAssignment utilities = new FixedUtilityPolicy(utility).assign(groups, data.getData());
        int[] order = IntStream.range(0, groups.size()).toArray();
        try (GroupGradients engine = new GroupGradients(network, RewardHead.untrained(bounded),
                new RankingLoss(centring, bounded ? 0.5 : 0.0, PairWeighting.UNIFORM, margin), features, groups.groups(),
                utilities, 1, BatchPenalty.NONE)) {
            Tensor[] gradient = engine.batch(order, 0, order.length).gradient();
            double h = 1e-6;
            int checked = 0;
            for (int l = 0; l < network.get().length; l++) {
                DenseMatrix weights = (DenseMatrix) network.get()[l];
                DenseMatrix analytic = (DenseMatrix) gradient[l];
                for (int i = 0; i < weights.getDimension1Size(); i++) {
                    for (int k = 0; k < weights.getDimension2Size(); k++) {
                        weights.add(i, k, h);
                        double up = engine.evaluate(order).loss();
                        weights.add(i, k, -2 * h);
                        double down = engine.evaluate(order).loss();
                        weights.add(i, k, h);
                        double numeric = -(up - down) / (2 * h) / order.length;
                        double expected = analytic.get(i, k);
                        assertEquals(numeric, expected, 1e-6 + 1e-5 * Math.abs(numeric),
                                () -> "layer " + weights + " entry differs");
                        checked++;
                    }
                }
            }
            assertTrue(checked >= data.getFeatureIDMap().size() + 1, "every weight of every layer is checked");
        }
    }

    /** Moves every weight off the initial values (the output layer starts at zero, where some terms vanish). */
    private static void randomise(TrainableNetwork network, SplittableRandom rng) {
        for (Tensor t : network.get()) {
            DenseMatrix m = (DenseMatrix) t;
            for (int i = 0; i < m.getDimension1Size(); i++) {
                for (int k = 0; k < m.getDimension2Size(); k++) {
                    m.add(i, k, 0.4 * (rng.nextDouble() - 0.5));
                }
            }
        }
    }
}
