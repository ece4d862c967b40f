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
package org.rewardcollapse.spark;

import java.io.Serializable;
import java.util.List;

/**
 * How the executors score: the model (named and identified by its SHA-256, its bytes broadcast separately), the device,
 * rows per ONNX Runtime call, ONNX Runtime's threads per executor JVM (the reward head's and the sentence encoder's),
 * the prompt-type rules, and the embedding cache (none unless named: on a cluster each node would read and append
 * its own copy in a user's home).
 *
 * @param modelName The model's name (its file), for messages.
 * @param modelSha256 The SHA-256 of the model's bytes (checked against them), or null or blank to compute it.
 * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
 * @param batchSize Rows per ONNX Runtime call.
 * @param ortThreads Intra-op threads of the sessions each executor JVM shares between its tasks (keep it low when
 *                   every core runs a task).
 * @param typeRules {@code TYPE=REGEX} rules for prompts without a type.
 * @param embeddingCache A directory on every executor where a sentence encoder caches its vectors, or null for none.
 */
public record ScoringSettings(String modelName, String modelSha256, String device, int batchSize, int ortThreads,
                              List<String> typeRules, String embeddingCache) implements Serializable {
    /** The most ONNX Runtime threads per executor JVM. */
    public static final int MAX_THREADS = 1024;

    /**
     * Checks and copies.
     */
    public ScoringSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        if (ortThreads < 0 || ortThreads > MAX_THREADS) {
            throw new IllegalArgumentException("ONNX Runtime threads must be in [0, " + MAX_THREADS + "], found "
                    + ortThreads);
        }
        typeRules = List.copyOf(typeRules);
    }

    /**
     * Settings without an embedding cache.
     * @param modelName The model's name (its file), for messages.
     * @param modelSha256 The SHA-256 of the model's bytes, or null or blank to compute it.
     * @param device The device spec.
     * @param batchSize Rows per ONNX Runtime call.
     * @param ortThreads Intra-op threads per executor JVM.
     * @param typeRules {@code TYPE=REGEX} rules for prompts without a type.
     */
    public ScoringSettings(String modelName, String modelSha256, String device, int batchSize, int ortThreads,
                           List<String> typeRules) {
        this(modelName, modelSha256, device, batchSize, ortThreads, typeRules, null);
    }

    /**
     * These settings for a model's bytes: their SHA-256 filled in, or checked when given (two models under one hash
     * string would share an executor's open model).
     * @param model The model's bytes.
     * @return The settings with the model's hash.
     * @throws IllegalArgumentException If a hash was given and the bytes have another.
     */
    ScoringSettings forModel(byte[] model) {
        String actual = sha256(model);
        if (modelSha256 != null && !modelSha256.isBlank() && !modelSha256.equalsIgnoreCase(actual)) {
            throw new IllegalArgumentException("the scoring settings name the model " + modelName + " by SHA-256 "
                    + modelSha256 + ", but its bytes have SHA-256 " + actual + " (leave it blank to have it computed)");
        }
        return new ScoringSettings(modelName, actual, device, batchSize, ortThreads, typeRules, embeddingCache);
    }

    /**
     * The SHA-256 of some bytes.
     * @param bytes The bytes.
     * @return The hash in hex.
     */
    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * What identifies an executor's open model.
     * @return The key.
     */
    String key() {
        return modelSha256 + "/" + device + "/" + batchSize + "/" + ortThreads + "/" + typeRules + "/" + embeddingCache;
    }
}
