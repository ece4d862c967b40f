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
package org.rewardcollapse.model;

import java.util.Optional;

/**
 * One prompt group's ground-truth scores and the rewards a model gave its responses, in the same order: what
 * evaluation and the training snapshots work on.
 *
 * @param promptId The prompt id.
 * @param promptType The prompt type, or null when unknown.
 * @param scores The ground-truth scores (higher is better).
 * @param rewards The rewards.
 */
public record GroupRewards(String promptId, String promptType, double[] scores, double[] rewards)
        implements java.io.Serializable {
    /**
     * Checks and copies the arrays.
     */
    public GroupRewards {
        if (scores.length != rewards.length) {
            throw new IllegalArgumentException("prompt '" + promptId + "': " + scores.length + " scores but "
                    + rewards.length + " rewards");
        }
        scores = scores.clone();
        rewards = rewards.clone();
    }

    /**
     * The prompt type.
     * @return The type, if known.
     */
    public Optional<String> type() {
        return Optional.ofNullable(promptType);
    }

    /**
     * The number of responses.
     * @return n.
     */
    public int size() {
        return scores.length;
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }
}
