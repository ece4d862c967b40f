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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.RankedJsonlSource;
import org.rewardcollapse.data.source.ScoresFile;
import org.rewardcollapse.io.Json;
import org.rewardcollapse.model.ModelFiles;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.MlpRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRewardCollapseCli {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun result = run("--help");
        assertEquals(0, result.status());
        assertTrue(result.out().contains("inspect") && result.out().contains("generate"), result.out());
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        for (String[] args : new String[][]{{}, {"frobnicate"}, {"inspect"}, {"generate", "--out", "x", "--prompts", "many"}}) {
            CliRun result = run(args);
            assertEquals(2, result.status(), String.join(" ", args));
            assertEquals(1, result.err().strip().lines().count(), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void badInputExitsTwoWithOneLineNamingFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}]}\n");
        CliRun result = run("inspect", "--data", file.toString(), "--format", "ranked");
        assertEquals(2, result.status());
        assertEquals("inspect: " + file + ", line 1, field 'responses': a ranking needs at least 2 responses, found 1",
                result.err().strip());
        assertFalse(result.err().contains("\tat "), "no stack trace");
        CliRun unknown = run("inspect", "--data", file.toString(), "--format", "csv");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown format 'csv'"), unknown.err());
    }

    @Test
    void generateThenInspectTheBenchmark() {
        Path file = dir.resolve("bench.jsonl");
        CliRun generated = run("generate", "--out", file.toString(), "--prompts", "20", "--seed", "4");
        assertEquals(0, generated.status(), generated.err());
        assertTrue(generated.out().contains("20 prompts"), generated.out());
        CliRun inspected = run("inspect", "--data", file.toString());
        assertEquals(0, inspected.status(), inspected.err());
        assertTrue(inspected.out().contains("ordered pairs        560"), inspected.out());
        assertTrue(inspected.out().contains("group sizes          8: 20"), inspected.out());
    }

    @Test
    void theoryPrintsThePaperOptimumAsJson() throws IOException {
        CliRun result = run("theory", "--utility", "inverse", "--n", "8", "--json");
        assertEquals(0, result.status(), result.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
        double[] expected = {0, .121, .267, .421, .579, .733, .879, 1};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], json.get("rewards").get(i).asDouble(), 1e-3);
        }
        assertEquals("Uniform(0, 1)", json.get("limit_law").asText());
        assertTrue(json.get("kkt_residual").asDouble() < 1e-9);
        assertTrue(json.has("ks_distance") && json.has("solve_seconds"));
    }

    @Test
    void theoryRejectsBadSpecsAndNWithOneLine() {
        for (String[] args : new String[][]{{"theory", "--utility", "cubic", "--n", "5"},
                {"theory", "--utility", "log", "--n", "1"}, {"theory", "--utility", "power:0", "--n", "5"},
                {"theory", "--utility", "log", "--n", "5000"}}) {
            CliRun result = run(args);
            assertEquals(2, result.status(), String.join(" ", args));
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
    }
    @Test
    void evaluateAModelAndItsScoresTheSameWay() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        assertEquals(0, run("generate", "--out", data.toString(), "--prompts", "40", "--seed", "3").status());
        RankedJsonlSource source = new RankedJsonlSource(data, ResponseFeaturizer.defaults());
        MutableDataset<Regressor> dataset = new MutableDataset<>(source);
        RewardModel model = LinearRewardTrainer.builder()
                .objective(RankingObjective.of("open=inverse,closed=linear", true))
                .epochs(3).build().train(dataset);
        Path modelFile = dir.resolve("model.tribuo");
        ModelFiles.write(model, modelFile);
        CliRun byModel = run("evaluate", "--model", modelFile.toString(), "--data", data.toString(),
                "--out", dir.resolve("by-model").toString());
        assertEquals(0, byModel.status(), byModel.err());
        assertTrue(byModel.out().contains("pairwise accuracy") && byModel.out().contains("collapse gap"), byModel.out());
        List<ScoresFile.Row> rows = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (Prediction<Regressor> p : model.predict(dataset)) {
            String id = p.getExample().getMetadataValue("prompt_id").orElseThrow().toString();
            rows.add(new ScoresFile.Row(id, positions.merge(id, 1, Integer::sum) - 1, p.getOutput().getValues()[0]));
        }
        Path scores = dir.resolve("scores.jsonl");
        ScoresFile.write(scores, rows);
        CliRun byScores = run("evaluate", "--scores", scores.toString(), "--data", data.toString(),
                "--utilities", "open=inverse,closed=linear", "--normalise", "no", "--out", dir.resolve("by-scores").toString());
        assertEquals(0, byScores.status(), byScores.err());
        JsonNode a = Json.mapper().readTree(dir.resolve("by-model/metrics.json").toFile());
        JsonNode b = Json.mapper().readTree(dir.resolve("by-scores/metrics.json").toFile());
        for (String key : List.of("pairwise_accuracy", "kendall_tau", "spearman_rho", "ndcg@10", "collapse")) {
            assertEquals(a.get(key), b.get(key), key);
        }
        assertTrue(Files.exists(dir.resolve("by-scores/profiles.png")));
    }

    @Test
    void evaluateRejectsCorruptModelsAndMismatchedScoresInOneLine() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        assertEquals(0, run("generate", "--out", data.toString(), "--prompts", "5").status());
        Path corrupt = dir.resolve("corrupt.tribuo");
        Files.write(corrupt, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        CliRun bad = run("evaluate", "--model", corrupt.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-corrupt").toString());
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("evaluate: " + corrupt + ": not a Tribuo model file"), bad.err());
        Path scores = dir.resolve("scores.jsonl");
        ScoresFile.write(scores, List.of(new ScoresFile.Row("synthetic-000000", 0, 0.5)));
        CliRun mismatch = run("evaluate", "--scores", scores.toString(), "--data", data.toString(), "--out",
                dir.resolve("eval-mismatch").toString());
        assertEquals(2, mismatch.status());
        assertTrue(mismatch.err().contains(scores + ", line 1, field 'response_index': prompt 'synthetic-000000' has 1 "
                + "scored responses but 8 in the data"), mismatch.err());
        assertFalse(Files.exists(dir.resolve("eval-mismatch")), "a failed evaluation leaves no directory");
        CliRun both = run("evaluate", "--scores", scores.toString(), "--model", corrupt.toString(), "--data",
                data.toString(), "--out", dir.toString());
        assertEquals(2, both.status());
        assertFalse(Files.exists(dir.resolve("metrics.json")), "nothing written on failure");
    }
    @Test
    void exportThenScoreWithTheJvmAndOnnxRuntimeAlike() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        assertEquals(0, run("generate", "--out", data.toString(), "--prompts", "30", "--seed", "5").status());
        MutableDataset<Regressor> dataset = new MutableDataset<>(new RankedJsonlSource(data, ResponseFeaturizer.defaults()));
        Path modelFile = dir.resolve("model.tribuo");
        ModelFiles.write(MlpRewardTrainer.builder().hiddenSizes(8).objective(RankingObjective.builder().bounded(true)
                .build()).epochs(2).build().train(dataset), modelFile);
        Path onnx = dir.resolve("model.onnx");
        CliRun exported = run("export", "--model", modelFile.toString(), "--out", onnx.toString());
        assertEquals(0, exported.status(), exported.err());
        assertTrue(exported.out().contains("MlpRewardModel"), exported.out());
        CliRun jvm = run("score", "--model", modelFile.toString(), "--data", data.toString(), "--out",
                dir.resolve("jvm.jsonl").toString());
        assertEquals(0, jvm.status(), jvm.err());
        CliRun ort = run("score", "--onnx", onnx.toString(), "--device", "cpu", "--batch-size", "7", "--data",
                data.toString(), "--out", dir.resolve("ort.jsonl").toString());
        assertEquals(0, ort.status(), ort.err());
        assertTrue(ort.out().contains("240 responses of 30 prompts scored (ONNX Runtime on cpu)"), ort.out());
        Map<String, ScoresFile.PromptScores> a = ScoresFile.read(dir.resolve("jvm.jsonl"));
        Map<String, ScoresFile.PromptScores> b = ScoresFile.read(dir.resolve("ort.jsonl"));
        assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
        for (String id : a.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.get(id).rewards(), b.get(id).rewards(), 1e-5, id);
        }
        CliRun device = run("score", "--model", modelFile.toString(), "--device", "cpu", "--data", data.toString(),
                "--out", dir.resolve("x.jsonl").toString());
        assertEquals(2, device.status());
        assertTrue(device.err().contains("--device and --batch-size apply to --onnx"), device.err());
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(onnx), 100));
        CliRun bad = run("score", "--onnx", truncated.toString(), "--data", data.toString(), "--out",
                dir.resolve("bad.jsonl").toString());
        assertEquals(2, bad.status());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("not a valid ONNX model"), bad.err());
        assertFalse(Files.exists(dir.resolve("bad.jsonl")));
        CliRun notReward = run("export", "--model", data.toString(), "--out", dir.resolve("y.onnx").toString());
        assertEquals(2, notReward.status());
        assertFalse(Files.exists(dir.resolve("y.onnx")));
    }
    @Test
    void trainFromADataFileThenReproduceAndRerunItsConfiguration() throws IOException {
        Path data = dir.resolve("bench.jsonl");
        assertEquals(0, run("generate", "--out", data.toString(), "--prompts", "24", "--seed", "6").status());
        Path out = dir.resolve("run");
        CliRun trained = run("train", "--data", data.toString(), "--policy", "open=inverse,closed=linear", "--bounded",
                "--model", "mlp", "--hidden", "8", "--epochs", "3", "--out", out.toString());
        assertEquals(0, trained.status(), trained.err());
        assertTrue(trained.out().contains("trained MlpRewardModel") && trained.out().contains("collapse"), trained.out());
        CliRun reproduced = run("reproduce", "--run", out.toString());
        assertEquals(0, reproduced.status(), reproduced.err());
        assertTrue(reproduced.out().startsWith("identical: "), reproduced.out());
        CliRun again = run("train", "--config", out.resolve("config.xml").toString(), "--out", dir.resolve("again").toString());
        assertEquals(0, again.status(), again.err());
        CliRun both = run("train", "--config", out.resolve("config.xml").toString(), "--data", data.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("either --config FILE or --data FILE"), both.err());
        CliRun badPolicy = run("train", "--data", data.toString(), "--policy", "open=cubic", "--out", dir.resolve("y").toString());
        assertEquals(2, badPolicy.status());
        assertTrue(badPolicy.err().contains("prompt type 'open'") && badPolicy.err().contains("cubic"), badPolicy.err());
        assertFalse(Files.exists(dir.resolve("y")));
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String command : List.of("train", "score", "evaluate", "theory")) {
            CliRun version = CliRun.of(command, "--version").assertOk();
            assertTrue(version.out().startsWith("rewardcollapse "), command + ": " + version.out());
        }
    }
}
