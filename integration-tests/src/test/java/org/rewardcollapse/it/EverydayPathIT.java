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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's walk through real data, through the jar: split OpenAssistant by prompt tree, train the paper's
 * prompt-aware fix with prompt types from rules, evaluate on the held-out prompts (and be warned on the mixed file),
 * export to ONNX and score with ONNX Runtime, which agrees with the JVM; the run's configuration re-runs it from
 * another folder.
 */
class EverydayPathIT {
    @TempDir
    Path dir;

    /** Runs the jar in the test's folder, as a user in the folder of their data would. */
    private JarRunner.Run run(String... args) throws Exception {
        JarRunner.Run run = JarRunner.runIn(dir, List.of(), dir, 300, args);
        assertEquals(0, run.status(), String.join(" ", args) + "\n" + run.out() + run.err());
        return run;
    }

    @Test
    void splitTrainPromptAwareEvaluateHeldOutExportAndScore() throws Exception {
        Path data = SharedData.file("oasst_en_100_tree.jsonl").toAbsolutePath();
        Path test = dir.resolve("oasst-test.jsonl");
        JarRunner.Run split = run("split", "--data", data.toString(), "--train", "oasst-train.jsonl",
                "--test", "oasst-test.jsonl", "--seed", "7");
        assertTrue(split.out().contains(": 170 prompt groups to oasst-train.jsonl, 42 to oasst-test.jsonl"), split.out());

        Path runDir = dir.resolve("run");
        Path rules = Path.of(System.getProperty("rewardcollapse.root", "..")).resolve("experiments/oasst-type-rules.txt")
                .toAbsolutePath();
        JarRunner.Run trained = run("train", "--data", "oasst-train.jsonl", "--test-data", "oasst-test.jsonl",
                "--type-rules", rules.toString(), "--policy", "open=inverse,closed=linear",
                "--untyped-utility", "log-sigmoid:1", "--bounded", "--out", runDir.toString());
        assertTrue(trained.err().contains("utilities: utility by prompt type: closed=linear,open=inverse,eps=0.1,"
                + "*=log-sigmoid:1; groups per utility: "), trained.err());
        assertTrue(trained.err().lines().anyMatch(l -> l.startsWith("epoch 1/50: loss ")), trained.err());
        assertTrue(trained.out().contains("closed") && trained.out().contains("open")
                && trained.out().contains("(untyped)"), trained.out());
        JsonNode metrics = Json.mapper().readTree(runDir.resolve("metrics.json").toFile());
        assertEquals(42, metrics.get("groups").asInt());
        assertTrue(metrics.get("pairwise_accuracy").asDouble() > 0.55, metrics.toPrettyString());
        JsonNode classes = metrics.get("collapse").get("classes");
        assertEquals("inverse,eps=0.1", classes.get("open").get("utility").asText());
        assertEquals("linear", classes.get("closed").get("utility").asText());

        // On the held-out file evaluate agrees with train and has nothing to warn about.
        Path model = runDir.resolve("model.tribuo");
        JarRunner.Run heldOut = run("evaluate", "--model", model.toString(), "--data", test.toString(), "--out",
                dir.resolve("eval-test").toString());
        assertEquals("", heldOut.err());
        JsonNode evaluated = Json.mapper().readTree(dir.resolve("eval-test").resolve("metrics.json").toFile());
        assertEquals(metrics.get("pairwise_accuracy").asDouble(), evaluated.get("pairwise_accuracy").asDouble(), 1e-12);
        // On the original file it warns that 170 of its prompts trained the model.
        JarRunner.Run mixed = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-all").toString());
        assertTrue(mixed.err().startsWith("evaluate: warning: 170 of the 212 prompts of " + data), mixed.err());

        // The run's configuration re-runs it from another folder: the data was named relative to this one.
        JarRunner.Run again = JarRunner.runIn(dir.getParent(), List.of(), dir, 300, "train", "--config",
                runDir.resolve("config.xml").toString(), "--quiet", "--out", dir.resolve("again").toString());
        assertEquals(0, again.status(), again.out() + again.err());
        assertEquals(metrics.get("pairwise_accuracy").asDouble(), Json.mapper().readTree(
                dir.resolve("again").resolve("metrics.json").toFile()).get("pairwise_accuracy").asDouble(), 0.0);

        Path onnx = dir.resolve("reward.onnx");
        run("export", "--model", model.toString(), "--out", onnx.toString());
        JarRunner.Run scored = run("score", "--onnx", onnx.toString(), "--data", test.toString(), "--out",
                dir.resolve("onnx-scores.jsonl").toString());
        assertEquals("", scored.err());
        run("score", "--model", model.toString(), "--data", test.toString(), "--out",
                dir.resolve("jvm-scores.jsonl").toString());
        Map<String, Double> jvm = rewards(dir.resolve("jvm-scores.jsonl"));
        Map<String, Double> ort = rewards(dir.resolve("onnx-scores.jsonl"));
        assertEquals(jvm.keySet(), ort.keySet());
        double worst = 0;
        for (Map.Entry<String, Double> e : jvm.entrySet()) {
            worst = Math.max(worst, Math.abs(e.getValue() - ort.get(e.getKey())));
        }
        assertTrue(worst < 1e-5, "ONNX Runtime and the JVM differ by " + worst);
        System.out.printf("OpenAssistant walk-through: held-out pairwise accuracy %.4f, collapse gap %.4f, %d responses "
                        + "scored, ONNX vs JVM max |diff| %.2e%n", metrics.get("pairwise_accuracy").asDouble(),
                metrics.get("collapse").get("collapse_gap").asDouble(), jvm.size(), worst);
    }

    private static Map<String, Double> rewards(Path scores) throws IOException {
        Map<String, Double> rewards = new HashMap<>();
        List<String> lines = Files.readAllLines(scores);
        for (String line : lines) {
            JsonNode node = Json.mapper().readTree(line);
            rewards.put(node.get("prompt_id").asText() + "#" + node.get("response_index").asInt(),
                    node.get("reward").asDouble());
        }
        return rewards;
    }
}
