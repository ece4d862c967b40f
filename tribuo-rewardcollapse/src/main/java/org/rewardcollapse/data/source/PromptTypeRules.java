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

import org.rewardcollapse.data.PromptGroup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Prompt types assigned by rules where the data has none: an ordered list of {@code TYPE=REGEX}; a prompt gets the
 * type of the first rule whose regular expression is found in its text, and stays untyped when none is. Rules give
 * a labelled subset of prompts from which a classifier policy can learn the rest.
 */
public final class PromptTypeRules {
    private final Map<String, Pattern> rules;

    private PromptTypeRules(Map<String, Pattern> rules) {
        this.rules = rules;
    }

    /**
     * Parses rules.
     * @param entries {@code TYPE=REGEX} entries, in priority order.
     * @return The rules.
     * @throws IllegalArgumentException If an entry lacks '=' or a type, repeats a type, or has a bad expression.
     */
    public static PromptTypeRules parse(List<String> entries) {
        Map<String, Pattern> rules = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("typeRules entry '" + entry + "' is not TYPE=REGEX");
            }
            String type = entry.substring(0, eq).strip();
            try {
                if (rules.put(type, Pattern.compile(entry.substring(eq + 1))) != null) {
                    throw new IllegalArgumentException("typeRules names type '" + type + "' twice");
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("typeRules, type '" + type + "': bad regular expression ("
                        + e.getDescription() + ")", e);
            }
        }
        return new PromptTypeRules(rules);
    }

    /**
     * Are there no rules?
     * @return True when empty.
     */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Types the groups that have no type and whose prompt matches a rule.
     * @param groups The groups.
     * @param counts Receives, per type, how many groups the rules typed (and "(untyped)" for the rest without a type).
     * @return The groups, typed where a rule matched.
     */
    public List<PromptGroup> apply(List<PromptGroup> groups, Map<String, Integer> counts) {
        List<PromptGroup> typed = new ArrayList<>(groups.size());
        for (PromptGroup group : groups) {
            if (group.promptType() != null || group.prompt() == null) {
                typed.add(group);
                continue;
            }
            String type = null;
            for (Map.Entry<String, Pattern> rule : rules.entrySet()) {
                if (rule.getValue().matcher(group.prompt()).find()) {
                    type = rule.getKey();
                    break;
                }
            }
            counts.merge(type == null ? "(untyped)" : type, 1, Integer::sum);
            typed.add(type == null ? group : group.withType(type));
        }
        return typed;
    }

    /**
     * A readable summary of counts.
     * @param counts Type to count.
     * @return The text.
     */
    static String describe(Map<String, Integer> counts) {
        return new TreeMap<>(counts).toString();
    }
}
