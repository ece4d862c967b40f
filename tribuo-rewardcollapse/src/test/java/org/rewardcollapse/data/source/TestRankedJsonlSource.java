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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TestRankedJsonlSource {
    @TempDir
    Path dir;

    @Test
    void ranksBecomeScoresBestHighestAndMetadataCarriesGroupAndType() throws IOException {
        Path file = TestFiles.write(dir, "r.jsonl",
                "{\"id\": \"q1\", \"prompt\": \"Capital of New Zealand?\", \"prompt_type\": \"closed\", \"responses\": ["
                        + "{\"text\": \"Auckland\", \"rank\": 2}, {\"text\": \"Wellington\", \"rank\": 0}, {\"text\": \"Sydney\", \"rank\": 1}]}",
                "",
                "{\"prompt\": \"Write a story.\", \"responses\": [{\"text\": \"Once\", \"score\": 0.5}, {\"text\": \"Once upon\", \"score\": 0.5},"
                        + " {\"text\": \"Once upon a time\", \"score\": 2.25}]}");
        RankedJsonlSource source = new RankedJsonlSource(file, ResponseFeaturizer.defaults());
        List<Example<Regressor>> examples = new ArrayList<>();
        source.forEach(examples::add);
        assertEquals(6, examples.size());
        double[] scores = examples.stream().mapToDouble(e -> e.getOutput().getValues()[0]).toArray();
        assertArrayEquals(new double[]{0, 2, 1, 0.5, 0.5, 2.25}, scores);
        assertEquals("q1", examples.get(0).getMetadataValue("prompt_id").orElseThrow());
        assertEquals("closed", examples.get(0).getMetadataValue("prompt_type").orElseThrow());
        assertEquals("3", examples.get(3).getMetadataValue("prompt_id").orElseThrow(), "id defaults to the line number");
        assertFalse(examples.get(3).containsMetadata("prompt_type"));
        assertEquals("reward", examples.get(0).getOutput().getNames()[0]);
        LoadReport report = source.report();
        assertEquals(2, report.groups());
        assertEquals(6, report.responses());
        assertEquals(3 + 2, report.pairs(), "the tie in the second prompt forms no pair");
        assertEquals(6, new MutableDataset<>(source).size());
    }

    @Test
    void configurableMetadataKeysAndGzipInput() throws IOException {
        Path file = TestFiles.writeGzip(dir, "r.jsonl.gz",
                "{\"id\": 7, \"prompt\": \"p\", \"prompt_type\": \"open\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}");
        RankedJsonlSource source = new RankedJsonlSource(file, ResponseFeaturizer.defaults(), "group", "kind",
                ReadOptions.DEFAULT);
        Example<Regressor> first = source.iterator().next();
        assertEquals("7", first.getMetadataValue("group").orElseThrow());
        assertEquals("open", first.getMetadataValue("kind").orElseThrow());
    }

    static Stream<Arguments> badLines() {
        String ok = "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}";
        return Stream.of(
                Arguments.of("{\"prompt\": \"p\", \"responses\": [", null, "malformed JSON"),
                Arguments.of("[1, 2]", null, "expected a JSON object"),
                Arguments.of("{\"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}", "prompt", "missing"),
                Arguments.of("{\"prompt\": 3, \"responses\": []}", "prompt", "expected a string"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": {}}", "responses", "expected an array"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}]}", "responses", "at least 2 responses"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 0}]}", "responses[1].rank", "duplicate rank 0"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": -1}, {\"text\": \"b\", \"rank\": 0}]}", "responses[0].rank", "non-negative"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0.5}, {\"text\": \"b\", \"rank\": 0}]}", "responses[0].rank", "non-negative integer"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": 5, \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}", "responses[0].text", "expected a string"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}", "responses[0].text", "missing"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"score\": NaN}, {\"text\": \"b\", \"score\": 1}]}", null, "malformed JSON"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"score\": \"NaN\"}, {\"text\": \"b\", \"score\": 1}]}", "responses[0].score", "expected a number"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"score\": 1e400}, {\"text\": \"b\", \"score\": 1}]}", "responses[0].score", "not finite"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"score\": 1}, {\"text\": \"b\", \"rank\": 1}]}", "responses[1].rank", "mixes ranks and scores"),
                Arguments.of("{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"score\": 1, \"rank\": 0}, {\"text\": \"b\", \"score\": 0}]}", "responses[0]", "both 'rank' and 'score'"),
                Arguments.of("{\"prompt\": \"p\", \"prompt\": \"q\", \"responses\": []}", null, "Duplicate field"),
                Arguments.of(ok.replace("{\"prompt\"", "{\"id\": \"1\", \"prompt\""), "id",
                        "prompt id '1' is given on line 2 and is also the id that line 1, which has no 'id', gets from its line number"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("badLines")
    void badInputFailsWithOneErrorNamingFileLineAndField(String badLine, String field, String fragment) throws IOException {
        String ok = "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}";
        Path file = TestFiles.write(dir, "bad.jsonl", ok, badLine, ok);
        TestFiles.assertBadInput(file, 2, field, fragment, () -> new RankedJsonlSource(file, ResponseFeaturizer.defaults()));
    }

    @Test
    void invalidUtf8IsReportedAtItsLine() throws IOException {
        String ok = "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}\n";
        Path file = dir.resolve("utf8.jsonl");
        byte[] bad = "{\"prompt\": \"\u00ff\", \"responses\": []}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (var out = Files.newOutputStream(file)) {
            out.write(ok.getBytes());
            out.write(ok.getBytes());
            out.write(bad);
        }
        TestFiles.assertBadInput(file, 3, null, "invalid UTF-8", () -> new RankedJsonlSource(file, ResponseFeaturizer.defaults()));
    }

    @Test
    void emptyAndMissingFilesAreErrors() throws IOException {
        Path empty = TestFiles.write(dir, "empty.jsonl", "", "  ");
        TestFiles.assertBadInput(empty, 0, null, "no prompt groups", () -> new RankedJsonlSource(empty, ResponseFeaturizer.defaults()));
        Path missing = dir.resolve("missing.jsonl");
        TestFiles.assertBadInput(missing, 0, null, "file not found", () -> new RankedJsonlSource(missing, ResponseFeaturizer.defaults()));
    }

    @Test
    void truncatedGzipIsAnError() throws IOException {
        Path file = TestFiles.writeGzip(dir, "t.jsonl.gz",
                "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        DataFormatException e = org.junit.jupiter.api.Assertions.assertThrows(DataFormatException.class,
                () -> new RankedJsonlSource(file, ResponseFeaturizer.defaults()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}
