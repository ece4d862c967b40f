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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on sentence embeddings from the command line: the bundled encoder or a directory, raw text scored end to
 * end by ONNX Runtime as by the JVM, the length baselines beside the model, and an encoder that is not the one the
 * model trained with refused with both hashes.
 */
class EncoderCommandLineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void generate() {
        data = dir.resolve("data.jsonl");
        CliRun.of("generate", "--out", data.toString(), "--prompts", "16", "--seed", "3").assertOk();
    }

    private static Path encoderDirectory(String name, String model, String tokenizer) throws IOException {
        Path directory = Files.createDirectories(dir.resolve(name));
        copy(model, directory.resolve("model.onnx"));
        copy(tokenizer, directory.resolve("tokenizer.json"));
        return directory;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = EncoderCommandLineIT.class.getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Double> rewards(Path scores) throws IOException {
        List<Double> rewards = new ArrayList<>();
        for (String line : Files.readAllLines(scores)) {
            rewards.add(JSON.readTree(line).get("reward").asDouble());
        }
        return rewards;
    }

    @Test
    void trainOnMiniLmEmbeddingsAndScoreRawTextWithOnnxRuntimeAsTheJvmDoes() throws IOException {
        Path run = dir.resolve("minilm-run");
        CliRun trained = CliRun.of("train", "--data", data.toString(), "--encoder", "minilm", "--model", "linear",
                "--l2", "0", "--epochs", "3", "--quiet", "--out", run.toString()).assertOk();
        assertTrue(trained.out().contains("  longer wins ") && trained.out().contains("  shorter wins "), trained.out());
        String config = Files.readString(run.resolve("config.xml"));
        assertTrue(config.contains("OnnxTextEncoder") && config.contains("name=\"sha256\""), config);
        CliRun.of("score", "--onnx", run.resolve("model.onnx").toString(), "--data", data.toString(), "--out",
                dir.resolve("onnx.jsonl").toString()).assertOk();
        CliRun.of("score", "--model", run.resolve("model.tribuo").toString(), "--data", data.toString(), "--out",
                dir.resolve("jvm.jsonl").toString()).assertOk();
        List<Double> onnx = rewards(dir.resolve("onnx.jsonl"));
        List<Double> jvm = rewards(dir.resolve("jvm.jsonl"));
        assertEquals(128, onnx.size());
        for (int i = 0; i < onnx.size(); i++) {
            assertEquals(jvm.get(i), onnx.get(i), 1e-5);
        }
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        assertTrue(metrics.get("length_baselines").get("all").has("longer_wins"), metrics.toString());
    }

    @Test
    void aModelNamesItsEncoderAndADifferentOneIsRefusedWithBothHashes() throws IOException {
        Path encoder = encoderDirectory("encoder", "/all-minilm-l6-v2.onnx", "/all-minilm-l6-v2-tokenizer.json");
        Path run = dir.resolve("directory-run");
        CliRun.of("train", "--data", data.toString(), "--encoder", encoder.toString(), "--model", "linear", "--l2",
                "0", "--epochs", "2", "--quiet", "--out", run.toString()).assertOk();
        Path quantised = encoderDirectory("quantised", "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json");
        CliRun refused = CliRun.of("score", "--onnx", run.resolve("model.onnx").toString(), "--data", data.toString(),
                "--encoder", quantised.toString(), "--out", dir.resolve("q.jsonl").toString());
        refused.assertOneLineError(2, "SHA-256");
        assertTrue(refused.err().split("SHA-256").length >= 3, "names both hashes: " + refused.err());
        // The same files somewhere else are the same encoder.
        Path moved = Files.move(encoder, dir.resolve("moved"));
        CliRun lost = CliRun.of("score", "--model", run.resolve("model.tribuo").toString(), "--data", data.toString(),
                "--out", dir.resolve("lost.jsonl").toString());
        lost.assertOneLineError(2, encoder.toString());
        CliRun.of("score", "--model", run.resolve("model.tribuo").toString(), "--data", data.toString(), "--encoder",
                moved.toString(), "--out", dir.resolve("moved.jsonl").toString()).assertOk();
        CliRun.of("evaluate", "--model", run.resolve("model.tribuo").toString(), "--data", data.toString(),
                "--encoder", moved.toString(), "--out", dir.resolve("eval").toString()).assertOk();
    }

    @Test
    void encoderOptionsAreCheckedInOneLine() {
        CliRun.of("train", "--data", data.toString(), "--encoder", dir.resolve("nowhere").toString(), "--out",
                dir.resolve("x").toString()).assertOneLineError(2, "--encoder must be minilm, bge-small, e5-small, minilm-q8 or a directory");
        CliRun.of("train", "--data", data.toString(), "--encoder", "minilm", "--encoder-max-tokens", "4", "--out",
                dir.resolve("x").toString()).assertOneLineError(2, "--encoder-max-tokens must be 0 or in [8, 512]");
        CliRun.of("train", "--data", data.toString(), "--encoder", "minilm", "--no-length-features",
                "--no-response-embedding", "--out", dir.resolve("x").toString())
                .assertOneLineError(2, "no feature would be produced");
        CliRun.of("train", "--data", data.toString(), "--l2", "heavy", "--out", dir.resolve("x").toString())
                .assertOneLineError(2, "--l2 must be a number >= 0 or auto");
    }
}
