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

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.util.Merger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How ranking data lives in plain Tribuo types: one {@code Example<Regressor>} per (prompt, response),
 * the preference score as the one-dimensional regression target named {@value #REWARD_DIMENSION}, and the
 * prompt group id and prompt type as String example metadata under configurable keys.
 */
public final class RankingMetadata {
    /** The default metadata key of the prompt group id. */
    public static final String DEFAULT_PROMPT_ID_KEY = "prompt_id";
    /** The default metadata key of the prompt type. */
    public static final String DEFAULT_PROMPT_TYPE_KEY = "prompt_type";
    /** The name of the single regression dimension. */
    public static final String REWARD_DIMENSION = "reward";
    /** Metadata key of the response's length in characters (code points), for the length baselines. */
    public static final String RESPONSE_LENGTH_KEY = "response_length";
    /**
     * Metadata key of the prompt id an example was copied from by a bootstrap resample (whose copies get ids of
     * their own): training keeps every copy of one prompt on the same side of its validation split.
     */
    public static final String BOOTSTRAP_SOURCE_KEY = "bootstrap_source";

    private RankingMetadata() {}

    /**
     * Builds the example of one response. Duplicate feature names are merged by summing their values.
     * @param promptId The prompt group id.
     * @param promptType The prompt type, or null when unknown.
     * @param score The preference score (higher is better), or NaN for an unlabelled response (Tribuo's unknown
     *              output, which training refuses).
     * @param features The features.
     * @param promptIdKey The metadata key for the prompt id.
     * @param promptTypeKey The metadata key for the prompt type.
     * @return The example.
     */
    public static Example<Regressor> example(String promptId, String promptType, double score,
                                             List<? extends Feature> features,
                                             String promptIdKey, String promptTypeKey) {
        Map<String, Object> metadata = new HashMap<>(4);
        metadata.put(promptIdKey, promptId);
        if (promptType != null) {
            metadata.put(promptTypeKey, promptType);
        }
        ArrayExample<Regressor> example = new ArrayExample<>(Double.isNaN(score) ? RegressionFactory.UNKNOWN_REGRESSOR
                : new Regressor(REWARD_DIMENSION, score), metadata);
        example.addAll(features);
        example.reduceByName(Merger.add());
        return example;
    }

    /**
     * Checks a pair of metadata keys: each non-empty, and different from each other.
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @throws IllegalArgumentException Naming the field at fault.
     */
    /**
     * Builds an example of a text response, recording its length in characters under {@link #RESPONSE_LENGTH_KEY}.
     * @param promptId The prompt group id.
     * @param promptType The prompt type, or null.
     * @param score The preference score.
     * @param features The features.
     * @param promptIdKey The metadata key of the prompt id.
     * @param promptTypeKey The metadata key of the prompt type.
     * @param text The response text, or null for numeric formats (no length recorded).
     * @return The example.
     */
    public static Example<Regressor> example(String promptId, String promptType, double score,
                                             List<? extends Feature> features,
                                             String promptIdKey, String promptTypeKey, String text) {
        Example<Regressor> example = example(promptId, promptType, score, features, promptIdKey, promptTypeKey);
        if (text != null) {
            example.setMetadataValue(RESPONSE_LENGTH_KEY, text.codePointCount(0, text.length()));
        }
        return example;
    }

    /**
     * The response length recorded in an example's metadata.
     * @param example The example.
     * @return The length in characters, or -1 when none is recorded.
     */
    public static int responseLength(Example<?> example) {
        return example.getMetadataValue(RESPONSE_LENGTH_KEY).map(v -> v instanceof Integer i ? i : -1).orElse(-1);
    }

    public static void requireKeys(String promptIdKey, String promptTypeKey) {
        requireKey("promptIdKey", promptIdKey);
        requireKey("promptTypeKey", promptTypeKey);
        if (promptIdKey.equals(promptTypeKey)) {
            throw new IllegalArgumentException("promptIdKey and promptTypeKey must differ, both are '" + promptIdKey + "'");
        }
    }

    private static void requireKey(String name, String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-empty metadata key, found '" + key + "'");
        }
    }
}
