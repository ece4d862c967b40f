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

import org.tribuo.Feature;

import java.util.List;

/**
 * One response to a prompt as read from a data file, before featurisation.
 * @param text The response text, or null for numeric formats (LETOR).
 * @param score The preference score: higher is better; equal scores are ties; {@link #UNLABELLED} (NaN) for a
 *              response nobody has judged (a policy's rollout, to be scored).
 * @param features Features given by the file itself (LETOR), empty for text formats.
 * @param embedding The response's embedding as the file gives it (computed elsewhere), or null.
 * @param line The 1-based line the response was read from, or 0 when it is its group's line (or generated).
 */
public record ScoredResponse(String text, double score, List<Feature> features, float[] embedding, long line) {
    /** The score of a response without a label. */
    public static final double UNLABELLED = Double.NaN;

    /**
     * Validates and copies the features.
     */
    public ScoredResponse {
        if (Double.isInfinite(score)) {
            throw new IllegalArgumentException("score must be finite, found " + score);
        }
        features = List.copyOf(features);
    }

    /**
     * Does the response carry a label (a rank or a score)?
     * @return False for an unlabelled response.
     */
    public boolean labelled() {
        return !Double.isNaN(score);
    }

    /**
     * A response without a given embedding.
     * @param text The text, or null.
     * @param score The score.
     * @param features Features given by the file.
     */
    public ScoredResponse(String text, double score, List<Feature> features) {
        this(text, score, features, null, 0);
    }

    /**
     * A text response.
     * @param text The text.
     * @param score The score.
     * @return The response.
     */
    public static ScoredResponse ofText(String text, double score) {
        return new ScoredResponse(text, score, List.of());
    }

    /**
     * A text response with the embedding the file gives.
     * @param text The text.
     * @param score The score.
     * @param embedding The embedding, or null.
     * @return The response.
     */
    public static ScoredResponse ofText(String text, double score, float[] embedding) {
        return new ScoredResponse(text, score, List.of(), embedding, 0);
    }

    /**
     * A text response read from a line of its own.
     * @param text The text.
     * @param score The score, or {@link #UNLABELLED}.
     * @param line The 1-based line.
     * @return The response.
     */
    public static ScoredResponse ofLine(String text, double score, long line) {
        return new ScoredResponse(text, score, List.of(), null, line);
    }
}
