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
 * rows per ONNX Runtime call, ONNX Runtime's threads per executor JVM and the prompt-type rules.
 *
 * @param modelName The model's name (its file), for messages.
 * @param modelSha256 The SHA-256 of the model's bytes.
 * @param device The device spec ({@code cpu}, {@code cuda[:ID]}, {@code auto}).
 * @param batchSize Rows per ONNX Runtime call.
 * @param ortThreads Intra-op threads of the session each executor JVM shares between its tasks (keep it low when every
 *                   core runs a task).
 * @param typeRules {@code TYPE=REGEX} rules for prompts without a type.
 */
public record ScoringSettings(String modelName, String modelSha256, String device, int batchSize, int ortThreads,
                              List<String> typeRules) implements Serializable {
    /**
     * Checks and copies.
     */
    public ScoringSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
        }
        if (ortThreads < 0) {
            throw new IllegalArgumentException("ONNX Runtime threads must be >= 0, found " + ortThreads);
        }
        typeRules = List.copyOf(typeRules);
    }

    /**
     * What identifies an executor's open model.
     * @return The key.
     */
    String key() {
        return modelSha256 + "/" + device + "/" + batchSize + "/" + ortThreads + "/" + typeRules;
    }
}
