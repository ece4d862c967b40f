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
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.experiment.L2Selection;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.RewardModel;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The length weight: Newton's optimum with its length columns scaled, everything else untouched; refused elsewhere. */
class TestLengthWeight {
    /** {@link RankingFixtures#randomGroups}'s first two features renamed as the featuriser's length features. */
    private static MutableDataset<Regressor> withLengthFeatures() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("lengths", factory),
                factory);
        for (Example<Regressor> e : RankingFixtures.randomGroups(40, 4, 11)) {
            List<Feature> features = new ArrayList<>();
            for (Feature f : e) {
                String name = switch (f.getName()) {
                    case "f0" -> ResponseFeaturizer.LOG_WORDS;
                    case "f2" -> ResponseFeaturizer.LOG_CHARS;
                    default -> f.getName();
                };
                features.add(new Feature(name, f.getValue()));
            }
            data.add(RankingMetadata.example(e.getMetadataValue(RankingMetadata.DEFAULT_PROMPT_ID_KEY).orElseThrow()
                    .toString(),
                    null, e.getOutput().getValues()[0], features, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                    RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
        }
        return data;
    }

    private static RewardModel newton(MutableDataset<Regressor> data, double lengthWeight) {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(0.5).lengthWeight(lengthWeight).build()
                .train(data);
    }

    @Test
    void theLengthColumnsAreTheOptimumsTimesTheWeightAndNothingElseMoves() {
        MutableDataset<Regressor> data = withLengthFeatures();
        double[] learnt = TestNewtonTraining.point(newton(data, 1.0));
        double[] controlled = TestNewtonTraining.point(newton(data, 0.4));
        int words = data.getFeatureIDMap().getID(ResponseFeaturizer.LOG_WORDS);
        int chars = data.getFeatureIDMap().getID(ResponseFeaturizer.LOG_CHARS);
        assertTrue(Math.abs(learnt[words]) > 0.1 && Math.abs(learnt[chars]) > 0.1, "the labels teach length here");
        for (int k = 0; k < learnt.length; k++) {
            double expected = k == words || k == chars ? 0.4 * learnt[k] : learnt[k];
            assertEquals(expected, controlled[k], 0.0, "column " + k);
        }
        double[] removed = TestNewtonTraining.point(newton(data, 0.0));
        assertEquals(0.0, removed[words], 0.0);
        assertEquals(0.0, removed[chars], 0.0);
    }

    @Test
    void crossValidationChoosesThePenaltyForTheModelTheLabelsTeach() {
        MutableDataset<Regressor> data = withLengthFeatures();
        List<Double> grid = List.of(0.1, 1.0, 10.0);
        L2Selection.Result learnt = L2Selection.select(LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).build(),
                data, grid, 3, 5L, RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        L2Selection.Result controlled = L2Selection.select(LinearRewardTrainer.builder().solver(LinearSolver.NEWTON)
                .lengthWeight(0.2).build(), data, grid, 3, 5L, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY);
        assertEquals(learnt.candidates(), controlled.candidates(), "the same candidates, trained with weight 1");
    }

    @Test
    void outsideTheUnitIntervalOrWithGradientStepsItIsRefusedNamingTheSetting() {
        for (double bad : new double[]{-0.1, 1.5, Double.NaN}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> LinearRewardTrainer.builder()
                    .solver(LinearSolver.NEWTON).lengthWeight(bad).build());
            assertTrue(e.settings().contains("lengthWeight"), e.getMessage());
        }
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> LinearRewardTrainer.builder().lengthWeight(0.5).build());
        assertTrue(e.settings().containsAll(List.of("lengthWeight", "solver")), e.settings().toString());
        assertTrue(e.getMessage().contains("NEWTON"), e.getMessage());
    }
}
