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
package org.rewardcollapse.spark;

import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.model.EnsembleRewardModel;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.train.EnsembleRewardTrainer;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Spark tests share, made once per test JVM: a {@code local[2]} session, a tiny ranked data file (and its
 * gzipped copy), a linear reward model and an ensemble of three trained on it and exported, and a {@code viewfs://}
 * filesystem whose mount {@code /models} is the models' local directory (a Hadoop filesystem other than
 * {@code file:}, as HDFS or S3 would be; a real HDFS cannot run here).
 */
final class SparkFixtures {
    /** The viewfs URI of the models' directory. */
    static final String VIEWFS_MODELS = "viewfs://rewardtest/models";

    private static SparkFixtures instance;

    final Path dir;
    final Path data;
    final Path gzipped;
    final Path linear;
    final Path ensemble;
    final SparkSession spark;

    private SparkFixtures() throws IOException {
        dir = Files.createTempDirectory("spark-fixtures");
        data = dir.resolve("data.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(12, 0.5, 5L), data);
        gzipped = dir.resolve("data.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            Files.copy(data, out);
        }
        MutableDataset<Regressor> dataset = new MutableDataset<>(new RankedJsonlSource(data,
                ResponseFeaturizer.defaults()));
        Path models = Files.createDirectories(dir.resolve("models"));
        RewardModel single = LinearRewardTrainer.builder().epochs(2).build().train(dataset);
        linear = models.resolve("linear.onnx");
        single.saveONNXModel("org.rewardcollapse", 1, linear);
        EnsembleRewardModel members = new EnsembleRewardTrainer(LinearRewardTrainer.builder().epochs(2).build(), 3,
                true, 5L).train(dataset);
        ensemble = models.resolve("ensemble.onnx");
        members.saveONNXModel("org.rewardcollapse", 1, ensemble);
        // Set before the session starts, so that the session's Hadoop configuration and a job's own (spark.hadoop.*
        // from the Spark configuration) both mount the directory.
        System.setProperty("spark.hadoop.fs.viewfs.mounttable.rewardtest.link./models", models.toUri().toString());
        spark = SparkSession.builder().master("local[2]").appName("rewardcollapse-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2").config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    /**
     * The fixtures, made on first use.
     * @return The fixtures.
     */
    static synchronized SparkFixtures get() {
        if (instance == null) {
            try {
                instance = new SparkFixtures();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /**
     * The single-machine scorer's rows for a model on the data file (what {@code score --onnx} writes): the reference
     * the Spark results are checked against.
     * @param onnx The model.
     * @return The rows by {@code prompt_id/response_index}.
     */
    Map<String, ScoresFile.Row> localScores(Path onnx) {
        Map<String, ScoresFile.Row> rows = new HashMap<>();
        for (ScoresFile.Row row : Scoring.withOnnx(onnx, DataSpec.of(data), Device.CPU, 256).rows()) {
            rows.put(row.promptId() + "/" + row.responseIndex(), row);
        }
        return rows;
    }

    /**
     * The largest difference between two linear models' weights, feature by feature.
     * @param a One model.
     * @param b The other, over the same features.
     * @return The largest absolute difference.
     */
    static double largestWeightDifference(RewardModel a, RewardModel b) {
        double[][] x = a.network().layerWeights(0);
        double[][] y = b.network().layerWeights(0);
        assertEquals(x.length, y.length, "the same features");
        double worst = 0;
        for (int k = 0; k < x.length; k++) {
            for (int j = 0; j < x[k].length; j++) {
                worst = Math.max(worst, Math.abs(x[k][j] - y[k][j]));
            }
        }
        return worst;
    }

    /**
     * Asserts that a model trained on Spark has the local training's weights, within 1e-6 of the largest, and prints
     * how close they are.
     * @param what What is compared, for the printed line and the message.
     * @param expected The local model.
     * @param actual The model trained on Spark.
     */
    static void assertWeightsAlike(String what, RewardModel expected, RewardModel actual) {
        double worst = largestWeightDifference(expected, actual);
        double largest = Arrays.stream(expected.network().layerWeights(0)).mapToDouble(row -> Math.abs(row[0])).max()
                .orElse(0.0);
        System.out.printf("%s: %d weights, largest difference from train's %.1e (largest weight %.3f)%n", what,
                expected.network().layerWeights(0).length, worst, largest);
        assertTrue(worst <= 1e-6 * largest, what + ": largest difference " + worst + " of " + largest);
    }
}
