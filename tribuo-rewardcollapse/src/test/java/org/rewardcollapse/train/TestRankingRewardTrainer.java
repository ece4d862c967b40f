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

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.data.RankingGroups;
import org.rewardcollapse.eval.RankingMetrics;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.LinearRewardModel;
import org.rewardcollapse.model.MlpRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.TrainingHistory;
import org.rewardcollapse.policy.PromptTypePolicy;
import org.rewardcollapse.policy.UtilityAssignment;
import org.rewardcollapse.policy.UtilityPolicy;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.test.Helpers;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingRewardTrainer {
    private static final MutableDataset<Regressor> DATA = RankingFixtures.randomGroups(120, 5, 21);

    private static double[] predictions(Model<Regressor> model, MutableDataset<Regressor> data) {
        return model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
    }

    private static double meanPairwiseAccuracy(Model<Regressor> model, MutableDataset<Regressor> data) {
        return ScoredGroups.predict(model, data).stream()
                .mapToDouble(g -> RankingMetrics.pairwiseAccuracy(g.scores(), g.rewards())).average().orElseThrow();
    }

    @Test
    void linearModelLearnsTheRankingWithEveryOptimiser() {
        for (var optimiser : List.of(new Adam(0.05), Adam.lazy(0.05), new AdaGrad(0.5), SGD.getSimpleSGD(0.05))) {
            RewardModel model = LinearRewardTrainer.builder().optimiser(optimiser).epochs(30).build().train(DATA);
            assertInstanceOf(LinearRewardModel.class, model);
            double accuracy = meanPairwiseAccuracy(model, DATA);
            assertTrue(accuracy > 0.9, optimiser + " reaches pairwise accuracy " + accuracy);
            // The score is 1.0 f0 - 0.5 f1 + 0.8 f2 + 0.3 f4: the linear model recovers the direction.
            Map<String, Double> weights = Collections.unmodifiableMap(model.getTopFeatures(-1).get("reward").stream()
                    .collect(java.util.stream.Collectors.toMap(p -> p.getA(), p -> p.getB())));
            assertTrue(weights.get("f0") > 0 && weights.get("f1") < 0 && weights.get("f2") > 0);
            assertTrue(Math.abs(weights.get("f1") / weights.get("f0") + 0.5) < 0.15, "weight ratio " + weights);
        }
    }

    @Test
    void sameSeedGivesBitIdenticalModelsAndThreadsOnlyReorderSums() {
        MlpRewardTrainer.Builder builder = MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L);
        double[] first = predictions(MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L).build().train(DATA), DATA);
        double[] second = predictions(builder.build().train(DATA), DATA);
        assertArrayEquals(first, second, 0.0);
        MlpRewardTrainer threaded = MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L).numThreads(2).build();
        double[] twoThreads = predictions(threaded.train(DATA), DATA);
        assertArrayEquals(twoThreads, predictions(MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L)
                .numThreads(2).build().train(DATA), DATA), 0.0);
        assertArrayEquals(first, twoThreads, 1e-9);
        byte[] weights = MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L).build().train(DATA).network()
                .toProto().toByteArray();
        assertArrayEquals(weights, MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L).build().train(DATA)
                .network().toProto().toByteArray(), "bit-identical serialized weights");
        // Lazy Adam too: its touched rows come from the same deterministic minibatches, merged across threads.
        double[] lazy = predictions(MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L)
                .optimiser(Adam.lazy(0.01)).numThreads(2).build().train(DATA), DATA);
        assertArrayEquals(lazy, predictions(MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(99L)
                .optimiser(Adam.lazy(0.01)).numThreads(2).build().train(DATA), DATA), 0.0);
        double[] otherSeed = predictions(MlpRewardTrainer.builder().hiddenSizes(8).epochs(5).seed(98L).build().train(DATA), DATA);
        assertNotEquals(first[0], otherSeed[0]);
    }

    @Test
    void provenanceRecreatesTheTrainerAndItsPredictions() {
        MlpRewardTrainer trainer = MlpRewardTrainer.builder().hiddenSizes(6, 4)
                .objective(RankingObjective.of("a=inverse,b=log-sigmoid:0.5", true))
                .optimiser(new Adam(0.02, 0.9, 0.99, 1e-8, 0.01)).epochs(4).l2(1e-4)
                .schedule(5, LearningRateSchedule.Decay.LINEAR).validation(0.2, 2).seed(5L).build();
        trainer.train(DATA);
        RewardModel model = trainer.train(DATA);
        TrainerProvenance recorded = model.getProvenance().getTrainerProvenance();
        List<ConfigurationData> configuration = ProvenanceUtil.extractConfiguration(recorded);
        ConfigurationManager manager = new ConfigurationManager();
        manager.addConfiguration(configuration);
        @SuppressWarnings("unchecked")
        Trainer<Regressor> rebuilt = (Trainer<Regressor>) manager.lookup(configuration.get(0).getName());
        int invocation = ((com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance)
                recorded.getInstanceValues().get("train-invocation-count")).getValue();
        assertEquals(1, invocation);
        Model<Regressor> again = rebuilt.train(DATA, Map.of(), invocation);
        assertArrayEquals(predictions(model, DATA), predictions(again, DATA), 0.0);
        Helpers.testConfigurableRoundtrip(trainer);
    }

    @Test
    void protobufRoundTripKeepsPredictionsHistoryAndUtilities() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(30, 4, 3);
        for (RankingRewardTrainer trainer : List.of(
                LinearRewardTrainer.builder().epochs(3).normalizeRewards(true).snapshots(4, 0, 2).build(),
                MlpRewardTrainer.builder().hiddenSizes(5).objective(RankingObjective.of("a=linear,b=inverse", true))
                        .epochs(3).build())) {
            RewardModel model = trainer.train(data);
            Model<Regressor> loaded = Helpers.testModelProtoSerialization(model, Regressor.class, data, 0.0);
            RewardModel reward = (RewardModel) loaded;
            assertEquals(model.getClass(), loaded.getClass());
            assertEquals(model.utilityByType(), reward.utilityByType());
            assertEquals(model.head(), reward.head());
            assertEquals(model.history().epochs(), reward.history().epochs());
            assertEquals(model.history().snapshots().size(), reward.history().snapshots().size());
            assertEquals(model.getProvenance(), loaded.getProvenance());
            RewardModel copy = (RewardModel) model.copy();
            assertArrayEquals(predictions(model, data), predictions(copy, data), 0.0);
        }
    }

    @Test
    void linearExcuseSumsToTheLogit() {
        RewardModel model = LinearRewardTrainer.builder().epochs(3).build().train(DATA);
        var example = DATA.getExample(0);
        double sum = model.getExcuse(example).orElseThrow().getScores().get("reward").stream()
                .mapToDouble(p -> p.getB()).sum();
        assertEquals(model.logit(example), sum, 1e-12);
        assertTrue(MlpRewardTrainer.builder().hiddenSizes(3).epochs(1).build().train(DATA).getExcuse(example).isEmpty());
    }

    @Test
    void normalisedRewardsAreStandardisedOnTheTrainingSet() {
        RewardModel model = LinearRewardTrainer.builder().epochs(5).normalizeRewards(true).build().train(DATA);
        double[] rewards = predictions(model, DATA);
        double mean = java.util.Arrays.stream(rewards).average().orElseThrow();
        double variance = java.util.Arrays.stream(rewards).map(r -> (r - mean) * (r - mean)).sum() / (rewards.length - 1);
        assertEquals(0.0, mean, 1e-9);
        assertEquals(1.0, variance, 1e-9);
    }

    @Test
    void earlyStoppingKeepsTheBestValidationEpoch() {
        RewardModel model = MlpRewardTrainer.builder().hiddenSizes(32).optimiser(new Adam(0.05)).epochs(60)
                .validation(0.3, 3).build().train(RankingFixtures.randomGroups(40, 4, 8));
        TrainingHistory history = model.history();
        assertTrue(history.stopReason().startsWith("early stopping"), history.stopReason());
        int best = history.bestEpoch();
        double bestLoss = history.epochs().get(best - 1).validationLoss();
        for (TrainingHistory.EpochRecord record : history.epochs()) {
            assertTrue(record.validationLoss() >= bestLoss);
        }
        assertEquals(best + 3, history.epochs().size());
    }

    @Test
    void snapshotsFollowTheRequestedSteps() {
        RewardModel model = LinearRewardTrainer.builder().minibatchSize(10).epochs(2).snapshots(7, 0, 5, 12)
                .build().train(DATA);
        List<TrainingHistory.RewardSnapshot> snapshots = model.history().snapshots();
        assertEquals(List.of(0L, 5L, 12L, 24L), snapshots.stream().map(TrainingHistory.RewardSnapshot::step).toList());
        assertEquals(7, snapshots.get(0).groups().size());
        GroupRewards first = snapshots.get(0).groups().get(0);
        assertArrayEquals(new double[first.size()], first.rewards(), 0.0, "a linear model starts at zero");
        GroupRewards last = snapshots.get(3).groups().get(0);
        double[] expected = model.predict(DATA.getData().stream().filter(e ->
                e.getMetadataValue("prompt_id").orElseThrow().equals(last.promptId())).toList()).stream()
                .mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        assertArrayEquals(expected, last.rewards(), 1e-12);
    }

    @Test
    void divergenceStopsWithTheLastGoodModel() {
        RankingRewardTrainer trainer = LinearRewardTrainer.builder().objective(RankingObjective.of("linear", false))
                .optimiser(SGD.getSimpleSGD(Double.MAX_VALUE))
                .epochs(3).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> trainer.train(DATA));
        assertTrue(e.getMessage().contains("diverged") && e.getMessage().contains("learning rate"), e.getMessage());
        RewardModel kept = e.lastGoodModel().orElseThrow();
        for (Prediction<Regressor> p : kept.predict(DATA)) {
            assertTrue(Double.isFinite(p.getOutput().getValues()[0]));
        }
    }

    @Test
    void aTypeWithoutAUtilityIsAnErrorThatNamesIt() {
        RankingRewardTrainer trainer = LinearRewardTrainer.builder()
                .objective(RankingObjective.builder().policy(new PromptTypePolicy(Map.of("a", "linear"))).build())
                .epochs(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(DATA));
        assertTrue(e.getMessage().contains("prompt type 'b'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epochs", "minibatchSize", "l2", "validationFraction", "patience", "numThreads",
            "hiddenSizes", "utility"})
    void invalidSettingsAreRejectedNamingTheField(String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            MlpRewardTrainer.Builder b = MlpRewardTrainer.builder();
            switch (field) {
                case "epochs" -> b.epochs(0);
                case "minibatchSize" -> b.minibatchSize(-1);
                case "l2" -> b.l2(Double.NaN);
                case "validationFraction" -> b.validation(1.0, 0);
                case "patience" -> b.validation(0.0, 3);
                case "numThreads" -> b.numThreads(0);
                case "hiddenSizes" -> b.hiddenSizes();
                default -> b.objective(RankingObjective.of("cubic", false));
            }
            b.build();
        });
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void trainingRejectsDataWithoutPairsAndSingularUtilities() {
        MutableDataset<Regressor> single = RankingFixtures.randomGroups(3, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRewardTrainer.builder().build().train(single));
        assertTrue(e.getMessage().contains("no prompt group with an ordered pair"), e.getMessage());
        IllegalArgumentException singular = assertThrows(IllegalArgumentException.class,
                () -> LinearRewardTrainer.builder().objective(RankingObjective.of("log,eps=0", false)));
        assertTrue(singular.getMessage().contains("eps > 0"), singular.getMessage());
    }

    @Test
    void gainWeightsNeedRelevanceGradesAndSayWhichPromptHasNone() {
        MutableDataset<Regressor> cardinal = RankingFixtures.randomGroups(4, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinearRewardTrainer.builder()
                .objective(RankingObjective.builder().pairWeighting(PairWeighting.GAIN_DIFFERENCE).build()).build()
                .train(cardinal));
        assertTrue(e.getMessage().startsWith("pairWeighting GAIN_DIFFERENCE needs relevance grades in [0, 1023]; "
                + "prompt 'g"), e.getMessage());
    }

    @Test
    void trainingRejectsASingularUtilityFromACustomPolicy() {
        Utility pureLog = Utilities.parse("log");
        UtilityPolicy custom = new UtilityPolicy() {
            @Override
            public UtilityAssignment assign(RankingGroups groups, List<? extends Example<Regressor>> examples) {
                return UtilityAssignment.of(groups, Collections.nCopies(groups.size(), pureLog), "custom");
            }

            @Override
            public String spec() {
                return "custom";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRewardTrainer.builder().objective(RankingObjective.builder().policy(custom).build())
                        .epochs(1).build().train(DATA));
        assertTrue(e.getMessage().contains("'" + pureLog.spec() + "' is undefined for mis-ordered pairs"),
                e.getMessage());
    }

    @Test
    void mlpIsAnMlpAndBeatsChance() {
        RewardModel model = MlpRewardTrainer.builder().hiddenSizes(16).epochs(20).build().train(DATA);
        assertInstanceOf(MlpRewardModel.class, model);
        assertTrue(meanPairwiseAccuracy(model, DATA) > 0.9);
        assertEquals(20, model.history().epochs().size());
    }
}
