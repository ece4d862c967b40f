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
package org.rewardcollapse.onnx;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.Adam;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.train.RankingRewardTrainer;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Exported reward models score in ONNX Runtime exactly as in the JVM (to float precision), for both model kinds,
 * bounded and unbounded, normalised or not.
 */
class TestOnnxExport {
    @TempDir
    static Path dir;

    private static MutableDataset<Regressor> data;

    @BeforeAll
    static void load() {
        data = new MutableDataset<>(new SyntheticRankingSource(60, 0.5, 9L, ResponseFeaturizer.defaults()));
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("linear-unbounded", LinearRewardTrainer.builder().epochs(3).build()),
                Arguments.of("linear-bounded-normalised", LinearRewardTrainer.builder()
                        .objective(RankingObjective.of("inverse", true))
                        .normalizeRewards(true).epochs(3).build()),
                Arguments.of("mlp-relu-bounded", MlpRewardTrainer.builder().hiddenSizes(16, 8)
                        .objective(RankingObjective.of("open=inverse,closed=linear", true)).epochs(3).build()),
                Arguments.of("mlp-tanh-unbounded", MlpRewardTrainer.builder().hiddenSizes(12)
                        .activation(Activation.TANH).optimiser(new Adam(0.05)).epochs(3).build()),
                Arguments.of("mlp-sigmoid-normalised", MlpRewardTrainer.builder().hiddenSizes(6)
                        .activation(Activation.SIGMOID).normalizeRewards(true).epochs(3).build()));
    }

    private static double[] jvm(RewardModel model, List<? extends Example<Regressor>> examples) {
        return model.predict(examples.stream().map(e -> (Example<Regressor>) e).toList()).stream()
                .mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void onnxRuntimeMatchesJvmPredictions(String name, RankingRewardTrainer trainer)
            throws IOException {
        RewardModel model = trainer.train(data);
        Path file = dir.resolve(name + ".onnx");
        model.saveONNXModel("org.rewardcollapse", 1, file);
        double[] expected = jvm(model, data.getData());
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(file, Device.CPU, 37, 1)) {
            assertEquals(Device.CPU, scorer.device());
            double[] actual = scorer.score(data.getData());
            assertArrayEquals(expected, actual, 1e-5);
            assertEquals(model.getProvenance(), scorer.provenance());
            assertEquals(model.utilityByType(), scorer.metadata().utilityByType());
            assertEquals(model.head(), scorer.metadata().head());
        }
        ONNXExternalModel<Regressor> external = TribuoOnnxModels.externalModel(file, new OrtSession.SessionOptions());
        double[] tribuo = external.predict(data).stream().mapToDouble(p -> p.getOutput().getValues()[0]).toArray();
        assertArrayEquals(expected, tribuo, 1e-5);
        assertEquals(model.getProvenance(), external.getTribuoProvenance().orElseThrow());
    }
    @Test
    void randomDenseInputsScoreAsInTheJvm() throws IOException {
        RewardModel model = MlpRewardTrainer.builder().hiddenSizes(10).objective(RankingObjective.builder()
                .bounded(false).build()).optimiser(new Adam(0.05))
                .epochs(2).build().train(data);
        Path file = dir.resolve("random.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, file);
        Random random = new Random(17);
        int n = model.getFeatureIDMap().size();
        int rows = 300;
        float[] dense = new float[rows * n];
        List<Example<Regressor>> examples = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            ArrayExample<Regressor> example = new ArrayExample<>(new Regressor("reward", 0));
            for (int c = 0; c < n; c++) {
                if (random.nextDouble() < 0.3) {
                    float value = (float) (random.nextGaussian() * 2);
                    dense[r * n + c] = value;
                    example.add(model.getFeatureIDMap().get(c).getName(), value);
                }
            }
            example.add(model.getFeatureIDMap().get(0).getName(), 0.0);
            examples.add(example);
        }
        double[] expected = jvm(model, examples);
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(file, Device.CPU, 64, 2)) {
            float[] actual = scorer.score(dense, rows);
            for (int r = 0; r < rows; r++) {
                assertEquals(expected[r], actual[r], 1e-5 * Math.max(1.0, Math.abs(expected[r])), "row " + r);
            }
            // The buffers dense rows went through are zeroed again: examples, written in sparsely, score as before.
            assertArrayEquals(expected, scorer.score(examples), 1e-5);
            IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                    () -> scorer.score(new float[n + 1], 1));
            assertTrue(width.getMessage().contains("expected 1 rows of " + n + " features"), width.getMessage());
        }
    }

    @Test
    void corruptTruncatedAndForeignFilesGiveOneClearError() throws IOException {
        RewardModel model = LinearRewardTrainer.builder().epochs(1).build().train(data);
        Path good = dir.resolve("good.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = dir.resolve("garbage.onnx");
        Files.write(garbage, "not a model".getBytes(StandardCharsets.UTF_8));
        Path foreign = dir.resolve("foreign.onnx");
        Files.write(foreign, model.exportONNXModel("x", 1).toBuilder().clearMetadataProps().build().toByteArray());
        for (Path file : List.of(truncated, garbage, foreign, dir.resolve("missing.onnx"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OnnxRewardScorer.open(file, Device.CPU).close());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxRewardScorer.open(foreign, Device.CPU).close());
        assertTrue(e.getMessage().contains("not a reward model exported by tribuo-rewardcollapse"), e.getMessage());
    }

    @Test
    void cudaOnTheCpuBuildIsAnErrorAndAutoFallsBackToTheCpu() throws IOException {
        assumeFalse(OrtBuild.isGpuBuild(), "this test is for the CPU build");
        RewardModel model = LinearRewardTrainer.builder().epochs(1).build().train(data);
        Path file = dir.resolve("device.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxRewardScorer.open(file, Device.parse("cuda:1")).close());
        assertTrue(e.getMessage().contains("cuda:1 requested but this ONNX Runtime build has no CUDA provider"), e.getMessage());
        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(OrtSessions.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try (OnnxRewardScorer scorer = OnnxRewardScorer.open(file, Device.AUTO)) {
            assertEquals(Device.CPU, scorer.device());
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains("running on the CPU"), logged.get(0).getMessage());
        assertEquals(java.util.logging.Level.INFO, logged.get(0).getLevel(),
                "with the CPU build the fallback is not a warning: CUDA never could run");
        assertEquals(Device.parse("cuda"), new Device(Device.Kind.CUDA, 0));
        assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
    }
}
