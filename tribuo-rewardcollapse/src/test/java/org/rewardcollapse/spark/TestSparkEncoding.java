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

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.source.DataFormat;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Encoding on Spark's executors ({@code local[2]}) gives the single-machine encoder's vectors, the featuriser's length
 * features and the cache's keys; the job writes them as Parquet with the encoder's identity in the footer and beside
 * the data, reports bad lines at their file and line, and refuses a bad encoder or a missing file in one line.
 */
class TestSparkEncoding {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static OnnxTextEncoder local;
    private static List<PromptGroup> groups;
    private static Path data;

    @BeforeAll
    static void setUp() throws IOException {
        local = OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", 1);
        try {
            local.dimension();
        } catch (RuntimeException e) {
            System.err.println("TestSparkEncoding: SKIPPED, all-MiniLM-L6-v2 cannot be loaded (" + e.getMessage() + ")");
            local = null;
            return;
        }
        groups = TruncationBenchmark.generate(6, 0.5, 11L);
        data = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(groups, data);
        spark = SparkFixtures.get().spark; // one session for every Spark test of this JVM, never stopped by a test
    }

    private static void requireMiniLm() {
        assumeTrue(local != null, "all-MiniLM-L6-v2 is not available: the Spark encoding tests are skipped");
    }

    @Test
    void executorsGiveTheSingleMachineVectorsLengthsAndKeys() {
        requireMiniLm();
        SparkEncoding.Result result = SparkEncoding.encode(spark, List.of(data.toString()), DataFormat.RANKED,
                EncodingSettings.cpu("minilm"), 3);
        List<Row> rows;
        try {
            rows = result.encoded().collectAsList();
            assertEquals(0, result.badRows().count());
        } finally {
            result.release();
        }
        Map<String, Row> byResponse = new HashMap<>();
        rows.forEach(r -> byResponse.put(r.getAs(ScoreColumns.PROMPT_ID) + "/" + r.getAs(ScoreColumns.RESPONSE_INDEX),
                r));
        List<String> texts = new ArrayList<>();
        for (PromptGroup g : groups) {
            texts.add(g.prompt());
            g.responses().forEach(r -> texts.add(r.text()));
        }
        List<float[]> expected = local.encode(texts);
        assertTrue(texts.size() >= 36, "a few dozen texts: " + texts.size());
        int next = 0;
        int responses = 0;
        double worst = 0;
        for (PromptGroup g : groups) {
            float[] prompt = expected.get(next++);
            for (int k = 0; k < g.responses().size(); k++) {
                ScoredResponse response = g.responses().get(k);
                Row row = byResponse.get(g.id() + "/" + k);
                assertNotNull(row, g.id() + " response " + k);
                responses++;
                worst = Math.max(worst, difference(expected.get(next++), row.getList(row.fieldIndex(
                        EncodedColumns.EMBEDDING))));
                worst = Math.max(worst, difference(prompt, row.getList(row.fieldIndex(
                        EncodedColumns.PROMPT_EMBEDDING))));
                assertEquals(response.score(), row.<Double>getAs(ScoreColumns.SCORE));
                assertEquals(g.promptType(), row.getAs(ScoreColumns.PROMPT_TYPE));
                String text = response.text();
                int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
                assertEquals(Math.log(1 + words), row.<Double>getAs(EncodedColumns.LOG_WORDS), 1e-12);
                assertEquals(Math.log(1 + text.codePointCount(0, text.length())),
                        row.<Double>getAs(EncodedColumns.LOG_CHARS), 1e-12);
                assertEquals(EmbeddingCache.keyOf(text), row.getAs(EncodedColumns.RESPONSE_KEY));
                assertEquals(EmbeddingCache.keyOf(g.prompt()), row.getAs(EncodedColumns.PROMPT_KEY));
            }
        }
        assertEquals(responses, rows.size(), "one row per response");
        System.out.printf("TestSparkEncoding: %d texts, largest difference from the single-machine encoder %.1e%n",
                texts.size(), worst);
        assertTrue(worst <= 1e-6, "largest difference from the single-machine encoder: " + worst);
    }

    private static double difference(float[] expected, List<Object> actual) {
        assertEquals(expected.length, actual.size());
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - ((Number) actual.get(i)).floatValue()));
        }
        return worst;
    }

    @Test
    void theJobWritesParquetWithTheEncoderAndBadLinesAtTheirLine() throws IOException {
        requireMiniLm();
        Path withBadLine = dir.resolve("with-bad-line.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.add(2, "{\"prompt\": \"broken\", \"responses\": [");
        Files.write(withBadLine, lines);
        Path out = dir.resolve("encoded-out");
        StringWriter stdout = new StringWriter();
        assertEquals(0, run(stdout, "--data", withBadLine.toString(), "--encoder", "minilm", "--out", out.toString(),
                "--partitions", "2"));
        assertTrue(stdout.toString().contains("1 bad input lines"), stdout.toString());
        assertTrue(stdout.toString().contains(withBadLine + ", line 3"), stdout.toString());
        assertTrue(Files.isRegularFile(out.resolve(SparkEncodeJob.MARKER)));
        String sidecar = Files.readString(out.resolve(SparkEncodeJob.ENCODER));
        assertTrue(sidecar.contains(local.fingerprint()), sidecar);
        assertTrue(sidecar.contains(local.sha256()), sidecar);

        org.apache.spark.sql.Dataset<Row> read = SparkEncoding.read(spark, out.toString());
        assertEquals(local.fingerprint(), SparkEncoding.identity(read, out.toString()).fingerprint());
        assertEquals(48, read.count());
        try (Stream<Path> parts = Files.list(out.resolve(SparkEncodeJob.ENCODED))) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(part.toUri()), new Configuration()))) {
                String footer = reader.getFooter().getFileMetaData().getKeyValueMetaData().toString();
                assertTrue(footer.contains(local.fingerprint()), "the fingerprint is in the Parquet footer");
            }
        }

        Path cache = dir.resolve("cache");
        OnnxTextEncoder cached = OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", 1).withCache(cache);
        long added = SparkEncoding.loadIntoCache(read, cached, cache);
        assertEquals(48 + 6, added, "every distinct response and prompt");
        EmbeddingCache opened = EmbeddingCache.open(cache, local.fingerprint(), local.dimension());
        String text = groups.get(0).responses().get(3).text();
        assertTrue(difference(local.encode(List.of(text)).get(0), toObjects(opened.get(text))) <= 1e-6);

        StringWriter again = new StringWriter();
        assertEquals(2, runErr(again, "--data", data.toString(), "--encoder", "minilm", "--out", out.toString()));
        assertTrue(again.toString().contains("exists; give --force"), again.toString());
    }

    private static List<Object> toObjects(float[] vector) {
        List<Object> list = new ArrayList<>();
        for (float v : vector) {
            list.add(v);
        }
        return list;
    }

    @Test
    void badEncoderAndMissingFileAreOneLineBeforeSparkRuns() {
        StringWriter err = new StringWriter();
        assertEquals(2, runErr(err, "--data", dir.resolve("nothing.jsonl").toString(), "--encoder", "minilm",
                "--out", dir.resolve("x").toString()));
        assertOneLine(err, "nothing.jsonl: no such file");
        Path some = dir.resolve("one.jsonl");
        err = new StringWriter();
        try {
            Files.writeString(some, "{\"prompt\": \"p\", \"responses\": [\"a\", \"b\"]}\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(2, runErr(err, "--data", some.toString(), "--encoder", "no-such-encoder", "--out",
                dir.resolve("y").toString()));
        assertOneLine(err, "--encoder must be minilm, bge-small, e5-small, minilm-q8 or a directory with model.onnx "
                + "and tokenizer.json, found 'no-such-encoder'");
        err = new StringWriter();
        assertEquals(2, runErr(err, "--data", some.toString(), "--encoder", "minilm", "--encoder-max-tokens", "3",
                "--out", dir.resolve("z").toString()));
        assertOneLine(err, "--encoder-max-tokens must be 0 or in [8, 512], found 3");
        assertFalse(Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")));
    }

    private static void assertOneLine(StringWriter err, String expected) {
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("spark-encode: ") && text.contains(expected), text);
    }

    private static int run(StringWriter stdout, String... args) {
        StringWriter err = new StringWriter();
        var job = SparkEncodeJob.commandLine();
        job.setOut(new PrintWriter(stdout, true));
        job.setErr(new PrintWriter(err, true));
        int status = job.execute(args);
        assertEquals("", err.toString().strip(), "no error line");
        return status;
    }

    private static int runErr(StringWriter err, String... args) {
        var job = SparkEncodeJob.commandLine();
        job.setOut(new PrintWriter(new StringWriter(), true));
        job.setErr(new PrintWriter(err, true));
        return job.execute(args);
    }
}
