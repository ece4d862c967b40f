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
package org.rewardcollapse.data.features;

import org.rewardcollapse.data.PromptGroup;
import org.rewardcollapse.data.ScoredResponse;
import org.tribuo.Feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features from sentence embeddings: the response's vector ({@value #RESPONSE_PREFIX}i) and its element-wise product
 * with the prompt's ({@value #PRODUCT_PREFIX}i, how the response fits its prompt), from an encoder or from the
 * embeddings the data file gives.
 */
final class EmbeddingFeatures {
    /** Name prefix of the response-embedding features. */
    static final String RESPONSE_PREFIX = "embedding@response-";
    /** Name prefix of the prompt-times-response features. */
    static final String PRODUCT_PREFIX = "embedding@prompt*response-";

    private final boolean response;
    private final boolean product;
    private volatile Names names = new Names(0);

    /**
     * The embeddings of one batch of groups.
     *
     * @param prompts Each group's prompt vector (null when it has none).
     * @param responses Each group's response vectors.
     * @param encoded How many distinct texts an encoder was given (0 for embeddings the data gives).
     */
    record Vectors(List<float[]> prompts, List<List<float[]>> responses, int encoded) {}

    /** Feature names for one width, shared by every example. */
    private record Names(int width, String[] response, String[] product) {
        Names(int width) {
            this(width, names(RESPONSE_PREFIX, width), names(PRODUCT_PREFIX, width));
        }

        private static String[] names(String prefix, int width) {
            String[] names = new String[width];
            for (int d = 0; d < width; d++) {
                names[d] = prefix + d;
            }
            return names;
        }
    }

    EmbeddingFeatures(boolean response, boolean product) {
        this.response = response;
        this.product = product;
    }

    /**
     * Are any features asked for?
     * @return True if the response vector or the product is on.
     */
    boolean any() {
        return response || product;
    }

    /**
     * The vectors of every prompt and response: from the encoder when there is one, else the data's own.
     * @param groups The groups.
     * @param encoder The encoder, or null.
     * @return The vectors, or null when there are none (no encoder and none in the data) or none are asked for.
     */
    Vectors vectors(List<PromptGroup> groups, TextEncoder encoder) {
        if (!any()) {
            return null;
        }
        if (encoder == null) {
            return given(groups);
        }
        Map<String, float[]> byText = new LinkedHashMap<>();
        for (PromptGroup group : groups) {
            if (product && group.prompt() != null) {
                byText.put(group.prompt(), null);
            }
            for (ScoredResponse r : group.responses()) {
                byText.put(r.text(), null);
            }
        }
        List<String> texts = new ArrayList<>(byText.keySet());
        List<float[]> encoded = encoder.encode(texts);
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), encoded.get(i));
        }
        List<float[]> prompts = new ArrayList<>(groups.size());
        List<List<float[]>> responses = new ArrayList<>(groups.size());
        for (PromptGroup group : groups) {
            prompts.add(group.prompt() == null ? null : byText.get(group.prompt()));
            responses.add(group.responses().stream().map(r -> byText.get(r.text())).toList());
        }
        return new Vectors(prompts, responses, texts.size());
    }

    private static Vectors given(List<PromptGroup> groups) {
        if (groups.isEmpty() || groups.get(0).responses().get(0).embedding() == null) {
            return null;
        }
        List<float[]> prompts = new ArrayList<>(groups.size());
        List<List<float[]>> responses = new ArrayList<>(groups.size());
        for (PromptGroup group : groups) {
            prompts.add(group.promptEmbedding());
            responses.add(group.responses().stream().map(ScoredResponse::embedding).toList());
        }
        return new Vectors(prompts, responses, 0);
    }

    /**
     * The width of the embeddings a model was trained on, from its feature names.
     * @param modelFeatures The model's feature names.
     * @return The width, 0 when it has no embedding feature.
     */
    static int width(Iterable<String> modelFeatures) {
        int width = 0;
        for (String name : modelFeatures) {
            String prefix = name.startsWith(RESPONSE_PREFIX) ? RESPONSE_PREFIX
                    : name.startsWith(PRODUCT_PREFIX) ? PRODUCT_PREFIX : null;
            if (prefix != null) {
                try {
                    width = Math.max(width, Integer.parseInt(name.substring(prefix.length())) + 1);
                } catch (NumberFormatException e) {
                    // not an embedding feature of this featuriser
                }
            }
        }
        return width;
    }

    /**
     * Refuses data whose embeddings do not fit the model's: a model trained on the embeddings a data file gave needs
     * embeddings of the same width, and a model trained without any would ignore those the data gives.
     * @param width The width of the model's embeddings ({@link #width}).
     * @param groups The data's groups (their given embeddings).
     * @param data The data, for the message.
     * @throws IllegalArgumentException In one line naming the data and both widths.
     */
    static void requireFits(int width, List<PromptGroup> groups, Object data) {
        float[] first = groups.isEmpty() || groups.get(0).responses().isEmpty() ? null
                : groups.get(0).responses().get(0).embedding();
        int given = first == null ? 0 : first.length;
        if (width > 0 && given == 0) {
            throw new IllegalArgumentException(data + " gives no embeddings, but the model was trained on embeddings "
                    + "of width " + width + " that its data file gave: give the same embeddings");
        }
        if (width == 0 && given > 0) {
            throw new IllegalArgumentException(data + " gives embeddings of width " + given + ", but the model was "
                    + "trained without embeddings and would ignore them");
        }
        if (width != given) {
            throw new IllegalArgumentException(data + " gives embeddings of width " + given + ", but the model was "
                    + "trained on embeddings of width " + width);
        }
    }

    /**
     * Adds one response's embedding features.
     * @param features The list to add to.
     * @param prompt The prompt's vector, or null (then no product).
     * @param vector The response's vector.
     */
    void add(List<Feature> features, float[] prompt, float[] vector) {
        Names current = names;
        if (current.width() != vector.length) {
            current = new Names(vector.length);
            names = current;
        }
        for (int d = 0; d < vector.length; d++) {
            if (response && vector[d] != 0.0f) {
                features.add(new Feature(current.response()[d], vector[d]));
            }
            if (product && prompt != null && prompt[d] * vector[d] != 0.0f) {
                features.add(new Feature(current.product()[d], (double) prompt[d] * vector[d]));
            }
        }
    }
}
