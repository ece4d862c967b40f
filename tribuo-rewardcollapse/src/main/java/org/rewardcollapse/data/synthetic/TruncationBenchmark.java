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

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.rewardcollapse.data.source.DataFormatException;
import org.rewardcollapse.data.source.JsonLines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The synthetic benchmark of the reward-collapse paper: every prompt asks for a long text, and its n = 8
 * responses are truncations of that text to its first L words; longer is better.
 * <pre>
 * Song, Cai, Lee, Su, "Reward Collapse in Aligning Large Language Models",
 * arXiv 2305.17608 (2023); Journal of Data Science (2025).
 * </pre>
 * Each prompt is drawn open-ended or closed (probability {@code openProbability} for open-ended) and says so
 * with the paper's suffix. The two classes share the ranking but not the hidden truth: open-ended
 * truncations are evenly spread (L = 10, 20, ..., 80), closed ones polarised (L = 16, 22, 28, 34, 56, 62,
 * 68, 74). A response's score is its length L, so the cardinal truth is there for methods that use it.
 */
public final class TruncationBenchmark {
    /** Prompt type of open-ended prompts. */
    public static final String OPEN = "open";
    /** Prompt type of closed prompts. */
    public static final String CLOSED = "closed";
    /** The paper's suffix for open-ended prompts. */
    public static final String OPEN_SUFFIX = " Write the answer in an open-ended way.";
    /** The paper's suffix for closed prompts. */
    public static final String CLOSED_SUFFIX = " Write either a short answer or a long answer.";
    /** Truncation lengths of open-ended prompts (true reward uniform). */
    public static final List<Integer> OPEN_LENGTHS = List.of(10, 20, 30, 40, 50, 60, 70, 80);
    /** Truncation lengths of closed prompts (true reward polarised). */
    public static final List<Integer> CLOSED_LENGTHS = List.of(16, 22, 28, 34, 56, 62, 68, 74);
    /** The paper keeps reference texts of at least this many words. */
    public static final int MIN_TEXT_WORDS = 100;

    /**
     * A prompt and the long text that answers it.
     * @param prompt The prompt, before the class suffix.
     * @param text The long answer.
     */
    public record LongText(String prompt, String text) {}

    private TruncationBenchmark() {}

    /**
     * Generates the benchmark from texts the project writes itself (seeded).
     * @param numPrompts The number of prompts.
     * @param openProbability The probability that a prompt is open-ended.
     * @param seed The seed of every random draw.
     * @return The prompt groups, ids {@code synthetic-000000} onwards.
     */
    public static List<PromptGroup> generate(int numPrompts, double openProbability, long seed) {
        validate(numPrompts, openProbability);
        RandomGenerator rng = new Well19937c(seed);
        SyntheticTexts texts = new SyntheticTexts(rng);
        List<LongText> sources = new ArrayList<>(numPrompts);
        for (int i = 0; i < numPrompts; i++) {
            sources.add(new LongText(texts.question(), texts.text(MIN_TEXT_WORDS + rng.nextInt(MIN_TEXT_WORDS + 1))));
        }
        return generate(sources, openProbability, new Well19937c(seed ^ 0x5DEECE66DL));
    }

    /**
     * Generates the benchmark from given long texts, one prompt per text, in order.
     * @param texts The texts, each of at least {@value #MIN_TEXT_WORDS} words.
     * @param openProbability The probability that a prompt is open-ended.
     * @param seed The seed of the class draw.
     * @return The prompt groups.
     */
    public static List<PromptGroup> generate(List<LongText> texts, double openProbability, long seed) {
        validate(texts.size(), openProbability);
        return generate(texts, openProbability, new Well19937c(seed));
    }

    private static List<PromptGroup> generate(List<LongText> texts, double openProbability, RandomGenerator classRng) {
        List<PromptGroup> groups = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            LongText source = texts.get(i);
            String[] words = source.text().strip().split("\\s+");
            if (words.length < MIN_TEXT_WORDS) {
                throw new IllegalArgumentException("text " + i + " has " + words.length + " words; the benchmark needs "
                        + MIN_TEXT_WORDS);
            }
            boolean open = classRng.nextDouble() < openProbability;
            List<Integer> lengths = open ? OPEN_LENGTHS : CLOSED_LENGTHS;
            List<ScoredResponse> responses = new ArrayList<>(lengths.size());
            for (int length : lengths) {
                responses.add(ScoredResponse.ofText(String.join(" ", Arrays.copyOf(words, length)), length));
            }
            String prompt = source.prompt() + (open ? OPEN_SUFFIX : CLOSED_SUFFIX);
            groups.add(new PromptGroup(String.format("synthetic-%06d", i), prompt, open ? OPEN : CLOSED, responses, 0));
        }
        return groups;
    }

    /**
     * Reads long texts from a JSONL file, {@code {"text": ..., "prompt": optional}} per line. Texts shorter than
     * {@value #MIN_TEXT_WORDS} words are skipped, as in the paper.
     * @param file The file.
     * @param skipped Notes on skipped texts, to append to.
     * @return The texts, in file order.
     */
    public static List<LongText> readTexts(Path file, List<String> skipped) {
        List<LongText> texts = new ArrayList<>();
        int[] tooShort = {0};
        JsonLines.forEachObject(file, line -> {
            String text = line.requireText("text");
            String[] words = text.strip().split("\\s+");
            if (words.length < MIN_TEXT_WORDS) {
                tooShort[0]++;
                return;
            }
            String prompt = line.optionalText("prompt").orElseGet(() ->
                    "Continue the text that begins: " + String.join(" ", Arrays.copyOf(words, 8)) + " ...");
            texts.add(new LongText(prompt, text));
        });
        if (tooShort[0] > 0) {
            skipped.add(tooShort[0] + " texts shorter than " + MIN_TEXT_WORDS + " words");
        }
        if (texts.isEmpty()) {
            throw new DataFormatException(file, "no text of at least " + MIN_TEXT_WORDS + " words");
        }
        return texts;
    }

    private static void validate(int numPrompts, double openProbability) {
        if (numPrompts < 1) {
            throw new IllegalArgumentException("numPrompts must be at least 1, found " + numPrompts);
        }
        if (!(openProbability >= 0.0 && openProbability <= 1.0)) {
            throw new IllegalArgumentException("openProbability must be in [0, 1], found " + openProbability);
        }
    }
}
