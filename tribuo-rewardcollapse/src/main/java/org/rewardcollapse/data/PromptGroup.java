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

import java.util.List;
import java.util.Optional;

/**
 * A prompt and its scored responses, as read from a data file: the unit a ranking loss works on.
 * @param id The prompt group id, unique within a file.
 * @param prompt The prompt text (the dialogue so far), or null for numeric formats.
 * @param promptType The prompt type (for example {@code open} or {@code closed}), or null when unknown.
 * @param responses The responses in file order.
 * @param line The 1-based line the group was read from, or 0 when generated.
 * @param promptEmbedding The prompt's embedding as the file gives it (computed elsewhere), or null.
 */
public record PromptGroup(String id, String prompt, String promptType, List<ScoredResponse> responses, long line,
                          float[] promptEmbedding) {
    /**
     * Validates and copies the responses.
     */
    public PromptGroup {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("prompt group id must be non-empty");
        }
        responses = List.copyOf(responses);
    }

    /**
     * A group without a given prompt embedding.
     * @param id The prompt group id.
     * @param prompt The prompt text, or null.
     * @param promptType The prompt type, or null.
     * @param responses The responses.
     * @param line The line, or 0.
     */
    public PromptGroup(String id, String prompt, String promptType, List<ScoredResponse> responses, long line) {
        this(id, prompt, promptType, responses, line, null);
    }

    /**
     * This group with another prompt type.
     * @param type The type.
     * @return The group.
     */
    public PromptGroup withType(String type) {
        return new PromptGroup(id, prompt, type, responses, line, promptEmbedding);
    }

    /**
     * The prompt type, when known.
     * @return The type.
     */
    public Optional<String> type() {
        return Optional.ofNullable(promptType);
    }

    /**
     * The scores in response order.
     * @return A fresh array of scores.
     */
    public double[] scores() {
        return responses.stream().mapToDouble(ScoredResponse::score).toArray();
    }

    /**
     * The number of strictly ordered response pairs (tied responses form no pair).
     * @return The pair count.
     */
    public long pairCount() {
        return RankingGroup.orderedPairCount(scores());
    }
}
