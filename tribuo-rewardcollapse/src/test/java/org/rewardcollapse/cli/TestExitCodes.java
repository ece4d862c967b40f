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
package org.rewardcollapse.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exit status of every subcommand: 0 on success, 2 for bad usage or bad input (one line on stderr, no stack trace),
 * 1 for any other failure. {@code DATA}, {@code MODEL}, {@code ONNX}, {@code RUN}, {@code BAD} (a corrupt file),
 * {@code FILE} (a regular file, so a path under it cannot be written) and {@code OUT} stand for paths set up once,
 * {@code TAKEN} for a port already in use. {@code serve} runs until stopped, so only its failures are checked here.
 */
class TestExitCodes {
    private static final AtomicInteger CHECKED = new AtomicInteger();

    @TempDir
    static Path dir;

    private static java.net.ServerSocket taken;

    @BeforeAll
    static void setUp() throws IOException {
        StringWriter sink = new StringWriter();
        assertEquals(0, RewardCollapseCli.run(new String[]{"generate", "--out", dir.resolve("data.jsonl").toString(),
                "--prompts", "12"}, new PrintWriter(sink), new PrintWriter(sink)));
        MutableDataset<org.tribuo.regression.Regressor> data = new MutableDataset<>(new RankedJsonlSource(
                dir.resolve("data.jsonl"), ResponseFeaturizer.defaults()));
        ModelFiles.write(LinearRewardTrainer.builder().epochs(1).build().train(data), dir.resolve("model.tribuo"));
        assertEquals(0, RewardCollapseCli.run(new String[]{"export", "--model", dir.resolve("model.tribuo").toString(),
                "--out", dir.resolve("model.onnx").toString()}, new PrintWriter(sink), new PrintWriter(sink)));
        assertEquals(0, RewardCollapseCli.run(new String[]{"train", "--data", dir.resolve("data.jsonl").toString(),
                "--model", "linear", "--epochs", "1", "--out", dir.resolve("run").toString()}, new PrintWriter(sink),
                new PrintWriter(sink)));
        Files.write(dir.resolve("bad.bin"), new byte[]{9, 9, 9, 9});
        Files.writeString(dir.resolve("file"), "a regular file");
        taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void report() throws IOException {
        taken.close();
        System.out.println("exit codes: " + CHECKED.get() + " subcommand invocations checked");
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @CsvSource(delimiter = '|', value = {
            "0 | theory --utility inverse --n 8",
            "2 | theory --utility cubic --n 8",
            "2 | theory --utility log --n 1",
            "0 | inspect --data DATA",
            "2 | inspect --data BAD --format ranked",
            "2 | inspect --data MISSING",
            "0 | generate --out OUT/g.jsonl --prompts 3",
            "2 | generate --out OUT/g.jsonl --prompts -1",
            "1 | generate --out FILE/g.jsonl --prompts 3",
            "0 | evaluate --model MODEL --data DATA --out OUT/eval",
            "2 | evaluate --model BAD --data DATA --out OUT/eval",
            "2 | evaluate --data DATA --out OUT/eval",
            "0 | export --model MODEL --out OUT/m.onnx",
            "2 | export --model BAD --out OUT/m.onnx",
            "1 | export --model MODEL --out FILE/m.onnx",
            "0 | score --onnx ONNX --device cpu --data DATA --out OUT/s.jsonl",
            "0 | score --model MODEL --data DATA --out OUT/s.jsonl",
            "2 | score --onnx BAD --data DATA --out OUT/s.jsonl",
            "2 | score --onnx ONNX --device tpu --data DATA --out OUT/s.jsonl",
            "1 | score --model MODEL --data DATA --out FILE/s.jsonl",
            "2 | serve --onnx BAD --port 0",
            "2 | serve --model MODEL --device cpu --port 0",
            "2 | serve --onnx ONNX --max-items 0 --port 0",
            "1 | serve --onnx ONNX --device cpu --port TAKEN",
            "0 | train --data DATA --model linear --epochs 1 --out OUT/run",
            "2 | train --data DATA --epochs 0 --out OUT/run",
            "2 | train --config BAD --out OUT/run",
            "1 | train --data DATA --model linear --epochs 1 --out FILE/run",
            "0 | reproduce --run RUN",
            "2 | reproduce --run OUT",
            "2 | demo --unknown-flag",
            "2 | frobnicate"})
    void subcommandsExitWithTheDocumentedStatus(int expected, String commandLine) {
        String[] args = commandLine.replace("DATA", dir.resolve("data.jsonl").toString())
                .replace("MODEL", dir.resolve("model.tribuo").toString())
                .replace("ONNX", dir.resolve("model.onnx").toString())
                .replace("RUN", dir.resolve("run").toString())
                .replace("BAD", dir.resolve("bad.bin").toString())
                .replace("MISSING", dir.resolve("missing.jsonl").toString())
                .replace("FILE", dir.resolve("file").toString())
                .replace("OUT", dir.resolve("out").toString())
                .replace("TAKEN", Integer.toString(taken.getLocalPort())).split(" ");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RewardCollapseCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expected, status, commandLine + "\nstdout: " + out + "\nstderr: " + err);
        if (status != 0) {
            assertEquals(1, err.toString().strip().lines().count(), "one line on stderr: " + err);
            assertFalse(err.toString().contains("\tat "), "no stack trace");
            assertTrue(err.toString().startsWith(args[0] + ":") || err.toString().startsWith("rewardcollapse:"), err.toString());
        }
        CHECKED.incrementAndGet();
    }
}
