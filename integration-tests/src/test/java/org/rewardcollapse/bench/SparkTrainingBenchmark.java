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
package org.rewardcollapse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.spark.SparkNewtonTraining;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Newton training of the linear head on Spark in local mode with 1 and 2 cores against the local training on the
 * same data: prompt groups of dense features (an embedding's shape), the whole training timed (median of 3 after a
 * warm-up), per Newton iteration, with the bytes the executors send to the driver (Spark's task result sizes, read
 * with a listener) and the sums evaluated (one Spark job each: the iterations and their line searches). The analytic
 * size of what each partition sends per evaluation with curvature is (d + 1)^2 doubles. Spark needs its Java 17
 * options, so this runs in its own JVM:
 * <pre>
 * mvn -q -B -pl integration-tests exec:exec -Pspark-bench -Dspark.bench.class=org.rewardcollapse.bench.SparkTrainingBenchmark
 * </pre>
 * (arguments: output file, prompts, features).
 */
public final class SparkTrainingBenchmark {
    private SparkTrainingBenchmark() {}

    /**
     * Runs the benchmark.
     * @param args Output path (default {@code bench-spark-training.json}), prompts (4,000), features (128).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-spark-training.json");
        int prompts = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int features = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        MutableDataset<Regressor> data = data(prompts, 4, features, 5L);
        int d = data.getFeatureIDMap().size();
        LinearRewardTrainer trainer = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(1.0).build();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("prompts", prompts);
        root.put("responses", data.size());
        root.put("features", d);
        root.put("bytes_per_partition_sums_analytic", 8L * (d + 1) * (d + 1));
        ArrayNode rows = root.putArray("rows");
        System.out.printf(Locale.ROOT, "Newton training, %,d prompts x 4 responses, %d dense features; median of 3 after "
                + "a warm-up (%s)%n", prompts, d, Measure.machine());
        System.out.printf(Locale.ROOT, "%-36s %8s %6s %6s %12s %14s %14s%n", "trainer", "seconds", "iters", "evals",
                "s/iteration", "bytes/eval", "per partition");
        RewardModel[] reference = new RewardModel[1];
        for (int threads : new int[]{1, 2}) {
            LinearRewardTrainer local = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(1.0)
                    .numThreads(threads).build();
            double seconds = Measure.medianSeconds(() -> reference[0] = local.train(data), 1, 3);
            int iterations = reference[0].history().epochs().size();
            row(rows, "local, numThreads " + threads, seconds, iterations, -1, 0, 0, 0.0);
        }
        double[] expected = weights(reference[0]);
        for (int cores : new int[]{1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("newton-bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
            try {
                JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
                AtomicLong resultBytes = new AtomicLong();
                AtomicLong jobs = new AtomicLong();
                context.sc().addSparkListener(new SparkListener() {
                    @Override
                    public void onTaskEnd(SparkListenerTaskEnd task) {
                        if (task.taskMetrics() != null) {
                            resultBytes.addAndGet(task.taskMetrics().resultSize());
                        }
                    }

                    @Override
                    public void onJobEnd(SparkListenerJobEnd job) {
                        jobs.incrementAndGet();
                    }
                });
                for (int partitions : cores == 1 ? new int[]{1} : new int[]{2, 8}) {
                    SparkNewtonTraining training = new SparkNewtonTraining(context, partitions);
                    RewardModel[] model = new RewardModel[1];
                    double seconds = Measure.medianSeconds(() -> model[0] = training.train(trainer, data), 1, 3);
                    Thread.sleep(1000); // the listener bus delivers the last events
                    resultBytes.set(0);
                    jobs.set(0);
                    training.train(trainer, data);
                    Thread.sleep(1000);
                    double[] actual = weights(model[0]);
                    double worst = 0;
                    for (int k = 0; k < actual.length; k++) {
                        worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
                    }
                    double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
                    row(rows, "Spark local[" + cores + "], " + partitions + " partitions", seconds,
                            model[0].history().epochs().size(), jobs.get(), resultBytes.get(), partitions,
                            worst / scale);
                }
            } finally {
                spark.stop();
            }
        }
        Measure.write(root, out);
    }

    private static void row(ArrayNode rows, String name, double seconds, int iterations, long evaluations,
                            long bytes, int partitions, double deviation) {
        double perEval = evaluations > 0 ? (double) bytes / evaluations : 0;
        System.out.printf(Locale.ROOT, "%-36s %8.2f %6d %6s %12.3f %14s %14s%s%n", name, seconds, iterations,
                evaluations < 0 ? "-" : Long.toString(evaluations), seconds / iterations,
                evaluations < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", perEval),
                evaluations < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", perEval / partitions),
                evaluations < 0 ? "" : String.format(Locale.ROOT, "   max |w - local| / max |w| = %.1e", deviation));
        ObjectNode row = rows.addObject();
        row.put("trainer", name);
        row.put("seconds", seconds);
        row.put("newton_iterations", iterations);
        row.put("seconds_per_iteration", seconds / iterations);
        if (evaluations >= 0) {
            row.put("partitions", partitions);
            row.put("sums_evaluated", evaluations);
            row.put("task_result_bytes", bytes);
            row.put("task_result_bytes_per_evaluation", perEval);
            row.put("max_weight_deviation_relative", deviation);
        }
    }

    private static double[] weights(RewardModel model) {
        return Arrays.stream(model.network().layerWeights(0)).mapToDouble(row -> row[0]).toArray();
    }

    /** Prompts of dense Gaussian features and a length feature; scores a noisy linear function of them. */
    private static MutableDataset<Regressor> data(int prompts, int responses, int features, long seed) {
        Random random = new Random(seed);
        double[] truth = random.doubles(features, -1, 1).toArray();
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> set = new MutableDataset<>(new SimpleDataSourceProvenance("dense groups", factory),
                factory);
        for (int p = 0; p < prompts; p++) {
            for (int r = 0; r < responses; r++) {
                List<Feature> row = new ArrayList<>(features + 1);
                double score = 0;
                for (int f = 0; f < features; f++) {
                    double value = random.nextGaussian();
                    row.add(new Feature("e" + f, value));
                    score += truth[f] * value;
                }
                double length = random.nextDouble() * 3;
                row.add(new Feature(ResponseFeaturizer.LENGTH_PREFIX + "log-words", length));
                score += 0.5 * length + 2 * random.nextGaussian();
                set.add(RankingMetadata.example("p" + p, null, score, row, RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                        RankingMetadata.DEFAULT_PROMPT_TYPE_KEY));
            }
        }
        return set;
    }
}
