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

/**
 * The embeddings a JSONL file gives with its text (computed elsewhere, e.g. by the user's own model): every
 * response has one or none does, every prompt has one or none does, and all have one width, or the file is refused at
 * the first line that breaks the rule.
 */
final class GivenEmbeddings {
    private Boolean responses;
    private Boolean prompts;
    private int width;

    /**
     * A response's embedding field.
     * @param record The object that holds it.
     * @param field The field name.
     * @return The embedding, or null when the file gives none.
     */
    float[] response(JsonRecord record, String field) {
        float[] vector = record.optionalVector(field).orElse(null);
        responses = check(record, field, vector, responses, "response");
        return vector;
    }

    /**
     * A prompt's embedding field.
     * @param record The object that holds it.
     * @param field The field name.
     * @return The embedding, or null when the file gives none.
     */
    float[] prompt(JsonRecord record, String field) {
        float[] vector = record.optionalVector(field).orElse(null);
        prompts = check(record, field, vector, prompts, "prompt");
        return vector;
    }

    private Boolean check(JsonRecord record, String field, float[] vector, Boolean seen, String what) {
        boolean present = vector != null;
        if (seen != null && seen != present) {
            throw record.error(field, present ? "an embedding, but the file's first " + what + " has none: give "
                    + "every " + what + " an embedding or none"
                    : "missing, but the file's first " + what + " has an embedding: give every " + what
                    + " an embedding or none");
        }
        if (present) {
            if (width == 0) {
                width = vector.length;
            } else if (vector.length != width) {
                throw record.error(field, "has width " + vector.length + ", but the file's first embedding has "
                        + width + ": every embedding of a file has one width");
            }
        }
        return present;
    }
}
