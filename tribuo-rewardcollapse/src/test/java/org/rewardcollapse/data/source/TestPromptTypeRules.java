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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestPromptTypeRules {
    private static PromptGroup group(String id, String prompt, String type) {
        return new PromptGroup(id, prompt, type, List.of(ScoredResponse.ofText("a", 1), ScoredResponse.ofText("b", 0)), 1);
    }

    @Test
    void theFirstMatchingRuleTypesPromptsWithoutAType() {
        PromptTypeRules rules = PromptTypeRules.parse(List.of("open=(?i)\\bwrite\\b", "closed=(?i)^what\\b"));
        Map<String, Integer> counts = new HashMap<>();
        List<PromptGroup> typed = rules.apply(List.of(group("1", "Write a poem", null), group("2", "What is 2+2?", null),
                group("3", "What should I write?", null), group("4", "Hello", null), group("5", "Write", "given")), counts, null);
        assertEquals("open", typed.get(0).promptType());
        assertEquals("closed", typed.get(1).promptType());
        assertEquals("open", typed.get(2).promptType(), "rules apply in order");
        assertNull(typed.get(3).promptType());
        assertEquals("given", typed.get(4).promptType(), "a type from the data is kept");
        assertEquals(Map.of("open", 2, "closed", 1, "(untyped)", 1), counts);
    }

    @TempDir
    Path dir;

    private static PromptGroup onLine(String prompt, long line) {
        return new PromptGroup("p", prompt, null, List.of(ScoredResponse.ofText("a", 1), ScoredResponse.ofText("b", 0)),
                line);
    }

    @Test
    void aRuleThatBacktracksForeverIsStoppedAndNamedWithTheLine() {
        PromptTypeRules rules = PromptTypeRules.parse(List.of("slow=(.*a){3}!"));
        PromptGroup prompt = onLine("a".repeat(20_000), 7);
        DataFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(
                DataFormatException.class, () -> rules.apply(List.of(prompt), new HashMap<>(), Path.of("p.jsonl"))));
        assertTrue(e.getMessage().startsWith("p.jsonl, line 7, field 'prompt': type rule 'slow=(.*a){3}!' took more "
                + "than"), e.getMessage());
    }

    @Test
    void aRuleThatOverflowsTheStackIsOneErrorNamingTheRuleAndTheLine() {
        PromptTypeRules rules = PromptTypeRules.parse(List.of("closed=^(\\w|\\s|[,.:!])*\\?$"));
        PromptGroup prompt = onLine("word ".repeat(100_000) + "?", 12);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> rules.apply(List.of(prompt), new HashMap<>(), Path.of("oasst.jsonl")));
        assertTrue(e.getMessage().startsWith("oasst.jsonl, line 12, field 'prompt': type rule 'closed="), e.getMessage());
        assertTrue(e.getMessage().contains("overflowed the stack"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theNameReportsGiveUntypedPromptsIsNoType() throws IOException {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTypeRules.parse(List.of("(untyped)=x")))
                .getMessage().contains("'(untyped)' is what reports call prompts without a type"));
        Path file = TestFiles.write(dir, "u.jsonl", "{\"prompt\": \"p\", \"prompt_type\": \"open\", \"responses\": "
                + "[{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", \"rank\": 1}]}", "{\"prompt\": \"q\", "
                + "\"prompt_type\": \"(untyped)\", \"responses\": [{\"text\": \"a\", \"rank\": 0}, {\"text\": \"b\", "
                + "\"rank\": 1}]}");
        DataFormatException e = assertThrows(DataFormatException.class, () -> new RankedJsonlSource(file,
                ResponseFeaturizer.defaults()));
        assertTrue(e.getMessage().contains("line 2, field 'prompt_type'"), e.getMessage());
    }

    @Test
    void badRulesNameTheirProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTypeRules.parse(List.of("open")))
                .getMessage().contains("not TYPE=REGEX"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTypeRules.parse(List.of("open=(")))
                .getMessage().contains("type 'open': bad regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTypeRules.parse(List.of("a=x", "a=y")))
                .getMessage().contains("twice"));
    }
}
