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

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Dataset;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newton training of linear reward models: its optimum against an independent derivative-free optimiser, the
 * gradient at the returned weights, its iteration count and history, and its objective against gradient training's.
 */
class TestNewtonTraining {
    /** Eight prompts of four responses over three dense features, scores a noisy linear function of them. */
    static MutableDataset<Regressor> tiny(long seed) {
        Random random = new Random(seed);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("tiny", factory), factory);
        for (int g = 0; g < 8; g++) {
            for (int i = 0; i < 4; i++) {
                double a = random.nextGaussian();
                double b = random.nextGaussian();
                double c = random.nextGaussian();
                double score = Math.round(10 * (a - 0.5 * b + 0.3 * c + 0.8 * random.nextGaussian())) / 10.0;
                data.add(RankingMetadata.example("p" + g, null, score, List.of(new Feature("a", a),
                        new Feature("b", b), new Feature("c", c)), RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                        RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
            }
        }
        return data;
    }

    static TestNewtonSums.Problem problem(Dataset<Regressor> data) {
        return new TestNewtonSums.Problem(RankingGroups.of(data).groups(), data.getData().stream()
                .map(e -> SparseFeatures.of(e, data.getFeatureIDMap())).toArray(SparseFeatures[]::new));
    }

    /** The model's weights, then its bias. */
    static double[] point(RewardModel model) {
        return Arrays.stream(model.network().layerWeights(0)).mapToDouble(row -> row[0]).toArray();
    }

    static LinearRewardTrainer newton(RankingObjective objective, double l2) {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).objective(objective).l2(l2).build();
    }

    @ParameterizedTest(name = "{0} margin={1} centring={2} {3}")
    @CsvSource({"log-sigmoid:1, 0, 0, UNIFORM", "inverse, 0.1, 0.05, SCORE_DIFFERENCE", "log, 0, 0.2, UNIFORM"})
    void theOptimumIsTheOneAnIndependentDerivativeFreeOptimiserFinds(String spec, double margin, double centring,
                                                                     PairWeighting weighting) {
        MutableDataset<Regressor> data = tiny(1);
        double l2 = 0.1;
        RankingObjective objective = RankingObjective.builder().utility(spec).margin(margin)
                .centringCoefficient(centring).pairWeighting(weighting).build();
        double[] newton = point(newton(objective, l2).train(data));
        Utility u = Utilities.parseForTraining(spec);
        TestNewtonSums.Problem problem = problem(data);
        // Without centring the bias does not enter F and stays 0; with it BOBYQA searches it too.
        int dimension = centring > 0.0 ? 4 : 3;
        double[] lower = new double[dimension];
        double[] upper = new double[dimension];
        Arrays.fill(lower, -20.0);
        Arrays.fill(upper, 20.0);
        PointValuePair best = new BOBYQAOptimizer(2 * dimension + 1, 1.0, 1e-11).optimize(new MaxEval(200_000),
                GoalType.MAXIMIZE, new InitialGuess(new double[dimension]), new SimpleBounds(lower, upper),
                new ObjectiveFunction(w -> TestNewtonSums.objective(problem, u, margin, weighting, centring, l2, 0,
                        Arrays.copyOf(w, 4))));
        assertArrayEquals(Arrays.copyOf(best.getPoint(), 4), newton, 1e-6, () -> "BOBYQA " + Arrays.toString(
                best.getPoint()) + ", Newton " + Arrays.toString(newton));
        assertTrue(TestNewtonSums.objective(problem, u, margin, weighting, centring, l2, 0, newton)
                >= best.getValue() - 1e-12 * Math.abs(best.getValue()), "Newton's objective is at least BOBYQA's");
    }

    @Test
    void theGradientVanishesAtTheResultAfterFewIterationsEachIncreasingTheObjective() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(60, 5, 3);
        RankingObjective objective = RankingObjective.builder().margin(0.1).centringCoefficient(0.01).build();
        RewardModel model = newton(objective, 0.01).train(data);
        TrainingHistory history = model.history();
        assertTrue(history.stopReason().startsWith("Newton converged in "), history.stopReason());
        assertTrue(history.bestEpoch() >= 1 && history.bestEpoch() < 30, history.stopReason());
        assertEquals(history.bestEpoch(), history.epochs().size(), "one record per iteration");
        for (int k = 1; k < history.epochs().size(); k++) {
            assertTrue(history.epochs().get(k).loss() < history.epochs().get(k - 1).loss(), "every step increases F");
        }
        double[] start = at(data, objective, 0.01, new double[data.getFeatureIDMap().size() + 1]).gradient();
        NewtonSums end = at(data, objective, 0.01, point(model));
        double scale = Arrays.stream(start).map(Math::abs).max().orElseThrow();
        for (double g : end.gradient()) {
            assertEquals(0.0, g, 1e-8 * scale, "KKT: the gradient at the optimum is zero");
        }
        assertEquals(-end.value() / end.groups(), history.epochs().get(history.epochs().size() - 1).loss(), 1e-12);
        assertEquals(end.correctPairs() / end.pairs(),
                history.epochs().get(history.epochs().size() - 1).pairwiseAccuracy(), 0.0);
    }

    @Test
    void aStrongPenaltyConvergesInAFewFullStepsNotByHalvingStepsOnRoundingNoise(@TempDir Path dir) throws IOException {
        // Hashed words on 14 prompts: at l2 1000 a fold's optimum sits where a step's increase of F is below F's
        // rounding, and a line search used to halve the step some 90 times there (23 iterations a fold on average).
        Path file = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(RankingFixtures.noisyTruncationGroups(), file);
        MutableDataset<Regressor> data = new MutableDataset<>(DataSpec.of(file).load(ResponseFeaturizer.defaults()));
        L2Selection.Result selection = L2Selection.select(newton(RankingObjective.builder().build(), 0.0), data,
                L2Selection.NEWTON_CANDIDATES, 5, 12345L, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        for (L2Selection.Candidate candidate : selection.candidates()) {
            assertTrue(candidate.meanEpochs() <= 8.0, "Newton iterations a fold at l2 " + candidate.l2() + ": "
                    + candidate.meanEpochs() + "\n" + selection.table());
        }
        RewardModel model = newton(RankingObjective.builder().build(), 1000.0).train(data);
        assertTrue(model.history().stopReason().startsWith("Newton converged in "), model.history().stopReason());
    }

    @Test
    void newtonReachesAtLeastTheObjectiveOfGradientTraining() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(60, 5, 7);
        for (String spec : List.of("log-sigmoid:1", "inverse")) {
            RankingObjective objective = RankingObjective.builder().utility(spec).build();
            double newton = at(data, objective, 0.01, point(newton(objective, 0.01).train(data))).value();
            RewardModel sgd = LinearRewardTrainer.builder().objective(objective).l2(0.01).optimiser(new Adam(0.05))
                    .epochs(200).minibatchSize(8).build().train(data);
            double gradient = at(data, objective, 0.01, point(sgd)).value();
            assertTrue(newton >= gradient, spec + ": Newton " + newton + ", gradient training " + gradient);
        }
    }

    @Test
    void runsAreBitIdenticalAndThreadsChangeOnlyTheSummationOrder() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(30, 4, 5);
        RankingObjective objective = RankingObjective.builder().utility("log").build();
        RewardModel first = newton(objective, 0.05).train(data);
        RewardModel second = newton(objective, 0.05).train(data);
        assertEquals(first.network(), second.network());
        assertEquals(first.head(), second.head());
        RewardModel threaded = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).objective(objective).l2(0.05)
                .numThreads(2).build().train(data);
        // Both solve to the same optimum, within the solver's tolerance (weights around 27 here).
        assertArrayEquals(point(first), point(threaded), 1e-7 * Arrays.stream(point(first)).map(Math::abs).max()
                .orElseThrow());
        assertEquals(point(threaded)[data.getFeatureIDMap().size()], 0.0, 0.0, "without centring the bias stays 0");
    }

    /** F at a point through the library's sums (no feature exempt from L2). */
    static NewtonSums at(Dataset<Regressor> data, RankingObjective objective, double l2, double[] point) {
        RankingGroups groups = RankingGroups.of(data);
        SparseFeatures[] features = SparseFeatures.ofGroups(data.getData(), groups, data.getFeatureIDMap());
        NewtonSums sums = new NewtonSums(data.getFeatureIDMap().size(), false);
        RankingLoss loss = objective.loss();
        for (int g = 0; g < groups.size(); g++) {
            sums.add(groups.groups().get(g), Utilities.parseForTraining(objective.policy().spec()), loss, features,
                    point);
        }
        sums.penalise(l2, new boolean[data.getFeatureIDMap().size()], point);
        return sums;
    }
}
