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

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.io.InvalidSettingException;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.spark.SparkNewtonTraining;
import org.rewardcollapse.spark.SparkTrainJob;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newton training of the linear head on Spark in local mode ({@code local[2]}) against the local training on the same
 * data: every weight within 1e-6 of the largest, bit-identical where the partition sums merge as the local threads'
 * chunks do, the same bits on a rerun, the same model class, history, file and ONNX export, the run recorded in the
 * provenance; a solver that cannot be distributed refused in one message.
 */
class SparkNewtonTrainingIT {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static JavaSparkContext context;
    private static MutableDataset<Regressor> data;

    @BeforeAll
    static void setUp() {
        spark = SparkSession.builder().master("local[2]").appName("rewardcollapse-newton-it")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        data = groups(240, 4, 40, 28);
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    /**
     * Prompts with responses over sparse word features, a prompt feature shared by its responses and a length
     * feature; scores a noisy linear function of them, with ties.
     */
    static MutableDataset<Regressor> groups(int prompts, int responses, int words, long seed) {
        Random random = new Random(seed);
        double[] truth = random.doubles(words, -1, 1).toArray();
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic groups",
                factory), factory);
        for (int p = 0; p < prompts; p++) {
            String topic = "topic-" + random.nextInt(5);
            for (int r = 0; r < responses; r++) {
                List<Feature> features = new ArrayList<>();
                double score = 0.0;
                for (int w = 0; w < words; w++) {
                    if (random.nextDouble() < 0.15) {
                        double value = 1 + random.nextInt(3);
                        features.add(new Feature("word-" + w, value));
                        score += truth[w] * value;
                    }
                }
                double length = random.nextDouble() * 3;
                features.add(new Feature(ResponseFeaturizer.LENGTH_PREFIX + "log-words", length));
                features.add(new Feature(topic, 1.0));
                score += 0.4 * length + random.nextGaussian();
                set.add(RankingMetadata.example("p" + p, p % 3 == 0 ? "open" : "closed", Math.round(score * 2) / 2.0,
                        features, RankingMetadata.DEFAULT_PROMPT_ID_KEY, RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
            }
        }
        return set;
    }

    private static LinearRewardTrainer newton(int threads) {
        return LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).objective(RankingObjective.builder()
                .margin(0.1).build()).l2(0.5).lengthWeight(0.5).numThreads(threads).build();
    }

    /** The model's weights, then its bias. */
    private static double[] weights(RewardModel model) {
        return Arrays.stream(model.network().layerWeights(0)).mapToDouble(row -> row[0]).toArray();
    }

    private static double largest(double[] values) {
        return Arrays.stream(values).map(Math::abs).max().orElseThrow();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 8})
    void everyWeightEqualsTheLocalTrainings(int partitions) throws IOException {
        RewardModel local = newton(1).train(data);
        RewardModel onSpark = new SparkNewtonTraining(context, partitions).train(newton(1), data);
        double[] expected = weights(local);
        double[] actual = weights(onSpark);
        assertEquals(data.getFeatureIDMap().size() + 1, actual.length);
        assertTrue(largest(expected) > 0.1, "a model that learnt something: " + Arrays.toString(expected));
        assertArrayEquals(expected, actual, 1e-6 * largest(expected));
        if (partitions <= 5) {
            assertArrayEquals(weights(newton(partitions).train(data)), actual, 0.0,
                    "without a tree level, the partitions merge as the local threads' chunks do");
        }
        assertEquals(local.getClass(), onSpark.getClass());
        assertEquals(local.history().stopReason(), onSpark.history().stopReason());
        assertEquals(local.history().epochs().size(), onSpark.history().epochs().size());
        assertEquals(local.getProvenance().getTrainerProvenance(), onSpark.getProvenance().getTrainerProvenance());
        Map<String, ? extends Provenance> run = onSpark.getProvenance().getInstanceProvenance().getMap();
        assertEquals(new StringProvenance("training-engine", "Apache Spark " + context.version()),
                run.get("training-engine"));
        assertEquals(new IntProvenance("spark-partitions", partitions), run.get("spark-partitions"));
        assertEquals(new StringProvenance("spark-master", "local[2]"), run.get("spark-master"));

        Path file = dir.resolve("spark-" + partitions + ".tribuo");
        ModelFiles.write(onSpark, file);
        assertArrayEquals(actual, weights(ModelFiles.readRewardModel(file)), 0.0);
        Path onnx = dir.resolve("spark-" + partitions + ".onnx");
        onSpark.saveONNXModel("org.rewardcollapse", 1, onnx);
        assertTrue(Files.size(onnx) > 0);
    }

    /** Six partitions at depth 2: a tree level of fan-in 3 on the executors, then two sums merged on the driver. */
    @Test
    void aTreeOfPartitionSumsGivesTheSameBitsOnEveryRun() {
        SparkNewtonTraining training = new SparkNewtonTraining(context, 6, 2);
        double[] first = weights(training.train(newton(1), data));
        double[] second = weights(training.train(newton(1), data));
        assertArrayEquals(first, second, 0.0);
        assertArrayEquals(weights(newton(1).train(data)), first, 1e-6 * largest(first));
    }

    @Test
    void gradientTrainingIsRefusedInOneMessage() {
        LinearRewardTrainer gradient = LinearRewardTrainer.builder().solver(LinearSolver.GRADIENT).build();
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new SparkNewtonTraining(context, 2).train(gradient, data));
        assertEquals("solver GRADIENT cannot train on several machines: only solver NEWTON sums its objective over "
                + "prompt groups, which is what is distributed; set solver NEWTON", e.getMessage());
    }

    private static int job(StringWriter err, String... args) {
        CommandLine job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(new StringWriter(), true));
        job.setErr(new PrintWriter(err, true));
        return job.execute(args);
    }

    @Test
    void theJobWritesTheLocalTrainingsModelAndNothingWhenRefused() throws IOException {
        Path file = dir.resolve("ranked.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(100, 0.5, 3L), file);
        Path out = dir.resolve("job");
        StringWriter err = new StringWriter();
        assertEquals(0, job(err, "--data", file.toString(), "--out", out.toString(), "--partitions", "3", "--l2",
                "0.5"), err.toString());
        MutableDataset<Regressor> same = new MutableDataset<>(new DataSpec(file, null, null, List.of())
                .load(ResponseFeaturizer.defaults()));
        double[] expected = weights(LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(0.5).build()
                .train(same));
        assertArrayEquals(expected, weights(ModelFiles.readRewardModel(out.resolve(SparkTrainJob.MODEL))),
                1e-6 * largest(expected));
        assertTrue(Files.size(out.resolve(SparkTrainJob.ONNX)) > 0);

        assertEquals(2, job(err, "--data", file.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("exists; give --force"), err.toString());
        Path none = dir.resolve("none");
        StringWriter bad = new StringWriter();
        assertEquals(2, job(bad, "--data", file.toString(), "--out", none.toString(), "--l2", "-1"));
        assertTrue(bad.toString().startsWith("spark-train: --l2 must be"), bad.toString());
        assertEquals(2, job(bad, "--data", dir.resolve("missing.jsonl").toString(), "--out", none.toString()));
        assertFalse(Files.exists(none), "a refused job writes nothing");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".work-")), "no work directory left");
        }
    }
}
