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

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.data.source.OasstTreeSource;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ONNX Runtime scores equal JVM predictions within 1e-5 on the real data files, for both model kinds, bounded and
 * unbounded.
 */
class OnnxParityIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1} bounded={2}")
    @CsvSource({"letor, linear, false", "letor, linear, true", "letor, mlp, false", "letor, mlp, true",
            "oasst, linear, false", "oasst, mlp, true"})
    void onnxScoresEqualJvmPredictions(String dataset, String kind, boolean bounded) throws IOException {
        MutableDataset<Regressor> data = dataset.equals("letor")
                ? new MutableDataset<>(new LetorSource(SharedData.file("letor_rank.test")))
                : new MutableDataset<>(new OasstTreeSource(SharedData.file("oasst_en_100_tree.jsonl"),
                ResponseFeaturizer.defaults()));
        RankingRewardTrainer trainer = kind.equals("linear")
                ? LinearRewardTrainer.builder().objective(RankingObjective.builder().bounded(bounded).build())
                        .epochs(5).build()
                : MlpRewardTrainer.builder().hiddenSizes(32).objective(RankingObjective.builder().bounded(bounded)
                        .build()).epochs(5).build();
        RewardModel model = trainer.train(data);
        Path file = dir.resolve(dataset + "-" + kind + ".onnx");
        model.saveONNXModel("org.rewardcollapse", 1, file);
        double[] jvm = model.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        double worst = 0.0;
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(file, Device.CPU)) {
            double[] onnx = scorer.score(data.getData());
            assertEquals(jvm.length, onnx.length);
            for (int i = 0; i < jvm.length; i++) {
                worst = Math.max(worst, Math.abs(jvm[i] - onnx[i]));
            }
            assertEquals(model.getProvenance(), scorer.provenance());
        }
        System.out.printf(Locale.ROOT, "ONNX parity %s %s bounded=%s: %d rows, max |JVM - ORT| = %.2e%n", dataset, kind,
                bounded, jvm.length, worst);
        assertTrue(worst <= 1e-5, "max difference " + worst);
    }
}
