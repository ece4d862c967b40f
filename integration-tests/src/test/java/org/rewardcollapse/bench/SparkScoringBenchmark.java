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
import org.apache.spark.sql.SparkSession;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.DataSpec;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.Scoring;
import org.rewardcollapse.onnx.Device;
import org.rewardcollapse.spark.ScoringSettings;
import org.rewardcollapse.spark.SparkScoring;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Scoring throughput on Spark in local mode with 1 and 2 cores against the single-process scorer ({@code score
 * --onnx}'s code) on the same file: 100,000 generated responses, read, featurised and scored end to end; responses per
 * second, median of 3 runs after a warm-up. Spark needs its Java 17 options, so this runs in its own JVM:
 * <pre>
 * mvn -q -B -DskipTests install
 * ORT_DISABLE_TELEMETRY=1 mvn -q -B -pl integration-tests exec:exec -Pspark-bench
 * </pre>
 */
public final class SparkScoringBenchmark {
    private static final int PROMPTS = 12_500;

    private SparkScoringBenchmark() {}

    /**
     * Runs the benchmark on its own.
     * @param args Optional output path (default {@code spark-results.json}).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        Measure.write(run(), Path.of(args.length > 0 ? args[0] : "bench-spark.json"));
    }

    /**
     * Measures.
     * @return The results.
     * @throws Exception If a run fails.
     */
    static ObjectNode run() throws Exception {
        Path dir = Files.createTempDirectory("spark-bench");
        Path data = dir.resolve("responses.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(PROMPTS, 0.5, 9L), data);
        Path train = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(500, 0.5, 3L), train);
        StringWriter sink = new StringWriter();
        int status = RewardCollapseCli.run(new String[]{"train", "--data", train.toString(), "--model", "mlp",
                "--hidden-sizes", "64", "--epochs", "3", "--l2", "0", "--quiet", "--out", dir.resolve("run").toString()},
                new PrintWriter(sink), new PrintWriter(sink));
        if (status != 0) {
            throw new IllegalStateException("training failed: " + sink);
        }
        Path onnx = dir.resolve("run/model.onnx");
        byte[] model = Files.readAllBytes(onnx);
        long responses = PROMPTS * 8L;
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("responses", responses);
        ArrayNode rows = root.putArray("rows");
        System.out.printf(Locale.ROOT, "Scoring %,d responses (ranked JSONL, hashed words, MLP 64) end to end: read, "
                + "featurise, score; median of 3 after a warm-up (%s)%n", responses, Measure.machine());
        System.out.printf(Locale.ROOT, "%-44s %10s %14s%n", "scorer", "seconds", "responses/s");
        double single = Measure.medianSeconds(() -> Scoring.withOnnx(onnx, new DataSpec(data, DataFormat.RANKED, null,
                List.of()), Device.CPU, 256), 1, 3);
        row(rows, "single process (score --onnx)", single, responses);
        for (int cores : new int[]{1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", Integer.toString(cores)).getOrCreate();
            try {
                ScoringSettings settings = new ScoringSettings("model.onnx", "bench-" + cores, "cpu", 256, 1, List.of());
                double seconds = Measure.medianSeconds(() -> {
                    SparkScoring.Result result = SparkScoring.scoreJsonl(spark, List.of(data.toString()),
                            DataFormat.RANKED, model, settings, true);
                    try {
                        if (result.scores().count() != responses) {
                            throw new IllegalStateException("not every response was scored");
                        }
                    } finally {
                        result.release();
                    }
                }, 1, 3);
                row(rows, "Spark local[" + cores + "] (SparkScoring.scoreJsonl)", seconds, responses);
            } finally {
                spark.stop();
            }
        }
        return root;
    }

    private static void row(ArrayNode rows, String name, double seconds, long responses) {
        System.out.printf(Locale.ROOT, "%-44s %10.2f %,14.0f%n", name, seconds, responses / seconds);
        ObjectNode row = rows.addObject();
        row.put("scorer", name);
        row.put("seconds", seconds);
        row.put("responses_per_second", responses / seconds);
    }
}
