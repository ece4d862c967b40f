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

import org.apache.spark.SparkException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlWriter;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job checks its options and the model before Spark starts, reports an executor's failure by its cause in
 * one line (exit status 2 for a user's mistake), and never takes one model for another by a hash string.
 */
class TestSparkScoreJob {
    @TempDir
    static Path dir;

    private static Path onnx;
    private static Path data;

    @BeforeAll
    static void setUp() throws IOException {
        RewardModel model = LinearRewardTrainer.builder().epochs(1).build().train(new MutableDataset<>(
                new SyntheticRankingSource(12, 0.5, 3L, ResponseFeaturizer.defaults())));
        onnx = dir.resolve("model.onnx");
        model.saveONNXModel("org.rewardcollapse", 1, onnx);
        data = dir.resolve("data.jsonl");
        RankedJsonlWriter.write(TruncationBenchmark.generate(4, 0.5, 5L), data);
    }

    private static String[] run(int expected, String... options) {
        StringWriter err = new StringWriter();
        var job = SparkScoreJob.commandLine();
        job.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("--onnx", onnx.toString(), "--data", data.toString(),
                "--out", dir.resolve("out").toString()));
        args.addAll(List.of(options));
        assertEquals(expected, job.execute(args.toArray(new String[0])), err.toString());
        return err.toString().strip().split("\n");
    }

    @Test
    void badOptionsAreOneLineBeforeSparkStarts() {
        assertTrue(run(2, "--ndcg-k", "0")[0].contains("--ndcg-k must be >= 1, found 0"));
        String[] batch = run(2, "--batch-size", "2147483647");
        assertEquals(1, batch.length);
        assertTrue(batch[0].contains("the batch buffer may hold at most"), batch[0]);
        assertTrue(run(2, "--ort-threads", "5000")[0].contains("--ort-threads must be in [0, 1024]"));
        assertTrue(run(2, "--out-format", "csv")[0].contains("--out-format must be parquet or jsonl"));
        assertTrue(run(2, "--type-rule", "open=(")[0].contains("bad regular expression"));
    }

    @Test
    void anExecutorsFailureIsReportedByItsCause() {
        IllegalArgumentException input = new IllegalArgumentException("prompt 'p' mixes prompt types");
        SparkException stage = new SparkException("Job aborted due to stage failure: Task 0 in stage 3.0 failed\n"
                + "\tat org.apache.spark...", new RuntimeException("wrapped", input));
        assertSame(input, SparkScoreJob.cause(stage));
        IllegalStateException state = new IllegalStateException("no memory");
        assertSame(state, SparkScoreJob.cause(new SparkException("stage failure", state)));
    }

    @Test
    void twoModelsCannotShareAHashString() {
        byte[] first = "model one".getBytes(StandardCharsets.UTF_8);
        byte[] second = "model two".getBytes(StandardCharsets.UTF_8);
        ScoringSettings named = new ScoringSettings("m.onnx", "same", "cpu", 256, 1, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> named.forModel(first));
        assertTrue(e.getMessage().contains("by SHA-256 same, but its bytes have SHA-256"), e.getMessage());
        ScoringSettings computed = new ScoringSettings("m.onnx", null, "cpu", 256, 1, List.of());
        assertFalse(computed.forModel(first).key().equals(computed.forModel(second).key()),
                "two models are two executor models");
    }
}
