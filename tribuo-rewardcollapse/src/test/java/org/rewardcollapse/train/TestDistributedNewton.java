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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.policy.PromptTypePolicy;
import org.rewardcollapse.utility.Curvature;
import org.rewardcollapse.utility.LimitShape;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newton training with its groups summed elsewhere ({@link NewtonGroupSums}): groups that went through Java
 * serialization, as they go to a cluster's executors, cut into contiguous parts merged in order, give the local
 * training's model bit for bit at the same thread count; what cannot be distributed is refused.
 */
class TestDistributedNewton {
    /** Sums copies of the groups (serialized and read back) in {@code parts} contiguous parts merged in order. */
    static final class SerializedParts implements NewtonGroupSums {
        private final int parts;
        private boolean closed;
        private int calls;

        SerializedParts(int parts) {
            this.parts = parts;
        }

        @Override
        public Summation distribute(List<NewtonGroup> groups, int features, RankingLoss loss) {
            List<NewtonGroup> copies = roundTrip(new ArrayList<>(groups));
            RankingLoss lossCopy = roundTrip(loss);
            return new Summation() {
                @Override
                public NewtonSums at(double[] point, boolean curvature) {
                    calls++;
                    NewtonSums total = new NewtonSums(features, curvature);
                    for (int p = 0; p < parts; p++) {
                        NewtonSums part = new NewtonSums(features, curvature);
                        for (int g = copies.size() * p / parts; g < copies.size() * (p + 1) / parts; g++) {
                            copies.get(g).addTo(part, lossCopy, point);
                        }
                        total.merge(roundTrip(part));
                    }
                    return total;
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(object);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static LinearRewardTrainer newton(int threads) {
        RankingObjective objective = RankingObjective.builder().policy(new PromptTypePolicy(Map.of("a", "log,eps=0.1",
                "b", "log-sigmoid:1"))).margin(0.05).centringCoefficient(0.01).build();
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).objective(objective).l2(0.1)
                .numThreads(threads).build();
    }

    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {1, 3, 7})
    void groupsSummedInOrderedPartsGiveTheLocalModelBitForBit(int parts) {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(40, 4, 11);
        RewardModel local = newton(parts).train(data);
        SerializedParts sums = new SerializedParts(parts);
        RewardModel distributed = newton(parts).train(data, Map.of(), sums);
        assertArrayEquals(TestNewtonTraining.point(local), TestNewtonTraining.point(distributed), 0.0);
        assertEquals(local.history().stopReason(), distributed.history().stopReason());
        assertEquals(local.getClass(), distributed.getClass());
        assertEquals(local.getProvenance().getTrainerProvenance(), distributed.getProvenance().getTrainerProvenance());
        assertTrue(sums.closed, "the distributed groups are released");
        assertTrue(sums.calls > local.history().epochs().size(), "every iteration and line search summed remotely");
    }

    @Test
    void partsMergedInAnotherCountStayWithinRoundingOfOneThread() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(40, 4, 12);
        double[] local = TestNewtonTraining.point(newton(1).train(data));
        double[] distributed = TestNewtonTraining.point(newton(1).train(data, Map.of(), new SerializedParts(5)));
        double scale = java.util.Arrays.stream(local).map(Math::abs).max().orElseThrow();
        assertArrayEquals(local, distributed, 1e-9 * scale);
    }

    @Test
    void gradientTrainingIsRefusedNamingTheSolver() {
        LinearRewardTrainer gradient = LinearRewardTrainer.builder().solver(LinearSolver.GRADIENT).build();
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> gradient.train(
                RankingFixtures.randomGroups(5, 3, 1), Map.of(), new SerializedParts(2)));
        assertEquals("solver GRADIENT cannot train on several machines: only solver NEWTON sums its objective over "
                + "prompt groups, which is what is distributed; set solver NEWTON", e.getMessage());
        assertEquals(List.of("solver"), e.settings());
    }

    @Test
    void aUtilityNotRebuiltFromItsSpecIsRefusedNamingIt() {
        Utility own = new Utility() {
            private final Utility inner = Utilities.parse("log-sigmoid:1");

            @Override
            public double value(double x) {
                return inner.value(x);
            }

            @Override
            public double derivative(double x) {
                return inner.derivative(x);
            }

            @Override
            public double secondDerivative(double x) {
                return inner.secondDerivative(x);
            }

            @Override
            public String spec() {
                return "log-sigmoid:1";
            }

            @Override
            public Curvature curvature() {
                return inner.curvature();
            }

            @Override
            public boolean singularAtZero() {
                return false;
            }

            @Override
            public boolean boundedAbove() {
                return true;
            }

            @Override
            public LimitShape limitShape() {
                return inner.limitShape();
            }
        };
        RankingGroup group = new RankingGroup("p1", null, new int[]{0, 1}, new double[]{1.0, 0.0});
        SparseFeatures[] features = {new SparseFeatures(new int[]{0}, new double[]{1.0}),
                new SparseFeatures(new int[]{0}, new double[]{2.0})};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NewtonGroup.of(group, own, features));
        assertTrue(e.getMessage().startsWith("utility 'log-sigmoid:1' (" + own.getClass().getName() + ") of prompt 'p1' "
                + "is not rebuilt from its spec"), e.getMessage());
        NewtonGroup rebuilt = roundTrip(NewtonGroup.of(group, Utilities.parse("log-sigmoid:1"), features));
        NewtonSums sums = new NewtonSums(1, true);
        rebuilt.addTo(sums, new RankingLoss(0.0, 0.0), new double[]{0.5, 0.0});
        assertEquals(Math.log(1 / (1 + Math.exp(0.5))), sums.value(), 1e-15, "log sigmoid of r_1 - r_0 = -0.5");
    }
}
