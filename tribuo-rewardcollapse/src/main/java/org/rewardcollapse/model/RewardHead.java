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

/**
 * Turns a network's logit into the reward: {@code sigmoid(logit)} for bounded rewards (the paper's setting, rewards
 * in [0, 1]) or the logit itself for unbounded ones (the standard RLHF reward model), then, when {@code normalise} is
 * set, {@code (reward - mean) / std} with the training set's statistics. The statistics always travel with the model.
 *
 * @param bounded Apply the sigmoid.
 * @param normalise Standardise the reward with {@code mean} and {@code std}.
 * @param mean The mean training reward (before normalisation).
 * @param std The standard deviation of the training rewards (before normalisation), &gt; 0.
 */
public record RewardHead(boolean bounded, boolean normalise, double mean, double std) {
    /**
     * Checks the statistics.
     */
    public RewardHead {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("reward mean must be finite, found " + mean);
        }
        if (!(std > 0.0 && Double.isFinite(std))) {
            throw new IllegalArgumentException("reward standard deviation must be finite and > 0, found " + std);
        }
    }

    /**
     * A head with no statistics yet (mean 0, standard deviation 1), used while training.
     * @param bounded Apply the sigmoid.
     * @return The head.
     */
    public static RewardHead untrained(boolean bounded) {
        return new RewardHead(bounded, false, 0.0, 1.0);
    }

    /**
     * The reward of a logit before normalisation: what the training loss sees.
     * @param logit The network output.
     * @return sigmoid(logit) if bounded, else the logit.
     */
    public double rawReward(double logit) {
        return bounded ? sigmoid(logit) : logit;
    }

    /**
     * The reward the model predicts.
     * @param logit The network output.
     * @return The raw reward, standardised when {@code normalise} is set.
     */
    public double reward(double logit) {
        double raw = rawReward(logit);
        return normalise ? (raw - mean) / std : raw;
    }

    /**
     * The same head with new statistics.
     * @param normalise Standardise predictions.
     * @param mean The mean raw reward.
     * @param std Its standard deviation; a zero spread (all rewards equal) is stored as 1.
     * @return The head.
     */
    public RewardHead withStatistics(boolean normalise, double mean, double std) {
        return new RewardHead(bounded, normalise, mean, std > 0.0 ? std : 1.0);
    }

    /**
     * The logistic function, without overflow for large |z|.
     * @param z The argument.
     * @return 1 / (1 + e^-z).
     */
    public static double sigmoid(double z) {
        if (z >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
