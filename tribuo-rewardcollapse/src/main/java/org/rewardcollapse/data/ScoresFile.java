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
package org.rewardcollapse.data;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * One scored response.
     *
     * @param promptId The prompt id.
     * @param responseIndex The position of the response in its group.
     * @param reward The reward.
     */
    public record Row(String promptId, int responseIndex, double reward) {}

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
            try (JsonGenerator generator = JsonLines.mapper().getFactory().createGenerator(out)) {
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
                    generator.writeEndObject();
                    generator.writeRaw('\n');
                }
            }
        });
    }

    /**
     * Reads a scores file.
     * @param file The file (plain or gzip).
     * @return Each prompt's rewards by response index, prompts in order of first appearance.
     * @throws DataFormatException On a malformed line, a missing or non-finite field, a repeated response, or a
     *                             prompt whose indices leave a gap; the message names the file, line and field.
     */
    public static Map<String, double[]> read(Path file) {
        Map<String, Map<Integer, Double>> byPrompt = new LinkedHashMap<>();
        Map<String, Long> firstLine = new LinkedHashMap<>();
        JsonLines.forEachObject(file, line -> {
            String id = line.optionalId(PROMPT_ID).orElseThrow(() -> line.error(PROMPT_ID, "missing"));
            int index = line.requireNonNegativeInt(RESPONSE_INDEX);
            double reward = line.requireFiniteNumber(REWARD);
            firstLine.putIfAbsent(id, line.line());
            if (byPrompt.computeIfAbsent(id, k -> new TreeMap<>()).put(index, reward) != null) {
                throw line.error(RESPONSE_INDEX, "response " + index + " of prompt '" + id + "' is scored twice");
            }
        });
        Map<String, double[]> rewards = new LinkedHashMap<>();
        for (Map.Entry<String, Map<Integer, Double>> entry : byPrompt.entrySet()) {
            Map<Integer, Double> indexed = entry.getValue();
            List<Integer> missing = new ArrayList<>();
            int last = ((TreeMap<Integer, Double>) indexed).lastKey();
            for (int i = 0; i <= last; i++) {
                if (!indexed.containsKey(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw new DataFormatException(file, firstLine.get(entry.getKey()), RESPONSE_INDEX, "prompt '"
                        + entry.getKey() + "' has no reward for response(s) " + missing + " of 0.." + last);
            }
            rewards.put(entry.getKey(), indexed.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (rewards.isEmpty()) {
            throw new DataFormatException(file, "no scored response (empty file?)");
        }
        return rewards;
    }
}
