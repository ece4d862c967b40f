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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.source.ScoresFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring what a policy generates: unlabelled rollouts, TRL's formats, standard input and output. */
class ScoringRolloutsIT {
    @TempDir
    Path dir;

    private Path model() throws IOException {
        Path train = dir.resolve("train.jsonl");
        CliRun.of("generate", "--out", train.toString(), "--prompts", "40", "--seed", "3").assertOk();
        Path run = dir.resolve("run");
        CliRun.of("train", "--data", train.toString(), "--l2", "0.01", "--epochs", "3", "--quiet", "--out",
                run.toString()).assertOk();
        return run.resolve("model.tribuo");
    }

    @Test
    void unlabelledRolloutsAreScoredLineByLineAsARankedFileWithTheSameTexts() throws IOException {
        Path model = model();
        Path rollouts = Files.writeString(dir.resolve("rollouts.jsonl"), String.join("\n",
                "{\"prompt\": \"Write a poem\", \"response\": \"Roses are red and the sky is blue\"}",
                "{\"prompt\": \"Capital of France?\", \"completion\": \"Paris\"}",
                "{\"prompt\": \"Write a poem\", \"response\": \"No.\"}") + "\n");
        Path ranked = Files.writeString(dir.resolve("ranked.jsonl"), String.join("\n",
                "{\"id\": \"poem\", \"prompt\": \"Write a poem\", \"responses\": [{\"text\": \"Roses are red and the "
                        + "sky is blue\"}, {\"text\": \"No.\"}]}",
                "{\"id\": \"capital\", \"prompt\": \"Capital of France?\", \"responses\": [{\"text\": \"Paris\"}]}")
                + "\n");
        Path out = dir.resolve("rollout-scores.jsonl");
        CliRun.of("score", "--model", model.toString(), "--data", rollouts.toString(), "--out", out.toString())
                .assertOk();
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size(), "one row per input line, in input order");
        assertTrue(lines.get(0).startsWith("{\"prompt_id\":\"1\",\"response_index\":0,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"prompt_id\":\"2\",\"response_index\":0,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"prompt_id\":\"1\",\"response_index\":1,"), lines.get(2));
        Path rankedOut = dir.resolve("ranked-scores.jsonl");
        CliRun.of("score", "--model", model.toString(), "--data", ranked.toString(), "--out", rankedOut.toString())
                .assertOk();
        Map<String, ScoresFile.PromptScores> fromRollouts = ScoresFile.read(out);
        Map<String, ScoresFile.PromptScores> fromRanked = ScoresFile.read(rankedOut);
        assertEquals(fromRanked.get("poem").rewards()[0], fromRollouts.get("1").rewards()[0], 0.0);
        assertEquals(fromRanked.get("poem").rewards()[1], fromRollouts.get("1").rewards()[1], 0.0);
        assertEquals(fromRanked.get("capital").rewards()[0], fromRollouts.get("2").rewards()[0], 0.0);
        CliRun.of("evaluate", "--model", model.toString(), "--data", rollouts.toString(), "--out",
                dir.resolve("eval").toString()).assertOneLineError(2, "rollouts.jsonl, line 1: has neither 'score' nor "
                + "'label' (training and evaluation need a label on every response)");
        CliRun.of("train", "--data", rollouts.toString(), "--out", dir.resolve("bad").toString())
                .assertOneLineError(2, "has neither 'score' nor 'label'");
    }

    @Test
    void dashWritesScoresToStandardOutputAndStatusToStandardErrorAndReadsStandardInput() throws IOException {
        Path model = model();
        String rollouts = "{\"prompt\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"completion\": [{\"role\": "
                + "\"assistant\", \"content\": \"Hello there\"}]}\n";
        InputStream before = System.in;
        CliRun run;
        try {
            System.setIn(new ByteArrayInputStream(rollouts.getBytes(StandardCharsets.UTF_8)));
            run = CliRun.of("score", "--model", model.toString(), "--data", "-", "--out", "-").assertOk();
        } finally {
            System.setIn(before);
        }
        assertEquals(1, run.out().lines().count(), "only JSON lines on standard output: " + run.out());
        assertTrue(run.out().startsWith("{\"prompt_id\":\"1\",\"response_index\":0,\"reward\":"), run.out());
        assertTrue(run.err().contains("wrote standard output: 1 responses of 1 prompts scored"), run.err());
        assertFalse(Files.exists(dir.resolve("-")));
    }
}
