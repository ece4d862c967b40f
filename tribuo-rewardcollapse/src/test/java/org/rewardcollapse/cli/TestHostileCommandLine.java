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

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile or careless user does with the command line, through its real entry point: nothing of theirs is
 * lost, and every mistake is one line on stderr with the documented exit status.
 */
class TestHostileCommandLine {
    @TempDir
    static Path dir;

    private static Path data;
    private static Path model;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void setUp() {
        data = dir.resolve("data.jsonl");
        assertEquals(0, run("generate", "--out", data.toString(), "--prompts", "24").status());
        Path run = dir.resolve("first-run");
        assertEquals(0, run("train", "--data", data.toString(), "--model", "linear", "--epochs", "1", "--out",
                run.toString()).status());
        model = run.resolve("model.tribuo");
    }

    @Test
    void trainRefusesAFolderOfTheUsersAndKeepsEveryFileInIt() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Path copy = Files.copy(data, folder.resolve("data.jsonl"));
        byte[] before = Files.readAllBytes(copy);
        CliRun result = run("train", "--data", copy.toString(), "--model", "linear", "--epochs", "1", "--out",
                folder.toString(), "--force");
        result.assertOneLineError(2, folder + " is not empty and is not a run directory written by this tool (it holds "
                + "data.jsonl)");
        assertArrayEquals(before, Files.readAllBytes(copy));
        assertEquals(List.of("data.jsonl"), names(folder));
    }

    @Test
    void anEarlierRunIsReplacedOnlyWithForce() {
        Path run = dir.resolve("twice");
        assertEquals(0, run("train", "--data", data.toString(), "--model", "linear", "--epochs", "1", "--out",
                run.toString()).status());
        run("train", "--data", data.toString(), "--model", "linear", "--epochs", "1", "--out", run.toString())
                .assertOneLineError(2, run + " holds an earlier run; --force replaces it");
        assertEquals(0, run("train", "--data", data.toString(), "--model", "linear", "--epochs", "1", "--out",
                run.toString(), "--force").status());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        Path copy = Files.copy(model, dir.resolve("copy.tribuo"));
        byte[] modelBytes = Files.readAllBytes(copy);
        run("export", "--model", copy.toString(), "--out", copy.toString())
                .assertOneLineError(2, "the output " + copy + " is the input " + copy);
        assertArrayEquals(modelBytes, Files.readAllBytes(copy));
        Path dataCopy = Files.copy(data, dir.resolve("scored.jsonl"));
        byte[] dataBytes = Files.readAllBytes(dataCopy);
        run("score", "--model", copy.toString(), "--data", dataCopy.toString(), "--out", dataCopy.toString())
                .assertOneLineError(2, "is the input " + dataCopy);
        assertArrayEquals(dataBytes, Files.readAllBytes(dataCopy));
    }

    @Test
    void aReplacedEvaluationHoldsNoPlotOfTheEarlierOne() throws IOException {
        Path eval = dir.resolve("eval");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out",
                eval.toString()).status());
        assertTrue(Files.exists(eval.resolve("histogram-open.png")));
        Path untyped = dir.resolve("untyped.jsonl");
        Files.write(untyped, Files.readAllLines(data).stream().map(l -> l.replaceAll(",?\"prompt_type\":\"[a-z]+\"", ""))
                .toList());
        run("evaluate", "--model", model.toString(), "--data", untyped.toString(), "--out", eval.toString())
                .assertOneLineError(2, eval + " holds an earlier evaluation; --force replaces it");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", untyped.toString(), "--out",
                eval.toString(), "--force").status());
        assertFalse(Files.exists(eval.resolve("histogram-open.png")), "no plot of the earlier evaluation is left");
        assertTrue(Files.exists(eval.resolve("metrics.json")));
    }

    @Test
    void dataFromAnotherFeatureSpaceIsOneShortLineNamingTheFile() throws IOException {
        Path letor = Files.writeString(dir.resolve("l.txt"), "2 qid:1 1:1 2:3\n0 qid:1 1:2 2:1\n1 qid:2 1:1\n0 qid:2 2:2\n");
        Path letorRun = dir.resolve("letor-run");
        assertEquals(0, run("train", "--data", letor.toString(), "--model", "linear", "--epochs", "1",
                "--test-fraction", "0", "--out", letorRun.toString()).status());
        CliRun result = run("evaluate", "--model", letorRun.resolve("model.tribuo").toString(), "--data",
                data.toString(), "--out", dir.resolve("eval-other").toString());
        // A model over numeric features records no featuriser: text is refused before it is featurised.
        result.assertOneLineError(2, "records no featuriser, so the text of " + data);
        assertTrue(result.err().length() < 300, result.err());
    }

    @Test
    void numbersAndFilesOutOfRangeAreOneLine() throws IOException {
        run("score", "--onnx", model.resolveSibling("model.onnx").toString(), "--device", "cpu", "--batch-size",
                "100000000", "--data", data.toString(), "--out", dir.resolve("s.jsonl").toString())
                .assertOneLineError(2, "the batch buffer may hold at most 1,024 MiB");
        run("theory", "--utility", "power:0.99", "--n", "100").assertOneLineError(1, "no reliable optimum for power:0.99 "
                + "at n = 100");
        run("theory", "--utility", "inverse,eps=1e-310", "--n", "8").assertOneLineError(2, "eps must be 0 or in");
        Path broken = Files.createDirectories(dir.resolve("broken-run"));
        Files.copy(model, broken.resolve("model.tribuo"));
        Files.writeString(broken.resolve("provenance.json"), "[]");
        run("reproduce", "--run", broken.toString()).assertOneLineError(2, broken.resolve("provenance.json") + ": ");
    }

    @Test
    void aConfigurationThatReadsAFileThroughAnEntityIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "the secret");
        Path config = Files.writeString(dir.resolve("xxe.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE config [<!ENTITY x "
                + "SYSTEM \"" + secret.toUri() + "\">]>\n<config><component name=\"experiment\" "
                + "type=\"org.rewardcollapse.experiment.Experiment\"><property name=\"name\" value=\"&x;\"/>"
                + "</component></config>\n");
        CliRun result = run("train", "--config", config.toString(), "--out", dir.resolve("xxe-run").toString());
        result.assertOneLineError(2, "DOCTYPE declarations are not allowed in configuration files");
        assertFalse(result.err().contains("the secret"));
    }

    @Test
    void aJsonConfigurationRunsThroughTheCommandLine() throws IOException {
        Path run = dir.resolve("first-run");
        com.oracle.labs.mlrg.olcut.config.ConfigurationManager.addFileFormatFactory(
                new com.oracle.labs.mlrg.olcut.config.json.JsonConfigFactory());
        com.oracle.labs.mlrg.olcut.config.ConfigurationManager manager =
                org.rewardcollapse.io.ConfigurationFiles.load(run.resolve("config.xml"));
        Path json = dir.resolve("config.json");
        try (var out = Files.newOutputStream(json)) {
            manager.save(out, "json", true);
        }
        CliRun result = run("train", "--config", json.toString(), "--out", dir.resolve("from-json").toString());
        assertEquals(0, result.status(), result.err());
        assertTrue(Files.exists(dir.resolve("from-json/model.tribuo")));
    }

    @Test
    void aFailedClaimOfTheDemoIsAFailedExit() {
        ObjectNode summary = Json.mapper().createObjectNode();
        summary.putArray("checks").addObject().put("holds", true);
        assertEquals(0, DemoCommand.failedChecks(summary));
        ((com.fasterxml.jackson.databind.node.ArrayNode) summary.get("checks")).addObject().put("holds", false);
        assertEquals(1, DemoCommand.failedChecks(summary));
    }

    @Test
    void outOfMemorySaysWhatWasReadAndHowToGiveJavaMoreHeap() {
        String line = RewardCollapseCli.outOfMemory(new String[]{"train", "--data", "big.jsonl", "--out", "r"});
        assertTrue(line.startsWith("train: out of memory while working on big.jsonl with a heap of "), line);
        assertTrue(line.contains("give Java more, e.g. java -Xmx"), line);
    }

    private static List<String> names(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void moreDataThanTheHeapCanHoldIsRefusedUpFront() {
        CliRun.of("generate", "--out", dir.resolve("huge.jsonl").toString(), "--prompts", "2147483647")
                .assertOneLineError(2, "--prompts must be in [0, 10000000]");
        CliRun tooBig = CliRun.of("generate", "--out", dir.resolve("big.jsonl").toString(), "--prompts", "9000000");
        tooBig.assertOneLineError(1, "72,000,000 responses need about");
        assertTrue(tooBig.err().contains("bytes each), more than the"), tooBig.err());
    }

    @Test
    void aScoresRowOfAnUnknownPromptIsNamedAtItsOwnLine() throws IOException {
        Path scores = Files.writeString(dir.resolve("unknown-scores.jsonl"),
                "{\"prompt_id\": \"nowhere\", \"response_index\": 1, \"reward\": 0.5}\n"
                        + "{\"prompt_id\": \"nowhere\", \"response_index\": 0, \"reward\": 0.2}\n");
        run("evaluate", "--scores", scores.toString(), "--data", data.toString(), "--out",
                dir.resolve("unknown-eval").toString()).assertOneLineError(2, scores + ", line 1, field 'prompt_id': "
                + "prompt 'nowhere' is not in the data");
    }

    @Test
    void scoresBeyondADoublesRangeWithAMarginAreOneLineNamingThePrompt() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            lines.append("{\"id\": \"q").append(p).append("\", \"prompt\": \"question ").append(p)
                    .append("\", \"responses\": [{\"text\": \"yes\", \"score\": ").append("1.7e308")
                    .append("}, {\"text\": \"no\", \"score\": ").append("-1.7e308").append("}]}\n");
        }
        Path huge = Files.writeString(dir.resolve("huge-scores.jsonl"), lines.toString());
        run("train", "--data", huge.toString(), "--margin", "1", "--epochs", "1", "--l2", "0", "--out",
                dir.resolve("margin-run").toString()).assertOneLineError(2, "': with margin 1.0 its scores 1.7E308 "
                + "and -1.7E308 give a margin beyond a double's range");
    }
}
