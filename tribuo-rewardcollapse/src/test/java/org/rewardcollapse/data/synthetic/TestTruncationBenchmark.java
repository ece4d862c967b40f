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
package org.rewardcollapse.data.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.source.DataFormatException;
import org.rewardcollapse.data.source.TestFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTruncationBenchmark {
    @TempDir
    Path dir;

    @Test
    void everyPromptHasThePaperTruncationsOfOneTextLongerIsBetter() {
        List<PromptGroup> groups = TruncationBenchmark.generate(400, 0.5, 99);
        assertEquals(400, groups.size());
        for (PromptGroup group : groups) {
            boolean open = TruncationBenchmark.OPEN.equals(group.promptType());
            assertTrue(group.prompt().endsWith(open ? TruncationBenchmark.OPEN_SUFFIX : TruncationBenchmark.CLOSED_SUFFIX));
            List<Integer> lengths = open ? TruncationBenchmark.OPEN_LENGTHS : TruncationBenchmark.CLOSED_LENGTHS;
            assertEquals(8, group.responses().size());
            String longest = group.responses().get(7).text();
            for (int i = 0; i < 8; i++) {
                ScoredResponse response = group.responses().get(i);
                assertEquals(lengths.get(i), response.text().split(" ").length);
                assertEquals(lengths.get(i).doubleValue(), response.score());
                assertTrue(longest.startsWith(response.text()), "a truncation is a prefix of the same text");
            }
            assertEquals(28, group.pairCount());
        }
    }

    @Test
    void classDrawFollowsTheProbabilityAndTheSeed() {
        int n = 4000;
        long open = TruncationBenchmark.generate(n, 0.3, 5).stream()
                .filter(g -> TruncationBenchmark.OPEN.equals(g.promptType())).count();
        double sigma = Math.sqrt(n * 0.3 * 0.7);
        assertTrue(Math.abs(open - 0.3 * n) < 4 * sigma, "open prompts: " + open);
        assertEquals(TruncationBenchmark.generate(50, 0.5, 5), TruncationBenchmark.generate(50, 0.5, 5));
        assertNotEquals(TruncationBenchmark.generate(50, 0.5, 5), TruncationBenchmark.generate(50, 0.5, 6));
    }

    @Test
    void userTextsShorterThanOneHundredWordsAreSkipped() throws IOException {
        String longText = "word ".repeat(120).strip();
        Path file = TestFiles.write(dir, "texts.jsonl",
                "{\"text\": \"" + longText + "\", \"prompt\": \"Q1?\"}",
                "{\"text\": \"too short\"}",
                "{\"text\": \"" + longText + "\"}");
        List<String> skipped = new ArrayList<>();
        List<TruncationBenchmark.LongText> texts = TruncationBenchmark.readTexts(file, skipped);
        assertEquals(2, texts.size());
        assertEquals(List.of("1 texts shorter than 100 words"), skipped);
        SyntheticRankingSource source = new SyntheticRankingSource(file, 0, 1.0, 3, ResponseFeaturizer.defaults());
        assertEquals("Q1? Write the answer in an open-ended way.", source.groups().get(0).prompt());
        assertEquals(16, source.report().responses());
        assertThrows(DataFormatException.class, () -> new SyntheticRankingSource(file, 3, 0.5, 3, ResponseFeaturizer.defaults()));
    }
}
