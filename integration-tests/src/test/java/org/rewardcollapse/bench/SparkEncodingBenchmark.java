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
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.spark.EncodingSettings;
import org.rewardcollapse.spark.SparkEncoding;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Encoding throughput of all-MiniLM-L6-v2 on about 300 texts (the prompts and responses of generated ranked data):
 * the single-machine encoder with one thread and with one per core, and {@link SparkEncoding} on {@code local[1]} and
 * {@code local[2]} with as many encoder threads as cores (the file read, its lines spread over the partitions, every
 * distinct text of a chunk encoded on the executors, the rows counted). Median of 3 after a warm-up; prints a table and writes JSON. No cache anywhere.
 */
public final class SparkEncodingBenchmark {
    private SparkEncodingBenchmark() {}

    /**
     * Runs the benchmark.
     * @param args Output path (default {@code bench-spark-encoding.json}), prompts (34: 306 texts).
     * @throws Exception If it fails.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench-spark-encoding.json");
        int prompts = args.length > 1 ? Integer.parseInt(args[1]) : 34;
        List<PromptGroup> groups = TruncationBenchmark.generate(prompts, 0.5, 7L);
        Path data = Files.createTempFile("encoding-bench", ".jsonl");
        RankedJsonlWriter.write(groups, data);
        Set<String> distinct = new LinkedHashSet<>();
        for (PromptGroup g : groups) {
            distinct.add(g.prompt());
            g.responses().stream().map(ScoredResponse::text).forEach(distinct::add);
        }
        List<String> texts = new ArrayList<>(distinct);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("machine", Measure.machine());
        root.put("encoder", "all-MiniLM-L6-v2");
        root.put("prompts", prompts);
        root.put("texts", texts.size());
        ArrayNode rows = root.putArray("rows");
        System.out.printf(Locale.ROOT, "all-MiniLM-L6-v2, %d distinct texts (%d prompts, %d responses); median of 3 after "
                + "a warm-up (%s)%n", texts.size(), prompts, texts.size() - prompts, Measure.machine());
        System.out.printf(Locale.ROOT, "%-40s %8s %10s%n", "encoder", "seconds", "texts/s");
        for (int threads : new int[]{1, 0}) {
            OnnxTextEncoder encoder = OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", threads);
            double seconds = Measure.medianSeconds(() -> encoder.encode(texts), 1, 3);
            row(rows, "single machine, " + (threads == 0 ? "one thread per core" : "1 thread"), seconds, texts.size());
        }
        for (int cores : new int[]{1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("encoding-bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            try {
                double seconds = Measure.medianSeconds(() -> {
                    SparkEncoding.Result result = SparkEncoding.encode(spark, List.of(data.toString()),
                            DataFormat.RANKED, new EncodingSettings("minilm", 0, "cpu", cores, null), cores);
                    try {
                        result.encoded().count();
                    } finally {
                        result.release();
                    }
                }, 1, 3);
                row(rows, "Spark local[" + cores + "], " + cores + " partition" + (cores == 1 ? "" : "s"), seconds,
                        texts.size());
            } finally {
                spark.stop();
            }
        }
        Files.deleteIfExists(data);
        Measure.write(root, out);
    }

    private static void row(ArrayNode rows, String name, double seconds, int texts) {
        System.out.printf(Locale.ROOT, "%-40s %8.2f %10.1f%n", name, seconds, texts / seconds);
        ObjectNode row = rows.addObject();
        row.put("encoder", name);
        row.put("seconds", seconds);
        row.put("texts_per_second", texts / seconds);
    }
}
