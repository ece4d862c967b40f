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

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.ScoresFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model is read from a path on any Hadoop filesystem: a local path, a {@code file:///} URI and a {@code viewfs://}
 * URI (a mount of a local directory, standing in for HDFS or S3) give the same model and, in the job, the rewards of
 * the single-machine scorer; a path that is not a model is one error naming it.
 */
class TestSparkModelPaths {
    @TempDir
    Path dir;

    private static final SparkFixtures F = SparkFixtures.get();

    private static org.apache.hadoop.conf.Configuration hadoop() {
        return F.spark.sparkContext().hadoopConfiguration();
    }

    @Test
    void anyHadoopFilesystemGivesTheSameModel() throws IOException {
        byte[] bytes = Files.readAllBytes(F.ensemble);
        for (String path : List.of(F.ensemble.toString(), F.ensemble.toUri().toString(),
                SparkFixtures.VIEWFS_MODELS + "/ensemble.onnx")) {
            SparkModel model = SparkModel.read(hadoop(), path);
            assertArrayEquals(bytes, model.bytes(), path);
            assertEquals("ensemble.onnx", model.name());
            assertTrue(model.isEnsemble(), path);
            assertTrue(model.scoresText(), path);
        }
        assertFalse(SparkModel.read(hadoop(), SparkFixtures.VIEWFS_MODELS + "/linear.onnx").isEnsemble());
    }

    @Test
    void aBadModelPathIsOneErrorNamingIt() throws IOException {
        String missing = dir.resolve("missing.onnx").toUri().toString();
        assertEquals(missing + ": no such model file", assertThrows(IllegalArgumentException.class,
                () -> SparkModel.read(hadoop(), missing)).getMessage());
        String mounted = SparkFixtures.VIEWFS_MODELS + "/missing.onnx";
        assertEquals(mounted + ": no such model file", assertThrows(IllegalArgumentException.class,
                () -> SparkModel.read(hadoop(), mounted)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkModel.read(hadoop(), dir.toString()))
                .getMessage().startsWith(dir + ": not a model file"));
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        String message = assertThrows(IllegalArgumentException.class,
                () -> SparkModel.read(hadoop(), junk.toString())).getMessage();
        assertTrue(message.startsWith(junk + ": not a reward model exported by this project ("), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkModel.read(hadoop(), "unknown://host/m.onnx"))
                .getMessage().startsWith("unknown://host/m.onnx: cannot read the model ("));
    }

    @Test
    void theJobReadsItsModelFromAnyHadoopFilesystem() {
        Map<String, ScoresFile.Row> local = F.localScores(F.linear);
        for (String onnx : List.of(F.linear.toUri().toString(), SparkFixtures.VIEWFS_MODELS + "/linear.onnx")) {
            Path out = dir.resolve("out-" + (onnx.startsWith("viewfs") ? "viewfs" : "file"));
            StringWriter err = new StringWriter();
            var job = SparkScoreJob.commandLine();
            job.setErr(new PrintWriter(err, true));
            job.setOut(new PrintWriter(new StringWriter(), true));
            assertEquals(0, job.execute("--onnx", onnx, "--data", F.data.toUri().toString(), "--format", "ranked",
                    "--out", out.toString()), err.toString());
            List<Row> scores = F.spark.read().parquet(out.resolve(SparkScoreJob.SCORES).toString()).collectAsList();
            assertEquals(local.size(), scores.size());
            for (Row row : scores) {
                ScoresFile.Row expected = local.get(row.getAs(ScoreColumns.PROMPT_ID) + "/"
                        + row.getAs(ScoreColumns.RESPONSE_INDEX));
                assertEquals(expected.reward(), row.<Double>getAs(ScoreColumns.REWARD), 1e-6, onnx);
            }
        }
        StringWriter err = new StringWriter();
        var job = SparkScoreJob.commandLine();
        job.setErr(new PrintWriter(err, true));
        String missing = SparkFixtures.VIEWFS_MODELS + "/missing.onnx";
        assertEquals(2, job.execute("--onnx", missing, "--data", F.data.toString(), "--out",
                dir.resolve("never").toString()));
        assertEquals("spark-score: " + missing + ": no such model file", err.toString().strip());
        assertFalse(Files.exists(dir.resolve("never")));
    }
}
