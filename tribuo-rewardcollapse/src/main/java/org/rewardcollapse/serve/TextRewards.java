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
package org.rewardcollapse.serve;

/**
 * The rewards of some (prompt, response) pairs, and for an ensemble the standard deviation of its members' rewards.
 *
 * @param rewards One reward per pair, in order.
 * @param std One standard deviation per pair, or null when the model is not an ensemble.
 */
public record TextRewards(double[] rewards, double[] std) {
    /**
     * Checks that the arrays match.
     */
    public TextRewards {
        if (std != null && std.length != rewards.length) {
            throw new IllegalArgumentException(rewards.length + " rewards but " + std.length + " standard deviations");
        }
    }

    /**
     * The number of pairs.
     * @return The count.
     */
    public int size() {
        return rewards.length;
    }

    /**
     * The rewards of pairs {@code from} (inclusive) to {@code to} (exclusive).
     * @param from The first pair.
     * @param to One past the last pair.
     * @return Their rewards.
     */
    public TextRewards slice(int from, int to) {
        return new TextRewards(java.util.Arrays.copyOfRange(rewards, from, to),
                std == null ? null : java.util.Arrays.copyOfRange(std, from, to));
    }
}
