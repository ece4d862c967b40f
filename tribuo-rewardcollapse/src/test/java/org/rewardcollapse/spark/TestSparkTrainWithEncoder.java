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

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.cli.RewardCollapseCli;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.experiment.RunLayout;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.text.EmbeddingCache;
import org.rewardcollapse.text.KnownEncoder;
import org.rewardcollapse.text.OnnxTextEncoder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code spark-train --encoder minilm} (the texts encoded on the executors, or the vectors of an earlier
 * {@code spark-encode}) trains the model that a local {@code train --encoder minilm --solver newton} trains on the same
 * file: every weight within 1e-6 of the largest, the same featuriser in the provenance, and the same rewards from
 * {@code score}, which encodes the text again on this machine.
 */
class TestSparkTrainWithEncoder {
    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path data;
    private static boolean miniLm;

    @BeforeAll
    static void setUp() throws IOException {
        try {
            OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", 1).dimension();
            miniLm = true;
        } catch (RuntimeException e) {
            System.err.println("TestSparkTrainWithEncoder: SKIPPED, all-MiniLM-L6-v2 cannot be loaded ("
                    + e.getMessage() + ")");
            return;
        }
        data = dir.resolve("train.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(6, 0.5, 5L), data);
        spark = SparkFixtures.get().spark; // one session for every Spark test of this JVM, never stopped by a test
    }

    @Test
    void sparkTrainingFromExecutorVectorsIsTheLocalTraining() throws IOException {
        assumeTrue(miniLm, "all-MiniLM-L6-v2 is not available: skipped");
        Path local = dir.resolve("local");
        cli("train", "--data", data.toString(), "--encoder", "minilm", "--solver", "newton", "--l2", "1",
                "--unpenalised", "none", "--test-fraction", "0", "--embedding-cache", "none", "--out", local.toString());
        RewardModel expected = ModelFiles.readRewardModel(local.resolve(RunLayout.MODEL));

        Path direct = dir.resolve("direct");
        String printed = job(SparkTrainJob.commandLine(), "--data", data.toString(), "--encoder", "minilm", "--out",
                direct.toString(), "--partitions", "2");
        assertTrue(printed.contains("54 vectors from the executors"), printed);
        Path encoded = dir.resolve("encoded");
        job(SparkEncodeJob.commandLine(), "--data", data.toString(), "--encoder", "minilm", "--out", encoded.toString());
        Path fromEncoded = dir.resolve("from-encoded");
        Path cache = dir.resolve("driver-cache");
        job(SparkTrainJob.commandLine(), "--data", data.toString(), "--encoder", "minilm", "--encoded",
                encoded.toString(), "--embedding-cache", cache.toString(), "--out", fromEncoded.toString());
        OnnxTextEncoder encoder = OnnxTextEncoder.of(KnownEncoder.MINILM, 0, "cpu", 1);
        assertEquals(54, EmbeddingCache.open(cache, encoder.fingerprint(), encoder.dimension()).size(),
                "the driver's cache is kept, with every prompt and response");

        for (Path out : List.of(direct, fromEncoded)) {
            RewardModel onSpark = ModelFiles.readRewardModel(out.resolve(SparkTrainJob.MODEL));
            SparkFixtures.assertWeightsAlike("TestSparkTrainWithEncoder: " + out.getFileName(), expected, onSpark);
            assertEquals(featurizer(expected), featurizer(onSpark), "the featuriser train records");
            assertScoresAlike(local.resolve(RunLayout.MODEL), out.resolve(SparkTrainJob.MODEL));
        }
    }

    private static String featurizer(RewardModel model) {
        return ResponseFeaturizer.fromProvenance(model.getProvenance()).orElseThrow().getProvenance().toString();
    }

    /** score (encoding the text on this machine, no cache) gives both models' rewards alike, line by line. */
    private static void assertScoresAlike(Path localModel, Path sparkModel) throws IOException {
        Path expected = dir.resolve("expected-scores.jsonl");
        Path actual = dir.resolve("actual-scores.jsonl");
        Files.deleteIfExists(expected);
        Files.deleteIfExists(actual);
        cli("score", "--model", localModel.toString(), "--data", data.toString(), "--embedding-cache", "none",
                "--out", expected.toString());
        cli("score", "--model", sparkModel.toString(), "--data", data.toString(), "--embedding-cache", "none",
                "--out", actual.toString());
        List<String> a = Files.readAllLines(expected);
        List<String> b = Files.readAllLines(actual);
        assertEquals(48, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = Json.mapper().readTree(a.get(i));
            JsonNode y = Json.mapper().readTree(b.get(i));
            assertEquals(x.get("prompt_id"), y.get("prompt_id"));
            assertEquals(x.get("reward").asDouble(), y.get("reward").asDouble(),
                    1e-6 * Math.max(1, Math.abs(x.get("reward").asDouble())), "line " + (i + 1));
        }
    }

    private static void cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + ": " + err);
    }

    private static String job(picocli.CommandLine job, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        job.setOut(new PrintWriter(out, true));
        job.setErr(new PrintWriter(err, true));
        assertEquals(0, job.execute(args), err.toString());
        return out.toString();
    }

    @Test
    void encodedVectorsNeedTheirEncoder() {
        assumeTrue(miniLm, "all-MiniLM-L6-v2 is not available: skipped");
        StringWriter err = new StringWriter();
        var job = SparkTrainJob.commandLine();
        job.setOut(new PrintWriter(new StringWriter(), true));
        job.setErr(new PrintWriter(err, true));
        assertEquals(2, job.execute("--data", data.toString(), "--encoded", dir.toString(), "--out",
                dir.resolve("never").toString()));
        assertEquals("spark-train: --encoded needs --encoder, the encoder its vectors were made with",
                err.toString().strip());
    }
}
