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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training says when what it reports cannot be trusted: held-out metrics on a test file that shares prompts with the
 * training data, and an L2 search whose candidate 0 leaves an unbounded utility without a maximum.
 */
class TestTrainingWarnings {
    @TempDir
    static Path dir;

    private static Path data;

    @BeforeAll
    static void setUp() {
        data = dir.resolve("data.jsonl");
        CliRun.of("generate", "--out", data.toString(), "--prompts", "40").assertOk();
    }

    @Test
    void aTestFileSharingTrainingPromptsIsReportedAndRecorded() throws IOException {
        List<String> lines = Files.readAllLines(data);
        Path test = dir.resolve("test.jsonl");
        List<String> testLines = new ArrayList<>(lines.subList(0, 6));
        Path fresh = dir.resolve("fresh.jsonl");
        CliRun.of("generate", "--out", fresh.toString(), "--prompts", "4", "--seed", "99").assertOk();
        Files.readAllLines(fresh).forEach(line -> testLines.add(line.replace("synthetic-", "fresh-")));
        Files.write(test, testLines);
        Path run = dir.resolve("overlap-run");
        CliRun result = CliRun.of("train", "--data", data.toString(), "--test-data", test.toString(), "--epochs", "1",
                "--l2", "0", "--out", run.toString()).assertOk();
        assertTrue(result.err().contains("6 of the 10 prompts of " + test + " are in the training data"),
                result.err());
        JsonNode metrics = Json.mapper().readTree(run.resolve("metrics.json").toFile());
        assertTrue(metrics.path("warnings").get(0).asText().contains("are in the training data"), metrics.toString());

        Path clean = dir.resolve("clean-run");
        CliRun quiet = CliRun.of("train", "--data", data.toString(), "--test-data", fresh.toString(), "--epochs", "1",
                "--l2", "0", "--out", clean.toString()).assertOk();
        assertFalse(quiet.err().contains("training data, so"), quiet.err());
    }

    @Test
    void anUnboundedUtilityWithTheL2SearchIsWarnedAbout() {
        CliRun result = CliRun.of("train", "--data", data.toString(), "--utility", "linear", "--epochs", "2",
                "--cv-folds", "2", "--out", dir.resolve("linear-run").toString()).assertOk();
        assertTrue(result.err().contains("the L2 candidate 0 leaves utility linear on unbounded rewards without a "
                + "maximum"), result.err());
        CliRun bounded = CliRun.of("train", "--data", data.toString(), "--utility", "linear", "--bounded", "--epochs",
                "2", "--cv-folds", "2", "--out", dir.resolve("bounded-run").toString()).assertOk();
        assertFalse(bounded.err().contains("without a maximum"), bounded.err());
    }
}
