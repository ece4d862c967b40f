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

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ODIN-style length decorrelation: the penalty against Commons Math's Pearson correlation and its gradient against
 * finite differences; trained on data where judges favour length and a feature leaks it, the kept quality head ignores
 * length (rank correlation near 0, against 0.9 without) while still ranking by the true quality.
 */
class TestLengthDecorrelation {
    private static final String LOG_CHARS = ResponseFeaturizer.LOG_CHARS;

    @Test
    void penaltyIsLambdaRhoSquaredAndItsGradientMatchesFiniteDifferences() {
        MutableDataset<Regressor> data = lengthLedData(10, 4, 3L);
        List<Example<Regressor>> examples = data.getData();
        SparseFeatures[] features = examples.stream().map(e -> SparseFeatures.of(e, data.getFeatureIDMap()))
                .toArray(SparseFeatures[]::new);
        LengthDecorrelation decorrelation = LengthDecorrelation.of(0.7, examples, features, data.getFeatureIDMap());
        int[] batch = {0, 3, 5, 8, 13, 21, 22, 30};
        int[] prompt = java.util.Arrays.stream(batch).map(e -> e / 4).toArray(); // 4 responses per prompt
        SplittableRandom rng = new SplittableRandom(4);
        double[] logits = rng.doubles(batch.length).toArray();
        double[] lengths = java.util.Arrays.stream(batch)
                .mapToDouble(e -> Math.log1p(RankingMetadata.responseLength(examples.get(e)))).toArray();
        // the reference: both centred within each prompt, then Commons Math's Pearson correlation
        double rho = new PearsonsCorrelation().correlation(centred(logits, prompt), centred(lengths, prompt));
        double[] slopes = new double[batch.length];
        assertEquals(0.7 * rho * rho, decorrelation.penalty(batch, prompt, logits, slopes), 1e-12);
        double h = 1e-6;
        for (int k = 0; k < batch.length; k++) {
            double[] up = logits.clone();
            double[] down = logits.clone();
            up[k] += h;
            down[k] -= h;
            double numeric = (decorrelation.penalty(batch, prompt, up, new double[batch.length])
                    - decorrelation.penalty(batch, prompt, down, new double[batch.length])) / (2 * h);
            assertEquals(numeric, slopes[k], 1e-7, "response " + k);
        }
        assertEquals(0.0, decorrelation.penalty(batch, prompt, new double[batch.length], slopes));
        // a shift of a whole prompt changes nothing: only differences within a prompt count
        double[] shifted = logits.clone();
        for (int k = 0; k < batch.length; k++) {
            shifted[k] += prompt[k] * 3.0;
        }
        assertEquals(0.7 * rho * rho, decorrelation.penalty(batch, prompt, shifted, slopes), 1e-12);
        // one pair alone is always perfectly correlated: no penalty, no gradient
        assertEquals(0.0, decorrelation.penalty(new int[]{0, 1}, new int[]{0, 0}, new double[]{0.3, 0.9}, slopes));
        // the quality head's input has every feature but the length features
        assertTrue(decorrelation.judged(0, features[0]).size() == features[0].size() - 1);
    }

    @Test
    void theKeptQualityHeadIgnoresLengthAndStillRanksByQuality() {
        MutableDataset<Regressor> train = lengthLedData(400, 4, 11L);
        MutableDataset<Regressor> test = lengthLedData(200, 4, 12L);
        RewardModel plain = LinearRewardTrainer.builder().epochs(30).seed(1L).build().train(train);
        RewardModel odin = LinearRewardTrainer.builder().epochs(30).seed(1L).objective(RankingObjective.builder()
                .lengthDecorrelation(5.0).build()).build()
                .train(train);
        double plainRho = lengthRho(plain, test);
        double odinRho = lengthRho(odin, test);
        assertTrue(plainRho > 0.6, "without decorrelation the reward follows length: " + plainRho);
        assertTrue(Math.abs(odinRho) < 0.15, "the quality head is off length: " + odinRho);
        double qualityRho = new SpearmansCorrelation().correlation(rewards(odin, test), feature(test, "quality"));
        assertTrue(qualityRho > 0.8, "the quality head ranks by the true quality: " + qualityRho);
        assertEquals(0.0, odin.network().layerWeights(0)[train.getFeatureIDMap().getID(LOG_CHARS)][0], 0.0);
    }

    @Test
    void anMlpOrDataWithoutLengthsIsRefused() {
        MutableDataset<Regressor> data = lengthLedData(20, 3, 5L);
        IllegalArgumentException mlp = assertThrows(IllegalArgumentException.class, () -> MlpRewardTrainer.builder()
                .hiddenSizes(4).epochs(1).objective(RankingObjective.builder().lengthDecorrelation(1.0).build())
                .build().train(data));
        assertTrue(mlp.getMessage().contains("linear model"), mlp.getMessage());
        MutableDataset<Regressor> noLengths = RankingFixtures.randomGroups(6, 3, 2);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> LinearRewardTrainer
                .builder().epochs(1).objective(RankingObjective.builder().lengthDecorrelation(1.0).build()).build()
                .train(noLengths));
        assertTrue(none.getMessage().contains("length"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearRewardTrainer.builder()
                .objective(RankingObjective.builder().lengthDecorrelation(-1).build())
                .build());
    }

    private static double[] centred(double[] values, int[] prompt) {
        java.util.Map<Integer, Double> mean = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        for (int k = 0; k < values.length; k++) {
            mean.merge(prompt[k], values[k], Double::sum);
            count.merge(prompt[k], 1, Integer::sum);
        }
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k] - mean.get(prompt[k]) / count.get(prompt[k]);
        }
        return out;
    }

    /**
     * Groups where the judges' score is a true quality plus a pull towards length, with a feature that leaks length
     * (a noisy copy of it) besides the featuriser's length feature.
     */
    static MutableDataset<Regressor> lengthLedData(int groups, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("length-led", factory),
                factory);
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < n; i++) {
                int length = 20 + rng.nextInt(400);
                double z = Math.log1p(length);
                double quality = rng.nextGaussian();
                List<Feature> features = new ArrayList<>();
                features.add(new Feature("quality", quality));
                features.add(new Feature("leak", z + 0.1 * rng.nextGaussian()));
                features.add(new Feature("noise", rng.nextGaussian()));
                features.add(new Feature(LOG_CHARS, z));
                Example<Regressor> example = RankingMetadata.example("g" + g, null, quality + 2.0 * z, features,
                        RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY,
                        "x".repeat(length));
                data.add(example);
            }
        }
        return data;
    }

    private static double lengthRho(RewardModel model, MutableDataset<Regressor> data) {
        double[] lengths = data.getData().stream().mapToDouble(e -> RankingMetadata.responseLength(e)).toArray();
        return new SpearmansCorrelation().correlation(rewards(model, data), lengths);
    }

    private static double[] rewards(RewardModel model, MutableDataset<Regressor> data) {
        return model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
    }

    private static double[] feature(MutableDataset<Regressor> data, String name) {
        return data.getData().stream().mapToDouble(e -> {
            for (Feature f : e) {
                if (f.getName().equals(name)) {
                    return f.getValue();
                }
            }
            return Double.NaN;
        }).toArray();
    }
}
