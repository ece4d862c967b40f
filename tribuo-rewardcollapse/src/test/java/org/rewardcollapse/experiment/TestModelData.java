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
package org.rewardcollapse.experiment;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.TestFiles;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.OnnxMetadata;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring and evaluation featurise a file as the model was trained, or refuse: a model trained on the embeddings its
 * data gave is not scored on a file without them or of another width, and an ONNX file without its featuriser is not
 * scored with default features the model never saw.
 */
class TestModelData {
    @TempDir
    static Path dir;

    private static Path modelFile;
    private static Path onnxFile;

    /** A ranked file of 12 prompts whose responses carry embeddings of the given width (0: none). */
    private static Path ranked(String name, int width) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            StringBuilder line = new StringBuilder("{\"id\": \"q" + p + "\", \"prompt\": \"question " + p
                    + "\", \"responses\": [");
            for (int r = 0; r < 3; r++) {
                line.append(r == 0 ? "" : ", ").append("{\"text\": \"answer ").append(r).append(" of ").append(p)
                        .append("\", \"rank\": ").append(r);
                if (width > 0) {
                    line.append(", \"embedding\": [");
                    for (int d = 0; d < width; d++) {
                        line.append(d == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", 0.1 + r + 0.3 * d));
                    }
                    line.append("]");
                }
                line.append("}");
            }
            lines.add(line.append("]}").toString());
        }
        return TestFiles.write(dir, name, lines.toArray(new String[0]));
    }

    @BeforeAll
    static void train() throws IOException {
        RewardModel model = LinearRewardTrainer.builder().epochs(2).build().train(new MutableDataset<>(
                new RankedJsonlSource(ranked("train.jsonl", 4), ResponseFeaturizer.defaults())));
        modelFile = dir.resolve("model.tribuo");
        ModelFiles.write(model, modelFile);
        onnxFile = dir.resolve("model.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, onnxFile);
    }

    @Test
    void aModelTrainedOnGivenEmbeddingsRefusesAFileWithoutThemOrOfAnotherWidth() throws IOException {
        DataSpec none = DataSpec.of(ranked("none.jsonl", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scoring.withModel(modelFile,
                none));
        assertTrue(e.getMessage().contains("gives no embeddings, but the model was trained on embeddings of width 4"),
                e.getMessage());
        DataSpec wide = DataSpec.of(ranked("wide.jsonl", 8));
        e = assertThrows(IllegalArgumentException.class, () -> Scoring.withOnnx(onnxFile, wide, Device.CPU, 64));
        assertTrue(e.getMessage().contains("width 8, but the model was trained on embeddings of width 4"),
                e.getMessage());
        assertEquals(36, Scoring.withOnnx(onnxFile, DataSpec.of(ranked("same.jsonl", 4)), Device.CPU, 64).rows().size());
    }

    @Test
    void plotTitlesNameWhatWasEvaluated() throws IOException {
        Path test = ranked("held-out.jsonl", 4);
        assertEquals("model.tribuo on held-out.jsonl", Evaluations.ofModel(modelFile, DataSpec.of(test),
                EvaluationSettings.ndcgAt(10)).title());
        assertEquals("train.jsonl, tested on held-out.jsonl", Experiment.title("train.jsonl", new RankedJsonlSource(
                test, ResponseFeaturizer.defaults()), true));
        assertEquals("train.jsonl, held-out prompts", Experiment.title("train.jsonl", null, true));
    }

    @Test
    void anOnnxFileWithoutItsFeaturiserIsNotScoredWithDefaultFeatures() throws IOException {
        OnnxMl.ModelProto exported = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnxFile));
        OnnxMl.ModelProto.Builder builder = exported.toBuilder().clearMetadataProps();
        exported.getMetadataPropsList().stream().filter(p -> !p.getKey().equals(OnnxMetadata.FEATURIZER_KEY))
                .forEach(builder::addMetadataProps);
        Path stripped = dir.resolve("stripped.onnx");
        Files.write(stripped, builder.build().toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scoring.withOnnx(stripped,
                DataSpec.of(ranked("plain.jsonl", 4)), Device.CPU, 64));
        assertTrue(e.getMessage().contains("records no featuriser"), e.getMessage());
    }
}
