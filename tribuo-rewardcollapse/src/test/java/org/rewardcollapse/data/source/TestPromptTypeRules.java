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
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                group("3", "What should I write?", null), group("4", "Hello", null), group("5", "Write", "given")), counts);
        assertEquals("open", typed.get(0).promptType());
        assertEquals("closed", typed.get(1).promptType());
        assertEquals("open", typed.get(2).promptType(), "rules apply in order");
        assertNull(typed.get(3).promptType());
        assertEquals("given", typed.get(4).promptType(), "a type from the data is kept");
        assertEquals(Map.of("open", 2, "closed", 1, "(untyped)", 1), counts);
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
