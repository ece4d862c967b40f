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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.io.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * all-MiniLM-L6-v2 run in the JVM on real text, through the jar: train on OpenAssistant embeddings, compare with the
 * length baselines the evaluation reports beside the model, and score raw text with ONNX Runtime (encoder and reward
 * head) as the JVM does.
 */
class EncoderOnRealDataIT {
    @TempDir
    Path dir;

    /** Runs the jar in the test's folder with its own embedding cache, so the encoder runs on every build. */
    private JarRunner.Run run(String... args) throws Exception {
        List<String> withCache = new java.util.ArrayList<>(List.of(args));
        withCache.addAll(List.of("--embedding-cache", dir.resolve("cache").toString()));
        JarRunner.Run run = JarRunner.runIn(dir, List.of(), dir, 600, withCache.toArray(String[]::new));
        assertEquals(0, run.status(), String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    @Test
    void miniLmEmbeddingsOnOpenAssistantScoredEndToEnd() throws Exception {
        Path data = SharedData.file("oasst_en_100_tree.jsonl").toAbsolutePath();
        run("split", "--data", data.toString(), "--train", "train.jsonl", "--test", "test.jsonl", "--seed", "7");
        JarRunner.Run trained = run("train", "--data", "train.jsonl", "--test-data", "test.jsonl", "--encoder",
                "minilm", "--model", "linear", "--out", "run");
        assertTrue(trained.err().contains("with all-MiniLM-L6-v2 (mean pooling, 256-token windows"), trained.err());
        assertTrue(trained.out().contains("l2 chosen by 5-fold cross-validation"), trained.out());
        JsonNode metrics = Json.mapper().readTree(dir.resolve("run/metrics.json").toFile());
        double model = metrics.get("pairwise_accuracy").asDouble();
        double longer = metrics.get("length_baselines").get("all").get("longer_wins").asDouble();
        assertTrue(model > 0.55, "the model beats chance: " + model);

        run("score", "--onnx", "run/model.onnx", "--data", "test.jsonl", "--out", "onnx.jsonl");
        run("score", "--model", "run/model.tribuo", "--data", "test.jsonl", "--out", "jvm.jsonl");
        List<String> onnx = Files.readAllLines(dir.resolve("onnx.jsonl"));
        List<String> jvm = Files.readAllLines(dir.resolve("jvm.jsonl"));
        assertEquals(jvm.size(), onnx.size());
        double worst = 0;
        for (int i = 0; i < onnx.size(); i++) {
            worst = Math.max(worst, Math.abs(Json.mapper().readTree(onnx.get(i)).get("reward").asDouble()
                    - Json.mapper().readTree(jvm.get(i)).get("reward").asDouble()));
        }
        assertTrue(worst < 1e-5, "ONNX Runtime and the JVM differ by " + worst);
        System.out.printf("MiniLM on OpenAssistant (42 held-out prompts): pairwise accuracy %.4f, the longer response "
                + "wins %.4f; raw text scored by ONNX Runtime vs the JVM: max |diff| %.2e%n", model, longer, worst);
    }
}
