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

import com.google.protobuf.Any;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.WeightedEnsembleModelProto;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ensembles of reward models: the prediction is the members' mean with their sample variance (against Commons Math on
 * the members' own predictions), bootstrap members differ, training is deterministic, the model round-trips through
 * its file, and the ONNX graph's two outputs equal the JVM's mean and standard deviation.
 */
class TestEnsembleRewardTrainer {
    @TempDir
    Path dir;

    private static EnsembleRewardTrainer trainer(boolean bootstrap) {
        return new EnsembleRewardTrainer(MlpRewardTrainer.builder().hiddenSizes(4).epochs(5).seed(3L).build(), 4,
                bootstrap, 17L);
    }

    @Test
    void predictionIsTheMembersMeanWithTheirSampleVariance() {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(30, 4, 5);
        EnsembleRewardModel ensemble = trainer(true).train(data);
        assertEquals(4, ensemble.members().size());
        for (Example<Regressor> example : data.getData().subList(0, 20)) {
            double[] members = ensemble.members().stream()
                    .mapToDouble(m -> m.predict(example).getOutput().getValues()[0]).toArray();
            Regressor predicted = ensemble.predict(example).getOutput();
            assertEquals(new Mean().evaluate(members), predicted.getValues()[0], 1e-12);
            assertEquals(new Variance(true).evaluate(members), predicted.getVariances()[0], 1e-12);
        }
        double[] first = ensemble.members().get(0).network().layerWeights(0)[0];
        double[] second = ensemble.members().get(1).network().layerWeights(0)[0];
        assertFalse(Arrays.equals(first, second), "bootstrap members differ");
    }

    @Test
    void trainingIsDeterministicAndTheFileRoundTrips() throws IOException {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(20, 3, 6);
        EnsembleRewardModel a = trainer(true).train(data);
        EnsembleRewardModel b = trainer(true).train(data);
        Path file = dir.resolve("ensemble.tribuo");
        ModelFiles.write(a, file);
        Model<Regressor> read = ModelFiles.readRegressionModel(file);
        assertTrue(read instanceof EnsembleRewardModel, read.getClass().getName());
        for (Example<Regressor> example : data) {
            Regressor expected = a.predict(example).getOutput();
            assertEquals(expected, b.predict(example).getOutput());
            Regressor actual = read.predict(example).getOutput();
            assertEquals(expected.getValues()[0], actual.getValues()[0], 0.0);
            assertEquals(expected.getVariances()[0], actual.getVariances()[0], 0.0);
        }
        EnsembleRewardModel seeds = trainer(false).train(data);
        assertNotEquals(seeds.members().get(0).network(), seeds.members().get(1).network(), "members differ by seed");
    }

    @Test
    void onnxGivesTheMeanAndTheStandardDeviation() throws Exception {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(25, 4, 7);
        EnsembleRewardModel ensemble = trainer(true).train(data);
        Path onnx = dir.resolve("ensemble.onnx");
        ensemble.saveONNXModel(RewardModel.ONNX_DOMAIN, 1, onnx);
        List<Example<Regressor>> examples = data.getData();
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(onnx, Device.CPU, 16, 1)) {
            assertTrue(scorer.hasSpread());
            double[][] scored = scorer.scoreWithSpread(examples);
            assertArrayEquals(scored[0], scorer.score(examples), 0.0);
            for (int i = 0; i < examples.size(); i++) {
                Prediction<Regressor> jvm = ensemble.predict(examples.get(i));
                assertEquals(jvm.getOutput().getValues()[0], scored[0][i], 1e-5);
                assertEquals(Math.sqrt(jvm.getOutput().getVariances()[0]), scored[1][i], 1e-5);
            }
        }
        Path single = dir.resolve("single.onnx");
        ensemble.members().get(0).saveONNXModel(RewardModel.ONNX_DOMAIN, 1, single);
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(single, Device.CPU)) {
            assertFalse(scorer.hasSpread());
            assertThrows(IllegalStateException.class, () -> scorer.scoreWithSpread(examples));
        }
    }

    @Test
    void aFileWhoseMemberIsNotARewardModelIsRefused() throws IOException {
        MutableDataset<Regressor> data = RankingFixtures.randomGroups(10, 3, 8);
        ModelProto proto = trainer(false).train(data).serialize();
        WeightedEnsembleModelProto payload = proto.getSerializedData().unpack(WeightedEnsembleModelProto.class);
        ModelProto foreign = payload.getModels(0).toBuilder().setClassName("org.tribuo.regression.slm.SparseLinearModel")
                .build();
        ModelProto forged = proto.toBuilder().setSerializedData(Any.pack(payload.toBuilder().setModels(0, foreign)
                .build())).build();
        Path file = dir.resolve("forged.tribuo");
        Files.write(file, forged.toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFiles.readRegressionModel(file));
        assertTrue(e.getMessage().contains("not a reward model of this project"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EnsembleRewardTrainer(
                LinearRewardTrainer.builder().build(), 1, false, 1L));
        MutableDataset<Regressor> noIds = new MutableDataset<>(data.getProvenance(), data.getOutputFactory());
        for (Example<Regressor> example : data) {
            org.tribuo.impl.ArrayExample<Regressor> copy = new org.tribuo.impl.ArrayExample<>(example.getOutput());
            example.forEach(copy::add);
            noIds.add(copy);
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> trainer(true).train(noIds));
        assertTrue(missing.getMessage().contains("no 'prompt_id' metadata"), missing.getMessage());
    }
}
