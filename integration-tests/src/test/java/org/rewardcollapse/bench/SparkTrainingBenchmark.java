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
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.model.SparseFeatures;
import org.rewardcollapse.spark.SparkNewtonTraining;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.LinearSolver;
import org.rewardcollapse.train.NewtonSums;
import org.rewardcollapse.train.RankingLoss;
import org.rewardcollapse.train.RankingObjective;
import org.rewardcollapse.utility.Utilities;
import org.rewardcollapse.utility.Utility;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.lang.management.ManagementFactory;
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
 * (arguments: output file, prompts, features, and {@code constants} to measure only the scaling model's constants).
 * <p>
 * It then measures the constants of a scaling model on paper ({@link #scalingModel}): (a) the time of one partition's
 * Newton pass (its groups' gradient and Hessian sums, {@link NewtonSums#add}) for n responses at d dense features,
 * fitted as {@code overhead + c n d^2} (and the line search's pass without the Hessian, {@code c_g n d}); (b) the
 * bytes a partition's sums move, 8 ((d + 1)^2 + d + 1) (measured: their Java serialization), and the time to
 * serialize, read back and merge them; (c) Spark's overhead on {@code local[2]}: an empty {@code treeAggregate} over
 * 2 to 256 partitions, fitted as a job, a task and a tree level (a shuffle stage); (d) the driver's Cholesky solve of
 * the (d + 1)-square Newton system (the Commons Math factorisation {@link org.rewardcollapse.train.NewtonSolver}
 * uses), fitted as {@code c d^3}. From these it prints the modelled time per Newton iteration at 10, 100 and 1,000
 * executors for 10^7 responses, d = 400 and 1,200, tree depth 2 and 3, at an assumed bandwidth.
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
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("date", java.time.Instant.now().toString());
        root.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!(args.length > 3 && args[3].equals("constants"))) {
            comparison(root, prompts, features);
        }
        scalingModel(root.putObject("scaling_model"));
        root.put("load_average_at_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Measure.write(root, out);
    }

    /** The local and Spark trainings compared (the table of the README's "Training on Spark"). */
    private static void comparison(ObjectNode root, int prompts, int features) throws Exception {
        MutableDataset<Regressor> data = data(prompts, 4, features, 5L);
        int d = data.getFeatureIDMap().size();
        LinearRewardTrainer trainer = LinearRewardTrainer.builder().solver(LinearSolver.NEWTON).l2(1.0).build();
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
    }

    /** Responses per prompt group in the constants' measurements (as in the comparison's data). */
    private static final int GROUP = 4;
    /** The modelled data: responses. */
    private static final double MODEL_RESPONSES = 1e7;
    /** The assumed network bandwidth into each executor and into the driver, bytes/s. */
    private static final double BANDWIDTH = 1e9;
    /** The modelled training's Newton iterations. */
    private static final int MODEL_ITERATIONS = 10;
    /** The encoder's throughput per core assumed for the encoding row: the README's measured ~30 texts/s per core. */
    private static final double TEXTS_PER_CORE_SECOND = 30.0;

    /**
     * Measures the constants of the scaling model on this machine and prints the modelled times (see the class
     * comment); every measured number and every assumption goes into {@code json}.
     */
    static void scalingModel(ObjectNode json) throws Exception {
        System.out.printf(Locale.ROOT, "%nScaling model constants, measured on this machine (%s; load average %.2f)%n",
                Measure.machine(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        RankingLoss loss = RankingObjective.builder().utility("log-sigmoid:1").build().loss();
        Utility utility = Utilities.parse("log-sigmoid:1");

        // (a) One partition's pass: n responses at d features, with the Hessian; fitted as overhead + c n d^2.
        int[][] shapes = {{100, 4000}, {200, 4000}, {400, 1000}, {400, 4000}, {800, 1000}, {1200, 500}};
        Part warmUp = part(2000, 200, 1L);
        for (int i = 0; i < 3; i++) { // the JIT compiles the pass before the first timed shape
            warmUp.sums(loss, utility, true);
            warmUp.sums(loss, utility, false);
        }
        double[] x = new double[shapes.length];
        double[] t = new double[shapes.length];
        ArrayNode passes = json.putArray("partition_pass_measured");
        System.out.printf(Locale.ROOT, "(a) %6s %8s %12s %14s%n", "d", "n", "seconds", "ns / (n d^2)");
        for (int i = 0; i < shapes.length; i++) {
            int d = shapes[i][0];
            int n = shapes[i][1];
            Part part = part(n, d, 7L + i);
            t[i] = Measure.medianSeconds(() -> part.sums(loss, utility, true), 1, 3);
            x[i] = (double) n * d * d;
            System.out.printf(Locale.ROOT, "    %6d %8d %12.4f %14.3f%n", d, n, t[i], 1e9 * t[i] / x[i]);
            ObjectNode row = passes.addObject();
            row.put("d", d);
            row.put("responses", n);
            row.put("seconds", t[i]);
        }
        double[] fit = leastSquares(x, t);
        double overhead = Math.max(fit[0], 0.0);
        double perResponseD2 = fit[1];
        Part gradientPart = part(4000, 400, 3L);
        double gradientSeconds = Measure.medianSeconds(() -> gradientPart.sums(loss, utility, false), 1, 3);
        double perResponseD = gradientSeconds / (4000.0 * 400);
        System.out.printf(Locale.ROOT, "    fit: %.3g s + %.3f ns x n d^2; without the Hessian (line search) at d 400, "
                + "n 4,000: %.4f s (%.2f ns x n d)%n", overhead, 1e9 * perResponseD2, gradientSeconds,
                1e9 * perResponseD);
        json.put("pass_overhead_seconds", overhead);
        json.put("pass_seconds_per_response_d2", perResponseD2);
        json.put("gradient_pass_seconds_per_response_d", perResponseD);

        // (b) What a partition's sums move: bytes, (de)serialization and merge, at d = 400 and 1,200.
        ArrayNode moved = json.putArray("sums_bytes_measured");
        double serdePerByte = 0;
        double mergePerByte = 0;
        System.out.printf(Locale.ROOT, "(b) %6s %14s %14s %12s %12s%n", "d", "bytes", "8((d+1)^2+d+1)", "ser+deser s",
                "merge s");
        for (int d : new int[]{400, 1200}) {
            NewtonSums sums = part(8, d, 11L).sums(loss, utility, true);
            NewtonSums other = part(8, d, 12L).sums(loss, utility, true);
            byte[][] bytes = new byte[1][];
            double serde = Measure.medianSeconds(() -> {
                bytes[0] = serialize(sums);
                deserialize(bytes[0]);
            }, 1, 5);
            double merge = Measure.medianSeconds(() -> sums.merge(other), 1, 5);
            long analytic = 8L * ((long) (d + 1) * (d + 1) + d + 1);
            System.out.printf(Locale.ROOT, "    %6d %,14d %,14d %12.4f %12.4f%n", d, bytes[0].length, analytic, serde,
                    merge);
            ObjectNode row = moved.addObject();
            row.put("d", d);
            row.put("serialized_bytes", bytes[0].length);
            row.put("analytic_bytes", analytic);
            row.put("serialize_and_read_seconds", serde);
            row.put("merge_seconds", merge);
            serdePerByte = Math.max(serdePerByte, serde / bytes[0].length);
            mergePerByte = Math.max(mergePerByte, merge / bytes[0].length);
        }
        json.put("serde_seconds_per_byte", serdePerByte);
        json.put("merge_seconds_per_byte", mergePerByte);

        // (d) The driver's solve: Cholesky of a (d + 1)-square SPD system, fitted as c d^3.
        ArrayNode solves = json.putArray("driver_solve_measured");
        double choleskyPerD3 = 0;
        System.out.printf(Locale.ROOT, "(d) %6s %12s%n", "d", "solve s");
        for (int d : new int[]{400, 800, 1200}) {
            double[][] spd = spd(d + 1, 13L);
            double seconds = Measure.medianSeconds(() -> new CholeskyDecomposition(new Array2DRowRealMatrix(spd, true))
                    .getSolver().solve(new ArrayRealVector(d + 1, 1.0)), 1, 3);
            System.out.printf(Locale.ROOT, "    %6d %12.4f%n", d, seconds);
            ObjectNode row = solves.addObject();
            row.put("d", d);
            row.put("seconds", seconds);
            choleskyPerD3 = Math.max(choleskyPerD3, seconds / Math.pow(d + 1, 3));
        }
        json.put("driver_solve_seconds_per_d3", choleskyPerD3);

        // (c) Spark's overhead on local[2]: an empty treeAggregate (depth 2) over P partitions.
        double[] partitions = {2, 16, 64, 256};
        double[] jobSeconds = new double[partitions.length];
        SparkSession spark = SparkSession.builder().master("local[2]").appName("newton-bench-overhead")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        ArrayNode empty = json.putArray("empty_tree_aggregate_measured");
        System.out.printf(Locale.ROOT, "(c) %10s %8s %12s%n", "partitions", "levels", "seconds");
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            for (int i = 0; i < partitions.length; i++) {
                int p = (int) partitions[i];
                JavaRDD<Integer> rdd = context.parallelize(java.util.stream.IntStream.range(0, p).boxed().toList(), p)
                        .cache();
                rdd.count();
                jobSeconds[i] = Measure.medianSeconds(() -> rdd.treeAggregate(0, (a, b) -> a, (a, b) -> a, 2), 5, 21);
                rdd.unpersist(true);
                System.out.printf(Locale.ROOT, "    %10d %8d %12.4f%n", p, treeLevels(p, 2).size(), jobSeconds[i]);
                ObjectNode row = empty.addObject();
                row.put("partitions", p);
                row.put("tree_levels", treeLevels(p, 2).size());
                row.put("seconds", jobSeconds[i]);
            }
        } finally {
            spark.stop();
        }
        // Every P >= 16 has one tree level: their slope is the cost of a task, the rest of P = 16 over P = 2 a level.
        double[] tail = leastSquares(Arrays.copyOfRange(partitions, 1, 4), Arrays.copyOfRange(jobSeconds, 1, 4));
        double perTask = Math.max(tail[1], 0.0);
        double perJob = Math.max(jobSeconds[0] - 2 * perTask, 0.0);
        double perLevel = Math.max(tail[0] - perJob, 0.0);
        System.out.printf(Locale.ROOT, "    fit: %.4f s a job + %.5f s a task + %.4f s a tree level%n", perJob, perTask,
                perLevel);
        json.put("spark_job_seconds", perJob);
        json.put("spark_task_seconds", perTask);
        json.put("spark_tree_level_seconds", perLevel);

        // The model.
        json.put("assumed_bandwidth_bytes_per_second", BANDWIDTH);
        json.put("modelled_responses", MODEL_RESPONSES);
        json.put("modelled_iterations", MODEL_ITERATIONS);
        json.put("assumed_texts_per_core_second", TEXTS_PER_CORE_SECOND);
        ArrayNode modelled = json.putArray("modelled");
        System.out.printf(Locale.ROOT, "%nModelled (not measured): %,.0f responses, %d Newton iterations, one core per "
                + "executor, %.0f GB/s into each executor and the driver%n", MODEL_RESPONSES, MODEL_ITERATIONS,
                BANDWIDTH / 1e9);
        System.out.printf(Locale.ROOT, "%6s %6s %6s %10s %10s %10s %10s %10s %12s %10s %12s%n", "d", "P", "depth",
                "compute", "aggregate", "solve", "spark", "line srch", "s/iteration", "training", "encoding");
        for (int d : new int[]{400, 1200}) {
            for (int p : new int[]{10, 100, 1000}) {
                for (int depth : new int[]{2, 3}) {
                    double n = MODEL_RESPONSES / p;
                    double bytes = 8.0 * ((double) (d + 1) * (d + 1) + d + 1);
                    double compute = overhead + perResponseD2 * n * d * d;
                    List<int[]> levels = treeLevels(p, depth);
                    double aggregate = 0;
                    int tasks = p;
                    for (int[] level : levels) { // {fan-in, nodes}
                        aggregate += level[0] * bytes * (1 / BANDWIDTH + serdePerByte + mergePerByte);
                        tasks += level[1];
                    }
                    int last = levels.isEmpty() ? p : levels.get(levels.size() - 1)[1];
                    aggregate += last * bytes * (1 / BANDWIDTH + serdePerByte + mergePerByte);
                    double solve = choleskyPerD3 * Math.pow(d + 1, 3);
                    double overheads = perJob + perTask * tasks + perLevel * levels.size();
                    double lineSearch = overheads + perResponseD * n * d + last * 8.0 * (d + 1) / BANDWIDTH;
                    double iteration = compute + aggregate + solve + overheads + lineSearch;
                    double encoding = MODEL_RESPONSES / (TEXTS_PER_CORE_SECOND * p);
                    System.out.printf(Locale.ROOT, "%6d %6d %6d %10.3f %10.3f %10.3f %10.3f %10.3f %12.3f %10.1f "
                            + "%12.0f%n", d, p, depth, compute, aggregate, solve, overheads, lineSearch, iteration,
                            MODEL_ITERATIONS * iteration, encoding);
                    ObjectNode row = modelled.addObject();
                    row.put("d", d);
                    row.put("executors", p);
                    row.put("tree_depth", depth);
                    row.put("tree_levels_on_executors", levels.size());
                    row.put("sums_merged_by_driver", last);
                    row.put("compute_seconds", compute);
                    row.put("aggregate_seconds", aggregate);
                    row.put("driver_solve_seconds", solve);
                    row.put("spark_overhead_seconds", overheads);
                    row.put("line_search_pass_seconds", lineSearch);
                    row.put("seconds_per_iteration", iteration);
                    row.put("seconds_per_training", MODEL_ITERATIONS * iteration);
                    row.put("encoding_seconds", encoding);
                }
            }
        }
    }

    /**
     * The executor-side levels of {@code SparkNewtonTraining}'s tree over P partitions at a depth: per level its
     * fan-in and node count (the driver then merges the last level's nodes, or the P partitions with no level).
     */
    static List<int[]> treeLevels(int partitions, int depth) {
        List<int[]> levels = new ArrayList<>();
        int count = partitions;
        int scale = Math.max((int) Math.ceil(Math.pow(count, 1.0 / depth)), 2);
        while (count > scale + (count + scale - 1) / scale) {
            count = (count + scale - 1) / scale;
            levels.add(new int[]{scale, count});
        }
        return levels;
    }

    /** A partition's groups: n responses of d dense Gaussian features in groups of {@link #GROUP}. */
    private record Part(List<RankingGroup> groups, SparseFeatures[] rows, int d) {
        NewtonSums sums(RankingLoss loss, Utility utility, boolean curvature) {
            double[] point = new double[d + 1];
            Arrays.fill(point, 0.01);
            NewtonSums sums = new NewtonSums(d, curvature);
            for (RankingGroup g : groups) {
                sums.add(g, utility, loss, rows, point);
            }
            return sums;
        }
    }

    private static Part part(int n, int d, long seed) {
        Random random = new Random(seed);
        int[] all = java.util.stream.IntStream.range(0, d).toArray();
        SparseFeatures[] rows = new SparseFeatures[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new SparseFeatures(all, random.doubles(d).map(v -> v - 0.5).toArray());
        }
        List<RankingGroup> groups = new ArrayList<>();
        for (int start = 0; start + GROUP <= n; start += GROUP) {
            int[] members = java.util.stream.IntStream.range(start, start + GROUP).toArray();
            double[] scores = random.doubles(GROUP).toArray();
            groups.add(new RankingGroup("p" + start, null, members, scores));
        }
        return new Part(groups, rows, d);
    }

    private static double[][] spd(int m, long seed) {
        Random random = new Random(seed);
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = a[j][i] = i == j ? m + random.nextDouble() : random.nextDouble() - 0.5;
            }
        }
        return a;
    }

    private static byte[] serialize(Object o) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) throws Exception {
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    /** Least squares a + b x. */
    private static double[] leastSquares(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double b = sxy / sxx;
        return new double[]{my - b * mx, b};
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
