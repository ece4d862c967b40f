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
package org.rewardcollapse.data.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestScoresFile {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackEveryRewardExactly() throws IOException {
        Path file = dir.resolve("scores.jsonl");
        ScoresFile.write(file, List.of(new ScoresFile.Row("p1", 0, 0.125), new ScoresFile.Row("p1", 1, -3.0e-9),
                new ScoresFile.Row("p2", 0, Math.PI), new ScoresFile.Row("p1", 2, 1.0 / 3)));
        assertEquals("{\"prompt_id\":\"p1\",\"response_index\":0,\"reward\":0.125}", Files.readAllLines(file).get(0));
        Map<String, ScoresFile.PromptScores> read = ScoresFile.read(file);
        assertEquals(List.of("p1", "p2"), List.copyOf(read.keySet()));
        assertArrayEquals(new double[]{0.125, -3.0e-9, 1.0 / 3}, read.get("p1").rewards(), 0.0);
        assertArrayEquals(new double[]{Math.PI}, read.get("p2").rewards(), 0.0);
        assertEquals(4, read.get("p1").line(2), "the line each reward came from");
    }

    @Test
    void nonFiniteRewardsAreNotWrittenAndNothingIsLeftBehind() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        assertThrows(IllegalArgumentException.class, () -> ScoresFile.write(file,
                List.of(new ScoresFile.Row("p", 0, 1.0), new ScoresFile.Row("p", 1, Double.NaN))));
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial file");
        }
    }

    @Test
    void badLinesNameTheFileLineAndField() throws IOException {
        Path missing = TestFiles.write(dir, "a.jsonl", "{\"prompt_id\": \"p\", \"response_index\": 0, \"reward\": 1}",
                "{\"prompt_id\": \"p\", \"reward\": 2}");
        TestFiles.assertBadInput(missing, 2, "response_index", "missing", () -> ScoresFile.read(missing));
        Path text = TestFiles.write(dir, "b.jsonl", "{\"prompt_id\": \"p\", \"response_index\": 0, \"reward\": \"NaN\"}");
        TestFiles.assertBadInput(text, 1, "reward", "number", () -> ScoresFile.read(text));
        Path twice = TestFiles.write(dir, "c.jsonl", "{\"prompt_id\": \"p\", \"response_index\": 0, \"reward\": 1}",
                "{\"prompt_id\": \"p\", \"response_index\": 0, \"reward\": 2}");
        TestFiles.assertBadInput(twice, 2, "response_index", "scored twice", () -> ScoresFile.read(twice));
        Path gap = TestFiles.write(dir, "d.jsonl", "{\"prompt_id\": 7, \"response_index\": 0, \"reward\": 1}",
                "{\"prompt_id\": 7, \"response_index\": 2, \"reward\": 2}");
        TestFiles.assertBadInput(gap, 2, "response_index", "has response_index 2 but no reward for response 1",
                () -> ScoresFile.read(gap));
    }
}
