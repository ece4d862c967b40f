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
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input a hostile or careless user gives the loaders: every case loads completely or stops with one error that
 * names the file and line.
 */
class TestHostileInput {
    private static final String RANKED = "{\"prompt\": \"p\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, "
            + "{\"text\": \"b\", \"rank\": 1}]}";

    @TempDir
    Path dir;

    @Test
    void bytesAfterTheGzipDataAreAnErrorAndEveryMemberIsRead() throws IOException {
        Path file = TestFiles.writeGzip(dir, "a.jsonl.gz", RANKED, RANKED);
        Files.write(file, "junk\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        TestFiles.assertBadInput(file, 0, null, "bytes follow the end of the gzip data",
                () -> new RankedJsonlSource(file, ResponseFeaturizer.defaults()));
        Path members = dir.resolve("members.jsonl.gz");
        for (String line : List.of(RANKED, RANKED.replace("\"a\"", "\"c\""))) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(members, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND))) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(2, new RankedJsonlSource(members, ResponseFeaturizer.defaults()).report().groups(),
                "both gzip members are read");
    }

    @Test
    void detectionSkipsAnyNumberOfBlankLinesAndNamesTheLineOfABadOne() throws IOException {
        String blanks = "\n".repeat(150);
        Path valid = Files.writeString(dir.resolve("valid.jsonl"), blanks + RANKED + "\n");
        assertEquals(DataFormat.RANKED, DataFormat.detect(valid));
        Path malformed = Files.writeString(dir.resolve("bad.jsonl"), blanks + "{\"prompt\": \n");
        TestFiles.assertBadInput(malformed, 151, null, "malformed JSON", () -> DataFormat.detect(malformed));
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), blanks);
        TestFiles.assertBadInput(empty, 0, null, "no data line", () -> DataFormat.detect(empty));
    }

    @Test
    void aGroupWithTooManyPairsIsRefusedWithItsLineAndTheLimit() throws IOException {
        StringJoiner responses = new StringJoiner(", ");
        for (int i = 0; i < 70_000; i++) {
            responses.add("{\"text\": \"r\", \"score\": " + i + "}");
        }
        Path file = TestFiles.write(dir, "huge.jsonl", RANKED, "{\"id\": \"big\", \"prompt\": \"p\", \"responses\": ["
                + responses + "]}");
        TestFiles.assertBadInput(file, 2, null, "prompt 'big' has 70,000 responses (2,449,965,000 ordered pairs); a "
                + "prompt may have at most 10,000,000 ordered pairs", () -> new RankedJsonlSource(file,
                ResponseFeaturizer.defaults()));
    }

    @Test
    void anEmptyResponseIsDataInEveryTextFormatAndIsCounted() throws IOException {
        Path ranked = TestFiles.write(dir, "r.jsonl", "{\"prompt\": \"p\", \"responses\": [{\"text\": \"\", \"rank\": 1}, "
                + "{\"text\": \"an answer\", \"rank\": 0}]}");
        assertEquals(1, new RankedJsonlSource(ranked, ResponseFeaturizer.defaults()).report().emptyResponses());
        Path pairs = TestFiles.write(dir, "p.jsonl", "{\"prompt\": \"p\", \"chosen\": \"yes\", \"rejected\": \"\"}",
                "{\"chosen\": \"\\n\\nHuman: hi\\n\\nAssistant: hello\", \"rejected\": \"\\n\\nHuman: hi\\n\\nAssistant:\"}");
        LoadReport report = new PairwiseJsonlSource(pairs, ResponseFeaturizer.defaults()).report();
        assertEquals(2, report.emptyResponses());
        assertTrue(report.toString().contains("2 empty responses"), report.toString());
        Path oasst = TestFiles.write(dir, "o.jsonl", "{\"message_tree_id\": \"t\", \"prompt\": {\"text\": \"q\", "
                + "\"role\": \"prompter\", \"replies\": [{\"text\": \"\", \"role\": \"assistant\", \"rank\": 1}, "
                + "{\"text\": \"a\", \"role\": \"assistant\", \"rank\": 0}]}}");
        assertEquals(1, new OasstTreeSource(oasst, ResponseFeaturizer.defaults()).report().emptyResponses());
    }

    @Test
    void letorLabelsOutsideTheGradesNdcgTakesAreRefused() throws IOException {
        Path big = TestFiles.write(dir, "big.txt", "1 qid:1 1:1", "1024 qid:1 1:2");
        TestFiles.assertBadInput(big, 2, "label", "relevance label 1024 is outside [0, 1023]", () -> new LetorSource(big));
        Path negative = TestFiles.write(dir, "neg.txt", "-1 qid:1 1:1", "0 qid:1 1:2");
        TestFiles.assertBadInput(negative, 1, "label", "relevance label -1 is outside [0, 1023]",
                () -> new LetorSource(negative));
    }

    @Test
    void aGroupSizeFileThatDisagreesWithTheQidsIsRefused() throws IOException {
        Path file = TestFiles.write(dir, "q.txt", "1 qid:1 1:1", "0 qid:1 1:2", "1 qid:2 1:1", "0 qid:2 1:3");
        Path sizes = TestFiles.write(dir, "sizes.query", "3", "1");
        TestFiles.assertBadInput(sizes, 0, null, "group 1 has 3 rows here but qid 1 of " + file
                + " (line 1) has 2; the group-size file and the qids disagree", () -> new LetorSource(file, sizes));
        Path agreeing = TestFiles.write(dir, "ok.query", "2", "2");
        assertEquals(2, new LetorSource(file, agreeing).groups().size());
    }
}
