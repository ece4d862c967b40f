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
package org.rewardcollapse.it;

import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.GroupSplitter;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.data.source.OasstTreeSource;
import org.rewardcollapse.eval.RankingMetrics;
import org.rewardcollapse.eval.ScoredGroups;
import org.rewardcollapse.model.GroupRewards;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trains the reward models on the real data files and reports held-out quality (the numbers the trainers issue
 * asks for; the benchmark harness compares them with peers).
 */
class TrainingOnRealDataIT {
    private static double mean(List<GroupRewards> groups, ToDoubleFunction<GroupRewards> metric) {
        return groups.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static double heldOutAccuracy(RankingRewardTrainer trainer, Dataset<Regressor> train, Dataset<Regressor> test) {
        RewardModel model = trainer.train(train);
        return mean(ScoredGroups.predict(model, test), g -> RankingMetrics.pairwiseAccuracy(g.scores(), g.rewards()));
    }

    @Test
    void openAssistantHeldOutPairwiseAccuracy() {
        MutableDataset<Regressor> data = new MutableDataset<>(new OasstTreeSource(
                SharedData.file("oasst_en_100_tree.jsonl"), ResponseFeaturizer.defaults()));
        List<GroupSplitter.Split<Regressor>> folds = GroupSplitter.kFold(data, 5, 17L, RankingMetadata.DEFAULT_PROMPT_ID_KEY);
        double linear = 0.0;
        double mlp = 0.0;
        double length = 0.0;
        for (GroupSplitter.Split<Regressor> fold : folds) {
            linear += heldOutAccuracy(LinearRewardTrainer.builder().optimiser(new Adam(0.01)).minibatchSize(8)
                    .epochs(20).build(), fold.train(), fold.test()) / folds.size();
            mlp += heldOutAccuracy(MlpRewardTrainer.builder().hiddenSizes(32).optimiser(new Adam(0.003))
                    .minibatchSize(8).epochs(20).build(), fold.train(), fold.test()) / folds.size();
            // The classic reward-model bias as a reference: the longer response wins.
            List<Prediction<Regressor>> byLength = new ArrayList<>();
            for (Example<Regressor> example : fold.test()) {
                double words = StreamSupport.stream(example.spliterator(), false)
                        .filter(f -> f.getName().equals(ResponseFeaturizer.LOG_WORDS)).mapToDouble(Feature::getValue)
                        .findFirst().orElse(0.0);
                byLength.add(new Prediction<>(new Regressor(RankingMetadata.REWARD_DIMENSION, words), 1, example));
            }
            length += mean(ScoredGroups.fromPredictions(byLength, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                    RankingMetadata.DEFAULT_PROMPT_TYPE_KEY), g -> RankingMetrics.pairwiseAccuracy(g.scores(), g.rewards()))
                    / folds.size();
        }
        System.out.printf(Locale.ROOT, "OpenAssistant, 5-fold by prompt group: held-out pairwise accuracy linear %.4f, "
                + "MLP %.4f; longer-is-better baseline %.4f%n", linear, mlp, length);
        assertTrue(linear > 0.5 && mlp > 0.5, "better than chance: linear " + linear + ", MLP " + mlp);
    }

    @Test
    void letorTestNdcgAtTen() {
        MutableDataset<Regressor> train = new MutableDataset<>(new LetorSource(SharedData.file("letor_rank.train")));
        MutableDataset<Regressor> test = new MutableDataset<>(new LetorSource(SharedData.file("letor_rank.test")));
        RewardModel linear = LinearRewardTrainer.builder().optimiser(new Adam(0.003)).minibatchSize(8).epochs(10)
                .build().train(train);
        RewardModel mlp = MlpRewardTrainer.builder().hiddenSizes(64).optimiser(new Adam(0.001)).minibatchSize(8)
                .epochs(50).build().train(train);
        double linearNdcg = mean(ScoredGroups.predict(linear, test), g -> RankingMetrics.ndcg(g.scores(), g.rewards(), 10));
        double mlpNdcg = mean(ScoredGroups.predict(mlp, test), g -> RankingMetrics.ndcg(g.scores(), g.rewards(), 10));
        System.out.printf(Locale.ROOT, "LETOR test NDCG@10: linear %.4f, MLP %.4f%n", linearNdcg, mlpNdcg);
        assertTrue(linearNdcg > 0.7 && mlpNdcg > 0.7, "linear " + linearNdcg + ", MLP " + mlpNdcg);
    }
}
