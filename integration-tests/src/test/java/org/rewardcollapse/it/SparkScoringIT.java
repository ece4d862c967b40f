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

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.eval.ReportJson;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.spark.ScoreColumns;
import org.rewardcollapse.spark.ScoringSettings;
import org.rewardcollapse.spark.SparkEvaluation;
import org.rewardcollapse.spark.SparkScoreJob;
import org.rewardcollapse.spark.SparkScoring;
import org.rewardcollapse.utility.UtilityByType;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scoring and evaluation on Spark in local mode ({@code local[2]}), against the single-machine commands on the same
 * files: the rewards within 1e-6 of {@code score}'s and the report equal to {@code evaluate}'s, on 100,000 generated
 * responses and on the real files; bad lines counted with their file and line; the job's output complete or absent.
 */
class SparkScoringIT {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path onnx;
    private static Path big;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("rewardcollapse-it")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4").config("spark.sql.adaptive.enabled", "false")
                .getOrCreate();
        Path small = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(200, 0.5, 3L), small);
        cli("train", "--data", small.toString(), "--model", "mlp", "--hidden-sizes", "8", "--bounded", "--policy",
                "open=inverse,closed=linear", "--epochs", "3", "--l2", "0", "--quiet", "--out", dir.resolve("run").toString());
        onnx = dir.resolve("run/model.onnx");
        big = dir.resolve("big.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(12_500, 0.5, 9L), big);
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + "\n" + out + err);
        return out.toString();
    }

    private static ScoringSettings settings() {
        return new ScoringSettings("model.onnx", null, "cpu", 256, 1, List.of());
    }

    private static Map<String, Double> single(Path data, String name) throws IOException {
        Path scores = dir.resolve(name);
        cli("score", "--onnx", onnx.toString(), "--data", data.toString(), "--out", scores.toString());
        Map<String, Double> rewards = new HashMap<>();
        for (String line : Files.readAllLines(scores)) {
            JsonNode node = Json.mapper().readTree(line);
            rewards.put(node.get("prompt_id").asText() + "#" + node.get("response_index").asInt(),
                    node.get("reward").asDouble());
        }
        return rewards;
    }

    private static double maxDifference(Map<String, Double> expected, Dataset<Row> scores) {
        assertEquals(expected.size(), scores.count());
        double worst = 0;
        Iterator<Row> rows = scores.select(ScoreColumns.PROMPT_ID, ScoreColumns.RESPONSE_INDEX, ScoreColumns.REWARD)
                .toLocalIterator();
        while (rows.hasNext()) {
            Row row = rows.next();
            Double reward = expected.get(row.getString(0) + "#" + row.getInt(1));
            assertTrue(reward != null, "an unexpected response " + row);
            worst = Math.max(worst, Math.abs(reward - row.getDouble(2)));
        }
        return worst;
    }

    /** The report's numbers as JSON, without what only a file-based evaluation records. */
    private static JsonNode numbers(JsonNode metrics) {
        var copy = metrics.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("provenance", "bad_rows"));
        return copy;
    }

    private static void assertSameReport(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNumber()) {
            assertEquals(expected.asDouble(), actual.asDouble(), 1e-9 * Math.max(1, Math.abs(expected.asDouble())), where);
        } else if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(name -> assertSameReport(expected.get(name), actual.get(name),
                    where + "." + name));
            assertEquals(expected.size(), actual.size(), where + " keys " + expected + " vs " + actual);
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where);
            for (int i = 0; i < expected.size(); i++) {
                assertSameReport(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where);
        }
    }

    /** What evaluate reports for score's rewards (the ONNX model's, as Spark's) with the model's settings. */
    private static JsonNode evaluateSingle(Path data, Path scores, String name) throws IOException {
        Path out = dir.resolve(name);
        cli("evaluate", "--scores", scores.toString(), "--data", data.toString(), "--utilities",
                "open=inverse,eps=0.1,closed=linear", "--normalise", "no", "--out", out.toString());
        return numbers(Json.mapper().readTree(out.resolve("metrics.json").toFile()));
    }

    @Test
    void hundredThousandResponsesScoreAsTheScoreCommandAndEvaluateAsEvaluate() throws IOException {
        Map<String, Double> expected = single(big, "big-scores.jsonl");
        assertEquals(100_000, expected.size());
        SparkScoring.Result result = SparkScoring.scoreJsonl(spark, List.of(big.toString()), DataFormat.RANKED,
                Files.readAllBytes(onnx), settings(), true);
        try {
            assertEquals(0, result.badRows().count());
            double worst = maxDifference(expected, result.scores());
            assertTrue(worst <= 1e-6, "Spark and score differ by " + worst);
            RankingReport report = SparkEvaluation.evaluate(result.scores(), 10, RankingReport.Normalisation.NO,
                    UtilityByType.fromSpecs(Map.of("open", "inverse,eps=0.1", "closed", "linear")));
            assertSameReport(evaluateSingle(big, dir.resolve("big-scores.jsonl"), "big-eval"),
                    numbers(ReportJson.of(report)), "metrics");
            System.out.printf("Spark local[2]: 100,000 responses, max |reward - score's| %.2e; report equal to "
                    + "evaluate's%n", worst);
        } finally {
            result.release();
        }
    }

    @Test
    void badLinesAreCountedWithTheirFileAndLineAndTheRestIsScored() throws IOException {
        Path mixed = dir.resolve("mixed.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(big).subList(0, 20));
        lines.set(4, "{\"prompt\": \"p\", \"responses\": [");
        lines.set(9, "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\"}, {\"text\": \"b\", \"rank\": 1}]}");
        lines.set(14, "");
        Files.write(mixed, lines);
        SparkScoring.Result result = SparkScoring.scoreJsonl(spark, List.of(mixed.toString()), DataFormat.RANKED,
                Files.readAllBytes(onnx), settings(), true);
        try {
            List<Row> bad = result.badRows().orderBy(ScoreColumns.LINE).collectAsList();
            assertEquals(2, bad.size(), bad.toString());
            assertEquals(5L, bad.get(0).getLong(1));
            assertEquals(10L, bad.get(1).getLong(1));
            assertTrue(bad.get(1).getString(2).contains("line 10") && bad.get(1).getString(2).contains("rank"),
                    bad.get(1).getString(2));
            assertEquals(17 * 8, result.scores().count(), "every good line's responses are scored");
        } finally {
            result.release();
        }
    }

    @Test
    void parquetRowsOfTextOrFeaturesScoreAsTheirJsonl() throws IOException {
        Path jsonl = dir.resolve("few.jsonl");
        Files.write(jsonl, Files.readAllLines(big).subList(0, 50));
        Map<String, Double> expected = single(jsonl, "few-scores.jsonl");
        // The same responses as Parquet rows, one per response.
        List<Row> rows = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode node = Json.mapper().readTree(line);
            for (int i = 0; i < node.get("responses").size(); i++) {
                JsonNode response = node.get("responses").get(i);
                rows.add(org.apache.spark.sql.RowFactory.create(node.get("id").asText(), i, node.get("prompt").asText(),
                        response.get("text").asText(), response.get("score").asDouble(),
                        node.get("prompt_type").asText()));
            }
        }
        var schema = new org.apache.spark.sql.types.StructType()
                .add(ScoreColumns.PROMPT_ID, "string").add(ScoreColumns.RESPONSE_INDEX, "int")
                .add(SparkScoring.PROMPT, "string").add(SparkScoring.RESPONSE, "string")
                .add(ScoreColumns.SCORE, "double").add(ScoreColumns.PROMPT_TYPE, "string");
        Path parquet = dir.resolve("few.parquet");
        spark.createDataFrame(rows, schema).write().parquet(parquet.toString());
        SparkScoring.Result result = SparkScoring.scoreParquet(spark, List.of(parquet.toString()),
                Files.readAllBytes(onnx), settings());
        try {
            assertEquals(0, result.badRows().count());
            assertTrue(maxDifference(expected, result.scores()) <= 1e-6);
        } finally {
            result.release();
        }
    }

    @Test
    void theRealFilesScoreAndEvaluateAsOnOneMachine() throws IOException {
        Path oasst = SharedData.file("oasst_en_100_tree.jsonl");
        Path hh = SharedData.file("hh_rlhf_harmless_test.jsonl.gz");
        for (Path data : List.of(oasst, hh)) {
            Map<String, Double> expected = single(data, data.getFileName() + "-scores.jsonl");
            SparkScoring.Result result = SparkScoring.scoreJsonl(spark, List.of(data.toAbsolutePath().toString()),
                    DataFormat.detect(data), Files.readAllBytes(onnx), settings(), true);
            try {
                assertEquals(0, result.badRows().count());
                double worst = maxDifference(expected, result.scores());
                assertTrue(worst <= 1e-6, data + ": Spark and score differ by " + worst);
                RankingReport report = SparkEvaluation.evaluate(result.scores(), 10, RankingReport.Normalisation.NO,
                        UtilityByType.fromSpecs(Map.of("open", "inverse,eps=0.1", "closed", "linear")));
                assertSameReport(evaluateSingle(data, dir.resolve(data.getFileName() + "-scores.jsonl"),
                        data.getFileName() + "-eval"), numbers(ReportJson.of(report)), data.getFileName().toString());
            } finally {
                result.release();
            }
        }
    }

    @Test
    void theJobWritesItsOutputWholeOrNotAtAll() throws IOException {
        Path out = dir.resolve("job-out");
        StringWriter printed = new StringWriter();
        CommandLine job = SparkScoreJob.commandLine();
        job.setOut(new PrintWriter(printed, true));
        assertEquals(0, job.execute("--onnx", onnx.toString(), "--data", dir.resolve("train.jsonl").toString(),
                "--out", out.toString(), "--evaluate"), printed.toString());
        assertTrue(printed.toString().contains("scored 1,600 responses"), printed.toString());
        for (String name : List.of(SparkScoreJob.MARKER, SparkScoreJob.METRICS, SparkScoreJob.SCORES,
                SparkScoreJob.BAD_ROWS)) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        assertEquals(1600, spark.read().parquet(out.resolve(SparkScoreJob.SCORES).toString()).count());
        // An existing output needs --force; a missing input fails and leaves nothing new.
        assertEquals(2, SparkScoreJob.commandLine().execute("--onnx", onnx.toString(), "--data",
                dir.resolve("train.jsonl").toString(), "--out", out.toString()));
        Path failed = dir.resolve("failed-out");
        assertEquals(2, SparkScoreJob.commandLine().execute("--onnx", onnx.toString(), "--format", "ranked",
                "--data", dir.resolve("nowhere.jsonl").toString(), "--out", failed.toString()));
        assertFalse(Files.exists(failed));
        try (var entries = Files.list(dir)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains(".work-")), "no work directory left");
        }
    }
    @Test
    void aGlobsBadLineIsNamedAtItsOwnFileAndLineAndARepeatedPromptIsRefused() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        List<String> lines = Files.readAllLines(big).subList(0, 6);
        Files.write(parts.resolve("part-a.jsonl"), lines.subList(0, 3));
        List<String> second = new java.util.ArrayList<>(lines.subList(3, 6));
        second.set(1, "{\"prompt\": \"p\", \"responses\": [");
        Files.write(parts.resolve("part-b.jsonl"), second);
        SparkScoring.Result result = SparkScoring.scoreJsonl(spark, List.of(parts.resolve("*.jsonl").toString()),
                DataFormat.RANKED, Files.readAllBytes(onnx), settings(), true);
        try {
            List<Row> bad = result.badRows().collectAsList();
            assertEquals(1, bad.size(), bad.toString());
            assertEquals(parts.resolve("part-b.jsonl").toString(), bad.get(0).getString(0));
            assertEquals(2L, bad.get(0).getLong(1));
            assertTrue(bad.get(0).getString(2).contains("part-b.jsonl, line 2"), bad.get(0).getString(2));
            SparkScoring.requireUniqueResponses(result.scores());
        } finally {
            result.release();
        }
        SparkScoring.Result twice = SparkScoring.scoreJsonl(spark, List.of(parts.resolve("part-a.jsonl").toString(),
                dir.resolve("parts").toString()), DataFormat.RANKED, Files.readAllBytes(onnx), settings(), false);
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SparkScoring.requireUniqueResponses(twice.scores()));
            assertTrue(e.getMessage().contains("is given 2 times") && e.getMessage().contains("part-a.jsonl, line"),
                    e.getMessage());
        } finally {
            twice.release();
        }
    }

    @Test
    void theRunnableJarRunsOnSparksClassPathInEitherOrder() throws IOException, InterruptedException {
        // Spark's own jars (commons-compress 1.27.1, Jackson, SLF4J with its jul-to-slf4j bridge...) without the
        // libraries only the project uses, then the runnable jar after them (Spark's default) or before them
        // (spark.driver.userClassPathFirst): a .gz input without --format is detected with commons-compress.
        Path jar = Path.of("../tribuo-rewardcollapse/target/rewardcollapse.jar").toAbsolutePath();
        Path compress = Path.of("target/spark-jars/commons-compress-1.27.1.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar) && Files.isRegularFile(compress), jar + " " + compress);
        List<String> spark = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.matches(".*(/org/tribuo/|/com/oracle/labs/|/com/microsoft/onnxruntime/|/ai/djl/|/dev/langchain4j/"
                    + "|/info/picocli/|/org/knowm/|/com/opencsv/|slf4j-jdk14|/org/junit/|/opentest4j/|/apiguardian/"
                    + "|/ml/dmlc/|/io/github/metarank/|commons-compress|tribuo-rewardcollapse|/target/).*")) {
                spark.add(entry);
            }
        }
        spark.add(compress.toString());
        Path gz = dir.resolve("few.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(String.join("\n", Files.readAllLines(big).subList(0, 20)).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> options = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> o.startsWith("--add-") || o.startsWith("-XX:+Ignore") || o.startsWith("-Djdk.reflect")
                        || o.startsWith("-Dio.netty")).toList();
        for (boolean jarFirst : new boolean[]{false, true}) {
            String classPath = jarFirst ? jar + java.io.File.pathSeparator + String.join(java.io.File.pathSeparator, spark)
                    : String.join(java.io.File.pathSeparator, spark) + java.io.File.pathSeparator + jar;
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString()));
            command.addAll(options);
            command.addAll(List.of("-Xmx1g", "-cp", classPath, SparkScoreJob.class.getName(), "--onnx", onnx.toString(),
                    "--data", gz.toString(), "--out", dir.resolve("order-" + jarFirst).toString()));
            Path log = dir.resolve("order-" + jarFirst + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
            Process process = builder.start();
            assertTrue(process.waitFor(240, java.util.concurrent.TimeUnit.SECONDS), "the job ends");
            String printed = Files.readString(log);
            assertEquals(0, process.exitValue(), (jarFirst ? "jar first: " : "Spark first: ")
                    + printed.substring(Math.max(0, printed.length() - 3000)));
            assertTrue(printed.contains("scored 160 responses"), printed.substring(Math.max(0, printed.length() - 3000)));
        }
    }
}
