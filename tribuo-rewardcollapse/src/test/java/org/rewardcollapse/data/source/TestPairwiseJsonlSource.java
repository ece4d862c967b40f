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
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.features.ResponseFeaturizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TestPairwiseJsonlSource {
    @TempDir
    Path dir;

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    @Test
    void hhLayoutSharesThePromptUpToTheLastCommonAssistantTurn() throws IOException {
        String prefix = "\n\nHuman: Hi\n\nAssistant: Hello!\n\nHuman: Tell me a joke\n\nAssistant:";
        // The rejected response itself contains speaker labels: cutting at each dialogue's last label would be wrong.
        String chosen = prefix + " Why did the chicken cross the road?";
        String rejected = prefix + " No.\n\nHuman: please\n\nAssistant: Still no.";
        Path file = TestFiles.writeGzip(dir, "pairs.jsonl.gz",
                "{\"chosen\": " + json(chosen) + ", \"rejected\": " + json(rejected) + "}",
                "{\"chosen\": " + json(prefix + " Same") + ", \"rejected\": " + json(prefix + " Same") + "}",
                "{\"id\": \"x\", \"prompt\": \"Explicit?\", \"chosen\": \"yes\", \"rejected\": \"no\", \"prompt_type\": \"closed\"}");
        PairwiseJsonlSource source = new PairwiseJsonlSource(file, ResponseFeaturizer.defaults());
        List<PromptGroup> groups = source.groups();
        assertEquals(prefix, groups.get(0).prompt());
        assertEquals(List.of("Why did the chicken cross the road?", "No.\n\nHuman: please\n\nAssistant: Still no."),
                groups.get(0).responses().stream().map(ScoredResponse::text).toList());
        assertArrayEquals(new double[]{1, 0}, groups.get(0).scores());
        assertArrayEquals(new double[]{1, 1}, groups.get(1).scores(), "identical responses are a tie");
        assertEquals("Explicit?", groups.get(2).prompt());
        assertEquals("closed", groups.get(2).promptType());
        LoadReport report = source.report();
        assertEquals(3, report.groups());
        assertEquals(2, report.pairs());
        assertEquals(1, report.groupsWithoutPairs());
    }

    @Test
    void anEmptyResponseAfterTheSharedPromptIsKept() throws IOException {
        String prefix = "\n\nHuman: Address again?\n\nAssistant:";
        Path file = TestFiles.write(dir, "empty.jsonl",
                "{\"chosen\": " + json(prefix + " ") + ", \"rejected\": " + json(prefix + " Sure, it is ...") + "}");
        PromptGroup group = new PairwiseJsonlSource(file, ResponseFeaturizer.defaults()).groups().get(0);
        assertEquals("", group.responses().get(0).text());
    }

    @Test
    void dialoguesWithoutASharedAssistantTurnAreAnError() throws IOException {
        Path file = TestFiles.write(dir, "bad.jsonl",
                "{\"chosen\": \"\\n\\nHuman: a\\n\\nAssistant: b\", \"rejected\": \"totally different\"}");
        TestFiles.assertBadInput(file, 1, "chosen", "share no prompt",
                () -> new PairwiseJsonlSource(file, ResponseFeaturizer.defaults()));
        Path missing = TestFiles.write(dir, "missing.jsonl", "{\"chosen\": \"a\"}");
        TestFiles.assertBadInput(missing, 1, "rejected", "missing",
                () -> new PairwiseJsonlSource(missing, ResponseFeaturizer.defaults()));
    }
}
