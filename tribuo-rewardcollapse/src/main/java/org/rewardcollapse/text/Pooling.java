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
package org.rewardcollapse.text;

/**
 * How a sentence vector is made from a transformer's token vectors.
 */
public enum Pooling {
    /** The mean of the token vectors over the attention mask (sentence-transformers' default, all-MiniLM-L6-v2). */
    MEAN,
    /** The first token's vector ([CLS]; the BGE models). */
    CLS,
    /** The largest value of each dimension over the attention mask (a text's windows are combined by their maximum). */
    MAX;

    /**
     * The pooling of a sentence-transformers {@code 1_Pooling/config.json} mode.
     * @param mode The mode's field, e.g. {@code pooling_mode_max_tokens}.
     * @return The pooling, or empty for a mode this project does not run (last token, weighted mean, ...).
     */
    static java.util.Optional<Pooling> ofMode(String mode) {
        return java.util.Optional.ofNullable(switch (mode) {
            case "pooling_mode_cls_token" -> CLS;
            case "pooling_mode_mean_tokens" -> MEAN;
            case "pooling_mode_max_tokens" -> MAX;
            default -> null;
        });
    }
}
