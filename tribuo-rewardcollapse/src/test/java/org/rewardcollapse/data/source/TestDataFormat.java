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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.TruncationBenchmark;
import org.rewardcollapse.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestDataFormat {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"prompt\": \"p\", \"responses\": []}|ranked",
            "{\"message_tree_id\": \"t\", \"prompt\": {\"text\": \"x\"}}|oasst",
            "{\"chosen\": \"a\", \"rejected\": \"b\"}|pairs",
            "2 qid:1 1:0.5 7:1 # doc|letor",
            "0 1:0.89 11:0.75|letor"})
    void formatIsDetectedFromTheFirstDataLine(String line, String expected) throws IOException {
        Path file = TestFiles.write(dir, "data", "", line);
        assertEquals(expected, DataFormat.detect(file).formatName());
    }

    @Test
    void ambiguousAndUnknownContentAreErrors() throws IOException {
        Path ambiguous = TestFiles.write(dir, "a.jsonl", "{\"responses\": [], \"chosen\": \"a\", \"rejected\": \"b\"}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataFormat.detect(ambiguous));
        assertTrue(e.getMessage().contains("ambiguous format") && e.getMessage().contains("ranked and pairs"), e.getMessage());
        Path unknown = TestFiles.write(dir, "u.csv", "a,b,c");
        assertTrue(assertThrows(DataFormatException.class, () -> DataFormat.detect(unknown)).getMessage()
                .contains("cannot tell the format"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> DataFormat.fromName("csv"));
        assertEquals("unknown format 'csv' (expected one of ranked, oasst, pairs, rollouts, letor)", name.getMessage());
    }

    @Test
    void atomicWriteLeavesTheTargetUntouchedOnFailure() throws IOException {
        Path target = dir.resolve("out.jsonl");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void writtenBenchmarkReadsBackIdentically() throws IOException {
        List<PromptGroup> groups = TruncationBenchmark.generate(30, 0.5, 11);
        Path file = dir.resolve("bench.jsonl");
        RankedJsonlWriter.write(groups, file);
        assertEquals(DataFormat.RANKED, DataFormat.detect(file));
        List<PromptGroup> read = new RankedJsonlSource(file, ResponseFeaturizer.defaults()).groups();
        assertEquals(groups.size(), read.size());
        for (int i = 0; i < groups.size(); i++) {
            PromptGroup a = groups.get(i);
            PromptGroup b = read.get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.prompt(), b.prompt());
            assertEquals(a.promptType(), b.promptType());
            assertEquals(a.responses(), b.responses());
        }
    }
}
