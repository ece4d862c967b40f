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
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sums Newton training runs on, against an independent computation: the objective written out pair by pair, its
 * gradient against central finite differences of that objective, and the Hessian against central finite differences
 * of the gradient, for log-sigmoid and the paper's shifted log and inverse, with margins, score-difference weights,
 * centring and L2 with an exempt feature, on sparse and dense features.
 */
class TestNewtonSums {
    private static final int FEATURES = 6;

    /** Groups of 3 to 5 responses with graded scores (ties included) and their features. */
    record Problem(List<RankingGroup> groups, SparseFeatures[] features) {}

    static Problem problem(boolean dense, long seed) {
        Random random = new Random(seed);
        List<RankingGroup> groups = new ArrayList<>();
        List<SparseFeatures> features = new ArrayList<>();
        while (groups.size() < 5) {
            int n = 3 + random.nextInt(3);
            int[] indices = new int[n];
            double[] scores = new double[n];
            for (int k = 0; k < n; k++) {
                indices[k] = features.size();
                scores[k] = random.nextInt(4);
                List<Integer> columns = new ArrayList<>();
                for (int f = 0; f < FEATURES; f++) {
                    if (dense || random.nextDouble() < 0.4 || (f == FEATURES - 1 && columns.isEmpty())) {
                        columns.add(f);
                    }
                }
                features.add(new SparseFeatures(columns.stream().mapToInt(Integer::intValue).toArray(),
                        columns.stream().mapToDouble(c -> random.nextGaussian()).toArray()));
            }
            if (RankingGroup.orderedPairCount(scores) > 0) {
                groups.add(new RankingGroup("g" + groups.size(), null, indices, scores));
            } else {
                features.subList(features.size() - n, features.size()).clear();
            }
        }
        return new Problem(groups, features.toArray(SparseFeatures[]::new));
    }

    /** F written out: the pairs' weighted utilities at the margin, minus centring and L2 (feature 0 exempt). */
    static double objective(Problem p, Utility u, double margin, PairWeighting weighting, double centring, double l2,
                            double[] point) {
        return objective(p, u, margin, weighting, centring, l2, 1, point);
    }

    /**
     * F written out for any number of features (the point's length less the bias): the pairs' weighted utilities at the
     * margin, minus centring and L2 on the features from {@code firstPenalised} on.
     */
    static double objective(Problem p, Utility u, double margin, PairWeighting weighting, double centring, double l2,
                            int firstPenalised, double[] point) {
        int features = point.length - 1;
        double f = 0.0;
        for (RankingGroup group : p.groups()) {
            double[] s = group.scores();
            double[] r = new double[s.length];
            for (int k = 0; k < r.length; k++) {
                SparseFeatures x = p.features()[group.exampleIndex(k)];
                r[k] = point[features];
                for (int j = 0; j < x.size(); j++) {
                    r[k] += point[x.indices()[j]] * x.values()[j];
                }
            }
            for (int i = 0; i < r.length; i++) {
                for (int j = 0; j < r.length; j++) {
                    if (s[i] > s[j]) {
                        double w = weighting == PairWeighting.UNIFORM ? 1.0 : s[i] - s[j];
                        f += w * u.value(r[i] - r[j] - margin * (s[i] - s[j]));
                        f -= centring * (r[i] + r[j]) * (r[i] + r[j]);
                    }
                }
            }
        }
        for (int k = firstPenalised; k < features; k++) {
            f -= 0.5 * l2 * point[k] * point[k];
        }
        return f;
    }

    static NewtonSums sums(Problem p, Utility u, RankingLoss loss, double l2, double[] point) {
        NewtonSums sums = new NewtonSums(FEATURES, true);
        for (RankingGroup group : p.groups()) {
            sums.add(group, u, loss, p.features(), point);
        }
        boolean[] exempt = new boolean[FEATURES];
        exempt[0] = true;
        sums.penalise(l2, exempt, point);
        return sums;
    }

    @ParameterizedTest(name = "{0} dense={1} margin={2} {3} centring={4}")
    @CsvSource({
            "log-sigmoid:1, true, 0, UNIFORM, 0",
            "log-sigmoid:1, false, 0.3, SCORE_DIFFERENCE, 0.2",
            "log-sigmoid:0.25, false, 0, UNIFORM, 0.05",
            "'log,eps=0.1', true, 0.2, SCORE_DIFFERENCE, 0.1",
            "'log,eps=0.1', false, 0, UNIFORM, 0.3",
            "'inverse,eps=0.1', true, 0.1, UNIFORM, 0.05",
            "'inverse,eps=0.1', false, 0.25, SCORE_DIFFERENCE, 0",
            "linear, false, 0.2, UNIFORM, 0.1"})
    void valueGradientAndHessianMatchTheObjectiveAndItsFiniteDifferences(String spec, boolean dense, double margin,
                                                                         PairWeighting weighting, double centring) {
        Utility u = Utilities.parseForTraining(spec);
        Problem p = problem(dense, 17);
        RankingLoss loss = new RankingLoss(centring, 0.0, weighting, margin);
        double l2 = 0.3;
        Random random = new Random(5);
        double[] point = new double[FEATURES + 1];
        for (int k = 0; k < point.length; k++) {
            point[k] = random.nextDouble() - 0.5;
        }
        NewtonSums at = sums(p, u, loss, l2, point);
        double f = objective(p, u, margin, weighting, centring, l2, point);
        assertEquals(f, at.value(), 1e-12 * (1 + Math.abs(f)));
        double[] gradient = at.gradient();
        double h = 1e-5;
        for (int k = 0; k <= FEATURES; k++) {
            double[] up = point.clone();
            double[] down = point.clone();
            up[k] += h;
            down[k] -= h;
            double numeric = (objective(p, u, margin, weighting, centring, l2, up)
                    - objective(p, u, margin, weighting, centring, l2, down)) / (2 * h);
            assertEquals(numeric, gradient[k], 1e-6 * (1 + Math.abs(numeric)), spec + " gradient " + k);
            double[] gradientUp = sums(p, u, loss, l2, up).gradient();
            double[] gradientDown = sums(p, u, loss, l2, down).gradient();
            for (int j = 0; j <= FEATURES; j++) {
                double second = (gradientUp[j] - gradientDown[j]) / (2 * h);
                assertEquals(second, at.hessian(k, j), 1e-5 * (1 + Math.abs(second)), spec + " Hessian " + k + "," + j);
            }
        }
        if (centring == 0.0) {
            assertEquals(0.0, gradient[FEATURES], 0.0, "pairs see differences only: the bias has no gradient");
            assertEquals(0.0, at.hessian(FEATURES, FEATURES), 0.0);
        }
        assertEquals(p.groups().size(), at.groups());
    }

    @ParameterizedTest(name = "dense={0}")
    @CsvSource({"true", "false"})
    void sumsOverPartsMergeToTheSumsOverAll(boolean dense) {
        Utility u = Utilities.parseForTraining("inverse");
        Problem p = problem(dense, 3);
        RankingLoss loss = new RankingLoss(0.1, 0.0, PairWeighting.SCORE_DIFFERENCE, 0.2);
        double[] point = {0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0.05};
        NewtonSums all = new NewtonSums(FEATURES, true);
        NewtonSums first = new NewtonSums(FEATURES, true);
        NewtonSums second = new NewtonSums(FEATURES, true);
        for (int g = 0; g < p.groups().size(); g++) {
            all.add(p.groups().get(g), u, loss, p.features(), point);
            (g < 2 ? first : second).add(p.groups().get(g), u, loss, p.features(), point);
        }
        first.merge(second);
        assertEquals(all.value(), first.value(), 1e-12 * Math.abs(all.value()));
        assertEquals(all.pairs(), first.pairs());
        assertEquals(all.correctPairs(), first.correctPairs(), 0.0);
        for (int i = 0; i <= FEATURES; i++) {
            assertEquals(all.gradient()[i], first.gradient()[i], 1e-12 * (1 + Math.abs(all.gradient()[i])));
            for (int j = 0; j <= FEATURES; j++) {
                assertEquals(all.hessian(i, j), first.hessian(i, j), 1e-12 * (1 + Math.abs(all.hessian(i, j))));
            }
        }
    }
}
