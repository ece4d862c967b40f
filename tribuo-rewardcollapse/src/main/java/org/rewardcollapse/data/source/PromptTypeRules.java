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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Prompt types assigned by rules where the data has none: an ordered list of {@code TYPE=REGEX}; a prompt gets the
 * type of the first rule whose regular expression is found in its text, and stays untyped when none is. Rules give
 * a labelled subset of prompts from which a classifier policy can learn the rest.
 * <p>
 * Rules come from users and from model files, and Java's regular expressions backtrack: matching is bounded to
 * {@value #MATCH_MILLIS} ms per prompt and rule (the text is read through a {@link CharSequence} that checks the
 * clock), and an expression that recurses past the stack (a repeated group of alternatives on a long prompt) is
 * caught; either is one error naming the rule and the prompt's line.
 */
public final class PromptTypeRules {
    /** The longest a rule may take on one prompt. */
    public static final long MATCH_MILLIS = 2_000;
    private final Map<String, Pattern> rules;

    private PromptTypeRules(Map<String, Pattern> rules) {
        this.rules = rules;
    }

    /**
     * Parses rules.
     * @param entries {@code TYPE=REGEX} entries, in priority order.
     * @return The rules.
     * @throws IllegalArgumentException If an entry lacks '=' or a type, repeats a type, names the type reports give
     *                                  prompts without one, or has a bad expression.
     */
    public static PromptTypeRules parse(List<String> entries) {
        Map<String, Pattern> rules = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("typeRules entry '" + entry + "' is not TYPE=REGEX");
            }
            String type = entry.substring(0, eq).strip();
            if (type.equals(LoadReport.UNTYPED)) {
                throw new IllegalArgumentException("typeRules: '" + LoadReport.UNTYPED + "' is what reports call "
                        + "prompts without a type; give the rule another type");
            }
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
     * @param counts Receives, per type, how many groups the rules typed (and {@value LoadReport#UNTYPED} for the rest
     *               without a type).
     * @param file The file the groups come from, for messages (may be null).
     * @return The groups, typed where a rule matched.
     * @throws DataFormatException If a rule takes too long on, or overflows the stack on, a prompt, naming its line.
     */
    public List<PromptGroup> apply(List<PromptGroup> groups, Map<String, Integer> counts, Path file) {
        List<PromptGroup> typed = new ArrayList<>(groups.size());
        for (PromptGroup group : groups) {
            if (group.promptType() != null || group.prompt() == null) {
                typed.add(group);
                continue;
            }
            String type;
            try {
                type = typeOf(group.prompt()).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, group.line(), "prompt", e.getMessage());
            }
            counts.merge(type == null ? LoadReport.UNTYPED : type, 1, Integer::sum);
            typed.add(type == null ? group : group.withType(type));
        }
        return typed;
    }

    /**
     * The type of a prompt: that of the first rule found in it.
     * @param prompt The prompt's text.
     * @return The type, or empty when no rule matches.
     * @throws IllegalArgumentException If a rule takes longer than {@value #MATCH_MILLIS} ms or overflows the stack,
     *                                  naming the rule.
     */
    public Optional<String> typeOf(String prompt) {
        for (Map.Entry<String, Pattern> rule : rules.entrySet()) {
            try {
                if (rule.getValue().matcher(new Deadline(prompt, System.nanoTime() + MATCH_MILLIS * 1_000_000L))
                        .find()) {
                    return Optional.of(rule.getKey());
                }
            } catch (Deadline.Passed e) {
                throw new IllegalArgumentException("type rule '" + rule.getKey() + "=" + rule.getValue().pattern()
                        + "' took more than " + MATCH_MILLIS + " ms on this prompt of " + prompt.length()
                        + " characters (its expression backtracks; write one that does not)");
            } catch (StackOverflowError e) {
                throw new IllegalArgumentException("type rule '" + rule.getKey() + "=" + rule.getValue().pattern()
                        + "' overflowed the stack on this prompt of " + prompt.length() + " characters (Java recurses "
                        + "once per repetition of a group of alternatives such as (\\w|\\s)*; use a character class "
                        + "such as [\\w\\s]* instead)");
            }
        }
        return Optional.empty();
    }

    /**
     * A readable summary of counts.
     * @param counts Type to count.
     * @return The text.
     */
    static String describe(Map<String, Integer> counts) {
        return new TreeMap<>(counts).toString();
    }

    /** A text that stops a match when its deadline passes (checked every 4,096 characters read). */
    private static final class Deadline implements CharSequence {
        /** Thrown when the deadline has passed. */
        private static final class Passed extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Passed() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        Deadline(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadline) {
                throw new Passed();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
