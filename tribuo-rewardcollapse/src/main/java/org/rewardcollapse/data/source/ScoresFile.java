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

import com.fasterxml.jackson.core.JsonGenerator;
import org.rewardcollapse.io.AtomicFiles;
import org.rewardcollapse.io.Json;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scores file: one JSON line per scored response, {@code {"prompt_id": ..., "response_index": i, "reward": r}},
 * where i is the response's position within its prompt group in the data file's order. Written by the scorers,
 * read back to evaluate any scorer (ONNX, external) the same way as a Tribuo model.
 */
public final class ScoresFile {
    /** Field of the prompt id. */
    public static final String PROMPT_ID = "prompt_id";
    /** Field of the response's position in its group. */
    public static final String RESPONSE_INDEX = "response_index";
    /** Field of the reward. */
    public static final String REWARD = "reward";

    /** The key of an ensemble's standard deviation of its members' rewards. */
    public static final String REWARD_STD = "reward_std";

    /**
     * One scored response.
     *
     * @param promptId The prompt id.
     * @param responseIndex The position of the response in its group.
     * @param reward The reward.
     * @param rewardStd An ensemble's standard deviation of its members' rewards, NaN for a single model's.
     */
    public record Row(String promptId, int responseIndex, double reward, double rewardStd) {
        /**
         * A single model's row.
         * @param promptId The prompt id.
         * @param responseIndex The position of the response in its group.
         * @param reward The reward.
         */
        public Row(String promptId, int responseIndex, double reward) {
            this(promptId, responseIndex, reward, Double.NaN);
        }
    }

    private ScoresFile() {}

    /**
     * Writes rows atomically, in the given order.
     * @param file The file to create or replace.
     * @param rows The rows.
     * @throws IOException If the file cannot be written; nothing is left behind.
     * @throws IllegalArgumentException If a reward is NaN or infinite (JSON cannot hold it).
     */
    public static void write(Path file, Iterable<Row> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator generator = Json.mapper().getFactory().createGenerator(out)) {
                write(generator, rows);
            }
        });
    }

    /**
     * Writes rows to a stream (standard output), in the given order; the stream is flushed, not closed.
     * @param out The stream.
     * @param rows The rows.
     * @throws IOException If the stream fails.
     * @throws IllegalArgumentException If a reward is NaN or infinite.
     */
    public static void write(Writer out, Iterable<Row> rows) throws IOException {
        JsonGenerator generator = Json.mapper().getFactory().createGenerator(out);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        write(generator, rows);
        generator.flush();
    }

    private static void write(JsonGenerator generator, Iterable<Row> rows) throws IOException {
        generator.setRootValueSeparator(null);
        for (Row row : rows) {
            if (!Double.isFinite(row.reward())) {
                throw new IllegalArgumentException("prompt '" + row.promptId() + "', response "
                        + row.responseIndex() + " has a non-finite reward " + row.reward());
            }
            generator.writeStartObject();
            generator.writeStringField(PROMPT_ID, row.promptId());
            generator.writeNumberField(RESPONSE_INDEX, row.responseIndex());
            generator.writeNumberField(REWARD, row.reward());
            if (Double.isFinite(row.rewardStd())) {
                generator.writeNumberField(REWARD_STD, row.rewardStd());
            }
            generator.writeEndObject();
            generator.writeRaw('\n');
        }
    }

    /**
     * One prompt's rewards as read, with the line each came from.
     *
     * @param rewards The rewards by response index, 0..n-1.
     * @param lines The 1-based line of each reward.
     * @param stds An ensemble's standard deviations by response index, or null when the file gives none.
     */
    public record PromptScores(double[] rewards, long[] lines, double[] stds) {
        /**
         * Copies the arrays.
         */
        public PromptScores {
            rewards = rewards.clone();
            lines = lines.clone();
            stds = stds == null ? null : stds.clone();
        }

        @Override
        public double[] rewards() {
            return rewards.clone();
        }

        @Override
        public double[] stds() {
            return stds == null ? null : stds.clone();
        }

        /**
         * The number of scored responses.
         * @return n.
         */
        public int size() {
            return rewards.length;
        }

        /**
         * The first line the prompt appears on.
         * @return The smallest of its responses' lines.
         */
        public long firstLine() {
            return java.util.Arrays.stream(lines).min().orElse(0);
        }

        /**
         * The line of response i.
         * @param i The response index.
         * @return Its line.
         */
        public long line(int i) {
            return lines[i];
        }
    }

    /**
     * Reads a scores file.
     * @param file The file (plain or gzip).
     * @return Each prompt's rewards by response index, prompts in order of first appearance.
     * @throws DataFormatException On a malformed line, a missing or non-finite field, a repeated response, or a
     *                             prompt whose indices leave a gap; the message names the file, line and field (for a
     *                             gap, the line of the index after it).
     */
    public static Map<String, PromptScores> read(Path file) {
        Map<String, TreeMap<Integer, double[]>> byPrompt = new LinkedHashMap<>();
        Boolean[] withStd = {null};
        JsonLines.forEachObject(file, line -> {
            String id = line.optionalId(PROMPT_ID).orElseThrow(() -> line.error(PROMPT_ID, "missing"));
            int index = line.requireNonNegativeInt(RESPONSE_INDEX);
            double reward = line.requireFiniteNumber(REWARD);
            boolean hasStd = line.has(REWARD_STD);
            if (withStd[0] != null && withStd[0] != hasStd) {
                throw line.error(REWARD_STD, hasStd ? "given, but the file's first line has none: an ensemble's scores "
                        + "give it on every line, a single model's on none" : "missing, but the file's first line has "
                        + "one: an ensemble's scores give it on every line");
            }
            withStd[0] = hasStd;
            double std = hasStd ? line.requireFiniteNumber(REWARD_STD) : Double.NaN;
            if (hasStd && std < 0.0) {
                throw line.error(REWARD_STD, "is negative (" + std + "); a standard deviation is >= 0");
            }
            if (byPrompt.computeIfAbsent(id, k -> new TreeMap<>()).put(index, new double[]{reward, line.line(), std})
                    != null) {
                throw line.error(RESPONSE_INDEX, "response " + index + " of prompt '" + id + "' is scored twice");
            }
        });
        Map<String, PromptScores> scores = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Integer, double[]>> entry : byPrompt.entrySet()) {
            TreeMap<Integer, double[]> indexed = entry.getValue();
            int expected = 0;
            for (Map.Entry<Integer, double[]> response : indexed.entrySet()) {
                if (response.getKey() != expected) {
                    throw new DataFormatException(file, (long) response.getValue()[1], RESPONSE_INDEX, "prompt '"
                            + entry.getKey() + "' has response_index " + response.getKey() + " but no reward for "
                            + (response.getKey() - 1 == expected ? "response " + expected
                            : "responses " + expected + " to " + (response.getKey() - 1)));
                }
                expected++;
            }
            double[] rewards = indexed.values().stream().mapToDouble(v -> v[0]).toArray();
            long[] lines = indexed.values().stream().mapToLong(v -> (long) v[1]).toArray();
            double[] stds = Boolean.TRUE.equals(withStd[0])
                    ? indexed.values().stream().mapToDouble(v -> v[2]).toArray() : null;
            scores.put(entry.getKey(), new PromptScores(rewards, lines, stds));
        }
        if (scores.isEmpty()) {
            throw new DataFormatException(file, "no scored response (empty file?)");
        }
        return scores;
    }
}
