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

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.LetorSource;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.onnx.OnnxRewardScorer;
import org.rewardcollapse.onnx.OrtBuild;
import org.rewardcollapse.onnx.TribuoOnnxModels;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.regression.Regressor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scoring throughput: rows per second of the JVM model ({@code Model.predict}), Tribuo's {@code ONNXExternalModel}
 * and this project's {@code OnnxRewardScorer} (from examples, and from dense float rows), against batch size and
 * threads, on LETOR features and on featurised text, beside the memory-bandwidth floor of reading the dense input.
 * Prints a table and writes JSON. Median of several runs after warm-up.
 * <p>
 * Threads: the JVM path splits the rows over that many Java threads; the ONNX Runtime paths give the session that
 * many intra-op threads and are called from one thread.
 */
public final class ScoringBenchmark {
    private static final int[] BATCHES = {1, 16, 64, 256, 1024, 4096};
    private static final int[] THREADS = {1, 2};
    private static final int ROWS = 8192;

    private ScoringBenchmark() {}

    private record Workload(String data, String model, RewardModel reward, List<Example<Regressor>> rows, float[] dense) {}

    /**
     * Runs the benchmark.
     * @param args Optional output path (default {@code bench-scoring.json}).
     * @throws Exception If a run fails.
     */
    public static void main(String[] args) throws Exception {
        Measure.write(run(), Path.of(args.length > 0 ? args[0] : "bench-scoring.json"));
    }

    /**
     * Runs the benchmark and prints its table.
     * @return The results.
     * @throws Exception If a run fails.
     */
    static ObjectNode run() throws Exception {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("machine", Measure.machine());
        double bandwidth = readBandwidth();
        root.put("read_bandwidth_gb_per_s", bandwidth / 1e9);
        ArrayNode results = root.putArray("rows");
        System.out.printf(Locale.ROOT, "Scoring throughput, rows/s, median of 5 after warm-up (%s); memory read "
                + "bandwidth %.1f GB/s%n", root.get("machine").asText(), bandwidth / 1e9);
        System.out.printf(Locale.ROOT, "%-8s %-7s %-26s %7s %6s %12s %9s%n", "data", "model", "path", "threads",
                "batch", "rows/s", "vs JVM");
        Path dir = Files.createTempDirectory("scoring-bench");
        for (Workload w : workloads()) {
            Path onnx = dir.resolve(w.data() + "-" + w.model() + ".onnx");
            w.reward().saveONNXModel("org.rewardcollapse", 1, onnx);
            int features = w.reward().getFeatureIDMap().size();
            double floor = bandwidth / (4.0 * features);
            for (int threads : THREADS) {
                double jvm = ROWS / Measure.medianSeconds(() -> jvmPredict(w, threads), 2, 5);
                row(results, w, "JVM predict", threads, 0, jvm, jvm, floor);
                for (int batch : BATCHES) {
                    ONNXExternalModel<Regressor> external = TribuoOnnxModels.externalModel(onnx, options(threads));
                    external.setBatchSize(batch);
                    row(results, w, "Tribuo ONNXExternalModel", threads, batch,
                            ROWS / Measure.medianSeconds(() -> external.predict(w.rows()), 1, 5), jvm, floor);
                    try (OnnxRewardScorer scorer = OnnxRewardScorer.open(onnx, Device.CPU, batch, threads)) {
                        row(results, w, "scorer (examples)", threads, batch,
                                ROWS / Measure.medianSeconds(() -> scorer.score(w.rows()), 1, 5), jvm, floor);
                        row(results, w, "scorer (dense rows)", threads, batch,
                                ROWS / Measure.medianSeconds(() -> scorer.score(w.dense(), ROWS), 1, 5), jvm, floor);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-8s %-7s %-26s %7s %6s %12.0f %9s%n", w.data(), w.model(),
                    "input-read bound (max)", "-", "-", floor, "-");
        }
        return root;
    }

    private static List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        Path letor = Measure.dataFile("letor_rank.train");
        if (letor != null) {
            MutableDataset<Regressor> data = new MutableDataset<>(new LetorSource(letor));
            workloads.add(workload("letor", "linear", LinearRewardTrainer.builder().epochs(2).build().train(data), data));
            workloads.add(workload("letor", "mlp", MlpRewardTrainer.builder().hiddenSizes(64).epochs(2).build().train(data), data));
        }
        MutableDataset<Regressor> text = new MutableDataset<>(new SyntheticRankingSource(ROWS / 8, 0.5, 1L,
                ResponseFeaturizer.defaults()));
        workloads.add(workload("text", "linear", LinearRewardTrainer.builder().epochs(2).build().train(text), text));
        workloads.add(workload("text", "mlp", MlpRewardTrainer.builder().hiddenSizes(64).epochs(2).build().train(text), text));
        return workloads;
    }

    private static Workload workload(String data, String model, RewardModel reward, MutableDataset<Regressor> dataset) {
        List<Example<Regressor>> rows = new ArrayList<>(ROWS);
        while (rows.size() < ROWS) {
            rows.add(dataset.getExample(rows.size() % dataset.size()));
        }
        int features = reward.getFeatureIDMap().size();
        float[] dense = new float[ROWS * features];
        for (int r = 0; r < ROWS; r++) {
            for (Feature f : rows.get(r)) {
                int id = reward.getFeatureIDMap().getID(f.getName());
                if (id >= 0) {
                    dense[r * features + id] += (float) f.getValue();
                }
            }
        }
        return new Workload(data, model, reward, rows, dense);
    }

    private static void jvmPredict(Workload w, int threads) throws Exception {
        if (threads == 1) {
            w.reward().predict(w.rows());
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            int chunk = (ROWS + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<Example<Regressor>> part = w.rows().subList(t * chunk, Math.min(ROWS, (t + 1) * chunk));
                parts.add(pool.submit(() -> w.reward().predict(part)));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtBuild.environment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        return options;
    }

    private static void row(ArrayNode results, Workload w, String path, int threads, int batch, double rowsPerSecond,
                            double jvm, double floor) {
        System.out.printf(Locale.ROOT, "%-8s %-7s %-26s %7d %6s %12.0f %8.2fx%n", w.data(), w.model(), path, threads,
                batch == 0 ? "-" : Integer.toString(batch), rowsPerSecond, rowsPerSecond / jvm);
        ObjectNode row = results.addObject();
        row.put("data", w.data());
        row.put("model", w.model());
        row.put("features", w.reward().getFeatureIDMap().size());
        row.put("path", path);
        row.put("threads", threads);
        row.put("batch", batch);
        row.put("rows_per_second", rowsPerSecond);
        row.put("speedup_vs_jvm", rowsPerSecond / jvm);
        row.put("bandwidth_floor_rows_per_second", floor);
    }

    /**
     * Bytes per second of reading an int array much larger than the caches (one thread; integer sums vectorise, so
     * this measures memory, not the adder).
     */
    private static double readBandwidth() throws Exception {
        int[] big = new int[64 << 20];
        java.util.Arrays.fill(big, 1);
        long[] sink = new long[1];
        double seconds = Measure.medianSeconds(() -> {
            int sum = 0;
            for (int v : big) {
                sum += v;
            }
            sink[0] += sum;
        }, 2, 5);
        if (sink[0] == 0) {
            throw new IllegalStateException("the bandwidth loop was optimised away");
        }
        return big.length * 4.0 / seconds;
    }
}
